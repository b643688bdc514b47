"""Finding the header of a clinician's sheet: title lines, two-row headers, merged cells.

Beyond one field per column, a sheet may spread one session's vertebrae over numbered
columns (``Level 1``, ``Volume 1``, ``Level 2``, ``Volume 2``: the volume beside a level
is that vertebra's) and carry a second session in columns of its own (``Repeat date``,
``Repeat level``, ``Repeat VAS pre``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from functools import cache

from analysis.config import LoadOptions
from analysis.io import RawSheet
from analysis.levels import LevelError, parse_levels
from analysis.normalize import Target, is_missing, match_header, parse_date_column
from analysis.normalize.cells import CellError, fold_width, parse_volume
from analysis.normalize.content import SAMPLE, ColumnFit, column_fit, is_typed
from analysis.normalize.headers import (
    LEVEL_DATE,
    VISIT,
    header_candidates,
    header_text,
    header_unit,
)
from analysis.normalize.timepoints import segment
from analysis.problems import Problem, column_letter, column_named, sheet_problem
from analysis.spec import load_spec, normalize_text

MAX_HEADER_SEARCH = 20


# A column is switched to another field only when its values clearly say so.
SWITCH_BELOW = 0.5  # fit of the header's own field under which its values contradict it
SWITCH_ABOVE = 0.8  # fit another candidate field needs to take the column over
ACCEPT_FIT = 0.6  # fit a field named only partly by the header needs
CONTENT_ONLY = 0.9  # fit a distinctive field needs when the header names nothing known
SWITCH_HEADER = 0.5  # header score another field needs to take a column over


@dataclass(frozen=True)
class HeaderColumn:
    """One input column: 1-based index, header text as shown, and how it is read.

    ``confidence`` is 1 for a header named in the mapping file, otherwise the mean of the
    header score and the share of values that parse under the chosen field's rule (the
    header score alone where the values give no evidence). ``n_values`` and ``n_parsed``
    count the sampled non-missing cells and those that parse. ``reason`` says how the
    reading was decided.
    """

    index: int
    header: str
    target: Target | None
    confidence: float = 0.0
    n_values: int = 0
    n_parsed: int = 0
    reason: str = ""
    slot: int = 0  # "Level 2", "Volume 2": the second vertebra of the session (0: none)
    session: int = 1  # "Repeat level", "2nd procedure date": a second session on the row
    date_order: str | None = None  # a mapping file's day/month order for this column

    @property
    def letter(self) -> str:
        return column_letter(self.index)


@dataclass(frozen=True)
class SheetLayout:
    """Where the data of a sheet starts and what each column holds."""

    header_row: int  # last header row (1-based); data starts below it
    columns: tuple[HeaderColumn, ...]
    problems: tuple[Problem, ...] = ()  # one per column read against its header

    @property
    def first_data_row(self) -> int:
        return self.header_row + 1


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _group_row(sheet: RawSheet, row: int, width: int) -> list[str]:
    """The cells of ``row`` with horizontally merged group labels spread over their span."""
    if row < 1:
        return [""] * width
    cells = sheet.rows[row - 1]
    out = [_text(cells[i]) if i < len(cells) else "" for i in range(width)]
    for r0, c0, r1, c1 in sheet.merged:
        if r0 <= row <= r1 and c1 > c0:
            label = _text(sheet.rows[r0 - 1][c0 - 1]) if r0 == row else out[c0 - 1]
            for c in range(c0, min(c1, width) + 1):
                out[c - 1] = label
    return out


def _mapped(text: str, mapping: dict[str, object]) -> bool:
    key = normalize_text(text)
    return bool(key) and any(normalize_text(k) == key for k in mapping)


def _header_texts(sheet: RawSheet, row: int, width: int) -> list[list[str]]:
    """For each column, the header texts to try: group and sub-header joined, then alone."""
    sub = _group_row(sheet, row, width)
    group = _group_row(sheet, row - 1, width)
    # a CSV, or a workbook whose merges were not kept, whose row here reads as a second
    # header row (text only: a data row holds numbers, levels or dates)
    unmerged = not sheet.merged and _header_like(sheet, row)
    if unmerged:
        group = _spread_groups(group, sub)
    shared = max((group.count(g) for g in set(group) if g), default=0)
    if width >= 4 and shared >= 0.8 * width:
        group = [""] * width  # a title merged across the sheet, not a group of columns
    texts = []
    for i in range(width):
        vertical = unmerged or any(
            r0 == row - 1 and r1 >= row and c0 <= i + 1 <= c1 for r0, c0, r1, c1 in sheet.merged
        )
        if not sub[i] and group[i] and vertical:
            texts.append([group[i]])  # a header merged vertically over both rows
        elif group[i] and sub[i]:
            texts.append([f"{group[i]} {sub[i]}".strip(), sub[i]])
        else:
            texts.append([sub[i]])
    return texts


def _header_like(sheet: RawSheet, row: int) -> bool:
    """Whether a row reads as a header row: text only, none of it a number, a volume or
    a vertebral level (a data row's cells)."""
    cells = [c for c in sheet.rows[row - 1] if c is not None and str(c).strip()] if row >= 1 else []
    return bool(cells) and all(isinstance(c, str) and not _value_like(c.strip()) for c in cells)


def _value_like(text: str) -> bool:
    if _NUMERIC_TEXT.match(text) or _LEVEL_TEXT.match(text):
        return True
    try:
        parse_levels(text)
        return True
    except LevelError:
        pass
    try:
        parse_volume(text)
        return True
    except CellError:
        return False


_NUMERIC_TEXT = re.compile(r"^[+-]?[\d.,/:\s-]+$")
_LEVEL_TEXT = re.compile(r"^(?:th|[ctlsd])\s*\d{1,2}$", re.I)


def _spread_groups(group: list[str], sub: list[str]) -> list[str]:
    """A two-row header saved without its merges (a workbook saved as CSV): a group label
    stands over the first of its columns and blanks over the rest, so it is spread to the
    right over the blanks above sub-headers until the next label or a column headed in
    the group row alone."""
    out = list(group)
    for i in range(1, len(out)):
        if not out[i] and sub[i] and out[i - 1] and sub[i - 1]:
            out[i] = out[i - 1]
    return out


# Procedure fields that a sheet may repeat per vertebra ("Level 1", "Volume 1", "Level 2" ...).
_SLOT_FIELDS = frozenset(
    {
        "procedures.level",
        "procedures.cement_volume_ml",
        "procedures.cement_type",
        "procedures.leakage",
        "procedures.technique",
        "procedures.approach",
        "procedures.cleft",
    }
)
_SLOT = re.compile(
    r"^(?P<rest>.+?)\s*(?:#|no\s*)?\(?(?P<n>[1-9])\)?$|^(?P<n2>[1-9])(?:st|nd|rd|th)?\s+(?P<rest2>.+)$"
)


@cache
def _second_session_words() -> tuple[tuple[str, ...], tuple[str, ...], frozenset[str]]:
    vocab = load_spec().vocabulary
    words = sorted({segment(w) for w in vocab.second_session_words}, key=len, reverse=True)
    prefixes = sorted(vocab.second_session_prefixes, key=len, reverse=True)
    return (
        tuple(words),
        tuple(prefixes),
        frozenset(segment(w) for w in vocab.second_session_context),
    )


def _after_second_session(text: str) -> str:
    """What a header says after the words that put it in a second session (``Repeat``,
    ``2. Eingriff``, ``Re-VP``, ``再手術``), without words that only say "procedure";
    ``""`` when it names no second session."""
    words, prefixes, context = _second_session_words()
    seg = segment(re.sub(r"\b(ml|mls|cc|cm3)\b", " ", header_text(text)))
    rest = ""
    tokens = seg.split()
    for k in range(len(tokens) - 1):
        if tokens[k] in ("2", "ii", "2nd") and tokens[k + 1] in context and len(tokens) > 2:
            # "2. İŞLEM Tarih", "Data 2° intervento", "Livelli 2° int.": a numbered procedure
            rest_words = [*tokens[:k], *tokens[k + 2 :]]
            seg = "second " + " ".join(rest_words)
            break
    for w in words:
        if seg.startswith(w + " "):
            rest = seg[len(w) + 1 :]
            break
    else:
        raw = str(text).strip()
        for p in prefixes:
            if raw.startswith(p) and len(raw) > len(p):
                rest = segment(raw[len(p) :])
                break
    kept = [w for w in rest.split() if w not in context]
    return " ".join(kept) if kept else ""


_CHECKBOX = re.compile(r"___\d+$")


def _slot_target(text: str, mapping: dict[str, object]) -> tuple[Target, int, int] | None:
    """``Level 2`` -> (level, slot 2, session 1); ``Repeat level`` -> (level, 0, session 2);
    ``Repeat VAS pre`` -> (pain at pre, 0, session 2)."""
    if _CHECKBOX.search(str(text)):
        return None  # a REDCap checkbox (leak___2): a choice, not a second vertebra
    norm = re.sub(r"\s+", " ", re.sub(r"\b(ml|mls|cc|cm3)\b", " ", header_text(text))).strip()
    ordinal = re.match(r"^(?:2nd|second)\s+(?P<rest>.+)$", norm)
    vertebra = match_header(ordinal["rest"], mapping) if ordinal else None
    if vertebra is not None and vertebra.label in _SLOT_FIELDS - {"procedures.technique"}:
        return vertebra, 2, 1  # "2nd level", "second volume": the session's second vertebra
    rest = _after_second_session(text)
    if rest:
        return _second_session(rest, mapping)
    m = _SLOT.match(norm)
    if not m:
        return None
    rest, n = (m["rest"], m["n"]) if m["rest"] else (m["rest2"], m["n2"])
    found = match_header(rest, mapping) or _slot_field(rest)
    if found is None or found.label not in _SLOT_FIELDS:
        return None
    return found, int(n), 1


def _date_field(rest: str) -> Target | None:
    """The procedure date a header names in part (``Datum`` after ``2. Eingriff``)."""
    ranked = header_candidates(rest)
    if ranked and ranked[0][1] >= 0.5 and ranked[0][0].label == "date:procedure_date":
        return ranked[0][0]
    return None


def _slot_field(rest: str) -> Target | None:
    """The per-vertebra field a numbered header names in part (``Volume niv. 1``)."""
    ranked = header_candidates(rest)
    if ranked and ranked[0][1] >= 0.5 and ranked[0][0].label in _SLOT_FIELDS:
        return ranked[0][0]
    return None


def _second_session(rest: str, mapping: dict[str, object]) -> tuple[Target, int, int] | None:
    inner = _slot_target(rest, mapping)
    if inner is None:
        plain = match_header(rest, mapping) or _slot_field(rest) or _date_field(rest)
        inner = None if plain is None else (plain, 0, 1)
    if inner is None:
        return None
    target, slot, _ = inner
    per_session = target.label in _SLOT_FIELDS or target.label == "date:procedure_date"
    if per_session or (target.kind == "measure" and target.timepoint is not None):
        return target, slot, 2
    return None


def _candidates(sheet: RawSheet, row: int, mapping: dict[str, object]) -> list[HeaderColumn]:
    width = max((len(r) for r in sheet.rows[: row + 1]), default=0)
    columns = [
        HeaderColumn(i + 1, *_read_header(options, mapping))
        for i, options in enumerate(_header_texts(sheet, row, width))
    ]
    return _fracture_block(_second_session_block(columns))


# A header's reading, in the order of HeaderColumn's fields after the index: shown text,
# target, confidence, values and parsed (counted later), reason, slot, session.
_Reading = tuple[str, Target | None, float, int, int, str, int, int]


def _read_header(options: list[str], mapping: dict[str, object]) -> _Reading:
    """How one header reads (:data:`_Reading`).

    In order: a header named in the mapping file; the group and sub-header together
    (``VAS`` over ``pre``, ``2. Eingriff`` over ``Datum``); the sub-header alone, read in
    its group's light (``New fracture`` over ``Level``: the new fracture's level); then
    the words of the sub-header (a group's words are context, not the field).
    """
    joined = options[0] if len(options) > 1 else ""
    sub = options[-1]
    group = joined[: len(joined) - len(sub)].strip() if joined else ""
    for text in options:
        if text and _mapped(text, mapping):
            return _header_reading(text, match_header(text, mapping), 1.0, "mapping file")
    not_cohort = _not_cohort(sub)
    if not_cohort:
        return _header_reading(sub, IGNORED, 1.0, not_cohort)
    for text, context in ((joined, ""), (sub, group)):
        if not text:
            continue
        target = match_header(text, mapping)
        if target is not None:
            if context and _names_new_fracture(context):
                target = _as_fracture(target)
            return _header_reading(text, target, 1.0, "header")
        found = _slot_target(text, mapping)
        if found is not None:
            return _header_reading(text, found[0], 1.0, "header", found[1], found[2])
    ranked = header_candidates(sub) if sub else []
    if (not ranked or ranked[0][1] < 0.5) and options[0]:
        own_words = {t.label for t, _ in ranked}
        ranked = [
            (t, score)
            for t, score in header_candidates(options[0])
            if not group or t.label in own_words  # the group's words alone name no field
        ]
    if ranked and ranked[0][1] >= 0.5:
        # an identifier named only in part ("Pt name") is dropped all the same
        return _header_reading(options[0], ranked[0][0], ranked[0][1], "header words")
    return _header_reading(options[0], None, 0.0, "")


IGNORED = Target("ignore", column="known")


@cache
def _not_cohort_words() -> frozenset[str]:
    return frozenset(header_text(w) for w in load_spec().vocabulary.not_cohort_headers)


def _not_cohort(header: str) -> str:
    """Why a column holds nothing the cohort keeps (a REDCap checkbox without its
    dictionary, a form's status), or ``""``."""
    if not header:
        return ""
    if _CHECKBOX.search(header):
        return "a REDCap checkbox: its choice is named only in the data dictionary"
    text = header_text(header)
    if text in _not_cohort_words() or text.endswith(" complete"):
        return "known, holds nothing the cohort keeps"
    return ""


def _header_reading(
    shown: str, target: Target | None, score: float, reason: str, slot: int = 0, session: int = 1
) -> _Reading:
    return (shown, target, score, 0, 0, reason, slot, session)


_FRACTURE_TWIN = {
    "procedures.level": Target("column", "fractures", "level"),
    "date:procedure_date": Target("date", column="fracture_date"),
}


def _as_fracture(target: Target) -> Target:
    return _FRACTURE_TWIN.get(target.label, target)


@cache
def _fracture_words() -> tuple[str, ...]:
    return tuple(segment(w) for w in load_spec().vocabulary.sheet_roles.get("fractures", ()))


def _names_new_fracture(text: str) -> bool:
    """Whether a group header or a column's header speaks of new fractures."""
    seg = f" {segment(text)} "
    return any((f" {w} " in seg) if w.isascii() else (w in seg) for w in _fracture_words())


def _fracture_block(columns: list[HeaderColumn]) -> list[HeaderColumn]:
    """A second treated-level or procedure-date column right after a new-fracture
    column (``Nieuwe fractuur``, ``Niveau``, ``Datum``) is the new fracture's."""
    out = list(columns)
    seen: set[str] = set()
    last_fracture = -10
    for i, c in enumerate(out):
        t = c.target
        if (t is not None and (t.table == "fractures" or t.label == "date:fracture_date")) or (
            c.header and _names_new_fracture(c.header)
        ):
            last_fracture = i
        if t is None or c.session != 1 or c.slot != 0:
            continue
        if t.label in _FRACTURE_TWIN and t.label in seen and i - last_fracture <= 2:
            out[i] = replace(
                c, target=_as_fracture(t), reason="header, after a new-fracture column"
            )
            last_fracture = i
            continue
        seen.add(t.label)
    return out


_PER_SESSION = _SLOT_FIELDS | {"date:procedure_date"}


def _second_session_block(columns: list[HeaderColumn]) -> list[HeaderColumn]:
    """Columns of a second session's block that do not say so themselves: ``2nd vol``
    beside ``2nd procedure date`` is the second session's volume, not the first
    session's second vertebra; a bare ``Vol`` right after the block's columns, its
    field already read for the first session, belongs to the block."""
    if not any(c.session == 2 for c in columns):
        return columns
    out = list(columns)
    for i, c in enumerate(out):
        if c.target is None or c.target.label not in _PER_SESSION:
            continue
        ordinal = c.slot == 2 and re.match(r"^(?:2nd|second)\b", normalize_text(c.header))
        follows = (
            c.session == 1
            and c.slot == 0
            and i > 0
            and out[i - 1].session == 2
            and any(
                o.session == 1 and o.target is not None and o.target.label == c.target.label
                for o in out[:i]
            )
        )
        if ordinal or follows:
            out[i] = replace(c, slot=0, session=2)
    return out


def _score(columns: list[HeaderColumn], timepoint: str | None = None) -> float:
    """Distinct recognised targets (a header named only in part counts half); an outcome
    without its time point counts only on a sheet whose name gives one (a visit sheet)."""
    seen: dict[tuple[str, int, int], float] = {}
    for c in columns:
        t = c.target
        if t is None or (t.kind == "measure" and t.timepoint is None and timepoint is None):
            continue
        weight = 0.5 if c.reason == "header words" else 1.0
        key = (t.label, c.slot, c.session)
        seen[key] = max(seen.get(key, 0.0), weight)
    return sum(seen.values())


def detect_layout(
    sheet: RawSheet,
    mapping: dict[str, object] | None = None,
    options: LoadOptions | None = None,
    timepoint: str | None = None,
    role: str | None = None,
) -> SheetLayout | None:
    """The header row with the most recognised columns, or ``None`` if none fits.

    A sheet qualifies when at least three columns are recognised (two on a visit sheet,
    whose name gives the time point of its outcomes, or on a sheet of new fractures),
    one of them a patient key: the
    study ID or record number by its header, else a column of code-like values, unique
    per row or recurring, found by its contents (:func:`id_by_content`).
    """
    mapping = mapping or {}
    rows = (
        [sheet.header_row]
        if sheet.header_row
        else range(1, min(MAX_HEADER_SEARCH, sheet.n_rows) + 1)
    )
    best: tuple[float, int, list[HeaderColumn]] | None = None
    for r in rows:
        cols = _candidates(sheet, r, mapping)
        score = _score(cols, timepoint)
        if best is None or (score >= best[0] and score > 0):
            best = (score, r, cols)
    if best is None:
        return None
    score, row, cols = best
    if not _has_key(cols):
        found = id_by_content(sheet, row, cols)
        if found is None:
            return None
        cols, score = found, score + 1
    if score < (2 if timepoint or role else 3):
        return None
    cols = _shared_scale(_one_study_id(sheet, row, cols))
    return _read_contents(sheet, SheetLayout(row, tuple(cols)), options or LoadOptions())


def _shared_scale(cols: list[HeaderColumn]) -> list[HeaderColumn]:
    """A scale declared on one column of a measure (``VAS pre (mm)``) holds for the
    sheet's other columns of that measure that declare none (``VAS 2/52``, ``VAS 3/12``)."""
    declared: dict[str, set[float]] = {}
    for c in cols:
        t = c.target
        if t is not None and t.kind == "measure" and t.scale is not None:
            declared.setdefault(str(t.measure), set()).add(t.scale)
    out = []
    for c in cols:
        t = c.target
        scales = declared.get(str(t.measure), set()) if t is not None and t.kind == "measure" else set()  # fmt: skip
        if t is not None and t.scale is None and len(scales) == 1:
            c = replace(c, target=replace(t, scale=next(iter(scales))), reason=f"{c.reason}; scale as its sibling columns")  # fmt: skip
        out.append(c)
    return out


# a record number's shape (six digits or more); as analysis.load.checks judges study IDs
_RECORD_SHAPE = re.compile(r"^\s*[A-Za-z]{0,3}[\s#:_-]*\d{6,}\s*$")


@cache
def _study_words() -> frozenset[str]:
    return frozenset(segment(w) for w in load_spec().vocabulary.study_words)


def _one_study_id(sheet: RawSheet, header_row: int, cols: list[HeaderColumn]) -> list[HeaderColumn]:
    """One study-ID column: of several read so, the one named outright by its header
    rather than in part, and not a row counter (1, 2, 3 ... down the rows: ``序号``,
    ``Lp.``); the others are not read."""
    ids = [c for c in cols if c.target is not None and c.target.label == "patients.patient_id"]
    if len(ids) < 2:
        return cols

    def rank(col: HeaderColumn) -> tuple[bool, bool, bool, bool, int]:
        values = [r[col.index - 1] for r in sheet.rows[header_row:] if col.index - 1 < len(r)]
        values = [v for v in values if not is_missing(v)]
        counter = [str(v).strip() for v in values] == [str(i) for i in range(1, len(values) + 1)]
        records = sum(bool(_RECORD_SHAPE.match(str(v))) for v in values) > len(values) / 2
        study = bool(_study_words() & set(segment(col.header).split()))
        return (counter, records, not study, col.reason != "header", col.index)

    keep = min(ids, key=rank)
    return [
        c
        if c is keep or c not in ids
        else replace(c, target=None, reason="a second study-ID column")
        for c in cols
    ]


MIN_HEADER_SCORE = 3.0  # recognised columns a sheet's header needs, a patient key among them


def header_score(sheet: RawSheet, row: int, mapping: dict[str, object]) -> float:
    """How many columns row ``row`` names as a header (0 when none is a patient key)."""
    cols = _candidates(sheet, row, mapping)
    return _score(cols) if _has_key(cols) else 0.0


def _has_key(cols: list[HeaderColumn]) -> bool:
    keys = {(c.target.table, c.target.column) for c in cols if c.target is not None}
    return ("patients", "patient_id") in keys or (None, "mrn") in keys


# A study ID's shape: a short code of letters and digits ("OS-014", "P12", "2021/07"),
# or a whole number; never a date, a level or a decimal.
_CODE = re.compile(r"^[^\W\d_]{0,8}[-_/. #]?\d{1,6}(?:[-_/.]\d{1,4})?[^\W\d_]{0,2}$")


def _code_like(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return 0 < value < 10**7
    return isinstance(value, str) and bool(_CODE.match(fold_width(value.strip())))


def id_by_content(
    sheet: RawSheet, header_row: int, cols: list[HeaderColumn]
) -> list[HeaderColumn] | None:
    """The columns with the leftmost column of code-like values read as the study ID,
    when its header is not recognised: at least nine in ten of its values are codes
    (:data:`_CODE`, or whole numbers), none is a vertebral level, and its values are
    unique per row or recur as one patient's rows do (at least a third as many
    distinct values as rows)."""
    for pos, col in enumerate(cols):
        if col.target is not None and col.reason != "header words":
            continue
        values = [
            r[col.index - 1]
            for r in sheet.rows[header_row : header_row + SAMPLE]
            if col.index - 1 < len(r) and not is_missing(r[col.index - 1])
        ]
        if len(values) < 3 or sum(map(_code_like, values)) < 0.9 * len(values):
            continue
        texts = {str(v).strip() for v in values}
        if len(texts) < len(values) / 3 or _levels_or_scores(texts):
            continue
        reason = (
            f"cell contents: {sum(map(_code_like, values))} of {len(values)} values are "
            f"code-like, {len(texts)} distinct"
        )
        chosen = replace(
            col,
            target=Target("column", "patients", "patient_id"),
            confidence=0.5,
            n_values=len(values),
            n_parsed=len(values),
            reason=reason,
        )
        return [*cols[:pos], chosen, *cols[pos + 1 :]]
    return None


def _levels_or_scores(texts: set[str]) -> bool:
    """Values that are vertebral levels, or small numbers such as scores (0-100)."""
    levels = 0
    for t in texts:
        try:
            parse_levels(t)
            levels += 1
        except LevelError:
            pass
    if levels >= len(texts) / 2:
        return True
    numbers = [float(t) for t in texts if t.replace(".", "", 1).isdigit()]
    return len(numbers) == len(texts) and max(numbers) <= 100 and len(texts) <= 11


def user_values(options: LoadOptions, header: str) -> Callable[[object], object]:
    """:func:`user_value` for the column headed ``header``, its missing markers and value
    map prepared once."""
    markers = {fold_width(m.strip()).casefold() for m in options.missing_markers}
    mapped = [(fold_width(k.strip()), v) for k, v in options.value_maps.get(header, {}).items()]
    if not markers and not mapped:
        return _folded

    def value(raw: object) -> object:
        if not isinstance(raw, str):
            return raw
        text = fold_width(raw.strip())
        if text.casefold() in markers:
            return None
        for key, found in mapped:
            if key == text or key.casefold() == text.casefold():
                return found
        return _folded(raw)

    return value


def _folded(raw: object) -> object:
    """A text cell in Unicode compatibility form (full-width ``Ｌ２`` as ``L2``)."""
    return fold_width(raw) if isinstance(raw, str) and not raw.isascii() else raw


def user_value(options: LoadOptions, header: str, raw: object) -> object:
    """A cell after the user's value map for its column and the extra missing markers."""
    return user_values(options, header)(raw)


def with_convention(
    col: HeaderColumn, cells: Iterable[object], mapped: Callable[[object], object]
) -> Callable[[object], object]:
    """The value map of a column whose codes mean what the codes beside them say
    (``value_conventions`` of the vocabulary: H and M in a sex column are hombre and
    mujer)."""
    t = col.target
    conventions = load_spec().vocabulary.value_conventions.get(t.label, ()) if t else ()
    if not conventions:
        return mapped
    codes = {_code(v) for v in cells if isinstance(v, str) and v.strip()}
    for when, read in conventions:
        if when <= codes and not (codes - when - set(read)):
            return lambda raw: read.get(_code(raw), mapped(raw)) if isinstance(raw, str) else mapped(raw)  # fmt: skip
    return mapped


def _code(text: str) -> str:
    """A short code as written (``H``, ``－`` as ``-``), case folded."""
    return fold_width(text.strip()).lower()


def _values(
    sheet: RawSheet, layout: SheetLayout, col: HeaderColumn, options: LoadOptions
) -> list[object]:
    """The column's cells after the value map, up to its :data:`SAMPLE`-th non-missing
    one: every sample :func:`column_fit` draws lies within them (it counts declared
    spellings of missing markers too, so its sample ends no later)."""
    i = col.index - 1
    cells = [r[i] for r in sheet.rows[layout.header_row :] if i < len(r)]
    mapped = with_convention(col, cells, user_values(options, col.header))
    out: list[object] = []
    present = 0
    for r in sheet.rows[layout.header_row :]:
        if i < len(r):
            v = mapped(r[i])
            out.append(v)
            present += not is_missing(v)
            if present >= SAMPLE:
                break
    return out


def _describe(target: Target) -> str:
    spec = load_spec()
    if target.kind == "measure":
        return f"{target.measure} scores"
    if target.kind == "date":
        return "dates"
    column = spec.column(str(target.table), str(target.column))
    kinds = {
        "volume_ml": "volumes in mL",
        "level": "vertebral levels",
        "boolean": "yes/no codes",
        "day": "numbers of days",
        "number": "numbers",
        "integer": "whole numbers",
    }
    return kinds.get(column.type, f"{column.name.replace('_', ' ')} values")


def _candidate_fits(
    col: HeaderColumn, values: list[object], own: Target | None
) -> list[tuple[ColumnFit, float]]:
    """Fit of every field the header could name, honouring a unit in the header."""
    unit = header_unit(col.header)
    fits = []
    for target, header_score in header_candidates(col.header):
        if target.kind in ("identifier", "ignore"):
            continue
        if unit is not None and target.kind == "column":
            ctype = load_spec().column(str(target.table), str(target.column)).type
            if ctype != unit and not (unit == "number" and ctype == "integer"):
                continue
        if own is not None and target.kind == "measure" and own.kind == "measure":
            target = own  # keep the time point and scale the header gave
        fits.append((column_fit(values, target), header_score))
    return fits


def _own_fit(
    col: HeaderColumn, values: list[object], own: Target, fits: list[tuple[ColumnFit, float]]
) -> ColumnFit:
    fit = column_fit(values, own)
    unit = header_unit(col.header)
    contradicted = (
        unit is not None
        and own.kind == "column"
        and fit.fit is not None
        and not any(f.target.label == own.label for f, _ in fits)
    )
    return ColumnFit(own, fit.n_values, 0) if contradicted else fit


def _dates_instead(col: HeaderColumn, values: list[object]) -> HeaderColumn | None:
    """A yes/no or day-count column that holds dates (``verstorben``: ``nein`` or the date
    of death) is read as the date its field stands for (``date_switch`` of the
    vocabulary), ``no`` there meaning none."""
    t = col.target
    kind = load_spec().vocabulary.date_switch.get(t.label) if t is not None else None
    if kind is None:
        return None
    fit = column_fit(values, Target("date", column=kind))
    if fit.n_values == 0 or fit.n_parsed < 0.9 * fit.n_values:
        return None
    return replace(
        col,
        target=Target("date", column=kind),
        confidence=col.confidence,
        n_values=fit.n_values,
        n_parsed=fit.n_parsed,
        reason="cell contents: dates",
    )


def _yes_no_flag(
    col: HeaderColumn,
    values: list[object],
    own: Target | None,
    better: list[tuple[ColumnFit, float]],
) -> tuple[HeaderColumn, Problem | None] | None:
    """A yes/no column headed as a level or date (``New fracture``: yes/no beside the
    fracture's level and date columns) is a flag the other columns spell out: not read,
    with a warning rather than an error."""
    if own is None or better or own.label not in ("fractures.level", "procedures.level"):
        return None
    flags = column_fit(values, Target("column", "patients", "died"))  # a yes/no rule
    if flags.fit is None or flags.fit < SWITCH_ABOVE:
        return None
    message = (
        f"{column_named(col.letter, col.header)}: a yes/no flag ({flags.n_parsed} of "
        f"{flags.n_values} values); not read: the level and date columns say which "
        "vertebra and when. Map it in a mapping file if it means something else"
    )
    return replace(col, target=None, reason="a yes/no flag"), message_problem(message, col)


def _unit_twin(col: HeaderColumn, values: list[object]) -> HeaderColumn | None:
    """A header naming a field whose unit it also gives (``2차 시멘트 (cc)``): the field of
    that unit beside it (``unit_twins`` of the vocabulary), when the cells fit it."""
    t, unit = col.target, header_unit(col.header)
    twins = load_spec().vocabulary.unit_twins.get(t.label, {}) if t is not None else {}
    label = twins.get(unit or "")
    if label is None:
        return None
    table, _, column = label.partition(".")
    twin = Target("column", table, column)
    fit = column_fit(values, twin)
    if fit.fit is not None and fit.fit < SWITCH_BELOW:
        return None
    return replace(
        col, target=twin, n_values=fit.n_values, n_parsed=fit.n_parsed, reason="header and its unit"
    )


def _level_and_date(col: HeaderColumn, values: list[object]) -> HeaderColumn | None:
    """A level column (or one named by nothing known) whose cells are a level and a date
    (``L1 - 26/09/2021``, ``T12 (22/06/2021)``): a new fracture, read as its level and
    date."""
    t = col.target
    if t is not None and t.label not in (
        "procedures.level",
        "fractures.level",
        "date:fracture_date",
    ):
        return None
    fit = column_fit(values, LEVEL_DATE)
    if fit.fit is None or fit.fit < SWITCH_ABOVE:
        return None
    return replace(
        col,
        target=LEVEL_DATE,
        confidence=fit.fit,
        n_values=fit.n_values,
        n_parsed=fit.n_parsed,
        reason="cell contents: a level and a date",
    )


def _birth_dates(target: Target, values: list[object]) -> bool:
    """Dates that are mostly before 1960 are no procedures' (vertebral augmentation began in
    the 1980s): a birth date column named in words the loader does not know."""
    if target.label not in ("date:procedure_date", "date:fracture_date", "date:visit_date"):
        return False
    parsed = [d for d in parse_date_column(values) if isinstance(d, date)]
    return bool(parsed) and sum(d.year < 1960 for d in parsed) > len(parsed) / 2


def _is_total(target: Target) -> bool:
    return target.label == "procedures.session_cement_volume_ml"


def _content_fits(values: list[object]) -> list[tuple[ColumnFit, float]]:
    """Fits of the fields a column may be read as by its contents alone (``content_fields``
    of the vocabulary), for a header that names nothing known."""
    out = []
    for label in load_spec().vocabulary.content_fields:
        table, _, column = label.partition(".")
        target = VISIT if label == "visit" else Target("column", table, column)
        fit = column_fit(values, target)
        if fit.fit is not None and fit.fit >= CONTENT_ONLY:
            out.append((fit, 0.0))
    return out


def _choose(col: HeaderColumn, values: list[object]) -> tuple[HeaderColumn, Problem | None]:
    """Confirm, switch or drop one column's reading by how its values parse.

    A field the header names outright is kept unless its values contradict it; a field
    the header names only in part (``Type``, ``Cement``) is the candidate the values fit.
    """
    provisional = col.target if col.reason == "header words" else None
    own = None if provisional is not None else col.target
    dated = _dates_instead(col, values) or _level_and_date(col, values) or _unit_twin(col, values)
    if dated is not None:
        return dated, None
    fits = _candidate_fits(col, values, own)
    if provisional is None and own is None:
        fits = _content_fits(values)
    elif provisional is not None and not is_typed(provisional):
        # a header naming an identifier or text only in part ("OP_ART"): distinctive
        # values (techniques, cements) say more than the shared word
        distinctive = _content_fits(values)
        if distinctive:
            fit = distinctive[0][0]
            return replace(
                col,
                target=fit.target,
                confidence=fit.fit or 0.0,
                n_values=fit.n_values,
                n_parsed=fit.n_parsed,
                reason="cell contents",
            ), None
    own_fit = _own_fit(col, values, own, fits) if own is not None else None
    if own_fit is not None and (own_fit.fit is None or own_fit.fit >= SWITCH_BELOW):
        conf = col.confidence if own_fit.fit is None else (col.confidence + own_fit.fit) / 2
        return replace(
            col, confidence=conf, n_values=own_fit.n_values, n_parsed=own_fit.n_parsed
        ), None
    need = SWITCH_ABOVE if own is not None else ACCEPT_FIT
    better = [
        (f, h)
        for f, h in fits
        if f.fit is not None
        and f.fit >= need
        and (own is None or (f.target.label != own.label and h >= SWITCH_HEADER))
    ]
    better = [(f, h) for f, h in better if not _birth_dates(f.target, values)]
    flag = _yes_no_flag(col, values, own, better)
    if flag is not None:
        return flag
    # a session's total only when nothing else fits as well (a bare "Zement ml" is per level)
    # (fits compared to one decimal: a planted 38 mL must not make a column a session total)
    better.sort(key=lambda fh: (-round(fh[0].fit or 0, 1) - fh[1], _is_total(fh[0].target)))
    where = column_named(col.letter, col.header)
    if better:
        fit, header_score = better[0]
        chosen = replace(
            col,
            target=fit.target,
            confidence=((fit.fit or 0) + header_score) / 2,
            n_values=fit.n_values,
            n_parsed=fit.n_parsed,
            reason="cell contents",
        )
        if own is None:
            return chosen, None
        message = (
            f"{where}: {fit.n_parsed} of {fit.n_values} values are {_describe(fit.target)}, "
            f"not {_describe(own)}: read as {fit.target.label}; "
            "if this is wrong, map the column in a mapping file"
        )
        return chosen, message_problem(message, col)
    if own is None or own_fit is None:
        if provisional is not None and column_fit(values, provisional).fit is None:
            return col, None  # nothing in the cells to judge by
        distinctive = _content_fits(values) if provisional is not None else []
        if distinctive:  # "Proc" sharing a word with "proc date" but holding VP and KP
            fit = distinctive[0][0]
            return replace(
                col,
                target=fit.target,
                confidence=fit.fit or 0.0,
                n_values=fit.n_values,
                n_parsed=fit.n_parsed,
                reason="cell contents",
            ), None
        return replace(col, target=None, reason="no field fits the values"), None
    message = (
        f"{where}: only {own_fit.n_parsed} of {own_fit.n_values} values are "
        f"{_describe(own)} as its header suggests ({own.label}); column not read. "
        "Map it in a mapping file (vertebro inspect --write-mapping) to read it"
    )
    dropped = replace(
        col,
        target=None,
        n_values=own_fit.n_values,
        n_parsed=own_fit.n_parsed,
        reason="values contradict header",
    )
    return dropped, message_problem(message, col, severity="error")


def message_problem(message: str, col: HeaderColumn, severity: str = "warning") -> Problem:
    """A column-level problem (file and sheet are filled in by :func:`_read_contents`)."""
    return Problem("", "", None, col.header, col.letter, None, "column_reading", severity, message)


def _read_contents(sheet: RawSheet, layout: SheetLayout, options: LoadOptions) -> SheetLayout:
    """Check every column read by its header against its values (see :func:`_choose`)."""
    columns, problems = [], []
    for col in layout.columns:
        if col.reason == "mapping file" or not col.header:
            columns.append(col)
            continue
        untyped = col.target is not None and not is_typed(col.target)
        if (
            untyped
            and col.target is not None
            and (col.target.kind in ("identifier", "ignore") or col.reason == "header")
        ):
            columns.append(col)
            continue
        chosen, problem = _choose(col, _values(sheet, layout, col, options))
        columns.append(chosen)
        if problem is not None:
            problems.append(
                sheet_problem(
                    sheet.file,
                    sheet.sheet,
                    problem.rule,
                    problem.message,
                    row=layout.header_row,
                    column=col.header,
                    severity=problem.severity,
                    action="column not read" if problem.severity == "error" else "",
                )
            )
    return SheetLayout(layout.header_row, tuple(columns), tuple(problems))
