"""The value every statistic returns: an estimate, its interval and its test, as numbers."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, fields

import numpy as np
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


def _scalar(value: object) -> bool:
    return isinstance(value, str | int | float | bool | np.integer | np.floating)


class Tidy:
    """Mixin giving a result ``tidy()`` and ``glance()``, as R's broom.

    ``tidy()`` is one row per estimate, test or model term in :data:`TIDY_COLUMNS`;
    ``glance()`` one row of the result's own numbers and labels (n used and excluded,
    fit statistics, descriptive summaries). By default the rows are read off the
    dataclass fields in order: an :class:`Estimate` field is a row named by the field, a
    mapping of estimates (``tests``) one row per key; ``glance`` holds every field that
    is a number or text. Results whose fields say less override :meth:`_tidy_items`
    and :meth:`_glance`.
    """

    __slots__ = ()

    def _tidy_items(self) -> Iterable[tuple[str, Estimate]]:
        for f in fields(self):  # type: ignore[arg-type]
            value = getattr(self, f.name)
            if isinstance(value, Estimate):
                yield f.name, value
            elif isinstance(value, Tests):
                yield from value.items()

    def _glance(self) -> dict[str, object]:
        return {
            f.name: getattr(self, f.name)
            for f in fields(self)  # type: ignore[arg-type]
            if _scalar(getattr(self, f.name))
        }

    def tidy(self) -> pd.DataFrame:
        """One row per estimate, test or term: the columns of :data:`TIDY_COLUMNS`."""
        return tidy_frame(self._tidy_items())

    def glance(self) -> pd.DataFrame:
        """One row: the result's own numbers (n used, excluded, fit statistics ...) and
        ``conf_level``, the coverage of its intervals (NaN when it has none)."""
        row = self._glance()
        if "conf_level" not in row:
            levels = {float(e.ci_level) for _, e in self._tidy_items() if _finite(e.ci_level)}
            row["conf_level"] = levels.pop() if len(levels) == 1 else NAN
        return pd.DataFrame([row])


@dataclass(frozen=True, repr=False)
class Estimate(Displayed, Tidy):
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

    def _tidy_items(self) -> Iterable[tuple[str, Estimate]]:
        """One row, the term named by ``quantity``."""
        yield self.quantity, self

    def _glance(self) -> dict[str, object]:
        """``quantity``, ``n_used``, ``n_excluded`` and the fields a subclass adds beyond
        those of the tidy row (a rank test's ``exact`` and ``correct``, McNemar's
        discordant pairs, an F test's ``df_denominator``)."""
        return {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if f.name not in _IN_TIDY_ROW and _scalar(getattr(self, f.name))
        }


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


_IN_TIDY_ROW = frozenset(
    ("estimate", "ci_low", "ci_high", "ci_level", "statistic", "df", "p_value", "method",
     "std_error", "naive_std_error", "robust_std_error", "std_error_used", "exp_estimate",
     "exp_ci_low", "exp_ci_high")
)  # fmt: skip


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

    def tidy(self) -> pd.DataFrame:
        """One row per test, ``term`` its name, in :data:`TIDY_COLUMNS`."""
        return tidy_frame(self.items())

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


TIDY_COLUMNS = [
    "term",
    "estimate",
    "std_error",
    "naive_std_error",
    "robust_std_error",
    "std_error_used",
    "statistic",
    "df",
    "p_value",
    "conf_low",
    "conf_high",
    "conf_level",
    "estimate_exp",
    "conf_low_exp",
    "conf_high_exp",
    "method",
]
"""The columns of every ``tidy()``: R's ``broom::tidy`` in snake_case, the same names
whatever the confidence level (which is the value ``conf_level``).

``std_error`` is the standard error the statistic and interval use, and
``std_error_used`` says which one it is (``"naive"``, model-based, or ``"robust"``,
sandwich; empty where there is no standard error); ``naive_std_error`` and
``robust_std_error`` give both (NaN where not computed). ``estimate_exp`` and its limits
are the exponent of a coefficient on a log or logit link (hazard, odds or rate ratio),
NaN elsewhere; an estimate that is itself a ratio (a test result's ``risk_ratio``) is in
``estimate``."""

TERM_COLUMNS = TIDY_COLUMNS  # the name the models' coefficient tables first had


def _finite(x: float) -> bool:
    return bool(np.isfinite(x))


def tidy_row(term: str, estimate: Estimate) -> dict[str, object]:
    """One row of :data:`TIDY_COLUMNS` for an estimate (a :class:`ModelTerm`, a test or
    any :class:`Estimate`). An estimate without a naive/robust pair has its
    ``std_error`` counted as naive (model-based); one with a robust SE equal to its
    ``std_error`` (a GEE coefficient) as robust."""
    e = estimate
    se = e.std_error
    naive = float(getattr(e, "naive_std_error", se))
    robust = float(getattr(e, "robust_std_error", NAN))
    used: str | None = getattr(e, "std_error_used", None)
    if used is None and _finite(se):
        used = "robust" if _finite(robust) and robust == se else "naive"
    return {
        "term": term,
        "estimate": e.estimate,
        "std_error": se,
        "naive_std_error": naive,
        "robust_std_error": robust,
        "std_error_used": used,
        "statistic": e.statistic,
        "df": e.df,
        "p_value": e.p_value,
        "conf_low": e.ci_low,
        "conf_high": e.ci_high,
        "conf_level": e.ci_level,
        "estimate_exp": float(getattr(e, "exp_estimate", NAN)),
        "conf_low_exp": float(getattr(e, "exp_ci_low", NAN)),
        "conf_high_exp": float(getattr(e, "exp_ci_high", NAN)),
        "method": e.method,
    }


def tidy_frame(items: Iterable[tuple[str, Estimate]]) -> pd.DataFrame:
    """Estimates keyed by term as one frame of :data:`TIDY_COLUMNS`, one row each."""
    rows = [tidy_row(name, e) for name, e in items]
    frame = pd.DataFrame(rows, columns=TIDY_COLUMNS)
    return frame.astype({c: float for c in _FLOAT_COLUMNS}).astype({"std_error_used": object})


_FLOAT_COLUMNS = [c for c in TIDY_COLUMNS if c not in ("term", "std_error_used", "method")]


def terms_frame(terms: Mapping[str, Estimate]) -> pd.DataFrame:
    """A model's terms as one tidy frame, one row per term (:data:`TIDY_COLUMNS`)."""
    return tidy_frame(terms.items())


def tests_columns(tests: Mapping[str, Estimate], names: Iterable[str]) -> dict[str, float]:
    """``statistic_<name>``, ``df_<name>`` and ``p_value_<name>`` of each named test,
    NaN for a name ``tests`` lacks (so a glance has the same columns whatever was run)."""
    out: dict[str, float] = {}
    for name in names:
        t = tests.get(name)
        out[f"statistic_{name}"] = t.statistic if t is not None else NAN
        out[f"df_{name}"] = t.df if t is not None else NAN
        out[f"p_value_{name}"] = t.p_value if t is not None else NAN
    return out


# events per estimated parameter below which a model's estimates are biased and unstable:
# the figure usually asked for (Peduzzi et al., J Clin Epidemiol 1995/1996)
EVENTS_PER_PARAMETER = 10


class ModelResult(Tidy):
    """Mixin of a regression model: its terms keyed by name as :class:`ModelTerm`
    (:attr:`coefficients`, :meth:`term`), one row each in :meth:`tidy`."""

    __slots__ = ()

    @property
    def coefficients(self) -> Tests:
        """Every term keyed by name, each a :class:`ModelTerm` on the model's link scale."""
        raise NotImplementedError

    def term(self, name: str) -> ModelTerm:
        """The term ``name`` (``age_years``, ``etiology=pathologic``) as a
        :class:`ModelTerm`: estimate on the link scale with both standard errors, which
        one the statistic used, the test, the interval and, on a log or logit link, the
        exponentiated estimate and interval.

        Raises
        ------
        KeyError
            When the model has no such term (the message lists the terms).
        """
        terms = self.coefficients
        if name not in terms:
            raise KeyError(f"no term {name!r}; terms: {list(terms)}")
        found = terms[name]
        if not isinstance(found, ModelTerm):  # pragma: no cover - every model builds ModelTerms
            raise TypeError(f"term {name!r} is a {type(found).__name__}, not a ModelTerm")
        return found

    def _tidy_items(self) -> Iterable[tuple[str, Estimate]]:
        return self.coefficients.items()


def model_term(
    estimate: Estimate,
    naive_std_error: float = NAN,
    robust_std_error: float = NAN,
    std_error_used: str = "naive",
    exponent: bool = False,
) -> ModelTerm:
    """``estimate`` (a coefficient on the link scale) as a :class:`ModelTerm` with its
    naive and robust SEs, which one it used and, when ``exponent``, its exponent and
    interval. A naive SE not given is the estimate's own ``std_error`` when it used the
    naive one."""
    if std_error_used == "naive" and not _finite(naive_std_error):
        naive_std_error = estimate.std_error
    base = {f.name: getattr(estimate, f.name) for f in fields(Estimate)}
    return ModelTerm(
        **base,
        naive_std_error=naive_std_error,
        robust_std_error=robust_std_error,
        std_error_used=std_error_used,
        exp_estimate=float(np.exp(estimate.estimate)) if exponent else NAN,
        exp_ci_low=float(np.exp(estimate.ci_low)) if exponent else NAN,
        exp_ci_high=float(np.exp(estimate.ci_high)) if exponent else NAN,
    )
