"""A hospital system's "export to Excel" that writes an HTML table into a file named
``.xls``: read as the one sheet Excel shows (title rows spanning the table, line breaks in
a cell, ``&nbsp;``, a second table under the first), every problem at the row Excel shows;
a real legacy ``.xls`` workbook still refused with its message."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.io.html_tables import is_html_table, read_html_sheet
from analysis.load import load_cohort
from analysis.problems import ERROR, InputFormatError
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

_HEADER = [
    "Study ID",
    "Sex",
    "Age",
    "Procedure date",
    "Level",
    "Cement (ml)",
    "VAS pre",
    "VAS 1 month",
]
_ROWS = [
    ["VP-01", "F", "71", "02/12/2021", "T12<br>L1", "3.5<br>4", "8", "3"],
    ["VP-02", "M", "66", "10/01/2022", "L2", "4.5", "7", "&nbsp;"],
    ["VP-03", "F", "80", "15/02/2022", "L7", "3", "9", "4"],
]


def _page(path: Path) -> Path:
    cells = "".join(f"<td class='h'>{h}</td>" for h in _HEADER)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>\n" for row in _ROWS)
    path.write_text(
        "<html xmlns:x='urn:schemas-microsoft-com:office:excel'>\n<head><meta "
        "http-equiv='Content-Type' content='text/html; charset=utf-8'></head><body>\n"
        "<table border='1'>\n"
        "<tr><td colspan='8'>Spine unit &nbsp;-&nbsp; vertebroplasty register</td></tr>\n"
        f"<tr>{cells}</tr>\n{body}</table>\n"
        "<table><tr><td>Total records : 3</td></tr></table></body></html>",
        encoding="utf-8",
    )
    return path


def test_an_html_table_named_xls_is_read_as_excel_shows_it(tmp_path):
    path = _page(tmp_path / "export.xls")
    assert is_html_table(path.read_bytes())
    sheet = read_html_sheet(path)
    assert sheet.rows[0][0] == "Spine unit - vertebroplasty register"
    assert sheet.merged[0] == (1, 1, 1, 8)  # the title spans the table
    assert sheet.rows[1] == _HEADER
    assert sheet.rows[2][4:6] == ["T12\nL1", "3.5\n4"]  # a <br> a new line in the cell
    assert sheet.rows[3][7] is None  # &nbsp; alone: a blank
    assert sheet.rows[5] == [None] * 8 and sheet.rows[6][0] == "Total records : 3"


def test_its_patients_load_and_its_problems_name_excels_rows(tmp_path):
    path = _page(tmp_path / "export.xls")
    loaded = load_cohort(path)
    procedures = loaded.cohort.procedures
    assert sorted(procedures.loc[procedures["patient_id"] == "VP-01", "level"]) == ["L1", "T12"]
    errors = [p for p in loaded.problems if p.severity == ERROR]
    assert [(p.row, p.column) for p in errors if "L7" in str(p.value)] == [(5, "Level")]
    _reproduced_by_its_mapping(path, tmp_path)


def test_a_table_cell_spanning_rows_and_columns(tmp_path):
    path = tmp_path / "spans.html"
    path.write_text(
        "<table><tr><td rowspan='2'>A</td><td colspan='2'>B</td></tr>"
        "<tr><td>c</td><td>d</td></tr><tr><td>e</td><td rowspan='9'>f</td><td>g</td></tr></table>",
        encoding="utf-8",
    )
    sheet = read_html_sheet(path)
    assert [list(r) for r in sheet.rows] == [["A", "B", None], [None, "c", "d"], ["e", "f", "g"]]
    assert set(sheet.merged) == {(1, 1, 2, 1), (1, 2, 1, 3)}  # a span past the end is clipped


def test_a_real_legacy_xls_is_still_refused(tmp_path):
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    with pytest.raises(InputFormatError, match=r"legacy \.xls"):
        load_cohort(path)


def test_spans_that_would_fill_memory_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr("analysis.io.html_tables._MAX_CELLS", 100_000)  # the test kept quick
    path = tmp_path / "hostile.xls"
    row = "<tr><td rowspan='65534' colspan='1000'>x</td></tr>"
    path.write_text("<html><body><table>" + row * 50 + "</table></body></html>", encoding="utf-8")
    with pytest.raises(InputFormatError, match="span more than"):
        read_html_sheet(path)
