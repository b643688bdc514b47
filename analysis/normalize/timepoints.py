"""Time points named in any language: ``prä-OP``, ``6 Wo``, ``1ヶ月``, ``M6``, ``3 mån``.

A header, a sheet name or a visit cell names a time point either by a declared spelling
(``data_schema/cohort.yaml``), by a word for "before" or "just after" the procedure, or as
a number with a unit of time (hours, days, weeks, months, years) among words that carry no
meaning of their own ("after", "FU", "Kontrolle", "後"). The interval is mapped onto the
schema's time points by its length (4 weeks is 1 month, 1 day is 24 h); an interval the
schema has no time point for names none. The words are data, in
``data_schema/vocabulary.yaml``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache

from analysis.normalize.folded import normalize_text
from analysis.spec import load_spec

# Interval lengths (unit, number) -> schema time point.
_INTERVALS = {
    ("hours", 24): "24h",
    ("hours", 48): None,
    ("days", 1): "24h",
    ("days", 7): "1w",
    ("weeks", 1): "1w",
    ("days", 14): "2w",
    ("weeks", 2): "2w",
    ("weeks", 3): "3w",
    ("days", 21): "3w",
    ("weeks", 6): "6w",
    ("days", 42): "6w",
    ("months", 1): "1m",
    ("weeks", 4): "1m",
    ("days", 30): "1m",
    ("months", 3): "3m",
    ("weeks", 12): "3m",
    ("weeks", 13): "3m",
    ("days", 90): "3m",
    ("months", 6): "6m",
    ("weeks", 24): "6m",  # the 24-week visit of a schedule in weeks (12, 24, 52)
    ("weeks", 26): "6m",
    ("days", 180): "6m",
    ("months", 12): "12m",
    ("years", 1): "12m",
    ("weeks", 52): "12m",
    ("days", 365): "12m",
    ("months", 24): "24m",
    ("years", 2): "24m",
}
# Script boundaries: Latin letters, digits and CJK/Hangul/Kana runs become separate words.
_BOUNDARY = re.compile(
    r"(?<=\d)(?=\D)|(?<=\D)(?=\d)|(?<=[a-z])(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])(?=[a-z])"
)


# British clinical shorthand: 2/52 is two weeks, 3/12 three months, 5/7 five days.
_CLINICAL_FRACTION = re.compile(r"\b(\d{1,2})\s*/\s*(52|12|7)\b")
_FRACTION_UNIT = {"52": "weeks", "12": "months", "7": "days"}
_REDCAP_ARM = re.compile(
    r"[_\s]+arm[_\s]*\d+\s*$|\(\s*arm\s*\d+\s*(?::[^)]*)?\)\s*$", re.IGNORECASE
)
_NUMBER_SIGN = re.compile(r"\s*#\s*(?=\d)")
_UNIT_PLUS = re.compile(r"^\s*([^\W\d_]{1,4})\s*\+\s*(\d{1,3})\s*$")


_LETTERED = re.compile(r"^([^\W\d_])(\d{1,3})$")


def lettered(word: str) -> tuple[str, int] | None:
    """A letter glued to a number (``S6`` -> ``("s", 6)``, ``J1`` -> ``("j", 1)``), or
    ``None``."""
    found = _LETTERED.match(word.strip())
    return None if found is None else (found[1].lower(), int(found[2]))


def lettered_point(word: str, letters: frozenset[str]) -> str | None:
    """The time point a letter glued to its number names (``S6``: the sixth week) in a
    notation of ``timepoints.series_units`` holding ``letters``, the letters of the same
    outcome's other visits on the header row (``J1``, ``M3``), at least one of them another
    letter; ``None`` when no notation holds them all.

    >>> lettered_point("S6", frozenset({"j", "m"})), lettered_point("S6", frozenset())
    ('6w', None)
    """
    found = lettered(word)
    if found is None:
        return None
    letter, number = found
    others = letters - {letter}
    for series in load_spec().vocabulary.series_units:
        if letter in series and others and others <= series.keys():
            return _INTERVALS.get((series[letter], number))
    return None


def column_letters(values: Iterable[object]) -> frozenset[str]:
    """The letters of a visit column's cells written as a letter glued to a number that
    name a time point alone (``J1``, ``M3``: ``{"j", "m"}``), against which a cell such as
    ``S6`` is read by :func:`lettered_point`."""
    return frozenset(
        found[0]
        for v in {v for v in values if isinstance(v, str)}
        if (found := lettered(v)) is not None and timepoint_of(v) is not None
    )


def visit_point(value: object, letters: frozenset[str]) -> str | None:
    """The time point a visit cell names (:func:`timepoint_of`), or, failing that, the one
    a letter glued to its number names (``S6``) in the notation of the column's other
    cells, whose ``letters`` :func:`column_letters` gives (``J1``, ``M3``: six weeks).

    >>> visit_point("S6", frozenset({"j", "m"})), visit_point("S6", frozenset())
    ('6w', None)
    """
    named = timepoint_of(value)
    if named is None and isinstance(value, str) and letters:
        named = lettered_point(value, letters)
    return named


def segment(text: object) -> str:
    """``normalize_text`` with digits, Latin words and other scripts split apart
    (``nrs術前`` -> ``nrs 術前``, ``1ヶ月`` -> ``1 ヶ月``, ``m6`` -> ``m 6``)."""
    return " ".join(_BOUNDARY.sub(" ", re.sub(r"[./]", " ", normalize_text(text))).split())


@cache
def _words() -> tuple[
    dict[str, str], frozenset[str], frozenset[str], frozenset[str], tuple[str, ...]
]:
    vocab = load_spec().vocabulary
    units = {segment(w): unit for unit, words in vocab.units.items() for w in words}
    before = frozenset(segment(w) for w in vocab.before)
    after = frozenset(segment(w) for w in vocab.after)
    fillers = frozenset(segment(w) for w in vocab.fillers)
    # phrases of several words or of CJK text, longest first, removed as a whole
    phrases = sorted(
        {p for p in (*before, *after, *fillers, *units) if " " in p or not p.isascii()},
        key=len,
        reverse=True,
    )
    return units, before, after, fillers, tuple(phrases)


@cache
def _plus_units() -> dict[str, str]:
    """Letters naming a unit only before a plus and its number (``timepoints.plus_units``),
    each to its unit's name."""
    return {
        w.lower(): unit for unit, words in load_spec().vocabulary.plus_units.items() for w in words
    }


@cache
def _declared() -> dict[str, str]:
    lookup = load_spec().column("assessments", "timepoint").value_lookup()
    return {**{segment(k): v for k, v in lookup.items()}, **lookup}


def timepoint_of(text: object, by_script: bool = True) -> str | None:
    """The schema time point a text names, or ``None``. ``by_script=False`` leaves out
    the reading of a text in two scripts by its parts (a header's words: headers are read
    line by line and language by language in :mod:`analysis.normalize.headers`).

    >>> [timepoint_of(t) for t in ("prä-OP", "6 Wo", "1ヶ月", "M6", "3 mån", "12 months")]
    ['pre', '6w', '1m', '6m', '3m', '12m']
    """
    return _timepoint_of(str(text), by_script)


@lru_cache(maxsize=1 << 16)
def _timepoint_of(text: str, by_script: bool) -> str | None:
    """:func:`timepoint_of`, each distinct text read once (a sheet's header rows are
    scored many times over while its layout is found)."""
    text = _CLINICAL_FRACTION.sub(lambda m: f"{m[1]} {_FRACTION_UNIT[m[2]]}", str(text))
    # "1_month_followup_arm_1", "Control 1 luna (Arm 1: Registry)": a REDCap event's arm
    text = _REDCAP_ARM.sub("", text)
    # "J+1", "M + 12", "S+6": a unit, a plus and its number (days, months or, a letter
    # read as a unit only there, weeks after the procedure)
    text = _UNIT_PLUS.sub(lambda m: f"{_plus_units().get(m[1].lower(), m[1])} {m[2]}", text)
    # "POD#1", "Day #7": a number sign before the number is no word of its own
    text = _NUMBER_SIGN.sub(" ", text)
    norm = normalize_text(text)
    if not norm:
        return None
    declared = _declared()
    if norm in declared:
        return declared[norm]
    seg = segment(text)
    if seg in declared:
        return declared[seg]
    found = _by_grammar(seg)
    if found is None and (plain := ordinal_ending_dropped(seg)) != seg:
        found = _by_grammar(plain)  # "1η εβδ.", "1st week": the first week, one week after
    if found is None and _BRACKETED.search(text):
        # "6 vk (2. toimenpide)", "Sau 1 tháng (lần 2)": a note in brackets (here the
        # session, which the row gives in a column of its own) is no part of the interval
        rest = _BRACKETED.sub(" ", text)
        return timepoint_of(rest, by_script) if rest.strip() else None
    if found is None:
        # "2-р эмчилгээний өмнө", "მეორე ოპერაციიდან 1 თვე", "1 mán. eftir aðgerð 2": a
        # visit named after the session it follows, which the loader places by the row's
        # session or its date
        rest = (
            after_session_words(seg)
            or before_session_number(seg)
            or after_first_session(seg)
            or after_numbered_visit(seg)
        )
        found = timepoint_of(rest, by_script) if rest else None
        kept = procedure_word_kept(seg) if found is None and rest else ""
        found = timepoint_of(kept, by_script) if kept else found
    if found is None and _LANGUAGES_APART.search(text):
        found = _one_language(text)
    if found is None and by_script and "\n" not in text:
        # "Day 1 ꯅꯨꯃꯤꯠ ꯱", "1 month ꯊꯥ ꯱": the visit in English and again in another
        # script beside it on one line, no slash between; the parts that name a time point
        # agree (a header of a line per language is read by its lines: headers.py)
        found = _agreed(script_parts(text))
    return found


# "៦សប្ដាហ៍ / S6", "M1 · ⴰⵢⵢⵓⵔ 1": the visit written in two languages, apart by a slash
# set apart by a space (never "6/52", a clinician's fraction) or by a spaced middle dot
_LANGUAGES_APART = re.compile(r"\s/|/\s|\s·\s")


def _one_language(text: str) -> str | None:
    """The time point the parts of a text written in two languages name, when the parts
    that name one agree (the others, an abbreviation not known, name none), else ``None``."""
    named = {timepoint_of(part) for part in _LANGUAGES_APART.split(text) if part.strip()}
    named.discard(None)
    return named.pop() if len(named) == 1 else None


def _script_of(word: str) -> str:
    """The script of a word's first letter (``LATIN``, ``MEETEI``, ``CJK``) or, in a word
    of digits and signs alone, of its first digit not an ASCII one (``୩``: ``ORIYA``);
    ``""`` for ASCII digits and signs alone."""
    letter = next((ch for ch in word if ch.isalpha()), "")
    if not letter:
        letter = next((ch for ch in word if ch.isdigit() and not ch.isascii()), "")
    script = unicodedata.name(letter, "").split(" ")[0] if letter else ""
    return _DIGITS_OF.get(script, script)


# digits named otherwise than their script's letters (``٣``: ARABIC-INDIC DIGIT THREE)
_DIGITS_OF = {"ARABIC-INDIC": "ARABIC", "EXTENDED": "ARABIC"}


def script_parts(text: str) -> list[str]:
    """A text's runs of words in one script each (``Pre-op ꯑꯣꯄꯔꯦꯁꯟꯒꯤ ꯃꯃꯥꯡ`` -> ``Pre-op``,
    ``ꯑꯣꯄꯔꯦꯁꯟꯒꯤ ꯃꯃꯥꯡ``); a number in a script's own digits belongs to that script
    (``VAS ୩ ମାସ`` -> ``VAS``, ``୩ ମାସ``), one in ASCII digits to the word after it when
    that word is in Latin letters (``ꯊꯥ ꯶ 6 months`` -> ``ꯊꯥ ꯶``, ``6 months``), else to
    the run it follows; one run when the text has one script."""
    words = text.split()
    scripts = [_script_of(w) for w in words]
    for k in range(len(words) - 2, -1, -1):  # ASCII numbers take the next Latin word's script
        if not scripts[k] and scripts[k + 1] == "LATIN":
            scripts[k] = "LATIN"
    parts: list[tuple[str, list[str]]] = []
    for word, script in zip(words, scripts, strict=True):
        if parts and (not script or script == parts[-1][0] or not parts[-1][0]):
            parts[-1] = (parts[-1][0] or script, [*parts[-1][1], word])
        else:
            parts.append((script, [word]))
    return [" ".join(run) for _, run in parts]


def _agreed(parts: list[str]) -> str | None:
    """The time point the parts of a text name when two parts or more are given and those
    that name one agree, else ``None``. A part naming one without a number, where a number
    stands in another part, names none (``மாதம்``, "month", after ``(VAS 0–10) 3``: the
    number may be its own)."""
    if len(parts) < 2:
        return None
    numbered = any(ch.isdigit() for part in parts for ch in part)
    named = {
        timepoint_of(part) for part in parts if not numbered or any(ch.isdigit() for ch in part)
    }
    named.discard(None)
    return named.pop() if len(named) == 1 else None


def this_visit(text: object) -> bool:
    """Whether a phrase names only "the visit" of its row, no interval (``at this visit``,
    ``this visit``): words of ``timepoints.fillers`` alone, one of them ``visit``'s; or a
    word of ``timepoints.now`` (``now``, ``today``)."""
    units, before, after, fillers, phrases = _words()
    seg = segment(text)
    if seg in _now_words():
        return True
    return "visit" in seg.split() and _tokens(seg, units, before, after, fillers, phrases) == []


@cache
def _now_words() -> frozenset[str]:
    return frozenset(segment(w) for w in load_spec().vocabulary.now)


def before_session_number(seg: str) -> str:
    """The rest of a segmented phrase before the numbered session it ends with
    (``eftirlit 1 mán eftir aðgerð 2`` -> ``eftirlit 1 mán eftir``; ``1 month after 2 nd
    procedure``), or ``""``."""
    last = seg.rpartition(" ")[2]
    if last not in _SESSION_NUMBERS and last not in _session_context_ends():
        return ""  # it ends with neither a number nor a word saying "procedure"
    for context in _session_context():
        for number in _SESSION_NUMBERS:
            # "... procedure 2", "... 2 procedure", "... 2 nd procedure"
            for ending in (f" {context} {number}", f" {number} {context}"):
                if seg.endswith(ending):
                    return seg[: -len(ending)]
            head, _, tail = seg.rpartition(f" {number} ")
            suffix, _, rest = tail.partition(" ")
            if head and rest == context and len(suffix) <= 3 and suffix.isalpha():
                return head
    return ""


_SESSION_NUMBERS = frozenset("23456789")


@cache
def _session_context_ends() -> frozenset[str]:
    """The last word of each word or phrase saying "procedure"."""
    return frozenset(c.rpartition(" ")[2] for c in _session_context())


def after_first_session(seg: str) -> str:
    """The rest of a segmented phrase after the first session it starts by naming, an
    after-word perhaps before it (``na 1 e ingreep 6 wkn`` -> ``6 wkn``; ``after 1 st
    procedure 3 months``: a group header over its visits), or ``""``."""
    words = seg.split()
    _, _, after, fillers, _ = _words()
    at = 1 if words and (words[0] in after or words[0] in fillers) else 0
    if len(words) < at + 3 or words[at] != "1":
        return ""
    at += 1
    if words[at] not in _context_words() and len(words[at]) <= 3 and words[at].isalpha():
        at += 1  # "1 e", "1 st": the number's ordinal ending
    if at + 1 < len(words) and words[at] in _context_words():
        return " ".join(words[at + 1 :])
    return ""


def ordinal_ending_dropped(seg: str) -> str:
    """A segmented phrase without the ordinal ending of a number that comes right before
    its unit (``1 η εβδ`` -> ``1 εβδ``, ``1 st week`` -> ``1 week``): the n-th week after
    the procedure is its visit of n weeks. An ending is a word of up to three letters that
    is no unit, before-, after- or filler word of its own."""
    words = seg.split()
    units, before, after, fillers, _ = _words()
    known = {*units, *before, *after, *fillers}
    kept = [
        w
        for i, w in enumerate(words)
        if not (
            0 < i < len(words) - 1
            and words[i - 1].isdigit()
            and len(w) <= 3
            and w.isalpha()
            and w not in known
            and w != "x"  # "1 x week": once a week, no visit
            and words[i + 1] in units
        )
    ]
    return " ".join(kept)


def after_numbered_visit(seg: str) -> str:
    """The rest of a segmented phrase after a visit word numbered by the session it
    follows (``fu 2 1 m``: ``fu2_1m``, an event's name for the one-month visit after the
    second procedure, which the loader places by the row's session or its date), or
    ``""``."""
    words = seg.split()
    fillers = _words()[3]
    if len(words) >= 3 and words[0] in fillers and words[1] in _SESSION_DIGITS:
        return " ".join(words[2:])
    return ""


def session_of(text: object) -> int | None:
    """The session a visit's note in brackets names (``Pre (2º proc.)``, ``6 vk (2.
    toimenpide)``, ``3 months (2nd procedure)`` -> 2): one number from 1 to 9, perhaps with
    an ordinal ending of up to three letters, beside words that say only "the procedure"
    (``second_session.context`` of the vocabulary); or a second-session word with such
    words (``3 MO (REPEAT AUGMENTATION)`` -> 2); ``None`` without such a note."""
    found: set[int] = set()
    for note in _BRACKETED.findall(str(text)):
        context = _context_words()
        words = segment(note[1:-1]).split()
        digits = [i for i, w in enumerate(words) if w.isdigit()]
        if len(digits) != 1 or words[digits[0]] not in _SESSION_DIGITS:
            continue
        at = digits[0]
        rest = words[:at] + words[at + 1 :]
        if at < len(rest) and len(rest[at]) <= 3 and rest[at].isalpha() and rest[at] not in context:
            del rest[at]  # "2 nd", "2 o" (2º): the number's ordinal ending
        if rest and " ".join(rest) in context:
            found.add(int(words[at]))
    if not found:
        found = {2 for note in _BRACKETED.findall(str(text)) if _names_second_session(note[1:-1])}
    return found.pop() if len(found) == 1 else None


def _names_second_session(note: str) -> bool:
    """Whether a note names the second session in words alone (``REPEAT AUGMENTATION``,
    ``redo procedure``): a second-session word (``second_session.words``) followed by
    words that say only "the procedure" (a ``(repeat)`` alone may be a measurement's)."""
    seg = segment(note)
    return any(
        seg.startswith(word + " ") and seg[len(word) + 1 :] in _context_words()
        for word in _session_words()
    )


_SESSION_DIGITS = frozenset("123456789")


@cache
def _context_words() -> frozenset[str]:
    return frozenset(_session_context())


@cache
def _session_context() -> tuple[str, ...]:
    words = {segment(w) for w in load_spec().vocabulary.second_session_context}
    return tuple(sorted((w for w in words if w), key=len, reverse=True))


def after_session_words(seg: str) -> str:
    """The rest of a segmented phrase after a second-session word it starts with
    (``2 р эмчилгээнии өмнө`` -> ``өмнө``), or after a second-session prefix of a script
    written without spaces (``2回目術前`` -> ``術前``, ``再次手术术前`` -> ``术前``), or ``""``."""
    for word in _session_words():
        if seg.startswith(word + " "):
            return seg[len(word) + 1 :]
    for prefix in _session_prefixes():
        if seg.startswith(prefix) and seg[len(prefix) :].strip():
            return seg[len(prefix) :].strip()
    return ""


def procedure_word_kept(seg: str) -> str:
    """The rest of a segmented phrase after a second-session prefix of a script written
    without spaces that ends in a word saying "the procedure", that word kept before it
    (``再手術前`` -> ``手術前``: before the operation, here the second one), or ``""``."""
    for prefix in _session_prefixes():
        if seg.startswith(prefix) and seg[len(prefix) :].strip():
            context = next((c for c in _session_context() if prefix.endswith(c) and c != prefix), "")  # fmt: skip
            return f"{context}{seg[len(prefix) :].strip()}" if context else ""
    return ""


def before_session_words(seg: str) -> str:
    """The rest of a segmented phrase before the second session it ends by naming in words
    (``قبل عملية ثانية`` -> ``قبل``: before the second procedure; ``بعد شهر من عملية
    ثانية`` -> ``بعد شهر``; ``1 month after second procedure`` -> ``1 month after``):
    a second-session word of four letters or more, perhaps followed by a word saying only
    "the procedure", the filler words joining the two set aside; or ``""``."""
    words = seg.split()
    if len(words) > 1 and words[-1] in _context_words():
        seg = " ".join(words[:-1])
    for word in _session_words():
        if len(word) >= 4 and seg.endswith(f" {word}"):
            rest = seg[: -len(word) - 1].split()
            fillers = _words()[3]
            while len(rest) > 1 and rest[-1] in fillers:
                rest.pop()  # "... من", "... of the": the word joining the two
            return " ".join(rest)
    return ""


def session_named_last(text: object) -> tuple[str, int] | None:
    """The time point and session of a visit cell that names no time point of its own but
    ends with the second session it follows in words (``قبل العملية الثانية`` -> ``("pre",
    2)``, ``1 month after second procedure`` -> ``("1m", 2)``), or ``None``. A header is
    not read so (``VAS pre redo`` is a second session's column, its own reading)."""
    if not isinstance(text, str) or timepoint_of(text) is not None:
        return None
    rest = before_session_words(segment(text))
    named = timepoint_of(rest) if rest else None
    if named is None and rest:
        named = _head_timepoint(text, rest)
    return None if named is None else (named, 2)


def _head_timepoint(text: str, rest: str) -> str | None:
    """The time point of a visit cell's first words as written, whose segmented form is
    ``rest`` (``2/52 post 2nd``: ``2/52``, which segmenting writes ``2 52``)."""
    tokens = text.split()
    for i in range(len(tokens) - 1, 0, -1):
        head = " ".join(tokens[:i])
        if segment(head) == rest:
            return timepoint_of(head)
    return None


# "II – 1 mj.", "II - prijeop.": a visit led by its session's number in Roman numerals
_ROMAN_LED = re.compile(r"^\s*([IVX]{1,4})\.?\s*[–—-]\s*(\S.*)$")


def session_named_first(text: object) -> tuple[str, int] | None:
    """The time point and session of a visit cell led by the session's number in Roman
    numerals and a dash (``II – 1 mj.`` -> ``("1m", 2)``: one month after the second
    operation), or by a word saying "session" and its number (``Séance 2, 1 mois`` ->
    ``("1m", 2)``, ``Session 2 pre-op`` -> ``("pre", 2)``; written in two languages, the
    parts that name one agree: ``វគ្គ២ មុនវះ / Séance 2 avant``), or ``None``."""
    from analysis.normalize.cells import roman_numeral

    if not isinstance(text, str):
        return None
    m = _ROMAN_LED.match(text)
    if m is None:
        named = {_numbered_session_first(part) for part in _LANGUAGES_APART.split(text)}
        named.discard(None)
        return named.pop() if len(named) == 1 else None
    number, point = roman_numeral(m[1]), timepoint_of(m[2])
    if number is None or not 1 <= number <= 9 or point is None:
        return None
    return point, number


def _numbered_session_first(text: str) -> tuple[str, int] | None:
    """A visit led by a word saying "session" and the session's number, its time point
    after them (``Séance 2, 1 mois``), or ``None``."""
    words = segment(text).split()
    if len(words) < 3 or words[0] not in _context_words() or words[1] not in _SESSION_DIGITS:
        return None
    point = timepoint_of(" ".join(words[2:]))
    return None if point is None else (point, int(words[1]))


def names_repeat(text: object) -> bool:
    """Whether a text names a repeat procedure in words of a second session (``Redo for
    new fracture``, ``再发骨折，再次手术``): a whole word of four letters or more, or a
    prefix of a script written without spaces."""
    return isinstance(text, str) and _names_repeat(text)


@lru_cache(maxsize=1 << 16)
def _names_repeat(text: str) -> bool:
    """:func:`names_repeat`, each distinct text read once (a session column's cells repeat)."""
    seg = f" {segment(text)} "
    return any(f" {w} " in seg for w in _session_words() if len(w) >= 4) or any(
        p in seg for p in _session_prefixes()
    )


@cache
def _session_prefixes() -> tuple[str, ...]:
    """The second-session prefixes ending in a letter of a script written without spaces
    (``2回目``, ``再手術``), segmented, longest first."""
    words = {segment(w) for w in load_spec().vocabulary.second_session_prefixes}
    return tuple(sorted((w for w in words if w and not w[-1].isascii()), key=len, reverse=True))


@cache
def _session_words() -> tuple[str, ...]:
    words = {segment(w) for w in load_spec().vocabulary.second_session_words}
    return tuple(sorted((w for w in words if w), key=len, reverse=True))


_BRACKETED = re.compile(r"[(\[（][^)\]）]*[)\]）]")


@cache
def _number_words() -> dict[str, int]:
    """Numbers written as words (``one``, ``یک``, ``شش``) by their value."""
    vocab = load_spec().vocabulary
    return {segment(w): n for n, words in vocab.number_words.items() for w in words}


def _by_grammar(seg: str) -> str | None:
    units, before, after, fillers, phrases = _words()
    # "یک ماه", "six months": a number written as a word is the number
    seg = " ".join(str(_number_words().get(w, w)) for w in seg.split())
    tokens = _tokens(seg, units, before, after, fillers, phrases)
    if tokens is None:
        return None
    numbers = [t for t in tokens if isinstance(t, int)]
    kinds = [t for t in tokens if isinstance(t, str) and t.startswith("unit:")]
    flags = {t for t in tokens if t in ("before", "after")}
    if not numbers and not kinds:
        if flags == {"before"}:
            return "pre"
        if flags == {"after"}:
            return load_spec().vocabulary.after_is
        return None
    if flags == {"before"} and numbers and not any(numbers) and len(numbers) == len(kinds):
        return "pre"  # "D0 (pre-op)", "J0 pré-op": the procedure's day, before it
    if not flags and numbers and not any(numbers) and set(kinds) == {"unit:days"}:
        # "D0" beside "D1", "D30", "Day 0": day zero, the procedure's own day, whose score
        # is the one taken before it (the baseline); "D0 post-op" names no time point
        return "pre"
    if not numbers and len(kinds) == 1 and flags <= {"after"} and _word_unit(seg, units):
        # "מעקב חודש", "follow-up year", "שבוע אחרי הפרוצדורה" (a week after the
        # procedure): a unit word alone is one of it
        numbers = [1]
    if "before" in flags or len(numbers) != len(kinds) or not numbers:
        return None
    # "සති 2 - 2 weeks", "2週 2/52", "12個月 1 yr": one interval written in two languages
    # or notations, each number with the unit beside it; read when all name one time point
    named = {
        _INTERVALS.get((k.removeprefix("unit:"), n)) for n, k in zip(numbers, kinds, strict=True)
    }
    return named.pop() if len(named) == 1 and (len(numbers) == 1 or _paired(tokens)) else None


def _paired(tokens: list[int | str]) -> bool:
    """Whether each number of a phrase stands beside its own unit (``2 weeks``, ``සති 2``)."""
    marks = [t for t in tokens if isinstance(t, int) or t.startswith("unit:")]
    pairs = [marks[i : i + 2] for i in range(0, len(marks), 2)]
    return all(len(p) == 2 and isinstance(p[0], int) != isinstance(p[1], int) for p in pairs)


def _word_unit(seg: str, units: dict[str, str]) -> bool:
    """Whether the phrase's unit is a word of three letters or more (``year``, ``חודש``),
    never an abbreviation (``m``, ``d``, ``wk``) that may stand for something else."""
    return any(len(w) >= 3 for w in seg.split() if w in units)


def _tokens(
    seg: str,
    units: dict[str, str],
    before: frozenset[str],
    after: frozenset[str],
    fillers: frozenset[str],
    phrases: tuple[str, ...],
) -> list[int | str] | None:
    """The phrase as numbers, units and before/after flags; ``None`` when a word is
    neither (the text is not a time point)."""
    text = f" {seg} "
    marks: list[str] = []
    for phrase in phrases:
        spaced = f" {phrase} " if phrase.isascii() else phrase
        if spaced in text:
            kind = _kind(phrase, units, before, after)
            text = text.replace(spaced, f" \x00{len(marks)} ")
            marks.append(kind)
    out: list[int | str] = []
    for word in text.split():
        if word.startswith("\x00"):
            kind = marks[int(word[1:])]
            if kind:
                out.append(kind)
        elif word.isdigit() and len(word) <= 3:
            out.append(int(word))
        elif word in units:
            out.append(f"unit:{units[word]}")
        elif word in before:
            out.append("before")
        elif word in after:
            out.append("after")
        elif word not in fillers:
            return None
    return out


def _kind(phrase: str, units: dict[str, str], before: frozenset[str], after: frozenset[str]) -> str:
    if phrase in units:
        return f"unit:{units[phrase]}"
    if phrase in before:
        return "before"
    if phrase in after:
        return "after"
    return ""


def days_named(text: object) -> int | None:
    """The number of days after the procedure a visit cell names (``dag 44``, ``+91 d``,
    ``POD 189``), or ``None`` when it names anything else.

    >>> [days_named(t) for t in ("dag 44", "+91 d", "POD 189", "6 weeks", "pre")]
    [44, 91, 189, None, None]
    """
    if not isinstance(text, str):
        return None
    units, before, after, fillers, phrases = _words()
    tokens = _tokens(segment(text.replace("+", " ")), units, before, after, fillers, phrases)
    if tokens is None or "before" in tokens:
        return None
    numbers = [t for t in tokens if isinstance(t, int)]
    kinds = [t for t in tokens if isinstance(t, str) and t.startswith("unit:")]
    return numbers[0] if len(numbers) == 1 and kinds == ["unit:days"] else None


def hours_unkept(text: object) -> int | None:
    """The number of hours after the procedure a visit cell names when the schema keeps no
    time point for it (``48 ч``, ``72 h``: a further ward visit after the 24-hour one, or
    one within the procedure's day), else ``None``. Such a visit is not read by its date,
    which would place it at the 24-hour visit it is not.

    >>> [hours_unkept(t) for t in ("48 ч", "72 h", "6 hrs", "24 h", "3 months", "pre")]
    [48, 72, 6, None, None, None]
    """
    if not isinstance(text, str):
        return None
    units, before, after, fillers, phrases = _words()
    tokens = _tokens(segment(text), units, before, after, fillers, phrases)
    if tokens is None or "before" in tokens:
        return None
    numbers = [t for t in tokens if isinstance(t, int)]
    kinds = [t for t in tokens if isinstance(t, str) and t.startswith("unit:")]
    if len(numbers) != 1 or kinds != ["unit:hours"]:
        return None
    return numbers[0] if _INTERVALS.get(("hours", numbers[0])) is None else None


# The time point of a measurement that is dated but names no visit, worked out from its
# day after the procedure once that day is known (see :func:`timepoint_by_day`).
BY_DATE = "by its date"


def numbered_visit(number: int) -> str:
    """The time point of the ``number``-th visit of a row of numbered visits, each a date
    and its scores (``Visit 2 date``, ``Visit 2 pain``): worked out from that visit's
    date, as :data:`BY_DATE` is.

    >>> numbered_visit(2), is_by_date(numbered_visit(2)), is_by_date("3m")
    ('by its date #2', True, False)
    """
    return f"{BY_DATE} #{number}"


def visit_number(timepoint: object) -> int | None:
    """The number of a numbered visit's time point (:func:`numbered_visit`), else None."""
    text = timepoint if isinstance(timepoint, str) else ""
    number = text.removeprefix(f"{BY_DATE} #")
    return int(number) if number != text and number.isdigit() else None


def is_by_date(timepoint: object) -> bool:
    """Whether ``timepoint`` is one worked out from its visit's date."""
    return timepoint == BY_DATE or (isinstance(timepoint, str) and timepoint.startswith(f"{BY_DATE} #"))  # fmt: skip


def timepoint_by_day(day: int) -> str | None:
    """The schema time point of a measurement taken ``day`` days after its procedure, by
    the rule of ``timepoints.by_day`` in ``data_schema/vocabulary.yaml``: ``pre`` on or
    up to ``before_days`` before the procedure day, else, of the time points within
    whose ``window`` it lies (a share of the nominal day, at least one day), the one whose
    nominal day is nearest (the earlier on a tie); ``None`` beyond every window.

    >>> [timepoint_by_day(d) for d in (-3, 1, 43, 88, 352, 4, 500)]
    ['pre', '24h', '6w', '3m', '12m', None, '24m']
    """
    vocab = load_spec().vocabulary
    if day <= 0:
        return "pre" if day >= -vocab.before_days else None
    within = [
        (abs(day - nominal), nominal, name)
        for name, nominal in vocab.nominal_days.items()
        if abs(day - nominal) <= max(1.0, vocab.day_window * nominal)
    ]
    return min(within)[2] if within else None


def counted_unit(header: object) -> str | None:
    """The unit of time a visit column's header counts its cells in, when the header names
    one unit, no number and nothing before the procedure (``Meses post-op``: months,
    each cell the months since the procedure); else ``None``.

    >>> counted_unit("Meses post-op"), counted_unit("Visit"), counted_unit("3 months")
    ('months', None, None)
    """
    units, before, after, fillers, phrases = _words()
    tokens = _tokens(segment(str(header or "")), units, before, after, fillers, phrases)
    if not tokens or "before" in tokens or any(isinstance(t, int) for t in tokens):
        return None
    kinds = {t.removeprefix("unit:") for t in tokens if isinstance(t, str) and t.startswith("unit:")}  # fmt: skip
    return kinds.pop() if len(kinds) == 1 else None


def counted_point(count: int, unit: str) -> tuple[str, bool] | None:
    """The time point of a visit ``count`` units after the procedure and whether the count
    names it exactly: 0 is the baseline (``pre``), a count the schema names is its time
    point; another (a late or early control: 14 months) reads as the nearest time point
    counted in the same unit (the earlier on a tie), within the ``timepoints.by_day``
    window of it; ``None`` beyond every window or for a negative count.

    >>> [counted_point(n, "months") for n in (0, 3, 14, 2, 40)]
    [('pre', True), ('3m', True), ('12m', False), ('1m', False), None]
    """
    if count < 0:
        return None
    if count == 0:
        return "pre", True
    exact = _INTERVALS.get((unit, count))
    if exact is not None:
        return exact, True
    window = load_spec().vocabulary.day_window
    near = [
        (abs(count - n), n, point)
        for (u, n), point in _INTERVALS.items()
        if u == unit and point is not None and abs(count - n) <= max(1.0, window * n)
    ]
    return (min(near)[2], False) if near else None
