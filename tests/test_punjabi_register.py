"""A Punjabi register in Gurmukhi, one row per session: the cause (``ਓਸਟੀਓਪੋਰੋਸਿਸ``,
osteoporosis), the technique (``ਵਰਟੀਬ੍ਰੋਪਲਾਸਟੀ``, ``ਕਾਈਫੋਪਲਾਸਟੀ``) and the status
(``ਸਥਿਤੀ``) as ``ਠੀਕ / alive`` (well) or ``ਮੌਤ ਹੋ ਗਈ`` (died) with its date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from analysis.load import inspect_input, load_cohort
from analysis.normalize.cells import parse_volumes
from tests.test_any_workbook import _workbook
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
    return _workbook(tmp_path / "register.xlsx", {"VP register": [_HEADER, *_ROWS]})


def test_a_punjabi_register_with_its_cause_technique_and_status(tmp_path):
    path = _register(tmp_path)
    c = load_cohort(path).cohort
    read = {r.patient_id: (bool(r.died), str(r.etiology)) for r in c.patients.itertuples()}
    assert read == {
        "ASR-1": (False, "osteoporotic"), "ASR-2": (True, "pathologic"), "ASR-3": (False, "osteoporotic")
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


def test_volumes_each_after_its_level_and_a_dash():
    assert parse_volumes("D11-3.5, D12-5.5") == (3.5, 5.5)
    assert parse_volumes("L3 – 5, L4 – 4.5 ml") == (5.0, 4.5)


def test_a_cement_column_of_levels_and_volumes_after_dashes(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Study No.", "ਮਿਤੀ (Date)", "Level", "Cement (ml)"])
    ws.append(["ASR-1", dt.datetime(2023, 1, 5), "D11/D12", "D11-3.5, D12-5.5"])
    ws.append(["ASR-2", dt.datetime(2023, 2, 7), "L3/L4", "L3-5, L4-3"])
    ws.append(["ASR-3", dt.datetime(2023, 3, 9), "L1", "4 ml"])
    wb.save(tmp_path / "register.xlsx")
    c = load_cohort(tmp_path / "register.xlsx").cohort
    got = sorted(zip(c.procedures["patient_id"], c.procedures["level"].astype(str), c.procedures["cement_volume_ml"], strict=True))  # fmt: skip
    assert got == [
        ("ASR-1", "T11", 3.5), ("ASR-1", "T12", 5.5), ("ASR-2", "L3", 5.0), ("ASR-2", "L4", 3.0),
        ("ASR-3", "L1", 4.0),
    ]  # fmt: skip
    _reproduced_by_its_mapping(tmp_path / "register.xlsx", tmp_path)
