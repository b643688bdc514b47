"""A session's scores of one measure at several visits in one cell, each line naming its
visit (``Trước mổ: 8`` / ``1 tháng: 3`` / ``3 tháng: không tái khám`` under ``VAS``):
each line a time point the vocabulary names, a colon and the score as written (a missing
mark, no score); a line that is a missing or death mark alone (``tử vong``) names no visit
and is no score. A column of such cells is read as the measure at each line's visit,
written ``timed:<measure>`` (``timed:pain_vas/100`` with a declared scale) in a mapping
file."""

from __future__ import annotations

import re

from analysis.normalize.cells import is_missing, not_assessed
from analysis.normalize.headers import Target
from analysis.normalize.timepoints import timepoint_of

TIMED = "timed"  # a Target's kind: the measure at each line's own visit
_LINES = re.compile(r"\s*[\n\r]+\s*")
_LINE = re.compile(r"^(?P<visit>[^:=]*?[^\W\d_][^:=]*?)\s*[:=]\s*(?P<score>.*)$")
_LONGEST = 80  # a line longer than this is a note, not a visit's score


def timed_target(measure: Target) -> Target:
    """The reading of a column of ``measure``'s scores, each after its visit."""
    return Target(TIMED, measure=measure.measure, scale=measure.scale)


def timed_scores(value: object) -> tuple[tuple[str, str], ...] | None:
    """Each visit a cell's lines name with its score as written (``(("pre", "8"), ("1m",
    "3"))``), or ``None`` when a line is neither a visit's score nor a mark alone (or the
    cell is no text, or names no visit)."""
    if not isinstance(value, str) or (":" not in value and "=" not in value):
        return None
    found = []
    for line in _LINES.split(value.strip()):
        if not line or is_missing(line) or not_assessed(line):
            continue
        m = _LINE.match(line) if len(line) <= _LONGEST else None
        point = timepoint_of(m["visit"]) if m is not None else None
        if m is None or point is None:
            return None
        found.append((point, m["score"].strip()))
    return tuple(found) or None
