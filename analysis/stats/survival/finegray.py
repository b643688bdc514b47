"""Fine-Gray subdistribution hazard regression, as ``cmprsk::crr``.

No Python package offers it, so it is written here from Fine & Gray (1999) and checked
against ``crr``:

- subjects who failed from a competing cause stay in the risk set after their failure
  with weight G(t-)/G(T_i-), G the Kaplan-Meier estimate of the censoring distribution
  (one censoring group);
- ties among failures of interest are handled as Breslow (as ``crr``);
- the variance is crr's sandwich H^-1 (sum of (eta_i + psi_i)(eta_i + psi_i)') H^-1,
  where psi_i accounts for estimating G.

Everything is vectorised with cumulative sums over the sorted times.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import NDArray
from scipy import stats

from analysis.stats.display import Displayed
from analysis.stats.levels import confidence_alpha
from analysis.stats.results import NAN, Estimate, ModelResult, ModelTerm, Tests, estimates_frame

F = NDArray[np.float64]


@dataclass(frozen=True)
class _Data:
    time: F
    fail: NDArray[np.bool_]  # failure of interest
    compete: NDArray[np.bool_]  # competing failure
    censor: NDArray[np.bool_]
    x: F
    g_left: F  # G(T_i-)


def _censoring_km_left(time: F, censor: NDArray[np.bool_]) -> F:
    """G(t-) at each subject's own time: KM of censoring, failures treated as censored."""
    uniq, inv = np.unique(time, return_inverse=True)
    n_at = np.bincount(inv, minlength=len(uniq))[::-1].cumsum()[::-1].astype(float)
    n_c = np.bincount(inv, censor.astype(float), len(uniq))
    g = np.cumprod(1 - n_c / n_at)
    g_left = np.concatenate([[1.0], g[:-1]])
    return g_left[inv]


@dataclass(frozen=True)
class _Fit:
    loglik: float
    score: F
    info: F
    t_k: F  # distinct failure times
    twf: F
    s0: F
    xbar: F
    g_k: F


def _evaluate(d: _Data, beta: F) -> _Fit:
    r = np.exp(d.x @ beta)
    p = d.x.shape[1]
    t_k, twf = np.unique(d.time[d.fail], return_counts=True)
    twf_f = twf.astype(float)
    # G(t_k-): the G(T-) of any subject whose time is t_k
    first = np.searchsorted(d.time, t_k, side="left")
    g_k = d.g_left[first]
    # subjects with T >= t_k (time is sorted ascending)
    suffix = lambda v: np.concatenate([v[::-1].cumsum(0)[::-1], np.zeros((1, *v.shape[1:]))])  # noqa: E731
    rx = r[:, None] * d.x
    xx = (d.x[:, :, None] * d.x[:, None, :]).reshape(len(r), p * p)
    a0, a1, a2 = suffix(r), suffix(rx), suffix(r[:, None] * xx)
    # competing failures with T < t_k, weighted r / G(T-), times G(t_k-)
    wc = np.where(d.compete, r / d.g_left, 0.0)
    prefix = lambda v: np.concatenate([np.zeros((1, *v.shape[1:])), v.cumsum(0)])  # noqa: E731
    c0, c1, c2 = prefix(wc), prefix(wc[:, None] * d.x), prefix(wc[:, None] * xx)
    s0 = a0[first] + g_k * c0[first]
    s1 = a1[first] + g_k[:, None] * c1[first]
    s2 = a2[first] + g_k[:, None] * c2[first]
    xbar = s1 / s0[:, None]
    loglik = float((d.x[d.fail] @ beta).sum() - (twf_f * np.log(s0)).sum())
    score = d.x[d.fail].sum(0) - (twf_f[:, None] * xbar).sum(0)
    second = s2 / s0[:, None]
    info = (twf_f[:, None] * second).sum(0).reshape(p, p) - (twf_f[:, None] * xbar).T @ xbar
    return _Fit(loglik, score, info, t_k, twf_f, s0, xbar, g_k)


def _sandwich_middle(d: _Data, beta: F, fit: _Fit) -> F:
    """sum_i (eta_i + psi_i)(eta_i + psi_i)' as crr's ``crrvv``."""
    r = np.exp(d.x @ beta)
    t = d.time
    lam = fit.twf / fit.s0  # d Lambda_1 at each failure time
    # eta, at-risk part for T_i >= t_k
    cum0 = np.concatenate([[0.0], np.cumsum(lam)])
    cum1 = np.vstack([np.zeros((1, d.x.shape[1])), np.cumsum(lam[:, None] * fit.xbar, 0)])
    upto = np.searchsorted(fit.t_k, t, side="right")
    eta = -r[:, None] * (d.x * cum0[upto][:, None] - cum1[upto])
    # eta, competing failures still weighted after T_i (t_k > T_i)
    lam_g = lam * fit.g_k
    rev0 = np.concatenate([np.cumsum(lam_g[::-1])[::-1], [0.0]])
    rev1 = np.vstack(
        [np.cumsum((lam_g[:, None] * fit.xbar)[::-1], 0)[::-1], np.zeros((1, d.x.shape[1]))]
    )
    w = np.where(d.compete, r / d.g_left, 0.0)
    eta -= w[:, None] * (d.x * rev0[upto][:, None] - rev1[upto])
    # eta, own failure
    own = np.searchsorted(fit.t_k, t, side="left")
    eta[d.fail] += d.x[d.fail] - fit.xbar[own[d.fail]]
    # psi: censoring martingale part, evaluated at distinct times u
    uniq, inv = np.unique(t, return_inverse=True)
    pi = np.bincount(inv, minlength=len(uniq))[::-1].cumsum()[::-1].astype(float)
    n_c = np.bincount(inv, d.censor.astype(float), len(uniq))
    wx = w[:, None] * d.x
    q0 = np.concatenate([[0.0], np.cumsum(np.bincount(inv, w, len(uniq)))])[:-1]  # T < u
    q1 = np.vstack(
        [
            np.zeros((1, d.x.shape[1])),
            np.cumsum(
                np.stack([np.bincount(inv, wx[:, k], len(uniq)) for k in range(d.x.shape[1])], 1), 0
            ),
        ]
    )[:-1]
    c = fit.twf * fit.g_k / fit.s0
    from_u = np.searchsorted(fit.t_k, uniq, side="left")  # failures with t_k >= u
    sc = np.concatenate([np.cumsum(c[::-1])[::-1], [0.0]])[from_u]
    scx = np.vstack(
        [np.cumsum((c[:, None] * fit.xbar)[::-1], 0)[::-1], np.zeros((1, d.x.shape[1]))]
    )[from_u]
    q = q1 * sc[:, None] - q0[:, None] * scx
    comp = np.cumsum((n_c / pi**2)[:, None] * q, 0)
    psi = -comp[inv]
    psi[d.censor] += q[inv[d.censor]] / pi[inv[d.censor]][:, None]
    total = eta + psi
    return total.T @ total


@dataclass(frozen=True, repr=False)
class FineGrayModel(Displayed, ModelResult):
    """Subdistribution hazard ratios for the cause of interest (Fine-Gray).

    ``terms`` holds one :class:`Estimate` per covariate (the subdistribution hazard
    ratio); ``std_error`` is crr's sandwich SE, which the z-tests use. Keyed by
    covariate: ``coefficients`` or ``term(name)``, a
    :class:`~analysis.stats.results.ModelTerm` with the coefficient, its (robust) SE and
    the ratio as ``exp_estimate``; ``tidy()`` and ``glance()`` as R's broom.
    """

    cause: str
    formula: str
    terms: tuple[Estimate, ...]
    coef: tuple[float, ...]
    std_error: tuple[float, ...]
    loglik: float
    n_used: int
    n_events: int
    n_competing: int
    n_excluded: int
    method: str

    _display_skip = ("coef", "std_error")  # shown as the rows of ``terms``

    def to_frame(self) -> pd.DataFrame:
        return estimates_frame(self.terms, {"cause": self.cause})

    @property
    def coefficients(self) -> Tests:
        """Every covariate keyed by name: the coefficient with crr's sandwich SE
        (``std_error_used`` ``"robust"``; the model-based SE is not computed), Wald z,
        interval on the log scale and the subdistribution hazard ratio with its
        interval as ``exp_estimate`` ... (those of ``terms``)."""
        rows = []
        for t, b, se in zip(self.terms, self.coef, self.std_error, strict=True):
            name = t.quantity.removeprefix("subdistribution_hazard_ratio[").removesuffix("]")
            rows.append((name, ModelTerm(
                "coefficient", b, float(np.log(t.ci_low)), float(np.log(t.ci_high)), t.ci_level,
                t.method, t.n_used, t.n_excluded, t.statistic, t.df, t.p_value, std_error=se,
                robust_std_error=se, std_error_used="robust", exp_estimate=t.estimate,
                exp_ci_low=t.ci_low, exp_ci_high=t.ci_high,
            )))  # fmt: skip
        return Tests(rows)

    def _glance(self) -> dict[str, object]:
        """Formula, cause, n used, events of the cause, competing events, excluded, the
        log pseudo-likelihood and the method."""
        return {
            "model": self.formula,
            "cause": self.cause,
            "n_used": self.n_used,
            "n_events": self.n_events,
            "n_competing": self.n_competing,
            "n_excluded": self.n_excluded,
            "log_likelihood": self.loglik,
            "method": self.method,
        }


def fine_gray(
    data: pd.DataFrame,
    time: str,
    cause: str,
    covariates: Sequence[str],
    event_of_interest: str | Sequence[str],
    censored: str = "censored",
    alpha: float = 0.05,
    *,
    conf_level: float = 0.95,
) -> FineGrayModel:
    """Fit the Fine-Gray proportional subdistribution hazards model.

    Parameters
    ----------
    data
        One row per patient (e.g. :func:`analysis.stats.fractures.classify.time_to_fracture`).
    time, cause
        Column names: days to first event, and its cause label.
    covariates
        Numeric or yes/no columns.
    event_of_interest
        The cause (or causes, pooled) modelled, e.g. ``("adjacent", "remote")``; all
        other non-censored causes compete.
    censored
        Label of censoring.
    conf_level
        Coverage of the confidence intervals (default 0.95); the same as
        ``alpha = 1 - conf_level``, which older calls give. Recorded on the result
        (``ci_level`` of each estimate, ``conf_level`` of ``tidy()``).

    Returns
    -------
    FineGrayModel
    """
    alpha = confidence_alpha(alpha, conf_level)
    interest = {event_of_interest} if isinstance(event_of_interest, str) else set(event_of_interest)
    cols = [time, cause, *covariates]
    used = data[cols].dropna()
    labels = used[cause].astype(str)
    order = np.argsort(used[time].to_numpy(dtype=float), kind="stable")
    t = used[time].to_numpy(dtype=float)[order]
    lab = labels.to_numpy()[order]
    x = used[list(covariates)].astype(float).to_numpy()[order]
    fail = np.isin(lab, list(interest))
    cens = lab == censored
    comp = ~fail & ~cens
    if fail.sum() == 0:
        raise ValueError(f"no events of {sorted(interest)}: the model cannot be fitted")
    d = _Data(t, fail, comp, cens, x, _censoring_km_left(t, cens))
    beta = np.zeros(x.shape[1])
    fit = _evaluate(d, beta)
    for _ in range(50):
        step = np.linalg.solve(fit.info, fit.score)
        new = _evaluate(d, beta + step)
        halv = 0
        while new.loglik < fit.loglik and halv < 20:
            step /= 2
            new = _evaluate(d, beta + step)
            halv += 1
        beta = beta + step
        done = abs(new.loglik - fit.loglik) <= 1e-12 * max(abs(new.loglik), 1)
        fit = new
        if done:
            break
    h_inv = np.linalg.inv(fit.info)
    var = h_inv @ _sandwich_middle(d, beta, fit) @ h_inv
    se = np.sqrt(np.diag(var))
    z = stats.norm.isf(alpha / 2)
    label = "Fine-Gray subdistribution hazards (as cmprsk::crr), sandwich variance"
    terms = tuple(
        Estimate(f"subdistribution_hazard_ratio[{n}]", float(np.exp(b)), float(np.exp(b - z * s)),
                 float(np.exp(b + z * s)), 1 - alpha, label, len(used), len(data) - len(used),
                 float(b / s), NAN, float(2 * stats.norm.sf(abs(b / s))))
        for n, b, s in zip(covariates, beta, se, strict=True)
    )  # fmt: skip
    return FineGrayModel(
        "+".join(sorted(interest)),
        f"crr({time}, {cause}) ~ " + " + ".join(covariates),
        terms,
        tuple(float(b) for b in beta),
        tuple(float(s) for s in se),
        fit.loglik,
        len(used),
        int(fail.sum()),
        int(comp.sum()),
        len(data) - len(used),
        label,
    )
