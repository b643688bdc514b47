"""A Marathi register kept one sheet per month: the procedure's date under ``प्रक्रिया
दिनांक`` (not the technique, ``प्रक्रिया``), the pain before and after in one cell under
``VAS पूर्व/नंतर``, the ODI before under ``ODI पूर्व``, causes in Marathi, and deaths only
in the remarks (``मृत्यू - 29/03/2021``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.load import inspect_input, load_cohort
from analysis.normalize.headers import match_header
from tests.test_any_workbook import _workbook
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

# fmt: off
_HEAD = ["Study ID", "वय/लिंग", "निदान / Diagnosis", "प्रक्रिया दिनांक", "Level", "Procedure",
         "Cement (ml)", "VAS पूर्व/नंतर", "ODI पूर्व", "शेरा / Remarks"]
_MONTHS = {
    "January 2021": [
        ["MR-01", "66/F", "ऑस्टिओपोरोटिक फ्रॅक्चर", "13/01/2021", "D11", "VP", "4.5", "८/७", 50, None],
        ["MR-02", "८५/स्त्री", "Osteoporotic wedge #", "14/01/2021", "L1", "KP", "2.5", "8/3", 57,
         "मृत्यू - 29/03/2021"],
    ],
    "February 2021": [
        ["MR-03", "68/M", "पडल्यामुळे", "11-02-2021", "L2", "VP", "4", "9/5", 72, None],
        ["MR-04", "74/F", "Ca breast mets", "१४/०२/२०२१", "L3", "VP", "2", "9/8", 44,
         "मृत्यू - 02/04/2021"],
    ],
}
# fmt: on


def _write(path: Path) -> Path:
    sheets = {name: [[f"नोंदवही — {name}"], [], _HEAD, *rows] for name, rows in _MONTHS.items()}
    return _workbook(path, sheets)


@pytest.mark.parametrize(
    ("header", "label"),
    [("प्रक्रिया दिनांक", "date:procedure_date"), ("ODI पूर्व", "odi@pre")],
)
def test_marathi_headers(header: str, label: str) -> None:
    found = match_header(header)
    assert found is not None and found.label == label


def test_a_marathi_monthly_register(tmp_path: Path) -> None:
    path = _write(tmp_path / "mr.xlsx")
    loaded = load_cohort(path)
    assert loaded.errors == []
    patients = loaded.cohort.patients.set_index("patient_id")
    assert patients.loc["MR-01", "etiology"] == "osteoporotic"
    assert patients.loc["MR-03", "etiology"] == "traumatic"
    assert patients["died"].to_dict() == {"MR-01": False, "MR-02": True, "MR-03": False, "MR-04": True}  # fmt: skip
    assert patients.loc["MR-04", "death_day"] == 47  # 14/02/2021 (Devanagari) to 02/04/2021
    a = loaded.cohort.assessments.merge(loaded.cohort.procedures[["procedure_id", "patient_id"]].drop_duplicates())  # fmt: skip
    got = {(r.patient_id, r.measure, r.timepoint): r.value for r in a.itertuples()}
    assert got[("MR-01", "pain_vas", "pre")] == 8.0 and got[("MR-01", "pain_vas", "24h")] == 7.0
    assert got[("MR-02", "odi", "pre")] == 57.0
    read = {c.letter: c.label for c in inspect_input(path).columns}
    assert (read["D"], read["H"], read["I"]) == ("date:procedure_date", "pain_vas@pre|24h", "odi@pre")  # fmt: skip
    _reproduced_by_its_mapping(path, tmp_path)
