"""Cement volumes and leakage: repeat vs initial augmentation, by technique, cement and etiology."""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from analysis.schema import Cohort
from analysis.schema.unchanged import SameTexts
from analysis.stats.display import Displayed
from analysis.stats.levels import confidence_alpha
from analysis.stats.outcomes.gee import fit_gee_exchangeable
from analysis.stats.outcomes.gee_model import GeeCoefficient, cluster_words
from analysis.stats.outcomes.groups import (
    MultiGroupComparison,
    TwoByTwo,
    TwoGroupComparison,
    compare_groups,
    compare_many_groups,
    compare_proportions,
)
from analysis.stats.outcomes.model_terms import level_counts
from analysis.stats.outcomes.paired import PairedChange, compare_paired
from analysis.stats.outcomes.selection import Sessions, session_rows
from analysis.stats.results import (
    NAN,
    Estimate,
    ModelResult,
    ModelTerm,
    Tests,
    Tidy,
    estimates_frame,
    tests_columns,
)

PATIENT_COLUMNS = ["etiology", "sex", "age_years", "bmd_t_score", "steroid_use"]


def _patient_rows(procs: pd.DataFrame, patients: pd.DataFrame) -> np.ndarray | None:
    """Each procedures row's row in ``patients`` (-1: no such patient), both identifier
    columns hashed once; None where identifiers are missing, repeated or not text."""
    left, right = procs["patient_id"], patients["patient_id"]
    if not (isinstance(left.dtype, pd.StringDtype) and isinstance(right.dtype, pd.StringDtype)):
        return None
    codes, _ = pd.factorize(np.concatenate([np.asarray(right.array, dtype=object), np.asarray(left.array, dtype=object)]))  # fmt: skip
    m = len(right)
    if (codes < 0).any() or not np.array_equal(codes[:m], np.arange(m)):  # each patient once
        return None
    found = codes[m:]
    return np.where(found < m, found, -1)


# The last cohort's procedures rows matched to its patients (a report builds the
# vertebra frame a dozen times), reused while the same cohort's two identifier columns
# hold the same text objects (compared by their pointers, a fraction of matching them).
_LAST: list[tuple[weakref.ref[Cohort], SameTexts, np.ndarray | None]] = []


def _cohort_patient_rows(cohort: Cohort) -> np.ndarray | None:
    """:func:`_patient_rows` of the cohort's procedures (read-only; may be shared)."""
    columns = (cohort.procedures["patient_id"], cohort.patients["patient_id"])
    if not all(isinstance(c.dtype, pd.StringDtype) for c in columns):
        return None
    if _LAST and _LAST[0][0]() is cohort and _LAST[0][1].holds(columns):
        return _LAST[0][2]
    rows = _patient_rows(cohort.procedures, cohort.patients)
    if rows is not None:
        rows.flags.writeable = False
    _LAST[:] = [(weakref.ref(cohort), SameTexts(columns), rows)]
    return rows


# The last cohort's patients ranked by the text of their IDs, reused likewise.
_RANK: list[tuple[weakref.ref[Cohort], SameTexts, np.ndarray]] = []


def _patient_ranks(cohort: Cohort) -> np.ndarray:
    """Per patients row: the rank of its ID's text among the patients' IDs sorted (equal
    text, equal rank). IDs already in ascending order, as a registry lists them, are
    ranked by their position without sorting them again."""
    column = cohort.patients["patient_id"]
    if _RANK and _RANK[0][0]() is cohort and _RANK[0][1].holds([column]):
        return _RANK[0][2]
    text = np.asarray(column.astype(str), dtype=object)
    if len(text) < 2 or bool((text[1:] > text[:-1]).all()):
        rank = np.arange(len(text), dtype=np.int64)
    else:
        rank = pd.factorize(text, sort=True)[0].astype(np.int64)
    rank.flags.writeable = False
    _RANK[:] = [(weakref.ref(cohort), SameTexts([column]), rank)]
    return rank


def vertebra_patient_order(cohort: Cohort, sessions: Sessions = "all") -> np.ndarray | None:
    """For each row of ``vertebra_frame(cohort, sessions)``: its patient as the rank of
    the patient's ID among the patients' IDs sorted as text. That is what
    :func:`gee_coefficient` takes as ``cluster_order`` with ``cluster="patient_id"``, and
    a code of the patient (equal for equal IDs, distinct for distinct ones), found from
    the identifiers coded once per cohort rather than by hashing or sorting them again.

    Returns None where a row's patient is not matched to exactly one patients row (IDs
    missing, repeated or not text): the caller then codes the IDs itself.
    """
    rows = _cohort_patient_rows(cohort)
    if rows is None:
        return None
    if sessions == "index":
        rows = rows[session_rows(cohort, "index")]
    if len(rows) and int(rows.min()) < 0:
        return None
    return _patient_ranks(cohort)[rows]


def _with_patient_columns(
    procs: pd.DataFrame, patients: pd.DataFrame, rows: np.ndarray | None = None
) -> pd.DataFrame:
    """``procs.join(patients.set_index("patient_id")[PATIENT_COLUMNS], on="patient_id")``,
    each row's patient found by hashing both identifier columns once, or given as
    ``rows`` (:func:`_patient_rows`); the join itself wherever identifiers are missing,
    repeated or not text, or columns overlap."""
    if rows is None:
        rows = _patient_rows(procs, patients)
    if rows is None or set(PATIENT_COLUMNS) & set(procs.columns):
        return procs.join(patients.set_index("patient_id")[PATIENT_COLUMNS], on="patient_id")
    joined = {}
    for c in PATIENT_COLUMNS:
        values = patients[c].array
        if isinstance(values, pd.arrays.NumpyExtensionArray):
            values = values.to_numpy()
        joined[c] = pd.Series(pd.api.extensions.take(values, rows, allow_fill=True), index=procs.index)  # fmt: skip
    return procs.assign(**joined)


def vertebra_frame(cohort: Cohort, sessions: Sessions = "all") -> pd.DataFrame:
    """Treated vertebrae with patient characteristics and leakage flags.

    One row per treated vertebra per session (the procedures table; ``sessions="index"``
    keeps the index procedure's vertebrae only) with the patient's ``etiology``, ``sex``,
    ``age_years``, ``bmd_t_score``, ``steroid_use`` and 0/1 columns ``any_leakage``,
    ``disc_leakage``, ``venous_leakage`` (NaN where leakage was not recorded).
    ``is_repeat`` is False where not recorded.
    """
    procs = cohort.procedures  # not changed here: the frame below is a new one
    if sessions not in ("index", "all"):
        raise ValueError(f"sessions must be 'index' or 'all', not {sessions!r}")
    rows = _cohort_patient_rows(cohort)
    if sessions == "index":
        chosen = session_rows(cohort, "index")
        procs = procs[chosen]
        rows = None if rows is None else rows[chosen]
    frame = _with_patient_columns(procs, cohort.patients, rows)
    # each distinct leakage text read once, then spread over its rows
    codes, texts = pd.factorize(frame["leakage"].astype("string"))
    distinct = pd.Series(texts, dtype="string")
    flags = {"any_leakage": (distinct != "none").astype(float)}
    for kind in ("disc", "venous", "epidural"):
        has = distinct.str.contains(rf"(?:^|;){kind}(?:;|$)", regex=True)
        flags[f"{kind}_leakage"] = has.astype("Float64").astype(float)
    for name, flag in flags.items():
        frame[name] = np.append(flag.to_numpy(dtype=float), np.nan)[codes]  # code -1: missing
    frame["is_repeat"] = frame["is_repeat"].fillna(False).astype(bool)
    # two text objects spread over the rows (np.where would make each row's text anew)
    frame["session"] = np.array(["initial", "repeat"], dtype=object)[
        frame["is_repeat"].to_numpy(np.intp)
    ]
    return frame


@dataclass(frozen=True, repr=False)
class RepeatVolume(Displayed, Tidy):
    """Cement volume at repeat vs initial augmentation, on disjoint sets of vertebrae.

    ``paired`` compares the same vertebra (patient and level) at its repeat and its
    initial augmentation (change = repeat - initial), when at least two such vertebrae
    exist (else None). ``unpaired`` compares the other repeat vertebrae with the other
    initial vertebrae (difference = repeat - initial): no vertebra is in both analyses.
    ``clustered`` uses every vertebra with a volume and allows for several vertebrae of
    one patient: a GEE with exchangeable working correlation within patients and robust
    standard errors (difference = repeat - initial); None when it cannot be fitted.
    ``n_vertebrae_tested`` and ``n_patients_tested`` count the vertebrae in the paired and
    unpaired tests (which treat vertebrae as independent) and their patients.
    ``n_initial_volume`` and ``n_repeat_volume`` count the initial and repeat vertebrae
    with a per-vertebra volume: the two sides of ``clustered``, mostly different
    vertebrae (the ``paired`` ones are on both sides).
    """

    paired: PairedChange | None
    unpaired: TwoGroupComparison | None
    clustered: Estimate | None
    n_vertebrae_paired: int
    n_used: int
    n_excluded: int
    n_vertebrae_tested: int = 0
    n_patients_tested: int = 0
    n_initial_volume: int = 0
    n_repeat_volume: int = 0

    def to_frame(self) -> pd.DataFrame:
        parts = []
        if self.paired is not None:
            paired = self.paired.to_frame()
            paired.insert(0, "design", "paired by vertebra")
            parts.append(paired)
        if self.unpaired is not None:
            unpaired = self.unpaired.to_frame()
            unpaired.insert(0, "design", "unpaired, vertebrae not paired")
            parts.append(unpaired)
        if self.clustered is not None:
            clustered = estimates_frame([self.clustered])
            clustered.insert(0, "design", "all vertebrae, clustered by patient")
            parts.append(clustered)
        return pd.concat(parts, ignore_index=True)

    def _tidy_items(self) -> Iterator[tuple[str, Estimate]]:
        """``paired_t_test``, ``paired_wilcoxon``, ``unpaired_welch`` ... and ``clustered``,
        for the analyses that could be run."""
        for design, part in (("paired", self.paired), ("unpaired", self.unpaired)):
            if part is not None:
                yield from ((f"{design}_{k}", e) for k, e in part._tidy_items())
        if self.clustered is not None:
            yield "clustered", self.clustered


def repeat_volume(
    cohort: Cohort,
    alpha: float = 0.05,
    exact: bool | None = None,
    correct: bool = True,
    *,
    conf_level: float = 0.95,
) -> RepeatVolume:
    """Compare cement volume of repeat augmentations with initial ones.

    A vertebra is paired when the same patient has the same level in a repeat session
    and in an earlier initial session (the first one is used). Paired vertebrae enter the
    paired comparison only; the rest enter the unpaired one; all enter the clustered GEE.
    Vertebrae without a per-vertebra volume (only a session total) are excluded and
    counted. ``alpha`` is 1 - the confidence level (default 0.05); ``exact`` and
    ``correct`` switch the signed-rank and Mann-Whitney tests as ``wilcox.test``
    (defaults: exact when possible, continuity correction), the branch taken recorded
    on each test (``paired.wilcoxon.exact``, ``unpaired.tests["mann_whitney"].exact``).

    ``conf_level`` (default 0.95) is the coverage of the confidence intervals, the same
    as ``alpha = 1 - conf_level``; it is recorded on the result.
    """
    alpha = confidence_alpha(alpha, conf_level)
    frame = vertebra_frame(cohort)
    # only the columns read here: the copies below are of these, not of the whole frame
    used = ["patient_id", "level", "day", "is_repeat", "cement_volume_ml", "session"]
    frame = frame[used].assign(level=frame["level"].astype(str))
    order = vertebra_patient_order(cohort)  # the patients as integers, not hashed again
    patient = pd.factorize(frame["patient_id"].astype(str))[0] if order is None else order
    # a vertebra (patient and level) as one integer: equal where both texts are
    level = pd.factorize(frame["level"])[0]
    keyed = frame.assign(
        _patient=patient, _key=patient.astype(np.int64) * (int(level.max(initial=0)) + 1) + level
    )
    with_volume = frame.dropna(subset=["cement_volume_ml"])
    initial = keyed[~keyed["is_repeat"]].sort_values("day")
    initial = initial[~initial["_key"].duplicated()]  # the first of each vertebra
    repeat = keyed[keyed["is_repeat"]].sort_values("day")
    repeat = repeat[~repeat["_key"].duplicated()]
    pairs = _vertebra_pairs(repeat, initial)
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
            exact,
            correct,
        )
    # unpaired vertebrae with and without a volume: the tests count the ones without
    rest_all = keyed[~keyed["_key"].isin(pairs["_key"]).to_numpy()]
    rest = rest_all.dropna(subset=["cement_volume_ml"])
    unpaired = None
    if (rest["session"] == "repeat").sum() >= 2 and (rest["session"] == "initial").sum() >= 2:
        unpaired = compare_groups(
            rest_all[used], "cement_volume_ml", "session", ("repeat", "initial"), alpha,
            exact=exact, correct=correct,
        )  # fmt: skip
    if paired is None and unpaired is None:
        raise ValueError(
            "fewer than two repeat vertebrae with a per-vertebra cement volume: "
            "repeat vs initial volume cannot be compared"
        )
    clustered = _clustered_difference(frame, alpha, order)  # excludes and counts those without
    complete = pairs.dropna(subset=["cement_volume_ml_initial", "cement_volume_ml_repeat"])
    tested = [complete["_patient"].to_numpy()] if paired is not None else []
    tested += [rest.loc[rest["session"].isin(["repeat", "initial"]), "_patient"].to_numpy()] if unpaired is not None else []  # fmt: skip
    ids = np.concatenate(tested) if tested else np.array([], dtype=np.int64)
    return RepeatVolume(
        paired, unpaired, clustered, len(pairs), len(with_volume), len(frame) - len(with_volume),
        len(ids), len(pd.unique(ids)), int((~with_volume["is_repeat"]).sum()),
        int(with_volume["is_repeat"].sum()),
    )  # fmt: skip


def gee_coefficient(
    data: pd.DataFrame,
    outcome: str,
    term: str,
    cluster: str,
    family: str = "gaussian",
    alpha: float = 0.05,
    *,
    conf_level: float = 0.95,
    cluster_order: np.ndarray | None = None,
) -> GeeCoefficient:
    """One coefficient of a GEE with exchangeable working correlation within clusters and
    robust (sandwich) standard errors, as ``geepack::geeglm(corstr = "exchangeable")``
    (moment estimates of scale and correlation without a degrees-of-freedom correction,
    geepack's convention). ``family="binomial"`` gives a log odds ratio: the estimate and
    interval are then odds ratios; ``coefficient`` keeps the log odds ratio, with the
    robust and naive SEs, working correlation and scale beside it
    (:class:`~analysis.stats.outcomes.gee_model.GeeCoefficient`; the whole table:
    :func:`~analysis.stats.outcomes.gee_model.gee_model`). Rows missing the outcome, term
    or cluster are excluded and counted. Fitted in O(n) per step
    (:mod:`analysis.stats.outcomes.gee`).

    ``conf_level`` (default 0.95) is the coverage of the confidence intervals, the same
    as ``alpha = 1 - conf_level``; it is recorded on the result.

    Clusters are numbered in the order of their text (``data[cluster].astype(str)``
    sorted), rows kept in their order within a cluster. ``cluster_order``, one integer
    per row of ``data`` ordered as that text (``pd.factorize(data[cluster].astype(str),
    sort=True)[0]``), does the same without turning the clusters to text and sorting
    them again: a caller fitting several GEEs of the same rows computes it once.
    """
    alpha = confidence_alpha(alpha, conf_level)
    if family not in ("gaussian", "binomial"):
        raise ValueError(f"family {family!r}: gaussian or binomial here; gee_model fits poisson")
    used = data[[outcome, term, cluster]]
    if cluster_order is None:
        used = used.dropna()
        used = used.assign(**{cluster: used[cluster].astype(str)}).sort_values(cluster, kind="stable")  # fmt: skip
        codes, _ = pd.factorize(used[cluster])
    else:
        known = used.notna().all(axis=1).to_numpy()
        rank = np.asarray(cluster_order)[known]
        order = np.argsort(rank, kind="stable")
        used, codes = used[known].iloc[order], pd.factorize(rank[order])[0]
    if used[term].nunique() < 2 or int(codes.max(initial=-1)) + 1 < 2:
        raise ValueError(
            f"a GEE of {outcome} on {term} needs two values of {term} and two clusters"
        )
    x = np.column_stack([np.ones(len(used)), used[term].to_numpy(dtype=float)])
    try:
        fit = fit_gee_exchangeable(used[outcome].to_numpy(dtype=float), x, codes, family)
    except (ValueError, np.linalg.LinAlgError):
        raise ValueError(f"the GEE of {outcome} on {term} did not converge") from None
    b, se = float(fit.coef[1]), float(np.sqrt(fit.covariance[1, 1]))
    z = float(stats.norm.isf(alpha / 2))
    low, high = b - z * se, b + z * se
    quantity = "odds_ratio" if family == "binomial" else "mean_difference"
    if family == "binomial":
        b, low, high = float(np.exp(b)), float(np.exp(low)), float(np.exp(high))
    return GeeCoefficient(
        f"{quantity}[{term}]",
        b,
        low,
        high,
        1 - alpha,
        f"GEE ({family}), exchangeable working correlation within {cluster_words(cluster)}, robust (sandwich) SE",
        len(used),
        len(data) - len(used),
        float(fit.coef[1]) / se,
        NAN,
        float(2 * stats.norm.sf(abs(float(fit.coef[1]) / se))),
        std_error=se,
        coefficient=float(fit.coef[1]),
        naive_std_error=float(np.sqrt(fit.naive_covariance[1, 1])),
        robust_std_error=se,
        correlation=fit.correlation,
        scale=fit.scale,
    )


def _vertebra_pairs(repeat: pd.DataFrame, initial: pd.DataFrame) -> pd.DataFrame:
    """Each repeat vertebra with the initial one of the same ``_key`` (one at most), in
    the repeat rows' order: ``repeat.merge(initial, on=...)`` with the columns read here
    (``_patient``, ``_key``, ``day_*``, ``cement_volume_ml_*``)."""
    at = pd.Index(initial["_key"]).get_indexer(repeat["_key"])
    found = at >= 0
    r, i = repeat[found], initial.iloc[at[found]]
    return pd.DataFrame(
        {
            "_patient": r["_patient"].to_numpy(),
            "_key": r["_key"].to_numpy(),
            "day_repeat": r["day"].array,
            "cement_volume_ml_repeat": r["cement_volume_ml"].to_numpy(),
            "day_initial": i["day"].array,
            "cement_volume_ml_initial": i["cement_volume_ml"].to_numpy(),
        }
    )


def _clustered_difference(
    frame: pd.DataFrame, alpha: float, order: np.ndarray | None = None
) -> Estimate | None:
    # only the columns the GEE reads: a copy of the whole vertebra frame is not needed
    data = pd.DataFrame(
        {
            "cement_volume_ml": frame["cement_volume_ml"],
            "repeated": frame["is_repeat"].astype(float),
            "patient_id": frame["patient_id"],
        },
        index=frame.index,
    )
    try:
        return gee_coefficient(data, "cement_volume_ml", "repeated", "patient_id", alpha=alpha, cluster_order=order)  # fmt: skip
    except ValueError:
        return None


def leakage_clustered(
    cohort: Cohort,
    by: str = "technique",
    level: str | None = None,
    sessions: Sessions = "index",
    alpha: float = 0.05,
    *,
    conf_level: float = 0.95,
) -> Estimate:
    """Odds ratio of any leakage per vertebra between the groups of ``by`` (``level`` vs
    the other; default: the second group), allowing for several vertebrae per patient
    (:func:`gee_coefficient`, binomial). ``sessions``: the vertebrae of the index
    procedure (default) or of every session (``"all"``).

    ``conf_level`` (default 0.95) is the coverage of the confidence intervals, the same
    as ``alpha = 1 - conf_level``; it is recorded on the result.
    """
    alpha = confidence_alpha(alpha, conf_level)
    frame = vertebra_frame(cohort, sessions)
    groups = [str(c) for c in frame[by].dropna().astype(str).unique()]
    if len(groups) != 2:
        raise ValueError(f"{by} has {len(groups)} groups {groups}; leakage_clustered compares two")
    cats = frame[by].cat.categories if isinstance(frame[by].dtype, pd.CategoricalDtype) else groups
    ordered = [str(c) for c in cats if str(c) in groups]
    chosen = level or ordered[1]
    data = pd.DataFrame(
        {
            "any_leakage": frame["any_leakage"],
            f"{by}_{chosen}": (frame[by].astype(str) == chosen)
            .astype(float)
            .where(frame[by].notna()),
            "patient_id": frame["patient_id"],
        },
        index=frame.index,
    )
    order = vertebra_patient_order(cohort, sessions)
    return gee_coefficient(data, "any_leakage", f"{by}_{chosen}", "patient_id", "binomial", alpha, cluster_order=order)  # fmt: skip


def volume_by(
    cohort: Cohort,
    by: str = "technique",
    alpha: float = 0.05,
    *,
    conf_level: float = 0.95,
    exact: bool | None = None,
    correct: bool = True,
) -> TwoGroupComparison | MultiGroupComparison:
    """Cement volume per vertebra by ``technique`` (default), ``cement_type``,
    ``etiology`` or any column of :func:`vertebra_frame`: two groups give t-tests and
    Mann-Whitney, more give ANOVA, Welch ANOVA and Kruskal-Wallis.

    ``conf_level`` (default 0.95) is the coverage of the confidence intervals, the same
    as ``alpha = 1 - conf_level``; it is recorded on the result. ``exact`` and
    ``correct`` switch the Mann-Whitney test of two groups as
    :func:`~analysis.stats.outcomes.groups.compare_two_groups` (defaults as R's
    ``wilcox.test``); the branch taken is ``tests["mann_whitney"].exact`` / ``.correct``.
    """
    alpha = confidence_alpha(alpha, conf_level)
    frame = vertebra_frame(cohort)
    levels = frame[by].dropna().astype(str).unique()
    if len(levels) < 2:
        raise ValueError(f"{by} has fewer than two groups in this cohort ({list(levels)})")
    if len(levels) == 2:
        return compare_groups(
            frame, "cement_volume_ml", by, None, alpha, exact=exact, correct=correct
        )
    return compare_many_groups(frame, "cement_volume_ml", by)


def leakage_by(
    cohort: Cohort,
    by: str = "technique",
    leakage: str = "any_leakage",
    alpha: float = 0.05,
    sessions: Sessions = "index",
    *,
    conf_level: float = 0.95,
) -> TwoByTwo:
    """Leakage rate per vertebra between the two groups of ``by`` (default
    ``"technique"``; Fisher's exact test, chi-square, RR, OR, RD; see
    :func:`analysis.stats.outcomes.groups.two_by_two`); ``leakage`` names the yes/no
    column (default ``"any_leakage"``).

    ``sessions``: the vertebrae of the index procedure (default, as
    :func:`analysis.stats.describe_cohort` counts them) or of every session. These tests
    treat vertebrae as independent; :func:`leakage_clustered` accounts for several
    vertebrae of one patient.

    ``conf_level`` (default 0.95) is the coverage of the confidence intervals, the same
    as ``alpha = 1 - conf_level``; it is recorded on the result.
    """
    alpha = confidence_alpha(alpha, conf_level)
    frame = vertebra_frame(cohort, sessions)
    present = [str(v) for v in frame[by].dropna().astype(str).unique()]
    if len(present) != 2:
        raise ValueError(f"{by} has {len(present)} groups {present}; leakage_by compares two")
    cats = frame[by].cat.categories if isinstance(frame[by].dtype, pd.CategoricalDtype) else present
    ordered = [str(c) for c in cats if str(c) in present]
    return compare_proportions(frame, leakage, by, (ordered[0], ordered[1]), alpha)


@dataclass(frozen=True, repr=False)
class LogisticModel(Displayed, ModelResult):
    """A logistic regression: one row per term with odds ratio and Wald CI."""

    outcome: str
    formula: str
    terms: tuple[Estimate, ...]
    n_used: int
    n_excluded: int
    n_events: int
    likelihood_ratio: float = NAN  # against the intercept-only model, as anova(glm) prints
    level_counts: pd.DataFrame | None = None  # subjects and events per level of each factor
    # every term, the intercept first, on the logit scale (see ``coefficients``)
    logit_terms: Tests | None = None
    log_likelihood: float = NAN

    _display_extra = ("method", "tests")
    _display_skip = ("logit_terms", "log_likelihood")  # the odds ratios are the rows

    @property
    def method(self) -> str:
        return "Logistic regression, Wald CI and z-test"

    @property
    def tests(self) -> Tests:
        """The likelihood-ratio test of all terms together, keyed ``likelihood_ratio``."""
        df = float(len(self.terms))
        p = float(stats.chi2.sf(self.likelihood_ratio, df)) if df else NAN
        return Tests([("likelihood_ratio", Estimate("association", NAN, NAN, NAN, NAN,
                      "likelihood ratio test", self.n_used, self.n_excluded,
                      self.likelihood_ratio, df, p))])  # fmt: skip

    @property
    def odds_ratios(self) -> Tests:
        """The terms keyed by predictor (``cement_volume_ml``, ``technique=kyphoplasty``)."""
        return Tests(
            (t.quantity.removeprefix("odds_ratio[").removesuffix("]"), t) for t in self.terms
        )

    def to_frame(self) -> pd.DataFrame:
        return estimates_frame(self.terms, {"outcome": self.outcome})

    @property
    def coefficients(self) -> Tests:
        """Every term keyed by name, ``intercept`` first: a
        :class:`~analysis.stats.results.ModelTerm` with the log odds ratio, its SE, Wald z
        and interval, and the odds ratio and its interval as ``exp_estimate`` ...
        (equal to ``odds_ratios``)."""
        if self.logit_terms is not None:
            return self.logit_terms
        z = stats.norm.isf((1 - self.terms[0].ci_level) / 2) if self.terms else NAN
        return Tests(
            (name, _logit_term(t, float((np.log(t.ci_high) - np.log(t.ci_low)) / (2 * z))))
            for name, t in self.odds_ratios.items()
        )  # without the intercept: a model built before ``logit_terms`` existed

    def _glance(self) -> dict[str, object]:
        """Outcome, formula, n used, excluded and events, log-likelihood, AIC and the
        likelihood-ratio test against the intercept-only model."""
        k = len(self.coefficients)
        return {
            "model": self.formula,
            "outcome": self.outcome,
            "n_used": self.n_used,
            "n_excluded": self.n_excluded,
            "n_events": self.n_events,
            "log_likelihood": self.log_likelihood,
            "aic": -2 * self.log_likelihood + 2 * k,
            **tests_columns(self.tests, ["likelihood_ratio"]),
            "method": self.method,
        }


def _logit_term(
    odds_ratio: Estimate, std_error: float, link: tuple[float, float, float] | None = None
) -> ModelTerm:
    """An odds ratio's row as a term on the logit scale (``link``: the coefficient and
    its limits, else the logs of the odds ratio's), its exponent the odds ratio."""
    t = odds_ratio
    b, low, high = link or (float(np.log(t.estimate)), float(np.log(t.ci_low)), float(np.log(t.ci_high)))  # fmt: skip
    return ModelTerm(
        "coefficient", b, low, high, t.ci_level, t.method, t.n_used, t.n_excluded, t.statistic,
        t.df, t.p_value, std_error=std_error, naive_std_error=std_error,
        std_error_used="naive", exp_estimate=t.estimate, exp_ci_low=t.ci_low,
        exp_ci_high=t.ci_high,
    )  # fmt: skip


def logistic_model(
    frame: pd.DataFrame,
    outcome: str,
    predictors: list[str],
    alpha: float = 0.05,
    *,
    conf_level: float = 0.95,
) -> LogisticModel:
    """Logistic regression (maximum likelihood, as R's ``glm(family = binomial)``).

    Rows with a missing outcome or predictor are excluded and counted. Categorical
    predictors use their first present level as reference. Each term's estimate is the
    odds ratio with a Wald CI and z-test; the intercept is not reported.

    ``conf_level`` (default 0.95) is the coverage of the confidence intervals, the same
    as ``alpha = 1 - conf_level``; it is recorded on the result.
    """
    alpha = confidence_alpha(alpha, conf_level)
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
    import statsmodels.formula.api as smf  # heavy: imported on use

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
    counts = level_counts(data, predictors, outcome)
    ratios = {t.quantity: t for t in terms}
    intercept = Estimate(
        "odds_ratio[intercept]", float(np.exp(fit.params["Intercept"])),
        float(np.exp(ci.loc["Intercept", 0])), float(np.exp(ci.loc["Intercept", 1])), 1 - alpha,
        "Logistic regression, Wald CI and z-test", len(data), len(frame) - len(data),
        float(fit.tvalues["Intercept"]), NAN, float(fit.pvalues["Intercept"]),
    )  # fmt: skip
    logit = Tests(
        (
            "intercept" if name == "Intercept" else _term(name),
            _logit_term(
                intercept if name == "Intercept" else ratios[f"odds_ratio[{_term(name)}]"],
                float(fit.bse[name]),
                (float(fit.params[name]), float(ci.loc[name, 0]), float(ci.loc[name, 1])),
            ),
        )
        for name in fit.params.index
    )
    null = _intercept_only_log_likelihood(float(data[outcome].sum()), len(data))
    ratio = 2.0 * (float(fit.llf) - null)
    return LogisticModel(outcome, formula, terms, len(data), len(frame) - len(data), events,
                         ratio, counts, logit, float(fit.llf))  # fmt: skip


def _intercept_only_log_likelihood(events: float, n: int) -> float:
    """The log-likelihood of the intercept-only logistic model at its maximum, in closed
    form: the fitted probability is the mean outcome, ``p = events / n`` (``events`` the
    sum of the 0/1 outcomes), so it is ``events log p + (n - events) log(1 - p)``; R's
    ``glm`` null deviance is -2 times it. statsmodels' ``llnull`` searches for this
    maximum numerically (Nelder-Mead, then BFGS, over every row again) and can stop short
    of it: at 1.4 million vertebrae the likelihood-ratio statistic came out 1.23012
    instead of 1.22994."""
    rest = n - events
    return events * float(np.log(events / n)) + rest * float(np.log(rest / n))


def leakage_model(
    cohort: Cohort,
    predictors: tuple[str, ...] = ("cement_volume_ml", "technique"),
    *,
    conf_level: float = 0.95,
) -> LogisticModel:
    """Logistic regression of any leakage per vertebra on ``predictors`` (default cement
    volume and technique).

    ``conf_level`` (default 0.95) is the coverage of the odds ratios' intervals; it is
    recorded on the result."""
    alpha = confidence_alpha(0.05, conf_level)
    return logistic_model(vertebra_frame(cohort), "any_leakage", list(predictors), alpha)


def _term(name: str) -> str:
    """``technique[T.kyphoplasty]`` -> ``technique=kyphoplasty``."""
    return name.replace("[T.", "=").rstrip("]") if "[T." in name else name
