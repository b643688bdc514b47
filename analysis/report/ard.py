"""Every number of a report in one long table: the analysis-results dataset (ARD).

One record per statistic: ``analysis`` (the result's stable name), ``table`` (which
table of the result the record is from), ``row`` (its row in that table), ``variable``
and ``group`` (what the row is about), ``statistic`` (the column name, e.g.
``estimate``, ``p_value``), ``value`` (a number), ``method`` and ``context`` (the row's
other text fields). The layout follows the idea of R's ``cards`` package;
``data_schema/results.schema.json`` describes it and the tests validate ``results.json``
against it.

Each result object gives three tables: ``tidy`` (its ``tidy()``: one row per term,
estimate or test, ``variable`` the term, the statistics broom's columns in snake_case,
:data:`analysis.stats.TIDY_COLUMNS`), so every model and test reads the same way;
``glance`` (its ``glance()``: one row of n used, fit statistics, the confidence level);
and ``frame`` (its ``to_frame()``, the CSV under ``results/``: curves, per-group
summaries, the columns each result has always had). A result given as a bare frame has
its ``frame`` only. The statistical review's checks are records of the analysis
``statistical_review``, table ``review`` (see
:meth:`analysis.report.review.section.Review.records`).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple, Protocol

import numpy as np
import pandas as pd

SCHEMA_VERSION = 1
TABLES = ("frame", "tidy", "glance", "review")


class TidyResult(Protocol):
    """A result object: its tidy frame, ``tidy()`` and ``glance()``."""

    def to_frame(self) -> pd.DataFrame: ...

    def tidy(self) -> pd.DataFrame: ...

    def glance(self) -> pd.DataFrame: ...


class ResultEntry(NamedTuple):
    """One result of a report: its stable name, its frame (``results/<name>.csv``) and,
    when it came from a result object, that object (whose ``tidy()`` and ``glance()``
    go to ``results.json`` beside the frame)."""

    name: str
    frame: pd.DataFrame
    source: TidyResult | None = None


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


def records(analysis: str, frame: pd.DataFrame, table: str = "frame") -> list[dict[str, Any]]:
    """The long records of one table (``frame``, ``tidy`` or ``glance``) of a result."""
    if table not in TABLES:
        raise ValueError(f"table must be one of {TABLES}, not {table!r}")
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
                    "table": table,
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


def result_records(entry: ResultEntry | tuple[str, pd.DataFrame]) -> list[dict[str, Any]]:
    """The records of one result: its ``tidy()`` and ``glance()`` when it came from a
    result object, then its frame."""
    entry = ResultEntry(*entry)
    out: list[dict[str, Any]] = []
    if entry.source is not None:
        out += records(entry.name, entry.source.tidy(), "tidy")
        out += records(entry.name, entry.source.glance(), "glance")
    return out + records(entry.name, entry.frame)


def write_results_json(
    results: Iterable[ResultEntry | tuple[str, pd.DataFrame]],
    path: Path,
    extra: Iterable[dict[str, Any]] = (),
) -> Path:
    """Write every result as long records to ``path`` (``results.json``), then ``extra``
    records already in that shape (the statistical review's, table ``review``)."""
    reviewed = [{"analysis": r["analysis"], "table": "review", **r} for r in extra]
    body = [r for entry in results for r in result_records(entry)] + reviewed
    payload = {"schema_version": SCHEMA_VERSION, "results": body}
    path.write_text(json.dumps(payload, indent=1, allow_nan=False), encoding="utf-8")
    return path
