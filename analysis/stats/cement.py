"""Cement volumes and leakage: repeat vs initial augmentation, by technique, cement and etiology."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import statsmodels.formula.api as smf

from analysis.schema import Cohort
from analysis.stats.groups import (
    MultiGroupComparison,
    TwoByTwo,
    TwoGroupComparison,
    compare_groups,
    compare_many_groups,
    compare_proportions,
)
from analysis.stats.paired import PairedChange, compare_paired
from analysis.stats.results import NAN, Estimate, estimates_frame

PATIENT_COLUMNS = ["etiology", "sex", "age_years", "bmd_t_score", "steroid_use"]


def vertebra_frame(cohort: Cohort) -> pd.DataFrame:
    """Treated vertebrae with patient characteristics and leakage flags.

    One row per treated vertebra per session (the procedures table) with the patient's
    ``etiology``, ``sex``, ``age_years``, ``bmd_t_score``, ``steroid_use`` and 0/1
    columns ``any_leakage``, ``disc_leakage``, ``venous_leakage`` (NaN where leakage was
    not recorded). ``is_repeat`` is False where not recorded.
    """
    procs = cohort.procedures.copy()
    pts = cohort.patients.set_index("patient_id")[PATIENT_COLUMNS]
    frame = procs.join(pts, on="patient_id")
    leak = frame["leakage"].astype("string")
    frame["any_leakage"] = np.where(leak.isna(), np.nan, (leak != "none").astype(float))
    for kind in ("disc", "venous", "epidural"):
        has = leak.str.contains(rf"(?:^|;){kind}(?:;|$)", regex=True)
        frame[f"{kind}_leakage"] = has.astype("Float64").astype(float)
    frame["is_repeat"] = frame["is_repeat"].fillna(False).astype(bool)
    frame["session"] = np.where(frame["is_repeat"], "repeat", "initial")
    return frame


@dataclass(frozen=True)
class RepeatVolume:
    """Cement volume at repeat vs initial augmentation.

    ``paired`` compares the same vertebra (patient and level) at its repeat and its
    initial augmentation (change = repeat - initial), when at least two such vertebrae
    exist (else None); ``unpaired`` compares all repeat with all initial vertebrae
    (difference = repeat - initial). ``n_vertebrae_paired`` says how many pairs exist.
    """

    paired: PairedChange | None
    unpaired: TwoGroupComparison
    n_vertebrae_paired: int

    def to_frame(self) -> pd.DataFrame:
        unpaired = self.unpaired.to_frame()
        unpaired.insert(0, "design", "unpaired, all vertebrae")
        if self.paired is None:
            return unpaired
        paired = self.paired.to_frame()
        paired.insert(0, "design", "paired by vertebra")
        return pd.concat([paired, unpaired], ignore_index=True)


def repeat_volume(cohort: Cohort, alpha: float = 0.05) -> RepeatVolume:
    """Compare cement volume of repeat augmentations with initial ones.

    A vertebra is paired when the same patient has the same level in a repeat session
    and in an earlier initial session (the first one is used). All vertebrae, paired or
    not, enter the unpaired comparison.
    """
    frame = vertebra_frame(cohort)
    frame = frame.assign(level=frame["level"].astype(str))
    initial = frame[~frame["is_repeat"]].sort_values("day").drop_duplicates(["patient_id", "level"])
    repeat = frame[frame["is_repeat"]].sort_values("day").drop_duplicates(["patient_id", "level"])
    pairs = repeat.merge(initial, on=["patient_id", "level"], suffixes=("_repeat", "_initial"))
    pairs = pairs[pairs["day_repeat"] > pairs["day_initial"]]
    paired = None
    if len(pairs) >= 2:
        paired = compare_paired(
            pairs["cement_volume_ml_initial"].to_numpy(float),
            pairs["cement_volume_ml_repeat"].to_numpy(float),
            "cement_volume_ml",
            "initial",
            "repeat",
            alpha,
        )
    unpaired = compare_groups(frame, "cement_volume_ml", "session", ("repeat", "initial"), alpha)
    return RepeatVolume(paired, unpaired, len(pairs))


def volume_by(
    cohort: Cohort, by: str = "technique", alpha: float = 0.05
) -> TwoGroupComparison | MultiGroupComparison:
    """Cement volume per vertebra by ``technique``, ``cement_type``, ``etiology`` or any
    column of :func:`vertebra_frame`: two groups give t-tests and Mann-Whitney, more give
    ANOVA, Welch ANOVA and Kruskal-Wallis."""
    frame = vertebra_frame(cohort)
    levels = frame[by].dropna().astype(str).unique()
    if len(levels) < 2:
        raise ValueError(f"{by} has fewer than two groups in this cohort ({list(levels)})")
    if len(levels) == 2:
        return compare_groups(frame, "cement_volume_ml", by, None, alpha)
    return compare_many_groups(frame, "cement_volume_ml", by)


def leakage_by(
    cohort: Cohort, by: str = "technique", leakage: str = "any_leakage", alpha: float = 0.05
) -> TwoByTwo:
    """Leakage rate per vertebra between the two groups of ``by`` (Fisher's exact test,
    chi-square, RR, OR, RD; see :func:`analysis.stats.groups.two_by_two`)."""
    frame = vertebra_frame(cohort)
    present = [str(v) for v in frame[by].dropna().astype(str).unique()]
    if len(present) != 2:
        raise ValueError(f"{by} has {len(present)} groups {present}; leakage_by compares two")
    cats = frame[by].cat.categories if isinstance(frame[by].dtype, pd.CategoricalDtype) else present
    ordered = [str(c) for c in cats if str(c) in present]
    return compare_proportions(frame, leakage, by, (ordered[0], ordered[1]), alpha)


@dataclass(frozen=True)
class LogisticModel:
    """A logistic regression: one row per term with odds ratio and Wald CI."""

    outcome: str
    formula: str
    terms: tuple[Estimate, ...]
    n_used: int
    n_excluded: int
    n_events: int

    def to_frame(self) -> pd.DataFrame:
        return estimates_frame(self.terms, {"outcome": self.outcome})


def logistic_model(
    frame: pd.DataFrame, outcome: str, predictors: list[str], alpha: float = 0.05
) -> LogisticModel:
    """Logistic regression (maximum likelihood, as R's ``glm(family = binomial)``).

    Rows with a missing outcome or predictor are excluded and counted. Categorical
    predictors use their first present level as reference. Each term's estimate is the
    odds ratio with a Wald CI and z-test; the intercept is not reported.
    """
    cols = [outcome, *predictors]
    missing = [c for c in cols if c not in frame.columns]
    if missing:
        raise ValueError(f"no column(s) {missing} in the data")
    data = frame[cols].dropna().copy()
    for c in predictors:
        if isinstance(data[c].dtype, pd.CategoricalDtype):
            data[c] = data[c].cat.remove_unused_categories()
        elif data[c].dtype == "boolean" or data[c].dtype == bool:
            data[c] = data[c].astype(float)
    data[outcome] = data[outcome].astype(float)
    events = int(data[outcome].sum())
    if events == 0 or events == len(data):
        raise ValueError(f"{outcome} has no variation (events {events} of {len(data)})")
    formula = f"{outcome} ~ " + " + ".join(predictors)
    fit = smf.logit(formula, data).fit(disp=0, method="newton", maxiter=100)
    ci = fit.conf_int(alpha)
    terms = tuple(
        Estimate(
            f"odds_ratio[{_term(name)}]",
            float(np.exp(fit.params[name])),
            float(np.exp(ci.loc[name, 0])),
            float(np.exp(ci.loc[name, 1])),
            1 - alpha,
            "Logistic regression, Wald CI and z-test",
            len(data),
            len(frame) - len(data),
            float(fit.tvalues[name]),
            NAN,
            float(fit.pvalues[name]),
        )
        for name in fit.params.index
        if name != "Intercept"
    )
    return LogisticModel(outcome, formula, terms, len(data), len(frame) - len(data), events)


def leakage_model(
    cohort: Cohort, predictors: tuple[str, ...] = ("cement_volume_ml", "technique")
) -> LogisticModel:
    """Logistic regression of any leakage per vertebra on cement volume and technique."""
    return logistic_model(vertebra_frame(cohort), "any_leakage", list(predictors))


def _term(name: str) -> str:
    """``technique[T.kyphoplasty]`` -> ``technique=kyphoplasty``."""
    return name.replace("[T.", "=").rstrip("]") if "[T." in name else name
