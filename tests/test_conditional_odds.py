"""Fisher's conditional odds ratio, vectorised, equals scipy's (and so R's fisher.test)."""

import numpy as np
import pytest
from scipy.stats.contingency import odds_ratio

from analysis.stats.outcomes.conditional_odds import conditional_odds_ratio

EDGES = [[[3, 0], [2, 5]], [[0, 4], [3, 2]], [[1, 1], [1, 1]], [[10, 2], [0, 7]], [[5, 0], [0, 5]]]


@pytest.mark.parametrize("alpha", [0.05, 0.1])
def test_equals_scipy_on_small_and_edge_tables(alpha: float) -> None:
    rng = np.random.default_rng(20261121)
    tables = [np.array(t) for t in EDGES] + [rng.integers(0, 60, (2, 2)) for _ in range(30)]
    for t in tables:
        ref = odds_ratio(t, kind="conditional")
        ci = ref.confidence_interval(1 - alpha)
        got = conditional_odds_ratio(t, alpha)
        want = (ref.statistic, ci.low, ci.high)
        for g, w in zip(got, want, strict=True):
            assert g == pytest.approx(w, rel=1e-6, abs=1e-12), t


def test_large_table_is_consistent() -> None:
    # 20,000 patients: scipy takes seconds here; the estimate sits between its limits
    # and near the sample odds ratio
    t = np.array([[3000, 7000], [2500, 7500]])
    est, low, high = conditional_odds_ratio(t, 0.05)
    assert low < est < high
    assert est == pytest.approx(3000 * 7500 / (7000 * 2500), rel=1e-3)


@pytest.mark.parametrize("table", [[[0, 5], [0, 7]], [[5, 0], [7, 0]], [[0, 0], [3, 4]]])
def test_empty_margin_as_scipy(table: list[list[int]]) -> None:
    est, low, high = conditional_odds_ratio(np.array(table), 0.05)
    assert np.isnan(est) and (low, high) == (0.0, np.inf)
