"""Parsing of single cells by declared column type.

Every parser returns the canonical value or raises :class:`CellError` carrying the rule
that was broken and a message a clinician can act on. Nothing is silently coerced.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime
from functools import cache, lru_cache

from analysis.levels import LevelError, latin_twins, parse_levels
from analysis.normalize.level_ordinals import ordinal_levels
from analysis.spec import DIGITS, ColumnSpec, MeasureSpec, load_spec, normalize_text, same_stem


class CellError(ValueError):
    """A cell value that breaks a normalisation rule."""

    def __init__(self, rule: str, message: str) -> None:
        super().__init__(message)
        self.rule = rule
        self.message = message


_VOLUME = re.compile(
    r"^(?P<num>\d+(?:[.,]\d+)?|[.,]\d+)\s*(?P<unit>ml|mls|cc|c\.c\.?|cm3|cm\^3|cm³|millilitres?|milliliters?"
    r"|мл\.?|סמ\"ק|סמ״ק|מ\"ל|מ״ל|मिली|மிலி|მლ|মিলি|مل)?$"
)
_NUMBER = re.compile(r"^[+-]?(\d+(?:[.,]\d+)?|[.,]\d+)$")
# "yes - disc", "tak – Th9: vein", "sí, venosa": the yes word and the level before a site are not sites
_YES_DASH = re.compile(r"^\s*([^\s,]+)\s*[–—:,\-]\s*")
_YES_BRACKET = re.compile(r"^\s*(\S+)\s*(?=[(\[（])")
_LEVEL_PREFIX = re.compile(r"\b(?:th|[ctlsd])\s?\d{1,2}\b\s*:?\s*", re.I)


_APPROXIMATE = re.compile(r"^\s*(?:~|≈|approx\.?|ca\.?|circa|about|c\.)\s*(?=[\d.,])", re.I)


_QUALIFIER_STARTS = frozenset("~≈aAcC")  # a cheap test before the expression


def approximate(value: object) -> tuple[object, bool]:
    """``"~4"``, ``"approx. 3 mL"``, ``"ca. 3"``: the value without its qualifier, and
    whether one was there (the loader reads the number and warns)."""
    if isinstance(value, str) and (value[:1] in _QUALIFIER_STARTS or value[:1].isspace()):
        stripped = _APPROXIMATE.sub("", value)
        if stripped != value:
            return stripped, True
    return value, False


def is_declared_spelling(value: object, col: ColumnSpec) -> bool:
    """True when a category cell holds one of its declared spellings.

    Such a spelling wins over the missing markers: ``unknown`` is an etiology and
    ``none`` a leakage site, not blanks.
    """
    if value is None:
        return False
    if col.type == "boolean":  # "décédé" under Died is yes, not a missing score
        text = fold_width(str(value).strip()).lower()
        spec = load_spec()
        return text in spec.true_tokens or text in spec.false_tokens
    if col.type not in ("category", "multi_category"):
        return False
    return normalize_text(value) in col.value_lookup()


def is_missing(value: object) -> bool:
    """Blank cells, NaN, Excel error cells and the declared missing markers."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if isinstance(value, str):
        tokens = load_spec().missing_tokens
        text = value.strip().lower()
        if text in tokens or (not text.isascii() and fold_width(text) in _folded_missing()):
            return True
        # "n. v." for "n.v.", "н. д" for "н.д.": an abbreviation spaced or closed otherwise
        if "." in text and _compact(fold_width(text)) in _compact_missing():
            return True
        # "NSP (no se presentó)", "DNA (did not attend)": a marker with its meaning
        rest = _BRACKETED.sub(" ", text).strip() if "(" in text else ""
        if rest and rest != text and is_missing(rest):
            return True
        # "DNA x2": a marker with the number of times it happened
        times = _TIMES.match(text)
        if times is not None and is_missing(times.group(1)):
            return True
        # "لم يحضر / did not attend": one marker written in two languages, each half one
        halves = _BILINGUAL.split(text) if "/" in text else []
        return (
            (len(halves) > 1 and all(h and is_missing(h) for h in halves))
            or _points_away(text)
            or _points_to_session(text)
        )
    return False


# a marker followed by a count of times ("DNA x2", "DNA ×3")
_TIMES = re.compile(r"^(\D*[^\W\d_])\s+[x×]\s?\d{1,2}$")
# an arrow leading a cell ("→ 2. Eingriff"): what follows is where the value went
_ARROW_LED = re.compile(r"^\s*(?:→|⇒|➔|➜|->|=>)\s*(\S.*)$")
# a session's number with its ordinal mark ("2.", "2°", "2nd") before the word for it
_SESSION_NUMBER = re.compile(r"^\d\s*(?:\.|°|º|nd|rd|th|e|er|o|a)?\s+")


def _points_to_session(text: str) -> bool:
    """A cell pointing to a later session for its value (``→ 2. Eingriff``: the visit
    not held, the second procedure done instead): an arrow, then a session's number and
    a word for the procedure (``second_session.context``), or a second session's word
    (``second_session.words``) or prefix alone (``→재시술``: to the re-procedure); nothing
    of the visit here."""
    m = _ARROW_LED.match(text)
    if m is None:
        return False
    rest = normalize_text(m[1])
    words, context = _session_pointers()
    if rest in words:
        return True
    numbered = _SESSION_NUMBER.match(rest)
    return numbered is not None and rest[numbered.end() :].strip() in context


def names_later_session(value: object) -> bool:
    """An outcome cell holding only a second session's word (``Redo``, ``Re-op``,
    ``Revision``; no digit): the visit was not held, the repeat operation was done instead
    and the follow-up goes on on that session's row (as ``→ Redo`` does)."""
    if not isinstance(value, str) or any(c.isdigit() for c in value):
        return False
    return normalize_text(value) in _session_pointers()[0]


@cache
def _session_pointers() -> tuple[frozenset[str], frozenset[str]]:
    """The second session's words (and its prefixes, words of their own after an arrow)
    and the words for a procedure, normalised."""
    vocab = load_spec().vocabulary
    return (
        frozenset(
            normalize_text(w) for w in (*vocab.second_session_words, *vocab.second_session_prefixes)
        ),
        frozenset(normalize_text(w) for w in vocab.second_session_context),
    )


_CODE = re.compile(r"^[\w./-]*\d[\w./-]*$")  # a study ID or a row's number: "ck-016b", "12"


# a session's number in Roman numerals ("→ II": see the second sitting's row)
_ROMAN = re.compile(r"^(?:i{1,3}|iv|vi{0,3}|ix|x)$")


def _points_away(text: str) -> bool:
    """A cell pointing to another row for its value (``voir CK-016b``, ``see row 12``,
    ``→ II``: see the second sitting's row): a word of ``see_words`` and one code, number
    or Roman numeral after it (after an arrow, a number or Roman numeral only: ``→ L2`` and
    ``→ 12/05/2021`` say where, not which row); the value is on that row, none here."""
    words = text.split()
    if len(words) not in (2, 3) or not (_CODE.match(words[-1]) or _ROMAN.match(words[-1])):
        return False
    said = " ".join(words[:-1])
    if not any(c.isalpha() for c in said):  # an arrow: only to a sitting's number ("→ II")
        return said in _see_words() and (words[-1].isdigit() or bool(_ROMAN.match(words[-1])))
    return said in _see_words()


@cache
def _see_words() -> frozenset[str]:
    return frozenset(w.lower() for w in load_spec().vocabulary.see_words)


@cache
def _folded_missing() -> frozenset[str]:
    """The missing markers folded as cells are (``২য় ...`` with its digit as ``2``)."""
    tokens = load_spec().missing_tokens
    return tokens | frozenset(fold_width(t) for t in tokens)


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text).rstrip(".")


@cache
def _compact_missing() -> frozenset[str]:
    """The dotted missing markers (``n.v.``, ``н.д.``) without spaces or a closing dot."""
    return frozenset(_compact(t) for t in load_spec().missing_tokens if "." in t.rstrip("."))


# Column types where "no" ("nein", "なし") means nothing happened: no level.
_NO_MEANS_NONE = frozenset({"level", "level_list"})


def is_no(value: object) -> bool:
    """A word for "no" (``nein``, ``なし``, ``нет``): in a level or date column, nothing
    happened, so the cell is missing."""
    if not isinstance(value, str) or value.strip().isdigit():
        return False  # "0" is a number, not a "no"
    false = load_spec().false_tokens
    # "نہیں / No": one word written in two languages, each half a "no" ("ei/nej" unspaced)
    folded = fold_width(value.strip()).lower()
    if _one_answer_twice(folded, false) is not None:
        return True
    return all(fold_width(half.strip()).lower() in false for half in _BILINGUAL.split(value))


_BILINGUAL = re.compile(r"\s+/\s+")  # a spaced slash between one answer's two languages
# "Do / Yes - small leak", "Na / No": a yes or no written in two languages before any detail
# ("умер / каза болду 19.07.2023": the second half of more words, a date after it)
_BILINGUAL_ANSWER = re.compile(
    r"^\s*([^\s/]+)\s+/\s+([^/,:;\-–—\d]*[^\s/,:;\-–—\d])(?=\s*(?:[–—:,;\-]|\d|$))"
)


# a word and its translation in another script, a space apart (``حي Alive``, ``متوفى
# Deceased 1445/07/07 هـ``), before the end, a number or a mark
_BILINGUAL_PAIR = re.compile(r"^\s*([^\W\d_]{2,})\s+([^\W\d_]{2,})(?=\s*(?:[–—:,;\-]|$)|\s+\d)")


def _two_scripts(m: re.Match[str] | None) -> re.Match[str] | None:
    """A word pair only when one word is in the Latin alphabet (accents too) and the
    other not (``sí venosa`` is one language)."""
    return m if m is not None and _latin(m[1]) != _latin(m[2]) else None


def _latin(word: str) -> bool:
    return all(c.isascii() or "\u00c0" <= c <= "\u024f" for c in word)


def one_language(text: str) -> str:
    """A yes or no written in two languages (``Do / Yes - T8 disc``, ``Na / No``, or in two
    scripts a space apart: ``حي Alive``) as the half that is a known yes or no word (``Yes -
    T8 disc``, ``No``, ``Alive``): the other half, a word of a language the vocabulary
    lacks, must not say the opposite. Any other text as it stands."""
    m = _BILINGUAL_ANSWER.match(text) or _two_scripts(_BILINGUAL_PAIR.match(text))
    if m is None:
        return text
    spec = load_spec()
    halves = [fold_width(h).lower() for h in (m[1], m[2])]
    for i, (known, other) in enumerate((halves, halves[::-1])):
        yes = known in spec.true_tokens and other not in spec.false_tokens
        if yes or (known in spec.false_tokens and other not in spec.true_tokens):
            return m[1 + i] + text[m.end() :]
    return text


def not_assessed(value: object) -> bool:
    """A word for why an outcome has no score because the patient had died (``zgon``,
    ``DCD``, ``†``): the visit never took place, so the score is missing."""
    if not isinstance(value, str):
        return False
    words = _not_assessed_words()
    text = fold_width(value.strip()).lower()
    # a sign alone (``√``, ``✓``) normalises to nothing, as ``†`` does: only ``†`` itself is
    # the word, never every sign that folds to the same empty text
    folded = normalize_text(text)
    return text in words or (bool(folded) and folded in words)


@cache
def _not_assessed_words() -> frozenset[str]:
    words = load_spec().vocabulary.not_assessed
    return frozenset(w.lower() for w in words) | frozenset(normalize_text(w) for w in words)


def fold_width(text: str) -> str:
    """Unicode compatibility forms folded (NFKC): full-width digits, letters and signs
    (``Ｌ２``, ``３．５``, ``＋``) as their ASCII forms, digits of other scripts (``۴۸``,
    ``١٢``, ``๑๒``) as ASCII digits, a slash between Persian digits as the decimal
    separator it is (``۳/۵``: 3.5, :func:`persian_decimal`); other text as it is."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFKC", persian_decimal(text)).translate(DIGITS).strip()


def _text(value: object) -> str:
    return str(value).strip()


# Minus signs typed or pasted instead of '-': U+2212 minus, en and em dash, small and
# full-width hyphen-minus; spaces inside numbers: no-break, narrow no-break, thin, figure.
_MINUS = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2014": "-", "\ufe63": "-", "\uff0d": "-"})
_SPACES = re.compile(r"[\s\u00a0\u2007\u2009\u202f]+")


def number_text(value: object) -> str:
    """A cell's text ready for number parsing: any minus sign as '-', spaces removed."""
    return _SPACES.sub("", _text(value).translate(_MINUS))


def parse_number(value: object) -> float:
    """A number; a decimal comma (``4,5``) is read as a decimal point, a typographic
    minus (U+2212, en dash) as a minus sign, and thin or no-break spaces are ignored.
    A unit or suffix written after it (``63 J.``, ``44 %``, ``72歳``: the number suffixes
    of ``data_schema/vocabulary.yaml``) is read as the number itself, and so is one
    followed by a note in brackets without a number (``73 yrs (est.)``)."""
    if isinstance(value, bool):
        raise CellError("number", "a yes/no value where a number is expected")
    if isinstance(value, int | float):
        return float(value)
    text = number_text(fold_width(str(value)))
    if not _NUMBER.match(text):
        # "73 yrs (est.)": a note without a number in brackets after it is no part of it
        text = _TRAILING_NOTE.sub("", text)
    if not _NUMBER.match(text):
        text = _without_prefix(text)
    if not _NUMBER.match(text):
        bare = _without_suffix(text)
        if bare is None:
            raise CellError("number", "not a number")
        text = bare
    return float(text.replace(",", "."))


_PREFIXED = re.compile(r"^([^\W\d_]+)(?=[+-]?\d|[.,]\d)(.*)$")


def _without_prefix(text: str) -> str:
    """A number without a unit written before it (``miaka73``: spaces already removed),
    else the text as it is."""
    m = _PREFIXED.match(text)
    if m is None or normalize_text(m[1]) not in _prefixes():
        return text
    return m[2]


@cache
def _prefixes() -> frozenset[str]:
    return frozenset(normalize_text(s) for s in load_spec().vocabulary.number_prefixes)


_SUFFIXED = re.compile(r"^([+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+))([^\d.,+-].*)$")


def _without_suffix(text: str) -> str | None:
    m = _SUFFIXED.match(text)
    if m is None:
        return None
    suffix = normalize_text(m[2])
    return m[1] if suffix in _suffixes() or m[2].strip() in _suffixes() else None


@cache
def _suffixes() -> frozenset[str]:
    spec = load_spec()
    return frozenset(normalize_text(s) for s in spec.vocabulary.number_suffixes) | frozenset(
        s for s in spec.vocabulary.number_suffixes if not s.isalnum()
    )


def _check_range(x: float, col: ColumnSpec, unit: str = "") -> float:
    lo = -math.inf if col.min is None else col.min
    hi = math.inf if col.max is None else col.max
    if lo <= x <= hi:
        return x
    if col.max is None:
        raise CellError("range", f"{col.name} must be at least {col.min:g}{unit}")
    if col.min is None:
        raise CellError("range", f"{col.name} must be at most {col.max:g}{unit}")
    raise CellError("range", f"{col.name} must lie within {col.min:g}-{col.max:g}{unit}")


def parse_integer(value: object) -> int:
    x = parse_number(value)
    if not float(x).is_integer():
        raise CellError("integer", "not a whole number")
    return int(x)


_ROMAN_DIGITS = {"i": 1, "v": 5, "x": 10}
_ROMAN = re.compile(r"^(x{0,2})(ix|iv|v?i{0,3})\.?$")


def roman_numeral(value: object) -> int | None:
    """A cell holding a Roman numeral alone (``I``, ``II``, ``IV.``, up to ``XXIX``: the
    way many units number a patient's sessions) as its number, or None."""
    text = _text(value).casefold()
    match = _ROMAN.match(text)
    if not text or text == "." or match is None:
        return None
    digits = [_ROMAN_DIGITS[c] for c in text.rstrip(".")]
    return sum(-d if d < nxt else d for d, nxt in zip(digits, [*digits[1:], 0], strict=True))


class WrittenTotal(float):
    """A cement volume written with the word saying it is the session's total
    (``össz. 7,5``, ``8.5 total``): the session's, never one vertebra's own, however many
    levels its row names."""


def _without_volume_unit(text: str) -> str:
    """The text without a millilitre unit of the vocabulary written after its number
    (``3.5سی‌سی``: cc in Persian letters), else the text as it is."""
    bare = text.replace("\u200c", "")
    for unit in _volume_units():
        if bare.endswith(unit) and bare[: -len(unit)][-1:].isdigit():
            return bare[: -len(unit)]
    return text


@cache
def _volume_units() -> tuple[str, ...]:
    units = (
        u.replace("\u200c", "").replace(" ", "").lower()
        for u in load_spec().vocabulary.volume_units
    )
    return tuple(sorted(set(units), key=len, reverse=True))


def parse_volume(value: object) -> float:
    """Cement volume in mL: ``3.5``, ``3.5 cc``, ``4 ml``, ``4,5``; with a total word
    (``össz. 7,5``) a :class:`WrittenTotal`."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    folded = fold_width(str(value))
    bare = _without_total(folded)
    text = number_text(_TRAILING_NOTE.sub("", bare)).lower()
    m = _VOLUME.match(_UNIT_FIRST.sub("", text)) or _VOLUME.match(_without_volume_unit(text))
    if not m:
        raise CellError("volume", "not a cement volume (a number of mL, e.g. '3.5' or '4 ml')")
    volume = float(m["num"].replace(",", "."))
    return WrittenTotal(volume) if bare != folded else volume


# "ml 3.5": the millilitres written before the number, as said aloud in some languages
_UNIT_FIRST = re.compile(r"^(?:ml|mls|cc)(?=\d|[.,]\d)")

# "10.5cc (PMMA)": a note without a number in brackets after the volume is no part of it
_TRAILING_NOTE = re.compile(r"(?<=\S)\s*[(\[（][^\d()\[\]（）]*[)\]）]\s*$")


def _without_total(text: str) -> str:
    """A volume without the word saying it is the session's total (``укупно 8,5``,
    ``11.5 mls total``, ``7,5 ml au total``): one volume on a row naming several levels is the total anyway."""
    words = text.split()
    totals = _total_words()
    for n in (3, 2, 1):  # a total of several words first ("au total", "grand total")
        if len(words) > n and normalize_text(" ".join(words[:n])) in totals:
            return " ".join(words[n:])
        if len(words) > n and normalize_text(" ".join(words[-n:])) in totals:
            return " ".join(words[:-n])
    return _without_glued_total(text, totals)


def _without_glued_total(text: str, totals: frozenset[str]) -> str:
    """A total word written against the number in a script without spaces (``共6.5ml``)."""
    m = re.match(r"^(\D+?)(?=\d)", text)
    if m and not m[1].isascii() and normalize_text(m[1]) in totals:
        return text[m.end(1) :]
    return text


@cache
def _total_words() -> frozenset[str]:
    return frozenset(normalize_text(w) for w in load_spec().vocabulary.total_words)


# "6.5, 4", "ml 4, ml 6" (the unit before each), "T5 2.5ml, T6 3ml" and "D11-3.5, D12-5.5": a comma before the next volume or
# the level it is at
_LISTING_COMMA = re.compile(
    r"(?<=\d),\s+(?=(?:ml|cc)?\s?\d)|,\s*(?=(?:th|[ctlsd])\s?\d{1,2}\s*[:=–—-]?\s*\d)", re.I
)
# "1.8,4.4,4.3", "4.7,4,5", "3,4,5": numbers joined by bare commas where a point marks the
# decimals, or where commas are too many for one decimal comma: a list, each comma a separator
_POINT_LIST = re.compile(r"\d+(?:\.\d+)?(?:,\d+(?:\.\d+)?)+")
# "T12: ۳ – L1: ۴/۵": a dash between spaces before the next level and its volume
_LEVEL_DASH = re.compile(r"\s+[–—-]\s+(?=(?:th|[ctlsd])\s?\d{1,2}\s*[:=–—-]?\s*\d)", re.I)
# "۳/۵": a slash between Persian or Arabic-Indic digits is the decimal separator (the
# Persian momayyez typed on a keyboard), never a list of two volumes
# (one slash between a number and one or two digits: a date's slashes are two)
_PERSIAN_DIGIT = "[\u0660-\u0669\u06f0-\u06f9]"
# a slash before ten (``٧/١٠``) is a score out of ten, not a decimal (none ends in a zero)
_PERSIAN_DECIMAL = re.compile(
    rf"(?<![\d/])({_PERSIAN_DIGIT}{{1,3}})/(?![\u0661\u06f1][\u0660\u06f0](?![\d/]))({_PERSIAN_DIGIT}{{1,2}})(?![\d/])"
)


def persian_decimal(text: str) -> str:
    """``۳/۵`` as ``۳.۵``: a slash between Persian (or Arabic-Indic) digits read as the
    decimal separator it is in Persian writing."""
    return _PERSIAN_DECIMAL.sub(r"\1.\2", text)


# "T12 3.5ml L1 4.5ml": a level naming the next volume after a volume, with only a space
# between them, starts the next level's entry
_LEVEL_AFTER_VOLUME = re.compile(
    r"(?:(?<=\d)|(?<=ml)|(?<=mls)|(?<=cc))\s+(?=(?:th|[ctlsd])\s?\d{1,2}\s*[:=]?\s*\d)", re.I
)
# "۴\n۴\n۳": one volume a line, as the levels' cell beside it has one level a line
_VOLUME_SPLIT = re.compile(r"\s*(?:\+|;|/|&|、|\n|\bund\b|\band\b|\bet\b|\be\b|\by\b)\s*")


def parse_volumes(value: object) -> tuple[float, ...] | None:
    """Several volumes in one cell, one per level (``3,5 + 4``, ``2.5/3 ml``, ``۳٫۵، ۴``,
    one a line,
    ``T6: ۲٫۵، T7: ۷٫۰``, ``T12 – 3,5 ml; L1 – 4 ml``, ``T12 3.5ml L1 4.5ml``), or ``None`` for a cell of one volume. A comma is a decimal comma, never a separator,
    unless a space follows it (``6.5, 4``; the Arabic comma ``،`` of ``۶٫۵، ۴``): no
    decimal comma has a space after it; nor is a bare comma between numbers written with a
    decimal point (``1.8,4.4``), or one of two or more (``3,4,5``)."""
    if not isinstance(value, str):
        return None
    # "L2 – 6,5; L3 – 6,5 (Vertecem V+)": the cement named in brackets after the last
    # volume is no part of it (nor is the plus of its name a separator)
    text = _TRAILING_NOTE.sub("", glued_region_levels(fold_width(value).strip()))
    if _POINT_LIST.fullmatch(text) and ("." in text or text.count(",") > 1):
        text = text.replace(",", ";")  # "1.8,4.4,4.3": points the decimals, commas the list
    text = _LISTING_COMMA.sub(";", text)
    text = _LEVEL_DASH.sub(";", text)
    text = _LEVEL_AFTER_VOLUME.sub(";", text)
    parts = [p for p in _VOLUME_SPLIT.split(text) if p]
    if len(parts) < 2:
        return None
    # "T11 5.1 / T12 3.0": each volume after the level it belongs to, in the cell's order
    # a level's letter in another script ("Т10 – 2" with a Cyrillic Т) is its Latin twin
    return tuple(parse_volume(_LEVEL_LABEL.sub("", latin_twins(p)).strip()) for p in parts)


_LEVEL_LABEL = re.compile(r"^(?:th|[ctlsd])\s*\d{1,2}\s*[:=–—-]?\s*(?=\d|[.,]\d)", re.I)


# a date written after a yes/no word ("expired 07/21/2023", "yes 3.5.2022"), in digits or
# with its month's name or abbreviation in Latin letters ("Died 15-May-22", "3 Apr 2023")
# a date ending a cell, with its calendar's mark in a non-Latin script if any (``هـ``)
_TRAILING_DATE = re.compile(
    r"\s+(?:\d{1,4}[./-]\d{1,2}(?:[./-]\d{2,4})?|\d{1,2}[ ./-][a-z]{3,9}\.?[ ./-]\d{2,4})"
    r"(?:\s*[^\x00-\x7f\d\s]{1,3}\.?)?$",
    re.I,
)


def before_date(text: str) -> str:
    """The words of a cell before a date written after them (``expired 07/21/2023``:
    ``expired``; ``Vafot etdi: 22.02.2022``, the word and its date set apart by a colon:
    ``Vafot etdi``); the cell as it stands when no date ends it."""
    text = text.strip()
    words = _TRAILING_DATE.sub("", text).strip()
    return words.rstrip(":：").strip() if words != text else words


def parse_boolean(value: object) -> bool:
    """Y/N, yes/no, 1/0, true/false (any case)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    text = one_language(fold_width(_text(value)).lower())  # "Do / Yes", "Na / No"
    spec = load_spec()
    text = _one_answer_twice(text, spec.true_tokens) or _one_answer_twice(text, spec.false_tokens) or text  # fmt: skip
    before_dash = _DETAIL_DASH.split(text, maxsplit=1)[0].strip()  # "yes — 12/04/2023"
    dateless = before_date(text)  # "expired 07/21/2023"
    before_comma = text.split(",", maxsplit=1)[0].strip()  # "alive, on follow-up"
    bare = _BRACKETED.sub(" ", text).strip()  # "no (at the visit)"
    undated = _DATE_AFTER.sub("", text)  # "απεβίωσε 29/11/2022": a yes and its date
    noted = before_date(bare)  # "died (verstorben) 12/03/2022": a note, then the date
    # "Died 27/04/2022 – died in ward": the word, its date, then a detail after a dash
    dated_detail = before_date(_DETAIL_DASH.split(bare, maxsplit=1)[0].strip())
    for word in (text, bare, before_dash, dateless, before_comma, undated, noted, dated_detail):
        if word in spec.true_tokens:
            return True
        if word in spec.false_tokens:
            return False
    raise CellError("boolean", "not a yes/no value (use Y/N, yes/no or 1/0)")


def _one_answer_twice(text: str, words: frozenset[str]) -> str | None:
    """``ei/nej``, ``ja/kyllä``: one answer written in two languages apart by a slash
    without spaces, each half a word of ``words`` (the yes or the no words): the first
    half; ``None`` otherwise (``y/n`` is a legend, not an answer; ``1/0`` no word)."""
    halves = [h.strip() for h in text.split("/")]
    if len(halves) != 2 or not all(h.isalpha() for h in halves):
        return None
    return halves[0] if all(h in words for h in halves) else None


def parse_category(value: object, col: ColumnSpec) -> str:
    """A declared category, matched on any declared spelling."""
    lookup = col.value_lookup()
    found = lookup.get(normalize_text(value))
    if found is None and isinstance(value, str) and _BRACKETED.search(value):
        # "metastasi (mammella)", "Vertecem [PMMA]": the words outside the brackets name it
        found = lookup.get(normalize_text(_BRACKETED.sub(" ", value)))
    if found is None and isinstance(value, str) and _DETAIL_DASH.search(value):
        # "other – Kümmell's disease", "Trauma - RTA": the words before the dash name it,
        # outside their brackets ("RTA (two-wheeler) – # D10")
        first = _DETAIL_DASH.split(value, maxsplit=1)[0]
        found = lookup.get(normalize_text(first)) or lookup.get(
            normalize_text(_BRACKETED.sub(" ", first))
        )
    if found is None and col.table == "patients" and col.name == "etiology":
        found = _icd10_etiology(value)
    if found is None and isinstance(value, str) and col.name == "etiology":
        found = _named_before_fracture_sign(value, lookup)
    if found is None and isinstance(value, str):
        found = by_words(_BRACKETED.sub(" ", value), col)
    if found is None and isinstance(value, str):
        # "Xẹp đốt sống do loãng xương" (a collapse from osteoporosis): a spelling of two
        # words or more standing whole in a longer phrase, as in languages of short words
        found = phrase_inside(value, col)
    if found is None and isinstance(value, str) and col.name == "etiology":
        found = _diagnosis_before_comma(value, lookup)
    if found is None and isinstance(value, str):
        # "Kypho (KP)": the abbreviation in the brackets names it when the words outside
        # them name nothing (one value named by all the brackets)
        inside = {lookup.get(normalize_text(b[1:-1])) for b in _BRACKETED.findall(value)}
        found = inside.pop() if len(inside) == 1 else None
    if found is None and isinstance(value, str):
        found = _in_two_scripts(value, lookup)
    if found is None and isinstance(value, str):
        found = _code_list(value, lookup) or _after_ordinal(value, col, lookup)
    if found is None:
        raise CellError("category", f"not a recognised {col.name} ({', '.join(col.allowed)})")
    return found


def _after_ordinal(text: str, col: ColumnSpec, lookup: dict[str, str]) -> str | None:
    """``2nd VP``, ``second KP``: a repeat operation's technique named after the
    session's ordinal (the ``ordinals`` words); ``None`` when no ordinal leads it."""
    words = normalize_text(text).split(maxsplit=1)
    if col.name == "technique" and len(words) == 2 and words[0] in _ordinal_words():
        return lookup.get(words[1])
    return None


@cache
def _ordinal_words() -> frozenset[str]:
    ordinals = load_spec().vocabulary.ordinals.values()
    return frozenset(normalize_text(w) for words in ordinals for w in words)


def _named_before_fracture_sign(text: str, lookup: dict[str, str]) -> str | None:
    """``OP # fall in garden``: the fracture's kind named whole before its sign ``#`` (an
    osteoporotic fracture), the words after it its circumstance (the fall), never its
    cause; ``None`` when the words before the sign name nothing whole."""
    head, sign, _ = text.partition("#")
    return lookup.get(normalize_text(head)) if sign and head.strip() else None


def _diagnosis_before_comma(text: str, lookup: dict[str, str]) -> str | None:
    """``Osteoporosis, fall at home``: as before a dash, the diagnosis named whole before
    the first comma, the rest its detail (the circumstance, the primary); ``None`` when a
    part after the comma names another value whole (``osteoporosis, metastases``: two)."""
    head, *rest = (normalize_text(p) for p in text.split(","))
    found = lookup.get(head) if rest else None
    return None if any(lookup.get(p, found) != found for p in rest) else found


_CODE_LIST = re.compile(r"\s*[,;]\s*")


def _code_list(text: str, lookup: dict[str, str]) -> str | None:
    """A billed line per vertebra in one cell (``22511, +22512, +22512``: a first level's
    code and an add-on code per further level, marked ``+``): the value every code names,
    each a spelling of it; ``None`` when one names nothing or two name different values."""
    parts = [p.strip().lstrip("+").strip() for p in _CODE_LIST.split(text.strip())]
    if len(parts) < 2:
        return None
    named = {lookup.get(normalize_text(p)) for p in parts}
    return named.pop() if len(named) == 1 and None not in named else None


def _in_two_scripts(text: str, lookup: dict[str, str]) -> str | None:
    """A value written in two languages of two scripts side by side (``男 M``, ``女 F``,
    ``骨鬆 Osteoporose``): the value both halves name, each read as a whole; ``None`` when
    either names nothing or they name two values."""
    words = text.split()
    latin = [_latin_word(w) for w in words]
    cut = next((i for i in range(1, len(words)) if latin[i] != latin[i - 1]), None)
    if cut is None or len(set(latin[cut:])) != 1:
        return None  # one script, or more than two runs of scripts
    named = {lookup.get(normalize_text(" ".join(half))) for half in (words[:cut], words[cut:])}
    return named.pop() if len(named) == 1 else None


def _latin_word(word: str) -> bool:
    """Whether a word's letters are Latin ones (a word of no letters counts as Latin)."""
    return all(c.isascii() or "LATIN" in unicodedata.name(c, "") for c in word if c.isalpha())


_SINGLE_WORDS: dict[tuple[str, str], tuple[tuple[str, str, bool], ...]] = {}


def _single_words(col: ColumnSpec) -> tuple[tuple[str, str, bool], ...]:
    """A column's one-word spellings (normalised, four letters or more), with their value
    and whether the spelling is a product's name (matched whole, never inflected)."""
    key = (col.table, col.name)
    if key not in _SINGLE_WORDS:
        lookup = col.value_lookup()
        brands = {normalize_text(b) for b in load_spec().vocabulary.brand_names}
        _SINGLE_WORDS[key] = tuple(
            (k, v, k in brands) for k, v in lookup.items() if " " not in k and len(k) >= 4
        )
    return _SINGLE_WORDS[key]


def by_words(text: str, col: ColumnSpec) -> str | None:
    """The value a phrase names through its words (``złamanie osteoporotyczne``,
    ``kyfoplastyka balonowa``): the one value its words, or their inflected forms, name;
    ``None`` when they name none or several."""
    if not text.isascii() and any(_is_cjk(c) for c in text):
        # "天津合成 PMMA": a maker's name in characters that name nothing, the value in
        # Latin words beside it
        latin = " ".join(w for w in text.split() if not any(_is_cjk(c) for c in w))
        return _by_characters(text, col) or (by_words(latin, col) if latin else None)
    # a number is no word of a spelling (and a row of 10,000 numbers reads fast)
    words = [w for w in normalize_text(text).split() if len(w) >= 4 and not w.isdigit()]
    if not words:
        return None
    # a product's name is matched whole: "Biopsie" (a biopsy) is no "Biopex"
    named = {
        value
        for w in words
        for spelling, value, brand in _single_words(col)
        if w == spelling or (not brand and same_stem(w, spelling))
    }
    return named.pop() if len(named) == 1 else None


def _is_cjk(c: str) -> bool:
    return "\u3040" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7af" or "\uf900" <= c <= "\ufaff"


_CJK_SPELLINGS: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {}


def _by_characters(text: str, col: ColumnSpec) -> str | None:
    """Chinese, Japanese and Korean phrases written without spaces (``骨质疏松性椎体压缩骨折``):
    the value of the longest spellings found inside, each found spelling's text taken out
    before shorter ones are looked for; ``None`` when none or several values are named."""
    key = (col.table, col.name)
    if key not in _CJK_SPELLINGS:
        pairs = {
            (s, v)
            for v, spellings in col.values.items()
            for s in spellings
            if len(s) >= 2 and any(_is_cjk(c) for c in s)
        }
        _CJK_SPELLINGS[key] = tuple(sorted(pairs, key=lambda p: -len(p[0])))
    rest = unicodedata.normalize("NFKC", text)
    named = set()
    for spelling, value in _CJK_SPELLINGS[key]:
        if spelling in rest:
            named.add(value)
            rest = rest.replace(spelling, " ")
    return named.pop() if len(named) == 1 else None


_ICD10 = re.compile(r"^\s*([A-Z]\d{2}(?:\.\d{1,2})?)[\s\-:,]?")


def _icd10_etiology(value: object) -> str | None:
    """An ICD-10 code (``M80.88``, ``C79.5``, ``S22.0``) as its etiology, by the
    longest code prefix declared in ``data_schema/vocabulary.yaml``."""
    m = _ICD10.match(str(value).upper())
    if m is None:
        return None
    code = m[1]
    found = [
        (len(prefix), etiology)
        for etiology, prefixes in load_spec().vocabulary.icd10_etiology.items()
        for prefix in prefixes
        if code.startswith(prefix)
    ]
    return max(found)[1] if found else None


_DATE_AFTER = re.compile(r"\s+\d{1,4}([./-])\d{1,2}\1\d{1,4}$")  # a date after a word
_DETAIL_DASH = re.compile(r"\s+[-\u2013\u2014]\s+")  # a spaced dash before a detail
_BRACKETED = re.compile(r"[(\[（［【][^)\]）］】]*[)\]）］】]")


def parse_multi_category(value: object, col: ColumnSpec) -> str | None:
    """Several categories in one cell (``disc; venous``), canonical and ';'-joined."""
    lookup = col.value_lookup()
    text = one_language(fold_width(_text(value)).lower())
    canonical = lookup.get(normalize_text(text))
    if canonical is not None:  # the whole cell is one spelling ("soft tissue / vein")
        if not _LIST_MARK.search(text):
            return canonical
        try:  # "paravertebral, venous": two sites, never "paravertebral venous" (a vein)
            return _sites(text, col)
        except CellError:
            return canonical
    spec = load_spec()
    if "none" in col.allowed and text in spec.false_tokens:
        return "none"  # "N" in a yes/no leakage column: no leakage
    if "none" in col.allowed and text in spec.true_tokens:
        return None  # "J": leakage whose sites are not in this cell (a column beside it?)
    yes = _YES_DASH.match(text) or _YES_BRACKET.match(text)
    if yes and yes[1] in spec.true_tokens:
        text = text[yes.end() :]  # "sí (D10 epidural, venosa)", "tak – disc": the sites
    text = _LEVEL_PREFIX.sub(" ", text)
    try:
        return _sites(re.sub(r"[()\[\]（）]", " ", text), col)
    except CellError:
        return _sites(_BRACKETED.sub(" ", text), col)


# a comma or semicolon lists items: the words either side are not one spelling
_LIST_MARK = re.compile(r"[,;]")


@cache
def _multi_split() -> re.Pattern[str]:
    """Separators between the items of one cell: ``; , / + & 、 ・ ·`` and the words for "and"
    of ``data_schema/vocabulary.yaml``."""
    words = "|".join(re.escape(w) for w in sorted(load_spec().vocabulary.and_words, key=len)[::-1])
    return re.compile(rf"\s*(?:;|,|/|\+|&|、|・|·|\b(?:{words})\b)\s*")


def phrase_inside(text: str, col: ColumnSpec) -> str | None:
    """The one value whose declared spellings of two words or more stand whole inside a
    longer phrase (``rò tĩnh mạch``: a leak into the vein; ``phần mềm cạnh sống``);
    ``None`` when none or several values are named."""
    padded = f" {normalize_text(text)} "
    named = {
        value
        for spelling, value in col.value_lookup().items()
        if " " in spelling and f" {spelling} " in padded
    }
    return named.pop() if len(named) == 1 else None


def other_procedure(value: object) -> bool:
    """Whether a technique cell names a procedure other than vertebral augmentation (a
    biopsy: ``Luubiopsia, nikama (neula)``), by the words of ``not_augmentation`` in
    ``data_schema/vocabulary.yaml`` or their inflected forms."""
    if not isinstance(value, str) or not value.strip():
        return False
    return _names_other_procedure(value)


@lru_cache(maxsize=4096)
def _names_other_procedure(value: str) -> bool:
    """``other_procedure`` of one text (a column repeats a few texts on many rows)."""
    words = _not_augmentation_words()
    padded = f" {normalize_text(value)} "
    if any(f" {w} " in padded for w in words):
        return True
    return any(same_stem(w, s) for w in padded.split() for s in words)


@cache
def _not_augmentation_words() -> tuple[str, ...]:
    return tuple(normalize_text(w) for w in load_spec().vocabulary.not_augmentation)


def _sites(text: str, col: ColumnSpec) -> str:
    lookup = col.value_lookup()
    parts = [p for p in _multi_split().split(text) if p.strip()]
    if not parts:
        raise CellError("category", f"not a recognised {col.name} ({', '.join(col.allowed)})")
    found = []
    details = _leak_details()
    for part in parts:
        if normalize_text(part) in details and len(parts) > 1:
            continue  # "epiduraal lek, asymptomatisch": how the leak went, no site
        prefixed = _apart_at_prefixed_and(part, lookup) if normalize_text(part) not in lookup else None  # fmt: skip
        if prefixed:
            found += prefixed
            continue
        canonical = lookup.get(normalize_text(part)) or by_words(part, col)
        canonical = canonical or phrase_inside(part, col)
        if canonical is None:
            raise CellError(
                "category", f"'{part}' is not a recognised {col.name} ({', '.join(col.allowed)})"
            )
        found.append(canonical)
    if not found:
        raise CellError("category", f"not a recognised {col.name} ({', '.join(col.allowed)})")
    if "none" in found and len(set(found)) > 1:
        raise CellError("category", f"{col.name} cannot be 'none' and a site at once")
    return ";".join(a for a in col.allowed if a in found)


def _apart_at_prefixed_and(part: str, lookup: dict[str, str]) -> list[str] | None:
    """The values of words joined by an "and" written onto the next word (``وريدي وفوق
    الجافية``: venous and epidural), each piece named whole once the prefix is dropped;
    ``None`` when the part has no such word or a piece names no value."""
    prefixes = tuple(load_spec().vocabulary.and_prefixes)
    words = part.split()
    cuts = [i for i, w in enumerate(words) if i > 0 and w.startswith(prefixes)]
    if not prefixes or not cuts:
        return None
    pieces, start = [], 0
    for i in [*cuts, len(words)]:
        pieces.append(" ".join(words[start:i]))
        start = i
    found = []
    for n, piece in enumerate(pieces):
        text = normalize_text(piece)
        if n > 0 and text not in lookup:
            text = normalize_text(piece[len(next(p for p in prefixes if piece.startswith(p))) :])
        if text not in lookup:
            return None
        found.append(lookup[text])
    return found


@cache
def _leak_details() -> frozenset[str]:
    return frozenset(normalize_text(w) for w in load_spec().vocabulary.leak_details)


@cache
def _region_words() -> tuple[tuple[str, str], ...]:
    vocab = load_spec().vocabulary
    pairs = [(w, letter) for letter, words in vocab.level_regions.items() for w in words]
    pairs += [(w, "") for w in vocab.level_noise]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


@cache
def _glued_region() -> re.Pattern[str]:
    words = [region_word_pattern(w) for w, letter in _region_words() if letter]
    return re.compile(rf"({'|'.join(words)})\s*(\d{{1,2}})(?!\d)", re.I)


def glued_region_levels(text: str) -> str:
    """Each level written as its region's word glued to its number (``腰4 6ml，腰5
    3.5ml``) as its letter and number (``L4 6ml，L5 3.5ml``), the rest as written."""
    if text.isascii():
        return text
    letters = {w.casefold(): letter for w, letter in _region_words() if letter}
    return _glued_region().sub(lambda m: f"{letters[m[1].casefold()]}{m[2]}", text)


def region_word_pattern(word: str) -> str:
    """The pattern finding a region's word in a cell: Chinese, Japanese or Korean
    characters anywhere (``第12胸椎``), a word of an alphabet only whole, never inside a
    longer word (``ق`` of ``ق١``, not the last letter of ``القرص``)."""
    if any(_is_cjk(c) for c in word):
        return re.escape(word)
    return rf"(?<![^\W\d_]){re.escape(word)}(?![^\W\d_])"


def _level_words(text: str) -> str:
    """Region words written out (``腰椎1``, ``第12胸椎``, ``요추 1번``, ``ص١٢``) as ``L1``,
    ``T12``."""
    if text.isascii():
        return text
    folded = text.casefold()
    for word, letter in _region_words():
        if word.casefold() in folded:  # "Gãy mới T12": the noise word as typed, any case
            found = region_word_pattern(word)
            text = re.sub(found, f" {letter}" if letter else " ", text, flags=re.I)
            folded = text.casefold()
    # a region written after its number ("12 T" from "第12胸椎") goes before it
    text = re.sub(r"(\d{1,2})\s*([CTLS])(?![A-Za-z\d])", r"\2\1", text.strip())
    return re.sub(r"([CTLS])\s+(\d)", r"\1\2", text).strip()


def parse_level_list(value: object, partly_known: bool = False) -> tuple[str, ...]:
    text = fold_width(_text(value))
    yes = _YES_DASH.match(text)
    if yes and yes[1].lower() in load_spec().true_tokens:
        text = text[yes.end() :]  # "yes - T6 and T11": the levels after the yes word
    try:
        return parse_levels(_level_words(ordinal_levels(text)), partly_known=partly_known)
    except LevelError as exc:
        text = str(exc)
        return_text = text.split(": ")[-1] if ": " in text else text
        raise CellError(
            "level", return_text.replace("is not", "not", 1).split("' ", 1)[-1]
        ) from None


_DATE_IN_TEXT = re.compile(r"\d{1,4}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{2,4}")
LEVEL_IN_TEXT = re.compile(r"(?i)(?<![^\W\d_])(?:th|[ctlsd])\s*[-.]?\s*\d{1,2}(?![\d.,])")


def _level_cell(value: object, col: ColumnSpec) -> tuple[str, ...]:
    """A cell of levels; a new fracture's may name them among words, a treated level's
    its technique in brackets (``T10 (KP)``) or each level's volume (``D11 : 2 ml ; D12 :
    3 ml``, whose levels are checked as any level is)."""
    try:
        return parse_level_list(value, col.partly_known)
    except CellError:
        if col.table == "fractures":
            found = levels_in_text(value)
        else:
            with_volumes = levels_with_volumes(value)
            found = (
                with_volumes[0]
                if with_volumes is not None
                else (level_with_technique(value) or (None, None))[0] or levels_counted(value)
            )
            found = found or worded_level(value)
        if found is None:
            raise
        return found


_WORD_EDGES = "()[],.:;"


def worded_level(value: object) -> tuple[str, ...] | None:
    """A treated level written among words naming its region or that it is a further
    level of the session (``Lumbar L1``, ``add-on T7``, ``T12 (addl level)``: the words of
    ``level_region_names`` and ``further_level_words`` in ``data_schema/vocabulary.yaml``):
    the one level, when every other word is such a word and each region word agrees with
    the level's letter; ``None`` otherwise (``Lumbar T12`` names two regions)."""
    if not isinstance(value, str):
        return None
    found = list(LEVEL_IN_TEXT.finditer(value))
    if len(found) != 1:
        return None
    try:
        level = parse_levels(found[0][0])
    except LevelError:
        return None
    rest = f"{value[: found[0].start()]} {value[found[0].end() :]}".casefold()
    for phrase in sorted(_further_words(), key=len, reverse=True):
        if " " in phrase:
            rest = rest.replace(phrase, " ")
    regions = _region_names()
    for word in (w.strip(_WORD_EDGES) for w in rest.split()):
        if word and word not in _further_words() and regions.get(word) != level[0][0]:
            return None
    return level


@cache
def _further_words() -> frozenset[str]:
    return frozenset(w.casefold() for w in load_spec().vocabulary.further_level_words)


@cache
def _region_names() -> dict[str, str]:
    names = load_spec().vocabulary.level_region_names
    return {w.casefold(): letter for letter, words in names.items() for w in words}


# "D11 : 2 ml", "L1: 6,5 ml", "T12=3cc": a level and its volume, the volume written with
# its unit or after a colon or an equals sign ("T11-12" is a range of levels, not a volume)
_LEVEL_AND_VOLUME = re.compile(
    r"^(?P<level>(?:th|[a-z])\s?\d{1,2})\s*(?:(?P<sep>[:=])\s*)?"
    r"(?P<volume>\d+(?:[.,]\d+)?)\s*(?P<unit>ml|mls|cc)?\.?$",
    re.I,
)


# the levels' entries apart: a semicolon, a plus, an ampersand, a line's end, or a slash
# before the next level ("T12: 3,5 ml / L1: 4 ml"; "3/5" between digits is no list here)
_LEVEL_VOLUME_APART = re.compile(r"\s*(?:[;+&\n]|/(?=\s*(?:th|[ctlsd])\s?\d))\s*", re.I)


def levels_with_volumes(value: object) -> tuple[tuple[str, ...], float | tuple[float, ...]] | None:
    """A treated levels' cell naming each level with its volume (``T12 : 4,5 ml ; L1 : 3
    ml``, ``L2: 6,5 ml``): the levels (a level that does not exist is an error, as in any
    level cell) and their volumes (one, or one per level in the cell's order); ``None``
    for a cell not written so."""
    if not isinstance(value, str):
        return None
    text = _TRAILING_NOTE.sub("", fold_width(value).strip())
    text = _LEVEL_DASH.sub(";", _LISTING_COMMA.sub(";", text))
    parts = [_LEVEL_AND_VOLUME.match(latin_twins(p).strip()) for p in _LEVEL_VOLUME_APART.split(text) if p.strip()]  # fmt: skip
    if not parts or any(m is None or not (m["sep"] or m["unit"]) for m in parts):
        return None
    found = [m for m in parts if m is not None]
    levels = tuple(lv for m in found for lv in parse_level_list(m["level"]))
    volumes = tuple(float(m["volume"].replace(",", ".")) for m in found)
    if len(levels) != len(volumes):
        return None
    return levels, volumes[0] if len(volumes) == 1 else volumes


_TRAILING_BRACKET = re.compile(
    r"^(?P<levels>[^()\[\]（）]+?)\s*[(\[（](?P<note>[^()\[\]（）]+)[)\]）]$"
)


def level_with_technique(value: object) -> tuple[tuple[str, ...], str] | None:
    """Treated levels written with their technique in brackets (``T10 (KP)``, ``L1, L2
    (vertebroplasty)``): the levels and the technique; ``None`` when the cell is not so."""
    m = _TRAILING_BRACKET.match(value.strip()) if isinstance(value, str) else None
    if m is None:
        return None
    try:
        technique = parse_category(m["note"], load_spec().column("procedures", "technique"))
        return parse_level_list(m["levels"]), technique
    except CellError:
        return None


# levels with their count in brackets after them: "L1–L3 (3 levels)", "T11, T12 (2 niveaux)"
_COUNTED_LEVELS = re.compile(
    r"^(?P<levels>[^()\[\]（）]+?)\s*[(\[（]\s*(?P<n>\d{1,2})\s*[^\W\d_]+\.?\s*[)\]）]$"
)


def levels_counted(value: object) -> tuple[str, ...] | None:
    """Treated levels written with their count in brackets (``L1–L3 (3 levels)``): the
    levels, when as many as the count says; ``None`` when the cell is not so, or the count
    disagrees (the cell then stays an error)."""
    m = _COUNTED_LEVELS.match(fold_width(value).strip()) if isinstance(value, str) else None
    if m is None:
        return None
    try:
        levels = parse_level_list(m["levels"])
    except CellError:
        return None
    return levels if len(levels) == int(m["n"]) else None


def volume_with_cement(value: object) -> str | None:
    """The cement a volume names in brackets after it (``총 10.5cc (PMMA)``, ``4 ml
    [Vertecem]``), or ``None``."""
    m = _TRAILING_NOTE.search(value) if isinstance(value, str) else None
    if m is None:
        return None
    try:
        return parse_category(m[0].strip()[1:-1], load_spec().column("procedures", "cement_type"))
    except CellError:
        return None


def total_with_cement(value: object) -> float | None:
    """The session's total volume a cement's cell writes beside the cement, with a word
    saying it is the total (``PMMA (Osteopal V) – total 7.5 ml``, ``Spineplex, 6 cc
    total``), or ``None`` (a volume without that word is not read from such a cell)."""
    if not isinstance(value, str) or not any(c.isdigit() for c in value):
        return None
    parts = _CEMENT_PARTS.split(fold_width(value))
    totals = []
    for part in parts[1:]:
        try:
            volume = parse_volume(part.strip())
        except CellError:
            continue
        if isinstance(volume, WrittenTotal):
            totals.append(float(volume))
    return totals[0] if len(totals) == 1 else None


# the cement's name, then its total after a spaced dash, a comma or a semicolon
_CEMENT_PARTS = re.compile(r"\s+[-\u2013\u2014]\s+|\s*[,;]\s*")


def levels_in_text(value: object) -> tuple[str, ...] | None:
    """A new fracture described in words (``Fx nueva D8 tras caída``, ``aplastamiento L3
    y D10 (RMN)``): the levels the words name, or ``None`` when they name none or one
    that does not exist."""
    if not isinstance(value, str) or _DATE_IN_TEXT.search(value):
        return None  # a level and its date: read as both, never as the level alone
    found = [m.group(0) for m in LEVEL_IN_TEXT.finditer(fold_width(value))]
    if not found:
        return None
    try:
        return parse_level_list(", ".join(found))
    except CellError:
        return None


def parse_day(value: object) -> int:
    if isinstance(value, datetime | date):
        raise CellError("day", "a date where a number of days is expected")
    return parse_integer(value)


def _volume_cell(value: object, col: ColumnSpec) -> float | tuple[float, ...]:
    several = parse_volumes(value)
    if several is not None:
        return tuple(_check_range(v, col, " mL") for v in several)
    return _check_range(parse_volume(_without_level_label(value)), col, " mL")


def _without_level_label(value: object) -> object:
    """One volume written after its vertebra's label (``L1: 4.5``, ``T12 = 3 ml``, as a
    cell of several writes each, ``L1: 4.5 / L2: 3.5``): the volume; any other cell as
    it is."""
    if not isinstance(value, str):
        return value
    text = latin_twins(fold_width(value).strip())
    bare = _LEVEL_LABEL.sub("", text)
    return bare if bare != text else value


def parse_cell(value: object, col: ColumnSpec) -> object:
    """Parse a non-missing cell according to its declared column type.

    Returns the canonical value (a tuple of levels for ``level`` columns).
    """
    t = col.type
    if t in ("id", "string"):
        text = _text(value)
        if isinstance(value, float) and value.is_integer():
            text = str(int(value))
        return text
    if t == "boolean":
        return parse_boolean(value)
    if t == "category":
        return parse_category(value, col)
    if t == "multi_category":
        return parse_multi_category(value, col)
    if t == "level":
        return _level_cell(value, col)
    if t == "level_list":  # levels as one text, partly known ones kept: "T11, L1, L?"
        return ", ".join(parse_level_list(value, partly_known=True))
    if t == "volume_ml":
        return _volume_cell(value, col)
    if t == "integer":
        return _check_range(parse_integer(value), col)
    if t == "day":
        return _check_range(parse_day(value), col, " days")
    if t == "number":
        return _check_range(parse_number(value), col)
    raise TypeError(f"unknown column type '{t}' in the schema")


def parse_pair(value: object, names: tuple[str, str]) -> dict[str, object]:
    """Two patient fields written in one cell (``67/F``, ``F 67``, ``67 J. / w``): each
    part read as whichever of the two fields it parses as."""
    text = fold_width(_text(value))
    parts = [p for p in re.split(r"\s*[/,;|]\s*", text) if p]  # "79 Y / M": a unit kept
    if len(parts) != 2:
        parts = [p for p in re.split(r"\s*[/,;|]\s*|\s+", text) if p]
    spec = load_spec()
    columns = [spec.column("patients", n) for n in names]
    if len(parts) != 2:
        parts = [p for p in re.split(r"(?<=\d)(?=[^\d.,\s])|(?<=[^\d.,\s])(?=\d)", "".join(parts)) if p]  # fmt: skip
    if len(parts) != 2:
        raise CellError("pair", f"not two values ({' and '.join(names)}), e.g. '67/F'")
    for order in (columns, columns[::-1]):
        try:
            return {c.name: parse_cell(p, c) for c, p in zip(order, parts, strict=True)}
        except CellError:
            continue
    raise CellError("pair", f"not a {names[0]} and a {names[1]} (e.g. '67/F')")


_OUT_OF = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*/\s*(10|100)\s*$")


_CODED_ANSWER = re.compile(r"^\s*(\d{1,3}(?:[.,]\d+)?)\s*[-–—=:)]\s*[^\W\d_]")


def coded_answer(value: object) -> object:
    """The code of a form's coded answer written with its label (``3 - Wheelchair``,
    ``2 = walks with a stick`` -> ``3``, ``2``); any other value as it is."""
    coded = _CODED_ANSWER.match(value) if isinstance(value, str) else None
    return coded[1] if coded else value


def parse_score(value: object, measure: MeasureSpec, scale: float | None) -> float:
    """An outcome score, rescaled from a declared scale, then range-checked.

    Rescaling happens only when ``scale`` is declared (10 or 100 for pain), by the column
    or by the cell itself (``3/10``, ``45/100``); a value outside the measure's range is an
    error, never a guess.
    """
    value = _own_score(value, measure)
    out_of = _OUT_OF.match(value) if isinstance(value, str) else None
    if out_of is not None:  # "3/10": the score with the scale it is out of
        value, scale = out_of[1], float(out_of[2])
    x = parse_number(coded_answer(value))
    if scale is not None and scale != measure.max:
        factor = measure.scales.get(str(int(scale)) if float(scale).is_integer() else str(scale))
        if factor is None:
            raise CellError("scale", f"{measure.name} has no declared 0-{scale:g} scale")
        if not 0 <= x <= scale:
            raise CellError(
                "range", f"{measure.name} must lie within 0-{scale:g} on its declared scale"
            )
        # divided by a whole divisor where there is one: 33 mm is 3.3, not 3.3000000000000003
        divisor = 1 / factor
        x = x / round(divisor) if abs(divisor - round(divisor)) < 1e-9 else x * factor
    if not measure.min <= x <= measure.max:
        hint = ""
        wider = [
            k for k in measure.scales if float(k) > measure.max
        ]  # a 0-50 ODI is no hint past 100
        if wider:
            alt = ", ".join(f"0-{k}" for k in wider)
            hint = (
                f"; if this column is on a {alt} scale, declare it (header such as "
                "'VAS (0-100 mm)', mapping 'scale: 100' or --pain-scale 100)"
            )
        raise CellError(
            "range", f"{measure.name} must lie within {measure.min:g}-{measure.max:g}{hint}"
        )
    if measure.integer and not float(x).is_integer():
        raise CellError("integer", f"{measure.name} takes whole numbers only")
    return x


# a score after its measure's name and a colon (``VAS:3``, ``ODI = 40``), or after a
# percent sign written first (``%40``, as Turkish writes a percentage)
_LABELLED_SCORE = re.compile(r"^\s*(?P<name>[^\W\d_][^\d:=]*?)\s*[:=]\s*(?P<score>\S.*)$")
_PERCENT_FIRST = re.compile(r"^\s*[%\u066a]\s*(?P<score>\d+(?:[.,]\d+)?)\s*$")
# a score after its measure's name, with or without a space, its unit or scale after it
# (``VAS 8``, ``VAS 8/10``, ``ODI 64%``, ``ODI64%``)
_NAMED_SCORE = re.compile(r"^\s*(?P<name>[^\W\d_][^\d:=]*?)\s*(?P<score>[.,]?\d[^:=]*?)\s*$")


def _own_score(value: object, measure: MeasureSpec) -> object:
    """A score written after its own measure's name and a colon, a space or nothing
    (``VAS:3``, ``VAS 3``, ``ODI64%`` under that measure's column: ``3``, ``64%``) or after a
    percent sign set first (``%40``: ``40``); any other value as it is. A score after
    another measure's name is no score of this one: an error, never its number."""
    if not isinstance(value, str):
        return value
    m = _PERCENT_FIRST.match(value)
    if m is not None:
        return m["score"]
    m = _LABELLED_SCORE.match(value) or _NAMED_SCORE.match(value)
    names = {normalize_text(n) for n in (measure.name, *measure.synonyms)}
    if m is not None and normalize_text(m["name"]) in names:
        return m["score"].strip()
    if m is not None and normalize_text(m["name"]) in _other_measures(measure.name):
        # ``ODI 8`` under pain: never read as this measure's 8
        raise CellError("number", f"not a number: a score named {m['name']!r}, not {measure.name}")
    return value


@cache
def _other_measures(name: str) -> frozenset[str]:
    """The names and synonyms of every measure but ``name``, as written before a score."""
    return frozenset(
        normalize_text(n)
        for other in load_spec().measures.values()
        if other.name != name
        for n in (other.name, *other.synonyms)
    )


MISSING = object()  # what :class:`CellCache` returns for a missing cell


class CellCache:
    """Parse each distinct value of a column once and remember the answer.

    Registries repeat the same few spellings (``F``, ``L1``, ``VP``) hundreds of
    thousands of times; parsing every distinct value once and mapping the answer back
    makes loading proportional to the number of distinct values, not of cells.
    """

    def __init__(self) -> None:
        self._seen: dict[tuple[str, str, object], object] = {}

    def read(self, value: object, col: ColumnSpec) -> object:
        """:data:`MISSING`, the parsed value, or the :class:`CellError` it raised."""
        key = (col.table, col.name, value)
        try:
            return self._seen[key]
        except KeyError:
            pass
        except TypeError:  # an unhashable cell value: parse it afresh
            return self._parse(value, col)
        found = self._parse(value, col)
        self._seen[key] = found
        return found

    @staticmethod
    def _parse(value: object, col: ColumnSpec) -> object:
        if not is_declared_spelling(value, col) and is_missing(value):
            return MISSING
        if col.type in _NO_MEANS_NONE and is_no(value):
            return MISSING
        try:
            return parse_cell(value, col)
        except CellError as exc:
            return exc
