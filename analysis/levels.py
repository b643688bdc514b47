"""Vertebral levels: parsing clinicians' spellings and arithmetic on the ordered spine.

The canonical scale is C1..C7, T1..T12, L1..L5, S1 (25 levels). Adjacent means one
segment apart across region boundaries too (C7-T1, T12-L1, L5-S1).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

REGIONS = (("C", 7), ("T", 12), ("L", 5), ("S", 1))
LEVELS: tuple[str, ...] = tuple(f"{r}{i}" for r, n in REGIONS for i in range(1, n + 1))
LEVEL_INDEX: dict[str, int] = {name: i for i, name in enumerate(LEVELS)}
THORACOLUMBAR_JUNCTION = frozenset({"T11", "T12", "L1", "L2"})

# German Halswirbelkörper / Brustwirbelkörper / Lendenwirbelkörper / Sakralwirbel, their
# short forms (HW, BW, LW) and the Dutch/French/Italian/Spanish thoracic "D" (dorsal).
_PREFIX = {
    "C": "C",
    "T": "T",
    "TH": "T",
    "D": "T",
    "L": "L",
    "S": "S",
    "HWK": "C",
    "HW": "C",
    "BWK": "T",
    "BW": "T",
    "LWK": "L",
    "LW": "L",
    "SWK": "S",
    "SW": "S",
    # Indonesian and Malay "vertebra" before the region (VTh12, VL1)
    "VTH": "T",
    "VC": "C",
    "VT": "T",
    "VL": "L",
    "VS": "S",
    # Vietnamese "N" (đốt ngực, thoracic) and "TL" (thắt lưng, lumbar): N7 is T7, TL1 is L1
    "N": "T",
    "TL": "L",
}
_PREFIXES = "HWK|BWK|LWK|SWK|VTH|HW|BW|LW|SW|TL|TH|V[CTLS]|[CTDLSN]"
_ONE = r"(?P<{p}>" + _PREFIXES + r")\s*[-.]?\s*(?P<{n}>\d{{1,2}})"
_SINGLE = re.compile("^" + _ONE.format(p="p1", n="n1") + "$")
_RANGE = re.compile(
    "^"
    + _ONE.format(p="p1", n="n1")
    + r"\s*(?:-|–|—|~|〜|～|TO|THROUGH|BIS)\s*(?:(?P<p2>"
    + _PREFIXES
    + r")\s*[-.]?\s*)?(?P<n2>\d{1,2})$"
)
_SPLIT = re.compile(
    r"\s*(?:,|/|;|\+|&|、|，|・|\b(?:AND|UND|ET|Y|E|I|OCH|VE|OG|EN|IR|И|و|და|ᲓᲐ)\b)\s*"
)
_PARTLY = re.compile(r"^(?:(?P<p>" + _PREFIXES + r")\s*[-.]?\s*)?\?$")
_REGION_ORDER = {"C": 0, "T": 1, "L": 2, "S": 3, "?": 4}
# a whole cell of "?" or "unknown" reads as a missing cell; these say the level is unknown
_UNKNOWN_LEVEL = frozenset({"UNKNOWN LEVEL", "LEVEL UNKNOWN", "LEVEL NOT STATED", "NOT STATED"})


# a number alone in a list of levels ("L4,5")
_BARE_NUMBER = re.compile(r"^\d{1,2}$")
# Cyrillic and Greek capitals typed for their Latin twins ("Т12", "С7", "Тх10" for Th10,
# Greek "Τ12"), and
# the Greek initials of thoracic (Θ, θωρακικός) and lumbar (Λ, and Ο of οσφυϊκός: "Ο1")
_LOOKALIKE = str.maketrans(
    {
        "\u0422": "T",
        "\u0421": "C",
        "\u041d": "H",
        "\u0425": "H",
        "\u03a4": "T",
        "\u0398": "T",
        "\u039b": "L",
        "\u039f": "L",
    }
)


# the Cyrillic letter a unit writing in Cyrillic types for a level's Latin letter though it
# is no lookalike ("Л1" for L1, as "Т12" is T12): read so only in a cell of levels, never in
# a text, where it begins words
_CYRILLIC_LETTERS = str.maketrans({"\u041b": "L"})


def latin_twins(text: str) -> str:
    """``text`` with the Cyrillic and Greek capitals typed for a level's Latin letter
    written as that letter (``Т12`` in Cyrillic: ``T12``; ``Θ9``: ``T9``; ``Ο1``: ``L1``)."""
    return text.translate(_LOOKALIKE)


# a lookalike capital glued to a level's number, not inside a word ("Θ12 – 31/12/21",
# "Θ9 παρασπονδυλική, Θ10 όχι"): the capitals of the words around it are left as written
_TWIN_BEFORE_NUMBER = re.compile(
    r"(?<![^\W\d_])([\u0422\u0421\u041d\u03a4\u0398\u039b\u039f])(?=\d)"
)


def latin_twin_levels(text: str) -> str:
    """``text`` with each lookalike capital glued to a level's number written as its Latin
    letter (``Θ12 – 31/12/21``: ``T12 – 31/12/21``; ``Ο1 όχι``: ``L1 όχι``), the words
    around it as written (``ΟΧΙ`` stays Greek)."""
    return _TWIN_BEFORE_NUMBER.sub(lambda m: m[1].translate(_LOOKALIKE), text)


# a level's number in Roman numerals after its region's letter ("L II", "D XII", "D XI-L I"),
# as Italian and French hands write it; read only when the cell is no level as written, and
# only with a space or a point between letter and numeral: glued, "SI", "LI", "CV" are words
# ("sí" is yes), not levels
_ROMAN_LEVEL = re.compile(
    r"(?<![^\W\d_])(TH|[CTDLS])(?:\s+|\s*\.\s*)(?=[IVX])(X{0,2}(?:IX|IV|V?I{0,3}))(?![^\W_])"
)
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}


def _arabic_level(match: re.Match[str]) -> str:
    digits = [_ROMAN_VALUES[c] for c in match[2]]
    value = sum(-d if d < e else d for d, e in zip(digits, [*digits[1:], 0], strict=True))
    return f"{match[1]}{value}"


def arabic_levels(text: str) -> str:
    """``text`` with each level numbered in Roman numerals after its region's capital
    written in digits (``L II (04/09/2021)``: ``L2 (04/09/2021)``; ``D XI-L I``:
    ``D11-L1``), the rest as written."""
    return _ROMAN_LEVEL.sub(_arabic_level, text)


class LevelError(ValueError):
    """A text that is not a vertebral level between C1 and S1."""


def _level(prefix: str, number: str, text: str) -> str:
    name = f"{_PREFIX[prefix]}{int(number)}"
    if name not in LEVEL_INDEX:
        raise LevelError(f"'{text}' is not a vertebral level (C1-S1)")
    return name


def _listed(part: str) -> list[str] | None:
    """Levels separated by spaces only (``L1 L2``) or by dashes between three or more
    (``D10 - D11 - D12``: a list, where two would be a range)."""
    dashed = [p.strip() for p in re.split(r"\s*[-–]\s*", part)]
    for items in (dashed if len(dashed) > 2 else [], part.split()):
        if len(items) > 1 and all(_SINGLE.match(i) for i in items):
            return [_level(m["p1"], m["n1"], part) for m in map(_SINGLE.match, items) if m]
    return None


def _parts(cleaned: str, partly_known: bool) -> tuple[set[str], set[str]]:
    """The known levels and the levels known only by region (``?``) of a cleaned cell."""
    found: set[str] = set()
    partial: set[str] = set()
    for part in _with_regions(_SPLIT.split(cleaned)):
        if not part:
            continue
        if partly_known and part in _UNKNOWN_LEVEL:
            partial.add("?")
            continue
        vague = _PARTLY.match(part) if partly_known else None
        if vague:
            partial.add(f"{_PREFIX[vague['p']]}?" if vague["p"] else "?")
            continue
        single = _SINGLE.match(part)
        if single:
            found.add(_level(single["p1"], single["n1"], part))
            continue
        rng = _RANGE.match(part)
        listed = None if rng else _listed(part)
        if listed:
            found.update(listed)
            continue
        if not rng:
            raise LevelError(f"'{part}' is not a vertebral level (C1-S1)")
        start = _level(rng["p1"], rng["n1"], part)
        end = _level(rng["p2"] or rng["p1"], rng["n2"], part)
        lo, hi = sorted((LEVEL_INDEX[start], LEVEL_INDEX[end]))
        found.update(LEVELS[lo : hi + 1])
    return found, partial


def parse_levels(text: str, *, partly_known: bool = False) -> tuple[str, ...]:
    """Parse one cell of levels into canonical names, one per vertebra.

    Accepts ``L1``, ``l1``, ``L 1``, ``Th12``, ``T-12``, ``D12`` (dorsal = thoracic),
    ``N7`` and ``TL1`` (Vietnamese thoracic and lumbar),
    ``VTh12``, ``VL1`` (Indonesian "vertebra"), ``Т12`` and ``Л1`` in Cyrillic,
    lists (``T12/L1``, ``T12, L1``, ``T11 and T12``, ``L4,5`` and ``T11/12``: a number
    after a level is of that level's region) and ranges (``L2-L4``, ``L2-4``,
    ``T12-L2``). The result is ordered cranial to caudal without duplicates.

    With ``partly_known``, a level known only by its region (``L?``, ``Th?``) or not at
    all (``?`` in a list, or a cell ``level unknown``/``not stated``) is kept as ``L?``,
    ``T?`` or ``?``, after the known levels of the same region; such a level has no
    position, so no distance or adjacency.

    Raises
    ------
    LevelError
        If any part is not a level between C1 and S1.
    """
    cleaned = str(text).strip().upper().translate(_LOOKALIKE).translate(_CYRILLIC_LETTERS)
    if not cleaned:
        raise LevelError("empty level")
    try:
        found, partial = _parts(cleaned, partly_known)
    except LevelError:
        arabic = arabic_levels(cleaned)
        if arabic == cleaned:
            raise
        try:  # "L II", "D XI-L I": numbers in Roman numerals
            found, partial = _parts(arabic, partly_known)
        except LevelError:
            raise LevelError(f"'{cleaned}' is not a vertebral level (C1-S1)") from None
    if not found and not partial:  # "Y", "/": a conjunction or separator, no level
        raise LevelError(f"'{cleaned}' is not a vertebral level (C1-S1)")
    known = sorted(found, key=LEVEL_INDEX.__getitem__)
    if not partial:
        return tuple(known)

    def place(level: str) -> tuple[int, float]:
        if level.endswith("?"):  # after the known levels of its region
            return (_REGION_ORDER[level[0]], len(LEVELS) + 0.5)
        return (_REGION_ORDER[level[0]], LEVEL_INDEX[level])

    return tuple(sorted([*known, *partial], key=place))


def _with_regions(parts: list[str]) -> list[str]:
    """The parts of a list of levels, a number alone given the region of the level before
    it when it counts on from it ("L4,5" and "T11/12" name two levels; never "T12, 1")."""
    out: list[str] = []
    region, number = "", 0
    for part in parts:
        if region and _BARE_NUMBER.match(part) and int(part) > number:
            part = region + part
        single, rng = _SINGLE.match(part), _RANGE.match(part)
        if single:
            region, number = single["p1"], int(single["n1"])
        elif rng:
            region, number = rng["p2"] or rng["p1"], int(rng["n2"])
        else:
            region, number = "", 0
        out.append(part)
    return out


def is_partly_known(level: str) -> bool:
    """``L?``, ``T?`` or ``?``: a level without a position on the spine."""
    return level.endswith("?")


def level_index(level: str) -> int:
    """Position of a canonical level on the spine (C1 = 0 ... S1 = 24)."""
    try:
        return LEVEL_INDEX[level]
    except KeyError:
        raise LevelError(f"'{level}' is not a canonical vertebral level (C1-S1)") from None


def distance(a: str, b: str) -> int:
    """Number of segments between two levels (T12 to L1 is 1)."""
    return abs(level_index(a) - level_index(b))


def is_adjacent(a: str, b: str) -> bool:
    """True when two levels are one segment apart."""
    return distance(a, b) == 1


def nearest(level: str, treated: Iterable[str]) -> tuple[str, int] | None:
    """The treated level closest to ``level`` and its distance (cranial wins ties)."""
    best: tuple[str, int] | None = None
    for t in sorted(treated, key=level_index):
        d = distance(level, t)
        if best is None or d < best[1]:
            best = (t, d)
    return best


def is_sandwich(level: str, treated: Iterable[str]) -> bool:
    """An untreated vertebra with a treated vertebra directly above and below."""
    t = set(treated)
    i = level_index(level)
    return level not in t and 0 < i < len(LEVELS) - 1 and {LEVELS[i - 1], LEVELS[i + 1]} <= t


def in_junction(level: str) -> bool:
    """Whether a level lies in the thoracolumbar junction (T11-L2)."""
    return level in THORACOLUMBAR_JUNCTION


def level_range(first: str, last: str) -> tuple[str, ...]:
    """All levels from ``first`` to ``last`` inclusive."""
    lo, hi = sorted((level_index(first), level_index(last)))
    return LEVELS[lo : hi + 1]
