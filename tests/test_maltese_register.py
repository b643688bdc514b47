"""A Maltese form, one row per procedure: status ``Miet?`` answered ``Iva``/``Le``
(yes/no), and the cement's leak (``Tnixxija``) as ``Le`` or ``Iva – vina`` (yes, into a
vein), ``Iva – diska``, ``Iva – paravertebrali``, ``Iva – epidurali``, ``Iva – foramen``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from analysis.load import inspect_input, load_cohort
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

_HEADER = ["Nru. tal-Istudju", "Data", "Sess", "Età (snin)", "Livell", "Ċement (ml)",
           "Tnixxija", "Miet?"]  # fmt: skip
_LEAKS = ["Le", "Iva – vina", "Iva – diska", "Iva – paravertebrali", "Iva – epidurali",
          "Iva – foramen"]  # fmt: skip


def _form(tmp_path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Proċeduri"
    ws.append(_HEADER)
    for i, leak in enumerate(_LEAKS, start=1):
        ws.append([f"MDH-{i}", dt.datetime(2022, 1, i), "Mara" if i % 2 else "Raġel", 60 + i,
                   f"L{i % 5 + 1}", 3.5, leak, "Iva" if i in (2, 5) else "Le"])  # fmt: skip
    wb.save(tmp_path / "formola.xlsx")
    return tmp_path / "formola.xlsx"


def test_a_maltese_form_with_yes_no_and_the_leak(tmp_path):
    path = _form(tmp_path)
    c = load_cohort(path).cohort
    died = c.patients.set_index("patient_id")["died"].astype(bool).to_dict()
    assert died == {f"MDH-{i}": i in (2, 5) for i in range(1, 7)}
    leaks = dict(zip(c.procedures["patient_id"], c.procedures["leakage"].astype(str), strict=True))
    assert leaks == {
        "MDH-1": "none", "MDH-2": "venous", "MDH-3": "disc", "MDH-4": "paravertebral",
        "MDH-5": "epidural", "MDH-6": "foraminal",
    }  # fmt: skip
    labels = {col.letter: col.label for col in inspect_input(path).columns}
    assert [labels[x] for x in "GH"] == ["procedures.leakage", "patients.died"]
    _reproduced_by_its_mapping(path, tmp_path)


def test_a_maltese_sheet_of_new_fractures_is_not_read_as_procedures(tmp_path):
    path = _form(tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb.create_sheet("Ksur ġodda")
    ws.append(["Nru. tal-Istudju", "Data tad-dijanjosi", "Livell", "Kif instab"])
    ws.append(["MDH-2", dt.datetime(2022, 3, 4), "T10", "MRI"])
    ws.append(["MDH-4", dt.datetime(2022, 5, 4), "L1", "CT"])
    wb.save(path)
    c = load_cohort(path).cohort
    assert len(c.procedures) == len(_LEAKS)
    fractures = sorted(zip(c.fractures["patient_id"], c.fractures["day"], c.fractures["level"].astype(str), strict=True))  # fmt: skip
    assert fractures == [("MDH-2", 61, "T10"), ("MDH-4", 120, "L1")]
    labels = {(col.sheet, col.letter): col.label for col in inspect_input(path).columns}
    assert labels[("Ksur ġodda", "A")] == "patients.patient_id"
    assert labels[("Ksur ġodda", "B")] == "date:fracture_date"
    _reproduced_by_its_mapping(path, tmp_path)
