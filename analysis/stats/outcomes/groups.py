"""Comparisons between groups of patients (e.g. osteoporotic vs pathologic fractures)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.contingency_tables import Table2x2
from statsmodels.stats.oneway import anova_oneway

from analysis.stats.display import Displayed, distribution, num
from analysis.stats.levels import confidence_alpha
from analysis.stats.outcomes.conditional_odds import conditional_odds_ratio
from analysis.stats.outcomes.describe import summarize_continuous
from analysis.stats.outcomes.proportions import proportion_difference
from analysis.stats.ranks import rank_sum
from analysis.stats.results import (
    NAN,
    Estimate,
    ModelResult,
    Tests,
    Tidy,
    model_term,
)


@dataclass(frozen=True, repr=False)
class GroupSummary(Displayed):
    """n, mean, SD, median, quartiles (R type 7), minimum and maximum of one group."""

    group: str
    n: int
    n_missing: int
    mean: float
    sd: float
    median: float
    q1: float
    q3: float
    minimum: float = NAN
    maximum: float = NAN

    def _display_label(self) -> str:
        return self.group

    def _display_headline(self) -> str:
        return distribution(self.n, self.n_missing, self.mean, self.sd, self.median, self.q1,
                            self.q3, self.minimum, self.maximum)  # fmt: skip


def summarize_group(group: str, values: np.ndarray) -> GroupSummary:
    c = summarize_continuous(group, pd.Series(np.asarray(values, dtype=float)))
    return GroupSummary(
        group, c.n, c.n_missing, c.mean, c.sd, c.median, c.q1, c.q3, c.minimum, c.maximum
    )


TWO_GROUP_TESTS = ("welch", "student", "mann_whitney")


@dataclass(frozen=True, repr=False)
class TwoGroupComparison(Displayed, Tidy):
    """A continuous variable in two groups: summaries and every test of the difference.

    ``tests`` holds, by name: ``welch`` (Welch t, mean difference first - second),
    ``student`` (Student t) and ``mann_whitney`` (Mann-Whitney U with the
    Hodges-Lehmann shift). ``primary`` names the primary test (chosen before looking at
    the data; Welch by default); the others are sensitivity analyses. ``smd`` is the
    standardised mean difference (pooled SD as the root mean of the two variances).
    """

    variable: str
    groups: tuple[GroupSummary, GroupSummary]
    tests: Tests
    smd: float
    primary: str = "welch"

    def _display_headline(self) -> str:
        g1, g2 = self.groups
        return (
            f"{g1.group} (n {g1.n}) vs {g2.group} (n {g2.n}), "
            f"primary test {self.primary}, SMD {num(self.smd)}"
        )

    @property
    def primary_test(self) -> Estimate:
        return self.tests[self.primary]

    @property
    def sensitivity(self) -> Tests:
        """The tests other than the primary one."""
        return Tests((k, v) for k, v in self.tests.items() if k != self.primary)

    def to_frame(self) -> pd.DataFrame:
        g1, g2 = self.groups
        context = {
            "variable": self.variable,
            "group_1": g1.group,
            "n_1": g1.n,
            "mean_1": g1.mean,
            "sd_1": g1.sd,
            "median_1": g1.median,
            "minimum_1": g1.minimum,
            "maximum_1": g1.maximum,
            "group_2": g2.group,
            "n_2": g2.n,
            "mean_2": g2.mean,
            "sd_2": g2.sd,
            "median_2": g2.median,
            "minimum_2": g2.minimum,
            "maximum_2": g2.maximum,
            "smd": self.smd,
        }
        frame = self.tests.frame(context)
        frame["role"] = ["primary" if k == self.primary else "sensitivity" for k in self.tests]
        return frame

    def _glance(self) -> dict[str, object]:
        """The variable, the primary test, n used and excluded, the SMD and each group's
        summary (``group_1``, ``n_1``, ``mean_1`` ... ``minimum_2``, ``maximum_2``)."""
        g1, g2 = self.groups
        return {
            "variable": self.variable,
            "primary": self.primary,
            "n_used": g1.n + g2.n,
            "n_excluded": self.tests[self.primary].n_excluded,
            "smd": self.smd,
            **group_columns(self.groups),
        }


def group_columns(groups: Sequence[GroupSummary]) -> dict[str, object]:
    """Each group's summary as columns suffixed by its position (``mean_1``, ``sd_2``)."""
    out: dict[str, object] = {}
    for i, g in enumerate(groups, 1):
        for name in ("group", "n", "n_missing", "mean", "sd", "median", "q1", "q3", "minimum", "maximum"):  # fmt: skip
            out[f"{name}_{i}"] = getattr(g, name)
    return out


def _t_test(x: np.ndarray, y: np.ndarray, welch: bool, alpha: float, n_excl: int) -> Estimate:
    res = stats.ttest_ind(x, y, equal_var=not welch)
    ci = res.confidence_interval(1 - alpha)
    return Estimate(
        "mean_difference",
        float(x.mean() - y.mean()),
        float(ci.low),
        float(ci.high),
        1 - alpha,
        "Welch two-sample t-test" if welch else "Student two-sample t-test (equal variances)",
        len(x) + len(y),
        n_excl,
        float(res.statistic),
        float(res.df),
        float(res.pvalue),
    )


def welch_t_test(
    x: np.ndarray,
    y: np.ndarray,
    alpha: float = 0.05,
    n_excluded: int = 0,
    *,
    conf_level: float = 0.95,
) -> Estimate:
    """Welch two-sample t-test of x - y alone, exactly as :func:`compare_two_groups`
    reports it (``x`` and ``y`` without missing values; ``n_excluded``, default 0, the
    missing ones the caller removed, recorded on the result).

    ``conf_level`` (default 0.95) is the coverage of the confidence intervals, the same
    as ``alpha = 1 - conf_level``; it is recorded on the result.
    """
    alpha = confidence_alpha(alpha, conf_level)
    return _t_test(np.asarray(x, dtype=float), np.asarray(y, dtype=float), True, alpha, n_excluded)


def smd_continuous(x: np.ndarray, y: np.ndarray) -> float:
    """(mean x - mean y) / sqrt((var x + var y) / 2), as tableone and Austin (2009)."""
    return float((x.mean() - y.mean()) / np.sqrt((x.var(ddof=1) + y.var(ddof=1)) / 2))


def smd_binary(p1: float, p2: float) -> float:
    """(p1 - p2) / sqrt((p1(1-p1) + p2(1-p2)) / 2) for a yes/no variable."""
    denom = np.sqrt((p1 * (1 - p1) + p2 * (1 - p2)) / 2)
    return float((p1 - p2) / denom) if denom > 0 else NAN


def compare_two_groups(
    x: np.ndarray,
    y: np.ndarray,
    names: tuple[str, str] = ("group_1", "group_2"),
    variable: str = "value",
    alpha: float = 0.05,
    primary: str = "welch",
    exact: bool | None = None,
    correct: bool = True,
    *,
    conf_level: float = 0.95,
) -> TwoGroupComparison:
    """Compare a continuous variable between two independent groups.

    Parameters
    ----------
    x, y
        Values of the first and second group; NaN values are excluded and counted.
    names
        Group labels.
    variable
        Label of the variable.
    alpha
        1 - confidence level.
    conf_level
        Coverage of the confidence intervals (default 0.95); the same as
        ``alpha = 1 - conf_level``, which older calls give. Recorded on the result
        (``ci_level`` of each estimate, ``conf_level`` of ``tidy()``).
    primary
        The primary test: ``welch`` (default), ``student`` or ``mann_whitney``; the
        others are reported as sensitivity analyses.
    exact, correct
        The Mann-Whitney test's branch, as ``wilcox.test``
        (:func:`~analysis.stats.ranks.rank_sum`): ``exact=None`` (default) is exact below
        50 per group without ties; ``correct=True`` (default) applies the continuity
        correction of the normal approximation. The branch taken is
        ``tests["mann_whitney"].exact`` / ``.correct``.

    Returns
    -------
    TwoGroupComparison
        Welch t, Student t, Mann-Whitney U (exact below 50 per group without ties) with
        Hodges-Lehmann shift, and the standardised mean difference. Differences are
        first group minus second.
    """
    alpha = confidence_alpha(alpha, conf_level)
    if primary not in TWO_GROUP_TESTS:
        raise ValueError(f"primary test must be one of {TWO_GROUP_TESTS}, not {primary!r}")
    xa, ya = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    xo, yo = xa[~np.isnan(xa)], ya[~np.isnan(ya)]
    n_excl = len(xa) - len(xo) + len(ya) - len(yo)
    if len(xo) < 2 or len(yo) < 2:
        raise ValueError(
            f"each group needs at least 2 values ({names[0]}: {len(xo)}, {names[1]}: {len(yo)})"
        )
    tests = Tests(
        (
            ("welch", _t_test(xo, yo, True, alpha, n_excl)),
            ("student", _t_test(xo, yo, False, alpha, n_excl)),
            ("mann_whitney", rank_sum(xo, yo, alpha, n_excl, exact, correct)),
        )
    )
    return TwoGroupComparison(
        variable,
        (summarize_group(names[0], xa), summarize_group(names[1], ya)),
        tests,
        smd_continuous(xo, yo),
        primary,
    )


def split_groups(
    frame: pd.DataFrame, variable: str, by: str, groups: Sequence[str] | None = None
) -> tuple[list[str], list[np.ndarray], int]:
    """Values of ``variable`` per level of ``by``; rows with no group are counted, not used."""
    for col in (variable, by):
        if col not in frame.columns:
            raise ValueError(f"no column {col!r}; available: {sorted(frame.columns)}")
    labels = frame[by].astype("string")
    present = [str(g) for g in labels.dropna().unique()]
    if groups is None:
        if isinstance(frame[by].dtype, pd.CategoricalDtype):
            groups = [str(c) for c in frame[by].cat.categories if str(c) in present]
        else:
            groups = sorted(present)
    missing = [g for g in groups if g not in present]
    if missing:
        raise ValueError(f"no rows with {by} = {missing}; present: {present}")
    values = pd.to_numeric(frame[variable], errors="coerce").astype(float)
    arrays = [values[labels == g].to_numpy() for g in groups]
    n_other = int((~labels.isin(list(groups)).fillna(False)).sum())
    return list(groups), arrays, n_other


def compare_groups(
    frame: pd.DataFrame,
    variable: str,
    by: str,
    groups: tuple[str, str] | None = None,
    alpha: float = 0.05,
    primary: str = "welch",
    exact: bool | None = None,
    correct: bool = True,
    *,
    conf_level: float = 0.95,
) -> TwoGroupComparison:
    """Compare ``variable`` between two levels of ``by`` in a patient or vertebra frame.

    ``groups`` picks and orders the two levels (differences are first minus second);
    by default the frame must hold exactly two levels. ``primary`` names the primary
    test (default ``"welch"``; ``"student"``, ``"mann_whitney"``). ``exact`` and
    ``correct`` switch the Mann-Whitney test as in :func:`compare_two_groups`.

    ``conf_level`` (default 0.95) is the coverage of the confidence intervals, the same
    as ``alpha = 1 - conf_level``; it is recorded on the result.
    """
    alpha = confidence_alpha(alpha, conf_level)
    names, arrays, _ = split_groups(frame, variable, by, groups)
    if len(names) != 2:
        raise ValueError(f"{by} has {len(names)} groups {names}; pass groups=(a, b) to pick two")
    return compare_two_groups(
        arrays[0], arrays[1], (names[0], names[1]), variable, alpha, primary, exact, correct
    )


@dataclass(frozen=True, repr=False)
class MultiGroupComparison(Displayed, Tidy):
    """A continuous variable across three or more groups: ANOVA, Welch ANOVA, Kruskal-Wallis."""

    variable: str
    groups: tuple[GroupSummary, ...]
    tests: Tests  # anova, welch_anova, kruskal_wallis

    def to_frame(self) -> pd.DataFrame:
        return self.tests.frame(
            {"variable": self.variable, "groups": ", ".join(g.group for g in self.groups)}
        )

    def _glance(self) -> dict[str, object]:
        """The variable, n used and excluded, and each group's summary (``mean_1`` ...)."""
        first = next(iter(self.tests.values()))
        return {
            "variable": self.variable,
            "n_groups": len(self.groups),
            "n_used": first.n_used,
            "n_excluded": first.n_excluded,
            **group_columns(self.groups),
        }


def compare_many_groups(
    frame: pd.DataFrame, variable: str, by: str, groups: Sequence[str] | None = None
) -> MultiGroupComparison:
    """One-way ANOVA (equal variances), Welch's ANOVA and the Kruskal-Wallis test.

    ``groups`` picks and orders the levels of ``by`` compared (default ``None``: every
    level present). The tests give no interval, so there is no ``conf_level``."""
    names, arrays, n_other = split_groups(frame, variable, by, groups)
    clean = [a[~np.isnan(a)] for a in arrays]
    if len(clean) < 2 or any(len(a) < 2 for a in clean):
        raise ValueError(f"need at least 2 groups with 2 or more values each ({names})")
    n_used = sum(len(a) for a in clean)
    n_excl = n_other + sum(len(a) - len(c) for a, c in zip(arrays, clean, strict=True))
    k = len(clean)
    f = stats.f_oneway(*clean)
    welch = anova_oneway(clean, use_var="unequal", welch_correction=True)
    kw = stats.kruskal(*clean)

    def row(method: str, stat: float, df: float, p: float) -> Estimate:
        return Estimate("group_difference", NAN, NAN, NAN, NAN, method, n_used, n_excl, stat, df, p)

    return MultiGroupComparison(
        variable,
        tuple(summarize_group(n, a) for n, a in zip(names, arrays, strict=True)),
        Tests((
            ("anova", row("One-way ANOVA", float(f.statistic), float(k - 1), float(f.pvalue))),
            ("welch_anova", row("Welch one-way ANOVA", float(welch.statistic), float(welch.df[1]), float(welch.pvalue))),
            ("kruskal_wallis", row("Kruskal-Wallis rank-sum test", float(kw.statistic), float(k - 1), float(kw.pvalue))),
        )),
    )  # fmt: skip


@dataclass(frozen=True, repr=False)
class LinearModel(Displayed, ModelResult):
    """A least-squares model with its full coefficient table, keyed by term.

    ``terms`` maps each term (``intercept``, a covariate, ``group=level``) to an
    :class:`Estimate` with its ``std_error``, t-test and CI; ``r_squared`` and
    ``adj_r_squared`` as R's ``summary.lm``.
    """

    formula: str
    terms: Tests
    r_squared: float
    adj_r_squared: float
    residual_se: float
    df_residual: float
    n_used: int
    n_excluded: int

    def to_frame(self) -> pd.DataFrame:
        frame = self.terms.frame({"model": self.formula})
        frame["r_squared"] = self.r_squared
        frame["std_error"] = [t.std_error for t in self.terms.values()]
        return frame

    @property
    def coefficients(self) -> Tests:
        """``terms`` as :class:`~analysis.stats.results.ModelTerm` (model-based SEs)."""
        return Tests((name, model_term(t)) for name, t in self.terms.items())

    def _glance(self) -> dict[str, object]:
        """The formula, R-squared and adjusted, residual SE and df, n used and excluded."""
        return {
            "model": self.formula,
            "r_squared": self.r_squared,
            "adj_r_squared": self.adj_r_squared,
            "residual_std_error": self.residual_se,
            "df_residual": self.df_residual,
            "n_used": self.n_used,
            "n_excluded": self.n_excluded,
        }


def ancova_model(
    frame: pd.DataFrame,
    outcome: str,
    baseline: str,
    by: str,
    groups: tuple[str, str],
    alpha: float = 0.05,
    *,
    conf_level: float = 0.95,
) -> LinearModel:
    """``outcome ~ baseline + group`` by least squares (as R's ``lm``), the second group
    the reference: every term with its t-test and CI, R-squared and n.

    ``conf_level`` (default 0.95) is the coverage of the confidence intervals, the same
    as ``alpha = 1 - conf_level``; it is recorded on the result.
    """
    alpha = confidence_alpha(alpha, conf_level)
    data = frame[[outcome, baseline, by]].copy()
    data = data[data[by].astype("string").isin(list(groups)).fillna(False)]
    n_all = len(data)
    data = data.dropna()
    if data[by].astype(str).nunique() < 2 or len(data) < 4:
        raise ValueError(f"ANCOVA needs both groups {groups} with complete values")
    data["group"] = pd.Categorical(data[by].astype(str), categories=[groups[1], groups[0]])
    data = data.rename(columns={outcome: "y", baseline: "x0"})
    import statsmodels.formula.api as smf  # heavy: imported on use

    fit = smf.ols("y ~ x0 + group", data).fit()
    ci = fit.conf_int(alpha)
    names = {"Intercept": "intercept", "x0": baseline, f"group[T.{groups[0]}]": f"{by}={groups[0]}"}
    terms = Tests(
        (
            names[t],
            Estimate(
                "coefficient", float(fit.params[t]), float(ci.loc[t, 0]), float(ci.loc[t, 1]),
                1 - alpha, "ANCOVA (follow-up adjusted for baseline), t-test", len(data),
                n_all - len(data), float(fit.tvalues[t]), float(fit.df_resid), float(fit.pvalues[t]),
                std_error=float(fit.bse[t]),
            ),
        )
        for t in names  # intercept, baseline, group: the order R prints
    )  # fmt: skip
    return LinearModel(
        f"{outcome} ~ {baseline} + {by}",
        terms,
        float(fit.rsquared),
        float(fit.rsquared_adj),
        float(np.sqrt(fit.scale)),
        float(fit.df_resid),
        len(data),
        n_all - len(data),
    )


def ancova(
    frame: pd.DataFrame,
    outcome: str,
    baseline: str,
    by: str,
    groups: tuple[str, str],
    alpha: float = 0.05,
    *,
    conf_level: float = 0.95,
) -> Estimate:
    """Difference in follow-up value between two groups adjusted for baseline (ANCOVA).

    The group term of :func:`ancova_model`: the adjusted mean difference first group
    minus second, with its t-test.

    ``conf_level`` (default 0.95) is the coverage of the confidence intervals, the same
    as ``alpha = 1 - conf_level``; it is recorded on the result.
    """
    alpha = confidence_alpha(alpha, conf_level)
    model = ancova_model(frame, outcome, baseline, by, groups, alpha)
    term = model.terms[f"{by}={groups[0]}"]
    return replace(term, quantity="adjusted_mean_difference")


@dataclass(frozen=True, repr=False)
class TwoByTwo(Displayed, Tidy):
    """A yes/no outcome in two groups: counts, tests and effect measures.

    The table is ``[[a, b], [c, d]]``: rows are groups (first, second), columns are
    outcome yes, no. Risks, ratios and differences are first group vs second.
    """

    outcome: str
    groups: tuple[str, str]
    table: tuple[tuple[int, int], tuple[int, int]]
    tests: Tests  # chi_square, chi_square_yates, fisher, risk_ratio, odds_ratio, risk_difference

    def _counts(self) -> dict[str, object]:
        (a, b), (c, d) = self.table
        return {
            "outcome": self.outcome,
            "group_1": self.groups[0],
            "events_1": a,
            "n_1": a + b,
            "group_2": self.groups[1],
            "events_2": c,
            "n_2": c + d,
        }

    def to_frame(self) -> pd.DataFrame:
        return self.tests.frame(self._counts())

    def _glance(self) -> dict[str, object]:
        """The outcome and, per group, its name, events and n (the table's rows)."""
        return {**self._counts(), "n_used": sum(map(sum, self.table))}


def _chi_square(table: np.ndarray, correct: bool) -> Estimate:
    chi = stats.chi2_contingency(table, correction=correct)
    name = "Pearson chi-square test" + (
        " with Yates' continuity correction" if correct else " without continuity correction"
    )
    return Estimate("association", NAN, NAN, NAN, NAN, name, int(table.sum()),
                    statistic=float(chi.statistic), df=float(chi.dof), p_value=float(chi.pvalue))  # fmt: skip


def two_by_two_test(events_1: int, n_1: int, events_2: int, n_2: int, test: str = "chi_square") -> Estimate:  # fmt: skip
    """One test of :func:`two_by_two` alone, for a table that prints only its P value:
    ``chi_square`` (Pearson, without continuity correction) or ``chi_square_yates``, as
    :func:`two_by_two` reports them, or ``fisher``: Fisher's exact test with the same
    P value, without the conditional odds ratio and its interval (estimate NaN)."""
    a, c = int(events_1), int(events_2)
    table = np.array([[a, int(n_1) - a], [c, int(n_2) - c]])
    if table.min() < 0 or (table.sum(axis=1) == 0).any() or (table.sum(axis=0) == 0).any():
        raise ValueError(f"a 2 x 2 test needs two non-empty groups and both outcomes: {table.tolist()}")  # fmt: skip
    if test == "fisher":
        p = float(stats.fisher_exact(table).pvalue)
        return Estimate("association", NAN, NAN, NAN, NAN, "Fisher's exact test", int(table.sum()), p_value=p)  # fmt: skip
    if test not in ("chi_square", "chi_square_yates"):
        raise ValueError(f"test must be chi_square, chi_square_yates or fisher, not {test!r}")
    return _chi_square(table, test == "chi_square_yates")


def two_by_two(
    events_1: int,
    n_1: int,
    events_2: int,
    n_2: int,
    groups: tuple[str, str] = ("group_1", "group_2"),
    outcome: str = "event",
    alpha: float = 0.05,
    *,
    conf_level: float = 0.95,
) -> TwoByTwo:
    """Chi-square (with and without Yates' correction), Fisher's exact test, RR, OR and RD.

    ``groups`` labels the two rows (default ``("group_1", "group_2")``; ratios and the
    difference are the first over / minus the second) and ``outcome`` the event
    (default ``"event"``).

    ``conf_level`` (default 0.95) is the coverage of the confidence intervals, the same
    as ``alpha = 1 - conf_level``; it is recorded on the result.

    Returns
    -------
    TwoByTwo
        ``tests`` in order: Pearson chi-square without correction, with Yates'
        continuity correction (as R's ``chisq.test`` default), Fisher's exact test with
        the conditional maximum-likelihood odds ratio and its exact CI (as R's
        ``fisher.test``), risk ratio (Wald CI on the log scale), odds ratio (Wald CI on
        the log scale, from the sample odds ratio) and risk difference (Newcombe CI).
    """
    alpha = confidence_alpha(alpha, conf_level)
    a, c = int(events_1), int(events_2)
    b, d = int(n_1) - a, int(n_2) - c
    if min(a, b, c, d) < 0:
        raise ValueError("events cannot exceed the group size")
    table = np.array([[a, b], [c, d]])
    if (table.sum(axis=1) == 0).any():
        raise ValueError(f"a group is empty: {groups[0]} n = {n_1}, {groups[1]} n = {n_2}")
    n = int(table.sum())
    tests: list[tuple[str, Estimate]] = []
    if (table.sum(axis=0) > 0).all():
        for correct in (False, True):
            tests.append(("chi_square_yates" if correct else "chi_square", _chi_square(table, correct)))  # fmt: skip
    fisher_p = float(stats.fisher_exact(table).pvalue)
    cond, cond_low, cond_high = conditional_odds_ratio(table, alpha)
    tests.append((
        "fisher",
        Estimate("odds_ratio_conditional", cond, cond_low, cond_high, 1 - alpha, "Fisher's exact test (conditional MLE odds ratio)",
                 n, p_value=fisher_p),
    ))  # fmt: skip
    wald = Table2x2(table.astype(float))
    if min(a, b, c, d) > 0:
        rr_lo, rr_hi = wald.riskratio_confint(alpha)
        or_lo, or_hi = wald.oddsratio_confint(alpha)
        tests.append((
            "risk_ratio",
            Estimate("risk_ratio", float(wald.riskratio), float(rr_lo), float(rr_hi), 1 - alpha,
                     "Risk ratio, Wald CI on the log scale", n),
        ))  # fmt: skip
        tests.append((
            "odds_ratio",
            Estimate("odds_ratio", float(wald.oddsratio), float(or_lo), float(or_hi), 1 - alpha,
                     "Odds ratio, Wald CI on the log scale", n),
        ))  # fmt: skip
    tests.append(("risk_difference", proportion_difference(a, a + b, c, c + d, alpha)))
    return TwoByTwo(outcome, groups, ((a, b), (c, d)), Tests(tests))


def compare_proportions(
    frame: pd.DataFrame,
    outcome: str,
    by: str,
    groups: tuple[str, str],
    alpha: float = 0.05,
    *,
    conf_level: float = 0.95,
) -> TwoByTwo:
    """2x2 comparison of a yes/no column between two levels of ``by`` (missing excluded).

    ``conf_level`` (default 0.95) is the coverage of the confidence intervals, the same
    as ``alpha = 1 - conf_level``; it is recorded on the result.
    """
    alpha = confidence_alpha(alpha, conf_level)
    names, arrays, _ = split_groups(frame, outcome, by, groups)
    counts = []
    for arr in arrays:
        ok = arr[~np.isnan(arr)]
        if not set(np.unique(ok)) <= {0.0, 1.0}:
            raise ValueError(f"{outcome} is not a yes/no column")
        counts.append((int(ok.sum()), len(ok)))
    return two_by_two(counts[0][0], counts[0][1], counts[1][0], counts[1][1],
                      (names[0], names[1]), outcome, alpha)  # fmt: skip
