"""SameTexts: text columns compared by their objects, so reuse of coded identifiers is
exact after an edit in place, a replaced column or another length."""

from __future__ import annotations

import gc

import pandas as pd

from analysis.schema.unchanged import SameTexts


def _ids(n: int = 6) -> pd.Series:
    return pd.Series([f"P{i:03d}" for i in range(n)], dtype="string")


def test_the_same_columns_hold_their_objects() -> None:
    a, b = _ids(), _ids(3)
    kept = SameTexts([a, b])
    assert kept.holds([a, b])
    assert kept.holds([a.copy(deep=False), b])  # a view of the same array


def test_an_edit_in_place_is_seen_even_where_text_is_freed_and_made_again() -> None:
    a = _ids()
    kept = SameTexts([a])
    a.iloc[2] = "P999"
    assert not kept.holds([a])
    # the original object is kept alive by SameTexts, so new text cannot take its place
    for _ in range(3):
        a.iloc[2] = "".join(["P", "002"])  # the same text, another object
        gc.collect()
    assert a.iloc[2] == "P002"
    assert not kept.holds([a])  # equal text, other object: coded again (never wrong)


def test_other_columns_lengths_and_storage_are_not_held() -> None:
    a = _ids()
    kept = SameTexts([a])
    assert not kept.holds([_ids()])  # equal text, other objects
    assert not kept.holds([a.iloc[:-1]])
    assert not kept.holds([a, a])
    assert not kept.holds([a.astype("string[pyarrow]")])
    assert not kept.holds([a.astype(object)])
    assert not SameTexts([a.astype(object)]).holds([a.astype(object)])
