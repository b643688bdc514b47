"""Writing the tidy tables a run produced: four CSVs a co-author or another tool can read,
safe from formula injection, and ``problems.csv`` beside them (``vertebro normalize``).

Nothing here is statistical, so writing a loaded cohort imports no statistics (the
report re-exports these writers from :mod:`analysis.report`).

The bytes are those of ``neutralize_frame(table).to_csv(path, index=False)``, written
faster: each distinct value of a column is neutralised and formatted once (by pandas,
so numbers read exactly as ``to_csv`` writes them) and quoted once by the same ``csv``
writer pandas uses (text that holds none of ``,``, ``"``, CR or LF is never quoted); the
rows are then joined column by column by pyarrow, a block of rows at a time.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

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
    # a row of one empty cell is written '""', so one column goes the general way
    if len(texts) < 2 or any(t is None for t in texts):
        neutralize_frame(frame).to_csv(path, index=False)
        return
    header = io.StringIO()
    csv.writer(header, lineterminator=os.linesep).writerow([neutralize(c) for c in frame.columns])
    columns = [t for t in texts if t is not None]
    with open(path, "wb") as handle:
        handle.write(header.getvalue().encode("utf-8"))
        for start in range(0, len(frame), _BLOCK):
            *cells, last = (_block(c, start) for c in columns)
            ends = pc.binary_join_element_wise(last, _text(""), _text(os.linesep))
            lines = pc.binary_join_element_wise(*cells, ends, _text(","))
            offsets = np.frombuffer(lines.buffers()[1], dtype=np.int64)
            data = memoryview(lines.buffers()[2])
            handle.write(data[offsets[lines.offset] : offsets[lines.offset + len(lines)]])


_BLOCK = 1 << 18  # rows joined at a time
# a column's cells as written: a text column (made so a block at a time), or its distinct
# cells as written and each row's index into them
Cells = tuple[pd.Series, None] | tuple[pa.Array, np.ndarray]


def _block(cells: Cells, start: int) -> pa.Array:
    """The cells of the rows ``start`` to ``start + _BLOCK`` of a column."""
    fields, index = cells
    if index is None:
        return _string_texts(fields.iloc[start : start + _BLOCK])
    return fields.take(index[start : start + _BLOCK])


_SPECIAL = '[,"\r\n]'  # the csv writer quotes a cell only if it holds one of these


def _text(text: str) -> pa.Scalar:
    """``text`` as an Arrow scalar of the type the cells are joined in."""
    return pa.scalar(text, pa.large_string())


def _field(text: str) -> str:
    """``text`` as the ``csv`` writer writes it among other cells (quoted if it must be)."""
    if not text:
        return text
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=os.linesep).writerow([text])
    return buffer.getvalue()[: -len(os.linesep)]


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


def _string_texts(column: pd.Series) -> pa.Array:
    """The cells of a text column as written: neutralised, missing ones empty, quoted."""
    cells = pa.array(column.array, pa.large_string()).fill_null("")
    present = pc.unique(pc.utf8_slice_codeunits(cells, 0, 1)).to_pylist()
    if any(neutralize(c + "x") != c + "x" for c in present if c):
        cells = pa.array(_text_cells(column), pa.large_string())
    data = cells.buffers()[2]
    text = bytes(data) if data is not None else b""
    if not any(c in text for c in (b",", b'"', b"\r", b"\n")):
        return cells
    special = pc.match_substring_regex(cells, _SPECIAL)
    texts = np.array(cells.to_pylist(), dtype=object)
    for i in np.flatnonzero(special.to_numpy(zero_copy_only=False)):
        texts[i] = _field(texts[i])
    return pa.array(texts, pa.large_string())


def _cell_texts(column: pd.Series) -> Cells | None:
    """The text the ``csv`` writer writes in each cell after :func:`neutralize_frame`
    and ``to_csv``'s formatting, quotes included."""
    if isinstance(column.dtype, pd.StringDtype):
        return column, None
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
    fields = pa.array([*(_field(r[0]) for r in rows), ""], pa.large_string())
    return fields, np.where(codes < 0, len(rows), codes).astype(np.int32)
