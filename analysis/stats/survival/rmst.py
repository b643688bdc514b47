"""Restricted mean survival time (RMST): the mean fracture-free time up to a horizon.

The RMST up to ``tau`` is the area under the Kaplan-Meier curve from 0 to ``tau``; its
variance is the Greenwood-type sum of R's ``survival`` (``print(fit, rmean = tau)``) and
of ``survRM2::rmst2``: for every event time t_i <= tau, A_i^2 d_i / (n_i (n_i - d_i)),
where A_i is the area under the curve from t_i to tau. Two groups are compared by the
difference (normal interval and z-test) and the ratio (on the log scale), as ``rmst2``.
lifelines' RMST variance is not used: it is not this estimator's.

A group with no event up to ``tau`` has a flat curve, an RMST of exactly ``tau`` and an
estimated variance of zero. Its interval would have no width, and a z-test of the
difference would take its variance from the other group alone (``rmst2`` then prints a
small p-value however few patients the flat group holds). Such intervals and tests are
not reported (NaN), and ``method`` says why; the estimates are, and so are the standard
errors as R and ``rmst2`` compute them (0 for the flat group).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from scipy import stats

from analysis.stats.display import Displayed
from analysis.stats.levels import confidence_alpha
from analysis.stats.results import NAN, Estimate, Tests, Tidy, estimates_frame
from analysis.stats.survival.kaplan_meier import SurvivalCurve, kaplan_meier


def _area_and_variance(curve: SurvivalCurve, tau: float) -> tuple[float, float]:
    tab = curve.table
    t = tab["time"].to_numpy(dtype=float)
    s = tab["survival"].to_numpy(dtype=float)
    keep = t <= tau
    t, s = t[keep], s[keep]
    n = tab["n_risk"].to_numpy(dtype=float)[keep]
    d = tab["n_event"].to_numpy(dtype=float)[keep]
    knots = np.concatenate([[0.0], t, [tau]])
    heights = np.concatenate([[1.0], s])  # survival on [knot_k, knot_k+1)
    pieces = np.diff(knots) * heights
    area = float(pieces.sum())
    # A_i: area from t_i to tau = pieces after the i-th knot
    after = np.cumsum(pieces[::-1])[::-1][1:]
    # a time where every subject at risk has the event adds 0 (the area after it is 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where((d > 0) & (n > d), after**2 * d / (n * (n - d)), 0.0)
    return area, float(terms.sum())


@dataclass(frozen=True, repr=False)
class RestrictedMean(Displayed, Tidy):
    """RMST up to ``tau`` per group and, with two groups, their difference and ratio.

    ``groups`` holds one :class:`Estimate` per group (``rmst[group]``, normal CI);
    ``tests`` holds ``difference`` (second group minus first) and ``ratio`` (second over
    first) with their z-tests, as ``survRM2::rmst2`` (arm 1 against arm 0); their
    ``method`` names the direction (``pathologic minus osteoporotic``). ``n_events``
    counts each group's events up to ``tau``: a group with none has zero estimated
    variance, and the intervals and tests it would enter are NaN (see the module
    docstring).

    ``std_errors`` holds each group's standard error (in the order of ``groups``),
    ``difference_std_error`` that of the difference and ``log_ratio_std_error`` that of
    the log of the ratio, as ``survRM2::rmst2`` and ``print(survfit, rmean = tau)``
    compute them; they are reported even where a group had no event up to ``tau`` (its
    SE is then 0, and the intervals and tests stay NaN).
    """

    tau: float
    groups: tuple[Estimate, ...]
    tests: Tests
    n_excluded: int
    method: str
    n_events: tuple[int, ...] = ()
    std_errors: tuple[float, ...] = ()
    difference_std_error: float = NAN
    log_ratio_std_error: float = NAN

    _display_extra = ("without_events",)

    @property
    def without_events(self) -> tuple[str, ...]:
        """The groups with no event up to ``tau`` (zero estimated variance)."""
        names = [g.quantity.removeprefix("rmst[").removesuffix("]") for g in self.groups]
        return tuple(n for n, d in zip(names, self.n_events, strict=True) if d == 0)

    def to_frame(self) -> pd.DataFrame:
        frame = estimates_frame([*self.groups, *self.tests.values()])
        frame.insert(0, "tau", self.tau)
        return frame

    def _tidy_items(self) -> Iterator[tuple[str, Estimate]]:
        """Each group's RMST (``term`` the group) with its SE from ``std_errors``, then
        ``difference`` with ``difference_std_error`` and ``ratio`` (its SE, of the log
        ratio, is ``log_ratio_std_error`` in :meth:`glance`)."""
        ses = self.std_errors or (NAN,) * len(self.groups)
        for g, se in zip(self.groups, ses, strict=True):
            yield g.quantity.removeprefix("rmst[").removesuffix("]"), replace(g, std_error=se)
        for name, t in self.tests.items():
            yield (
                name,
                replace(t, std_error=self.difference_std_error) if name == "difference" else t,
            )

    def _glance(self) -> dict[str, object]:
        """tau, n used and excluded, events up to tau, the SE of the log ratio and the
        method."""
        return {
            "tau": self.tau,
            "n_used": sum(g.n_used for g in self.groups),
            "n_excluded": self.n_excluded,
            "n_events": sum(self.n_events),
            "difference_std_error": self.difference_std_error,
            "log_ratio_std_error": self.log_ratio_std_error,
            "method": self.method,
        }


def rmst(
    time: ArrayLike,
    event: ArrayLike,
    group: ArrayLike | None = None,
    tau: float = 365.0,
    alpha: float = 0.05,
    group_order: tuple[str, ...] | None = None,
    *,
    conf_level: float = 0.95,
) -> RestrictedMean:
    """Restricted mean survival time up to ``tau`` days, by group.

    Parameters
    ----------
    time, event
        Follow-up in days and 1 = event / 0 = censored.
    group
        Optional groups; with exactly two, their difference and ratio are tested.
    tau
        The horizon. It must not exceed the shortest group's last follow-up time, where
        the curve is still defined (as ``rmst2`` requires).
    alpha
        1 - confidence level.
    conf_level
        Coverage of the confidence intervals (default 0.95); the same as
        ``alpha = 1 - conf_level``, which older calls give. Recorded on the result
        (``ci_level`` of each estimate, ``conf_level`` of ``tidy()``).
    group_order
        Order of the groups; the comparison is the second minus (over) the first.
    """
    alpha = confidence_alpha(alpha, conf_level)
    km = kaplan_meier(time, event, group, "log", alpha, group_order)
    z = float(stats.norm.isf(alpha / 2))
    last = {c.group: float(c.table["time"].iloc[-1]) for c in km.curves}
    short = {g: t for g, t in last.items() if t < tau}
    if short:
        raise ValueError(
            f"tau = {tau:g} days lies beyond the last follow-up of {', '.join(short)} "
            f"({', '.join(f'{t:g}' for t in short.values())} days); choose a tau at most "
            f"{min(last.values()):g}"
        )
    estimates, parts, events = [], [], []
    for c in km.curves:
        area, var = _area_and_variance(c, tau)
        d = int(c.table.loc[c.table["time"] <= tau, "n_event"].sum())
        events.append(d)
        se = float(np.sqrt(var)) if d else NAN
        parts.append((area, var))
        estimates.append(
            Estimate(f"rmst[{c.group}]", area, area - z * se, area + z * se, 1 - alpha,
                     f"Restricted mean survival time up to {tau:g} days (area under Kaplan-Meier)"
                     + ("" if d else f"; no interval: no event up to {tau:g} days, so the "
                        "estimated variance is zero"), c.n, 0)
        )  # fmt: skip
    tests: list[tuple[str, Estimate]] = []
    se_diff = se_log_ratio = NAN
    if len(km.curves) == 2:
        (a0, v0), (a1, v1) = parts
        se_diff = float(np.sqrt(v0 + v1))  # as rmst2, whether or not a group is flat
        se_log_ratio = float(np.sqrt(v1 / a1**2 + v0 / a0**2))
        g0, g1 = km.curves[0].group, km.curves[1].group
        n = km.curves[0].n + km.curves[1].n
        flat = [c.group for c, d in zip(km.curves, events, strict=True) if d == 0]
        how, log_how = ", normal CI and z-test", ", CI and z-test on the log scale"
        if flat:
            v0 = v1 = NAN  # no interval and no test: see the module docstring
            how = log_how = (
                f"; no CI or z-test: {' and '.join(flat)} had no event up to {tau:g} days, so "
                + ("its variance is" if len(flat) == 1 else "their variances are")
                + " estimated as zero"
            )
        diff, sed = a1 - a0, float(np.sqrt(v0 + v1))
        tests.append(("difference", Estimate(
            "rmst_difference", diff, diff - z * sed, diff + z * sed, 1 - alpha,
            f"RMST difference ({g1} minus {g0}){how}", n, km.n_excluded,
            diff / sed, NAN, float(2 * stats.norm.sf(abs(diff / sed))))))  # fmt: skip
        lr = float(np.log(a1 / a0))
        sel = float(np.sqrt(v1 / a1**2 + v0 / a0**2))
        tests.append(("ratio", Estimate(
            "rmst_ratio", float(np.exp(lr)), float(np.exp(lr - z * sel)), float(np.exp(lr + z * sel)),
            1 - alpha, f"RMST ratio ({g1} over {g0}){log_how}", n,
            km.n_excluded, lr / sel, NAN, float(2 * stats.norm.sf(abs(lr / sel))))))  # fmt: skip
    return RestrictedMean(
        float(tau),
        tuple(estimates),
        Tests(tests),
        km.n_excluded,
        "Restricted mean survival time, variance as survival::print.survfit(rmean) and survRM2",
        tuple(events),
        tuple(float(np.sqrt(v)) for _, v in parts),
        se_diff,
        se_log_ratio,
    )
