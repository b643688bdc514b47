"""A key table beside the data giving a score's words their numbers: a cell naming one
outcome measure (``Мобильность (баллы):``, ``Mobility (points)``) with, in the rows under
it, a word or phrase and, in the next column, its number of the measure's range::

    Мобильность (баллы):
    лежачий / лежачая    0
    коляска              1
    ходунки              2

A unit that writes a score in words (mobility as "walker", "cane") says what each word
scores in such a table to the right of (or below) its data. The words become the value
map of every column of the sheet read as that measure, as a mapping file's ``values``
would; the table's own cells are no data and are taken off the sheet. A word the table
gives in another form in the column's cells (``с ходунками`` for ``ходунки``, ``самост.``
for ``самостоятельно``: an inflected ending, a preposition before it, an abbreviation
ending in a full stop) is given the number of the one word it is a form of, written into
the value map so that the legend's warning (and a mapping file) names it; a cell matching
no word, or words of two numbers, stays as written and is reported against its column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from analysis.config import LoadOptions
from analysis.io import RawSheet
from analysis.load.score_words import _measure_named
from analysis.normalize.headers import match_header
from analysis.spec import load_spec

_MIN_POINTS = 2
_NUMBER = re.compile(r"^\d{1,3}(?:[.,]5)?$")
_ALTERNATIVES = re.compile(r"\s*/\s*")
_SHORT_WORD = 2  # a preposition or article before the word ("с", "на", "a"): not the word
_MIN_STEM = 4  # the letters an inflected form shares with its word at least
_MAX_ENDING = 3  # the letters of an inflected form's own ending at most
_MIN_ABBREVIATION = 3  # the letters of an abbreviation ("сам.") at least


@dataclass(frozen=True)
class ScoreBlock:
    """One key table: the measure it names, phrase -> number, and its cells (0-based)."""

    measure: str
    points: dict[str, str]
    cells: tuple[tuple[int, int], ...]


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _number(value: object) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and float(value) == round(float(value) * 2) / 2:
        return f"{float(value):g}"
    text = _text(value)
    return text.replace(",", ".") if text is not None and _NUMBER.match(text) else None


def _cell(rows: list[list[object]], i: int, j: int) -> object:
    row = rows[i] if i < len(rows) else []
    return row[j] if j < len(row) else None


def _block_at(rows: list[list[object]], i: int, j: int) -> ScoreBlock | None:
    """The key table whose title is cell (i, j), else ``None``: the title names one
    measure and has no header beside it; under it, rows of a word and its number."""
    title = _text(_cell(rows, i, j))
    beside = _cell(rows, i, j + 1)
    if (
        title is None
        or any(ch.isdigit() for ch in title)
        or not (beside is None or (isinstance(beside, str) and not beside.strip()))
        or _text(_cell(rows, i + 1, j)) is None  # the first word and its number under it
        or _number(_cell(rows, i + 1, j + 1)) is None
    ):
        return None
    measure = _measure_named(title)
    if measure is None:
        return None
    spec = load_spec().measures[measure]
    points: dict[str, str] = {}
    cells = [(i, j)]
    k = i + 1
    while k < len(rows):
        word, number = _text(_cell(rows, k, j)), _number(_cell(rows, k, j + 1))
        if word is None or number is None or any(ch.isdigit() for ch in word):
            break
        if not spec.min <= float(number) <= spec.max:
            return None
        for phrase in _ALTERNATIVES.split(word):
            if phrase:
                points[" ".join(phrase.split())] = number
        cells += [(k, j), (k, j + 1)]
        k += 1
    if len(set(points.values())) < _MIN_POINTS or not _set_apart(rows, i, k, j):
        return None
    return ScoreBlock(measure, points, tuple(cells))


def _set_apart(rows: list[list[object]], first: int, end: int, j: int) -> bool:
    """Whether the table in rows ``first`` to ``end - 1`` stands apart from the data: in
    the sheet's first column or with a blank column on its left. Cells of a data table
    (``recurrent pain`` in an indication column, scores beside it) are no key table."""
    return j == 0 or all(_blank(_cell(rows, r, j - 1)) for r in range(first, end))


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def find_score_blocks(sheet: RawSheet) -> list[ScoreBlock]:
    """The key tables of ``sheet`` giving a measure's words their numbers."""
    out: list[ScoreBlock] = []
    taken: set[tuple[int, int]] = set()
    rows = [sheet.row(i) for i in range(sheet.n_rows)]
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            if (i, j) in taken or not isinstance(value, str):
                continue
            block = _block_at(rows, i, j)
            if block is not None:
                out.append(block)
                taken.update(block.cells)
    return out


def _same_word(form: str, word: str) -> bool:
    """Whether ``form`` is ``word``, an inflected form of it (``ходунками``, ``тростью``)
    or its abbreviation (``самост.``)."""
    if form == word:
        return True
    if form.endswith("."):
        stem = form.rstrip(".")
        return len(stem) >= _MIN_ABBREVIATION and word.startswith(stem) and stem != word
    shared = 0
    for a, b in zip(form, word, strict=False):
        if a != b:
            break
        shared += 1
    return (
        shared >= max(_MIN_STEM, len(word) - _MAX_ENDING + 1)
        and len(form) - shared <= _MAX_ENDING
        and form.isalpha()
    )


def form_of(text: str, points: dict[str, str]) -> str | None:
    """The number of the one key word ``text`` is a form of, else ``None``."""
    words = [w for w in text.casefold().split() if len(w.rstrip(".")) > _SHORT_WORD]
    if len(words) != 1:
        return None
    numbers = {
        number
        for phrase, number in points.items()
        if len(phrase.split()) == 1 and _same_word(words[0], phrase.casefold())
    }
    return numbers.pop() if len(numbers) == 1 else None


def _without(sheet: RawSheet, cells: set[tuple[int, int]]) -> RawSheet:
    rows = [list(sheet.row(i)) for i in range(sheet.n_rows)]
    for i, j in cells:
        rows[i][j] = None
    return replace(sheet, rows=rows)


def read_score_blocks(
    sheet: RawSheet, options: LoadOptions
) -> tuple[RawSheet, dict[str, dict[str, str]]]:
    """The sheet without its key tables, and the words they give the points of a measure
    as the codes of the sheet's columns read as that measure (header as shown -> phrase
    -> number), with the forms of those words the columns' cells hold."""
    blocks = find_score_blocks(sheet)
    if not blocks:
        return sheet, {}
    data = _without(sheet, {c for b in blocks for c in b.cells})
    from analysis.load.header import detect_layout  # the header's reading, once more

    layout = detect_layout(data, dict(options.mapping), options)
    columns: dict[str, dict[str, str]] = {}
    for col in layout.columns if layout is not None else ():
        # a column of words is read as no measure until its words have numbers: its header
        t = col.target if col.target is not None else match_header(col.header)
        block = next((b for b in blocks if t is not None and t.kind == "measure" and t.measure == b.measure), None)  # fmt: skip
        if block is None or col.header in columns:
            continue
        points = dict(block.points)
        known = {p.casefold() for p in points}
        for value in data.column(col.index - 1):
            text = _text(value)
            if text is None or text.casefold() in known or (found := form_of(text, block.points)) is None:  # fmt: skip
                continue
            points[" ".join(text.split())] = found
            known.add(text.casefold())
        columns[col.header] = points
    return (data, columns) if columns else (sheet, {})
