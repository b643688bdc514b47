"""Tests from printed summary statistics (mean, SD, n), as the patient-level functions.

Papers print ``6.8 ± 1.92`` and ``n = 9``; these functions run the usual tests from
those figures and return the same :class:`~analysis.stats.results.Estimate` values as
the patient-level functions. Counts (proportions, 2x2 tables) need nothing new: use
:func:`analysis.stats.proportion` and :func:`analysis.stats.two_by_two`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats

from analysis.stats.results import Estimate


def _check_group(mean: float, sd: float, n: int, name: str) -> None:
    if not math.isfinite(mean):
        raise ValueError(f"{name}: the mean {mean!r} is not a number; give the printed mean")
    if not (math.isfinite(sd) and sd >= 0):
        raise ValueError(f"{name}: the SD {sd!r} must be a number >= 0")
    if int(n) != n or n < 2:
        raise ValueError(f"{name}: n = {n!r} must be a whole number of at least 2")


def _ci(estimate: float, se: float, df: float, alpha: float) -> tuple[float, float]:
    q = float(stats.t.ppf(1 - alpha / 2, df))
    return estimate - q * se, estimate + q * se


def one_sample_t(mean: float, sd: float, n: int, mu: float = 0.0, alpha: float = 0.05) -> Estimate:
    """One-sample t-test of a printed mean against ``mu``.

    Parameters
    ----------
    mean, sd, n
        The printed mean, standard deviation and number of patients.
    mu
        The value under the null hypothesis.
    alpha
        1 - confidence level of the interval for ``mean - mu``.
    """
    _check_group(mean, sd, n, "sample")
    se = sd / math.sqrt(n)
    df = n - 1.0
    t = (mean - mu) / se
    p = float(2 * stats.t.sf(abs(t), df))
    low, high = _ci(mean - mu, se, df, alpha)
    return Estimate(
        "mean_difference", mean - mu, low, high, 1 - alpha, "One-sample t-test", int(n),
        statistic=t, df=df, p_value=p,
    )  # fmt: skip


def two_sample_t(
    mean1: float,
    sd1: float,
    n1: int,
    mean2: float,
    sd2: float,
    n2: int,
    equal_var: bool = False,
    alpha: float = 0.05,
) -> Estimate:
    """Welch (default) or Student two-sample t-test from printed means, SDs and ns.

    The estimate is ``mean1 - mean2``. ``equal_var=True`` gives Student's pooled test;
    the ``method`` names which one was run.
    """
    _check_group(mean1, sd1, n1, "group 1")
    _check_group(mean2, sd2, n2, "group 2")
    t, p = stats.ttest_ind_from_stats(mean1, sd1, n1, mean2, sd2, n2, equal_var=equal_var)
    v1, v2 = sd1**2 / n1, sd2**2 / n2
    if equal_var:
        df = n1 + n2 - 2.0
        pooled = ((n1 - 1) * sd1**2 + (n2 - 1) * sd2**2) / df
        se = math.sqrt(pooled * (1 / n1 + 1 / n2))
        method = "Two-sample t-test (Student, equal variances)"
    else:
        df = (v1 + v2) ** 2 / (v1**2 / (n1 - 1) + v2**2 / (n2 - 1))
        se = math.sqrt(v1 + v2)
        method = "Welch two-sample t-test"
    diff = mean1 - mean2
    low, high = _ci(diff, se, df, alpha)
    return Estimate(
        "mean_difference", diff, low, high, 1 - alpha, method, int(n1 + n2),
        statistic=float(t), df=df, p_value=float(p),
    )  # fmt: skip


def paired_t(mean_difference: float, sd_difference: float, n: int, alpha: float = 0.05) -> Estimate:
    """Paired t-test from the printed mean and SD of the within-patient differences."""
    result = one_sample_t(mean_difference, sd_difference, n, 0.0, alpha)
    return Estimate(
        "mean_change", result.estimate, result.ci_low, result.ci_high, result.ci_level,
        "Paired t-test", result.n_used, statistic=result.statistic, df=result.df,
        p_value=result.p_value,
    )  # fmt: skip


def sd_of_differences(sd_before: float, sd_after: float, correlation: float) -> float:
    """SD of after - before for a given within-patient correlation."""
    if not -1.0 <= correlation <= 1.0:
        raise ValueError(f"correlation {correlation!r} must lie in [-1, 1]")
    var = sd_before**2 + sd_after**2 - 2 * correlation * sd_before * sd_after
    return math.sqrt(max(var, 0.0))


@dataclass(frozen=True)
class PairedRange:
    """Paired t-test p-values over every possible before/after correlation.

    Attributes
    ----------
    p_min, p_max
        Smallest and largest two-sided p over correlations in [-1, 1].
    correlation_at_p_min, correlation_at_p_max
        The correlations giving them.
    n_used
        Pairs.
    method
        ``"Paired t-test over correlations -1 to 1"``.
    """

    p_min: float
    p_max: float
    correlation_at_p_min: float
    correlation_at_p_max: float
    n_used: int
    method: str = "Paired t-test over correlations -1 to 1"


def paired_t_range(
    mean_before: float, sd_before: float, mean_after: float, sd_after: float, n: int
) -> PairedRange:
    """Range of the paired t-test p-value when only pre and post SDs are printed.

    The SD of the differences depends on the unprinted correlation r; p grows with
    that SD, so it is smallest at r = 1 and largest at r = -1.
    """
    _check_group(mean_before, sd_before, n, "before")
    _check_group(mean_after, sd_after, n, "after")
    diff = mean_after - mean_before
    grid = np.linspace(-1.0, 1.0, 2001)
    ps = []
    for r in grid:
        sd = sd_of_differences(sd_before, sd_after, float(r))
        if sd > 0:
            ps.append(paired_t(diff, sd, n).p_value)
        else:
            ps.append(0.0 if diff != 0 else 1.0)
    p = np.asarray(ps)
    return PairedRange(
        float(p.min()), float(p.max()), float(grid[p.argmin()]), float(grid[p.argmax()]), int(n)
    )


def one_way_anova(
    means: Sequence[float], sds: Sequence[float], ns: Sequence[int], equal_var: bool = True
) -> Estimate:
    """One-way ANOVA F-test (or Welch's heteroscedastic F) from group means, SDs, ns.

    ``equal_var=True`` is the classical ANOVA (R ``aov``); ``False`` is Welch's test
    (R ``oneway.test``). The estimate is eta squared for the classical test (NaN for
    Welch); ``statistic`` is F, ``df`` its denominator degrees of freedom.
    """
    if not (len(means) == len(sds) == len(ns)) or len(means) < 2:
        raise ValueError("give a mean, an SD and an n for each of at least two groups")
    for i, (m, s, n) in enumerate(zip(means, sds, ns, strict=True)):
        _check_group(m, s, n, f"group {i + 1}")
    m_ = np.asarray(means, float)
    s_ = np.asarray(sds, float)
    n_ = np.asarray(ns, float)
    k = len(m_)
    total = float(n_.sum())
    if equal_var:
        grand = float((n_ * m_).sum() / total)
        ss_between = float((n_ * (m_ - grand) ** 2).sum())
        ss_within = float(((n_ - 1) * s_**2).sum())
        df1, df2 = k - 1.0, total - k
        f = (ss_between / df1) / (ss_within / df2)
        eta2 = ss_between / (ss_between + ss_within)
        method = "One-way ANOVA"
    else:
        w = n_ / s_**2
        grand = float((w * m_).sum() / w.sum())
        a = float((w * (m_ - grand) ** 2).sum() / (k - 1))
        lam = float((((1 - w / w.sum()) ** 2) / (n_ - 1)).sum())
        b = 1 + 2 * (k - 2) / (k**2 - 1) * lam
        f = a / b
        df1, df2 = k - 1.0, (k**2 - 1) / (3 * lam)
        eta2 = float("nan")
        method = "Welch one-way ANOVA"
    p = float(stats.f.sf(f, df1, df2))
    nan = float("nan")
    return Estimate(
        "eta_squared", eta2, nan, nan, nan, method, int(total),
        statistic=float(f), df=df2, p_value=p,
    )  # fmt: skip
