"""Counting-process tables shared by the survival estimators: sorted once, no loops."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


@dataclass(frozen=True)
class EventTable:
    """Counts at every distinct observed time, per group and per status code.

    ``events[t, g, s]`` counts subjects of group ``g`` whose follow-up ends at
    ``times[t]`` with status ``s`` (0 = censored, 1.. = event types); ``at_risk[t, g]``
    counts subjects of group ``g`` still under observation just before ``times[t]``
    (R's convention).
    """

    times: FloatArray
    groups: tuple[str, ...]
    events: IntArray
    at_risk: IntArray
    n_excluded: int


def _as_float(values: ArrayLike) -> FloatArray:
    arr = np.asarray(values)
    if arr.dtype.kind in "fiub":
        return arr.astype(float, copy=False)
    return np.asarray(pd.to_numeric(pd.Series(arr), errors="coerce"), dtype=float)


def clean_survival_input(
    time: ArrayLike, status: ArrayLike, group: ArrayLike | None = None
) -> tuple[FloatArray, IntArray, IntArray, list[str], int]:
    """Arrays with missing time, status or group removed (and counted).

    Returns times, status codes, group codes and group labels (first-seen order).
    """
    t = _as_float(time)
    s_raw = _as_float(status)
    if group is None:
        g_code = np.zeros(len(t), dtype=np.int64)
        labels = ["all"]
    else:
        codes, uniques = pd.factorize(np.asarray(group, dtype=object), use_na_sentinel=True)
        g_code, labels = codes.astype(np.int64), [str(u) for u in uniques]
    if not len(t) == len(s_raw) == len(g_code):
        raise ValueError("time, status and group must have the same length")
    ok = ~np.isnan(t) & ~np.isnan(s_raw) & (g_code >= 0)
    n_excl = int(len(t) - ok.sum())
    if n_excl:
        t, s_raw, g_code = t[ok], s_raw[ok], g_code[ok]
    if np.any(t < 0):
        raise ValueError("follow-up times must not be negative")
    if np.any(s_raw != np.round(s_raw)) or np.any(s_raw < 0):
        raise ValueError("status must be 0 (censored) or a positive integer event code")
    return t, s_raw.astype(np.int64), g_code, labels, n_excl


def distinct_times(t: FloatArray) -> tuple[FloatArray, IntArray]:
    """Sorted distinct times and each subject's index into them.

    Whole-day times (the usual case) are counted in one pass without sorting.
    """
    if len(t) and np.all(t == np.floor(t)):
        lo, hi = float(t.min()), float(t.max())
        if hi - lo < 5e7:
            offset = (t - lo).astype(np.int64)
            present = np.bincount(offset, minlength=int(hi - lo) + 1) > 0
            rank = np.cumsum(present) - 1
            return np.flatnonzero(present).astype(float) + lo, rank[offset]
    times, inverse = np.unique(t, return_inverse=True)
    return times, inverse.astype(np.int64)


def event_table(
    time: ArrayLike,
    status: ArrayLike,
    group: ArrayLike | None = None,
    group_order: tuple[str, ...] | None = None,
) -> EventTable:
    """Build the :class:`EventTable` with bincounts (one sort at most)."""
    t, s, g_code, labels, n_excl = clean_survival_input(time, status, group)
    if len(t) == 0:
        raise ValueError("no subject has a known follow-up time and status")
    levels = list(group_order) if group_order is not None else sorted(labels, key=str)
    unknown = [x for x in labels if x not in levels]
    if unknown:
        raise ValueError(f"groups {unknown} are not in the requested order {levels}")
    remap = np.array([levels.index(x) for x in labels], dtype=np.int64)
    g_code = remap[g_code]
    times, t_code = distinct_times(t)
    n_t, n_g, n_s = len(times), len(levels), int(s.max()) + 1
    flat = (t_code * n_g + g_code) * n_s + s
    events = np.bincount(flat, minlength=n_t * n_g * n_s).reshape(n_t, n_g, n_s)
    leaving = events.sum(axis=2)
    at_risk = leaving[::-1].cumsum(axis=0)[::-1]
    return EventTable(times, tuple(str(x) for x in levels), events, at_risk, n_excl)


def days(times: object) -> list[float]:
    """Requested days as numbers, or a clear error (``"365"`` is not a day)."""
    values = [times] if np.isscalar(times) else list(times)  # type: ignore[call-overload]
    bad = [v for v in values if isinstance(v, str | bytes) or not np.isreal(v)]
    if bad:
        raise ValueError(f"times must be numbers of days, got {bad!r}")
    return [float(v) for v in values]  # type: ignore[arg-type]


def harrell_counts(
    time: np.ndarray, event: np.ndarray, score: np.ndarray
) -> tuple[float, float, float]:
    """Concordant, tied and comparable pairs of Harrell's C in O(n log^2 n), all in numpy.

    A pair is comparable when the first has the event and the second is followed longer
    (or censored at that time); it is concordant when the first has the higher score,
    tied (counted 1/2 by the caller) when the scores are equal. Subjects are ordered by
    time, events before censorings at the same time and by score within them; then every
    comparable pair has its event first, and the pairs counted are the inversions of the
    scores weighted by the earlier subject's event, counted by a bottom-up merge sort.
    Pairs of events at one time are not comparable and are taken out again.
    """
    n = len(time)
    order = np.lexsort((score, -event, time))
    _, value = np.unique(score[order], return_inverse=True)
    value = value.astype(np.int64)
    weight = (event[order] > 0).astype(np.int64)
    span = int(value.max()) + 2 if n else 2
    concordant, tied = 0, 0.0
    comparable = float(np.sum(weight * (n - 1 - np.arange(n))))  # every later subject ...
    width = 1
    while width < n:
        pos = np.arange(n)
        pair = pos // (2 * width)
        left = (pos % (2 * width)) < width
        key = pair * span + value  # sorted within each run
        right_keys = key[~left]
        lk, lw = key[left], weight[left]
        below = np.searchsorted(right_keys, lk, "left") - np.searchsorted(right_keys, pair[left] * span, "left")  # fmt: skip
        equal = np.searchsorted(right_keys, lk, "right") - np.searchsorted(right_keys, lk, "left")
        concordant += int(np.sum(lw * below))
        tied += float(np.sum(lw * equal))
        merged = np.argsort(key, kind="stable")
        value, weight = value[merged], weight[merged]
        width *= 2
    # ... less the pairs of events at one time (ordered by score, so never concordant)
    ev = event[order] > 0
    t_ev, s_ev = time[order][ev], score[order][ev]
    _, same_time = np.unique(t_ev, return_counts=True)
    comparable -= float(np.sum(same_time * (same_time - 1) / 2))
    if len(t_ev):
        _, same_both = np.unique(np.column_stack([t_ev, s_ev]), axis=0, return_counts=True)
        tied -= float(np.sum(same_both * (same_both - 1) / 2))
    return float(concordant), float(tied), comparable
