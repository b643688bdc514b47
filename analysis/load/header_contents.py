"""Reading a column by its cells as well as its header: a reading confirmed, switched or
dropped by how its values parse, the study ID found by its contents, one study ID of
several, a scale shared by a measure's columns."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from functools import cache

import numpy as np

from analysis.config import LoadOptions
from analysis.io import RawSheet
from analysis.io.columns import Coded, distinct
from analysis.levels import LevelError, parse_levels
from analysis.load.fracture_reports import dated_fracture
from analysis.load.header_columns import (
    ACCEPT_FIT,
    CONTENT_ONLY,
    PART_NAMED,
    QUESTION,
    SWITCH_ABOVE,
    SWITCH_BELOW,
    SWITCH_HEADER,
    HeaderColumn,
    SheetLayout,
    by_header,
    convention_reading,
    dash_reading,
    language_checked,
    message_problem,
    user_values,
    with_convention,
)
from analysis.load.header_levels import ticked_totals
from analysis.load.header_names import FORM_LABEL
from analysis.load.header_sessions import _as_fracture, _names_new_fracture, is_slot_field
from analysis.load.leak_sites import sites_beside_leakage
from analysis.load.visit_dates import visit_dates_at
from analysis.normalize import Target, is_missing, parse_date_column
from analysis.normalize.cells import (
    CellError,
    fold_width,
    levels_with_volumes,
    roman_numeral,
)
from analysis.normalize.content import MIN_EVIDENCE, SAMPLE, ColumnFit, column_fit, is_typed
from analysis.normalize.dates import ETHIOPIAN, calendar_named, date_inside, own_calendar
from analysis.normalize.deaths import names_death, plain_yes, says_alive
from analysis.normalize.headers import (
    DEATH_NOTE,
    LEVEL_DATE,
    NOTE,
    VISIT,
    header_candidates,
    header_unit,
    noted_scale,
)
from analysis.normalize.notes import read_note
from analysis.normalize.scores import SCORES, named_scores
from analysis.normalize.serials import (
    day_count_years,
    day_counts_how,
    day_counts_unread,
    names_a_date,
    plausible_years,
)
from analysis.normalize.timed_scores import timed_scores, timed_target
from analysis.normalize.timepoints import (
    column_letters,
    counted_point,
    counted_unit,
    names_repeat,
    segment,
    session_named_first,
    session_named_last,
    session_of,
    timepoint_of,
    visit_point,
)
from analysis.problems import Problem, column_named, sheet_problem
from analysis.spec import load_spec, normalize_text


def _shared_scale(cols: list[HeaderColumn]) -> list[HeaderColumn]:
    """A scale declared on one column of a measure (``VAS pre (mm)``) holds for the
    sheet's other columns of that measure that declare none (``VAS 2/52``, ``VAS 3/12``)."""
    declared: dict[str, set[float]] = {}
    for c in cols:
        t = c.target
        if t is not None and t.kind == "measure" and t.scale is not None:
            declared.setdefault(str(t.measure), set()).add(t.scale)
    return _with_scales(cols, declared, "scale as its sibling columns")


def _with_scales(cols: list[HeaderColumn], declared: dict[str, set[float]], why: str) -> list[HeaderColumn]:  # fmt: skip
    """Each measure column that declares no scale on the one scale declared for its
    measure (none when none or several are), ``why`` added to how it was read."""
    out = []
    for c in cols:
        t = c.target
        scales = declared.get(str(t.measure), set()) if t is not None and t.kind == "measure" else set()  # fmt: skip
        if t is not None and t.scale is None and len(scales) == 1:
            scale = next(iter(scales))
            c = replace(c, target=replace(t, scale=scale), reason=f"{c.reason}; {why.format(scale=scale)}")  # fmt: skip
        out.append(c)
    return out


def title_lines(sheet: RawSheet, first_row: int) -> tuple[str, ...]:
    """The text of the lines above a table (its title, a legend such as ``VAS 0-100 mm``)."""
    lines = (
        " ".join(str(v).strip() for v in sheet.row(r) if isinstance(v, str) and v.strip())
        for r in range(first_row - 1)
    )
    return tuple(line for line in lines if line)


def foot_lines(sheet: RawSheet, header_row: int) -> tuple[str, ...]:
    """The note lines under a table (``VAS = 0-100 mm``): the sheet's last rows, each one
    written text cell, set apart from the table's rows by a blank row; none without it."""
    lines: list[str] = []
    for r in range(sheet.n_rows, header_row, -1):
        written = [v for v in sheet.row(r - 1) if not is_missing(v)]
        if not written:
            return tuple(reversed(lines))
        if len(written) > 1 or not isinstance(written[0], str):
            return ()
        lines.append(written[0].strip())
    return ()


def noted_scales(sheet: RawSheet, header_row: int, cols: list[HeaderColumn]) -> list[HeaderColumn]:
    """A scale declared in a note line above the table (``VAS — pain scale 0-100 mm``;
    a reshaped sheet keeps its original sheet's lines), or under it, holds for the columns
    of the measure it names that declare none; lines that disagree declare nothing."""
    origin = sheet.origin
    above = origin.notes if origin is not None else title_lines(sheet, header_row)
    below = foot_lines(sheet, header_row) if origin is None else ()
    declared: dict[str, set[float]] = {}
    where: set[str] = set()
    for line, place in [*((a, "above") for a in above), *((b, "under") for b in below)]:
        if (found := noted_scale(line)) is not None:
            declared.setdefault(found[0], set()).add(found[1])
            where.add(place)
    place = " and ".join(p for p in ("above", "under") if p in where) or "above"
    return _with_scales(cols, declared, "scale 0-{scale:g} from the note " + place + " the table")


def measure_runs(cols: list[HeaderColumn]) -> list[HeaderColumn]:
    """Columns whose header names only a time point (``24 h``, ``1 month``), right after
    a column of an outcome at a time point (``Pain (VAS) pre``), continue that outcome:
    the header names the measure once, over the first of its columns."""
    out: list[HeaderColumn] = []
    before: HeaderColumn | None = None
    for c in sorted(cols, key=lambda c: c.index):
        t, prev = c.target, before.target if before is not None else None
        adjacent = before is not None and before.index == c.index - 1
        tp = timepoint_of(c.header) if t is None and c.header else None
        if tp is not None and adjacent and prev is not None and prev.kind == "measure" and prev.timepoint:  # fmt: skip
            t = Target("measure", measure=prev.measure, timepoint=tp, scale=prev.scale)
            c = replace(c, target=t, reason="header names a time point; the outcome of the column before it")  # fmt: skip
        out.append(c)
        before = c
    return out


# a record number's shape (six digits or more); as analysis.load.checks judges study IDs
_RECORD_SHAPE = re.compile(r"^\s*[A-Za-z]{0,3}[\s#:_-]*\d{6,}\s*$")


@cache
def _study_words() -> frozenset[str]:
    return frozenset(segment(w) for w in load_spec().vocabulary.study_words)


def _one_study_id(sheet: RawSheet, header_row: int, cols: list[HeaderColumn]) -> list[HeaderColumn]:
    """One study-ID column: of several read so, the one named outright by its header
    rather than in part, and of those named in part the one whose header words name it
    best (``id_estudi`` rather than ``id_intervencio`` before it), and not a row counter
    (1, 2, 3 ... down the rows: ``序号``, ``Lp.``); the others are not read."""
    ids = [c for c in cols if c.target is not None and c.target.label == "patients.patient_id"]
    if len(ids) < 2:
        return cols

    def rank(col: HeaderColumn) -> tuple[bool, bool, bool, bool, float, int]:
        values = [r[col.index - 1] for r in sheet.rows[header_row:] if col.index - 1 < len(r)]
        values = [v for v in values if not is_missing(v)]
        counter = bool(values) and (_counter(values) or _counts_on(values))
        records = sum(bool(_RECORD_SHAPE.match(str(v))) for v in values) > len(values) / 2
        study = bool(_study_words() & set(segment(col.header).split()))
        return (counter, records, not study, not by_header(col.reason), -col.confidence, col.index)

    keep = min(ids, key=rank)
    return [
        c
        if c is keep or c not in ids
        else replace(c, target=None, reason="a second study-ID column")
        for c in cols
    ]


def _counts_on(values: list[object]) -> bool:
    """Whether the whole numbers among ``values`` count on one by one from where a page
    before left off (9, 10, 11 ... under a register's repeated header), three at least
    and four in five of the cells but notes (a sentence of three words or more): a
    register's line numbers beside its page's footer (``Page 2/2``)."""
    rows = [v for v in values if not (isinstance(v, str) and len(v.split()) >= 3)]
    numbers = [v for v in rows if isinstance(v, int) and not isinstance(v, bool)]
    return (
        len(numbers) >= 3
        and len(numbers) >= 0.8 * len(rows)
        and numbers == list(range(numbers[0], numbers[0] + len(numbers)))
    )


# A study ID's shape: a short code of letters and digits ("OS-014", "P12", "2021/07"),
# or a whole number; never a date, a level or a decimal.
_CODE = re.compile(r"^[^\W\d_]{0,8}[-_/. #]?\d{1,6}(?:[-_/.]\d{1,4})?[^\W\d_]{0,2}$")


# or parts of letters and digits joined by dashes, slashes or dots, a letter and a digit
# among them ("SU2/VP/007", "KH-2021-014"): never a date, whose parts are digits only
_PARTS_CODE = re.compile(r"^(?=.*[^\W\d_])(?=.*\d)[^\W_]{1,8}(?:[-_/.#][^\W_]{1,8}){1,3}$")


def code_like(value: object) -> bool:
    """Whether a cell reads as a study ID: a short code (:data:`_CODE`, :data:`_PARTS_CODE`)
    or a whole number."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return 0 < value < 10**7
    if not isinstance(value, str):
        return False
    text = fold_width(value.strip())
    return bool(_CODE.match(text) or _PARTS_CODE.match(text))


def id_by_content(
    sheet: RawSheet,
    header_row: int,
    cols: list[HeaderColumn],
    aside: frozenset[int] = frozenset(),
) -> list[HeaderColumn] | None:
    """The columns with the leftmost column of code-like values read as the study ID,
    when its header is not recognised: at least nine in ten of its values are codes
    (:data:`_CODE`, or whole numbers) written alike, none is a vertebral level, they do
    not count the rows (1, 2, 3 ...), and they are unique per row or recur as one patient's rows do
    (at least a third as many distinct values as rows). The rows ``aside`` (a group's
    heading, a row of means, a note) are no patients' rows: their cells are not judged."""
    for pos, col in enumerate(cols):
        if col.target is not None and col.reason != "header words":
            continue
        values = _sample(sheet, header_row, col, aside)
        if len(values) < 3 or sum(map(code_like, values)) < 0.9 * len(values):
            continue
        texts = {str(v).strip() for v in values}
        if len(texts) < len(values) / 3 or _levels_or_scores(texts) or _counter(values):
            continue
        if not _one_shape(values):
            continue
        reason = (
            f"cell contents: {sum(map(code_like, values))} of {len(values)} values are "
            f"code-like, {len(texts)} distinct"
        )
        return [*cols[:pos], _as_study_id(col, len(values), reason), *cols[pos + 1 :]]
    return None


def _as_study_id(col: HeaderColumn, n_values: int, reason: str) -> HeaderColumn:
    """``col`` read as the study ID, found by its ``n_values`` cells as ``reason`` says."""
    return replace(
        col,
        target=Target("column", "patients", "patient_id"),
        confidence=0.5,
        n_values=n_values,
        n_parsed=n_values,
        reason=reason,
    )


def _sample(
    sheet: RawSheet, header_row: int, col: HeaderColumn, aside: frozenset[int] = frozenset()
) -> list[object]:
    """The column's first :data:`SAMPLE` rows' cells below its header, missing ones and
    those of the rows ``aside`` left out."""
    return [
        r[col.index - 1]
        for n, r in enumerate(sheet.rows[header_row : header_row + SAMPLE], start=header_row + 1)
        if col.index - 1 < len(r) and not is_missing(r[col.index - 1]) and n not in aside
    ]


def record_header_study_codes(
    sheet: RawSheet, header_row: int, cols: list[HeaderColumn]
) -> list[HeaderColumn] | None:
    """The columns with the sheet's only patient key, a column whose header names a
    record number (``Hasta No``, ``Patient no.``), read as the study ID when its cells
    are a study's codes (:func:`study_code_letters`). Where several headers name a record
    number (``Hasta No``, ``Protokol No``, ``TC Kimlik No``), the one column among them
    whose cells are a study's codes is taken; bare numbers stay a record number."""
    keys = [c for c in cols if c.target is not None and c.target.label == "identifier:mrn"]
    found = [
        (c, v, p)
        for c in keys
        for v in [_sample(sheet, header_row, c)]
        if (p := study_code_letters(v))
    ]
    if len(found) != 1:
        return None
    col, values, prefix = found[0]
    codes = sum(map(code_like, values))
    reason = (
        f"header names a record number, but its cells are study codes: {codes} "
        f"of {len(values)} values written alike after the letters {prefix!r}"
    )
    chosen = _as_study_id(col, len(values), reason)
    return [chosen if c is col else c for c in cols]


def running_number_key(
    sheet: RawSheet, header_row: int, cols: list[HeaderColumn], aside: frozenset[int]
) -> list[HeaderColumn] | None:
    """The columns with the sheet's first column read as the study ID when its cells count
    the patients (1, 2, 3 ...: ``№ п/п``, the running number of a patient in the study)
    and the sheet names no other key than a record number: one row per patient, the
    running number is a pseudonymous key, known to no one outside the study. A column
    read as anything, the record number first of all, is never taken; nor are numbers
    that repeat or skip (a visit's or a vertebra's rows, a count of rows)."""
    first = next((c for c in cols if c.header.strip()), None)
    if first is None or first.target is not None:
        return None
    values = _sample(sheet, header_row, first, aside)
    numbers = [v for v in values if isinstance(v, int | float) and not isinstance(v, bool)]
    if len(values) < 3 or len(numbers) != len(values) or len(set(numbers)) != len(numbers):
        return None
    if not _counter(values):
        return None
    reason = (
        f"a running number counting the patients ({len(values)} rows numbered 1 to "
        f"{len(values)}), the sheet's only key beside a record number: read as the study ID"
    )
    chosen = _as_study_id(first, len(values), reason)
    return [chosen if c is first else c for c in cols]


def study_code_letters(values: list[object]) -> str | None:
    """The letters before the number of a study's codes (``ANK`` of ``ANK-01``,
    ``ANK-12``), when ``values`` are such codes: at least three, nine in ten of them codes
    (:func:`code_like`) of one shape with the same letters before the number, none of a
    record number's shape (six digits or more), not counting the rows, and recurring at
    most as one patient's rows do. None for anything else (bare numbers, a record number)."""
    texts = [fold_width(str(v).strip()) for v in values]
    codes = [t for v, t in zip(values, texts, strict=True) if code_like(v)]
    prefixes = {" ".join(_LETTERS.findall(t)) for t in codes}
    if (
        len(codes) < 3
        or len(codes) < 0.9 * len(values)  # a note line under the rows
        or len(prefixes) != 1
        or not next(iter(prefixes))
        or any(_RECORD_SHAPE.match(t) for t in texts)
        or len(set(codes)) < len(codes) / 3
        or _counter(values)
        or not _one_shape(values)
    ):
        return None
    return next(iter(prefixes))


_LETTERS = re.compile(r"[^\W\d_]+")
_DIGITS = re.compile(r"\d+")


def _one_shape(values: list[object]) -> bool:
    """Whether nine in ten values are written alike (``VP-01``, ``VP-12``: letters, a
    dash, digits), as one unit's study IDs are; levels mixed with scores are not."""
    return shared_shape(values) >= 0.9


def shared_shape(values: list[object]) -> float:
    """The share of the values written in their commonest shape (letters as ``A``,
    digits as ``9``: ``VP-01`` and ``VP-12`` are both ``A-9``)."""
    if not values:
        return 0.0
    shapes = Counter(
        _DIGITS.sub("9", _LETTERS.sub("A", fold_width(str(v).strip()))) for v in values
    )
    return shapes.most_common(1)[0][1] / len(values)


def _counter(values: list[object]) -> bool:
    """Whether the values count the rows (1, 2, 3 ... : ``№``, ``Lp.``, ``Հ/Հ``), not
    patients. A line of notes under the rows (a sentence of three words or more: a key,
    a legend) is no row, however short the table above it."""
    rows = [v for v in values if not (isinstance(v, str) and len(v.split()) >= 3)]
    counted = sum(str(v).strip() == str(i) for i, v in enumerate(rows, 1))
    return bool(rows) and counted >= 0.9 * len(rows)  # a stray note does not hide it


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


class _DataColumns:
    """A sheet's data rows column by column, each column as codes into its distinct
    cells, gathered once for every column's checks (a large export's columns were each
    gathered row by row several times)."""

    def __init__(self, sheet: RawSheet, header_row: int) -> None:
        self._rows = sheet.rows[header_row:]
        self._coded: dict[int, Coded] = {}
        rectangular = len({len(r) for r in self._rows}) <= 1
        self._columns = list(zip(*self._rows, strict=True)) if rectangular else None

    def coded(self, i: int) -> Coded:
        """Column ``i``'s cells (0-based; rows too short to hold one left out) as codes
        into its distinct cells."""
        if i not in self._coded:
            if self._columns is not None:
                cells: Sequence[object] = self._columns[i] if i < len(self._columns) else ()
            else:
                cells = [r[i] for r in self._rows if i < len(r)]
            array = np.empty(len(cells), dtype=object)
            array[:] = cells
            self._coded[i] = distinct(array)
        return self._coded[i]

    def values(self, i: int) -> list[object]:
        """Column ``i``'s distinct cells."""
        return self.coded(i)[1]


def _values(columns: _DataColumns, col: HeaderColumn, options: LoadOptions) -> list[object]:
    """The column's cells after the value map, up to its :data:`SAMPLE`-th non-missing
    one: every sample :func:`column_fit` draws lies within them (it counts declared
    spellings of missing markers too, so its sample ends no later)."""
    codes, found = columns.coded(col.index - 1)
    mapped = with_convention(col, found, user_values(options, col.header))
    read = [mapped(v) for v in found]  # each distinct cell read once
    present = np.cumsum(np.array([not is_missing(v) for v in read], dtype=bool)[codes])
    end = int(np.searchsorted(present, SAMPLE)) + 1  # up to the SAMPLE-th present
    return [read[c] for c in codes[:end]]


def _describe(target: Target) -> str:
    spec = load_spec()
    if target.kind == "measure":
        return f"{target.measure} scores"
    if target.kind == "date":
        return "dates"
    if target.table is None or target.column not in spec.tables[target.table].columns:
        # a visit column, an identifier, a level and date in one cell, a pair of fields
        return {"visit": "visit names", "identifier": "identifiers"}.get(target.kind, f"{target.kind.replace('_', ' ')} values")  # fmt: skip
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
    fracture = _names_new_fracture(col.header)  # a date under "New fractures" is theirs
    fits = []
    for target, header_score in header_candidates(col.header):
        if target.kind in ("identifier", "ignore"):
            continue
        target = _as_fracture(target) if fracture and target.kind == "date" else target
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
        and not _levels_with_their_volumes(own, unit, values)
        and not _own_unit(own, unit)
    )
    return ColumnFit(own, fit.n_values, 0) if contradicted else fit


def _own_unit(own: Target, unit: str) -> bool:
    """A header giving its own field's unit (``ml`` over each vertebra's cement, ``Vol/level
    (mL)``): the unit confirms the field rather than contradicts it."""
    if own.table is None or own.column is None:
        return False
    return load_spec().column(own.table, own.column).type == unit


def _levels_with_their_volumes(own: Target, unit: str, values: list[object]) -> bool:
    """``Niveaux et ciment (ml)`` over ``D11 : 2 ml ; D12 : 3 ml``: a levels' column whose
    header's volume unit is that of the volume written after each level in its cells."""
    if own.label != "procedures.level" or unit != "volume_ml":
        return False
    written = [v for v in values if isinstance(v, str) and v.strip()]
    return bool(written) and all(map(_level_with_volume, written))


def _level_with_volume(value: str) -> bool:
    try:
        return levels_with_volumes(value) is not None
    except CellError:  # "L6: 6 ml": written so, its level reported by the cell's check
        return True


def _dates_instead(col: HeaderColumn, values: list[object]) -> HeaderColumn | None:
    """A yes/no or day-count column that holds dates (``verstorben``: ``nein`` or the date
    of death) is read as the date its field stands for (``date_switch`` of the
    vocabulary), ``no`` there meaning none. Not when cells name a death in words
    (``Expired 07/21/2023`` beside ``Alive``): those are a vital status, its deaths dated."""
    t = col.target
    kind = load_spec().vocabulary.date_switch.get(t.label) if t is not None else None
    if kind is None or any(names_death(v) for v in values):
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
    fracture's level and date columns), or as a session's procedure (``2nd procedure``:
    yes/no beside that session's own date, technique and level columns), is a flag the
    other columns spell out: not read, with a warning rather than an error."""
    flagged = ("fractures.level", "procedures.level", "procedures.technique")
    if own is None or better or own.label not in flagged:
        return None
    flags = column_fit(values, Target("column", "patients", "died"))  # a yes/no rule
    if flags.fit is None or flags.fit < SWITCH_ABOVE:
        return None
    said = (
        "the session's own columns say what was done"
        if own.label == "procedures.technique"
        else "the level and date columns say which vertebra and when"
    )
    message = (
        f"{column_named(col.letter, col.header)}: a yes/no flag ({flags.n_parsed} of "
        f"{flags.n_values} values); not read: {said}. Map it in a mapping file if it "
        "means something else"
    )
    return replace(col, target=None, reason="a yes/no flag"), message_problem(message, col)


def _flag_under_level(
    col: HeaderColumn, values: list[object], own: Target | None
) -> tuple[HeaderColumn, Problem | None] | None:
    """A column headed as a level whose cells are yes and no only (``New fracture?
    (yes/no)``: mostly no, a few yes, none a level): the flag :func:`_yes_no_flag` says,
    whatever few of its cells are not no."""
    if own is None or own.label not in ("fractures.level", "procedures.level"):
        return None
    if column_fit(values, own).n_parsed:
        return None  # some cells are levels
    return _yes_no_flag(col, values, own, [])


_CEMENT_FIELDS = ("procedures.cement_type", "procedures.cement_volume_ml", "procedures.session_cement_volume_ml")  # fmt: skip


def _levels_each_with_volume(col: HeaderColumn, values: list[object]) -> HeaderColumn | None:
    """A header naming the levels and their cement as much as each other (``Niveaux =
    ciment (ml)``, ``Levels / cement``) over cells giving each level its volume (``D12=3,5
    ; L1=4``): the treated levels, each cell's volumes read with them."""
    if col.target is None or col.target.label not in _CEMENT_FIELDS:
        return None
    candidates = header_candidates(col.header)
    best = max((score for _, score in candidates), default=0.0)
    if not any(t.label == "procedures.level" and score >= best for t, score in candidates):
        return None
    written = [v for v in values if not is_missing(v)]
    if not written or not all(isinstance(v, str) and _level_with_volume(v) for v in written):
        return None
    level = Target("column", "procedures", "level")
    how = "header naming levels and cement; cell contents: each level with its volume"
    return replace(col, target=level, n_values=len(written), n_parsed=len(written), reason=how)


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
    # under a header naming the new fracture, a few cells suffice when every one that is
    # not a "no" is a level and a date ("ไม่มี" on most rows, "T8 (26/12/2564)" on one)
    named = t is not None and t.label != "procedures.level"
    every = named and 0 < fit.n_values == fit.n_parsed
    remarks = t is None and _fracture_remarks(values, fit)
    if not every and not remarks and (fit.fit is None or fit.fit < SWITCH_ABOVE):
        return None
    return replace(
        col,
        target=LEVEL_DATE,
        confidence=fit.n_parsed / fit.n_values,
        n_values=fit.n_values,
        n_parsed=fit.n_parsed,
        reason=_FRACTURE_REMARKS if remarks else "cell contents: a level and a date",
    )


_FRACTURE_REMARKS = (
    "cell contents: remarks naming new fractures, each with its level and date (a fracture "
    "named without its date is said, not read)"
)


def _fracture_remarks(values: list[object], fit: ColumnFit) -> bool:
    """A column of remarks under a header naming nothing known, each cell naming a fracture
    in words (``nouvelle fracture T7 (IRM du 14/06/2023)``, ``reprise : fracture T7``), at
    least half of them each fracture's level and date: the new fractures they date."""
    present = [v for v in values if not is_missing(v)]
    return fit.n_parsed >= max(MIN_EVIDENCE, fit.n_values / 2) and all(
        isinstance(v, str) and _names_new_fracture(v) for v in present
    )


_EVENT_DATES = frozenset(
    f"date:{kind}"
    for kind in ("procedure_date", "fracture_date", "visit_date", "death_date", "followup_date")
)


def _birth_dates(target: Target, values: list[object]) -> bool:
    """Dates that are mostly before 1960 are no procedures', visits', new fractures' or
    deaths' (vertebral augmentation began in the 1980s): a birth date column named in
    words the loader does not know."""
    if target.label not in _EVENT_DATES:
        return False
    parsed = [d for d in parse_date_column(values) if isinstance(d, date)]
    return bool(parsed) and sum(d.year < 1960 for d in parsed) > len(parsed) / 2


def _age_not_birth_date(col: HeaderColumn, values: list[object]) -> HeaderColumn:
    """A header read as a birth date over cells that are whole numbers of years (``Dob``:
    'age' in Croatian, Serbian, Slovene, 'date of birth' in English) is the age."""
    present = [v for v in values if not is_missing(v)]
    years = [v for v in present if _whole_years(v)]
    if not present or len(years) < _AGE_SHARE * len(present):
        return col
    age = Target("column", "patients", "age_years")
    return replace(col, target=age, reason="header; the cells hold ages, not birth dates")


_AGE_FROM_BIRTH = (
    "; the age at the first procedure is derived from it where no age is typed "
    "(the date is never shown)"
)
_AGE_SHARE = 0.9  # nine in ten cells an age: one mistyped age is an error to report


def _whole_years(value: object) -> bool:
    if isinstance(value, str):
        value = value.strip()
        if not value.isdigit():
            return False
        value = int(value)
    return isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer() and 0 <= value < 1000  # fmt: skip


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
        if fit.fit is not None and (fit.fit >= CONTENT_ONLY or _visits(target, values, fit)):
            out.append((fit, 0.0))
    return out


def _words_named_in_part(fits: list[tuple[ColumnFit, float]]) -> list[tuple[ColumnFit, float]]:
    """Fields of distinctive words a header names in part (the fields read by contents
    alone, and lists of sites: leakage), kept when nearly all values are their words (a
    leakage question whose answers are leak sites), as for a field read by contents. A
    field of short codes (``Rhyw / Sex``: ``M``, ``F``) is not read so."""
    out = []
    distinctive = load_spec().vocabulary.content_fields
    for fit, header_score in fits:
        target = fit.target
        if target.kind != "column" or header_score < PART_NAMED or (fit.fit or 0) < CONTENT_ONLY:
            continue
        ctype = load_spec().column(str(target.table), str(target.column)).type
        if target.label in distinctive or ctype == "multi_category":
            out.append((fit, header_score))
    return out


def _visits(target: Target, values: list[object], fit: ColumnFit) -> bool:
    """A column of visits whose rows name events as well (the procedure's row of a sheet
    of one row per visit): half its values name time points, three at least."""
    if target != VISIT or (fit.fit or 0) < 0.5:
        return False
    named = {timepoint_of(v) for v in {str(v) for v in values if not is_missing(v)}}
    return len(named - {None}) >= 3


def _by_contents(col: HeaderColumn, fit: ColumnFit) -> HeaderColumn:
    """The column read as the field its distinctive values fit."""
    return replace(
        col,
        target=fit.target,
        confidence=fit.fit or 0.0,
        n_values=fit.n_values,
        n_parsed=fit.n_parsed,
        reason="cell contents",
    )


def _kept_visit(col: HeaderColumn, values: list[object], own: Target | None) -> HeaderColumn | None:  # fmt: skip
    """A column its header names as the visit, kept when its values name at least two
    time points: events that name none (enrolment, the procedure, end of study) are said
    on their rows, not a reason to drop the column."""
    if own is None or own.kind != "visit":
        return None
    named = {timepoint_of(v) for v in {str(v) for v in values if v is not None}}
    if len(named - {None}) < 2:
        return None
    fit = column_fit(values, own)
    return replace(col, n_values=fit.n_values, n_parsed=fit.n_parsed, reason=col.reason + _lettered_how(values))  # fmt: skip


def _lettered_how(values: list[object]) -> str:
    """How a visit column's cells written as a letter glued to a number that names no
    visit alone (``S6``) are read, in the notation of its other cells (``J1``, ``M3``);
    ``""`` when it has none."""
    letters = column_letters(values)
    read = sorted(
        {
            v
            for v in values
            if isinstance(v, str) and timepoint_of(v) is None and visit_point(v, letters)
        }
    )
    if not read:
        return ""
    said = ", ".join(f"'{v}' as {visit_point(v, letters)}" for v in read)
    return f"; {said}, in the notation of the column's other visits ({'/'.join(sorted(x.upper() for x in letters))})"  # fmt: skip


# fields a header names when it names the procedure (``Proc``, ``Procedure``)
_PROCEDURE_WORDS = frozenset(
    {"procedures.technique", "date:procedure_date", "procedures.procedure_id"}
)


def _session_numbers(
    col: HeaderColumn, values: list[object], own: Target | None
) -> HeaderColumn | None:
    """A header naming the procedure (``Procedure``, ``Procedūra``) over session numbers
    (``1``, ``2``) or ordinal words (``first``, ``pakartotinė``) rather than techniques:
    the session of the row, read as its procedure identifier. A header naming the
    procedure only in part (``Proc No``) over such numbers is read so too."""
    named = own is not None and own.label == "procedures.technique"
    if own is None and col.reason == "header words":
        named = any(t.label in _PROCEDURE_WORDS for t, _ in header_candidates(col.header))
    if not named:
        return None
    ordinals = {normalize_text(w) for words in load_spec().vocabulary.ordinals.values() for w in words}  # fmt: skip
    # a remark in brackets beside the number is no part of it ("2ème (reprise)": the repeat)
    given = [normalize_text(_REMARK.sub(" ", str(v))) for v in values if not is_missing(v)]
    if not given or not all((g.isdigit() and 1 <= int(g) <= 9) or g in ordinals or roman_numeral(g) for g in given):  # fmt: skip
        return None
    return replace(
        col,
        target=Target("column", "procedures", "procedure_id"),
        n_values=len(given),
        n_parsed=len(given),
        reason="values are session numbers or ordinal words, not techniques",
    )


_REMARK = re.compile(r"[(\[（][^)\]）]*[)\]）]")


def _settled(
    col: HeaderColumn, values: list[object], own: Target | None
) -> tuple[HeaderColumn, Problem | None] | None:
    """A reading the cells settle before any fit is weighed: dates, a level and a date,
    a unit's twin, a kept visit column, session numbers, a yes/no flag under a level."""
    settled = (
        _dates_instead(col, values)
        or _level_and_date(col, values)
        or _levels_each_with_volume(col, values)
        or _unit_twin(col, values)
        or _kept_visit(col, values, own)
        or _session_numbers(col, values, own)
        or _vital_status(col, values, own or col.target)
        or _death_remarks(col, values, own)
        or _operative_notes(col, values, own)
        or _named_scores(col, values, own)
        or _timed_scores(col, values, own)
    )
    return (settled, None) if settled is not None else _flag_under_level(col, values, own)


def _operative_notes(col: HeaderColumn, values: list[object], own: Target | None) -> HeaderColumn | None:  # fmt: skip
    """A column of sentences naming each session's vertebrae and their cement under a
    header naming nothing known (``Operative note``: ``T7 2.5 ml, T8 5.5 ml, PMMA. Minor
    leak at T8 ...``): nine in ten of its cells are such notes, each a sentence or more,
    written on at least half of the rows (a remark on a few rows naming a vertebra, such as
    a second session booked, is no session's note), or on fewer, the procedure's rows of a
    log of encounters, when nine in ten give each vertebra its volume (``Levels: L1 3.5ml,
    L2 4ml``) or the session's in a sentence of its own (``CEMENT: PMMA 9.5 ML TOTAL.``),
    as a remark never does. A header naming the procedure (``Procedure Description``)
    over such notes holds them too: the technique is only one of their parts."""
    if own is not None and own.label != "procedures.technique":
        return None
    present = [v for v in values if not is_missing(v)]
    long = [v for v in present if isinstance(v, str) and len(v.split()) >= 4]
    if len(present) < MIN_EVIDENCE or len(long) < CONTENT_ONLY * len(present):
        return None
    if len(present) < len(values) / 2 and sum(_with_volumes(v) for v in present) < CONTENT_ONLY * len(present):  # fmt: skip
        return None
    fit = column_fit(values, NOTE)
    if (fit.fit or 0) < CONTENT_ONLY:
        return None
    return replace(col, target=NOTE, confidence=fit.fit or 0.0, n_values=fit.n_values, n_parsed=fit.n_parsed, reason="cell contents: operative notes naming the vertebrae treated")  # fmt: skip


def _named_scores(col: HeaderColumn, values: list[object], own: Target | None) -> HeaderColumn | None:  # fmt: skip
    """A column of each visit's scores of several measures in one cell, each after its name
    (``VAS 7/10; ODI 44%``) under a header naming no field (``Scores``): nine in ten of its
    cells are such, and some name two measures or more."""
    if own is not None:
        return None
    present = [v for v in values if not is_missing(v)]
    found = [named_scores(v) for v in present]
    read = [f for f in found if f is not None]
    if len(present) < MIN_EVIDENCE or len(read) < CONTENT_ONLY * len(present) or not any(len(f) > 1 for f in read):  # fmt: skip
        return None
    return replace(col, target=SCORES, confidence=len(read) / len(present), n_values=len(present), n_parsed=len(read), reason="cell contents: scores, each after its measure's name")  # fmt: skip


def _timed_scores(col: HeaderColumn, values: list[object], own: Target | None) -> HeaderColumn | None:  # fmt: skip
    """A column of a measure's scores at several visits in one cell, each line naming its
    visit (``Trước mổ: 8`` / ``1 tháng: 3``) under a header naming the measure alone
    (``VAS``): nine in ten of its cells are such, and some name two visits or more."""
    if own is None or own.kind != "measure" or own.timepoint is not None:
        return None
    present = [v for v in values if not is_missing(v)]
    read = [f for f in map(timed_scores, present) if f is not None]
    if len(present) < MIN_EVIDENCE or len(read) < CONTENT_ONLY * len(present) or not any(len(f) > 1 for f in read):  # fmt: skip
        return None
    return replace(col, target=timed_target(own), confidence=len(read) / len(present), n_values=len(present), n_parsed=len(read), reason="cell contents: the measure's scores, each line after its visit")  # fmt: skip


def _with_volumes(value: object) -> bool:
    """An operative note giving each of its vertebrae a volume, or the session's."""
    note = read_note(value)
    return note is not None and (len(note.volumes) == len(note.levels) or note.total is not None)


_DIED = Target("column", "patients", "died")


def _vital_status(col: HeaderColumn, values: list[object], own: Target | None) -> HeaderColumn | None:  # fmt: skip
    """A column of each patient's vital status under a header naming another field
    (``Outcome``: ``Alive``, ``died Sep 2023``) or nothing known (``Status``: ``Alive, on
    follow-up``, ``Expired``): nine in ten of its values read as alive or dead, and some
    name a death outright, not a plain yes/no; the header's own field fits fewer of them
    (``Status (last contact)``: only the dates beside ``Expired``). Under a header naming
    no field (``অবস্থা Status``) some must name a death, some say alive and none is a
    plain yes."""
    if own is not None and own.label == _DIED.label:
        if col.confidence >= 1.0:
            return None
        own = None  # a header naming it only in part (``Status``): the cells decide
    fit = column_fit(values, _DIED)
    if (fit.fit or 0) < 0.9 or not any(names_death(v) for v in values):
        return None
    if _dated_deaths_unread(values, fit):  # "falleció 04/09/2022": remarks, dates kept
        return None
    # under a header naming no field, or another field only in part (``Status``: a word of
    # ``Ambulation status``), the cells alone decide: some alive, none a plain yes
    if (own is None or col.confidence < 1.0) and (
        not any(says_alive(v) for v in values) or any(plain_yes(v) for v in values)
    ):
        return None
    if own is not None:
        own_fit = column_fit(values, own)
        if own_fit.fit == 1.0 and own_fit.n_parsed >= fit.n_parsed:
            return None
    return replace(col, target=_DIED, confidence=fit.fit or 0.0, n_values=fit.n_values, n_parsed=fit.n_parsed, reason="cell contents: alive or dead")  # fmt: skip


def _dated_deaths_unread(values: list[object], fit: ColumnFit) -> bool:
    """Whether every cell of a vital status the yes/no reading leaves unread names a death
    with its date (``viva`` beside ``wañupun 04/09/2022``), :data:`_DEATH_REMARKS` or more:
    remarks naming deaths with their dates (:func:`_death_remarks`), each date kept."""
    present = [v for v in values if not is_missing(v)]
    dated = [v for v in present if names_death(v) and _dated(v)]
    unread = fit.n_values - fit.n_parsed
    return unread >= _DEATH_REMARKS and unread == len(dated) and not any(plain_yes(v) for v in present)  # fmt: skip


def _death_remarks(col: HeaderColumn, values: list[object], own: Target | None) -> HeaderColumn | None:  # fmt: skip
    """A column of remarks under a header naming no field outright (``Outcome /
    Remarks``: ``Doing well``, ``Alive``, ``Expired on 15/05/2022``), or a field not one
    in two of its cells is (``Outcome``, a procedure's result: ``Alive, ambulant``), in
    which at least :data:`_DEATH_REMARKS` cells name a death with its date and none is a
    plain yes: each death read with its date, ``Alive`` as alive, any other remark as
    nothing of the cohort (and then, as in a register of deaths, a patient whose remark
    names no death is read as alive). So is such a column under a header naming the vital
    status (``转归``, outcome) whose cells are these remarks rather than yes/no codes."""
    if (
        own is not None
        and own.label != "patients.died"
        and (column_fit(values, own).fit or 0) >= _OWN_FIELD_KEPT
    ):
        return None
    present = [v for v in values if not is_missing(v)]
    named = [v for v in present if names_death(v)]
    deaths = [v for v in named if _dated(v)]
    fractures = sum(dated_fracture(v) is not None for v in present)
    # deaths named without their dates (``exitus letalis``) among remarks that name no
    # visit, no new fracture and no vertebra (a column of events naming visits, new
    # fractures and deaths is the row's event; a remark naming a vertebra fractured is
    # read as that fracture, dated by its row: neither is a column of deaths)
    undated = len(named) >= _UNDATED_DEATHS and not any(
        timepoint_of(v) or _names_new_fracture(str(v)) or _names_vertebra(v) for v in present
    )
    # deaths named without their dates (``사망 (폐렴)``) beside new fractures each named
    # with its vertebra and date (``신규 골절 L2 (2022.04.27 MRI)``), every fracture the
    # remarks name dated so: remarks of a patient's course, not a log's events
    with_fractures = (
        bool(named)
        and fractures >= _DEATH_REMARKS
        and fractures == sum(_names_new_fracture(str(v)) for v in present)
    )
    # no death at all, but new fractures each named with its vertebra and date among other
    # remarks of the patient's course (``kuvunjika kupya T11 tarehe 13/05/2021; ...``,
    # ``chemo inaendelea``) under a header naming nothing known, none naming a visit
    fractures_only = (
        own is None
        and not named
        and fractures >= _DEATH_REMARKS
        and fractures == sum(_names_new_fracture(str(v)) for v in present)
        and not any(timepoint_of(v) for v in present)
    )
    enough = (
        (deaths and len(deaths) + fractures >= _DEATH_REMARKS)
        or undated
        or with_fractures
        or fractures_only
    )
    if not enough or any(plain_yes(v) for v in present):
        return None
    read = sum(names_death(v) or says_alive(v) or dated_fracture(v) is not None for v in present)  # fmt: skip
    return replace(col, target=DEATH_NOTE, confidence=1.0, n_values=len(present), n_parsed=read, reason=_DEATH_REMARKS_HOW)  # fmt: skip


_DEATH_REMARKS = 2
_OWN_FIELD_KEPT = 0.5  # a header's own field, fitting one cell in two, is kept
_VERTEBRA_WORD = re.compile(r"(?<![^\W\d_])(?:th|[ctlsd])\s?\d{1,2}(?!\d)", re.I)


def _names_vertebra(value: object) -> bool:
    """A remark naming a vertebra (``nieuwe wervelfractuur T12``)."""
    for m in _VERTEBRA_WORD.finditer(fold_width(str(value))):
        try:
            if parse_levels(m.group(0)):
                return True
        except ValueError:
            continue
    return False


_UNDATED_DEATHS = 3  # remarks naming a death without its date, a column of deaths


def _dated(value: object) -> bool:
    """Whether a text holds a date, in either day/month order when it does not tell its
    own (``মৃত্যু 03-01-2024``: the column's order is settled with the workbook's dates)."""
    return any(date_inside(value, order) is not None for order in (None, "dmy", "mdy"))


_DEATH_REMARKS_HOW = (
    "cell contents: remarks naming deaths with their dates, and new fractures with their "
    "vertebrae and dates (undated, found at the row's visit), and a procedure's cement by "
    "its name or brand (other remarks not read; a "
    "patient whose remark names no death read as alive)"
)


def _choose(col: HeaderColumn, values: list[object]) -> tuple[HeaderColumn, Problem | None]:
    """One column's reading by how its values parse (:func:`_choose_by_values`), a
    column of bare numbers read as dates only as :mod:`analysis.normalize.serials` says:
    its header naming a date, its day counts' years plausible."""
    chosen, problem = _choose_by_values(col, values)
    t = chosen.target
    span = day_count_years(values) if t is not None and t.kind == "date" else None
    if span is None:
        return chosen, problem
    if names_a_date(col.header) and plausible_years(span):
        return replace(chosen, reason=f"{chosen.reason}; {day_counts_how(span)}"), problem
    if not chosen.reason.startswith("cell contents"):
        return chosen, problem  # a date the header names outright: each cell's check says why
    unread = replace(chosen, target=None, confidence=0.0, n_parsed=0, reason=day_counts_unread(span, col.header))  # fmt: skip
    return unread, None


def _counted_visits(header: str, own: Target | None, values: list[object]) -> list[object]:
    """A visit column counting a unit of time after the procedure: its whole numbers as
    the time points they count (:func:`counted_point`), its other cells as written; any
    other column's values as they are."""
    unit = counted_unit(header) if own is not None and own.kind == "visit" else None
    if unit is None:
        return values
    out: list[object] = []
    for v in values:
        n = int(v) if isinstance(v, (int, float)) and not isinstance(v, bool) and float(v).is_integer() else None  # fmt: skip
        if isinstance(v, str) and v.strip().isdigit():
            n = int(v.strip())
        point = counted_point(n, unit) if n is not None else None
        out.append(v if point is None else point[0])
    return out


def _choose_by_values(col: HeaderColumn, values: list[object]) -> tuple[HeaderColumn, Problem | None]:  # fmt: skip
    """Confirm, switch or drop one column's reading by how its values parse.

    A field the header names outright is kept unless its values contradict it; a field
    the header names only in part (``Type``, ``Cement``) is the candidate the values fit.
    """
    provisional = col.target if col.reason == "header words" else None
    own = None if provisional is not None else col.target
    values = _counted_visits(col.header, own, values)  # "Meses post-op": 0, 1, 3, 14
    settled = _settled(col, values, own)
    if settled is not None:
        return settled
    fits = _candidate_fits(col, values, own)
    if provisional is None and own is None:
        fits = _content_fits(values) + _words_named_in_part(fits)
    elif provisional is not None and not is_typed(provisional):
        # a header naming an identifier or text only in part ("OP_ART"): distinctive
        # values (techniques, cements) say more than the shared word
        distinctive = _content_fits(values)
        if distinctive:
            return _by_contents(col, distinctive[0][0]), None
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
        return chosen, message_problem(_switched(where, fit, own), col)
    if own is None or own_fit is None:
        if provisional is not None and column_fit(values, provisional).fit is None:
            return col, None  # nothing in the cells to judge by
        distinctive = _content_fits(values) if provisional is not None else []
        if distinctive:  # "Proc" sharing a word with "proc date" but holding VP and KP
            return _by_contents(col, distinctive[0][0]), None
        return replace(col, target=None, reason="no field fits the values"), None
    return _contradicted(col, values, own, own_fit)


_QUESTION_UNREAD = "a form's question naming {}, its values not that; not read"


def _contradicted(
    col: HeaderColumn, values: list[object], own: Target, own_fit: ColumnFit
) -> tuple[HeaderColumn, Problem | None]:
    """A column whose values contradict its header: read as the field its values name
    outright (``Indication``: ``Osteoporotic VCF``, an etiology), said in a warning; else
    not read, said in an error. A form's question whose values are not the field its
    words name (``This follow-up is after which procedure?``: ``1st procedure``) is not
    read, as a header naming nothing is."""
    # a question's words misread ("after which procedure?"), a form's field label too
    if col.reason in (QUESTION, FORM_LABEL):
        return replace(col, target=None, reason=_QUESTION_UNREAD.format(own.label)), None
    where = column_named(col.letter, col.header)
    distinctive = [f for f, _ in _content_fits(values) if f.target.label != own.label]
    causes = _causes_beside_repeats(values) if not distinctive and own.label != _CAUSE.label else None  # fmt: skip
    if causes is not None:
        distinctive = [causes]
    if distinctive:
        return _by_contents(col, distinctive[0]), message_problem(_switched(where, distinctive[0], own), col)  # fmt: skip
    if own.label == _CAUSE.label and _all_later_reasons(values):
        return replace(col, reason=_REASONS_ONLY), None
    dated = visit_dates_at(values, own)
    if dated is not None:  # "Kontrola 3 m" holding dates: that visit's date
        return _by_contents(col, dated), message_problem(_switched(where, dated, own), col)
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


_CAUSE = Target("column", "patients", "etiology")


_REASONS_ONLY = (
    "header; every value a later procedure's reason (a new fracture, a repeat), none a cause"
)


def _later_reason(value: object) -> bool:
    return isinstance(value, str) and (names_repeat(value) or _names_new_fracture(value))


def _all_later_reasons(values: list[object]) -> bool:
    """Whether every cell of a cause column names a later procedure's reason (a table of
    re-operations whose ``Motif`` is ``Nouvelle fracture L2`` on every row): the column
    is kept, and each cell is said not to be a cause on its row
    (:func:`analysis.load.readings.read_columns`), not the whole column an error."""
    present = [v for v in values if not is_missing(v)]
    return bool(present) and all(_later_reason(v) for v in present)


def _causes_beside_repeats(values: list[object]) -> ColumnFit | None:
    """The fit of a column of causes whose later sessions' rows give the session's reason
    instead (``Tassement ostéoporotique`` on first rows, ``Nouvelle fracture (reprise)``
    on re-dos): nine in ten of the other cells name a cause; the reasons are not read
    (:func:`analysis.load.readings.read_columns` says so on their rows)."""
    later = [v for v in values if _later_reason(v)]
    causes = [v for v in values if not (isinstance(v, str) and v in later)]
    if not later or len(causes) < MIN_EVIDENCE:
        return None
    fit = column_fit(causes, _CAUSE)
    return fit if (fit.fit or 0) >= CONTENT_ONLY else None


def _switched(where: str, fit: ColumnFit, own: Target) -> str:
    """The warning on a column read as the field its values fit, not its header's."""
    return (
        f"{where}: {fit.n_parsed} of {fit.n_values} values are {_describe(fit.target)}, "
        f"not {_describe(own)}: read as {fit.target.label}; "
        "if this is wrong, map the column in a mapping file"
    )


def _session_noted(sheet: RawSheet, layout: SheetLayout, col: HeaderColumn) -> HeaderColumn:
    """A visit column whose notes in brackets name the session a visit follows (``Pre
    (2º proc.)``, read by :func:`analysis.normalize.timepoints.session_of`): said."""
    if col.target is None or col.target.kind != VISIT.kind:
        return col
    i = col.index - 1
    cells = (r[i] for r in sheet.rows[layout.header_row :] if i < len(r))
    texts = [v for v in cells if isinstance(v, str)]
    noted = next((v for v in texts if session_of(v) is not None), None)
    if noted is not None:
        return replace(col, reason=f"{col.reason}; a note in brackets names the session ('{noted}')")  # fmt: skip
    last = next((v for v in texts if session_named_last(v) is not None), None)
    first = next((v for v in texts if session_named_first(v) is not None), None)
    if last is None and first is None:
        return col
    said = (
        f"a visit ending with the second session it follows ('{last}') read as that session's"
        if last is not None
        else f"a visit led by its session's number ('{first}') read as that session's"
    )
    return replace(col, reason=f"{col.reason}; {said}")


def _dash_noted(cells: list[object], col: HeaderColumn) -> HeaderColumn:
    """A column whose lone dashes read as a value beside its cells' words (a leakage
    column's ``-`` beside ``none`` and leak sites: none): said."""
    value = dash_reading(col, cells)
    if value is None or col.reason == "mapping file":
        return col
    return replace(col, reason=f"{col.reason}; a lone dash read as {value} beside the column's words")  # fmt: skip


def _convention_noted(cells: list[object], col: HeaderColumn) -> HeaderColumn:
    """A column whose codes the vocabulary's conventions read beside other codes (``M``
    and ``N`` beside ``ж`` and ``м``; ``N/K`` beside ``M``): said."""
    found = convention_reading(col, cells)
    if found is None or not found.note or col.reason == "mapping file":
        return col
    return replace(col, reason=f"{col.reason}; {found.note}")


MARKED_CALENDARS = (
    "dates marked as of the Ethiopian calendar (E.C., its month names) read in it and "
    "converted to Gregorian; dates marked G.C. and unmarked ones read as Gregorian"
)


def _calendar_noted(values: list[object], col: HeaderColumn) -> HeaderColumn:
    """A date column (or a level-and-date one) whose dates are of a calendar other than the
    Gregorian (``۱۴۰۱/۰۵/۱۲``: Solar Hijri), converted: said."""
    t = col.target
    if t is None or t.kind not in ("date", "level_date") or col.reason == "header words":
        return col
    own = {c for c in map(own_calendar, values) if c is not None}
    if (
        ETHIOPIAN in own and col.calendar is None
    ):  # each date read by its own mark ("27/05/2013 ዓ.ም", "30/03/2021 G.C.")
        return replace(col, reason=f"{col.reason}; {MARKED_CALENDARS}")
    named = Counter(c for c in map(calendar_named, values) if c is not None)
    if not named:
        return col
    calendar = named.most_common(1)[0][0]
    return replace(col, reason=f"{col.reason}; dates of the {calendar} calendar, converted to Gregorian")  # fmt: skip


def _read_contents(sheet: RawSheet, layout: SheetLayout, options: LoadOptions) -> SheetLayout:
    """Check every column read by its header against its values (see :func:`_choose`)."""
    columns, problems = [], []
    headers = [c.header for c in layout.columns if c.header]
    data = _DataColumns(sheet, layout.header_row)
    for col in layout.columns:
        cells = data.values(col.index - 1)  # read by the set of their values alone
        checked, language = language_checked(col, cells, options, headers)
        col = replace(col, language=checked.language)
        if language is not None:
            problems.append(_column_problem(sheet, layout, col, language, "column not read" if checked.target is None else ""))  # fmt: skip
        if col.reason == "mapping file" or not col.header or checked.target != col.target:
            columns.append(checked)
            continue
        if col.target is not None and col.target.label == "identifier:birth_date":
            col = _age_not_birth_date(col, _values(data, col, options))
            if col.target is not None and col.target.label == "identifier:birth_date":
                col = replace(col, reason=f"{col.reason}{_AGE_FROM_BIRTH}")
                span = day_count_years(_values(data, col, options))
                if span is not None and plausible_years(span):  # years not shown
                    col = replace(col, reason=f"{col.reason}; {day_counts_how(None)}")
        untyped = col.target is not None and not is_typed(col.target)
        if (
            untyped
            and col.target is not None
            and (col.target.kind in ("identifier", "ignore") or by_header(col.reason))
        ):
            columns.append(_session_noted(sheet, layout, col))
            continue
        values = _values(data, col, options)
        chosen, problem = _choose(col, values)
        if checked.reason != col.reason and chosen.target == col.target:  # the language said
            chosen = replace(chosen, reason=f"{chosen.reason}{checked.reason[len(col.reason) :]}")
        chosen = _convention_noted(cells, _dash_noted(cells, _calendar_noted(values, chosen)))
        columns.append(_session_noted(sheet, layout, chosen))
        if problem is not None:
            action = "column not read" if problem.severity == "error" else ""
            problems.append(_column_problem(sheet, layout, col, problem, action))
    columns = ticked_totals(sites_beside_leakage(sheet, layout.header_row, columns, options))
    return SheetLayout(layout.header_row, _between_second_session(columns), tuple(problems))


_BETWEEN_SECOND = (
    "; between two columns of the second session on the row (its header naming no field): "
    "the second session's"
)


def _between_second_session(columns: list[HeaderColumn]) -> tuple[HeaderColumn, ...]:
    """A vertebra's field read by its cells alone (``Τσιμέντο``: cement brands), standing
    between two columns the headers gave to the second session on the row (its volume
    and its leakage under ``2η επέμβαση``): that session's field too, as its neighbours'
    group says."""
    out = list(columns)
    for i in range(1, len(out) - 1):
        col, left, right = out[i], out[i - 1], out[i + 1]
        if (
            col.session == 1
            and col.target is not None
            and is_slot_field(col.target)
            and not by_header(col.reason)
            and col.reason != "mapping file"
            and left.session == 2
            and right.session == 2
            and right.index == col.index + 1 == left.index + 2
        ):
            out[i] = replace(col, session=2, reason=f"{col.reason}{_BETWEEN_SECOND}")
    return tuple(out)


def _column_problem(
    sheet: RawSheet, layout: SheetLayout, col: HeaderColumn, problem: Problem, action: str
) -> Problem:
    """A column-level problem placed on its sheet's header row."""
    return sheet_problem(
        sheet.file,
        sheet.sheet,
        problem.rule,
        problem.message,
        row=layout.header_row,
        column=col.header,
        col_index=col.index,
        severity=problem.severity,
        action=action,
    )
