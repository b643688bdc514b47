"""A key line on a data sheet giving a score's words their numbers: ``Pain: Wong-Baker
faces 0-10. Some entries written as the face words: No hurt = 0, Hurts little bit = 2,
Hurts little more = 4``.

A unit that writes some scores as the words of the scale's points (a FACES pain scale's
faces) says so under (or over) its table: one line of one cell naming one outcome
measure, then two phrases or more each ``=`` a number of the measure's range. The
phrases become the value map of every column of the sheet read as that measure (by its
header as the loader shows it), as a mapping file's ``values`` would, so that a cell
written ``hurts worst`` reads as 10; a word the line does not give stays as written and
is reported against its column.
"""

from __future__ import annotations

import re

from analysis.config import LoadOptions
from analysis.io import RawSheet
from analysis.normalize.headers import match_header
from analysis.spec import load_spec

# a phrase of words and its number: "Hurts little bit = 2", up to a comma, a semicolon,
# a sentence's full stop or the line's end
_WORD_POINT = re.compile(
    r"(?:^|(?<=[,;:.]))\s*([^\W\d_][^=,;:.\d]{0,40}?)\s*=\s*(\d{1,3}(?:[.,]5)?)\s*(?=[,;]|\.\s|\.?\s*$)"
)
_MIN_POINTS = 2
_MIN_LINE = 10


def _lines(sheet: RawSheet) -> list[str]:
    """The rows of one text cell giving two phrases or more each ``=`` a number."""
    out = []
    for i in range(sheet.n_rows):
        cells = [c for c in sheet.row(i) if c is not None and str(c).strip()]
        if len(cells) != 1 or not isinstance(cells[0], str) or len(cells[0].strip()) < _MIN_LINE:
            continue
        if len(_WORD_POINT.findall(cells[0])) >= _MIN_POINTS:
            out.append(cells[0].strip())
    return out


def _measure_named(text: str) -> str | None:
    """The one outcome measure the words of ``text`` name, else ``None``."""
    named = set()
    for word in re.split(r"[\s:;,.()]+", text):
        if len(word) >= 3 and (t := match_header(word)) is not None and t.kind == "measure":
            named.add(str(t.measure))
    return named.pop() if len(named) == 1 else None


def _points(line: str, measure: str) -> dict[str, str] | None:
    """Phrase -> number of ``line``, each number within the measure's range and each
    phrase a word (``None`` when fewer than two, or a phrase is given two numbers)."""
    spec = load_spec().measures[measure]
    out: dict[str, str] = {}
    for phrase, number in _WORD_POINT.findall(line):
        value = float(number.replace(",", "."))
        key = " ".join(phrase.split())
        if not spec.min <= value <= spec.max or out.get(key, number) != number:
            return None
        out[key] = number.replace(",", ".")
    return out if len(set(out.values())) >= _MIN_POINTS else None


def read_score_words(sheet: RawSheet, options: LoadOptions) -> dict[str, dict[str, str]]:
    """The words key lines of ``sheet`` give the points of a measure's scale, as the
    codes of the sheet's columns read as that measure (header as shown -> phrase ->
    number); empty when no line does."""
    columns: dict[str, dict[str, str]] = {}
    for line in _lines(sheet):
        first = _WORD_POINT.search(line)
        measure = _measure_named(line[: first.start()] if first else line)
        points = _points(line, measure) if measure is not None else None
        if points is None:
            continue
        from analysis.load.header import detect_layout  # the header's reading, once more

        layout = detect_layout(sheet, dict(options.mapping), options)
        for col in layout.columns if layout is not None else ():
            t = col.target
            if t is not None and t.kind == "measure" and t.measure == measure:
                columns.setdefault(col.header, points)
    return columns
