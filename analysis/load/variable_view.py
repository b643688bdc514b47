"""A statistics package's codebook written out as a sheet (SPSS's *Variable View*): one
block per variable, its first row ``name | label | type | code | value label | missing``
and its other value labels on the rows under it, the first cells empty.

Such a sheet gives three things about the data sheet's short variable names (``lytis``,
``lyg1``, ``vas0``): each variable's label (``Slankstelis 1``), by which its column is
read where the name itself names no field; its codes each with its value label
(``101 | Th1``); and its declared missing values (``97, 98, 99``), read as missing, not as
errors. A variable whose value labels are another's (``kodai kaip lyg1``: a text naming
a variable listed above it, and no codes of its own) has that variable's codes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from analysis.io import RawSheet

# a variable's name in a statistics package: "lyg1", "op2_vas0", "pt.kod"
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_.]{0,31}$")
# a cell of declared missing values: "99", "97, 98, 99", "997; 998; 999"
_DECLARED = re.compile(r"^\s*-?\d{1,4}(?:\s*[,;]\s*-?\d{1,4})*\s*$")
_MIN_VARIABLES = 5  # variables listed with their labels, at least
_READ_SHARE = 0.6  # of the sheet's non-empty rows, variables' rows or their value labels
_MAX_WIDTH = 8  # name, label, type, width, code, value label, missing, measure


@dataclass(frozen=True)
class VariableView:
    """What a codebook sheet says of each variable (by its name as written): its label,
    its codes with their value labels, and its declared missing values."""

    labels: dict[str, str] = field(default_factory=dict)
    codes: dict[str, dict[str, str]] = field(default_factory=dict)
    missing: dict[str, tuple[str, ...]] = field(default_factory=dict)


def _code(value: object) -> str | None:
    """A cell holding a code: a whole number of up to four digits."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return str(int(value)) if -1000 < value < 10000 else None
    if isinstance(value, str) and re.fullmatch(r"-?\d{1,4}", value.strip()):
        return value.strip()
    return None


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) and _code(value) is None else ""


def _coded(row: list[object], start: int) -> tuple[int, str, str] | None:
    """The first code at or after ``start`` with a value label right of it: its
    position, code and label."""
    for j in range(start, len(row) - 1):
        code, label = _code(row[j]), _text(row[j + 1])
        if code is not None and label:
            return j, code, label
    return None


def _declared(cells: list[object]) -> tuple[str, ...]:
    """The declared missing values among ``cells`` (a cell of codes alone)."""
    out: list[str] = []
    for c in cells:
        text = str(int(c)) if isinstance(c, (int, float)) and not isinstance(c, bool) and float(c).is_integer() else str(c or "")  # fmt: skip
        if text.strip() and _DECLARED.match(text):
            out += [p.strip() for p in re.split(r"[,;]", text) if p.strip()]
    return tuple(dict.fromkeys(out))


def read_variable_view(sheet: RawSheet) -> VariableView | None:
    """The codebook a sheet writes out one variable a block (module docstring), or
    ``None`` when the sheet is none: at least five variables named in its first column
    with a label beside the name, and most of its non-empty rows variables' rows or their
    value labels."""
    view = VariableView()
    refers: dict[str, str] = {}
    current: str | None = None
    rows = used = 0
    for i in range(sheet.n_rows):
        row = list(sheet.row(i))[:_MAX_WIDTH]
        if not any(c is not None and str(c).strip() for c in row):
            continue
        rows += 1
        first = row[0] if row else None
        if isinstance(first, str) and _NAME.match(first.strip()) and len(row) > 1 and _text(row[1]):  # fmt: skip
            current = first.strip()
            view.labels[current] = _text(row[1])
            used += 1
            coded = _coded(row, 2)
            if coded is not None:
                view.codes.setdefault(current, {})[coded[1]] = coded[2]
                missing = _declared(row[coded[0] + 2 :])
            else:
                texts = [_text(c) for c in row[2:]]
                named = [n for t in texts for n in re.findall(r"[A-Za-z][A-Za-z0-9_.]*", t) if n in view.labels and n != current]  # fmt: skip
                if named:
                    refers[current] = named[0]
                # the row's last cell, right of its texts: "kodai kaip nut1 | 99"
                filled = [c for c in row[2:] if c is not None and str(c).strip()]
                missing = _declared(filled[-1:]) if len(filled) >= 2 else ()
            if missing:
                view.missing[current] = missing
            continue
        if current is not None and first in (None, "") and (coded := _coded(row, 1)) is not None:
            view.codes.setdefault(current, {})[coded[1]] = coded[2]
            used += 1
            continue
        current = None
    if len(view.labels) < _MIN_VARIABLES or used < _READ_SHARE * rows:
        return None
    for name, other in refers.items():
        if name not in view.codes and other in view.codes:
            view.codes[name] = dict(view.codes[other])
    return view
