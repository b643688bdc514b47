"""A table's schema checked by whole columns, without pandera's per-check bookkeeping.

:func:`conforms` says whether a tidy table certainly passes its pandera schema (every
declared column present and no other, each in its declared dtype, no missing value where
none is allowed, values within their bounds and allowed values, the table's key unique,
assessment values within their measure's range). It answers ``False`` whenever it cannot
tell, so a ``True`` lets :meth:`analysis.schema.Cohort.validate` skip pandera, whose
answer for a valid table is no failure; every other table is still validated by pandera,
which reports each failure as before.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from analysis.spec import ColumnSpec, load_spec


def _text(series: pd.Series) -> bool:
    """Whether ``series`` holds pandas' string dtype stored as Python strings."""
    dtype = series.dtype
    return isinstance(dtype, pd.StringDtype) and dtype.storage == "python" and str(dtype) == "string"  # fmt: skip


def dtype_matches(series: pd.Series, expected: object) -> bool:
    """Whether the column's dtype is exactly the declared one (categories compared in
    order, which is at least as strict as pandera)."""
    dtype = series.dtype
    if isinstance(expected, pd.CategoricalDtype):
        return (
            isinstance(dtype, pd.CategoricalDtype)
            and dtype.ordered == expected.ordered
            and list(dtype.categories) == list(expected.categories)
        )
    if expected == "string":
        return _text(series)
    if expected == "float64":
        return dtype == np.float64
    if expected == "Int64":
        return isinstance(dtype, pd.Int64Dtype)
    if expected == "boolean":
        return isinstance(dtype, pd.BooleanDtype)
    return False


def _has_missing(series: pd.Series) -> bool:
    if _text(series):
        values = np.asarray(series.array, dtype=object)
        # every cell a str: a C-level scan, where isna would test each cell in Python
        return len(values) > 0 and pd.api.types.infer_dtype(values, skipna=False) != "string"
    return bool(series.isna().any())


def _known(series: pd.Series) -> np.ndarray:
    """The column's non-missing values as a float array (numeric columns only)."""
    if series.dtype == np.float64:
        values = series.to_numpy()
        return values[~np.isnan(values)]
    return series.dropna().to_numpy(dtype=np.float64)


def _within(series: pd.Series, col: ColumnSpec) -> bool:
    """Whether every known value lies within the column's declared bounds and, for a
    list of categories, names only allowed ones."""
    if col.min is not None or col.max is not None:
        values = _known(series)
        if values.size and col.min is not None and not values.min() >= col.min:
            return False
        if values.size and col.max is not None and not values.max() <= col.max:
            return False
    if col.type == "multi_category":
        allowed = set(col.allowed)
        return all(set(str(v).split(";")) <= allowed for v in series.dropna().unique())
    return True


def _codes(series: pd.Series) -> np.ndarray:
    """Integer codes equal exactly where the values are (missing values alike)."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        return np.asarray(series.cat.codes, dtype=np.int64)
    if _text(series):
        return pd.factorize(np.asarray(series.array, dtype=object))[0].astype(np.int64)
    return pd.factorize(series)[0].astype(np.int64)


def _unique(frame: pd.DataFrame, key: list[str]) -> bool:
    """Whether no two rows share the values of the ``key`` columns."""
    if len(frame) < 2:
        return True
    combined, size = np.zeros(len(frame), dtype=np.int64), 1
    for name in key:
        codes = _codes(frame[name]) + 1  # missing (-1) becomes 0
        width = int(codes.max()) + 1
        if size * width >= 2**62:
            combined = pd.factorize(combined)[0].astype(np.int64)
            size = int(combined.max()) + 1
        combined = combined * width + codes
        size *= width
    combined.sort()  # adjacent after sorting: faster than hashing millions of keys
    return not bool((combined[1:] == combined[:-1]).any())


def conforms(
    table: str,
    frame: pd.DataFrame,
    dtype_of: Callable[[ColumnSpec], object],
    frame_check: Callable[[pd.DataFrame], pd.Series] | None = None,
) -> bool:
    """Whether ``frame`` certainly passes the pandera schema of ``table``.

    Parameters
    ----------
    table
        The tidy table's name.
    frame
        The table as a DataFrame.
    dtype_of
        The declared dtype of a column (as the pandera schema declares it).
    frame_check
        The schema's check of whole rows, if any: a boolean per row.

    Returns
    -------
    bool
        ``True`` when every check passes; ``False`` when one fails or cannot be decided
        here (pandera then decides and reports).
    """
    tspec = load_spec().tables[table]
    if not frame.columns.is_unique or set(frame.columns) != set(tspec.columns):
        return False
    for name, col in tspec.columns.items():
        series = frame[name]
        if not dtype_matches(series, dtype_of(col)):
            return False
        if col.required and not col.partly_known and _has_missing(series):
            return False
        if not _within(series, col):
            return False
    if frame_check is not None and len(frame) and not bool(np.asarray(frame_check(frame)).all()):
        return False
    return _unique(frame, list(tspec.key))
