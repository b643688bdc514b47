"""Tables held column by column, each column as codes into its distinct values.

Registry exports repeat the same few spellings (``F``, ``L1``, ``VP``) hundreds of
thousands of times. A column kept as codes into its distinct values lets every later
step (finding blank rows, duplicate rows, parsing each spelling) work once per distinct
value instead of once per cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import overload

import numpy as np

Coded = tuple[np.ndarray, list[object]]  # a column: codes into its distinct values


def distinct(cells: np.ndarray) -> Coded:
    """Codes and distinct values of a column of cells. Values are told apart by type as
    well (``True``, ``1`` and ``1.0`` are three spellings); ``None`` is a value too."""
    import pandas as pd

    if pd.api.types.infer_dtype(cells, skipna=True) in ("string", "empty"):
        codes, uniques = pd.factorize(cells, use_na_sentinel=True)
        values: list[object] = list(uniques)
        if (codes < 0).any():
            codes = np.where(codes < 0, len(values), codes)
            values.append(None)
        return codes, values
    seen: dict[tuple[type, object], int] = {}
    out = np.empty(len(cells), dtype=np.intp)
    values = []
    for i, v in enumerate(cells):
        try:
            out[i] = seen.setdefault((type(v), v), len(seen))
        except TypeError:  # unhashable: a value of its own
            out[i] = len(seen)
            seen[(object, id(v))] = len(seen)
        if out[i] == len(values):
            values.append(v)
    return out, values


class Grid(Sequence[list[object]]):
    """Rows of a text or Parquet table held column by column.

    Built from cell columns or from coded columns. The tidy loader reads coded columns
    (:meth:`coded`) and never builds rows; any other reader of the rows gets them built
    once, on first use, and the same row lists afterwards (so edits to a row stay).
    """

    def __init__(
        self, n_rows: int, columns: list[np.ndarray] | None = None, coded: list[Coded] | None = None
    ) -> None:
        self._n = n_rows
        self._columns = columns
        self._coded = coded
        self._rows: list[list[object]] | None = None

    @property
    def columns(self) -> list[np.ndarray]:
        """One object array of cells per column, each ``n_rows`` long."""
        if self._columns is None:
            self._columns = [_cells(found)[codes] for codes, found in self._coded or []]
        return self._columns

    def coded(self) -> list[Coded]:
        """Each column as codes into its distinct values."""
        if self._coded is None:
            self._coded = [distinct(c) for c in self.columns]
        return self._coded

    def __len__(self) -> int:
        return self._n

    def row(self, i: int) -> list[object]:
        """Row ``i`` (0-based) without building the others."""
        if self._columns is None and self._coded is not None:
            return [found[codes[i]] for codes, found in self._coded]
        return [c[i] for c in self.columns]

    def _built(self) -> list[list[object]]:
        if self._rows is None:
            cols = self.columns
            self._rows = [list(r) for r in zip(*cols, strict=True)] if cols else [[] for _ in range(self._n)]  # fmt: skip
        return self._rows

    @overload
    def __getitem__(self, i: int) -> list[object]: ...
    @overload
    def __getitem__(self, i: slice) -> list[list[object]]: ...
    def __getitem__(self, i: int | slice) -> list[object] | list[list[object]]:
        return self._built()[i]


def _cells(found: list[object]) -> np.ndarray:
    out = np.empty(len(found), dtype=object)
    out[:] = found
    return out


def arrow_text_columns(
    text: str, delimiter: str, encoded: bytes | None = None
) -> list[Coded] | None:
    """The columns of a delimited text read by Arrow's CSV reader with quoting off, each
    dictionary-encoded; ``None`` when Arrow refuses it (rows of unequal length, a blank
    line). Cells are the exact text between delimiters. ``encoded``: the text as UTF-8,
    when the caller has it."""
    import pyarrow as pa
    import pyarrow.csv as pcsv

    first = text[: text.find("\n")] if "\n" in text else text
    names = [f"c{i}" for i in range(first.count(delimiter) + 1)]
    try:
        table = pcsv.read_csv(
            pa.BufferReader(encoded if encoded is not None else text.encode("utf-8")),
            read_options=pcsv.ReadOptions(column_names=names, block_size=1 << 24),
            parse_options=pcsv.ParseOptions(
                delimiter=delimiter,
                quote_char=False,
                double_quote=False,
                escape_char=False,
                newlines_in_values=False,
                ignore_empty_lines=False,
            ),
            convert_options=pcsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowException):
        return None
    out: list[Coded] = []
    for column in table.columns:
        codes = column.combine_chunks().dictionary_encode()
        out.append((codes.indices.to_numpy(), codes.dictionary.to_pylist()))
    return out


__all__ = ["Coded", "Grid", "arrow_text_columns", "distinct"]
