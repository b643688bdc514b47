"""A session's scores at several time points written in one cell (``9 / — / 6 / 4``
under ``Pain VAS: Pre-op / 1 week / 1 month / 3 months``): the header names the time
points in order, a spaced slash apart, and each cell holds a score, or a missing mark,
for each of them in the same order."""

from __future__ import annotations

import re

from analysis.normalize.headers import Target

SERIES = "series"  # a Target's kind; its ``timepoint`` holds the time points, "|" apart
_SPACED_SLASH = re.compile(r"\s+/\s+")
_SLASH = re.compile(r"\s*/\s*")


def header_parts(text: str) -> list[str]:
    """A header's parts a spaced slash apart (``Pre-op / 1 week``), or ``[]`` when it has
    fewer than two."""
    parts = [p.strip() for p in _SPACED_SLASH.split(text.strip())]
    return parts if len(parts) >= 2 and all(parts) else []


def series_target(measure: Target, timepoints: tuple[str, ...]) -> Target:
    """The reading of a cell of ``measure`` scores at ``timepoints``, in that order."""
    return Target(SERIES, measure=measure.measure, timepoint="|".join(timepoints), scale=measure.scale)  # fmt: skip


def series_timepoints(target: Target) -> tuple[str, ...]:
    """The time points a series target's cells give scores for, in order."""
    return tuple(str(target.timepoint).split("|"))


def split_series(value: object, n: int) -> tuple[str, ...] | None:
    """A cell's ``n`` parts a slash apart (``9 / — / 6 / 4``), or ``None`` when it holds
    another number of them (a single number is no series)."""
    if not isinstance(value, str):
        return None
    parts = tuple(p.strip() for p in _SLASH.split(value.strip()))
    return parts if len(parts) == n else None
