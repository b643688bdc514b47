"""Cox proportional hazards with Efron ties, vectorised for registry-sized data.

The fit is Newton-Raphson on the Efron partial likelihood, its convergence test and
step-halving as ``coxph.fit``. Every sum it needs is a sum per distinct time (risk sets
are reverse cumulative sums of those): the subjects are put once in order of their
time (a linear radix sort of small integer keys), so that each time's subjects are a
run, and each Newton step is one pass over the covariates, block by block in cache,
summing r, r x and r x x' over the runs (``np.add.reduceat``): no loop over subjects or
event times in Python and no n x p x p temporaries, so a million subjects fit in a
fraction of a second. It agrees
with R's ``coxph(ties = "efron")``: coefficients, model-based and cluster-robust
standard errors (score residuals as ``coxscore2``), the likelihood-ratio and score
tests, and Harrell's concordance with its infinitesimal-jackknife standard error. The
proportional-hazards test follows ``cox.zph`` (score test of x * g(t) with g the
left-continuous Kaplan-Meier transform). :func:`cox_fit` is the bare fit on arrays, as
``coxph.fit``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray
from scipy import stats

from analysis.stats.display import Displayed
from analysis.stats.levels import confidence_alpha
from analysis.stats.outcomes.model_terms import level_counts
from analysis.stats.results import (
    NAN,
    Estimate,
    ModelResult,
    ModelTerm,
    Tests,
    estimates_frame,
    tests_columns,
)
from analysis.stats.survival._counting import distinct_times, harrell_pairs, merge_near_ties

F = NDArray[np.float64]


# bytes of one block of the passes over the subjects and over the Efron steps: a
# block's rows (r, r x and the products r x_i x_j; the steps' sums) stay in the
# processor's cache from one operation of the pass to the next (at 3 covariates, a
# block of 26,000 subjects; twice as many take a third longer here, a quarter as many
# about a tenth)
BLOCK_BYTES = 1 << 21


def _block_length(n_rows: int) -> int:
    """Subjects (or steps) per block when a block holds ``n_rows`` rows of floats."""
    return max(1024, BLOCK_BYTES // (8 * n_rows))


# a block: its first subject (or Efron step) and one past its last, the first run of
# subjects (or steps) it meets, and where in the block each run it meets starts
_Block = tuple[int, int, int, NDArray[np.int64]]


@dataclass(frozen=True)
class _Prepared:
    """Subjects ordered by key (their distinct time, its deaths before its others;
    stably, so in their given order within a key): every sum the fit needs per distinct
    time is a sum over a run of consecutive subjects, taken block by block
    (``np.add.reduceat``) in one pass over the covariates per Newton step."""

    xt: F  # covariates, one contiguous row per covariate (p x n), subjects in key order
    cluster: NDArray[np.int64] | None  # in key order
    n_bins: int
    d_count: F  # deaths per distinct time
    # per death, as Efron's steps: its time's index and the fraction l/d of the tied
    # deaths already removed (l = 0..d-1; always 0 with Breslow ties)
    d_bin: NDArray[np.int64]
    frac: F
    x_dead: F  # per distinct time: sum of x over its deaths (n_bins x p)
    d_times: NDArray[np.int64]  # the distinct times with a death, and where their
    d_starts: NDArray[np.int64]  # steps start (d_bin is sorted: segments, not bincount)
    # with strata, a "distinct time" is a (stratum, time) pair, stratum-major: the first
    # bin of each bin's stratum, one past its last, and the bin's index among the
    # distinct times of all strata (without strata: 0, n_bins and the bin itself)
    first_bin: NDArray[np.int64]
    end_bin: NDArray[np.int64]
    bin_time: NDArray[np.int64]
    # the keys with subjects (2 * bin for the deaths at a distinct time, 2 * bin + 1 for
    # the others), in order, and the length of each one's run of subjects
    run_key: NDArray[np.int64]
    run_length: NDArray[np.int64]
    # the blocks of subjects: first and one past the last subject, the first run the
    # block meets, and where in the block each run it meets starts; the same for the
    # Efron steps, whose runs are the distinct times with a death
    blocks: tuple[_Block, ...]
    step_blocks: tuple[_Block, ...]
    scratch: F  # one block of r, r x and r x_i x_j (i <= j), reused by every pass
    step_scratch: F  # one block of the Efron steps' denominators and sums (6 x block)

    @property
    def bin(self) -> NDArray[np.int64]:
        """Each subject's distinct time (its bin), in key order."""
        return np.repeat(self.run_key >> 1, self.run_length)

    @property
    def dead(self) -> NDArray[np.bool_]:
        """Whether each subject died, in key order."""
        return np.repeat((self.run_key & 1) == 0, self.run_length)

    def per_time(self, step_values: F) -> F:
        """Sum of one value per Efron step over each distinct time (0 without deaths)."""
        out = np.zeros(self.n_bins)
        out[self.d_times] = np.add.reduceat(step_values, self.d_starts)
        return out

    def later(self, per_bin: NDArray[Any]) -> F:
        """Sums over the bins at or after each bin within its stratum (the risk sets)."""
        tail = per_bin[::-1].cumsum(0)[::-1]
        tail = np.concatenate([tail, np.zeros((1, *per_bin.shape[1:]))])
        return np.asarray(tail[:-1] - tail[self.end_bin], dtype=float)

    def earlier(self, per_bin: NDArray[Any], inclusive: bool = True) -> F:
        """Sums over the bins before (and, when ``inclusive``, at) each bin within its
        stratum: what a subject accrues over the times it is at risk."""
        head = np.concatenate([np.zeros((1, *per_bin.shape[1:])), per_bin.cumsum(0)])
        upto = head[1:] if inclusive else head[:-1]
        return np.asarray(upto - head[self.first_bin], dtype=float)


@dataclass(frozen=True)
class _Pieces:
    loglik: float
    score: F
    info: F
    beta: F  # the coefficients these pieces are taken at
    # per distinct time: risk-set and death sums of r and r x, and the sums over its
    # Efron steps of 1/den, f/den, 1/den^2, f/den^2, f^2/den^2
    s0: F
    e0: F
    s1: F
    e1: F
    steps: F
    second: F  # per key: sums of r x_i x_j, i <= j (2 n_bins x p (p + 1) / 2)


def _bins(
    time: F, strata: NDArray[np.int64] | None
) -> tuple[NDArray[np.int64], int, NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:
    """Each subject's bin (its distinct time, or its (stratum, time) pair, stratum-major),
    the number of bins, and per bin its stratum's first bin, one past its stratum's last
    bin, and its index among the distinct times."""
    distinct, t_code = distinct_times(time)  # whole days: one bincount, no sort
    n_times = len(distinct)
    if strata is None:
        return (
            t_code,
            n_times,
            np.zeros(n_times, np.int64),
            np.full(n_times, n_times),
            np.arange(n_times),
        )
    pair_codes, pairs = pd.factorize(strata * n_times + t_code, sort=True)
    pairs = np.asarray(pairs, dtype=np.int64)
    stratum = pairs // n_times
    first = np.searchsorted(stratum, stratum, "left").astype(np.int64)
    end = np.searchsorted(stratum, stratum, "right").astype(np.int64)
    return pair_codes.astype(np.int64), len(pairs), first, end, pairs % n_times


def _key_order(key: NDArray[np.int64], n_keys: int) -> NDArray[np.intp]:
    """The stable order of the subjects by key, by numpy's radix sort of 16-bit digits,
    least significant first (linear in the subjects: a comparison sort of a million
    64-bit keys takes about 15 times longer)."""
    order = np.argsort(key.astype(np.uint16), kind="stable")
    shift = 16
    while n_keys > 1 << shift:
        digit = (key[order] >> shift).astype(np.uint16)
        order = order[np.argsort(digit, kind="stable")]
        shift += 16
    return order


def _blocks(run_start: NDArray[np.int64], n: int, block: int) -> tuple[_Block, ...]:
    """n subjects (or Efron steps) cut into blocks of ``block``, given where each run
    starts: each block's first subject and one past its last, the first run it meets,
    and where in the block each run it meets starts (a run may span blocks)."""
    out = []
    for a in range(0, n, block):
        b = min(a + block, n)
        first = int(np.searchsorted(run_start, a, "right")) - 1
        last = int(np.searchsorted(run_start, b, "left"))
        out.append((a, b, first, np.maximum(run_start[first:last] - a, 0)))
    return tuple(out)


def _prepare(
    time: F, dead: NDArray[np.bool_], x: F, cluster: NDArray[np.int64] | None,
    ties: str = "efron", strata: NDArray[np.int64] | None = None, centre: F | None = None,
) -> _Prepared:  # fmt: skip
    """The subjects put in key order; ``x`` (n x p) less ``centre`` when that is given
    (cox_fit centres its covariates while ordering them)."""
    b, nb, first_bin, end_bin, bin_time = _bins(time, strata)
    key = 2 * b
    key += ~dead
    del b
    counts = np.bincount(key, minlength=2 * nb)
    order = _key_order(key, 2 * nb)
    del key
    run_key = np.flatnonzero(counts)
    run_length = counts[run_key]
    p = x.shape[1]
    xt = np.empty((p, len(order)))
    for k in range(p):
        np.take(x[:, k], order, out=xt[k], mode="clip")  # order is in range: no check
        if centre is not None:
            xt[k] -= centre[k]
    if cluster is not None:
        cluster = cluster[order]
    run_start = np.concatenate([[0], np.cumsum(run_length)[:-1]]).astype(np.int64)
    x_by_key = np.zeros((2 * nb, p))
    x_by_key[run_key] = np.add.reduceat(xt, run_start, axis=1).T
    d_count = counts[0::2].astype(float)
    d_bin = np.repeat(np.arange(nb), counts[0::2])
    first = np.concatenate([[0], np.cumsum(d_count[:-1])]).astype(np.int64)
    rank_in_tie = np.arange(len(d_bin)) - first[d_bin]
    # Efron: the l-th of d tied deaths sees the risk set less l/d of them; Breslow:
    # every tied death sees the whole risk set
    frac = rank_in_tie / d_count[d_bin] if ties == "efron" else np.zeros(len(d_bin))
    x_dead = np.ascontiguousarray(x_by_key[0::2])
    d_times = np.flatnonzero(d_count > 0)
    rows = 1 + p + p * (p + 1) // 2  # r, r x, r x_i x_j (i <= j)
    block, step_block = _block_length(rows), _block_length(6)
    return _Prepared(xt, cluster, nb, d_count, d_bin, frac, x_dead, d_times, first[d_times],
                     first_bin, end_bin, bin_time, run_key, run_length,
                     _blocks(run_start, len(order), block),
                     _blocks(first[d_times], len(d_bin), step_block),
                     np.empty((rows, min(block, len(order)))),
                     np.empty((6, min(step_block, len(d_bin)))))  # fmt: skip


def _subject_pass(s: _Prepared, beta: F) -> tuple[F, F]:
    """Per key the sums of r = exp(linear predictor) and r x (2 n_bins x (1 + p)) and of
    r x_i x_j for i <= j (2 n_bins x p (p + 1) / 2): one pass over the covariates, block
    by block, each block's products made and summed over its runs while in cache."""
    p = len(s.xt)
    per_run = np.zeros((len(s.run_key), len(s.scratch)))
    zero = not beta.any()
    for a, b, first, starts in s.blocks:
        x = s.xt[:, a:b]
        blk = s.scratch[:, : b - a]
        if zero:  # exp(0) = 1: no linear predictor to take
            blk[0] = 1.0
        else:  # by einsum's own loop (no threaded BLAS call)
            np.einsum("pn,p->n", x, beta, out=blk[0])
            np.exp(blk[0], out=blk[0])
        np.multiply(x, blk[0], out=blk[1 : p + 1])
        k = p + 1
        for i in range(p):  # r x_i times x_j for j >= i
            np.multiply(x[i:], blk[1 + i], out=blk[k : k + p - i])
            k += p - i
        per_run[first : first + len(starts)] += np.add.reduceat(blk, starts, axis=1).T
    sums = np.zeros((2 * s.n_bins, len(per_run[0])))
    sums[s.run_key] = per_run
    return sums[:, : p + 1], sums[:, p + 1 :]


def _efron_steps(s: _Prepared, s0: F, e0: F, n_sums: int) -> tuple[F, float]:
    """Per distinct time the sums over its Efron steps of 1/den, f/den (and with
    ``n_sums`` = 5 also 1/den^2, f/den^2, f^2/den^2), where the l-th of d tied deaths has
    den = s0 - f e0, f = l/d; and the sum of log(den) over all steps. Block by block
    over the steps, each block's rows in cache."""
    per_run = np.zeros((len(s.d_times), n_sums))
    log_den = 0.0
    for a, b, first, starts in s.step_blocks:
        at, frac = s.d_bin[a:b], s.frac[a:b]
        rows = s.step_scratch[:, : b - a]
        den = rows[5]
        np.take(s0, at, out=den, mode="clip")  # at indexes s0: no check
        np.take(e0, at, out=rows[0], mode="clip")
        den -= np.multiply(frac, rows[0], out=rows[0])
        np.divide(1.0, den, out=rows[0])
        np.multiply(frac, rows[0], out=rows[1])
        if n_sums == 5:
            np.multiply(rows[0], rows[0], out=rows[2])
            np.multiply(frac, rows[2], out=rows[3])
            np.multiply(frac, rows[3], out=rows[4])
        per_run[first : first + len(starts)] += np.add.reduceat(rows[:n_sums], starts, axis=1).T
        log_den += float(np.log(den, out=den).sum())
    steps = np.zeros((s.n_bins, 5))
    steps[s.d_times, :n_sums] = per_run
    return steps, log_den


def _pieces(s: _Prepared, beta: F, need_info: bool = True) -> _Pieces:
    p, nb = len(s.xt), s.n_bins
    # per key (distinct time, deaths and the others apart): sums of r, r x and r x x'
    sums, second = _subject_pass(s, beta)
    ev, rest = sums[0::2], sums[1::2]
    # risk-set sums: subjects (of the stratum) with time >= t_j -> reverse cumulative sums
    risk = s.later(ev + rest)
    s0, s1, e0, e1 = risk[:, 0], risk[:, 1:], ev[:, 0], ev[:, 1:]
    steps, log_den = _efron_steps(s, s0, e0, 5 if need_info else 2)
    x_dead_sum = s.x_dead.sum(0)
    loglik = float(x_dead_sum @ beta - log_den)
    score = x_dead_sum - (s1 * steps[:, :1] - e1 * steps[:, 1:2]).sum(0)
    out = _Pieces(loglik, score, np.zeros((p, p)), beta, s0, e0, s1, e1, steps, second)
    if need_info:
        out.info[...] = _weighted_info(s, out, np.ones(nb))
    return out


def _weighted_info(s: _Prepared, fit: _Pieces, weight: F) -> F:
    """Sum over Efron steps of ``weight`` (one per distinct time) x the risk-set variance
    of x. The second moments enter as one weighted cross-product X' W X: a subject's
    weight sums, over the times it is at risk, its time's a = sum 1/den (and removes
    b = sum f/den at its own time when it dies there), so it is one weight per key
    times the key's sums of r x x', and no per-time p x p sums."""
    a, b, c, d, e = (fit.steps[:, k] * weight for k in range(5))
    # indexed by key: 2 * time for a death there, 2 * time + 1 for the others
    by_key = np.repeat(s.earlier(a), 2)
    by_key[0::2] -= b
    # X' W X with W = r x by_key: the sums of r x_i x_j per key, weighed
    p = len(s.xt)
    upper = np.triu_indices(p)
    pairs = np.einsum("k,kq->q", by_key, fit.second)
    info = np.empty((p, p))
    info[upper] = pairs
    info[upper[::-1]] = pairs
    s1, e1 = fit.s1, fit.e1
    cross = (s1 * d[:, None]).T @ e1
    info -= (s1 * c[:, None]).T @ s1 - cross - cross.T + (e1 * e[:, None]).T @ e1
    return np.asarray(info, dtype=float)


def _fit(s: _Prepared, max_iter: int = 30, eps: float = 1e-9) -> tuple[F, _Pieces, _Pieces, int]:
    beta = np.zeros(len(s.xt))
    null = _pieces(s, beta)
    cur = null
    iterations = 0
    for it in range(1, max_iter + 1):
        iterations = it
        step = np.linalg.solve(cur.info, cur.score)
        new_beta = beta + step
        new = _pieces(s, new_beta)
        # converged first, as coxph.fit: a likelihood a last bit below the best so far
        # at convergence is not a reason to halve the step
        done = abs(new.loglik - cur.loglik) <= eps * abs(new.loglik)
        halvings = 0
        while not done and new.loglik < cur.loglik - 1e-12 and halvings < 20:
            step /= 2
            new_beta = beta + step
            new = _pieces(s, new_beta)
            done = abs(new.loglik - cur.loglik) <= eps * abs(new.loglik)
            halvings += 1
        beta, cur = new_beta, new
        if done:
            break
    return beta, cur, null, iterations


def _score_residuals(s: _Prepared, fit: _Pieces) -> F:
    """Score residuals per subject, Efron ties, as R's ``coxscore2``."""
    nb, p = s.n_bins, len(s.xt)
    db, frac = s.d_bin, s.frac
    den = fit.s0[db] - frac * fit.e0[db]  # each Efron step's risk-set denominator
    # each Efron step's weighted mean of x over its risk set
    mean = (fit.s1[db] - frac[:, None] * fit.e1[db]) / den[:, None]
    haz = 1.0 / den
    down = 1.0 - frac
    h = np.bincount(db, haz, nb)
    hd = np.bincount(db, haz * down, nb)
    g = np.stack([np.bincount(db, haz * mean[:, k], nb) for k in range(p)], 1)
    gd = np.stack([np.bincount(db, haz * down * mean[:, k], nb) for k in range(p)], 1)
    mbar_sum = np.stack([np.bincount(db, mean[:, k], nb) for k in range(p)], 1)
    mbar = mbar_sum / np.maximum(s.d_count, 1)[:, None]
    ch, cg = s.earlier(h), s.earlier(g)
    dead, b, x = s.dead, s.bin, s.xt.T
    ch_prev = s.earlier(h, inclusive=False)[b]
    cg_prev = s.earlier(g, inclusive=False)[b]
    h_eff = np.where(dead, ch_prev + hd[b], ch[b])
    g_eff = np.where(dead[:, None], cg_prev + gd[b], cg[b])
    r = np.exp(x @ fit.beta)
    resid = -r[:, None] * (x * h_eff[:, None] - g_eff)
    resid[dead] += x[dead] - mbar[b[dead]]
    return resid


def _zph(s: _Prepared, fit: _Pieces) -> tuple[F, F, float]:
    """cox.zph score tests (km transform), per covariate and global, from per-time sums:
    g(t) is one number per distinct time, so every weighted sum over Efron steps is a
    sum over times."""
    p = len(s.xt)
    # left-continuous Kaplan-Meier of all subjects (strata pooled, as cox.zph) at each
    # death's time, centred over the deaths
    at_time = s.bin_time[s.bin]
    n_times = int(s.bin_time.max()) + 1
    n_risk = np.bincount(at_time, minlength=n_times)[::-1].cumsum()[::-1].astype(float)
    d_time = np.bincount(at_time, s.dead, n_times).astype(float)
    km = np.cumprod(np.where(n_risk > 0, 1 - d_time / np.maximum(n_risk, 1), 1.0))
    g = (1.0 - np.concatenate([[1.0], km[:-1]]))[s.bin_time]
    d = s.d_count
    g = g - float(d @ g) / float(d.sum())
    # Schoenfeld-type residuals summed per time: deaths' x less their Efron means
    resid = s.x_dead - (fit.s1 * fit.steps[:, :1] - fit.e1 * fit.steps[:, 1:2])
    u = np.concatenate([resid.sum(0), g @ resid])
    i_gb = _weighted_info(s, fit, g)
    imat = np.block([[fit.info, i_gb.T], [i_gb, _weighted_info(s, fit, g * g)]])
    chisq = np.empty(p)
    for k in range(p):
        j = np.r_[np.arange(p), p + k]
        chisq[k] = u[j] @ np.linalg.solve(imat[np.ix_(j, j)], u[j])
    glob = float(u @ np.linalg.solve(imat, u))
    return chisq, stats.chi2.sf(chisq, 1), glob


@dataclass(frozen=True, repr=False)
class CoxModel(Displayed, ModelResult):
    """A fitted Cox model: hazard ratios, tests and fit statistics.

    ``terms`` holds one :class:`Estimate` per covariate (``estimate`` is the hazard
    ratio, CI on the log scale, Wald z and p; with a cluster the variance is the
    cluster-robust one). ``ph_test`` holds the Schoenfeld-residual tests
    (``cox.zph``), one per covariate then the global test.

    Keyed by covariate: ``hazard_ratios`` (the terms) and ``coefficients`` or
    ``term(name)``, a :class:`~analysis.stats.results.ModelTerm` with the log hazard
    ratio, both standard errors and which one the Wald z used (``robust`` with a
    cluster: ``std_error`` then holds the robust SE, ``naive_std_error`` the
    model-based one); ``tidy()`` and ``glance()`` as R's broom.
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
    # infinitesimal-jackknife SE, as survival::concordance (summed by cluster with one)
    concordance_se: float = NAN
    strata: tuple[str, ...] = ()  # the columns whose levels have their own baseline hazard
    ties: str = "efron"  # the tie method the fit used: "efron" or "breslow"

    # coefficients and global tests show as the rows of ``terms`` and ``tests``
    _display_skip = ("coef", "std_error", "robust_std_error", "covariance", "lr_test",
                     "score_test", "robust_score_test")  # fmt: skip
    _display_extra = ("tests",)

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

    @property
    def coefficients(self) -> Tests:
        """Every covariate keyed by name: the coefficient (log hazard ratio) with the
        naive (model-based) and, with a cluster, robust SE, the Wald z on the robust SE
        when there is one, the interval on the log scale, and the hazard ratio with its
        interval as ``exp_estimate``, ``exp_ci_low``, ``exp_ci_high`` (those of
        ``hazard_ratios``). A term whose coefficient may be infinite has NaN estimate,
        interval and test, as its hazard ratio."""
        robust = self.robust_std_error
        rows = []
        for i, (name, hr) in enumerate(self.hazard_ratios.items()):
            naive = self.std_error[i]
            rob = NAN if robust is None else robust[i]
            reported = bool(np.isfinite(hr.estimate))
            with np.errstate(divide="ignore", invalid="ignore"):
                low, high = float(np.log(hr.ci_low)), float(np.log(hr.ci_high))
            rows.append((name, ModelTerm(
                "coefficient", self.coef[i] if reported else NAN, low, high, hr.ci_level,
                hr.method, hr.n_used, hr.n_excluded, hr.statistic, hr.df, hr.p_value,
                std_error=rob if robust is not None else naive, naive_std_error=naive,
                robust_std_error=rob, std_error_used="naive" if robust is None else "robust",
                exp_estimate=hr.estimate, exp_ci_low=hr.ci_low, exp_ci_high=hr.ci_high,
            )))  # fmt: skip
        return Tests(rows)

    def _glance(self) -> dict[str, object]:
        """Formula, n used, events, excluded and clusters; log partial likelihood (at the
        estimate and at zero) and AIC; concordance and its SE; the likelihood-ratio,
        Wald, score and robust score tests (NaN where not computed) and the global
        proportional-hazards test; iterations and method."""
        glob = self.ph_test[self.ph_test["term"] == "GLOBAL"]
        return {
            "model": self.formula,
            "n_used": self.n_used,
            "n_events": self.n_events,
            "n_excluded": self.n_excluded,
            "n_clusters": NAN if self.n_clusters is None else self.n_clusters,
            "strata": ", ".join(self.strata),
            "ties": self.ties,
            "log_likelihood": self.loglik,
            "log_likelihood_null": self.loglik_null,
            "aic": -2 * self.loglik + 2 * len(self.coef),
            "concordance": self.concordance,
            "concordance_std_error": self.concordance_se,
            **tests_columns(self.tests, ["likelihood_ratio", "wald", "score", "robust_score"]),
            "statistic_proportional_hazards": float(glob["statistic"].iloc[0])
            if len(glob)
            else NAN,
            "df_proportional_hazards": float(glob["df"].iloc[0]) if len(glob) else NAN,
            "p_value_proportional_hazards": float(glob["p_value"].iloc[0]) if len(glob) else NAN,
            "iterations": self.iterations,
            "method": self.method,
        }


def _fitted(
    t: F, e: F | NDArray[np.bool_], x: F, cluster: NDArray[np.int64] | None, ties: str,
    strata: NDArray[np.int64] | None = None, centre: F | None = None,
) -> tuple[_Prepared, F, _Pieces, _Pieces, int, F]:  # fmt: skip
    """Validate, prepare and fit; x is centred already or less ``centre`` here. Returns
    the prepared data, the coefficients, the fit and null pieces, the iterations and the
    model variance."""
    if not e.any():
        raise ValueError("no events: a Cox model cannot be fitted")
    if ties not in ("efron", "breslow"):
        raise ValueError(f"ties must be 'efron' or 'breslow', not {ties!r}")
    s = _prepare(t, e > 0, x, cluster, ties, strata, centre)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        beta, fit, null, iters = _fit(s)
        var = np.asarray(np.linalg.inv(fit.info), dtype=float)
    return s, beta, fit, null, iters, var


@dataclass(frozen=True, repr=False)
class CoxFit(Displayed):
    """The bare Newton-Raphson fit of :func:`cox_fit`, as ``survival::coxph.fit``
    returns it: coefficients, their model-based covariance (the inverse information),
    the log partial likelihood at the estimate and at zero, the score test and the
    number of iterations."""

    coef: F
    covariance: F
    loglik: float
    loglik_null: float
    score_test: float
    iterations: int


def cox_fit(time: F, event: F, x: F, ties: str = "efron") -> CoxFit:
    """Fit the Cox model on arrays, as ``survival::coxph.fit``: no design, no missing
    values handled, no concordance, no proportional-hazards test. For code that fits
    many models on prepared matrices (simulation, resampling); :func:`cox_ph` is the
    analysis entry point.

    Parameters
    ----------
    time, event
        Follow-up and 1 = event / 0 = censored, one per subject, with no missing value.
    x
        Covariate matrix, one row per subject (centred internally, as coxph.fit).
    ties
        ``"efron"`` or ``"breslow"``.
    """
    t = np.asarray(time, dtype=float)
    e = np.asarray(event) > 0
    xm = np.asarray(x, dtype=float).reshape(len(t), -1)
    # centred while the subjects are put in key order (coxph.fit centres them too)
    mean = xm.mean(0)
    # finite sums mean finite values (unless they overflow: then look at each value)
    if not (np.isfinite(t.sum()) and np.isfinite(mean).all()) and not (
        np.isfinite(t).all() and np.isfinite(xm).all()
    ):
        raise ValueError("cox_fit takes complete data: time and x hold missing values")
    _, beta, fit, null, iters, var = _fitted(t, e, xm, None, ties, centre=mean)
    score = float(null.score @ np.linalg.solve(null.info, null.score))
    return CoxFit(beta, var, fit.loglik, null.loglik, score, iters)


def cox_ph(
    data: pd.DataFrame,
    time: str,
    event: str,
    covariates: Sequence[str],
    cluster: str | None = None,
    alpha: float = 0.05,
    concordance: bool = True,
    ties: str = "efron",
    proportional_hazards: bool = True,
    strata: str | Sequence[str] | None = None,
    *,
    conf_level: float = 0.95,
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
    conf_level
        Coverage of the confidence intervals (default 0.95); the same as
        ``alpha = 1 - conf_level``, which older calls give. Recorded on the result
        (``ci_level`` of each estimate, ``conf_level`` of ``tidy()``).
    concordance
        Compute Harrell's concordance (skip for very large data where it is not needed).
    ties
        ``"efron"`` (default, as coxph) or ``"breslow"``.
    proportional_hazards
        Run the Schoenfeld-residual test (``cox.zph``); when False, ``ph_test`` is
        empty.
    strata
        Optional column(s) (e.g. ``etiology``) whose levels (or combinations of levels)
        each have their own baseline hazard, as ``coxph(... + strata(etiology))``: risk
        sets and concordance pairs are formed within a stratum; a stratum has no
        coefficient. ``None`` (default): one baseline hazard.

    Returns
    -------
    CoxModel
        Rows with a missing value in any used column are excluded and counted.

    Notes
    -----
    Follow-up times equal within R's ``timefix`` tolerance (``sqrt`` of the machine
    epsilon, as ``survival::aeqSurv``) are one time (:func:`merge_near_ties`): on
    reconstructed data 1.0 and 1.0000000001 are tied, as in ``coxph``.
    """
    alpha = confidence_alpha(alpha, conf_level)
    strata_cols = [strata] if isinstance(strata, str) else list(strata or [])
    overlap = [c for c in strata_cols if c in covariates]
    if overlap:
        raise ValueError(
            f"{overlap} cannot be both a covariate and a stratum: a stratum has its own baseline "
            "hazard and no coefficient; drop it from one of the two"
        )
    cols = [time, event, *covariates] + ([cluster] if cluster else []) + strata_cols
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
    t = merge_near_ties(used[time].to_numpy(dtype=float))
    e = (used[event].astype(float).to_numpy() > 0).astype(float)
    cl = None if cluster is None else pd.factorize(used[cluster])[0].astype(np.int64)
    st = _strata_codes(used, strata_cols)
    s, beta, fit, null, iters, var = _fitted(t, e, x, cl, ties, st)
    se = np.sqrt(np.diag(var))
    infinite = _infinite(design, e, beta, se)
    robust = None
    robust_score = NAN
    if s.cluster is not None:
        dfbeta = _score_residuals(s, fit) @ var
        n_cl = int(s.cluster.max()) + 1
        summed = np.stack([np.bincount(s.cluster, dfbeta[:, k], n_cl) for k in range(len(beta))], 1)
        var = np.asarray(summed.T @ summed, dtype=float)
        robust = np.sqrt(np.diag(var))
        r0 = _score_residuals(s, null)  # score residuals at beta = 0, by cluster
        r0_sum = np.stack([np.bincount(s.cluster, r0[:, k], n_cl) for k in range(len(beta))], 1)
        robust_score = float(null.score @ np.linalg.solve(r0_sum.T @ r0_sum, null.score))
    used_se = robust if robust is not None else se
    z = stats.norm.isf(alpha / 2)
    zval = beta / used_se
    label = (
        f"Cox proportional hazards, {ties.capitalize()} ties"
        + (f", stratified by {' x '.join(strata_cols)}" if strata_cols else "")
        + (f", robust variance clustered by {cluster}" if cluster else "")
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
    ph = pd.DataFrame(columns=["term", "statistic", "df", "p_value"])
    if proportional_hazards:
        chisq, pz, glob = _zph(s, fit)
        ph = pd.DataFrame({"term": [*names, "GLOBAL"], "statistic": [*chisq, glob],
                           "df": [1.0] * len(names) + [float(len(names))],
                           "p_value": [*pz, float(stats.chi2.sf(glob, len(names)))]})  # fmt: skip
    conc, conc_se = _concordance(t, e, x @ beta, st, cl) if concordance else (NAN, NAN)
    return CoxModel(
        f"Surv({time}, {event}) ~ "
        + " + ".join(
            [*covariates] + ([f"strata({', '.join(strata_cols)})"] if strata_cols else [])
        ),
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
        tuple(strata_cols),
        ties,
    )


def _strata_codes(used: pd.DataFrame, strata_cols: list[str]) -> NDArray[np.int64] | None:
    """One code per subject for its stratum (a combination of levels with several
    columns), numbered in sorted order of the levels."""
    if not strata_cols:
        return None
    keys = used[strata_cols].astype(str).agg("\x1f".join, axis=1)
    return pd.factorize(keys, sort=True)[0].astype(np.int64)


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


def _concordance(
    time: F, event: F, lp: F, strata: NDArray[np.int64] | None = None,
    cluster: NDArray[np.int64] | None = None,
) -> tuple[float, float]:  # fmt: skip
    """Harrell's C (a higher linear predictor should fail first; tied predictors count
    1/2) and its standard error by the infinitesimal jackknife, as
    ``survival::concordance``: each subject's influence is (what it earns - C x its
    comparable pairs) / the number of pairs (:func:`harrell_pairs`). With strata, pairs
    are formed within a stratum and pooled; with a cluster, the influences are summed
    per cluster before squaring (as ``concordance()`` of a ``coxph(..., cluster =)``
    fit)."""
    if strata is None:
        earned, pairs = harrell_pairs(time, event, lp)
    else:
        earned, pairs = np.zeros(len(time)), np.zeros(len(time))
        for k in np.unique(strata):
            at = strata == k
            earned[at], pairs[at] = harrell_pairs(time[at], event[at], lp[at])
    total = pairs.sum()
    if total == 0:
        return NAN, NAN
    c = float(earned.sum() / total)
    influence = (earned - c * pairs) / (total / 2)
    if cluster is not None:
        influence = np.bincount(cluster, influence)
    return c, float(np.sqrt((influence**2).sum()))
