"""Level keys of a Table 1 factor: each value read as a level (booleans and 0/1 as
``yes``/``no``, anything else as text), counted by its distinct values.

A column is read as yes/no when it is boolean or records only 0 and 1; each Table 1
column (overall, each group) reads the values its own rows hold, as the table always
has. Every distinct value is named once and the rows are counted by ``bincount``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


def is_binary(series: pd.Series) -> bool:
    """Whether values read as yes/no: a boolean column, or only 0 and 1 recorded."""
    return series.dtype in ("boolean", "bool") or set(pd.unique(series.dropna())) <= {0, 1}


def named(series: pd.Series, binary: bool) -> pd.Series:
    """Values as level keys, value by value: yes/no when ``binary``, else as text."""
    if binary:
        return series.map(lambda v: v if pd.isna(v) else ("yes" if bool(v) else "no")).astype("string")  # fmt: skip
    return series.astype("object").astype("string")


@dataclass(frozen=True)
class Factor:
    """A column as the codes of its distinct recorded values (-1 where missing)."""

    codes: np.ndarray
    distinct: pd.Series  # in the column's dtype

    @classmethod
    def of(cls, series: pd.Series) -> Factor:
        codes, uniques = pd.factorize(series)
        return cls(np.asarray(codes), pd.Series(uniques).reset_index(drop=True))

    def counts(self, rows: np.ndarray | None = None) -> np.ndarray:
        """Rows (all, or those marked) holding each distinct value."""
        codes = self.codes if rows is None else self.codes[rows]
        return np.bincount(codes[codes >= 0], minlength=len(self.distinct))

    def names(self, counts: np.ndarray) -> list[str]:
        """Level key of each distinct value as :func:`as_levels` names them in a column
        holding the values counted (yes/no only if those are binary)."""
        present = self.distinct[counts > 0]
        return [str(v) for v in named(self.distinct, is_binary(present))]


def by_level(counts: np.ndarray, names: list[str]) -> dict[str, int]:
    """Counts of distinct values summed by their level key."""
    out: dict[str, int] = {}
    for name, n in zip(names, counts.tolist(), strict=True):
        out[name] = out.get(name, 0) + n
    return out


def as_levels(series: pd.Series) -> pd.Series:
    """Values as level keys: booleans and 0/1 as ``yes``/``no``."""
    factor = Factor.of(series)
    names = np.array([*factor.names(factor.counts()), pd.NA], dtype=object)
    return pd.Series(names[factor.codes], index=series.index, dtype="string", name=series.name)
