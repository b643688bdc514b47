"""A header written in two languages (``Study ID / الرمز``) on the sheet's first row, the
data right under it: the first data row joined under the header reads as many columns
(``Study ID / الرمز HB-01``: one side of the slash known), yet it holds data (numbers,
dates), so it is the first patient's row, never the header's second line (the patient
was lost without a word)."""

from __future__ import annotations

from pathlib import Path

from analysis.load import inspect_input, load_cohort
from tests.test_any_workbook import _workbook

ROWS = [
    [
        "Study ID / الرمز",
        "Sex / الجنس",
        "Age / العمر",
        "Procedure date / تاريخ العملية",
        "Level / المستوى",
    ],
    *[[f"HB-0{k}", "F", 70 + k, f"0{k}/03/2023", "L1"] for k in range(1, 6)],
]


def test_the_first_data_row_under_a_bilingual_header_is_a_patient(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "register.xlsx", {"Register": ROWS})
    assert inspect_input(path).sheets[0].header_row == 1
    result = load_cohort(path)
    assert sorted(result.cohort.patients["patient_id"]) == ["HB-01", "HB-02", "HB-03", "HB-04", "HB-05"]  # fmt: skip
    assert result.rows_in == result.rows_loaded + result.rows_reported
