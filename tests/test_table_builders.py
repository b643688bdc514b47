"""Tables built from result objects: every number shown equals the result's field."""

from __future__ import annotations

import numpy as np
import pytest

from analysis.formatting import JAMA, PLAIN, count_percent, estimate_ci, mean_sd, p_value, smd
from analysis.schema import Cohort
from analysis.stats import (
    change_by_group,
    change_from_baseline,
    compare_groups,
    describe_cohort,
    fracture_free_logrank,
    fracture_free_survival,
    fracture_risk_model,
    logistic_model,
    responders,
    smd_continuous,
    vertebra_frame,
)
from analysis.synth import synthesize
from analysis.tables import (
    case_series_table,
    group_comparison_table,
    km_table,
    outcome_table,
    regression_table,
    table_one,
)
from analysis.tables.table_one import PATIENT_VARIABLES
from tests.snapshot import assert_snapshot

COVARIATES = ("age_years", "sex", "steroid_use", "index_cement_volume_ml", "disc_leakage")


@pytest.fixture(scope="module")
def cohort() -> Cohort:
    return synthesize(120, seed=20261121)


def _row(table, label: str) -> tuple[str, ...]:
    return next(r.cells for r in table.rows if r.cells[0] == label)


def test_table_one_overall_equals_the_cohort_summary(cohort: Cohort) -> None:
    t = table_one(cohort)
    s = describe_cohort(cohort)
    age = next(c for c in s.continuous if c.variable == "age_years")
    assert _row(t, "Age, years, mean (SD)")[1] == mean_sd(age.mean, age.sd)
    women = next(c for c in s.categorical if (c.variable, c.level) == ("sex", "female"))
    assert _row(t, "Female")[1] == count_percent(women.count, women.n)
    assert _row(t, "Patients, n")[1] == str(s.n_patients)
    # the vertebrae of the index procedure, as the summary and the text count them
    assert _row(t, "Vertebrae, n")[1] == str(s.n_index_vertebrae)
    assert s.n_index_vertebrae < s.n_vertebrae  # later sessions exist, and are left out
    for level in ("vertebroplasty", "kyphoplasty"):
        tech = next(c for c in s.categorical if (c.variable, c.level) == ("technique", level))
        assert _row(t, level.capitalize())[1] == count_percent(tech.count, tech.n)
    leak = next(c for c in s.categorical if c.variable == "any_leakage")
    assert _row(t, "Any cement leakage, n (%)")[1] == count_percent(leak.count, leak.n)
    assert [r.cells[0] for r in t.rows if r.group] == ["Patients", "Vertebrae treated at the index procedure", "During follow-up"]  # fmt: skip
    assert "vertebrae treated at the index procedure" in t.title


def test_table_one_by_group_with_tests_smd_and_unknown(cohort: Cohort) -> None:
    pts = cohort.patients.copy()
    pts.loc[pts.index[:5], "age_years"] = np.nan
    gappy = Cohort.from_frames(pts, cohort.procedures, cohort.assessments, cohort.fractures)
    t = table_one(gappy, by="etiology", style=JAMA)
    assert t.columns == ("Characteristic", "Overall", "Osteoporotic", "Pathologic (malignant)", "P", "SMD")  # fmt: skip
    assert t.spanners[0][0].text == "Fracture etiology"
    comp = compare_groups(pts.assign(etiology=pts["etiology"].astype(str)), "age_years", "etiology",
                          ("osteoporotic", "pathologic"))  # fmt: skip
    age = _row(t, "Age, years, mean (SD)")
    assert age[4] == p_value(comp.tests["welch"].p_value, JAMA) + "ᵃ"
    x = pts.loc[pts["etiology"] == "osteoporotic", "age_years"].dropna().to_numpy()
    y = pts.loc[pts["etiology"] == "pathologic", "age_years"].dropna().to_numpy()
    assert age[5] == smd(abs(smd_continuous(x, y)), JAMA)
    unknown = t.rows[[r.cells[0] for r in t.rows].index("Age, years, mean (SD)") + 1]
    assert unknown.cells[0] == "Unknown" and unknown.cells[1] == "5"
    assert "ᵃ Welch two-sample t-test." in t.footnotes
    assert not any(r.cells[0].startswith("Fracture etiology") for r in t.rows)  # the by variable


def test_table_one_refuses_unknown_columns(cohort: Cohort) -> None:
    with pytest.raises(ValueError, match="no patient column 'colour'"):
        table_one(cohort, by="colour")
    with pytest.raises(ValueError, match="has 1 group"):
        table_one(Cohort.from_frames(cohort.patients.assign(sex="female"), cohort.procedures,
                                     cohort.assessments, cohort.fractures), by="sex")  # fmt: skip


def test_km_table_numbers_are_the_results(cohort: Cohort) -> None:
    km = fracture_free_survival(cohort, "etiology")
    lr = fracture_free_logrank(cohort, "etiology")
    days = (30, 180, 365)
    t = km_table(km, days, lr, by="etiology")
    at = km.at(days)
    risk_rows = [r for r in t.rows if not r.group][len(km.curves) :]
    for row, curve in zip(risk_rows, km.curves, strict=True):
        assert list(row.cells[2:5]) == [str(n) for n in at.loc[at["group"] == curve.group, "n_risk"]]  # fmt: skip
    first = at.iloc[1]
    assert t.rows[1].cells[3] == estimate_ci(100 * first.survival, 100 * first.ci_low, 100 * first.ci_high, 1)  # fmt: skip
    assert any(f"p = {p_value(lr.test.p_value)}" in n for n in t.footnotes)


def test_incidence_table_shows_the_competing_deaths_and_the_numbers_at_risk(cohort: Cohort) -> None:  # fmt: skip
    from analysis.stats import fracture_cumulative_incidence
    from analysis.tables import cumulative_incidence_table

    days = (30, 365, 730)
    cif = fracture_cumulative_incidence(cohort, "etiology", by_class=False)
    km = fracture_free_survival(cohort, "etiology")
    t = cumulative_incidence_table(cif, days, ("new_fracture", "death"), "etiology", at_risk=km)
    heads = [r.cells[0] for r in t.rows if r.group]
    assert heads == ["New fracture, any level", "Death (competing)", "Number at risk"]
    at = km.at(days)
    risk = t.rows[[r.cells[0] for r in t.rows].index("Number at risk") + 1 :]
    for row, g in zip(risk, ("osteoporotic", "pathologic"), strict=True):
        assert row.cells[2:] == tuple(str(n) for n in at.loc[at["group"] == g, "n_risk"])
    assert risk[0].cells[2] != risk[0].cells[4]  # the risk set shrinks over follow-up
    death = cif.curve("death", "pathologic").at(days)
    labels = [r.cells[0] for r in t.rows]
    row = t.rows[labels.index("Death (competing)") + 2]
    assert row.cells[0] == "Pathologic (malignant)"
    assert row.cells[3].startswith(f"{100 * death['estimate'].iloc[1]:.1f} (")
    grays = [n.split(":")[0] for n in t.footnotes if ": Gray's test" in n]
    assert grays == ["New fracture, any level", "Death (competing)"]  # in the order of the rows
    assert "Number at risk: patients still followed, alive and free of a new fracture, at the start of each day." in t.footnotes  # fmt: skip
    with pytest.raises(ValueError, match="the numbers at risk have no group 'osteoporotic'"):
        cumulative_incidence_table(cif, days, by="etiology", at_risk=fracture_free_survival(cohort))


def test_regression_table_labels_levels_and_reference_rows(cohort: Cohort) -> None:
    multi = fracture_risk_model(cohort, COVARIATES)
    unis = [fracture_risk_model(cohort, (c,)) for c in COVARIATES]
    t = regression_table(multi, unis)
    text = t.to_markdown()
    for raw in COVARIATES:
        assert raw not in text.replace("\\_", "_")  # labels only
    assert _row(t, "Cement volume, total over the levels treated, mL")[1] == str(unis[3].n_used)
    male = _row(t, "Male")
    hr = multi.hazard_ratios["sex=male"]
    assert male[5] == estimate_ci(hr.estimate, hr.ci_low, hr.ci_high, 2)
    lc = unis[1].level_counts
    assert male[1:3] == tuple(str(v) for v in lc.loc[lc["level"] == "male", ["n_subjects", "n_events"]].iloc[0])  # fmt: skip
    assert _row(t, "Female")[3] == "1 (reference)"
    assert _row(t, "No")[3] == "1 (reference)"
    assert [s.text for s in t.spanners[0]] == ["Univariable", "Multivariable"]
    assert_snapshot("regression_table.md", text)


def test_group_comparison_and_outcome_tables(cohort: Cohort) -> None:
    res = change_by_group(cohort, "pain_vas", "pre", "1m", "etiology", ("osteoporotic", "pathologic"))  # fmt: skip
    t = group_comparison_table([res], by="etiology")
    diff = next(r.cells for r in t.rows if r.cells[0].startswith("Difference"))
    w = res.change.tests["welch"]
    assert diff[4] == estimate_ci(w.estimate, w.ci_low, w.ci_high)
    assert diff[5] == p_value(w.p_value) + "ᵃ"
    assert any("Mann-Whitney" in n and "sensitivity" in n for n in t.footnotes)
    # each sensitivity estimate is named: a mean difference, a Hodges-Lehmann shift
    mw = res.change.tests["mann_whitney"]
    shift = f"Hodges-Lehmann shift {estimate_ci(mw.estimate, mw.ci_low, mw.ci_high)}"
    assert any(shift in n and "mean difference " in n for n in t.footnotes)
    course = change_from_baseline(cohort, "pain_vas", ("pre", "24h", "1m", "3m"))
    resp = responders(cohort, "pain_vas", "pre", "1m")
    o = outcome_table([course], [resp], style=PLAIN)
    month = _row(o, "1 month")
    i = [c.time_after for c in course.changes].index("1m")
    assert month[5].startswith(p_value(course.p_holm_t[i]))
    assert month[6].startswith(count_percent(resp.responders.count, resp.responders.n))
    assert any("Holm" in n for n in o.footnotes)


def test_outcome_table_says_what_each_time_point_excluded(cohort: Cohort) -> None:
    course = change_from_baseline(cohort, "pain_vas", ("pre", "24h", "1m", "3m", "12m"))
    o = outcome_table([course], style=PLAIN)
    note = next(n for n in o.footnotes if n.startswith("Pairs used, Pain"))
    year = course.changes[-1]
    assert year.n_excluded > 0 and year.n_missing_after > 0  # what the note must say
    sessions = year.n_pairs + year.n_excluded
    assert f"12 months {year.n_pairs} of {sessions} ({year.n_excluded} excluded: " in note
    assert f"{year.n_missing_after} without a score at the time point" in note
    assert note.count(" excluded") == len(course.changes)
    assert year.n_died > 0 and f"({year.n_died} of them had died before it)" in note
    assert "died before it (counted above), or not assessed, or left follow-up" in o.footnotes[o.footnotes.index(note) + 1]  # fmt: skip


def test_case_series_shows_no_identifier() -> None:
    small = synthesize(6, seed=20261121)
    t = case_series_table(small)
    assert [r.cells[0] for r in t.rows] == ["1", "2", "3", "4", "5", "6"]
    html = t.to_html()
    assert not any(pid in html for pid in small.patients["patient_id"].astype(str))
    with pytest.raises(ValueError, match="one row per patient; this cohort has 120"):
        case_series_table(synthesize(120, seed=20261121))


def test_case_series_pools_ages_of_90_and_over() -> None:
    small = synthesize(6, seed=20261121)
    pts = small.patients.copy()
    pts["age_years"] = [91.0, 90.0, 89.6, 89.0, 95.0, 70.0]
    aged = Cohort.from_frames(pts, small.procedures, small.assessments, small.fractures)
    t = case_series_table(aged)
    ages = [r.cells[t.columns.index("Age, y")] for r in t.rows]
    assert ages == ["≥90", "≥90", "≥90", "89", "≥90", "70"]
    assert "Ages of 90 years and over are shown as ≥90, so that no patient is identified by age." in t.footnotes  # fmt: skip
    assert not any(a in t.to_html() for a in (">91<", ">95<", ">90<"))


def test_case_series_footnote_describes_only_the_columns_shown() -> None:
    t = case_series_table(synthesize(6, seed=20261121))
    assert "Days to failure" not in t.columns and "Outcome" not in t.columns
    first = t.footnotes[0]
    assert first.startswith("Levels, technique, cement and volume (total over the levels) of the index session")  # fmt: skip
    assert "days to failure" not in first and "outcome of the last procedure" not in first


def test_table_one_snapshot() -> None:
    assert_snapshot(
        "table_one.md", table_one(synthesize(40, seed=20261121), by="sex").to_markdown()
    )


def test_table_one_leaves_out_a_variable_nobody_has(cohort: Cohort) -> None:
    pts = cohort.patients.assign(bmd_t_score=np.nan)
    gappy = Cohort.from_frames(pts, cohort.procedures, cohort.assessments, cohort.fractures)
    t = table_one(gappy, by="etiology")
    assert not any(r.cells[0].startswith("BMD T-score") for r in t.rows)
    assert "Not recorded for anyone, so not shown: BMD T-score." in t.footnotes


def test_regression_table_of_logistic_models(cohort: Cohort) -> None:
    frame = vertebra_frame(cohort)
    multi = logistic_model(frame, "any_leakage", ["cement_volume_ml", "technique"])
    unis = [logistic_model(frame, "any_leakage", [c]) for c in ("cement_volume_ml", "technique")]
    t = regression_table(multi, unis)
    assert t.columns[3] == "OR (95% CI)" and "(logistic regression)" in t.title
    kypho = _row(t, "Kyphoplasty")
    o = multi.odds_ratios["technique=kyphoplasty"]
    assert kypho[5] == estimate_ci(o.estimate, o.ci_low, o.ci_high, 2)
    lc = unis[1].level_counts
    assert kypho[1:3] == tuple(str(v) for v in lc.loc[lc["level"] == "kyphoplasty", ["n_subjects", "n_events"]].iloc[0])  # fmt: skip
    assert _row(t, "Vertebroplasty")[3] == "1 (reference)"
    assert any("OR, odds ratio" in f for f in t.footnotes)
    assert not any("concordance" in f for f in t.footnotes)
    with pytest.raises(ValueError, match="not both"):
        regression_table(multi, [fracture_risk_model(cohort, ("age_years",))])


def test_table_one_says_its_follow_up_is_the_observed_time(cohort: Cohort) -> None:
    t = table_one(cohort, by="etiology")
    assert any(r.cells[0].startswith("Follow-up, days") for r in t.rows)
    assert "Follow-up, days: observed days from the index procedure to the last contact or death, as recorded; a reverse Kaplan-Meier median of follow-up (which censors at a new fracture) can differ from it." in t.footnotes  # fmt: skip
    others = [v for v in PATIENT_VARIABLES if v.name != "followup_days"]
    without = table_one(cohort, by="etiology", patient_variables=others)
    assert not any(n.startswith("Follow-up, days:") for n in without.footnotes)


def test_hodges_lehmann_note_only_where_an_estimate_meets_a_limit() -> None:
    from analysis.stats import Estimate
    from analysis.tables import hodges_lehmann_note

    def hl(est: float, low: float, high: float, quantity: str = "hodges_lehmann_shift") -> Estimate:  # fmt: skip
        return Estimate(quantity, est, low, high, 0.95, "Mann-Whitney U test", 10, 0)

    assert hodges_lehmann_note([hl(-1.5, -2.5, -0.5)], PLAIN) == ""
    assert hodges_lehmann_note([hl(-2.0, -2.0, -1.0, "mean_difference")], PLAIN) == ""
    on_limit = hodges_lehmann_note([hl(-1.5, -2.5, -0.5), hl(-2.0, -2.0, -1.0)], PLAIN)
    assert on_limit.startswith("Hodges-Lehmann estimates of whole-number scores fall on whole or half points")  # fmt: skip
    assert hodges_lehmann_note([hl(-1.0, -1.0, -1.0, "hodges_lehmann_change")], PLAIN) == on_limit
    # as printed: 3.04 and 3.0 read the same at one decimal
    assert hodges_lehmann_note([hl(3.04, 3.0, 3.6)], PLAIN) == on_limit
    assert hodges_lehmann_note([hl(3.04, 3.0, 3.6)], JAMA) == on_limit


def test_regression_table_notes_a_model_with_few_events_per_parameter(cohort: Cohort) -> None:
    """Below 10 events per estimated coefficient the table's notes say the multivariable
    hazard ratios are exploratory, with the model's own ratio (the forest plot says the
    same); a model with enough events says nothing of it."""
    from analysis.stats.results import EVENTS_PER_PARAMETER

    multi = fracture_risk_model(cohort, COVARIATES)
    k = len(multi.coef)
    notes = " ".join(regression_table(multi, []).footnotes)
    few = multi.n_events < EVENTS_PER_PARAMETER * k
    said = f"The multivariable model has {multi.n_events / k:.1f} events per estimated parameter, fewer than the 10 usually asked for: its hazard ratios are exploratory."  # fmt: skip
    assert (said in notes) == few
    one = fracture_risk_model(cohort, (COVARIATES[0],))
    enough = one.n_events >= EVENTS_PER_PARAMETER * len(one.coef)
    assert ("events per estimated parameter" in " ".join(regression_table(one, []).footnotes)) != enough  # fmt: skip
    assert few or enough  # the demo cohort shows at least one of the two cases
