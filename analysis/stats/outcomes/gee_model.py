"""A GEE's full coefficient table, as ``geepack::geeglm`` prints it: every term (the
intercept and each slope) on the link scale with naive and robust standard errors, its
Wald test and, on a log or logit link, its exponent; with the working correlation and
the scale. Fitted by :func:`analysis.stats.outcomes.gee.fit_gee_exchangeable`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from analysis.stats.display import Displayed
from analysis.stats.levels import confidence_alpha
from analysis.stats.outcomes.gee import FAMILIES, fit_gee_exchangeable
from analysis.stats.results import NAN, Estimate, ModelResult, ModelTerm, Tests

_LINKS = {"gaussian": "identity", "binomial": "logit", "poisson": "log"}
# How a method names the clusters of an identifier column (never the column name).
_CLUSTER_WORDS = {"patient_id": "patient", "procedure_id": "procedure"}


def cluster_words(cluster: str) -> str:
    """The clusters of a GEE as a methods section names them: ``patient`` for
    ``patient_id``, else the column name in words (``centre_id`` -> ``centre id``)."""
    return _CLUSTER_WORDS.get(cluster, cluster.replace("_", " "))


@dataclass(frozen=True, repr=False)
class GeeCoefficient(Estimate):
    """One GEE coefficient as :func:`~analysis.stats.outcomes.cement.gee_coefficient`
    reports it (``estimate`` an odds ratio for the binomial family), with the rest of
    its row of the coefficient table.

    Attributes
    ----------
    coefficient
        The estimate on the link scale (the log odds ratio for the binomial family).
    std_error, robust_std_error
        Its robust (sandwich) SE, which the test and interval use.
    naive_std_error
        Its model-based SE.
    correlation, scale
        The working correlation and the scale of the fit.
    """

    coefficient: float = NAN
    naive_std_error: float = NAN
    robust_std_error: float = NAN
    correlation: float = NAN
    scale: float = NAN


@dataclass(frozen=True, repr=False)
class GeeModel(Displayed, ModelResult):
    """A GEE with exchangeable working correlation within clusters.

    Attributes
    ----------
    formula
        ``outcome ~ term + ...``.
    family, link
        ``gaussian`` (identity), ``binomial`` (logit) or ``poisson`` (log).
    terms
        ``intercept`` and each term, keyed by name: a :class:`ModelTerm` with the
        coefficient on the link scale, robust (sandwich) and naive SEs, the Wald
        chi-square (1 df) and its p on the robust SE (geepack's default) and a Wald
        interval; ``exp_estimate`` and its interval on a log or logit link.
    correlation
        The working correlation (geepack's ``alpha``).
    scale
        The scale parameter (dispersion; geepack's ``scale``, not fixed at 1).
    n_used, n_excluded, n_clusters
        Rows used, rows missing the outcome, a term or the cluster, and clusters used.
    iterations
        Iterations of the fit.
    """

    formula: str
    family: str
    link: str
    terms: Tests
    correlation: float
    scale: float
    n_used: int
    n_excluded: int
    n_clusters: int
    iterations: int

    def _display_headline(self) -> str:
        return f"GEE ({self.family}), {self.n_used} rows in {self.n_clusters} clusters"

    @property
    def coefficients(self) -> Tests:
        """``terms``: every term keyed by name, intercept first."""
        return self.terms

    def _glance(self) -> dict[str, object]:
        """Family, link, working correlation, scale, rows, clusters, iterations."""
        return {
            "model": self.formula,
            "family": self.family,
            "link": self.link,
            "correlation_structure": "exchangeable",
            "correlation": self.correlation,
            "scale": self.scale,
            "n_used": self.n_used,
            "n_excluded": self.n_excluded,
            "n_clusters": self.n_clusters,
            "iterations": self.iterations,
            "method": next(iter(self.terms.values())).method,
        }

    def to_frame(self) -> pd.DataFrame:
        """:meth:`tidy` with the model's formula first."""
        frame = self.tidy()
        frame.insert(0, "model", self.formula)
        return frame


def _levels(col: pd.Series) -> list[str]:
    """The levels of a categorical column in R's order: its categories, else sorted."""
    present = set(col.astype(str))
    if isinstance(col.dtype, pd.CategoricalDtype):
        return [str(c) for c in col.cat.categories if str(c) in present]
    return sorted(present)


def _design(
    data: pd.DataFrame, outcome: str, terms: Sequence[str], cluster: str
) -> tuple[pd.DataFrame, list[str]]:
    """The complete rows sorted by cluster, with a 0/1 column ``term=level`` for each
    level of a text or categorical term but its first (R's treatment contrasts), and the
    names of the model's columns."""
    missing = [c for c in (outcome, *terms, cluster) if c not in data.columns]
    if missing:
        raise ValueError(f"no column {missing}; available: {sorted(map(str, data.columns))}")
    if not terms:
        raise ValueError("a GEE needs at least one term")
    used = data[[outcome, *terms, cluster]].dropna()
    y = used[outcome]
    if not (pd.api.types.is_numeric_dtype(y) or pd.api.types.is_bool_dtype(y)):
        raise ValueError(f"{outcome} is not numeric ({y.dtype}): the outcome is a number, 0/1 or a count")  # fmt: skip
    used = used.assign(**{outcome: y.astype(float)})
    columns: list[str] = []
    for t in terms:
        col = used[t]
        if pd.api.types.is_bool_dtype(col) or pd.api.types.is_numeric_dtype(col):
            used = used.assign(**{t: col.astype(float)})
            columns.append(t)
            continue
        text = col.astype(str)
        for level in _levels(col)[1:]:
            used = used.assign(**{f"{t}={level}": (text == level).astype(float)})
            columns.append(f"{t}={level}")
    used = used.assign(**{cluster: used[cluster].astype(str)}).sort_values(cluster, kind="stable")
    return used, columns


def gee_model(
    data: pd.DataFrame,
    outcome: str,
    terms: Sequence[str],
    cluster: str,
    family: str = "gaussian",
    alpha: float = 0.05,
    epsilon: float | None = 1e-4,
    *,
    conf_level: float = 0.95,
) -> GeeModel:
    """Fit ``outcome ~ terms`` by GEE with exchangeable working correlation within
    ``cluster`` (vertebrae within patients), as ``geepack::geeglm(corstr =
    "exchangeable")``.

    Parameters
    ----------
    data
        One row per observation (vertebra); rows missing the outcome, a term or the
        cluster are excluded and counted.
    outcome
        The outcome column: a number (gaussian), 0/1 (binomial) or a count (poisson).
    terms
        Covariate columns: numbers and yes/no enter as they are; a text or categorical
        column enters as one 0/1 term ``column=level`` per level but the first (its
        categories' order, else alphabetical: R's default reference).
    cluster
        The column naming each row's cluster (``patient_id``).
    family
        ``"gaussian"`` (identity link, default), ``"binomial"`` (logit) or
        ``"poisson"`` (log).
    alpha
        1 - the level of the Wald intervals (default 0.05).
    conf_level
        Coverage of the confidence intervals (default 0.95); the same as
        ``alpha = 1 - conf_level``, which older calls give. Recorded on the result
        (``ci_level`` of each estimate, ``conf_level`` of ``tidy()``).
    epsilon
        geepack's convergence tolerance (``geese.control(epsilon)``, default 1e-4, with
        its schedule and at most 25 iterations) so the numbers equal ``geeglm``'s; None
        iterates until the coefficients stop changing.

    Returns
    -------
    GeeModel
        Every term with estimate, robust and naive SE, Wald chi-square and p (robust SE),
        interval and exponent; the working correlation and scale.

    Raises
    ------
    ValueError
        When a column is missing, the outcome is not numeric, a term does not vary,
        fewer than two clusters remain, or the fit does not converge.
    """
    alpha = confidence_alpha(alpha, conf_level)
    if family not in FAMILIES:
        raise ValueError(f"family must be one of {FAMILIES}, not {family!r}")
    used, columns = _design(data, outcome, terms, cluster)
    constant = [t for t in columns if used[t].nunique() < 2]
    codes, clusters = pd.factorize(used[cluster])  # hashed once: len(clusters) is nunique()
    if constant or len(clusters) < 2:
        raise ValueError(
            f"a GEE of {outcome} needs every term to vary and two clusters "
            f"(constant: {constant}; clusters: {len(clusters)})"
        )
    x = np.column_stack([np.ones(len(used)), *(used[t].to_numpy(dtype=float) for t in columns)])
    try:
        fit = fit_gee_exchangeable(
            used[outcome].to_numpy(dtype=float), x, codes, family,
            max_iter=25 if epsilon is not None else 100, epsilon=epsilon,
        )  # fmt: skip
    except (ValueError, np.linalg.LinAlgError):
        raise ValueError(f"the GEE of {outcome} on {list(terms)} did not converge") from None
    z = float(stats.norm.isf(alpha / 2))
    exponent = family != "gaussian"
    method = f"GEE ({family}, {_LINKS[family]} link), exchangeable working correlation within {cluster_words(cluster)}, Wald test on the robust (sandwich) SE"  # fmt: skip
    rows = []
    for i, name in enumerate(["intercept", *columns]):
        b = float(fit.coef[i])
        robust = float(np.sqrt(fit.covariance[i, i]))
        naive = float(np.sqrt(fit.naive_covariance[i, i]))
        low, high = b - z * robust, b + z * robust
        wald = (b / robust) ** 2
        rows.append((name, ModelTerm(
            "coefficient", b, low, high, 1 - alpha, method, len(used), len(data) - len(used),
            statistic=wald, df=1.0, p_value=float(stats.chi2.sf(wald, 1)), std_error=robust,
            naive_std_error=naive, robust_std_error=robust, std_error_used="robust",
            exp_estimate=float(np.exp(b)) if exponent else float("nan"),
            exp_ci_low=float(np.exp(low)) if exponent else float("nan"),
            exp_ci_high=float(np.exp(high)) if exponent else float("nan"),
        )))  # fmt: skip
    return GeeModel(
        f"{outcome} ~ {' + '.join(terms)}",
        family,
        _LINKS[family],
        Tests(rows),
        float(fit.correlation),
        float(fit.scale),
        len(used),
        len(data) - len(used),
        len(clusters),
        int(fit.iterations),
    )
