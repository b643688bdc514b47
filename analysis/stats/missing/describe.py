"""How much is missing and where: missing values per variable (overall and by group), the
patterns of variables missing together (as ``mice::md.pattern``), and what predicts that
a variable is missing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from analysis.stats.display import Displayed
from analysis.stats.outcomes.cement import LogisticModel, logistic_model
from analysis.stats.outcomes.groups import welch_t_test
from analysis.stats.results import Estimate, Tests

ALL = "all"


def _columns(
    frame: pd.DataFrame, columns: Sequence[str] | None, drop: Sequence[str] = ()
) -> list[str]:
    cols = list(frame.columns) if columns is None else list(columns)
    absent = [c for c in cols if c not in frame.columns]
    if absent:
        raise ValueError(f"no column(s) {absent} in the data")
    return [c for c in cols if c not in drop]


@dataclass(frozen=True, repr=False)
class MissingValues(Displayed):
    """Missing values per variable, overall and by group.

    Attributes
    ----------
    table
        One row per variable and group (``all`` first, then each group in order):
        ``variable``, ``group``, ``n``, ``n_missing``, ``share_missing``.
    by
        The grouping column (None when not grouped).
    n_rows, n_complete
        Rows, and rows with every variable recorded (the complete cases).
    incomplete_variables
        The variables with at least one missing value, most missing first.
    """

    table: pd.DataFrame
    by: str | None
    n_rows: int
    n_complete: int
    incomplete_variables: tuple[str, ...]

    def to_frame(self) -> pd.DataFrame:
        return self.table.copy()

    def wide(self) -> pd.DataFrame:
        """One row per variable, ``n_missing`` and ``share_missing`` per group in columns
        (``n_missing_all``, ``share_missing_all``, ``n_missing_<group>`` ...)."""
        w = self.table.pivot(
            index="variable", columns="group", values=["n_missing", "share_missing"]
        )
        groups = list(dict.fromkeys(self.table["group"]))
        order = list(dict.fromkeys(self.table["variable"]))
        cols = [(q, g) for g in groups for q in ("n_missing", "share_missing")]
        out = w.loc[order, cols]
        out.columns = [f"{q}_{g}" for q, g in cols]
        return out.reset_index()


def missing_values(
    frame: pd.DataFrame, by: str | None = None, columns: Sequence[str] | None = None
) -> MissingValues:
    """Count the missing values of each variable, overall and within each group.

    Parameters
    ----------
    frame
        One row per unit (patient, vertebra).
    by
        Optional grouping column (e.g. ``technique``); rows missing it are counted in
        ``all`` only.
    columns
        The variables to count (default every column but ``by``).
    """
    cols = _columns(frame, columns, [by] if by else [])
    if by is not None and by not in frame.columns:
        raise ValueError(f"no column {by!r} in the data")
    parts = [(ALL, frame)]
    if by is not None:
        col = frame[by]
        levels = (
            col.cat.categories
            if isinstance(col.dtype, pd.CategoricalDtype)
            else sorted(col.dropna().unique(), key=str)
        )
        parts += [(str(g), frame[col == g]) for g in levels]
    rows = [{"variable": c, "group": g, "n": len(part), "n_missing": int(part[c].isna().sum()),
             "share_missing": float(part[c].isna().mean()) if len(part) else np.nan}
            for c in cols for g, part in parts]  # fmt: skip
    table = pd.DataFrame(rows, columns=["variable", "group", "n", "n_missing", "share_missing"])
    counts = frame[cols].isna().sum()
    incomplete = tuple(counts[counts > 0].sort_values(ascending=False, kind="stable").index)
    return MissingValues(table, by, len(frame), int((~frame[cols].isna().any(axis=1)).sum()),
                         tuple(str(c) for c in incomplete))  # fmt: skip


@dataclass(frozen=True, repr=False)
class MissingPatterns(Displayed):
    """Which variables are missing together, as ``mice::md.pattern``.

    Attributes
    ----------
    patterns
        One row per pattern: ``count`` (rows with it), then each variable (1 recorded,
        0 missing; variables ordered from the least to the most often missing), then
        ``n_missing`` (variables missing in the pattern). The complete pattern (when
        present) first, patterns ordered as md.pattern orders them.
    missing_per_variable
        Missing values per variable, in the column order of ``patterns``.
    total_missing
        Missing cells in all.
    """

    patterns: pd.DataFrame
    missing_per_variable: pd.Series
    total_missing: int

    def to_frame(self) -> pd.DataFrame:
        """The patterns, then a ``total`` row (md.pattern's last row) with the missing
        values per variable and, in ``n_missing``, the missing cells in all."""
        total = {
            "count": np.nan,
            **self.missing_per_variable.to_dict(),
            "n_missing": self.total_missing,
        }
        return pd.concat([self.patterns, pd.DataFrame([total])], ignore_index=True)


def missing_patterns(frame: pd.DataFrame, columns: Sequence[str] | None = None) -> MissingPatterns:
    """The missing-data patterns of a frame (``mice::md.pattern``).

    Parameters
    ----------
    frame
        One row per unit.
    columns
        The variables (default every column).
    """
    cols = _columns(frame, columns)
    if len(cols) < 2:
        raise ValueError("missing-data patterns need at least two variables")
    miss = frame[cols].isna()
    counts = miss.sum()
    order = list(counts.sort_values(kind="stable").index)
    key = miss[order].astype(int).astype(str).agg("".join, axis=1)
    tally = key.value_counts().sort_index()
    rows = []
    for pattern, n in tally.items():
        flags = [1 - int(ch) for ch in str(pattern)]
        rows.append({"count": int(n), **dict(zip(order, flags, strict=True)),
                     "n_missing": len(flags) - sum(flags)})  # fmt: skip
    patterns = pd.DataFrame(rows, columns=["count", *order, "n_missing"])
    return MissingPatterns(patterns, counts[order].astype(int), int(counts.sum()))


@dataclass(frozen=True, repr=False)
class MissingnessModel(Displayed):
    """What predicts that a variable is missing.

    Attributes
    ----------
    variable
        The variable whose missingness is modelled.
    n_missing, n_observed
        Rows where it is missing, recorded.
    model
        Logistic regression of "missing" (1) on the predictors (None when the
        predictors are not given or no row has them all): odds ratios of being missing.
    tests
        Per predictor, the univariable comparison of rows where the variable is missing
        with rows where it is recorded: Welch t-test of the mean difference (missing -
        recorded) for a number, Pearson chi-square for a category.
    """

    variable: str
    n_missing: int
    n_observed: int
    model: LogisticModel | None
    tests: Tests

    def to_frame(self) -> pd.DataFrame:
        """The univariable tests, one row per predictor, then the model's terms."""
        frames = [self.tests.frame({"variable": self.variable})]
        if self.model is not None:
            terms = self.model.to_frame().rename(columns={"outcome": "variable"})
            terms["variable"] = self.variable
            terms.insert(1, "test", "logistic model")
            frames.append(terms)
        return pd.concat(frames, ignore_index=True)


def _univariable(missing: pd.Series, col: pd.Series) -> Estimate:
    keep = col.notna()
    miss, x = missing[keep], col[keep]
    numeric = pd.api.types.is_numeric_dtype(x.dtype) and not pd.api.types.is_bool_dtype(x.dtype)
    if numeric and x.nunique() > 2:
        a, b = x[miss].to_numpy(dtype=float), x[~miss].to_numpy(dtype=float)
        if len(a) < 2 or len(b) < 2:
            return Estimate("mean_difference", np.nan, np.nan, np.nan, 0.95, "Welch two-sample t-test, "
                            "too few rows", len(x), int((~keep).sum()))  # fmt: skip
        return welch_t_test(a, b, n_excluded=int((~keep).sum()))
    table = pd.crosstab(x.astype(str), miss)
    if table.shape[0] < 2 or table.shape[1] < 2:
        return Estimate("association", np.nan, np.nan, np.nan, np.nan, "Pearson chi-square test, "
                        "a single level", len(x), int((~keep).sum()))  # fmt: skip
    res = stats.chi2_contingency(table.to_numpy(), correction=False)
    return Estimate("association", np.nan, np.nan, np.nan, np.nan, "Pearson chi-square test",
                    len(x), int((~keep).sum()), float(res.statistic), float(res.dof),
                    float(res.pvalue))  # fmt: skip


def missingness_model(
    frame: pd.DataFrame, variable: str, predictors: Sequence[str]
) -> MissingnessModel:
    """Compare the rows where ``variable`` is missing with those where it is recorded.

    Each predictor is compared one at a time (Welch t-test or chi-square), and all
    together by a logistic regression of missingness on them: a predictor associated
    with missingness argues against "missing completely at random" and belongs in the
    imputation model.

    Parameters
    ----------
    frame
        One row per unit.
    variable
        The variable whose missingness is studied.
    predictors
        Candidate predictors of its missingness (age, sex, baseline pain ...).
    """
    _columns(frame, [variable, *predictors])
    if variable in predictors:
        raise ValueError(f"{variable} cannot predict its own missingness")
    missing = frame[variable].isna()
    if not missing.any() or missing.all():
        raise ValueError(
            f"{variable} is missing in {int(missing.sum())} of {len(frame)} rows: nothing to "
            "compare"
        )
    tests = Tests((p, _univariable(missing, frame[p])) for p in predictors)
    data = frame[list(predictors)].assign(**{f"{variable}_missing": missing.astype(float)})
    model = None
    used = data.dropna()
    if predictors and 0 < used[f"{variable}_missing"].sum() < len(used):
        model = logistic_model(data, f"{variable}_missing", list(predictors))
    return MissingnessModel(variable, int(missing.sum()), int((~missing).sum()), model, tests)
