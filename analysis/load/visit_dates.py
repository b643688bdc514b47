"""A column its header reads as a score at a time point whose cells are dates
(``Kontrola 3 m``: 19.5.2023): the date of that visit.

A unit that writes the date of each control beside its score names both columns by the
visit (``Kontrola 3 m`` then ``VAS 3 m``), and the first's words, a visit and its time
point, read as the score the row's measures give that time point. Its cells say
otherwise: nine in ten of them dates, it is the date of that visit only
(``date:visit_date@3m``), checked against its procedure's like any visit's date, and
said in a warning. A cell saying the patient had died by then (``†``) weighs neither way.
"""

from __future__ import annotations

from analysis.load.header_columns import CONTENT_ONLY
from analysis.normalize import Target
from analysis.normalize.cells import not_assessed
from analysis.normalize.content import ColumnFit, column_fit

__all__ = ["visit_dates_at"]


def visit_dates_at(values: list[object], own: Target) -> ColumnFit | None:
    """The fit of ``values`` as the dates of the visit at ``own``'s time point, when
    ``own`` is a score at one time point and the values are dates; else None."""
    if own.kind != "measure" or not own.timepoint or "|" in own.timepoint:
        return None
    visit = Target("date", column="visit_date", timepoint=own.timepoint)
    # a visit the patient did not live to (``†``) has no date: no evidence either way
    fit = column_fit([v for v in values if not not_assessed(v)], visit)
    return fit if (fit.fit or 0) >= CONTENT_ONLY else None
