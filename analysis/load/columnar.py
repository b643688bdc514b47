"""The clean bulk of tidy tables, assembled column by column.

Registries are mostly clean: every cell of most patients' rows reads without a problem.
For such a patient the rules of :mod:`analysis.load.assemble` have fixed answers that
can be computed for all patients at once: the index session is the earliest, a
vertebra is a repeat when an earlier session treated its level, the session's cement
is the sum of its vertebrae. A patient goes the row-by-row way instead when any of
their rows has a problem or when any of those rules could report one:

- a row of the patient was not clean (a bad, approximate or missing required cell, a
  level that is not one known vertebra, a vertebra entered twice);
- the patient has two patient rows, no patient row, or no procedure;
- a procedure identifier used by two patients, a session on two days, the same vertebra
  twice in a session, a vertebra marked as a repeat that has no earlier procedure;
- an outcome for a procedure of another patient or for no known procedure, or the same
  outcome twice;
- a new fracture before the index procedure or recorded twice;
- follow-up or death before the last event, or a death with ``died`` given as no.

Every rule is thus applied exactly as before; :func:`split` only decides which patients
need the row-by-row rules. ``tests/test_load_columnar.py`` checks that both ways give
the same cohort, problems and ledger.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.load.records import Record, Staged
from analysis.load.tidy import TidySheet, as_record
from analysis.problems import Source
from analysis.spec import TABLES, load_spec

SheetKey = tuple[str, str]


@dataclass
class Split:
    """The clean patients' tables, and where each tidy row went."""

    frames: dict[str, pd.DataFrame]  # spec columns plus _seq, _row (sheet order, row)
    sheets: list[TidySheet] = field(default_factory=list)
    by_rows: list[np.ndarray] = field(default_factory=list)  # per sheet: row-by-row rows
    order: dict[SheetKey, int] = field(default_factory=dict)  # sheet -> position


def _clean_frame(sheets: list[TidySheet], table: str) -> pd.DataFrame:
    cols = list(load_spec().tables[table].columns)
    parts = []
    for seq, s in enumerate(sheets):
        if s.table != table or not s.clean.any():
            continue
        keep = s.clean
        n = int(keep.sum())
        data = {c: (s.values[c][keep] if c in s.values else np.full(n, None, object)) for c in cols}
        data["_pid"] = s.owner[keep]
        data["_seq"] = np.full(n, seq)
        data["_row"] = s.rows[keep]
        parts.append(pd.DataFrame(data))
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in [*cols, "_pid", "_seq", "_row"]})
    return pd.concat(parts, ignore_index=True)


def _dirty(sheets: list[TidySheet], table: str) -> list[Record]:
    return [r for s in sheets if s.table == table for recs in s.records.values() for r in recs]


def _complicated(
    sheets: list[TidySheet], t: dict[str, pd.DataFrame], before: np.ndarray
) -> set[str]:
    """Patients that need the row-by-row rules (see the module docstring)."""
    bad: set[str] = set()
    for s in sheets:
        bad.update(o for o in s.owner[~s.clean] if o is not None)
    pts, procs, outs, fracs = t["patients"], t["procedures"], t["assessments"], t["fractures"]
    listed = pts["_pid"]
    bad.update(listed[listed.duplicated(keep=False)])
    have = set(listed)
    for frame in (procs, outs, fracs):
        bad.update(frame.loc[~frame["_pid"].isin(have), "_pid"])
    bad.update(set(listed) - set(procs["_pid"]))
    # procedure identifiers: one patient each, over clean rows and parsed records
    owners = pd.concat(
        [
            procs[["procedure_id", "_pid"]],
            pd.DataFrame(
                [(r.get("procedure_id"), r["patient_id"]) for r in _dirty(sheets, "procedures")],
                columns=["procedure_id", "_pid"],
            ),
        ]
    ).drop_duplicates()
    shared = owners["procedure_id"].duplicated(keep=False)
    bad.update(owners.loc[shared, "_pid"])
    owner_of = dict(zip(owners["procedure_id"], owners["_pid"], strict=True))
    bad.update(procs.loc[procs.duplicated(["procedure_id", "level"], keep=False), "_pid"])
    days = procs.groupby(["_pid", "procedure_id"], sort=False)["day"].nunique()
    bad.update(days[days > 1].index.get_level_values(0))
    # outcomes: of the patient's own procedure, once each
    refs = pd.concat(
        [
            outs[["procedure_id", "_pid"]],
            pd.DataFrame(
                [(r.get("procedure_id"), r["patient_id"]) for r in _dirty(sheets, "assessments")],
                columns=["procedure_id", "_pid"],
            ),
        ]
    )
    whose = refs["procedure_id"].map(owner_of)
    elsewhere = whose.isna() | (whose != refs["_pid"])
    bad.update(refs.loc[elsewhere, "_pid"])
    bad.update(whose[elsewhere].dropna())
    twice = outs.duplicated(["procedure_id", "timepoint", "measure"], keep=False)
    bad.update(outs.loc[twice, "_pid"])
    # new fractures: after day 0, once each
    bad.update(fracs.loc[fracs["day"].astype(float) < 0, "_pid"])
    bad.update(fracs.loc[fracs.duplicated(["_pid", "day", "level"], keep=False), "_pid"])
    bad.update(_repeats_unexplained(procs, before))
    bad.update(_sequence_breaks(pts, procs, fracs))
    return bad


def _treated_before(procs: pd.DataFrame) -> np.ndarray:
    """Whether an earlier session of the patient treated the same level. Sessions are
    ordered as the row-by-row rules order them: by day, then by procedure identifier as
    text."""
    pid = pd.factorize(procs["_pid"])[0]
    session = pd.factorize(procs["procedure_id"].astype(str), sort=True)[0]
    day = procs["day"].astype(float).to_numpy()
    level = pd.factorize(procs["level"])[0]
    order = np.lexsort((session, day, pid))
    # rank of each row's session within its patient: sessions counted in sorted order
    p, sess = pid[order], session[order]
    new_patient = np.r_[True, p[1:] != p[:-1]]
    new_session = new_patient | np.r_[True, sess[1:] != sess[:-1]]
    count = np.cumsum(new_session)
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = count - np.maximum.accumulate(np.where(new_patient, count, 0))
    first = pd.Series(rank).groupby([pid, level], sort=False).transform("min").to_numpy()
    return rank > first


def _repeats_unexplained(procs: pd.DataFrame, before: np.ndarray) -> pd.Series:
    given = procs["is_repeat"].eq(True).to_numpy()
    return procs.loc[given & ~before, "_pid"]


def _sequence_breaks(pts: pd.DataFrame, procs: pd.DataFrame, fracs: pd.DataFrame) -> pd.Series:
    days = pd.concat([procs[["_pid", "day"]], fracs[["_pid", "day"]]])
    last = days.assign(day=days["day"].astype(float)).groupby("_pid")["day"].max().clip(lower=0)
    last_event = pts["_pid"].map(last).fillna(0.0)
    fu = pd.to_numeric(pts["followup_days"], errors="coerce")
    death = pd.to_numeric(pts["death_day"], errors="coerce")
    broken = (fu < last_event) | (death < last_event) | (death.notna() & pts["died"].eq(False))
    return pts.loc[broken, "_pid"]


def _session_volume(procs: pd.DataFrame) -> np.ndarray:
    """The session's total cement on every vertebra row, as the row-by-row rule gives
    it: the volumes of rows standing for the session when there are any, else the sum
    of the per-vertebra volumes when none is missing; summed left to right in row order
    (exactly as that rule sums) and rounded to 6 decimals."""
    vol = pd.to_numeric(procs["cement_volume_ml"], errors="coerce").to_numpy(float)
    given = pd.to_numeric(procs["session_cement_volume_ml"], errors="coerce").to_numpy(float)
    # a row without its own volume but with the session's stands for the session
    row_total = np.where(np.isnan(vol) & ~np.isnan(given), given, np.nan)
    session = pd.factorize(procs["procedure_id"])[0]
    n, n_sessions = len(session), int(session.max()) + 1
    order = np.argsort(session, kind="stable")
    starts = np.r_[True, session[order][1:] != session[order][:-1]]
    position = np.empty(n, dtype=np.int64)
    position[order] = np.arange(n) - np.maximum.accumulate(np.where(starts, np.arange(n), 0))
    by_row, any_row = np.zeros(n_sessions), np.zeros(n_sessions, dtype=bool)
    summed, incomplete = np.zeros(n_sessions), np.zeros(n_sessions, dtype=bool)
    for j in range(int(position.max()) + 1):  # the j-th vertebra of every session at once
        at = np.flatnonzero(position == j)
        g, own, part = session[at], row_total[at], vol[at]
        has = ~np.isnan(own)
        by_row[g[has]] += own[has]
        any_row[g[has]] = True
        summed[g[~np.isnan(part)]] += part[~np.isnan(part)]
        incomplete[g[np.isnan(part)]] = True
    total = np.where(any_row, by_row, np.where(incomplete, np.nan, summed))
    found, codes = np.unique(total, return_inverse=True)
    rounded = np.array([v if np.isnan(v) else round(float(v), 6) for v in found])
    return rounded[codes][session]


def split(staged: Staged) -> Split:
    """Send the rows of patients that need the row-by-row rules, and every row that is
    not clean, into ``staged``'s record lists (with sources and owners, in input order);
    assemble the other patients here."""
    sheets = staged.tidy
    clean = {name: _clean_frame(sheets, name) for name in TABLES}
    before = _treated_before(clean["procedures"]) if len(clean["procedures"]) else np.zeros(0, bool)
    bad = _complicated(sheets, clean, before)
    out = Split({}, sheets, order={(s.file, s.sheet): i for i, s in enumerate(sheets)})
    lists = {
        "patients": staged.patients,
        "procedures": staged.procedures,
        "assessments": staged.assessments,
        "fractures": staged.fractures,
    }
    bad_ids = np.array(sorted(bad), dtype=object)
    for s in sheets:
        slow = ~s.clean | np.isin(s.owner, bad_ids)
        idx = np.flatnonzero(slow)
        out.by_rows.append(idx)
        for k in idx:
            row = int(s.rows[k])
            src = Source(s.file, s.sheet, row)
            staged.sources.append(src)
            if s.owner[k] is not None:
                staged.row_owner[src] = (s.owner[k], s.table)
            if not s.clean[k]:
                lists[s.table].extend(s.records.get(row, []))
                continue
            record: Record = {"_src": src}
            record.update((c, v[k]) for c, v in s.values.items() if v[k] is not None)
            if s.table in ("procedures", "fractures"):
                level = record.pop("level")
                lists[s.table].append(as_record(s.table, record, level))
            elif s.table == "assessments":
                lists[s.table].append({**record, "_session": None})
            else:
                lists[s.table].append(record)
    procs = clean["procedures"]
    if len(procs):
        given = procs["is_repeat"]
        procs["is_repeat"] = given.where(given.notna(), pd.Series(before, index=procs.index))
    for name, frame in clean.items():
        out.frames[name] = frame[~frame["_pid"].isin(bad)].reset_index(drop=True)
    procs = out.frames["procedures"]
    if len(procs):
        procs["session_cement_volume_ml"] = _session_volume(procs)
    return out


def ledger(parts: Split, status: dict[tuple[str, str, int], str]) -> pd.DataFrame:
    """One row per data row of the tidy sheets: rows of clean patients are loaded,
    the others have the status the row-by-row rules gave them."""
    frames = []
    for s, idx in zip(parts.sheets, parts.by_rows, strict=True):
        state = np.full(len(s.rows), "loaded", dtype=object)
        state[idx] = [status[(s.file, s.sheet, int(s.rows[k]))] for k in idx]
        frames.append(
            pd.DataFrame(
                {
                    "file": np.full(len(s.rows), s.file, dtype=object),
                    "sheet": np.full(len(s.rows), s.sheet, dtype=object),
                    "row": s.rows.astype(int),
                    "status": state,
                }
            )
        )
    if not frames:
        return pd.DataFrame(columns=["file", "sheet", "row", "status"])
    return pd.concat(frames, ignore_index=True)
