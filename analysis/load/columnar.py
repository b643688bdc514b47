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
- follow-up or death before the last event, or a death with ``died`` given as no;
- a score dated after the patient's death.

Every rule is thus applied exactly as before; :func:`split` only decides which patients
need the row-by-row rules. ``tests/test_load_columnar.py`` checks that both ways give
the same cohort, problems and ledger.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

import numpy as np
import pandas as pd

from analysis.load.records import Record, Staged
from analysis.load.tidy import TidySheet, as_record
from analysis.problems import Source
from analysis.schema import coerce_column, coerce_table
from analysis.schema.timepoints import timepoint_day
from analysis.spec import TABLES, load_spec

SheetKey = tuple[str, str]


@dataclass
class Split:
    """The clean patients' tables, and where each tidy row went."""

    frames: dict[str, pd.DataFrame]  # spec columns plus _seq, _row (sheet order, row)
    sheets: list[TidySheet] = field(default_factory=list)
    by_rows: list[np.ndarray] = field(default_factory=list)  # per sheet: row-by-row rows
    order: dict[SheetKey, int] = field(default_factory=dict)  # sheet -> position


def _clean_frame(sheets: list[TidySheet], table: str, owners: list[np.ndarray]) -> pd.DataFrame:
    """The clean rows of a table's sheets, each column already in its declared dtype:
    coerced once per distinct value and taken by code."""
    tspec = load_spec().tables[table]
    parts = []
    for seq, s in enumerate(sheets):
        if s.table != table or not s.clean.any():
            continue
        keep = np.flatnonzero(s.clean)
        data: dict[str, object] = {}
        for name, col in tspec.columns.items():
            codes, found = s.values.get(name, (np.zeros(len(s.rows), np.intp), [None]))
            data[name] = coerce_column(col, pd.Series(found, dtype=object)).array.take(codes[keep])
        data["_pc"] = owners[seq][keep]
        data["_seq"] = np.full(len(keep), seq)
        data["_row"] = s.rows[keep]
        parts.append(pd.DataFrame(data, copy=False))  # one block per column: no 2-D copy
    if not parts:
        frame = pd.DataFrame({c: pd.Series(dtype=object) for c in [*tspec.columns, "_seq", "_row"]})
        return coerce_table(table, frame).assign(_pc=np.zeros(0, dtype=np.intp), _seq=[], _row=[])
    return parts[0] if len(parts) == 1 else pd.concat(parts, ignore_index=True)


def _dirty(sheets: list[TidySheet], table: str) -> list[Record]:
    return [r for s in sheets if s.table == table for recs in s.records.values() for r in recs]


@dataclass(frozen=True)
class _Keys:
    """Patient IDs and procedure identifiers as integers shared by every table, so study
    IDs are hashed once rather than in every check. Patient code ``-1`` is a row without
    a patient; a missing procedure identifier has a code of its own, as the row-by-row
    rules compare it."""

    n_patients: int
    owners: list[np.ndarray]  # per sheet: each row's patient code
    procs: tuple[np.ndarray, np.ndarray]  # session and patient codes, clean rows then records
    outs: tuple[np.ndarray, np.ndarray]  # of the outcome rows, likewise
    n_sessions: int


def _keys(sheets: list[TidySheet]) -> _Keys:
    """The shared codes of every sheet's rows and of the records parsed row by row."""
    dirty = [_dirty(sheets, "procedures"), _dirty(sheets, "assessments")]
    lengths = [len(s.owner) for s in sheets]
    owner_cells = [*(s.owner for s in sheets)]
    owner_cells += [np.array([r["patient_id"] for r in d], dtype=object) for d in dirty]
    codes, found = pd.factorize(np.concatenate(owner_cells))
    parts = np.split(codes, np.cumsum([len(c) for c in owner_cells])[:-1])
    owners, dirty_pcs = parts[: len(lengths)], parts[len(lengths) :]
    session_cells, patient_codes = [], []
    for table, d, pcs in zip(("procedures", "assessments"), dirty, dirty_pcs, strict=True):
        clean = [(s, o) for s, o in zip(sheets, owners, strict=True) if s.table == table]
        ids = [s.cells("procedure_id")[s.clean] for s, _ in clean]
        ids.append(np.array([r.get("procedure_id") for r in d], dtype=object))
        session_cells.append(np.concatenate(ids))
        patient_codes.append(np.concatenate([*(o[s.clean] for s, o in clean), pcs]))
    sessions, found_sessions = pd.factorize(np.concatenate(session_cells), use_na_sentinel=False)
    cut = len(session_cells[0])
    return _Keys(len(found), owners, (sessions[:cut], patient_codes[0]),
                 (sessions[cut:], patient_codes[1]), len(found_sessions))  # fmt: skip


def _pair(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """One integer per pair of non-negative codes (or -1)."""
    a, b = a.astype(np.int64), b.astype(np.int64)
    return a * (int(b.max(initial=0)) + 2) + (b + 1)


def _complicated(
    sheets: list[TidySheet], t: dict[str, pd.DataFrame], before: np.ndarray, keys: _Keys
) -> np.ndarray:
    """Per patient code: whether the patient needs the row-by-row rules (see the module
    docstring). One more slot at the end, for rows without a patient, stays False."""
    bad = np.zeros(keys.n_patients + 1, dtype=bool)
    for s, owner in zip(sheets, keys.owners, strict=True):
        bad[owner[~s.clean]] = True
    pts, procs, outs, fracs = t["patients"], t["procedures"], t["assessments"], t["fractures"]
    code = {name: frame["_pc"].to_numpy() for name, frame in t.items()}
    listed = np.bincount(code["patients"][code["patients"] >= 0], minlength=keys.n_patients)
    bad[:-1] |= listed > 1
    have = np.r_[listed > 0, False]
    for name in ("procedures", "assessments", "fractures"):
        bad[code[name][~have[code[name]]]] = True
    treated = np.bincount(code["procedures"][code["procedures"] >= 0], minlength=keys.n_patients)
    bad[:-1] |= have[:-1] & (treated == 0)
    # procedure identifiers: one patient each, over clean rows and parsed records
    sc, pc = keys.procs
    distinct = ~pd.Series(_pair(sc, pc)).duplicated().to_numpy()
    sc_u, pc_u = sc[distinct], pc[distinct]
    shared = np.bincount(sc_u, minlength=keys.n_sessions) > 1
    bad[pc_u[shared[sc_u]]] = True
    owner_of = np.full(keys.n_sessions, -1)
    owner_of[sc_u] = pc_u  # a shared identifier's owners are all sent row by row anyway
    own = sc[: len(procs)]
    level = pd.factorize(procs["level"])[0]
    bad[code["procedures"][pd.Series(_pair(own, level)).duplicated(keep=False).to_numpy()]] = True
    # a session on two days
    session = _pair(code["procedures"], own)
    day = pd.factorize(procs["day"])[0]
    dated = pd.DataFrame({"s": session, "d": day})[day >= 0].drop_duplicates()
    two_days = dated["s"].to_numpy()[dated["s"].duplicated(keep=False).to_numpy()]
    bad[code["procedures"][np.isin(session, two_days)]] = True
    # outcomes: of the patient's own procedure, once each
    ref_sc, ref_pc = keys.outs
    whose = owner_of[ref_sc]
    elsewhere = (whose < 0) | (whose != ref_pc)
    bad[ref_pc[elsewhere]] = True
    bad[whose[elsewhere & (whose >= 0)]] = True
    what = _pair(pd.factorize(outs["timepoint"])[0], pd.factorize(outs["measure"])[0])
    twice = pd.Series(_pair(ref_sc[: len(outs)], what)).duplicated(keep=False).to_numpy()
    bad[code["assessments"][twice]] = True
    # new fractures: after day 0, once each
    bad[fracs.loc[fracs["day"].astype(float) < 0, "_pc"].to_numpy()] = True
    bad[fracs.loc[fracs.duplicated(["_pc", "day", "level"], keep=False), "_pc"].to_numpy()] = True
    bad[_repeats_unexplained(procs, before)] = True
    bad[_sequence_breaks(pts, procs, fracs, keys.n_patients)] = True
    bad[_scores_after_death(pts, procs, outs, keys.n_patients, (own, ref_sc[: len(outs)], keys.n_sessions))] = True  # fmt: skip
    bad[-1] = False
    return bad


def _treated_before(procs: pd.DataFrame) -> np.ndarray:
    """Whether an earlier session of the patient treated the same level. Sessions are
    ordered as the row-by-row rules order them: by day, then by procedure identifier as
    text."""
    pid = procs["_pc"].to_numpy()
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


def _repeats_unexplained(procs: pd.DataFrame, before: np.ndarray) -> np.ndarray:
    given = procs["is_repeat"].eq(True).fillna(False).to_numpy(dtype=bool)
    return procs["_pc"].to_numpy()[given & ~before]


def _sequence_breaks(
    pts: pd.DataFrame, procs: pd.DataFrame, fracs: pd.DataFrame, n_patients: int
) -> np.ndarray:
    """Patient codes whose follow-up or death comes before their last event, or whose
    death is recorded with ``died`` given as no."""
    last = np.zeros(n_patients + 1)
    for frame in (procs, fracs):
        day = frame["day"].astype(float).to_numpy()
        known = ~np.isnan(day)
        np.maximum.at(last, frame["_pc"].to_numpy()[known], day[known])
    last_event = last[pts["_pc"].to_numpy()]
    fu = pd.to_numeric(pts["followup_days"], errors="coerce").astype(float).to_numpy()
    death = pd.to_numeric(pts["death_day"], errors="coerce").astype(float).to_numpy()
    died_no = pts["died"].eq(False).fillna(False).to_numpy(dtype=bool)
    broken = (fu < last_event) | (death < last_event) | (~np.isnan(death) & died_no)
    return pts["_pc"].to_numpy()[broken]


def _scores_after_death(
    pts: pd.DataFrame,
    procs: pd.DataFrame,
    outs: pd.DataFrame,
    n_patients: int,
    sessions: tuple[np.ndarray, np.ndarray, int],
) -> np.ndarray:
    """Patient codes with a score dated after their death, by the rule of
    :func:`analysis.load.checks.score_day`. ``sessions`` are the session codes of the
    clean procedures and assessments rows and their number (clean rows always name their
    session), so identifiers are not hashed again."""
    death = np.full(n_patients + 1, np.nan)
    death[pts["_pc"].to_numpy()] = pd.to_numeric(pts["death_day"], errors="coerce").astype(float)
    if np.isnan(death).all() or outs.empty:
        return np.zeros(0, dtype=np.intp)
    proc_session, out_session, n_sessions = sessions
    # each session's first known day, in row order (as groupby's first)
    day = pd.to_numeric(procs["day"], errors="coerce").astype(float).to_numpy()
    dated = np.flatnonzero(~np.isnan(day))[::-1]  # the earliest row writes last
    start = np.full(n_sessions, np.nan)
    start[proc_session[dated]] = day[dated]
    start_day = start[out_session]
    due, later = _due_days(outs["timepoint"])
    own = pd.to_numeric(outs["day"], errors="coerce").astype(float).to_numpy()
    taken = start_day + np.where(np.isnan(own), due, own)
    code = outs["_pc"].to_numpy()
    after = (taken > death[code]) & later
    return code[after]


def _due_days(timepoint: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Per row: the day its time point is due, and whether it is not the baseline
    (``pre``); a categorical column read by its codes, not turned into text."""
    if isinstance(timepoint.dtype, pd.CategoricalDtype) and not (timepoint.cat.codes < 0).any():
        names = [str(t) for t in timepoint.cat.categories]
        codes = timepoint.cat.codes.to_numpy()
        due = np.array([timepoint_day(t) for t in names], dtype=float)
        return due[codes], np.array([t != "pre" for t in names], dtype=bool)[codes]
    tp = timepoint.astype(str)
    due = tp.map({t: timepoint_day(t) for t in tp.unique()}).astype(float).to_numpy()
    return due, (tp != "pre").to_numpy()


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
    # one total repeated on each vertebra's row (a database's operation carried to each
    # of its levels): one total, not their sum
    size = np.bincount(session, minlength=n_sessions)
    holders = np.bincount(session, weights=~np.isnan(row_total), minlength=n_sessions)
    low = np.full(n_sessions, np.inf)
    high = np.full(n_sessions, -np.inf)
    np.minimum.at(low, session, np.where(np.isnan(row_total), np.inf, row_total))
    np.maximum.at(high, session, np.where(np.isnan(row_total), -np.inf, row_total))
    repeated = (size > 1) & (holders == size) & (low == high)
    by_row = np.where(repeated, low, by_row)
    total = np.where(any_row, by_row, np.where(incomplete, np.nan, summed))
    found, codes = np.unique(total, return_inverse=True)
    rounded = np.array([v if np.isnan(v) else round(float(v), 6) for v in found])
    return rounded[codes][session]


def split(staged: Staged) -> Split:
    """Send the rows of patients that need the row-by-row rules, and every row that is
    not clean, into ``staged``'s record lists (with sources and owners, in input order);
    assemble the other patients here."""
    sheets = staged.tidy
    keys = _keys(sheets)
    clean = {name: _clean_frame(sheets, name, keys.owners) for name in TABLES}
    before = _treated_before(clean["procedures"]) if len(clean["procedures"]) else np.zeros(0, bool)
    bad = _complicated(sheets, clean, before, keys)
    out = Split({}, sheets, order={(s.file, s.sheet): i for i, s in enumerate(sheets)})
    lists = {
        "patients": staged.patients,
        "procedures": staged.procedures,
        "assessments": staged.assessments,
        "fractures": staged.fractures,
    }
    for s, owner in zip(sheets, keys.owners, strict=True):
        slow = ~s.clean | bad[owner]
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
            record.update((c, v[1][v[0][k]]) for c, v in s.values.items() if v[1][v[0][k]] is not None)  # fmt: skip
            if s.table in ("procedures", "fractures"):
                level = record.pop("level")
                lists[s.table].append(as_record(s.table, record, level))
            elif s.table == "assessments":
                lists[s.table].append({**record, "_session": None})
            else:
                lists[s.table].append(record)
    for s in sheets:  # their clean rows are assembled: the ledger needs only the rows
        s.values, s.owner = {}, np.empty(0, dtype=object)
    procs = clean["procedures"]
    if len(procs):
        given = procs["is_repeat"]
        procs["is_repeat"] = given.where(given.notna(), pd.Series(before, index=procs.index))
    for name, frame in clean.items():
        keep = ~bad[frame["_pc"].to_numpy()]
        out.frames[name] = frame[keep].reset_index(drop=True) if not keep.all() else frame
        del out.frames[name]["_pc"]
    procs = out.frames["procedures"]
    if len(procs):
        procs["session_cement_volume_ml"] = _session_volume(procs)
    return out


def ledger(parts: Split, status: dict[tuple[str, str, int], str]) -> pd.DataFrame:
    """One row per data row of the tidy sheets: rows of clean patients are loaded,
    the others have the status the row-by-row rules gave them. File, sheet and status
    are categorical (a registry has millions of rows and a few sheets)."""
    if not parts.sheets:
        return pd.DataFrame(columns=["file", "sheet", "row", "status"])
    states = ["loaded", "reported"]
    where, state, rows = [], [], []
    for k, (s, idx) in enumerate(zip(parts.sheets, parts.by_rows, strict=True)):
        code = np.zeros(len(s.rows), dtype=np.int8)
        code[idx] = [states.index(status[(s.file, s.sheet, int(s.rows[i]))]) for i in idx]
        state.append(code)
        where.append(np.full(len(s.rows), k, dtype=np.int32))
        rows.append(s.rows.astype(np.int64))
    sheet_of = np.concatenate(where)
    return pd.DataFrame(
        {
            "file": _categorical(sheet_of, [s.file for s in parts.sheets]),
            "sheet": _categorical(sheet_of, [s.sheet for s in parts.sheets]),
            "row": np.concatenate(rows),
            "status": _categorical(np.concatenate(state), states),
        }
    )


def _categorical(codes: np.ndarray, names: list[str]) -> pd.Categorical:
    """``names[codes]`` as a categorical, without building the strings."""
    distinct, which = np.unique(np.array(names, dtype=object), return_inverse=True)
    return pd.Categorical.from_codes(cast(Any, which.reshape(-1)[codes]), cast(Any, list(distinct)))
