"""A codebook beside a unit's exports: the codes of its columns (``sex: 1=Female,
2=Male``), read so that the export's coded cells read as their labels.

Found among the files of a directory of exports (a CSV whose rows pair a column name with
``code=label`` lists), it becomes per-column value maps; a named list (``LEVEL CODES``)
stands for every column whose codes say they are those. Checkbox columns of a REDCap
export (``leak___2``) are left to the REDCap reader and its data dictionary.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace
from pathlib import Path

from analysis.config import LoadOptions
from analysis.io import RawSheet, ReadLimits, read_input_sheets
from analysis.io.readers import _decode
from analysis.problems import WARNING, Problem, sheet_problem

_PAIR = re.compile(r"(?<![\w.])(\d{1,3})\s*=\s*([^,;=]+?)\s*(?=,|;|$)")
_CHECKBOX = re.compile(r"___\d+$")
# a checkbox box named with its choice: "leak___1=disc, leak___2=epidural"
_BOX_PAIR = re.compile(r"(?<![\w.])([A-Za-z]\w*___\w+)\s*=\s*([^,;=]+?)\s*(?=,|;|$)")
TICKED = "1"  # a checkbox box's code when ticked


def _rows(path: Path) -> list[list[str]]:
    return [list(r) for r in csv.reader(io.StringIO(_decode(path.read_bytes())))]


def is_codebook(path: Path) -> bool:
    """A CSV of which at least a fifth of rows list codes (``1=Female, 2=Male``), each
    row naming its column once: rows that list codes under a first cell repeated on many
    of them (a record number on every visit's row, a measure named with its codes) are
    an export's records, not a codebook."""
    if path.suffix.lower() != ".csv":
        return False
    rows = [r for r in _rows(path) if any(c.strip() for c in r)]
    coded = [r for r in rows if any(len(_PAIR.findall(c)) >= 2 for c in r)]
    named_once = len({r[0].strip() for r in coded}) >= 0.8 * len(coded)
    return len(rows) >= 3 and len(coded) >= max(2, len(rows) / 5) and named_once


def read_codebook(path: Path) -> dict[str, dict[str, str]]:
    """Column name -> {code: label}, from a codebook CSV (:func:`is_codebook`); a
    checkbox's box named with its choice (``leak___1=disc``) as the box's column with
    its ticked code, ``leak___1`` -> ``{"1": "disc"}``, as a REDCap data dictionary's
    choices name the boxes."""
    rows = [r for r in _rows(path) if r and any(c.strip() for c in r)]
    named: dict[str, dict[str, str]] = {}
    columns: dict[str, dict[str, str] | str] = {}
    for r in rows:
        for cell in r[1:]:
            for box, label in _BOX_PAIR.findall(cell):
                columns[box] = {TICKED: label.strip()}
        first = r[0].strip()
        pairs = {code: label.strip() for cell in r[1:] for code, label in _PAIR.findall(cell)}
        names = [n.strip() for n in first.split(",") if n.strip()]
        if first.isupper() and pairs:  # "LEVEL CODES": a named list
            named[first.casefold()] = pairs
            continue
        refers = next((c for c in r[1:] if c.strip().isupper() or "codes" in c.casefold()), "")
        for name in names:
            if _CHECKBOX.search(name) or " " in name:
                continue
            if len(pairs) >= 2:
                columns[name] = pairs
            elif refers:
                columns[name] = refers.strip()
    out: dict[str, dict[str, str]] = {}
    for name, codes in columns.items():
        if isinstance(codes, dict):
            out[name] = codes
            continue
        key = next((k for k in named if k in codes.casefold()), None)
        if key is not None:
            out[name] = named[key]
    return out


def export_files(directory: Path) -> list[Path]:
    """The CSV files and workbooks of a directory of a unit's exports, by name."""
    return sorted(p for p in directory.iterdir() if p.suffix.lower() in (".csv", ".xlsx"))


def unit_exports(
    files: list[Path], options: LoadOptions, limits: ReadLimits
) -> tuple[list[RawSheet], LoadOptions, list[Problem]]:
    """A directory's files as the sheets of one workbook, with the codes of a codebook
    among them added to the options' value maps (the codebook itself is not data)."""
    books = [p for p in files if is_codebook(p)]
    codes: dict[str, dict[str, str]] = {}
    problems: list[Problem] = []
    for book in books:
        found = read_codebook(book)
        codes.update(found)
        problems.append(
            sheet_problem(
                book.name,
                book.stem,
                "codebook",
                f"read as a codebook: the codes of {len(found)} column(s) of the exports",
                severity=WARNING,
            )
        )
    if codes:
        options = replace(options, value_maps={**codes, **options.value_maps})
    sheets = [
        s
        for p in files
        if p not in books
        for s in read_input_sheets(p, options.include_hidden, limits)
    ]
    for sheet in sheets:
        problems.extend(sheet.problems)
    return sheets, options, problems
