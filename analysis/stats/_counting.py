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


def clean_survival_input(
    time: ArrayLike, status: ArrayLike, group: ArrayLike | None = None
) -> tuple[FloatArray, IntArray, NDArray[np.object_], int]:
    """Arrays with missing time, status or group removed (and counted)."""
    t = np.asarray(pd.to_numeric(pd.Series(np.asarray(time)), errors="coerce"), dtype=float)
    s_raw = pd.to_numeric(pd.Series(np.asarray(status)), errors="coerce").to_numpy(dtype=float)
    g = (
        np.full(len(t), "all", dtype=object)
        if group is None
        else pd.Series(np.asarray(group, dtype=object)).astype("string").to_numpy(dtype=object)
    )
    if not len(t) == len(s_raw) == len(g):
        raise ValueError("time, status and group must have the same length")
    ok = ~np.isnan(t) & ~np.isnan(s_raw) & ~pd.isna(g)
    if np.any(t[ok] < 0):
        raise ValueError("follow-up times must not be negative")
    s = s_raw[ok]
    if np.any(s != np.round(s)) or np.any(s < 0):
        raise ValueError("status must be 0 (censored) or a positive integer event code")
    return t[ok], s.astype(np.int64), g[ok], int((~ok).sum())


def event_table(
    time: ArrayLike,
    status: ArrayLike,
    group: ArrayLike | None = None,
    group_order: tuple[str, ...] | None = None,
) -> EventTable:
    """Build the :class:`EventTable` with one sort and bincounts."""
    t, s, g, n_excl = clean_survival_input(time, status, group)
    if len(t) == 0:
        raise ValueError("no subject has a known follow-up time and status")
    present = list(pd.unique(g))
    levels = list(group_order) if group_order is not None else sorted(present, key=str)
    unknown = [x for x in present if x not in levels]
    if unknown:
        raise ValueError(f"groups {unknown} are not in the requested order {levels}")
    g_code = pd.Categorical(g, categories=levels).codes.astype(np.int64)
    times, t_code = np.unique(t, return_inverse=True)
    n_t, n_g, n_s = len(times), len(levels), int(s.max()) + 1
    flat = (t_code * n_g + g_code) * n_s + s
    events = np.bincount(flat, minlength=n_t * n_g * n_s).reshape(n_t, n_g, n_s)
    leaving = events.sum(axis=2)
    at_risk = leaving[::-1].cumsum(axis=0)[::-1]
    return EventTable(times, tuple(str(x) for x in levels), events, at_risk, n_excl)
