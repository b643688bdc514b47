"""The event table's input paths: categorical groups by their codes, boolean events,
whole days counted by day; each the same table as the general path."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.stats import cumulative_incidence, kaplan_meier, logrank_test
from analysis.stats.survival._counting import event_indicator, event_table


def _data(n: int = 400, seed: int = 3) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    time = np.ceil(rng.exponential(200, n))
    event = rng.integers(0, 2, n)
    group = np.array(["b", "a", "c"], dtype=object)[rng.integers(0, 3, n)]
    return time, event, group


def _same_table(a, b) -> None:  # type: ignore[no-untyped-def]
    assert a.groups == b.groups
    np.testing.assert_array_equal(a.times, b.times)
    np.testing.assert_array_equal(a.events, b.events)
    np.testing.assert_array_equal(a.at_risk, b.at_risk)
    assert a.n_excluded == b.n_excluded


def test_categorical_group_gives_the_table_of_its_labels() -> None:
    time, event, group = _data()
    group[[3, 9]] = None
    time[5] = np.nan
    # categories in another order than sorted, one of them without any subject
    cat = pd.Categorical(group, categories=["c", "zz", "a", "b"])
    for order in (None, ("c", "a", "b"), ("a", "b", "c", "d")):
        plain = event_table(time, event, group, order)
        _same_table(event_table(time, event, cat, order), plain)
        _same_table(event_table(time, event, pd.Series(cat), order), plain)
    assert event_table(time, event, cat).groups == ("a", "b", "c")  # no empty "zz"
    assert event_table(time, event, cat).n_excluded == 3


def test_a_category_whose_subjects_are_all_excluded_stays_a_group() -> None:
    time, event, group = _data(50)
    group[:3] = "d"
    time[:3] = np.nan  # every "d" subject has no follow-up time
    cat = pd.Categorical(group)
    _same_table(event_table(time, event, cat), event_table(time, event, group))
    assert "d" in event_table(time, event, cat).groups


def test_categorical_group_outside_the_order_is_refused() -> None:
    time, event, group = _data()
    with pytest.raises(ValueError, match=r"groups \['c'\] are not in the requested order"):
        event_table(time, event, pd.Categorical(group), ("a", "b"))


def test_km_and_logrank_same_with_categorical_and_object_groups() -> None:
    time, event, group = _data(1000)
    cat = pd.Categorical(group)
    km_obj, km_cat = kaplan_meier(time, event, group), kaplan_meier(time, event, cat)
    for a, b in zip(km_obj.curves, km_cat.curves, strict=True):
        assert a.group == b.group
        pd.testing.assert_frame_equal(a.table, b.table)
    lr_obj, lr_cat = logrank_test(time, event, group), logrank_test(time, event, cat)
    assert lr_obj.test.statistic == lr_cat.test.statistic
    assert lr_obj.observed == lr_cat.observed and lr_obj.variance == lr_cat.variance


def test_event_indicator_keeps_missing_only_where_it_can_be() -> None:
    assert event_indicator(np.array([0, 2, 1])).dtype == bool
    np.testing.assert_array_equal(event_indicator(np.array([0.0, 3.0, 1.0])), [False, True, True])
    mixed = event_indicator(np.array([0.0, np.nan, 1.0]))
    assert mixed.dtype == float and np.isnan(mixed[1]) and list(mixed[[0, 2]]) == [0.0, 1.0]
    np.testing.assert_array_equal(event_indicator(np.array(["1", "0", "x"], dtype=object)), [1.0, 0.0, np.nan])  # fmt: skip


def test_whole_days_and_fractional_days_count_alike() -> None:
    time, event, group = _data()
    shifted = time + 0.5  # not whole: counted by rank among the distinct times
    a, b = event_table(time, event, group), event_table(shifted, event, group)
    np.testing.assert_array_equal(a.times + 0.5, b.times)
    np.testing.assert_array_equal(a.events, b.events)
    # days far apart (counted by rank, not over every day up to the last)
    far = time.copy()
    far[0] = 5e6
    c = event_table(far, event, group)
    assert c.times[-1] == 5e6 and c.events.sum() == len(time)


def test_negative_times_and_codes_are_refused_on_every_path() -> None:
    time, event, group = _data(20)
    time[0] = -1
    with pytest.raises(ValueError, match="must not be negative"):
        event_table(time, event, pd.Categorical(group))
    with pytest.raises(ValueError, match="status must be 0"):
        event_table(np.abs(time), np.r_[-1, event[1:]], group)


def test_cumulative_incidence_with_categorical_group() -> None:
    time, event, group = _data(600)
    cause = np.where(event == 1, np.where(time > 150, "late", "early"), "censored")
    a = cumulative_incidence(time, cause, group)
    b = cumulative_incidence(time, cause, pd.Categorical(group))
    for x, y in zip(a.curves, b.curves, strict=True):
        pd.testing.assert_frame_equal(x.table, y.table)
