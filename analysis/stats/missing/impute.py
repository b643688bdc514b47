"""Multiple imputation by chained equations (van Buuren's MICE, as R's ``mice``):
predictive mean matching with local residual draws for numbers (or mice's ``pmm``, or
Bayesian linear regression), logistic or multinomial logistic regression for categories,
survival-aware predictors, passive derived changes, m completed frames."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import NDArray
from scipy import special

from analysis.stats.display import Displayed
from analysis.stats.missing import draws

F = NDArray[np.float64]
NUMERIC_METHODS = ("lrd", "pmm", "norm")
CATEGORICAL_METHODS = ("logreg", "polyreg")
MAX_LEVELS = 12  # a text column with more distinct values is an identifier, not a factor


@dataclass(frozen=True, repr=False)
class Imputation(Displayed):
    """m completed copies of a frame and how they were made.

    Iterate over it (or index it) for the completed frames, each of the input's shape
    and column types; fit the analysis on each and :func:`~analysis.stats.pool` the fits.

    Attributes
    ----------
    frames
        The m completed frames.
    model
        One row per variable of the imputation model: ``variable``, ``kind``
        (numeric, categorical), ``n_missing``, ``share_missing``, ``method`` (pmm, norm,
        logreg, polyreg, passive; empty when complete) and ``predictors``.
    trace
        Mean and SD of the imputed values of each variable after each iteration of each
        chain (``imputation``, ``iteration``, ``variable``, ``mean``, ``sd``), as
        ``mice``'s ``chainMean`` and ``chainVar``; for a category the mean of its level's
        position (0 = first level: for yes/no the share of the second).
    m, seed, maxit, donors
        Completed data sets, the seed, iterations per chain, PMM donors.
    time, event
        The survival columns when imputation was survival-aware (else None).
    passive
        Derived columns as (derived, after, before): ``derived = after - before``.
    method
        The imputation as a methods section names it.
    imputed
        Where values were imputed: a frame of booleans, the input's shape (derived
        columns added by ``passive`` included).
    """

    frames: tuple[pd.DataFrame, ...]
    model: pd.DataFrame
    trace: pd.DataFrame
    m: int
    seed: int
    maxit: int
    donors: int
    time: str | None
    event: str | None
    passive: tuple[tuple[str, str, str], ...]
    method: str
    imputed: pd.DataFrame

    _display_skip = ("frames",)

    def __iter__(self) -> Iterator[pd.DataFrame]:
        return iter(self.frames)

    def __len__(self) -> int:
        return len(self.frames)

    def __getitem__(self, i: int) -> pd.DataFrame:
        return self.frames[i]

    def long(self) -> pd.DataFrame:
        """The completed frames stacked, with ``imputation`` (1 to m) and ``row`` (the
        input's row position) first, as ``mice::complete(imp, "long")``."""
        parts = [f.assign(imputation=i + 1, row=np.arange(len(f))) for i, f in enumerate(self)]
        out = pd.concat(parts, ignore_index=True)
        return out[["imputation", "row", *self.frames[0].columns]]

    def observed_and_imputed(self, variable: str) -> pd.DataFrame:
        """A variable's recorded values (``imputation`` 0) and its imputed values in each
        completed frame (1 to m), for comparing their distributions: ``imputation``,
        ``row``, ``value``, ``imputed``."""
        if variable not in self.imputed.columns:
            raise ValueError(f"no column {variable!r} in the imputed data")
        where = self.imputed[variable].to_numpy()
        rows = np.arange(len(where))
        parts = [
            pd.DataFrame(
                {
                    "imputation": 0,
                    "row": rows[~where],
                    "imputed": False,
                    "value": self.frames[0][variable].to_numpy()[~where],
                }
            )
        ]
        parts += [pd.DataFrame({"imputation": i + 1, "row": rows[where], "imputed": True,
                                "value": f[variable].to_numpy()[where]})
                  for i, f in enumerate(self.frames)]  # fmt: skip
        return pd.concat(parts, ignore_index=True)[["imputation", "row", "value", "imputed"]]

    def to_frame(self) -> pd.DataFrame:
        """The imputation model, one row per variable (:attr:`model`)."""
        return self.model.copy()


def _is_categorical(col: pd.Series) -> bool:
    return (
        isinstance(col.dtype, pd.CategoricalDtype)
        or pd.api.types.is_bool_dtype(col.dtype)
        or col.dtype == object
        or pd.api.types.is_string_dtype(col.dtype)
    )


def _model_columns(frame: pd.DataFrame, columns: Sequence[str] | None, skip: set[str]) -> list[str]:
    if columns is not None:
        absent = [c for c in columns if c not in frame.columns]
        if absent:
            raise ValueError(f"no column(s) {absent} in the data")
        return [c for c in columns if c not in skip]
    out = []
    for c in frame.columns:
        col = frame[c]
        if c in skip or pd.api.types.is_datetime64_any_dtype(col.dtype):
            continue
        if _is_categorical(col) and col.dropna().nunique() > MAX_LEVELS:
            continue  # an identifier or free text
        if _is_categorical(col) or pd.api.types.is_numeric_dtype(col.dtype):
            out.append(c)
    return out


@dataclass
class _Variable:
    name: str
    levels: list[object] | None  # None: numeric
    values: F  # the number, or the level's position, NaN where missing
    missing: NDArray[np.bool_]
    method: str = ""
    bounds: tuple[float, float] = (-np.inf, np.inf)  # the possible values of a number


def _variable(col: pd.Series, method: str) -> _Variable:
    miss = col.isna().to_numpy()
    if not _is_categorical(col):
        values = pd.to_numeric(col, errors="raise").to_numpy(dtype=float, na_value=np.nan)
        return _Variable(str(col.name), None, values, miss, method if miss.any() else "")
    if isinstance(col.dtype, pd.CategoricalDtype):
        present = set(col.dropna().unique())
        levels = [c for c in col.cat.categories if c in present]
    else:
        levels = sorted(col.dropna().unique(), key=str)
    codes = {v: i for i, v in enumerate(levels)}
    values = np.array([np.nan if m else codes[v] for v, m in zip(col, miss, strict=True)], float)
    default = "logreg" if len(levels) <= 2 else "polyreg"
    return _Variable(str(col.name), levels, values, miss, default if miss.any() else "")


def _design(variables: Sequence[_Variable], extra: F | None) -> F:
    """The predictors: numbers as they are, a category as 0/1 per level but the first."""
    parts = [] if extra is None else [extra[:, None]]
    for v in variables:
        if v.levels is None:
            parts.append(v.values[:, None])
        else:
            parts.append(np.eye(len(v.levels))[v.values.astype(int)][:, 1:])
    n = len(variables[0].values) if variables else (0 if extra is None else len(extra))
    return np.hstack(parts) if parts else np.zeros((n, 0))


def nelson_aalen(time: F, event: F) -> F:
    """Each subject's cumulative hazard at its own time, the survival predictor of White &
    Royston (2009), as ``mice::nelsonaalen`` (the baseline hazard of a null ``coxph``:
    ``d`` tied events among ``n`` at risk add ``1/n + 1/(n-1) + ... + 1/(n-d+1)``)."""
    order = np.argsort(time, kind="stable")
    t = time[order]
    distinct, first = np.unique(t, return_index=True)
    at_risk = (len(t) - first).astype(float)
    deaths = np.bincount(
        np.searchsorted(distinct, t), weights=event[order], minlength=len(distinct)
    )
    step = special.digamma(at_risk + 1) - special.digamma(at_risk - deaths + 1)
    cum = np.cumsum(step)
    return np.asarray(cum[np.searchsorted(distinct, time)], dtype=float)


def _draw(v: _Variable, x: F, rng: np.random.Generator, donors: int) -> F:
    obs = ~v.missing
    y = v.values[obs]
    if v.method == "lrd":
        low, high = v.bounds
        return np.clip(draws.local_residual(y, x[obs], x[v.missing], rng, donors), low, high)
    if v.method == "pmm":
        return draws.pmm(y, x[obs], x[v.missing], rng, donors)
    if v.method == "norm":
        low, high = v.bounds
        return np.clip(draws.norm(y, x[obs], x[v.missing], rng), low, high)
    k = len(v.levels or [])
    if k == 1:  # one level ever recorded: nothing else to draw (as mice)
        return np.zeros(int(v.missing.sum()))
    codes = draws.categorical(y.astype(np.int64), x[obs], x[v.missing], k, rng)
    return codes.astype(float)


def _chain(
    variables: list[_Variable], predictors: Mapping[str, list[str]], extra: F | None,
    passive: Sequence[tuple[str, str, str]], maxit: int, donors: int, rng: np.random.Generator,
) -> tuple[dict[str, F], list[dict[str, object]]]:  # fmt: skip
    """One chain: start from random observed values, then ``maxit`` sweeps over the
    incomplete variables; returns the completed values and the trace rows."""
    state = {v.name: v.values.copy() for v in variables}
    targets = [v for v in variables if v.method and v.method != "passive"]
    derived = [v for v in variables if v.method == "passive"]
    for v in targets:
        observed = v.values[~v.missing]
        state[v.name][v.missing] = rng.choice(observed, int(v.missing.sum()))
    by_name = {v.name: v for v in variables}
    trace: list[dict[str, object]] = []
    for it in range(1, maxit + 1):
        for v in targets:
            others = [_Variable(p, by_name[p].levels, state[p], by_name[p].missing)
                      for p in predictors[v.name]]  # fmt: skip
            current = _Variable(v.name, v.levels, state[v.name], v.missing, v.method, v.bounds)
            state[v.name][v.missing] = _draw(current, _design(others, extra), rng, donors)
        _apply_passive(state, by_name, passive)
        for v in targets + derived:
            imputed = state[v.name][v.missing]
            trace.append({"iteration": it, "variable": v.name, "mean": float(imputed.mean()),
                          "sd": float(imputed.std(ddof=1)) if len(imputed) > 1 else np.nan})  # fmt: skip
    return state, trace


def _apply_passive(
    state: dict[str, F], by_name: Mapping[str, _Variable], passive: Sequence[tuple[str, str, str]]
) -> None:
    for derived, after, before in passive:
        fill = by_name[derived].missing
        state[derived][fill] = (state[after] - state[before])[fill]


def _restore(original: pd.Series, values: F, v: _Variable) -> pd.Series:
    """The completed column in the input's type (levels back from their positions)."""
    if v.levels is None:
        if pd.api.types.is_integer_dtype(original.dtype):
            values = np.round(values)  # a residual draw on a count: the nearest count
        out = pd.Series(values, index=original.index, name=original.name)
        integral = np.all(values == np.round(values))
        if pd.api.types.is_integer_dtype(original.dtype) or (
            pd.api.types.is_extension_array_dtype(original.dtype) and integral
        ):
            return out.astype(original.dtype)
        return out
    levels = np.empty(len(v.levels), dtype=object)
    levels[:] = v.levels
    filled = pd.Series(levels[values.astype(int)], index=original.index, name=original.name)
    if isinstance(original.dtype, pd.CategoricalDtype):
        return filled.astype(original.dtype)
    return filled if original.dtype == object else filled.astype(original.dtype)


def _check(
    frame: pd.DataFrame, m: int, maxit: int, time: str | None, event: str | None,
    passive: Mapping[str, tuple[str, str]],
) -> None:  # fmt: skip
    if m < 1 or maxit < 1:
        raise ValueError(f"m ({m}) and maxit ({maxit}) must be at least 1")
    if (time is None) != (event is None):
        raise ValueError("give both time and event for survival-aware imputation, or neither")
    for c in (time, event):
        if c is None:
            continue
        if c not in frame.columns:
            raise ValueError(f"no column {c!r} in the data")
        if frame[c].isna().any():
            raise ValueError(
                f"{c} is missing in {int(frame[c].isna().sum())} rows: follow-up and event "
                "must be complete for survival-aware imputation; exclude those rows first"
            )
    for derived, parts in passive.items():
        absent = [c for c in parts if c not in frame.columns]
        if absent:
            raise ValueError(
                f"{derived} = {parts[0]} - {parts[1]}: no column(s) {absent} in the data"
            )


def _model_variables(
    frame: pd.DataFrame, cols: Sequence[str], method: str | Mapping[str, str],
    bounds: Mapping[str, tuple[float, float]],
) -> list[_Variable]:  # fmt: skip
    """The variables of the imputation model, each with its method and bounds."""
    methods = {c: method for c in cols} if isinstance(method, str) else dict(method)
    variables = []
    for c in cols:
        v = _variable(frame[c], methods.get(c, "lrd"))
        if v.method and c in methods and isinstance(method, Mapping):
            v.method = methods[c]
        allowed = NUMERIC_METHODS if v.levels is None else CATEGORICAL_METHODS
        if v.method and v.method not in allowed:
            raise ValueError(
                f"{c}: method {v.method!r} is not one of {list(allowed)} for this variable"
            )
        if v.missing.all():
            raise ValueError(f"{c} has no observed value: it cannot be imputed; drop it")
        if c in bounds:
            low, high = (float(b) for b in bounds[c])
            if v.levels is not None or not low <= high:
                raise ValueError(
                    f"{c}: bounds ({low:g}, {high:g}) must be a lowest and a highest value "
                    "of a numeric variable"
                )
            v.bounds = (low, high)
        variables.append(v)
    return variables


def impute(
    frame: pd.DataFrame,
    m: int = 20,
    *,
    seed: int,
    method: str | Mapping[str, str] = "lrd",
    columns: Sequence[str] | None = None,
    time: str | None = None,
    event: str | None = None,
    passive: Mapping[str, tuple[str, str]] | None = None,
    predictors: Mapping[str, Sequence[str]] | None = None,
    maxit: int = 10,
    donors: int = 5,
    bounds: Mapping[str, tuple[float, float]] | None = None,
) -> Imputation:
    """Impute the missing values of a frame m times by chained equations.

    Parameters
    ----------
    frame
        One row per unit (patient, vertebra), every analysis variable and outcome in it.
    m
        Number of completed data sets (20 by default; at least the percentage of
        incomplete cases is a common rule).
    seed
        Seed of the random generator: the same seed gives the same frames, and the i-th
        frame does not depend on m (each chain has its own stream of the seed).
    method
        For numeric variables ``"lrd"`` (default: predictive mean matching with local
        residual draws, Morris, White & Royston 2014: donors matched as mice's ``pmm``
        matches them, each imputed value the recipient's predicted mean plus its
        donor's residual), ``"pmm"`` (mice's predictive mean matching: the donor's
        value) or ``"norm"`` (Bayesian linear regression); or a mapping from variable
        to method, also ``"logreg"`` / ``"polyreg"`` for a category. Categories with
        missing values default to logistic (2 levels) or multinomial logistic
        regression. ``"pmm"`` imputes only recorded values, so where the missing values
        lie in a tail the data seldom record it pulls them towards the recorded ones
        (a MAR simulation's mean change biased by 37% of its SE, as with mice;
        ``benchmarks/imputation_coverage.py``); ``"lrd"`` and ``"norm"`` are not.
    columns
        The variables of the imputation model (default every numeric, yes/no or
        categorical column with at most 12 levels; identifiers, dates and free text are
        carried through unimputed; a numeric identifier is not recognised as one: name
        the columns then). Other columns are returned as they are.
    time, event
        Survival columns (complete): the time is left out of the imputation model and
        the event indicator and the Nelson-Aalen cumulative hazard at the subject's time
        enter instead (White & Royston, Stat Med 2009).
    passive
        Derived changes, ``{"pain_change": ("pain_1m", "pain_pre")}``: where missing,
        the derived column is ``after - before`` of the completed values (added to the
        frames when absent), and it predicts nothing (it would be circular).
    predictors
        Per variable, its predictors (default every other variable of the model).
    maxit
        Iterations of each chain (mice's ``maxit``).
    donors
        Donors among which PMM and ``"lrd"`` draw (5, as mice).
    bounds
        Per numeric variable, its lowest and highest possible value (``{"pain_1m": (0,
        10)}``): values drawn by ``"lrd"`` or ``"norm"`` are kept within them. A column of
        integers gets the nearest integer.

    Returns
    -------
    Imputation
        The m completed frames, the imputation model and the trace of each chain.
    """
    passive = dict(passive or {})
    _check(frame, m, maxit, time, event, passive)
    skip = {time, *passive} - {None}
    cols = _model_columns(frame, columns, {str(c) for c in skip})
    outside = sorted(set(bounds or {}) - set(cols))
    if outside:
        raise ValueError(f"bounds for {outside}: not variables of the imputation model {cols}")
    if event is not None and event not in cols:
        cols.append(event)  # the event indicator predicts, with the cumulative hazard
    variables = _model_variables(frame, cols, method, bounds or {})
    extra = None
    if time is not None and event is not None:
        t = frame[time].to_numpy(dtype=float)
        extra = nelson_aalen(t, (frame[event].astype(float).to_numpy() > 0).astype(float))
    for derived, (after, before) in passive.items():
        if after not in cols or before not in cols:
            raise ValueError(
                f"{derived}: {after} and {before} must be numeric variables of the model"
            )
        col = frame[derived] if derived in frame.columns else pd.Series(np.nan, frame.index)
        values = pd.to_numeric(col).to_numpy(dtype=float, na_value=np.nan)
        variables.append(_Variable(derived, None, values, np.isnan(values), "passive"))
    model_names = [v.name for v in variables if v.method != "passive"]
    preds = {v: [p for p in (predictors or {}).get(v, model_names) if p != v] for v in model_names}
    unknown = sorted({p for ps in preds.values() for p in ps} - set(model_names))
    if unknown:
        raise ValueError(
            f"predictors {unknown} are not variables of the imputation model {model_names}"
        )
    plain = [v for v in variables if v.method != "passive"]
    passive_rows = [(d, a, b) for d, (a, b) in passive.items()]
    children = np.random.SeedSequence(seed).spawn(m)
    frames, traces = [], []
    for i, child in enumerate(children):
        state, trace = _chain(plain + [v for v in variables if v.method == "passive"], preds,
                              extra, passive_rows, maxit, donors, np.random.default_rng(child))  # fmt: skip
        out = frame.copy()
        for v in variables:
            original = (
                frame[v.name]
                if v.name in frame.columns
                else pd.Series(np.nan, frame.index, name=v.name)
            )
            out[v.name] = _restore(original, state[v.name], v)
        frames.append(out)
        traces += [{"imputation": i + 1, **r} for r in trace]
    model = pd.DataFrame([{"variable": v.name, "kind": "numeric" if v.levels is None else "categorical",
                           "n_missing": int(v.missing.sum()), "share_missing": float(v.missing.mean()),
                           "method": v.method,
                           "predictors": ", ".join(preds.get(v.name, [])) if v.method != "passive" else ""}
                          for v in variables])  # fmt: skip
    survival = f"; event and Nelson-Aalen cumulative hazard of {time} as predictors" if time else ""
    used = {v.method for v in variables}
    numbers = " and ".join(
        text for key, text in (
            ("lrd", f"predictive mean matching with local residual draws, {donors} donors"),
            ("pmm", f"predictive mean matching with {donors} donors"),
            ("norm", "Bayesian linear regression")) if key in used
    ) or "none missing"  # fmt: skip
    imputed = pd.DataFrame(
        {v.name: v.missing & (v.method != "") for v in variables}, index=frame.index
    )
    return Imputation(
        tuple(frames), model,
        pd.DataFrame(traces, columns=["imputation", "iteration", "variable", "mean", "sd"]),
        m, seed, maxit, donors, time, event, tuple(passive_rows),
        f"Multiple imputation by chained equations, {m} imputations, {maxit} iterations "
        f"(numbers: {numbers}; categories: logistic or multinomial logistic regression"
        f"{survival})",
        imputed.reindex(columns=frames[0].columns, fill_value=False),
    )  # fmt: skip
