"""Multiple imputation by chained equations: determinism, types kept, predictive mean
matching's donors, logistic and multinomial draws, survival-aware and passive imputation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import stats
from analysis.stats.missing import draws
from analysis.stats.missing.impute import nelson_aalen
from tests.reference_values import read_input, reference


def original() -> pd.DataFrame:
    long = read_input("mice_pool_input.csv")
    return long[long[".imp"] == 0].drop(columns=[".imp", ".id"]).reset_index(drop=True)


def test_cumulative_hazard_equals_mice_nelsonaalen() -> None:
    d = original()
    ref = reference("mice_pool")
    want = ref[ref.analysis == "nelsonaalen"]["value"].to_numpy(dtype=float)
    got = nelson_aalen(d["time"].to_numpy(dtype=float), d["event"].to_numpy(dtype=float))
    assert len(set(d["time"])) < len(d)  # tied times: mice adds 1/n + 1/(n-1) + ...
    assert got == pytest.approx(want, rel=1e-12)


def test_same_seed_same_frames_and_types_kept() -> None:
    d = original()
    d["sex"] = pd.Categorical(d["sex"], ["female", "male", "unknown"])
    d["kyphoplasty"] = (d["technique"] == "kyphoplasty").astype("boolean")
    d.loc[[3, 7], "kyphoplasty"] = pd.NA
    d["patient_id"] = [f"P{i:03d}" for i in range(len(d))]
    d.loc[5, "patient_id"] = None  # an identifier: carried, never imputed
    imp = stats.impute(d, m=3, seed=7, maxit=3, method="pmm")
    again = stats.impute(d, m=3, seed=7, maxit=3, method="pmm")
    other = stats.impute(d, m=3, seed=8, maxit=3, method="pmm")
    assert len(imp) == 3 and all(a.equals(b) for a, b in zip(imp, again, strict=True))
    assert not imp[0].equals(other[0]) and not imp[0].equals(imp[1])
    assert stats.impute(d, m=1, seed=7, maxit=3, method="pmm")[0].equals(imp[0])  # any m
    for f in imp:
        assert f.shape == d.shape and list(f.columns) == list(d.columns)
        assert (f.dtypes == d.dtypes).all()
        assert list(f["sex"].cat.categories) == ["female", "male", "unknown"]
        assert (
            f.drop(columns="patient_id").notna().all().all() and f["patient_id"].isna().sum() == 1
        )
        seen = d.notna()
        assert f[seen].equals(d[seen])  # recorded values untouched
        assert set(f["sex"]) <= {"female", "male"}  # never a level nobody has
        assert set(f.loc[d["bmd_t"].isna(), "bmd_t"]) <= set(
            d["bmd_t"].dropna()
        )  # PMM: donors' values
    model = imp.model.set_index("variable")
    assert model.loc["bmd_t", "method"] == "pmm" and model.loc["bmd_t", "n_missing"] == 24
    assert model.loc["sex", "method"] == "logreg" and model.loc["age_years", "method"] == ""
    assert "patient_id" not in model.index
    assert len(imp.trace) == 3 * 3 * 4  # chains x iterations x incomplete variables
    long = imp.long()
    assert list(long.columns[:2]) == ["imputation", "row"] and len(long) == 3 * len(d)


def test_donors_are_the_nearest_predicted_values() -> None:
    rng = np.random.default_rng(20261121)
    obs = rng.permutation(np.arange(100.0))
    mis = np.array([10.2, 50.0, -3.0, 120.0])
    one = draws.match_donors(obs, mis, 1, rng)
    assert obs[one].tolist() == [10.0, 50.0, 0.0, 99.0]
    picked = {k: set() for k in range(4)}
    for _ in range(300):
        for k, i in enumerate(draws.match_donors(obs, mis, 5, rng)):
            picked[k].add(obs[i])
    assert picked[0] == {8.0, 9.0, 10.0, 11.0, 12.0}  # each of the 5 nearest, no other
    assert picked[2] == {0.0, 1.0, 2.0, 3.0, 4.0} and picked[3] == {95.0, 96.0, 97.0, 98.0, 99.0}


def test_pmm_and_local_residuals_match_observed_fits_to_a_drawn_prediction() -> None:
    rng = np.random.default_rng(3)
    x = rng.normal(size=(60, 2))
    y = x @ [1.0, -2.0] + rng.normal(size=60)
    xm = rng.normal(size=(7, 2))
    got = draws.pmm(y, x, xm, np.random.default_rng(11))
    residual = draws.local_residual(y, x, xm, np.random.default_rng(11))
    again = np.random.default_rng(11)  # type 1: observed rows on the fitted coefficients,
    coef, beta = draws.norm_draw(y, x, again)  # the missing ones on the drawn ones
    fitted = np.column_stack([np.ones(60), x]) @ coef
    predicted = np.column_stack([np.ones(7), xm]) @ beta
    idx = draws.match_donors(fitted, predicted, 5, again)
    assert got.tolist() == y[idx].tolist()  # PMM: the donor's value
    assert not np.allclose(coef, beta)
    # local residual draw: the same donors, the recipient's prediction plus their residual
    assert residual == pytest.approx(predicted + y[idx] - fitted[idx], rel=1e-12)
    assert not set(residual) <= set(y)


def test_mar_mean_recovered_where_complete_cases_are_biased() -> None:
    rng = np.random.default_rng(20261121)
    n = 1500
    x = rng.normal(size=n)
    y = 2 + x + rng.normal(scale=0.6, size=n)
    full = y.mean()
    y[rng.random(n) < 1 / (1 + np.exp(-(x - 0.5)))] = np.nan  # high x: y missing more often
    d = pd.DataFrame({"x": x, "y": y})
    imp = stats.impute(d, m=5, seed=1, maxit=3)
    means = [f["y"].mean() for f in imp]
    assert np.nanmean(y) < full - 0.3  # complete cases: biased down
    assert np.mean(means) == pytest.approx(full, abs=0.03)


def test_categories_imputed_from_their_predictors() -> None:
    rng = np.random.default_rng(5)
    n = 900
    x = rng.normal(size=n)
    level = np.where(x < -0.5, "a", np.where(x < 0.6, "b", "c")).astype(object)
    binary = np.where(x + rng.normal(scale=0.5, size=n) > 0, "yes", "no").astype(object)
    miss = rng.random(n) < 0.3
    level[miss] = None
    binary[rng.random(n) < 0.3] = None
    d = pd.DataFrame({"x": x, "level": level, "binary": binary})
    imp = stats.impute(d, m=2, seed=2, maxit=3)
    model = imp.model.set_index("variable")
    assert model.loc["level", "method"] == "polyreg" and model.loc["binary", "method"] == "logreg"
    f = imp[0]
    hits = f.loc[miss, "level"] == np.where(x[miss] < -0.5, "a", np.where(x[miss] < 0.6, "b", "c"))
    assert hits.mean() > 0.8  # drawn from the fitted probabilities, mostly the right level
    assert set(f["binary"]) == {"yes", "no"}


def test_passive_change_and_survival_aware_model() -> None:
    d = original().drop(columns=["centre"])
    d["change"] = d["vas_1m"] - d["vas_pre"]
    imp = stats.impute(d, m=2, seed=3, maxit=2, time="time", event="event",
                       passive={"change": ("vas_1m", "vas_pre")})  # fmt: skip
    for f in imp:
        assert np.allclose(f["change"], f["vas_1m"] - f["vas_pre"])
        assert f["time"].equals(d["time"])
    model = imp.model.set_index("variable")
    assert model.loc["change", "method"] == "passive" and model.loc["change", "predictors"] == ""
    assert "time" not in model.index and "time" not in model.loc["bmd_t", "predictors"]
    assert "event" in model.loc["bmd_t", "predictors"].split(", ")
    assert "change" not in model.loc["bmd_t", "predictors"]
    assert "Nelson-Aalen" in imp.method and imp.passive == (("change", "vas_1m", "vas_pre"),)
    added = stats.impute(d.drop(columns="change"), m=1, seed=3, maxit=1,
                         passive={"change": ("vas_1m", "vas_pre")})  # fmt: skip
    assert np.allclose(added[0]["change"], added[0]["vas_1m"] - added[0]["vas_pre"])


def test_survival_predictors_recover_a_covariate_effect() -> None:
    rng = np.random.default_rng(20261121)
    n = 500
    x = rng.normal(size=n)
    t_event = rng.exponential(1 / (0.002 * np.exp(0.8 * x)))
    cens = rng.uniform(100, 1500, n)
    time, event = np.minimum(t_event, cens), (t_event <= cens).astype(float)
    z = x + rng.normal(scale=0.5, size=n)
    x_obs = x.copy()
    x_obs[rng.random(n) < 0.4] = np.nan
    d = pd.DataFrame({"time": time, "event": event, "x": x_obs, "z": z})
    imp = stats.impute(d, m=5, seed=4, maxit=3, time="time", event="event")
    fits = [stats.cox_ph(f, "time", "event", ["x"], concordance=False, proportional_hazards=False)
            for f in imp]  # fmt: skip
    pooled = stats.pool(fits).terms["x"]
    without = stats.impute(d.drop(columns=["time", "event"]), m=5, seed=4, maxit=3)
    attenuated = stats.pool([stats.cox_ph(f.assign(time=time, event=event), "time", "event", ["x"],
                                          concordance=False, proportional_hazards=False)
                             for f in without]).terms["x"]  # fmt: skip
    assert pooled.ci_low < 0.8 < pooled.ci_high
    assert attenuated.estimate < pooled.estimate - 0.1  # the outcome left out: biased to 0


def test_impute_refuses_what_it_cannot_do() -> None:
    d = original()
    with pytest.raises(ValueError, match="time is missing in 1 rows"):
        stats.impute(
            d.assign(time=d["time"].where(d.index != 4)), m=2, seed=1, time="time", event="event"
        )
    with pytest.raises(ValueError, match="give both time and event"):
        stats.impute(d, m=2, seed=1, time="time")
    with pytest.raises(
        ValueError, match="bmd_t: method 'logreg' is not one of \\['lrd', 'pmm', 'norm'\\]"
    ):
        stats.impute(d, m=2, seed=1, method={"bmd_t": "logreg"})
    with pytest.raises(ValueError, match="bounds for \\['pain'\\]: not variables"):
        stats.impute(d, m=2, seed=1, bounds={"pain": (0, 10)})
    with pytest.raises(ValueError, match="sex: bounds \\(0, 1\\) must be a lowest and a highest"):
        stats.impute(d, m=2, seed=1, bounds={"sex": (0, 1)})
    with pytest.raises(ValueError, match="vas_1m: bounds \\(10, 0\\) must be"):
        stats.impute(d, m=2, seed=1, bounds={"vas_1m": (10, 0)})
    with pytest.raises(ValueError, match="age_years has no observed value"):
        stats.impute(d.assign(age_years=np.nan), m=2, seed=1)
    with pytest.raises(ValueError, match="no column\\(s\\) \\['vas_6m'\\]"):
        stats.impute(d, m=2, seed=1, passive={"change": ("vas_6m", "vas_pre")})
    with pytest.raises(ValueError, match="m \\(0\\) and maxit \\(10\\) must be at least 1"):
        stats.impute(d, m=0, seed=1)
    with pytest.raises(TypeError, match="seed"):
        stats.impute(d, m=2)  # type: ignore[call-arg]


def test_collinear_predictors_and_a_single_level_do_not_break_the_chain() -> None:
    rng = np.random.default_rng(9)
    n = 120
    x = rng.normal(size=n)
    y = np.where(rng.random(n) < 0.2, np.nan, x + rng.normal(size=n))
    kind = np.where(rng.random(n) < 0.2, None, "osteoporotic").astype(object)
    d = pd.DataFrame({"x": x, "x_copy": 2 * x, "y": y, "kind": kind})
    imp = stats.impute(d, m=2, seed=1, maxit=2)
    f = imp[0]
    assert f.notna().all().all() and set(f["kind"]) == {"osteoporotic"}
    assert np.corrcoef(f["x"], f["y"])[0, 1] > 0.5  # the relation kept despite collinearity
    with pytest.raises(ValueError, match="predictors \\['age'\\] are not variables"):
        stats.impute(d, m=1, seed=1, predictors={"y": ["age"]})


def test_observed_and_imputed_values_for_the_diagnostic_plot() -> None:
    d = original()
    imp = stats.impute(d, m=2, seed=5, maxit=2, method="norm")
    both = imp.observed_and_imputed("bmd_t")
    assert (both["imputation"] == 0).sum() == 76 and (both["imputation"] == 2).sum() == 24
    recorded = both[both.imputation == 0]
    assert (
        not recorded["imputed"].any() and recorded["value"].tolist() == d["bmd_t"].dropna().tolist()
    )
    second = both[both.imputation == 2]
    assert second["value"].tolist() == imp[1].loc[d["bmd_t"].isna(), "bmd_t"].tolist()
    assert imp.imputed.shape == d.shape and int(imp.imputed.to_numpy().sum()) == 49
    assert "Bayesian linear regression" in imp.method and "matching" not in imp.method
    with pytest.raises(ValueError, match="no column 'bmd'"):
        imp.observed_and_imputed("bmd")


def test_pmm_pulls_a_sparsely_recorded_tail_towards_the_recorded_values_lrd_does_not() -> None:
    # y missing more often the lower the predictor: the low tail is seldom recorded
    rng = np.random.default_rng(20261205)
    gap = {"pmm": [], "lrd": []}
    for _ in range(150):
        x = rng.normal(size=(400, 1))
        y = x[:, 0] + rng.normal(size=400)
        miss = rng.random(400) < 1 / (1 + np.exp(0.5 + 1.5 * x[:, 0]))
        for name, f in (("pmm", draws.pmm), ("lrd", draws.local_residual)):
            # against the true mean given x (x itself): Monte Carlo SE about 0.014
            gap[name].append(np.mean(f(y[~miss], x[~miss], x[miss], rng)) - np.mean(x[miss]))
    assert np.mean(gap["pmm"]) > 0.05  # imputed too high, towards the recorded values
    assert abs(np.mean(gap["lrd"])) < 0.03


def test_default_local_residual_draws_within_bounds_and_integers_kept() -> None:
    d = original()
    d["score"] = np.clip(np.round(d["vas_1m"].to_numpy()), 0, 10)
    d["score"] = d["score"].astype("Int64")
    d["stays"] = d["vas_1m"]
    imp = stats.impute(d.drop(columns=["centre"]), m=3, seed=2, maxit=2,
                       bounds={"score": (0, 10), "vas_1m": (0, 10)})  # fmt: skip
    model = imp.model.set_index("variable")
    assert model.loc["bmd_t", "method"] == "lrd" and "local residual draws" in imp.method
    lrd = [f.loc[d["bmd_t"].isna(), "bmd_t"] for f in imp]
    assert not set(pd.concat(lrd)) <= set(d["bmd_t"].dropna())  # not only recorded values
    for f in imp:
        assert f["score"].dtype == "Int64" and f["score"].between(0, 10).all()
        assert f["vas_1m"].between(0, 10).all()
