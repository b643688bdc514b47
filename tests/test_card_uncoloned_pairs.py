"""Patient cards stacked down one sheet whose labels carry no colon: label-value pairs side
by side (``Age | 74 yrs | Cause | Osteoporosis | Expired? | No``) are fields, not a
table's header; a grid of scores whose header names its measure before the time points has
one row per session (``Session 1``, ``Session 2``); a measure's scores along one row after
time-point labels (``Ambulation | Pre-op: | 1 | 3 mths: | 3``) are that measure's."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl

from tests.test_lao_register import loaded_without_errors
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping


def _card(study: str, age: str, cause: str, expired: str, two: bool) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = [
        ("Study No.", study, None, "Reg. No.", "13019/22", None, "Mobile", "77283997"),
        ("Name", "Tshering Dorji", None, "CID", "19297396144", None, "Sex", "M"),
        ("Age", age, None, "Expired?", expired, None, "Cause", cause),
        ("Session", "Date", "Level", "Technique", "Cement (cc)", "Leak", "Cement type", None),
        (1, datetime(2022, 4, 16), "T9", "VP", 2, "Nil", "PMMA", None),
    ]
    if two:
        rows.append((2, datetime(2022, 6, 1), "L1", "KP", 3.5, "Disc", "PMMA", None))
    rows += [
        ("Pain (0-10)", "Pre-op", "Day 1", "2 wks", "3 mths", None, None, None),
        ("Session 1", 8, 4, 6, 4, None, None, None),
    ]
    if two:
        rows.append(("Session 2", 7, "NA", 3, None, None, None, None))
    rows += [
        (
            "Ambulation (1-4)",
            "Pre-op:",
            1,
            "3 mths:",
            3 if two or age != "66 yrs" else "NA",
            None,
            None,
            None,
        ),
        (None,) * 8,
        (None,) * 8,
    ]
    return rows


def _write(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Patient cards"
    ws.append(("Vertebroplasty patient cards",))
    ws.append(())
    for row in (
        *_card("TH-01", "74 yrs", "Osteoporosis", "No", two=True),
        *_card("TH-02", "50 yrs", "Fall (slipped on stairs)", "Yes", two=False),
        *_card("TH-03", "66 yrs", "Metastasis", "No", two=False),
    ):
        ws.append(row)
    wb.save(path)
    return path


def test_cards_without_colons_load_exactly(tmp_path: Path) -> None:
    result, patients = loaded_without_errors(path := _write(tmp_path / "cards.xlsx"))
    assert patients["age_years"].to_dict() == {"TH-01": 74, "TH-02": 50, "TH-03": 66}
    assert patients["etiology"].astype(str).to_dict() == {"TH-01": "osteoporotic", "TH-02": "traumatic", "TH-03": "pathologic"}  # fmt: skip
    assert patients["died"].map(bool).to_dict() == {"TH-01": False, "TH-02": True, "TH-03": False}
    assert set(patients["sex"].astype(str)) == {"male"}
    procs = result.cohort.procedures.set_index(["patient_id", "level"]).sort_index()
    assert procs.loc[("TH-01", "L1"), "procedure_id"] == "TH-01-2"
    assert procs.loc[("TH-01", "L1"), "leakage"] == "disc"
    scores = result.cohort.assessments
    pain = scores[scores["measure"] == "pain_vas"]
    first = pain[pain["patient_id"] == "TH-01"].set_index(["procedure_id", "timepoint"])["value"]
    assert first.to_dict() == {
        ("TH-01-1", "pre"): 8.0,
        ("TH-01-1", "24h"): 4.0,
        ("TH-01-1", "2w"): 6.0,
        ("TH-01-1", "3m"): 4.0,
        ("TH-01-2", "pre"): 7.0,
        ("TH-01-2", "2w"): 3.0,
    }
    walk = scores[scores["measure"] == "mobility"].set_index(["patient_id", "timepoint"])["value"]
    assert walk.loc[("TH-02", "pre")] == 1.0
    assert walk.loc[("TH-02", "3m")] == 3.0
    assert walk.loc[("TH-03", "pre")] == 1.0  # "NA" at 3 months: not attended
    assert ("TH-03", "3m") not in walk.index
    _reproduced_by_its_mapping(path, tmp_path)


def test_dzongkha_labels_and_values_before_their_english() -> None:
    from analysis.normalize import match_header
    from analysis.normalize.cells import parse_boolean, parse_category
    from analysis.spec import load_spec

    assert str(match_header("ཕོ་མོ་ Sex")) == str(match_header("Sex"))
    assert str(match_header("ཤི་ཡོདཔ་ Expired?")) == str(match_header("Expired?"))
    sex = load_spec().column("patients", "sex")
    assert [parse_category(v, sex) for v in ("ཕོ་ M", "མོ་ F")] == ["male", "female"]
    assert [parse_boolean(v) for v in ("ཨིན། Yes", "མེན། No")] == [True, False]
