"""Hodges-Lehmann roots by counting jump points agree with bisection to machine precision."""

from collections.abc import Callable

import numpy as np
import pytest

from analysis.stats import rank_shift, ranks
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


# The former per-observation implementations: every observation ranked at every shift,
# jump points counted per observation. The distinct-value ones must agree exactly.


def _rank_sum_of(values: np.ndarray, pooled: np.ndarray) -> float:
    left = np.searchsorted(pooled, values, "left")
    right = np.searchsorted(pooled, values, "right")
    return float((left + right + 1).sum()) / 2


def _ties_of(pooled: np.ndarray) -> float:
    cuts = np.flatnonzero(np.diff(pooled)) + 1
    t = np.diff(np.concatenate([[0], cuts, [len(pooled)]])).astype(float)
    return float(np.sum(t**3 - t))


def _signed_rank_z_reference(x: np.ndarray) -> Callable[[float, bool], float]:
    xs = np.sort(np.asarray(x, dtype=float))

    def z(d: float, correct: bool) -> float:
        lo, hi = np.searchsorted(xs, d, "left"), np.searchsorted(xs, d, "right")
        below, above = d - xs[:lo][::-1], xs[hi:] - d
        n = len(below) + len(above)
        if n == 0:
            return float("nan")
        pooled = np.sort(np.concatenate([below, above]), kind="stable")
        zd = _rank_sum_of(above, pooled) - n * (n + 1) / 4
        sigma = np.sqrt(n * (n + 1) * (2 * n + 1) / 24 - _ties_of(pooled) / 48)
        corr = 0.5 * np.sign(zd) if correct else 0.0
        return float((zd - corr) / sigma) if sigma > 0 else float("nan")

    return z


def _rank_sum_z_reference(x: np.ndarray, y: np.ndarray) -> Callable[[float, bool], float]:
    xs, ys = np.sort(np.asarray(x, dtype=float)), np.sort(np.asarray(y, dtype=float))
    nx, ny = len(xs), len(ys)

    def z(d: float, correct: bool) -> float:
        shifted = xs - d
        pooled = np.sort(np.concatenate([shifted, ys]), kind="stable")
        dz = _rank_sum_of(shifted, pooled) - nx * (nx + 1) / 2 - nx * ny / 2
        corr = 0.5 * np.sign(dz) if correct else 0.0
        sigma = np.sqrt(nx * ny / 12 * ((nx + ny + 1) - _ties_of(pooled) / ((nx + ny) * (nx + ny - 1))))  # fmt: skip
        return float((dz - corr) / sigma) if sigma > 0 else float("nan")

    return z


class _WalshReference:
    def __init__(self, xs: np.ndarray) -> None:
        self.xs, self.index = xs, np.arange(len(xs))

    def _rows(self, low: float, high: float) -> tuple[np.ndarray, np.ndarray]:
        start = np.maximum(np.searchsorted(self.xs, 2 * low - self.xs, "right"), self.index)
        stop = np.maximum(np.searchsorted(self.xs, 2 * high - self.xs, "left"), start)
        return start, stop

    def span(self, low: float, high: float) -> tuple[int, float, float]:
        start, stop = self._rows(low, high)
        some = stop > start
        if not some.any():
            return 0, high, low
        xs = self.xs[some]
        least = float(np.min((xs + self.xs[start[some]]) / 2))
        greatest = float(np.max((xs + self.xs[stop[some] - 1]) / 2))
        return int(np.sum(stop - start)), least, greatest

    def inside(self, low: float, high: float) -> np.ndarray:
        start, stop = self._rows(low, high)
        values = (self.xs[np.repeat(self.index, stop - start)] + self.xs[rank_shift._ranges(start, stop)]) / 2  # fmt: skip
        return np.unique(values[(values > low) & (values < high)])


class _PairsReference:
    def __init__(self, xs: np.ndarray, ys: np.ndarray) -> None:
        self.xs, self.ys, self.index = xs, ys, np.arange(len(xs))

    def _rows(self, low: float, high: float) -> tuple[np.ndarray, np.ndarray]:
        start = np.searchsorted(self.ys, self.xs - high, "right")
        return start, np.maximum(np.searchsorted(self.ys, self.xs - low, "left"), start)

    def span(self, low: float, high: float) -> tuple[int, float, float]:
        start, stop = self._rows(low, high)
        some = stop > start
        if not some.any():
            return 0, high, low
        xs = self.xs[some]
        least = float(np.min(xs - self.ys[stop[some] - 1]))
        greatest = float(np.max(xs - self.ys[start[some]]))
        return int(np.sum(stop - start)), least, greatest

    def inside(self, low: float, high: float) -> np.ndarray:
        start, stop = self._rows(low, high)
        values = self.xs[np.repeat(self.index, stop - start)] - self.ys[rank_shift._ranges(start, stop)]  # fmt: skip
        return np.unique(values[(values > low) & (values < high)])


def _samples(kind: str, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    n, m = int(rng.integers(2, 1500)), int(rng.integers(2, 1500))
    if kind == "scores":  # a 0-10 scale: a handful of distinct values, ties everywhere
        return rng.integers(-5, 6, n).astype(float), rng.integers(-4, 7, m).astype(float)
    if kind == "one decimal":
        return np.round(rng.normal(1, 2, n), 1), np.round(rng.normal(0, 2, m), 1)
    if kind == "continuous":
        return rng.normal(1, 2, n), rng.normal(0, 2, m)
    # distinct values whose shifted copies round to one value
    return 1e15 + rng.integers(0, 9, n), 1e15 + rng.integers(0, 9, m).astype(float)


KINDS = ["scores", "one decimal", "continuous", "rounding"]


@pytest.mark.parametrize("kind", KINDS)
def test_distinct_value_statistics_equal_the_per_observation_ones(kind: str) -> None:
    rng = np.random.default_rng(20261121)
    for _ in range(6):
        x, y = _samples(kind, rng)
        signed, signed_ref = ranks._signed_rank_z_of(x), _signed_rank_z_reference(x)
        shift, shift_ref = ranks._rank_sum_z_of(x, y), _rank_sum_z_reference(x, y)
        walsh, walsh_ref = rank_shift.WalshAverages(np.sort(x)), _WalshReference(np.sort(x))
        pairs = rank_shift.PairDifferences(np.sort(x), np.sort(y))
        pairs_ref = _PairsReference(np.sort(x), np.sort(y))
        points = np.concatenate([
            rng.choice(x, 6), (rng.choice(x, 6) + rng.choice(x, 6)) / 2,
            rng.choice(x, 6) - rng.choice(y, 6), rng.uniform(x.min() - 1, x.max() + 1, 6),
        ])  # fmt: skip
        for d in points:
            for correct in (True, False):
                np.testing.assert_equal(signed(d, correct), signed_ref(d, correct))
                np.testing.assert_equal(shift(d, correct), shift_ref(d, correct))
        for low, high in np.sort(rng.choice(points, (8, 2)), axis=1):
            assert walsh.span(low, high) == walsh_ref.span(low, high)
            assert pairs.span(low, high) == pairs_ref.span(low, high)
            if walsh_ref.span(low, high)[0] < 200_000:
                assert np.array_equal(walsh.inside(low, high), walsh_ref.inside(low, high))
            if pairs_ref.span(low, high)[0] < 200_000:
                assert np.array_equal(pairs.inside(low, high), pairs_ref.inside(low, high))


@pytest.mark.parametrize("kind", KINDS)
def test_hodges_lehmann_results_equal_the_per_observation_ones(
    kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = np.random.default_rng(20261121)
    for _ in range(4):
        x, y = _samples(kind, rng)
        x = x[x != 0]
        got = [rank_sum(x, y, correct=c) for c in (True, False)] + [signed_rank(x, correct=c) for c in (True, False)]  # fmt: skip
        with monkeypatch.context() as m:
            m.setattr(ranks, "_signed_rank_z_of", _signed_rank_z_reference)
            m.setattr(ranks, "_rank_sum_z_of", _rank_sum_z_reference)
            m.setattr(ranks, "WalshAverages", _WalshReference)
            m.setattr(ranks, "PairDifferences", _PairsReference)
            expected = [rank_sum(x, y, correct=c) for c in (True, False)] + [signed_rank(x, correct=c) for c in (True, False)]  # fmt: skip
        assert got == expected
