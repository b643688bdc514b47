"""An operative note that names the session in sentences (``Transpedicular
vertebroplasty under LA. T7 2.5 ml, T8 5.5 ml, PMMA. Minor leak at T8 into segmental
veins (venous).``): the treated vertebrae, each one's cement volume (``T9 & T10, 2.5 ml
each``), the technique and cement its words name, and the leakage its sentences about a
leak give level by level (``No cement leak``: none).

:func:`read_note` finds the parts as written; the reader parses them by the rules of
their own columns, so a level or a volume out of range is the same error as in a column
of its own."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from analysis.normalize.cells import CellError, by_words, fold_width, is_no, parse_cell
from analysis.spec import ColumnSpec, load_spec, normalize_text

NOTE = "note"  # a Target's kind: a column of operative notes (``note:procedure``)
_SENTENCE = re.compile(
    r"(?<=[.;])\s+|\s*[|\u061b]\s*"
)  # a full stop or semicolon; a bar or an Arabic semicolon (a template's fields)
_CLAUSE = re.compile(r",\s+")  # a sentence's clauses ("Venous leak, asymptomatic")
_LEVEL = re.compile(r"(?<![\w])(?:th|[ctlsd])\s?-?\d{1,2}(?![\w])", re.IGNORECASE)
_NUMBER = r"\d+(?:[.,]\d+)?"


@dataclass(frozen=True)
class Note:
    """The parts of one operative note, as written: ``levels`` the treated vertebrae,
    ``volumes`` one per level (empty when the note gives none), ``total`` the one volume
    of a sentence naming no vertebra (``CEMENT: PMMA 9.5 ML TOTAL.``) when no level has
    its own, ``leaks`` each leak's
    vertebra and words (empty with ``no_leak`` when a sentence says there was none)."""

    levels: tuple[str, ...]
    volumes: tuple[str, ...]
    technique: str | None
    cement_type: str | None
    leaks: tuple[tuple[str, str], ...]
    no_leak: bool
    total: str | None = None  # the session's one volume in a sentence naming no vertebra


@cache
def _units() -> str:
    units = ["ml", "mls", "cc", *load_spec().vocabulary.volume_units]
    return "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))


@cache
def _volume() -> re.Pattern[str]:
    return re.compile(rf"({_NUMBER})\s*(?:{_units()})(?![\w])", re.IGNORECASE)


@cache
def _level_volume() -> re.Pattern[str]:
    """A level and the volume written right after it (``T7 2.5 ml``, ``L1: 3 ml``,
    ``L2 – 2.5 ml``)."""
    return re.compile(rf"{_LEVEL.pattern}\s*[:=–—-]?\s*({_NUMBER}\s*(?:{_units()}))(?![\w])", re.IGNORECASE)  # fmt: skip


@cache
def _leak_words() -> frozenset[str]:
    synonyms = load_spec().column("procedures", "leakage").synonyms
    return frozenset(normalize_text(s) for s in synonyms if " " not in s.strip())


def _words(text: str) -> list[str]:
    return normalize_text(text).split()


def _is_leak(sentence: str) -> bool:
    return any(w in _leak_words() for w in _words(sentence))


def _volumes(sentence: str, levels: list[str]) -> list[str]:
    """Each level's volume: written after it (``T7 2.5 ml, T8 5.5 ml``), or once for all
    (``T9 & T10, 2.5 ml each``); none when the sentence says neither."""
    after = _level_volume().findall(sentence)
    if len(after) == len(levels):
        return list(after)
    found = _volume().findall(sentence)
    each = {normalize_text(w) for w in load_spec().vocabulary.each_words}
    if len(found) == 1 and (len(levels) == 1 or each & set(_words(sentence))):
        return [f"{found[0]} ml"] * len(levels)
    return []


def read_note(value: object) -> Note | None:
    """The parts of an operative note (:class:`Note`), or ``None`` when it names no
    vertebra outside its sentences about a leak."""
    if not isinstance(value, str):
        return None
    text = fold_width(value).strip()
    levels: list[str] = []
    volumes: list[str] = []
    leaks: list[tuple[str, str]] = []
    no_leak = False
    kept = []
    totals: list[str] = []
    anywhere: list[str] = []  # the words of a leak naming no vertebra
    for sentence in _SENTENCE.split(text):
        named = [m.group(0) for m in _LEVEL.finditer(sentence)]
        if _is_leak(sentence):
            words = _LEVEL.sub(" ", _FIELD_LABEL.sub("", sentence.strip()))  # "Leakage: L2 disc"
            denied = not named and any(is_no(w) for w in _words(words))
            no_leak = no_leak or denied
            leaks += _leaks_by_level(sentence, words)
            if not named and not denied:  # "Small leak into disc space.": the session's
                anywhere += [c for c in _CLAUSE.split(sentence.strip(" .")) if _is_leak(c)][:1]
            continue
        kept.append(sentence)
        if named and levels and _again(named, levels):
            # "VP done L2. Cement L2 3.5ml": the vertebrae named again with their volumes
            again = _volumes(sentence, named)
            volumes = again if again and len(named) == len(levels) else volumes
        elif named:
            volumes += _volumes(sentence, named)
            levels += named
        else:  # "CEMENT: PMMA 9.5 ML TOTAL.": the session's volume, no vertebra named
            totals += [f"{v} ml" for v in _volume().findall(sentence)]
    if not levels:
        return None
    if not leaks and len(anywhere) == 1:  # a leak naming no vertebra: at each of the session's
        leaks = [(level, anywhere[0]) for level in levels]
    rest = " ".join(_LEVEL.sub(" ", s) for s in kept)
    spec = load_spec()
    technique, cement = (spec.column("procedures", c) for c in ("technique", "cement_type"))
    return Note(
        levels=tuple(levels),
        volumes=tuple(volumes) if len(volumes) == len(levels) else (),
        technique=by_words(rest, technique)
        or _field_value(kept, technique)
        or _code(rest, technique),
        cement_type=by_words(rest, cement) or _field_value(kept, cement),
        leaks=tuple(leaks),
        no_leak=no_leak,
        total=totals[0] if len(totals) == 1 and not volumes else None,
    )


def _code(text: str, column: ColumnSpec) -> str | None:
    """The one value a note's short codes name as whole words (``VP done L2``:
    vertebroplasty; ``by_words`` reads words of four letters or more)."""
    lookup = {normalize_text(k): v for k, v in column.value_lookup().items()}
    named = {lookup[w] for w in _words(text) if len(w) < 4 and w in lookup}
    return str(named.pop()) if len(named) == 1 else None


def _again(named: list[str], levels: list[str]) -> bool:
    """Whether a sentence names again, in their order, the very vertebrae the note named
    before it (``VP done T12, L1. Cement T12 4.5ml, L1 3ml``)."""
    return [normalize_text(n) for n in named] == [normalize_text(v) for v in levels]


_FIELD_LABEL = re.compile(r"^[^\d:：]{1,40}[:：]\s*")


def _leaks_by_level(sentence: str, words: str) -> list[tuple[str, str]]:
    """Each vertebra a sentence about a leak names, with its sites: the words from it to
    the next vertebra when each is written with its own (``Leakage: T12 foraminal, L1
    disc``), else the sentence's words for every one (``leak at T8 and T9 into veins``)."""
    found = list(_LEVEL.finditer(sentence))
    if len(found) < 2:
        return [(m.group(0), words) for m in found]
    own = [sentence[m.end() : n.start() if n else len(sentence)] for m, n in zip(found, [*found[1:], None], strict=True)]  # fmt: skip
    if all(_names_site(w) for w in own):
        return [(m.group(0), w.strip(" ,;")) for m, w in zip(found, own, strict=True)]
    return [(m.group(0), words) for m in found]


def _field_value(sentences: list[str], column: ColumnSpec) -> str | None:
    """The value of a template's field (``Procedure: Balloon Kyphoplasty``, ``الإجراء: رأب
    الحدبة بالبالون``): the text after a field's label read whole by the column's rule,
    when exactly one value is so named."""
    named = set()
    for sentence in sentences:
        label = _FIELD_LABEL.match(sentence.strip())
        if label is None:
            continue
        try:
            named.add(parse_cell(sentence.strip()[label.end() :], column))
        except CellError:
            continue
    named.discard(None)
    return str(named.pop()) if len(named) == 1 else None


def _names_site(text: str) -> bool:
    """Whether words name a leak's site (``foraminal``, ``disc+paravertebral``)."""
    try:
        return parse_cell(text.strip(" ,;"), load_spec().column("procedures", "leakage")) not in (
            None,
            "none",
        )
    except CellError:
        return False
