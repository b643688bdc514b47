"""Missing values per variable and group, md.pattern's patterns (against mice), and what
predicts missingness."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import stats
from tests.reference_values import read_input, reference


def original() -> pd.DataFrame:
    long = read_input("mice_pool_input.csv")
    return long[long[".imp"] == 0].drop(columns=[".imp", ".id"]).reset_index(drop=True)


def test_patterns_equal_md_pattern() -> None:
    pat = stats.missing_patterns(original())
    ref = reference("mice_pool")
    ref = ref[ref.analysis == "md.pattern"]
    terms = list(dict.fromkeys(ref.term))
    frame = pat.to_frame()
    variables = list(ref[ref.term == terms[0]].quantity)
    assert list(frame.columns) == ["count", *variables]  # least to most often missing
    assert len(frame) == len(terms)
    for i, term in enumerate(terms):
        want = ref[ref.term == term].set_index("quantity")["value"]
        assert frame.loc[i, variables].to_numpy(dtype=float).tolist() == want[variables].tolist()
        if term != "total":
            assert frame.loc[i, "count"] == int(term.partition(":")[2])
    assert pat.total_missing == 49 and pat.missing_per_variable["bmd_t"] == 24


def test_missing_values_overall_and_by_group() -> None:
    d = pd.DataFrame({"group": ["a", "a", "b", "b", None], "x": [1.0, None, None, None, 2.0],
                      "y": [1, 2, 3, 4, 5]})  # fmt: skip
    res = stats.missing_values(d, by="group")
    t = res.table.set_index(["variable", "group"])
    assert t.loc[("x", "all"), "n_missing"] == 3 and t.loc[("x", "all"), "n"] == 5
    assert t.loc[("x", "a"), "share_missing"] == 0.5 and t.loc[("x", "b"), "share_missing"] == 1.0
    assert t.loc[("y", "b"), "n_missing"] == 0
    assert res.n_complete == 2 and res.incomplete_variables == ("x",)
    wide = res.wide().set_index("variable")
    assert wide.loc["x", "n_missing_b"] == 2 and list(wide.columns)[:2] == [
        "n_missing_all",
        "share_missing_all",
    ]
    with pytest.raises(ValueError, match="no column\\(s\\) \\['z'\\]"):
        stats.missing_values(d, columns=["z"])


def test_missingness_model_finds_the_predictor_of_missing_values() -> None:
    rng = np.random.default_rng(20261121)
    n = 400
    age = rng.normal(72, 9, n)
    sex = rng.choice(["female", "male"], n)
    bmd = rng.normal(-2.8, 0.9, n)
    bmd[rng.random(n) < 1 / (1 + np.exp(-(age - 72) / 4))] = np.nan  # the old miss it
    d = pd.DataFrame({"age_years": age, "sex": sex, "bmd_t": bmd})
    res = stats.missingness_model(d, "bmd_t", ["age_years", "sex"])
    assert res.n_missing == int(np.isnan(bmd).sum())
    assert res.tests["age_years"].estimate > 5 and res.tests["age_years"].p_value < 1e-6
    assert res.tests["sex"].method == "Pearson chi-square test" and res.tests["sex"].p_value > 0.01
    assert res.model is not None
    assert res.model.odds_ratios["age_years"].estimate > 1.2
    frame = res.to_frame()
    assert (
        list(frame["test"][:2]) == ["age_years", "sex"]
        and (frame["test"] == "logistic model").sum() == 2
    )
    with pytest.raises(ValueError, match="cannot predict its own missingness"):
        stats.missingness_model(d, "bmd_t", ["bmd_t"])
    with pytest.raises(ValueError, match="age_years is missing in 0 of 400 rows"):
        stats.missingness_model(d, "age_years", ["sex"])
