"""Tests from printed summary statistics, and what a printed p-value can have come from.

Most series print mean +- SD and n, not patient data. From those the usual tests can be
recomputed exactly: two-sample t (Welch and Student), one-sample and paired t (from the
mean and SD of the differences), and one-way ANOVA (Fisher and Welch). A paired t-test
from pre and post SDs alone depends on the unknown correlation of the two measurements:
:func:`paired_p_range` gives the p-values over every possible correlation.
:func:`check_printed_p` says which of these tests give a printed p-value, after rounding.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats

from analysis.stats import Estimate, Tests

NAN = float("nan")


def _check(sd: float, n: int, what: str) -> None:
    if n < 2:
        raise ValueError(f"{what}: n must be at least 2 (got {n})")
    if not sd > 0:
        raise ValueError(f"{what}: the SD must be positive (got {sd})")


def t_test_from_summary(
    mean1: float, sd1: float, n1: int, mean2: float, sd2: float, n2: int,
    welch: bool = True, alpha: float = 0.05,
) -> Estimate:  # fmt: skip
    """Two-sample t-test (mean difference first - second) from means, SDs and sizes."""
    _check(sd1, n1, "first group")
    _check(sd2, n2, "second group")
    v1, v2 = sd1**2 / n1, sd2**2 / n2
    if welch:
        se = math.sqrt(v1 + v2)
        df = (v1 + v2) ** 2 / (v1**2 / (n1 - 1) + v2**2 / (n2 - 1))
    else:
        pooled = ((n1 - 1) * sd1**2 + (n2 - 1) * sd2**2) / (n1 + n2 - 2)
        se, df = math.sqrt(pooled * (1 / n1 + 1 / n2)), float(n1 + n2 - 2)
    diff = mean1 - mean2
    t = diff / se
    q = float(stats.t.isf(alpha / 2, df))
    name = "Welch two-sample t-test" if welch else "Student two-sample t-test (equal variances)"
    return Estimate("mean_difference", diff, diff - q * se, diff + q * se, 1 - alpha,
                    f"{name}, from printed summaries", n1 + n2, 0, t, df,
                    float(2 * stats.t.sf(abs(t), df)))  # fmt: skip


def one_sample_t_from_summary(
    mean: float, sd: float, n: int, mu: float = 0.0, alpha: float = 0.05
) -> Estimate:
    """One-sample t-test of ``mean`` against ``mu``; with the mean and SD of paired
    differences it is the paired t-test."""
    _check(sd, n, "sample")
    se = sd / math.sqrt(n)
    t, df = (mean - mu) / se, float(n - 1)
    q = float(stats.t.isf(alpha / 2, df))
    return Estimate("mean", mean, mean - q * se, mean + q * se, 1 - alpha,
                    "One-sample (or paired) t-test, from printed summaries", n, 0, t, df,
                    float(2 * stats.t.sf(abs(t), df)))  # fmt: skip


def paired_p_range(
    mean1: float, sd1: float, mean2: float, sd2: float, n: int
) -> tuple[tuple[float, float], tuple[float, float]]:
    """The paired t-test's p over every correlation r of the two measurements.

    Returns ``((p_min, r_at_min), (p_max, r_at_max))``. The SD of the differences is
    sqrt(sd1^2 + sd2^2 - 2 r sd1 sd2); it is smallest at r = 1 (p smallest) and largest
    at r = -1 (p largest).
    """
    _check(sd1, n, "first measurement")
    _check(sd2, n, "second measurement")

    def p_at(r: float) -> float:
        sd_d = math.sqrt(max(sd1**2 + sd2**2 - 2 * r * sd1 * sd2, 0.0))
        if sd_d == 0:
            return 0.0 if mean1 != mean2 else 1.0
        t = (mean1 - mean2) / (sd_d / math.sqrt(n))
        return float(2 * stats.t.sf(abs(t), n - 1))

    return (p_at(1.0), 1.0), (p_at(-1.0), -1.0)


def anova_from_summary(
    means: Sequence[float], sds: Sequence[float], ns: Sequence[int], welch: bool = False
) -> Estimate:
    """One-way ANOVA (Fisher's F, or Welch's) from group means, SDs and sizes."""
    m, s, n = (np.asarray(v, dtype=float) for v in (means, sds, ns))
    if not len(m) == len(s) == len(n) >= 2:
        raise ValueError("give a mean, an SD and a size for each of at least two groups")
    k, total = len(m), float(n.sum())
    if welch:
        w = n / s**2
        mw = float((w * m).sum() / w.sum())
        a = float((w * (m - mw) ** 2).sum() / (k - 1))
        lam = float(((1 - w / w.sum()) ** 2 / (n - 1)).sum())
        f = a / (1 + 2 * (k - 2) / (k**2 - 1) * lam)
        df1, df2 = float(k - 1), (k**2 - 1) / (3 * lam)
        name = "Welch one-way ANOVA, from printed summaries"
    else:
        grand = float((n * m).sum() / total)
        ms_between = float((n * (m - grand) ** 2).sum() / (k - 1))
        ms_within = float(((n - 1) * s**2).sum() / (total - k))
        f, df1, df2 = ms_between / ms_within, float(k - 1), total - k
        name = "One-way ANOVA, from printed summaries"
    return Estimate("group_difference", NAN, NAN, NAN, NAN, name, int(total), 0, f, df2,
                    float(stats.f.sf(f, df1, df2)))  # fmt: skip


@dataclass(frozen=True)
class PValueCheck:
    """Which usual tests give a printed p-value from the printed summaries.

    ``candidates`` holds each test's p (``welch``, ``student``, ``paired_min``,
    ``paired_max``: the paired t at r = 1 and r = -1); ``consistent`` names those whose
    p rounds to the printed one (the paired test when the printed p lies in its range);
    ``verdict`` says it in words.
    """

    printed: float
    decimals: int
    candidates: Tests
    consistent: tuple[str, ...]
    verdict: str


def _rounds_to(p: float, printed: float, decimals: int) -> bool:
    return abs(p - printed) <= 0.5 * 10**-decimals + 1e-12


def check_printed_p(
    printed_p: float,
    mean1: float, sd1: float, n1: int,
    mean2: float, sd2: float, n2: int,
    decimals: int | None = None,
) -> PValueCheck:  # fmt: skip
    """Say which t-tests could have given ``printed_p`` from two printed mean +- SD (n).

    ``decimals`` is the printed precision (by default read from the printed value). A
    paired test is considered only when both groups have the same size (the same
    patients twice); its p can be anything between its values at r = 1 and r = -1.
    """
    if decimals is None:
        text = f"{printed_p}"
        decimals = len(text.split(".")[1]) if "." in text else 0
    welch = t_test_from_summary(mean1, sd1, n1, mean2, sd2, n2, welch=True)
    student = t_test_from_summary(mean1, sd1, n1, mean2, sd2, n2, welch=False)
    rows = [("welch", welch), ("student", student)]
    consistent = [n for n, e in rows if _rounds_to(e.p_value, printed_p, decimals)]
    if n1 == n2:
        (p_lo, _), (p_hi, _) = paired_p_range(mean1, sd1, mean2, sd2, n1)
        for name, p in (("paired_min", p_lo), ("paired_max", p_hi)):
            rows.append((name, Estimate("mean_difference", mean1 - mean2, NAN, NAN, NAN,
                                        f"Paired t-test at r = {1 if name == 'paired_min' else -1}",
                                        n1, 0, NAN, float(n1 - 1), p)))  # fmt: skip
        half = 0.5 * 10**-decimals
        if p_lo - half <= printed_p <= p_hi + half:
            consistent.append("paired")
    shown = "; ".join(f"{n}: p = {e.p_value:.4g}" for n, e in rows)
    if consistent:
        verdict = f"p = {printed_p} is consistent with: {', '.join(consistent)} ({shown})"
    else:
        verdict = (
            f"no t-test gives p = {printed_p} from these summaries "
            f"(Welch, Student, or paired at any correlation): {shown}"
        )
    return PValueCheck(printed_p, decimals, Tests(rows), tuple(consistent), verdict)
