"""A Punjabi register in Gurmukhi, one row per session: the cause (``ਓਸਟੀਓਪੋਰੋਸਿਸ``,
osteoporosis), the technique (``ਵਰਟੀਬ੍ਰੋਪਲਾਸਟੀ``, ``ਕਾਈਫੋਪਲਾਸਟੀ``) and the status
(``ਸਥਿਤੀ``) as ``ਠੀਕ / alive`` (well) or ``ਮੌਤ ਹੋ ਗਈ`` (died) with its date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from analysis.load import inspect_input, load_cohort
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

_HEADER = ["Study No.", "ਮਿਤੀ (Date)", "ਕਾਰਨ (Diagnosis)", "Level", "Procedure", "ਸਥਿਤੀ (Status)"]
_ROWS = [
    ["ASR-1", dt.datetime(2023, 1, 5), "ਓਸਟੀਓਪੋਰੋਸਿਸ", "L1", "ਵਰਟੀਬ੍ਰੋਪਲਾਸਟੀ", "ਠੀਕ / alive"],
    [
        "ASR-2",
        dt.datetime(2023, 2, 7),
        "Multiple myeloma",
        "L2",
        "ਕਾਈਫੋਪਲਾਸਟੀ",
        "ਮੌਤ ਹੋ ਗਈ 25-07-2024",
    ],
    ["ASR-3", dt.datetime(2023, 3, 9), "ਓਸਟੀਓਪੋਰੋਸਿਸ", "T12", "VP", "ਠੀਕ / alive"],
]


def _register(tmp_path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "VP register"
    ws.append(_HEADER)
    for row in _ROWS:
        ws.append(row)
    wb.save(tmp_path / "register.xlsx")
    return tmp_path / "register.xlsx"


def test_a_punjabi_register_with_its_cause_technique_and_status(tmp_path):
    path = _register(tmp_path)
    c = load_cohort(path).cohort
    p = c.patients.set_index("patient_id")
    assert p["died"].astype(bool).to_dict() == {"ASR-1": False, "ASR-2": True, "ASR-3": False}
    assert p["etiology"].astype(str).to_dict() == {
        "ASR-1": "osteoporotic", "ASR-2": "pathologic", "ASR-3": "osteoporotic"
    }  # fmt: skip
    technique = dict(zip(c.procedures["patient_id"], c.procedures["technique"].astype(str), strict=True))  # fmt: skip
    assert technique == {
        "ASR-1": "vertebroplasty",
        "ASR-2": "kyphoplasty",
        "ASR-3": "vertebroplasty",
    }
    labels = {col.letter: col.label for col in inspect_input(path).columns}
    assert labels["F"] == "patients.died"
    _reproduced_by_its_mapping(path, tmp_path)
