"""The review checks whose result objects no report section computes: follow-up by group
(reverse Kaplan-Meier) and Table 1's vertebra rows allowing for clustering (the same
vertebrae as Table 1 counts: those of the index procedure unless told otherwise)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.formatting import FormatConfig
from analysis.labels import Labels, endpoint
from analysis.report.review.check import Check, not_checked
from analysis.report.review.design import follow_up_by_group, table_one_vertebrae
from analysis.schema import Cohort
from analysis.stats import (
    Estimate,
    gee_coefficient,
    kaplan_meier,
    logrank_test,
    time_to_fracture,
    vertebra_frame,
)
from analysis.stats.outcomes.cement import vertebra_patient_order
from analysis.tables.table_one import (
    VERTEBRA_SESSIONS,
    VERTEBRA_VARIABLES,
    VertebraSessions,
    vertebra_population,
)


def _order(column: pd.Series) -> tuple[str, ...] | None:
    if not isinstance(column.dtype, pd.CategoricalDtype):
        return None
    names = [str(c) for c in column.cat.categories]
    codes = column.cat.codes.to_numpy()
    present = {names[i] for i in np.unique(codes[codes >= 0])}
    return tuple(n for n in names if n in present)


def follow_up(
    cohort: Cohort,
    by: str,
    horizon: float,
    alpha: float,
    cfg: FormatConfig,
    deaths: str = "censored",
) -> Check:
    """Median follow-up for new fractures per group of ``by`` by reverse Kaplan-Meier
    (the new-fracture indicator flipped), the log-rank test of it, and the deaths per
    group (see :func:`analysis.report.review.follow_up_by_group`); the analysis is named
    by the endpoint of the ``deaths`` setting."""
    data = time_to_fracture(cohort)
    analysis = f"{endpoint(deaths).title} by {by}"
    if by not in data.columns:
        return not_checked("follow_up", analysis, f"no patient column {by!r}")
    known = data.dropna(subset=["time", by])
    group = known[by].astype("string").to_numpy(dtype=object)
    order = _order(known[by])
    ended = 1 - known["fracture"].astype(int)
    reverse = kaplan_meier(known["time"], ended, group, "log-log", alpha, order)
    test = None
    if len(reverse.curves) > 1:
        test = logrank_test(known["time"], ended, group, group_order=order)
    died = known["cause"].astype(str) == "death"
    died_in = {str(g): int(n) for g, n in known.loc[died, by].astype(str).value_counts().items()}
    return follow_up_by_group(analysis, reverse, test, died_in, horizon, alpha, cfg, deaths == "competing")  # fmt: skip


def _yes_no(column: pd.Series) -> bool:
    values = {str(v) for v in column.dropna().unique()}
    return values <= {"0", "1", "0.0", "1.0", "True", "False"}


def _is_level(column: pd.Series, level: str) -> pd.Series:
    """``column.astype(str) == level``, a categorical column by its codes."""
    if not isinstance(column.dtype, pd.CategoricalDtype):
        return column.astype(str) == level
    hits = np.flatnonzero(column.cat.categories.astype(str) == level)
    return pd.Series(np.isin(column.cat.codes.to_numpy(), hits), index=column.index)


def _present_text(column: pd.Series) -> set[str]:
    """``set(column.dropna().astype(str))``, a categorical column by its codes."""
    if not isinstance(column.dtype, pd.CategoricalDtype):
        return set(column.dropna().astype(str).unique())
    codes = np.unique(column.cat.codes.to_numpy())
    return {str(c) for c in column.cat.categories[codes[codes >= 0]]}


def _gee(data: pd.DataFrame, patients: np.ndarray, order: np.ndarray, family: str, alpha: float) -> Estimate | str:  # fmt: skip
    """The GEE of ``_outcome`` on ``_group`` clustered by patient (``patients`` codes the
    rows' patients, ``order`` too, in the order of their IDs as text), or why it cannot
    be had."""
    known = data[["_outcome", "_group"]].notna().all(axis=1).to_numpy()
    used = data[known]
    by_patient = used["_outcome"].groupby(patients[known], sort=False)
    if len(used) and (by_patient.max() == by_patient.min()).all():
        return "the same for every vertebra of a patient: compare patients"
    if family == "binomial":
        rates = used.groupby("_group")["_outcome"].mean()
        if len(rates) < 2 or rates.isin([0.0, 1.0]).any():
            return "no vertebra, or every vertebra, with it in one group"
    try:
        return gee_coefficient(used, "_outcome", "_group", "patient_id", family, alpha, cluster_order=order[known])  # fmt: skip
    except ValueError as err:
        return str(err)


def table_one_clustered(
    cohort: Cohort, by: str, groups: tuple[str, str], alpha: float, labels: Labels, cfg: FormatConfig,
    sessions: VertebraSessions = VERTEBRA_SESSIONS,
) -> Check:  # fmt: skip
    """Table 1 tests its vertebra rows between the groups of ``by`` on patients, or not
    at all, never with vertebrae as independent; for reference, each two-level or
    numeric row by a GEE with the patient as cluster (odds ratio or difference, second
    group vs first). ``sessions`` names the
    vertebrae Table 1 counts (:func:`analysis.tables.table_one`'s argument of that name):
    the check counts the same ones."""
    analysis = f"Table 1, rows of the {vertebra_population(sessions)}, by {labels.display(by).lower()}"  # fmt: skip
    verts = vertebra_frame(cohort, sessions)
    # only the columns used: every copy below is of these, not of the whole frame
    names = ["patient_id", by, *(v.name for v in VERTEBRA_VARIABLES)]
    verts = verts[[c for c in dict.fromkeys(names) if c in verts.columns]]
    if by not in verts.columns:
        key = cohort.patients.set_index(cohort.patients["patient_id"].astype(str))[by]
        verts = verts.assign(**{by: key.reindex(verts["patient_id"].astype(str)).to_numpy()})
    side = verts[by].astype("string")
    chosen = side.isin(groups).fillna(False).to_numpy(dtype=bool)
    verts = verts[chosen]
    if verts.empty:
        return not_checked("clustered_vertebrae", analysis, f"no vertebra of the groups {', '.join(groups)}")  # fmt: skip
    group = (verts[by].astype(str) == groups[1]).astype(float).to_numpy()
    order = vertebra_patient_order(cohort, sessions)  # the GEEs' clusters, coded once
    if order is None:
        patients = pd.factorize(verts["patient_id"])[0]
        order = pd.factorize(verts["patient_id"].astype(str), sort=True)[0]
    else:
        order = patients = order[chosen]  # a code of the patient too
    frame = pd.DataFrame({"patient_id": verts["patient_id"], "_group": group}, index=verts.index)
    results: list[tuple[str, Estimate | str]] = []
    for v in VERTEBRA_VARIABLES:
        column = verts.get(v.name)
        if column is None or column.notna().sum() == 0:
            continue
        label = labels.display(v.name)
        if v.kind != "categorical":
            data, family = frame.assign(_outcome=pd.to_numeric(column, errors="coerce")), "gaussian"  # fmt: skip
        else:
            levels = _order(column) or tuple(sorted(_present_text(column)))
            if len(levels) != 2:
                continue
            if not _yes_no(column):
                label = f"{labels.level(v.name, levels[1])} ({label.lower()})"
            outcome = _is_level(column, levels[1]).astype(float).where(column.notna())
            data, family = frame.assign(_outcome=outcome), "binomial"
        results.append((label, _gee(data, patients, order, family, alpha)))
    analysis += f" ({groups[1]} vs {groups[0]})"
    n_patients = int(verts["patient_id"].nunique())
    return table_one_vertebrae(analysis, len(verts), n_patients, results, cfg)
