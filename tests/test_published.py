"""Tests from printed summaries and consistency checks, against R and worked examples."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.published import (
    debit,
    grim,
    grimmer,
    implied_baseline,
    one_sample_t,
    one_way_anova,
    paired_t,
    paired_t_range,
    percentage,
    printed_p,
    sd_bounds,
    sd_of_differences,
    two_sample_t,
)
from analysis.stats import two_by_two

REFERENCE = pd.read_csv(Path(__file__).parent / "reference" / "aggregate.csv", comment="#")
EST_TOL = 1e-6
P_TOL = 1e-4


def _r(topic: str, case: str) -> dict[str, float]:
    rows = REFERENCE[(REFERENCE.topic == topic) & (REFERENCE.case == case)]
    return dict(zip(rows.quantity, rows.value, strict=True))


def _compare(result: object, expected: dict[str, float]) -> None:
    for name, value in expected.items():
        tol = P_TOL if name == "p_value" else EST_TOL
        assert getattr(result, name) == pytest.approx(value, rel=tol, abs=1e-12), name


@pytest.mark.parametrize("case, equal_var", [("welch", False), ("student", True)])
def test_two_sample_t_matches_r(case: str, equal_var: bool) -> None:
    result = two_sample_t(6.8, 1.92, 9, 4.2, 0.84, 9, equal_var=equal_var)
    _compare(result, _r("two_sample_t", case))
    assert result.n_used == 18
    assert ("Welch" in result.method) is (not equal_var)


def test_paired_and_one_sample_t_match_r() -> None:
    _compare(paired_t(-4.5, 2.1, 6), _r("paired_t", "n6"))
    _compare(one_sample_t(2.3, 1.4, 12, mu=3.0), _r("one_sample_t", "n12"))


@pytest.mark.parametrize("case, equal_var", [("aov", True), ("welch", False)])
def test_one_way_anova_matches_r(case: str, equal_var: bool) -> None:
    result = one_way_anova([5.1, 6.4, 4.0], [1.3, 2.2, 0.9], [8, 10, 7], equal_var=equal_var)
    _compare(result, _r("anova", case))


def test_counts_reuse_two_by_two_against_r() -> None:
    tests = {t.method: t for t in two_by_two(10, 17, 4, 21).tests.values()}
    fisher = next(t for m, t in tests.items() if m.startswith("Fisher"))
    _compare(fisher, _r("two_by_two", "fisher"))
    yates = next(t for m, t in tests.items() if "Yates" in m)
    plain = next(t for m, t in tests.items() if "without" in m)
    _compare(yates, _r("two_by_two", "chisq_yates"))
    _compare(plain, _r("two_by_two", "chisq"))


def test_paired_range_spans_the_correlations() -> None:
    rng = paired_t_range(4.2, 0.84, 6.8, 1.92, 9)
    at_minus_one = paired_t(2.6, sd_of_differences(0.84, 1.92, -1.0), 9).p_value
    at_plus_one = paired_t(2.6, sd_of_differences(0.84, 1.92, 1.0), 9).p_value
    assert rng.p_max == pytest.approx(at_minus_one)
    assert rng.p_min == pytest.approx(at_plus_one)
    assert rng.correlation_at_p_max == -1.0


def test_printed_p_of_the_cement_volume_comparison_is_not_reproduced() -> None:
    verdict = printed_p(6.8, 1.92, 9, 4.2, 0.84, 9, p=0.033, decimals=3)
    assert not verdict.consistent
    assert "none of the t-tests" in verdict.explanation
    numbers = dict(verdict.numbers)
    assert numbers["welch"] == pytest.approx(_r("two_sample_t", "welch")["p_value"], rel=P_TOL)
    assert numbers["paired_max"] < 0.033


def test_printed_p_names_the_test_that_gives_it() -> None:
    verdict = printed_p(6.8, 1.92, 9, 4.2, 0.84, 9, p=0.003, decimals=3)
    assert verdict.consistent
    assert verdict.explanation.startswith("Printed P = 0.003: welch")


# GRIM: scrutiny's documented example (grim("5.27", n = 43) is FALSE), and cases a
# wrong granularity or tie rule would get wrong: 3.77 from 40 is the tie 151/40 = 3.775.
@pytest.mark.parametrize(
    "mean, n, items, expected",
    [
        (5.19, 28, 1, False),
        (5.18, 28, 1, True),
        (5.27, 43, 1, False),
        (5.19, 28, 2, False),
        (3.77, 40, 1, True),
        (5.28, 43, 1, True),
    ],
)
def test_grim_worked_examples(mean: float, n: int, items: int, expected: bool) -> None:
    assert grim(mean, n, 2, items).consistent is expected


# GRIMMER: the worked pair of rsprite2 (Heathers et al.), kept in scrutiny's tests:
# (also cross-checked once against scrutipy 0.1.12, called one case at a time, on 7,200
# grid cases of mean 1.00-5.99, SD 0.30-2.99 and n 5, 12, 28, 40: identical verdicts)
# mean 5.21, SD 1.6, n 28 is consistent; mean 3.44, SD 2.47, n 18 is not (the sum of
# squares would have to be an even number between 316.85 and 317.69).
def test_grimmer_worked_examples() -> None:
    ok = grimmer(5.21, 1.6, 28, 2, 1)
    assert ok.consistent and "sum of 146" in ok.explanation
    bad = grimmer(3.44, 2.47, 18, 2)
    assert not bad.consistent
    assert "even whole number between 316.851 and 317.691" in bad.explanation
    assert not grimmer(5.19, 1.0, 28, 2).consistent  # GRIM fails first
    assert grimmer(5.19, 1.0, 28, 2).explanation.startswith("GRIM fails first")


def _rounded_pairs(samples: Iterable[tuple[int, ...]]) -> set[tuple[float, float]]:
    pairs = set()
    for c in samples:
        a = np.array(c, dtype=float)
        pairs.add((round(a.mean(), 2), round(a.std(ddof=1), 2)))
    return pairs


def test_grimmer_never_rejects_a_pair_some_integers_give() -> None:
    """Every (mean, SD) that four integers from -5 to 10 can print is GRIMMER-consistent,
    and GRIMMER rejects most of the grid no such sample reaches (it is a necessary
    condition: a few pairs pass that no sample of four gives)."""
    reached = _rounded_pairs(itertools.combinations_with_replacement(range(-5, 11), 4))
    passed_unreached = rejected = 0
    for m100 in range(100, 401, 25):  # means that are multiples of 1/4
        for s100 in range(50, 251):
            m, sd = m100 / 100, s100 / 100
            consistent = grimmer(m, sd, 4, 2).consistent
            if (m, sd) in reached:
                assert consistent, (m, sd)
            elif consistent:
                passed_unreached += 1
            else:
                rejected += 1
    assert rejected > 10 * passed_unreached > 0


def test_debit_against_every_count() -> None:
    """DEBIT accepts exactly the (mean, SD) pairs some count of 20 gives (sample or
    population SD) and explains the nearest count when none does."""
    fits = set()
    for k in range(21):
        for divisor in (19, 20):
            fits.add((round(k / 20, 2), round(math.sqrt(k * (20 - k) / (20 * divisor)), 2)))
    for m100 in range(0, 101, 5):
        for s100 in range(0, 60):
            m, sd = m100 / 100, s100 / 100
            assert debit(m, sd, 20, 2).consistent is ((m, sd) in fits), (m, sd)
    bad = debit(0.35, 0.30, 20, 2)
    assert "7 of 20 (the nearest mean) give an SD of 0.48936" in bad.explanation
    with pytest.raises(ValueError, match="proportion from 0 to 1"):
        debit(35.0, 0.3, 20, 2)


def test_sd_bounds() -> None:
    assert not sd_bounds(6.0, 10, 0, 10).consistent
    assert sd_bounds(4.0, 10, 0, 10).consistent
    assert not sd_bounds(0.5, 10, 0, 10).consistent
    assert sd_bounds(0.5, 10, 0, 10, observed=False).consistent
    with pytest.raises(ValueError, match="reversed"):
        sd_bounds(1.0, 5, 10, 0)


def test_percentage_lists_the_counts_that_fit() -> None:
    assert percentage(58.8, 10, 17, 1).consistent
    wrong = percentage(63.8, 10, 17, 1)
    assert not wrong.consistent
    assert "no count of 17" in wrong.explanation
    assert dict(percentage(12.0, 3, 25, 0).numbers)["exact_percent"] == 12.0
    with pytest.raises(ValueError, match="between 0 and the denominator"):
        percentage(10.0, 5, 3, 0)


def test_implied_baseline_at_the_scale_maximum() -> None:
    verdict = implied_baseline(6.3, 3.7, scale=(0, 10))
    assert verdict.consistent and "scale maximum" in verdict.explanation
    assert not implied_baseline(8.0, 3.7, scale=(0, 10)).consistent


def test_bad_summaries_are_refused() -> None:
    with pytest.raises(ValueError, match="must be a whole number of at least 2"):
        two_sample_t(1.0, 1.0, 1, 2.0, 1.0, 5)
    with pytest.raises(ValueError, match=r"SD -1\.0 must be a number >= 0"):
        one_sample_t(1.0, -1.0, 5)
    with pytest.raises(ValueError, match="correlation"):
        sd_of_differences(1.0, 1.0, 1.5)
