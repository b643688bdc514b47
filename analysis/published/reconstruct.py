"""Individual patient data rebuilt from a printed Kaplan-Meier curve (Guyot et al., BMC Med
Res Methodol 2012).

Input: the curve's coordinates as digitised (time, survival; for example with
WebPlotDigitizer, clicking each step's corners) and the numbers at risk printed under
the figure. Within each interval between two at-risk times the number censored is
chosen so that the curve's drops, read as whole events, bring the number at risk to the
next printed one; censorings are spread evenly over the interval. The result is one row
per patient (time, event) on which Kaplan-Meier, log-rank, RMST and Cox can be run.

How to digitise: export the figure at its largest size, set the axes in the digitiser,
click the top-left corner of every step (and the curve's start at (0, 1)), export the
points as CSV (time, survival on 0-1; divide percentages by 100), and copy the numbers
at risk with their times. :func:`clean_coordinates` sorts the points, clips survival to
[0, 1] and makes it non-increasing, as digitised points rarely are exactly.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd


def clean_coordinates(time: Sequence[float], survival: Sequence[float]) -> pd.DataFrame:
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
) -> pd.DataFrame:
    """Patient-level (time, event) data whose Kaplan-Meier curve follows the digitised one
    and whose numbers at risk match the printed ones (Guyot's algorithm).

    Parameters
    ----------
    time, survival
        The digitised curve (see :func:`clean_coordinates`).
    risk_times, n_risk
        The printed numbers at risk and the times under which they stand (the first at 0).
    """
    pts = clean_coordinates(time, survival)
    t, s = pts["time"].to_numpy(), pts["survival"].to_numpy()
    rt, nr = np.asarray(risk_times, dtype=float), np.asarray(n_risk, dtype=float)
    if len(rt) != len(nr) or len(rt) == 0 or rt[0] != 0:
        raise ValueError("numbers at risk need their times, starting with the number at time 0")
    if np.any(np.diff(nr) > 0):
        raise ValueError("numbers at risk cannot rise over time")
    lower = np.searchsorted(t, rt, side="left")
    upper = np.append(lower[1:] - 1, len(t) - 1)
    state = _State(t, s)
    censor_times: list[float] = []
    for i in range(len(rt)):
        lo, hi = int(lower[i]), int(upper[i])
        if lo > hi:
            continue
        if i + 1 < len(rt):
            nxt, target = int(lower[i + 1]), float(nr[i + 1])
            guess = round(nr[i] * s[min(nxt, len(t) - 1)] / max(s[lo], 1e-12) - target)
        else:
            nxt, target = len(t), None
            guess = round(_censor_rate(censor_times, rt[i]) * (t[hi] - t[lo]))
        censor_times += state.interval(lo, hi, nxt, float(nr[i]), target, max(int(guess), 0))
    rows = [(t[k], 1) for k in range(len(t)) for _ in range(int(state.d[k]))]
    rows += [(c, 0) for c in censor_times]
    remaining = int(nr[0] - len(rows))
    rows += [(t[-1], 0)] * max(remaining, 0)  # still at risk at the curve's end: censored there
    out = pd.DataFrame(rows, columns=["time", "event"]).sort_values("time", kind="stable")
    return out.reset_index(drop=True)


class _State:
    """Events, censorings, numbers at risk and the rebuilt curve along the points."""

    def __init__(self, t: np.ndarray, s: np.ndarray) -> None:
        n = len(t)
        self.t, self.s = t, s
        self.d, self.cen = np.zeros(n), np.zeros(n)
        self.n_hat, self.km = np.zeros(n + 1), np.ones(n)
        self.last = 0  # the point of the latest event

    def _walk(self, lo: int, hi: int, start: float, ctimes: np.ndarray) -> int:
        t, s, d, n_hat, km = self.t, self.s, self.d, self.n_hat, self.km
        edges = np.append(t[lo : hi + 1], np.inf)
        self.cen[lo : hi + 1] = np.histogram(ctimes, bins=edges)[0] if len(ctimes) else 0
        n_hat[lo] = start
        last = self.last
        for k in range(lo, hi + 1):
            if k > 0:
                d[k] = min(max(round(n_hat[k] * (1 - s[k] / km[last])), 0), n_hat[k])
                km[k] = km[last] * (1 - d[k] / n_hat[k]) if n_hat[k] > 0 else km[last]
            n_hat[k + 1] = max(n_hat[k] - d[k] - self.cen[k], 0)
            if d[k] != 0:
                last = k
        return last

    def interval(
        self, lo: int, hi: int, nxt: int, start: float, target: float | None, n_cens: int
    ) -> list[float]:
        """Rebuild one interval; returns the censoring times placed in it."""
        t = self.t
        end = t[nxt] if nxt < len(t) else t[hi]
        for _ in range(200):
            ctimes = t[lo] + np.arange(1, n_cens + 1) * (end - t[lo]) / (n_cens + 1)
            last = self._walk(lo, hi, start, ctimes)
            if target is None or self.n_hat[nxt] == target:
                break
            proposed = n_cens + int(self.n_hat[nxt] - target)  # too many left: more censored
            if proposed < 0 or proposed == n_cens:
                break  # the drops alone take more than the printed numbers allow
            n_cens = proposed
        self.last = last
        if target is not None:
            self.n_hat[nxt] = target
        left = start - self.d[lo : hi + 1].sum()
        return list(ctimes[: int(max(min(n_cens, left), 0))])


def _censor_rate(times: list[float], start: float) -> float:
    """Censorings per day before ``start`` (to carry into the last interval)."""
    return len(times) / start if start > 0 else 0.0
