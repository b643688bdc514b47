"""An Indonesian register: sex headed by its abbreviation 'JK' (jenis kelamin), coded L / P
as its key line says, and 'tdk datang' (did not come) for a visit missed."""

from __future__ import annotations

from analysis.load import load_cohort
from tests.test_any_workbook import _workbook

ROWS = [
    ["Kode", "JK", "Umur", "Tgl Tindakan", "Level", "VAS pre", "VAS 1 bln"],
    ["MD-1", "L", 70, "2021-03-03", "L1", 8, 3],
    ["MD-2", "P", 65, "2021-04-05", "T12", 7, "tdk datang"],
    ["MD-3", "P", 80, "2021-05-06", "L2", 9, 2],
]
KEY = [["KETERANGAN"], ["JK: L = laki-laki, P = perempuan"]]


def test_jk_is_sex_and_tdk_datang_a_visit_missed(tmp_path):
    loaded = load_cohort(_workbook(tmp_path / "m.xlsx", {"Data": ROWS, "Keterangan": KEY}))
    assert loaded.errors == []
    sex = loaded.cohort.patients.set_index("patient_id")["sex"].to_dict()
    assert sex == {"MD-1": "male", "MD-2": "female", "MD-3": "female"}
