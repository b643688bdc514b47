"""Readings met in batch 19's visit sheets and patient cards: a cement volume written with
its total word (merged over the session's vertebra rows) is the session's total once; a
label on a card whose value is blank or unknown leaves the next label its own value; a
vital status written in words with a month-name date and a detail; a visit named by its
time point in shorthand and then the second session (``2/52 post 2nd``); the words of
Hungarian, Danish and Greenlandic visit sheets."""

from __future__ import annotations

import pytest

from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping
from analysis.normalize.cells import WrittenTotal, parse_boolean, parse_cell, parse_number
from analysis.normalize.deaths import names_death
from analysis.normalize.timepoints import session_named_last, timepoint_of
from analysis.spec import load_spec
from tests.test_any_workbook import _workbook


def _same_as_mapped(path, loaded, tmp_path) -> None:
    written = tmp_path / "mapping.yaml"
    written.write_text(inspect_input(path).mapping_yaml(), "utf-8")
    mapped = load_cohort(path, options_from_mapping(read_mapping(written))).cohort
    for table in ("patients", "procedures", "assessments"):
        assert getattr(loaded.cohort, table).equals(getattr(mapped, table)), table


def _visit_sheets(tmp_path, visit_date: object = "2022.04.01."):
    procedures = [
        [
            "Azonosító",
            "Név",
            "Műtét dátuma",
            "Eljárás",
            "Csigolya",
            "Cement (ml)",
            "Preop mobilitás (0-4)",
        ],
        ["DE-01", "Nagy Anna", "2022.03.03.", "PVP", "Th11", "össz. 7", 3],
        [None, None, None, None, "Th12", None, None],
        ["DE-02", "Kiss Béla", "2022.03.05.", "PVP", "L1", "4,5", 2],
        ["DE-03", "Tóth Éva", "2022.03.07.", "BKP", "L2", "8.5 total", 4],
        [None, None, None, None, "L3", None, None],
    ]
    month = [
        ["Azonosító", "Név", "Vizsgálat dátuma", "VAS (mm)", "Mobilitás (0-4)"],
        ["DE-01", "Nagy Anna", visit_date, 30, 1],
        ["DE-02", "Kiss Béla", "2022.04.04.", 40, 2],
        ["DE-03", "Tóth Éva", "2022.04.06.", 20, 0],
    ]
    merges = [("Műtét", f"{c}{r}:{c}{r + 1}") for c in "ABCDFG" for r in (2, 5)]
    return _workbook(tmp_path / "visits.xlsx", {"Műtét": procedures, "1 hónap": month}, merges)


def test_a_volume_with_its_total_word_over_a_sessions_rows_is_the_sessions_total_once(tmp_path):
    path = _visit_sheets(tmp_path)
    loaded = load_cohort(path)
    procs = loaded.cohort.procedures.set_index(["patient_id", "level"])
    session = procs["session_cement_volume_ml"].astype(float).to_dict()
    assert session[("DE-01", "T11")] == session[("DE-01", "T12")] == 7.0
    assert session[("DE-03", "L2")] == session[("DE-03", "L3")] == 8.5
    assert session[("DE-02", "L1")] == 4.5
    # the total is no vertebra's own volume
    assert procs.loc[[("DE-01", "T11"), ("DE-01", "T12")], "cement_volume_ml"].isna().all()
    assert loaded.errors == []
    _same_as_mapped(path, loaded, tmp_path)


def test_a_hungarian_mobility_header_is_the_mobility_score_not_a_phone(tmp_path):
    path = _visit_sheets(tmp_path)
    loaded = load_cohort(path)
    got = loaded.cohort.assessments
    mobility = got[got["measure"] == "mobility"]
    assert sorted(zip(mobility["timepoint"].astype(str), mobility["value"], strict=True)) == [
        ("1m", 0.0), ("1m", 1.0), ("1m", 2.0), ("pre", 2.0), ("pre", 3.0), ("pre", 4.0)
    ]  # fmt: skip
    read = {(c.sheet, c.header): c.label for c in inspect_input(path).columns}
    assert read[("1 hónap", "Mobilitás (0-4)")] == "mobility@?"
    assert read[("Műtét", "Preop mobilitás (0-4)")] == "mobility@pre"


def test_a_visit_dated_before_its_procedure_names_the_date_column_beside_a_name(tmp_path):
    # the date column stands right of the name's column: its header is never shown
    path = _visit_sheets(tmp_path, visit_date="2022.02.10.")
    (error,) = load_cohort(path).errors
    assert (error.sheet, error.cell) == ("1 hónap", "C2")
    assert error.column == "visit date"
    assert "dated 21 days before its procedure" in error.message
    assert "Nagy" not in error.message


def _card(study: str, birth: str, age: str, outcome: str, visits: list[list[object]]):
    return [
        ["FOLLOW-UP CARD", None, None, None, None, None],
        [None] * 6,
        ["Study No:", study, None, "Ward:", "B8", None],
        ["Date of birth:", birth, None, "Age:", age, None],
        ["Sex:", "F", None, "Diagnosis:", "OP vertebral # (fall at home) T11", None],
        [None] * 6,
        ["PROCEDURE(S)", None, None, None, None, None],
        ["Date", "Session", "Level", "Procedure", "Cement (mls)", "Leak"],
        ["04/03/2022", "1st", "T11", "VP", 3, "paraspinal"],
        ["08/05/2022", "2nd", "L1", "VP", 4, "nil"],
        [None] * 6,
        ["FOLLOW-UP", None, None, None, None, None],
        ["Date", "Visit", "VAS (0-10)", "ODI (%)", "Comments", None],
        ["03/03/2022", "Pre-op", 8, 70, None, None],
        ["18/03/2022", "2/52", 4, 40, "DNA" if study.endswith("2") else None, None],
        *visits,
        [None] * 6,
        ["OUTCOME:", outcome, None, None, None, None],
    ]


def test_a_card_read_with_unknown_birth_date_vital_status_and_visits_after_a_second_session(
    tmp_path,
):
    second = [
        ["07/05/2022", "Pre-op (2nd)", 7, 60, None, None],
        ["22/05/2022", "2/52 post 2nd", 3, 30, "ali bwino", None],
        ["19/06/2022", "6/52 post 2nd", 2, 20, None, None],
    ]
    cards = {
        "VA-01": _card("LC-01", "not known", "85 yrs (est.)", "Alive at last review", second),
        "VA-02": _card("LC-02", "20/09/1954", "67 yrs", "Died 15-May-22 – died in ward", []),
        "VA-03": _card("LC-03", "not known", "74 yrs (est.)", "Died 27/06/2022 – at home", []),
    }
    path = _workbook(tmp_path / "cards.xlsx", cards)
    loaded = load_cohort(path)
    patients = loaded.cohort.patients.set_index("patient_id")
    assert patients["age_years"].to_dict() == {"LC-01": 85, "LC-02": 67, "LC-03": 74}
    assert patients["died"].astype(str).to_dict() == {"LC-01": "False", "LC-02": "True", "LC-03": "True"}  # fmt: skip
    assert set(patients["etiology"].astype(str)) == {"osteoporotic"}
    assert set(loaded.cohort.procedures["leakage"].astype(str)) == {"paravertebral", "none"}
    got = loaded.cohort.assessments
    second_id = loaded.cohort.procedures.query("patient_id == 'LC-01' and level == 'L1'")["procedure_id"].iloc[0]  # fmt: skip
    after_second = got[(got["procedure_id"] == second_id) & (got["measure"] == "pain_vas")]
    assert dict(zip(after_second["timepoint"].astype(str), after_second["value"], strict=True)) == {
        "pre": 7.0,
        "2w": 3.0,
        "6w": 2.0,
    }
    assert loaded.errors == []
    _same_as_mapped(path, loaded, tmp_path)


def test_a_written_total_is_marked_as_the_sessions():
    col = load_spec().column("procedures", "cement_volume_ml")
    for text in ("össz. 7,5", "8.5 total", "összesen 6"):
        assert isinstance(parse_cell(text, col), WrittenTotal), text
    assert not isinstance(parse_cell("3,5", col), WrittenTotal)


@pytest.mark.parametrize(
    ("text", "number"), [("73 yrs (est.)", 73.0), ("85 (est.)", 85.0), ("85 yrs", 85.0)]
)
def test_a_number_with_a_note_in_brackets_is_the_number(text, number):
    assert parse_number(text) == number


def test_a_number_with_a_number_in_brackets_is_not_read_as_one():
    with pytest.raises(ValueError, match="not a number"):
        parse_number("7 (8)")


@pytest.mark.parametrize(
    ("text", "died"),
    [
        ("Alive at last review", False),
        ("Died 15-May-22 – anamwalira (per relatives)", True),
        ("Died 27/04/2022 – died in ward", True),
        ("Died 3 Apr 2023", True),
        ("Naamik", False),
    ],
)
def test_a_vital_status_in_words(text, died):
    assert parse_boolean(text) is died
    assert names_death(text) is died


def test_danish_and_shorthand_visits():
    assert timepoint_of("Præop.") == "pre"
    assert session_named_last("2/52 post 2nd") == ("2w", 2)
    assert session_named_last("3/12 post 2nd") == ("3m", 2)
    assert session_named_last("2/52") is None
