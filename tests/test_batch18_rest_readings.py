"""Readings general to any unit, first met in blind workbooks: a key line on the data
sheet giving a column's letter codes (Irish ``B = baineann (female), F = fireann (male)``),
a third header row numbering the sessions above the fields' groups, a date typed into
Excel in a Buddhist-era year, a visit's date naming its time point, and the words of
Irish, Portuguese and Thai a register writes for its fields and values."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from analysis.load import inspect_input, load_cohort
from analysis.load.header import _timed_visit_date
from analysis.normalize import parse_cell
from analysis.normalize.dates import parse_date_column
from analysis.normalize.headers import match_header
from analysis.spec import load_spec
from tests.test_any_workbook import _workbook
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping


def _patients(path: Path) -> dict[str, dict]:
    patients = load_cohort(path).cohort.patients
    return {r["patient_id"]: r for r in patients.to_dict("records")}


def _irish_register(path: Path, key: str | None) -> Path:
    patients = [
        ["Uimhir Staidéir", "Inscne", "Aois", "Stádas"],
        ["GA-01", "B", 71, "Beo"],
        ["GA-02", "F", 64, "Beo"],
        ["GA-03", "B", 80, "Básaithe 03/02/2024"],
    ]
    if key is not None:
        patients += [[], [key]]
    procedures = [
        ["Study No", "Date", "Level", "Cement (mL)"],
        ["GA-01", datetime(2023, 1, 10), "L1", 4],
        ["GA-02", datetime(2023, 2, 11), "T12", 3.5],
        ["GA-03", datetime(2023, 3, 12), "L2", 5],
    ]
    return _workbook(path, {"Othair": patients, "Procedures": procedures})


def test_a_key_line_on_the_sheet_gives_its_letter_codes(tmp_path):
    key = "Eochair / Key: Inscne B = baineann (female), F = fireann (male). Aois = age."
    path = _irish_register(tmp_path / "galway.xlsx", key)
    got = _patients(path)
    # F is male here, as the sheet's own key says, not the English guess
    assert [got[p]["sex"] for p in ("GA-01", "GA-02", "GA-03")] == ["female", "male", "female"]
    assert [got[p]["died"] for p in ("GA-01", "GA-02", "GA-03")] == [False, False, True]
    assert [got[p]["age_years"] for p in ("GA-01", "GA-02")] == [71, 64]
    notes = [s.note for s in inspect_input(path).sheets if s.status == "legend"]
    assert notes and "Inscne: B = female, F = male" in notes[0]
    _reproduced_by_its_mapping(path, tmp_path)


def test_without_a_key_the_letters_are_not_given_a_meaning_the_sheet_never_wrote(tmp_path):
    got = _patients(_irish_register(tmp_path / "galway.xlsx", None))
    assert got["GA-02"]["sex"] != "male" or got["GA-01"]["sex"] != "female"


def test_irish_headers_and_values():
    assert match_header("Uimhir Staidéir").label == "patients.patient_id"
    assert match_header("Inscne").label == "patients.sex"
    assert match_header("Aois").label == "patients.age_years"
    sex = load_spec().column("patients", "sex")
    assert parse_cell("baineann", sex) == "female"
    assert parse_cell("fireann", sex) == "male"


def test_a_third_header_row_numbers_the_sessions(tmp_path):
    # IDENTIFICAÇÃO | 1.ª INTERVENÇÃO | 2.ª INTERVENÇÃO over the fields, EVA over its points
    band = ["IDENTIFICAÇÃO", None, "1.ª INTERVENÇÃO", *[None] * 6, "2.ª INTERVENÇÃO (nova fractura)", *[None] * 6]  # fmt: skip
    fields = ["Data", "Vértebra(s)", "Técnica", "Volume (ml)", "Extravasamento", "EVA (0-10)", None]
    groups = ["Nº Estudo", "Idade", *fields, *fields]
    points = [None] * 7 + ["Pré", "1 mês"] + [None] * 5 + ["Pré", "1 mês"]
    blank = [None] * 7
    rows = [
        ["Registo"],
        [],
        band,
        groups,
        points,
        [
            "AO-01",
            70,
            "04-06-22",
            "L1",
            "Vertebroplastia",
            "4,0",
            "Venoso",
            8,
            3,
            "14-04-23",
            "D12",
            "Vertebroplastia",
            "2,0",
            "Discal",
            7,
            2,
        ],
        ["AO-02", 66, "07-07-22", "L3", "Cifoplastia", "3,5", "Não", 6, 2, *blank],
        ["AO-03", 76, "17-07-22", "L4", "Vertebroplastia", "3,5", "Não", 6, 2, *blank],
    ]
    merges = [("Registo", r) for r in ("A3:B3", "C3:I3", "J3:P3", "H4:I4", "O4:P4")]
    merges += [("Registo", f"{c}4:{c}5") for c in "ABCDEFGJKLMN"]
    path = _workbook(tmp_path / "luanda.xlsx", {"Registo": rows}, merges)
    cohort = load_cohort(path).cohort
    procs = cohort.procedures[cohort.procedures["patient_id"] == "AO-01"].sort_values("day")
    assert list(procs["level"]) == ["L1", "T12"]
    assert list(procs["day"]) == [0, (date(2023, 4, 14) - date(2022, 6, 4)).days]
    scores = cohort.assessments[cohort.assessments["patient_id"] == "AO-01"]
    second = scores[scores["procedure_id"] == procs["procedure_id"].iloc[1]]
    assert sorted(zip(second["timepoint"], second["value"], strict=True)) == [("1m", 2.0), ("pre", 7.0)]  # fmt: skip
    _reproduced_by_its_mapping(path, tmp_path)


def test_portuguese_no_leak_named_with_its_word():
    leak = load_spec().column("procedures", "leakage")
    assert parse_cell("Sem extravasamento", leak) == "none"


def test_thai_no_leak_and_cancer_words():
    assert parse_cell("ไม่รั่ว", load_spec().column("procedures", "leakage")) == "none"
    assert (
        parse_cell("มะเร็งตับแพร่กระจาย", load_spec().column("patients", "etiology")) == "pathologic"
    )


def test_a_date_stored_in_a_buddhist_era_year_is_converted():
    got = parse_date_column([datetime(2565, 11, 2), date(2566, 5, 5), datetime(2022, 1, 3)])
    assert got == [date(2022, 11, 2), date(2023, 5, 5), date(2022, 1, 3)]


def test_a_visit_date_naming_its_time_point_dates_that_visit_only():
    found = _timed_visit_date("Date of 3-mo visit", {})
    assert found is not None and found[1].label == "date:visit_date@3m"
    assert _timed_visit_date("Date of visit", {}) is None  # no time point: every visit's
    assert _timed_visit_date("VAS 3 mo", {}) is None  # a score, not a date


def test_a_transposed_register_dates_only_its_three_month_visit(tmp_path):
    rows = [
        ["Study ID", "TH-01", "TH-02"],
        ["Date", "19/10/2565", datetime(2565, 11, 2)],
        ["Level 1", "T6", "L3"],
        ["VAS pre-op", 9, 7],
        ["VAS 2 wk", 5, 3],
        ["VAS 3 mo", 3, 2],
        ["Date of 3-mo visit", "16/01/2566", datetime(2566, 2, 6)],
    ]
    path = _workbook(tmp_path / "bangkok.xlsx", {"Register": rows})
    loaded = load_cohort(path)
    assert sorted(loaded.cohort.patients["patient_id"]) == ["TH-01", "TH-02"]
    assert not [p for p in loaded.problems if p.severity == "error"]


def test_a_field_marked_second_is_the_second_sessions():
    from analysis.load.header import _read_header
    from analysis.load.header_sessions import _slot_target

    for header in ("Leakage (2nd)", "Cement volume (mL, 2nd)"):
        reading = _read_header([header], {})
        assert reading[7] == 2, header  # the session
    found = _slot_target("VAS pre-op (2nd)", {})
    assert found is not None and found[0].label == "pain_vas@pre" and found[2] == 2


def test_an_unused_second_session_block_of_dashes_is_no_session(tmp_path):
    rows = [
        [
            "Study ID",
            "Date",
            "Level",
            "Leakage",
            "Date (2nd)",
            "Level (2nd)",
            "Leakage (2nd)",
            "VAS pre-op (2nd)",
        ],
        ["P-01", "12/03/2023", "L1", "disc", "20/09/2023", "T12", "none", 8],
        ["P-02", "15/04/2023", "L2", "none", "-", "-", "-", "-"],
        ["P-03", "18/05/2023", "T11", "venous", "-", "-", "-", "-"],
    ]
    path = _workbook(tmp_path / "second.xlsx", {"Register": rows})
    loaded = load_cohort(path)
    assert not [p for p in loaded.problems if p.severity == "error"]
    procs = loaded.cohort.procedures
    assert procs.groupby("patient_id")["procedure_id"].nunique().to_dict() == {"P-01": 2, "P-02": 1, "P-03": 1}  # fmt: skip
    second = loaded.cohort.assessments
    assert len(second[second["patient_id"] == "P-01"]) == 1
