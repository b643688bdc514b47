"""The report's missing-data section (``--impute M`` or ``impute: M`` in the settings).

What is missing (per variable of the analyses, overall and by group), the analyses that
lost units to missing values (the Cox risk-factor model, the pain and mobility changes,
the mixed model of pain, the cement volume of repeat vs initial augmentation) re-run on
M data sets completed by chained equations and pooled by Rubin's rules beside their
complete-case results, and a methods paragraph with the items Sterne et al. (BMJ 2009)
ask a report of multiple imputation to give.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.config import AnalysisConfig
from analysis.formatting import FormatConfig, ci, number, p_value
from analysis.labels import Labels, load_labels
from analysis.report.missing_frames import (
    PREDICTORS,
    SCORES,
    cement_frame,
    course_frame,
    course_long,
    pain_frame,
    risk_frame,
    score_bounds,
    share_session_totals,
    with_volumes,
)
from analysis.report.sections import Section, guarded, report_style
from analysis.schema import Cohort
from analysis.stats import (
    Imputation,
    MissingnessModel,
    PooledModel,
    compare_paired,
    complete_case_comparison,
    cox_ph,
    fit_mixed_model,
    fracture_risk_model,
    impute,
    missing_patterns,
    missing_values,
    missingness_model,
    mixed_model,
    paired_change,
    pool,
    repeat_volume,
)
from analysis.stats.fractures.cohort import RISK_FACTORS

# Gaps in a variable below this many are too few to model what predicts them.
MODELLED_GAPS = 10

_risk_frame = risk_frame  # the names the section's tests know
_pain_frame = pain_frame


def _missingness(frame: pd.DataFrame, variable: str, predictors: list[str]) -> MissingnessModel | None:  # fmt: skip
    """The model of what predicts a variable's gaps, or None where it cannot be fitted
    (too few gaps in a level, a separation the fit does not converge on)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            return missingness_model(frame, variable, predictors)
        except (ValueError, Warning, np.linalg.LinAlgError):
            return None


def _term_sentence(comparison: pd.DataFrame, fmt: FormatConfig, exp: bool = True, names: Callable[[str], str] | None = None) -> str:  # fmt: skip
    """Each term's estimate from the complete cases and from multiple imputation, with
    the fraction of missing information (on the large-sample df)."""
    name_of = names or load_labels().display
    est, lo, hi = ("exp_estimate", "exp_ci_low", "exp_ci_high") if exp else ("estimate", "ci_low", "ci_high")  # fmt: skip
    decimals = 2 if exp else fmt.decimals
    parts = []
    for term, rows in comparison.groupby("term", sort=False):
        cc, mi = rows.iloc[0], rows.iloc[1]
        parts.append(
            f"{name_of(str(term))}: {number(cc[est], decimals, fmt)} ({ci(cc[lo], cc[hi], decimals, fmt)}) "
            f"complete cases, {number(mi[est], decimals, fmt)} ({ci(mi[lo], mi[hi], decimals, fmt)}) "
            f"imputed (fraction of missing information {number(mi.fmi_large_sample, 2, fmt)})"
        )  # fmt: skip
    return "; ".join(parts)


def _reference_sentence(pooled: PooledModel, fmt: FormatConfig) -> str:
    """Why a pooled Cox interval is wider than its complete-case one even with nothing
    missing: the pooled one uses a t reference (mice's rule, complete-data df = events
    minus coefficients), the complete-case one the normal reference of ``coxph``. The
    complete-case row keeps its z interval so that it matches the Cox model's own table."""
    dfs = sorted(float(t.df) for t in pooled.terms.values())
    low, high = number(dfs[0], 1, fmt), number(dfs[-1], 1, fmt)
    df = low if low == high else f"{low} to {high}"
    return (
        f"The imputed intervals use a t reference with {df} degrees of freedom (Barnard-Rubin, "
        f"on the complete-data {number(pooled.dfcom, 0, fmt)}: events minus coefficients, as "
        "mice::pool), the complete-case ones the normal (z) reference of the Cox model, so "
        "each imputed interval is wider by that alone, even where the fraction of missing "
        "information is 0."
    )


def _readable(comparison: pd.DataFrame, exp: bool, fmt: FormatConfig, level: float, units: str, names: Callable[[str], str] | None = None) -> pd.DataFrame:  # fmt: skip
    """The comparison as a table of the text: estimate with CI, p, the units used (the
    column named by what they are: ``Patients``, ``Scores``), FMI."""
    est, lo, hi = ("exp_estimate", "exp_ci_low", "exp_ci_high") if exp else ("estimate", "ci_low", "ci_high")  # fmt: skip
    decimals = 2 if exp else fmt.decimals
    name = names or load_labels().display
    return pd.DataFrame(
        {
            "Term": [name(str(t)) for t in comparison["term"]],
            "Analysis": comparison["analysis"],
            f"Estimate ({100 * level:g}% CI)": [
                f"{number(e, decimals, fmt)} ({ci(a, b, decimals, fmt)})"
                for e, a, b in zip(comparison[est], comparison[lo], comparison[hi], strict=True)
            ],
            "p": [p_value(p, fmt) for p in comparison["p_value"]],
            "Reference": reference_distributions(comparison, level, fmt),
            units: comparison["n_used"],
            "FMI": [
                ("" if np.isnan(f) else number(f, 2, fmt)) for f in comparison["fmi_large_sample"]
            ],
        }
    )


def reference_distributions(comparison: pd.DataFrame, level: float, fmt: FormatConfig) -> list[str]:  # fmt: skip
    """The distribution each row's interval and p value refer to, read off the row (its
    interval's half-width in standard errors): ``normal (z)`` for the reference of a Cox,
    GEE or mixed model's complete-case fit, ``t, 23.2 df`` for a t reference (a t-test's
    complete cases, and every pooled row: Barnard-Rubin df), so a table says when two
    rows differ by their reference alone."""
    from scipy import stats as st

    tail = 1 - (1 - level) / 2
    z = float(st.norm.ppf(tail))
    out = []
    for est, high, se in zip(comparison["estimate"], comparison["ci_high"], comparison["std_error"], strict=True):  # fmt: skip
        q = (float(high) - float(est)) / float(se) if float(se) > 0 else np.nan
        if not np.isfinite(q) or q < z * (1 - 1e-9):
            out.append("")
        elif abs(q - z) <= 1e-6 * z:
            out.append("normal (z)")
        else:
            df = _t_df(q, tail)
            whole = df is not None and abs(df - round(df)) < 1e-6
            out.append(
                "normal (z)" if df is None else f"t, {number(df, 0 if whole else 1, fmt)} df"
            )
    return out


def _t_df(q: float, tail: float) -> float | None:
    """The degrees of freedom of the t whose ``tail`` quantile is ``q`` (None past 1e7:
    the normal)."""
    from scipy import optimize
    from scipy import stats as st

    if float(st.t.ppf(tail, 1e7)) >= q:
        return None
    return float(optimize.brentq(lambda df: float(st.t.ppf(tail, df)) - q, 0.05, 1e7, xtol=1e-10))


def _worst_percent(missing: pd.DataFrame) -> float:
    """The largest percentage of a variable's values missing, over all patients."""
    overall = missing[missing["group"] == "all"]
    return 100 * float(overall["share_missing"].max()) if len(overall) else 0.0


def _too_few(m: int, missing: pd.DataFrame) -> str | None:
    """Beside the first imputed table: this run used fewer data sets than the report's rule
    (at least the largest percentage of a variable's values missing) asks for."""
    worst = _worst_percent(missing)
    if m >= worst:
        return None
    need = int(np.ceil(worst))
    return (
        f"\n_Every pooled result of this section rests on fewer imputed data sets than this "
        f"report's rule asks for: {m} were used, at "
        f"least {need} are needed (the largest percentage of a variable's values missing, "
        f"{worst:.1f}%). These pooled results carry Monte Carlo error of their own and are "
        f"not the figures to publish: run again with --impute {need} (or impute: {need} in "
        "the settings)._"
    )


def _gaps(frame: pd.DataFrame) -> str:
    """``Cement volume, total over the levels treated, mL 32 of 299 (10.7%)``, per variable with a
    gap, or ``none``."""
    labels = load_labels()
    gaps = frame[(frame["group"] == "all") & (frame["n_missing"] > 0)]
    rows = zip(gaps["variable"], gaps["n_missing"], gaps["n"], gaps["share_missing"], strict=True)
    return "; ".join(f"{_lower(_name(str(v), labels))} {int(k)} of {int(n)} ({100 * float(sh):.1f}%)" for v, k, n, sh in rows) or "none"  # fmt: skip


def _lower(name: str) -> str:
    """A display name inside a sentence: ``cement volume``, but ``BMD T-score``."""
    return name[:1].lower() + name[1:] if name[1:2].islower() else name


def _name(variable: str, labels: Labels) -> str:
    """A variable's display name; ``pain_1m`` names the pain score at its time point."""
    for word in SCORES.values():
        if variable.startswith(f"{word}_"):
            return f"{word} {labels.timepoint(variable.removeprefix(f'{word}_')).lower()}"
    return labels.display(variable)


def _due_values(frame: pd.DataFrame, due: pd.DataFrame) -> pd.DataFrame:
    """Missing values of each score of the time course among the scores that were due."""
    parts = [missing_values(frame.loc[due[c].to_numpy(), [c]]).to_frame() for c in due.columns]
    return pd.concat(parts, ignore_index=True)


def _methods(imp: Imputation, missing: pd.DataFrame) -> str:
    """The methods paragraph: variables with missing data and how many, the reasons
    considered, the model and its variables, m, software and seed, pooling, and the
    complete-case comparison."""
    return (
        f"\nMissing data. Variables of the analyses re-run here with missing values: "
        f"{_gaps(missing)}. Values were assumed missing at random given the variables of "
        "the imputation model (the patterns and a model of what predicts each variable's "
        "absence are in results/); a score due after the patient's death is not missing "
        "data and was not analysed (the paired changes leave out patients who died before "
        "the follow-up time point; the mixed model's chained equations fill such a score "
        "in only as a predictor of the patient's other scores, then drop it); a vertebra without its own cement volume "
        "in a session whose total was recorded shares out what the total leaves: its "
        "imputed volumes were scaled to add up to it. The complete-case results are shown "
        "beside the imputed ones as the sensitivity analysis. Multiple imputation by "
        f"chained equations, {imp.maxit} iterations per chain: numbers by predictive mean "
        f"matching with local residual draws ({imp.donors} donors matched on the "
        "predicted mean, each imputed value the recipient's predicted mean plus its "
        "donor's residual; Morris, White & Royston 2014), kept within their scale; "
        "categories by logistic or multinomial logistic regression. Each analysis had its "
        "own imputation model: its variables, its outcome (for the Cox model the event "
        "indicator and the Nelson-Aalen cumulative hazard, not the time; White & Royston "
        f"2009) and age, sex and etiology. {imp.m} data sets, seed {imp.seed} "
        f"(analysis.stats.impute){_enough(imp.m, missing)}. Estimates were "
        "pooled by Rubin's rules with Barnard-Rubin degrees of freedom on each analysis's "
        "complete-data degrees of freedom (events minus coefficients for the Cox model, "
        "pairs minus 1 for a mean change, observations minus the fixed effects and the "
        "two variances for the mixed model, vertebrae minus 2 for the GEE; "
        "analysis.stats.pool, equal to R's mice::pool). The fraction of missing "
        "information (FMI) is Rubin's, on the large-sample degrees of freedom, and is 0 "
        "for an estimate the missing values leave untouched (mice's fmi, which puts the "
        "small-sample degrees of freedom into the same formula, stays near 2 / (df + 3) "
        "then; both are in results/*_pooled.csv)."
    )


def _enough(m: int, missing: pd.DataFrame) -> str:
    """A warning when there are fewer data sets than the largest percentage of missing
    values (the rule of thumb of White, Royston & Wood 2011: m at least the percentage
    of incomplete cases), else nothing."""
    worst = _worst_percent(missing)
    if m >= worst:
        return ""
    return (
        f"; fewer data sets than the largest percentage of a variable's values missing "
        f"({worst:.0f}%), so the pooled estimates carry Monte Carlo error of their own: "
        "use at least as many data sets as that percentage (White, Royston & Wood 2011; "
        "--impute or impute: in the settings) for the figures to publish"
    )


def _pool_cement(cohort: Cohort, cfg: AnalysisConfig) -> tuple[list[object], Imputation]:
    """The repeat-vs-initial volume comparison on each completed set of volumes."""
    data = cement_frame(cohort)
    bounds = {c: (0.0, np.inf) for c in ("cement_volume_ml", "session_ml_per_vertebra") if c in data}  # fmt: skip
    imp = impute(data, m=cfg.impute, seed=cfg.impute_seed, bounds=bounds)
    return [repeat_volume(with_volumes(cohort, share_session_totals(cohort, f["cement_volume_ml"])), cfg.alpha) for f in imp], imp  # fmt: skip


def _course(cohort: Cohort, out: Path, cfg: AnalysisConfig, s: Section) -> None:
    """The mixed model of pain on the completed time courses beside its complete cases."""
    fmt, level = report_style(cfg), cfg.ci_level
    data, due = course_frame(cohort, cfg)
    present = tuple(c.removeprefix("pain_") for c in due.columns)
    imp = impute(data, m=cfg.impute, seed=cfg.impute_seed, bounds=score_bounds(data))
    pooled = pool([fit_mixed_model(course_long(f, due), "pain_vas", present, cfg.alpha) for f in imp])  # fmt: skip
    cc = mixed_model(cohort, "pain_vas", cfg.timepoints, alpha=cfg.alpha)
    comparison = complete_case_comparison(cc, pooled)
    changes = comparison[comparison["term"] != "intercept"]
    s.lines.append(
        f"\nMixed model of pain, change from {load_labels().timepoint(present[0]).lower()} "
        f"with {100 * level:g}% CI (complete cases: the {cc.n_observations} recorded "
        f"scores; imputed: all {int(due.to_numpy().sum())} scores due while the patient "
        f"was alive): {_term_sentence(changes, fmt, False, load_labels().timepoint)}. "
        "The mixed model itself uses every recorded score and is valid when scores are "
        "missing at random given the recorded ones; the imputation adds age, sex and "
        "etiology as predictors of the missing scores."
    )
    s.table(_readable(changes, False, fmt, level, "Scores", load_labels().timepoint), out, "pain_mixed_model_imputed")  # fmt: skip
    s.result(pooled.to_frame(), out, "pain_mixed_model_pooled")


def _cement(cohort: Cohort, out: Path, cfg: AnalysisConfig, s: Section) -> None:
    """The repeat-vs-initial cement volume on the completed per-vertebra volumes beside
    its complete cases: the clustered GEE and the paired t-test."""
    fmt, level = report_style(cfg), cfg.ci_level
    fits, imp = _pool_cement(cohort, cfg)
    cc = repeat_volume(cohort, cfg.alpha)
    rows = []
    for name, part in (("clustered", "GEE, all vertebrae, clustered by patient"), ("paired", "paired t-test, vertebrae treated at both")):  # fmt: skip
        complete, each = getattr(cc, name), [getattr(f, name) for f in fits]
        if complete is None or any(e is None for e in each):
            continue
        comparison = complete_case_comparison(complete, pool(each))
        comparison["term"] = part
        rows.append(comparison)
        s.result(pool(each).to_frame(), out, f"cement_volume_{name}_pooled")
    if not rows:
        raise ValueError("the comparison could not be fitted on the completed data sets")
    both = pd.concat(rows, ignore_index=True)
    s.lines.append(
        f"\nCement volume per vertebra, repeat minus initial augmentation, mL, with "
        f"{100 * level:g}% CI (complete cases: the {cc.n_used} vertebrae with a recorded "
        f"volume; imputed: all {cc.n_used + cc.n_excluded}): "
        f"{_term_sentence(both, fmt, False, str)}."
    )
    s.table(_readable(both, False, fmt, level, "Vertebrae", str), out, "cement_volume_imputed")
    s.result(imp.model, out, "imputation_model_cement")


def missing_data(cohort: Cohort, out: Path, cfg: AnalysisConfig) -> Section:
    """The missing-data section of a report with ``cfg.impute`` imputed data sets."""
    fmt = report_style(cfg)
    done: dict[str, object] = {}
    level = cfg.ci_level

    def describe(s: Section) -> None:
        risk, pain = risk_frame(cohort), pain_frame(cohort, cfg)
        table = missing_values(risk, by=cfg.group_by if cfg.group_by in risk else None)
        scores = [pain_frame(cohort, cfg, m) for m in SCORES if m != "pain_vas"]
        course, due = course_frame(cohort, cfg)
        vertebrae = cement_frame(cohort)
        frames = [table.to_frame(), _due_values(course, due), *(missing_values(f).to_frame() for f in (pain, *scores)),
                  missing_values(vertebrae[["cement_volume_ml"]]).to_frame()]  # fmt: skip
        frame = pd.concat(frames, ignore_index=True)
        frame = frame[frame["n"] > 0].drop_duplicates(["variable", "group"])
        s.result(frame, out, "missing_values")
        s.result(missing_patterns(risk).to_frame(), out, "missing_patterns")
        s.lines.append(
            f"\nMissing values among the {len(risk)} patients with known follow-up, their "
            f"{len(course)} index procedures (a score counted where it was due: while the "
            f"patient was alive) and the {len(vertebrae)} vertebrae treated at any session: "
            f"{_gaps(frame)} (by "
            "group in results/missing_values.csv; patterns in results/missing_patterns.csv)."
        )
        overall = frame[frame["group"] == "all"]
        # what predicts a gap is modelled where there are gaps enough to model (10 or more)
        for variable in overall.loc[overall["n_missing"] >= MODELLED_GAPS, "variable"].astype(str):
            data = next((f for f in (risk, pain, *scores, course, vertebrae) if variable in f.columns), risk)  # fmt: skip
            predictors = [c for c in PREDICTORS if c in data.columns and c != variable]
            model = _missingness(data, variable, predictors)
            if model is not None:
                s.result(model.to_frame(), out, f"missingness_{variable}")
        done["missing"] = frame

    def risk_model(s: Section) -> None:
        data = risk_frame(cohort)
        bounds = {"index_cement_volume_ml": (0.0, np.inf)} if "index_cement_volume_ml" in data else {}  # fmt: skip
        imp = impute(data, m=cfg.impute, seed=cfg.impute_seed, time="time", event="fracture", bounds=bounds)  # fmt: skip
        covariates = [c for c in RISK_FACTORS if c in data.columns]
        pooled: PooledModel = pool([cox_ph(f, "time", "fracture", covariates, alpha=cfg.alpha, concordance=False, proportional_hazards=False) for f in imp])  # fmt: skip
        comparison = complete_case_comparison(fracture_risk_model(cohort, alpha=cfg.alpha), pooled)
        s.lines.append(
            f"\nCox risk-factor model, hazard ratios with {100 * level:g}% CI: "
            + _term_sentence(comparison, fmt)
            + ". "
            + _reference_sentence(pooled, fmt)
        )
        s.table(_readable(comparison, True, fmt, level, "Patients"), out, "risk_model_imputed")
        s.result(pooled.to_frame(), out, "risk_model_pooled")
        s.result(imp.model, out, "imputation_model_risk")
        done["imputation"] = imp

    def paired(measure: str) -> Callable[[Section], None]:
        word = SCORES[measure]

        def step(s: Section) -> None:
            data = pain_frame(cohort, cfg, measure)
            before, after = cfg.baseline, cfg.followup_timepoint
            imp = impute(data, m=cfg.impute, seed=cfg.impute_seed, bounds=score_bounds(data))
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
                f"{number(mi.fmi_large_sample, 2, fmt)})."
            )  # fmt: skip
            s.table(
                _readable(comparison, False, fmt, level, "Index procedures"),
                out,
                f"{word}_change_imputed",
            )
            s.result(pooled.to_frame(), out, f"{word}_change_pooled")

        return step

    def methods(s: Section) -> None:
        imp = done.get("imputation")
        missing = done.get("missing")
        if isinstance(imp, Imputation) and isinstance(missing, pd.DataFrame):
            s.lines.append(_methods(imp, missing))

    def warned(step: Callable[[Section], None]) -> Callable[[Section], None]:
        """The step, then, beside the first imputed table, whether this run used too few
        data sets for every pooled result."""

        def run(s: Section) -> None:
            step(s)
            missing = done.get("missing")
            note = _too_few(cfg.impute, missing) if isinstance(missing, pd.DataFrame) else None
            if note and not done.get("warned"):  # once, beside the first table
                s.lines.append(note)
                done["warned"] = True

        return run

    return guarded(
        "Missing data",
        ("Missing values", describe),
        ("Risk-factor model with imputed covariates", warned(risk_model)),
        ("Pain change with imputed scores", warned(paired("pain_vas"))),
        ("Mobility change with imputed scores", warned(paired("mobility"))),
        ("Mixed model of pain with imputed scores", warned(partial(_course, cohort, out, cfg))),
        (
            "Cement volume with imputed per-vertebra volumes",
            warned(partial(_cement, cohort, out, cfg)),
        ),
        ("Methods of the imputation", methods),
    )
