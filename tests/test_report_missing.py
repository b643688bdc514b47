"""The report's missing-data section: complete-case and pooled results side by side,
from the same imputation as the functions give, with the methods a reviewer asks for."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from analysis.cli import main
from analysis.config import AnalysisConfig
from analysis.load import load_cohort
from analysis.report.missing import _risk_frame, missing_data
from analysis.stats import cox_ph, fracture_risk_model, impute, pool
from analysis.stats.fractures.cohort import RISK_FACTORS


@pytest.fixture(scope="module")
def demo(demo_workbook: Path):  # type: ignore[no-untyped-def]
    return load_cohort(demo_workbook).cohort


def test_the_section_pools_the_risk_model_as_the_functions_do(demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    cfg = replace(AnalysisConfig(), impute=5, impute_seed=7)
    text = missing_data(demo, tmp_path, cfg).markdown()
    assert "not computed" not in text
    data = _risk_frame(demo)
    fits = [cox_ph(f, "time", "fracture", RISK_FACTORS, concordance=False, proportional_hazards=False) for f in impute(data, m=5, seed=7, time="time", event="fracture")]  # fmt: skip
    pooled = pool(fits).terms["index_cement_volume_ml"]
    cc = fracture_risk_model(demo).hazard_ratios["index_cement_volume_ml"]
    from analysis.formatting import ci, number

    assert (
        f"Cement volume at the index session, mL: {number(cc.estimate, 2)} ({ci(cc.ci_low, cc.ci_high, 2)}) "
        f"complete cases, {number(pooled.exp_estimate, 2)} ({ci(pooled.exp_ci_low, pooled.exp_ci_high, 2)}) imputed"
    ) in text  # fmt: skip
    # the session's recorded total stands in for blank per-vertebra volumes: one patient lacks both
    assert "Cement volume at the index session, mL 1 of 299 (0.3%)" in text
    assert "5 data sets, seed 7" in text and "Barnard-Rubin" in text and "missing at random" in text
    assert "Mobility, before to 1 month: mean change" in text
    for name in ("missing_values", "missing_patterns", "risk_model_pooled", "pain_change_pooled", "mobility_change_pooled", "missingness_pain_1m", "missingness_mobility_1m"):  # fmt: skip
        assert (tmp_path / "results" / f"{name}.csv").is_file()


def test_report_impute_flag_and_setting(demo_workbook: Path, tmp_path: Path) -> None:
    assert main(["report", str(demo_workbook), "--out", str(tmp_path / "a"), "--impute", "3"]) == 1
    assert "## Missing data" in (tmp_path / "a" / "summary.md").read_text()
    assert "<h3>Missing data</h3>" in (tmp_path / "a" / "report.html").read_text()
    (tmp_path / "v.yaml").write_text("impute: 2\nimpute_seed: 3\n")
    assert main(["report", str(demo_workbook), "--out", str(tmp_path / "b"), "--config", str(tmp_path / "v.yaml")]) == 1  # fmt: skip
    assert "2 data sets, seed 3" in (tmp_path / "b" / "summary.md").read_text()
    main(["report", str(demo_workbook), "--out", str(tmp_path / "c")])
    assert "## Missing data" not in (tmp_path / "c" / "summary.md").read_text()
    with pytest.raises(SystemExit):
        main(["report", str(demo_workbook), "--out", str(tmp_path / "d"), "--impute", "0"])


def test_a_negative_number_of_imputations_is_refused(tmp_path: Path) -> None:
    from analysis.config import read_analysis_config

    (tmp_path / "v.yaml").write_text("impute: -1\n")
    with pytest.raises(ValueError, match="impute: a number of data sets, 0 or more"):
        read_analysis_config(tmp_path / "v.yaml")
