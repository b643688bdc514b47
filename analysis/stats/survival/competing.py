"""Competing risks: cumulative incidence (Aalen-Johansen) and Gray's test, as cmprsk.

Ties are handled deterministically: all events and censorings at one time are
processed together, events before censorings, exactly as ``cmprsk::cuminc`` does (the
lifelines fitter instead jitters tied times at random, which changes the estimate from
run to run; it is not used here). Estimates and variances equal ``cuminc``'s; Gray's
K-sample test equals ``cuminc``'s ``Tests`` (rho = 0 by default).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from scipy import stats

from analysis.stats.display import Displayed, num
from analysis.stats.levels import confidence_alpha
from analysis.stats.results import NAN, Estimate, Tests, Tidy, estimates_frame
from analysis.stats.survival._counting import EventTable, FloatArray, days, event_table

DEFAULT_TIMES = (30, 90, 180, 365, 730)


@dataclass(frozen=True, repr=False)
class IncidenceCurve(Displayed):
    """Cumulative incidence of one cause in one group.

    ``table`` has one row per distinct time with an event of this cause: ``time``,
    ``n_risk``, ``n_event``, ``estimate``, ``variance``, ``ci_low``, ``ci_high``
    (the interval is F^exp(+-z sd / (F log F)), on the log(-log) scale).
    """

    group: str
    cause: str
    table: pd.DataFrame
    ci_level: float
    last_time: float = float("inf")  # the group's last observed time (end of follow-up)

    def _display_label(self) -> str:
        return f"{self.cause} ({self.group})"

    def _display_headline(self) -> str:
        events = int(self.table["n_event"].sum()) if len(self.table) else 0
        if not events:
            return "no events"
        last = self.table.iloc[-1]
        counted = "1 event" if events == 1 else f"{events} events"
        return f"{counted}, {num(last['estimate'])} by day {num(last['time'])}"

    def at(self, times: Sequence[float] = DEFAULT_TIMES) -> pd.DataFrame:
        """Estimate, variance and CI at chosen days (as ``cmprsk::timepoints``).

        Before the first event of this cause the estimate and variance are 0; a group
        that never has this cause stays at 0; days after the group's follow-up ends are
        NaN (cmprsk gives NA): the curve says nothing there.
        """
        req = np.asarray(days(times), dtype=float)
        t = self.table["time"].to_numpy(dtype=float)
        idx = np.searchsorted(t, req, side="right") - 1
        beyond = req > self.last_time

        def pick(col: str) -> FloatArray:
            vals = np.append(self.table[col].to_numpy(dtype=float), NAN)  # NAN: padding
            before = 0.0 if col in ("estimate", "variance") else NAN
            out = np.where(idx >= 0, vals[np.where(idx >= 0, idx, len(vals) - 1)], before)
            return np.where(beyond, NAN, out)

        return pd.DataFrame(
            {
                "group": self.group,
                "cause": self.cause,
                "time": req,
                "estimate": pick("estimate"),
                "variance": pick("variance"),
                "ci_low": pick("ci_low"),
                "ci_high": pick("ci_high"),
            }
        )


@dataclass(frozen=True, repr=False)
class CumulativeIncidence(Displayed, Tidy):
    """Cumulative incidence curves of every cause in every group, and Gray's tests.

    Attributes
    ----------
    curves
        One :class:`IncidenceCurve` per group and cause.
    gray
        Gray's test of each cause keyed by cause (``cif.gray["new_fracture"].p_value``);
        empty with one group. Given as a tuple in the order of ``causes`` (the form it
        once had), it is keyed on construction.
    causes, groups
        The causes and groups, in order.
    n_excluded
        Subjects without a time or cause.
    method
        The estimator, as a methods section names it.
    """

    curves: tuple[IncidenceCurve, ...]
    gray: Tests
    causes: tuple[str, ...]
    groups: tuple[str, ...]
    n_excluded: int
    method: str

    def __post_init__(self) -> None:
        if not isinstance(self.gray, Tests):  # a tuple in the order of the causes
            keyed = Tests(zip(self.causes, self.gray, strict=False))
            object.__setattr__(self, "gray", keyed)

    @property
    def gray_tests(self) -> tuple[Estimate, ...]:
        """Gray's tests in the order of ``causes``: ``tuple(cif.gray.values())``.

        .. deprecated:: use :attr:`gray`, keyed by cause."""
        warnings.warn(
            "CumulativeIncidence.gray_tests is deprecated: use cif.gray, keyed by cause "
            "(tuple(cif.gray.values()) gives the same tuple)",
            DeprecationWarning,
            stacklevel=2,
        )
        return tuple(self.gray.values())

    @property
    def ci_level(self) -> float:
        """Coverage of the pointwise intervals (``conf_level`` of the call), e.g. 0.95."""
        return self.curves[0].ci_level

    def curve(self, cause: str, group: str = "all") -> IncidenceCurve:
        for c in self.curves:
            if c.cause == cause and c.group == group:
                return c
        raise KeyError(f"no curve for cause {cause!r} in group {group!r}")

    def at(self, times: Sequence[float] = DEFAULT_TIMES) -> pd.DataFrame:
        """Every curve at chosen days, stacked (see :meth:`IncidenceCurve.at`)."""
        return pd.concat([c.at(times) for c in self.curves], ignore_index=True)

    def to_frame(self) -> pd.DataFrame:
        frames = []
        for c in self.curves:
            f = c.table.copy()
            f.insert(0, "cause", c.cause)
            f.insert(0, "group", c.group)
            frames.append(f)
        return pd.concat(frames, ignore_index=True)

    def tests_frame(self) -> pd.DataFrame:
        """Gray's tests, one row per cause (no rows with one group)."""
        return estimates_frame(self.gray.values())

    def _tidy_items(self) -> Iterator[tuple[str, Estimate]]:
        """Gray's test of each cause, ``term`` the cause (no rows with one group). The
        curves are :meth:`to_frame`, estimates at chosen days :meth:`at`."""
        return iter(self.gray.items())

    def _glance(self) -> dict[str, object]:
        """Causes, groups, n excluded and the method."""
        return {
            "causes": ", ".join(self.causes),
            "groups": ", ".join(self.groups),
            "n_groups": len(self.groups),
            "n_excluded": self.n_excluded,
            "conf_level": self.ci_level,
            "method": self.method,
        }


def _cinc(tab: EventTable, g: int, k: int, z: float) -> pd.DataFrame:
    """cmprsk's ``cinc`` for cause code ``k`` in group ``g``, vectorised over times."""
    ev = tab.events[:, g, :]
    rs = tab.at_risk[:, g].astype(float)
    nd_all = ev[:, 1:].sum(axis=1).astype(float)
    keep = nd_all > 0
    rs, nd_all = rs[keep], nd_all[keep]
    nd1 = ev[keep, k].astype(float)
    nd2 = nd_all - nd1
    times = tab.times[keep]
    fkn = np.cumprod((rs - nd_all) / rs)
    fk = np.concatenate([[1.0], fkn[:-1]])
    f = np.cumsum(fk * nd1 / rs)
    with np.errstate(divide="ignore", invalid="ignore"):
        inv = np.where(fkn > 0, 1.0 / fkn, 0.0)
        t5_2 = np.where(nd2 > 1, 1 - (nd2 - 1) / (rs - 1), 1.0)
        t6_2 = np.where((nd2 > 0) & (fkn > 0), fk * fk * t5_2 * nd2 / (rs * rs), 0.0)
        t5_1 = np.where(nd1 > 1, 1 - (nd1 - 1) / (rs - 1), 1.0)
        t6_1 = np.where(nd1 > 0, fk * fk * t5_1 * nd1 / (rs * rs), 0.0)
    t4_2 = f * inv
    t4_1 = 1 + inv * f
    v1 = np.cumsum(t4_2**2 * t6_2 + t4_1**2 * t6_1)
    v2 = np.cumsum(inv * t4_2 * t6_2 + inv * t4_1 * t6_1)
    v3 = np.cumsum(inv**2 * (t6_2 + t6_1))
    var = v1 + f * f * v3 - 2 * f * v2
    mask = nd1 > 0
    est, var = f[mask], var[mask]
    # the log(-log) interval is undefined where the estimate is 0 or 1 (NA in R)
    defined = (est > 0) & (est < 1)
    safe = np.where(defined, est, 0.5)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        shift = z * np.sqrt(var) / (safe * np.log(safe))
        low = np.where(defined, safe ** np.exp(-shift), np.nan)
        high = np.where(defined, safe ** np.exp(shift), np.nan)
    return pd.DataFrame(
        {
            "time": times[mask],
            "n_risk": rs[mask].astype(int),
            "n_event": nd1[mask].astype(int),
            "estimate": est,
            "variance": var,
            "ci_low": np.minimum(low, high),
            "ci_high": np.maximum(low, high),
        }
    )


def gray_statistic(tab: EventTable, k: int, rho: float = 0.0) -> tuple[float, int]:
    """Gray's (1988) K-sample test for the cumulative incidence of cause code ``k``.

    Follows cmprsk's ``crstm`` (one stratum): score and variance accumulated over the
    distinct times, vectorised over times with cumulative sums.
    """
    ng = len(tab.groups)
    ev = tab.events.astype(float)
    rs = tab.at_risk.astype(float)  # (T, G)
    d1 = ev[:, :, k]
    d_all = ev[:, :, 1:].sum(axis=2)
    d2 = d_all - d1
    nd1, nd2 = d1.sum(axis=1), d2.sum(axis=1)
    active = rs > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        step = np.where(active, (rs - d_all) / rs, 1.0)
        skm = np.cumprod(step, axis=0)
        skmm = np.vstack([np.ones((1, ng)), skm[:-1]])
        jump = np.where(active, skmm * d1 / rs, 0.0)
        f1 = np.cumsum(jump, axis=0)
        f1m = np.vstack([np.zeros((1, ng)), f1[:-1]])
        t1 = np.where(active, rs / skmm, 0.0)
        tr = t1.sum(axis=1)
        tq = np.where(active, rs * (1 - f1m) / skmm, 0.0).sum(axis=1)
        any_ev = (nd1 + nd2) > 0
        inc = np.where(any_ev & (tr > 0), nd1 / tr, 0.0)
        f = np.cumsum(inc)
        fm = np.concatenate([[0.0], f[:-1]])
        fb = np.where(any_ev, (1 - fm) ** rho, 0.0)
        # a[t, i, j]
        a = -fb[:, None, None] * t1[:, :, None] * t1[:, None, :] / tr[:, None, None]
        diag = fb[:, None] * t1 * (1 - t1 / tr[:, None])
        idx = np.arange(ng)
        a[:, idx, idx] = diag
        a = np.where(np.isfinite(a), a, 0.0)
        cfac = np.where(any_ev & (tr > 0), nd1 / (tr * (1 - fm)), 0.0)
        c = np.cumsum(a * cfac[:, None, None], axis=0)
        score = (
            fb[:, None]
            * np.where(active, d1 - nd1[:, None] * rs * (1 - f1m) / (skmm * tq[:, None]), 0.0)
        ).sum(axis=0)
        # cause-of-interest part
        t4a = np.where(skm > 0, 1 - (1 - f[:, None]) / skm, 1.0)
        t5a = np.where(nd1[:, None] > 1, 1 - (nd1[:, None] - 1) / (tr[:, None] * skmm - 1), 1.0)
        t3a = np.where(
            active & (nd1[:, None] > 0), t5a * skmm * nd1[:, None] / (tr[:, None] * rs), 0.0
        )
        # other-cause part
        t4b = np.where(skm > 0, (1 - f[:, None]) / skm, 0.0)
        t5b = np.where(d2 > 1, 1 - (d2 - 1) / (rs - 1), 1.0)
        t3b = np.where(active & (skm > 0) & (d2 > 0), t5b * skmm**2 * d2 / rs**2, 0.0)
    t3a, t3b = np.nan_to_num(t3a), np.nan_to_num(t3b)
    v3 = (t4a**2 * t3a + t4b**2 * t3b).sum(axis=0)  # (G,)
    e1 = a - t4a[:, None, :] * c  # (T, i, k)
    e2 = t4b[:, None, :] * c
    v2 = (e1 * (t4a * t3a)[:, None, :]).sum(axis=0) - (e2 * (t4b * t3b)[:, None, :]).sum(axis=0)
    v = np.einsum("tik,tjk,tk->ij", e1, e1, t3a) + np.einsum("tik,tjk,tk->ij", e2, e2, t3b)
    cf = c[-1]
    v = v + np.einsum("ik,jk,k->ij", cf, cf, v3) + cf @ v2.T + v2 @ cf.T
    s = score[: ng - 1]
    vs = v[: ng - 1, : ng - 1]
    stat = float(s @ np.linalg.solve(vs, s))
    return stat, ng - 1


def _label(value: object) -> str:
    """A cause label as compared: 0 and 0.0 and "0" are the same code."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def cumulative_incidence(
    time: ArrayLike,
    cause: ArrayLike,
    group: ArrayLike | None = None,
    censored: str | int = "censored",
    alpha: float = 0.05,
    rho: float = 0.0,
    group_order: tuple[str, ...] | None = None,
    *,
    conf_level: float = 0.95,
) -> CumulativeIncidence:
    """Aalen-Johansen cumulative incidence of every cause, by group, with Gray's test.

    Parameters
    ----------
    time
        Days to the first event or censoring.
    cause
        Cause label per subject (``"adjacent"``, ``"remote"``, ``"death"`` ...);
        ``censored`` marks censoring.
    group
        Optional groups; with two or more, Gray's test is computed for every cause.
    censored
        The label of censoring; with causes coded as numbers (cmprsk's 0 = censored, 1,
        2, ...) give the code, ``censored=0``: numeric codes without it are refused, as
        0 would otherwise be read as a cause.
    alpha
        1 - confidence level of the pointwise intervals.
    conf_level
        Coverage of the confidence intervals (default 0.95); the same as
        ``alpha = 1 - conf_level``, which older calls give. Recorded on the result
        (``ci_level`` of each estimate, ``conf_level`` of ``tidy()``).
    rho
        Power of the weight in Gray's test (0 as cmprsk's default).
    group_order
        Order of the groups (default ``None``: sorted labels).

    Returns
    -------
    CumulativeIncidence
    """
    alpha = confidence_alpha(alpha, conf_level)
    codes, uniques = pd.factorize(np.asarray(cause, dtype=object), use_na_sentinel=True)
    names = [_label(u) for u in uniques]
    censored = _label(censored)
    numeric_codes = bool(names) and all(n.lstrip("-").isdigit() for n in names)
    if censored not in names and numeric_codes:  # 0 would silently become a cause
        raise ValueError(
            f"no subject's cause is the censoring label {censored!r} (causes: {sorted(names)}); "
            "name the label that marks censoring, e.g. censored=0 when causes are coded "
            "0 = censored, 1, 2, ... as in cmprsk"
        )
    causes = sorted(n for n in names if n != censored)
    if not causes:
        raise ValueError("no event of any cause: cumulative incidence is 0 throughout")
    lookup = np.array(
        [0 if n == censored else causes.index(n) + 1 for n in names] + [-1], dtype=float
    )
    status = lookup[codes]
    status[codes < 0] = np.nan
    tab = event_table(time, status, group, group_order)
    z = float(stats.norm.isf(alpha / 2))
    last = [
        float(tab.times[np.nonzero(tab.at_risk[:, g] > 0)[0].max()]) for g in range(len(tab.groups))
    ]
    curves = tuple(
        IncidenceCurve(tab.groups[g], c, _cinc(tab, g, k + 1, z), 1 - alpha, last[g])
        for g in range(len(tab.groups))
        for k, c in enumerate(causes)
    )
    rows = []
    for k, c in enumerate(causes if len(tab.groups) > 1 else ()):
        stat, df = gray_statistic(tab, k + 1, rho)
        rows.append(
            (c, Estimate(f"cumulative_incidence_difference[{c}]", NAN, NAN, NAN, NAN,
                         f"Gray's test (rho = {rho:g})", int(tab.at_risk[0].sum()), tab.n_excluded,
                         stat, float(df), float(stats.chi2.sf(stat, df))))
        )  # fmt: skip
    tests = Tests(rows)
    return CumulativeIncidence(
        curves,
        tests,
        tuple(causes),
        tab.groups,
        tab.n_excluded,
        "Aalen-Johansen cumulative incidence, variance as cmprsk::cuminc",
    )


def gray_test(
    time: ArrayLike,
    cause: ArrayLike,
    group: ArrayLike,
    censored: str | int = "censored",
    rho: float = 0.0,
) -> dict[str, Estimate]:
    """Gray's test of equal cumulative incidence across groups, for every cause.

    ``censored`` (default ``"censored"``) and ``rho`` (default 0) as in
    :func:`cumulative_incidence`.

    Returns
    -------
    dict
        Cause -> :class:`~analysis.stats.results.Estimate` (chi-square statistic, df, p).

    Raises
    ------
    ValueError
        With fewer than two groups.
    """
    result = cumulative_incidence(time, cause, group, censored=censored, rho=rho)
    if len(result.groups) < 2:
        raise ValueError(f"Gray's test needs at least two groups (got {list(result.groups)})")
    return dict(result.gray)
