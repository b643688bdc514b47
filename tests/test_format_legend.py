"""A register keeping values in its cells' formats, explained by a legend under the table:
a level cell filled red for a disc leak or blue for a venous one (no fill, no leak), a
patient's row filled yellow for a death, a visit's date struck through when the visit was
not made. Only formats the sheet's own legend explains are read."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
from openpyxl.styles import Font, PatternFill

from analysis.io.xlsx import read_workbook
from analysis.io.xlsx_marks import marked_styles
from analysis.load import inspect_input, load_cohort
from analysis.load.format_legend import DIED, LEAK, NOT_DONE, meaning
from analysis.problems import ERROR
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

RED, BLUE, YELLOW = (PatternFill("solid", fgColor=c) for c in ("FFFF0000", "FF4F81BD", "FFFFFF00"))
HEADER = ["Code", "Sexe", "Date interv.", "Niveau 1", "Vol. 1 (mL)", "Niveau 2", "Vol. 2 (mL)"]
HEADER += ["EVA pré-op", "Date M1", "EVA M1"]
LEGEND = [
    (RED, "Niveau en rouge = fuite de ciment discale"),
    (BLUE, "Niveau en bleu = fuite veineuse"),
    (YELLOW, "Ligne jaune = patient décédé"),
]


def _register(path: Path, legend: bool = True) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    for i in range(6):
        second = "L2" if i % 2 else None
        ws.append([f"P-{i + 1:02d}", "F", datetime(2022, 3, 1 + i), "L1", 3.0, second,
                   2.5 if second else None, 8, datetime(2022, 4, 1 + i), 3])  # fmt: skip
    ws["D2"].fill = RED  # P-01 L1: disc
    ws["F3"].fill = BLUE  # P-02 L2: venous
    for cell in ws[5]:  # P-04 died
        cell.fill = YELLOW
    ws["I7"] = datetime(2022, 2, 1)  # P-06's planned visit, before the operation: not made
    ws["I7"].font = Font(strike=True)
    ws["J7"] = None
    if legend:
        ws.append([])
        for fill, text in LEGEND:
            ws.append([None, text])
            ws.cell(ws.max_row, 1).fill = fill
        ws.append([datetime(2022, 3, 12), "Date barrée = consultation non faite (date prévue)"])
        ws.cell(ws.max_row, 1).font = Font(strike=True)
    wb.save(path)
    return path


def test_a_legend_line_says_what_a_format_means_by_its_last_words():
    assert meaning("Niveau en rouge = fuite de ciment discale · تسرب قرصي") == (LEAK, "disc")
    assert meaning("Ligne jaune = patient décédé · متوفى") == (DIED, "")
    assert meaning("Date barrée = consultation non faite (date prévue)") == (NOT_DONE, "")
    assert meaning("Niveau en gris = à revoir") is None


def test_the_styles_that_fill_or_strike_cells_are_found(tmp_path):
    styles = marked_styles(_zip_member(_register(tmp_path / "r.xlsx"), "xl/styles.xml"))
    assert {m.fill for m in styles.values()} >= {"FF0000", "4F81BD", "FFFF00"}
    assert any(m.struck for m in styles.values())
    marks = read_workbook(tmp_path / "r.xlsx")[0].marks.at()
    assert marks[(2, 4)].fill == "FF0000" and marks[(7, 9)].struck


def _zip_member(path: Path, name: str) -> bytes:
    import zipfile

    with zipfile.ZipFile(path) as z:
        return z.read(name)


def test_leaks_deaths_and_visits_not_made_are_read_from_formats_the_legend_explains(tmp_path):
    path = _register(tmp_path / "register.xlsx")
    loaded = load_cohort(path)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    procs = loaded.cohort.procedures.set_index(["patient_id", "level"])["leakage"]
    assert procs[("P-01", "L1")] == "disc"
    assert procs[("P-02", "L2")] == "venous"
    assert procs[("P-02", "L1")] == "none" and procs[("P-03", "L1")] == "none"
    died = loaded.cohort.patients.set_index("patient_id")["died"]
    assert bool(died["P-04"]) and not any(bool(died[p]) for p in died.index if p != "P-04")
    a = loaded.cohort.assessments
    assert not ((a["patient_id"] == "P-06") & (a["timepoint"] == "1m")).any()
    report = inspect_input(path)
    how = {c.letter: c.reason for c in report.columns}
    assert how["K"].startswith("the fill of column D's level cells, by the legend")
    assert "struck-through = not done" in report.sheets[0].note
    _reproduced_by_its_mapping(path, tmp_path)


def test_fills_no_legend_explains_are_not_read(tmp_path):
    loaded = load_cohort(_register(tmp_path / "register.xlsx", legend=False))
    assert loaded.cohort.procedures["leakage"].isna().all()
    assert loaded.cohort.patients["died"].isna().all()
