"""What each cell of a wide sheet reads as, worked out once per column and raw value.

A clinician's sheet repeats the same few spellings (``F``, ``L1``, ``VP``, ``3 cc``) on
thousands of rows. For one column and one raw value, the value after the user's value
map, its warnings, the approximate-value flag and the parsed value (or the error) are
the same on every row; only the row differs. :func:`read_columns` works out each
distinct raw value of a column once, as a :class:`CellReading` whose problems are placed
at a row only when :func:`apply_readings` uses it for that row.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from functools import cache
from typing import Any, ClassVar, cast

from analysis.config import LoadOptions
from analysis.load.checks import cell_warnings, has_control_characters, history_warnings
from analysis.load.fracture_reports import dated_fracture, reason_fracture, undated_fracture
from analysis.load.header import HeaderColumn, user_values, with_convention
from analysis.load.header_columns import whole_code
from analysis.load.header_levels import unticked
from analysis.load.header_sessions import _names_new_fracture
from analysis.load.leak_sites import leak_box, site_codes
from analysis.normalize import (
    CellError,
    Target,
    approximate,
    is_declared_spelling,
    is_missing,
    parse_cell,
    parse_date_column,
    parse_score,
)
from analysis.normalize.cells import (
    by_words,
    is_no,
    level_with_technique,
    levels_with_volumes,
    names_later_session,
    not_assessed,
    parse_boolean,
    parse_level_list,
    parse_pair,
    total_with_cement,
    volume_with_cement,
)
from analysis.normalize.content import birth_year
from analysis.normalize.dates import (
    DateInText,
    date_inside,
    in_range,
    inner_date_order,
    split_level_date,
    split_level_dates,
    wrong_date_inside,
)
from analysis.normalize.deaths import death_in_remark, names_death, says_alive
from analysis.normalize.headers import BIRTH_YEAR, DEATH_NOTE, LEAK_LEVEL, NOTE, TWIN, VERTEBRA
from analysis.normalize.leakage_levels import (
    leak_level_pairs,
    leak_site_pairs,
    no_leak_pairs,
    sites_by_level,
)
from analysis.normalize.notes import read_note
from analysis.normalize.scores import SCORES, named_scores, score_on_scale
from analysis.normalize.series import SERIES, series_timepoints, split_series
from analysis.normalize.timed_scores import TIMED, timed_scores
from analysis.normalize.timepoints import (
    BY_DATE,
    column_letters,
    counted_point,
    counted_unit,
    days_named,
    hours_unkept,
    names_repeat,
    session_named_first,
    session_named_last,
    session_of,
    timepoint_by_day,
    visit_point,
)
from analysis.problems import WARNING, Problem, Source
from analysis.spec import ColumnSpec, load_spec, normalize_text

# Cells that place a row: a bad one means the row cannot be loaded at all.
KEY_COLUMNS = frozenset(
    {
        "patients.patient_id",
        "procedures.level",
        "procedures.procedure_id",
        "procedures.day",
        "fractures.level",
        "fractures.day",
        "date:procedure_date",
        "date:fracture_date",
    }
)
HISTORY = frozenset({"patients.prior_treated_levels", "patients.prior_known_levels"})

# What a reading does with its row's records.
SKIP, DATE, FIELD, MEASURE, VISIT, SERIES_SCORES, NAMED_SCORES = range(7)
_NUMBERS = frozenset({bool, int, float})
_PLAIN = frozenset({str, type(None), datetime, date, time})
_DIGITS = "0123456789"


@dataclass(frozen=True, slots=True)
class CellReading:
    """One raw value of one column, read.

    ``warnings`` and ``error`` are placed at row 0 of the sheet; :func:`apply_readings`
    moves them to the row being read. ``action`` says where ``value`` goes: a date under
    ``name``, a field ``name`` of table record ``table``, or an outcome score of
    measure ``name`` at ``timepoint`` (the row's own time point when ``None``) in
    session ``part``. An outcome's error is reported only where it has a time point.
    """

    warnings: tuple[Problem, ...] = ()
    error: Problem | None = None
    action: int = SKIP
    value: Any = None
    table: str = ""
    name: str = ""
    timepoint: str | None = None
    part: int = 1
    more: tuple[tuple[str, Any], ...] = ()  # further fields of ``table`` (a pair: age and sex)
    dated: tuple[str, date] | None = None  # a date the cell also gives (a fracture's)
    also: tuple[CellReading, ...] = ()  # further readings of the cell (a remark's death)


_NOTHING = CellReading()
# the parts of a remark naming several events, each after its date (``；``, ``;``, ``。``)
_REMARK_PARTS = re.compile(r"\s*[;；。]\s*")
# a row's remark saying its procedure is a repeat one (``Re-op``): a later session of the
# patient, never the first (:meth:`analysis.load.assemble` checks its order)
REPEAT_REMARK = "_repeat_remark"


def _repeat_remark(value: object) -> bool:
    """Whether a remark is a word for a repeat procedure and nothing else (``Re-op``,
    ``Redo``, ``Reintervención``): the spellings of the ``is_repeat`` column."""
    if not isinstance(value, str):
        return False
    text = normalize_text(re.sub(r"[(\[（].*?[)\]）]", " ", value))
    return bool(text) and text in _repeat_words()


@cache
def _repeat_words() -> frozenset[str]:
    column = load_spec().column("procedures", "is_repeat")
    return frozenset(normalize_text(w) for w in column.synonyms)


# a visit cell left blank: a row treating a vertebra is the procedure's own, its scores the
# baseline (an event log's operation row: ``operatsioon``, visit blank, ``VAS 9,5``)
BLANK_VISIT = "_blank_visit"
_BLANK_VISIT = (
    "is blank, and the row treats a vertebra: its scores are read as the baseline, before "
    "the procedure ('pre'); if they were taken after it, name the visit's time point in the "
    "cell or in a mapping file"
)
_UNDATED = (
    "names a fracture without its date: not read as a new fracture (a session's reason, or "
    "a fracture dated elsewhere); give its date, e.g. 'T7 (14/06/2023)', if it is a new one"
)


def cell_keys(cells: Sequence[object]) -> Sequence[object]:
    """A key per cell telling raw values apart as the parsers do: by type as well as
    value (``True``, ``1`` and ``1.0`` are three spellings) and ``-0.0`` apart from
    ``0.0``. A column holding text, dates and at most one kind of number (no zero
    among floats) is its own key: no two of its distinct values compare equal."""
    kinds = set(map(type, cells))
    numbers = kinds & _NUMBERS
    if kinds <= _PLAIN | numbers and len(numbers) <= 1 and not (float in kinds and 0.0 in cells):
        return cells
    pairs = list(zip(map(type, cells), cells, strict=True))
    if float in kinds and (float, 0.0) in set(pairs):
        return [(t, v, str(v)) if t is float else (t, v) for t, v in pairs]
    return pairs


def distinct_cells(cells: Sequence[object]) -> tuple[Sequence[object], dict[object, object]]:
    """The key of every cell (:func:`cell_keys`) and the raw value of every distinct
    key, in order of first appearance."""
    try:
        keys = cell_keys(cells)
        return keys, dict(zip(keys, cells, strict=True))
    except TypeError:  # an unhashable cell value: every cell a value of its own
        own: list[object] = list(range(len(cells)))
        return own, dict(zip(own, cells, strict=True))


def _placed(p: Problem, row: int) -> Problem:
    cell = None if p.cell is None else f"{p.cell.rstrip(_DIGITS)}{row}"
    return replace(p, row=row, cell=cell)


class _Reader:
    """Reads single raw values of one sheet's columns (problems placed at row 0)."""

    _kinds: ClassVar[dict[str, Callable[..., CellReading]]]

    def __init__(self, file: str, sheet: str, options: LoadOptions) -> None:
        self.src = Source(file, sheet, 0)
        self.options = options
        self.spec = load_spec()
        self.column_order: str | None = None  # the day/month order of the column read
        # the letters of the visit column's cells naming a visit alone (``J1``, ``M3``)
        self.visit_letters: frozenset[str] = frozenset()

    def error(self, col: HeaderColumn, value: object, exc: CellError) -> Problem:
        key = col.target is not None and col.target.label in KEY_COLUMNS
        if col.target is not None and col.target.kind == "column":
            coded = self.spec.column(str(col.target.table), str(col.target.column)).type in _CODED
            codes = self.options.value_maps.get(col.header, {}) if coded else {}
            exc = _unlisted_code(codes, value) or exc
        return self.src.problem(
            exc.rule, exc.message, column=col.header, col_index=col.index, value=value, key=key
        )

    def warning(self, col: HeaderColumn, rule: str, message: str, value: object = None) -> Problem:
        """A warning on this row's cell of ``col``."""
        return self.src.problem(
            rule, message, column=col.header, col_index=col.index, value=value, severity=WARNING
        )

    def warnings(self, col: HeaderColumn, raw: object) -> tuple[object, list[Problem]]:
        """The value after the value map and its qualifier, and the cell's warnings."""
        cleaned, warnings = cell_warnings(self.src, col, raw)
        if col.target is not None and col.target.label in HISTORY:
            warnings += history_warnings(self.src, col.header, col.index, cleaned)
        value, approx = approximate(cleaned)
        if approx and not is_missing(value):
            message = f"approximate value read as {str(value).strip()}"
            warnings.append(self.warning(col, "approximate", message))
        return value, warnings

    def read(self, col: HeaderColumn, raw: object, when: date | CellError | None) -> CellReading:
        """The reading of ``raw`` (already through the value map); ``when`` is the
        column's parse of the cell as a date, for a date column."""
        value, found = self.warnings(col, raw)
        warnings = tuple(p for p in found if p.severity == WARNING)
        error = next((p for p in found if p.severity != WARNING), None)
        if error is not None:  # a cell check's error (a one-digit age): the cell is missing
            return CellReading(warnings, error)
        return self._value(col, value, when, warnings)

    def _blank(self, col: HeaderColumn, warnings: tuple[Problem, ...]) -> CellReading:
        """A blank cell's reading: nothing, but a visit cell's keeps the warning said if
        its row is read as the procedure's own (:data:`BLANK_VISIT`)."""
        if col.target is not None and col.target.kind == "visit":
            return CellReading(warnings, name=BLANK_VISIT, value=self.warning(col, "timepoint", _BLANK_VISIT))  # fmt: skip
        return CellReading(warnings)

    def _value(
        self,
        col: HeaderColumn,
        value: object,
        when: date | CellError | None,
        warnings: tuple[Problem, ...],
    ) -> CellReading:
        t = col.target
        if t is None or t.kind in ("identifier", "ignore", TWIN):
            return CellReading(warnings)
        if t.kind == "date":
            return self._date(col, value, when, warnings)
        column = self.spec.column(str(t.table), str(t.column)) if t.kind == "column" else None
        if is_missing(value) and not (column and is_declared_spelling(value, column)):
            return self._blank(col, warnings)
        level_like = t.kind == "level_date" or (column is not None and column.type in ("level", "level_list"))  # fmt: skip
        if level_like and is_no(value):
            return CellReading(warnings)  # "nein" under new fracture level: none
        if t.kind in self._kinds:
            return self._kinds[t.kind](self, col, value, warnings)
        with_date = self._with_date(col, value, warnings) or _leak_box(col, value, warnings)
        if with_date is not None:
            return with_date
        table = str(t.table)
        if table == "procedures" and (col.session, col.slot) != (1, 0):
            table = f"procedures@{col.session}.{col.slot}"
        try:
            assert column is not None  # measures and dates returned above
            if t.label == "patients.age_years":
                _possible_age(value)
            parsed = _parse_field(t.label, value, column)
        except CellError as exc:
            said = _not_a_cause(value) if t.label == "patients.etiology" else None
            if said is not None:
                return self._not_a_cause(col, value, said, warnings)
            return CellReading(warnings, self.error(col, value, exc))
        if t.label == "fractures.level" and not _plain_levels(value):
            named = ", ".join(str(x) for x in parsed) if isinstance(parsed, tuple) else str(parsed)
            said = f"new fracture level(s) read from the words of the cell as {named}; check them"
            warnings = (*warnings, self.warning(col, "levels_in_text", said))
        more = _written_beside(t.label, value)
        return CellReading(warnings, None, FIELD, parsed, table, str(t.column), more=more)

    def _not_a_cause(self, col: HeaderColumn, value: object, said: str, warnings: tuple[Problem, ...]) -> CellReading:  # fmt: skip
        """A cause cell naming a later procedure's reason: not read as the cause; when it
        names the new fracture treated with its vertebra and date (``New T12 fracture on
        CT 2020-09-06``), read as that new fracture, found on that date."""
        order = col.date_order or self.options.date_order or self.column_order
        found = reason_fracture(value, order, col.calendar)
        if found is None:
            return CellReading((*warnings, self.warning(col, "etiology_repeat", said, value)))
        levels, seen = found
        said = f"{said}; read as a new fracture of {', '.join(levels)} found on the date it gives"
        warned = (*warnings, self.warning(col, "etiology_repeat", said, value))
        return CellReading(warned, None, FIELD, levels, "fractures", "level", dated=("fracture_date", seen))  # fmt: skip

    def _visit(self, col: HeaderColumn, value: object, warnings: tuple[Problem, ...]) -> CellReading:  # fmt: skip
        """The time point a long sheet's visit column gives its row."""
        # "S6" among "J1" and "M3": six weeks, in the notation of the column's other cells
        named = visit_point(value, self.visit_letters)
        counted = _counted(col, value) if named is None else None
        if counted is not None:  # "14" under "Meses post-op": 14 months after
            named, exact = counted
            if not exact:
                said = f"is no time point of the schema: read as the nearest one, {named}"
                warnings = (*warnings, self.warning(col, NEAREST_COUNT, said, value))
        days = days_named(value) if named is None else None
        if days is not None:
            # "dag 44", "+91 d", "POD 189": days after the procedure, read as the time
            # point whose nominal day is nearest (timepoints.by_day)
            named = timepoint_by_day(days)
        # "قبل العملية الثانية", "1 month after second procedure": the session named last
        last = (session_named_last(value) or session_named_first(value)) if named is None else None
        if last is not None:
            named = last[0]
        if named is None and (hours := hours_unkept(value)) is not None:
            said = (
                f"names a visit {hours} hours after the procedure, for which the schema has no "
                "time point (only 24h): the row's scores are not read (not by its date, "
                "either); map the column's spellings in a mapping file to read them"
            )
            return CellReading((*warnings, self.warning(col, "timepoint_unkept", said, value)))
        if named is None:  # a procedure's or an unscheduled visit's row: said, not an error
            unnamed = self.warning(
                col,
                "timepoint",
                "names no time point (e.g. 'pre', '24 h', '6 weeks', '3 months'): scores on "
                "this row without a time point of their own are not read; correct the cell "
                "or map the column's spellings in a mapping file if it is a visit",
                value,
            )
            return CellReading((*warnings, unnamed))
        # "Pre (2º proc.)": the visit of the session its note names, when no column does
        session = session_of(value) or (last[1] if last is not None else None)
        more = () if session is None else (("procedure_id", str(session)),)
        return CellReading(warnings, None, VISIT, named, "procedures", more=more)

    def _measure(self, col: HeaderColumn, value: object, warnings: tuple[Problem, ...]) -> CellReading:  # fmt: skip
        if not_assessed(value) or names_later_session(value):
            return CellReading(warnings)  # "zgon", "DCD", "Redo": no visit, no score
        return self._score(col, value, warnings)

    def _level_date(self, col: HeaderColumn, value: object, warnings: tuple[Problem, ...]) -> CellReading:  # fmt: skip
        """A new fracture's level and date in one cell (``L1 - 26/09/2021``), or several
        apart by semicolons (the further ones under ``_further``); a remark naming a
        fracture in words without its date (``reprise : fracture T7``) is said, not read."""
        order = col.date_order or self.options.date_order or self.column_order
        parts = split_level_dates(value, order, col.calendar) if isinstance(value, str) else None
        if parts is None:
            if _names_new_fracture(str(value)) and date_inside(value, order, col.calendar) is None:
                said = self.warning(col, "fracture_undated", _UNDATED, value)
                return CellReading((*warnings, said))
            wrong = CellError("fracture", "not a level and a date (e.g. 'L1 - 26/09/2021')")
            return CellReading(warnings, self.error(col, value, wrong))
        found = []
        for text, written in parts:
            try:
                levels = parse_cell(text, self.spec.column("fractures", "level"))
            except CellError as exc:
                return CellReading(warnings, self.error(col, value, exc))
            when = in_range(written)
            if isinstance(when, CellError):
                return CellReading(warnings, self.error(col, value, when))
            found.append((levels, when))
        (levels, when), further = found[0], tuple(found[1:])
        more = (("_further", further),) if further else ()
        return CellReading(warnings, None, FIELD, levels, "fractures", "level", more=more, dated=("fracture_date", when))  # fmt: skip

    def _with_date(self, col: HeaderColumn, value: object, warnings: tuple[Problem, ...]) -> CellReading | None:  # fmt: skip
        """A new fracture's level or a death's yes written with its date in one cell
        (``L1 (20-Jun-2023)``, ``oui (18/04/2023)``): both read; else ``None``."""
        label = col.target.label if col.target is not None else ""
        if not isinstance(value, str) or label not in ("fractures.level", "patients.died"):
            return None
        order = col.date_order or self.options.date_order or self.column_order
        if label == "fractures.level":
            found = split_level_date(value, order, col.calendar) is not None
            return self._level_date(col, value, warnings) if found else None
        when = date_inside(value, order, col.calendar)
        try:
            died = parse_cell(value, self.spec.column("patients", "died"))
        except CellError:
            return None
        if died is not True:
            return None
        if when is None:  # "died 31.11.2022": a death's date that is no date is said
            wrong = wrong_date_inside(value, order, col.calendar)
            return None if wrong is None else CellReading(warnings, self.error(col, value, wrong))
        return CellReading(warnings, None, FIELD, True, "patients", "died", dated=("death_date", when))  # fmt: skip

    def _pair(self, col: HeaderColumn, value: object, warnings: tuple[Problem, ...]) -> CellReading:  # fmt: skip
        """Two patient fields in one cell (``67/F``)."""
        first, _, second = str(col.target.column if col.target else "").partition("|")
        try:
            both = parse_pair(value, (first, second))
        except CellError as exc:
            return CellReading(warnings, self.error(col, value, exc))
        more = ((second, both[second]),)
        return CellReading(warnings, None, FIELD, both[first], "patients", first, more=more)

    def _date(
        self,
        col: HeaderColumn,
        value: object,
        when: date | CellError | None,
        warnings: tuple[Problem, ...],
    ) -> CellReading:
        t = col.target
        if isinstance(when, CellError) and not_assessed(value) and t is not None:
            if t.column == "death_date":  # "נפטר/ה", "†" where its date would be: died
                return CellReading(warnings, None, FIELD, True, "patients", "died")
            return CellReading(warnings)  # no visit: the patient had died
        if isinstance(when, CellError):
            return CellReading(warnings, self.error(col, value, when))
        if when is None and t is not None and t.column == "death_date" and is_no(value):
            # "no" in a column of dates of death: the patient did not die
            return CellReading(warnings, None, FIELD, False, "patients", "died")
        if isinstance(when, DateInText):
            message = f"date read from inside the text of the cell as {when.isoformat()}; check it"
            warnings = (*warnings, self.warning(col, "date_in_text", message))
        return replace(dated(col, when), warnings=warnings) if warnings else dated(col, when)

    def _score(self, col: HeaderColumn, value: object, warnings: tuple[Problem, ...]) -> CellReading:  # fmt: skip
        t = col.target
        assert t is not None  # a measure column
        measure = self.spec.measures[str(t.measure)]
        scale = t.scale
        if scale is None and measure.name == "pain_vas":
            scale = self.options.pain_scale
        reading = CellReading(warnings, None, MEASURE, None, "", measure.name, t.timepoint, col.session)  # fmt: skip
        try:
            return replace(reading, value=parse_score(value, measure, scale))
        except CellError as exc:
            return replace(reading, error=self.error(col, value, exc))

    def _series(self, col: HeaderColumn, value: object, warnings: tuple[Problem, ...]) -> CellReading:  # fmt: skip
        """Scores at several time points in one cell (``9 / — / 6 / 4``): a score, or a
        missing mark, at each time point the header names, in order."""
        t = col.target
        assert t is not None  # a series column
        points = series_timepoints(t)
        parts = split_series(value, len(points))
        if parts is None:
            wanted = " / ".join(points)
            wrong = CellError("series", f"not {len(points)} scores a slash apart ({wanted})")
            return CellReading(warnings, self.error(col, value, wrong))
        # a chain may stop early
        return self._scores_at(col, value, list(zip(points, parts, strict=False)), warnings)

    def _timed(self, col: HeaderColumn, value: object, warnings: tuple[Problem, ...]) -> CellReading:  # fmt: skip
        """A measure's scores at several visits in one cell, each line naming its visit
        (``Trước mổ: 8`` / ``1 tháng: 3``); a score that is wrong is the cell's error,
        named with its visit, the others read."""
        t = col.target
        assert t is not None  # a timed column
        lines = timed_scores(value)
        if lines is None:
            wrong = CellError("series", "not a visit and its score on each line (e.g. 'pre-op: 8')")  # fmt: skip
            return CellReading(warnings, self.error(col, value, wrong))
        return self._scores_at(col, value, lines, warnings)

    def _scores_at(
        self, col: HeaderColumn, value: object, points: Sequence[tuple[str, str]], warnings: tuple[Problem, ...]
    ) -> CellReading:  # fmt: skip
        """A cell's scores of its column's measure, each at its time point (``points``:
        time point and text); a missing mark skipped, a score that is wrong the cell's
        error named with its time point, the others read."""
        t = col.target
        assert t is not None
        measure = self.spec.measures[str(t.measure)]
        scale = t.scale
        if scale is None and measure.name == "pain_vas":
            scale = self.options.pain_scale
        scores, error = [], None
        for point, part in points:
            if is_missing(part) or not_assessed(part):
                continue
            try:
                scores.append((point, parse_score(part, measure, scale)))
            except CellError as exc:  # the cell's error; its other scores are read
                error = error or self.error(col, value, CellError(exc.rule, f"{point}: {exc.message}"))  # fmt: skip
        return CellReading(warnings, error, SERIES_SCORES, tuple(scores), "", measure.name, None, col.session)  # fmt: skip

    def _named_scores(self, col: HeaderColumn, value: object, warnings: tuple[Problem, ...]) -> CellReading:  # fmt: skip
        """Scores of several measures in one cell, each after its name (``VAS 7/10; ODI
        44%``), at the row's own time point: a score written out of its scale (``7/10``)
        read on that scale; a score that is wrong is the cell's error, the others read."""
        parts = named_scores(value)
        if parts is None:
            wrong = CellError("scores", "not scores each after its measure's name (e.g. 'VAS 7/10; ODI 44%')")  # fmt: skip
            return CellReading(warnings, self.error(col, value, wrong))
        scores, error = [], None
        for name, written in parts:
            if is_missing(written) or not_assessed(written):
                continue
            measure = self.spec.measures[name]
            text, scale = score_on_scale(written)
            if scale is None and measure.name == "pain_vas":
                scale = self.options.pain_scale
            try:
                scores.append((measure.name, parse_score(text, measure, scale)))
            except CellError as exc:
                error = error or self.error(col, value, CellError(exc.rule, f"{written}: {exc.message}"))  # fmt: skip
        return CellReading(warnings, error, NAMED_SCORES, tuple(scores), part=col.session)

    def _vertebra(self, col: HeaderColumn, value: object, warnings: tuple[Problem, ...]) -> CellReading:  # fmt: skip
        """A cell under a header naming one vertebra (``T12``): that vertebra treated in
        the row's session, the cell its cement volume (a yes mark: treated, no volume)."""
        t = col.target
        assert t is not None  # a vertebra column
        table = f"procedures@{col.session}.{col.slot}"
        level = (("level", (str(t.column),)),)
        if unticked(value):  # a checkbox left clear: not treated
            return _NOTHING
        try:
            if parse_boolean(value) is True:
                return CellReading(warnings, None, FIELD, None, table, "cement_volume_ml", more=level)  # fmt: skip
        except CellError:
            pass
        try:
            volume = parse_cell(value, self.spec.column("procedures", "cement_volume_ml"))
        except CellError as exc:
            return CellReading(warnings, self.error(col, value, exc))
        return CellReading(warnings, None, FIELD, volume, table, "cement_volume_ml", more=level)

    def _birth_year(self, col: HeaderColumn, value: object, warnings: tuple[Problem, ...]) -> CellReading:  # fmt: skip
        """A year of birth: kept (never shown) for the age at the row's procedure."""
        year = birth_year(value)
        if year is None:  # the value is not shown: a birth year identifies the patient
            wrong = CellError("birth_year", "not a year of birth (four digits, e.g. 1950); the value is not shown")  # fmt: skip
            return CellReading(warnings, self.error(col, None, wrong))
        return CellReading(warnings, None, FIELD, year, "patients", "_birth_year", more=(("_birth_year_at", (col.header, col.index)),))  # fmt: skip

    def _death_note(self, col: HeaderColumn, value: object, warnings: tuple[Problem, ...]) -> CellReading:  # fmt: skip
        """A remark naming the patient's death (with its date: ``Expired on 15/05/2022``)
        or saying alive, or a line of notes starting with its date and naming a new
        fracture and its vertebra (``04/11/2021: New fracture T9 (MRI)``: the fracture);
        any other remark (``Doing well``) is nothing of the cohort."""
        order = col.date_order or self.options.date_order or self.column_order
        fracture = dated_fracture(value, order, col.calendar)
        if fracture is not None:
            levels, seen = fracture
            death = self._death_beside(col, value, order)
            return CellReading(warnings, None, FIELD, levels, "fractures", "level", dated=("fracture_date", seen), also=death)  # fmt: skip
        undated = undated_fracture(value)
        if undated is not None:  # "New # L3 on X-ray": found at the row's visit
            return CellReading(warnings, None, FIELD, undated, "fractures", REMARK_LEVEL)
        if says_alive(value):
            return CellReading(warnings, None, FIELD, False, "patients", "died")
        if _repeat_remark(value):  # "Re-op": the row's procedure a repeat, its order checked
            return CellReading(warnings, None, FIELD, True, "procedures", REPEAT_REMARK)
        cement = self._cement_named(value)
        if cement is not None:  # "cement PMMA", "Simplex (PMMA)": the row's procedure's
            return CellReading(warnings, None, FIELD, cement, "procedures", "cement_type")
        if not names_death(value):
            return CellReading(warnings)
        return self._death(col, value, order, warnings)

    def _death_beside(self, col: HeaderColumn, value: object, order: str | None) -> tuple[CellReading, ...]:  # fmt: skip
        """The death a remark names in a part of its own after its new fracture
        (``2022.7.5 MRI示胸11新发骨折；2023.5.20 死亡``: parts apart by a semicolon or a
        full stop), none when no such part names one."""
        parts = _REMARK_PARTS.split(value) if isinstance(value, str) else []
        death = next(
            (
                p
                for p in parts[1:]
                if names_death(p) and dated_fracture(p, order, col.calendar) is None
            ),
            None,
        )
        return () if death is None else (self._death(col, death.strip(), order, ()),)

    def _death(self, col: HeaderColumn, value: object, order: str | None, warnings: tuple[Problem, ...]) -> CellReading:  # fmt: skip
        """A remark naming the patient's death: died, with the date it gives."""
        when = death_in_remark(value, order, col.calendar)
        wrong = wrong_date_inside(value, order, col.calendar) if when is None else None
        if wrong is not None:  # "Expired on 31/11/2022": a death's date that is no date
            return CellReading(warnings, self.error(col, value, wrong))
        on = None if when is None else ("death_date", when)
        return CellReading(warnings, None, FIELD, True, "patients", "died", dated=on)

    def _cement_named(self, value: object) -> str | None:
        """The cement a remark names by its own name or brand (``cement PMMA``, ``Simplex
        (PMMA)``), never "other"; ``None`` for a remark naming none."""
        if names_death(value):
            return None
        try:
            cement = parse_cell(value, self.spec.column("procedures", "cement_type"))
        except CellError:
            return None
        return cement if isinstance(cement, str) and cement != "other" else None

    def _leak_level(self, col: HeaderColumn, value: object, warnings: tuple[Problem, ...]) -> CellReading:  # fmt: skip
        """The vertebrae cement leaked at (``L3``, ``L3/L5``), or each with its own sites
        (``L3 – foraminal; L5 – venous``, ``BWK 9: D`` by the workbook's key), or the
        session's sites alone (``V, P``: level ``""``): pairs of a level and its sites,
        ``""`` where the row's leakage column gives them; joined to that column by
        :func:`analysis.load.records.leak_by_level`."""
        leakage = self.spec.column("procedures", "leakage")
        pairs = leak_level_pairs(value, leakage)
        if pairs is None:  # sites alone or at their levels, codes by the workbook's key
            pairs = leak_site_pairs(value, leakage, site_codes(self.options, col.header))
        if pairs is None:  # "No", "None", "no leak": no cement leaked at any level
            pairs = no_leak_pairs(value, leakage)
        if pairs is None:
            try:
                levels = parse_cell(value, self.spec.column("procedures", "level"))
            except CellError as exc:
                wrong = CellError(exc.rule, f"{exc.message}; a leak's level is written as 'L3', or each level with its sites ('L3: venous; L5: disc')")  # fmt: skip
                return CellReading(warnings, self.error(col, value, wrong))
            named = levels if isinstance(levels, tuple) else (levels,)
            pairs = tuple((str(level), "") for level in named if level is not None)
        table = "procedures" if col.session == 1 else f"procedures@{col.session}.0"
        return CellReading(warnings, None, FIELD, pairs, table, LEAK_LEVELS)

    def _note(self, col: HeaderColumn, value: object, warnings: tuple[Problem, ...]) -> CellReading:  # fmt: skip
        """An operative note (:mod:`analysis.normalize.notes`): its vertebrae, each with
        its volume, the technique and cement it names and its leaks, each part read by the
        rules of its own column."""
        note = read_note(value)
        if note is None:
            wrong = CellError("note", "names no treated vertebra (e.g. 'T9 & T10, 2.5 ml each')")
            return CellReading(warnings, self.error(col, value, wrong))
        volume = self.spec.column("procedures", "cement_volume_ml")
        try:
            levels = tuple(lv for named in note.levels for lv in _levels(named))
        except CellError as exc:  # the row loses its vertebrae, as a level column's would
            return CellReading(warnings, replace(self.error(col, value, exc), key=True))
        try:
            leaks = tuple((_levels(lv)[0], _leak_sites(words)) for lv, words in note.leaks)
        except CellError as exc:
            return CellReading(warnings, self.error(col, value, exc))
        try:
            volumes = tuple(parse_cell(v, volume) for v in note.volumes)
        except CellError as exc:  # the vertebrae kept, as beside a volume column's error
            named: list[tuple[str, object]] = [("technique", note.technique), ("cement_type", note.cement_type)]  # fmt: skip
            if leaks or note.no_leak:
                named.append(("leakage", leaks or "none"))
            kept = tuple((k, v) for k, v in named if v)
            return CellReading(warnings, self.error(col, value, exc), FIELD, levels, "procedures", "level", more=kept)  # fmt: skip
        more: list[tuple[str, object]] = []
        if volumes:
            more.append(("cement_volume_ml", volumes if len(volumes) > 1 else volumes[0]))
        elif note.total is not None:
            # the session's volume: one vertebra's own, or the total of several
            field = "cement_volume_ml" if len(levels) == 1 else "session_cement_volume_ml"
            try:
                more.append((field, parse_cell(note.total, volume)))
            except CellError as exc:
                return CellReading(warnings, self.error(col, value, exc))
        more += [(k, v) for k, v in (("technique", note.technique), ("cement_type", note.cement_type)) if v]  # fmt: skip
        if leaks or note.no_leak:
            more.append(("leakage", leaks or "none"))
        return CellReading(warnings, None, FIELD, levels, "procedures", "level", more=tuple(more))


# a session's leak levels in its record (never a column of the cohort)
LEAK_LEVELS = "_leak_levels"
# the sites of a session's ticked leak boxes in its record (never a column of the cohort)
LEAK_BOXES = "_leak_boxes"
# the vertebrae a remark names as newly fractured without a date (found at its row's visit)
REMARK_LEVEL = "_remark_level"


def _levels(text: str) -> tuple[str, ...]:
    """The vertebrae a note's words name, by the rule of a level column."""
    return cast(tuple[str, ...], parse_cell(text, load_spec().column("procedures", "level")))


def _leak_sites(words: str) -> str:
    """The sites a sentence about a leak names (``into segmental veins (venous)``)."""
    column = load_spec().column("procedures", "leakage")
    try:
        return str(parse_cell(words, column))
    except CellError:
        found = by_words(words, column)
        if found is None:
            raise CellError("category", f"names no leakage site ({', '.join(column.allowed)})") from None  # fmt: skip
        return found


_Reader._kinds = {  # readings of targets with rules of their own
    "pair": _Reader._pair,
    "level_date": _Reader._level_date,
    "visit": _Reader._visit,
    "measure": _Reader._measure,
    SERIES: _Reader._series,
    TIMED: _Reader._timed,
    SCORES.kind: _Reader._named_scores,
    VERTEBRA: _Reader._vertebra,
    NOTE.kind: _Reader._note,
    BIRTH_YEAR.kind: _Reader._birth_year,
    DEATH_NOTE.kind: _Reader._death_note,
    LEAK_LEVEL.kind: _Reader._leak_level,
}


def _leak_box(col: HeaderColumn, value: object, warnings: tuple[Problem, ...]) -> CellReading | None:  # fmt: skip
    """A leakage column that is one site's checkbox (``Leak: disc`` over ``TRUE``): the
    site, when ticked, among the session's boxes; ``None`` for any other column."""
    t = col.target
    box = leak_box(col.header, value) if t is not None and t.label == "procedures.leakage" else None
    if box is None:
        return None
    table = "procedures" if (col.session, col.slot) == (1, 0) else f"procedures@{col.session}.{col.slot}"  # fmt: skip
    return CellReading(warnings, None, FIELD, box or None, table, LEAK_BOXES)


def dated(col: HeaderColumn, when: date | None) -> CellReading:
    """The reading of a date cell without warnings: its date, if any, under its name."""
    t = col.target
    assert t is not None  # a date column
    name = str(t.column) if col.session == 1 else f"{t.column}@{col.session}"
    if t.timepoint is not None:  # a visit's date in a row of visits across
        name = f"{name}:{t.timepoint}"
    return CellReading((), None, SKIP if when is None else DATE, when, name=name)


def _possible_age(value: object) -> None:
    """An age of 0 or below is an error, said plainly (the schema keeps ages to 1-120; no one has
    vertebral augmentation at 0); under 18 is a warning (checks.py), above 120 the
    schema's range."""
    try:
        age = float(str(value).strip().replace(",", "."))
    except ValueError:
        return
    if age <= 0:
        raise CellError(
            "range",
            "an age of 0 or below is impossible (ages lie within 1-120); correct the cell: "
            "the age in years at the index procedure",
        )


def _dates_in_text(target: Target) -> bool:
    """Whether a column's texts may hold a date beside other words (``L1 (20/06/2023)``,
    ``oui (18/04/2023)``)."""
    return target.kind in ("level_date", DEATH_NOTE.kind) or target.label in ("fractures.level", "patients.died")  # fmt: skip


def _sheet_date_order(columns: Sequence[HeaderColumn], cells: Sequence[Sequence[object]]) -> str | None:  # fmt: skip
    """The day/month order the sheet's dates written as text prove together, or ``None``."""
    texts = [
        v
        for col, column_cells in zip(columns, cells, strict=True)
        if col.target is not None and (col.target.kind == "date" or _dates_in_text(col.target))
        for v in set(column_cells)
        if isinstance(v, str)
    ]
    return inner_date_order(texts)


_CODED = frozenset({"category", "multi_category", "boolean"})  # field types a legend codes


def _unlisted_code(codes: dict[str, str], value: object) -> CellError | None:
    """A whole number in a column whose numeric codes are given (by a legend sheet or a
    mapping's values) that is none of them."""
    code = whole_code(value) if not isinstance(value, str) else value.strip()
    if not codes or code is None or code in codes or not code.isdigit():
        return None
    if not all(k.strip().isdigit() for k in codes):
        return None
    listed = ", ".join(f"{k} = {v}" for k, v in codes.items() if v)
    return CellError(
        "code",
        f"code {code} is not among the codes given for this column ({listed}); correct the "
        "cell, or add its meaning to the legend",
    )


def _parse_field(label: str, value: object, column: ColumnSpec) -> object:
    """A cell of a tidy column parsed; leakage written level by level (``T10: vein; T12:
    disc``) as its sites level by level, where no leak at one level is no contradiction
    of a leak at another (``T8: disc, T9: none``)."""
    if label != "procedures.leakage":
        return parse_cell(value, column)
    try:
        parsed = parse_cell(value, column)
    except CellError:
        pairs = sites_by_level(value, column)
        if pairs is None:
            raise
        return pairs
    return sites_by_level(value, column) or parsed


def read_columns(
    file: str,
    sheet: str,
    columns: Sequence[HeaderColumn],
    cells: Sequence[Sequence[object]],
    options: LoadOptions,
) -> tuple[list[list[CellReading]], dict[int, int]]:
    """The reading of every data cell, column by column (``cells[j]`` holds the data
    rows' cells of ``columns[j]``; a column none of whose cells does anything is left
    out), and per date column (by index) how many of its cells could be day-first or
    month-first and are left missing."""
    reader = _Reader(file, sheet, options)
    out, undecided = [], {}
    sheet_order = _sheet_date_order(columns, cells)
    for col, column_cells in zip(columns, cells, strict=True):
        keys, raw = distinct_cells(column_cells)
        mapped = with_convention(col, raw.values(), user_values(options, col.header))
        dates: dict[object, date | CellError | None] = {}
        if col.target is not None and col.target.kind == "visit":
            reader.visit_letters = column_letters(mapped(v) for v in raw.values())
        if col.target is not None and _dates_in_text(col.target):
            # dates inside texts: the order their column proves, else the sheet's dates'
            own = inner_date_order([mapped(v) for v in raw.values()])
            reader.column_order = own or sheet_order
        if col.target is not None and col.target.kind == "date":
            # the user's missing markers and value map apply to dates too
            order = col.date_order or options.date_order
            parsed = parse_date_column([mapped(v) for v in raw.values()], order, col.calendar)
            dates = dict(zip(raw, parsed, strict=True))
            open_keys = {k for k, p in dates.items() if _undecided(p)}
            if open_keys:
                counts = Counter(keys)
                undecided[col.index] = sum(counts[k] for k in open_keys)
                dates.update(dict.fromkeys(open_keys))
        if col.target is not None and col.target.label == BIRTH_DATE:
            # kept (never shown) for the age at the first procedure
            order = col.date_order or options.date_order or sheet_order
            parsed = parse_date_column([mapped(v) for v in raw.values()], order, col.calendar)
            readings = {k: _born(reader, col, when, raw[k]) for k, when in zip(raw, parsed, strict=True)}  # fmt: skip
        elif col.target is None or col.target.kind in ("identifier", "ignore"):
            # a column not read warns only of control characters and approximate values
            values = {k: mapped(v) for k, v in raw.items()}
            readings = {k: reader.read(col, v, None) if _may_warn(v) else _NOTHING for k, v in values.items()}  # fmt: skip
        elif dates:  # a date held as a date or number has no warning: no need to read it
            readings = {
                k: dated(col, when)
                if not isinstance(v, str) and not isinstance(when := dates[k], CellError)
                else reader.read(col, mapped(v), dates[k])
                for k, v in raw.items()
            }
        else:
            readings = {k: reader.read(col, mapped(v), dates.get(k)) for k, v in raw.items()}
        if any(r != _NOTHING for r in readings.values()):
            by_row = list(map(readings.__getitem__, keys))
            visit = col.target is not None and col.target.kind == "visit"
            out.append(said_once(col, by_row) if visit else by_row)
    return out, undecided


BIRTH_DATE = "identifier:birth_date"


# a date written as day, month and a four-digit year (or the year first), in any digits,
# or as a four-digit year, month and day in CJK words (``1938年2月30日``)
_FULL_DATE = re.compile(
    r"^\s*(?:\d{4}\s*([-/.])\s*\d{1,2}\s*\1\s*\d{1,2}|\d{1,2}\s*([-/.])\s*\d{1,2}\s*\2\s*\d{4}"
    r"|\d{4}\s*[年년]\s*\d{1,2}\s*[月월]\s*\d{1,2}\s*[日일]?)\s*$"
)


def _born(reader: _Reader, col: HeaderColumn, when: object, written: object) -> CellReading:
    """A birth date's reading: the date under ``_birth_date`` of the patient's record,
    never shown (the age at the first procedure is derived from it when no age is typed);
    a year alone (``1950``) is a year of birth; a date written with a four-digit year that
    is no date (``31 Aban``, a month of 30 days) gives no age and an error on its cell that
    does not show it; any other that cannot be read gives no age and no message.
    ``_birth_date_sure`` says whether its year is beyond doubt: a cell held as a date or
    number, or a text with a year of four digits (``29/08/03`` may be 1929, 2003 or a
    Minguo year), so that it can contradict a typed age."""
    year = None if isinstance(written, bool | date) else birth_year(written)
    if year is not None:  # "1950", 1950: a year of birth (never an Excel serial of 1905)
        at_year = (("_birth_year_at", (col.header, col.index)),)
        return CellReading((), None, FIELD, year, "patients", "_birth_year", more=at_year)
    if isinstance(when, CellError) and _FULL_DATE.match(str(written)) and not _undecided(when):
        # a date written with its year in full that is no date (a Minguo "45/03/12", a
        # national ID number, are no such dates: never told)
        wrong = CellError(when.rule, f"birth date {when.message}; the value is not shown")
        return CellReading((), reader.error(col, None, wrong))
    if not isinstance(when, date):
        return _NOTHING
    sure = (
        not isinstance(written, str) or re.search(r"\d{4}", written) is not None
    )  # any script's digits
    at = (("_birth_date_at", (col.header, col.index)), ("_birth_date_sure", sure))
    return CellReading((), None, FIELD, when, "patients", "_birth_date", more=at)


def _may_warn(value: object) -> bool:
    """Whether a cell of a column not read could have a warning."""
    return isinstance(value, str) and (has_control_characters(value) or approximate(value)[1])


def _undecided(parsed: object) -> bool:
    return isinstance(parsed, CellError) and parsed.rule == "date_order"


def _plain_levels(value: object) -> bool:
    """Whether a cell is a list of levels and nothing else (not levels among words)."""
    try:
        parse_level_list(value)
    except CellError:
        return False
    return True


NEAREST_COUNT = "timepoint_nearest"  # a visit's count of months that is no time point


def _counted(col: HeaderColumn, value: object) -> tuple[str, bool] | None:
    """A whole number in a visit column whose header counts a unit of time after the
    procedure (``Meses post-op``) read as that many units (:func:`counted_point`)."""
    unit = counted_unit(col.header)
    if unit is None or isinstance(value, bool):
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if not (isinstance(value, int) or (isinstance(value, float) and value.is_integer())):
        return None
    return counted_point(int(value), unit)


def said_once(col: HeaderColumn, readings: list[CellReading]) -> list[CellReading]:
    """A visit column's readings with the warnings of its counts read at the nearest time
    point (a late control's ``14`` months) said once, on the first row holding one: the
    counts, each with the time point it was read as, and how many rows."""
    held = [r for r in readings if any(p.rule == NEAREST_COUNT for p in r.warnings)]
    if not held:
        return readings
    said = {str(p.value): r.value for r in held for p in r.warnings if p.rule == NEAREST_COUNT}
    listed = ", ".join(f"{k} as {v}" for k, v in said.items())
    unit = counted_unit(col.header)
    first = next(p for p in held[0].warnings if p.rule == NEAREST_COUNT)
    message = (
        f"{len(held)} visit(s) counted in {unit} after the procedure at no time point of "
        f"the schema (a control late or early), each read at the nearest one ({listed}; "
        "the earlier on a tie); check them against the unit's schedule, or map the "
        "column's values in a mapping file"
    )
    one = replace(first, message=message, value=None)
    out = []
    for r in readings:
        kept = tuple(p for p in r.warnings if p.rule != NEAREST_COUNT)
        out.append(r if kept == r.warnings else replace(r, warnings=kept))
    k = readings.index(held[0])
    out[k] = replace(out[k], warnings=(*out[k].warnings, one))
    return out


def _row_timepoint(readings: Sequence[CellReading], timepoint: str | None) -> tuple[str | None, bool]:  # fmt: skip
    """A row's time point (its visit cell's, else ``timepoint``) and whether the row is a
    procedure's own visit, whose scores are the baseline."""
    timepoint = next((r.value for r in readings if r.action == VISIT), timepoint)
    if timepoint is None and (_treats_vertebra(readings) or _blank_procedure_visit(readings)):
        return "pre", True
    if timepoint is None and _dated_scores(readings):
        return BY_DATE, False
    return timepoint, False


def _dated_scores(readings: Sequence[CellReading]) -> bool:
    """Whether a row of one row per visit whose visit cell names no time point
    (``Pre-procedure consult``) holds scores and the visit's own date: its scores are
    then read at the time point the date names against the procedure's (as on a sheet of
    visits told by their dates alone), said in the visit cell's warning."""
    unnamed = any(p.rule == "timepoint" for r in readings for p in r.warnings)
    return (
        unnamed
        and any(r.action == DATE and r.name in ("visit_date", "procedure_date") for r in readings)
        and any(r.action == MEASURE and r.timepoint is None for r in readings)
    )


def _treats_vertebra(readings: Sequence[CellReading]) -> bool:
    """Whether a row of one row per visit is the procedure's own: its visit cell names no
    time point and the row names a treated vertebra."""
    unnamed = any(p.rule == "timepoint" for r in readings for p in r.warnings)
    return unnamed and any(
        r.action == FIELD and r.name == "level" and r.table.startswith("procedures") and r.value
        for r in readings
    )


def _blank_procedure_visit(readings: Sequence[CellReading]) -> bool:
    """Whether a row of one row per visit or event whose visit cell is blank names a
    treated vertebra and holds a score without a time point of its own: the procedure's
    own row, its scores the baseline (said on its visit cell)."""
    return (
        any(r.name == BLANK_VISIT for r in readings)
        and any(r.action == MEASURE and r.timepoint is None for r in readings)
        and any(
            r.action == FIELD and r.name == "level" and r.table.startswith("procedures") and r.value
            for r in readings
        )
    )


def _blank_visit_said(readings: Sequence[CellReading], procedure_visit: bool, row: int) -> list[Problem]:  # fmt: skip
    """On a procedure's own row, its blank visit cell's warning saying its scores are
    the baseline."""
    if not procedure_visit:
        return []
    return [_placed(r.value, row) for r in readings if r.name == BLANK_VISIT]


def _visit_said(p: Problem, procedure_visit: bool, by_date: bool = False) -> Problem:
    """A row's warning; on a procedure's own visit row, or a visit read by its date, its
    visit cell's warning says how the row's scores were read."""
    if p.rule != "timepoint" or not (procedure_visit or by_date):
        return p
    message = (
        "names no time point, and the row treats a vertebra: its scores are read as the "
        "baseline, before the procedure ('pre'); if they were taken after it, name the "
        "visit's time point in the cell or in a mapping file"
        if procedure_visit
        else "names no time point: the row's scores are read at the time point its visit "
        "date names, counted from the procedure's (timepoints.by_day of the vocabulary); "
        "name the visit's time point in the cell or in a mapping file if that is wrong"
    )
    return replace(p, message=message)


def apply_readings(
    readings: Sequence[CellReading],
    src: Source,
    patient: str,
    timepoint: str | None,
    rec: dict[str, dict[str, Any]],
    assessments: list[tuple[int, dict[str, Any]]],
    dates: dict[str, date],
    problems: list[Problem],
) -> bool:
    """Put one row's readings into its records and its problems into ``problems``;
    ``timepoint`` is the row's own (a REDCap event's). Outcomes come as their session
    part and their record (``_session`` left for the caller). Whether a level cell
    failed."""
    row = src.row
    level_failed = False
    readings = [x for r in readings for x in (r, *r.also)]  # a remark's death beside its fracture
    timepoint, procedure_visit = _row_timepoint(readings, timepoint)
    problems.extend(_blank_visit_said(readings, procedure_visit, row))
    for r in readings:
        if r.warnings:
            problems.extend(_placed(_visit_said(p, procedure_visit, timepoint == BY_DATE), row) for p in r.warnings)  # fmt: skip
            level_failed = level_failed or any(p.rule == "level" for p in r.warnings)
        action = r.action
        if action == SERIES_SCORES:
            for when, value in r.value:
                assessments.append((r.part, _outcome(r.name, when, value, patient, src)))
            if r.error is not None:  # a score out of range: named, the chain's others kept
                problems.append(_placed(r.error, row))
            continue
        if action == NAMED_SCORES:
            _named_scores_into(r, timepoint, patient, src, assessments, problems)
            continue
        if action == MEASURE:
            when = r.timepoint or timepoint
            if when is None:
                continue
            if r.error is None:
                assessments.append((r.part, _outcome(r.name, when, r.value, patient, src)))
                continue
        if r.error is not None:
            problems.append(_placed(r.error, row))
            level_failed = level_failed or r.error.rule == "level"
        if action in (FIELD, DATE, VISIT):  # an error beside a value: a note's volume
            _into_record(r, rec, dates)
    return level_failed


def _named_scores_into(
    r: CellReading,
    timepoint: str | None,
    patient: str,
    src: Source,
    assessments: list[tuple[int, dict[str, Any]]],
    problems: list[Problem],
) -> None:
    """A cell of named scores (``VAS 7/10; ODI 44%``) at the row's time point, and its
    error; on a row without a time point, as a score column's, nothing read nor said."""
    if timepoint is None:
        return
    for name, value in r.value:
        assessments.append((r.part, _outcome(name, timepoint, value, patient, src)))
    if r.error is not None:
        problems.append(_placed(r.error, src.row))


def _outcome(measure: str, when: str, value: object, patient: str, src: Source) -> dict[str, Any]:  # fmt: skip
    """One outcome score's record (``_session`` left for the caller)."""
    return {"timepoint": when, "measure": measure, "value": value, "patient_id": patient, "_session": None, "_src": src}  # fmt: skip


def _written_beside(label: str, value: object) -> tuple[tuple[str, object], ...]:
    """The fields a procedure's cell writes beside its own: each level's volume after it
    (``D11 : 2 ml ; D12 : 3 ml``), the technique after a level (``T10 (KP)``), the cement after a volume (``4 ml (PMMA)``), the session's total
    after a cement (``PMMA (Osteopal V) – total 7.5 ml``)."""
    volumes = levels_with_volumes(value) if label == "procedures.level" else None
    if volumes is not None:
        return (("cement_volume_ml", volumes[1]),)  # "D11 : 2 ml"
    both = level_with_technique(value) if label == "procedures.level" else None
    if both is not None:
        return (("technique", both[1]),)
    cement = volume_with_cement(value) if label == "procedures.cement_volume_ml" else None
    if cement is not None:
        return (("cement_type", cement),)
    total = total_with_cement(value) if label == "procedures.cement_type" else None
    return (("session_cement_volume_ml", total),) if total is not None else ()


def _into_record(r: CellReading, rec: dict[str, dict[str, Any]], dates: dict[str, date]) -> None:
    """A reading into the row's record: a date, a field (with the fields and the date its
    cell also gives), or the session a visit cell's note names (``Pre (2º proc.)``) unless
    a column of the row names it."""
    if r.action == DATE:
        dates[r.name] = r.value
    elif r.action == VISIT:
        for name, value in r.more:
            fields = rec.setdefault(r.table, {})
            if fields.get(name) is None:
                fields[name] = value
    elif r.name == LEAK_BOXES:  # each ticked box a site of the one leakage
        fields = rec.setdefault(r.table, {})
        fields[r.name] = (*fields.get(r.name, ()), *([r.value] if r.value else []))
    else:
        fields = rec.setdefault(r.table, {})
        if r.value is not None or fields.get(r.name) is None:
            fields[r.name] = r.value  # a blank reading never overwrites a value
        for name, value in r.more:
            fields[name] = value
        if r.dated is not None:
            dates[r.dated[0]] = r.dated[1]


def _not_a_cause(value: object) -> str | None:
    """Why a cause cell that names no cause is not read: it names a repeat procedure
    (``Redo for new fracture``) or the new fracture a later procedure treats (``Sabon
    karaya (new fracture) T12``), a later row's reason, not the patient's cause; ``None``
    when it names neither (an error)."""
    if names_repeat(value):
        return "names a repeat procedure, not a cause: not read (the patient's other rows give it)"  # fmt: skip
    if _names_new_fracture(str(value)):
        return "names a new fracture (a later procedure's reason), not a cause: not read (the patient's other rows give it)"  # fmt: skip
    return None
