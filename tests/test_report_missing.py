"""The report's missing-data section: complete-case and pooled results side by side,
from the same imputation as the functions give, with the methods a reviewer asks for."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.cli import main
from analysis.config import AnalysisConfig
from analysis.formatting import PLAIN, ci, number
from analysis.load import load_cohort
from analysis.report.missing import _risk_frame, missing_data
from analysis.report.missing_frames import (
    cement_frame,
    course_frame,
    course_long,
    share_session_totals,
    with_volumes,
)
from analysis.stats import (
    cox_ph,
    fit_mixed_model,
    fracture_risk_model,
    impute,
    mixed_model,
    pool,
    repeat_volume,
)
from analysis.stats.fractures.cohort import RISK_FACTORS


@pytest.fixture(scope="module")
def demo(demo_workbook: Path):  # type: ignore[no-untyped-def]
    return load_cohort(demo_workbook).cohort


def test_the_section_pools_the_risk_model_as_the_functions_do(demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    cfg = replace(AnalysisConfig(), impute=5, impute_seed=7)
    text = missing_data(demo, tmp_path, cfg).markdown()
    assert "not computed" not in text
    data = _risk_frame(demo)
    bounds = {"index_cement_volume_ml": (0.0, np.inf)}
    fits = [cox_ph(f, "time", "fracture", RISK_FACTORS, concordance=False, proportional_hazards=False) for f in impute(data, m=5, seed=7, time="time", event="fracture", bounds=bounds)]  # fmt: skip
    pooled = pool(fits).terms["index_cement_volume_ml"]
    cc = fracture_risk_model(demo).hazard_ratios["index_cement_volume_ml"]
    assert (
        f"Cement volume, total over the levels treated, mL: {number(cc.estimate, 2)} ({ci(cc.ci_low, cc.ci_high, 2)}) "
        f"complete cases, {number(pooled.exp_estimate, 2)} ({ci(pooled.exp_ci_low, pooled.exp_ci_high, 2)}) imputed"
    ) in text  # fmt: skip
    # the session's recorded total stands in for blank per-vertebra volumes: one patient lacks both
    assert "cement volume, total over the levels treated, mL 1 of 299 (0.3%)" in text
    # the fraction of missing information shown is the large-sample one: 0 for a term
    # nothing missing touches (mice's fmi would print 2 / (df + 3), 0.08 here)
    assert f"imputed (fraction of missing information {number(pooled.fmi_large_sample, 2)})" in text
    assert pooled.fmi > 0.07 and pooled.fmi_large_sample < 0.01
    # the pooled interval is wider by its t reference alone; the text says so, with the df
    all_df = sorted(t.df for t in pool(fits).terms.values())
    assert pool(fits).dfcom == 30 - 5 and 20 < all_df[0] <= all_df[-1] < 25
    low, high = number(all_df[0], 1), number(all_df[-1], 1)
    assert (
        f"The imputed intervals use a t reference with {low if low == high else f'{low} to {high}'} "
        "degrees of freedom (Barnard-Rubin, on the complete-data 25: "
        "events minus coefficients"
    ) in text
    assert "the normal (z) reference of the Cox model" in text
    assert "5 data sets, seed 7" in text and "Barnard-Rubin" in text and "missing at random" in text
    assert "Mobility, before to 1 month: mean change" in text
    for name in ("missing_values", "missing_patterns", "risk_model_pooled", "pain_change_pooled", "mobility_change_pooled", "missingness_pain_1m", "missingness_mobility_1m", "pain_mixed_model_pooled", "cement_volume_clustered_pooled", "cement_volume_paired_pooled", "imputation_model_cement"):  # fmt: skip
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


def test_the_mixed_model_and_the_cement_comparison_pooled_beside_complete_cases(demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    cfg = replace(AnalysisConfig(), impute=3, impute_seed=11)
    text = missing_data(demo, tmp_path, cfg).markdown()
    assert "not computed" not in text
    # the mixed model: every score due while the patient was alive, none after death
    data, due = course_frame(demo, cfg)
    assert list(due.columns) == ["pain_pre", "pain_24h", "pain_1m", "pain_3m", "pain_12m"]
    death = (
        pd.to_numeric(demo.patients.set_index("patient_id")["death_day"])
        .astype(float)
        .reindex(data["patient_id"])
    )
    assert not due["pain_12m"][(death < 365).to_numpy()].any() and due["pain_pre"].all()
    imp = impute(data, m=3, seed=11, bounds={c: (0.0, 10.0) for c in due.columns})
    for f in imp:
        assert f[list(due.columns)].stack().between(0, 10).all()  # within the pain scale
    fits = [fit_mixed_model(course_long(f, due), "pain_vas", tuple(c[5:] for c in due.columns)) for f in imp]  # fmt: skip
    pooled = pool(fits).terms["3m"]
    cc = mixed_model(demo, "pain_vas", cfg.timepoints).fixed.set_index("term").loc["3m"]
    assert fits[0].n_observations == int(due.to_numpy().sum()) > mixed_model(demo).n_observations
    assert (
        f"3 months: {number(cc.estimate)} ({ci(cc.ci_low, cc.ci_high)}) complete cases, "
        f"{number(pooled.estimate)} ({ci(pooled.ci_low, pooled.ci_high)}) imputed"
    ) in text  # fmt: skip
    assert f"imputed: all {int(due.to_numpy().sum())} scores due while the patient was alive" in text  # fmt: skip
    # cement: the blank per-vertebra volumes of a session share out what its total leaves
    vertebrae = cement_frame(demo)
    volumes = impute(vertebrae, m=3, seed=11, bounds={"cement_volume_ml": (0.0, np.inf), "session_ml_per_vertebra": (0.0, np.inf)})  # fmt: skip
    shared = share_session_totals(demo, volumes[0]["cement_volume_ml"])
    procs = demo.procedures.assign(v=shared)
    blank = procs[procs["cement_volume_ml"].isna() & procs["session_cement_volume_ml"].notna()]
    sums = procs.groupby(["patient_id", "day"])["v"].sum()
    for (pid, day), total in blank.groupby(["patient_id", "day"])["session_cement_volume_ml"].first().items():  # fmt: skip
        assert sums[(pid, day)] == pytest.approx(float(total), rel=1e-9)
    recorded = demo.procedures["cement_volume_ml"].notna().to_numpy()
    assert np.array_equal(shared.to_numpy()[recorded], demo.procedures["cement_volume_ml"].to_numpy(float)[recorded])  # fmt: skip
    fits_rv = [repeat_volume(with_volumes(demo, share_session_totals(demo, f["cement_volume_ml"]))) for f in volumes]  # fmt: skip
    clustered = pool([f.clustered for f in fits_rv]).terms["repeated"]
    assert all(f.n_excluded == 0 for f in fits_rv)
    cc_rv = repeat_volume(demo).clustered
    assert cc_rv is not None
    assert (
        f"GEE, all vertebrae, clustered by patient: {number(cc_rv.estimate)} ({ci(cc_rv.ci_low, cc_rv.ci_high)}) "
        f"complete cases, {number(clustered.estimate)} ({ci(clustered.ci_low, clustered.ci_high)}) imputed"
    ) in text  # fmt: skip
    assert "paired t-test, vertebrae treated at both" in text
    frame = pd.read_csv(tmp_path / "results" / "cement_volume_clustered_pooled.csv")
    assert frame["dfcom"].iloc[0] == 460 - 2 and frame["std_error_used"].iloc[0] == "robust"
    # the methods: the rule of thumb for m, the pooling's df per analysis, the FMI used
    assert "fewer data sets than the largest percentage of a variable's values missing (44%)" in text  # fmt: skip
    assert "observations minus the fixed effects and the two variances" in text
    assert "local residual draws" in text and "shares out what the total leaves" in text


def test_reference_distributions_are_read_off_each_row() -> None:
    from scipy import stats as st

    from analysis.report.missing import reference_distributions

    rows = pd.DataFrame(
        {
            "estimate": [0.3, 0.3, 0.3],
            "std_error": [0.2, 0.2, 0.2],
            "ci_high": [
                0.3 + st.norm.ppf(0.975) * 0.2,
                0.3 + st.t.ppf(0.975, 23.2) * 0.2,
                0.3 + st.t.ppf(0.975, 250) * 0.2,
            ],
        }
    )
    assert reference_distributions(rows, 0.95, PLAIN) == ["normal (z)", "t, 23.2 df", "t, 250 df"]  # fmt: skip


def test_the_imputed_tables_name_each_rows_reference_and_too_few_data_sets(demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    cfg = replace(AnalysisConfig(), impute=3, impute_seed=7)
    text = missing_data(demo, tmp_path, cfg).markdown()
    table = pd.read_csv(tmp_path / "tables" / "risk_model_imputed.csv")
    data = _risk_frame(demo)
    bounds = {"index_cement_volume_ml": (0.0, np.inf)}
    fits = [cox_ph(f, "time", "fracture", RISK_FACTORS, concordance=False, proportional_hazards=False) for f in impute(data, m=3, seed=7, time="time", event="fracture", bounds=bounds)]  # fmt: skip
    pooled = pool(fits)
    cc = table[table["Analysis"] == "complete cases"]
    mi = table[table["Analysis"] == "multiple imputation"]
    assert (cc["Reference"] == "normal (z)").all()
    assert mi["Reference"].tolist() == [f"t, {number(t.df, 1)} df" for t in pooled.terms.values()]
    # the run's imputations are fewer than the rule asks for: said once, beside the first table
    missing = pd.read_csv(tmp_path / "results" / "missing_values.csv")
    worst = 100 * missing.loc[missing["group"] == "all", "share_missing"].max()
    need = int(np.ceil(worst))
    note = f"rests on fewer imputed data sets than this report's rule asks for: 3 were used, at least {need} are needed"  # fmt: skip
    assert text.count(note) == 1
    assert text.index(note) > text.index("| Disc leakage at the index session | multiple imputation |")  # fmt: skip
    assert text.index(note) < text.index("Pain, before to 1 month: mean change")


def test_no_note_when_the_imputations_are_enough() -> None:
    from analysis.report.missing import _too_few

    missing = pd.DataFrame({"variable": ["a", "b"], "group": ["all", "all"], "share_missing": [0.1, 0.444]})  # fmt: skip
    assert _too_few(45, missing) is None
    assert "at least 45 are needed (the largest percentage of a variable's values missing, 44.4%)" in str(_too_few(44, missing))  # fmt: skip
