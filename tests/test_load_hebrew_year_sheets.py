"""A Hebrew registry of one sheet per calendar year of operation beside a sheet of counts
per year (formulas the writing program saved without their values): the counts' sheet is
not read, so its formulas are warnings, not errors; a new fracture written as a yes, its
level and its date (``כן - T12 (02/06/2022)``) is read though the date's day/month order
is proven only by the sheet's other dates; an ODI questionnaire ``לא מולא`` (not filled)
is missing, not an error; a diagnosis followed by its circumstance after a comma
(``אוסטאופורוזיס, נפילה בבית``: osteoporosis, a fall at home) is the diagnosis."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from analysis.load import load_cohort
from analysis.normalize.cells import CellError, parse_category
from analysis.normalize.content import column_fit
from analysis.normalize.headers import LEVEL_DATE
from analysis.problems import ERROR, WARNING
from analysis.spec import load_spec
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

HEADER = ["מס' מחקר", "מין", "גיל", "אבחנה", "תאריך ניתוח", "חוליות", "VP/KP"]
HEADER += ["VAS לפני", "VAS חודש", "ODI לפני", "ODI 3 חודשים", "שבר חדש"]
ROWS = {
    "2021": [
        ["HB-01", "ז", 68, "טראומה - נפילה מגובה", "20/02/2021", "T8", "KP", 8, 4, 52, 16, "לא"],
        ["HB-02", "נ", 80, "אוסטאופורוזיס", "07/03/2021", "L2", "VP", 8, 5, 52, "לא מולא", "לא"],
        [
            "HB-03",
            "נ",
            72,
            "אוסטאופורוזיס, נפילה בבית",
            "11/09/2021",
            "T11",
            "KP",
            7,
            3,
            54,
            20,
            "כן - T12 (02/06/2022)",
        ],
        ["HB-04", "ז", 68, "תאונת דרכים", "28/09/2021", "T9", "KP", 8, 6, 64, 36, "לא"],
        ["HB-05", "נ", 46, "המנגיומה", "19/09/2021", "L1", "VP", 8, 5, 78, 54, "לא"],
    ],
    "2022": [
        [
            "HB-06",
            "נ",
            76,
            "אוסטאופורוזיס, נפילה בבית",
            "04/04/2022",
            "T7",
            "VP",
            7,
            3,
            82,
            60,
            "לא",
        ],
        ["HB-07", "נ", 66, "אוסטאופורוזיס", "08/10/2022", "T8", "KP", 8, 3, 68, "לא מולא", "לא"],
        ["HB-08", "ז", 63, "אוסטאופורוזיס", "23/10/2022", "L3", "VP", 9, 5, 64, 30, "לא"],
    ],
}


def _workbook(path: Path) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for year, rows in ROWS.items():
        ws = wb.create_sheet(year)
        ws.append(HEADER)
        for r in rows:
            ws.append(r)
    counts = wb.create_sheet("סיכום")
    counts.append(["שנה", "מס' ניתוחים"])
    for year in ROWS:
        counts.append([int(year), f"=COUNTA('{year}'!A2:A40)"])  # saved without a value
    wb.save(path)
    return path


@pytest.fixture
def loaded(tmp_path: Path):
    path = _workbook(tmp_path / "registry.xlsx")
    return path, load_cohort(path)


def test_formulas_on_the_counts_sheet_not_read_are_warnings(loaded) -> None:
    _, result = loaded
    formulas = [p for p in result.problems if p.rule == "formula_no_value"]
    assert [(p.sheet, p.cell, p.severity) for p in formulas] == [
        ("סיכום", f"B{i}", WARNING) for i in range(2, 2 + len(ROWS))
    ]
    assert all("not read" in p.message for p in formulas)
    assert [p for p in result.problems if p.severity == ERROR] == []


def test_a_yes_level_and_date_of_ambiguous_order_is_the_new_fracture(loaded, tmp_path: Path) -> None:  # fmt: skip
    path, result = loaded
    fractures = result.cohort.fractures
    # 02/06/2022 day first, as the sheet's operation dates (20/02/2021) prove: 264 days
    assert list(zip(fractures["patient_id"], fractures["day"], fractures["level"], strict=True)) == [("HB-03", 264, "T12")]  # fmt: skip
    _reproduced_by_its_mapping(path, tmp_path)


def test_a_level_and_date_of_ambiguous_order_fits_a_fracture_column() -> None:
    values = ["לא"] * 6 + ["כן - T12 (02/06/2022)"]
    fit = column_fit(values, LEVEL_DATE)
    assert (fit.n_values, fit.n_parsed) == (1, 1)
    assert column_fit(["כן - T12 (32/06/2022)"], LEVEL_DATE).n_parsed == 0  # no date


def test_odi_not_filled_is_missing_and_the_diagnoses_are_read(loaded) -> None:
    _, result = loaded
    odi = result.cohort.assessments.query("measure == 'odi' and timepoint == '3m'")
    assert sorted(odi["patient_id"]) == ["HB-01", "HB-03", "HB-04", "HB-05", "HB-06", "HB-08"]
    got = dict(zip(result.cohort.patients["patient_id"], result.cohort.patients["etiology"], strict=True))  # fmt: skip
    assert {k: got[k] for k in ("HB-03", "HB-04", "HB-05", "HB-06")} == {
        "HB-03": "osteoporotic",
        "HB-04": "traumatic",
        "HB-05": "other",
        "HB-06": "osteoporotic",
    }


@pytest.mark.parametrize(
    ("cell", "etiology"),
    [
        ("אוסטאופורוזיס, נפילה בבית", "osteoporotic"),
        ("osteoporosis, fall at home", "osteoporotic"),
        ("תאונת דרכים", "traumatic"),
        ("המנגיומה", "other"),
    ],
)
def test_a_diagnosis_before_a_comma_names_the_etiology(cell: str, etiology: str) -> None:
    assert parse_category(cell, load_spec().column("patients", "etiology")) == etiology


def test_two_diagnoses_apart_by_a_comma_name_no_one_etiology() -> None:
    with pytest.raises(CellError, match="not a recognised etiology"):
        parse_category("אוסטאופורוזיס, גרורות", load_spec().column("patients", "etiology"))


def test_a_fracture_date_of_ambiguous_order_takes_the_order_of_the_workbooks_other_texts(tmp_path: Path) -> None:  # fmt: skip
    """A sheet whose only date written as text is a fracture's ``09/11/2021`` takes the
    day-first order another sheet's fracture ``28/11/2021`` proves."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    header = ["Study ID", "Procedure date", "Level", "Technique", "New fracture"]
    rows = {
        "First": [
            ["P-01", datetime(2021, 8, 1), "T10", "VP", "yes - T12 (09/11/2021)"],
            ["P-02", datetime(2021, 8, 20), "L1", "VP", "no"],
        ],
        "Second": [
            ["P-03", datetime(2021, 9, 3), "L4", "KP", "yes - L2 (28/11/2021)"],
            ["P-04", datetime(2021, 9, 9), "T8", "KP", "no"],
        ],
    }
    for name, sheet_rows in rows.items():
        ws = wb.create_sheet(name)
        ws.append(header)
        for r in sheet_rows:
            ws.append(r)
    path = tmp_path / "two.xlsx"
    wb.save(path)
    result = load_cohort(path)
    assert [p for p in result.problems if p.severity == ERROR] == []
    got = sorted(zip(result.cohort.fractures["patient_id"], result.cohort.fractures["day"], result.cohort.fractures["level"], strict=True))  # fmt: skip
    assert got == [("P-01", 100, "T12"), ("P-03", 86, "L2")]
    _reproduced_by_its_mapping(path, tmp_path)
