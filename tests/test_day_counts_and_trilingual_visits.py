"""A hospital system's export of one row per event whose dates are spreadsheet day counts
(``44372``) and whose session number stands on every row, new fracture rows too; and a
workbook of one sheet per visit named in two scripts with no mark between
(``ᐱᓇᓱᐊᕐᕕᒃ 6 Weeks``), deaths written in three languages in the visits' comments, and a
later session's cause naming the new fracture it treats with the date it was found."""

from __future__ import annotations

from datetime import date

import pytest

from analysis.load import load_cohort
from analysis.load.inspect import inspect_input
from analysis.load.roles import sheet_timepoint
from analysis.normalize.cells import parse_cell
from analysis.normalize.deaths import death_in_remark, names_death
from analysis.normalize.serials import day_count_years, names_a_date
from analysis.normalize.timepoints import timepoint_of
from analysis.problems import ERROR
from analysis.spec import load_spec
from tests.test_any_workbook import _workbook
from tests.test_load_visit_rows import _reproduced_by_its_mapping


@pytest.mark.parametrize(
    ("name", "point"),
    [
        ("ᐅᓪᓗᖅ 1 Day 1", "24h"),  # the number between the scripts: "1 Day", "Day 1"
        ("ᐱᓇᓱᐊᕐᕕᒃ 6 Weeks", "6w"),  # "Weeks" alone (one week) never read beside a 6
        ("ᑕᖅᑭᑦ 3 Months", "3m"),
        ("ᐊᕐᕌᒍ 1 Year", "12m"),
        ("ᐱᓕᕆᐊᖅ Procedure", None),
    ],
)
def test_a_sheet_named_in_two_scripts_without_a_mark_between(name, point):
    assert sheet_timepoint(name) == point


def test_a_remark_in_three_languages_names_the_death_and_its_date():
    said = "Deceased 2021-04-01 / ᑐᖁᓚᐅᖅᑐᖅ / décédé"
    assert names_death(said) and death_in_remark(said) == date(2021, 4, 1)
    assert not names_death("not seen / ᑕᑯᔭᐅᓚᐅᙱᑦᑐᖅ / non vu")


def _visit_rows(deaths: dict[str, str]) -> list[list[object]]:
    rows: list[list[object]] = [
        ["ᐊᑐᐊᒐᖅ ᓈᓴᐅᑖ", "ᐅᓪᓗᖓ", "ᐋᓐᓂᐊᓂᖅ (mm)", "ᐅᖃᐅᓯᐅᔪᑦ"],
        ["Study ID", "Visit date", "VAS (mm)", "Comments"],
        ["N° d'étude", "Date de visite", "EVA (mm)", "Commentaires"],
    ]
    for pid, visit in (("TR-1", "2021-02-20"), ("TR-2", "2021-03-20"), ("TR-3", "2021-04-20")):
        if pid in deaths:
            rows.append([pid, None, None, f"Deceased {deaths[pid]} / ᑐᖁᓚᐅᖅᑐᖅ / décédé"])
        else:
            rows.append([pid, visit, 31, None])
    return rows


def test_visit_sheets_named_in_two_scripts_with_deaths_in_their_comments(tmp_path):
    procedures = [
        ["Study ID", "Age", "Cause", "Session", "Date", "Level(s)", "Pre VAS (mm)"],
        ["TR-1", 70, "Osteoporosis", 1, "2021-01-10", "L1", 80],
        ["TR-2", 75, "ATV accident", 1, "2021-01-12", "T12", 70],
        ["TR-3", 80, "Osteoporosis", 1, "2021-01-14", "L2", 90],
        ["TR-1", 70, "New T11 fracture on CT 2021-03-01 / ᓯᖁᒃᑐᖅ ᓄᑖᖅ", 2, "2021-03-05", "T11", 60],
    ]
    path = _workbook(
        tmp_path / "visits.xlsx",
        {
            "ᐱᓕᕆᐊᖅ Procedure": procedures,
            "ᐱᓇᓱᐊᕐᕕᒃ 6 Weeks": _visit_rows({"TR-3": "2021-02-01"}),
            "ᑕᖅᑭᑦ 3 Months": _visit_rows({"TR-2": "2021-04-01", "TR-3": "2021-02-01"}),
        },
    )
    loaded = load_cohort(path)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    cohort = loaded.cohort
    pain = cohort.assessments[cohort.assessments["measure"] == "pain_vas"]
    assert sorted(pain.loc[pain["timepoint"] != "pre", "timepoint"]) == ["3m", "6w", "6w"]
    patients = cohort.patients.set_index("patient_id")
    assert patients.loc["TR-2", "etiology"] == "traumatic"  # "ATV accident"
    assert [bool(patients.loc[p, "died"]) for p in ("TR-1", "TR-2", "TR-3")] == [False, True, True]
    assert patients.loc["TR-3", "death_day"] == 18
    # the second session's cause: its new fracture, found on the date it gives
    fractures = cohort.fractures
    assert list(
        zip(fractures["patient_id"], fractures["level"], fractures["day"], strict=True)
    ) == [("TR-1", "T11", 50)]
    assert patients.loc["TR-1", "etiology"] == "osteoporotic"
    _reproduced_by_its_mapping(path, tmp_path)


def _export(tmp_path, header: str):
    lines = [
        f"ID_Estudo;Idade;Etiologia;Episodio;{header};Tipo_Evento;Nivel;EVA",
        "CVP-01;70;Queda;1;44372;Avaliação pré-op;;7",
        "CVP-01;70;Queda;1;44372;Procedimento;L1;",
        "CVP-01;70;Queda;1;44373;Pós-op 24h;;4",
        "CVP-01;70;Queda;1;44464;Consulta 3 meses;;2",
        "CVP-01;70;Queda;1;44600;Nova fratura;L2;",
        "CVP-02;80;Osteoporose;1;44380;Avaliação pré-op;;8",
        "CVP-02;80;Osteoporose;1;44380;Procedimento;T12;",
        "CVP-02;80;Osteoporose;1;44381;Pós-op 24h;;5",
        "CVP-02;80;Osteoporose;1;44470;Consulta 3 meses;;3",
    ]
    path = tmp_path / "export.csv"
    path.write_bytes("\r\n".join(lines).encode("cp1252"))
    return path


def test_an_event_export_dated_by_day_counts_under_a_date_header(tmp_path):
    path = _export(tmp_path, "Data_Evento")
    loaded = load_cohort(path)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    cohort = loaded.cohort
    procs = cohort.procedures
    assert sorted(zip(procs["patient_id"], procs["level"], strict=True)) == [
        ("CVP-01", "L1"),
        ("CVP-02", "T12"),
    ]
    # the new fracture's row (session 1 written on it too) treats no vertebra
    fractures = cohort.fractures
    assert list(
        zip(fractures["patient_id"], fractures["level"], fractures["day"], strict=True)
    ) == [("CVP-01", "L2", 228)]
    pain = cohort.assessments.set_index(["patient_id", "timepoint"])["value"]
    assert pain[("CVP-01", "pre")] == 7 and pain[("CVP-01", "3m")] == 2  # "Avaliação pré-op"
    assert cohort.patients.set_index("patient_id").loc["CVP-01", "etiology"] == "traumatic"
    columns = _reproduced_by_its_mapping(path, tmp_path)
    assert columns["Data_Evento"].label == "date:procedure_date"
    assert "spreadsheet day counts" in columns["Data_Evento"].reason
    assert "2021-2022" in columns["Data_Evento"].reason


def test_day_counts_under_a_header_naming_no_date_are_not_dates(tmp_path):
    path = _export(tmp_path, "Blorp")
    by_header = {c.header: c for c in inspect_input(path).columns}
    assert by_header["Blorp"].label is None
    assert "its header names no date" in by_header["Blorp"].reason


def test_day_count_years_and_date_headers():
    assert day_count_years([44372, "44830", None]) == (2021, 2022)
    assert day_count_years([44372, "2021-06-24"]) is None  # not every cell a number
    assert day_count_years(["20210624"]) is None  # a date without separators
    assert names_a_date("Data_Evento") and names_a_date("Data_Nasc")
    assert not names_a_date("N_Processo")


def test_portuguese_and_english_words():
    spec = load_spec()
    etiology = spec.column("patients", "etiology")
    assert parse_cell("Queda", etiology) == "traumatic"
    assert parse_cell("ATV accident", etiology) == "traumatic"
    assert timepoint_of("Avaliação pré-op") == "pre"
