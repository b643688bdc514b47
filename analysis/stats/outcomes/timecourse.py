"""A measure over several time points: each against baseline (Holm), and a mixed model."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.multitest import multipletests

from analysis.schema import Cohort
from analysis.stats.display import Displayed, Summary, summarize
from analysis.stats.levels import confidence_alpha
from analysis.stats.outcomes.paired import PairedChange, compare_paired
from analysis.stats.outcomes.reml import fit_random_intercept
from analysis.stats.outcomes.selection import Sessions, deaths_before, measure_wide
from analysis.stats.results import NAN, Estimate, ModelResult, ModelTerm, Tests, Tidy

DEFAULT_TIMEPOINTS = ("pre", "24h", "1w", "1m", "3m", "12m")


@dataclass(frozen=True, repr=False)
class TimeCourse(Displayed, Tidy):
    """Each follow-up time point compared with baseline.

    ``p_holm_t`` and ``p_holm_wilcoxon`` are Holm-adjusted over the follow-up time
    points (one family per test), in the order of ``changes``.
    """

    measure: str
    baseline: str
    changes: tuple[PairedChange, ...]
    p_holm_t: tuple[float, ...]
    p_holm_wilcoxon: tuple[float, ...]

    def to_frame(self) -> pd.DataFrame:
        """Two rows per time point (t-test, Wilcoxon) with a ``p_value_holm`` column."""
        frames = []
        for change, pt, pw in zip(self.changes, self.p_holm_t, self.p_holm_wilcoxon, strict=True):
            f = change.to_frame()
            f["p_value_holm"] = [pt, pw]
            frames.append(f)
        return pd.concat(frames, ignore_index=True)

    def _tidy_items(self) -> Iterator[tuple[str, Estimate]]:
        """``t_test[<time point>]`` and ``wilcoxon[<time point>]`` per follow-up time point
        (unadjusted p; the Holm-adjusted ones are ``p_holm_t`` and ``p_holm_wilcoxon``)."""
        for c in self.changes:
            yield f"t_test[{c.time_after}]", c.t_test
            yield f"wilcoxon[{c.time_after}]", c.wilcoxon

    def _glance(self) -> dict[str, object]:
        """The measure, the baseline and the follow-up time points compared."""
        return {
            "measure": self.measure,
            "baseline": self.baseline,
            "timepoints": ", ".join(c.time_after for c in self.changes),
        }


def holm(p_values: list[float]) -> tuple[float, ...]:
    """Holm step-down adjusted p-values (NaN entries stay NaN and are not counted)."""
    p = np.asarray(p_values, dtype=float)
    out = np.full(len(p), np.nan)
    ok = ~np.isnan(p)
    if ok.any():
        out[ok] = multipletests(p[ok], method="holm")[1]
    return tuple(float(v) for v in out)


def change_from_baseline(
    cohort: Cohort,
    measure: str = "pain_vas",
    timepoints: tuple[str, ...] = DEFAULT_TIMEPOINTS,
    sessions: Sessions = "index",
    alpha: float = 0.05,
    *,
    conf_level: float = 0.95,
    exact: bool | None = None,
    correct: bool = True,
) -> TimeCourse:
    """Compare every follow-up time point with the first (baseline) time point.

    Time points with fewer than 2 complete pairs are left out of the result (and so of
    the Holm family); the remaining ones each carry their own used/excluded counts.

    Parameters
    ----------
    cohort
        The cohort whose sessions are compared.
    measure
        The measure followed over the visits (default ``"pain_vas"``).
    timepoints
        The baseline first, then the follow-up time points (default ``("pre", "24h",
        "1w", "1m", "3m", "12m")``).
    sessions
        Which sessions: the index procedures (default ``"index"``), ``"repeat"`` or
        ``"all"``.
    alpha, conf_level
        The intervals' coverage (default 0.95), given as either; recorded on each
        change's estimates.
    exact, correct
        The signed-rank tests' branch, as :func:`~analysis.stats.outcomes.paired.compare_paired`
        (defaults as R's ``wilcox.test``: exact when possible, continuity correction); the
        branch taken is each change's ``wilcoxon.exact`` / ``.correct``.
    """
    alpha = confidence_alpha(alpha, conf_level)
    if len(timepoints) < 2:
        raise ValueError("give a baseline and at least one follow-up time point")
    wide = measure_wide(cohort, measure, list(timepoints), sessions)
    base = timepoints[0]
    changes = []
    died = deaths_before(cohort, wide, list(timepoints[1:]))
    for tp in timepoints[1:]:
        complete = wide[[base, tp]].notna().all(axis=1).sum()
        if complete < 2:
            continue
        changes.append(
            compare_paired(
                wide[base].to_numpy(float),
                wide[tp].to_numpy(float),
                measure,
                base,
                tp,
                alpha,
                exact,
                correct,
                died=died[tp],
            )
        )
    if not changes:
        raise ValueError(
            f"no follow-up time point of {measure} has 2 sessions with the baseline "
            f"({base}) too; time points asked: {list(timepoints)}"
        )
    return TimeCourse(
        measure,
        base,
        tuple(changes),
        holm([c.t_test.p_value for c in changes]),
        holm([c.wilcoxon.p_value for c in changes]),
    )


@dataclass(frozen=True, repr=False)
class MixedModel(Displayed, ModelResult):
    """Linear mixed model of a measure over time with a random intercept per patient.

    ``fixed`` has one row per fixed effect: ``term``, ``estimate``, ``std_error``,
    ``ci_low``, ``ci_high``, ``statistic`` (Wald z), ``p_value``. Time-point terms are
    differences from baseline. ``n_died`` of the ``n_excluded`` scheduled assessments
    fell after the patient's death (0 when fitted from a long frame, which does not say).
    """

    measure: str
    formula: str
    fixed: pd.DataFrame
    random_intercept_variance: float
    residual_variance: float
    n_observations: int
    n_patients: int
    n_excluded: int
    log_likelihood: float
    method: str
    ci_level: float = NAN  # of the intervals in ``fixed``
    n_died: int = 0

    _display_skip = ("fixed", "ci_level")  # shown as one row per term

    def _display_summary(self) -> Summary:
        out = summarize(self)
        f = self.fixed
        columns = [f[c].to_numpy(dtype=float) for c in ("estimate", "ci_low", "ci_high", "statistic", "p_value")]  # fmt: skip
        for term, est, low, high, stat, p in zip(f["term"].astype(str), *columns, strict=True):
            out.rows.append((term, Estimate(
                "coefficient", float(est), float(low), float(high), NAN, self.method,
                self.n_observations, self.n_excluded, float(stat), NAN, float(p),
            )))  # fmt: skip
        return out

    def to_frame(self) -> pd.DataFrame:
        frame = self.fixed.copy()
        frame.insert(0, "measure", self.measure)
        frame["method"] = self.method
        frame["n_used"] = self.n_observations
        frame["n_excluded"] = self.n_excluded
        return frame

    @property
    def coefficients(self) -> Tests:
        """The rows of ``fixed`` keyed by term (``intercept``, each time point): a
        :class:`~analysis.stats.results.ModelTerm` with the GLS (naive) SE, Wald z and
        interval."""
        f = self.fixed
        cols = [f[c].to_numpy(dtype=float) for c in ("estimate", "std_error", "ci_low", "ci_high", "statistic", "p_value")]  # fmt: skip
        return Tests(
            (
                str(term),
                ModelTerm(
                    "coefficient",
                    float(est),
                    float(low),
                    float(high),
                    self.ci_level,
                    self.method,
                    self.n_observations,
                    self.n_excluded,
                    float(stat),
                    NAN,
                    float(p),
                    std_error=float(se),
                    naive_std_error=float(se),
                    std_error_used="naive",
                ),
            )
            for term, est, se, low, high, stat, p in zip(f["term"].astype(str), *cols, strict=True)
        )

    def _glance(self) -> dict[str, object]:
        """Formula, observations (``n_used``), patients (``n_clusters``), excluded, the
        variance components and the REML log-likelihood."""
        return {
            "model": self.formula,
            "measure": self.measure,
            "n_used": self.n_observations,
            "n_clusters": self.n_patients,
            "n_excluded": self.n_excluded,
            "random_intercept_variance": self.random_intercept_variance,
            "residual_variance": self.residual_variance,
            "log_likelihood": self.log_likelihood,
            "method": self.method,
        }


def mixed_model(
    cohort: Cohort,
    measure: str = "pain_vas",
    timepoints: tuple[str, ...] = DEFAULT_TIMEPOINTS,
    sessions: Sessions = "index",
    alpha: float = 0.05,
    *,
    conf_level: float = 0.95,
) -> MixedModel:
    """Fit ``value ~ timepoint`` with a random intercept per patient (REML).

    Every available visit is used, so patients with missing visits still contribute
    (valid under missing at random). Fitted by restricted maximum likelihood in O(n) per
    step (:mod:`analysis.stats.outcomes.reml`); the same model and estimates as R's
    ``nlme::lme(value ~ timepoint, random = ~ 1 | patient_id, method = "REML")``.
    Standard errors are the GLS ones, (X' V^-1 X)^-1 at the REML variance estimates, as
    nlme reports them; tests are Wald z-tests (nlme uses t-tests with containment
    degrees of freedom, which differ little at registry sizes).

    ``measure`` defaults to ``"pain_vas"``, ``timepoints`` (baseline first) to ``("pre",
    "24h", "1w", "1m", "3m", "12m")``, ``sessions`` to ``"index"`` (or ``"repeat"``,
    ``"all"``). ``conf_level`` (default 0.95) is the coverage of the confidence
    intervals, the same as ``alpha = 1 - conf_level``; it is recorded on the result.
    """
    alpha = confidence_alpha(alpha, conf_level)
    wide = measure_wide(cohort, measure, list(timepoints), sessions)
    if wide[timepoints[0]].isna().all():
        raise ValueError(f"no {measure} scores at the baseline time point {timepoints[0]}")
    present = tuple(t for t in timepoints if wide[t].notna().any())
    long = wide.melt(id_vars="patient_id", value_vars=list(present), var_name="timepoint")
    model = fit_mixed_model(long, measure, present, alpha)
    dead = deaths_before(cohort, wide, list(present))
    died = sum(int((dead[t] & wide[t].isna().to_numpy()).sum()) for t in present)
    model = replace(model, n_died=died)
    empty = [t for t in timepoints if t not in present]
    if not empty:
        return model
    note = f"; time point(s) {', '.join(empty)} without any score left out"
    return replace(model, method=model.method + note)


def fit_mixed_model(
    long: pd.DataFrame,
    measure: str,
    timepoints: tuple[str, ...],
    alpha: float = 0.05,
    *,
    conf_level: float = 0.95,
) -> MixedModel:
    """Fit the model of :func:`mixed_model` to a long frame (``patient_id``, ``timepoint``,
    ``value``); rows with a missing value count as excluded.

    ``conf_level`` (default 0.95) is the coverage of the confidence intervals, the same
    as ``alpha = 1 - conf_level``; it is recorded on the result.
    """
    alpha = confidence_alpha(alpha, conf_level)
    n_expected = len(long)
    long = long.dropna(subset=["value"]).copy()
    long["timepoint"] = pd.Categorical(long["timepoint"].astype(str), categories=list(timepoints))
    if long["timepoint"].isna().any():
        raise ValueError(f"time points outside {list(timepoints)} in the data")
    codes, _ = pd.factorize(long["patient_id"])  # a missing identifier: -1, not counted
    n_patients = int(codes.max()) + 1 if len(codes) else 0
    if n_patients < 2:
        raise ValueError("a mixed model needs at least 2 patients with assessments")
    tp = long["timepoint"].cat.codes.to_numpy()
    x = np.column_stack([np.ones(len(long))] + [(tp == k).astype(float) for k in range(1, len(timepoints))])  # fmt: skip
    fit = fit_random_intercept(long["value"].to_numpy(dtype=float), x, codes)
    est = fit.coef
    se = np.sqrt(np.diag(fit.covariance))
    z = stats.norm.isf(alpha / 2)
    fixed = pd.DataFrame(
        {
            "term": ["intercept", *timepoints[1:]],
            "estimate": est,
            "std_error": se,
            "ci_low": est - z * se,
            "ci_high": est + z * se,
            "statistic": est / se,
            "p_value": 2 * stats.norm.sf(np.abs(est / se)),
        }
    )
    tau2, sigma2 = fit.tau2, fit.sigma2
    return MixedModel(
        measure,
        f"value ~ timepoint + (1 | patient_id), baseline {timepoints[0]}",
        fixed,
        tau2,
        sigma2,
        len(long),
        n_patients,
        n_expected - len(long),
        fit.log_likelihood,
        "Linear mixed model, random intercept per patient (REML), Wald tests",
        1 - alpha,
    )
