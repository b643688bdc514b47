"""A remark naming a new fracture and, in a part of its own, the patient's death.

``2022.7.5 复查MRI示胸11新发骨折，行第2次手术；2023.5.20 死亡`` names the new T11 fracture
and, after the semicolon, the death with its date: both are read.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping

HEAD = ["Study ID", "Sex", "Age", "Date", "Level", "Cement (ml)", "Remarks"]
REMARKS = [
    "2022-07-05 MRI: new fracture T11, second operation; 2023-05-20 died (told by family)",
    "2022-08-01 MRI: new fracture L2",
    "2022-02-10 died",
    None,
]


def _register(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEAD)
    for i, remark in enumerate(REMARKS, start=1):
        ws.append([f"P{i}", "F", 70 + i, "2022-01-04", "L1", 3.0, remark])
    wb.save(path)
    return path


def _read(path: Path, options=None) -> tuple[dict[str, bool], dict[str, str]]:
    cohort = load_cohort(path, options).cohort
    died = dict(zip(cohort.patients["patient_id"], cohort.patients["died"], strict=True))
    levels = dict(zip(cohort.fractures["patient_id"], cohort.fractures["level"], strict=True))
    return {p: bool(d) for p, d in died.items()}, {p: str(lv) for p, lv in levels.items()}


def test_a_death_after_the_new_fracture_in_one_remark_is_read(tmp_path):
    path = _register(tmp_path / "r.xlsx")
    died, fractures = _read(path)
    assert died == {"P1": True, "P2": False, "P3": True, "P4": False}
    assert fractures == {"P1": "T11", "P2": "L2"}
    patients = load_cohort(path).cohort.patients.set_index("patient_id")
    assert patients.loc["P1", "death_day"] == 501  # 2022-01-04 to 2023-05-20


def test_the_unedited_mapping_reads_both(tmp_path):
    path = _register(tmp_path / "r.xlsx")
    written = tmp_path / "mapping.yaml"
    written.write_text(inspect_input(path).mapping_yaml(), "utf-8")
    assert _read(path, options_from_mapping(read_mapping(written))) == _read(path)
