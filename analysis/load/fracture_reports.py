"""Imaging reports naming new fractures: a column of report text (an MRI's impression,
``Acute compression fracture of the L3 vertebral body with marrow edema.``) whose every
report names a fracture at one vertebral level.

On a sheet with no treated level and nothing of a procedure, such a column (under a header
naming nothing known) is read as the new fracture's level, the sheet is a table of new
fractures and its one date column (the examination's) dates them
(:func:`analysis.load.roles.with_role`). Beside a treated level, a remark naming a new
fracture is the event log's (:mod:`analysis.load.events`), not a report. A report that says no (``No acute fracture``), names
no level or names several is no such column's: the column is then not read, never read in
part.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from functools import cache

from analysis.io import RawSheet
from analysis.levels import LevelError, latin_twins, parse_levels
from analysis.load.header_columns import HeaderColumn
from analysis.load.header_sessions import _names_new_fracture
from analysis.normalize import Target, is_missing
from analysis.normalize.cells import LEVEL_IN_TEXT, fold_width, levels_in_text
from analysis.normalize.content import MIN_EVIDENCE
from analysis.normalize.dates import date_inside, leading_date, split_level_date
from analysis.normalize.leakage_levels import regions_as_letters
from analysis.spec import load_spec, normalize_text

_MIN_WORDS = 4  # a report is a sentence, not a level with a word or two
FRACTURE_LEVEL = Target("column", "fractures", "level")
REPORTS = "cell contents: imaging reports, each naming a fracture at one vertebral level"


def _says_no(text: str) -> bool:
    """Whether a report's words hold a word for no (``No acute fracture``)."""
    no = load_spec().false_tokens
    return any(w in no for w in normalize_text(text).split())


def _one_fracture(value: object) -> bool:
    """A report of a fracture at one level, no other number in it (an operative note
    names its cement's volume)."""
    if not isinstance(value, str) or len(value.split()) < _MIN_WORDS:
        return False
    levels = levels_in_text(value)
    if levels is None or len(levels) != 1 or not _names_new_fracture(value) or _says_no(value):
        return False
    return not any(ch.isdigit() for ch in LEVEL_IN_TEXT.sub(" ", value))


def fracture_reports(col: HeaderColumn, values: list[object], own: Target | None) -> HeaderColumn | None:  # fmt: skip
    """The column read as new fractures' levels when its header names nothing known and
    each of its reports names a fracture at one level (at least three reports, or one on
    every row of a shorter sheet); else ``None``."""
    if own is not None:
        return None
    present = [v for v in values if not is_missing(v)]
    if not present or len(present) < min(MIN_EVIDENCE, len(values)):
        return None
    if not all(_one_fracture(v) for v in present):
        return None
    return replace(
        col,
        target=FRACTURE_LEVEL,
        confidence=1.0,
        n_values=len(present),
        n_parsed=len(present),
        reason=REPORTS,
    )


def report_columns(cols: list[HeaderColumn], sheet: RawSheet, header_row: int) -> list[HeaderColumn]:  # fmt: skip
    """The columns of a table with no treated level, each one unread or read by its cells
    as operative notes whose cells are imaging reports naming a fracture at one level and
    no volume (:func:`fracture_reports`) read so."""
    out = []
    for c in cols:
        if c.target is None or (c.target.kind == "note" and c.reason.startswith("cell contents")):
            values = [r[c.index - 1] if c.index - 1 < len(r) else None for r in sheet.rows[header_row:]]  # fmt: skip
            c = fracture_reports(c, values, None) or c
        out.append(c)
    return out


# a level among words of any script: not after a Latin, Greek or Cyrillic letter (``Fall2``),
# but after kana or kanji (``MRIにてL2新規椎体骨折``); a comma or full stop after it ends a
# phrase (``Ο3, συντηρητική``), one before a digit makes a volume (``3,5``)
_LEVEL_AMONG = re.compile(
    r"(?i)(?<![A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff])(?:th|[ctlsd])\s*[-.]?\s*\d{1,2}(?!\d|[.,]\d)"
)


def dated_fracture(value: object, order: str | None = None, calendar: str | None = None) -> tuple[tuple[str, ...], date] | None:  # fmt: skip
    """A line of notes that starts with its date and names a new fracture and its vertebra
    (``04/11/2021: Νέο κάταγμα Θ9 (MRI STIR).``, ``R4.3.20 外来で…MRIにてＬ２新規椎体骨折あり``),
    or that names them first and the one date of the finding after (``Nueva fractura T6, RX
    del 7/9/21``): the vertebrae and the date, or ``None`` (no date, no fracture named, no
    level, a level that does not exist, or a fracture denied)."""
    if not isinstance(value, str):
        return None
    when = leading_date(value.strip(), order, calendar)
    if when is None:
        return _fracture_then_date(value, order, calendar)
    rest = fold_width(value.strip().split(None, 1)[1]) if len(value.split()) > 1 else ""
    if not rest or not (_names_new_fracture(rest) or _fracture_words_apart(rest)) or _says_no(rest):
        return None
    levels = _levels_among(rest)
    return None if levels is None else (levels, when)


def reason_fracture(value: object, order: str | None = None, calendar: str | None = None) -> tuple[tuple[str, ...], date] | None:  # fmt: skip
    """A later procedure's reason naming the new fracture it treats, its vertebra and the
    date it was found (``New T12 fracture on CT 2020-09-06``): the vertebrae and the date,
    or ``None`` (no fracture named, no level or one that does not exist, no date or
    several, a fracture denied)."""
    if not isinstance(value, str):
        return None
    text = fold_width(value.strip())
    if not (_names_new_fracture(text) or _fracture_words_apart(text)) or _says_no(text):
        return None
    when = date_inside(text, order, calendar)
    levels = _levels_among(text) if when is not None else None
    return None if levels is None or when is None else (levels, when)


def undated_fracture(value: object) -> tuple[str, ...] | None:
    """A remark naming a new fracture and its vertebra but no date (``New # L3 on X-ray –
    for VP``, ``New # L4 (X-ray), conservative Rx``): the vertebrae, found at the visit the
    remark's row records; ``None`` (no fracture named, no level or one that does not
    exist, a date in the remark, a fracture denied)."""
    if not isinstance(value, str):
        return None
    text = fold_width(value.strip())
    if not (_names_new_fracture(text) or _fracture_words_apart(text)) or _says_no(text):
        return None
    return _levels_among(text) if date_inside(text) is None else None


def _levels_among(text: str) -> tuple[str, ...] | None:
    """The vertebrae a text names among its words, or ``None`` (none named, or one that
    does not exist)."""
    found = [m.group(0) for m in _LEVEL_AMONG.finditer(latin_twins(regions_as_letters(text)))]
    if not found:
        return None
    try:
        return parse_levels(", ".join(found))
    except LevelError:
        return None


def _fracture_then_date(
    value: str, order: str | None, calendar: str | None
) -> tuple[tuple[str, ...], date] | None:
    """A note that starts with the words of a new fracture, its vertebrae after them and
    one date further on (``Nueva fractura T6, RX del 7/9/21 – se programa 2a
    vertebroplastia``, ``ظهور كسر انضغاطي جديد ق٢ (رنين مغناطيسي 11/12/2022)``: a new
    compression fracture, its words apart), in the same clause: the vertebrae and that
    date, or ``None``."""
    for text in _CLAUSE_END.split(regions_as_letters(fold_width(value.strip()))):
        named = _names_new_fracture(text) or _fracture_words_apart(text)
        if not named or _says_no(text) or _denied(text):
            continue
        found = split_level_date(text, order, calendar)
        if found is None:
            return None
        try:
            return parse_levels(found[0]), found[1]
        except LevelError:
            return None
    return None


# a clause of a note ends at a semicolon, a line's end (``nytt brudd T12; Død 30.06.2021``:
# the date is the death's, not the fracture's) or an arrow to what followed (``Toriad
# newydd L4 ar MRI 01/03/2022 → 2il driniaeth 16/03/2022``: the second date the repeat's)
_CLAUSE_END = re.compile(r"[;\n→⇒]|->")


def _denied(text: str) -> bool:
    """Whether a note holds a word denying what it names (``sin nueva fractura``)."""
    words = set(normalize_text(text).split())
    return any(normalize_text(w) in words for w in load_spec().vocabulary.negation_words)


def _fracture_words_apart(text: str) -> bool:
    """Whether the words of a new fracture stand in their order with others between
    (``Νέο οστεοπορωτικό κάταγμα``: new osteoporotic fracture)."""
    words = normalize_text(text).split()
    for wanted in _fracture_phrases():
        rest = iter(words)
        if all(w in rest for w in wanted):
            return True
    return False


@cache
def _fracture_phrases() -> tuple[tuple[str, ...], ...]:
    """The new-fracture headers of more than one word, each as its normalised words."""
    phrases = (normalize_text(p).split() for p in load_spec().column("fractures", "level").synonyms)
    return tuple(tuple(words) for words in phrases if len(words) > 1)
