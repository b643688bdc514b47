"""The report's missing-data section (``--impute M`` or ``impute: M`` in the settings).

What is missing (per variable of the analyses, overall and by group), the analyses that
lost units to missing values re-run on M data sets completed by chained equations and
pooled by Rubin's rules beside their complete-case results, and a methods paragraph with
the items Sterne et al. (BMJ 2009) ask a report of multiple imputation to give.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.config import AnalysisConfig
from analysis.figures.outcomes import timepoint_positions
from analysis.formatting import FormatConfig, ci, number, p_value
from analysis.labels import Labels, load_labels
from analysis.report.sections import Section, guarded, report_style
from analysis.schema import Cohort
from analysis.stats import (
    Imputation,
    MissingnessModel,
    PooledModel,
    compare_paired,
    complete_case_comparison,
    cox_ph,
    fracture_risk_model,
    impute,
    measure_wide,
    missing_patterns,
    missing_values,
    missingness_model,
    paired_change,
    pool,
    time_to_fracture,
)
from analysis.stats.fractures.cohort import RISK_FACTORS

# Patient columns that predict in every imputation model (their own gaps imputed too).
PREDICTORS = ("age_years", "sex", "etiology")


# Gaps in a variable below this many are too few to model what predicts them.
MODELLED_GAPS = 10


def _missingness(frame: pd.DataFrame, variable: str, predictors: list[str]) -> MissingnessModel | None:  # fmt: skip
    """The model of what predicts a variable's gaps, or None where it cannot be fitted
    (too few gaps in a level, a separation the fit does not converge on)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            return missingness_model(frame, variable, predictors)
        except (ValueError, Warning, np.linalg.LinAlgError):
            return None


def _used(frame: pd.DataFrame) -> list[str]:
    """Columns with at least two distinct values (a constant predicts nothing)."""
    return [c for c in frame.columns if frame[c].nunique(dropna=True) > 1]


# The paired changes re-run on imputed scores, and the word their columns carry.
SCORES = {"pain_vas": "pain", "mobility": "mobility"}


def _pain_frame(cohort: Cohort, cfg: AnalysisConfig, measure: str = "pain_vas") -> pd.DataFrame:
    """One row per index procedure of a patient alive when the follow-up score was due:
    pain before and at the follow-up time point, with the patient's predictors (a score
    after death is not missing data and is never imputed)."""
    before, after = cfg.baseline, cfg.followup_timepoint
    wide = measure_wide(cohort, measure, [before, after])
    pts = cohort.patients.set_index(cohort.patients["patient_id"].astype(str))
    months, scaled = timepoint_positions(("pre", "24h", after))
    if scaled and "death_day" in pts:
        death = pd.to_numeric(pts["death_day"], errors="coerce")
        due = months[-1] * 30.4375
        wide = wide[~(death.reindex(wide["patient_id"].astype(str)).to_numpy() < due)]
    extra = pts.reindex(wide["patient_id"].astype(str))[list(PREDICTORS)].reset_index(drop=True)
    scores = wide[[before, after]].reset_index(drop=True).add_prefix(f"{SCORES[measure]}_")
    frame = pd.concat([scores, extra], axis=1)
    return frame[_used(frame)]


def _risk_frame(cohort: Cohort) -> pd.DataFrame:
    """One row per patient with a known follow-up time: the risk model's time, event,
    covariates and the predictors."""
    data = time_to_fracture(cohort).dropna(subset=["time"])
    cols = ["time", "fracture", *dict.fromkeys([*RISK_FACTORS, *PREDICTORS])]
    return data[[c for c in cols if c in data.columns]].reset_index(drop=True)


def _term_sentence(comparison: pd.DataFrame, fmt: FormatConfig) -> str:
    """Each term's hazard ratio from the complete cases and from multiple imputation."""
    labels = load_labels()
    parts = []
    for term, rows in comparison.groupby("term", sort=False):
        cc, mi = rows.iloc[0], rows.iloc[1]
        parts.append(
            f"{labels.display(str(term))}: {number(cc.exp_estimate, 2, fmt)} "
            f"({ci(cc.exp_ci_low, cc.exp_ci_high, 2, fmt)}) complete cases, "
            f"{number(mi.exp_estimate, 2, fmt)} ({ci(mi.exp_ci_low, mi.exp_ci_high, 2, fmt)}) "
            f"imputed (fraction of missing information {number(mi.fmi, 2, fmt)})"
        )
    return "; ".join(parts)


def _readable(comparison: pd.DataFrame, exp: bool, fmt: FormatConfig) -> pd.DataFrame:
    """The comparison as a table of the text: estimate with CI, p, units used, FMI."""
    est, lo, hi = ("exp_estimate", "exp_ci_low", "exp_ci_high") if exp else ("estimate", "ci_low", "ci_high")  # fmt: skip
    decimals = 2 if exp else fmt.decimals
    labels = load_labels()
    return pd.DataFrame(
        {
            "Term": [labels.display(str(t)) for t in comparison["term"]],
            "Analysis": comparison["analysis"],
            "Estimate (95% CI)": [
                f"{number(e, decimals, fmt)} ({ci(a, b, decimals, fmt)})"
                for e, a, b in zip(comparison[est], comparison[lo], comparison[hi], strict=True)
            ],
            "p": [p_value(p, fmt) for p in comparison["p_value"]],
            "Units": comparison["n_used"],
            "FMI": [("" if np.isnan(f) else number(f, 2, fmt)) for f in comparison["fmi"]],
        }
    )


def _gaps(frame: pd.DataFrame) -> str:
    """``Cement volume at the index session, mL 32 of 299 (10.7%)``, per variable with a
    gap, or ``none``."""
    labels = load_labels()
    gaps = frame[(frame["group"] == "all") & (frame["n_missing"] > 0)]
    rows = zip(gaps["variable"], gaps["n_missing"], gaps["n"], gaps["share_missing"], strict=True)
    return "; ".join(f"{_name(str(v), labels)} {int(k)} of {int(n)} ({100 * float(sh):.1f}%)" for v, k, n, sh in rows) or "none"  # fmt: skip


def _name(variable: str, labels: Labels) -> str:
    """A variable's display name; ``pain_1m`` names the pain score at its time point."""
    for word in SCORES.values():
        if variable.startswith(f"{word}_"):
            return f"{word} {labels.timepoint(variable.removeprefix(f'{word}_')).lower()}"
    return labels.display(variable)


def _methods(imp: Imputation, missing: pd.DataFrame) -> str:
    """The methods paragraph: variables with missing data and how many, the reasons
    considered, the model and its variables, m, software and seed, and the complete-case
    comparison."""
    return (
        f"\nMissing data. Variables of the analyses re-run here with missing values: "
        f"{_gaps(missing)}. Values were "
        "assumed missing at random given the variables of the imputation model (the "
        "patterns and a model of what predicts each variable's absence are in results/); "
        "the complete-case results are shown beside the imputed ones as the sensitivity "
        f"analysis. {imp.method}; each imputation model held the analysis's variables, its "
        f"outcome and age, sex and etiology; {imp.m} data sets, seed {imp.seed} "
        "(analysis.stats.impute); estimates pooled by Rubin's rules with Barnard-Rubin "
        "degrees of freedom (analysis.stats.pool, checked against R's mice::pool)."
    )


def missing_data(cohort: Cohort, out: Path, cfg: AnalysisConfig) -> Section:
    """The missing-data section of a report with ``cfg.impute`` imputed data sets."""
    fmt = report_style(cfg)
    done: dict[str, object] = {}

    def describe(s: Section) -> None:
        risk, pain = _risk_frame(cohort), _pain_frame(cohort, cfg)
        table = missing_values(risk, by=cfg.group_by if cfg.group_by in risk else None)
        scores = [_pain_frame(cohort, cfg, m) for m in SCORES if m != "pain_vas"]
        frame = pd.concat([table.to_frame(), *(missing_values(f).to_frame() for f in (pain, *scores))], ignore_index=True)  # fmt: skip
        frame = frame[frame["n"] > 0].drop_duplicates(["variable", "group"])
        s.result(frame, out, "missing_values")
        s.result(missing_patterns(risk).to_frame(), out, "missing_patterns")
        s.lines.append(
            f"\nMissing values among the {len(risk)} patients with known follow-up and their "
            f"{len(pain)} index procedures: {_gaps(frame)} (by group in "
            "results/missing_values.csv; patterns in results/missing_patterns.csv)."
        )
        overall = frame[frame["group"] == "all"]
        # what predicts a gap is modelled where there are gaps enough to model (10 or more)
        for variable in overall.loc[overall["n_missing"] >= MODELLED_GAPS, "variable"].astype(str):
            data = next((f for f in (risk, pain, *scores) if variable in f.columns), risk)
            predictors = [c for c in PREDICTORS if c in data.columns and c != variable]
            model = _missingness(data, variable, predictors)
            if model is not None:
                s.result(model.to_frame(), out, f"missingness_{variable}")
        done["missing"] = frame

    def risk_model(s: Section) -> None:
        data = _risk_frame(cohort)
        imp = impute(data, m=cfg.impute, seed=cfg.impute_seed, time="time", event="fracture")
        covariates = [c for c in RISK_FACTORS if c in data.columns]
        pooled: PooledModel = pool([cox_ph(f, "time", "fracture", covariates, alpha=cfg.alpha, concordance=False, proportional_hazards=False) for f in imp])  # fmt: skip
        comparison = complete_case_comparison(fracture_risk_model(cohort, alpha=cfg.alpha), pooled)
        s.lines.append(
            f"\nCox risk-factor model, hazard ratios with {100 * cfg.ci_level:g}% CI: "
            + _term_sentence(comparison, fmt)
            + "."
        )
        s.table(_readable(comparison, True, fmt), out, "risk_model_imputed")
        s.result(pooled.to_frame(), out, "risk_model_pooled")
        s.result(imp.model, out, "imputation_model_risk")
        done["imputation"] = imp

    def paired(measure: str) -> Callable[[Section], None]:
        word = SCORES[measure]

        def step(s: Section) -> None:
            data = _pain_frame(cohort, cfg, measure)
            before, after = cfg.baseline, cfg.followup_timepoint
            imp = impute(data, m=cfg.impute, seed=cfg.impute_seed)
            pooled = pool([compare_paired(f[f"{word}_{before}"].to_numpy(float), f[f"{word}_{after}"].to_numpy(float), measure, before, after, cfg.alpha) for f in imp])  # fmt: skip
            cc = paired_change(cohort, measure, before, after, alpha=cfg.alpha)
            comparison = complete_case_comparison(cc, pooled)
            mi = comparison.iloc[1]
            tp = load_labels().timepoint
            s.lines.append(
                f"\n{word.capitalize()}, {tp(before).lower()} to {tp(after)}: mean change "
                f"{number(cc.t_test.estimate, cfg=fmt)} ({ci(cc.t_test.ci_low, cc.t_test.ci_high, cfg=fmt)}) "
                f"in {cc.n_pairs} complete pairs; {number(mi.estimate, cfg=fmt)} "
                f"({ci(mi.ci_low, mi.ci_high, cfg=fmt)}) over all {int(mi.n_used)} index procedures "
                f"of patients alive at {tp(after)}, imputed (fraction of missing information "
                f"{number(mi.fmi, 2, fmt)})."
            )  # fmt: skip
            s.table(_readable(comparison, False, fmt), out, f"{word}_change_imputed")
            s.result(pooled.to_frame(), out, f"{word}_change_pooled")

        return step

    def methods(s: Section) -> None:
        imp = done.get("imputation")
        missing = done.get("missing")
        if isinstance(imp, Imputation) and isinstance(missing, pd.DataFrame):
            s.lines.append(_methods(imp, missing))

    return guarded(
        "Missing data",
        ("Missing values", describe),
        ("Risk-factor model with imputed covariates", risk_model),
        ("Pain change with imputed scores", paired("pain_vas")),
        ("Mobility change with imputed scores", paired("mobility")),
        ("Methods of the imputation", methods),
    )
