"""The timing of adjacent vs non-adjacent first new fractures in the demo cohort against
R (tests/reference/fracture_timing.R): the rank test takes R's wilcox.test branch (exact
when the groups are small and untied, the normal approximation with ties)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.load import load_cohort
from analysis.schema import Cohort
from analysis.stats import FractureTiming, fracture_timing
from analysis.stats.fractures.classify import classify_fractures
from tests.reference_values import reference


def _untied(cohort: Cohort) -> Cohort:
    """The demo with one first adjacent fracture moved from day 44 to 43 and one from 52
    to 53, as the R script's "untied" data."""
    fx = cohort.fractures.copy()
    first = classify_fractures(cohort).sort_values(["patient_id", "day"], kind="stable").drop_duplicates("patient_id")  # fmt: skip
    adjacent = first[first["fracture_class"].astype(str) == "adjacent"]
    for old, new in ((44, 43), (52, 53)):
        pid = adjacent.loc[adjacent["day"].astype(float) == old, "patient_id"].iloc[0]
        rows = (fx["patient_id"] == pid) & (fx["day"].astype(float) == old)
        fx.loc[rows, "day"] = new
    return Cohort.from_frames(cohort.patients, cohort.procedures, cohort.assessments, fx)


@pytest.fixture(scope="module")
def timings(demo_workbook: Path) -> dict[str, FractureTiming]:
    cohort = load_cohort(demo_workbook).cohort
    return {"demo": fracture_timing(cohort), "untied": fracture_timing(_untied(cohort))}


@pytest.mark.parametrize("data", ["demo", "untied"])
@pytest.mark.parametrize("test", ["mann_whitney", "welch", "student"])
def test_fracture_timing_against_r(timings: dict[str, FractureTiming], data: str, test: str) -> None:  # fmt: skip
    r = reference("fracture_timing")
    row = r[(r["data"] == data) & (r["test"] == test)].iloc[0]
    e = timings[data].comparison.tests[test]
    assert e.p_value == pytest.approx(row["p_value"], rel=1e-4, abs=1e-12)
    assert e.statistic == pytest.approx(abs(row["statistic"]) * np.sign(e.statistic), rel=1e-6)
    for ours, theirs in ((e.estimate, row["estimate"]), (e.ci_low, row["ci_low"]), (e.ci_high, row["ci_high"])):  # fmt: skip
        assert ours == pytest.approx(theirs, rel=1e-6)
    if test == "mann_whitney":
        exact = bool(row["exact"])
        assert e.method.startswith("Mann-Whitney U test, exact" if exact else "Mann-Whitney U test, normal approximation")  # fmt: skip


@pytest.mark.parametrize(
    ("data", "phrase"),
    [
        (
            "demo",
            "as a check, Mann-Whitney U test p < 0.001 (normal approximation: tied days rule out the exact test).",
        ),
        ("untied", "as a check, the exact Mann-Whitney U test p < 0.001."),
    ],
)
def test_the_report_prints_the_primary_test_and_the_rank_test_only(demo_workbook: Path, tmp_path: Path, data: str, phrase: str) -> None:  # fmt: skip
    from analysis.config import AnalysisConfig
    from analysis.report.sections import new_fractures

    cohort = load_cohort(demo_workbook).cohort
    section = new_fractures(cohort if data == "demo" else _untied(cohort), tmp_path, AnalysisConfig())  # fmt: skip
    text = "\n".join(section.lines)
    assert "Welch two-sample t-test p = 0.002 (the primary test named in the analysis settings); " + phrase in text  # fmt: skip
    assert "Student" not in text
    table = pd.read_csv(tmp_path / "tables" / "fracture_timing.csv")
    assert [m.split(",")[0].split(";")[0] for m in table["Method"]] == ["Welch two-sample t-test", "Mann-Whitney U test"]  # fmt: skip
    every = pd.read_csv(tmp_path / "results" / "fracture_timing.csv")
    assert "student" in set(every["test"])  # every test computed is still in the results


def test_comparison_table_refuses_a_test_it_does_not_hold(
    timings: dict[str, FractureTiming],
) -> None:
    from analysis.tables import comparison_table

    with pytest.raises(ValueError, match="no test wilcoxon in the comparison; tests: welch, student, mann_whitney"):  # fmt: skip
        comparison_table(timings["demo"].comparison, tests=("welch", "wilcoxon"))
