"""A Georgian register: a procedures sheet and one sheet per visit named by its time point
(``1 თვე``: 1 month), sex written ქ/მ, and a walking score whose header gives its range in
brackets (``სიარული (0-4) პროცედურამდე``: walking, 0-4, before the procedure)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from analysis.load import load_cohort
from analysis.normalize.headers import match_header
from tests.test_any_workbook import _workbook
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping


def test_a_score_range_in_brackets_is_not_part_of_the_name() -> None:
    pre = match_header("Mobility (0-4) pre")
    assert pre is not None and (pre.measure, pre.timepoint) == ("mobility", "pre")
    later = match_header("სიარულის ქულა (0-4)")
    assert later is not None and later.measure == "mobility"
    vas = match_header("VAS (0-10)")  # a pain scale stays declared
    assert vas is not None and vas.scale == 10.0


_PROCEDURES = [
    [
        "კვლევის №",
        "სქესი",
        "ასაკი",
        "პროცედურის თარიღი",
        "მალა(ები)",
        "ტკივილი (VAS 0-10) პროცედურამდე",
        "სიარული (0-4) პროცედურამდე",
    ],
    ["G-1", "ქ", 71, "17/04/2023", "L1", 8, 1],
    ["G-2", "მ", 65, "14/05/2022", "Th12", 9, 2],
]
_VISIT = ["კვლევის №", "ვიზიტის თარიღი", "ტკივილი (VAS)", "სიარულის ქულა (0-4)"]


def _write(path: Path) -> Path:
    visits = [_VISIT, ["G-2", datetime(2022, 6, 14), 4, 3], ["G-1", datetime(2023, 5, 20), 3, 4]]
    return _workbook(path, {"პროცედურები": _PROCEDURES, "1 თვე": visits})


def test_visit_sheets_and_walking_scores_load_exactly(tmp_path: Path) -> None:
    result = load_cohort(path := _write(tmp_path / "register.xlsx"))
    assert result.errors == []
    cohort = result.cohort
    sex = cohort.patients.set_index(cohort.patients["patient_id"].astype(str))["sex"]
    assert sex.astype(str).to_dict() == {"G-1": "female", "G-2": "male"}
    got = {
        (str(r.patient_id), str(r.measure), str(r.timepoint)): float(r.value)
        for r in cohort.assessments.itertuples()
    }
    assert got == {
        ("G-1", "pain_vas", "pre"): 8, ("G-1", "mobility", "pre"): 1,
        ("G-2", "pain_vas", "pre"): 9, ("G-2", "mobility", "pre"): 2,
        ("G-1", "pain_vas", "1m"): 3, ("G-1", "mobility", "1m"): 4,
        ("G-2", "pain_vas", "1m"): 4, ("G-2", "mobility", "1m"): 3,
    }  # fmt: skip
    _reproduced_by_its_mapping(path, tmp_path)
