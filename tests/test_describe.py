"""The numbers of Table 1 and the summary, on a cohort small enough to count by hand."""

import math

import pandas as pd
import pytest

from analysis.formatting import FormatConfig, ci, count_percent, mean_sd, median_iqr, p_value
from analysis.schema import Cohort
from analysis.stats import describe_cohort
from analysis.tables import cohort_table


@pytest.fixture
def tiny():
    patients = pd.DataFrame(
        {
            "patient_id": ["A", "B", "C", "D"],
            "sex": ["female", "female", "male", None],
            "age_years": [60.0, 70.0, 80.0, 90.0],
            "steroid_use": [True, False, None, True],
            "followup_days": [100, 200, 300, 400],
        }
    )
    procedures = pd.DataFrame(
        {
            "procedure_id": ["A-1", "A-1", "B-1", "C-1", "D-1", "D-2"],
            "patient_id": ["A", "A", "B", "C", "D", "D"],
            "day": [0, 0, 0, 0, 0, 50],
            "level": ["T12", "L1", "L2", "T8", "L4", "L4"],
            "technique": ["vertebroplasty"] * 5 + ["kyphoplasty"],
            "is_repeat": [False, False, False, False, False, True],
            "cement_volume_ml": [2.0, 4.0, 6.0, 8.0, 10.0, 7.0],
            "leakage": ["none", "disc", "none", None, "venous;disc", "none"],
        }
    )
    return Cohort.from_frames(patients, procedures)


def test_counts_and_continuous_summaries(tiny):
    s = describe_cohort(tiny)
    assert (s.n_patients, s.n_procedures, s.n_vertebrae, s.n_new_fractures) == (4, 5, 6, 0)
    # the index procedures (day 0) and their vertebrae apart; D's L4 augmented again on day 50
    assert (s.n_index_procedures, s.n_index_vertebrae) == (4, 5)
    assert (s.n_repeat_vertebrae, s.n_repeat_patients) == (1, 1)
    cat = {(c.variable, c.level): c for c in s.categorical}
    female = cat[("sex", "female")]
    assert (female.count, female.n, female.n_missing) == (2, 3, 1)
    steroid = cat[("steroid_use", "yes")]
    assert (steroid.count, steroid.n, steroid.n_missing) == (2, 3, 1)
    leak = cat[("any_leakage", "yes")]  # index vertebrae only; the day-50 repeat is not counted
    assert (leak.count, leak.n, leak.n_missing) == (2, 4, 1)
    assert (
        cat[("technique", "vertebroplasty")].count == 5 and ("technique", "kyphoplasty") not in cat
    )
    cont = {c.variable: c for c in s.continuous}
    age = cont["age_years"]
    assert age.mean == 75.0 and age.sd == pytest.approx(math.sqrt(500 / 3))
    assert (age.q1, age.median, age.q3) == (67.5, 75.0, 82.5)  # R quantile type 7
    vol = cont["cement_volume_ml_initial"]
    assert (vol.n, vol.mean, vol.minimum, vol.maximum) == (5, 6.0, 2.0, 10.0)
    levels = cont["levels_per_index_procedure"]
    assert (levels.n, levels.mean) == (4, 1.25)


def test_table_one_reads_the_same_numbers(tiny):
    table = cohort_table(describe_cohort(tiny)).set_index(["characteristic", "statistic"])["value"]
    assert table[("Sex: female", "n (%)")] == "2 (66.7%)"
    assert table[("Age, years", "mean (SD)")] == "75.0 (12.9)"
    assert table[("Age, years", "median (IQR)")] == "75.0 [67.5, 82.5]"
    assert table[("Chronic steroid use: yes", "n (%)")] == "2 (66.7%)"


def test_formatting():
    assert count_percent(217, 300) == "217 (72.3%)"
    assert count_percent(0, 0) == "0 (–)"
    assert mean_sd(6.5, 1.25) == "6.5 (1.2)"  # round-half-even on the binary value 1.25
    assert median_iqr(3, 2, 5) == "3.0 [2.0, 5.0]"
    assert ci(0.1234, 0.5678, 2) == "0.12 to 0.57"
    assert p_value(0.0004) == "< 0.001" and p_value(0.0416) == "0.042"
    assert p_value(float("nan")) == "–"
    assert p_value(0.04, FormatConfig(p_decimals=2)) == "0.04"
