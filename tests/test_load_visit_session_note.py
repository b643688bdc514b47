"""A visit named with the session it follows in a note in brackets (``Pre (2º proc.)``,
``1 mes (2º proc.)``) on a sheet of one measurement per row that has no session column:
the score is the second session's. With a procedures sheet headed ``Nº estudio`` and a
birth date column ``Fecha nac.`` (an identifier, never a date of death), and a missed
visit written ``no concurrió``."""

from __future__ import annotations

from datetime import datetime

import pytest

from analysis.load import load_cohort
from analysis.normalize.headers import match_header
from analysis.normalize.timepoints import session_of
from analysis.problems import ERROR
from tests.test_any_workbook import _workbook
from tests.test_load_visit_rows import _reproduced_by_its_mapping

PROCEDURES = [
    ["Nº estudio", "Fecha nac.", "Sexo", "Fecha", "Niveles", "Técnica", "Volumen"],
    [101, "14/06/1943", "F", datetime(2021, 7, 2), "T6", "VP", 2.5],
    [102, "12/03/1958", "F", datetime(2022, 8, 22), "L3", "VP", 4.5],
    [102, "12/03/1958", "F", datetime(2022, 11, 3), "L1", "VP", 3],
    [103, "30/04/1941", "M", datetime(2022, 2, 8), "T12", "VP", 4],
]
EVALUATIONS = [
    ["Nº estudio", "Visita", "Medida", "Valor"],
    [101, "Pre", "EVA", 6],
    [102, "Pre", "EVA", 8],
    [102, "Pre", "ODI", 70],
    [101, "1 mes", "EVA", "no concurrió"],
    [103, "Pre", "EVA", 9],
    [102, "1 mes", "EVA", 3],
    [102, "Pre (2º proc.)", "EVA", 7],
    [102, "Pre (2º proc.)", "ODI", 62],
    [103, "1 mes", "EVA", 4],
    [102, "1 mes (2º proc.)", "EVA", 2],
]


@pytest.mark.parametrize(
    ("visit", "session"),
    [
        ("Pre (2º proc.)", 2),
        ("1 mes (2º proc.)", 2),
        ("3 months (2nd procedure)", 2),
        ("6 weeks (1st procedure)", 1),
        ("Pre", None),
        ("3 months (phone call)", None),
        ("6 weeks (2)", None),  # a number alone names no session
        ("1 month (2nd and 3rd procedure)", None),
    ],
)
def test_a_visit_note_names_its_session(visit, session):
    assert session_of(visit) == session


def test_spanish_study_number_and_birth_date_headers():
    study = match_header("Nº estudio")
    birth = match_header("Fecha nac.")
    assert study is not None and study.label == "patients.patient_id"
    assert birth is not None and (birth.kind, birth.column) == ("identifier", "birth_date")


def test_scores_of_a_visit_noted_as_the_second_sessions_load_on_it(tmp_path):
    path = _workbook(
        tmp_path / "registro.xlsx", {"Procedimientos": PROCEDURES, "Evaluaciones": EVALUATIONS}
    )
    loaded = load_cohort(path)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    cohort = loaded.cohort
    assert not cohort.patients["died"].fillna(False).astype(bool).any()
    sessions = {
        pid: sorted(g["procedure_id"].unique())
        for pid, g in cohort.procedures.groupby("patient_id")
    }
    first, second = sessions["102"]
    scores = {
        (r.patient_id, r.procedure_id, r.measure, r.timepoint): r.value
        for r in cohort.assessments.itertuples()
    }
    assert scores == {
        ("101", sessions["101"][0], "pain_vas", "pre"): 6,
        ("102", first, "pain_vas", "pre"): 8,
        ("102", first, "odi", "pre"): 70,
        ("102", first, "pain_vas", "1m"): 3,
        ("102", second, "pain_vas", "pre"): 7,
        ("102", second, "odi", "pre"): 62,
        ("102", second, "pain_vas", "1m"): 2,
        ("103", sessions["103"][0], "pain_vas", "pre"): 9,
        ("103", sessions["103"][0], "pain_vas", "1m"): 4,
    }
    readings = _reproduced_by_its_mapping(path, tmp_path)
    visit = [r for r in readings.values() if r.header == "Visita"]
    assert "a note in brackets names the session ('Pre (2º proc.)')" in visit[0].reason
