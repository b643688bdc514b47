"""A Polish register of one row per treated vertebra: dates with their month in Roman
numerals (``6 II 2020``, ``2.IV.2021``), the patient's cells and the repeat operation's
cells merged down the vertebra rows, ``WP``/``KP`` for the technique, ``zm.`` for a death;
and a Czech register under a two-row header whose groups say ``předop.`` (before) and
``opakovaná operace`` (the repeat operation)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from analysis.load import load_cohort
from analysis.normalize.cells import CellError
from analysis.normalize.dates import date_inside, parse_date_column
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

_HEADER = [
    "Nr w badaniu", "Płeć", "Wiek", "Data zabiegu", "Metoda", "Poziom", "Cement [ml]",
    "VAS przed", "VAS 3 mies.", "Data (II zabieg)", "Metoda (II zabieg)",
    "Poziom (II zabieg)", "Cement [ml] (II zabieg)", "VAS przed (II zabieg)",
    "Nowe złamanie (poziom, data)", "Zgon",
]  # fmt: skip


def _register(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Rejestr"
    ws.append(_HEADER)
    ws.append(["PL-01", "K", 71, "6 II 2020", "WP", "L1", "2,5", 8, 3, "12.X.2020", "KP", "Th12", "4", 9, "Th12 – 1 X 2020", None])  # fmt: skip
    ws.append([None, None, None, None, None, "L2", "3", None, None, None, None, None, None, None, None, None])  # fmt: skip
    ws.append(["PL-02", "M", 66, "2.IV.2021", "KP", "Th11", "5", 7, "zm.", None, None, None, None, None, "–", "zm. 26.VI.2021"])  # fmt: skip
    ws.append(["PL-03", "K", 80, datetime(2021, 5, 3), "WP", "L3", "3,5", 9, 2, None, None, None, None, None, "–", "† 3 XI 2021"])  # fmt: skip
    for col in "ABCDEHIJKLMNOP":  # the patient's and the repeat operation's cells
        ws.merge_cells(f"{col}2:{col}3")
    wb.save(path)
    return path


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("12 III 2021", datetime(2021, 3, 12)),
        ("2.IV.2021", datetime(2021, 4, 2)),
        ("17. XII. 2022", datetime(2022, 12, 17)),
        ("1.IX.21", datetime(2021, 9, 1)),
    ],
)
def test_a_month_in_roman_numerals_is_read(text: str, day: datetime) -> None:
    assert parse_date_column([text]) == [day.date()]


def test_a_roman_month_is_checked_and_found_inside_text() -> None:
    (wrong,) = parse_date_column(["32.III.2022"])
    assert isinstance(wrong, CellError) and "not a valid calendar date" in str(wrong)
    assert date_inside("L2 – 8 VIII 2020", "dmy") == datetime(2020, 8, 8).date()
    assert date_inside("zgon 17 XII 2022", "dmy") == datetime(2022, 12, 17).date()
    # small letters are words ("i" is Polish "and"), never a month
    assert isinstance(parse_date_column(["3 i 2021"])[0], CellError)


def test_a_polish_register_of_vertebra_rows_with_merged_cells(tmp_path: Path) -> None:
    path = _register(tmp_path / "rejestr.xlsx")
    loaded = load_cohort(path)
    assert [p.message for p in loaded.errors] == []
    c = loaded.cohort
    procs = c.procedures.set_index(["patient_id", "level"])
    # the first operation's two vertebrae, and the repeat operation's one, read once
    assert sorted(c.procedures.query("patient_id == 'PL-01'")["level"]) == ["L1", "L2", "T12"]
    assert procs.loc[("PL-01", "T12"), "day"] == (datetime(2020, 10, 12) - datetime(2020, 2, 6)).days  # fmt: skip
    assert procs.loc[("PL-01", "L1"), "technique"] == "vertebroplasty"
    assert procs.loc[("PL-01", "T12"), "technique"] == "kyphoplasty"
    assert procs.loc[("PL-01", "L2"), "cement_volume_ml"] == 3.0
    (fx,) = c.fractures.query("patient_id == 'PL-01'").itertuples()
    assert (fx.level, fx.day) == ("T12", (datetime(2020, 10, 1) - datetime(2020, 2, 6)).days)
    patients = c.patients.set_index("patient_id")
    assert patients.loc["PL-02", "died"] and not patients.loc["PL-01", "died"]
    assert patients.loc["PL-02", "death_day"] == (datetime(2021, 6, 26) - datetime(2021, 4, 2)).days  # fmt: skip
    vas = c.assessments.query("patient_id == 'PL-02' and timepoint == '3m'")
    assert vas.empty  # "zm.": no score, the patient had died
    _reproduced_by_its_mapping(path, tmp_path)


def _czech(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2021"
    ws.append(["ID studie", "pohl.", "věk", "výkon", None, None, None, None, "předop.", None, "3 měs.", None, "opakovaná operace", None, None, None, None])  # fmt: skip
    ws.append([None, None, None, "datum", "obratle", "metoda", "cement (ml)", "typ cementu", "VAS", "ODI", "VAS", "ODI", "datum", "obratel", "metoda", "cement (ml)", "VAS předop."])  # fmt: skip
    ws.append(["CZ-01", "M", 70, datetime(2021, 2, 2), "Th11", "VP", "3,5", "PMMA", 8, 62, "nepřišel", None, datetime(2021, 9, 1), "L1", "KP", "4", 9])  # fmt: skip
    ws.append(["CZ-02", "Ž", 61, datetime(2021, 3, 4), "L2", "VP", "3", "kalciumfosfát", 7, 55, 2, 30, None, None, None, None, None])  # fmt: skip
    for cols in ("D1:H1", "I1:J1", "K1:L1", "M1:Q1"):
        ws.merge_cells(cols)
    for col in "ABC":
        ws.merge_cells(f"{col}1:{col}2")
    wb.save(path)
    return path


def test_a_czech_register_under_a_two_row_header(tmp_path: Path) -> None:
    path = _czech(tmp_path / "registr.xlsx")
    loaded = load_cohort(path)
    assert [p.message for p in loaded.errors] == []
    c = loaded.cohort
    pre = c.assessments.query("timepoint == 'pre'")
    got = sorted(zip(pre["patient_id"], pre["procedure_id"], pre["measure"], pre["value"], strict=True))  # fmt: skip
    assert got == [
        ("CZ-01", "CZ-01-1", "odi", 62.0),
        ("CZ-01", "CZ-01-1", "pain_vas", 8.0),
        ("CZ-01", "CZ-01-2", "pain_vas", 9.0),
        ("CZ-02", "CZ-02-1", "odi", 55.0),
        ("CZ-02", "CZ-02-1", "pain_vas", 7.0),
    ]
    second = c.procedures.query("procedure_id == 'CZ-01-2'")
    assert list(second["level"]) == ["L1"] and list(second["technique"]) == ["kyphoplasty"]
    assert c.procedures.set_index("patient_id").loc["CZ-02", "cement_type"] == "calcium phosphate"
    _reproduced_by_its_mapping(path, tmp_path)
