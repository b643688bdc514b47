"""A Tetum register (Timor-Leste), one row per treated vertebra: the patient's cells and the
session's cells merged down over their vertebrae; sex as ``Feto``/``Mane``, age as ``78
tinan``, the session (``Sesaun``), the cement's leak (``Vazamentu simentu``: ``Lae``, ``Sim
– veia``), pain at months (``EVA 1 fulan``) with ``la halo`` for a visit not done, a new
fracture as its level and date in one cell (``Fratura foun``) and died (``Mate?``: ``Sim
(04/2021)``, ``Lae``); names (``Naran kompletu``) and record numbers (``No. Prosesu``)
never read."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from analysis.load import inspect_input, load_cohort
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

_HEADER = ["No. Estudu", "Naran kompletu", "No. Prosesu", "Seksu", "Idade", "Kauza fratura",
           "Sesaun", "Data operasaun", "Vértebra", "Téknika", "Simentu (ml)", "Tipu simentu",
           "Vazamentu simentu", "EVA antes", "EVA 1 fulan", "EVA 3 fulan",
           "Fratura foun (vértebra – data)", "Mate?"]  # fmt: skip

# patient cells (A-F, Q-R) merged over all the patient's rows, session cells (G-H, L, N-P)
# over the session's vertebrae; each row: the patient's, the session's, the vertebra's
_PATIENTS = [
    (["TL-1", "MARIA SOARES", "HNGV-10001", "Feto", "71 tinan", "Osteoporoze"],
     ["L2 – 14/06/2022", "Lae"],
     [([1, "09/02/2022", "PMMA", 7, 3, "la halo"], [("L1", "VP", "3"), ("L2", "VP", "3,5")])]),
    (["TL-2", "João Belo", "HNGV-10002", "Mane", "64 tinan", "Metástase"],
     ["Lae", "Sim (04/2023)"],
     [([1, "01/03/2022", "PMMA", 9, 4, 2], [("T8", "KP", "4,5"), ("T9", "KP", "5")]),
      ([2, "17/05/2022", "PMMA", 8, "la halo", 1], [("T7", "VP", "2,5")])]),
    (["TL-3", "Ana Guterres", "HNGV-10003", "Feto", "80 tinan", "Osteoporoze"],
     ["Lae", "Lae"],
     [([1, "20/04/2022", "PMMA", 6, 2, 1], [("T12", "VP", "4")])]),
]  # fmt: skip
_LEAKS = {"L1": "Lae", "L2": "Sim – veia", "T8": "Sim – disku", "T9": "Lae", "T7": "Lae",
          "T12": "Sim – paravertebral"}  # fmt: skip


def _register(tmp_path: Path) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Rejistu"
    ws.append(["HOSPITÁL NASIONÁL – Rejistu Vertebroplastia / Kifoplastia"])
    ws.append(["Moras: Eskala EVA 0-10.  'la halo' = avaliasaun la halo."])
    ws.append([])
    ws.append(_HEADER)
    row = 5
    for patient, tail, sessions in _PATIENTS:
        first = row
        for (n, day, cement, pre, m1, m3), vertebrae in sessions:
            start = row
            for level, technique, volume in vertebrae:
                cells = [None] * len(_HEADER)
                cells[8:11] = [level, technique, volume]
                cells[12] = _LEAKS[level]
                if row == start:
                    cells[6:8] = [n, day]
                    cells[11] = cement
                    cells[13:16] = [pre, m1, m3]
                if row == first:
                    cells[0:6] = patient
                    cells[16:18] = tail
                for col, value in enumerate(cells, start=1):
                    ws.cell(row=row, column=col, value=value)
                row += 1
            for col in (7, 8, 12, 14, 15, 16):
                if row - 1 > start:
                    ws.merge_cells(start_row=start, start_column=col, end_row=row - 1, end_column=col)  # fmt: skip
        if row - 1 > first:
            for col in (1, 2, 3, 4, 5, 6, 17, 18):
                ws.merge_cells(start_row=first, start_column=col, end_row=row - 1, end_column=col)
    book.save(tmp_path / "rejistu.xlsx")
    return tmp_path / "rejistu.xlsx"


@pytest.fixture
def register(tmp_path: Path) -> Path:
    return _register(tmp_path)


def test_a_tetum_register_of_merged_vertebra_rows(register, tmp_path):
    loaded = load_cohort(register)
    assert loaded.errors == []
    p = loaded.cohort.patients.set_index("patient_id")
    assert p["sex"].astype(str).to_dict() == {"TL-1": "female", "TL-2": "male", "TL-3": "female"}
    assert p["age_years"].to_dict() == {"TL-1": 71, "TL-2": 64, "TL-3": 80}
    assert p["died"].astype(bool).to_dict() == {"TL-1": False, "TL-2": True, "TL-3": False}
    procs = loaded.cohort.procedures
    got = {
        (r.patient_id, str(r.level)): (r.cement_volume_ml, str(r.leakage), str(r.technique))
        for r in procs.itertuples()
    }
    assert got == {
        ("TL-1", "L1"): (3.0, "none", "vertebroplasty"),
        ("TL-1", "L2"): (3.5, "venous", "vertebroplasty"),
        ("TL-2", "T8"): (4.5, "disc", "kyphoplasty"),
        ("TL-2", "T9"): (5.0, "none", "kyphoplasty"),
        ("TL-2", "T7"): (2.5, "none", "vertebroplasty"),
        ("TL-3", "T12"): (4.0, "paravertebral", "vertebroplasty"),
    }
    assert procs.groupby("patient_id")["procedure_id"].nunique().to_dict() == {
        "TL-1": 1, "TL-2": 2, "TL-3": 1
    }  # fmt: skip
    a = loaded.cohort.assessments
    scores = {(r.patient_id, str(r.timepoint)): r.value for r in a.itertuples() if r.measure == "pain_vas"}  # fmt: skip
    assert scores[("TL-1", "1m")] == 3
    assert ("TL-1", "3m") not in scores  # "la halo": not done
    assert scores[("TL-3", "3m")] == 1
    assert sorted(zip(a["patient_id"], a["timepoint"].astype(str), strict=True)).count(("TL-2", "1m")) == 1  # fmt: skip
    f = loaded.cohort.fractures
    assert list(zip(f["patient_id"], f["level"].astype(str), f["day"], strict=True)) == [
        ("TL-1", "L2", 125)
    ]


def test_the_tetum_columns_are_shown_and_written_to_the_mapping(register, tmp_path):
    labels = {col.letter: col.label for col in inspect_input(register).columns}
    assert [labels[x] for x in "ABCDEFGM"] == [
        "patients.patient_id", "identifier:name", "identifier:mrn", "patients.sex",
        "patients.age_years", "patients.etiology", "procedures.procedure_id",
        "procedures.leakage",
    ]  # fmt: skip
    assert [labels[x] for x in "OPR"] == ["pain_vas@1m", "pain_vas@3m", "patients.died"]
    _reproduced_by_its_mapping(register, tmp_path)
