"""Sessions without a follow-up score because the patient had died before it was due are
told apart from scores simply missing: in the paired results, the mixed model, Table 2's
footnote and the report's exclusion records."""

from __future__ import annotations

import pandas as pd

from analysis.report.sections import Exclusion
from analysis.schema import Cohort
from analysis.stats import mixed_model, paired_change
from analysis.stats.outcomes.timecourse import change_from_baseline
from analysis.tables import outcome_table

# Patients P1-P6, index procedure on day 0. P1 died on day 30 and P2 on day 31 (a
# 1-month score is due on day 30.44: P1 died before it, P2 after it); P3 died on day 200
# (before 12 months); P4 has no 1-month score and did not die; P5 and P6 have every score.
DEATHS = {"P1": 30, "P2": 31, "P3": 200}


def _cohort() -> Cohort:
    ids = [f"P{i}" for i in range(1, 7)]
    patients = pd.DataFrame({
        "patient_id": ids, "sex": "female", "age_years": 70.0, "etiology": "osteoporotic",
        "followup_days": [DEATHS.get(p, 500) for p in ids],
        "died": [p in DEATHS for p in ids], "death_day": [DEATHS.get(p) for p in ids],
    })  # fmt: skip
    procedures = pd.DataFrame({
        "procedure_id": [f"{p}-1" for p in ids], "patient_id": ids, "day": 0, "level": "L1",
        "technique": "vertebroplasty", "is_repeat": False,
    })  # fmt: skip
    scores = {  # (patient, time point): pain
        **{(p, "pre"): 8.0 for p in ids},
        ("P2", "1m"): 4.0, ("P3", "1m"): 3.0, ("P5", "1m"): 2.0, ("P6", "1m"): 3.0,
        ("P3", "3m"): 3.0, ("P4", "3m"): 2.0, ("P5", "3m"): 2.0, ("P6", "3m"): 1.0,
        ("P5", "12m"): 2.0, ("P6", "12m"): 3.0, ("P4", "12m"): 4.0,
    }  # fmt: skip
    assessments = pd.DataFrame(
        [{"patient_id": p, "procedure_id": f"{p}-1", "timepoint": t, "measure": "pain_vas",
          "value": v} for (p, t), v in scores.items()]
    )  # fmt: skip
    return Cohort.from_frames(patients, procedures, assessments)


def test_paired_change_counts_the_sessions_whose_patient_died_before_the_time_point() -> None:
    cohort = _cohort()
    one_month = paired_change(cohort, "pain_vas", "pre", "1m")
    # P1 (died day 30) and P4 (alive) lack the score; only P1 had died before it
    assert (one_month.n_missing_after, one_month.n_died) == (2, 1)
    year = paired_change(cohort, "pain_vas", "pre", "12m")
    # P1, P2, P3 died before 12 months; P4 has the score
    assert (year.n_missing_after, year.n_died) == (3, 3)
    assert year.glance()["n_died"].iloc[0] == 3
    course = change_from_baseline(cohort, "pain_vas", ("pre", "1m", "3m", "12m"))
    assert [(c.time_after, c.n_died) for c in course.changes] == [("1m", 1), ("3m", 2), ("12m", 3)]  # fmt: skip
    # 6 of the missing scheduled follow-up scores fell after death: P1's at 1, 3 and 12
    # months, P2's at 3 and 12 months, P3's at 12 months (P4's 1-month score is missing)
    model = mixed_model(cohort, "pain_vas", ("pre", "1m", "3m", "12m"))
    assert model.n_died == 6


def test_table_2_footnote_says_how_many_without_a_score_had_died() -> None:
    course = change_from_baseline(_cohort(), "pain_vas", ("pre", "1m", "3m", "12m"))
    notes = "\n".join(outcome_table([course]).footnotes)
    assert "1 month 4 of 6 (2 excluded: 2 without a score at the time point (1 of them had died before it))" in notes  # fmt: skip
    assert "12 months 3 of 6 (3 excluded: 3 without a score at the time point (3 of them had died before it))" in notes  # fmt: skip
    assert "Without a score at the time point: died before it (counted above), or not assessed" in notes  # fmt: skip


def test_an_exclusion_record_names_the_deaths() -> None:
    e = Exclusion("Pain", "index procedures", 4, 2, "index procedures without both pain scores",
                  1, "the patient had died before 1 month")  # fmt: skip
    assert e.sentence() == (
        "Pain: 4 of 6 index procedures analysed; 2 index procedures without both pain scores "
        "were excluded, 1 of them because the patient had died before 1 month"
    )
    assert "because" not in Exclusion("Pain", "index procedures", 4, 2, "x").sentence()
