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


def test_case_series_table_of_the_jacobson_cases() -> None:
    """The table prints what the series reports, as the paper's table does, and leaves
    out the columns it never reports."""
    from analysis.tables import case_series_table

    t = case_series_table(load_cohort(DATA / "jacobson_2017").cohort)
    assert "Days to failure" in t.columns and "Outcome" in t.columns
    assert "Cement, mL" not in t.columns and not any(c.startswith("Pain") for c in t.columns)
    rows = {r.cells[0]: dict(zip(t.columns, r.cells, strict=True)) for r in t.rows}
    assert rows["1"]["Repeat augmentation"] == "No" and rows["1"]["Outcome"] == "Worse"
    assert rows["1"]["New fracture"] == "L3 (day 28)" and rows["1"]["Days to failure"] == "14"
    assert rows["4"]["Levels treated before"] == "T9, L3, L4"
    assert rows["4"]["Repeat augmentation"] == "L1 (day 91)" and rows["4"]["Outcome"] == "Relieved"
    assert "Not reported for any patient: cement volume, pain scores." in t.footnotes


def test_swimmer_of_the_jacobson_cases() -> None:
    """Pain marked on each reported failure day and nowhere else, repeats for pain on
    their days, and a hatched bar (not a made-up end) where the paper reports no
    follow-up."""
    from analysis.figures import swimmer_plot

    fig = swimmer_plot(load_cohort(DATA / "jacobson_2017").cohort)
    (ax,) = fig.axes
    points = {(line.get_marker(), float(line.get_xdata()[0])) for line in ax.lines if len(line.get_xdata())}  # fmt: skip
    assert {("D", 14.0), ("D", 0.0), ("v", 42.0), ("v", 35.0), ("v", 91.0), ("X", 28.0)} <= points
    assert {d for m, d in points if m == "D"} == {0.0, 14.0}  # no pain drawn on a day not given
    assert not any(m == ">" for m, _ in points)  # nobody is 'alive at last follow-up'
    texts = [t.get_text() for legend in fig.legends for t in legend.get_texts()]
    assert "Follow-up not reported" in texts and "Alive at last follow-up" not in texts
    assert "Repeat for recurrent or unrelieved pain" in texts
