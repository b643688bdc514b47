"""A form's response export: one row per submission, procedure and follow-up submissions
in one sheet, the scores before the procedure in columns of their own ("Pain score before
the procedure") and each follow-up's scores in one column read with the row's visit
("Pain score at this visit"), dated by a column "Date of this follow-up visit"; a coded
answer written with its label ("3 - Wheelchair") is its code; "Mobility at this visit" is
read at the row's visit."""

from __future__ import annotations

import csv
from datetime import date

import pytest

from analysis.load import load_cohort
from analysis.normalize.cells import CellError, parse_score
from analysis.normalize.headers import match_header
from analysis.problems import ERROR
from analysis.spec import load_spec
from tests.test_load_visit_rows import _reproduced_by_its_mapping

HEAD = [
    "Study ID",
    "Type of submission",
    "Sex",
    "Age (years)",
    "Date of procedure",
    "Vertebral level(s) treated",
    "Pain score before the procedure (0-10)",
    "Oswestry Disability Index before the procedure (%)",
    "Mobility before the procedure",
    "Date of this follow-up visit / contact",
    "Which follow-up visit is this?",
    "Pain score at this visit (0-10)",
    "Oswestry Disability Index at this visit (%)",
    "Mobility at this visit",
    "If yes, level(s) of the new fracture",
]

# patient -> (sex, age, procedure date, levels, pain pre, ODI pre, mobility pre)
PROCEDURES = {
    "F-01": ("Female", 71, date(2021, 3, 6), "T8, T9", 8, 52, "4 - Bedbound"),
    "F-02": ("Male", 66, date(2021, 3, 25), "L1", 7, 50, "2 - Walks with stick or frame"),
    "F-03": ("Female", 80, date(2021, 4, 2), "L2", 9, 64, "3 - Wheelchair"),
}
# patient -> (visit date, visit, pain, ODI, mobility, new fracture level)
FOLLOW_UPS = {
    "F-01": [
        (date(2021, 3, 13), "1 week", 5, None, None, None),
        (date(2021, 6, 1), "3 months", 2, 12, "2 - Walks with stick or frame", "L3"),
    ],
    "F-02": [
        (date(2021, 4, 30), "1 month", 3, None, "1 - Walks without help", None),
        (date(2021, 6, 24), "3 months", 2, 14, "1 - Walks without help", None),
    ],
    "F-03": [(date(2021, 4, 9), "1 week", 6, None, None, None)],
}


def _us(day: date) -> str:
    return f"{day.month}/{day.day}/{day.year}"


def _responses(path):
    """Submissions in the order they came in (by date), as a form writes them."""
    rows: list[tuple[date, list[object]]] = []
    for pid, (sex, age, when, levels, pain, odi, mobility) in PROCEDURES.items():
        cells = [sex, age, _us(when), levels, pain, odi, mobility]
        rows.append((when, [pid, "Procedure", *cells, *[""] * 5]))
    for pid, visits in FOLLOW_UPS.items():
        for when, visit, pain, odi, mobility, fracture in visits:
            cells = [
                _us(when),
                visit,
                pain,
                "" if odi is None else odi,
                mobility or "",
                fracture or "",
            ]
            rows.append((when, [pid, "Follow-up", *[""] * 7, *cells]))
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(HEAD)
        writer.writerows(row for _, row in sorted(rows, key=lambda r: r[0]))
    return path


@pytest.mark.parametrize(
    ("header", "measure"),
    [
        ("Pain score before the procedure (0-10)", "pain_vas"),
        ("Oswestry Disability Index before the procedure (%)", "odi"),
        ("Pain before procedure", "pain_vas"),
    ],
)
def test_a_score_before_the_procedure_is_the_baseline(header, measure):
    target = match_header(header)
    assert target is not None
    assert (target.measure, target.timepoint) == (measure, "pre")


@pytest.mark.parametrize(
    ("cell", "code"),
    [("3 - Wheelchair", 3.0), ("2 = walks with a stick", 2.0), ("1) independent", 1.0), ("4", 4.0)],
)
def test_a_coded_answer_with_its_label_is_its_code(cell, code):
    assert parse_score(cell, load_spec().measures["mobility"], None) == code


def test_a_range_is_no_coded_answer():
    with pytest.raises(CellError, match="not a number"):
        parse_score("3 - 4", load_spec().measures["mobility"], None)


@pytest.mark.parametrize(
    ("header", "measure"),
    [("Mobility at this visit", "mobility"), ("Pain score at this visit (0-10)", "pain_vas")],
)
def test_a_score_at_this_visit_is_at_the_rows_visit(header, measure):
    target = match_header(header)
    assert target is not None
    assert (target.measure, target.timepoint) == (measure, None)


def test_a_follow_up_visit_date_header_names_the_visit_date():
    target = match_header("Date of follow-up visit")
    assert target is not None
    assert (target.kind, target.column) == ("date", "visit_date")


def test_a_form_response_export_loads(tmp_path):
    path = _responses(tmp_path / "responses.csv")
    loaded = load_cohort(path)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    cohort = loaded.cohort
    assert sorted(cohort.patients["patient_id"]) == ["F-01", "F-02", "F-03"]
    scores = {
        (r.patient_id, r.measure, r.timepoint): r.value for r in cohort.assessments.itertuples()
    }
    want = {}
    for pid, (_, _, _, _, pain, odi, mobility) in PROCEDURES.items():
        want[(pid, "pain_vas", "pre")] = pain
        want[(pid, "odi", "pre")] = odi
        want[(pid, "mobility", "pre")] = int(mobility[0])  # "4 - Bedbound": the code
    tps = {"1 week": "1w", "1 month": "1m", "3 months": "3m"}
    for pid, visits in FOLLOW_UPS.items():
        for _, visit, pain, odi, mobility, _ in visits:
            want[(pid, "pain_vas", tps[visit])] = pain
            if odi is not None:
                want[(pid, "odi", tps[visit])] = odi
            if mobility is not None:  # "Mobility at this visit": at the row's visit
                want[(pid, "mobility", tps[visit])] = int(mobility[0])
    assert scores == want
    # each score's day is its visit's, from the visit date column
    day = cohort.assessments.set_index(["patient_id", "measure", "timepoint"])["day"]
    assert day[("F-02", "pain_vas", "1m")] == (date(2021, 4, 30) - date(2021, 3, 25)).days
    # the new fracture is dated by its follow-up's date
    frac = cohort.fractures
    assert list(zip(frac["patient_id"], frac["level"].astype(str), frac["day"], strict=True)) == [
        ("F-01", "L3", (date(2021, 6, 1) - date(2021, 3, 6)).days)
    ]
    readings = _reproduced_by_its_mapping(path, tmp_path)
    assert readings["Date of this follow-up visit / contact"].label == "date:visit_date"
