"""Assembling staged records into the tidy cohort, with the checks that need whole tables.

Rules, in order:

1. Timeline. Each patient's index procedure is their earliest procedure (day 0); every
   date becomes a day offset from it and is then discarded.
2. Sessions. Rows of one patient with the same procedure identifier, date or day form
   one session (one ``procedure_id``, one row per vertebra). Outcome cells of a session
   repeated on each of its vertebra rows must agree; outcomes without a session belong
   to the index procedure.
3. Conflicts and duplicates. A patient attribute with two different values, a vertebra
   entered twice in one session, and contradictory outcomes are errors on every row
   involved. New fractures repeated identically on several rows are one fracture. On a
   sheet of one row per visit, the patient and procedure repeated on each visit's row
   are one, and a repeat that differs from what most rows repeat is an error on its own
   cell only, naming the cells it disagrees with (:mod:`analysis.load.visit_repeats`).
   What one slip causes is said once per row: a study ID shared by two people is one
   error on each row's ID cell naming the conflicts it brings (:mod:`analysis.load.row_errors`).
4. Sequences. A new fracture before day 0, follow-up ending before a recorded event and
   death before a recorded event are errors. A score dated after the patient's death (by
   its visit date, else by its time point: :func:`analysis.load.checks.score_day`) is an
   error that leaves out that score only.
5. Quarantine, by policy (:class:`analysis.config.LoadOptions`). Under the default
   ``cell`` policy a bad cell has already become missing and its row stays; only an
   error in a key (patient ID, treated level, a date or day that places the row in time,
   a vertebra entered twice, a reference to an unknown patient) excludes its row.
   Conflicting values of one attribute become missing. Under ``row`` any error excludes
   its row; under ``patient`` any error excludes every row of that patient. Whatever the
   policy, a patient who loses a patient, procedure or fracture row is excluded whole
   (their timeline or event history would be incomplete); a lost outcome row excludes
   only itself. Each error records what it cost in its ``action``. Every input row ends
   up loaded or reported.

Derived columns: ``age_years`` is the age at the index procedure. Ages typed on the rows
of later procedures that agree with the dates (the age at index plus the years elapsed,
within one year) are not conflicts; the age on the index procedure's row is kept. A
patient with no age typed takes it from a birth date, in completed years at the index
procedure (the birth date itself is never kept).
``session_cement_volume_ml`` is the session's total cement: the volume of a row naming
several levels, or the sum of the per-vertebra volumes when each vertebra has one; on a
clinician's sheet, a session of one vertebra gives that vertebra the session's total as
its own volume (a tidy table's volumes are taken as written).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from dataclasses import field as dataclass_field
from datetime import date
from functools import cached_property
from itertools import pairwise

import pandas as pd

from analysis.config import Policy
from analysis.load.checks import scores_after_death
from analysis.load.columnar import Split, ledger, split
from analysis.load.records import Record, Staged
from analysis.load.resubmissions import RULE as RESUBMITTED
from analysis.load.row_errors import one_per_row
from analysis.load.visit_repeats import (
    dated_visits_warning,
    long_before_message,
    odd_repeats,
    procedure_day_baselines,
    repeat_message,
)
from analysis.normalize.headers import TWIN
from analysis.normalize.timepoints import BY_DATE, is_by_date, timepoint_by_day
from analysis.problems import (
    CELL_MISSING,
    ERROR,
    PATIENT_EXCLUDED,
    ROW_EXCLUDED,
    WARNING,
    Problem,
    Source,
    column_letter,
)
from analysis.schema import Cohort, coerce_table
from analysis.spec import TABLES, load_spec

SourceKey = tuple[str, str, int]


def _key(src: Source) -> SourceKey:
    return (src.file, src.sheet, src.row)


def _rows(srcs: Iterable[Source]) -> str:
    rows = sorted({s.row for s in srcs})
    return ", ".join(str(r) for r in rows[:8]) + (" ..." if len(rows) > 8 else "")


@dataclass(frozen=True)
class LoadResult:
    """A loaded cohort with its problems and the fate of every input row.

    Attributes
    ----------
    cohort
        The tidy tables, built from the rows without errors.
    problems
        Every problem found, errors and warnings.
    ledger
        One row per input data row: file, sheet, row and status (``loaded`` or
        ``reported``). ``rows_in == rows_loaded + rows_reported`` always holds;
        ``cells_set_missing`` counts the bad cells of loaded rows.
    patients_in
        Distinct study identifiers on the input's rows (rows without one are not
        patients and count only as rows); ``patients_in == len(cohort.patients) +
        patients_excluded``.
    """

    cohort: Cohort
    problems: list[Problem]
    ledger: pd.DataFrame
    # (file, sheet) -> the sheet's position in its workbook (names a sheet by position)
    sheet_positions: dict[tuple[str, str], int] = dataclass_field(default_factory=dict)
    patients_in: int | None = None

    @property
    def patients_excluded(self) -> int:
        """Patients of the input left out of the cohort (errors on their rows)."""
        if self.patients_in is None:
            return 0
        return self.patients_in - len(self.cohort.patients)

    @property
    def rows_in(self) -> int:
        return len(self.ledger)

    @property
    def rows_loaded(self) -> int:
        return int((self.ledger["status"] == "loaded").sum())

    @property
    def rows_reported(self) -> int:
        return int((self.ledger["status"] == "reported").sum())

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def cells_set_missing(self) -> int:
        """Bad cells that became missing while their rows were loaded."""
        return sum(1 for p in self.problems if p.action == CELL_MISSING)

    def ledger_line(self) -> str:
        """The ledger in one sentence: rows in, loaded, excluded, cells set to missing."""
        return (
            f"{self.rows_in} data rows: {self.rows_loaded} loaded, {self.rows_reported} excluded; "
            f"{self.cells_set_missing} cell(s) set to missing; {len(self.errors)} error(s)"
        )

    def problems_frame(self) -> pd.DataFrame:
        from analysis.problems import ProblemLog

        return ProblemLog(self.problems).to_frame(self.sheet_positions)

    def public_problems(self, show_names: bool = False) -> list[dict[str, object]]:
        """Every problem as a record fit for a console or JSON: the input named by a
        neutral label, a sheet name or header that may not be shown by its position
        (``show_names`` keeps the names as written)."""
        from analysis.problems import public_problems

        return public_problems(
            self.problems, show_names=show_names, sheet_positions=self.sheet_positions
        )

    def __repr__(self) -> str:
        """The ledger, the size of the cohort and the problems by rule, one line each:
        counts and rule names only, never a frame, a cell value or an identifier."""
        c = self.cohort
        lines = [
            "LoadResult",
            f"  ledger: {self.rows_in} data rows in = {self.rows_loaded} loaded + "
            f"{self.rows_reported} reported; {self.cells_set_missing} cells set to missing",
            f"  cohort: {len(c.patients)} patients, {c.procedures['procedure_id'].nunique()} "
            f"procedures ({len(c.procedures)} treated vertebrae), {len(c.assessments)} "
            f"assessments, {len(c.fractures)} new fractures",
        ]
        for severity, name in ((ERROR, "errors"), (WARNING, "warnings")):
            by_rule: dict[str, int] = defaultdict(int)
            for p in self.problems:
                if p.severity == severity:
                    by_rule[p.rule] += 1
            top = sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0]))
            shown = ", ".join(f"{rule} {n}" for rule, n in top[:5])
            more = f", and {len(top) - 5} more rules" if len(top) > 5 else ""
            lines.append(
                f"  {name}: {sum(by_rule.values())}" + (f" ({shown}{more})" if top else "")
            )
        lines.append("  details: .problems_frame() lists every problem, .ledger every input row")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        from analysis.formatting import labelled_html

        return labelled_html(repr(self))


class _Assembler:
    def __init__(self, staged: Staged, policy: Policy = "cell") -> None:
        self.s = staged
        self.policy = policy
        self.problems: list[Problem] = list(staged.problems)
        # rows whose own errors exclude them (a bad cell that only becomes missing does not)
        failed = {
            (p.file, p.sheet, p.row)
            for p in staged.problems
            if p.severity == ERROR and (p.key or policy != "cell")
        }
        # patients whose own rows already have errors: consequences are not reported twice
        self.failed_patients = (
            {pid for src, (pid, _) in staged.row_owner.items() if _key(src) in failed}
            if failed
            else set()
        )
        # the rows of each sheet whose visit's time point was read from its date
        self.dated_visits: dict[tuple[str, str], set[int]] = defaultdict(set)
        # numbered visits dated long before their procedure, each said once (file, sheet, row, column)
        self.long_before_said: set[tuple[object, ...]] = set()
        # patients losing a patient, procedure or fracture row to its own errors, and so
        # excluded whole: a day counted from the procedure left is no error of its own
        self.excluded_patients = {
            pid
            for src, (pid, table) in (staged.row_owner.items() if failed else ())
            if table != "assessments" and _key(src) in failed
        }
        # patients losing a procedure row to its own errors: which of their procedures a
        # visit numbered by its session follows is not known from those left
        self.lost_procedure = {
            pid
            for src, (pid, table) in (staged.row_owner.items() if failed else ())
            if table == "procedures" and _key(src) in failed
        }

    def consequence(
        self, pid: str, srcs: Iterable[Source], rule: str, message: str, column: str | None = None
    ) -> None:
        if pid not in self.failed_patients:
            self.error(srcs, rule, message, column, key=True)

    def error(
        self,
        srcs: Iterable[Source],
        rule: str,
        message: str,
        column: str | None = None,
        value: object = None,
        key: bool = False,
    ) -> None:
        field = _FIELD_OF.get(column or "", column or "")
        for src in sorted(set(srcs), key=_key):
            where = [f for f in (field, *_WRITTEN_IN.get(field, ())) if self.s.cell_of(src, f)]
            cell = self.s.cell_of(src, where[0]) if where else None
            header, index = cell if cell is not None else (column, None)
            self.problems.append(
                src.problem(rule, message, column=header, col_index=index, value=value, key=key)
            )
            # the same date in another calendar beside it: the same mistake, named there too
            twin = self.s.cell_of(src, f"{TWIN}:{where[0]}") if where else None
            if twin is not None:
                named = src.problem(rule, message, column=twin[0], col_index=twin[1], value=value, key=key)  # fmt: skip
                self.problems.append(named)

    # 1. timeline --------------------------------------------------------------------
    def timeline(self) -> None:
        by_patient: dict[str, list[Record]] = defaultdict(list)
        for p in self.s.procedures:
            by_patient[p["patient_id"]].append(p)
        self.index_date = {}
        for pid, procs in by_patient.items():
            self._session_dates(procs)
            dated = [p["_date"] for p in procs if p.get("_date") is not None]
            if dated:
                self.index_date[pid] = min(dated)
                undated = [
                    p["_src"]
                    for p in procs
                    if p.get("_date") is None and not p.get("_undated_said")
                ]
                if undated:
                    self.error(
                        undated,
                        "procedure_date",
                        "procedure date missing while the patient's other procedures have one; fill it in",
                        "procedure date",
                        key=True,
                    )
        self._event_days()

    def _session_dates(self, procs: list[Record]) -> None:
        """Vertebra rows of a session named by its number or identifier whose date is left
        blank below the session's dated row take that date (said once per session)."""
        dates: dict[object, set[object]] = defaultdict(set)
        for p in procs:
            if _named_session(p.get("_session")) and p.get("_date") is not None:
                dates[p["_session"]].add(p["_date"])
        filled: dict[object, list[Source]] = defaultdict(list)
        for p in procs:
            key = p.get("_session")
            if p.get("_date") is None and "day" not in p and len(dates.get(key, ())) == 1:
                p["_date"] = next(iter(dates[key]))
                filled[key].append(p["_src"])
        for key, srcs in filled.items():
            first = min(srcs, key=_key)
            self.problems.append(
                first.problem(
                    "session_date_filled",
                    f"procedure date left blank on {len(srcs)} vertebra row(s) of "
                    f"{_session_named(key)}: the session's date, given on its other rows, is used",
                    column="procedure date",
                    severity=WARNING,
                )
            )

    def _event_days(self) -> None:
        for p in self.s.procedures:
            if p.get("_date") is not None:
                p["day"] = (p["_date"] - self.index_date[p["patient_id"]]).days
            elif "day" not in p:
                p["day"] = 0 if p["patient_id"] not in self.index_date else None
        for f in self.s.fractures:
            if f.get("_date") is not None:
                if f["patient_id"] not in self.index_date:
                    self.consequence(
                        f["patient_id"],
                        [f["_src"]],
                        "fracture_date",
                        "new fracture dated but the patient has no dated procedure to count days from",
                    )
                    continue
                f["day"] = (f["_date"] - self.index_date[f["patient_id"]]).days
        self._patient_days()

    def _patient_days(self) -> None:
        for pt in self.s.patients:
            origin = self.index_date.get(pt["patient_id"])
            for kind, col in (("_followup_date", "followup_days"), ("_death_date", "death_day")):
                if pt.get(kind) is not None:
                    if origin is None:
                        self.consequence(
                            pt["patient_id"],
                            [pt["_src"]],
                            kind[1:],
                            f"{kind[1:].replace('_', ' ')} given but the patient has no dated procedure",
                        )
                    else:
                        pt[col] = (pt[kind] - origin).days
                        if pt[col] < 0:
                            what = kind[1:].replace("_", " ").replace("followup", "last follow-up")
                            self.error(
                                [pt["_src"]],
                                "sequence",
                                f"{what} {-pt[col]} days before the first procedure; check it",
                                "death" if kind == "_death_date" else "followup",
                                -pt[col],
                            )
                            pt[col] = None
            if pt.get("_death_date") is not None and "died" not in pt:
                pt["died"] = True
            self._visit_long_before(pt, origin)

    def _visit_long_before(self, pt: Record, origin: date | None) -> None:
        """A visit told by its date alone dated longer before the patient's first
        procedure than a pre-procedure assessment may be (``timepoints.by_day``,
        ``before_days``): an error on its date; its scores are not read."""
        visited = pt.get("_visit_date")
        if visited is None or origin is None:
            return
        day = (visited - origin).days
        if day < -load_spec().vocabulary.before_days:
            header, index = pt.get("_visit_column") or ("visit date", None)
            self.problems.append(
                pt["_src"].problem(
                    "visit_date", long_before_message(day), column=header, col_index=index
                )
            )

    # 2. sessions -------------------------------------------------------------------
    def sessions(self) -> None:
        sessions: dict[str, dict[object, list[Record]]] = defaultdict(lambda: defaultdict(list))
        for p in self.s.procedures:
            sessions[p["patient_id"]][p["_session"]].append(p)
        self.session_id: dict[tuple[str, object], str] = {}
        self.index_session: dict[str, str] = {}
        self.nth_session: dict[tuple[str, int], str] = {}  # (patient, n) -> procedure_id
        self.given_ids: set[str] = set()  # procedure identifiers the input gave (tidy tables)
        self.session_date: dict[str, object] = {}
        for pid, groups in sessions.items():
            ordered = sorted(
                groups.items(),
                key=lambda kv: (kv[1][0].get("day") is None, kv[1][0].get("day") or 0, str(kv[0])),
            )
            self._numbered_in_order(ordered)
            self._second_not_first(ordered)
            treated: set[str] = set()
            for n, (key, recs) in enumerate(ordered, start=1):
                days = {r.get("day") for r in recs}
                if len(days) > 1:
                    self.error(
                        [r["_src"] for r in recs],
                        "session_day",
                        f"{_session_named(key)} is recorded on different days ({sorted(d for d in days if d is not None)})",
                        key=True,
                    )
                given = recs[0].get("procedure_id")
                proc_id = str(given) if given else f"{pid}-{n}"
                if given:
                    self.given_ids.add(proc_id)
                self.session_id[(pid, key)] = proc_id
                self.nth_session[(pid, n)] = proc_id
                self.session_date[proc_id] = recs[0].get("_date")
                if n == 1:
                    self.index_session[pid] = proc_id
                for r in recs:
                    r["procedure_id"] = proc_id
                    self._repeat(r, treated)
                treated.update(r["level"] for r in recs if r["level"] is not None)
        self._shared_sessions(sessions)

    def _numbered_in_order(self, ordered: list[tuple[object, list[Record]]]) -> None:
        """Sessions the sheet numbers (``Sesión 2``) must follow one another in time: a
        later number dated before an earlier one is an error on its rows."""
        numbers = [
            (key[1], recs) for key, recs in ordered if isinstance(key, tuple) and key[:1] == ("#",)
        ]
        for (n_before, recs), (n, _) in pairwise(numbers):
            if n < n_before:  # the later number dated earlier: its date is the suspect
                self.error(
                    [r["_src"] for r in recs],
                    "session_order",
                    f"session {n_before} is dated before session {n}; check its date (or "
                    "the session numbers)",
                    "procedure date",
                    key=True,
                )

    def _second_not_first(self, ordered: list[tuple[object, list[Record]]]) -> None:
        """A session given in a second session's columns (``2nd procedure date``, a sheet
        of repeat sessions) dated before the patient's other sessions: an error on its
        rows, never a silent first session."""
        if len(ordered) < 2 or not any(r.get("_second") for r in ordered[0][1]):
            return
        self.error(
            [r["_src"] for r in ordered[0][1]],
            "session_order",
            "the second procedure is dated before the first; check its date",
            "procedure date",
            key=True,
        )

    def _shared_sessions(self, sessions: dict[str, dict[object, list[Record]]]) -> None:
        """A procedure identifier names one session of one patient."""
        holders: dict[str, list[str]] = defaultdict(list)
        for (pid, _), proc_id in self.session_id.items():
            holders[proc_id].append(pid)
        for proc_id, pids in holders.items():
            if len(pids) > 1:
                self.error(
                    [r["_src"] for pid in pids for r in sessions[pid][proc_id]],
                    "conflict",
                    f"procedure {proc_id} is recorded for {len(pids)} patients "
                    f"({', '.join(sorted(pids))}); a procedure identifier names one "
                    "session of one patient",
                    "procedure_id",
                    key=True,
                )

    def _latest_followup(self, recs: list[Record], what: str) -> None:
        """A patient's rows (one per session) each giving the last visit it records, on
        different days: the latest is the patient's follow-up, said in a warning."""
        held = [r for r in recs if r.get("followup_days") is not None]
        days = {r["followup_days"] for r in held}
        if what != "patient" or len(days) < 2 or all(r.get("_per_visit") for r in recs):
            return
        rows = _rows(r["_src"] for r in held)
        self.problems.append(
            held[0]["_src"].problem(
                "followup",
                f"patient {held[0]['patient_id']}: last follow-up differs on rows {rows} (each "
                f"row its own last visit); the latest, day {max(days)}, is the patient's",
                column="followup_days",
                severity=WARNING,
            )
        )

    def _repeat(self, r: Record, treated: set[str]) -> None:
        if r["level"] is None:  # a level known only by region: repeat only as given
            return
        before = r["level"] in treated
        if "is_repeat" not in r:
            r["is_repeat"] = before
        elif r["is_repeat"] and not before:
            self.problems.append(
                r["_src"].problem(
                    "is_repeat",
                    f"marked as a repeat but {r['level']} has no earlier procedure in the data",
                    column="is_repeat",
                    severity=WARNING,
                )
            )

    # 3. conflicts ------------------------------------------------------------------
    def merge(
        self, records: list[Record], key: tuple[str, ...], what: str, identical_ok: bool
    ) -> list[Record]:
        groups: dict[tuple[object, ...], list[Record]] = defaultdict(list)
        for r in records:
            groups[tuple(map(r.get, key))].append(r)
        merged = []
        for k, recs in groups.items():
            one = recs[0] if len(recs) == 1 else self._combine(recs, k, what, identical_ok)
            if one is not None:
                merged.append(one)
        return merged

    def _combine(
        self, recs: list[Record], k: tuple[object, ...], what: str, identical_ok: bool
    ) -> Record | None:
        """Rows sharing one key become one record; a disagreement clears the value."""
        combined: Record = {"_srcs": [r["_src"] for r in recs]}
        conflict, cleared = False, set()
        # a sheet of one row per visit repeats the patient and the procedure on each
        # visit's row: alike, they are one
        repeated = all(r.get("_per_visit") for r in recs)
        for r in recs:
            for col, v in r.items():
                if col.startswith("_") or v is None:
                    continue
                if what == "patient" and col == "died" and col in combined:
                    combined[col] = bool(combined[col]) or bool(v)  # a death seen later
                    continue
                if what == "patient" and col == "followup_days" and col in combined and (not repeated or self._sessions_apart(recs)):  # fmt: skip
                    combined[col] = max(combined[col], v)  # each row's (session's) own last visit
                    continue
                if col in combined and combined[col] != v and col not in cleared:
                    conflict = True
                    # the rows holding a value of the column, not those silent about it
                    held = [x for x in recs if x.get(col) is not None]
                    slip = repeated and self._repeat_differs(held, k, what, col, not identical_ok)  # fmt: skip
                    if not repeated:
                        self.error(
                            [x["_src"] for x in held],
                            "conflict",
                            f"{what} {', '.join(map(str, k))}: conflicting {col} on rows {_rows(x['_src'] for x in held)} ('{combined[col]}' vs '{v}')",
                            col,
                            key=not identical_ok,
                        )
                    if what == "patient" and col in _PERSON and "shared_id" not in cleared and not slip:  # fmt: skip
                        self._shared_id(held, str(k[0]), col)
                        cleared.add("shared_id")
                    cleared.add(col)
                combined.setdefault(col, v)
        self._latest_followup(recs, what)
        cleared.discard("shared_id")
        for col in cleared:
            combined[col] = None  # neither value can be trusted
        if what == "outcome" and "value" in cleared:
            return None  # an outcome without its value is no outcome
        if not identical_ok and not conflict and not repeated:
            self.error(
                [r["_src"] for r in recs[1:]],
                "duplicate",
                f"{what} {', '.join(map(str, k))} entered more than once (rows {_rows(x['_src'] for x in recs)}); keep one",
                key=True,
            )
        combined["_src"] = recs[0]["_src"]
        return combined

    def _sessions_apart(self, recs: list[Record]) -> bool:
        """Whether the rows are each the row of a procedure of its own (a first procedure's
        row and a later one's, each with the last visit after it): the patient's last
        contact is then the latest of them, no conflict."""
        held = [self._row_procedures.get(_key(r["_src"]), set()) for r in recs]
        ids = [next(iter(h)) for h in held if len(h) == 1]
        return len(ids) == len(recs) and None not in ids and len(set(ids)) == len(ids)

    @cached_property
    def _row_procedures(self) -> dict[SourceKey, set[object]]:
        """The procedures each row holds (read once the sessions are numbered)."""
        found: dict[SourceKey, set[object]] = defaultdict(set)
        for p in self.s.procedures:
            found[_key(p["_src"])].add(p.get("procedure_id"))
        return found

    def _repeat_differs(
        self, held: list[Record], k: tuple[object, ...], what: str, col: str, key: bool
    ) -> bool:
        """A field repeated on each visit's row that differs: an error on the cells that
        differ from what most rows repeat, naming the others (on every row holding a value
        when no value is held by most). True when the rows that agree are not blamed (one
        row's slip, not two people under one ID)."""
        label = f"{'patients' if what == 'patient' else 'procedures'}.{col}"
        odd = odd_repeats(held, col)
        cells = [self.s.cell_of(x["_src"], label) for x in held]
        header = next((c[0] for c in cells if c is not None), col)

        def places(srcs: list[Source]) -> str:
            found = [self.s.cell_of(s, label) for s in srcs]
            if any(c is None for c in found) or any((s.file, s.sheet) in self.s.origins for s in srcs):  # fmt: skip
                return f"{'row' if len(srcs) == 1 else 'rows'} {_rows(srcs)}"
            return ", ".join(f"{column_letter(c[1])}{s.row}" for s, c in zip(srcs, found, strict=True) if c)  # fmt: skip

        name = ", ".join(map(str, k))
        message = repeat_message(what, name, header, held, odd, places, col)
        self.error([x["_src"] for x in (odd or held)], "conflict", message, label, key=key)
        return odd is not None and len(odd) == 1

    def _shared_id(self, recs: list[Record], pid: str, col: str) -> None:
        """One study ID on rows of two different people: named on its cells."""
        self.error(
            [r["_src"] for r in recs],
            "shared_id",
            f"study ID {pid} is on rows {_rows(r['_src'] for r in recs)} with different {col}: "
            "two patients under one ID? give each patient an ID of their own",
            "study ID",
        )

    # 4. sequences ------------------------------------------------------------------
    def sequences(
        self, patients: list[Record], procedures: list[Record], fractures: list[Record]
    ) -> None:
        last_event: dict[str, int] = defaultdict(int)
        for p in procedures:
            if p.get("day") is not None:
                last_event[p["patient_id"]] = max(last_event[p["patient_id"]], int(p["day"]))
        last_procedure = dict(last_event)
        for f in fractures:
            d = f.get("day")
            if d is None:
                continue
            if d < 0 and f["patient_id"] not in self.excluded_patients:
                self.error(
                    f.get("_srcs", [f["_src"]]),
                    "sequence",
                    f"new fracture dated {-d} days before the index procedure",
                    "fracture",
                    d,
                    key=True,
                )
            last_event[f["patient_id"]] = max(last_event[f["patient_id"]], int(d))
        self._references(patients, procedures, fractures)
        self._fracture_after_followup(patients, last_procedure, last_event)
        self._followup(patients, procedures, last_event)

    def _fracture_after_followup(
        self, patients: list[Record], last_procedure: dict[str, int], last_event: dict[str, int]
    ) -> None:
        """A new fracture dated after the last follow-up the table gives, every procedure
        before it: the fracture's diagnosis is a later contact (an MRI, a visit elsewhere),
        so follow-up lasts to it, said in a warning; a procedure after the follow-up's end
        is still an error."""
        for pt in patients:
            pid, fu = pt["patient_id"], pt.get("followup_days")
            if fu is None or not last_procedure.get(pid, 0) <= fu < last_event[pid]:
                continue
            self.problems.append(
                pt["_src"].problem(
                    "followup",
                    f"patient {pid}: follow-up ends on day {fu} but a new fracture is dated day "
                    f"{last_event[pid]}; follow-up read as lasting to the fracture; check the dates",
                    column="followup_days",
                    severity=WARNING,
                )
            )
            pt["followup_days"] = last_event[pid]

    def _references(
        self, patients: list[Record], procedures: list[Record], fractures: list[Record]
    ) -> None:
        known = {pt["patient_id"] for pt in patients}
        for name, recs in (("procedures", procedures), ("new fracture", fractures)):
            for r in recs:
                if r["patient_id"] is not None and r["patient_id"] not in known:
                    self.error(
                        r.get("_srcs", [r["_src"]]),
                        "reference",
                        f"{name} of patient {r['patient_id']}, who is not in the patients table",
                        "patient_id",
                        key=True,
                    )

    def _followup(
        self, patients: list[Record], procedures: list[Record], last_event: dict[str, int]
    ) -> None:
        with_procs = {p["patient_id"] for p in procedures}
        for pt in patients:
            pid, srcs = pt["patient_id"], pt.get("_srcs", [pt["_src"]])
            if pid not in with_procs:
                self.consequence(
                    pid,
                    srcs,
                    "no_procedure",
                    f"patient {pid} has no procedure with a treated level",
                )
            fu, death = pt.get("followup_days"), pt.get("death_day")
            if fu is not None and fu < last_event[pid]:
                self.error(
                    srcs,
                    "sequence",
                    f"follow-up ends on day {fu} but an event is recorded on day {last_event[pid]}",
                    "followup",
                    fu,
                )
                pt["followup_days"] = None
            if death is not None and death < last_event[pid]:
                self.error(
                    srcs,
                    "sequence",
                    f"death on day {death} precedes an event on day {last_event[pid]}",
                    "death",
                    death,
                )
                pt["death_day"] = None
            if death is not None and pt.get("died") is False:
                self.error(srcs, "conflict", "a date of death is recorded but died is 'no'", "died")

    def _session_of(self, pid: str, key: object) -> str | None:
        """The procedure an outcome belongs to: its session's, the patient's n-th session
        for a session numbered on a visit sheet (``("#", n)``), else the index one."""
        if key is None:
            return self.index_session.get(pid)
        found = self.session_id.get((pid, key))
        if found is None and isinstance(key, tuple) and key[:1] == ("#",):
            found = self.nth_session.get((pid, int(key[1])))
        return found

    def _session_by_visit(
        self, pid: str, key: object, visited: object, timepoint: object
    ) -> str | None:
        """The session a visit row of a sheet of one row per visit belongs to, by its date,
        when the row names none and the patient had several: of those dated on or before
        the visit, the one its time point's nominal day (``timepoints.by_day``) fits best
        (a 12-month visit after a second session is still the first's); for a visit
        before treatment, the first session dated on or after it."""
        if key is not None or visited is None:
            return None
        dated = sorted(
            (when, proc_id)
            for (p, _), proc_id in self.session_id.items()
            if p == pid and isinstance(when := self.session_date.get(proc_id), date)
        )
        if len(dated) < 2 or not isinstance(visited, date):
            return None
        if timepoint == "pre":
            return next((proc_id for when, proc_id in dated if when >= visited), None)
        nominal = load_spec().vocabulary.nominal_days.get(str(timepoint))
        before = [(when, proc_id) for when, proc_id in dated if when <= visited]
        if is_by_date(timepoint) and before:
            return _by_date_session(visited, before[-1], [wp for wp in dated if wp[0] > visited])
        if nominal is None or not before:
            return before[-1][1] if before else None
        return min(before, key=lambda wp: abs((visited - wp[0]).days - nominal))[1]

    def _by_date(self, a: Record) -> bool:
        """A measurement given no visit takes the time point its day names; one whose
        day names none (or that has no day) is not read, and its row says why."""
        day = a.get("day")
        found = None if day is None else timepoint_by_day(int(day))
        if found is not None:
            a["timepoint"] = found
            a["_by_date"] = True
            self.dated_visits[(a["_src"].file, a["_src"].sheet)].add(a["_src"].row)
            return True
        if day is not None and day < -load_spec().vocabulary.before_days:
            if a["timepoint"] != BY_DATE:  # a numbered visit's date, said here once
                self._numbered_visit_long_before(a, day)
            return False  # an error on the visit's date says so (_visit_long_before)
        why = (
            "has no visit date or its procedure no date"
            if day is None
            else f"is dated {day} days from its procedure, near no time point"
        )
        self.problems.append(
            a["_src"].problem(
                "timepoint",
                f"a {a['measure']} score {why} (time points by date: "
                "data_schema/vocabulary.yaml, timepoints.by_day); not read",
                severity=WARNING,
            )
        )
        return False

    def _procedure_day_baselines(self, out: list[Record]) -> list[Record]:
        """``out`` without the baselines told by date on a procedure's own day beside an
        earlier one (:func:`procedure_day_baselines`), each said in a warning."""
        kept, warned = procedure_day_baselines([a for a in out if a.get("_by_date")])
        dropped = {id(a) for a in out if a.get("_by_date")} - {id(a) for a in kept}
        self.problems.extend(warned)
        return [a for a in out if id(a) not in dropped]

    def _numbered_visit_long_before(self, a: Record, day: int) -> None:
        """A numbered visit's date (``Visit 4 date``) longer before its procedure than a
        pre-procedure assessment may be: an error on the date, once for all its scores."""
        header, index = a.get("_visit_column") or ("visit date", None)
        src = a["_src"]
        if (src.file, src.sheet, src.row, index) in self.long_before_said:
            return
        self.long_before_said.add((src.file, src.sheet, src.row, index))
        self.problems.append(
            src.problem("visit_date", long_before_message(day), column=header, col_index=index)
        )

    def _early_visits(
        self,
        early: dict[str, list[tuple[Problem, str]]],
        dated_after: set[str],
        twins: dict[int, Problem],
    ) -> None:
        """Follow-up visits dated before their procedure: an error on each visit's date
        (and on its twin, the same date in another calendar), unless every dated follow-up
        of the procedure (two or more) precedes it: then the procedure's date is the cell
        in question, the error is on it and the visits are warnings (one bad cell, one
        error)."""
        owner = {proc_id: pid for (pid, _), proc_id in self.session_id.items()}
        for proc_id, visits in early.items():
            if owner.get(proc_id) in self.lost_procedure and proc_id not in dated_after:
                # visits of the procedure whose row failed, read against one left: not the
                # visits' error nor the procedure date's, said as a warning on each visit
                self.problems.extend(
                    replace(
                        p,
                        severity=WARNING,
                        message=p.message + "; a procedure row of this patient has errors, "
                        "so the procedure it follows is not known",
                    )
                    for p, _ in visits
                )
                continue
            if proc_id in dated_after or len(visits) < 2:
                self.problems.extend(q for p, _ in visits for q in (p, twins.get(id(p))) if q is not None)  # fmt: skip
                continue
            points = ", ".join(dict.fromkeys(tp for _, tp in visits))
            self.error(
                [r["_src"] for r in self.s.procedures if r.get("procedure_id") == proc_id],
                "visit_date",
                f"the procedure is dated after all {len(visits)} of its dated follow-up "
                f"visits ({points}); check the procedure date",
                "procedure date",
                key=True,
            )
            self.problems.extend(
                replace(
                    p, severity=WARNING, message=p.message + "; its procedure's date is in question"
                )
                for p, _ in visits
            )

    def _visit_day(self, a: Record, proc_id: str, said: set[tuple[object, ...]]) -> int | None:
        """The visit's day after its procedure (``None`` when either is undated, or the
        visit is dated too soon for its time point: its score kept, its day not)."""
        visited, started = a.get("_visit_date"), self.session_date.get(proc_id)
        day = None if visited is None or started is None else (visited - started).days
        if day is not None and day >= 0 and _too_early(a["timepoint"], day):
            self._too_early_visit(a, day, said)
            return None
        return day

    def _too_early_visit(self, a: Record, day: int, said: set[tuple[object, ...]]) -> None:
        """A visit named for a time point dated too soon after its procedure for it (``1
        мес`` dated the day after): an error on the visit's date, said once per row."""
        header, index = a.get("_visit_column") or ("visit date", None)
        nominal = load_spec().vocabulary.nominal_days[str(a["timepoint"])]
        problem = a["_src"].problem(
            "visit_date",
            f"visit at {a['timepoint']} dated {day} day(s) after its procedure, under "
            f"{load_spec().vocabulary.too_early:.0%} of the {nominal} days its time point "
            "names; check the visit date (or the procedure date)",
            column=header or "visit date",
            col_index=index,
        )
        seen = (problem.file, problem.sheet, problem.row, problem.cell, problem.message)
        if seen not in said:
            said.add(seen)
            self.problems.append(problem)

    def assessments(self) -> list[Record]:
        out = []
        said: set[tuple[object, ...]] = set()  # visits dated before their procedure
        early_visits: dict[str, list[tuple[Problem, str]]] = defaultdict(list)
        twins: dict[int, Problem] = {}  # a visit date's problem named on its twin too
        dated_after: set[str] = set()  # procedures with a follow-up visit dated after them
        for a in self.s.assessments:
            pid, key = a["patient_id"], a.get("_session")
            if key is None and a.get("_visit_date") is not None and pid in self.failed_patients:
                # a visit row naming no session, of a patient whose rows have errors (a
                # procedure's row among them): which session it follows is not known
                self.problems.append(
                    a["_src"].problem(
                        "visit_session",
                        f"a {a['measure']} score of a patient whose rows have errors: which "
                        "procedure this visit follows is not known; not read",
                        severity=WARNING,
                    )
                )
                continue
            proc_id = (
                a.get("procedure_id")
                or self._session_by_visit(pid, key, a.get("_visit_date"), a["timepoint"])
                or self._session_of(pid, key)
            )
            if proc_id is None:  # not said again when the patient's procedure row failed
                self.consequence(
                    pid,
                    [a["_src"]],
                    "no_procedure",
                    "outcome recorded for a patient without a procedure; check the study ID",
                    "study ID",
                )
                continue
            a["procedure_id"] = proc_id  # in place: a staged record is assembled once
            day = self._visit_day(a, proc_id, said)
            if day is not None:
                a["day"] = day
            if is_by_date(a["timepoint"]) and not self._by_date(a):
                continue
            if day is not None and day < 0 and a["timepoint"] != "pre":
                header, index = a.get("_visit_column") or ("visit date", None)
                # a date column read by its contents under a header not shown (beside a
                # name's label): the message names the field instead
                header = header or "visit date"
                early = a["_src"].problem(
                    "visit_date",
                    f"visit at {a['timepoint']} dated {-day} days before its "
                    "procedure; check the visit date (or the procedure date)",
                    column=header,
                    col_index=index,
                )
                seen = (early.file, early.sheet, early.row, early.cell, early.message)
                if seen not in said:  # said once for all the scores of its row
                    said.add(seen)
                    early_visits[proc_id].append((early, a["timepoint"]))
                    _on_twin(a, early, twins)
                continue
            if day is not None and a["timepoint"] != "pre":
                dated_after.add(proc_id)
            out.append(a)
        out = self._procedure_day_baselines(out)
        self._early_visits(early_visits, dated_after, twins)
        self.problems.extend(dated_visits_warning(*k, sorted(rows)) for k, rows in self.dated_visits.items())  # fmt: skip
        owner = {proc_id: pid for (pid, _), proc_id in self.session_id.items()}
        kept = []
        for a in out:
            whose = owner.get(a["procedure_id"])
            if whose is None:
                self.error(
                    [a["_src"]],
                    "reference",
                    f"outcome refers to procedure '{a['procedure_id']}', which is not in the procedures table",
                    "procedure_id",
                    key=True,
                )
            elif whose != a["patient_id"]:
                self.error(
                    [a["_src"]],
                    "reference",
                    f"outcome of patient {a['patient_id']} refers to procedure "
                    f"'{a['procedure_id']}', which is of patient {whose}",
                    "procedure_id",
                    key=True,
                )
                continue
            kept.append(a)
        return kept


def _by_date_session(visited: date, last: tuple[date, str], later: list[tuple[date, str]]) -> str:
    """The session of a visit told by its date alone, dated after the session ``last``:
    ``last``'s, unless the next session is nearer after it than any time point of
    ``last``'s (``timepoints.by_day``) and within a baseline's reach: then it is the
    next session's pre-procedure visit (a score taken days before a repeat operation, 130
    days after the first, is the repeat's baseline, not the first's late follow-up)."""
    if not later:
        return last[1]
    vocab = load_spec().vocabulary
    day, to_next = (visited - last[0]).days, (later[0][0] - visited).days
    found = timepoint_by_day(day)
    off = 0 if found == "pre" else vocab.nominal_days.get(str(found))
    off = None if off is None else abs(day - off)
    if to_next <= vocab.before_days and (off is None or to_next < off):
        return later[0][1]
    return last[1]


def _too_early(timepoint: object, day: int) -> bool:
    """Whether a visit ``day`` days after its procedure is too soon for the time point it
    is named for (``timepoints.by_day.too_early`` of the vocabulary; a week or more)."""
    vocab = load_spec().vocabulary
    nominal = vocab.nominal_days.get(str(timepoint))
    return nominal is not None and nominal >= 7 and day < vocab.too_early * nominal


def _on_twin(a: Record, early: Problem, twins: dict[int, Problem]) -> None:
    """An early visit's problem named on its date's twin too (the same date in another
    calendar), kept in ``twins`` by the problem it repeats."""
    twin = a.get("_visit_twin")
    if twin is not None:
        twins[id(early)] = a["_src"].problem("visit_date", early.message, column=twin[0], col_index=twin[1])  # fmt: skip


# The names whole-table checks give the fields they concern, as the layouts label them.
_FIELD_OF = {
    "procedure date": "date:procedure_date",
    "fracture": "date:fracture_date",
    "death": "date:death_date",
    "followup": "date:followup_date",
    "patient_id": "patients.patient_id",
    "study ID": "patients.patient_id",
    "session volume": "procedures.session_cement_volume_ml",
    "volume": "procedures.cement_volume_ml",
}
# Where else a field's value stands on a row without a column of its own: a death dated in
# the died column; a new fracture dated in the cell naming its level (``L2 le 07/11/2022``),
# else by its row's visit or date (a row of a log of events);
# a volume in the operative note naming its vertebra
_WRITTEN_IN = {
    "date:death_date": ("patients.died",),
    "date:fracture_date": ("fractures.level|date", "date:visit_date", "date:procedure_date"),
    # a vertebra's volume written after it in the levels' cell ("D12=3,5 ; L1=4")
    "procedures.cement_volume_ml": ("note:procedure", "procedures.level"),
    "procedures.session_cement_volume_ml": ("procedures.cement_volume_ml", "note:procedure"),
}
# Patient attributes that differ between two people, not between two typings of one.
_PERSON = frozenset({"sex", "etiology", "age_years"})


def _named_session(key: object) -> bool:
    """Whether a session key is the session's number or identifier as the sheet gives it
    (not its date, nor the row it stands on)."""
    if isinstance(key, tuple):
        return key[:1] == ("#",)
    return isinstance(key, str) and not key.startswith("row")


def _session_named(key: object) -> str:
    """A session as a message names it: ``session 2`` for a numbered one."""
    if isinstance(key, tuple) and key[:1] == ("#",):
        return f"session {key[1]}"
    return f"procedure {key}"


def _excluding(asm: _Assembler) -> set[SourceKey]:
    """Rows whose errors exclude them under the policy."""
    return {
        (p.file, p.sheet, p.row)
        for p in asm.problems
        if p.severity == ERROR and p.row is not None and (p.key or asm.policy != "cell")
    }


def _lost(asm: _Assembler, tables: dict[str, list[Record]], bad: set[SourceKey]) -> set[str]:
    """Patients who lose a patient, procedure or fracture row."""
    lost: set[str] = set()
    if not bad:
        return lost
    for src, (pid, table) in asm.s.row_owner.items():
        if table != "assessments" and _key(src) in bad:
            lost.add(pid)
    for name in ("patients", "procedures", "fractures"):
        for r in tables[name]:
            if any(_key(s) in bad for s in r.get("_srcs", [r["_src"]])):
                lost.add(r["patient_id"])
    return lost


def _quarantine(asm: _Assembler, tables: dict[str, list[Record]]) -> set[SourceKey]:
    bad = _excluding(asm)
    lost = _lost(asm, tables, bad)
    if not lost and asm.policy != "patient":  # no patient to exclude: whose rows are whose
        asm.problems = [_with_action(p, asm, bad, {}, lost) for p in asm.problems]  # is moot
        return bad
    owner: dict[SourceKey, str] = {}
    for recs in tables.values():
        for r in recs:
            for src in r.get("_srcs", [r["_src"]]):
                owner[_key(src)] = r["patient_id"]
    for src, (pid, _) in asm.s.row_owner.items():
        owner.setdefault(_key(src), pid)
    if asm.policy == "patient":
        erred = {(p.file, p.sheet, p.row) for p in asm.problems if p.severity == ERROR}
        lost.update(pid for k, pid in owner.items() if k in erred)
    for src in asm.s.sources:
        k = _key(src)
        owner_id = owner.get(k)
        if k not in bad and owner_id in lost:
            bad.add(k)
            asm.problems.append(
                src.problem(
                    "excluded_with_patient",
                    f"excluded with patient {owner_id}, who has errors on other rows",
                    severity=WARNING,
                )
            )
    asm.problems = [_with_action(p, asm, bad, owner, lost) for p in asm.problems]
    return bad


def _with_action(
    p: Problem, asm: _Assembler, bad: set[SourceKey], owner: dict[SourceKey, str], lost: set[str]
) -> Problem:
    """Record what an error cost: the cell, the row or the whole patient."""
    if p.severity != ERROR or p.action:
        return p
    if p.row is None:
        return p
    k = (p.file, p.sheet, p.row)
    if owner.get(k) in lost:
        return replace(p, action=PATIENT_EXCLUDED)
    if k in bad:
        return replace(p, action=ROW_EXCLUDED)
    return replace(p, action=CELL_MISSING)


def _age_at_index(asm: _Assembler) -> None:
    """Ages typed per procedure row that agree with the dates are not conflicts: every
    row of the patient takes the age on the index procedure's row. A row without a date
    of its own (a log's row of a death, dated by the death) agrees when its age lies
    within a year of the dated rows' ages. A patient whose procedure row failed (no
    index date) is measured from the earliest row: ages that agree with their dates are
    still no conflict, only the failed row's own error is."""
    ages: dict[str, list[Record]] = defaultdict(list)
    for pt in asm.s.patients:
        if pt.get("age_years") is not None:
            ages[pt["patient_id"]].append(pt)
    for pid, recs in ages.items():
        dated = [r for r in recs if r.get("_row_date") is not None]
        if pid in asm.index_date:
            origin = asm.index_date[pid]
        elif pid in asm.failed_patients and dated:
            origin = min(r["_row_date"] for r in dated)
        else:
            continue
        if len({r["age_years"] for r in recs}) < 2:
            continue
        ages_dated = [r["age_years"] for r in dated]
        if not dated or any(not min(ages_dated) <= r["age_years"] <= max(ages_dated) + 1 for r in recs):  # fmt: skip
            continue
        at_index = [r["age_years"] - (r["_row_date"] - origin).days / 365.25 for r in dated]
        if max(at_index) - min(at_index) <= 1.0:
            # the row dated nearest the index procedure: its own row, not a visit before it
            first = min(dated, key=lambda r: (abs((r["_row_date"] - origin).days), r["_row_date"]))  # fmt: skip
            for r in recs:
                r["age_years"] = first["age_years"]


def _age_from_birth_date(asm: _Assembler) -> None:
    """A patient whose rows type no age takes the age at the index procedure, in
    completed years, from the birth date (never kept, never shown). Birth dates that
    differ between a patient's rows give no age (said without the dates)."""
    born: dict[str, list[Record]] = defaultdict(list)
    typed: dict[str, list[Record]] = defaultdict(list)
    for pt in asm.s.patients:
        if pt.get("age_years") is not None:
            typed[pt["patient_id"]].append(pt)
        if pt.get("_birth_date") is not None:
            born[pt["patient_id"]].append(pt)
    for pid, recs in born.items():
        dates = {r["_birth_date"] for r in recs}
        header, index = recs[0].get("_birth_date_at", (None, None))
        sure = all(r.get("_birth_date_sure", True) for r in recs)
        for r in recs:
            r.pop("_birth_date")
            r.pop("_birth_date_at", None)
            r.pop("_birth_date_sure", None)
        if pid not in asm.index_date:
            continue
        if pid in typed:
            if len(dates) == 1 and sure:
                _age_against_birth_date(asm, typed[pid], next(iter(dates)))
            continue
        if len(dates) > 1:
            asm.problems.append(
                recs[0]["_src"].problem(
                    "conflict",
                    f"{len(dates)} different birth dates on this patient's rows: the age is "
                    "not derived (the dates are not shown: a birth date identifies the patient)",
                    column=header,
                    col_index=index,
                    severity=WARNING,
                )
            )
            continue
        age = _completed_years(dates.pop(), asm.index_date[pid])
        if 1 <= age <= 120:
            recs[0]["age_years"] = age
            continue
        message = (
            f"a birth date {age} years before the first procedure: age_years must lie within "
            "1-120 (the date is not shown: a birth date identifies the patient)"
        )
        asm.problems.append(
            recs[0]["_src"].problem("range", message, column=header, col_index=index)
        )


def _completed_years(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _age_against_birth_date(asm: _Assembler, recs: list[Record], born: date) -> None:
    """An age typed beside a birth date that it contradicts (more than a year from the
    completed years at its row's procedure and at the first one) is an error on the age
    cell, which is set to missing on every row: one of the two is wrong and the cell does
    not say which (the date is not shown)."""
    origin = asm.index_date[recs[0]["patient_id"]]
    derived = _completed_years(born, origin)
    for r in recs:
        typed, at_row = float(r["age_years"]), _completed_years(born, r.get("_row_date") or origin)
        if min(abs(typed - derived), abs(typed - at_row)) > 1:
            message = (
                f"age {typed:g} typed, but the birth date on the row gives {derived} years at "
                "the first procedure: one of the two is wrong (the date is not shown: a birth "
                "date identifies the patient)"
            )
            asm.error([r["_src"]], "conflict", message, "patients.age_years")
            for other in recs:
                other["age_years"] = None
            return


def _session_total(recs: list[Record]) -> float | None:
    by_row: dict[object, float] = {}
    for r in recs:
        given = r.get("session_cement_volume_ml")
        if given is not None and r.get("cement_volume_ml") is None:
            # a row naming several levels: its total; a total written with its total word
            # on several of the session's rows (a cell merged over them) is one total
            key = ("written", float(given)) if r.get("_written_total") else _key(r["_src"])
            by_row[key] = float(given)
    if len(by_row) > 1 and len(by_row) == len(recs) and len(set(by_row.values())) == 1:
        # one total repeated on each vertebra's row (a session's total carried to each
        # of its vertebrae, as a database's operation is to its levels): one total
        return round(next(iter(by_row.values())), 6)
    if by_row:
        return round(sum(by_row.values()), 6)
    per_vertebra = [r.get("cement_volume_ml") for r in recs]
    if all(v is not None for v in per_vertebra):
        return round(sum(float(v) for v in per_vertebra if v is not None), 6)
    return None


# mL: more than one vertebral body plausibly takes (kyphoplasty of a lumbar vertebra rarely
# passes 12 mL): a vertebra's own volume of this much or more is an error, a session's total
# above this much per vertebra; a cell's range (0-30 mL) still admits a session's total on a row
ONE_VERTEBRA_MOST = 15.0


def _implausible_volumes(asm: _Assembler, procedures: list[Record]) -> None:
    """A volume written on a row naming one vertebra, or one of a row's volumes written
    one per vertebra (``22; 3,5`` beside ``T12; L1``, ``28,0 / 4,5 / 5,5``), is that
    vertebra's own: at :data:`ONE_VERTEBRA_MOST` or above it is an error on its cell, and the
    volume is left missing (with the row's session total, which counts it)."""
    per_row: dict[SourceKey, list[Record]] = defaultdict(list)
    volumes: dict[SourceKey, set[float]] = defaultdict(set)
    for r in procedures:
        per_row[_key(r["_src"])].append(r)
        if r.get("cement_volume_ml") is not None:
            volumes[_key(r["_src"])].add(float(r["cement_volume_ml"]))
    for r in procedures:
        volume = r.get("cement_volume_ml")
        key = _key(r["_src"])
        # volumes that differ between the vertebrae of one row were written one per
        # vertebra: each is its vertebra's own, never a total
        own = len(per_row[key]) == 1 or bool(r.get("_own_volume")) or len(volumes[key]) > 1
        if volume is None or float(volume) < ONE_VERTEBRA_MOST or not own:
            continue
        asm.error(
            [r["_src"]],
            "range",
            f"{float(volume):g} mL of cement in one vertebra: more than a vertebra plausibly "
            f"takes (less than {ONE_VERTEBRA_MOST:g} mL); check the volume (a session's total "
            "belongs on the row naming all its levels)",
            _volume_column(asm, r),
            volume,
        )
        r["cement_volume_ml"] = None
        for same_row in per_row[_key(r["_src"])]:
            same_row["session_cement_volume_ml"] = None


def _volume_column(asm: _Assembler, r: Record) -> str:
    """The column a vertebra's volume was read from: its own column where the sheet has
    one column per vertebra (``L2`` holding its cement), its numbered volume column where
    the session's vertebrae have theirs (``Volume 2``), else the volume column."""
    own = f"vertebra:{r.get('level')}"
    numbered = f"procedures.cement_volume_ml@{r.get('_slot')}"
    for column in (own, numbered):
        if asm.s.cell_of(r["_src"], column) is not None:
            return column
    return "volume"


# fields of a session as a whole, which a sheet may write on its first vertebra's row only
_SESSION_FIELDS = ("technique", "cement_type")


def _session_fields(asm: _Assembler, procedures: list[Record]) -> None:
    """A session's technique and cement written on some of its vertebra rows and left
    blank on the others (a card's operation written once, its further vertebrae below):
    the blank rows take the one value the session's rows give (said once per session and
    field); a session whose rows give two values is left as written. A tidy table's rows
    are taken as written."""
    sessions: dict[str, list[Record]] = defaultdict(list)
    for r in procedures:
        if r["procedure_id"] not in asm.given_ids:
            sessions[r["procedure_id"]].append(r)
    for recs in sessions.values():
        for col in _SESSION_FIELDS:
            given = {r[col] for r in recs if r.get(col) is not None}
            blank = [r for r in recs if r.get(col) is None]
            if len(given) != 1 or not blank:
                continue
            value = next(iter(given))
            for r in blank:
                r[col] = value
            first = min((r["_src"] for r in blank), key=_key)
            asm.problems.append(
                first.problem(
                    "session_field_filled",
                    f"{col.replace('_', ' ')} left blank on {len(blank)} vertebra row(s) of a "
                    f"session: the session's {col.replace('_', ' ')} '{value}', given on its "
                    "other rows, is used",
                    column=col.replace("_", " "),
                    severity=WARNING,
                )
            )


def _implausible_total(asm: _Assembler, recs: list[Record], total: float) -> float | None:
    """A session's total, written once for its vertebrae, above :data:`ONE_VERTEBRA_MOST`
    per vertebra (``38`` mL beside ``T10+T11``) is an error on the cell that holds it, and
    the total is left missing; the vertebrae's own volumes, each checked on its own, are
    kept. The total of a session of one vertebra is that vertebra's own volume, an error
    at :data:`ONE_VERTEBRA_MOST` already."""
    alone = len(recs) == 1
    if total < ONE_VERTEBRA_MOST if alone else total <= ONE_VERTEBRA_MOST * len(recs):
        return total
    holders = [
        r["_src"]
        for r in recs
        if r.get("session_cement_volume_ml") is not None and r.get("cement_volume_ml") is None
    ]
    if not holders:
        return total  # a sum of the vertebrae's own volumes, each already checked
    asm.error(
        holders,
        "range",
        f"{total:g} mL of cement in a session of {len(recs)} vertebra(e): "
        + (f"{ONE_VERTEBRA_MOST:g} mL or more" if alone else f"more than {ONE_VERTEBRA_MOST:g} mL")
        + " per vertebra; check the volume",
        "session volume",
        total,
    )
    return None


def _session_volumes(asm: _Assembler, procedures: list[Record]) -> None:
    """Fill ``session_cement_volume_ml`` on every vertebra row of a session (see module
    docstring); a session of one vertebra takes its total as the vertebra's own volume,
    when one vertebra can hold it."""
    most = load_spec().column("procedures", "cement_volume_ml").max or float("inf")
    _implausible_volumes(asm, procedures)
    sessions: dict[str, list[Record]] = defaultdict(list)
    for r in procedures:
        sessions[r["procedure_id"]].append(r)
    for proc_id, recs in sessions.items():
        total = _session_total(recs)
        if total is not None and proc_id not in asm.given_ids:
            total = _implausible_total(asm, recs, total)
        for r in recs:
            r["session_cement_volume_ml"] = total
        if len(recs) != 1 or recs[0].get("cement_volume_ml") is not None or total is None:
            continue
        if proc_id in asm.given_ids:
            continue  # a tidy table's volumes are taken as written
        if total <= most:
            recs[0]["cement_volume_ml"] = total  # one vertebra: the session's cement is its own
        else:
            asm.error(
                [recs[0]["_src"]],
                "range",
                f"{total:g} mL of cement in a session of one vertebra: more than a vertebra "
                f"holds (0-{most:g} mL); check the volume",
                "session volume",
                total,
            )
            recs[0]["session_cement_volume_ml"] = None


def _merged_ids(staged: Staged) -> list[Problem]:
    out = []
    for kept, others in sorted(staged.merged_ids.items()):
        shown = ", ".join(f"'{o}'" for o in sorted(others))
        out.append(
            Problem(
                "",
                "",
                None,
                "patient_id",
                None,
                None,
                "study_id_spelling",
                WARNING,
                f"study ID spellings {shown} taken as patient '{kept}' "
                "(IDs are compared trimmed, without regard to case and, in an ID of letters and "
                "a number, to the mark between them and the number's leading zeros)",
            )
        )
    return out


def assemble(staged: Staged, policy: Policy = "cell") -> LoadResult:
    """Turn staged records into a :class:`LoadResult` (rules in the module docstring)."""
    parts = split(staged) if staged.tidy else None
    asm = _Assembler(staged, policy)
    asm.problems.extend(_merged_ids(staged))
    asm.timeline()
    asm.sessions()
    _age_at_index(asm)
    _age_from_birth_date(asm)
    _alive_on_blank_sheets(asm, staged)
    patients = asm.merge(staged.patients, ("patient_id",), "patient", identical_ok=True)
    if staged.deaths_register:
        _alive_unless_named(patients)
    procedures = asm.merge(
        staged.procedures, ("procedure_id", "level"), "procedure", identical_ok=False
    )
    _session_fields(asm, procedures)
    _session_volumes(asm, procedures)
    assessments = asm.merge(
        asm.assessments(), ("procedure_id", "timepoint", "measure"), "outcome", identical_ok=True
    )
    fractures = asm.merge(
        _not_treated_that_day(asm, procedures, staged.fractures),
        ("patient_id", "day", "level"),
        "new fracture",
        identical_ok=True,
    )
    asm.sequences(patients, procedures, fractures)
    assessments = _after_death(asm, patients, procedures, fractures, assessments)
    tables = {
        "patients": patients,
        "procedures": procedures,
        "assessments": assessments,
        "fractures": fractures,
    }
    patients_in = len({str(r["patient_id"]) for recs in tables.values() for r in recs})
    bad = _quarantine(asm, tables)
    asm.problems = one_per_row(asm.problems)
    frames = {}
    used: set[SourceKey] = set()
    for name in TABLES:
        keep = [r for r in tables[name] if not any(_key(s) in bad for s in _sources(r))] if bad else tables[name]  # fmt: skip
        for r in keep:
            used.update(map(_key, _sources(r)))
        cols = list(load_spec().tables[name].columns)
        # rows as tuples: pandas infers each column's type exactly as from dicts of them
        frame = pd.DataFrame([tuple(map(r.get, cols)) for r in keep], columns=cols)
        if parts is not None:
            frame = _with_clean(frame, [r["_src"] for r in keep], parts, name)
            del parts.frames[name]  # taken in: not held twice while the cohort is checked
        frames[name] = coerce_table(name, frame)
    cohort = Cohort(**frames)
    internal = cohort.validate()
    if internal:
        raise RuntimeError(
            "internal error: loaded cohort fails its schema: " + "; ".join(map(str, internal[:5]))
        )
    rows = _ledger(asm, staged.sources, bad, used)
    if parts is not None:
        status = zip(rows["file"], rows["sheet"], rows["row"], rows["status"], strict=True)
        rows = ledger(parts, {(f, s, int(r)): st for f, s, r, st in status})
    return LoadResult(cohort, asm.problems, rows, dict(staged.sheet_positions), patients_in)


def _not_treated_that_day(
    asm: _Assembler, procedures: list[Record], fractures: list[Record]
) -> list[Record]:
    """The new fractures, each dated the day of its patient's first procedure at a
    vertebra that procedure treats, left out with a warning (``1차 2021.04.08 L2`` on a
    repeat procedure's row: the first procedure's date and level, the vertebra it treated,
    no new fracture). A later procedure's vertebra may be dated by it: found fractured,
    then treated."""
    first = asm.index_session
    treated = {
        (p["patient_id"], p.get("day"), p.get("level"))
        for p in procedures
        if p.get("procedure_id") == first.get(p["patient_id"])
    }
    kept = []
    for f in fractures:
        if f.get("day") is None or (f["patient_id"], f["day"], f.get("level")) not in treated:
            kept.append(f)
            continue
        asm.problems.append(
            f["_src"].problem(
                "fracture_treated",
                f"new fracture of {f['level']} dated the day of the first procedure, which "
                "treats that vertebra: the treated vertebra, not a new fracture; not read",
                severity=WARNING,
            )
        )
    return kept


def _alive_unless_named(patients: list[Record]) -> None:
    """A workbook whose log of events names its deaths: a patient it names no death of
    (on any sheet) did not die."""
    for pt in patients:
        if pt.get("died") is None and pt.get("_death_date") is None:
            pt["died"] = False


def _alive_on_blank_sheets(asm: _Assembler, staged: Staged) -> None:
    """A sheet whose column of dates of death is blank throughout, in a workbook whose
    other sheets keep the column of that header as a register of deaths (dates only): its
    patients did not die, said in a warning per sheet."""
    for (file, sheet), key, warning in staged.blank_death_sheets:
        if key not in staged.death_columns:
            continue
        asm.problems.append(warning)
        for pt in staged.patients:
            src = pt["_src"]
            here = (src.file, src.sheet) == (file, sheet)
            if here and "died" not in pt and pt.get("_death_date") is None:
                pt["died"] = False


def _after_death(
    asm: _Assembler,
    patients: list[Record],
    procedures: list[Record],
    fractures: list[Record],
    assessments: list[Record],
) -> list[Record]:
    """The scores not dated after their patient's death; each one that is becomes an
    error (its row is excluded only when the score was all the row held)."""
    deaths = {pt["patient_id"]: pt["death_day"] for pt in patients if pt.get("death_day") is not None}  # fmt: skip
    if not deaths:
        return assessments
    days = {p["procedure_id"]: p.get("day") for p in procedures}
    kept, dropped = scores_after_death(assessments, days, deaths, asm.s.cell_of)
    used = {_key(s) for recs in (patients, procedures, fractures, kept) for r in recs for s in _sources(r)}  # fmt: skip
    for src, problem in dropped:
        asm.problems.append(replace(problem, key=_key(src) not in used))
    return kept


def _sources(r: Record) -> list[Source]:
    """The rows a record was built from (several when records were merged)."""
    srcs: list[Source] | None = r.get("_srcs")
    return [r["_src"]] if srcs is None else srcs


def _with_clean(frame: pd.DataFrame, srcs: list[Source], parts: Split, name: str) -> pd.DataFrame:
    """The table with the clean patients' rows, all in input order."""
    clean = parts.frames[name]
    if clean.empty:
        return frame
    if frame.empty:
        return clean[list(frame.columns)]
    # both parts in the declared dtypes, so the bulk is not converted again
    frame = coerce_table(name, frame).assign(
        _seq=[parts.order[(s.file, s.sheet)] for s in srcs], _row=[s.row for s in srcs]
    )
    both = pd.concat([frame, clean[list(frame.columns)]], ignore_index=True)
    both = both.sort_values(["_seq", "_row"], kind="mergesort", ignore_index=True)
    return both.drop(columns=["_seq", "_row"])


def _ledger(
    asm: _Assembler, sources: list[Source], bad: set[SourceKey], used: set[SourceKey]
) -> pd.DataFrame:
    rows = []
    # a row a later submission of its visit replaces: reported by its own warning
    replaced = {(p.file, p.sheet, p.row) for p in asm.problems if p.rule == RESUBMITTED}
    for src in sources:
        k = _key(src)
        if k in bad or k in replaced:
            status = "reported"
        elif k in used:
            status = "loaded"
        else:
            status = "reported"
            asm.problems.append(
                src.problem("no_data", "row holds no value the cohort can use", severity=WARNING)
            )
        rows.append({"file": src.file, "sheet": src.sheet, "row": src.row, "status": status})
    frame = pd.DataFrame(rows, columns=["file", "sheet", "row", "status"])
    states = pd.CategoricalDtype(["loaded", "reported"])
    return frame.astype({"file": "category", "sheet": "category", "status": states})
