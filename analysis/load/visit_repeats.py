"""A field repeated on every visit's row that differs on some of them.

A sheet of one row per visit (a hospital export) repeats the patient's and the
procedure's fields on each visit's row. Repeats that agree are one value; a repeat that
differs from what the other rows repeat is a typing slip on its own cell, named with the
cells it disagrees with, and the rows that agree are not blamed. When no value is
repeated by most rows, every row holding one is named.

The visit of each row is named by a column of visit names, or told by its date alone
(:func:`visits_by_date`), on the sheet repeating the procedure or on a sheet of visits
beside the procedures' sheet.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from analysis.io import RawSheet
from analysis.load.header_columns import SheetLayout
from analysis.load.measure_rows import dated_only
from analysis.normalize import is_missing
from analysis.normalize.timepoints import timepoint_by_day
from analysis.problems import WARNING, Problem, Source, sheet_problem
from analysis.spec import load_spec

Record = dict[str, Any]


def odd_repeats(held: Sequence[Record], col: str) -> list[Record] | None:
    """The rows whose ``col`` differs from the value most rows repeat (at least two rows,
    more than half of those holding a value), or ``None`` when no value is held by most."""
    try:
        counts = Counter(r[col] for r in held)
    except TypeError:  # an unhashable value: no count to go by
        return None
    value, n = counts.most_common(1)[0]
    if n < 2 or 2 * n <= len(held):
        return None
    return [r for r in held if r[col] != value]


def _shown(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, tuple):
        return ", ".join(map(str, value))
    return str(value)


def repeat_message(
    what: str,
    key: str,
    column: str,
    held: Sequence[Record],
    odd: Sequence[Record] | None,
    places: Callable[[list[Source]], str],
    col: str,
) -> str:
    """The message on a repeat that differs: the cells holding each value, the odd ones
    first (``places`` names a group of rows' cells, ``M54`` or ``rows 55, 56``)."""
    odd_ids = {id(r) for r in odd or ()}
    groups: dict[str, list[Source]] = {}
    for r in sorted(held, key=lambda r: id(r) not in odd_ids):  # the odd rows first
        groups.setdefault(_shown(r[col]), []).append(r["_src"])
    said = [f"{places(srcs)} '{value}'" for value, srcs in groups.items()]
    if odd:
        differs = f"{said[0]} differs from {', '.join(said[1:])}"
        fix = "correct the cell that is wrong"
    else:
        differs = " vs ".join(said)
        fix = "correct the cells that are wrong"
    return f"{what} {key}: {column} is repeated on each visit's row and differs: {differs}; {fix}"


def visits_by_date(sheet: RawSheet, layout: SheetLayout) -> bool:
    """A sheet of one row per visit told by the visit's date alone: a column of visit
    dates, none naming the visit, an outcome column naming no time point, the procedure
    (its date or level) repeated on each visit's row or no field of a procedure at all (a
    sheet of visits beside the procedures' sheet), and a study ID on several rows.
    Each score's time point follows from its date and its procedure's
    (:func:`~analysis.normalize.timepoints.timepoint_by_day`), said in one warning naming
    the rows (:func:`dated_visits_warning`); a visit dated longer before the procedure
    than a pre-procedure assessment may be is an error on its date
    (:func:`long_before_message`)."""
    columns = layout.columns
    labels = {c.target.label for c in columns if c.target is not None}
    procedure = labels & {"date:procedure_date", "procedures.level"}
    untimed = any(
        c.target is not None and c.target.kind == "measure" and c.target.timepoint is None
        for c in columns
    ) and (bool(procedure) or not any(t.startswith("procedures.") for t in labels))
    key = next(
        (
            c.index - 1
            for c in columns
            if c.target is not None and c.target.label == "patients.patient_id"
        ),
        None,
    )
    if not (untimed and dated_only(columns)) or key is None:
        return False
    seen: set[str] = set()
    for cells in sheet.rows[layout.header_row :]:
        v = cells[key] if key < len(cells) else None
        if is_missing(v):
            continue
        text = str(v).strip()
        if text in seen:
            return True
        seen.add(text)
    return False


def long_before_message(day: int) -> str:
    """The error on a visit told by its date alone dated ``-day`` days before the
    patient's first procedure, longer before it than a pre-procedure assessment may be;
    when the same day a year later is a follow-up time point, the year is named as the
    likely slip."""
    later = timepoint_by_day(day + 365)
    hint = f"; a year later it would be the {later} visit: is the year mistyped?" if later not in (None, "pre") else ""  # fmt: skip
    return (
        f"visit dated {-day} days before the patient's first procedure, longer before it "
        f"than a pre-procedure assessment may be ({load_spec().vocabulary.before_days} days)"
        f"{hint}; check the visit date (or the procedure date); its scores are not read"
    )


def dated_visits_warning(file: str, sheet: str, rows: Sequence[int]) -> Problem:
    """The warning that the visits on ``rows`` of a sheet were placed at time points by
    their dates alone: each the time point nearest its days after its procedure."""
    where = f"row {rows[0]}" if len(rows) == 1 else f"rows {rows[0]}-{rows[-1]}"
    return sheet_problem(
        file,
        sheet,
        "timepoint_by_date",
        f"{len(rows)} visit(s) ({where}) name no time point: each is read at the time point "
        "nearest its days after its procedure (data_schema/vocabulary.yaml, "
        "timepoints.by_day), not by a schedule the sheet may state in words; check them "
        "against the unit's schedule, or name each row's visit in a column",
    )


def procedure_day_baselines(
    dated: Sequence[Record],
) -> tuple[list[Record], list[Problem]]:
    """Of the measurements placed at the baseline by their dates alone, those taken on
    the procedure's own day when a score of the same measure is dated on a day before it:
    a score of the procedure's day may be taken after it (in recovery), so the earlier
    one is the baseline and these are not read, each said in a warning. Returns the
    records kept and the warnings. A procedure-day score alone (pre-operative holding)
    stays the baseline. Several scores of one measure on the procedure's day, none
    before it, each recorded with its time: the earliest is the baseline, the later ones
    are not read (each said)."""
    earlier = {
        (a["procedure_id"], a["measure"])
        for a in dated
        if a["timepoint"] == "pre" and a.get("day") is not None and a["day"] < 0
    }
    first = _earliest_of_the_day(dated, earlier)
    kept, problems = [], []
    for a in dated:
        key = (a["procedure_id"], a["measure"])
        if a["timepoint"] == "pre" and a.get("day") == 0 and key in first and a is not first[key]:  # fmt: skip
            problems.append(
                a["_src"].problem(
                    "timepoint",
                    f"a {a['measure']} score recorded on its procedure's day at "
                    f"{_clock(a['_visit_time'])}, after one recorded at "
                    f"{_clock(first[key]['_visit_time'])} that day: it may be taken after the "
                    "procedure (in recovery), so the earliest is the baseline; not read",
                    severity=WARNING,
                )
            )
            continue
        if a["timepoint"] == "pre" and a.get("day") == 0 and key in earlier:
            problems.append(
                a["_src"].problem(
                    "timepoint",
                    f"a {a['measure']} score dated on its procedure's day, beside one dated "
                    "before it: it may be taken after the procedure (in recovery), so the "
                    "earlier one is the baseline; not read",
                    severity=WARNING,
                )
            )
            continue
        kept.append(a)
    return kept, problems


def _earliest_of_the_day(
    dated: Sequence[Record], earlier: set[tuple[object, object]]
) -> dict[tuple[object, object], Record]:
    """Per procedure and measure with several baseline scores on the procedure's day and
    none before it, every one recorded with a distinct time of day: the earliest."""
    same_day: dict[tuple[object, object], list[Record]] = {}
    for a in dated:
        key = (a["procedure_id"], a["measure"])
        if a["timepoint"] == "pre" and a.get("day") == 0 and key not in earlier:
            same_day.setdefault(key, []).append(a)
    out = {}
    for key, scores in same_day.items():
        times = [a.get("_visit_time") for a in scores]
        if len(scores) > 1 and None not in times and len(set(times)) == len(times):
            out[key] = min(scores, key=lambda a: a["_visit_time"])
    return out


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
