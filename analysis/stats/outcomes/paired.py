"""Change between two time points: pain, mobility or any declared measure.

The unit is a session (``procedure_id``): its own baseline and its own follow-up. Only
complete pairs enter the tests; incomplete pairs are counted in ``n_excluded``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.contingency_tables import mcnemar as sm_mcnemar

from analysis.schema import Cohort
from analysis.stats.display import Displayed, num
from analysis.stats.levels import confidence_alpha
from analysis.stats.outcomes.proportions import Proportion, proportion
from analysis.stats.outcomes.scales import check_points
from analysis.stats.outcomes.selection import Sessions, died_before, measure_wide
from analysis.stats.ranks import signed_rank
from analysis.stats.results import NAN, Estimate, Tidy, estimates_frame


@dataclass(frozen=True, repr=False)
class PairedChange(Displayed, Tidy):
    """Before/after summary and tests of one measure between two time points.

    Attributes
    ----------
    measure, time_before, time_after
        What was compared.
    n_pairs, n_excluded
        Complete pairs used; sessions lacking one or both values.
    n_missing_before, n_missing_after
        Sessions without the baseline value, without the follow-up value.
    mean_before, sd_before, mean_after, sd_after
        Of the complete pairs.
    t_test
        Mean change (after - before) with its CI and the paired t-test.
    wilcoxon
        Hodges-Lehmann median change with CI and the Wilcoxon signed-rank test;
        ``method`` says exact or normal approximation.
    cohen_dz
        Mean change divided by the SD of the changes.
    sd_change
        SD of the paired changes (what a paired t-test from printed summaries needs).
    n_nonzero
        Pairs whose change is not zero (the signed-rank test drops the others, as R).
    minimum_before, maximum_before, minimum_after, maximum_after
        Range of the values of the complete pairs at each time point.
    minimum_change, maximum_change
        Range of the paired changes (after - before).
    n_died
        Of the ``n_missing_after`` sessions without the follow-up value, those whose
        patient had died before it was due (the others were not assessed, or had left
        follow-up); 0 when not known (:func:`compare_paired` without ``died``).
    """

    measure: str
    time_before: str
    time_after: str
    n_pairs: int
    n_excluded: int
    n_missing_before: int
    n_missing_after: int
    mean_before: float
    sd_before: float
    mean_after: float
    sd_after: float
    t_test: Estimate
    wilcoxon: Estimate
    cohen_dz: float
    sd_change: float = NAN
    n_nonzero: int = 0
    minimum_before: float = NAN
    maximum_before: float = NAN
    minimum_after: float = NAN
    maximum_after: float = NAN
    minimum_change: float = NAN
    maximum_change: float = NAN
    n_died: int = 0

    def _display_label(self) -> str:
        return f"{self.time_before} to {self.time_after}"

    def _display_headline(self) -> str:
        return (
            f"{self.n_pairs} pairs ({self.n_excluded} excluded), mean {num(self.mean_before)} "
            f"to {num(self.mean_after)}, Cohen's d_z {num(self.cohen_dz)}"
        )

    @property
    def wilcoxon_branch(self) -> str:
        """``"exact"`` or ``"normal"``: which branch the signed-rank test took."""
        return (
            "exact"
            if self.wilcoxon.method.startswith("Wilcoxon signed-rank test, exact")
            else "normal"
        )

    def to_frame(self) -> pd.DataFrame:
        """Two estimate rows (t-test, Wilcoxon) with the descriptive columns in front."""
        context = {
            "measure": self.measure,
            "time_before": self.time_before,
            "time_after": self.time_after,
            "mean_before": self.mean_before,
            "sd_before": self.sd_before,
            "mean_after": self.mean_after,
            "sd_after": self.sd_after,
            "sd_change": self.sd_change,
            "n_nonzero": self.n_nonzero,
            "cohen_dz": self.cohen_dz,
            "minimum_before": self.minimum_before,
            "maximum_before": self.maximum_before,
            "minimum_after": self.minimum_after,
            "maximum_after": self.maximum_after,
            "minimum_change": self.minimum_change,
            "maximum_change": self.maximum_change,
        }
        return estimates_frame([self.t_test, self.wilcoxon], context)

    def _glance(self) -> dict[str, object]:
        """Every descriptive field (means, SDs, minima and maxima, Cohen's d_z ...),
        ``n_used`` (the pairs) and the signed-rank test's branch (``wilcoxon_exact``,
        ``wilcoxon_correct``)."""
        return {
            **super()._glance(),
            "n_used": self.n_pairs,
            "wilcoxon_exact": bool(
                getattr(self.wilcoxon, "exact", self.wilcoxon_branch == "exact")
            ),
            "wilcoxon_correct": bool(getattr(self.wilcoxon, "correct", False)),
        }


def paired_t(
    diff: np.ndarray, alpha: float = 0.05, n_excluded: int = 0, *, conf_level: float = 0.95
) -> Estimate:
    """Mean of paired differences with its t interval and the paired t-test.

    ``conf_level`` (default 0.95) is the coverage of the confidence intervals, the same
    as ``alpha = 1 - conf_level``; it is recorded on the result.
    """
    alpha = confidence_alpha(alpha, conf_level)
    d = np.asarray(diff, dtype=float)
    if len(d) < 2:
        raise ValueError(f"a paired t-test needs at least 2 complete pairs (got {len(d)})")
    if np.ptp(d) == 0:  # every difference equal: the t statistic is undefined (R refuses)
        nan = float("nan")
        return Estimate(
            "mean_change",
            float(d.mean()),
            float(d.mean()),
            float(d.mean()),
            1 - alpha,
            "Paired t-test, undefined: every difference is equal (SD 0)",
            len(d),
            n_excluded,
            nan,
            float(len(d) - 1),
            nan,
        )
    res = stats.ttest_1samp(d, 0.0)
    ci = res.confidence_interval(1 - alpha)
    return Estimate(
        "mean_change",
        float(d.mean()),
        float(ci.low),
        float(ci.high),
        1 - alpha,
        "Paired t-test",
        len(d),
        n_excluded,
        float(res.statistic),
        float(res.df),
        float(res.pvalue),
    )


def compare_paired(
    before: np.ndarray,
    after: np.ndarray,
    measure: str = "value",
    time_before: str = "before",
    time_after: str = "after",
    alpha: float = 0.05,
    exact: bool | None = None,
    correct: bool = True,
    *,
    conf_level: float = 0.95,
    died: np.ndarray | None = None,
) -> PairedChange:
    """Paired comparison of two arrays of equal length; NaN marks a missing value.

    Parameters
    ----------
    before, after
        Values per unit (session), aligned.
    measure, time_before, time_after
        Labels carried into the result.
    alpha
        1 - confidence level (default 0.05: 95% intervals).
    conf_level
        Coverage of the confidence intervals (default 0.95); the same as
        ``alpha = 1 - conf_level``, which older calls give. Recorded on the result
        (``ci_level`` of each estimate, ``conf_level`` of ``tidy()``).
    exact, correct
        The signed-rank test's branch, as ``wilcox.test``
        (:func:`~analysis.stats.ranks.signed_rank`): ``exact=None`` (default) takes the
        exact distribution below 50 differences without ties or zeros; ``correct=True``
        (default) applies the continuity correction of the normal approximation. The
        branch taken is ``wilcoxon.exact`` / ``wilcoxon.correct``.
    died
        Per unit, whether its patient had died before the follow-up value was due
        (:func:`~analysis.stats.outcomes.selection.died_before`); counted in ``n_died``
        among the units without that value.

    Returns
    -------
    PairedChange

    Raises
    ------
    ValueError
        If the arrays differ in length or fewer than 2 complete pairs remain.
    """
    alpha = confidence_alpha(alpha, conf_level)
    b, a = np.asarray(before, dtype=float), np.asarray(after, dtype=float)
    if b.shape != a.shape:
        raise ValueError(f"before and after differ in length ({len(b)} vs {len(a)})")
    dead = np.zeros(len(a), dtype=bool) if died is None else np.asarray(died, dtype=bool)
    if dead.shape != a.shape:
        raise ValueError(f"died and after differ in length ({len(dead)} vs {len(a)})")
    complete = ~np.isnan(b) & ~np.isnan(a)
    n_excl = int((~complete).sum())
    bc, ac = b[complete], a[complete]
    diff = ac - bc
    t = paired_t(diff, alpha, n_excl)
    sd_diff = float(np.std(diff, ddof=1))
    if np.all(diff == 0):
        wil = Estimate(
            "hodges_lehmann_change", 0.0, NAN, NAN, 1 - alpha,
            "Wilcoxon signed-rank test not computed: every change is zero",
            len(diff), n_excl,
        )  # fmt: skip
    else:
        wil = signed_rank(diff, alpha, n_excl, exact, correct)
    return PairedChange(
        measure,
        time_before,
        time_after,
        int(complete.sum()),
        n_excl,
        int(np.isnan(b).sum()),
        int(np.isnan(a).sum()),
        float(bc.mean()),
        float(np.std(bc, ddof=1)),
        float(ac.mean()),
        float(np.std(ac, ddof=1)),
        t,
        wil,
        float(diff.mean() / sd_diff) if sd_diff > 0 else NAN,
        sd_diff,
        int(np.count_nonzero(diff)),
        float(bc.min()),
        float(bc.max()),
        float(ac.min()),
        float(ac.max()),
        float(diff.min()),
        float(diff.max()),
        int((np.isnan(a) & dead).sum()),
    )


def _pair(
    cohort: Cohort, measure: str, before: str, after: str, sessions: Sessions
) -> tuple[np.ndarray, np.ndarray]:
    """Baseline and follow-up values per selected session, NaN where not assessed."""
    wide = measure_wide(cohort, measure, [before, after], sessions)
    return wide[before].to_numpy(float), wide[after].to_numpy(float)


def _pair_and_deaths(
    cohort: Cohort, measure: str, before: str, after: str, sessions: Sessions
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`_pair` and, per session, whether its patient died before ``after``."""
    wide = measure_wide(cohort, measure, [before, after], sessions)
    values = wide[before].to_numpy(float), wide[after].to_numpy(float)
    return *values, died_before(cohort, wide, after)


def paired_change(
    cohort: Cohort,
    measure: str = "pain_vas",
    before: str = "pre",
    after: str = "1m",
    sessions: Sessions = "index",
    alpha: float = 0.05,
    exact: bool | None = None,
    correct: bool = True,
    *,
    conf_level: float = 0.95,
) -> PairedChange:
    """Change of a measure between two time points of the same sessions.

    Parameters
    ----------
    cohort
        The loaded cohort.
    measure
        A declared measure (``pain_vas``, ``mobility``, ``odi`` ...).
    before, after
        Time points (``pre`` and ``1m`` by default).
    sessions
        ``"index"`` (day-0 sessions), ``"repeat"`` (repeat augmentations, e.g. pain
        before and after the repeat procedure) or ``"all"``.
    alpha
        1 - confidence level (default 0.05).
    conf_level
        Coverage of the confidence intervals (default 0.95); the same as
        ``alpha = 1 - conf_level``, which older calls give. Recorded on the result
        (``ci_level`` of each estimate, ``conf_level`` of ``tidy()``).
    exact, correct
        The signed-rank test's branch (see :func:`compare_paired`; defaults as R's
        ``wilcox.test``).

    Returns
    -------
    PairedChange
        Counts, means, the paired t-test, Wilcoxon signed-rank with Hodges-Lehmann
        estimate, and Cohen's d_z; ``n_died`` of the sessions without the follow-up
        value, whose patient had died before it was due.
    """
    alpha = confidence_alpha(alpha, conf_level)
    b, a, died = _pair_and_deaths(cohort, measure, before, after, sessions)
    return compare_paired(b, a, measure, before, after, alpha, exact, correct, died=died)


@dataclass(frozen=True, repr=False)
class Responders(Displayed, Tidy):
    """Sessions whose measure fell by at least a threshold, with CIs.

    ``definition`` states the rule in words; ``n_excluded`` counts incomplete pairs and,
    for relative thresholds, a baseline of 0.
    """

    measure: str
    time_before: str
    time_after: str
    definition: str
    responders: Proportion
    n_excluded: int

    def to_frame(self) -> pd.DataFrame:
        frame = self.responders.to_frame()
        frame["n_excluded"] = self.n_excluded
        for col, val in (
            ("definition", self.definition),
            ("time_after", self.time_after),
            ("time_before", self.time_before),
            ("measure", self.measure),
        ):
            frame.insert(0, col, val)
        return frame

    def _tidy_items(self) -> Iterator[tuple[str, Estimate]]:
        """The proportion of responders with each interval (see :class:`Proportion`)."""
        return iter(self.responders._tidy_items())

    def _glance(self) -> dict[str, object]:
        """The measure, time points and rule, responders, sessions and exclusions."""
        return {
            **super()._glance(),
            "count": self.responders.count,
            "n_used": self.responders.n,
            "proportion": self.responders.proportion,
        }


def responders_from_values(
    before: np.ndarray,
    after: np.ndarray,
    threshold: float = 3.0,
    relative: bool = False,
    alpha: float = 0.05,
    measure: str = "value",
    time_before: str = "before",
    time_after: str = "after",
    *,
    conf_level: float = 0.95,
) -> Responders:
    """Responders among complete pairs: reduction >= ``threshold`` points, or, with
    ``relative=True``, >= ``threshold`` as a fraction of baseline (0.3 for 30%).
    ``measure``, ``time_before`` and ``time_after`` (defaults ``"value"``, ``"before"``,
    ``"after"``) label the result.

    ``conf_level`` (default 0.95) is the coverage of the confidence intervals, the same
    as ``alpha = 1 - conf_level``; it is recorded on the result.
    """
    alpha = confidence_alpha(alpha, conf_level)
    b, a = np.asarray(before, dtype=float), np.asarray(after, dtype=float)
    usable = ~np.isnan(b) & ~np.isnan(a)
    if relative:
        if not 0 < threshold <= 1:
            raise ValueError(f"a relative threshold is a fraction in (0, 1], not {threshold}")
        usable &= b > 0
        hit = (b - a) >= threshold * b - 1e-12
        definition = f"reduction of at least {threshold:.0%} from baseline"
    else:
        if threshold <= 0:
            raise ValueError(f"the responder threshold must be positive, not {threshold}")
        hit = (b - a) >= threshold - 1e-12
        definition = f"reduction of at least {threshold:g} points"
    count = int((hit & usable).sum())
    prop = proportion(count, int(usable.sum()), "responders", alpha)
    return Responders(measure, time_before, time_after, definition, prop, int((~usable).sum()))


def responders(
    cohort: Cohort,
    measure: str = "pain_vas",
    before: str = "pre",
    after: str = "1m",
    threshold: float = 3.0,
    relative: bool = False,
    sessions: Sessions = "index",
    alpha: float = 0.05,
    *,
    conf_level: float = 0.95,
) -> Responders:
    """Proportion of sessions with a clinically important reduction of the measure.

    Parameters
    ----------
    cohort
        The loaded cohort.
    measure
        A declared measure (default ``"pain_vas"``).
    before, after
        The time points compared (defaults ``"pre"`` and ``"1m"``).
    threshold
        Points on the measure's scale (default 3 on the 0-10 VAS), or a fraction of
        baseline when ``relative`` (0.3, 0.5).
    relative
        Interpret ``threshold`` as a fraction of the baseline value.
    conf_level
        Coverage of the confidence intervals (default 0.95); the same as
        ``alpha = 1 - conf_level``, which older calls give. Recorded on the result
        (``ci_level`` of each estimate, ``conf_level`` of ``tidy()``).

    Returns
    -------
    Responders
        Count / n with Wilson and Clopper-Pearson intervals.

    Raises
    ------
    ValueError
        When a threshold in points does not fit the measure's declared scale (10 points
        on pain 0-10: a threshold written for another scale).
    """
    alpha = confidence_alpha(alpha, conf_level)
    if not relative:
        check_points(measure, threshold)
    return responders_from_values(
        *_pair(cohort, measure, before, after, sessions),
        threshold,
        relative,
        alpha,
        measure,
        before,
        after,
    )


def improved(
    cohort: Cohort,
    measure: str = "mobility",
    before: str = "pre",
    after: str = "1m",
    sessions: Sessions = "index",
    alpha: float = 0.05,
    *,
    conf_level: float = 0.95,
) -> Proportion:
    """Proportion of complete pairs whose score fell (improved; lower is better):
    ``measure`` (default ``"mobility"``) from ``before`` (default ``"pre"``) to ``after``
    (default ``"1m"``) in ``sessions`` (default ``"index"``; ``"repeat"``, ``"all"``).

    ``conf_level`` (default 0.95) is the coverage of the confidence intervals, the same
    as ``alpha = 1 - conf_level``; it is recorded on the result.
    """
    alpha = confidence_alpha(alpha, conf_level)
    b, a = _pair(cohort, measure, before, after, sessions)
    ok = ~np.isnan(b) & ~np.isnan(a)
    return proportion(int((a[ok] < b[ok]).sum()), int(ok.sum()), f"{measure} improved", alpha)


@dataclass(frozen=True, repr=False)
class McNemarTest(Estimate):
    """The McNemar test as :func:`mcnemar_values` reports it, with its discordant pairs.

    Attributes
    ----------
    no_to_yes, yes_to_no
        Pairs without the outcome before and with it after, and the reverse (the
        off-diagonal cells of R's ``mcnemar.test`` table, before in rows).
    exact, correct
        The branch taken: the exact binomial test, or the chi-square with (``correct``)
        or without continuity correction.
    """

    no_to_yes: int = 0
    yes_to_no: int = 0
    exact: bool = False
    correct: bool = True


def mcnemar_values(
    before: np.ndarray,
    after: np.ndarray,
    exact: bool = False,
    alpha: float = 0.05,
    correct: bool = True,
    *,
    conf_level: float = 0.95,
) -> McNemarTest:
    """McNemar test of a paired yes/no outcome (1 = yes), e.g. analgesic use.

    ``estimate`` is the change in the proportion with the outcome (after - before)
    among complete pairs. The test is the chi-square with continuity correction, as R's
    ``mcnemar.test`` (``correct=False``: without it, ``mcnemar.test(correct = FALSE)``;
    as R, no correction when the two discordant counts are equal),
    or with ``exact=True`` the exact binomial test of the discordant pairs. No interval
    is given (``ci_low``/``ci_high`` are NaN). The discordant counts are ``no_to_yes``
    and ``yes_to_no``.

    ``conf_level`` (default 0.95) is the coverage of the confidence intervals, the same
    as ``alpha = 1 - conf_level``; it is recorded on the result.
    """
    alpha = confidence_alpha(alpha, conf_level)
    b, a = np.asarray(before, dtype=float), np.asarray(after, dtype=float)
    ok = ~np.isnan(b) & ~np.isnan(a)
    bad = set(np.unique(b[ok])) | set(np.unique(a[ok]))
    if not bad <= {0.0, 1.0}:
        raise ValueError(f"McNemar needs yes/no (0/1) values, found {sorted(bad)}")
    bo, ao = b[ok].astype(int), a[ok].astype(int)
    table = np.array([[np.sum((bo == i) & (ao == j)) for j in (0, 1)] for i in (0, 1)], dtype=float)
    if table[0, 1] + table[1, 0] == 0:
        raise ValueError("McNemar is undefined: there are no discordant pairs")
    if exact:
        res = sm_mcnemar(table, exact=True)
        statistic, p_value = float(res.statistic), float(res.pvalue)
    else:  # as mcnemar.test: no correction when the discordant counts are equal
        yates = 1.0 if correct and table[0, 1] != table[1, 0] else 0.0
        statistic = (abs(table[0, 1] - table[1, 0]) - yates) ** 2 / (table[0, 1] + table[1, 0])
        p_value = float(stats.chi2.sf(statistic, 1))
    if exact:
        method = "McNemar exact (binomial) test"
    else:
        method = "McNemar chi-square test " + ("with" if correct else "without") + " continuity correction"  # fmt: skip
    return McNemarTest(
        "proportion_change",
        float(ao.mean() - bo.mean()),
        NAN,
        NAN,
        1 - alpha,
        method,
        int(ok.sum()),
        int((~ok).sum()),
        float(statistic),
        NAN if exact else 1.0,
        p_value,
        no_to_yes=int(table[0, 1]),
        yes_to_no=int(table[1, 0]),
        exact=exact,
        correct=correct and not exact,
    )


def mcnemar(
    cohort: Cohort,
    measure: str = "analgesic_use",
    before: str = "pre",
    after: str = "1m",
    sessions: Sessions = "index",
    exact: bool = False,
    correct: bool = True,
    *,
    conf_level: float = 0.95,
) -> McNemarTest:
    """McNemar test of a yes/no ``measure`` (default ``"analgesic_use"``) between
    ``before`` and ``after`` (defaults ``"pre"`` and ``"1m"``) in ``sessions`` (default
    ``"index"``); see :func:`mcnemar_values`: ``exact=True`` the exact binomial test
    (default False, the chi-square), ``correct=False`` drops the continuity correction. The test has no interval;
    ``conf_level`` (default 0.95) is recorded on it as that of the analysis."""
    pair = _pair(cohort, measure, before, after, sessions)
    return mcnemar_values(*pair, exact, correct=correct, conf_level=conf_level)
