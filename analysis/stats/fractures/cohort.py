"""New fractures after augmentation, from a cohort: the analyses a paper reports.

Thin, documented compositions of the dataset builders in :mod:`fractures` and the
estimators in :mod:`survival`, :mod:`competing`, :mod:`cox` and :mod:`finegray`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from analysis.schema import Cohort
from analysis.stats.display import Displayed
from analysis.stats.fractures.classify import classify_fractures, time_to_fracture
from analysis.stats.levels import confidence_alpha
from analysis.stats.outcomes.groups import GroupSummary, TwoGroupComparison, compare_two_groups
from analysis.stats.results import Estimate, Tidy
from analysis.stats.survival.competing import CumulativeIncidence, cumulative_incidence
from analysis.stats.survival.cox import CoxModel, cox_ph
from analysis.stats.survival.kaplan_meier import (
    ConfType,
    KaplanMeier,
    LogRank,
    kaplan_meier,
    logrank_test,
)
from analysis.stats.survival.rmst import RestrictedMean, rmst

RISK_FACTORS = ("age_years", "bmd_t_score", "steroid_use", "index_cement_volume_ml", "disc_leakage")

# How a death before any new fracture counts in a Kaplan-Meier or Cox analysis of new
# fractures: ``censored`` (the curve estimates a world without deaths; the Cox model is
# the cause-specific hazard) or ``event`` (the endpoint is a new fracture or death). As a
# competing risk, deaths are handled by :func:`fracture_cumulative_incidence`.
Deaths = Literal["censored", "event"]
DEATHS = ("competing", "censored", "event")


def endpoint(data: pd.DataFrame, deaths: str) -> pd.Series:
    """The 0/1 event of a time-to-fracture dataset with deaths counted as ``deaths``."""
    if deaths == "censored":
        return data["fracture"]
    if deaths == "event":
        return ((data["fracture"] == 1) | (data["cause"].astype(str) == "death")).astype(int)
    if deaths == "competing":
        raise ValueError(
            "with death as a competing risk there is no Kaplan-Meier curve of new fractures: "
            "use fracture_cumulative_incidence(cohort, by_class=False) for the cumulative "
            "incidence of a new fracture, or deaths='censored' for the cause-specific analysis"
        )
    raise ValueError(f"deaths must be one of {', '.join(DEATHS)}, not {deaths!r}")


def _require_column(data: pd.DataFrame, by: str | None) -> None:
    if by is not None and by not in data.columns:
        usable = sorted(c for c in data.columns if c not in ("time", "fracture", "cause"))
        raise ValueError(
            f"'{by}' is not a column of the patient-level survival data; group by one of "
            f"{', '.join(usable)}"
        )


def _patient_groups(
    cohort: Cohort, by: str | None
) -> tuple[pd.DataFrame, np.ndarray | None, tuple[str, ...] | None]:
    """The time-to-fracture data, the group of each patient, and the groups' order (a
    categorical column's declared order)."""
    data = time_to_fracture(cohort)
    _require_column(data, by)
    if by is None:
        return data, None, None
    group = data[by].astype("string").to_numpy(dtype=object)
    order = None
    if isinstance(data[by].dtype, pd.CategoricalDtype):
        present = set(data[by].dropna().astype(str))
        order = tuple(str(c) for c in data[by].cat.categories if str(c) in present)
    return data, group, order


def fracture_free_survival(
    cohort: Cohort,
    by: str | None = None,
    conf_type: ConfType = "log-log",
    alpha: float = 0.05,
    deaths: Deaths = "censored",
    *,
    conf_level: float = 0.95,
) -> KaplanMeier:
    """Kaplan-Meier survival free of any new fracture, optionally by a patient column.

    ``deaths="censored"`` (default): death and end of follow-up censor (1 - survival
    overstates the incidence when deaths compete; see
    :func:`fracture_cumulative_incidence`). ``deaths="event"``: survival free of a new
    fracture or death. Patients with no known follow-up are counted in ``n_excluded``.
    ``by`` (default ``None``: one curve) names a patients column; ``conf_type``
    (default ``"log-log"``; ``"log"``, ``"plain"``) the interval, as R's ``conf.type``.

    ``conf_level`` (default 0.95) is the coverage of the confidence intervals, the same
    as ``alpha = 1 - conf_level``; it is recorded on the result.
    """
    alpha = confidence_alpha(alpha, conf_level)
    data, group, order = _patient_groups(cohort, by)
    return kaplan_meier(data["time"], endpoint(data, deaths), group, conf_type, alpha, order)


def fracture_free_rmst(
    cohort: Cohort,
    by: str | None = None,
    tau: float = 365.0,
    alpha: float = 0.05,
    deaths: Deaths = "censored",
    *,
    conf_level: float = 0.95,
) -> RestrictedMean:
    """Restricted mean fracture-free time up to ``tau`` days, optionally by a patient
    column (difference and ratio of the two groups; see
    :func:`analysis.stats.survival.rmst.rmst`); ``deaths`` as in :func:`fracture_free_survival`.

    ``conf_level`` (default 0.95) is the coverage of the confidence intervals, the same
    as ``alpha = 1 - conf_level``; it is recorded on the result.
    """
    alpha = confidence_alpha(alpha, conf_level)
    data, group, order = _patient_groups(cohort, by)
    return rmst(data["time"], endpoint(data, deaths), group, tau, alpha, order)


def fracture_free_logrank(
    cohort: Cohort, by: str = "etiology", deaths: Deaths = "censored"
) -> LogRank:
    """Log-rank test of fracture-free survival between the groups of a patient column
    ``by`` (default ``"etiology"``); ``deaths="censored"`` (default): a test of the
    cause-specific hazard; ``"event"``: deaths counted as events."""
    data = time_to_fracture(cohort)
    _require_column(data, by)
    return logrank_test(
        data["time"], endpoint(data, deaths), data[by].astype("string").to_numpy(dtype=object)
    )


# what the second group of fracture_timing holds, whatever its label
SECOND_GROUP_HOLDS = "remote (two or more levels from any treated vertebra)"


@dataclass(frozen=True, repr=False)
class FractureTiming(Displayed, Tidy):
    """Days from the index procedure to new adjacent vs remote fractures.

    ``comparison`` compares the days (first group adjacent, second remote) with Welch
    t, Student t and Mann-Whitney U; ``logrank`` compares the same days as fully
    observed times in a survival framework; ``n_same_level`` fractures are outside both
    groups and counted here.

    The second group is labelled ``"non-adjacent"`` in ``comparison.groups`` and
    ``logrank.groups`` (the label tables and the report print), but it holds remote
    fractures only, two or more levels from any treated vertebra: fractures at a
    treated level (``n_same_level``) and unclassified ones are in neither group.
    ``second_group_holds`` says so in words.
    """

    comparison: TwoGroupComparison
    logrank: LogRank
    n_same_level: int
    n_unclassified: int
    definition: str = "each patient's first new fracture"
    second_group_holds: str = SECOND_GROUP_HOLDS

    @property
    def adjacent(self) -> GroupSummary:
        """The days of the adjacent fractures (the first group), by name."""
        return self.comparison.groups[0]

    @property
    def remote(self) -> GroupSummary:
        """The days of the remote fractures (the second group, whatever its label), by
        name: two or more levels from any treated vertebra."""
        return self.comparison.groups[1]

    def to_frame(self) -> pd.DataFrame:
        frame = self.comparison.to_frame()
        frame.insert(0, "fractures", self.definition)
        return frame

    def _tidy_items(self) -> Iterator[tuple[str, Estimate]]:
        """The tests of the days (``welch``, ``student``, ``mann_whitney``), then the
        log-rank test (``logrank``)."""
        yield from self.comparison.tests.items()
        yield "logrank", self.logrank.test

    def _glance(self) -> dict[str, object]:
        """Which fractures, what the second group holds, the fractures outside both
        groups, then the days' summary per group (as :meth:`TwoGroupComparison.glance`)."""
        return {
            "definition": self.definition,
            "second_group_holds": self.second_group_holds,
            "n_same_level": self.n_same_level,
            "n_unclassified": self.n_unclassified,
            **self.comparison._glance(),
        }


def fracture_timing(
    cohort: Cohort,
    alpha: float = 0.05,
    first_only: bool = True,
    primary: str = "welch",
    *,
    conf_level: float = 0.95,
    exact: bool | None = None,
    correct: bool = True,
    labels: tuple[str, str] = ("adjacent", "non-adjacent"),
) -> FractureTiming:
    """Compare when adjacent and remote new fractures occur.

    The groups are labelled ``labels`` in the result (default ``("adjacent",
    "non-adjacent")``, what tables and the report print; ``("adjacent", "remote")``
    names what the second holds). The second holds remote fractures only (two or more
    levels from any treated vertebra, :attr:`FractureTiming.second_group_holds`,
    :attr:`FractureTiming.remote`): fractures at a treated level are counted apart
    (``n_same_level``), as are unclassified ones. ``exact`` and ``correct`` switch the
    Mann-Whitney test as :func:`~analysis.stats.outcomes.groups.compare_two_groups`
    (defaults as R's ``wilcox.test``); the branch taken is
    ``comparison.tests["mann_whitney"].exact`` / ``.correct``.

    ``first_only`` (default): each patient's first new fracture, the usual definition
    (one observation per patient, so the tests' independence holds). ``False``: every
    classified new fracture (a patient may contribute several). ``definition`` says
    which was used. ``primary`` names the primary test (``welch``, ``student`` or
    ``mann_whitney``); the others are sensitivity analyses.

    ``conf_level`` (default 0.95) is the coverage of the confidence intervals, the same
    as ``alpha = 1 - conf_level``; it is recorded on the result.
    """
    alpha = confidence_alpha(alpha, conf_level)
    fx = classify_fractures(cohort)
    if first_only:
        fx = fx.sort_values(["patient_id", "day"], kind="stable").drop_duplicates("patient_id")
    cls = fx["fracture_class"].astype(str)
    days = fx["day"].astype(float)
    adjacent, remote = days[cls == "adjacent"].to_numpy(), days[cls == "remote"].to_numpy()
    if len(labels) != 2 or labels[0] == labels[1]:
        raise ValueError(f"labels names the adjacent and the remote group: two different words, not {labels!r}")  # fmt: skip
    comparison = compare_two_groups(
        adjacent, remote, labels, "days_to_fracture", alpha, primary, exact, correct
    )
    both = cls.isin(["adjacent", "remote"])
    lr = logrank_test(
        days[both], np.ones(int(both.sum())), np.where(cls[both] == "adjacent", labels[0], labels[1]),
        group_order=labels,
    )  # fmt: skip
    return FractureTiming(
        comparison,
        lr,
        int((cls == "same_level").sum()),
        int((cls == "unclassified").sum()),
        "each patient's first new fracture" if first_only else "every new fracture",
    )


def fracture_cumulative_incidence(
    cohort: Cohort,
    by: str | None = None,
    alpha: float = 0.05,
    by_class: bool = True,
    *,
    conf_level: float = 0.95,
) -> CumulativeIncidence:
    """Cumulative incidence of the first new fracture, death competing (Aalen-Johansen).

    ``by_class=True`` (default): causes are ``adjacent``, ``remote``, ``same_level`` (and
    ``unclassified``) as they occur, and ``death``. ``by_class=False``: causes are
    ``new_fracture`` (any class) and ``death``. With ``by``, Gray's test compares the
    groups for each cause (groups in a categorical column's declared order).

    ``conf_level`` (default 0.95) is the coverage of the confidence intervals, the same
    as ``alpha = 1 - conf_level``; it is recorded on the result.
    """
    alpha = confidence_alpha(alpha, conf_level)
    data, group, order = _patient_groups(cohort, by)
    cause = data["cause"].astype(str)
    if not by_class:
        cause = cause.where(~data["fracture"].astype(bool), "new_fracture")
    return cumulative_incidence(data["time"], cause, group, alpha=alpha, group_order=order)


def fracture_risk_model(
    cohort: Cohort,
    covariates: Sequence[str] = RISK_FACTORS,
    alpha: float = 0.05,
    ties: str = "efron",
    strata: str | Sequence[str] | None = None,
    deaths: Deaths = "censored",
    *,
    conf_level: float = 0.95,
) -> CoxModel:
    """Cox model of time to first new fracture on patient risk factors.

    Default covariates: age, BMD T-score, steroid use, index cement volume and disc
    leakage; any column of :func:`time_to_fracture` may be used (``prior_fracture_count``,
    ``kyphoplasty``, ``etiology`` ...). Patients missing a covariate (or a stratum) are
    excluded and counted.

    Parameters
    ----------
    cohort
        The tidy cohort.
    covariates
        Columns of :func:`time_to_fracture` entered as covariates.
    alpha
        1 - confidence level (default 0.05).
    conf_level
        Coverage of the confidence intervals (default 0.95); the same as
        ``alpha = 1 - conf_level``, which older calls give. Recorded on the result
        (``ci_level`` of each estimate, ``conf_level`` of ``tidy()``).
    ties
        ``"efron"`` (default, as ``coxph``) or ``"breslow"``.
    strata
        Optional column(s) of :func:`time_to_fracture` (e.g. ``etiology``) with a
        baseline hazard of their own, as ``strata()`` in ``coxph``; ``None`` (default):
        one baseline hazard. See :func:`analysis.stats.survival.cox.cox_ph`.
    deaths
        ``"censored"`` (default): the cause-specific hazard of a new fracture;
        ``"event"``: the hazard of a new fracture or death.
    """
    alpha = confidence_alpha(alpha, conf_level)
    data, event = endpoint_data(time_to_fracture(cohort), deaths)
    return cox_ph(data, "time", event, covariates, alpha=alpha, ties=ties, strata=strata)


def endpoint_data(data: pd.DataFrame, deaths: str) -> tuple[pd.DataFrame, str]:
    """A time-to-fracture dataset and the name of its event column for ``deaths``:
    ``fracture`` with deaths censored, a ``fracture_or_death`` column added with deaths
    as events."""
    if deaths == "censored":
        return data, "fracture"
    return data.assign(fracture_or_death=endpoint(data, deaths)), "fracture_or_death"


@dataclass(frozen=True, repr=False)
class IntervalCensoredSurvival(Displayed):
    """Turnbull (NPMLE) fracture-free survival when fractures are found at visits.

    ``table`` has ``time``, ``survival_upper`` and ``survival_lower`` (the NPMLE is set
    valued on the Turnbull intervals: the two bounds bracket it), from lifelines.
    """

    table: pd.DataFrame
    n_used: int
    n_interval: int
    method: str

    def to_frame(self) -> pd.DataFrame:
        return self.table.copy()


def fracture_intervals(
    cohort: Cohort, visit_days: Sequence[int] = (0, 30, 90, 180, 365, 730)
) -> pd.DataFrame:
    """Interval-censored times of the first new fracture.

    A fracture found on day t at a scheduled radiograph happened after the previous
    visit: the interval is (last visit day before t, t]. Patients without a fracture are
    right-censored at their last follow-up: (follow-up, inf). ``visit_days``: the days
    of the scheduled radiographs (default 0, 30, 90, 180, 365 and 730).
    """
    data = time_to_fracture(cohort)
    visits = np.asarray(sorted(visit_days), dtype=float)
    t = data["time"].to_numpy(dtype=float)
    fx = data["fracture"].to_numpy() == 1
    idx = np.searchsorted(visits, t, side="left") - 1
    left = np.where(fx, np.where(idx >= 0, visits[np.maximum(idx, 0)], 0.0), t)
    right = np.where(fx, t, np.inf)
    return pd.DataFrame(
        {
            "patient_id": data["patient_id"],
            "lower": left,
            "upper": right,
            "fracture": fx.astype(int),
        }
    )


def interval_censored_survival(
    lower: Sequence[float], upper: Sequence[float]
) -> IntervalCensoredSurvival:
    """Non-parametric (Turnbull) survival for interval-censored times, via lifelines."""
    lo = np.asarray(lower, dtype=float)
    hi = np.asarray(upper, dtype=float)
    ok = ~np.isnan(lo) & ~np.isnan(hi)
    from lifelines import KaplanMeierFitter  # heavy: imported on use

    kmf = KaplanMeierFitter()
    kmf.fit_interval_censoring(lo[ok], hi[ok])
    sf = kmf.survival_function_
    table = pd.DataFrame(
        {"time": sf.index.to_numpy(dtype=float), "survival_upper": sf.iloc[:, 0].to_numpy(), "survival_lower": sf.iloc[:, 1].to_numpy()}
    )  # fmt: skip
    return IntervalCensoredSurvival(
        table, int(ok.sum()), int(np.isfinite(hi[ok]).sum()),
        "Turnbull non-parametric maximum likelihood (lifelines KaplanMeierFitter.fit_interval_censoring)",
    )  # fmt: skip
