"""Visits written as a letter glued to a number across a header row (``EVA J1``, ``EVA
S6``, ``EVA M3``: jour, semaine, mois): a letter that is no unit of its own (``S``: a sacral
level, a side, a session elsewhere) read in the notation the row's other visits of the
same outcome are written in (``timepoints.series_units`` of the vocabulary)."""

from __future__ import annotations

from dataclasses import replace

from analysis.load.header_columns import HeaderColumn
from analysis.normalize.headers import match_header
from analysis.normalize.timepoints import lettered, lettered_point


def _split(header: str) -> tuple[str, str]:
    """A header's words before its last one, and that last word."""
    head, _, word = header.strip().rpartition(" ")
    return head.strip(), word


def _row_letters(cols: list[HeaderColumn]) -> dict[str, set[str]]:
    """Per outcome, the letters of the visits its columns read by their headers name as a
    letter glued to a number."""
    letters: dict[str, set[str]] = {}
    for c in cols:
        t = c.target
        if t is None or t.kind != "measure" or not t.timepoint or not c.header:
            continue
        found = lettered(_split(c.header)[1])
        if found is not None and t.measure is not None:
            letters.setdefault(t.measure, set()).add(found[0])
    return letters


def lettered_visits(cols: list[HeaderColumn]) -> list[HeaderColumn]:
    """Columns of an outcome whose header ends in a letter glued to a number that names no
    visit alone (``EVA S6``) read at the visit that letter names in the notation of the
    same outcome's other columns (``EVA J1``, ``EVA M3``: ``S6`` is six weeks); the reason
    says so. Other columns as they were."""
    letters = _row_letters(cols)
    if not letters:
        return cols
    out = []
    for c in cols:
        t = c.target
        if c.header and (t is None or (t.kind == "measure" and not t.timepoint)):
            head, word = _split(c.header)
            bare = match_header(head) if head else None
            if bare is not None and bare.kind == "measure" and bare.measure in letters:
                seen = frozenset(letters[str(bare.measure)])
                point = lettered_point(word, seen)
                if point is not None:
                    said = "/".join(sorted(x.upper() for x in seen))
                    c = replace(
                        c,
                        target=replace(bare, timepoint=point),
                        reason=f"header: '{word}' read as {point}, in the notation of the "
                        f"outcome's other visits on the row ({said})",
                    )
        out.append(c)
    return out
