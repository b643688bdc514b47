"""Time points a legend line of a data sheet gives the codes its headers use:
``Legenda: T0 = pre-operatorio; T1 = 1 mese; T2 = 3 mesi`` under a table headed
``VAS T0``, ``VAS T1``, ``VAS T2``.

A unit may number its visits with short codes (``T1``, ``FU2``, ``V3``) and explain them
only in a legend (``Legenda``, ``Legend``, ``Légende``, ``Key``, in any language) under or
over its table. A line of one text cell giving two codes or more each ``=`` (or ``:``) a
time point (a word for "before", a number with a unit of time: :func:`timepoint_of`),
each code (a short word holding a letter and a digit) standing as a word of a header of
the same sheet, gives those codes their time points. The sheet carries them
(``RawSheet.point_codes``), and a header holding one of them is read with the code's
meaning in its place (``VAS T1``: ``VAS 1 mese``, the pain score at one month); the
column's reading, its time point among it, is what ``inspect`` shows and the mapping file
records.
"""

from __future__ import annotations

import re
from dataclasses import replace

from analysis.io import RawSheet
from analysis.normalize.timepoints import timepoint_of

# a code and its meaning: "T1 = 1 mese", up to a semicolon, a comma or the line's end
_PAIR = re.compile(r"(?<![\w])([^\W\d_]{1,3}\d{1,2})\s*[=:]\s*([^,;=]+?)\s*(?=[,;]|$)")
# a meaning's parts: the words before a bracket, a slash or a spaced dash
_PARTS = re.compile(r"\s*[/()\[\]]\s*|\s+[—–-]\s+")
_MIN_CODES = 2  # codes a legend line gives time points, at the least
_MAX_CELLS = 4  # a legend's row: a line or two of text, not a data row
_HEADER_ROWS = 30  # rows of the sheet searched for the headers using the codes


def code_pattern(code: str) -> re.Pattern[str]:
    """A code standing as a word of a header (``T1`` in ``VAS T1``, ``VAS_T1``)."""
    return re.compile(rf"(?<![^\W_]){re.escape(code)}(?![^\W_])", re.I)


def _point(meaning: str) -> str | None:
    """The words of a meaning naming a time point (``12 mesi`` of ``12 mesi (dall'intervento
    della riga)``: its part before a bracket's remark), else ``None``."""
    for part in (*_PARTS.split(meaning), meaning):  # its words alone, before any remark
        part = part.strip(" .")
        if part and timepoint_of(part) is not None:
            return part
    return None


def _headers(sheet: RawSheet) -> list[str]:
    """The short text cells of the sheet's first rows: its headers among them."""
    out = []
    for i in range(min(sheet.n_rows, _HEADER_ROWS)):
        out += [
            c
            for c in sheet.row(i)
            if isinstance(c, str) and 0 < len(c.strip()) <= 60 and "=" not in c
        ]
    return out


def read_point_codes(sheet: RawSheet) -> dict[str, str]:
    """Code -> the words of its time point, from the sheet's legend lines, for the codes
    its headers use; ``{}`` when fewer than two codes are so given."""
    out: dict[str, str] = {}
    headers: list[str] | None = None
    for i in range(sheet.n_rows):
        cells = [c for c in sheet.row(i) if c is not None and str(c).strip()]
        if not cells or len(cells) > _MAX_CELLS:
            continue
        for cell in cells:
            if not isinstance(cell, str) or ("=" not in cell and ":" not in cell):
                continue
            pairs = [
                (code, point)
                for code, meaning in _PAIR.findall(cell)
                if (point := _point(meaning)) is not None
            ]
            if len(pairs) < _MIN_CODES:
                continue
            headers = _headers(sheet) if headers is None else headers
            for code, point in pairs:
                pattern = code_pattern(code)
                if any(pattern.search(h) for h in headers):
                    out.setdefault(code, point)
    return out if len(out) >= _MIN_CODES else {}


def with_point_codes(sheet: RawSheet) -> RawSheet:
    """The sheet carrying the time points its legend lines give its headers' codes."""
    codes = read_point_codes(sheet)
    return replace(sheet, point_codes=tuple(codes.items())) if codes else sheet


def point_note(sheet: RawSheet) -> str:
    """How the codes were read, for the legend's warning."""
    said = ", ".join(f"{code} = {words}" for code, words in sheet.point_codes)
    return f"a legend line on the sheet read as the time points of its headers' codes: {said}"
