"""A Swahili baseline form, one row per procedure: sex as ``ME``/``KE`` (mwanaume,
mwanamke), the cause (``Chanzo cha mvunjiko``: ``Ajali ya gari``), the procedure's date
(``Tarehe ya utaratibu``), the level (``Kiwango 1``) followed by its cement
(``Saruji (ml)``), the cement's kind (``Aina ya saruji``) and status (``Hai``,
``Amefariki``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from analysis.load import inspect_input, load_cohort
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

_HEADER = ["Namba ya utafiti", "Tarehe ya utaratibu", "Jinsia\n(ME/KE)", "Umri (miaka)",
           "Chanzo cha mvunjiko\n(Cause)", "Kiwango 1", "Saruji (ml)",
           "Aina ya saruji", "Maumivu kabla", "Hali (Hai / Amefariki)"]  # fmt: skip


def _form(tmp_path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Msingi"
    ws.append(_HEADER)
    ws.append(["DRH-1", dt.datetime(2022, 1, 15), "KE", 65, "Osteoporosis (uzee)", "T11", 4.5,
               "PMMA (Vertecem)", 8, "Hai"])  # fmt: skip
    ws.append(["DRH-2", dt.datetime(2022, 8, 2), "ME", 69, "Ajali ya gari (RTA)", "T12", 3.5,
               "PMMA (Vertecem)", 10, "Amefariki"])  # fmt: skip
    ws.append(["DRH-3", dt.datetime(2022, 9, 20), "KE", 74, "Ajali", "L2", 5,
               "PMMA (Osteopal)", 7, "Hai"])  # fmt: skip
    wb.save(tmp_path / "fomu.xlsx")
    return tmp_path / "fomu.xlsx"


def test_a_swahili_baseline_form(tmp_path):
    path = _form(tmp_path)
    c = load_cohort(path).cohort
    p = c.patients.set_index("patient_id")
    assert p["sex"].astype(str).to_dict() == {"DRH-1": "female", "DRH-2": "male", "DRH-3": "female"}
    assert p["died"].astype(bool).to_dict() == {"DRH-1": False, "DRH-2": True, "DRH-3": False}
    assert p["etiology"].astype(str).to_dict() == {
        "DRH-1": "osteoporotic", "DRH-2": "traumatic", "DRH-3": "traumatic"
    }  # fmt: skip
    procs = sorted(zip(c.procedures["patient_id"], c.procedures["level"].astype(str), c.procedures["cement_volume_ml"], c.procedures["cement_type"].astype(str), strict=True))  # fmt: skip
    assert procs == [
        ("DRH-1", "T11", 4.5, "PMMA"), ("DRH-2", "T12", 3.5, "PMMA"), ("DRH-3", "L2", 5.0, "PMMA"),
    ]  # fmt: skip
    labels = {col.letter: col.label for col in inspect_input(path).columns}
    assert [labels[x] for x in "BCEF"] == [
        "date:procedure_date", "patients.sex", "patients.etiology", "procedures.level"
    ]  # fmt: skip
    _reproduced_by_its_mapping(path, tmp_path)


def test_a_new_fracture_column_of_levels_and_dates_with_hakuna_for_none(tmp_path):
    """``Mvunjiko mpya (pingili - tarehe)``: ``Hakuna`` (there is none) on most rows, a
    level and its date on the others: the new fractures, no cell in error."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Namba ya utafiti", "Tarehe ya upasuaji", "Jinsia", "Pingili (level)", "Mvunjiko mpya (pingili - tarehe)"])  # fmt: skip
    ws.append(["ZN-1", "03/01/2022", "KE", "T12", "L1 - 15/07/2022"])
    ws.append(["ZN-2", "14/02/2022", "ME", "L2", "Hakuna"])
    ws.append(["ZN-3", "21/03/2022", "KE", "L4", "Hakuna"])
    ws.append(["ZN-4", "05/04/2022", "KE", "T8", "T9 - 20/10/2022 (kikao cha 2)"])
    ws.append(["ZN-5", "16/05/2022", "ME", "T11", "Hakuna"])
    wb.save(tmp_path / "daftari.xlsx")
    result = load_cohort(tmp_path / "daftari.xlsx")
    assert result.errors == []
    f = result.cohort.fractures
    assert sorted(zip(f["patient_id"], f["level"].astype(str), f["day"], strict=True)) == [
        ("ZN-1", "L1", 193), ("ZN-4", "T9", 198)
    ]  # fmt: skip
