"""Values a unit keeps in its cells' format, read by the legend that explains them.

A register may mark a vertebra's cement leak by the colour its level cell is filled with,
a death by filling the patient's row, and a planned visit that was not made by striking
its date through, saying so in a legend under the table: a marked cell (filled with the
colour, or its text struck through) beside the words it means (``Niveau en rouge = fuite
de ciment discale``, ``Ligne jaune = patient décédé``, ``Date barrée = consultation non
faite``). Only a format such a legend explains is read, by the legend's own words: a
leak's kind (the leakage vocabulary), a death (a word the died column reads as yes) or a
thing not done (a missing marker), each read from the meaning's last words.

- a leak's colour on a level cell: that vertebra's leakage; a level cell in no leak's
  colour had none (the legend is where the register writes leaks). A legend naming a leak
  but not its kind (``Nivel en rojo = fuga de cemento en ese nivel (tipo de fuga en
  Observaciones, ...)``) sends to a column its words name by its header: the kinds written
  there, in their order, are those of the row's filled levels, left to right;
- a death's colour over a patient's row: died; a patient's row without it: alive;
- a struck-through cell meaning "not done": blank (a planned date, not a visit).

The readings are columns added right of the table, headed by the field and the level's
slot (``leakage 1``, ``died``), so recognition, ``inspect`` and the mapping file see them
as any column; the sheet's note says where they were read from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from analysis.config import LoadOptions
from analysis.io import RawSheet
from analysis.io.xlsx_marks import Mark
from analysis.load.header_columns import HeaderColumn, SheetLayout
from analysis.normalize.cells import CellError, is_missing, parse_boolean, parse_cell
from analysis.problems import column_letter
from analysis.spec import load_spec

_MEANING = re.compile(r"\s[=:–—-]\s|=")
_LANGUAGES = re.compile(r"\s+[/·]\s+")
_NOT_WORD = re.compile(r"[^\w]+")
LEAK, DIED, NOT_DONE = "leakage", "died", "not done"
MAX_LEGEND_CELLS = 2  # a legend's line: the marked cell and its words


@dataclass(frozen=True)
class FormatLegend:
    """What each format means: leak kinds by fill colour, the death's fill colour, and
    whether struck-through cells are things not done; ``rows`` are the legend's rows."""

    leaks: dict[str, str]
    death: str | None
    struck_not_done: bool
    rows: tuple[int, ...]
    kinds_where: str = ""  # the words of a legend naming a leak but not its kind

    def describe(self) -> str:
        unnamed = "a leak, its kind from the column the legend names, in the order of the filled levels"  # fmt: skip
        parts = [f"fill {rgb} = {kind + ' leak' if kind else unnamed}" for rgb, kind in self.leaks.items()]  # fmt: skip
        parts += [f"a row filled {self.death} = died"] if self.death else []
        parts += ["struck-through = not done (blank)"] if self.struck_not_done else []
        where = ", ".join(str(r) for r in self.rows)
        return f"cell formats read by the legend in row(s) {where}: {'; '.join(parts)}"


def meaning(text: str) -> tuple[str, str] | None:
    """What a legend's words say a format means: ``(LEAK, kind)``, ``(DIED, "")`` or
    ``(NOT_DONE, "")``; ``None`` when none of these. The words after ``=`` are read, in
    each of their languages (apart by a spaced slash or middle dot), by their last words;
    a leak of no kind (``fuga de cemento en ese nivel``) is ``(LEAK, "")``."""
    parts = _MEANING.split(text, maxsplit=1)
    said = parts[-1]
    leakage = load_spec().column("procedures", "leakage")
    for part in (p.strip() for p in _LANGUAGES.split(said) if p.strip()):
        try:
            kind = parse_cell(part, leakage)
        except (CellError, ValueError):
            kind = None
        if isinstance(kind, str) and kind not in ("none", ""):
            return LEAK, kind
        words = part.split()
        for k in range(len(words)):
            tail = " ".join(words[k:])
            if _yes(tail):
                return DIED, ""
            if is_missing(tail):
                return NOT_DONE, ""
    return (LEAK, "") if _names_a_leak(said) else None


def _words(text: str) -> str:
    """The text folded to its words, one space apart and around (for whole-word search)."""
    return " " + " ".join(_NOT_WORD.sub(" ", text.casefold()).split()) + " "


def _names_a_leak(said: str) -> bool:
    """Whether a legend's meaning, before any note in brackets, names a cement leak by a
    word of the leakage field's header (``fuga de cemento en ese nivel``)."""
    words = _words(said.split("(", 1)[0])
    column = load_spec().column("procedures", "leakage")
    if any(_words(w) in words for w in column.values["none"]) or any(_no(w) for w in words.split()):  # fmt: skip
        return False  # "sin fuga", "no leak": the legend says there was none
    return any(_words(w) in words for w in column.synonyms if len(w) >= 4)


def _no(text: str) -> bool:
    try:
        return parse_boolean(text) is False
    except CellError:
        return False


def leak_kinds(text: object) -> list[str]:
    """The leak kinds a remark names, in the order written (``fugas: venosa, discal``:
    venous, disc); a longer phrase is read before a word it holds (``paravertebral vein``)."""
    if not isinstance(text, str):
        return []
    words = _words(text)
    values = load_spec().column("procedures", "leakage").values
    phrases = sorted(
        ((_words(w), kind) for kind, ws in values.items() if kind != "none" for w in ws),
        key=lambda p: len(p[0]),
        reverse=True,
    )
    found: list[tuple[int, int, str]] = []
    for phrase, kind in phrases:
        start = words.find(phrase)
        while start >= 0:
            end = start + len(phrase) - 1
            if not any(a < end and start < b for a, b, _ in found):
                found.append((start, end, kind))
            start = words.find(phrase, start + 1)
    return [kind for _, _, kind in sorted(found)]


def _yes(text: str) -> bool:
    try:
        return parse_boolean(text) is True
    except CellError:
        return False


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def read_format_legend(sheet: RawSheet) -> FormatLegend | None:
    """The sheet's legend of formats, or ``None`` (a workbook whose styles mark no cell,
    or a sheet without such a legend, costs no look at its cells' styles)."""
    if not sheet.marks.styles:
        return None
    marks = sheet.marks.at()
    lines = []
    for r in sorted({r for r, _ in marks if r <= sheet.n_rows}):
        filled = [v for v in sheet.rows[r - 1] if v is not None and str(v).strip()]
        if 1 <= len(filled) <= MAX_LEGEND_CELLS and _text(filled[-1]):
            lines.append(r)
    leaks: dict[str, str] = {}
    death, struck, rows, where = None, False, [], ""
    for r in lines:
        row = sheet.rows[r - 1]
        words = next(j for j in range(len(row) - 1, -1, -1) if _text(row[j]))
        mark = next((marks[(r, c)] for c in range(1, words + 1) if (r, c) in marks), None)
        said = meaning(_text(row[words])) if mark is not None else None
        if mark is None or said is None:
            continue
        rows.append(r)
        if said[0] == LEAK and mark.fill:
            leaks[mark.fill] = said[1]
            where = where if said[1] else _text(row[words])
        elif said[0] == DIED and mark.fill:
            death = mark.fill
        elif said[0] == NOT_DONE and mark.struck:
            struck = True
    if not rows:
        return None
    return FormatLegend(leaks, death, struck, tuple(rows), where)


_Added = tuple[str, dict[int, object], str]  # header, values by row, how it was read


def with_format_legend(sheet: RawSheet, options: LoadOptions, mapping: dict[str, object]) -> RawSheet:  # fmt: skip
    """The sheet with the values its legend of formats gives added as columns (see the
    module's note); unchanged when it has no such legend or no table is found."""
    legend = read_format_legend(sheet)
    if legend is None:
        return sheet
    from analysis.load.header import detect_layout  # the header's reading, once more

    layout = detect_layout(sheet, mapping, options)
    if layout is None:
        return sheet
    marks = sheet.marks.at()
    data = range(layout.first_data_row, min(legend.rows))
    rows = [list(r) for r in sheet.rows]
    width = max((len(r) for r in rows), default=0)
    if legend.struck_not_done:
        for (r, c), mark in marks.items():
            if mark.struck and r in data and c - 1 < len(rows[r - 1]):
                rows[r - 1][c - 1] = None
    added = _leaks(legend, layout, rows, data, marks) + _deaths(legend, layout, rows, data, marks)
    for k, (header, cells, _) in enumerate(added):
        c = width + k
        for row in rows:
            row += [None] * (c + 1 - len(row))
        rows[layout.header_row - 1][c] = header
        for r, v in cells.items():
            rows[r - 1][c] = v
    for r in legend.rows:  # the legend's lines are read as the legend, never as data
        rows[r - 1] = [None] * len(rows[r - 1])
    read = tuple((width + k + 1, how) for k, (_, _, how) in enumerate(added))
    return replace(sheet, rows=rows, format_note=legend.describe(), format_columns=read)


def _written(rows: list[list[object]], r: int, index: int) -> bool:
    return index - 1 < len(rows[r - 1]) and bool(str(rows[r - 1][index - 1] or "").strip())


def _leaks(legend: FormatLegend, layout: SheetLayout, rows: list[list[object]], data: range, marks: dict[tuple[int, int], Mark]) -> list[_Added]:  # fmt: skip
    """Per level column, each written level's leak by its cell's fill."""
    out: list[_Added] = []
    levels = [c for c in layout.columns if c.target is not None and c.target.label == "procedures.level"]  # fmt: skip
    named = _kinds_column(legend, layout, rows) if legend.leaks else None
    for col in levels if legend.leaks else ():
        cells: dict[int, object] = {
            r: legend.leaks.get(_fill(marks, r, col.index) or "", "none")
            for r in data
            if _written(rows, r, col.index)
        }
        for r, kind in cells.items():
            if kind == "":  # a leak of no kind: the kind the named column gives it
                cells[r] = _kind_in_remark(legend, levels, col.index, named, rows, r, marks)
        slot = f" {col.slot}" if col.slot else ""
        how = f"the fill of column {column_letter(col.index)}'s level cells, by the legend (no fill: no leak)"  # fmt: skip
        if named is not None and "" in legend.leaks.values():
            how += f"; a leak's kind from column {column_letter(named)}, in the order of the row's filled levels"  # fmt: skip
        out.append((f"{LEAK}{slot}", cells, how))
    return out


def _kinds_column(legend: FormatLegend, layout: SheetLayout, rows: list[list[object]]) -> int | None:  # fmt: skip
    """The column a legend naming a leak of no kind sends to by its header's words
    (``tipo de fuga en Observaciones``), or ``None``."""
    if not legend.kinds_where:
        return None
    said = _words(legend.kinds_where)
    header = rows[layout.header_row - 1]
    found = [
        c
        for c, h in enumerate(header, start=1)
        if isinstance(h, str) and len(h.strip()) >= 4 and _words(h) in said
    ]
    return found[0] if len(found) == 1 else None


def _kind_in_remark(legend: FormatLegend, levels: list[HeaderColumn], index: int, named: int | None, rows: list[list[object]], r: int, marks: dict[tuple[int, int], Mark]) -> str:  # fmt: skip
    """The kind of the leak the fill of row ``r``'s level cell in column ``index`` marks:
    the kind its place among the row's filled levels takes among the kinds the named
    column's remark lists; a word saying the kind is unread (reported by the reading of
    the leakage) when the counts differ."""
    row = rows[r - 1]
    remark = row[named - 1] if named is not None and named - 1 < len(row) else None
    filled = [
        c.index
        for c in sorted(levels, key=lambda c: c.index)
        if _written(rows, r, c.index) and legend.leaks.get(_fill(marks, r, c.index) or "") == ""
    ]
    kinds = leak_kinds(remark)
    if len(kinds) == len(filled):
        return kinds[filled.index(index)]
    # one word (a list's words would be read apart): reported as no leakage the field knows
    return f"leak_whose_kind_{'column_' + column_letter(named) if named else 'no_column'}_does_not_give_for_each_filled_level"  # fmt: skip


def _deaths(legend: FormatLegend, layout: SheetLayout, rows: list[list[object]], data: range, marks: dict[tuple[int, int], Mark]) -> list[_Added]:  # fmt: skip
    """Per row naming a patient, whether the row is filled in the death's colour."""
    ids = [c.index for c in layout.columns if c.target is not None and c.target.label == "patients.patient_id"]  # fmt: skip
    if legend.death is None or not ids:
        return []
    died: dict[int, object] = {
        r: _row_filled(rows[r - 1], marks, r, legend.death)
        for r in data
        if _written(rows, r, ids[0])
    }
    how = f"rows filled {legend.death}, by the legend (a patient's row without it: alive)"
    return [(DIED, died, how)]


def with_format_reasons(layout: SheetLayout, sheet: RawSheet) -> SheetLayout:
    """The layout, each column :func:`with_format_legend` added saying how it was read."""
    if not sheet.format_columns:
        return layout
    how = dict(sheet.format_columns)
    cols = tuple(
        replace(c, reason=how[c.index]) if c.index in how and c.target is not None else c
        for c in layout.columns
    )
    return replace(layout, columns=cols)


def _fill(marks: dict[tuple[int, int], Mark], r: int, c: int) -> str | None:
    mark = marks.get((r, c))
    return mark.fill if mark is not None else None


def _row_filled(row: list[object], marks: dict[tuple[int, int], Mark], r: int, colour: str) -> bool:  # fmt: skip
    """Whether most of a row's written cells are filled with ``colour``."""
    written = [c for c, v in enumerate(row, start=1) if v is not None and str(v).strip()]
    return sum(_fill(marks, r, c) == colour for c in written) * 2 > len(written)
