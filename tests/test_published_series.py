"""The seed case series as transcribed in notebooks/data: they load without errors and
give the papers' counts, ranges and rates."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.load import load_cohort
from analysis.published import grim, implied_baseline, percentage
from analysis.stats import classify_fractures

DATA = Path(__file__).resolve().parents[1] / "notebooks" / "data"


def _printed(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / f"{name}_printed.csv").set_index("quantity")


def test_jacobson_cases_load_and_give_the_papers_counts() -> None:
    result = load_cohort(DATA / "jacobson_2017")
    assert not result.errors, [str(p) for p in result.errors]
    assert {p.rule for p in result.problems} == {"approximate"}  # the round durations only
    c = result.cohort
    assert len(c.patients) == 4
    procs = c.procedures
    index, repeats = procs[procs["day"] == 0], procs[procs["is_repeat"].astype(bool)]
    assert (
        repeats["patient_id"].nunique()
        == _printed("jacobson_2017").loc["repeat procedures", "value"]
    )
    assert set(index["technique"].astype(str)) == {"kyphoplasty"}
    assert set(index["cement_type"].astype(str)) == {"PMMA"}
    assert set(repeats["cement_type"].astype(str)) == {"Cortoss"}
    reasons = index["failure_reason"].str.split(";").explode().value_counts().to_dict()
    assert reasons == {"incomplete_fill": 2, "disc_leakage": 1, "cement_missed_fracture": 1, "unfilled_cleft": 1}  # fmt: skip
    assert (repeats["outcome"].astype(str) == "relieved").all()
    refused = index.loc[~index["patient_id"].isin(repeats["patient_id"]), "outcome"]
    assert refused.astype(str).tolist() == ["worse"]
    # Case 1's L3 fracture, one level above the treated L4
    assert classify_fractures(c)["fracture_class"].astype(str).tolist() == ["adjacent"]
    pts = c.patients.set_index("patient_id")
    assert pts.loc["Case 4", "prior_treated_levels"] == "T9, L3, L4"


def test_jacobson_literature_rate_follows_from_its_counts() -> None:
    printed = _printed("jacobson_2017").reset_index()
    rate = printed[printed["unit"] == "percent"].set_index("quantity")
    counts = printed[printed["unit"] == "patients"].set_index("quantity")
    k = int(counts.loc["same-level recurrent fracture (literature)", "value"])
    n = int(counts.loc["same-level recurrent fracture (literature)", "denominator"])
    pct = float(rate.loc["same-level recurrent fracture (literature)", "value"])
    assert percentage(pct, k, n, 2).consistent  # 10/1800 = 0.5556% prints as 0.56%


def test_gaughen_series_gives_the_printed_range_and_means() -> None:
    result = load_cohort(DATA / "gaughen_2002")
    assert not result.errors, [str(p) for p in result.errors]
    assert {p.rule for p in result.problems} == {"partly_known_level"}  # levels not printed
    c = result.cohort
    printed = _printed("gaughen_2002")
    assert len(c.patients) == printed.loc["patients with a repeat vertebroplasty at a treated level", "value"]  # fmt: skip
    days = c.procedures["failure_day"].dropna()
    assert (days.min(), days.max()) == (8, 167)
    assert (c.procedures["outcome"].astype(str) == "relieved").all()
    # printed means of integer scores over 6 (pain) and 4 (mobility) patients are possible
    assert grim(printed.loc["mean pain reduction after the repeat", "value"], 6, 1).consistent
    assert grim(printed.loc["mean pain after the repeat", "value"], 6, 1).consistent
    assert grim(printed.loc["mean mobility increase", "value"], 4, 2).consistent
    assert grim(printed.loc["mean mobility impairment after the repeat", "value"], 4, 2).consistent
    # a mean reduction of 6.5 to a mean of 3.5 puts every patient at 10 of 10 before
    before = implied_baseline(6.5, 3.5, scale=(0, 10))
    assert before.consistent and "scale maximum" in before.explanation


@pytest.mark.parametrize("name", ["jacobson_2017", "gaughen_2002"])
def test_every_transcription_names_its_source(name: str) -> None:
    source = (DATA / "SOURCE.md").read_text(encoding="utf-8")
    assert f"## {name}/" in source
