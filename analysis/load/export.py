"""Writing the tidy tables a run produced: four CSVs a co-author or another tool can read,
safe from formula injection, and ``problems.csv`` beside them (``vertebro normalize``).

Nothing here is statistical, so writing a loaded cohort imports no statistics (the
report re-exports these writers from :mod:`analysis.report`).

The bytes are those of ``neutralize_frame(table).to_csv(path, index=False)``, written
faster: each distinct value of a column is neutralised and formatted once (by pandas,
so numbers read exactly as ``to_csv`` writes them) and the cells are written by the
same ``csv`` writer pandas uses.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.load.assemble import LoadResult
from analysis.safety import neutralize, neutralize_frame
from analysis.schema import Cohort
from analysis.spec import TABLES


def write_tidy_tables(cohort: Cohort, out: Path) -> list[Path]:
    """Write ``patients.csv``, ``procedures.csv``, ``assessments.csv`` and
    ``fractures.csv`` into ``out`` (the form :func:`analysis.load.load_cohort` reads back)."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in TABLES:
        path = out / f"{name}.csv"
        write_safe_csv(getattr(cohort, name), path)
        paths.append(path)
    return paths


def write_normalized(result: LoadResult, out: Path) -> list[Path]:
    """Write the four tidy CSVs of :func:`write_tidy_tables` and ``problems.csv`` into ``out``.

    Parameters
    ----------
    result
        A loaded cohort and its ledger of problems.
    out
        The folder to write into (created if missing).

    Returns
    -------
    list of Path
        The files written, ``problems.csv`` last.
    """
    paths = write_tidy_tables(result.cohort, out)
    problems = out / "problems.csv"
    result.problems_frame().to_csv(problems, index=False)
    return [*paths, problems]


def write_safe_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write ``frame`` as ``neutralize_frame(frame).to_csv(path, index=False)`` does."""
    texts = [_cell_texts(frame[c]) for c in frame.columns] if frame.columns.is_unique else []
    if not frame.columns.is_unique or any(t is None for t in texts):
        neutralize_frame(frame).to_csv(path, index=False)
        return
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator=os.linesep)
        writer.writerow([neutralize(c) for c in frame.columns])
        writer.writerows(zip(*texts, strict=True))


def _is_text(column: pd.Series) -> bool:
    """The columns :func:`neutralize_frame` neutralises."""
    return column.dtype == object or pd.api.types.is_string_dtype(column)


def _codes(column: pd.Series) -> tuple[np.ndarray, pd.Series] | None:
    """Codes of the distinct cells (-1 where missing) and one cell of each, in the column's
    dtype; None for a dtype whose equal values might print differently (objects)."""
    dtype = column.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        distinct = pd.Series(pd.Categorical.from_codes(range(len(dtype.categories)), dtype=dtype))
        return column.cat.codes.to_numpy(), distinct
    if dtype == np.float64:  # by bit pattern: 0.0 and -0.0 print differently
        values = column.to_numpy()
        known = ~np.isnan(values)
        codes = np.full(len(values), -1, dtype=np.intp)
        codes[known] = pd.factorize(values[known].view(np.int64))[0]
    elif isinstance(dtype, pd.BooleanDtype | pd.Int64Dtype) or dtype in (
        np.int64,
        np.bool_,
    ):
        codes, _ = pd.factorize(column)
    else:
        return None
    seen = np.maximum.accumulate(np.concatenate([[-1], codes]))[:-1]
    first = np.flatnonzero(codes > seen)  # codes are numbered in order of appearance
    return codes, column.iloc[first].reset_index(drop=True)


def _text_cells(column: pd.Series) -> np.ndarray:
    """Cells of a text column as :func:`neutralize` leaves them, missing ones empty.

    :func:`neutralize` changes only text that starts with one of a few characters; the
    first characters present are found by code point, each asked of :func:`neutralize`
    once (followed by a letter, so never a number), and only cells starting with one it
    changes are passed to it.
    """
    missing = column.isna().to_numpy()
    cells = np.array(column.to_numpy(dtype=object), dtype=object)
    cells[missing] = ""
    first = cells.astype("U1").view(np.uint32)  # "" -> 0
    present = np.flatnonzero(np.bincount(first)) if len(first) else first
    risky = [c for c in present if neutralize(chr(c) + "x") != chr(c) + "x"]
    for i in np.flatnonzero(np.isin(first, risky) & ~missing):
        cells[i] = neutralize(cells[i])
    return cells


def _cell_texts(column: pd.Series) -> np.ndarray | None:
    """The text ``to_csv`` writes in each cell after :func:`neutralize_frame`."""
    if isinstance(column.dtype, pd.StringDtype):
        return _text_cells(column)
    coded = _codes(column)
    if coded is None:
        return None
    codes, distinct = coded
    if _is_text(column):
        distinct = distinct.map(neutralize)
    buffer = io.StringIO()
    distinct.to_frame().to_csv(buffer, index=False, header=False)
    rows = list(csv.reader(io.StringIO(buffer.getvalue(), newline="")))
    if len(rows) != len(distinct):  # a missing cell among the distinct values
        return None
    return np.array([*(r[0] for r in rows), ""], dtype=object)[codes]
