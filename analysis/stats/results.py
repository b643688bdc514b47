"""The value every statistic returns: an estimate, its interval and its test, as numbers."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass

import pandas as pd

from analysis.stats.display import Displayed, Summary, row_text

NAN = float("nan")

ESTIMATE_COLUMNS = [
    "quantity",
    "estimate",
    "ci_low",
    "ci_high",
    "ci_level",
    "statistic",
    "df",
    "p_value",
    "method",
    "n_used",
    "n_excluded",
]


@dataclass(frozen=True, repr=False)
class Estimate(Displayed):
    """One estimate with its confidence interval and, where there is one, its test.

    Attributes
    ----------
    quantity
        What is estimated, in snake_case (``mean_change``, ``risk_ratio``, ``proportion``).
    estimate, ci_low, ci_high
        The point estimate and its confidence limits (NaN when not defined).
    ci_level
        Coverage of the interval, e.g. 0.95.
    statistic, df, p_value
        Test statistic, its degrees of freedom (NaN when none) and two-sided p-value.
    method
        The method as a methods section names it ("Paired t-test").
    n_used, n_excluded
        Observations (patients, pairs, vertebrae) used and excluded.
    std_error
        Standard error of the estimate where the method gives one (a model's term), on
        the scale the test and interval are computed on; NaN otherwise.
    """

    quantity: str
    estimate: float
    ci_low: float
    ci_high: float
    ci_level: float
    method: str
    n_used: int
    n_excluded: int = 0
    statistic: float = NAN
    df: float = NAN
    p_value: float = NAN
    std_error: float = NAN

    def to_frame(self) -> pd.DataFrame:
        """One-row tidy frame with the columns of :data:`ESTIMATE_COLUMNS`."""
        return estimates_frame([self])

    def __repr__(self) -> str:
        return f"Estimate: {row_text(self)}"

    def _display_label(self) -> str | None:
        """``age_years`` for ``hazard_ratio[age_years]``: the term or group estimated."""
        inside = self.quantity.partition("[")[2]
        return inside.removesuffix("]") or None

    def _display_summary(self) -> Summary:
        return Summary("Estimate", rows=[("", self)])


def estimates_frame(
    estimates: Iterable[Estimate], context: Mapping[str, object] | None = None
) -> pd.DataFrame:
    """Stack estimates into one tidy frame, context columns first.

    Parameters
    ----------
    estimates
        The rows.
    context
        Columns repeated on every row (``measure``, ``time_before`` ...).
    """
    rows = [{**(context or {}), **asdict(e)} for e in estimates]
    columns = [*(context or {}), *ESTIMATE_COLUMNS]
    return pd.DataFrame(rows, columns=columns)


class Tests(Displayed, Mapping[str, Estimate]):
    """The tests of one analysis, keyed by name (``welch``, ``fisher``), in a fixed order.

    A read-only mapping: ``result.tests["welch"].p_value``; ``list(result.tests)`` gives
    the names, ``result.tests.values()`` the estimates.
    """

    __slots__ = ("_items",)

    def __init__(self, items: Iterable[tuple[str, Estimate]]) -> None:
        self._items: tuple[tuple[str, Estimate], ...] = tuple(items)
        names = [k for k, _ in self._items]
        if len(set(names)) != len(names):
            raise ValueError(f"test names repeat: {names}")

    def __getitem__(self, name: str) -> Estimate:
        for k, v in self._items:
            if k == name:
                return v
        raise KeyError(f"no test {name!r}; tests: {[k for k, _ in self._items]}")

    def __iter__(self) -> Iterator[str]:
        return (k for k, _ in self._items)

    def __len__(self) -> int:
        return len(self._items)

    def _display_summary(self) -> Summary:
        return Summary("Tests", rows=list(self._items))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Tests) and self._items == other._items

    def __hash__(self) -> int:
        return hash(self._items)

    def frame(self, context: Mapping[str, object] | None = None) -> pd.DataFrame:
        """The tests as a tidy frame with a ``test`` column naming each."""
        out = estimates_frame(self.values(), context)
        out.insert(len(context or {}), "test", list(self))
        return out


@dataclass(frozen=True, repr=False)
class FTest(Estimate):
    """An F test: ``df`` is the numerator's degrees of freedom, ``df_denominator`` the
    denominator's (both scaled by a sphericity correction where one is applied)."""

    df_denominator: float = NAN


@dataclass(frozen=True, repr=False)
class RankTest(Estimate):
    """A Wilcoxon signed-rank or rank-sum test with the branch it took as fields:
    ``exact`` (the exact distribution, else the normal approximation) and ``correct``
    (continuity correction applied; False on the exact branch). ``method`` names both."""

    exact: bool = False
    correct: bool = False


TERM_COLUMNS = [
    "term",
    "estimate",
    "std_error",
    "naive_std_error",
    "robust_std_error",
    "std_error_used",
    "statistic",
    "df",
    "p_value",
    "ci_low",
    "ci_high",
    "ci_level",
    "exp_estimate",
    "exp_ci_low",
    "exp_ci_high",
    "method",
    "n_used",
    "n_excluded",
]


@dataclass(frozen=True, repr=False)
class ModelTerm(Estimate):
    """One term of a regression model: an :class:`Estimate` on the model's link scale
    with both standard errors and, where the link is a log or logit, its exponent.

    Attributes
    ----------
    std_error
        The standard error the statistic and interval use (``std_error_used`` says which).
    naive_std_error, robust_std_error
        Model-based and sandwich (cluster-robust) standard errors; NaN when not computed.
    std_error_used
        ``"robust"`` or ``"naive"``.
    exp_estimate, exp_ci_low, exp_ci_high
        ``exp`` of the estimate and its limits (odds ratio, rate ratio); NaN on an
        identity link.
    """

    naive_std_error: float = NAN
    robust_std_error: float = NAN
    std_error_used: str = "naive"
    exp_estimate: float = NAN
    exp_ci_low: float = NAN
    exp_ci_high: float = NAN


def terms_frame(terms: Mapping[str, Estimate]) -> pd.DataFrame:
    """A model's terms as one tidy frame, one row per term, columns :data:`TERM_COLUMNS`
    (R's ``broom::tidy`` layout in snake_case); fields a term lacks are NaN."""
    rows = [{"term": name, **asdict(term)} for name, term in terms.items()]
    return pd.DataFrame(rows, columns=TERM_COLUMNS)
