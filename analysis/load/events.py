"""Rows of a log of events whose event column (``Event``, ``Événement``) says what each
row records: a procedure, a follow-up visit, a new fracture or a death, in date order
(named in one language, or in two side by side: ``Décès / ស្លាប់``, ``死亡 ᠨᠠᠰᠤ``).

A row whose event names a new fracture records the vertebra found fractured, never a
treated one: its level and date are the new fracture's. A row whose event names a death
is dated by the death, and then a patient without such a row is read as alive (died =
no), as in a register of deaths. Other rows are read as their cells say.

A log without an event column may say so in a remark instead (``외래`` visit, level
``L1``, remark ``신규 압박골절 L1 (MRI 확인)``): a row whose remark, in a column not
otherwise read, names a new fracture at the very vertebra its level cell gives, and
which holds nothing else of a procedure, is that new fracture's row. So is a row whose
level cell is blank, holding nothing of a procedure, whose remark names a new fracture
and its vertebra in words (``Urgencias``, remark ``RM: nueva fractura vertebral L2``):
the vertebra is the remark's, the date the row's. A remark denying the fracture (``sin
nueva fractura``, ``no new fracture``) names none.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import date
from functools import cache

from analysis.io import RawSheet
from analysis.levels import parse_levels
from analysis.load.header import MAX_HEADER_SEARCH, HeaderColumn, SheetLayout, names_event
from analysis.load.roles import sheet_role
from analysis.normalize.cells import is_missing, levels_in_text, other_procedure
from analysis.normalize.dates import date_inside, inner_date_order
from analysis.normalize.timepoints import script_parts
from analysis.spec import load_spec, normalize_text

FRACTURE = "fracture"
DEATH = "death"

# an event named in two languages: "ស្លាប់ / Décès", "New fracture (nuwe fraktuur)"
_PARTS = re.compile(r"\s+[-–—/|]\s+|[()（）\[\]]")


def event_column(layout: SheetLayout) -> HeaderColumn | None:
    """The column not otherwise read whose header names the row's event, or None."""
    return next(
        (c for c in layout.columns if c.target is None and names_event(c.header)),
        None,
    )


def row_event(value: object) -> str | None:
    """What an event cell says its row records: :data:`FRACTURE`, :data:`DEATH` or None
    (a procedure, a visit, or anything else, read as the row's cells say)."""
    if not isinstance(value, str) or not value.strip():
        return None
    parts = {normalize_text(p) for p in _PARTS.split(value)} | {normalize_text(value)}
    # "死亡 ᠨᠠᠰᠤ ᠪᠠᠷᠠᠭᠰᠠᠨ": the event in two scripts side by side, no mark between
    parts |= {normalize_text(p) for p in script_parts(value)}
    if sheet_role(value) == "fractures" or parts & _fracture_words():
        return FRACTURE
    return DEATH if parts & _death_words() else None


def logs_new_fractures(sheet: RawSheet) -> bool:
    """Whether a sheet (or a table of one) is a log of new fractures, whatever its name
    (``Intercorrências``): a column headed as each row's event (``Evento``) whose every
    filled cell below names a new fracture or a death, one at least a new fracture
    (``Nova fratura T6``, ``Óbito``); its dates are then the events' own."""
    for r, cells in enumerate(sheet.rows[:MAX_HEADER_SEARCH]):
        for j, cell in enumerate(cells):
            if not isinstance(cell, str) or not names_event(cell):
                continue
            below = [row[j] for row in sheet.rows[r + 1 :] if j < len(row)]
            events = [row_event(v) for v in below if isinstance(v, str) and v.strip()]
            if FRACTURE in events and None not in events:
                return True
    return False


def event_levels(value: object) -> tuple[str, ...]:
    """The vertebrae an event cell naming a new fracture gives with it (``Nova fratura
    T6``: T6), or none."""
    if row_event(value) != FRACTURE or not isinstance(value, str):
        return ()
    return _fracture_levels(value) or levels_in_text(value) or ()


# a vertebra named in a remark ("신규 압박골절 L1 (MRI 확인)", "new fracture Th12")
_LEVEL_WORD = re.compile(r"(?<![^\W\d_])(?:th|[ctlsd])\s?-?\d{1,2}(?!\d)", re.IGNORECASE)


def remark_fractures(
    layout: SheetLayout, rows: Sequence[int], by_column: Sequence[Sequence[object]]
) -> tuple[HeaderColumn, dict[int, str]] | None:
    """The column not otherwise read whose remarks name new fractures, and the rows each
    names one on: a row whose remark names a new fracture and the vertebra its level
    cell gives (or no vertebra at all: ``nieuwe inzakkingsfractuur`` beside ``L4``), and
    whose other procedure cells (technique, cement, leakage) are blank.
    ``None`` when no column does."""
    levels = [c for c in layout.columns if c.target is not None and c.target.label == "procedures.level"]  # fmt: skip
    others = [
        c.index - 1
        for c in layout.columns
        if c.target is not None and c.target.table == "procedures" and c not in levels
    ]
    techniques = {c.index - 1 for c in layout.columns if c.target is not None and c.target.label == "procedures.technique"}  # fmt: skip
    if len(levels) != 1 or levels[0].index > len(by_column):
        return None
    level_cells = by_column[levels[0].index - 1]
    for col in layout.columns:
        if col.target is not None or col.index > len(by_column):
            continue
        found = {
            row: FRACTURE
            for i, (row, remark, level) in enumerate(
                zip(rows, by_column[col.index - 1], level_cells, strict=True)
            )
            if isinstance(remark, str)
            and isinstance(level, str)
            and all(
                j >= len(by_column) or _blank_of_procedure(by_column[j][i], j in techniques)
                for j in others
            )
            and (_names_level(remark, level) or not _LEVEL_WORD.search(remark))
            and _names_fracture(remark)
        }
        if found:
            return col, found
    return None


def _blank_of_procedure(value: object, technique: bool) -> bool:
    """Whether a procedure's cell says nothing of a treated vertebra: blank, or in the
    technique column a procedure other than augmentation (an MRI of the spine, whose
    report names the new fracture)."""
    return is_missing(value) or (technique and other_procedure(value))


def remark_levels(
    layout: SheetLayout, rows: Sequence[int], by_column: Sequence[Sequence[object]]
) -> tuple[HeaderColumn, dict[int, tuple[str, ...]]] | None:
    """The column not otherwise read whose remarks name a new fracture and its vertebrae
    on rows whose level cell and other procedure cells are blank, and the vertebrae each
    such row's remark names after its fracture words. ``None`` when no column does (or
    the sheet has no one level column: a row's blank level cell must say no vertebra
    was treated on it, unless the sheet is one of visits treating no vertebra at all)."""
    # the treated levels in a column of their own, or in the operative notes naming them
    levels = [c for c in layout.columns if c.target is not None and c.target.label in _LEVELS_READ]  # fmt: skip
    visits = not levels and _visit_sheet(layout)
    procedure = [
        c.index - 1
        for c in layout.columns
        if c.target is not None
        and (c.target.table == "procedures" or c.target.label == "note:procedure")
        and c.index <= len(by_column)
        # on a visit sheet, the session a visit belongs to ("Zabieg nr" 1) is no procedure
        and not (visits and c.target.column == "procedure_id")
    ]
    if not visits and (len(levels) != 1 or levels[0].index > len(by_column)):
        return None
    for col in layout.columns:
        if col.target is not None or col.index > len(by_column):
            continue
        found = {}
        for i, (row, remark) in enumerate(zip(rows, by_column[col.index - 1], strict=True)):
            if not isinstance(remark, str) or any(not is_missing(by_column[j][i]) for j in procedure):  # fmt: skip
                continue
            named = _fracture_levels(remark)
            if named:
                found[row] = named
        if found:
            return col, found
    return None


_LEVELS_READ = frozenset({"procedures.level", "note:procedure"})


def remark_dates(rows: Sequence[int], remarks: Sequence[object]) -> dict[int, date]:
    """The date each remark naming a new fracture gives it (``新規骨折 L1（R3.8.14 MRI）``:
    the MRI's), in the day/month order the column's dates prove together; rows whose
    remark gives no one date are left out (the fracture is then dated by its row)."""
    order = inner_date_order(remarks)
    found = {}
    for row, remark in zip(rows, remarks, strict=True):
        when = date_inside(remark, order) if _fracture_levels(str(remark)) else None
        if when is not None:
            found[row] = when
    return found


def _visit_sheet(layout: SheetLayout) -> bool:
    """A sheet of visits (a visit's date or a column of visits) that treats no vertebra:
    a remark there naming a new fracture and its vertebra (``nowe złamanie L3``) is
    that fracture, found at the row's visit."""
    targets = [c.target for c in layout.columns if c.target is not None]
    return any(t.kind == "visit" or t.label == "date:visit_date" for t in targets) and not any(
        t.table == "procedures" and t.column in _TREATED for t in targets
    )


# what a row treating a vertebra writes: its level, technique, cement, volume or leak
_TREATED = frozenset(("level", "technique", "cement_type", "cement_volume_ml", "leakage"))


def _fracture_levels(remark: str) -> tuple[str, ...]:
    """The vertebrae a remark names after words of a new fracture not denied
    (``RM: nueva fractura vertebral L2``: L2), or none. A remark naming the fracture in
    two languages, its gloss after the level (``አዲስ ስብራት T12 (new fracture)``), names
    the vertebra after whichever of its phrases one follows."""
    words = normalize_text(remark).split()
    for phrase in _fracture_phrases():
        span = _phrase_span(phrase, words)
        if span is None:
            continue
        at, end = span
        if any(w in _negations() for w in words[max(0, at - 2) : at]):
            return ()
        after = " ".join(words[end:])
        try:
            named = [v for m in _LEVEL_WORD.finditer(after) for v in parse_levels(m[0])]
        except ValueError:
            return ()
        if named:
            return tuple(dict.fromkeys(named))
    return ()


_WORDS_BETWEEN = 1  # a word a phrase may have between its own ("new compression fracture")


def _phrase_span(phrase: list[str], words: list[str]) -> tuple[int, int] | None:
    """Where a phrase's words first stand in their order among ``words``, at most
    :data:`_WORDS_BETWEEN` others between two of them (``new compression fracture``: new
    fracture): its first word's index and the index after its last; ``None`` if nowhere."""
    for start in (i for i, w in enumerate(words) if w == phrase[0]):
        at = start
        for wanted in phrase[1:]:
            ahead = words[at + 1 : at + 2 + _WORDS_BETWEEN]
            if wanted not in ahead:
                break
            at += 1 + ahead.index(wanted)
        else:
            return start, at + 1
    return None


@cache
def _fracture_phrases() -> tuple[list[str], ...]:
    """The new-fracture words of several words, split, longest first (then in their
    alphabetical order, so a remark reads the same in every run)."""
    phrases = sorted(w.split() for w in _fracture_words() if " " in w or _unspaced(w))
    return tuple(sorted(phrases, key=len, reverse=True))


def _unspaced(word: str) -> bool:
    """Whether a word is written in a script that puts no space between words (``新規骨折``:
    new fracture), so that one word of it is a whole phrase."""
    return all(unicodedata.name(c, "").startswith(_UNSPACED) for c in word)


# the scripts written without spaces between words: Chinese, Japanese kana
_UNSPACED = ("CJK UNIFIED IDEOGRAPH", "HIRAGANA", "KATAKANA")


@cache
def _negations() -> frozenset[str]:
    return frozenset(normalize_text(w) for w in load_spec().vocabulary.negation_words)


def _names_fracture(remark: object) -> bool:
    """Whether a remark names a new fracture: as an event cell does, or with the words of
    a new fracture's header in their order among others (``MRI: new acute osteoporotic
    # T11``: "new #")."""
    if row_event(remark) == FRACTURE:
        return True
    if not isinstance(remark, str):
        return False
    words = normalize_text(remark).split()
    return any(_in_order(w.split(), words) for w in _fracture_words() if " " in w)


def _in_order(wanted: list[str], words: list[str]) -> bool:
    """Whether ``wanted`` are among ``words`` in their order, others between them."""
    rest = iter(words)
    return all(w in rest for w in wanted)


def _names_level(remark: object, level: object) -> bool:
    """Whether a remark names the vertebra (or every vertebra) a level cell gives."""
    if not isinstance(remark, str) or not isinstance(level, str):
        return False
    try:
        wanted = set(parse_levels(level))
        named = {v for m in _LEVEL_WORD.finditer(remark) for v in parse_levels(m[0])}
    except ValueError:
        return False
    return bool(wanted) and wanted <= named


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
