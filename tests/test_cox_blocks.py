"""The Cox fit's subjects in key order and its sums taken block by block: the order is
numpy's stable sort whatever the number of keys, and the fit does not depend on where
the blocks cut the runs of subjects nor on the order the subjects come in."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.stats.survival import cox
from analysis.stats.survival.cox import cox_fit, cox_ph


@pytest.mark.parametrize("n_keys", [3, 70_000, 5_000_000])
def test_key_order_is_the_stable_sort(n_keys: int) -> None:
    rng = np.random.default_rng(20261205)
    key = rng.integers(0, n_keys, 50_000)
    order = cox._key_order(key, n_keys)
    assert np.array_equal(order, np.argsort(key, kind="stable"))


def _data(n: int, seed: int, whole_days: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 3))
    t = rng.exponential(np.exp(-x @ np.array([0.4, -0.3, 0.2])))
    t = np.ceil(t * 200) if whole_days else t  # tied days, or every time distinct
    return t, (rng.random(n) < 0.7).astype(int), x


@pytest.mark.parametrize("whole_days", [True, False])
def test_blocks_cutting_runs_change_no_number(
    monkeypatch: pytest.MonkeyPatch, whole_days: bool
) -> None:
    # with every time distinct there are 2 x 40,000 keys (past 16 bits); with blocks of
    # 1,024 subjects, runs of tied subjects span blocks
    t, e, x = _data(40_000, 7, whole_days)
    one_block = cox_fit(t, e, x)
    monkeypatch.setattr(cox, "BLOCK_BYTES", 1)
    assert cox._block_length(10) == 1024
    small = cox_fit(t, e, x)
    assert small.iterations == one_block.iterations
    np.testing.assert_allclose(small.coef, one_block.coef, rtol=1e-12)
    np.testing.assert_allclose(small.covariance, one_block.covariance, rtol=1e-10)
    assert small.loglik == pytest.approx(one_block.loglik, rel=1e-14)
    # the subjects in another order: the same fit
    flip = np.random.default_rng(1).permutation(len(t))
    shuffled = cox_fit(t[flip], e[flip], x[flip])
    np.testing.assert_allclose(shuffled.coef, one_block.coef, rtol=1e-12)
    np.testing.assert_allclose(shuffled.covariance, one_block.covariance, rtol=1e-10)


def test_clustered_and_stratified_fit_keeps_each_subject_with_its_cluster(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the subjects are reordered inside the fit: the cluster codes must follow them
    t, e, x = _data(3_000, 11, True)
    frame = pd.DataFrame(x, columns=["a", "b", "c"]).assign(
        time=t, event=e, patient=np.arange(3_000) // 2, side=np.arange(3_000) % 3
    )
    whole = cox_ph(frame, "time", "event", ["a", "b", "c"], cluster="patient", strata="side")
    monkeypatch.setattr(cox, "BLOCK_BYTES", 1)
    flip = np.random.default_rng(2).permutation(len(frame))
    other = cox_ph(frame.iloc[flip], "time", "event", ["a", "b", "c"], cluster="patient",
                   strata="side")  # fmt: skip
    assert other.robust_std_error is not None and whole.robust_std_error is not None
    np.testing.assert_allclose(other.robust_std_error, whole.robust_std_error, rtol=1e-10)
    np.testing.assert_allclose(other.coef, whole.coef, rtol=1e-12)
    np.testing.assert_allclose(
        other.ph_test["statistic"].to_numpy(float),
        whole.ph_test["statistic"].to_numpy(float),
        rtol=1e-9,
    )
    # clusters of one subject each give a different robust variance: the codes matter
    single = cox_ph(frame.assign(patient=np.arange(3_000)), "time", "event", ["a", "b", "c"],
                    cluster="patient", strata="side")  # fmt: skip
    assert single.robust_std_error is not None
    assert not np.allclose(single.robust_std_error, whole.robust_std_error, rtol=1e-3)
