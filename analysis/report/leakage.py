"""The adjusted model of cement leakage in the report: the logistic regression of any
leakage per vertebra on cement volume and technique, fitted with patient-clustered
standard errors (GEE, the result) beside the same model with the vertebrae taken as
independent (the fit ``results/leakage_model.csv`` holds, shown for reference)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.formatting import FormatConfig, ci, count, number, p_text, p_value
from analysis.labels import load_labels
from analysis.schema import Cohort
from analysis.stats import Estimate, GeeModel, LogisticModel, ModelTerm, gee_model, vertebra_frame


def clustered_leakage_model(cohort: Cohort, logit: LogisticModel, alpha: float) -> GeeModel:
    """The logistic model's outcome on its predictors (from its formula), on the same
    vertebrae of all sessions, by GEE with the vertebrae clustered in patients."""
    outcome, right = logit.formula.split("~", 1)
    predictors = [p.strip() for p in right.split("+")]
    return gee_model(vertebra_frame(cohort), outcome.strip(), predictors, "patient_id", "binomial", alpha)  # fmt: skip


def _term(gee: GeeModel, name: str) -> ModelTerm:
    """One term of the GEE, with its odds ratio (``exp_estimate``)."""
    term = gee.terms[name]
    if not isinstance(term, ModelTerm):
        raise TypeError(f"the GEE's term {name!r} is not a model term")
    return term


def _label(term: str) -> str:
    """A term's display words: ``technique=kyphoplasty`` -> ``Technique: Kyphoplasty``,
    ``cement_volume_ml`` -> its label."""
    labels = load_labels()
    if "=" in term:
        variable, level = term.split("=", 1)
        return f"{labels.display(variable)}: {labels.level(variable, level)}"
    return labels.display(term)


def _or(exp: float, low: float, high: float, fmt: FormatConfig) -> str:
    return f"{number(exp, 2, fmt)} ({ci(low, high, 2, fmt)})"


def leakage_model_table(logit: LogisticModel, gee: GeeModel, fmt: FormatConfig, level: float) -> pd.DataFrame:  # fmt: skip
    """Each term's odds ratio with its interval and p: clustered by patient (the
    result), then with the vertebrae as independent."""
    rows = []
    for term, e in logit.odds_ratios.items():
        g = _term(gee, term)
        rows.append(
            {
                "Term": _label(term),
                f"OR ({100 * level:g}% CI), clustered by patient": _or(
                    g.exp_estimate, g.exp_ci_low, g.exp_ci_high, fmt
                ),
                "p, clustered": p_value(g.p_value, fmt),
                f"OR ({100 * level:g}% CI), vertebrae as independent": _or(
                    e.estimate, e.ci_low, e.ci_high, fmt
                ),
                "p, independent": p_value(e.p_value, fmt),
            }
        )
    return pd.DataFrame(rows)


def leakage_model_sentence(logit: LogisticModel, gee: GeeModel, fmt: FormatConfig, level: float) -> str:  # fmt: skip
    """Which leakage estimate is the result: the adjusted model with patient-clustered
    SEs; the independent fit beside it for reference; the unadjusted technique odds ratio
    of the index vertebrae a different sample and model."""
    parts = [
        f"{_label(t)}, odds ratio {number(g.exp_estimate, 2, fmt)} ({100 * level:g}% CI "
        f"{ci(g.exp_ci_low, g.exp_ci_high, 2, fmt)}; {p_text(g.p_value, fmt)})"
        for t, g in ((t, _term(gee, t)) for t in logit.odds_ratios)
        if np.isfinite(g.exp_estimate)
    ]
    return (
        f"\nAdjusted model of any leakage per vertebra on cement volume and technique, "
        f"vertebrae of all sessions ({count(gee.n_used, fmt)} vertebrae of "
        f"{count(gee.n_clusters, fmt)} patients; {count(gee.n_excluded, fmt)} without a "
        "volume, technique or leakage record excluded). The result is this model with "
        "standard errors clustered by patient (GEE, binomial, exchangeable working "
        "correlation, robust SE; results/leakage_model_clustered.csv): "
        + "; ".join(parts)
        + ". The same logistic model with the vertebrae taken as independent "
        "(results/leakage_model.csv) is shown beside it for reference only: its p values "
        "are too small when vertebrae of one patient resemble each other. The technique "
        "odds ratio given before this model is another estimate: unadjusted, and of the index "
        "vertebrae only."
    )


def clustered_odds_ratios(logit: LogisticModel, gee: GeeModel) -> list[tuple[str, Estimate | str]]:
    """The clustered odds ratios as the statistical review's clustering check reads them
    (label, an estimate on the odds-ratio scale)."""
    from dataclasses import replace

    out: list[tuple[str, Estimate | str]] = []
    for term in logit.odds_ratios:
        g = _term(gee, term)
        ratio = replace(g, quantity=f"odds_ratio[{term}]", estimate=g.exp_estimate, ci_low=g.exp_ci_low, ci_high=g.exp_ci_high)  # fmt: skip
        out.append((_label(term), ratio))
    return out
