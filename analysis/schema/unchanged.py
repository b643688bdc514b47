"""Tell cheaply whether a cohort's text columns still hold what they held.

An analysis that codes a cohort's identifiers once (a report selects sessions and
matches vertebrae to patients a dozen times each) may reuse the codes only while the
identifier columns are unchanged: a table edited in place keeps its columns' arrays and
changes the values in them. :class:`SameTexts` remembers the text objects of some columns
and answers whether the columns hold the very same objects in the same rows now, by
comparing the arrays' pointers (the memory of an array of objects) as bytes. It keeps
references to the remembered objects, so no object can be freed and another made at its
address while it is kept: equal pointers are then the same objects, hence the same text.
Comparing pointers costs a copy of each array's memory, a fraction of hashing every text.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd


def _objects(column: pd.Series) -> np.ndarray | None:
    """The array of text objects a column holds (no copy), or None where its values are
    not kept as Python objects (made anew on each read, so never the same objects)."""
    dtype = column.dtype
    if isinstance(dtype, pd.StringDtype) and dtype.storage == "python":
        return np.asarray(column.array, dtype=object)
    return None


class SameTexts:
    """The text objects of some columns, kept to tell whether the columns still hold them.

    Parameters
    ----------
    columns
        Text columns (``string`` dtype held as Python objects); any other column makes
        :meth:`holds` answer False.
    """

    def __init__(self, columns: Sequence[pd.Series]) -> None:
        arrays = [_objects(c) for c in columns]
        # copies hold a reference to every object, so their addresses stay theirs
        self._kept = [None if a is None else a.copy() for a in arrays]
        self._pointers = [None if a is None else a.tobytes() for a in self._kept]

    def holds(self, columns: Sequence[pd.Series]) -> bool:
        """Whether ``columns`` hold the same objects, row for row, as when kept: the same
        number of columns, each as long as before, its values the very objects kept."""
        if len(columns) != len(self._pointers):
            return False
        for column, pointers in zip(columns, self._pointers, strict=True):
            now = _objects(column)
            if now is None or pointers is None or now.tobytes() != pointers:
                return False
        return True
