"""Recognising column headers: which tidy column, measure, date or identifier a header is.

Headers are matched after :func:`analysis.spec.normalize_text` against the synonyms in
``data_schema/cohort.yaml`` or a user mapping. A pain header may declare its scale
(``VAS (0-100 mm)``); nothing is ever inferred from the values.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from analysis.levels import LevelError, parse_levels
from analysis.normalize.folded import normalize_text
from analysis.normalize.timepoints import (
    after_session_words,
    is_by_date,
    numbered_visit,
    segment,
    this_visit,
    timepoint_of,
)
from analysis.spec import CohortSpec, load_spec, same_stem

# Tables whose column names are themselves recognised in a wide sheet.
_WIDE_TABLES = ("patients", "procedures", "fractures")
_SCALE_100 = re.compile(r"\b0\s*(?:-|to)?\s*100\b|\b100\s*mm\b|\bmm\b|/\s*100\b")
_NOTE_SCALE_100 = re.compile(r"\b0\s*(?:-|to)?\s*100\b|\b100\s*mm\b|/\s*100\b")
_SCALE_10 = re.compile(r"\b0\s*(?:-|to)?\s*10\b|/\s*10\b")
# a small score's range in brackets ("(0-4)", "[1-5]"): how the score is counted, not its name
_SCORE_RANGE = re.compile(r"[(\[]\s*[01]\s*[-–]\s*[2-7]\s*[)\]]")
# a legend of the cells' codes in brackets ("(0=INDEP,1=CANE,2=WALKER)"): two codes or more
_CODE_LEGEND = re.compile(r"[(\[]\s*\d{1,2}\s*=[^)\]=]+?[,;/]\s*\d{1,2}\s*=[^)\]]*[)\]]")
# a small score's ends named in brackets ("(0 autònom - 4 enllitat)", "(0 independent - 4
# bedridden)"): its range with the words of its ends
_END_LEGEND = re.compile(
    r"[(\[]\s*[01]\s+[^\W\d_][^()\[\]\d]*?\s[-–]\s*[2-7]\s+[^\W\d_][^()\[\]\d]*[)\]]"
)
_UNITS = re.compile(r"\b(ml|cc|mls|cm3|years|yrs|yr|y|days|d)\b")
_UNIT_TYPES = {
    "ml": "volume_ml",
    "cc": "volume_ml",
    "mls": "volume_ml",
    "cm3": "volume_ml",
    "years": "number",
    "yrs": "number",
    "yr": "number",
    "y": "number",
    "days": "day",
    "d": "day",
}
# Words that say nothing about which field a header names.
_STOP_WORDS = frozenset(
    [
        "of",
        "the",
        "a",
        "an",
        "in",
        "at",
        "to",
        "on",
        "by",
        "for",
        "per",
        "and",
        "or",
        "no",
        "nr",
        "n",
        "number",
        "num",
        "is",
        "was",
        "pt",
        "pts",
        "patient",
    ]
)


@dataclass(frozen=True)
class Target:
    """What one input column holds.

    ``kind`` is one of ``column`` (a tidy column: ``table``/``column``), ``measure``
    (an outcome: ``measure``, optional ``timepoint`` and declared ``scale``), ``date``
    (``column`` names the date kind), ``visit`` (each row's time point, in a sheet of
    one row per visit), ``level_date`` (a new fracture's level and date in one cell),
    ``pair`` (two patient columns in one cell, ``column`` naming
    both as ``age_years|sex``), ``vertebra`` (a column headed by one vertebra, holding its
    cement volume on the rows that treated it; ``column`` names the vertebra), ``note`` (operative notes naming a session's
    vertebrae, volumes and leaks in sentences), ``birth_year`` (a year of birth, the
    age derived from it), ``series`` (a measure's scores at several time points in
    one cell, ``timepoint`` naming them in order as ``pre|1w|1m``), ``timed`` (a
    measure's scores at several visits in one cell, each line naming its visit), ``identifier``
    (``column`` names the kind) or ``ignore``.
    """

    kind: str
    table: str | None = None
    column: str | None = None
    measure: str | None = None
    timepoint: str | None = None
    scale: float | None = None

    @property
    def label(self) -> str:
        if self.kind in ("measure", "series"):
            return f"{self.measure}@{self.timepoint or '?'}"
        if self.kind == "timed":  # each line of a cell a visit and its score
            return f"timed:{self.measure}" + (f"/{self.scale:g}" if self.scale is not None else "")
        if self.kind == "date" and self.timepoint is not None:
            return f"date:{self.column}@{self.timepoint}"  # a visit's date, by its time point
        return f"{self.table}.{self.column}" if self.table else f"{self.kind}:{self.column}"


VISIT = Target("visit", column="timepoint")
PROCEDURE_DATE = Target("date", column="procedure_date")
# a level's yes/no flag ("New fracture? (Y/N)"): the level and date columns say which
# vertebra and when; the flag itself is not read
YES_NO_FLAG = Target("ignore", column="yes/no flag")
# a new fracture's level and date written in one cell ("L1 - 26/09/2021")
LEVEL_DATE = Target("level_date", "fractures", "level|date")
# a column headed by one vertebra ("T12"), its cement volume on the rows that treated it:
# Target(VERTEBRA, column="T12"), written "vertebra:T12" in a mapping file
VERTEBRA = "vertebra"
# a column of operative notes naming the session's vertebrae, volumes, technique, cement
# and leaks in sentences (analysis.normalize.notes), written "note:procedure"
NOTE = Target("note", column="procedure")
# a patient's year of birth: the age at each procedure derived from it, the year never shown
BIRTH_YEAR = Target("birth_year", column="age_years")
# remarks naming a patient's death with its date ("Expired on 15/05/2022") among others
# ("Doing well"): each death read with its date, written "death_note:died"
DEATH_NOTE = Target("death_note", column="died")
# the vertebrae cement leaked at, beside a leakage column naming only the sites ("Leak
# level": ``L3``, or each level with its own sites, ``L3 – foraminal; L5 – venous``): each
# vertebra of the session is given the sites at it, written "leak_level:leakage"
LEAK_LEVEL = Target("leak_level", column="leakage")
# a visit's scores of several measures in one cell, each after its name ("VAS 7/10; ODI
# 44%"), written "scores:measures" (analysis.normalize.scores)
NAMED_SCORES = Target("scores", column="measures")
# a column of the dates another column gives, in another calendar (Hijri beside Gregorian):
# not read again, its cells named with the other's, written "twin:date:visit_date"
TWIN = "twin"
_NAMED_KINDS = {
    NAMED_SCORES.label: NAMED_SCORES,
    NOTE.label: NOTE,
    BIRTH_YEAR.label: BIRTH_YEAR,
    DEATH_NOTE.label: DEATH_NOTE,
    LEAK_LEVEL.label: LEAK_LEVEL,
}
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]|（[^）]*）")


@cache
def _lookups() -> tuple[dict[str, Target], dict[str, str], dict[str, str]]:
    spec: CohortSpec = load_spec()
    columns: dict[str, Target] = {}
    for kind, names in spec.identifiers.items():
        for n in names:
            columns.setdefault(normalize_text(n), Target("identifier", column=kind))
    for kind, names in spec.date_columns.items():
        for n in names:
            columns.setdefault(normalize_text(n), Target("date", column=kind))
    for n in spec.vocabulary.visit_headers:
        columns.setdefault(normalize_text(n), VISIT)
    for n in spec.vocabulary.leak_level_headers:
        columns.setdefault(normalize_text(n), LEAK_LEVEL)
    for tname in _WIDE_TABLES:
        for cname, col in spec.tables[tname].columns.items():
            header_names: list[str] = list(col.synonyms)
            if tname != "fractures":
                header_names.append(cname)
            for n in header_names:
                columns.setdefault(normalize_text(n), Target("column", tname, cname))
    measures = {normalize_text(s): m for m, ms in spec.measures.items() for s in (m, *ms.synonyms)}
    measures |= {segment(s): m for s, m in list(measures.items())}
    timepoints = spec.column("assessments", "timepoint").value_lookup()
    return columns, measures, timepoints


@cache
def _token_index() -> tuple[tuple[frozenset[str], Target], ...]:
    """Every recognised header spelling as a set of words, with its target."""
    columns, measures, _ = _lookups()
    entries = [(frozenset(text.split()), target) for text, target in columns.items()]
    entries += [
        (frozenset(text.split()), Target("measure", measure=m)) for text, m in measures.items()
    ]
    return tuple((words - _STOP_WORDS, t) for words, t in entries if words - _STOP_WORDS)


def header_unit(header: object) -> str | None:
    """The value type a unit in the header implies (``Vol (ml)`` -> ``volume_ml``)."""
    units = _unit_types()
    for word in header_text(header).split():
        if word in units:
            return units[word]
    return None


@cache
def _unit_types() -> dict[str, str]:
    """Units in a header and the value type each implies: :data:`_UNIT_TYPES` and the
    vocabulary's other spellings of millilitres (``мл``, ``մլ``)."""
    more = {normalize_text(w): "volume_ml" for w in load_spec().vocabulary.volume_units}
    return {**more, **_UNIT_TYPES}


def _without_units(text: str, units: str) -> str:
    """``text`` without the unit words of ``units`` (a pattern of ASCII units), the
    vocabulary's other spellings of millilitres, nor a calendar's era mark (``मिति
    (वि.सं.)``: a date in Bikram Sambat), which names how the cells are written, not the
    field."""
    more = _unit_and_era_words()
    words = re.sub(units, " ", text).split()
    return " ".join(w for w in words if w not in more)


@cache
def _unit_and_era_words() -> frozenset[str]:
    units = {w for w, kind in _unit_types().items() if kind == "volume_ml" and not w.isascii()}
    vocabulary = load_spec().vocabulary
    marks = [*vocabulary.calendar_marks, *(m for ms in vocabulary.calendars.values() for m in ms)]
    return frozenset(units | {normalize_text(w) for w in marks})


_CAMEL = re.compile(r"(?<=[A-Za-z][a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


# a word's other ending after a slash ("Livello/i", "trattato/a", "level/s": singular or
# plural, masculine or feminine), one small letter after a word of three or more
_SLASHED_ENDING = re.compile(r"(?<![\w/])([^\W\d_]{3,})/[a-zà-ÿ](?![\w/])")


def header_text(header: object) -> str:
    """A header normalised (:func:`normalize_text`), its camel-case words written apart
    as system exports join them (``StudyID``, ``CementVolume_mL`` -> ``study id``,
    ``cement volume ml``) and a word's other ending after a slash dropped (``Livello/i``
    -> ``livello``)."""
    return normalize_text(camel_apart(_SLASHED_ENDING.sub(r"\1", str(header))))


def camel_apart(text: str) -> str:
    """``text`` with its camel-case words written apart (``tblNewFracture`` ->
    ``tbl New Fracture``), as a database names its tables and fields."""
    return _CAMEL.sub(" ", text)


def header_candidates(header: object) -> list[tuple[Target, float]]:
    """Targets a header could name, each with a header score in (0, 1], best first.

    The score is the overlap of the header's words with a recognised spelling (Jaccard,
    ignoring words such as "of" or "number"). Ambiguous headers (``Cement``, ``Type``,
    ``Volume``, ``Date``) yield several candidates for the cell contents to decide.
    """
    return list(_header_candidates(str(header)))


@lru_cache(maxsize=1 << 16)
def _header_candidates(header: str) -> tuple[tuple[Target, float], ...]:
    """:func:`header_candidates`, each distinct header read once (a sheet's rows are
    scored as headers many times over while its layout is found)."""
    text = header_text(_SCORE_RANGE.sub(" ", header))
    stripped, _ = _declared_scale(text)
    words = (
        frozenset(normalize_text(_without_units(stripped, _UNITS.pattern)).split()) - _STOP_WORDS
    )
    if not words:
        return ()
    best: dict[str, tuple[Target, float]] = {}
    entries = _token_index()
    for i, shared in _overlaps(words).items():
        spelling, target = entries[i]
        score = shared / (len(words) + len(spelling) - shared)
        if target.label not in best or best[target.label][1] < score:
            best[target.label] = (target, score)
    for target, score in (*_compound_parts(text), *_leading_words(text)):
        if target.label not in best or best[target.label][1] < score:
            best[target.label] = (target, score)
    exact = match_header(text)
    if exact is not None:
        best[exact.label] = (exact, 1.0)
    return tuple(sorted(best.values(), key=lambda ts: (-ts[1], ts[0].label)))


def _leading_words(text: str) -> list[tuple[Target, float]]:
    """A header whose first word names a typed field, the rest qualifying it (``Věk při 1.
    výkonu``: age at the first procedure; ``Alter bei OP``): that field, at the score a
    partly named header needs, for its cells to confirm."""
    words = text.split()
    if len(words) < 2:
        return []
    columns, _, _ = _lookups()
    first = columns.get(words[0])
    if first is None or first.kind != "column" or len(words[0]) < 3:
        return []
    if any(len(w) >= 3 and w in columns for w in words[1:]):
        return []  # another word names a field too ("Intervention Volume"): no guess
    ctype = load_spec().column(str(first.table), str(first.column)).type
    return [] if ctype in ("id", "string") else [(first, 0.5)]


def _compound_parts(text: str) -> list[tuple[Target, float]]:
    """Chinese, Japanese and Korean headers are compounds written without spaces
    (``手术节段``: operation + segment): each known spelling of two characters or more
    inside the header, scored by the share of the header it covers."""
    compact = text.replace(" ", "")
    if compact.isascii() or len(compact) < 3:
        return []
    columns, _, _ = _lookups()
    return [
        (target, len(key) / len(compact))
        for key, target in columns.items()
        if len(key) >= 2 and not key.isascii() and " " not in key and key in compact
    ]


# A word written inflected or abbreviated ("nowego" for "nowe", "złamania" for "złamanie",
# "Volumen" for "volume") counts as shared with a little less weight than the same word.
_INFLECTED = 0.9


@cache
def _word_index() -> tuple[dict[str, list[int]], dict[str, list[tuple[str, int]]]]:
    """Positions in :func:`_token_index` by word, and by the first four letters of a word."""
    exact: dict[str, list[int]] = {}
    prefix: dict[str, list[tuple[str, int]]] = {}
    for i, (spelling, _) in enumerate(_token_index()):
        for w in spelling:
            exact.setdefault(w, []).append(i)
            if len(w) >= 4:
                prefix.setdefault(w[:4], []).append((w, i))
    return exact, prefix


def _overlaps(words: frozenset[str]) -> dict[int, float]:
    """Per spelling sharing a word with ``words``: how many words they share (a word
    matched only by its stem counts :data:`_INFLECTED`)."""
    exact, prefix = _word_index()
    shared: dict[int, dict[str, float]] = {}
    for w in sorted(words):  # a fixed order: ties between spellings resolve the same way every run
        for i in exact.get(w, ()):
            shared.setdefault(i, {})[w] = 1.0
        for other, i in prefix.get(w[:4], ()) if len(w) >= 4 else ():
            if other != w and same_stem(w, other):
                got = shared.setdefault(i, {})
                got[w] = max(got.get(w, 0.0), _INFLECTED)
    return {i: sum(per_word.values()) for i, per_word in shared.items()}


def _declared_scale(text: str) -> tuple[str, float | None]:
    words = text.split()
    millimetres = _millimetres()
    if any(w in millimetres for w in words):  # "ВАШ, мм": millimetres in another script
        # (and its range with them: "ВАШ, мм (0–100)")
        kept = " ".join(w for w in words if w not in millimetres)
        return " ".join(_SCALE_100.sub(" ", kept).split()), 100.0
    if _SCALE_100.search(text):
        return _SCALE_100.sub(" ", text), 100.0
    if _SCALE_10.search(text):
        return _SCALE_10.sub(" ", text), 10.0
    other = _other_scale().search(text) if _other_scale().pattern else None
    if other is not None:  # "ODI, баллы (0–50)": Oswestry's raw sum of points
        return _other_scale().sub(" ", text), float(other["top"] or other["over"])
    return text, None


@cache
def _other_scale() -> re.Pattern[str]:
    """A range or an out-of naming one of the measures' declared scales other than 0-10
    and 0-100 (``0-50``, ``/50``: the Oswestry index as its raw sum of points); an empty
    pattern when no measure declares one."""
    tops = {k for m in load_spec().measures.values() for k in m.scales} - {"10", "100"}
    if not tops:
        return re.compile("")
    alt = "|".join(sorted(map(re.escape, tops), key=len, reverse=True))
    return re.compile(rf"\b0\s*(?:-|to)?\s*(?P<top>{alt})\b|/\s*(?P<over>{alt})\b")


def _declares(measure: str, scale: float | None) -> bool:
    """Whether a scale read from a header can be ``measure``'s: 0-10 and 0-100 as
    before (a wrong one is each cell's error), any other only where the measure declares
    it (``VAS (0-50)`` is no pain scale, and the range is left as a note)."""
    if scale is None or scale in (10.0, 100.0):
        return True
    return f"{scale:g}" in load_spec().measures[measure].scales


@cache
def _millimetres() -> frozenset[str]:
    """The vocabulary's spellings of millimetres other than ``mm`` (``мм``)."""
    return frozenset(normalize_text(w) for w in load_spec().vocabulary.millimetre_units)


@cache
def _score_units() -> frozenset[str]:
    """The vocabulary's words for a score's unit in a header (``баллы``, ``points``): how
    the score is counted, set aside when the measure is read (``ВАШ, баллы``: pain)."""
    return frozenset(normalize_text(w) for w in load_spec().vocabulary.score_units)


def noted_scale(line: str) -> tuple[str, float] | None:
    """The one measure a note line names with its scale (``VAS — pain scale 0-100 mm``,
    written above or below a table): (measure, scale), or ``None`` when the line declares
    no scale or names no measure, or more than one (a bare ``mm`` declares nothing in a
    note, where it may be a date's month: ``dd.mm.yyyy``)."""
    text = header_text(line)
    wide, narrow = _NOTE_SCALE_100.search(text), _SCALE_10.search(text)
    if bool(wide) == bool(narrow):
        return None
    stripped, scale = _NOTE_SCALE_100.sub(" ", _SCALE_10.sub(" ", text)), 100.0 if wide else 10.0
    named = {t.measure for w in stripped.split() if (t := match_header(w)) and t.kind == "measure"}
    return (str(next(iter(named))), scale) if len(named) == 1 else None


def _measure_named_twice(header: str) -> Target | None:
    """``درد قبل از عمل (VAS)``, ``Pain pre (VAS)``: a measure and its time point, the
    measure named again in brackets after them."""
    _, measures, _ = _lookups()
    inner = {measures.get(normalize_text(b)) for b in _BRACKETS.findall(header)}
    if len(inner) != 1 or None in inner:
        return None
    bare = _match_measure(normalize_text(_BRACKETS.sub(" ", header)))
    if bare is not None and bare.measure in inner and bare.timepoint is not None:
        return bare
    return None


def _match_measure(text: str) -> Target | None:
    _, measures, timepoints = _lookups()
    stripped, scale = _declared_scale(text)
    stripped = " ".join(w for w in stripped.split() if w not in _score_units()) or stripped
    # a score's unit written against the measure in a script without spaces ("ODI评分")
    segmented = [w for w in segment(stripped).split() if w not in _score_units()]
    for words in (normalize_text(stripped).split(), segmented or segment(stripped).split()):
        for i in range(len(words) + 1):
            head, tail = " ".join(words[:i]), " ".join(words[i:])
            for m_part, t_part in ((head, tail), (tail, head)):
                measure = measures.get(m_part) or _measure_words(m_part, measures)
                if measure is None or not _declares(measure, scale):
                    continue
                if not t_part or this_visit(t_part):  # "Mobility at this visit": the row's
                    return Target("measure", measure=measure, scale=scale)
                tp = timepoints.get(t_part) or timepoint_of(t_part, by_script=False)
                if tp is not None and not after_session_words(segment(t_part)):
                    # ("VAS redo pre": the second session's, read with its session)
                    return Target("measure", measure=measure, timepoint=tp, scale=scale)
    return None


def _pair(header: str) -> Target | None:
    """``Age/Sex``, ``Sex, age``: two patient fields written in one cell (``67/F``)."""
    parts = [p for p in re.split(r"\s*[/,&+]\s*|\s+and\s+", header.strip()) if p]
    if len(parts) != 2:
        return None
    columns, _, _ = _lookups()
    found = [columns.get(normalize_text(p)) for p in parts]
    if all(t is not None and t.table == "patients" and t.kind == "column" for t in found):
        names = [str(t.column) for t in found if t is not None]
        if len(set(names)) == 2:
            return Target("pair", "patients", "|".join(names))
    return None


@cache
def _record_words() -> frozenset[str]:
    return frozenset(normalize_text(w) for w in load_spec().vocabulary.record_words)


def _measure_words(text: str, measures: dict[str, str]) -> str | None:
    """The measure of several spellings written together that each name it (``schmerz
    vas``, ``pain nrs``, ``درجة الألم VAS``: pain score and VAS)."""
    words = text.split()
    if len(words) < 2:
        return None
    # the one measure every split of the words into known spellings names, if any
    named: list[set[str]] = [set() for _ in range(len(words) + 1)]
    named[0] = {""}
    for end in range(1, len(words) + 1):
        for start in range(end):
            spelling = measures.get(" ".join(words[start:end]))
            if spelling is None:
                continue
            for before in named[start]:
                if before in ("", spelling):
                    named[end].add(spelling)
    found = named[len(words)] - {""}
    return found.pop() if len(found) == 1 else None


def _measure_target(value: dict[str, object]) -> Target:
    """A mapping file's measure: at one time point, or at several in one cell
    (``timepoints: [pre, 1w, 1m]``)."""
    if "measure" not in value:
        raise ValueError(f"mapping entry {value!r} needs 'measure' (and 'timepoint')")
    scale = value.get("scale")
    scale_value = None if scale is None else float(str(scale))
    points = value.get("timepoints")
    if isinstance(points, list) and points:  # scores at several time points in one cell
        series = "|".join(str(p) for p in points)
        return Target("series", measure=str(value["measure"]), timepoint=series, scale=scale_value)  # fmt: skip
    timepoint = value.get("timepoint")
    if value.get("visit") is not None:  # a numbered visit's score, read by its date
        timepoint = numbered_visit(int(str(value["visit"])))
    return Target("measure", measure=str(value["measure"]), timepoint=None if timepoint is None else str(timepoint), scale=scale_value)  # fmt: skip


def _vertebra_target(text: str) -> Target:
    """``vertebra:T12``: a column headed by one vertebra."""
    try:
        levels = parse_levels(text.removeprefix(f"{VERTEBRA}:"))
    except LevelError:
        levels = ()
    if len(levels) != 1:
        raise ValueError(f"mapping target '{text}' does not name one vertebra (e.g. vertebra:T12)")  # fmt: skip
    return Target(VERTEBRA, column=levels[0])


def mapping_target(value: object) -> Target:
    """The target a mapping file's reading names (``patients.sex``, ``date:visit_date``,
    ``visit``, ``identifier``, ``ignore``, ``{measure: pain_vas, timepoint: 1m}``, ...);
    ``ValueError`` when it names nothing of the cohort schema."""
    if isinstance(value, dict):
        return _measure_target(value)
    text = str(value).strip()
    if text in ("ignore", "identifier") or text.startswith("identifier:"):
        kind, _, what = text.partition(":")
        return Target(kind, column=what or "mapped")
    if text in ("visit", "visit:timepoint", "assessments.timepoint"):
        return VISIT
    if text in ("fractures.level|date", "level_date"):
        return LEVEL_DATE
    if text.startswith("patients.") and "|" in text:
        names = text.removeprefix("patients.").split("|")
        spec = load_spec()
        if len(names) != 2 or not all(n in spec.tables["patients"].columns for n in names):
            raise ValueError(f"mapping target '{text}' is not two columns of the patients table")
        return Target("pair", "patients", "|".join(names))
    if text in _NAMED_KINDS or text.startswith((f"{VERTEBRA}:", "timed:")):
        return _NAMED_KINDS.get(text) or _prefixed_target(text)
    if text.startswith("date:"):
        return _date_target(text)
    if text.startswith(f"{TWIN}:date:"):
        return Target(TWIN, column=_date_target(text.removeprefix(f"{TWIN}:")).label)
    table, _, column = text.rpartition(".")
    spec = load_spec()
    if not table:
        table = next((t for t in _WIDE_TABLES if column in spec.tables[t].columns), "")
    if table not in spec.tables or column not in spec.tables[table].columns:
        raise ValueError(f"mapping target '{text}' is not a column of the cohort schema")
    return Target("column", table, column)


def _prefixed_target(text: str) -> Target:
    """``vertebra:T12`` or ``timed:pain_vas``: a reading named by its kind and a value."""
    return _timed_target(text) if text.startswith("timed:") else _vertebra_target(text)


def _timed_target(text: str) -> Target:
    """``timed:pain_vas`` (``timed:pain_vas/100`` on a declared scale): a measure's scores
    at several visits in one cell, each line naming its visit."""
    name, _, scale = text.removeprefix("timed:").partition("/")
    if name not in load_spec().measures:
        raise ValueError(f"mapping target '{text}': '{name}' is not a measure")
    return Target("timed", measure=name, scale=float(scale) if scale else None)


def _date_target(text: str) -> Target:
    """``date:procedure_date``, ``date:visit_date@1m``: a kind of date (at a visit's time
    point)."""
    if text.startswith("date:visit_date@"):
        return _visit_date_at(text)
    kind = text.removeprefix("date:")
    if kind not in load_spec().date_columns:
        known = ", ".join(f"date:{k}" for k in load_spec().date_columns)
        raise ValueError(f"mapping target '{text}' is not a kind of date ({known})")
    return Target("date", column=kind)


def _visit_date_at(text: str) -> Target:
    """``date:visit_date@1m``: the date of the visit at one time point, in a row of visits
    across."""
    point = text.partition("@")[2]
    allowed = load_spec().column("assessments", "timepoint").allowed
    if point not in allowed and not is_by_date(point):  # a numbered visit's, by its date
        raise ValueError(f"mapping target '{text}': '{point}' is not a time point ({', '.join(allowed)})")  # fmt: skip
    return Target("date", column="visit_date", timepoint=point)


@lru_cache(maxsize=1)
def _date_part_words() -> dict[str, str]:
    parts = load_spec().vocabulary.date_parts
    return {normalize_text(w): part for part, words in parts.items() for w in words}


def _date_parts_target(text: str) -> Target | None:
    """A header made of the names of a date's day, month and year (each once, in any
    order: ``day/month/year``, ``روز/ماه/سال``): a date, its parts joined."""
    words = _date_part_words()
    parts = [words.get(w) for w in segment(text).split()]
    if len(parts) == 3 and None not in parts and len(set(parts)) == 3:
        return Target("date", column="procedure_date")
    return None


def match_header(header: object, mapping: dict[str, object] | None = None) -> Target | None:
    """The target of one header (:func:`_match_header`); a short header without a mapping
    is read once per text, so a row of 10,000 columns that repeat a few spellings costs
    one reading per spelling."""
    if not mapping and isinstance(header, str) and len(header) <= 200:
        return _match_header_once(header)
    return _match_header(header, mapping)


def bare_volume_unit(header: object) -> bool:
    """Whether a header, trimmed, is a millilitre unit and nothing else (``ml``, ``mL``,
    ``mls``, ``cm3``, the vocabulary's ``мл``): a sheet's whole header so written names the
    cement each vertebra took. Never a part or a gloss of a longer header (``Vol. 2
    (ml)``: its words name the field), so :func:`match_header`, which reads the parts,
    does not read it. ``cc`` is left out, an abbreviation of other things too."""
    if not isinstance(header, str):
        return False
    text = header_text(header)
    return text != "cc" and _unit_types().get(text) == "volume_ml"


@lru_cache(maxsize=65536)
def _match_header_once(header: str) -> Target | None:
    return _match_header(header, None)


def _match_header(header: object, mapping: dict[str, object] | None = None) -> Target | None:
    """The target of one header, or ``None`` when it is not recognised.

    Parameters
    ----------
    header
        The header text (for two-row headers, group and sub-header joined by a space).
    mapping
        User overrides: normalised or verbatim header -> target, where a target is
        ``"table.column"``, ``"ignore"``, ``"identifier"``, ``"date:procedure_date"``
        or ``{"measure": ..., "timepoint": ..., "scale": ...}``.
    """
    text = header_text(header)
    if not text:
        return None
    if mapping:
        for key, value in mapping.items():
            if normalize_text(key) == text:
                return mapping_target(value)
    header, text = _without_score_range(header, text)
    columns, _, _ = _lookups()
    found = columns.get(text) or _date_parts_target(text)  # "روز/ماه/سال", "Tag/Monat/Jahr"
    if found is not None:
        return found
    if _record_words() & set(segment(text).split()):
        return Target("identifier", column="mrn")  # "KIS_PAT_ID", "MRN (Epic)"
    pair = _pair(str(header))
    if pair is not None:
        return pair
    legend = _with_legend(str(header), text, columns)
    if legend is not None:
        return legend
    stripped, _ = _declared_scale(text)
    stripped = normalize_text(_without_units(stripped, r"\b(ml|cc|mls|years|yrs|days)\b"))
    if stripped in columns:
        return _volume_of(columns[stripped], text)
    found = _match_measure(text)
    if found is None and _BRACKETS.search(str(header)):
        found = _measure_named_twice(str(header))
    if found is None:  # "Sex / ස්ත්‍රී-පුරුෂ"; "Ira (sex)"
        found = _translated(str(header)) or _glossed(str(header))
    found = found or _without_cement_named(text) or _per_vertebra(stripped, text)
    return found or _dated_row(str(header))


# "(MM/DD/YYYY)", "[jj/mm/aaaa]", "(yyyy-mm-dd)": how the dates below are to be typed
_DATE_FORMAT_NOTE = re.compile(
    r"[(\[（]\s*(?:[a-z]{1,4}[/.\-][a-z]{1,4}[/.\-][a-z]{1,4})\s*[)\]）]", re.IGNORECASE
)


def _dated_row(header: str) -> Target | None:
    """``Date of visit (MM/DD/YYYY)``: a date's field with a note of how its dates are
    typed (the field the words outside the note name, when it is a date); ``Date of visit
    / procedure``: a date of one event or another named apart by a spaced slash, each
    part with the words before the first slash's last one naming a date (the date of each
    row's event: its visit's date, on a procedure's row the procedure's)."""
    if _DATE_FORMAT_NOTE.search(header):
        bare = _DATE_FORMAT_NOTE.sub(" ", header).strip()
        found = match_header(bare) if bare else None
        if found is None or found.kind not in ("date", "identifier"):
            return None
        # "Date (dd/mm/yyyy)": a date of no named event, read by its cells
        return found if found.kind == "identifier" or len(bare.split()) > 1 else None
    first, *rest = [p.strip() for p in _TRANSLATION.split(header.strip())]
    if not rest or not all(rest) or len(first.split()) < 2:
        return None
    head = first.rsplit(maxsplit=1)[0]
    named = [match_header(first), *(match_header(f"{head} {p}") for p in rest)]
    if all(f is not None and f.kind == "date" for f in named):
        return Target("date", column="visit_date")
    return None


def _per_vertebra(bare: str, text: str) -> Target | None:
    """``Cemento (ml) por nivel``, ``Cement per level``: a procedure's field with words
    closing it that say the value is each vertebra's (``per_vertebra_words``); the field
    the words before them name, a cement named so being its volume, with a unit or
    without (``Cement per level``: the mL each vertebra took, not a kind of cement).
    ``bare``: the header's text without its units."""
    for words in sorted(_per_vertebra_words(), key=len, reverse=True):
        if bare.endswith(" " + words):
            found = match_header(bare[: -len(words)].strip())
            if found is not None and found.label == "procedures.cement_type":
                return Target("column", "procedures", "cement_volume_ml")  # its amount
            if found is not None and found.kind == "column" and found.table == "procedures":
                return found
    return None


@lru_cache(maxsize=1)
def _per_vertebra_words() -> tuple[str, ...]:
    return tuple({normalize_text(w) for w in load_spec().vocabulary.per_vertebra_words})


def _volume_of(found: Target, text: str) -> Target:
    """``Zement ml``, ``සිමෙන්ති ml``: a word for the cement with a volume unit beside it
    names the cement's volume, not its kind."""
    if found.label == "procedures.cement_type" and header_unit(text) == "volume_ml":
        return Target("column", "procedures", "cement_volume_ml")
    return found


def _without_score_range(header: object, text: str) -> tuple[object, str]:
    """A header without a small score's range in brackets (``Walking (0-4) before``) or a
    legend of its codes (``Ambulation status (0=indep, 1=cane, 2=walker)``) and its
    normalised text; the header as it stands when it has neither."""
    legends = (_SCORE_RANGE, _CODE_LEGEND, _END_LEGEND)
    if not any(p.search(str(header)) for p in legends):
        return header, text
    header = _END_LEGEND.sub(" ", _CODE_LEGEND.sub(" ", _SCORE_RANGE.sub(" ", str(header))))
    return header, header_text(header)


def _without_cement_named(text: str) -> Target | None:
    """``Cement PMMA (ml)``, ``سیمنٹ PMMA (ml)``: a header naming the unit's one cement
    beside the field; the field the other words name, when they name one."""
    names = {
        normalize_text(k) for k in load_spec().column("procedures", "cement_type").value_lookup()
    }
    words = text.split()
    kept = [w for w in words if w not in names]
    if len(kept) == len(words) or not kept:
        return None
    found = match_header(" ".join(kept))
    return found if found is not None and found.kind == "column" else None


_TRANSLATION = re.compile(r"\s+/\s+")


def _with_legend(header: str, text: str, columns: dict[str, Target]) -> Target | None:
    """``Sexe (H/F)``, ``Etiology (OP/path)``: a field named outside a legend in brackets;
    ``New fracture? (Y/N)``: a level's yes/no flag (:data:`YES_NO_FLAG`)."""
    bare = normalize_text(_BRACKETS.sub(" ", header))
    if not bare or bare == text or bare not in columns or columns[bare].kind != "column":
        return None
    if columns[bare].column == "level" and _yes_no_legend(header):
        return YES_NO_FLAG  # the level and date columns beside it say which and when
    return columns[bare]


def _yes_no_legend(header: str) -> bool:
    """Whether a bracket of the header lists a word for yes and one for no (``(Y/N)``,
    ``(ඔව්/නැත)``, ``(是/否)``): the column holds yes/no answers."""
    spec = load_spec()
    for inner in _BRACKETS.findall(header):
        words = [w.strip().lower() for w in re.split(r"[/,|]", inner.strip("()[]（）"))]
        yes = [w in spec.true_tokens for w in words]
        if len(words) == 2 and sorted(yes) == [False, True] and words[yes.index(False)] in spec.false_tokens:  # fmt: skip
            return True
    return False


def _translated(header: str) -> Target | None:
    """``Sex / ස්ත්‍රී-පුරුෂ``, ``Leak / කාන්දුව``, ``Онош / шалтгаан``: a header written
    in two languages (or two words for one field) apart by a spaced slash. The field every
    recognised part names, when they agree; a part left unrecognised must be written in
    another script than the recognised ones (its translation: ``Study No`` in Sinhala,
    Tamil and English, the Tamil unknown), never a second English field nor, beside a part
    in accented Latin letters, a second part in Latin letters (``Délai / 1ère (jours)``:
    the delay after the first session), nor share a letter's script with one
    (``ክትትል / Outcome ሞቷል? (Died)``: a group and its field)."""
    parts = [p for p in _TRANSLATION.split(header.strip()) if p.strip()]
    if len(parts) < 2:
        return _in_two_scripts(header)
    found = [(p, match_header(p)) for p in parts]
    named = _date_twin_as_field({t.label: t for _, t in found if t is not None})
    if len(named) != 1:
        return None
    ascii_named = any(p.isascii() for p, t in found if t is not None)
    accented_named = any(_in_latin(p) and not p.isascii() for p, t in found if t is not None)
    scripts = {s for p, t in found if t is not None for s in _other_scripts(p)}
    if any(
        t is None
        and (
            (p.isascii() and ascii_named)
            or (_in_latin(p) and accented_named)
            or _other_scripts(p) & scripts
        )
        for p, t in found
    ):
        return None
    return next(iter(named.values()))


def _date_twin_as_field(named: dict[str, Target]) -> dict[str, Target]:
    """The fields a header's parts name, a field and the date it stands for when its cells
    are dates (``date_switch`` of the vocabulary) taken as that field alone: ``Kuollut /
    Död``, "died" in Finnish and "death" in Swedish, names the one column whose cells say
    ``ei/nej`` or give the date of death (the cells then decide, as under "Died")."""
    switch = load_spec().vocabulary.date_switch
    fields = [label for label in named if f"date:{switch.get(label)}" in named]
    if len(named) == 2 and len(fields) == 1:
        return {fields[0]: named[fields[0]]}
    return named


def _glossed(header: str) -> Target | None:
    """``Ira (sex)``, ``Kua mate (died)?``: a field named in a language the vocabulary does
    not know, its name in a known one in brackets after it. The field the one bracket names
    as a whole, when the words before it (at most three) name nothing, and in part nothing
    else (``mate`` is died in Tetum as in Māori)."""
    inner = _BRACKETS.findall(header)
    if len(inner) != 1:
        return None
    bare = _BRACKETS.sub(" ", header)
    words = header_text(bare).split()
    if not words or len(words) > _GLOSSED_WORDS:
        return None
    found = match_header(inner[0][1:-1])
    if found is None or found.kind != "column" or match_header(bare) is not None:
        return None
    others = {t.label for t, _ in header_candidates(bare)} - {found.label}
    return found if not others else None


# The words a glossed header may give before its bracket: a field's name, not a sentence.
_GLOSSED_WORDS = 3


def one_language(headers: Sequence[str]) -> list[str]:
    """A header row written in two languages apart by a spaced slash on most of its
    columns (``Rhyw / Sex``, ``Oed / Age``, ``Statws / Status``), or on two lines of one
    cell (``Rhif astudiaeth\nStudy no``): each header that names no field as a whole, as
    its one part that does (the other part its translation, in a language the vocabulary
    need not know, in any script); else the headers unchanged. A measure's name written
    in both languages alike beside a time point's words (``VAS 2 wythnos\n2 wk``) is read
    with the part naming the time point (``VAS 2 wk``). A header alone keeps to the
    stricter rule of :func:`match_header`, for which ``Sex / Notes`` names nothing: a row
    whose every header is two parts is a bilingual row."""
    parts = [two_parts(h) for h in headers]
    filled = sum(bool(h.strip()) for h in headers)
    if filled < _BILINGUAL_MIN or (
        sum(len(p) == 2 for p in parts) < _BILINGUAL_SHARE * filled and not _one_side_known(parts)
    ):
        return list(headers)
    out = []
    for header, two in zip(headers, parts, strict=True):
        if len(two) == 2 and match_header(header) is None:
            header = _named_part(header, two) or _measure_at_point(two) or header
        out.append(header)
    return out


def two_parts(header: str) -> list[str]:
    """A header's parts apart by a spaced slash, else its two lines when it has two."""
    parts = [p.strip() for p in _TRANSLATION.split(header.strip()) if p.strip()]
    if len(parts) == 1:
        lines = [line.strip() for line in header.split("\n") if line.strip()]
        parts = lines if len(lines) == 2 else parts
    return parts


def _named_part(header: str, two: list[str]) -> str | None:
    """The one part of a two-part header that names a field; of two lines, only when the
    other line names no other field, not even in part, and no time point, and holds words
    (a translation, not ``Level\n1`` or ``Date\nM1``)."""
    named = [p for p in two if match_header(p) is not None]
    if len(named) == 2 and match_header(named[0]) == match_header(named[1]):
        return named[1]  # both halves name the one field (``Rhyw\nSex``)
    if len(named) != 1:
        return None
    if _TRANSLATION.search(header):
        return named[0]
    other = two[1] if named[0] == two[0] else two[0]
    target = match_header(named[0])
    others = {t.label for t, _ in header_candidates(other)} - {target.label if target else ""}
    if others or timepoint_of(other) or not any(c.isalpha() for c in other):
        return None
    return named[0]


def _measure_at_point(two: list[str]) -> str | None:
    """``VAS 2 wythnos`` beside ``2 wk``: a part naming a time point alone, the other part
    opening with a measure's name (one or two words, written alike in both languages):
    that name and the time point's part (``VAS 2 wk``), when it reads as that measure at
    that time point."""
    for first, second in (two, two[::-1]):
        point = timepoint_of(second)
        if point is None or match_header(second) is not None:
            continue
        words = first.split()
        for n in (1, 2):
            found = match_header(" ".join([*words[:n], second])) if len(words) > n else None
            if found is not None and found.kind == "measure" and found.timepoint == point:
                return " ".join([*words[:n], second])
    return None


def _one_side_known(parts: Sequence[list[str]]) -> bool:
    """Whether a row's headers of two parts apart by a spaced slash write one language
    always on the same side (``Sex / Itupa``, ``Phone / Telefoni``, ``Cause / Mafua'aga``
    beside ``ID``, ``Age``, ``Level(s)``): at least :data:`_BILINGUAL_MIN` of them name a
    field by exactly one part, that part always first or always second, and none names
    one by its other part. A unit glossing only its longer headers in its own language,
    in the same script, writes such a row; two fields apart by a slash (``Sex / Notes``)
    do not repeat that pattern across the row."""
    sides = [tuple(match_header(p) is not None for p in two) for two in parts if len(two) == 2]
    one = [s for s in sides if sum(s) == 1]
    return len(one) >= _BILINGUAL_MIN and len(set(one)) == 1


# A row is written in two languages when this many of its headers, and this share of them,
# are two parts apart by a spaced slash (or this many name a field on the same side).
_BILINGUAL_MIN = 4
_BILINGUAL_SHARE = 0.75


def english_lines(header: str) -> str:
    """A header of lines in two scripts (``လူနာအမှတ်\nStudy No.``, ``ကျောရိုးအဆစ် ၁\nLevel
    1``, ``NRS\nခွဲစိတ်မီ (pre-op)``) as its Latin words, when the whole reads as no field and
    its words in the other script name nothing the vocabulary knows (a translation, not a
    qualifier); else the header unchanged. A date alone (``...\nDate``) is kept whole: the
    other line says which date it is, so the column's cells decide."""
    if "\n" not in header or match_header(header) is not None:
        return header
    gloss = _bracketed_gloss(header) or _named_line(header) or _glossed_below(header)
    if gloss is not None:
        return gloss
    kept = _translated_line(header) or _latin_words(header)
    other = " ".join(w for w in header.split() if w not in kept)
    if not kept or not any(c.isalpha() for c in other) or match_header(other) is not None:
        return header  # no words of another script (``ODI cyn\npre-op (%)``): kept whole
    if timepoint_of(other):
        return header
    english = " ".join(kept)
    found = match_header(english)
    if found is not None and found.kind == "date" and len(_BRACKETS.sub(" ", english).split()) <= 1:
        return header
    return english


def _bracketed_gloss(header: str) -> str | None:
    """``Lambar Bincike\n(Study No.)``, ``Kashi 1\n(Level 1)``: a header in a language the
    vocabulary need not know, in any script, with its translation on a last line of its own
    in brackets: that translation, when the lines above it name no field, not even in part,
    or the one it names, and no time point; else ``None``. A date alone (``...\n(Date)``)
    is not taken: the other line may say which date it is, so the column's cells decide."""
    lines = [line.strip() for line in header.split("\n") if line.strip()]
    if len(lines) < 2 or not _BRACKETS.fullmatch(lines[-1]):
        return None
    inner = lines[-1][1:-1].strip()
    above = " ".join(lines[:-1])
    if not any(c.isalpha() for c in inner) or timepoint_of(above) or timepoint_of(inner):
        return None
    found = match_header(inner)
    if found is not None and found.kind == "date" and len(inner.split()) <= 1:
        return None  # "(Date)" alone: the unread line may say which date, so the cells decide
    ranked = header_candidates(above)
    if not ranked or ranked[0][1] < 0.5:
        return inner
    glossed = header_candidates(inner)  # or the lines above name the field it names
    return inner if glossed and glossed[0][0] == ranked[0][0] else None


def _glossed_below(header: str) -> str | None:
    """``VAS pre-op\n(ìrora ṣáájú iṣẹ́ abẹ)``: a header naming a field as a whole, its gloss
    in the unit's own language (in any script) on a last line of its own in brackets: the
    lines above, when the bracket names no other field the vocabulary knows, not even in
    part (``ìrora``, pain, is the field above's), no time point, and holds no number
    (``(1st entry)``, ``(2nd reading)`` say which of two columns, not what it is in
    another language); else ``None``."""
    lines = [line.strip() for line in header.split("\n") if line.strip()]
    if len(lines) < 2 or not _BRACKETS.fullmatch(lines[-1]):
        return None
    inner = lines[-1][1:-1].strip()
    above = " ".join(lines[:-1])
    found = match_header(above)
    if found is None or not any(c.isalpha() for c in inner) or any(c.isdigit() for c in inner):
        return None
    named = {(t.kind, t.table, t.column, t.measure) for t, _ in header_candidates(inner)}
    if timepoint_of(inner) or named - {(found.kind, found.table, found.column, found.measure)}:
        return None
    return above


def _translated_line(header: str) -> list[str]:
    """The words of a header's last line when it is the translation of the lines above it
    (``VAS (قبل → 24 ساعة)\nVAS (pre → 24h)``): wholly in Latin letters, the lines above
    holding letters of another script, every Latin word and number of theirs (``VAS``,
    ``24``) in it too. The
    line is kept whole, its marks between words (``→``) with it; ``[]`` otherwise."""
    *above, last = [line for line in header.splitlines() if line.strip()] or [""]
    letters = [c for c in last if c.isalpha()]
    if not above or not letters or not all(c.isascii() for c in letters):
        return []
    if not any(not c.isascii() and c.isalpha() for line in above for c in line):
        return []
    own = {w.strip("()[].,:").casefold() for w in last.split()}
    named = [w.strip("()[].,:").casefold() for line in above for w in line.split()]
    if not all(w in own for w in named if any(c.isascii() and c.isalpha() for c in w)):
        return []
    numbers = {int(n) for n in re.findall(r"\d+", last)}  # "3 أشهر" over "3mo": kept too
    if not all(int(n) in numbers for line in above for n in re.findall(r"\d+", line)):
        return []
    return last.split()


def _named_line(header: str) -> str | None:
    """``研究编号\nتەتقىقات نومۇرى``, ``术后1月\n1 ئاي``: a header (or a group label) of lines
    in different scripts (neither need be Latin), one line naming a field as a whole or a
    time point and the others naming nothing, not even in part (its translation in a
    language the vocabulary need not know): that line; else ``None``. A bare date word (``日期\n...``) is not taken: the
    other line may say which date it is, so the column's cells decide."""
    lines = [line.strip() for line in header.split("\n") if line.strip()]
    scripts = [main_script(line) for line in lines]
    if len(lines) < 2 or None in scripts or len(set(scripts)) < len(lines):
        return None
    named = [line for line in lines if match_header(line) is not None or timepoint_of(line)]
    others = [line for line in lines if line not in named]
    words = [" ".join(w for w in line.split() if any(c.isalpha() for c in w)) for line in others]
    if len(named) != 1 or any(header_candidates(w) for w in words):
        return None  # the other line names a field in part: a qualifier, not a translation
    found = match_header(named[0])
    if found is not None and found.kind == "date" and normalize_text(named[0]) in _bare_dates():
        return None
    return named[0]


def _in_latin(text: str) -> bool:
    """Whether a text's letters, one at least, are all Latin ones, accented or not
    (``Sex``, ``1ère (jours)``)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isascii() or unicodedata.name(c, "").startswith("LATIN") for c in letters)  # fmt: skip


def _other_scripts(text: str) -> set[str]:
    """The scripts other than Latin that a text's letters are written in."""
    names = {unicodedata.name(c, "").split(" ")[0] for c in text if c.isalpha() and not c.isascii()}
    return names - {"LATIN", ""}


def main_script(line: str) -> str | None:
    """The script most of a line's letters are written in (``LATIN``, ``CJK``, ``ARABIC``),
    by their Unicode names; ``None`` for a line without letters."""
    names = Counter(unicodedata.name(c, "").split(" ")[0] for c in line if c.isalpha())
    return names.most_common(1)[0][0] if names else None


@cache
def _bare_dates() -> frozenset[str]:
    return frozenset(normalize_text(w) for w in load_spec().vocabulary.bare_date_words)


def _latin_words(line: str) -> list[str]:
    """The words of a line holding a Latin letter or digit."""
    return [w for w in line.split() if any(c.isascii() and c.isalnum() for c in w)]


def _scripts(words: list[str]) -> list[bool]:
    """Whether each word is written in Latin letters; a word without letters (a number, a
    range) takes the script of the word before it (the first word's, of the first word
    with letters)."""
    own = [
        any(c.isascii() and c.isalpha() for c in w) if any(c.isalpha() for c in w) else None
        for w in words
    ]
    last = next((s for s in own if s is not None), False)
    out = []
    for script in own:
        last = last if script is None else script
        out.append(last)
    return out


def _in_two_scripts(header: str) -> Target | None:
    """``編號 Study No.``, ``性別 Sex``: a header and its translation in another script
    side by side (a header row over its English twin). The field both halves name, when
    each names the same one; or, when the first half is not recognised, the field its
    English translation in brackets after it names. A word without letters (``1``, ``٣``
    in ``الألم بعد أسبوع\nVAS 1 wk``) belongs to the half of the word before it."""
    words = header.split()
    ascii_at = _scripts(words)
    if len(words) < 2 or len(set(ascii_at)) < 2:
        return None
    cut = ascii_at.index(ascii_at[-1], 1) if ascii_at[0] != ascii_at[-1] else 0
    halves = [" ".join(words[:cut]), " ".join(words[cut:])]
    if not cut or any(ascii_at[i] != ascii_at[0] for i in range(cut)):
        return None
    if any(ascii_at[i] == ascii_at[0] for i in range(cut, len(words))):
        return None
    targets = [match_header(h) for h in halves]
    if targets[0] is None and ascii_at[-1] and _BRACKETS.fullmatch(halves[1].strip()):
        # "अध्ययन नं. (Study No.)": the English in brackets translates it; but not a date
        # alone ("नयाँ फ्र्याक्चर मिति (Date)"): the unread half says which date it is
        # (a new fracture's here), so the column's cells decide
        t = targets[1]
        return t if t is None or t.kind != "date" else None
    found = set(targets)
    if None in found:
        return None
    dates = {t for t in found if t is not None and t.kind == "date"}
    if len(found) == 2 == len(dates) and PROCEDURE_DATE in found:
        found.discard(PROCEDURE_DATE)  # "覆診日期 Date": the English names any date
    return found.pop() if len(found) == 1 else None


# The marks that end a sentence, in the scripts a form's questions are written in: a header
# holding one is a question or an instruction ("... ကို ရွေးပါ။", "Which form?").
_SENTENCE_END = re.compile(r"[?？؟။।。]")


def question_target(header: str) -> Target | None:
    """The field a sheet's header names as a form's question (:func:`_question`), for a
    header :func:`match_header` does not read; a REDCap dictionary's labels are read by
    REDCap's rules, never so."""
    return _question(header, header_text(header))


def _question(header: str, text: str) -> Target | None:
    """An online form's question as its header (``လူနာ၏ Study ID ကို ရိုက်ထည့်ပါ။``,
    ``Procedure ပြုလုပ်သည့် နေ့စွဲကို ရွေးပါ။``, ``ကုသမှု မပြုမီ နာကျင်မှု အဆင့် (VAS
    0-10) ကို ရွေးပါ။``): a sentence (it holds a mark that ends one) naming its field by
    known spellings somewhere inside it, the other words asking for it. The spellings
    found, each not inside a longer one found, decide: a date's spelling makes it a date
    column (``Procedure ... date``), an identifier's an identifier; the cement named beside
    another field of the procedure only qualifies it (``cement leakage``); a new fracture's
    level beside a treated level is the new fracture's; else the one field all name, or
    ``None``. A leak beside a treated level asks where cement leaked (:data:`LEAK_LEVEL`).
    A measure takes the one time point its other words name (``မပြုမီ``: before).
    """
    if not _SENTENCE_END.search(header) or not text:
        return None
    _, bare_text = _without_score_range(header, text)
    hits = _spellings_in(bare_text)
    if not hits:
        return None
    targets = {t.label: t for _, _, t in hits}
    chosen = _question_qualified(_question_target(targets), targets, hits, bare_text)
    if chosen is None or chosen.kind != "measure" or chosen.timepoint is not None:
        return chosen
    rest = bare_text
    for start, end, _ in sorted(hits, key=lambda h: -h[0]):
        rest = rest[:start] + " " + rest[end:]
    points = {p for w in _word_runs(rest.split()) if (p := timepoint_of(w)) is not None}
    point = points.pop() if len(points) == 1 else None
    return Target("measure", measure=chosen.measure, timepoint=point, scale=chosen.scale)


def _word_runs(words: list[str]) -> list[str]:
    """Each word and each two words side by side."""
    return [*words, *(" ".join(words[i : i + 2]) for i in range(len(words) - 1))]


def _spellings_in(text: str) -> list[tuple[int, int, Target]]:
    """Known header spellings inside ``text`` (start, end, target), each starting a word,
    a Latin one ending one too (a word in a script written without spaces may run on into
    its particles: ``နေ့စွဲကို``), none inside a longer one found."""
    hits = []
    for key, target, words in _question_spellings():
        if key not in text if words is None else any(w not in text for w in words):
            continue
        for m in _spelling_pattern(key).finditer(text):
            hits.append((m.start(), m.end(), target))
    return [
        h
        for h in hits
        if not any(o[0] <= h[0] and h[1] <= o[1] and (o[1] - o[0]) > (h[1] - h[0]) for o in hits)
    ]


@cache
def _question_spellings() -> tuple[tuple[str, Target, tuple[str, ...] | None], ...]:
    """The known spellings a question may hold, each with its words when one-letter words
    may be joined inside it (several words, one not in Latin letters: each word is then
    looked for apart), else ``None`` (the spelling is looked for whole)."""
    columns, measures, _ = _lookups()
    known = [*columns.items(), *((k, Target("measure", measure=m)) for k, m in measures.items())]
    joined = bool(load_spec().vocabulary.word_prefixes)
    out = []
    for key, target in known:
        if len(key) < 2 or key in _STOP_WORDS:
            continue
        words = key.split(" ")
        apart = joined and len(words) > 1 and any(not w[:1].isascii() for w in words[1:])
        out.append((key, target, tuple(words) if apart else None))
    return tuple(out)


@cache
def _spelling_pattern(key: str) -> re.Pattern[str]:
    """A known spelling starting a word, a Latin one ending one too; each of its words
    not in Latin letters may follow up to two of the one-letter words a language writes
    joined to the next (``vocabulary.word_prefixes``: ``מספר המטופל`` is ``מספר מטופל``)."""
    tail = r"(?![^\W_])" if key[-1].isascii() else ""
    prefixes = "".join(re.escape(p) for p in load_spec().vocabulary.word_prefixes if len(p) == 1)
    parts = []
    for word in key.split(" "):
        joined = f"(?:[{prefixes}]{{1,2}})?" if prefixes and not word[0].isascii() else ""
        parts.append(joined + re.escape(word))
    return re.compile(r"(?<!\S)" + r"\s+".join(parts) + tail)


def _question_qualified(
    chosen: Target | None,
    targets: dict[str, Target],
    hits: list[tuple[int, int, Target]],
    text: str,
) -> Target | None:
    """The field a question names, as its other words qualify it: a date named only by a
    bare date word (``תאריך``, "date") beside the visit's name is the visit's date ("On
    which date did the visit take place?"); the cement asked for in millilitres is its
    volume ("How many mL of cement?"), and in all ("in total") the session's total."""
    if chosen == PROCEDURE_DATE and VISIT.label in targets:
        dates = {normalize_text(text[a:b]) for a, b, t in hits if t.kind == "date"}
        if all(d in _bare_dates() or _without_prefixes(d) in _bare_dates() for d in dates):
            return Target("date", column="visit_date")
    if chosen is not None and chosen.label == "procedures.cement_type":
        vocabulary = load_spec().vocabulary
        units = [normalize_text(u) for u in ("ml", "cc", *vocabulary.volume_units)]
        if any(_spelling_pattern(u).search(text) for u in units):
            totals = [normalize_text(w) for w in vocabulary.total_words]
            total = any(_spelling_pattern(w).search(text) for w in totals if w)
            return Target(
                "column", "procedures", "session_cement_volume_ml" if total else "cement_volume_ml"
            )
    return chosen


def _without_prefixes(word: str) -> str:
    """``word`` without the one-letter words joined before it (``vocabulary.word_prefixes``)."""
    prefixes = tuple(p for p in load_spec().vocabulary.word_prefixes if len(p) == 1)
    while len(word) > 2 and word.startswith(prefixes):
        word = word[1:]
    return word


def _question_target(targets: dict[str, Target]) -> Target | None:
    """The one field a question's spellings name (:func:`_question`), or ``None``."""
    dates = [t for t in targets.values() if t.kind == "date"]
    if dates:
        return dates[0] if len(dates) == 1 else None
    ids = [t for t in targets.values() if t.kind == "identifier"]
    if ids:
        return ids[0] if len(ids) == 1 else None
    labels = set(targets)
    if labels == {"procedures.cement_type", "procedures.level"}:
        labels.discard("procedures.level")  # "cement in all the vertebrae together"
    if "procedures.cement_type" in labels and len(labels) > 1:
        labels.discard("procedures.cement_type")
    if {"fractures.level", "procedures.level"} <= labels:
        labels.discard("procedures.level")
    if labels == {"procedures.leakage", "procedures.level"}:
        return LEAK_LEVEL  # "if it leaked, at which level?"
    if "procedures.level" in labels and len(labels) > 1:
        # the vertebrae named beside another field only qualify it ("the cause of the
        # vertebra's fracture")
        labels.discard("procedures.level")
    measures = {targets[label].measure for label in labels if targets[label].kind == "measure"}
    if len(measures) == 1 and all(targets[label].kind == "measure" for label in labels):
        return next(targets[label] for label in labels)
    return targets[labels.pop()] if len(labels) == 1 else None


# an item's code after its questionnaire's name: ``P1``, ``Q 3``, ``item 10``, ``pregunta 5``
_ITEM_CODE = re.compile(r"(?:^| )(?:p|q|item|pregunta|frage|question)\s?(\d{1,2})$")


def questionnaire_item(header: str) -> tuple[str, int] | None:
    """The measure and item number a header names (``ODI basal P1``: odi, 1;
    ``Oswestry Q3``): a measure's name among its words and an item's code (a letter or
    word and a number up to 2 digits) at its end, or None."""
    text = normalize_text(header)
    code = _ITEM_CODE.search(text)
    if code is None or int(code.group(1)) < 1:
        return None
    _, measures, _ = _lookups()
    words = text[: code.start()].split()
    named = {
        measures[" ".join(words[i:j])]
        for i in range(len(words))
        for j in range(i + 1, len(words) + 1)
        if " ".join(words[i:j]) in measures
    }
    return (named.pop(), int(code.group(1))) if len(named) == 1 else None
