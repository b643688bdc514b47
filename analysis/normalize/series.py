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
# an arrow between time points or scores, "then" (``pre → 24h``, ``8 → 5``; ``←`` in a
# right-to-left sheet's title, ``->`` typed): the order they were taken in
_ARROW = re.compile(r"\s*(?:[→←⟶⟵➔➜]|->)\s*")


def header_parts(text: str) -> list[str]:
    """A header's parts a spaced slash or an arrow apart (``Pre-op / 1 week``, ``pre →
    24h``), or ``[]`` when it has fewer than two."""
    splitter = _ARROW if _ARROW.search(text) else _SPACED_SLASH
    parts = [p.strip() for p in splitter.split(text.strip())]
    return parts if len(parts) >= 2 and all(parts) else []


def slash_parts(text: str) -> list[str]:
    """A header's parts an unspaced slash apart (``VAS pre/post``, ``VAS पूर्व/नंतर``): a
    measure at its first time point, then the others, or ``[]`` when it has fewer than two
    parts or a part is blank. Read as a series only when every part after the first names
    a time point by itself (:func:`analysis.load.header._series_reading`)."""
    parts = [p.strip() for p in text.strip().split("/")]
    return parts if len(parts) >= 2 and all(parts) else []


def series_target(measure: Target, timepoints: tuple[str, ...]) -> Target:
    """The reading of a cell of ``measure`` scores at ``timepoints``, in that order."""
    return Target(SERIES, measure=measure.measure, timepoint="|".join(timepoints), scale=measure.scale)  # fmt: skip


def series_timepoints(target: Target) -> tuple[str, ...]:
    """The time points a series target's cells give scores for, in order."""
    return tuple(str(target.timepoint).split("|"))


def split_series(value: object, n: int) -> tuple[str, ...] | None:
    """A cell's ``n`` parts a slash apart (``9 / — / 6 / 4``), or ``None`` when it holds
    another number of them (a single number is no series).

    A chain of scores an arrow apart (``9 → - → 8``, in the visits' order) may stop
    before the last time point: the visits after its last score were not reached (a
    later session's chain takes them up), so its parts are the first time points';
    ``None`` when it holds more parts than time points. A cell of one score alone is
    such a chain stopped after its first time point."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return (str(value),) if value == value else None  # NaN: no score
    if not isinstance(value, str):
        return None
    if _ARROW.search(value) or not _SLASH.search(value):
        parts = tuple(p.strip() for p in _ARROW.split(value.strip()))
        return parts if len(parts) <= n and all(parts) else None
    parts = tuple(p.strip() for p in _SLASH.split(value.strip()))
    return parts if len(parts) == n else None
