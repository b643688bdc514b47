"""Rows of a log of events whose event column (``Event``, ``Événement``) says what each
row records: a procedure, a follow-up visit, a new fracture or a death, in date order.

A row whose event names a new fracture records the vertebra found fractured, never a
treated one: its level and date are the new fracture's. A row whose event names a death
is dated by the death, and then a patient without such a row is read as alive (died =
no), as in a register of deaths. Other rows are read as their cells say.
"""

from __future__ import annotations

import re
from functools import cache

from analysis.load.header import HeaderColumn, SheetLayout
from analysis.load.roles import sheet_role
from analysis.normalize.headers import header_text
from analysis.spec import load_spec, normalize_text

FRACTURE = "fracture"
DEATH = "death"

# an event named in two languages: "ស្លាប់ / Décès", "New fracture (nuwe fraktuur)"
_PARTS = re.compile(r"\s+[-–—/|]\s+|[()（）\[\]]")


def event_column(layout: SheetLayout) -> HeaderColumn | None:
    """The column not otherwise read whose header names the row's event, or None."""
    words = _event_headers()
    return next(
        (c for c in layout.columns if c.target is None and header_text(c.header) in words),
        None,
    )


def row_event(value: object) -> str | None:
    """What an event cell says its row records: :data:`FRACTURE`, :data:`DEATH` or None
    (a procedure, a visit, or anything else, read as the row's cells say)."""
    if not isinstance(value, str) or not value.strip():
        return None
    parts = {normalize_text(p) for p in _PARTS.split(value)} | {normalize_text(value)}
    if sheet_role(value) == "fractures" or parts & _fracture_words():
        return FRACTURE
    return DEATH if parts & _death_words() else None


@cache
def _event_headers() -> frozenset[str]:
    return frozenset(normalize_text(w) for w in load_spec().vocabulary.event_headers)


@cache
def _fracture_words() -> frozenset[str]:
    """The headers of a new fracture's level ("yangi sinish": new fracture), as an event."""
    return frozenset(normalize_text(w) for w in load_spec().column("fractures", "level").synonyms)


@cache
def _death_words() -> frozenset[str]:
    return frozenset(normalize_text(w) for w in load_spec().column("patients", "died").synonyms)
