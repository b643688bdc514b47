"""Counting-process tables shared by the survival estimators: sorted once, no loops."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

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


def as_float(values: ArrayLike) -> FloatArray:
    arr = np.asarray(values)
    if arr.dtype.kind in "fiub":
        return arr.astype(float, copy=False)
    return np.asarray(pd.to_numeric(pd.Series(arr), errors="coerce"), dtype=float)


def event_indicator(values: ArrayLike) -> NDArray[np.bool_] | FloatArray:
    """1 for an event (any positive code), 0 for censoring, NaN where missing: as a
    boolean array when nothing can be missing (integer, boolean or complete float
    codes, the usual case: one pass), else as floats."""
    arr = np.asarray(values)
    if arr.dtype.kind in "iub":
        return arr > 0
    if arr.dtype.kind != "f":
        arr = np.asarray(pd.to_numeric(pd.Series(arr), errors="coerce"), dtype=float)
    dead = arr > 0
    missing = np.isnan(arr)
    if not missing.any():
        return dead
    return np.where(missing, np.nan, dead.astype(float))


def group_codes(group: ArrayLike) -> tuple[NDArray[np.signedinteger], list[str], bool]:
    """A code per subject (-1 where missing), the labels of the codes, and whether every
    label is some subject's.

    Labels are the distinct values as text, in order of first appearance; a categorical
    group (a pandas ``Categorical`` or a column of category dtype, as a cohort's columns
    are) is taken by its codes without hashing its values again: its labels are all its
    categories, in their order, some perhaps without a subject."""
    cat = group.array if isinstance(group, pd.Series | pd.Index) else group
    if isinstance(cat, pd.Categorical):
        labels = [str(u) for u in np.asarray(cat.categories, dtype=object)]
        return np.asarray(cat.codes), labels, False
    codes, uniques = pd.factorize(np.asarray(group, dtype=object), use_na_sentinel=True)
    return codes.astype(np.int64, copy=False), [str(u) for u in uniques], True


def clean_survival_input(
    time: ArrayLike, status: ArrayLike, group: ArrayLike | None = None
) -> tuple[FloatArray, NDArray[np.integer | np.bool_], NDArray[np.signedinteger], list[str], int, NDArray[np.bool_] | None]:  # fmt: skip
    """Arrays with missing time, status or group removed (and counted).

    Returns times, status codes (booleans for event / censored), group codes, group
    labels (first-seen order; all the categories, in order, for a categorical group),
    the number excluded, and, when some labels may have no subject (a categorical
    group), which labels the excluded subjects have (else ``None``: every label is some
    subject's).
    """
    t = as_float(time)
    s_raw = np.asarray(status)
    if s_raw.dtype.kind not in "iub":
        s_raw = as_float(s_raw)
    complete = True
    if group is None:
        g_code: NDArray[np.signedinteger] = np.zeros(len(t), dtype=np.int64)
        labels = ["all"]
    else:
        g_code, labels, complete = group_codes(group)
    if not len(t) == len(s_raw) == len(g_code):
        raise ValueError("time, status and group must have the same length")
    lo = t.min() if len(t) else 0.0  # NaN when a time is missing
    has_missing = bool(np.isnan(lo)) or (group is not None and len(t) and g_code.min() < 0)
    if s_raw.dtype.kind == "f" and np.isnan(s_raw).any():
        has_missing = True
    n_excl = 0
    excluded = None if complete else np.zeros(len(labels), dtype=bool)
    if has_missing:
        ok = ~np.isnan(t)
        if s_raw.dtype.kind == "f":
            ok &= ~np.isnan(s_raw)
        ok &= g_code >= 0
        n_excl = int(len(t) - np.count_nonzero(ok))
        if not complete:  # the categories of the excluded subjects count as present
            dropped = g_code[~ok]
            dropped = dropped[dropped >= 0].astype(np.intp)
            excluded = np.bincount(dropped, minlength=len(labels)) > 0
        t, s_raw, g_code = t[ok], s_raw[ok], g_code[ok]
        lo = t.min() if len(t) else 0.0
    if lo < 0:
        raise ValueError("follow-up times must not be negative")
    if s_raw.dtype.kind == "b":
        return t, s_raw, g_code, labels, n_excl, excluded
    if (s_raw.dtype.kind == "f" and np.any(s_raw != np.round(s_raw))) or (
        len(s_raw) and s_raw.min() < 0
    ):
        raise ValueError("status must be 0 (censored) or a positive integer event code")
    return t, s_raw.astype(np.int64), g_code, labels, n_excl, excluded


# R's timefix tolerance (survival::aeqSurv): sqrt(.Machine$double.eps)
TIMEFIX_TOLERANCE = float(np.sqrt(np.finfo(float).eps))


def whole_days(t: FloatArray, tolerance: float = TIMEFIX_TOLERANCE) -> bool:
    """Whether every time is a whole number small enough that two distinct times are
    further apart than ``tolerance`` (the usual case, days): a few passes, no copies."""
    if not len(t):
        return False
    lo, hi = t.min(), t.max()  # NaN when any time is missing
    if not (np.isfinite(lo) and np.isfinite(hi)) or max(-lo, hi) * tolerance >= 1:
        return False
    return bool(np.array_equal(t, t.astype(np.int64)))


def merge_near_ties(t: FloatArray, tolerance: float = TIMEFIX_TOLERANCE) -> FloatArray:
    """Times that differ by floating-point noise made one time, as R's ``timefix``.

    As ``survival::aeqSurv`` (used by ``coxph``, ``survfit``, ``survdiff`` and
    ``concordance``): over the sorted distinct finite times, a time whose gap to the
    previous one is at most ``tolerance``, absolutely or relative to the mean absolute
    distinct time, joins that time's group, and every time of a group becomes the
    group's smallest. Times computed from months or digitised curves (1.0 and
    1.0000000001) are then tied, as in R. Whole-day times are returned as they are.
    """
    t = np.asarray(t, dtype=float)
    if whole_days(t, tolerance):
        return t  # whole numbers 1 apart cannot be within the tolerance
    finite = np.isfinite(t)
    if not finite.any():
        return t
    if np.all(t[finite] == np.floor(t[finite])) and np.abs(t[finite]).max() * tolerance < 1:
        return t
    y = np.unique(t[finite])
    gap = np.diff(y)
    tied = (gap <= tolerance) | (gap / np.mean(np.abs(y)) <= tolerance)
    if not tied.any():
        return t
    cuts = y[np.r_[True, ~tied]]
    out = t.copy()
    out[finite] = cuts[np.searchsorted(cuts, t[finite], side="right") - 1]
    return out


def _day_codes(t: FloatArray) -> tuple[FloatArray, IntArray] | None:
    """:func:`distinct_times` of whole-day times (:func:`whole_days`, spanning fewer than
    5e7 days) counted in one pass without sorting; ``None`` for any other times."""
    if not len(t):
        return None
    lo, hi = t.min(), t.max()  # NaN when any time is missing
    if not (np.isfinite(lo) and np.isfinite(hi)) or max(-lo, hi) * TIMEFIX_TOLERANCE >= 1:
        return None
    if hi - lo >= 5e7:
        return None
    day = t.astype(np.int64)
    if not (day == t).all():
        return None
    day -= int(lo)
    present = np.bincount(day, minlength=int(hi - lo) + 1) > 0
    rank = np.cumsum(present) - 1
    return np.flatnonzero(present).astype(float) + lo, rank[day]


def distinct_times(t: FloatArray) -> tuple[FloatArray, IntArray]:
    """Sorted distinct times and each subject's index into them.

    Whole-day times (the usual case) are counted in one pass without sorting.
    """
    codes = _day_codes(t)
    if codes is not None:
        return codes
    times, inverse = np.unique(t, return_inverse=True)
    return times, inverse.astype(np.int64)


def _counts(
    flat: IntArray, g_code: NDArray[np.signedinteger], s: NDArray[np.integer | np.bool_],
    n_l: int, n_s: int, n_t: int,
) -> IntArray:  # fmt: skip
    """Subjects per (time code, group code, status): ``flat`` holds the time codes and
    is overwritten."""
    if n_l > 1:
        flat *= n_l
        flat += g_code
    flat *= n_s
    flat += s
    return np.bincount(flat, minlength=n_t * n_l * n_s).reshape(n_t, n_l, n_s)


def _whole_day_counts(
    t: FloatArray, g_code: NDArray[np.signedinteger], s: NDArray[np.integer | np.bool_],
    n_l: int, n_s: int,
) -> tuple[FloatArray, IntArray] | None:  # fmt: skip
    """The distinct days and the subjects per (day, group code, status) of whole-day,
    non-negative times, counted over days 0 to the last (at most a few counts per
    subject); ``None`` for other times, or days too many for that."""
    hi = t.max()
    if not np.isfinite(hi) or hi * TIMEFIX_TOLERANCE >= 1:
        return None
    if (hi + 1) * n_l * n_s > max(4 * len(t), 1 << 20):
        return None
    day = t.astype(np.int64)
    if not (day == t).all():
        return None
    counts = _counts(day, g_code, s, n_l, n_s, int(hi) + 1)
    seen = counts.any(axis=(1, 2))
    return np.flatnonzero(seen).astype(float), counts[seen]


def event_table(
    time: ArrayLike,
    status: ArrayLike,
    group: ArrayLike | None = None,
    group_order: tuple[str, ...] | None = None,
    timefix: bool = False,
) -> EventTable:
    """Build the :class:`EventTable` with bincounts (one sort at most).

    ``timefix``: merge times equal within R's tolerance first (:func:`merge_near_ties`),
    as ``survfit`` and ``survdiff`` do (``cmprsk::cuminc`` does not)."""
    t, s, g_code, labels, n_excl, excluded = clean_survival_input(time, status, group)
    if len(t) == 0:
        raise ValueError("no subject has a known follow-up time and status")
    n_l, n_s = len(labels), int(s.max()) + 1
    # whole days (nothing to merge): counted by day, the days without a subject dropped
    # from the counts afterwards; other times by their rank among the distinct times
    by_day = _whole_day_counts(t, g_code, s, n_l, n_s)
    if by_day is not None:
        times, counts = by_day
    else:
        if timefix:
            t = merge_near_ties(t)
        times, flat = distinct_times(t)
        counts = _counts(flat, g_code, s, n_l, n_s, len(times))
    n_t = len(times)
    present = np.ones(n_l, dtype=bool)
    if excluded is not None:  # a category without any subject is no group
        present = (counts.sum(axis=(0, 2)) > 0) | excluded
    columns = np.flatnonzero(present)
    labels = [labels[k] for k in columns]
    levels = list(group_order) if group_order is not None else sorted(labels, key=str)
    unknown = [x for x in labels if x not in levels]
    if unknown:
        raise ValueError(f"groups {unknown} are not in the requested order {levels}")
    # the labels' columns in the order of the levels (a level without subjects: zeros)
    if n_l == len(levels) and labels == levels:
        events = counts
    else:
        events = np.zeros((n_t, len(levels), n_s), dtype=counts.dtype)
        for k, label in zip(columns, labels, strict=True):
            events[:, levels.index(label)] += counts[:, k]
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


# The sweep costs about (distinct times) x (distinct scores) steps, the merge sort about
# n log2(n)^2 steps that are this many times cheaper (measured here on both).
SWEEP_STEP_COST = 4.0


def harrell_pairs(
    time: np.ndarray,
    event: np.ndarray,
    score: np.ndarray,
    method: Literal["auto", "merge", "sweep"] = "auto",
) -> tuple[FloatArray, FloatArray]:
    """Per subject, over the comparable pairs of Harrell's C it takes part in: the
    concordance it earns (1 per concordant pair, 1/2 per tied score) and the number of
    such pairs.

    A pair is comparable when the first has the event and the second is followed longer
    (or censored at that time); it is concordant when the first has the higher score.
    Every pair is counted for both of its subjects, so C = sum(earned) / sum(pairs), and
    the per-subject figures give the infinitesimal-jackknife variance.

    Two ways give the same counts: ``"sweep"`` passes over the distinct times once in
    each direction, keeping the count of subjects at each distinct score (O(times x
    scores), fast when times are whole days and scores repeat); ``"merge"`` is a
    bottom-up merge sort of the scores (O(n log^2 n) whatever the data). ``"auto"``
    takes the one expected to be faster (:data:`SWEEP_STEP_COST`).
    """
    n = len(time)
    if n == 0:
        return np.zeros(0), np.zeros(0)
    t_code = distinct_times(np.asarray(time, dtype=float))[1]
    values, rank = np.unique(score, return_inverse=True)
    n_times, n_scores = int(t_code.max()) + 1, len(values)
    sweep_cheaper = SWEEP_STEP_COST * n_times * n_scores < n * np.log2(max(n, 2)) ** 2
    if method == "sweep" or (method == "auto" and sweep_cheaper):
        return _sweep_pairs(t_code, n_times, np.asarray(event) > 0, rank.reshape(-1), n_scores)
    return _merge_pairs(time, event, score)


def _sweep_pairs(
    t_code: IntArray, n_times: int, dead: np.ndarray, rank: IntArray, n_scores: int
) -> tuple[FloatArray, FloatArray]:
    """:func:`harrell_pairs` by two sweeps over the distinct times. Backwards, each
    event is compared with the subjects followed longer and those censored at its time
    (already counted per score); forwards, each subject with the earlier events and,
    when censored, the events at its own time."""
    order = np.lexsort((~dead, t_code))  # by time, events before censorings
    r = rank[order]
    starts = np.concatenate([[0], np.cumsum(np.bincount(t_code, minlength=n_times))])
    cut = starts[:-1] + np.bincount(t_code[dead], minlength=n_times)  # first censoring
    earned, pairs = np.zeros(len(r)), np.zeros(len(r))

    def credit(at: slice, cum: FloatArray, here: FloatArray, higher: bool) -> None:
        same = here[r[at]]
        lower = cum[r[at]] - same
        earned[at] += (cum[-1] - cum[r[at]] if higher else lower) + 0.5 * same
        pairs[at] += cum[-1]

    later = np.zeros(n_scores)
    for b in range(n_times - 1, -1, -1):
        events, censored = slice(starts[b], cut[b]), slice(cut[b], starts[b + 1])
        later += np.bincount(r[censored], minlength=n_scores)
        if cut[b] > starts[b]:
            credit(events, np.cumsum(later), later, higher=False)
            later += np.bincount(r[events], minlength=n_scores)
    before = np.zeros(n_scores)
    for b in range(n_times):
        events, censored = slice(starts[b], cut[b]), slice(cut[b], starts[b + 1])
        if cut[b] > starts[b]:
            credit(events, np.cumsum(before), before, higher=True)
            before += np.bincount(r[events], minlength=n_scores)
        if starts[b + 1] > cut[b]:
            credit(censored, np.cumsum(before), before, higher=True)
    out_earned, out_pairs = np.empty(len(r)), np.empty(len(r))
    out_earned[order], out_pairs[order] = earned, pairs
    return out_earned, out_pairs


def _merge_pairs(
    time: np.ndarray, event: np.ndarray, score: np.ndarray
) -> tuple[FloatArray, FloatArray]:
    """:func:`harrell_pairs` by a merge sort, O(n log^2 n), all in numpy.

    Subjects are ordered by time, events before censorings at one time and by score
    within them; then every comparable pair has its event first, and the pairs are the
    ones a bottom-up merge sort of the scores meets: at each level, each subject of a
    left run is compared with the right run (lower and equal scores, counted when it has
    the event), and each subject of a right run with the events of the left run (higher
    and equal scores). Pairs of events at one time are not comparable and are taken out
    again.
    """
    n = len(time)
    order = np.lexsort((score, -event, time))
    _, value = np.unique(score[order], return_inverse=True)
    value = value.astype(np.int64).reshape(-1)
    dead = event[order] > 0
    weight = dead.astype(np.int64)
    # comparable pairs: an event with every later subject; a subject with every earlier event
    pairs = (weight * (n - 1 - np.arange(n)) + np.cumsum(weight) - weight).astype(float)
    earned = np.zeros(n)
    ident = np.arange(n)  # position in time order of the subject now at each place
    span = int(value.max()) + 2 if n else 2
    width = 1
    while width < n:
        pos = np.arange(n)
        pair = pos // (2 * width)
        left = (pos % (2 * width)) < width
        key = pair * span + value  # ascending within each run, runs in order
        lk, rk, lw = key[left], key[~left], weight[left]
        # a left subject with the event against the right run: lower and equal scores
        # (every run before the last is full: width subjects precede in each side)
        below = np.searchsorted(rk, lk, "left") - pair[left] * width
        same = np.searchsorted(rk, lk, "right") - np.searchsorted(rk, lk, "left")
        earned += np.bincount(ident[left], lw * (below + 0.5 * same), n)
        # a right subject against the left run's events: higher and equal scores
        cum = np.concatenate([[0], np.cumsum(lw)])
        at, past = np.searchsorted(lk, rk, "left"), np.searchsorted(lk, rk, "right")
        end = (pair[~left] + 1) * width
        earned += np.bincount(ident[~left], (cum[end] - cum[past]) + 0.5 * (cum[past] - cum[at]), n)
        merged = np.argsort(key, kind="stable")
        value, weight, ident = value[merged], weight[merged], ident[merged]
        width *= 2
    # events at one time met each other (ordered by score, so only as ties): not comparable
    t_dead = time[order][dead]
    starts = (
        np.flatnonzero(np.r_[True, t_dead[1:] != t_dead[:-1]])
        if len(t_dead)
        else np.zeros(0, np.int64)
    )
    same_time = np.diff(np.r_[starts, len(t_dead)])
    pairs[dead] -= np.repeat(same_time, same_time) - 1
    s_dead = score[order][dead]  # ascending within each time
    tie_starts = np.flatnonzero(np.r_[True, (t_dead[1:] != t_dead[:-1]) | (s_dead[1:] != s_dead[:-1])]) if len(t_dead) else starts  # fmt: skip
    ties = np.diff(np.r_[tie_starts, len(t_dead)])
    earned[dead] -= 0.5 * (np.repeat(ties, ties) - 1)
    out_earned, out_pairs = np.empty(n), np.empty(n)
    out_earned[order], out_pairs[order] = earned, pairs
    return out_earned, out_pairs
