"""Proportions with confidence intervals, and the difference of two proportions."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

from analysis.stats.results import Estimate, estimates_frame


def _check_count(count: int, n: int) -> None:
    if n <= 0:
        raise ValueError(f"a proportion needs a denominator above 0 (got n = {n})")
    if not 0 <= count <= n:
        raise ValueError(f"count {count} is outside 0..{n}")


@dataclass(frozen=True)
class Proportion:
    """``count`` of ``n`` with Wilson and Clopper-Pearson intervals.

    Attributes
    ----------
    label
        What is counted ("responders", "disc leakage").
    count, n
        Numerator and denominator.
    wilson
        Wilson score interval (as R's ``prop.test(correct = FALSE)``).
    clopper_pearson
        Exact Clopper-Pearson interval (as R's ``binom.test``).
    """

    label: str
    count: int
    n: int
    wilson: Estimate
    clopper_pearson: Estimate

    @property
    def proportion(self) -> float:
        return self.count / self.n

    @property
    def percent(self) -> float:
        return 100.0 * self.count / self.n

    def to_frame(self) -> pd.DataFrame:
        """Two rows (Wilson, Clopper-Pearson) with ``label``, ``count`` and ``n`` first."""
        context = {"label": self.label, "count": self.count, "n": self.n}
        return estimates_frame([self.wilson, self.clopper_pearson], context)


def proportion(count: int, n: int, label: str = "", alpha: float = 0.05) -> Proportion:
    """A proportion with Wilson and Clopper-Pearson confidence intervals.

    Parameters
    ----------
    count, n
        Events and denominator.
    label
        What is counted, carried into tables.
    alpha
        1 - confidence level.

    Returns
    -------
    Proportion

    Examples
    --------
    >>> p = proportion(5, 6, "responders")
    >>> round(p.clopper_pearson.ci_low, 4), round(p.clopper_pearson.ci_high, 4)
    (0.3588, 0.9958)
    """
    count, n = int(count), int(n)
    _check_count(count, n)
    est = count / n

    def interval(method: str, name: str) -> Estimate:
        low, high = proportion_confint(count, n, alpha=alpha, method=method)
        return Estimate("proportion", est, float(low), float(high), 1 - alpha, name, n_used=n)

    return Proportion(
        label,
        count,
        n,
        interval("wilson", "Wilson score interval"),
        interval("beta", "Clopper-Pearson exact interval"),
    )


def proportion_difference(
    count1: int, n1: int, count2: int, n2: int, alpha: float = 0.05
) -> Estimate:
    """Difference ``count1/n1 - count2/n2`` with Newcombe's hybrid score interval.

    Newcombe (1998) method 10: Wilson intervals of each proportion combined by the
    square-and-add rule, without continuity correction.
    """
    count1, n1, count2, n2 = int(count1), int(n1), int(count2), int(n2)
    _check_count(count1, n1)
    _check_count(count2, n2)
    low, high = confint_proportions_2indep(
        count1, n1, count2, n2, method="newcomb", compare="diff", alpha=alpha
    )
    return Estimate(
        "risk_difference",
        count1 / n1 - count2 / n2,
        float(low),
        float(high),
        1 - alpha,
        "Newcombe hybrid score interval",
        n_used=n1 + n2,
    )
