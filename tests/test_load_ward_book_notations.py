"""A ward's operation book typed by nurses in English with Tok Pisin words: pain scores
written after the scale's name (``VAS 8``) or out of ten (``8/10``), the day-after score
headed ``Pain after`` beside ``Pain before``, ``meri`` (a woman), volumes each after its
level with only a space between (``T12 3.5ml L1 4.5ml``), a cause before the fracture sign
(``OP # fall in garden``: an osteoporotic fracture, the fall its circumstance), and rows
typed before later columns were added (shorter than the header: not recorded, never
shifted). A header that is the millilitre unit alone (``ml``) is each vertebra's cement;
the unit of a longer header (``Vol. 2 (ml)``) never names the field by itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.load import load_cohort
from analysis.normalize import match_header
from analysis.normalize.cells import parse_category, parse_score, parse_volumes
from analysis.normalize.headers import bare_volume_unit
from analysis.spec import load_spec


@pytest.mark.parametrize(
    ("cell", "score"), [("VAS 8", 8.0), ("VAS 8/10", 8.0), ("8/10", 8.0), ("VAS:3", 3.0)]
)
def test_a_score_after_its_measure_name_and_a_space(cell: str, score: float) -> None:
    assert parse_score(cell, load_spec().measures["pain_vas"], None) == score


def test_a_score_after_another_measure_name_is_no_score() -> None:
    with pytest.raises(ValueError, match="not a number"):
        parse_score("ODI 8", load_spec().measures["pain_vas"], None)


@pytest.mark.parametrize(
    ("cell", "volumes"),
    [
        ("T12 3.5ml L1 4.5ml", (3.5, 4.5)),
        ("L3 3.5ml L4 3ml L5 4.5ml", (3.5, 3.0, 4.5)),
        ("T12 3.5 cc L1 4 cc", (3.5, 4.0)),
        ("13ml total", None),
        ("L1 4.5", None),
    ],
)
def test_volumes_set_apart_by_their_levels_only(cell: str, volumes: tuple[float, ...] | None) -> None:  # fmt: skip
    assert parse_volumes(cell) == volumes


@pytest.mark.parametrize(
    ("cell", "cause"),
    [
        ("OP # fall in garden", "osteoporotic"),
        ("OP vertebral # (fall at home)", "osteoporotic"),
        ("trauma # L1", "traumatic"),
        ("# after fall", "traumatic"),
        ("fall", "traumatic"),
    ],
)
def test_a_cause_named_before_the_fracture_sign(cell: str, cause: str) -> None:
    assert parse_category(cell, load_spec().column("patients", "etiology")) == cause


def test_after_alone_names_the_first_post_procedure_point() -> None:
    found = match_header("Pain after")
    assert found is not None and (found.measure, found.timepoint) == ("pain_vas", "24h")
    later = match_header("Pain after 3 months")
    assert later is not None and later.timepoint == "3m"


HEADER = (
    "ID,Date of op,Name,Age,Sex,Diagnosis,Level,Procedure,Cement,Pain before,Pain after,"
    "Remarks,Leak,Pain 1 month,Pain 3 months\n"
)
CSV = HEADER + (
    "W-01,17/08/2017,Anna Tes,87,meri,OP # fall in garden,T12/L1,PVP,T12 3.5ml L1 4.5ml,VAS 8,5,\n"
    "W-02,20/10/2017,Bob Tes,47,man,OP wedge #,L4,PVP,5ml,9,VAS 6,\n"
    "W-03,19-Sep-19,Cara Tes,74,meri,osteoporosis,L2,VP,3.5mls,8/10,VAS 16,,nogat,2,no kam\n"
    "W-04,13-Jun-20,Dan Tes,45,M,OP #,T8,VP,2ml,9/10,6,,nogat,4,VAS 5\n"
)


def test_a_ward_book_in_english_and_tok_pisin(tmp_path: Path) -> None:
    path = tmp_path / "input.csv"
    path.write_text(CSV, encoding="utf-8")
    result = load_cohort(path)
    patients = result.cohort.patients.set_index("patient_id")
    assert patients["sex"].to_dict() == {"W-01": "female", "W-02": "male", "W-03": "female", "W-04": "male"}  # fmt: skip
    assert patients.loc["W-01", "etiology"] == "osteoporotic"
    procs = result.cohort.procedures
    got = dict(zip(zip(procs["patient_id"], procs["level"], strict=True), procs["cement_volume_ml"], strict=True))  # fmt: skip
    assert got == {("W-01", "T12"): 3.5, ("W-01", "L1"): 4.5, ("W-02", "L4"): 5.0, ("W-03", "L2"): 3.5, ("W-04", "T8"): 2.0}  # fmt: skip
    a = result.cohort.assessments.query("measure == 'pain_vas'")
    scores = {
        (p, t): v for p, t, v in zip(a["patient_id"], a["timepoint"], a["value"], strict=True)
    }
    assert scores == {
        ("W-01", "pre"): 8.0,
        ("W-01", "24h"): 5.0,
        ("W-02", "pre"): 9.0,
        ("W-02", "24h"): 6.0,
        ("W-03", "pre"): 8.0,
        ("W-03", "1m"): 2.0,
        ("W-04", "pre"): 9.0,
        ("W-04", "24h"): 6.0,
        ("W-04", "1m"): 4.0,
        ("W-04", "3m"): 5.0,
    }
    errors = [(e.row, e.column) for e in result.errors]
    assert errors == [(4, "Pain after")]  # the one score out of its scale: VAS 16
    assert "must lie within 0-10" in str(result.errors[0])


def test_a_bare_ml_header_is_the_cement_of_each_vertebra(tmp_path: Path) -> None:
    path = tmp_path / "input.csv"
    path.write_text(
        "Study ID,Sex,Age,Date of procedure,Level,ml,VAS pre\n"
        "A-1,F,70,2022-03-01,T12,3,8\n"
        "A-1,F,70,2022-03-01,L1,2,8\n"
        "A-2,M,75,2022-04-05,L2,5,9\n"
        "A-3,M,75,2022-04-06,L4,3,9\n",
        encoding="utf-8",
    )
    result = load_cohort(path)
    assert not result.errors
    procs = result.cohort.procedures
    got = dict(zip(procs["level"], procs["cement_volume_ml"], strict=True))
    assert got == {"T12": 3.0, "L1": 2.0, "L2": 5.0, "L4": 3.0}


def test_the_unit_of_a_longer_header_names_no_field(tmp_path: Path) -> None:
    assert bare_volume_unit(" mL ") and bare_volume_unit("ml")
    assert not bare_volume_unit("Vol. 2 (ml)") and not bare_volume_unit("cc")
    assert match_header("ml") is None  # a part of a header: its words name the field
    path = tmp_path / "input.csv"
    path.write_text(
        "Study ID,Sex,Age,Date of procedure,Level 1,Vol. 1 (ml),Level 2,Vol. 2 (ml),VAS pre\n"
        "A-1,F,70,2022-03-01,T12,3.5,L1,4,8\n"
        "A-2,M,75,2022-04-05,L2,3,,,9\n",
        encoding="utf-8",
    )
    result = load_cohort(path)
    assert not result.errors
    procs = result.cohort.procedures
    got = dict(zip(zip(procs["patient_id"], procs["level"], strict=True), procs["cement_volume_ml"], strict=True))  # fmt: skip
    assert got == {("A-1", "T12"): 3.5, ("A-1", "L1"): 4.0, ("A-2", "L2"): 3.0}


@pytest.mark.parametrize(("cell", "measure", "score"), [("ODI 64%", "odi", 64.0), ("ODI64%", "odi", 64.0), ("VAS7", "pain_vas", 7.0)])  # fmt: skip
def test_a_score_after_its_own_name_with_its_unit(cell: str, measure: str, score: float) -> None:
    assert parse_score(cell, load_spec().measures[measure], None) == score


@pytest.mark.parametrize("cell", ["ODI 6%", "ODI6", "VAS 4"])
def test_a_measure_name_before_a_number_is_no_other_field_number(cell: str) -> None:
    """A measure's name before a number is read by that measure's column only: under
    another measure, an age or a cement volume it is an error, never the number."""
    from analysis.normalize.cells import parse_number

    with pytest.raises(ValueError, match="not a number"):
        parse_number(cell)
    other = "pain_vas" if cell.startswith("ODI") else "odi"
    with pytest.raises(ValueError, match="not a number"):
        parse_score(cell, load_spec().measures[other], None)
