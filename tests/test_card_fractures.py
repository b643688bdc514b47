"""Patient cards with a new-fractures table: ``Aucune`` (none) written alone under its
header says the card has no new fracture, and a fracture date that could be day-first or
month-first (``05/11/2021``) takes the order the workbook's other dates prove
(``15/03/2021``: day first). Inspect says so, and the mapping it writes (with the column's
``date_order``) loads the same cohort."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl

from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping
from tests.test_sheet_shapes import _cohort, write_cards


def _with_fractures(path: Path, none_word: str = "Aucune") -> tuple[Path, str]:
    """Procedure dates as text ``dd/mm/yyyy``; under each card a new-fractures table, the
    first card's with one fracture on an ambiguous date, the others' saying none."""
    wb = openpyxl.load_workbook(path)
    cards = [ws for ws in wb.worksheets if ws.title not in ("Patients", "Notes")]
    for k, ws in enumerate(cards):
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, (date, datetime)):
                    cell.value = cell.value.strftime("%d/%m/%Y")
        r = ws.max_row + 2
        ws.cell(r, 1, "New fractures")
        ws.cell(r + 1, 1, "Date")
        ws.cell(r + 1, 2, "Level")
        if k == 0:
            ws.cell(r + 2, 1, "05/11/2021")
            ws.cell(r + 2, 2, "T9")
        else:
            ws.cell(r + 2, 1, none_word)
    wb.save(path)
    return path, cards[0].title


def test_card_fracture_tables_saying_none_and_an_ambiguous_date(tmp_path: Path) -> None:
    cohort = _cohort(5)
    path, first = _with_fractures(write_cards(cohort, tmp_path / "cards.xlsx"))
    result = load_cohort(path)
    assert not result.errors
    assert len(result.cohort.patients) == 5
    fractures = result.cohort.fractures
    assert list(fractures["patient_id"].astype(str)) == [first]
    assert list(fractures["level"].astype(str)) == ["T9"]
    procs = result.cohort.procedures
    start = min(
        datetime.strptime(str(ws_date), "%d/%m/%Y").date() for ws_date in _first_dates(path, first)
    )
    assert int(fractures["day"].iloc[0]) == (date(2021, 11, 5) - start).days
    assert set(procs["patient_id"].astype(str)) == set(cohort.patients["patient_id"].astype(str))
    date_col = next(c for c in inspect_input(path).columns if c.label == "date:fracture_date")
    assert "day/month order (dmy) as the workbook's other date columns" in date_col.reason
    written = tmp_path / "mapping.yaml"
    written.write_text(inspect_input(path).mapping_yaml(), "utf-8")
    assert "date_order: dmy" in written.read_text("utf-8")
    mapped = load_cohort(path, options_from_mapping(read_mapping(written))).cohort
    for table in ("patients", "procedures", "assessments", "fractures"):
        assert getattr(mapped, table).equals(getattr(result.cohort, table)), table


def _first_dates(path: Path, sheet: str) -> list[str]:
    ws = openpyxl.load_workbook(path)[sheet]
    return [
        str(c.value)
        for row in ws.iter_rows()
        for c in row[1:2]
        if isinstance(c.value, str) and c.value.count("/") == 2 and c.value != "05/11/2021"
    ]


def test_a_workbook_proving_no_order_leaves_the_fracture_date_open(tmp_path: Path) -> None:
    cohort = _cohort(3)
    path, _ = _with_fractures(write_cards(cohort, tmp_path / "cards.xlsx"), "none")
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                text = cell.value
                if isinstance(text, str) and text.count("/") == 2 and text != "05/11/2021":
                    cell.value = datetime.strptime(text, "%d/%m/%Y")  # dates as dates again
    wb.save(path)
    errors = load_cohort(path).errors
    assert any("could be day-first or month-first" in p.message for p in errors)
