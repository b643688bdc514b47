"""Survival read at fixed times: the naive 1 - Kaplan-Meier beside the cumulative
incidence when death competes, and landmark analyses.

When death competes with a new fracture, 1 - KM (death censored) overstates the share of
patients who have a new fracture by a given day; the Aalen-Johansen cumulative incidence
does not. :func:`naive_vs_cumulative` puts both side by side so a reader sees by how much.
A landmark analysis keeps the patients still event-free (and followed) at a landmark day
and restarts their clock there, so that groups defined by what happened before the
landmark (a repeat procedure, say) are compared without immortal-time bias.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from analysis.stats.levels import confidence_alpha
from analysis.stats.survival.competing import cumulative_incidence
from analysis.stats.survival.kaplan_meier import KaplanMeier, kaplan_meier


def naive_vs_cumulative(
    time: ArrayLike,
    cause: ArrayLike,
    cause_of_interest: str,
    days: Sequence[float] = (90, 180, 365, 730),
    censored: str = "censored",
) -> pd.DataFrame:
    """The cumulative incidence of one cause and the naive 1 - KM at chosen days.

    Returns
    -------
    pandas.DataFrame
        ``time``, ``cumulative_incidence`` (Aalen-Johansen, competing causes as
        competing), ``naive_one_minus_km`` (competing causes censored) and
        ``overstatement`` (naive minus cumulative incidence, never negative).
    """
    causes = pd.Series(np.asarray(cause, dtype=object)).astype("string")
    if cause_of_interest not in set(causes.dropna()):
        raise ValueError(
            f"no event of cause {cause_of_interest!r}; causes: {sorted(set(causes.dropna()))}"
        )
    cif = cumulative_incidence(time, causes.to_numpy(dtype=object), censored=censored)
    at = cif.curve(cause_of_interest).at(days)
    event = np.where(causes.isna(), np.nan, (causes == cause_of_interest).astype(float))
    km = kaplan_meier(time, event).at(days)
    return pd.DataFrame(
        {
            "time": at["time"].to_numpy(),
            "cumulative_incidence": at["estimate"].to_numpy(),
            "naive_one_minus_km": 1.0 - km["survival"].to_numpy(),
            "overstatement": (1.0 - km["survival"].to_numpy()) - at["estimate"].to_numpy(),
        }
    )


def landmark_survival(
    time: ArrayLike,
    event: ArrayLike,
    landmark_day: float,
    group: ArrayLike | None = None,
    alpha: float = 0.05,
    *,
    conf_level: float = 0.95,
) -> KaplanMeier:
    """Kaplan-Meier from a landmark day among those still event-free and followed there.

    Subjects whose event or censoring came on or before ``landmark_day`` are left out
    (counted in ``n_excluded``); the others' times are counted from the landmark.
    ``group`` (default ``None``: one curve) gives one curve per group.

    ``conf_level`` (default 0.95) is the coverage of the confidence intervals, the same
    as ``alpha = 1 - conf_level``; it is recorded on the result.
    """
    alpha = confidence_alpha(alpha, conf_level)
    t = np.asarray(pd.to_numeric(pd.Series(np.asarray(time)), errors="coerce"), dtype=float)
    keep = t > landmark_day
    if not keep.any():
        raise ValueError(f"nobody is still followed and event-free after day {landmark_day:g}")
    e = np.asarray(event)[keep]
    g = None if group is None else np.asarray(group, dtype=object)[keep]
    km = kaplan_meier(t[keep] - landmark_day, e, g, alpha=alpha)
    dropped = int((~keep).sum())
    return KaplanMeier(
        km.curves, km.n_excluded + dropped, km.method + f", landmark at day {landmark_day:g}"
    )


def cumulative_incidence_clustered(
    time: ArrayLike,
    cause: ArrayLike,
    cluster: ArrayLike,
    days: Sequence[float] = (90, 180, 365, 730),
    censored: str = "censored",
) -> pd.DataFrame:
    """Cumulative incidence of every cause (Aalen-Johansen) when several units (vertebrae)
    belong to one cluster (patient), with the robust (infinitesimal jackknife) standard
    error of R's ``survfit(Surv(time, state) ~ 1, id = vertebra, cluster = patient)``,
    at ``days`` (default 90, 180, 365 and 730); ``censored`` (default ``"censored"``)
    marks censoring. It gives no interval, so there is no ``conf_level``.

    Returns
    -------
    pandas.DataFrame
        ``cause``, ``time``, ``estimate``, ``std_err`` at each requested day (NaN after
        the last follow-up).
    """
    t = np.asarray(pd.to_numeric(pd.Series(np.asarray(time)), errors="coerce"), dtype=float)
    labels = pd.Series(np.asarray(cause, dtype=object)).astype("string")
    groups = pd.Series(np.asarray(cluster, dtype=object)).astype("string")
    ok = ~np.isnan(t) & labels.notna().to_numpy() & groups.notna().to_numpy()
    t, labels, groups = t[ok], labels[ok].to_numpy(dtype=object), groups[ok]
    codes = pd.factorize(groups)[0]
    causes = sorted({str(c) for c in labels} - {censored})
    if not causes:
        raise ValueError("no event of any cause")
    times = np.unique(t[labels != censored])
    n, m = len(t), len(times)
    at_risk = (t[:, None] >= times[None, :]).astype(float)  # Y_ij
    died = (t[:, None] == times[None, :]) & (labels[:, None] != censored)  # dN_ij, any cause
    y, d = at_risk.sum(0), died.sum(0).astype(float)
    surv = np.cumprod(1 - d / y)
    s_prev = np.concatenate([[1.0], surv[:-1]])
    with np.errstate(divide="ignore", invalid="ignore"):
        a = np.where(y > d, d / (y * (y - d)), 0.0)
        b = np.where(y > d, 1.0 / (y - d), 0.0)
    dlog = np.cumsum(at_risk * a - died * b, axis=1)  # d log S(t_j) / d w_i
    dlog_prev = np.hstack([np.zeros((n, 1)), dlog[:, :-1]])
    req = np.asarray(list(days), dtype=float)
    last = float(t.max())
    col = np.searchsorted(times, req, side="right") - 1
    rows = []
    for k in causes:
        dk_i = died & (labels[:, None] == k)
        dk = dk_i.sum(0).astype(float)
        est = np.cumsum(s_prev * dk / y)
        step = (s_prev * dlog_prev) * (dk / y)[None, :] + s_prev[None, :] * (
            dk_i * y[None, :] - dk[None, :] * at_risk
        ) / (y**2)[None, :]
        infl = np.cumsum(step, axis=1)
        summed = np.zeros((codes.max() + 1, m))
        np.add.at(summed, codes, infl)
        se = np.sqrt((summed**2).sum(0))
        for day, j in zip(req, col, strict=True):
            beyond = day > last
            rows.append(
                {
                    "cause": k,
                    "time": day,
                    "estimate": np.nan if beyond else (float(est[j]) if j >= 0 else 0.0),
                    "std_err": np.nan if beyond else (float(se[j]) if j >= 0 else 0.0),
                }
            )
    return pd.DataFrame(rows)
