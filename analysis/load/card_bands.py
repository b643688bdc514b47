"""Patient cards laid side by side across a sheet, in bands stacked down it.

A unit may print its cards several to a row (``Pacient TM-VA-01`` in column A, ``Pacient
TM-VA-02`` in column H, ...), each card a few columns wide with a spacer column between,
and start a further band of cards a few rows lower, the cards of one band of unequal
heights. Such a sheet is told by a row naming two patients or more, each by the same label
and a distinct study ID (in one cell, ``Pacient TM-VA-01``, or a label and the ID in the
cell after it), under a blank row or a title line; every row naming patients so starts a
band. Each card runs from its label's column to the column before the next card's label
(the last to the sheet's right edge) and from its band's row to the row before the next
band.

A card is read as a stacked card is (:mod:`analysis.load.cards`), from a view of the sheet
that keeps the card's own cells, at their places, and blanks every other cell: each cell
is reported at its true sheet position.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from analysis.io import RawSheet
from analysis.load.header_contents import code_like
from analysis.normalize import match_header
from analysis.normalize.cells import is_missing
from analysis.normalize.folded import normalize_text

# a label of letters (and spaces, dots) before the ID in one cell: "Pacient TM-VA-01",
# "Patient: VP-07", "Beteg 12"
_LABEL_AND_ID = re.compile(r"^([^\W\d_][^\W\d_ .]*(?:[ .][^\W\d_]+)*\.?)\s*[:：#]?\s+(\S+)$")


def label_and_id(value: object) -> tuple[str, str] | None:
    """(label, study ID) of one cell naming a patient by a word and a code after it
    (``Pacient TM-VA-01``), or ``None``."""
    if not isinstance(value, str):
        return None
    found = _LABEL_AND_ID.match(value.strip())
    if found is None or len(found.group(1)) > 40 or not code_like(found.group(2)):
        return None
    return found.group(1).rstrip(".").strip(), found.group(2)


@dataclass(frozen=True)
class CardWindow:
    """One card of a band: a view of the sheet keeping only the card's cells, the card's
    first and last rows, and the columns of its label and its ID (one column when the
    label and the ID share a cell)."""

    view: RawSheet
    first: int
    last: int
    label_col: int
    id_col: int


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _names_patient(label: str, mapping: dict[str, object]) -> bool:
    """Whether a label may name a card's patient: it names the study ID, an identifier
    (``Patient``: the patient's name) or no field at all (``Pacient``), never a field of
    the data (``Nivel L2``, ``VAS 7``)."""
    target = match_header(label, mapping)
    return target is None or target.kind == "identifier" or target.label == "patients.patient_id"


def _namings(cells: list[object], mapping: dict[str, object]) -> list[tuple[int, int, str, str]]:
    """(label column, ID column, label, ID) of each cell of a row naming a patient: a
    label and an ID in one cell, or a text and a code-like value in the next column."""
    out = []
    for j, value in enumerate(cells):
        one = label_and_id(value)
        text = one[0] if one else _text(value).rstrip(":：").strip()
        after = cells[j + 1] if j + 1 < len(cells) else None
        if one is None and (any(ch.isdigit() for ch in text) or len(text) > 40 or not code_like(after)):  # fmt: skip
            continue
        label = normalize_text(text)  # a word: no ditto mark ('"') repeating the row above
        if any(ch.isalpha() for ch in label) and _names_patient(text, mapping):
            id_col, code = (j + 1, one[1]) if one else (j + 2, str(after).strip())
            out.append((j + 1, id_col, label, code))
    return out


def _band_rows(sheet: RawSheet, mapping: dict[str, object]) -> dict[int, list[tuple[int, int]]]:
    """Row -> (label column, ID column) of each card the row starts, over the rows that
    start a band (under a blank row or a title line, never under a row of a table);
    empty unless one row names two patients or more side by side by one label, each
    patient once."""
    rows = {
        r: _namings(sheet.row(r - 1), mapping)
        for r in range(1, sheet.n_rows + 1)
        if r == 1 or sum(not _blank(v) for v in sheet.row(r - 2)) <= 1
    }
    wide = Counter(
        label
        for found in rows.values()
        if len(found) >= 2 and len({i for *_, i in found}) == len(found)
        for label in {lab for _, _, lab, _ in found}
        if sum(lab == label for _, _, lab, _ in found) >= 2
    )
    if not wide:
        return {}
    label = max(wide, key=wide.__getitem__)
    bands = {
        r: [(lc, ic) for lc, ic, lab, _ in found if lab == label]
        for r, found in rows.items()
        if any(lab == label for _, _, lab, _ in found)
    }
    ids = [i for found in rows.values() for _, _, lab, i in found if lab == label]
    return bands if len(set(ids)) == len(ids) else {}


def _view(sheet: RawSheet, rows: tuple[int, int], cols: tuple[int, int]) -> RawSheet:
    """The sheet with every cell outside rows and columns (1-based, inclusive) blank."""
    (r0, r1), (c0, c1) = rows, cols
    kept: list[list[object]] = []
    for r in range(1, r1 + 1):
        cells = sheet.row(r - 1)
        if r < r0:
            kept.append([])
            continue
        kept.append([v if c0 <= j + 1 <= c1 else None for j, v in enumerate(cells[:c1])])
    merged = tuple(
        m for m in sheet.merged if r0 <= m[0] and m[2] <= r1 and c0 <= m[1] and m[3] <= c1
    )
    return replace(sheet, rows=kept, merged=merged, header_row=None)


def _last_filled(sheet: RawSheet, first: int, last: int, cols: tuple[int, int]) -> int:
    """The last row from ``first`` to ``last`` with a cell filled in columns ``cols``."""
    for r in range(last, first, -1):
        cells = sheet.row(r - 1)
        if any(not _blank(v) for v in cells[cols[0] - 1 : cols[1]]):
            return r
    return first


def _blank(value: object) -> bool:
    return is_missing(value) or (isinstance(value, str) and not value.strip())


def card_windows(sheet: RawSheet, mapping: dict[str, object]) -> list[CardWindow]:
    """The cards of a sheet of cards side by side, band by band and left to right; empty
    when the sheet holds no such cards."""
    bands = _band_rows(sheet, mapping)
    starts = sorted(bands)
    width = max((len(sheet.row(i)) for i in range(sheet.n_rows)), default=0)
    out = []
    for k, r in enumerate(starts):
        end = starts[k + 1] - 1 if k + 1 < len(starts) else sheet.n_rows
        cards = sorted(bands[r])
        for n, (label_col, id_col) in enumerate(cards):
            right = cards[n + 1][0] - 1 if n + 1 < len(cards) else width
            last = _last_filled(sheet, r, end, (label_col, right))
            view = _view(sheet, (r, last), (label_col, right))
            out.append(CardWindow(view, r, last, label_col, id_col))
    return out


def bands_said(cards: int, bands: int) -> str:
    """How the cards side by side were found, for ``inspect``."""
    return (
        f"patient cards side by side: {cards} cards in {bands} band(s) down the sheet, "
        "each from a cell naming the study ID to the next card's column"
    )
