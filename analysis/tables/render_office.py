"""Office renderers of :class:`~analysis.tables.model.Table`: Excel (.xlsx) and Word (.docx).

Excel: one sheet per table; title, header rows with merged spanner cells (bold, ruled),
body, footnotes below. Every cell is written as text; a cell that starts with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return and is not a number is marked with
Excel's own leading apostrophe (the ``quotePrefix`` cell flag: shown as typed, never
evaluated), the OWASP rule against formula injection in spreadsheet form.

Word: a real Word table per table, as journals set them: title above, horizontal rules
only (top, under the head, under each spanner, bottom; no vertical lines), merged header
cells for spanners and group rows, the head repeated on every page, footnotes below in a
smaller size. Every table's body is set in one size, :data:`TABLE_BODY_PT` (8 pt:
journals ask for 8-10 pt), and every table's footnotes a point smaller, so the tables of
one report look alike; a table too wide for the page at that size wraps between words
instead of shrinking. Wide tables (more than six columns) get a landscape section.

Both are saved reproducibly (:mod:`analysis.reproducible`): document properties and zip
member dates are ``SOURCE_DATE_EPOCH`` (else a fixed instant), never the time of saving.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from analysis.reproducible import save_docx, save_workbook
from analysis.safety import neutralize
from analysis.tables.model import Table

# The body size of every Word table (points); footnotes are a point smaller (note_size).
TABLE_BODY_PT = 8.0
_HEAD_FILL = "F2F2F2"
_HORIZONTAL = {"l": "left", "c": "center", "r": "right"}


def _sheet_name(title: str, used: set[str], i: int) -> str:
    m = re.match(r"(Table\s+\w+)", title)
    base = re.sub(r"[\[\]:*?/\\']", " ", m.group(1) if m else title or f"Table {i}")[:28].strip()
    name, n = base or f"Table {i}", 2
    while name in used:
        name, n = f"{base[:26]} {n}", n + 1
    used.add(name)
    return name


def _text_cell(ws: Any, row: int, col: int, text: str) -> Any:
    cell = ws.cell(row=row, column=col)
    cell.value = text
    cell.data_type = "s"  # text, never a formula, whatever it starts with
    if neutralize(text) != text:
        cell.quotePrefix = True
    return cell


def _xlsx_head(ws: Any, table: Table, r: int) -> int:
    """Header rows from row ``r``: bold on grey, spanners merged and ruled underneath,
    a medium rule on top and a thin one under the column labels; returns the next row."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    heads = table.header_rows()
    for h, head in enumerate(heads):
        col = 1
        for text, span in head:
            cell = _text_cell(ws, r, col, text)
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor=_HEAD_FILL)
            align = "center" if span > 1 else _HORIZONTAL[table.alignment[col - 1]]
            cell.alignment = Alignment(horizontal=align, vertical="bottom", wrap_text=True)
            top = Side(style="medium") if h == 0 else None
            ruled = (text and span > 1) or h == len(heads) - 1
            for c in range(col, col + span):
                ws.cell(row=r, column=c).border = Border(
                    top=top, bottom=Side(style="thin") if ruled else None
                )
            if span > 1:
                ws.merge_cells(start_row=r, start_column=col, end_row=r, end_column=col + span - 1)
            col += span
        r += 1
    return r


def _xlsx_body(ws: Any, table: Table, r: int) -> int:
    """Body rows from row ``r`` (group rows merged, bold italic; indentation as Excel
    indents; a medium rule under the last row); returns the next row."""
    from openpyxl.styles import Alignment, Border, Font, Side

    k = len(table.columns)
    for row in table.rows:
        if row.group:
            _text_cell(ws, r, 1, row.cells[0]).font = Font(bold=True, italic=True)
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=k)
        else:
            for j, text in enumerate(row.cells, 1):
                _text_cell(ws, r, j, text).alignment = Alignment(
                    horizontal=_HORIZONTAL[table.alignment[j - 1]],
                    indent=2 * row.indent if j == 1 else 0,
                )
        r += 1
    for c in range(1, k + 1):
        ws.cell(row=r - 1, column=c).border = Border(bottom=Side(style="medium"))
    return r


def write_xlsx(tables: Sequence[Table], path: Path) -> Path:
    """Every table on its own sheet of one workbook."""
    if not tables:
        raise ValueError("write_xlsx needs at least one table")
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    for i, table in enumerate(tables, 1):
        ws = wb.create_sheet(_sheet_name(table.title, used, i))
        r = 1
        if table.title:
            _text_cell(ws, r, 1, table.title).font = Font(bold=True, size=12)
            r += 2
        first_body = _xlsx_head(ws, table, r)
        r = _xlsx_body(ws, table, first_body) + 1
        for note in table.footnotes:
            _text_cell(ws, r, 1, note).font = Font(italic=True, size=9)
            r += 1
        for j in range(len(table.columns)):
            longest = max([len(table.columns[j])] + [len(x.cells[j]) + 2 * x.indent for x in table.rows if not x.group])  # fmt: skip
            ws.column_dimensions[get_column_letter(j + 1)].width = min(max(10, longest + 2), 60)
        ws.freeze_panes = f"B{first_body}"
    return save_workbook(wb, path)


def _borders(element: object, **edges: tuple[str, int]) -> None:
    """Set the borders of a table (``w:tblBorders``) or cell (``w:tcBorders``):
    edge name -> (style, size in eighths of a point)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    is_table = element.tag == qn("w:tbl")  # type: ignore[attr-defined]
    pr = element.tblPr if is_table else element.get_or_add_tcPr()  # type: ignore[attr-defined]
    tag = "w:tblBorders" if is_table else "w:tcBorders"
    box = pr.find(qn(tag))
    if box is None:
        box = OxmlElement(tag)
        pr.append(box)
    for edge, (style, size) in edges.items():
        el = box.find(qn(f"w:{edge}"))
        if el is None:
            el = OxmlElement(f"w:{edge}")
            box.append(el)
        el.set(qn("w:val"), style)
        el.set(qn("w:sz"), str(size))
        el.set(qn("w:space"), "0")
        el.set(qn("w:color"), "000000")


def _repeat_header(row: object) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _fill(cell: object, text: str, *, bold: bool = False, italic: bool = False,
          align: str = "l", indent: int = 0, size: float = 9) -> None:  # fmt: skip
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    para = cell.paragraphs[0]  # type: ignore[attr-defined]
    para.alignment = {"l": WD_ALIGN_PARAGRAPH.LEFT, "c": WD_ALIGN_PARAGRAPH.CENTER,
                      "r": WD_ALIGN_PARAGRAPH.RIGHT}[align]  # fmt: skip
    para.paragraph_format.space_after = Pt(0)
    para.paragraph_format.left_indent = Pt(10 * indent)
    run = para.add_run(text)
    run.font.size = Pt(size)
    run.bold, run.italic = bold, italic


def add_docx_table(doc: object, table: Table, body_size: float = TABLE_BODY_PT) -> None:
    """Append ``table`` to a python-docx document: title, Word table (head and body in
    ``body_size`` points, default :data:`TABLE_BODY_PT`), notes a point smaller.

    Raises
    ------
    ValueError
        For a body size outside 6-14 pt.
    """
    from docx.shared import Pt

    if not 6.0 <= body_size <= 14.0:
        raise ValueError(f"a table body size of {body_size:g} pt is outside 6-14 pt (journals ask for 8-10)")  # fmt: skip
    if table.title:
        heading = doc.add_paragraph()  # type: ignore[attr-defined]
        run = heading.add_run(table.title)
        run.bold, run.font.size = True, Pt(10)
        heading.paragraph_format.keep_with_next = True  # the caption never ends a page
    heads = table.header_rows()
    k, n_head = len(table.columns), len(heads)
    size, widths = body_size, _fit(table, doc.sections[-1], body_size)  # type: ignore[attr-defined]
    grid = doc.add_table(rows=n_head + len(table.rows), cols=k)  # type: ignore[attr-defined]
    none = ("nil", 0)
    _borders(grid._tbl, top=("single", 12), bottom=("single", 12), left=none, right=none,
             insideH=none, insideV=none)  # fmt: skip
    for h, head in enumerate(heads):
        col = 0
        for text, span in head:
            cells = grid.rows[h].cells  # per row: grid.cell() walks the whole table
            cell = cells[col]
            if span > 1:
                cell = cell.merge(cells[col + span - 1])
            last = h == n_head - 1
            _fill(cell, text, bold=True, align=table.alignment[col] if last else "c", size=size)
            if last or text:
                _borders(cell._tc, bottom=("single", 6))
            col += span
        _repeat_header(grid.rows[h])
    for b, row in enumerate(table.rows):
        r = n_head + b
        cells = grid.rows[r].cells
        if row.group:
            cell = cells[0].merge(cells[k - 1])
            _fill(cell, row.cells[0], italic=True, bold=True, size=size)
            continue
        for j, text in enumerate(row.cells):
            _fill(cells[j], text, align=table.alignment[j],
                  indent=row.indent if j == 0 else 0, size=size)  # fmt: skip
    _set_widths(grid, widths)
    _keep_together(grid, bool(table.footnotes))
    for i, note in enumerate(table.footnotes):
        para = doc.add_paragraph()  # type: ignore[attr-defined]
        para.paragraph_format.space_after = Pt(0)
        para.paragraph_format.keep_with_next = i < len(table.footnotes) - 1
        note_run = para.add_run(note)
        note_run.font.size = Pt(note_size(size))


def note_size(body: float) -> float:
    """Footnotes a point smaller than the table body (never below 6.5 pt)."""
    return max(body - 1.0, 6.5)


def _keep_together(grid: Any, notes: bool) -> None:
    """Rows that never split across pages, each kept with the next, and the last with
    the footnotes when there are any: a table moves to the next page whole with its
    caption and notes when it fits on one page."""
    from docx.oxml import OxmlElement

    rows = list(grid.rows)
    for i, row in enumerate(rows):
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        if i < len(rows) - 1 or notes:
            for cell in row.cells:
                for para in cell.paragraphs:
                    para.paragraph_format.keep_with_next = True


_CHAR_EM = 0.56  # mean advance of a digit or letter in Arial, in ems
_CELL_MARGINS_PT = 11.5  # Word's default left + right cell margins (0.08 in each)


def _needs(table: Table, *, wrap_labels: bool = False, wrap_all: bool = False) -> list[float]:
    """Characters each column needs: its longest body text (with indents) or head word
    (bold, so counted wider), so that values never wrap and heads wrap only between
    words. With ``wrap_labels`` the first column may wrap between words too; with
    ``wrap_all`` every column may (a word is never broken)."""
    needs = []
    for j, head in enumerate(table.columns):
        words = [1.15 * len(w) + 1 for w in head.split()]
        body = [
            max(map(len, r.cells[j].split()), default=0)
            if wrap_all or (wrap_labels and j == 0)
            else len(r.cells[j])
            for r in table.rows
            if not r.group
        ]
        body = [  # one character spare: the reader's font may be wider than Arial
            n + 1 + 3 * r.indent
            for n, r in zip(body, [r for r in table.rows if not r.group], strict=True)
        ]
        needs.append(max([*words, *body, 4.0]))
    return needs


def _fit(table: Table, section: Any, size: float) -> list[int]:
    """The columns' widths (EMU) at body ``size``: each column's need, the spare width
    shared in proportion. A table too wide for the page lets its label column wrap
    between words (the label column takes what the others leave), and then, if it
    must, every column, never breaking a word."""
    usable = section.page_width - section.left_margin - section.right_margin

    def points(needs: list[float]) -> list[float]:
        return [n * _CHAR_EM * size + _CELL_MARGINS_PT for n in needs]

    widths = points(_needs(table))
    if sum(widths) * 12700 > usable:
        floors = points(_needs(table, wrap_all=True))
        left = usable / 12700 - sum(widths[1:])
        if len(widths) > 1 and left >= points(_needs(table, wrap_labels=True))[0]:
            return [int(w * 12700) for w in (left, *widths[1:])]
        wrapped = points(_needs(table, wrap_labels=True))
        return [int(w * 12700) for w in _shrunk(wrapped, floors, usable / 12700)]
    scale = usable / (sum(widths) * 12700)  # > 1 shares spare room
    return [int(w * 12700 * scale) for w in widths]


def _shrunk(widths: list[float], floors: list[float], total: float) -> list[float]:
    """Widths scaled to ``total`` points, none below its floor (the column's longest word,
    so no word is broken): the columns with room above their floor give up the rest."""
    out = list(widths)
    for _ in range(len(out)):
        fixed = [k for k, w in enumerate(out) if w <= floors[k]]
        free = [k for k in range(len(out)) if k not in fixed]
        room = total - sum(floors[k] for k in fixed)
        have = sum(out[k] for k in free)
        if not free or have <= 0:
            break
        scale = room / have
        out = [floors[k] if k in fixed else max(out[k] * scale, floors[k]) for k in range(len(out))]
        if abs(sum(out) - total) < 0.5:
            break
    return out


def _set_widths(grid: Any, widths: list[int]) -> None:
    grid.autofit = False
    for j, width in enumerate(widths):
        grid.columns[j].width = width  # the grid (LibreOffice) and each cell (Word)
        for cell in grid.columns[j].cells:
            cell.width = width


def new_document() -> Any:
    """A python-docx document in the journal's plain style (Arial 10 pt)."""
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(10)
    return doc


def page_orientation(doc: Any, landscape: bool, new_page: bool = True) -> None:
    """Continue ``doc`` in a section of the given orientation (a new one only when it
    changes); the first section is turned in place."""
    from docx.enum.section import WD_ORIENT, WD_SECTION

    section = doc.sections[-1]
    if (section.orientation == WD_ORIENT.LANDSCAPE) == landscape:
        return
    if new_page:
        section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = section.page_height, section.page_width


def is_wide(table: Table) -> bool:
    """More than six columns: set on a landscape page."""
    return len(table.columns) > 6


def write_docx(tables: Sequence[Table], path: Path, body_size: float = TABLE_BODY_PT) -> Path:
    """Every table in one Word document, a page each, their bodies in ``body_size``
    points (default :data:`TABLE_BODY_PT`) and notes a point smaller."""
    doc = new_document()
    page_orientation(doc, any(is_wide(t) for t in tables), new_page=False)
    for i, table in enumerate(tables):
        if i:
            doc.add_page_break()
        add_docx_table(doc, table, body_size)
    return save_docx(doc, path)
