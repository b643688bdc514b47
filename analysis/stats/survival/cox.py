"""Cox proportional hazards with Efron ties, vectorised for registry-sized data.

The fit is Newton-Raphson on the Efron partial likelihood, written with one sort and
cumulative sums (no loop over subjects or event times), so a million subjects fit in
about a second. It agrees with R's ``coxph(ties = "efron")``: coefficients, model-based
and cluster-robust standard errors (score residuals as ``coxscore2``), and the
likelihood-ratio and score tests. The proportional-hazards test follows ``cox.zph``
(score test of x * g(t) with g the left-continuous Kaplan-Meier transform).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import NDArray
from scipy import stats

from analysis.stats.outcomes.model_terms import level_counts
from analysis.stats.results import NAN, Estimate, Tests, estimates_frame
from analysis.stats.survival._counting import harrell_counts

F = NDArray[np.float64]


@dataclass(frozen=True)
class _Sorted:
    time: F
    event: F
    x: F
    cluster: NDArray[np.int64] | None
    bin: NDArray[np.int64]  # index of each subject's distinct time
    n_bins: int
    ties: str
    # rows are sorted by time, deaths first within a time: per bin, rows
    # [edges[2b], edges[2b+1]) die and [edges[2b+1], edges[2b+2]) do not
    edges: NDArray[np.int64]
    xx: F  # x_i x_j, i <= j, per subject
    x_dead: F  # per bin: sum of x over its deaths


@dataclass(frozen=True)
class _Pieces:
    loglik: float
    score: F
    info: F
    # per death (expanded Efron steps): bin, fraction l/d, denominators and means
    d_bin: NDArray[np.int64]
    frac: F
    den: F
    mean: F
    d_count: F
    # per bin: risk-set and death sums of r x and r x x' (upper triangle), and the
    # sums over its Efron steps of 1/den, f/den, 1/den^2, f/den^2, f^2/den^2
    s1: F
    e1: F
    s2: F
    e2: F
    steps: F


def _prepare(
    time: F, event: F, x: F, cluster: NDArray[np.int64] | None, ties: str = "efron"
) -> _Sorted:
    order = np.lexsort((-event, time))
    t, ev, xs = time[order], event[order], x[order]
    b = np.concatenate([[0], np.cumsum(t[1:] != t[:-1])]).astype(np.int64)
    nb, p = int(b[-1]) + 1, x.shape[1]
    starts = np.searchsorted(b, np.arange(nb))
    deaths = np.bincount(b, ev > 0, nb).astype(np.int64)
    edges = np.empty(2 * nb + 1, dtype=np.int64)
    edges[0:-1:2], edges[1::2], edges[-1] = starts, starts + deaths, len(t)
    iu = np.triu_indices(p)
    x_dead = _segment_sums(
        np.vstack([np.where(ev[:, None] > 0, xs, 0.0), np.zeros((1, p))]), edges
    )[0]
    return _Sorted(t, ev, xs, None if cluster is None else cluster[order], b, nb, ties, edges,
                   xs[:, iu[0]] * xs[:, iu[1]], x_dead)  # fmt: skip


def _segment_sums(padded: F, edges: NDArray[np.int64]) -> tuple[F, F]:
    """Per bin: column sums of ``padded`` (rows per subject, then one row of zeros) over
    its deaths and over its other rows (one ``np.add.reduceat`` pass; empty segments
    give zero)."""
    sums = np.add.reduceat(padded, edges[:-1], axis=0)
    sums[edges[:-1] == edges[1:]] = 0.0
    return sums[0::2], sums[1::2]


def _pieces(s: _Sorted, beta: F, need_info: bool = True) -> _Pieces:
    n, p = s.x.shape
    eta = s.x @ beta
    r = np.exp(eta)
    nb = s.n_bins
    q = s.xx.shape[1] if need_info else 0
    # per subject: r, r x and (for the information) r x_i x_j, i <= j, in one block
    w = np.empty((n + 1, 1 + p + q))
    w[n] = 0.0
    w[:n, 0] = r
    np.multiply(r[:, None], s.x, out=w[:n, 1 : 1 + p])
    if need_info:
        np.multiply(r[:, None], s.xx, out=w[:n, 1 + p :])
    ev, rest = _segment_sums(w, s.edges)
    del w
    # risk-set sums: subjects with time >= t_j -> reverse cumulative sums over bins
    risk = (ev + rest)[::-1].cumsum(0)[::-1]
    d_count = (s.edges[1::2] - s.edges[0:-1:2]).astype(float)
    db = np.repeat(np.arange(nb), d_count.astype(np.int64))
    s0, s1, e0, e1 = risk[:, 0], risk[:, 1 : 1 + p], ev[:, 0], ev[:, 1 : 1 + p]
    # Efron: the l-th of d tied deaths (l = 0..d-1) sees the risk set less l/d of them
    first = np.concatenate([[0], np.cumsum(d_count[:-1])]).astype(np.int64)
    rank_in_tie = np.arange(len(db)) - first[db]
    # Breslow: every tied death sees the whole risk set
    frac = rank_in_tie / d_count[db] if s.ties == "efron" else np.zeros(len(db))
    den = s0[db] - frac * e0[db]
    inv = 1.0 / den
    steps: F = np.stack([np.bincount(db, v, nb) for v in (inv, frac * inv)], 1).astype(float)
    x_dead_sum = s.x_dead.sum(0)
    loglik = float(x_dead_sum @ beta - np.log(den).sum())
    score = x_dead_sum - (s1 * steps[:, :1] - e1 * steps[:, 1:2]).sum(0)
    mean = (s1[db] - frac[:, None] * e1[db]) * inv[:, None]
    info = np.zeros((p, p))
    s2, e2 = risk[:, 1 + p :], ev[:, 1 + p :]
    if need_info:
        inv2 = inv * inv
        more = np.stack([np.bincount(db, v, nb) for v in (inv2, frac * inv2, frac * frac * inv2)])
        steps = np.hstack([steps, more.T.astype(float)])
    out = _Pieces(loglik, score, info, db, frac, den, mean, d_count, s1, e1, s2, e2, steps)
    if need_info:
        info[...] = _weighted_info(out, np.ones(nb))
    return out


def _weighted_info(fit: _Pieces, weight: F) -> F:
    """Sum over Efron steps of ``weight`` (one per time) x the risk-set variance of x,
    from per-time sums only (no per-death p x p terms)."""
    p = fit.s1.shape[1]
    a, b, c, d, e = (fit.steps[:, k] * weight for k in range(5))
    second = (fit.s2 * a[:, None] - fit.e2 * b[:, None]).sum(0)
    iu = np.triu_indices(p)
    info = np.zeros((p, p))
    info[iu] = second
    info[iu[1], iu[0]] = second
    s1, e1 = fit.s1, fit.e1
    cross = (s1 * d[:, None]).T @ e1
    info -= (s1 * c[:, None]).T @ s1 - cross - cross.T + (e1 * e[:, None]).T @ e1
    return info


def _fit(s: _Sorted, max_iter: int = 30, eps: float = 1e-9) -> tuple[F, _Pieces, _Pieces, int]:
    p = s.x.shape[1]
    beta = np.zeros(p)
    null = _pieces(s, beta)
    cur = null
    iterations = 0
    for it in range(1, max_iter + 1):
        iterations = it
        step = np.linalg.solve(cur.info, cur.score)
        new_beta = beta + step
        new = _pieces(s, new_beta)
        halvings = 0
        while new.loglik < cur.loglik - 1e-12 and halvings < 20:
            step /= 2
            new_beta = beta + step
            new = _pieces(s, new_beta)
            halvings += 1
        done = abs(new.loglik - cur.loglik) <= eps * abs(new.loglik)
        beta, cur = new_beta, new
        if done:
            break
    return beta, cur, null, iterations


def _score_residuals(s: _Sorted, beta: F, fit: _Pieces) -> F:
    """Score residuals per (sorted) subject, Efron ties, as R's ``coxscore2``."""
    r = np.exp(s.x @ beta)
    nb, p = s.n_bins, s.x.shape[1]
    haz = 1.0 / fit.den
    down = 1.0 - fit.frac
    h = np.bincount(fit.d_bin, haz, nb)
    hd = np.bincount(fit.d_bin, haz * down, nb)
    g = np.stack([np.bincount(fit.d_bin, haz * fit.mean[:, k], nb) for k in range(p)], 1)
    gd = np.stack([np.bincount(fit.d_bin, haz * down * fit.mean[:, k], nb) for k in range(p)], 1)
    mbar_sum = np.stack([np.bincount(fit.d_bin, fit.mean[:, k], nb) for k in range(p)], 1)
    mbar = mbar_sum / np.maximum(fit.d_count, 1)[:, None]
    ch, cg = np.cumsum(h), np.cumsum(g, 0)
    dead = s.event > 0
    b = s.bin
    ch_prev = np.concatenate([[0.0], ch])[b]
    cg_prev = np.vstack([np.zeros((1, p)), cg])[b]
    h_eff = np.where(dead, ch_prev + hd[b], ch[b])
    g_eff = np.where(dead[:, None], cg_prev + gd[b], cg[b])
    resid = -r[:, None] * (s.x * h_eff[:, None] - g_eff)
    resid[dead] += s.x[dead] - mbar[b[dead]]
    return resid


def _zph(s: _Sorted, fit: _Pieces) -> tuple[F, F, float]:
    """cox.zph score tests (km transform), per covariate and global, from per-time sums:
    g(t) is one number per distinct time, so every weighted sum over Efron steps is a
    sum over times."""
    p = s.x.shape[1]
    # left-continuous Kaplan-Meier at each death's time, centred over the deaths
    n_risk = np.bincount(s.bin, minlength=s.n_bins)[::-1].cumsum()[::-1].astype(float)
    d = fit.d_count
    km = np.cumprod(np.where(n_risk > 0, 1 - d / np.maximum(n_risk, 1), 1.0))
    g = 1.0 - np.concatenate([[1.0], km[:-1]])
    g = g - float(d @ g) / float(d.sum())
    # Schoenfeld-type residuals summed per time: deaths' x less their Efron means
    resid = s.x_dead - (fit.s1 * fit.steps[:, :1] - fit.e1 * fit.steps[:, 1:2])
    u = np.concatenate([resid.sum(0), g @ resid])
    i_gb = _weighted_info(fit, g)
    imat = np.block([[fit.info, i_gb.T], [i_gb, _weighted_info(fit, g * g)]])
    chisq = np.empty(p)
    for k in range(p):
        j = np.r_[np.arange(p), p + k]
        chisq[k] = u[j] @ np.linalg.solve(imat[np.ix_(j, j)], u[j])
    glob = float(u @ np.linalg.solve(imat, u))
    return chisq, stats.chi2.sf(chisq, 1), glob


@dataclass(frozen=True)
class CoxModel:
    """A fitted Cox model: hazard ratios, tests and fit statistics.

    ``terms`` holds one :class:`Estimate` per covariate (``estimate`` is the hazard
    ratio, CI on the log scale, Wald z and p; with a cluster the variance is the
    cluster-robust one). ``ph_test`` holds the Schoenfeld-residual tests
    (``cox.zph``), one per covariate then the global test.
    """

    formula: str
    terms: tuple[Estimate, ...]
    coef: tuple[float, ...]
    std_error: tuple[float, ...]
    robust_std_error: tuple[float, ...] | None
    loglik: float
    loglik_null: float
    lr_test: float
    score_test: float
    concordance: float
    ph_test: pd.DataFrame
    n_used: int
    n_events: int
    n_excluded: int
    iterations: int
    method: str
    notes: tuple[str, ...] = ()  # what a reader must know: infinite coefficients
    covariance: tuple[tuple[float, ...], ...] = ()  # of the coefficients (robust with a cluster)
    n_clusters: int | None = None
    level_counts: pd.DataFrame | None = None  # subjects and events per level of each factor
    robust_score_test: float = NAN  # with a cluster: the robust score test coxph prints
    concordance_se: float = NAN  # infinitesimal-jackknife SE, as survival::concordance

    @property
    def hazard_ratios(self) -> Tests:
        """The terms keyed by covariate (``age_years``, ``etiology=pathologic``)."""
        return Tests(
            (t.quantity.removeprefix("hazard_ratio[").removesuffix("]"), t) for t in self.terms
        )

    @property
    def tests(self) -> Tests:
        """The global tests coxph prints, keyed ``likelihood_ratio``, ``wald`` (with the
        robust variance when clustered), ``score`` and, with a cluster, ``robust_score``,
        each with df and p."""
        df = float(len(self.coef))
        b = np.asarray(self.coef)
        wald = (
            float(b @ np.linalg.solve(np.asarray(self.covariance), b)) if self.covariance else NAN
        )

        def row(name: str, stat: float) -> tuple[str, Estimate]:
            p = float(stats.chi2.sf(stat, df)) if np.isfinite(stat) else NAN
            return name, Estimate("association", NAN, NAN, NAN, NAN, f"{name.replace('_', ' ')} test",
                                  self.n_used, self.n_excluded, stat, df, p)  # fmt: skip

        rows = [
            row("likelihood_ratio", self.lr_test),
            row("wald", wald),
            row("score", self.score_test),
        ]
        if np.isfinite(self.robust_score_test):
            rows.append(row("robust_score", self.robust_score_test))
        return Tests(rows)

    def to_frame(self) -> pd.DataFrame:
        return estimates_frame(self.terms, {"model": self.formula})


def cox_ph(
    data: pd.DataFrame,
    time: str,
    event: str,
    covariates: Sequence[str],
    cluster: str | None = None,
    alpha: float = 0.05,
    concordance: bool = True,
    ties: str = "efron",
) -> CoxModel:
    """Fit a Cox proportional hazards model, as ``survival::coxph``.

    Parameters
    ----------
    data
        One row per subject (patient, or vertebra for vertebra-level models).
    time, event
        Column names: follow-up in days, and 1 = event / 0 = censored.
    covariates
        Numeric or yes/no columns; categorical columns are expanded to indicators with
        the first level as reference.
    cluster
        Optional column (e.g. ``patient_id``) for the cluster-robust (sandwich)
        variance, as ``coxph(..., cluster = patient_id)``.
    alpha
        1 - confidence level.
    concordance
        Compute Harrell's concordance (skip for very large data where it is not needed).
    ties
        ``"efron"`` (default, as coxph) or ``"breslow"``.

    Returns
    -------
    CoxModel
        Rows with a missing value in any used column are excluded and counted.
    """
    cols = [time, event, *covariates] + ([cluster] if cluster else [])
    missing = [c for c in cols if c not in data.columns]
    if missing:
        raise ValueError(f"no column(s) {missing} in the data")
    used = data[cols].dropna()
    n_excl = len(data) - len(used)
    gaps = ", ".join(f"{c} {int(data[c].isna().sum())}" for c in cols if data[c].isna().any())
    if used.empty:
        raise ValueError(
            f"no subject has every covariate (missing per column: {gaps}); drop a covariate "
            "that is rarely recorded"
        )
    design = _design(used, covariates, f"{len(used)} of {len(data)} subjects", gaps)
    names = list(design.columns)
    x = design.to_numpy(dtype=float)
    x = x - x.mean(0)
    t = used[time].to_numpy(dtype=float)
    e = (used[event].astype(float).to_numpy() > 0).astype(float)
    if e.sum() == 0:
        raise ValueError("no events: a Cox model cannot be fitted")
    if ties not in ("efron", "breslow"):
        raise ValueError(f"ties must be 'efron' or 'breslow', not {ties!r}")
    cl = None if cluster is None else pd.factorize(used[cluster])[0].astype(np.int64)
    s = _prepare(t, e, x, cl, ties)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        beta, fit, null, iters = _fit(s)
        var = np.linalg.inv(fit.info)
    se = np.sqrt(np.diag(var))
    infinite = _infinite(design, e, beta, se)
    robust = None
    robust_score = NAN
    if s.cluster is not None:
        dfbeta = _score_residuals(s, beta, fit) @ var
        n_cl = int(s.cluster.max()) + 1
        summed = np.stack([np.bincount(s.cluster, dfbeta[:, k], n_cl) for k in range(len(beta))], 1)
        var = np.asarray(summed.T @ summed, dtype=float)
        robust = np.sqrt(np.diag(var))
        zero = np.zeros(len(beta))
        r0 = _score_residuals(s, zero, null)  # score residuals at beta = 0, by cluster
        r0_sum = np.stack([np.bincount(s.cluster, r0[:, k], n_cl) for k in range(len(beta))], 1)
        robust_score = float(null.score @ np.linalg.solve(r0_sum.T @ r0_sum, null.score))
    used_se = robust if robust is not None else se
    z = stats.norm.isf(alpha / 2)
    zval = beta / used_se
    label = f"Cox proportional hazards, {ties.capitalize()} ties" + (
        f", robust variance clustered by {cluster}" if cluster else ""
    )
    terms = tuple(
        _term(n, b, v, zz, z, alpha, label, len(used), n_excl, n in infinite)
        for n, b, v, zz in zip(names, beta, used_se, zval, strict=True)
    )
    notes = tuple(
        f"{n}: the likelihood keeps rising as its coefficient grows (a level without events, "
        "or a covariate that separates events perfectly); the coefficient may be infinite, "
        "so its hazard ratio, interval and p-value are not reported (coxph warns the same)"
        for n in infinite
    )
    u0 = null.score
    score_test = float(u0 @ np.linalg.solve(null.info, u0))
    chisq, pz, glob = _zph(s, fit)
    ph = pd.DataFrame({"term": [*names, "GLOBAL"], "statistic": [*chisq, glob],
                       "df": [1.0] * len(names) + [float(len(names))],
                       "p_value": [*pz, float(stats.chi2.sf(glob, len(names)))]})  # fmt: skip
    conc = _concordance(t, e, x @ beta) if concordance else NAN
    conc_se = _concordance_se(t, e, x @ beta) if concordance else NAN
    if concordance and len(t) > SE_LIMIT:
        notes += (f"the standard error of the concordance is computed pairwise, so only up to {SE_LIMIT:,} subjects; not reported for these {len(t):,}",)  # fmt: skip
    return CoxModel(
        f"Surv({time}, {event}) ~ " + " + ".join(covariates),
        terms,
        tuple(float(b) for b in beta),
        tuple(float(v) for v in se),
        None if robust is None else tuple(float(v) for v in robust),
        fit.loglik,
        null.loglik,
        2 * (fit.loglik - null.loglik),
        score_test,
        conc,
        ph,
        len(used),
        int(e.sum()),
        n_excl,
        iters,
        label,
        notes,
        tuple(tuple(float(v) for v in row) for row in var),
        None if s.cluster is None else int(s.cluster.max()) + 1,
        level_counts(used, covariates, event),
        robust_score,
        conc_se,
    )


def _infinite(design: pd.DataFrame, e: F, beta: F, se: F) -> list[str]:
    """Covariates whose coefficient diverges (monotone likelihood): an indicator with no
    event on one side, or a coefficient whose standard error has blown up."""
    out = []
    for j, name in enumerate(design.columns):
        col = design[name].to_numpy(dtype=float)
        binary = bool(np.all((col == 0.0) | (col == 1.0)))
        one_sided = binary and (e[col == 1].sum() == 0 or e[col == 0].sum() == 0)
        blown = not np.isfinite(se[j]) or abs(beta[j]) * float(np.std(col)) > 10
        if one_sided or blown:
            out.append(str(name))
    return out


def _term(
    name: str, b: float, v: float, zz: float, z: float, alpha: float, label: str,
    n_used: int, n_excl: int, infinite: bool,
) -> Estimate:  # fmt: skip
    if infinite:
        return Estimate(f"hazard_ratio[{name}]", NAN, NAN, NAN, 1 - alpha,
                        label + "; coefficient may be infinite (monotone likelihood)",
                        n_used, n_excl, NAN, NAN, NAN)  # fmt: skip
    return Estimate(f"hazard_ratio[{name}]", float(np.exp(b)), float(np.exp(b - z * v)),
                    float(np.exp(b + z * v)), 1 - alpha, label, n_used, n_excl, float(zz), NAN,
                    float(2 * stats.norm.sf(abs(zz))))  # fmt: skip


def _design(
    frame: pd.DataFrame, covariates: Sequence[str], used: str = "", gaps: str = ""
) -> pd.DataFrame:
    parts = []
    for c in covariates:
        col = frame[c]
        if (
            isinstance(col.dtype, pd.CategoricalDtype)
            or col.dtype == object
            or str(col.dtype) == "string"
        ):
            dummies = pd.get_dummies(
                col.astype("category").cat.remove_unused_categories(),
                prefix=c,
                prefix_sep="=",
                drop_first=True,
            )
            parts.append(dummies.astype(float))
        else:
            parts.append(col.astype(float).rename(c).to_frame())
    design = pd.concat(parts, axis=1)
    constant = [c for c in design.columns if np.ptp(design[c].to_numpy(dtype=float)) == 0]
    if constant:
        where = f" (the {used} with every covariate" + (
            f"; missing per column: {gaps})" if gaps else ")"
        )
        raise ValueError(f"covariate(s) {constant} do not vary among the subjects used{where}")
    return design


SE_LIMIT = 20_000  # subjects up to which the concordance SE is computed (pairwise, chunked)


def _concordance_se(time: F, event: F, lp: F) -> float:
    """Standard error of Harrell's C by the infinitesimal jackknife, as
    ``survival::concordance``: each subject's influence is (concordant share - C x
    comparable share) of the pairs it takes part in. A pair is comparable when the
    first has the event and the second is followed longer (or censored at that time).
    Computed pairwise in chunks; NaN above :data:`SE_LIMIT` subjects."""
    n = len(time)
    if n > SE_LIMIT:
        return NAN
    a, b = np.zeros(n), np.zeros(n)
    events = np.flatnonzero(event > 0)
    for start in range(0, len(events), 256):
        idx = events[start : start + 256]
        ti, li = time[idx][:, None], lp[idx][:, None]
        comparable = (time[None, :] > ti) | ((time[None, :] == ti) & (event[None, :] == 0))
        score = np.where(comparable, (li > lp[None, :]) + 0.5 * (li == lp[None, :]), 0.0)
        a[idx] += score.sum(1)
        b[idx] += comparable.sum(1)
        a += score.sum(0)
        b += comparable.sum(0)
    pairs = b.sum() / 2
    if pairs == 0:
        return NAN
    c = a.sum() / b.sum()
    return float(np.sqrt((((a - c * b) / pairs) ** 2).sum()))


def _concordance(time: F, event: F, lp: F) -> float:
    """Harrell's C: a higher linear predictor should fail first (tied predictors count
    1/2), as ``survival::concordance``; O(n log^2 n) (:func:`harrell_counts`)."""
    concordant, tied, comparable = harrell_counts(time, event, lp)
    return (concordant + 0.5 * tied) / comparable if comparable else NAN
