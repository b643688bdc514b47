"""``report.docx``: the report as a Word document a co-author can edit.

The same content as ``report.html``, in the same order: the ledger and warnings, the
flow diagram, every publication table as a real Word table (landscape pages for wide
ones), every figure with its caption, the methods-and-results text of the sections, the
statistical review, the analyses that could not be made, and the count of problems
(their list stays in ``problems.csv``, since a cell value may be long). It is saved by
:func:`analysis.reproducible.save_docx`, so no date in it is the time of the run.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from analysis.formatting import counted
from analysis.report.content import ReportContent
from analysis.reproducible import save_docx
from analysis.tables import Row, Table
from analysis.tables.render_office import add_docx_table, is_wide, new_document, page_orientation

_IMAGE = re.compile(r"^!\[[^\]]*\]\([^)]+\)$")


def _heading(doc: Any, text: str, level: int) -> None:
    doc.add_heading(text, level=level)


def _figure(doc: Any, caption: str, png: Path, number: int) -> None:
    from docx.shared import Inches, Pt

    if not png.is_file():
        doc.add_paragraph(f"Figure {number}. {caption} (not written)")
        return
    inches = int.from_bytes(png.read_bytes()[16:20], "big") / 300  # the 300-dpi PNG's width
    # never printed smaller than drawn (its 7-pt text stays 7 pt): a figure wider than a
    # portrait page's text goes on a landscape page
    wide = inches > 6.0
    page_orientation(doc, wide)
    doc.add_picture(str(png), width=Inches(inches if wide else min(1.25 * inches, 6.0)))
    para = doc.add_paragraph()
    run = para.add_run(f"Figure {number}. {caption}")
    run.italic, run.font.size = True, Pt(9)
    page_orientation(doc, False)


def _markdown_table(doc: Any, lines: Sequence[str]) -> None:
    """A pipe table of the sections' Markdown as a Word table set like the publication
    tables (widths from the content and the page, no word broken)."""
    rows = [[c.strip().replace("&lt;", "<") for c in line.strip().strip("|").split("|")] for line in lines]  # fmt: skip
    head, body = rows[0], rows[2:]  # the separator line is not a row
    k = len(head)
    table = Table("", tuple(head), tuple(Row(tuple((r + [""] * k)[:k])) for r in body))
    add_docx_table(doc, table)


def _text(doc: Any, markdown: str) -> None:
    """Headings, paragraphs and pipe tables of the sections' Markdown."""
    lines = markdown.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        if line.startswith("|"):
            block = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                block.append(lines[i])
                i += 1
            _markdown_table(doc, block)
            continue
        if line.startswith("#"):
            _heading(doc, line.lstrip("#").strip(), min(line.count("#", 0, 4), 3))
        elif line.startswith("- "):
            doc.add_paragraph(line[2:], style="List Bullet")
        elif line and not _IMAGE.match(line):
            para = doc.add_paragraph()
            run = para.add_run(line.strip("_"))
            run.italic = line.startswith("_")
        i += 1


def write_docx_report(content: ReportContent, path: Path) -> Path:
    """Write ``report.docx``."""
    doc = new_document()
    doc.add_heading(content.title, level=0)
    doc.add_paragraph(content.ledger)
    if content.warnings:
        _heading(doc, "Warnings", 1)
        for w in content.warnings:
            doc.add_paragraph(w, style="List Bullet")
    figures = list(content.figures)
    number = 0
    if figures and figures[0][0] == "flow":
        _heading(doc, "Flow of patients and rows", 1)
        number += 1
        _figure(doc, figures[0][1], figures[0][2], number)
        figures = figures[1:]
    _heading(doc, "Tables", 1)
    for table in content.tables:
        page_orientation(doc, is_wide(table))
        add_docx_table(doc, table)
        doc.add_paragraph()
    page_orientation(doc, False)
    _heading(doc, "Figures", 1)
    for _, caption, png in figures:
        number += 1
        _figure(doc, caption, png, number)
    _heading(doc, "Methods and results", 1)
    _text(doc, content.text)
    if content.review:  # its ## title and ### parts become headings 1 and 2
        _text(doc, re.sub(r"^#", "", content.review, flags=re.MULTILINE))
    if content.not_made:
        _heading(doc, "Not computed", 1)
        for item in content.not_made:
            doc.add_paragraph(item, style="List Bullet")
    _heading(doc, "Problems found in the input", 1)
    doc.add_paragraph(
        f"{content.problems or counted(content.n_problems, 'problems')} "
        f"{'was' if content.n_problems == 1 else 'were'} found; each is listed with its sheet, row and "
        "column in problems.csv and at the end of report.html."
    )
    return save_docx(doc, path)
