"""Every number of a report in one long table: the analysis-results dataset (ARD).

One record per statistic: ``analysis`` (the result's stable name), ``row`` (its row in
that result), ``variable`` and ``group`` (what the row is about), ``statistic`` (the
column name, e.g. ``estimate``, ``p_value``), ``value`` (a number), ``method`` and
``context`` (the row's other text fields). The layout follows the idea of R's ``cards``
package; ``data_schema/results.schema.json`` describes it and the tests validate
``results.json`` against it. The statistical review's checks are records of the analysis
``statistical_review`` (see :meth:`analysis.report.review.section.Review.records`).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

SCHEMA_VERSION = 1
_VARIABLE_COLUMNS = ("variable", "measure", "term", "quantity", "comparison", "level", "cause")
_GROUP_COLUMNS = ("group", "groups", "stratum")


def _number(value: object) -> float | None:
    if isinstance(value, bool | np.bool_):
        return float(value)
    if isinstance(value, int | float | np.integer | np.floating):
        x = float(value)
        return x if math.isfinite(x) else None
    return None


def _text(value: object) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    return str(value)


def records(analysis: str, frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The long records of one result frame."""
    out = []
    for i, row in enumerate(frame.to_dict("records")):
        variable = next(
            (_text(row[c]) for c in _VARIABLE_COLUMNS if c in row and _text(row[c])), None
        )
        group = next((_text(row[c]) for c in _GROUP_COLUMNS if c in row and _text(row[c])), None)
        method = _text(row.get("method"))
        context = {
            str(k): _text(v)
            for k, v in row.items()
            if _number(v) is None and _text(v) is not None and k != "method"
        }
        for column, value in row.items():
            number = _number(value)
            if number is None and not (isinstance(value, float) and math.isnan(value)):
                continue
            out.append(
                {
                    "analysis": analysis,
                    "row": i,
                    "variable": variable,
                    "group": group,
                    "statistic": str(column),
                    "value": number,
                    "method": method,
                    "context": context,
                }
            )
    return out


def write_results_json(
    results: Iterable[tuple[str, pd.DataFrame]],
    path: Path,
    extra: Iterable[dict[str, Any]] = (),
) -> Path:
    """Write every result as long records to ``path`` (``results.json``), then ``extra``
    records already in that shape (the statistical review's)."""
    body = [r for name, frame in results for r in records(name, frame)] + list(extra)
    payload = {"schema_version": SCHEMA_VERSION, "results": body}
    path.write_text(json.dumps(payload, indent=1, allow_nan=False), encoding="utf-8")
    return path
