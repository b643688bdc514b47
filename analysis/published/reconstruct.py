"""Individual patient data rebuilt from a printed Kaplan-Meier curve (Guyot et al., BMC Med
Res Methodol 2012).

Input: the curve's coordinates as digitised (time, survival; for example with
WebPlotDigitizer, clicking each step's corners) and the numbers at risk printed under
the figure. Within each interval between two at-risk times the number censored is
chosen so that the curve's drops, read as whole events, bring the number at risk to the
next printed one; censorings are spread evenly over the interval, or placed on the censor
marks printed on the curve when their times are given (``censor_times``; with tied
times and heavy censoring the even spread can move a hazard ratio by 10%). The result is
one row per patient (time, event) on which Kaplan-Meier, log-rank, RMST and Cox can be
run.

How to digitise: export the figure at its largest size, set the axes in the digitiser,
click the top-left corner of every step (and the curve's start at (0, 1)), export the
points as CSV (time, survival on 0-1; divide percentages by 100), and copy the numbers
at risk with their times. :func:`clean_coordinates` sorts the points, clips survival to
[0, 1] and makes it non-increasing, as digitised points rarely are exactly;
:func:`reconstruct_ipd` refuses points that go back in time or rise by more than a
digitiser's jitter, naming the first, and never rebuilds more patients than the number
at risk at time 0.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

SNAP = 0.0005  # of the time axis: a quarter of a pixel of a figure 500 pixels wide


def clean_coordinates(
    time: Sequence[float] | np.ndarray, survival: Sequence[float] | np.ndarray
) -> pd.DataFrame:
    """Digitised points sorted by time, survival clipped to [0, 1] and non-increasing,
    starting at (0, 1)."""
    t = np.asarray(time, dtype=float)
    s = np.clip(np.asarray(survival, dtype=float), 0.0, 1.0)
    if len(t) != len(s) or len(t) == 0:
        raise ValueError("give one survival value per time, at least one point")
    order = np.argsort(t, kind="stable")
    t, s = t[order], np.minimum.accumulate(s[order])
    if t[0] > 0 or s[0] < 1:
        t, s = np.concatenate([[0.0], t]), np.concatenate([[1.0], s])
    return pd.DataFrame({"time": t, "survival": s})


def reconstruct_ipd(
    time: Sequence[float],
    survival: Sequence[float],
    risk_times: Sequence[float],
    n_risk: Sequence[int],
    tolerance: float = 0.02,
    censor_times: Sequence[float] | None = None,
) -> pd.DataFrame:
    """Patient-level (time, event) data whose Kaplan-Meier curve follows the digitised one
    and whose numbers at risk match the printed ones (Guyot's algorithm).

    Parameters
    ----------
    time, survival
        The digitised curve in order along it (see :func:`clean_coordinates`).
    risk_times, n_risk
        The printed numbers at risk and the times under which they stand (the first at 0).
    tolerance
        Digitising jitter accepted and smoothed: survival may rise by up to this much
        (survival is a proportion) and time go back by up to this fraction of the time
        axis (to the last point or the last time at risk, whichever is later). Larger
        rises or steps back are refused, naming the first such point.
    censor_times
        The times of the censor marks printed on the curve, when it prints them (one per
        mark; a mark may stand for several patients censored at one time). Each
        interval's censorings are then placed on its marks, shared among them as evenly
        as whole patients allow (evenly over an interval without a mark, as without
        marks); in the last interval (no printed number after it) there are as many as
        the earlier rate gives and at least one on each mark, and none without a mark.

    Returns
    -------
    pandas.DataFrame
        One row per patient at risk at time 0 (``time``, ``event``); those still at
        risk after the last point are censored at its time.

    Notes
    -----
    Where the drops of the curve, read as whole events, take more patients than the next
    printed number leaves, the rebuilt count is kept (Guyot keeps the smaller of the
    two), so no more patients are rebuilt than were at risk at time 0. Once the curve
    reaches 0 nobody is left and later points add no events. Every printed time that is
    not a digitised point gets a point on the (flat) curve, so that each interval's
    censorings are spread from its printed time, as Guyot's assumption (censoring even
    within each interval) has it: a curve read by its step corners would otherwise start
    each interval at its first drop and put every censoring before that drop after it.
    The last interval (no printed number after it) has as many censorings as the earlier
    rate gives over its length, fewer if those would leave too few at risk for a drop of
    the curve to take an event. A drop or mark read a hair before a printed time (within 0.05% of the time axis) is
    taken at that time: the number printed there counts those who fail or are censored
    at it, and moving it out of its interval moves them into the previous one.
    """
    t_in, s_in = np.asarray(time, dtype=float), np.asarray(survival, dtype=float)
    rt, nr = np.asarray(risk_times, dtype=float), np.asarray(n_risk, dtype=float)
    _check_points(t_in, s_in, tolerance, float(np.nanmax(rt, initial=0.0)))
    pts = clean_coordinates(t_in, s_in)
    if len(rt) != len(nr) or len(rt) == 0:
        raise ValueError("numbers at risk need their times, starting with the number at time 0")
    rt, nr = _from_time_zero(pts, rt, nr, tolerance)
    if not (np.isfinite(rt).all() and np.isfinite(nr).all()):
        raise ValueError(
            f"the times at risk {rt.tolist()} and numbers {nr.tolist()} must be numbers"
        )
    if np.any(np.diff(rt) <= 0):
        raise ValueError(f"the times at risk {rt.tolist()} must increase")
    if np.any(nr < 0) or np.any(nr != np.round(nr)):
        raise ValueError(f"numbers at risk {nr.tolist()} must be whole numbers >= 0")
    if np.any(np.diff(nr) > 0):
        raise ValueError("numbers at risk cannot rise over time")
    span = max(float(pts["time"].max()), float(rt[-1]), 1e-12)
    marks = _onto_risk_times(_marks(censor_times), rt, span)
    t = _onto_risk_times(pts["time"].to_numpy(), rt, span)
    t, s = _with_risk_times(t, pts["survival"].to_numpy(), rt)
    lower = np.searchsorted(t, rt, side="left")
    upper = np.append(lower[1:] - 1, len(t) - 1)
    state = _State(t, s)
    placed_times: list[float] = []
    start = int(nr[0])
    for i in range(len(rt)):
        lo, hi = int(lower[i]), int(upper[i])
        if i + 1 < len(rt):
            end, target = rt[i + 1], int(nr[i + 1])
            here = marks[(marks >= rt[i]) & (marks < end)]
            guess = round(start * s[hi + 1] / max(s[lo], 1e-12) - target)
        else:
            end, target = t[hi], None
            here = marks[(marks >= rt[i]) & (marks < end)]
            # at the earlier rate; with marks printed, only on them and one at least on each
            rate = round(_censor_rate(placed_times, rt[i]) * (t[hi] - t[lo]))
            guess = min(max(rate, len(here)) if len(here) or not len(marks) else 0, start)
        placed, start = state.interval(lo, hi, end, start, target, max(int(guess), 0), here)
        placed_times += placed
    rows = [(t[k], 1) for k in range(len(t)) for _ in range(int(state.d[k]))]
    rows += [(c, 0) for c in placed_times]
    rows += [(t[-1], 0)] * start  # still at risk at the curve's end: censored there
    out = pd.DataFrame(rows, columns=["time", "event"]).sort_values("time", kind="stable")
    return out.reset_index(drop=True)


def _from_time_zero(
    pts: pd.DataFrame, rt: np.ndarray, nr: np.ndarray, tolerance: float
) -> tuple[np.ndarray, np.ndarray]:
    """The numbers at risk from time 0: a first number printed later (a curve drawn from
    a landmark, or on a log time axis that cannot show 0) stands at 0 too when the curve
    is 1 (within ``tolerance``) until then, nobody failing before it; a curve that falls
    before it needs the number at 0, and is refused."""
    if rt[0] == 0:
        return rt, nr
    if rt[0] < 0:
        raise ValueError(f"numbers at risk need their times, starting at 0 (not {rt[0]:g})")
    before = pts["survival"].to_numpy()[pts["time"].to_numpy() < rt[0]]  # (0, 1) at least
    if before.min() < 1 - tolerance:
        raise ValueError(
            "numbers at risk need their times, starting with the number at time 0 (the "
            f"first given is at {rt[0]:g}, and the curve falls to {before.min():g} before "
            "it)"
        )
    return np.concatenate([[0.0], rt]), np.concatenate([nr[:1], nr])


def _check_points(t: np.ndarray, s: np.ndarray, tolerance: float, last_risk_time: float) -> None:
    """Refuse digitised points that go back in time or up in survival by more than the
    jitter a digitiser leaves, naming the first such point (numbered from 1)."""
    if len(t) != len(s) or len(t) == 0:
        raise ValueError("give one survival value per time, at least one point")
    bad = np.flatnonzero(~(np.isfinite(t) & np.isfinite(s)))
    if len(bad):
        k = int(bad[0])
        raise ValueError(f"point {k + 1} (time {t[k]:g}, survival {s[k]:g}) is not a number")
    if t.min() < 0 or s.max() > 1 + tolerance or s.min() < -tolerance:
        raise ValueError(
            "times must be >= 0 and survival a proportion from 0 to 1 "
            f"(survival here runs {s.min():g} to {s.max():g}; divide percentages by 100)"
        )
    if tolerance < 0:
        raise ValueError(f"tolerance {tolerance!r} must be 0 or more")
    span = max(float(t.max()), last_risk_time, 1e-12)  # the time axis runs at least this far
    back = np.maximum.accumulate(t) - t > tolerance * span
    rise = s - np.minimum.accumulate(s) > tolerance
    for k in np.flatnonzero(back | rise)[:1]:
        if back[k]:
            j = int(np.argmax(t[:k]))
            what = f"goes back in time from point {j + 1} (time {t[j]:g})"
        else:
            j = int(np.argmin(s[:k]))
            what = (
                f"rises above point {j + 1} (survival {s[j]:g}); a Kaplan-Meier curve cannot rise"
            )
        raise ValueError(
            f"point {k + 1} (time {t[k]:g}, survival {s[k]:g}) {what}. Give the points in "
            f"order along the curve; differences up to {tolerance:g} of the axis are taken "
            "as digitising jitter and smoothed."
        )


def _with_risk_times(t: np.ndarray, s: np.ndarray, rt: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Add a point on the (flat) curve at each printed time that is not a point, so that
    each interval starts at its printed time: its censorings are spread from there (a
    curve read by its step corners has its first point at the interval's first drop,
    and those censored between the printed time and that drop would otherwise be put
    after it), and a censor mark before the first drop is counted before it."""
    lower = np.searchsorted(t, rt, side="left")
    has_point = (lower < len(t)) & (t[np.minimum(lower, len(t) - 1)] == rt)
    missing = rt[~has_point]
    if len(missing) == 0:
        return t, s
    before = np.searchsorted(t, missing, side="right") - 1  # the curve's value there
    times, surv = np.concatenate([t, missing]), np.concatenate([s, s[before]])
    order = np.argsort(times, kind="stable")
    return times[order], surv[order]


class _State:
    """Events, censorings, numbers at risk and the rebuilt curve along the points."""

    def __init__(self, t: np.ndarray, s: np.ndarray) -> None:
        n = len(t)
        self.t, self.s = t, s
        self.d, self.cen = np.zeros(n), np.zeros(n)
        self.n_hat, self.km = np.zeros(n + 1), np.ones(n)
        self.last = 0  # the point of the latest event

    def _walk(self, lo: int, hi: int, start: int, bins: np.ndarray) -> int:
        """Events and numbers at risk from ``lo`` to ``hi``; ``bins`` holds the point
        before each censoring. Censorings beyond those still at risk are dropped."""
        s, d, n_hat, km = self.s, self.d, self.n_hat, self.km
        self.cen[lo : hi + 1] = np.bincount(bins, minlength=hi - lo + 1)[: hi - lo + 1]
        n_hat[lo] = start
        last = self.last
        for k in range(lo, hi + 1):
            d[k] = 0
            km[k] = km[last]
            if k > 0 and n_hat[k] > 0 and km[last] > 0:  # after S = 0 nobody is left
                d[k] = min(max(round(n_hat[k] * (1 - s[k] / km[last])), 0), n_hat[k])
                km[k] = km[last] * (1 - d[k] / n_hat[k])
            self.cen[k] = min(self.cen[k], n_hat[k] - d[k])
            n_hat[k + 1] = n_hat[k] - d[k] - self.cen[k]
            if d[k] != 0:
                last = k
        return last

    def _lost_drop(self, lo: int, hi: int, start: int) -> bool:
        """Whether a drop of the curve in ``lo..hi`` that would take an event from the
        ``start`` patients at risk took none (the censorings left too few at risk)."""
        km_before = np.concatenate([[self.km[self.last]], self.km[lo:hi]])
        d, s = self.d[lo : hi + 1], self.s[lo : hi + 1]
        ok = km_before > 0
        fall = np.where(ok, 1 - s / np.where(ok, km_before, 1.0), 0.0)
        return bool(np.any((d == 0) & (fall * start > 0.5)))

    def interval(
        self,
        lo: int,
        hi: int,
        end: float,
        start: int,
        target: int | None,
        n_cens: int,
        marks: np.ndarray,
    ) -> tuple[list[float], int]:
        """Rebuild one interval; censorings are spread evenly from its first point (its
        printed time) to ``end``, or shared among the censor ``marks`` in it when there
        are some. Returns the censoring times placed and the number left at risk at the
        end (the printed ``target`` when the drops allow it). Without a printed number
        at the end, ``n_cens`` is lowered until no drop of the curve is lost for want of
        patients at risk."""
        t = self.t
        edges = t[lo : hi + 1]
        for _ in range(200):
            ctimes = _spread(n_cens, t[lo], end, marks)
            bins = np.maximum(np.searchsorted(edges, ctimes, side="right") - 1, 0)
            last = self._walk(lo, hi, start, bins)
            left = int(self.n_hat[hi + 1])
            if target is None:  # no printed number: fewer censored if a drop went missing
                # (never fewer than the marks printed: each is one at least)
                if n_cens <= len(marks) or not self._lost_drop(lo, hi, start):
                    break
                n_cens -= 1
                continue
            if left == target:
                break
            proposed = max(n_cens + left - target, 0)  # too many left: more censored
            if proposed == n_cens:
                break  # the drops alone take more than the printed numbers allow
            n_cens = proposed
        self.last = last
        placed = [c for k in range(hi - lo + 1) for c in ctimes[bins == k][: int(self.cen[lo + k])]]
        return placed, left


def _onto_risk_times(times: np.ndarray, rt: np.ndarray, span: float) -> np.ndarray:
    """Times a hair before a printed time (within ``SNAP`` of the time axis) moved onto it:
    a drop or censor mark drawn at a printed time is counted in the number printed there,
    and a digitised time a fraction of a pixel short of it must not take it out."""
    nxt = np.searchsorted(rt, times, side="left")
    ahead = rt[np.minimum(nxt, len(rt) - 1)]
    near = (nxt < len(rt)) & (ahead - times > 0) & (ahead - times <= SNAP * span)
    return np.where(near, ahead, times)


def _marks(censor_times: Sequence[float] | None) -> np.ndarray:
    """The censor marks' times, sorted (none when not given)."""
    if censor_times is None:
        return np.empty(0)
    m = np.asarray(censor_times, dtype=float)
    return np.sort(m[np.isfinite(m)])


def _spread(n: int, begin: float, end: float, marks: np.ndarray) -> np.ndarray:
    """``n`` censoring times: on the printed marks when there are some (as evenly shared
    among them as whole patients allow), else evenly over the interval."""
    if len(marks) == 0:
        return begin + np.arange(1, n + 1) * (end - begin) / (n + 1)
    return marks[np.floor((np.arange(n) + 0.5) * len(marks) / max(n, 1)).astype(int)]


def _censor_rate(times: list[float], start: float) -> float:
    """Censorings per day before ``start`` (to carry into the last interval)."""
    return len(times) / start if start > 0 else 0.0
