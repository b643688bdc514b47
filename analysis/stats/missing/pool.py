"""Rubin's rules: one analysis run on m completed data sets, pooled as ``mice::pool``.

Every pooled column is what ``summary(pool(fit), conf.int = TRUE, type = "all")`` prints
(mice 3.15): the mean estimate, the within-imputation variance ``ubar``, the
between-imputation variance ``b``, the total variance ``t = ubar + (1 + 1/m) b``, the
complete-data degrees of freedom ``dfcom``, the Barnard-Rubin degrees of freedom ``df``,
the relative increase in variance ``riv``, the share of the variance due to the missing
data ``lambda``, the fraction of missing information ``fmi``, and the t-test and
interval on ``df``. Coefficients are pooled on the model's scale (log hazard ratio, log
odds) and exponentiated beside.

Beside mice's ``fmi`` stands ``fmi_large_sample``, Rubin's (1987) fraction of missing
information on the large-sample df ``(m - 1) / lambda^2`` (mice's ``fmi`` with ``dfcom =
Inf``). mice's ``fmi`` puts the Barnard-Rubin df into the same formula, so with a finite
``dfcom`` it never falls below ``2 / (df + 3)``: 0.08 for a term with nothing missing in a
model of 25 complete-data df. ``fmi_large_sample`` goes to 0 as the imputations agree,
and is the one to report as "the fraction of missing information".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray
from scipy import stats

from analysis.stats.display import Displayed
from analysis.stats.outcomes.cement import LogisticModel
from analysis.stats.outcomes.gee_model import GeeCoefficient, GeeModel
from analysis.stats.outcomes.groups import LinearModel, TwoGroupComparison
from analysis.stats.outcomes.paired import PairedChange
from analysis.stats.outcomes.timecourse import MixedModel
from analysis.stats.results import Estimate, Tests
from analysis.stats.survival.cox import CoxModel
from analysis.stats.survival.finegray import FineGrayModel

NAN = float("nan")
F = NDArray[np.float64]
ArrayLike2 = Sequence[Sequence[float]] | Sequence[float] | NDArray[np.float64]
RUBIN = "Rubin's rules with Barnard-Rubin degrees of freedom (as mice::pool)"

POOLED_COLUMNS = [
    "term",
    "m",
    "estimate",
    "std_error",
    "statistic",
    "df",
    "p_value",
    "ci_low",
    "ci_high",
    "riv",
    "lambda",
    "fmi",
    "ubar",
    "b",
    "t",
    "dfcom",
    "exp_estimate",
    "exp_ci_low",
    "exp_ci_high",
    "std_error_used",
    "ci_level",
    "method",
    "fmi_large_sample",
]


@dataclass(frozen=True, repr=False)
class PooledTerm(Estimate):
    """One term pooled by Rubin's rules: an :class:`Estimate` (pooled estimate, its
    standard error ``sqrt(t)``, t statistic, Barnard-Rubin ``df``, p-value and interval,
    mice's ``conf.low`` and ``conf.high`` as ``ci_low`` and ``ci_high``) with the pieces.

    Attributes
    ----------
    m
        Number of completed data sets pooled.
    ubar, b, t
        Mean within-imputation variance, between-imputation variance (of the m
        estimates, ``n - 1`` denominator) and total variance ``ubar + (1 + 1/m) b``.
    dfcom
        Degrees of freedom of the analysis had no value been missing.
    riv, lambda_, fmi
        ``(1 + 1/m) b / ubar``, ``(1 + 1/m) b / t`` and the fraction of missing
        information ``(riv + 2 / (df + 3)) / (riv + 1)`` on the Barnard-Rubin ``df``, as
        mice (``lambda`` in frames).
    exp_estimate, exp_ci_low, exp_ci_high
        ``exp`` of the estimate and its limits (hazard or odds ratio); NaN on an
        identity scale.
    std_error_used
        ``"robust"`` when the fits' robust (sandwich) SEs were pooled, else ``"naive"``.
    fmi_large_sample
        Rubin's fraction of missing information on the large-sample df ``(m - 1) /
        lambda^2`` (mice's ``fmi`` with ``dfcom = Inf``): 0 when the imputations agree,
        whatever ``dfcom``; mice's ``fmi`` cannot fall below ``2 / (df + 3)``.
    """

    m: int = 0
    # the variances: within, between, total
    ubar: float = NAN
    b: float = NAN
    t: float = NAN
    # the complete-data df and the shares of the variance due to the missing values
    dfcom: float = NAN
    riv: float = NAN
    lambda_: float = NAN
    fmi: float = NAN
    # beside the estimate on a log scale: the hazard or odds ratio
    exp_estimate: float = NAN
    exp_ci_low: float = NAN
    exp_ci_high: float = NAN
    std_error_used: str = "naive"
    fmi_large_sample: float = NAN

    def row(self) -> dict[str, Any]:
        """The term's columns of :data:`POOLED_COLUMNS` (without ``term``)."""
        values = asdict(self)
        values["lambda"] = values.pop("lambda_")
        return {c: values[c] for c in POOLED_COLUMNS if c != "term"}


@dataclass(frozen=True, repr=False)
class PooledModel(Displayed):
    """An analysis pooled over m completed data sets.

    Attributes
    ----------
    model
        The analysis (its formula or what it compares).
    analysis
        The method of each fit ("Cox proportional hazards, Efron ties").
    terms
        :class:`PooledTerm` per term, keyed as the fits key them (``age_years``,
        ``sex=male``, ``intercept``, ``mean_change``).
    m
        Number of completed data sets.
    dfcom
        Complete-data degrees of freedom (as mice: residual df of a linear, logistic or
        GEE model, events minus coefficients of a Cox or Fine-Gray model, the t-test's df
        of a mean comparison).
    n_used
        Units each fit used, per data set.
    method
        How the fits were pooled.
    """

    model: str
    analysis: str
    terms: Tests
    m: int
    dfcom: float
    n_used: tuple[int, ...]
    method: str = RUBIN

    def _display_headline(self) -> str:
        return f"{self.model}: {self.m} imputations pooled"

    def to_frame(self) -> pd.DataFrame:
        """One row per term, columns :data:`POOLED_COLUMNS` (mice's summary in snake_case)."""
        rows = [{"term": k, **v.row()} for k, v in self.terms.items() if isinstance(v, PooledTerm)]
        return pd.DataFrame(rows, columns=POOLED_COLUMNS)

    def tidy(self) -> pd.DataFrame:
        """Same as :meth:`to_frame` (the broom name)."""
        return self.to_frame()


@dataclass(frozen=True)
class _Coefficients:
    """What pooling reads off one fit."""

    names: tuple[str, ...]
    coef: F
    se: F
    dfcom: float
    exponent: bool
    used: str
    model: str
    analysis: str
    n_used: int
    quantity: str = "coefficient"  # what one term estimates, on the pooling scale


def _key(quantity: str) -> str:
    """``hazard_ratio[age_years]`` -> ``age_years``; a name without brackets as is."""
    inside = quantity.partition("[")[2]
    return inside.removesuffix("]") or quantity


def _se_of(e: Estimate) -> float:
    """The estimate's SE: its ``std_error`` or, for a t- or z-test, estimate / statistic."""
    if np.isfinite(e.std_error):
        return float(e.std_error)
    if np.isfinite(e.statistic) and e.statistic != 0:
        return float(e.estimate / e.statistic)
    raise ValueError(
        f"{e.quantity} ({e.method}) has no standard error to pool: its test statistic is "
        f"{e.statistic}"
    )


def _from_estimates(terms: Sequence[tuple[str, Estimate]], model: str) -> _Coefficients:
    first = terms[0][1]
    quantity = first.quantity.partition("[")[0] if len(terms) == 1 else "coefficient"
    return _Coefficients(
        tuple(k for k, _ in terms),
        np.array([e.estimate for _, e in terms], dtype=float),
        np.array([_se_of(e) for _, e in terms], dtype=float),
        float(first.df) if np.isfinite(first.df) else np.inf,
        False,
        "naive",
        model,
        first.method,
        first.n_used,
        quantity,
    )


def _cox_like(fit: CoxModel | FineGrayModel) -> _Coefficients:
    names = tuple(_key(t.quantity) for t in fit.terms)
    bad = [n for n, t in zip(names, fit.terms, strict=True) if not np.isfinite(t.estimate)]
    if bad:
        raise ValueError(
            f"{bad}: the coefficient may be infinite in one completed data set (monotone "
            "likelihood); pooling it is meaningless: drop or merge the term"
        )
    robust = getattr(fit, "robust_std_error", None)
    se = np.asarray(robust if robust is not None else fit.std_error, dtype=float)
    return _Coefficients(
        names, np.asarray(fit.coef, dtype=float), se,
        float(max(fit.n_events - len(fit.coef), 1)), True,
        "robust" if robust is not None else "naive", fit.formula, fit.method, fit.n_used,
        "log_hazard_ratio" if isinstance(fit, CoxModel) else "log_subdistribution_hazard_ratio",
    )  # fmt: skip


def _logistic(fit: LogisticModel) -> _Coefficients:
    names = tuple(_key(t.quantity) for t in fit.terms)
    coef = np.log(np.array([t.estimate for t in fit.terms], dtype=float))
    se = coef / np.array([t.statistic for t in fit.terms], dtype=float)
    if not np.all(np.isfinite(se)):
        raise ValueError(f"{fit.formula}: a term has no finite standard error to pool")
    dfcom = float(max(fit.n_used - len(fit.terms) - 1, 1))  # the intercept is fitted
    return _Coefficients(names, coef, se, dfcom, True, "naive", fit.formula, fit.method,
                         fit.n_used, "log_odds_ratio")  # fmt: skip


def _mixed(fit: MixedModel) -> _Coefficients:
    """The fixed effects of a random-intercept model, mice's ``dfcom`` for an ``lmer``
    fit: ``df.residual`` of lme4 (read by broom.mixed's ``glance``), observations minus
    the fixed effects, the random-intercept variance and the residual variance."""
    f = fit.fixed
    return _Coefficients(
        tuple(f["term"].astype(str)), f["estimate"].to_numpy(dtype=float),
        f["std_error"].to_numpy(dtype=float), float(max(fit.n_observations - len(f) - 2, 1)),
        False, "naive", fit.formula, fit.method, fit.n_observations,
    )  # fmt: skip


def _coefficients(fit: object) -> _Coefficients:
    """The coefficients, their SEs and mice's ``dfcom`` of one fitted analysis."""
    if isinstance(fit, MixedModel):
        return _mixed(fit)
    if isinstance(fit, GeeCoefficient):  # one coefficient of a GEE with an intercept
        c = _from_estimates([(_key(fit.quantity), fit)], fit.quantity)
        return _with(c, coef=np.array([fit.coefficient]), se=np.array([fit.robust_std_error]),
                     dfcom=float(max(fit.n_used - 2, 1)), used="robust",
                     exponent=fit.quantity.startswith("odds_ratio"),
                     quantity="log_odds_ratio" if fit.quantity.startswith("odds_ratio")
                     else c.quantity)  # fmt: skip
    if isinstance(fit, CoxModel | FineGrayModel):
        return _cox_like(fit)
    if isinstance(fit, LogisticModel):
        return _logistic(fit)
    if isinstance(fit, LinearModel):
        c = _from_estimates(list(fit.terms.items()), fit.formula)
        return _with(c, dfcom=float(fit.df_residual))
    if isinstance(fit, GeeModel):
        c = _from_estimates(list(fit.terms.items()), fit.formula)
        return _with(c, dfcom=float(max(fit.n_used - len(fit.terms), 1)),
                     exponent=fit.link != "identity", used="robust")  # fmt: skip
    if isinstance(fit, PairedChange):
        return _from_estimates([("mean_change", fit.t_test)], f"{fit.measure} change "
                               f"{fit.time_before} to {fit.time_after}")  # fmt: skip
    if isinstance(fit, TwoGroupComparison):
        g1, g2 = fit.groups
        return _from_estimates([("mean_difference", fit.primary_test)],
                               f"{fit.variable}: {g1.group} - {g2.group}")  # fmt: skip
    if isinstance(fit, Estimate):
        return _from_estimates([(_key(fit.quantity), fit)], fit.quantity)
    raise TypeError(
        f"cannot pool a {type(fit).__name__}: pool takes Cox, Fine-Gray, linear, logistic and "
        "GEE models, paired changes, two-group comparisons and estimates with a standard error"
    )


def _with(c: _Coefficients, **changes: Any) -> _Coefficients:
    return _Coefficients(**{**c.__dict__, **changes})


def barnard_rubin(m: int, b: F, t: F, dfcom: float) -> F:
    """Barnard-Rubin (1999) degrees of freedom, as ``mice:::barnard.rubin``: ``lambda``
    floored at 1e-4, the large-sample ``(m - 1) / lambda^2`` when ``dfcom`` is infinite."""
    lam = np.maximum((1 + 1 / m) * b / t, 1e-4)
    dfold = (m - 1) / lam**2
    if np.isinf(dfcom):
        return np.asarray(dfold, dtype=float)
    dfobs = (dfcom + 1) / (dfcom + 3) * dfcom * (1 - lam)
    return np.asarray(dfold * dfobs / (dfold + dfobs), dtype=float)


def rubin(
    estimates: ArrayLike2, std_errors: ArrayLike2, dfcom: float = np.inf, alpha: float = 0.05
) -> dict[str, F]:
    """Rubin's rules on an (m x terms) array of estimates and of their SEs.

    Returns the pooled columns as arrays, one value per term: ``estimate``, ``ubar``,
    ``b``, ``t``, ``df``, ``riv``, ``lambda``, ``fmi``, ``std_error``, ``statistic``,
    ``p_value``, ``ci_low``, ``ci_high``, as ``summary(pool(...), conf.int = TRUE)``, and
    ``fmi_large_sample`` (``fmi`` on the large-sample df, as mice with ``dfcom = Inf``).
    """
    q = np.atleast_2d(np.asarray(estimates, dtype=float).T).T
    u = np.atleast_2d(np.asarray(std_errors, dtype=float).T).T ** 2
    m = q.shape[0]
    if m < 2:
        raise ValueError(f"Rubin's rules need at least 2 completed data sets, not {m}")
    qbar = q.mean(0)
    ubar = u.mean(0)
    b = q.var(0, ddof=1)
    t = ubar + (1 + 1 / m) * b
    df = barnard_rubin(m, b, t, dfcom)
    riv = (1 + 1 / m) * b / ubar
    lam = (1 + 1 / m) * b / t
    fmi = (riv + 2 / (df + 3)) / (riv + 1)
    large = (riv + 2 / (barnard_rubin(m, b, t, np.inf) + 3)) / (riv + 1)
    se = np.sqrt(t)
    stat = qbar / se
    p = 2 * stats.t.sf(np.abs(stat), np.maximum(df, 0.001))
    half = stats.t.ppf(1 - alpha / 2, df) * se
    return {"estimate": qbar, "ubar": ubar, "b": b, "t": t, "df": df, "riv": riv,
            "lambda": lam, "fmi": fmi, "std_error": se, "statistic": stat, "p_value": p,
            "ci_low": qbar - half, "ci_high": qbar + half, "fmi_large_sample": large}  # fmt: skip


def pooled_fields(r: dict[str, float], m: int, dfcom: float) -> dict[str, Any]:
    """The :class:`PooledTerm` fields but the estimate and interval, from one term of
    :func:`rubin`."""
    return {"statistic": r["statistic"], "df": r["df"], "p_value": r["p_value"],
            "std_error": r["std_error"], "m": m, "ubar": r["ubar"], "b": r["b"], "t": r["t"],
            "dfcom": dfcom, "riv": r["riv"], "lambda_": r["lambda"], "fmi": r["fmi"],
            "fmi_large_sample": r.get("fmi_large_sample", NAN)}  # fmt: skip


def _terms(c: _Coefficients, r: dict[str, F], m: int, dfcom: float, alpha: float) -> Tests:
    method = f"{c.analysis}; {m} imputations pooled by {RUBIN}"
    out = []
    for i, name in enumerate(c.names):

        def ex(v: float) -> float:
            return float(np.exp(v)) if c.exponent else NAN

        one = {k: float(v[i]) for k, v in r.items()}
        out.append((name, PooledTerm(
            c.quantity if name == c.quantity else f"{c.quantity}[{name}]", one["estimate"],
            one["ci_low"], one["ci_high"], 1 - alpha, method, c.n_used,
            **pooled_fields(one, m, dfcom), exp_estimate=ex(one["estimate"]),
            exp_ci_low=ex(one["ci_low"]), exp_ci_high=ex(one["ci_high"]), std_error_used=c.used,
        )))  # fmt: skip
    return Tests(out)


def pool(fits: Sequence[object], dfcom: float | None = None, alpha: float = 0.05) -> PooledModel:
    """Pool one analysis fitted on each of m completed data sets by Rubin's rules.

    Parameters
    ----------
    fits
        The m results, all of one kind and with the same terms: :class:`CoxModel`
        (pooling the robust SE when it was clustered), :class:`FineGrayModel`,
        :class:`LinearModel`, :class:`LogisticModel` (log odds ratios; no intercept is
        reported), :class:`GeeModel` (robust SE), a :class:`GeeCoefficient` (its
        coefficient and robust SE; log odds ratio for the binomial family),
        :class:`MixedModel` (the fixed effects), :class:`PairedChange` (its paired
        t-test's mean change), :class:`TwoGroupComparison` (its primary test's mean
        difference) or an :class:`Estimate` with a standard error or a test statistic.
    dfcom
        Complete-data degrees of freedom; ``None`` (default) takes mice's: residual df
        of a linear, logistic or GEE model, observations minus fixed effects minus the
        two variances of a random-intercept model (lme4's ``df.residual``), events
        minus coefficients (at least 1) of a
        Cox or Fine-Gray model, the test's df of a mean comparison (the smallest over the
        fits when they differ, as Welch's), infinite when the fit has none.
    alpha
        1 - confidence level of the pooled intervals.

    Returns
    -------
    PooledModel
        One :class:`PooledTerm` per term, as ``summary(pool(fit), conf.int = TRUE)``.
    """
    fits = list(fits)
    if len(fits) < 2:
        raise ValueError(f"pool needs the fits of at least 2 completed data sets, not {len(fits)}")
    kinds = {type(f).__name__ for f in fits}
    if len(kinds) > 1:
        raise TypeError(f"pool takes fits of one analysis; got {sorted(kinds)}")
    parts = [_coefficients(f) for f in fits]
    names = parts[0].names
    for i, p in enumerate(parts[1:], start=2):
        if p.names != names:
            raise ValueError(
                f"fit {i} has terms {list(p.names)}, fit 1 {list(names)}: every completed data "
                "set must give the same terms (a factor level absent from one set?)"
            )
    if dfcom is None:
        dfcom = min(p.dfcom for p in parts)
    dfcom = max(float(dfcom), 1.0)
    r = rubin(np.stack([p.coef for p in parts]), np.stack([p.se for p in parts]), dfcom, alpha)
    first = parts[0]
    return PooledModel(
        first.model,
        first.analysis,
        _terms(first, r, len(fits), dfcom, alpha),
        len(fits),
        dfcom,
        tuple(p.n_used for p in parts),
    )


COMPARISON_COLUMNS = ["term", "analysis", "estimate", "std_error", "ci_low", "ci_high", "p_value",
                      "exp_estimate", "exp_ci_low", "exp_ci_high", "n_used", "fmi",
                      "fmi_large_sample"]  # fmt: skip


def complete_case_comparison(complete: object, pooled: PooledModel) -> pd.DataFrame:
    """The complete-case result beside the pooled one, term by term, on the pooling scale.

    Parameters
    ----------
    complete
        The analysis fitted on the complete cases (the original data), of the kind
        :func:`pool` takes.
    pooled
        Its pooled result over the completed data sets.

    Returns
    -------
    pandas.DataFrame
        Two rows per term (``complete cases``, then ``multiple imputation``), columns
        :data:`COMPARISON_COLUMNS`; the complete-case interval and p-value as the fit
        computes them (Wald z for Cox, Fine-Gray, logistic, GEE and mixed models, t on
        the model's df otherwise); ``fmi`` and ``fmi_large_sample`` only for the pooled
        rows.
    """
    c = _coefficients(complete)
    absent = [n for n in pooled.terms if n not in c.names]
    if absent:
        raise ValueError(f"the complete-case fit has no term(s) {absent}: not the pooled analysis")
    level = next(iter(pooled.terms.values())).ci_level
    normal = isinstance(
        complete, CoxModel | FineGrayModel | LogisticModel | GeeModel | GeeCoefficient | MixedModel
    )
    q = stats.norm if normal or np.isinf(c.dfcom) else stats.t(c.dfcom)
    rows = []
    for name, term in pooled.terms.items():
        i = c.names.index(name)
        b, se = float(c.coef[i]), float(c.se[i])
        low, high = b - q.ppf(1 - (1 - level) / 2) * se, b + q.ppf(1 - (1 - level) / 2) * se
        ex = np.exp if c.exponent else (lambda v: NAN)
        rows.append({"term": name, "analysis": "complete cases", "estimate": b, "std_error": se,
                     "ci_low": low, "ci_high": high, "p_value": float(2 * q.sf(abs(b / se))),
                     "exp_estimate": ex(b), "exp_ci_low": ex(low), "exp_ci_high": ex(high),
                     "n_used": c.n_used, "fmi": NAN, "fmi_large_sample": NAN})  # fmt: skip
        rows.append({"term": name, "analysis": "multiple imputation", "estimate": term.estimate,
                     "std_error": term.std_error, "ci_low": term.ci_low, "ci_high": term.ci_high,
                     "p_value": term.p_value, "exp_estimate": getattr(term, "exp_estimate", NAN),
                     "exp_ci_low": getattr(term, "exp_ci_low", NAN),
                     "exp_ci_high": getattr(term, "exp_ci_high", NAN), "n_used": term.n_used,
                     "fmi": getattr(term, "fmi", NAN),
                     "fmi_large_sample": getattr(term, "fmi_large_sample", NAN)})  # fmt: skip
    return pd.DataFrame(rows, columns=COMPARISON_COLUMNS)
