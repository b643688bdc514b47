"""Hodges-Lehmann roots by counting jump points agree with bisection to machine precision."""

from collections.abc import Callable

import numpy as np
import pytest

from analysis.stats import rank_shift
from analysis.stats.ranks import rank_sum, signed_rank


def _bisected_root(f: Callable[[float], float], low: float, high: float) -> float:
    """The former root finder: bisection of the step function to machine precision."""

    def last(pred: Callable[[float], bool]) -> float:
        a, b = low, high
        for _ in range(200):
            mid = 0.5 * (a + b)
            if mid in (a, b):
                break
            a, b = (mid, b) if pred(mid) else (a, mid)
        return a

    return 0.5 * (last(lambda d: f(d) > 0) + last(lambda d: not f(d) < 0))


@pytest.mark.parametrize("decimals", [0, 1, None])
def test_counting_roots_equal_bisection(
    decimals: int | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = np.random.default_rng(20261121)
    for _ in range(12):
        x = rng.normal(1, 2, int(rng.integers(5, 90)))
        y = rng.normal(0, 2, int(rng.integers(5, 90)))
        if decimals is not None:
            x, y = np.round(x, decimals), np.round(y, decimals)
        x = x[x != 0]
        counted = [rank_sum(x, y, exact=False), signed_rank(x, exact=False)]
        with monkeypatch.context() as m:
            m.setattr(
                "analysis.stats.ranks.step_root", lambda f, lo, hi, _: _bisected_root(f, lo, hi)
            )
            bisected = [rank_sum(x, y, exact=False), signed_rank(x, exact=False)]
        for c, b in zip(counted, bisected, strict=True):
            assert c.estimate == pytest.approx(b.estimate, rel=1e-9, abs=1e-12)
            assert c.ci_low == pytest.approx(b.ci_low, rel=1e-9, abs=1e-12)
            assert c.ci_high == pytest.approx(b.ci_high, rel=1e-9, abs=1e-12)


def test_jump_points_are_counted_and_listed_without_all_pairs() -> None:
    rng = np.random.default_rng(20261121)
    xs, ys = np.sort(rng.normal(size=40)), np.sort(rng.normal(size=30))
    pairs = np.subtract.outer(xs, ys).ravel()
    walsh = np.add.outer(xs, xs)[np.triu_indices(40)] / 2
    for jumps, every in (
        (rank_shift.PairDifferences(xs, ys), pairs),
        (rank_shift.WalshAverages(xs), walsh),
    ):
        low, high = np.quantile(every, [0.3, 0.6])
        inside = np.sort(every[(every > low) & (every < high)])
        count, least, greatest = jumps.span(low, high)
        assert count == len(inside)
        assert (least, greatest) == (inside[0], inside[-1])
        assert np.array_equal(jumps.inside(low, high), inside)


def test_large_samples_stay_in_linear_memory() -> None:
    # 20,000 x 20,000 pairs would be 3.2 GB; counting needs a few arrays of 20,000
    rng = np.random.default_rng(20261121)
    x, y = rng.normal(0.3, 1, 20_000), rng.normal(0, 1, 20_000)
    est = rank_sum(x, y)
    assert est.ci_low < est.estimate < est.ci_high
    assert est.estimate == pytest.approx(0.3, abs=0.05)
