"""Kaplan-Meier fracture-free survival and log-rank tests, computed as R's survival does.

Everything is vectorised over one sort of the data (no Python loop per subject or event
time), so a registry of a million patients takes well under a second. Conventions follow
``survival::survfit`` and ``survdiff``:

- ``n_risk`` at time t counts subjects still under observation just before t;
- ``std_err`` is the Greenwood standard error of S; intervals are built from the
  standard error of log S;
- confidence intervals: ``"log-log"`` (default here), ``"log"`` (R's default) or
  ``"plain"``, as ``conf.type``;
- the median and its CI follow ``quantile.survfit`` (a flat stretch at exactly 0.5 gives
  the midpoint to the next drop).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Literal

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from scipy import stats

from analysis.stats.display import Displayed, num, values
from analysis.stats.levels import confidence_alpha
from analysis.stats.outcomes.timecourse import holm
from analysis.stats.results import NAN, Estimate, Tidy, estimates_frame
from analysis.stats.survival._counting import (
    EventTable,
    FloatArray,
    as_float,
    days,
    event_indicator,
    event_table,
    merge_near_ties,
)
from analysis.stats.survival.at_times import SurvivalAt

ConfType = Literal["log-log", "log", "plain"]
DEFAULT_TIMES = (30, 90, 180, 365, 730)
TOL = float(np.sqrt(np.finfo(float).eps))


@dataclass(frozen=True, repr=False)
class SurvivalCurve(Displayed):
    """One Kaplan-Meier curve.

    ``table`` has one row per distinct observed time: ``time``, ``n_risk``, ``n_event``,
    ``n_censor``, ``survival``, ``std_err`` (Greenwood standard error of the survival, as
    ``summary.survfit`` prints it), ``ci_low``, ``ci_high``.
    """

    group: str
    table: pd.DataFrame
    n: int
    n_events: int
    conf_type: str
    ci_level: float
    median: float
    median_ci_low: float
    median_ci_high: float

    def _display_label(self) -> str:
        return self.group

    def _display_headline(self) -> str:
        median = "not reached" if np.isnan(self.median) else f"{num(self.median)} days"
        events = "1 event" if self.n_events == 1 else f"{self.n_events} events"
        return f"n {self.n}, {events}, median {median}"

    def quantiles(self, probs: Sequence[float] = (0.1, 0.25, 0.5)) -> pd.DataFrame:
        """Times by which a share ``prob`` has had the event, with confidence limits from
        the interval curves, as R's ``quantile.survfit`` (NaN where not reached)."""
        t = self.table["time"].to_numpy(dtype=float)
        rows = []
        for p in probs:
            if not 0 < p < 1:
                raise ValueError(f"quantile probabilities lie strictly between 0 and 1 (got {p})")
            rows.append(
                {
                    "group": self.group,
                    "prob": float(p),
                    "time": find_quantile(t, self.table["survival"].to_numpy(float), p),
                    "ci_low": find_quantile(t, self.table["ci_low"].to_numpy(float), p),
                    "ci_high": find_quantile(t, self.table["ci_high"].to_numpy(float), p),
                    "conf_type": self.conf_type,
                }
            )
        return pd.DataFrame(rows)

    def at(self, times: Sequence[float] = DEFAULT_TIMES) -> pd.DataFrame:
        """Survival, CI and counts at chosen days (as R's ``summary(fit, times = ...)``).

        ``n_risk`` is the number at risk at that day; ``n_event`` and ``n_censor`` count
        what happened since the previous requested day, ``n_event_cumulative`` and
        ``n_censor_cumulative`` since day 0; ``conf_type`` names the interval. Days after the last follow-up
        give NaN survival and 0 at risk, unless the curve has reached 0 (its last
        observation an event): then survival stays 0, as R's ``extend = TRUE``, with an
        undefined interval.
        """
        tab = self.table
        t = tab["time"].to_numpy()
        req = np.asarray(days(times), dtype=float)
        reached_zero = float(tab["survival"].iloc[-1]) == 0.0
        last = np.searchsorted(t, req, side="right") - 1  # last row at or before
        nxt = np.searchsorted(t, req, side="left")  # first row at or after
        n_risk = np.where(nxt < len(t), tab["n_risk"].to_numpy()[np.minimum(nxt, len(t) - 1)], 0)
        cum_e = np.concatenate([[0], np.cumsum(tab["n_event"].to_numpy())])
        cum_c = np.concatenate([[0], np.cumsum(tab["n_censor"].to_numpy())])
        ev_to = cum_e[last + 1]
        ce_to = cum_c[last + 1]

        def pick(col: str, before: float) -> FloatArray:
            vals = tab[col].to_numpy(dtype=float)
            out = np.where(last >= 0, vals[np.maximum(last, 0)], before)
            if reached_zero:
                out = np.where((out == 0) & (col != "survival"), np.nan, out)
                return np.where(req > t[-1], 0.0 if col == "survival" else np.nan, out)
            return np.where(req > t[-1], np.nan, out)

        return pd.DataFrame(
            {
                "group": self.group,
                "time": req,
                "n_risk": n_risk.astype(int),
                "n_event": np.diff(np.concatenate([[0], ev_to])).astype(int),
                "n_censor": np.diff(np.concatenate([[0], ce_to])).astype(int),
                "n_event_cumulative": ev_to.astype(int),
                "n_censor_cumulative": ce_to.astype(int),
                "survival": pick("survival", 1.0),
                "std_err": pick("std_err", 0.0),
                "ci_low": pick("ci_low", 1.0 if self.conf_type != "log-log" else NAN),
                "ci_high": pick("ci_high", 1.0 if self.conf_type != "log-log" else NAN),
                "conf_type": self.conf_type,
            }
        )


@dataclass(frozen=True, repr=False)
class KaplanMeier(Displayed, Tidy):
    """Kaplan-Meier curves, one per group (a single ``"all"`` group when unstratified)."""

    curves: tuple[SurvivalCurve, ...]
    n_excluded: int
    method: str

    def curve(self, group: str = "all") -> SurvivalCurve:
        for c in self.curves:
            if c.group == group:
                return c
        raise KeyError(f"no curve {group!r}; groups: {[c.group for c in self.curves]}")

    def at(self, times: Sequence[float] = DEFAULT_TIMES) -> pd.DataFrame:
        """Estimates at chosen days for every group, stacked (see :meth:`SurvivalCurve.at`).

        A frame, the table a report prints; :meth:`survival_at` gives the same numbers as
        a result object (``tidy()``, ``glance()``, ``estimate(group, day)``)."""
        return pd.concat([c.at(times) for c in self.curves], ignore_index=True)

    def survival_at(self, times: Sequence[float] = DEFAULT_TIMES) -> SurvivalAt:
        """Estimates at chosen days for every group as a :class:`SurvivalAt`, whose
        ``to_frame()`` is :meth:`at`."""
        groups = tuple((c.group, c.n) for c in self.curves)
        return SurvivalAt(self.at(times), groups, self.curves[0].ci_level, self.method)

    def quantiles(self, probs: Sequence[float] = (0.1, 0.25, 0.5)) -> pd.DataFrame:
        """Quantiles of every group, stacked (see :meth:`SurvivalCurve.quantiles`)."""
        return pd.concat([c.quantiles(probs) for c in self.curves], ignore_index=True)

    def medians(self) -> pd.DataFrame:
        return pd.DataFrame(
            [
                {
                    "group": c.group,
                    "n": c.n,
                    "n_events": c.n_events,
                    "median": c.median,
                    "ci_low": c.median_ci_low,
                    "ci_high": c.median_ci_high,
                }
                for c in self.curves
            ]
        )

    def to_frame(self) -> pd.DataFrame:
        """The full step functions of all groups, stacked, with a ``group`` column."""
        frames = []
        for c in self.curves:
            f = c.table.copy()
            f.insert(0, "group", c.group)
            frames.append(f)
        return pd.concat(frames, ignore_index=True)

    def _tidy_items(self) -> Iterator[tuple[str, Estimate]]:
        """The median survival time of each group (``term`` the group) with its interval
        (as :meth:`medians`; NaN where not reached). The step functions are
        :meth:`to_frame`, estimates at chosen days :meth:`at`."""
        for c in self.curves:
            yield c.group, Estimate(
                "median_survival_time", c.median, c.median_ci_low, c.median_ci_high, c.ci_level,
                f"{self.method}; median survival time, CI from the {c.conf_type} interval curves",
                c.n,
            )  # fmt: skip

    def _glance(self) -> dict[str, object]:
        """Groups, subjects used (``n_used``), events and excluded, the interval type and
        level, and the method."""
        first = self.curves[0]
        return {
            "groups": ", ".join(c.group for c in self.curves),
            "n_groups": len(self.curves),
            "n_used": sum(c.n for c in self.curves),
            "n_events": sum(c.n_events for c in self.curves),
            "n_excluded": self.n_excluded,
            "conf_type": first.conf_type,
            "conf_level": first.ci_level,
            "method": self.method,
        }


def _confint(
    surv: FloatArray, se: FloatArray, conf_type: ConfType, z: float
) -> tuple[FloatArray, FloatArray]:
    with np.errstate(divide="ignore", invalid="ignore"):
        if conf_type == "log-log":
            inner = np.where((surv > 0) & (surv < 1), surv, np.nan)
            shift = z * se / np.log(inner)
            low = np.exp(-np.exp(np.log(-np.log(inner)) - shift))
            high = np.exp(-np.exp(np.log(-np.log(inner)) + shift))
            low, high = np.minimum(low, high), np.maximum(low, high)
        elif conf_type == "log":
            low = np.exp(np.log(surv) - z * se)
            high = np.minimum(np.exp(np.log(surv) + z * se), 1.0)
        elif conf_type == "plain":
            low = np.maximum(surv - z * se * surv, 0.0)
            high = np.minimum(surv + z * se * surv, 1.0)
        else:
            raise ValueError(f"conf_type must be 'log-log', 'log' or 'plain', not {conf_type!r}")
    # as survfit: on the log-log scale the interval is missing where survival is 0 or 1
    return low, high


def find_quantile(times: FloatArray, surv: FloatArray, p: float = 0.5) -> float:
    """Time at which a survival curve first falls to 1 - p (R's ``findq``)."""
    x = np.concatenate([[0.0], times])
    y = np.concatenate([[0.0], 1.0 - surv])
    keep = ~np.isnan(y)
    if not keep.any() or np.nanmax(y) < p:
        return NAN
    xmax = x[-1]
    x, y = x[keep], y[keep]
    _, first = np.unique(y, return_index=True)
    first = np.sort(first)
    x, y = x[first], y[first]
    i1 = np.flatnonzero(y + TOL >= p)
    i2 = np.flatnonzero(y - TOL >= p)
    if len(i1) == 0:
        return NAN
    if abs(p - y[-1]) < TOL:
        return float((x[i1[0]] + xmax) / 2)
    if len(i2) == 0:
        return NAN
    return float((x[i1[0]] + x[i2[0]]) / 2)


def _curve(tab: EventTable, g: int, conf_type: ConfType, alpha: float) -> SurvivalCurve:
    n_risk = tab.at_risk[:, g]
    ev = tab.events[:, g, :]
    seen = ev.sum(axis=1) > 0
    times, n_risk, ev = tab.times[seen], n_risk[seen], ev[seen]
    d = ev[:, 1:].sum(axis=1)
    cens = ev[:, 0]
    with np.errstate(divide="ignore", invalid="ignore"):
        surv = np.cumprod(1.0 - d / n_risk)
        green = np.cumsum(np.where(d > 0, d / (n_risk * (n_risk - d)), 0.0))
    se_log = np.sqrt(green)
    z = float(stats.norm.isf(alpha / 2))
    low, high = _confint(surv, se_log, conf_type, z)
    with np.errstate(invalid="ignore"):
        se_surv = se_log * surv  # NaN once survival reaches 0, as R
    table = pd.DataFrame(
        {
            "time": times,
            "n_risk": n_risk.astype(int),
            "n_event": d.astype(int),
            "n_censor": cens.astype(int),
            "survival": surv,
            "std_err": se_surv,
            "ci_low": low,
            "ci_high": high,
        }
    )
    return SurvivalCurve(
        tab.groups[g],
        table,
        int(n_risk[0]) if len(n_risk) else 0,
        int(d.sum()),
        conf_type,
        1 - alpha,
        find_quantile(times, surv),
        find_quantile(times, low),
        find_quantile(times, high),
    )


def kaplan_meier(
    time: ArrayLike,
    event: ArrayLike,
    group: ArrayLike | None = None,
    conf_type: ConfType = "log-log",
    alpha: float = 0.05,
    group_order: tuple[str, ...] | None = None,
    *,
    conf_level: float = 0.95,
) -> KaplanMeier:
    """Kaplan-Meier estimate, optionally one curve per group.

    Parameters
    ----------
    time
        Days from the index procedure to the event or censoring.
    event
        1 (or any positive code) for the event, 0 for censoring.
    group
        Optional group label per subject.
    conf_type
        ``"log-log"`` (default), ``"log"`` or ``"plain"``, as R's ``conf.type``.
    alpha
        1 - confidence level.
    conf_level
        Coverage of the confidence intervals (default 0.95); the same as
        ``alpha = 1 - conf_level``, which older calls give. Recorded on the result
        (``ci_level`` of each estimate, ``conf_level`` of ``tidy()``).
    group_order
        Order of the curves (default: sorted labels).

    Returns
    -------
    KaplanMeier
        Subjects with a missing time, event or group are counted in ``n_excluded``.
    """
    alpha = confidence_alpha(alpha, conf_level)
    tab = event_table(time, event_indicator(event), group, group_order, timefix=True)
    curves = tuple(_curve(tab, g, conf_type, alpha) for g in range(len(tab.groups)))
    return KaplanMeier(curves, tab.n_excluded, f"Kaplan-Meier, Greenwood variance, {conf_type} CI")


Weights = Literal["logrank", "peto", "fleming-harrington"]


def _weights(
    tab: EventTable, d: FloatArray, n: FloatArray, kind: Weights, p: float, q: float
) -> FloatArray:
    with np.errstate(divide="ignore", invalid="ignore"):
        step = np.where(n > 0, 1.0 - d / n, 1.0)
    surv_left = np.concatenate([[1.0], np.cumprod(step)[:-1]])
    if kind == "logrank":
        return np.ones_like(d)
    if kind == "peto":
        return surv_left
    if kind == "fleming-harrington":
        return surv_left**p * (1.0 - surv_left) ** q
    raise ValueError(f"weights must be 'logrank', 'peto' or 'fleming-harrington', not {kind!r}")


@dataclass(frozen=True, repr=False)
class LogRank(Displayed, Tidy):
    """A k-sample test of survival curves.

    ``observed`` and ``expected`` are the weighted observed and expected events per group
    (plain counts for the log-rank test) and ``variance`` the k x k variance matrix of
    observed - expected, as ``survdiff`` reports them (summed over strata when
    stratified; ``strata`` names the stratifying variable's levels).
    """

    groups: tuple[str, ...]
    observed: tuple[float, ...]
    expected: tuple[float, ...]
    test: Estimate
    variance: tuple[tuple[float, ...], ...] = ()
    strata: tuple[str, ...] = ()

    def _display_headline(self) -> str:
        return (
            f"{', '.join(self.groups)}: observed {values('', self.observed)}, "
            f"expected {values('', self.expected)}"
        )

    def to_frame(self) -> pd.DataFrame:
        frame = estimates_frame([self.test])
        frame.insert(0, "groups", ", ".join(self.groups))
        return frame

    def _tidy_items(self) -> Iterator[tuple[str, Estimate]]:
        """One row, ``survival_difference``: the chi-square, its df and p."""
        yield self.test.quantity, self.test

    def _glance(self) -> dict[str, object]:
        """Groups, strata, n used and excluded, and the test (observed and expected
        events per group are :meth:`groups_frame`)."""
        return {
            "groups": ", ".join(self.groups),
            "strata": ", ".join(self.strata),
            "n_used": self.test.n_used,
            "n_excluded": self.test.n_excluded,
            "statistic": self.test.statistic,
            "df": self.test.df,
            "p_value": self.test.p_value,
            "method": self.test.method,
        }

    @property
    def variance_matrix(self) -> pd.DataFrame:
        """``variance`` as a k x k frame, rows and columns named by the groups (``survdiff``'s
        ``var``; NaN when not recorded); ``.to_numpy()`` gives the array."""
        k = len(self.groups)
        values = np.asarray(self.variance, dtype=float) if self.variance else np.full((k, k), NAN)
        return pd.DataFrame(
            values,
            index=pd.Index(self.groups, name="group"),
            columns=pd.Index(self.groups, name="group"),
        )

    def groups_frame(self) -> pd.DataFrame:
        """Observed and expected events per group, with O/E."""
        obs, exp = np.asarray(self.observed), np.asarray(self.expected)
        return pd.DataFrame(
            {
                "group": self.groups,
                "observed": obs,
                "expected": exp,
                "observed_over_expected": obs / exp,
            }
        )


def _logrank_parts(
    time: ArrayLike, ev: ArrayLike, group: ArrayLike, weights: Weights, p: float, q: float,
    group_order: tuple[str, ...] | None,
) -> tuple[EventTable, FloatArray, FloatArray, FloatArray, FloatArray]:  # fmt: skip
    """Score (observed - expected), its variance, observed and expected per group
    (``time`` already tied within R's tolerance by the caller, over all strata)."""
    tab = event_table(time, ev, group, group_order)
    d_g = tab.events[:, :, 1:].sum(axis=2).astype(float)
    n_g = tab.at_risk.astype(float)
    d, n = d_g.sum(axis=1), n_g.sum(axis=1)
    w = _weights(tab, d, n, weights, p, q)
    keep = d > 0
    d_g, n_g, d, n, w = d_g[keep], n_g[keep], d[keep], n[keep], w[keep]
    expected = n_g * (d / n)[:, None]
    u = (w[:, None] * (d_g - expected)).sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        factor = np.where(n > 1, w**2 * d * (n - d) / (n - 1) / n, 0.0)
        frac = np.where(n[:, None] > 0, n_g / n[:, None], 0.0)
    cov = np.diag((factor[:, None] * n_g).sum(axis=0)) - np.einsum("t,tg,th->gh", factor, n_g, frac)
    return tab, u, cov, (w[:, None] * d_g).sum(axis=0), (w[:, None] * expected).sum(axis=0)


def logrank_test(
    time: ArrayLike,
    event: ArrayLike,
    group: ArrayLike,
    weights: Weights = "logrank",
    p: float = 0.0,
    q: float = 0.0,
    group_order: tuple[str, ...] | None = None,
    strata: ArrayLike | None = None,
) -> LogRank:
    """Log-rank test between groups, or a weighted version, optionally stratified.

    Parameters
    ----------
    weights
        ``"logrank"`` (equal weights, R ``survdiff(rho = 0)``), ``"peto"`` (weights
        S(t-), the Peto-Peto modification of the Gehan-Wilcoxon test, R
        ``survdiff(rho = 1)``), or ``"fleming-harrington"`` (S(t-)^p (1 - S(t-))^q, with
        S the pooled Kaplan-Meier).
    p, q
        Powers of the Fleming-Harrington weights (default 0 and 0).
    group_order
        Order of the groups (default ``None``: sorted labels).
    strata
        Optional stratifying variable: scores and variances are computed within each
        stratum and summed, as ``survdiff(Surv(time, event) ~ group + strata(x))``.
        Subjects with a missing stratum are excluded and counted.

    Returns
    -------
    LogRank
        Chi-square on k - 1 degrees of freedom.
    """
    ev = event_indicator(event)
    # times tied within R's tolerance over all strata at once, as survdiff
    t_all = merge_near_ties(as_float(time))
    levels: tuple[str, ...] = ()
    if strata is None:  # a categorical group is coded by its codes, without hashing
        tab, u, cov, obs, exp = _logrank_parts(t_all, ev, group, weights, p, q, group_order)
        groups, n_used, n_excl = tab.groups, int(tab.at_risk[0].sum()), tab.n_excluded
    else:
        g_all = np.asarray(group, dtype=object)
        st = pd.Series(np.asarray(strata, dtype=object)).astype("string")
        known = pd.Series(g_all).astype("string").dropna().unique()
        order = group_order or tuple(sorted(str(x) for x in known))
        levels = tuple(sorted(str(x) for x in st.dropna().unique()))
        k0 = len(order)
        u, cov = np.zeros(k0), np.zeros((k0, k0))
        obs, exp = np.zeros(k0), np.zeros(k0)
        n_used, n_excl = 0, int(st.isna().sum())
        for level in levels:
            m = (st == level).fillna(False).to_numpy()
            tab, u_s, cov_s, o_s, e_s = _logrank_parts(
                t_all[m], ev[m], g_all[m], weights, p, q, order
            )
            u, cov, obs, exp = u + u_s, cov + cov_s, obs + o_s, exp + e_s
            n_used, n_excl = n_used + int(tab.at_risk[0].sum()), n_excl + tab.n_excluded
        groups = tuple(order)
    k = len(groups)
    if k < 2:
        raise ValueError(f"a log-rank test needs at least two groups (found {list(groups)})")
    chi2 = float(u[:-1] @ np.linalg.solve(cov[:-1, :-1], u[:-1]))
    names = {
        "logrank": "Log-rank test",
        "peto": "Peto-Peto test (G-rho, rho = 1)",
        "fleming-harrington": f"Fleming-Harrington test (p = {p:g}, q = {q:g})",
    }
    label = names[weights] + (f", stratified ({len(levels)} strata)" if levels else "")
    test = Estimate(
        "survival_difference", NAN, NAN, NAN, NAN, label,
        n_used, n_excl, chi2, float(k - 1), float(stats.chi2.sf(chi2, k - 1)),
    )  # fmt: skip
    return LogRank(
        groups,
        tuple(float(x) for x in obs),
        tuple(float(x) for x in exp),
        test,
        tuple(tuple(float(v) for v in row) for row in cov),
        levels,
    )


def pairwise_logrank(
    time: ArrayLike, event: ArrayLike, group: ArrayLike, weights: Weights = "logrank"
) -> pd.DataFrame:
    """Log-rank test for every pair of groups with Holm-adjusted p-values; ``weights``
    (default ``"logrank"``) as in :func:`logrank_test`."""
    g = pd.Series(np.asarray(group, dtype=object)).astype("string")
    levels = sorted(str(x) for x in g.dropna().unique())
    t, e = np.asarray(time), np.asarray(event)
    rows = []
    for a, b in combinations(levels, 2):
        mask = (g == a) | (g == b)
        m = mask.fillna(False).to_numpy(dtype=bool)
        res = logrank_test(t[m], e[m], g[m].to_numpy(dtype=object), weights, group_order=(a, b))
        rows.append(
            {
                "group_1": a,
                "group_2": b,
                "statistic": res.test.statistic,
                "p_value": res.test.p_value,
            }
        )
    frame = pd.DataFrame(rows, columns=["group_1", "group_2", "statistic", "p_value"])
    frame["p_value_holm"] = holm(frame["p_value"].tolist())
    frame["method"] = f"pairwise {weights} tests, Holm adjustment"
    return frame


def kaplan_meier_clustered(
    time: ArrayLike,
    event: ArrayLike,
    cluster: ArrayLike,
    conf_type: ConfType = "log-log",
    alpha: float = 0.05,
    *,
    conf_level: float = 0.95,
) -> KaplanMeier:
    """Kaplan-Meier when several units (vertebrae) belong to one cluster (patient).

    The estimate is the usual one; its standard error is the robust (infinitesimal
    jackknife) one of R's ``survfit(..., id = vertebra, cluster = patient)``: each
    unit's influence on S(t) is summed within its cluster and the cluster sums squared.
    Units with a missing time, event or cluster are excluded and counted. ``conf_type``
    (default ``"log-log"``; ``"log"``, ``"plain"``) as R's ``conf.type``.

    ``conf_level`` (default 0.95) is the coverage of the confidence intervals, the same
    as ``alpha = 1 - conf_level``; it is recorded on the result.
    """
    alpha = confidence_alpha(alpha, conf_level)
    t = np.asarray(pd.to_numeric(pd.Series(np.asarray(time)), errors="coerce"), dtype=float)
    e = np.asarray(pd.to_numeric(pd.Series(np.asarray(event)), errors="coerce"), dtype=float)
    c = pd.Series(np.asarray(cluster, dtype=object)).astype("string")
    ok = ~np.isnan(t) & ~np.isnan(e) & c.notna().to_numpy()
    t, e = merge_near_ties(t[ok]), (e[ok] > 0).astype(float)
    codes = pd.factorize(c[ok])[0]
    km = kaplan_meier(t, e, conf_type=conf_type, alpha=alpha)
    curve = km.curves[0]
    tab = curve.table
    times = tab["time"].to_numpy(dtype=float)
    y = tab["n_risk"].to_numpy(dtype=float)
    d = tab["n_event"].to_numpy(dtype=float)
    surv = tab["survival"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        a = np.where(d > 0, d / (y * (y - d)), 0.0)
        b = np.where(d > 0, 1.0 / (y - d), 0.0)
    a_cum = np.cumsum(np.where(np.isfinite(a), a, 0.0))
    last = np.searchsorted(times, t, side="right") - 1  # last time each unit is at risk
    k = np.arange(len(times))
    at_risk_part = a_cum[np.minimum(last[:, None], k[None, :])]
    event_part = np.where((e[:, None] > 0) & (last[:, None] <= k[None, :]), b[last][:, None], 0.0)
    influence = surv[None, :] * (at_risk_part - np.where(np.isfinite(event_part), event_part, 0.0))
    summed = np.zeros((codes.max() + 1, len(times)))
    np.add.at(summed, codes, influence)
    se_surv = np.sqrt((summed**2).sum(axis=0))
    with np.errstate(divide="ignore", invalid="ignore"):
        se_log = np.where(surv > 0, se_surv / surv, np.nan)
    z = float(stats.norm.isf(alpha / 2))
    low, high = _confint(surv, se_log, conf_type, z)
    table = tab.assign(std_err=np.where(surv > 0, se_surv, np.nan), ci_low=low, ci_high=high)
    robust = SurvivalCurve(
        curve.group, table, curve.n, curve.n_events, conf_type, 1 - alpha,
        curve.median, find_quantile(times, low), find_quantile(times, high),
    )  # fmt: skip
    return KaplanMeier(
        (robust,),
        int((~ok).sum()),
        f"Kaplan-Meier, robust variance clustered ({codes.max() + 1} clusters), {conf_type} CI",
    )
