"""The statistical review: each check triggered by data built to trigger it, and silent on
data built not to; the RMST without events and the responder rule on the wrong scale."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis import stats
from analysis.config import AnalysisConfig
from analysis.formatting import PLAIN
from analysis.labels import load_labels
from analysis.report.review import (
    Check,
    events_per_parameter,
    few_events_in_levels,
    few_events_logrank,
    few_events_rmst,
    follow_up_by_group,
    multiple_testing,
    proportional_hazards,
    responder_scale,
    sparse_two_by_two,
    vertebrae_as_independent,
)
from analysis.report.review.gather import table_one_clustered
from analysis.report.review.section import statistical_review
from analysis.report.sections import new_fractures, pain_and_mobility
from analysis.schema import Cohort
from analysis.tables import Row, Table, outcome_table

ROOT = Path(__file__).resolve().parents[1]
LABELS = load_labels()


def _survival(n: int, rate: float, seed: int, hazard_ratio: float = 2.0) -> pd.DataFrame:
    """Exponential times with a yes/no covariate of constant hazard ratio, censored at
    day 1000; the event probability is set by ``rate`` (per day)."""
    rng = np.random.default_rng(seed)
    x = rng.integers(0, 2, n)
    age = rng.normal(70, 10, n)
    t = rng.exponential(1 / (rate * np.where(x == 1, hazard_ratio, 1.0)))
    c = rng.uniform(200, 1000, n)
    return pd.DataFrame(
        {"time": np.minimum(t, c), "event": (t <= c).astype(int), "x": x, "age": age}
    )


# --- events per parameter ------------------------------------------------------------


def test_events_per_parameter_of_a_cox_model() -> None:
    few = stats.cox_ph(_survival(120, 0.00005, 1), "time", "event", ("x", "age"))
    check = events_per_parameter(few, "Cox model", PLAIN)
    assert few.n_events < 10  # two parameters: fewer than 5 per parameter
    assert check.triggered and check.severity == "major"
    assert f"{few.n_events} events for 2 parameters" in check.message
    assert dict(check.numbers)["events_per_parameter"] == pytest.approx(few.n_events / 2)
    many = stats.cox_ph(_survival(400, 0.002, 2), "time", "event", ("x", "age"))
    assert many.n_events >= 20
    fine = events_per_parameter(many, "Cox model", PLAIN)
    assert not fine.triggered and fine.severity == "none"
    assert "(at least 10)" in fine.message


def test_events_per_parameter_of_logistic_counts_the_smaller_class() -> None:
    rng = np.random.default_rng(20261121)
    frame = pd.DataFrame({"x": rng.normal(size=200), "z": rng.normal(size=200)})
    frame["y"] = (rng.random(200) < 0.9).astype(float)  # about 20 non-events
    model = stats.logistic_model(frame, "y", ["x", "z"])
    non_events = model.n_used - model.n_events
    check = events_per_parameter(model, "Logistic model", PLAIN)
    assert dict(check.numbers)["events"] == non_events
    assert "non-events (the smaller class)" in check.message
    assert check.triggered == (non_events / 2 < 10)


def test_events_per_parameter_of_a_fine_gray_model() -> None:
    data = _survival(150, 0.0004, 3)
    rng = np.random.default_rng(4)
    data["cause"] = np.where(data["event"] == 1, np.where(rng.random(150) < 0.7, "fracture", "death"), "censored")  # fmt: skip
    model = stats.fine_gray(data, "time", "cause", ["x", "age"], "fracture")
    check = events_per_parameter(model, "Fine-Gray model", PLAIN)
    assert dict(check.numbers)["events"] == model.n_events
    assert check.triggered == (model.n_events / 2 < 10)


# --- groups with few events ------------------------------------------------------------


def _no_events_in(group: str, seed: int = 5) -> pd.DataFrame:
    data = _survival(160, 0.001, seed)
    data["group"] = np.where(np.arange(160) < 130, "osteoporotic", "pathologic")
    data.loc[data["group"] == group, "event"] = 0
    return data


def test_a_group_without_events_in_a_logrank_contrast() -> None:
    data = _no_events_in("pathologic")
    km = stats.kaplan_meier(data["time"], data["event"], data["group"])
    lr = stats.logrank_test(data["time"], data["event"], data["group"])
    check = few_events_logrank(km, "Fracture-free survival by etiology", lr.test, PLAIN)
    assert check.triggered and check.severity == "minor"
    assert "pathologic 0 events among 30 patients" in check.message
    assert "Pathologic had no event, so no hazard ratio can be estimated" in check.message
    both = _survival(160, 0.003, 6).assign(group=lambda d: np.where(d.index % 2, "a", "b"))
    km = stats.kaplan_meier(both["time"], both["event"], both["group"])
    assert not few_events_logrank(km, "by group", None, PLAIN).triggered


def test_rmst_with_a_group_without_events_reports_no_interval_or_p() -> None:
    data = _no_events_in("pathologic")
    res = stats.rmst(data["time"], data["event"], data["group"], tau=180, group_order=("osteoporotic", "pathologic"))  # fmt: skip
    assert res.n_events[1] == 0 and res.without_events == ("pathologic",)
    flat = res.groups[1]
    assert flat.estimate == pytest.approx(180.0) and math.isnan(flat.ci_low)
    diff = res.tests["difference"]
    assert diff.estimate == pytest.approx(180.0 - res.groups[0].estimate)
    assert math.isnan(diff.p_value) and math.isnan(diff.ci_low) and math.isnan(diff.statistic)
    assert diff.method.startswith("RMST difference (pathologic minus osteoporotic); no CI or z-test: pathologic had no event up to 180 days")  # fmt: skip
    assert math.isnan(res.tests["ratio"].p_value)
    check = few_events_rmst(res, "RMST by etiology", PLAIN)
    assert check.triggered and check.severity == "minor"
    assert "no confidence interval or p value is reported" in check.message
    assert "(pathologic minus osteoporotic, " in check.message
    # a result that still carried the z-test (as survRM2 prints it) is a major finding
    printed = replace(diff, ci_low=1.0, ci_high=40.0, statistic=3.5, p_value=0.0005)
    old = replace(res, tests=stats.Tests([("difference", printed)]))
    major = few_events_rmst(old, "RMST by etiology", PLAIN)
    assert major.severity == "major" and "(p < 0.001) are too narrow and too small" in major.message
    with_events = _survival(160, 0.004, 7).assign(group=lambda d: np.where(d.index % 2, "a", "b"))
    res = stats.rmst(with_events["time"], with_events["event"], with_events["group"], tau=180)
    assert min(res.n_events) >= 5 and not res.without_events
    assert 0 < res.tests["difference"].p_value < 1
    assert not few_events_rmst(res, "RMST", PLAIN).triggered


def test_the_report_prints_no_rmst_p_value_for_a_group_without_fractures(
    tmp_path: Path, small_cohort: Cohort
) -> None:
    pathologic = set(small_cohort.patients.loc[small_cohort.patients["etiology"] == "pathologic", "patient_id"])  # fmt: skip
    fractures = small_cohort.fractures
    cohort = Cohort.from_frames(
        small_cohort.patients, small_cohort.procedures, small_cohort.assessments,
        fractures[~fractures["patient_id"].isin(pathologic)],
    )  # fmt: skip
    section = new_fractures(cohort, tmp_path, AnalysisConfig(deaths="censored"))
    sentence = next(line for line in section.lines if line.startswith("Restricted mean"))
    assert "(difference, pathologic minus osteoporotic, " in sentence
    assert "no confidence interval or p value: pathologic had no new fracture" in sentence
    assert "; p " not in sentence and "CI" not in sentence
    rmst_check = next(c for c in section.checks if c.analysis.startswith("Restricted mean"))
    assert rmst_check.triggered


def test_few_events_in_a_level_of_a_cox_covariate() -> None:
    data = _survival(300, 0.002, 8)
    rare = data.index[data["x"] == 1][:40]
    data["rare"] = 0
    data.loc[rare, "rare"] = 1
    data.loc[rare[3:], "event"] = 0  # at most 3 events among the 40
    model = stats.cox_ph(data, "time", "event", ("rare", "age"))
    check = few_events_in_levels(model, "Cox model", LABELS, PLAIN)
    events = int(data.loc[rare, "event"].sum())
    assert check.triggered
    assert f"yes: {events} event{'s' if events != 1 else ''} among 40 patients in the model, hazard ratio" in check.message  # fmt: skip
    common = stats.cox_ph(data, "time", "event", ("x",))
    assert not few_events_in_levels(common, "Cox model", LABELS, PLAIN).triggered


# --- sparse 2 x 2 tables ---------------------------------------------------------------


def test_sparse_two_by_two_wants_the_exact_test() -> None:
    sparse = stats.two_by_two(1, 12, 6, 14)
    chi = sparse_two_by_two(sparse, "Leakage", "chi_square", PLAIN)
    assert chi.triggered and chi.severity == "major"
    assert "the exact test is primary: Fisher's exact test p" in chi.message.replace("The exact", "the exact")  # fmt: skip
    exact = sparse_two_by_two(sparse, "Leakage", "fisher", PLAIN)
    assert not exact.triggered and "the exact test is primary, and the report prints it" in exact.message  # fmt: skip
    full = sparse_two_by_two(stats.two_by_two(40, 100, 25, 100), "Leakage", "chi_square", PLAIN)
    assert not full.triggered and dict(full.numbers)["smallest_expected_count"] == pytest.approx(32.5)  # fmt: skip


# --- proportional hazards --------------------------------------------------------------


def test_proportional_hazards_rejected_for_crossing_hazards() -> None:
    rng = np.random.default_rng(9)
    n = 400
    x = rng.integers(0, 2, n)
    early = rng.exponential(np.where(x == 1, 60.0, 600.0))  # x = 1: early failures only
    late = 200 + rng.exponential(np.where(x == 1, 5000.0, 150.0), n)
    t = np.where(x == 1, np.where(early < 200, early, late), np.minimum(early, late))
    data = pd.DataFrame({"time": np.minimum(t, 900), "event": (t < 900).astype(int), "x": x})
    check = proportional_hazards(stats.cox_ph(data, "time", "event", ("x",)), "Cox", 0.05, LABELS, PLAIN)  # fmt: skip
    assert check.triggered and "proportional hazards rejected at 0.05" in check.message
    steady = stats.cox_ph(_survival(300, 0.002, 10), "time", "event", ("x",))
    assert not proportional_hazards(steady, "Cox", 0.05, LABELS, PLAIN).triggered
    bare = stats.cox_ph(_survival(300, 0.002, 10), "time", "event", ("x",), proportional_hazards=False)  # fmt: skip
    skipped = proportional_hazards(bare, "Cox", 0.05, LABELS, PLAIN)
    assert not skipped.checked and skipped.message.startswith("Not checked: ")


# --- vertebrae clustered in patients ----------------------------------------------------


def test_vertebrae_as_independent_names_the_clustered_result() -> None:
    gee = stats.Estimate("odds_ratio[x]", 0.8, 0.4, 1.6, 0.95, "GEE", 100, 0, p_value=0.52)
    beside = vertebrae_as_independent("Leakage", 150, 100, [("kyphoplasty", gee)], True, PLAIN)
    assert not beside.triggered and "printed beside it (kyphoplasty: odds ratio 0.80 (0.40 to 1.60), p = 0.520)" in beside.message  # fmt: skip
    alone = vertebrae_as_independent("Leakage model", 150, 100, [], False, PLAIN)
    assert alone.triggered and "1.50 per patient" in alone.message
    assert "No estimate allowing for clustering is reported beside it" in alone.message
    single = vertebrae_as_independent("Leakage", 100, 100, [], False, PLAIN)
    assert not single.triggered and "one per patient" in single.message


def test_table_one_vertebra_rows_get_their_clustered_result(small_cohort: Cohort) -> None:
    groups = ("osteoporotic", "pathologic")
    check = table_one_clustered(small_cohort, "etiology", groups, 0.05, LABELS, PLAIN)
    n_vertebrae = len(stats.vertebra_frame(small_cohort, "index"))  # Table 1's vertebrae
    assert len(small_cohort.procedures) > n_vertebrae > len(small_cohort.patients)
    assert not check.triggered and f"{n_vertebrae} vertebrae of " in check.message
    assert "no test treats the vertebrae of one patient as independent" in check.message
    assert check.analysis.startswith(
        "Table 1, rows of the vertebrae treated at the index procedure"
    )
    assert "Repeat augmentation" not in check.message  # never at the index procedure
    assert "Any cement leakage: " in check.message and "Kyphoplasty (technique): " in check.message
    procs = small_cohort.procedures
    first = procs[~procs["is_repeat"].fillna(False).astype(bool)].drop_duplicates("patient_id")
    one_each = Cohort.from_frames(small_cohort.patients, first, small_cohort.assessments, small_cohort.fractures)  # fmt: skip
    single = table_one_clustered(one_each, "etiology", groups, 0.05, LABELS, PLAIN)
    assert not single.triggered and "one per patient" in single.message


# --- multiple testing ------------------------------------------------------------------


def _p_table(p_values: int, note: str = "") -> Table:
    rows = tuple(Row((f"row {i}", "0.010")) for i in range(p_values))
    return Table("Table 9. Tests", ("Characteristic", "P"), rows, footnotes=(note,) if note else ())


def test_multiple_testing_counts_the_p_values_of_the_tables(small_cohort: Cohort) -> None:
    few = multiple_testing([_p_table(2, "Log-rank test: chi-square 1.1, df 1, p = 0.300.")], 0.05, PLAIN)  # fmt: skip
    assert not few.triggered and dict(few.numbers)["p_values"] == 3
    many = multiple_testing([_p_table(8)], 0.05, PLAIN)
    assert many.triggered and dict(many.numbers)["chance_of_a_false_positive"] == pytest.approx(1 - 0.95**8)  # fmt: skip
    assert "34%" in many.message
    course = stats.change_from_baseline(small_cohort, "pain_vas", ("pre", "24h", "1m", "3m"))
    adjusted = multiple_testing([outcome_table([course])], 0.05, PLAIN)
    numbers = dict(adjusted.numbers)
    assert numbers["adjusted"] == len(course.changes) == numbers["p_values"] > 1
    assert "Holm-adjusted over time points" in adjusted.message and not adjusted.triggered


# --- follow-up by group ----------------------------------------------------------------


def _follow_up(days_b: tuple[float, float], seed: int = 11) -> tuple[stats.KaplanMeier, stats.LogRank]:  # fmt: skip
    rng = np.random.default_rng(seed)
    time = np.concatenate([rng.uniform(400, 900, 80), rng.uniform(*days_b, 80)])
    group = np.repeat(["a", "b"], 80)
    ended = np.ones(160)  # no outcome event: every observation ends by follow-up
    return stats.kaplan_meier(time, ended, group), stats.logrank_test(time, ended, group)


def test_follow_up_by_group_by_reverse_kaplan_meier() -> None:
    reverse, test = _follow_up((100, 300))
    short = follow_up_by_group("By group", reverse, test, {"b": 7}, 365, 0.05, PLAIN)
    assert short.triggered and "half of b left observation before day 365" in short.message
    assert "observation ended by death in 7 of 80" in short.message
    assert dict(short.numbers)["median_follow_up[b]"] < 300
    # says which follow-up it is, so a reader sees why Table 1's observed median differs
    assert "Median potential follow-up by reverse Kaplan-Meier (the end of observation, last contact or death, is the event; a new fracture censors; not Table 1's median of the observed times" in short.message  # fmt: skip
    assert "1 - Kaplan-Meier overstates" in short.message
    # with death already a competing risk, the advice is about follow-up alone
    competing = follow_up_by_group("By group", reverse, test, {"b": 7}, 365, 0.05, PLAIN, True)
    assert competing.triggered and "Deaths are a competing risk in the cumulative incidence reported" in competing.message  # fmt: skip
    assert "overstates" not in competing.message
    reverse, test = _follow_up((400, 900))
    even = follow_up_by_group("By group", reverse, test, {}, 365, 0.05, PLAIN)
    assert test.test.p_value > 0.05 and not even.triggered


# --- responder rules and scales --------------------------------------------------------


def test_a_responder_rule_on_the_wrong_scale_is_refused(small_cohort: Cohort) -> None:
    with pytest.raises(ValueError, match=r"the responder rule 'odi' \(reduction of at least 10 points\) is written for odi \(0-100 scale\) and cannot be applied to pain_vas \(0-10 scale\); use a rule for pain_vas \(presets: pain, pain_15mm, pain_30pct\)"):  # fmt: skip
        stats.responders_by_rule(small_cohort, "odi")
    with pytest.raises(ValueError, match=r"a reduction of at least 10 points does not fit pain_vas \(0-10 scale\): only a fall from 10 to 0 meets it"):  # fmt: skip
        stats.responders(small_cohort, "pain_vas", threshold=10)
    with pytest.raises(ValueError, match=r"a reduction of at least 15 points does not fit pain_vas .* no change on that scale can meet it"):  # fmt: skip
        stats.responders_by_rule(small_cohort, stats.ResponderRule(points=15))
    with pytest.raises(ValueError, match=r"a follow-up cut-off of 30 lies outside pain_vas \(0-10 scale\)"):  # fmt: skip
        stats.responders_by_rule(small_cohort, stats.ResponderRule(below=30))
    pain = stats.responders_by_rule(small_cohort, "pain")
    assert 0 < pain.responders.count <= pain.responders.n
    share = stats.responders_by_rule(small_cohort, "pain_30pct", measure="mobility")
    assert share.definition == "reduction of at least 30% from baseline"


def test_the_report_refuses_a_responder_threshold_off_the_scale(
    tmp_path: Path, small_cohort: Cohort
) -> None:
    section = pain_and_mobility(small_cohort, tmp_path, AnalysisConfig(responder_threshold=30.0))
    assert "\nPain change: not computed: a reduction of at least 30 points does not fit pain_vas (0-10 scale)" in section.lines[0]  # fmt: skip
    (check,) = [c for c in section.checks if c.check == "responder_scale"]
    assert check.triggered and check.severity == "major"
    fine = pain_and_mobility(small_cohort, tmp_path, AnalysisConfig())
    assert not next(c for c in fine.checks if c.check == "responder_scale").triggered


def test_responder_scale_check() -> None:
    wrong = responder_scale("pain_vas", 30, False, (0.0, 10.0), PLAIN, "pain")
    assert wrong.triggered and wrong.severity == "major"
    assert "A reduction of at least 30 points does not fit pain (0-10 scale)" in wrong.message
    right = responder_scale("pain_vas", 3, False, (0.0, 10.0), PLAIN, "pain")
    assert not right.triggered and "30% of its range" in right.message
    assert not responder_scale("pain_vas", 0.5, True, (0.0, 10.0), PLAIN).triggered
    assert not responder_scale("rdq", 5, False, None, PLAIN).checked


# --- the check value and the section ----------------------------------------------------


def test_a_check_states_its_severity_consistently() -> None:
    with pytest.raises(ValueError, match="a triggered check needs a severity"):
        Check("few_events", "x", True, "none", "m")
    with pytest.raises(ValueError, match="no review check 'typo'; checks: events_per_parameter"):
        Check("typo", "x", False, "none", "m")


def test_the_review_section_lists_every_check_and_validates(small_cohort: Cohort) -> None:
    import jsonschema

    steady = stats.cox_ph(_survival(120, 0.00005, 1), "time", "event", ("x", "age"))
    made = [events_per_parameter(steady, "Cox risk-factor model", PLAIN)]
    review = statistical_review(small_cohort, AnalysisConfig(), PLAIN, made, [_p_table(8)])
    assert [c.check for c in review.checks][:1] == ["events_per_parameter"]
    assert {c.check for c in review.checks} == {
        "events_per_parameter", "few_events", "sparse_two_by_two", "proportional_hazards",
        "clustered_vertebrae", "multiple_testing", "follow_up", "responder_scale",
    }  # fmt: skip
    text = review.markdown()
    assert text.startswith("## Statistical review\n")
    assert "### Calls for attention\n\n- Major. Events per parameter, Cox risk-factor model: " in text  # fmt: skip
    assert "### Not checked\n" in text and "- Sparse 2 x 2 table, this report: Not checked: no analysis of this kind was computed." in text  # fmt: skip
    schema = json.loads((ROOT / "data_schema" / "results.schema.json").read_text())
    records = review.records()
    jsonschema.validate({"schema_version": 1, "results": records}, schema)
    epp = next(r for r in records if r["method"] == "events_per_parameter" and r["statistic"] == "events")  # fmt: skip
    assert epp["value"] == steady.n_events and epp["context"]["severity"] == "major"
    bad = dict(records[0], method="not_a_check")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"schema_version": 1, "results": [bad]}, schema)


def test_categorical_levels_read_from_codes_as_from_text() -> None:
    from analysis.report.review.gather import _is_level, _order

    column = pd.Series(pd.Categorical(["b", None, "a", "b"], categories=["c", "b", "a", "d"]))
    assert _order(column) == ("b", "a")  # category order, unused ones left out
    for level in ("a", "b", "c", "nan"):
        expected = (column.astype(str) == level).where(column.notna())
        got = _is_level(column, level).where(column.notna())
        pd.testing.assert_series_equal(got, expected)
