"""A patient excluded for an error on the row of the index procedure: the new fracture's
day, counted from the patient's later session (the only procedure left), is no error of
its own; without the error above, a fracture before the index procedure still is."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from analysis.load import load_cohort
from analysis.problems import ERROR
from tests.test_any_workbook import _workbook


def _register(tmp_path: Path, first_level: str) -> Path:
    return _workbook(
        tmp_path / "registro.xlsx",
        {
            "Pacientes": _PATIENTS,
            "Sesiones": [*_SESSIONS[:1], [*_SESSIONS[1][:3], first_level, 3.5], *_SESSIONS[2:]],
        },
    )


_PATIENTS = [
    ["Código", "Sexo", "Edad", "Nueva fractura"],
    ["P1", "F", 71, "T11 (07/08/2023)"],
    ["P2", "M", 66, "No"],
    ["P3", "F", 80, "L3 (15/09/2023)"],
    ["P4", "F", 75, "T9 (01/10/2023)"],
]
_SESSIONS = [
    ["Código", "Sesión", "Fecha", "Niveles", "Volumen (ml)"],
    ["P1", 1, dt.datetime(2023, 5, 1), "T10", 3.5],
    ["P1", 2, dt.datetime(2023, 8, 20), "T11", 4],
    ["P2", 1, dt.datetime(2023, 6, 2), "L1", 5],
    ["P3", 1, dt.datetime(2023, 6, 5), "L2", 4.5],
    ["P4", 1, dt.datetime(2023, 7, 5), "T8", 3],
]


def _errors(path: Path) -> list[tuple[str, int, str]]:
    return [(p.sheet, p.row, p.rule) for p in load_cohort(path).problems if p.severity == ERROR]


def test_a_fracture_before_a_later_session_of_an_excluded_patient_is_no_error(tmp_path):
    errors = _errors(_register(tmp_path, "T15"))
    assert [(sheet, row) for sheet, row, _ in errors] == [("Sesiones", 2)]


def test_a_fracture_before_the_index_procedure_is_still_an_error(tmp_path):
    c = load_cohort(_register(tmp_path, "T10")).cohort
    assert sorted(zip(c.fractures["patient_id"], c.fractures["day"].astype(int), strict=True)) == [
        ("P1", 98), ("P3", 102), ("P4", 88)
    ]  # fmt: skip
    patients = [*_PATIENTS[:4], ["P4", "F", 75, "T9 (01/06/2023)"]]
    path = _workbook(tmp_path / "early.xlsx", {"Pacientes": patients, "Sesiones": _SESSIONS})
    assert _errors(path) == [("Pacientes", 5, "sequence")]
