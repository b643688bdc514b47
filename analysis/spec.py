"""The declarative cohort specification in ``data_schema/cohort.yaml``, as typed objects.

This is the single source of truth for the tidy tables: column types, ranges, allowed
values, value spellings and header synonyms. Everything else reads it from here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

TABLES = ("patients", "procedures", "assessments", "fractures")
# spelling -> canonical value per declared column; the declarations never change at run time
_LOOKUPS: dict[tuple[str, str, tuple[str, ...]], dict[str, str]] = {}


# The zero of each script's digits (Arabic-Indic, Persian, Devanagari, Bengali, Gurmukhi,
# Gujarati, Odia, Tamil, Telugu, Kannada, Malayalam, Sinhala, Thai, Lao, Tibetan, Myanmar,
# Khmer, Mongolian).
_DIGIT_ZEROS = (0x0660, 0x06F0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x17E0, 0x1810)  # fmt: skip
# Digits of other scripts and the Arabic decimal and thousands separators and comma, as
# ASCII.
DIGITS = str.maketrans(
    {
        **{chr(base + i): str(i) for base in _DIGIT_ZEROS for i in range(10)},
        "\u066b": ".",
        "\u066c": ",",
        "\u060c": ",",
    }
)
# the Arabic definite article joined to a word of three letters or more
_ARABIC_ARTICLE = re.compile(r"(?<![\u0600-\u06ff])\u0627\u0644(?=[\u0600-\u06ff]{3,})")
_PLURAL_MARK = re.compile(r"(?<=\w)\((?:es|y|e|en|n|i|a|er|ies|x|ów|ы|и)\)")


def same_stem(a: str, b: str) -> bool:
    """Two words of four letters or more alike but for an inflected or added ending
    (``nowego`` and ``nowe``, ``złamania`` and ``złamanie``, ``Volumen`` and ``volume``);
    never a word and a longer other word (``extra``, ``extravasation``)."""
    n = min(len(a), len(b))
    if n < 4 or abs(len(a) - len(b)) > 3:
        return False
    k = 0
    while k < n and a[k] == b[k]:
        k += 1
    return k >= max(4, n - 2)


# Devanagari to Sinhala, and Myanmar: scripts whose vowel signs are marks inside a word
_INDIC, _INDIC_END = "\u0900", "\u0dff"
_MYANMAR, _MYANMAR_END = "\u1000", "\u109f"


def _in_brahmic(c: str) -> bool:
    return _INDIC <= c <= _INDIC_END or _MYANMAR <= c <= _MYANMAR_END


_NUMERO = re.compile(r"(?<![^\W\d_])n°")


def normalize_text(text: object) -> str:
    """Lower-case, turn punctuation into spaces and collapse whitespace.

    ``"VAS pain | Pre-op"`` becomes ``"vas pain pre op"`` and ``"Höhe"`` ``"hohe"``
    (accents folded, letters of any script kept); used to match headers and coded
    values against their declared spellings.
    """
    s = unicodedata.normalize("NFKD", str(text).strip().translate(DIGITS)).casefold()
    # accents folded (prä-op -> pra op); the vowel signs and viramas of Indic scripts are
    # letters of their words (উ, মাস), kept
    s = "".join(c for c in s if not unicodedata.combining(c) or _in_brahmic(c))
    # Turkish dotless ı folded like an accent: "KIRIK" (upper case) and "kırık" are one word
    s = s.replace("ı", "i").replace("_", " ").replace("(s)", "s")
    s = _NUMERO.sub("no", s)  # "N°" is the numero sign as "Nº" and "№" are (both "no")
    s = _PLURAL_MARK.sub("", s)  # "Poziom(y)", "Höhe(n)", "livello(i)": the word itself
    s = re.sub(r"[^\w\u0900-\u0dff\u1000-\u1049\u1050-\u109f+#/.]+", " ", s)
    # trailing dots/slashes of abbreviations, in any script ("Nr.", "Год.", "მდედრ.")
    s = re.sub(r"(?<=[^\W\d_])[./]+(?=\s|$)", " ", s)
    s = _ARABIC_ARTICLE.sub("", s)  # "التاريخ" is "تاريخ" with the article: one word
    return re.sub(r"\s+", " ", s).strip()


@dataclass(frozen=True)
class ColumnSpec:
    """One tidy column as declared in the schema file."""

    table: str
    name: str
    type: str
    required: bool = False
    min: float | None = None
    max: float | None = None
    allowed: tuple[str, ...] = ()
    values: dict[str, tuple[str, ...]] = field(default_factory=dict)
    synonyms: tuple[str, ...] = ()
    description: str = ""
    ordered: bool = False
    partly_known: bool = False  # level columns: ``L?`` (region only) or ``?`` accepted

    def value_lookup(self) -> dict[str, str]:
        """Map every declared spelling (normalised) to its canonical value."""
        key = (self.table, self.name, self.allowed)
        if key not in _LOOKUPS:
            lookup = {normalize_text(v): v for v in self.allowed}
            for canonical, spellings in self.values.items():
                for s in spellings:
                    lookup[normalize_text(s)] = canonical
            _LOOKUPS[key] = lookup
        return _LOOKUPS[key]


@dataclass(frozen=True)
class MeasureSpec:
    """An outcome measure of the assessments table and its declared scale."""

    name: str
    min: float
    max: float
    integer: bool = False
    scales: dict[str, float] = field(default_factory=dict)
    synonyms: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class CodeReading:
    """What a column's codes mean in one language, and the header words that say a
    column is written in it (Dutch: ``M`` man, ``V`` vrouw, under ``Geslacht``)."""

    language: str
    read: dict[str, str]
    headers: tuple[str, ...] = ()
    # words of the sheet's other headers that say it is written in this language
    # (``Leeftijd``, ``Oorzaak``: Dutch), for a column whose own header does not say
    sheet_words: tuple[str, ...] = ()


@dataclass(frozen=True)
class LanguageCodes:
    """Codes whose meaning turns on the language they are written in (``M`` and ``V``:
    man and vrouw in Dutch, moteris and vyras in Lithuanian): each language's reading."""

    when: frozenset[str]
    readings: tuple[CodeReading, ...]


@dataclass(frozen=True)
class TableSpec:
    name: str
    description: str
    key: tuple[str, ...]
    columns: dict[str, ColumnSpec]


@dataclass(frozen=True)
class Vocabulary:
    """The grammar of ``data_schema/vocabulary.yaml`` beyond column spellings: time-point
    words and units, visit headers, sheet roles, second-session prefixes, number suffixes."""

    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    after_is: str = "24h"
    # time points by the day of a dated measurement: nominal days, window, days before
    nominal_days: dict[str, int] = field(default_factory=dict)
    day_window: float = 0.0
    before_days: int = 0
    too_early: float = 0.0  # a visit dated before this share of its nominal day
    fillers: tuple[str, ...] = ()
    # words naming the row's own visit in a measure's header ("Pain score now")
    now: tuple[str, ...] = ()
    units: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # letters naming a unit only before a plus and its number ("S+6": semaine, a week)
    plus_units: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # notations of visits as a letter glued to a number ("J1", "S6", "M3": jour, semaine,
    # mois), each letter to its unit; a letter no unit of its own is read only beside the
    # notation's other letters
    series_units: tuple[dict[str, str], ...] = ()
    visit_headers: tuple[str, ...] = ()
    sheet_roles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    second_session_words: tuple[str, ...] = ()
    second_session_prefixes: tuple[str, ...] = ()
    second_session_context: tuple[str, ...] = ()
    # words for "after" beside a second session's name ("2차 시술 후 VAS": VAS after the
    # second procedure): the session's scores, the word no part of the field
    second_session_after: tuple[str, ...] = ()
    number_suffixes: tuple[str, ...] = ()
    # a unit written before a number ("miaka 73"); a measure's name before a score is read
    # by that measure's column only
    number_prefixes: tuple[str, ...] = ()
    # spellings of millilitres in a header ("Цимент (мл)", "Ցեմենտ (մլ)"), beside ml and cc
    volume_units: tuple[str, ...] = ()
    # a calendar's era mark in a date column's header ("मिति (वि.सं.)", "วันที่ (พ.ศ.)")
    calendar_marks: tuple[str, ...] = ()
    # spellings of millimetres in a pain header ("ВАШ, мм"), beside mm: a 0-100 scale
    millimetre_units: tuple[str, ...] = ()
    # a score's unit written in its header ("ВАШ, баллы", "VAS (points)"): not the measure's name
    score_units: tuple[str, ...] = ()
    level_regions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    level_noise: tuple[str, ...] = ()
    # a treated level's cell naming its region in words or that it is a further level of
    # the session ("Lumbar L1", "add-on T7", "T12 (addl level)")
    level_region_names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # a vertebra's rank in its region written as an ordinal word before the region's name
    # ("duodécima dorsal": T12), by number
    level_ordinals: dict[int, tuple[str, ...]] = field(default_factory=dict)
    further_level_words: tuple[str, ...] = ()
    and_words: tuple[str, ...] = ()
    and_prefixes: tuple[str, ...] = ()  # "and" joined to the next word (Arabic و)
    # one-letter words a language writes joined to the next word (Hebrew ה "the", ב "in"):
    # a form's question may name a field's spelling with one or two of them before a word
    word_prefixes: tuple[str, ...] = ()
    each_words: tuple[str, ...] = ()  # one volume for every level named ("2.5 ml each")
    per_vertebra_words: tuple[str, ...] = ()  # a header's "por nivel": each vertebra's value
    birth_year_headers: tuple[str, ...] = ()  # a year of birth: the age derived from it
    # words that deny what follows in a remark ("sin nueva fractura", "no new fracture")
    negation_words: tuple[str, ...] = ()
    not_augmentation: tuple[str, ...] = ()
    total_row_words: tuple[str, ...] = ()  # "Total" leading a table's totals row, not data
    record_words: tuple[str, ...] = ()
    bare_date_words: tuple[str, ...] = ()  # "Date", "日期": a date that does not say which
    icd10_etiology: dict[str, tuple[str, ...]] = field(default_factory=dict)
    content_fields: tuple[str, ...] = ()
    study_words: tuple[str, ...] = ()
    date_switch: dict[str, str] = field(default_factory=dict)
    ditto: tuple[str, ...] = ()
    # words pointing to another row for a cell's value ("voir CK-016b": see that row's)
    see_words: tuple[str, ...] = ()
    same_as_before: tuple[str, ...] = ()  # "同前": the patient's earlier entry's value
    # words of a cell's comment before the cell's corrected value ("corrected to T11")
    correction_words: tuple[str, ...] = ()
    # words setting a comment's value against the cell's ("L2, not L3": L2 is right)
    correction_negations: tuple[str, ...] = ()
    # words saying a volume is the session's total ("укупно 8,5", "11.5 mls total")
    total_words: tuple[str, ...] = ()
    # words opening the label of a summary row under a table ("Mean (n=23)"; totals too)
    summary_rows: tuple[str, ...] = ()
    # headers of a column naming each row's event in a log of events after the procedure
    event_headers: tuple[str, ...] = ()
    # a word alone on a card table's first row saying the table has no rows ("Aucune")
    empty_table_words: tuple[str, ...] = ()
    # words saying how a leak went, naming no site ("epidural, asymptomatic")
    leak_details: tuple[str, ...] = ()
    # a new fracture in clinical shorthand, a sign for the fracture ("New # L3 on X-ray"),
    # matched on the text as written (folded case and spaces), the sign kept
    fracture_shorthand: tuple[str, ...] = ()
    # words naming a row's other levels in a cell naming some by level ("L1: disc, the
    # rest none", "L1:椎間盤，其餘無"): said to have had none
    other_levels: tuple[str, ...] = ()
    not_assessed: tuple[str, ...] = ()
    brand_names: tuple[str, ...] = ()  # names of products, never inflected ("Biopex")
    month_names: dict[int, tuple[str, ...]] = field(default_factory=dict)
    buddhist_months: tuple[str, ...] = ()
    # month names of the Solar Hijri calendar ("قوس"): their year must be a Solar Hijri year
    solar_hijri_months: tuple[str, ...] = ()
    # calendars other than the Gregorian by the marks naming them in a header or a note
    # ("ቀን (Date, E.C.)": the Ethiopian); the column's dates as text are of that calendar
    calendars: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # month names of the Ethiopian calendar by number (Pagume the 13th): a date written
    # with one is of that calendar
    ethiopian_months: dict[int, tuple[str, ...]] = field(default_factory=dict)
    # the headers of a date written in three columns (day | month | year under one date
    # header); the three names together head a date ("Tag/Monat/Jahr")
    date_parts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    ordinals: dict[int, tuple[str, ...]] = field(default_factory=dict)
    # numbers written as words in a time point ("VAS یک ماه": one month)
    number_words: dict[int, tuple[str, ...]] = field(default_factory=dict)
    unit_twins: dict[str, dict[str, str]] = field(default_factory=dict)
    not_cohort_headers: tuple[str, ...] = ()
    # the headers of a column naming the vertebrae cement leaked at ("Leak level")
    leak_level_headers: tuple[str, ...] = ()
    # the headers of a form's submission time (Google Forms' "Timestamp"), and the words
    # of a clock's two halves of the day in it ("오전" am, "오후" pm)
    submission_time_headers: tuple[str, ...] = ()
    half_days: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # a legend's name for codes that hold in every column ("Tous | 99 | non fait")
    legend_every_column: tuple[str, ...] = ()
    # field -> conventions, each (codes that must all be present, reading of each code)
    value_conventions: dict[str, tuple[tuple[frozenset[str], dict[str, str]], ...]] = field(
        default_factory=dict
    )
    # field -> the value a lone dash reads as in a column whose other cells are words of
    # the field (a leakage column of sites and "none": the dash is the unit's short none)
    dash_beside_words: dict[str, str] = field(default_factory=dict)
    # field -> codes read by the language of the column's header, never guessed
    language_codes: dict[str, tuple[LanguageCodes, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class CohortSpec:
    """Everything declared in ``data_schema/cohort.yaml``."""

    tables: dict[str, TableSpec]
    measures: dict[str, MeasureSpec]
    date_columns: dict[str, tuple[str, ...]]
    identifiers: dict[str, tuple[str, ...]]
    missing_tokens: frozenset[str]
    true_tokens: frozenset[str]
    false_tokens: frozenset[str]
    vocabulary: Vocabulary = field(default_factory=lambda: Vocabulary())

    def column(self, table: str, name: str) -> ColumnSpec:
        return self.tables[table].columns[name]

    @property
    def timepoints(self) -> tuple[str, ...]:
        """Ordered assessment time points."""
        return self.column("assessments", "timepoint").allowed


def _column(table: str, name: str, raw: dict[str, Any]) -> ColumnSpec:
    values = {str(k): tuple(str(s) for s in v) for k, v in (raw.get("values") or {}).items()}
    return ColumnSpec(
        table=table,
        name=name,
        type=str(raw["type"]),
        required=bool(raw.get("required", False)),
        min=raw.get("min"),
        max=raw.get("max"),
        allowed=tuple(str(a) for a in raw.get("allowed", ())),
        values=values,
        synonyms=tuple(str(s) for s in raw.get("synonyms", ())),
        description=str(raw.get("description", "")).strip(),
        ordered=bool(raw.get("ordered", False)),
        partly_known=bool(raw.get("partly_known", False)),
    )


_TRANSLITERATED = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
)


def _strings(items: Any) -> list[str]:
    """The words as text, each German word with umlauts also as typed without them
    (``präop`` and ``praeop``, ``Höhe`` and ``Hoehe``), as system exports write them."""
    out = []
    for x in items or ():
        text = str(x)
        out.append(text)
        ascii_form = text.translate(_TRANSLITERATED)
        if ascii_form != text:
            out.append(ascii_form)
    return out


def merge_vocabulary(raw: dict[str, Any], words: dict[str, Any]) -> dict[str, Any]:
    """``cohort.yaml``'s mapping with the spellings of ``vocabulary.yaml`` added (header
    synonyms, value spellings, cement brands, date and identifier headers, missing
    markers, yes/no words); a copy, the inputs are left as they are."""
    import copy

    out = copy.deepcopy(raw)
    extend = dict(words.get("extend") or {})
    brands = words.get("cement_brands") or {}
    if brands:
        extend.setdefault("procedures.cement_type", {}).setdefault("values", {})
        for canonical, names in brands.items():
            values = extend["procedures.cement_type"]["values"]
            values[canonical] = _strings(values.get(canonical)) + _strings(names)
    for target, more in extend.items():
        table, _, column = target.partition(".")
        col = out["tables"][table]["columns"][column]
        col["synonyms"] = _strings(col.get("synonyms")) + _strings(more.get("synonyms"))
        for canonical, spellings in (more.get("values") or {}).items():
            if canonical not in col.get("allowed", ()):
                raise ValueError(f"vocabulary: '{canonical}' is not a value of {target}")
            values = col.setdefault("values", {})
            values[canonical] = _strings(values.get(canonical)) + _strings(spellings)
    for key in ("date_columns", "identifiers"):
        for kind, names in (words.get(key) or {}).items():
            out[key][kind] = _strings(out[key].get(kind)) + _strings(names)
    for measure, names in (words.get("measures") or {}).items():
        entry = out["measures"][measure]
        entry["synonyms"] = _strings(entry.get("synonyms")) + _strings(names)
    out["missing_tokens"] = _strings(out["missing_tokens"]) + _strings(words.get("missing_tokens"))
    for truth, names in (words.get("booleans") or {}).items():
        out["booleans"][truth] = _strings(out["booleans"][truth]) + _strings(names)
    return out


def _vocabulary(words: dict[str, Any]) -> Vocabulary:
    tp = words.get("timepoints") or {}
    second = words.get("second_session") or {}
    return Vocabulary(
        before=tuple(_strings(tp.get("before"))),
        after=tuple(_strings(tp.get("after"))),
        after_is=str(tp.get("after_is", "24h")),
        nominal_days={
            str(k): int(v) for k, v in ((tp.get("by_day") or {}).get("nominal") or {}).items()
        },
        day_window=float((tp.get("by_day") or {}).get("window", 0.0)),
        before_days=int((tp.get("by_day") or {}).get("before_days", 0)),
        too_early=float((tp.get("by_day") or {}).get("too_early", 0.0)),
        fillers=tuple(_strings(tp.get("fillers"))),
        now=tuple(_strings(tp.get("now"))),
        units={str(k): tuple(_strings(v)) for k, v in (tp.get("units") or {}).items()},
        plus_units={str(k): tuple(_strings(v)) for k, v in (tp.get("plus_units") or {}).items()},
        series_units=tuple(
            {str(k).lower(): str(v) for k, v in series.items()}
            for series in tp.get("series_units") or ()
        ),
        visit_headers=tuple(_strings(tp.get("visit_headers"))),
        sheet_roles={
            str(k): tuple(_strings(v)) for k, v in (words.get("sheet_roles") or {}).items()
        },
        second_session_words=tuple(_strings(second.get("words"))),
        second_session_prefixes=tuple(_strings(second.get("prefixes"))),
        second_session_context=tuple(_strings(second.get("context"))),
        second_session_after=tuple(_strings(second.get("after"))),
        number_suffixes=tuple(_strings(words.get("number_suffixes"))),
        number_prefixes=tuple(_strings(words.get("number_prefixes"))),
        volume_units=tuple(_strings(words.get("volume_units"))),
        calendar_marks=tuple(_strings(words.get("calendar_marks"))),
        millimetre_units=tuple(_strings(words.get("millimetre_units"))),
        score_units=tuple(_strings(words.get("score_units"))),
        level_regions={
            str(k): tuple(_strings(v)) for k, v in (words.get("level_regions") or {}).items()
        },
        level_noise=tuple(_strings(words.get("level_noise"))),
        level_region_names={
            str(k): tuple(_strings(v)) for k, v in (words.get("level_region_names") or {}).items()
        },
        level_ordinals={
            int(k): tuple(_strings(v)) for k, v in (words.get("level_ordinals") or {}).items()
        },
        further_level_words=tuple(_strings(words.get("further_level_words"))),
        and_words=tuple(_strings(words.get("and_words"))),
        and_prefixes=tuple(_strings(words.get("and_prefixes"))),
        word_prefixes=tuple(_strings(words.get("word_prefixes"))),
        each_words=tuple(_strings(words.get("each_words"))),
        per_vertebra_words=tuple(_strings(words.get("per_vertebra_words"))),
        birth_year_headers=tuple(_strings(words.get("birth_year_headers"))),
        negation_words=tuple(_strings(words.get("negation_words"))),
        not_augmentation=tuple(_strings(words.get("not_augmentation"))),
        total_row_words=tuple(_strings(words.get("total_row_words"))),
        record_words=tuple(_strings(words.get("record_words"))),
        bare_date_words=tuple(_strings(words.get("bare_date_words"))),
        content_fields=tuple(_strings(words.get("content_fields"))),
        study_words=tuple(_strings(words.get("study_words"))),
        date_switch={str(k): str(v) for k, v in (words.get("date_switch") or {}).items()},
        ditto=tuple(_strings(words.get("ditto"))),
        see_words=tuple(_strings(words.get("see_words"))),
        same_as_before=tuple(_strings(words.get("same_as_before"))),
        correction_words=tuple(_strings(words.get("correction_words"))),
        correction_negations=tuple(_strings(words.get("correction_negations"))),
        total_words=tuple(_strings(words.get("total_words"))),
        summary_rows=tuple(_strings(words.get("summary_rows"))),
        event_headers=tuple(_strings(words.get("event_headers"))),
        empty_table_words=tuple(_strings(words.get("empty_table_words"))),
        leak_details=tuple(_strings(words.get("leak_details"))),
        fracture_shorthand=tuple(_strings(words.get("fracture_shorthand"))),
        other_levels=tuple(_strings(words.get("other_levels"))),
        not_assessed=tuple(_strings(words.get("not_assessed"))),
        brand_names=tuple(
            n for names in (words.get("cement_brands") or {}).values() for n in _strings(names)
        ),
        month_names={
            int(k): tuple(_strings(v)) for k, v in (words.get("month_names") or {}).items()
        },
        buddhist_months=tuple(_strings(words.get("buddhist_months"))),
        solar_hijri_months=tuple(_strings(words.get("solar_hijri_months"))),
        calendars={str(k): tuple(_strings(v)) for k, v in (words.get("calendars") or {}).items()},
        ethiopian_months={
            int(k): tuple(_strings(v)) for k, v in (words.get("ethiopian_months") or {}).items()
        },
        date_parts={str(k): tuple(_strings(v)) for k, v in (words.get("date_parts") or {}).items()},
        ordinals={int(k): tuple(_strings(v)) for k, v in (words.get("ordinals") or {}).items()},
        number_words={
            int(k): tuple(_strings(v)) for k, v in (words.get("number_words") or {}).items()
        },
        not_cohort_headers=tuple(_strings(words.get("not_cohort_headers"))),
        leak_level_headers=tuple(_strings(words.get("leak_level_headers"))),
        submission_time_headers=tuple(_strings(words.get("submission_time_headers"))),
        half_days={str(k): tuple(_strings(v)) for k, v in (words.get("half_days") or {}).items()},
        legend_every_column=tuple(_strings(words.get("legend_every_column"))),
        unit_twins={
            str(k): {str(u): str(t) for u, t in v.items()}
            for k, v in (words.get("unit_twins") or {}).items()
        },
        value_conventions={
            str(label): tuple(_convention(c) for c in conventions)
            for label, conventions in (words.get("value_conventions") or {}).items()
        },
        dash_beside_words={
            str(k): str(v) for k, v in (words.get("dash_beside_words") or {}).items()
        },
        language_codes={
            str(label): tuple(_language_codes(c) for c in entries)
            for label, entries in (words.get("language_codes") or {}).items()
        },
        icd10_etiology={
            str(k): tuple(_strings(v)) for k, v in (words.get("icd10_etiology") or {}).items()
        },
    )


def _convention(raw: dict[str, Any]) -> tuple[frozenset[str], dict[str, str]]:
    return frozenset(str(w) for w in raw["when"]), {str(k): str(v) for k, v in raw["read"].items()}


def _language_codes(raw: dict[str, Any]) -> LanguageCodes:
    readings = tuple(
        CodeReading(
            str(r["language"]),
            {str(k): str(v) for k, v in r["read"].items()},
            tuple(_strings(r.get("headers"))),
            tuple(_strings(r.get("sheet_words"))),
        )
        for r in raw["readings"]
    )
    return LanguageCodes(frozenset(str(w) for w in raw["when"]), readings)


def parse_spec(raw: dict[str, Any], words: dict[str, Any] | None = None) -> CohortSpec:
    """Build a :class:`CohortSpec` from the parsed YAML mapping of ``cohort.yaml`` and,
    when given, of ``vocabulary.yaml``."""
    if words:
        raw = merge_vocabulary(raw, words)
    tables = {}
    for tname, traw in raw["tables"].items():
        cols = {cname: _column(tname, cname, craw) for cname, craw in traw["columns"].items()}
        tables[tname] = TableSpec(
            tname, str(traw.get("description", "")).strip(), tuple(traw["key"]), cols
        )
    measures = {
        m: MeasureSpec(
            name=m,
            min=float(r["min"]),
            max=float(r["max"]),
            integer=bool(r.get("integer", False)),
            scales={str(k): float(v) for k, v in (r.get("scales") or {}).items()},
            synonyms=tuple(r.get("synonyms", ())),
            description=str(r.get("description", "")),
        )
        for m, r in raw["measures"].items()
    }
    bools = raw["booleans"]
    return CohortSpec(
        tables=tables,
        measures=measures,
        date_columns={k: tuple(v) for k, v in raw["date_columns"].items()},
        identifiers={k: tuple(v) for k, v in raw["identifiers"].items()},
        missing_tokens=frozenset(str(t).strip().lower() for t in raw["missing_tokens"]),
        true_tokens=frozenset(str(t).lower() for t in bools["true"]),
        false_tokens=frozenset(str(t).lower() for t in bools["false"]),
        vocabulary=_vocabulary(words or {}),
    )


def read_yaml(text: str) -> Any:
    """``yaml.safe_load``, by libyaml's parser where PyYAML has it (the same values,
    several times faster on the schema's files)."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@cache
def load_spec() -> CohortSpec:
    """Read and cache the cohort specification shipped with the package."""
    folder = resources.files("analysis").joinpath("data_schema")
    raw = read_yaml(folder.joinpath("cohort.yaml").read_text("utf-8"))
    words = read_yaml(folder.joinpath("vocabulary.yaml").read_text("utf-8"))
    more = sorted(
        (
            f
            for f in folder.iterdir()
            if f.name.startswith("vocabulary-") and f.name.endswith(".yaml")
        ),
        key=lambda f: f.name,
    )
    for extra in more:
        words = _merged(words, read_yaml(extra.read_text("utf-8")) or {})
    return parse_spec(raw, words)


def _merged(base: Any, more: Any) -> Any:
    """``more`` added to ``base``: lists extended, mappings merged key by key."""
    if isinstance(base, dict) and isinstance(more, dict):
        out = dict(base)
        for key, value in more.items():
            out[key] = _merged(base[key], value) if key in base else value
        return out
    if isinstance(base, list) and isinstance(more, list):
        return base + [x for x in more if x not in base]
    return more
