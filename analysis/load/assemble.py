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
   involved. New fractures repeated identically on several rows are one fracture.
4. Sequences. A new fracture before day 0, follow-up ending before a recorded event and
   death before a recorded event are errors.
5. Quarantine. A row with an error is excluded. When a patient loses a patient,
   procedure or fracture row, all of that patient's rows are excluded too (their
   timeline or event history would be incomplete); a lost outcome row excludes only
   itself. Every input row ends up loaded or reported.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from analysis.load.records import Record, Staged
from analysis.problems import ERROR, WARNING, Problem, Source
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
        ``reported``). ``rows_in == rows_loaded + rows_reported`` always holds.
    """

    cohort: Cohort
    problems: list[Problem]
    ledger: pd.DataFrame

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

    def problems_frame(self) -> pd.DataFrame:
        from analysis.problems import ProblemLog

        return ProblemLog(self.problems).to_frame()


class _Assembler:
    def __init__(self, staged: Staged) -> None:
        self.s = staged
        self.problems: list[Problem] = list(staged.problems)
        failed = {(p.file, p.sheet, p.row) for p in staged.problems if p.severity == ERROR}
        # patients whose own rows already have errors: consequences are not reported twice
        self.failed_patients = {
            pid for src, (pid, _) in staged.row_owner.items() if _key(src) in failed
        }

    def consequence(self, pid: str, srcs: Iterable[Source], rule: str, message: str) -> None:
        if pid not in self.failed_patients:
            self.error(srcs, rule, message)

    def error(
        self,
        srcs: Iterable[Source],
        rule: str,
        message: str,
        column: str | None = None,
        value: object = None,
    ) -> None:
        for src in sorted(set(srcs), key=_key):
            self.problems.append(src.problem(rule, message, column=column, value=value))

    # 1. timeline --------------------------------------------------------------------
    def timeline(self) -> None:
        by_patient: dict[str, list[Record]] = defaultdict(list)
        for p in self.s.procedures:
            by_patient[p["patient_id"]].append(p)
        self.index_date = {}
        for pid, procs in by_patient.items():
            dated = [p["_date"] for p in procs if p.get("_date") is not None]
            if dated:
                self.index_date[pid] = min(dated)
                undated = [p["_src"] for p in procs if p.get("_date") is None]
                if undated:
                    self.error(
                        undated,
                        "procedure_date",
                        "procedure date missing while the patient's other procedures have one; fill it in",
                        "procedure date",
                    )
        self._event_days()

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
            if pt.get("_death_date") is not None and "died" not in pt:
                pt["died"] = True

    # 2. sessions -------------------------------------------------------------------
    def sessions(self) -> None:
        sessions: dict[str, dict[object, list[Record]]] = defaultdict(lambda: defaultdict(list))
        for p in self.s.procedures:
            sessions[p["patient_id"]][p["_session"]].append(p)
        self.session_id: dict[tuple[str, object], str] = {}
        self.index_session: dict[str, str] = {}
        for pid, groups in sessions.items():
            ordered = sorted(
                groups.items(),
                key=lambda kv: (kv[1][0].get("day") is None, kv[1][0].get("day") or 0, str(kv[0])),
            )
            treated: set[str] = set()
            for n, (key, recs) in enumerate(ordered, start=1):
                days = {r.get("day") for r in recs}
                if len(days) > 1:
                    self.error(
                        [r["_src"] for r in recs],
                        "session_day",
                        f"procedure {key} is recorded on different days ({sorted(d for d in days if d is not None)})",
                    )
                given = recs[0].get("procedure_id")
                proc_id = str(given) if given else f"{pid}-{n}"
                self.session_id[(pid, key)] = proc_id
                if n == 1:
                    self.index_session[pid] = proc_id
                for r in recs:
                    r["procedure_id"] = proc_id
                    self._repeat(r, treated)
                treated.update(r["level"] for r in recs)

    def _repeat(self, r: Record, treated: set[str]) -> None:
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
            groups[tuple(r.get(k) for k in key)].append(r)
        merged = []
        for k, recs in groups.items():
            if len(recs) == 1:
                merged.append(recs[0])
                continue
            combined: Record = {"_srcs": [r["_src"] for r in recs]}
            conflict = False
            for r in recs:
                for col, v in r.items():
                    if col.startswith("_") or v is None:
                        continue
                    if col in combined and combined[col] != v:
                        conflict = True
                        self.error(
                            [x["_src"] for x in recs],
                            "conflict",
                            f"{what} {', '.join(map(str, k))}: conflicting {col} on rows {_rows(x['_src'] for x in recs)} ('{combined[col]}' vs '{v}')",
                            col,
                        )
                    combined.setdefault(col, v)
            if not identical_ok and not conflict:
                self.error(
                    [r["_src"] for r in recs[1:]],
                    "duplicate",
                    f"{what} {', '.join(map(str, k))} entered more than once (rows {_rows(x['_src'] for x in recs)}); keep one",
                )
            combined["_src"] = recs[0]["_src"]
            merged.append(combined)
        return merged

    # 4. sequences ------------------------------------------------------------------
    def sequences(
        self, patients: list[Record], procedures: list[Record], fractures: list[Record]
    ) -> None:
        last_event: dict[str, int] = defaultdict(int)
        for p in procedures:
            if p.get("day") is not None:
                last_event[p["patient_id"]] = max(last_event[p["patient_id"]], int(p["day"]))
        for f in fractures:
            d = f.get("day")
            if d is None:
                continue
            if d < 0:
                self.error(
                    f.get("_srcs", [f["_src"]]),
                    "sequence",
                    f"new fracture dated {-d} days before the index procedure",
                    "fracture",
                    d,
                )
            last_event[f["patient_id"]] = max(last_event[f["patient_id"]], int(d))
        self._references(patients, procedures, fractures)
        self._followup(patients, procedures, last_event)

    def _references(
        self, patients: list[Record], procedures: list[Record], fractures: list[Record]
    ) -> None:
        known = {pt["patient_id"] for pt in patients}
        for name, recs in (("procedures", procedures), ("new fracture", fractures)):
            for r in recs:
                if r["patient_id"] not in known:
                    self.error(
                        r.get("_srcs", [r["_src"]]),
                        "reference",
                        f"{name} of patient {r['patient_id']}, who is not in the patients table",
                        "patient_id",
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
            if death is not None and death < last_event[pid]:
                self.error(
                    srcs,
                    "sequence",
                    f"death on day {death} precedes an event on day {last_event[pid]}",
                    "death",
                    death,
                )
            if death is not None and pt.get("died") is False:
                self.error(srcs, "conflict", "a date of death is recorded but died is 'no'", "died")

    def assessments(self) -> list[Record]:
        out = []
        for a in self.s.assessments:
            pid, key = a["patient_id"], a.get("_session")
            proc_id = a.get("procedure_id") or (
                self.session_id.get((pid, key)) if key is not None else self.index_session.get(pid)
            )
            if proc_id is None:
                self.error(
                    [a["_src"]],
                    "no_procedure",
                    "outcome recorded for a patient without a procedure",
                )
                continue
            out.append({**a, "procedure_id": proc_id})
        known = set(self.session_id.values())
        for a in out:
            if a["procedure_id"] not in known:
                self.error(
                    [a["_src"]],
                    "reference",
                    f"outcome refers to procedure '{a['procedure_id']}', which is not in the procedures table",
                    "procedure_id",
                )
        return out


def _quarantine(asm: _Assembler, tables: dict[str, list[Record]]) -> set[SourceKey]:
    bad = {
        (p.file, p.sheet, p.row) for p in asm.problems if p.severity == ERROR and p.row is not None
    }
    owner: dict[SourceKey, str] = {}
    for recs in tables.values():
        for r in recs:
            for src in r.get("_srcs", [r["_src"]]):
                owner[_key(src)] = r["patient_id"]
    lost: set[str] = set()
    for src, (pid, table) in asm.s.row_owner.items():
        owner.setdefault(_key(src), pid)
        if table != "assessments" and _key(src) in bad:
            lost.add(pid)
    for name in ("patients", "procedures", "fractures"):
        for r in tables[name]:
            if any(_key(s) in bad for s in r.get("_srcs", [r["_src"]])):
                lost.add(r["patient_id"])
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
    return bad


def assemble(staged: Staged) -> LoadResult:
    """Turn staged records into a :class:`LoadResult` (rules in the module docstring)."""
    asm = _Assembler(staged)
    asm.timeline()
    asm.sessions()
    patients = asm.merge(staged.patients, ("patient_id",), "patient", identical_ok=True)
    procedures = asm.merge(
        staged.procedures, ("procedure_id", "level"), "procedure", identical_ok=False
    )
    assessments = asm.merge(
        asm.assessments(), ("procedure_id", "timepoint", "measure"), "outcome", identical_ok=True
    )
    fractures = asm.merge(
        staged.fractures, ("patient_id", "day", "level"), "new fracture", identical_ok=True
    )
    asm.sequences(patients, procedures, fractures)
    tables = {
        "patients": patients,
        "procedures": procedures,
        "assessments": assessments,
        "fractures": fractures,
    }
    bad = _quarantine(asm, tables)
    frames = {}
    used: set[SourceKey] = set()
    for name in TABLES:
        keep = [
            r for r in tables[name] if not any(_key(s) in bad for s in r.get("_srcs", [r["_src"]]))
        ]
        for r in keep:
            used.update(_key(s) for s in r.get("_srcs", [r["_src"]]))
        cols = list(load_spec().tables[name].columns)
        frames[name] = coerce_table(
            name, pd.DataFrame([{c: r.get(c) for c in cols} for r in keep], columns=cols)
        )
    cohort = Cohort(**frames)
    internal = cohort.validate()
    if internal:
        raise RuntimeError(
            "internal error: loaded cohort fails its schema: " + "; ".join(map(str, internal[:5]))
        )
    ledger = _ledger(asm, staged.sources, bad, used)
    return LoadResult(cohort, asm.problems, ledger)


def _ledger(
    asm: _Assembler, sources: list[Source], bad: set[SourceKey], used: set[SourceKey]
) -> pd.DataFrame:
    rows = []
    for src in sources:
        k = _key(src)
        if k in bad:
            status = "reported"
        elif k in used:
            status = "loaded"
        else:
            status = "reported"
            asm.problems.append(
                src.problem("no_data", "row holds no value the cohort can use", severity=WARNING)
            )
        rows.append({"file": src.file, "sheet": src.sheet, "row": src.row, "status": status})
    return pd.DataFrame(rows, columns=["file", "sheet", "row", "status"])
