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

from analysis.normalize.cells import by_words, fold_width, is_no
from analysis.spec import load_spec, normalize_text

NOTE = "note"  # a Target's kind: a column of operative notes (``note:procedure``)
_SENTENCE = re.compile(r"(?<=[.;])\s+")
_LEVEL = re.compile(r"(?<![\w])(?:th|[ctlsd])\s?-?\d{1,2}(?![\w])", re.IGNORECASE)
_NUMBER = r"\d+(?:[.,]\d+)?"


@dataclass(frozen=True)
class Note:
    """The parts of one operative note, as written: ``levels`` the treated vertebrae,
    ``volumes`` one per level (empty when the note gives none), ``leaks`` each leak's
    vertebra and words (empty with ``no_leak`` when a sentence says there was none)."""

    levels: tuple[str, ...]
    volumes: tuple[str, ...]
    technique: str | None
    cement_type: str | None
    leaks: tuple[tuple[str, str], ...]
    no_leak: bool


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
    for sentence in _SENTENCE.split(text):
        named = [m.group(0) for m in _LEVEL.finditer(sentence)]
        if _is_leak(sentence):
            words = _LEVEL.sub(" ", sentence)
            no_leak = no_leak or (not named and any(is_no(w) for w in _words(words)))
            leaks += [(lv, words) for lv in named]
            continue
        kept.append(sentence)
        if named:
            volumes += _volumes(sentence, named)
            levels += named
    if not levels:
        return None
    rest = " ".join(_LEVEL.sub(" ", s) for s in kept)
    spec = load_spec()
    return Note(
        levels=tuple(levels),
        volumes=tuple(volumes) if len(volumes) == len(levels) else (),
        technique=by_words(rest, spec.column("procedures", "technique")),
        cement_type=by_words(rest, spec.column("procedures", "cement_type")),
        leaks=tuple(leaks),
        no_leak=no_leak,
    )
