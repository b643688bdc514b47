"""Fixed-width text reports: the tables an old hospital system prints, columns aligned
with spaces, each under a header line and a dashed rule (``-----``).

A report holds several sections (one table each) and page breaks that repeat the title
block, the header and the rule. The report is read as one sheet whose row ``i`` is the
file's line ``i + 1``: each section's title line, its header and its data lines; the page
title blocks, the rules, the repeated headers and the end lines are left blank, so the
sections stand apart as several tables on one sheet and every cell keeps its line number.

Column boundaries are the columns of spaces shared by a section's header and all its
data lines; a stretch holding header words but no data (``ml`` of ``Cement ml``) or data
but no header word belongs to the column on its left.
"""

from __future__ import annotations

import re
from pathlib import Path

from analysis.io.sheets import RawSheet

__all__ = ["fixed_width_sheets", "is_fixed_width"]

_RULE = re.compile(r"^\s*-{5,}\s*$")
_DELIMITERS = (",", ";", "\t", "|")


def _lines(text: str) -> list[str]:
    return [line.rstrip("\r") for line in text.split("\n")]


def _header_lines(lines: list[str]) -> list[int]:
    """0-based indices of header lines: words apart by two spaces at least, no
    delimiter, a dashed rule on the next line."""
    out = []
    for i in range(len(lines) - 1):
        head = lines[i].replace("\f", "")
        if (
            _RULE.match(lines[i + 1])
            and len(re.split(r"\s{2,}", head.strip())) >= 2
            and not any(d in head for d in _DELIMITERS)
        ):
            out.append(i)
    return out


def is_fixed_width(text: str) -> bool:
    """Whether a text file is a fixed-width report: a header line over a dashed rule,
    and no delimiter in that header."""
    return bool(_header_lines(_lines(text[:65536])))


def _data_end(lines: list[str], first: int) -> int:
    """The index after a table's last data line: a blank line, a page break or a
    ``***`` end line ends it."""
    i = first
    while i < len(lines) and lines[i].strip() and "\f" not in lines[i]:
        if lines[i].lstrip().startswith("***"):
            break
        i += 1
    return i


def _spans(header: str, data: list[str]) -> list[tuple[int, int]]:
    """The columns' character spans, from the gutters shared by header and data."""
    width = max(len(s) for s in [header, *data])
    filled = [any(j < len(s) and not s[j].isspace() for s in [header, *data]) for j in range(width)]
    runs: list[tuple[int, int]] = []
    for j, f in enumerate(filled):
        if f and (j == 0 or not filled[j - 1]):
            runs.append((j, j + 1))
        elif f:
            runs[-1] = (runs[-1][0], j + 1)

    def has(s: str, a: int, b: int) -> bool:
        return bool(s[a:b].strip())

    spans: list[tuple[int, int]] = []
    for a, b in runs:
        own = has(header, a, b) and any(has(s, a, b) for s in data)
        if spans and not own:
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
    # each column reaches to the next one's start (text may run into the gutter)
    return [(a, spans[k + 1][0] if k + 1 < len(spans) else width) for k, (a, _) in enumerate(spans)]  # fmt: skip


def _cells(line: str, spans: list[tuple[int, int]]) -> list[object]:
    cells: list[object] = []
    for k, (a, b) in enumerate(spans):
        value = line[a:] if k == len(spans) - 1 else line[a:b]
        cells.append(value.strip() or None)
    return cells


def _title_index(lines: list[str], header: int) -> int | None:
    """The line of a section's title: the nearest filled line of the three above its
    header."""
    for i in range(header - 1, max(header - 4, -1), -1):
        if lines[i].replace("\f", "").strip():
            return i
    return None


def fixed_width_sheets(path: Path, text: str) -> list[RawSheet]:
    """A fixed-width report as one sheet of tables, each under its section's title line,
    apart from the next by blank rows (as several tables on one sheet are read)."""
    lines = _lines(text)
    if lines and lines[-1] == "":
        lines.pop()
    sections: dict[tuple[str, ...], list[int]] = {}
    for h in _header_lines(lines):
        sections.setdefault(tuple(lines[h].replace("\f", "").split()), []).append(h)
    rows: list[list[object]] = [[] for _ in lines]
    for repeats in sections.values():
        title = _title_index(lines, repeats[0])
        if title is not None:
            rows[title] = [lines[title].replace("\f", "").strip()]
        for n, h in enumerate(repeats):
            end = _data_end(lines, h + 2)
            header = lines[h].replace("\f", "")
            spans = _spans(header, lines[h + 2 : end])
            if n == 0:  # a page's repeated header is dropped
                rows[h] = _cells(header, spans)
            for i in range(h + 2, end):
                rows[i] = _cells(lines[i], spans)
    ruled = tuple(sorted(repeats[0] + 1 for repeats in sections.values()))
    return [RawSheet(path.name, path.stem, rows, ruled_headers=ruled)]
