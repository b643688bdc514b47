"""The publication table: a frozen value every exporter renders the same way.

A :class:`Table` holds display text only (numbers are formatted by
:mod:`analysis.formatting` before they get here) and the result objects it was built
from, so a reader can always go back to the numbers. Exporters: :meth:`Table.to_frame`,
HTML (also what Jupyter shows, via ``_repr_html_``), Markdown, LaTeX (booktabs), CSV,
XLSX and Word (.docx); :meth:`Table.write` writes any of them.

Layout, as journals set tables::

    Title
    ─────────────────────────────────────────────   top rule
                       Univariable      Multivariable    spanner row(s), each spanner
                       ───────────      ─────────────    ruled underneath
    Characteristic     HR (95% CI)  P   HR (95% CI)  P   column labels
    ─────────────────────────────────────────────   rule under the head
    Patient level                                    group row (spans the table)
      Age, years       1.02 (...)   .04 ...          indented data row
    ─────────────────────────────────────────────   bottom rule
    Footnotes
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pandas as pd

Align = Literal["l", "c", "r"]
FORMATS = ("csv", "md", "html", "tex", "xlsx", "docx")
NBSP = "\u00a0"


@dataclass(frozen=True)
class Span:
    """Header text over columns ``start`` to ``stop - 1`` (0-based, stop exclusive)."""

    text: str
    start: int
    stop: int


@dataclass(frozen=True)
class Row:
    """One body row: its cells, indentation level, and whether it heads a group.

    A group row (``group=True``) is a section heading: its first cell spans the table
    and the other cells are empty.
    """

    cells: tuple[str, ...]
    indent: int = 0
    group: bool = False


@dataclass(frozen=True, eq=False)
class Table:
    """A publication table: title, header rows, body, footnotes and its sources.

    Attributes
    ----------
    title
        ``"Table 1. Characteristics of the patients"`` (without a trailing period).
    columns
        The column labels (the lowest header row).
    rows
        The body rows, top to bottom.
    spanners
        Header rows above the column labels, top first; each a tuple of
        :class:`Span` that do not overlap.
    footnotes
        Notes printed under the table (abbreviations, tests, missing data).
    source
        The result objects the table was built from (numbers, never text).
    align
        Per column ``"l"``, ``"c"`` or ``"r"``; default: first column left, others centred.
    name
        A file stem for :meth:`write` (``"table1"``).
    """

    title: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    spanners: tuple[tuple[Span, ...], ...] = ()
    footnotes: tuple[str, ...] = ()
    source: tuple[object, ...] = field(default=(), repr=False)
    align: tuple[Align, ...] = ()
    name: str = "table"

    def __post_init__(self) -> None:
        k = len(self.columns)
        for i, row in enumerate(self.rows):
            if len(row.cells) != k:
                raise ValueError(
                    f"{self.title}: body row {i + 1} has {len(row.cells)} cells for {k} columns"
                )
            if not all(isinstance(c, str) for c in row.cells):
                raise TypeError(f"{self.title}: body row {i + 1} holds a cell that is not text")
        for level in self.spanners:
            taken: set[int] = set()
            for s in level:
                cols = set(range(s.start, s.stop))
                if not 0 <= s.start < s.stop <= k or cols & taken:
                    raise ValueError(
                        f"{self.title}: spanner {s.text!r} overlaps or leaves the table"
                    )
                taken |= cols
        if self.align and len(self.align) != k:
            raise ValueError(f"{self.title}: {len(self.align)} alignments for {k} columns")

    @property
    def alignment(self) -> tuple[Align, ...]:
        """The alignment of each column (first left, others centred unless set)."""
        left: Align = "l"
        centre: Align = "c"
        return self.align or (left, *[centre] * (len(self.columns) - 1))

    def header_rows(self) -> list[list[tuple[str, int]]]:
        """Every header row as (text, column span) cells covering all columns, the
        column labels last."""
        out = []
        for level in self.spanners:
            cells: list[tuple[str, int]] = []
            col = 0
            for s in sorted(level, key=lambda s: s.start):
                cells += [("", 1)] * (s.start - col)
                cells.append((s.text, s.stop - s.start))
                col = s.stop
            cells += [("", 1)] * (len(self.columns) - col)
            out.append(cells)
        out.append([(c, 1) for c in self.columns])
        return out

    def flat_columns(self, sep: str = " ") -> list[str]:
        """Column labels with the spanners above them prefixed (``"Univariable HR"``)."""
        out = []
        for j, label in enumerate(self.columns):
            above = [s.text for level in self.spanners for s in level if s.start <= j < s.stop]
            out.append(sep.join([*above, label]).strip())
        return out

    def body_cells(self, indent: str = NBSP * 4) -> list[list[str]]:
        """Body rows as text, indentation written as leading non-breaking spaces."""
        return [[indent * r.indent + r.cells[0], *r.cells[1:]] for r in self.rows]

    def to_frame(self) -> pd.DataFrame:
        """The table as a DataFrame of text: spanners become upper levels of a column
        MultiIndex, indentation leading non-breaking spaces."""
        if self.spanners:
            levels = []
            for level in self.spanners:
                names = [""] * len(self.columns)
                for s in level:
                    names[s.start : s.stop] = [s.text] * (s.stop - s.start)
                levels.append(names)
            columns: pd.Index = pd.MultiIndex.from_arrays([*levels, list(self.columns)])
        else:
            columns = pd.Index(list(self.columns))
        return pd.DataFrame(self.body_cells(), columns=columns)

    def to_html(self) -> str:
        """An HTML fragment: ``<table>`` with caption, head, body and notes (all text
        escaped) and a small style block for journal rules."""
        from analysis.tables.render_text import to_html

        return to_html(self)

    def _repr_html_(self) -> str:
        return self.to_html()

    def to_markdown(self) -> str:
        from analysis.tables.render_text import to_markdown

        return to_markdown(self)

    def to_latex(self) -> str:
        """A booktabs ``table`` environment (needs ``\\usepackage{booktabs}``)."""
        from analysis.tables.render_text import to_latex

        return to_latex(self)

    def to_csv(self, path: Path) -> Path:
        from analysis.tables.render_text import write_csv

        return write_csv(self, path)

    def to_xlsx(self, path: Path) -> Path:
        from analysis.tables.render_office import write_xlsx

        return write_xlsx([self], path)

    def to_docx(self, path: Path) -> Path:
        from analysis.tables.render_office import write_docx

        return write_docx([self], path)

    def write(self, stem: Path, formats: Sequence[str] = FORMATS) -> list[Path]:
        """Write the table as ``stem.<format>`` for each format asked for.

        Raises
        ------
        ValueError
            For a format not in ``csv, md, html, tex, xlsx, docx``.
        """
        unknown = [f for f in formats if f not in FORMATS]
        if unknown:
            raise ValueError(f"unknown table format(s) {unknown}; choose from {', '.join(FORMATS)}")
        stem.parent.mkdir(parents=True, exist_ok=True)
        paths = []
        for fmt in formats:
            path = stem.with_name(f"{stem.name}.{fmt}")
            if fmt == "csv":
                self.to_csv(path)
            elif fmt == "xlsx":
                self.to_xlsx(path)
            elif fmt == "docx":
                self.to_docx(path)
            else:
                text = {"md": self.to_markdown, "html": self.to_html, "tex": self.to_latex}[fmt]()
                path.write_text(text, encoding="utf-8")
            paths.append(path)
        return paths
