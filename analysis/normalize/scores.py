"""A visit's scores of several measures in one cell, each after its name (``VAS 7/10; ODI
44%``, ``VAS ٧/١٠؛ ODI ٤٤٪``, ``VAS: --; ODI 40%``): the parts a semicolon (or an Arabic
semicolon, or a bar) apart, each a measure the vocabulary names and its score, a score
written out of its scale (``7/10``) read on that scale, a missing mark (``--``) no score.
The row's own visit gives the time point."""

from __future__ import annotations

import re

from analysis.normalize.cells import DIGITS, is_missing
from analysis.normalize.headers import NAMED_SCORES, match_header

SCORES = NAMED_SCORES  # a column of such cells, written "scores:measures"
_PARTS = re.compile(r"\s*[;\u061b|]\s*")
# a measure's name, then its score after a colon or a space before the score's first sign
_NAMED = re.compile(r"^(?P<name>.*?[^\W\d_].*?)\s*(?:[:=]\s*|\s+(?=[\d\-–—?]))(?P<score>\S.*)$")
_LONGEST = 120  # a part longer than this names no measure's score (a note, a pasted text)
_OUT_OF = re.compile(r"^(?P<score>\d+(?:[.,]\d+)?)\s*/\s*(?P<scale>10|100)$")


def named_scores(value: object) -> tuple[tuple[str, str], ...] | None:
    """Each measure a cell names with its score as written (``(("pain_vas", "7/10"),
    ("odi", "44%"))``), or ``None`` when a part names no measure (or the cell is no text)."""
    if not isinstance(value, str) or not value.strip():
        return None
    found = []
    for part in _PARTS.split(value.strip()):
        if not part:
            continue
        if len(part) > _LONGEST:
            return None  # checked first: the pattern below is slow on long texts
        m = _NAMED.match(part)
        if m is None:
            return None
        target = match_header(m["name"].strip())
        if target is None or target.kind != "measure" or target.timepoint is not None:
            return None
        found.append((str(target.measure), m["score"].strip()))
    return tuple(found) or None


def score_on_scale(text: str) -> tuple[str, float | None]:
    """A score's text and the scale it is written out of (``7/10``: ``7`` on 10,
    ``٧/١٠`` too, its digits as ASCII); ``None`` when it names none."""
    folded = text.translate(DIGITS).strip()
    m = _OUT_OF.match(folded)
    if m is None:
        return text, None
    return m["score"], float(m["scale"])


def scores_cell(value: object) -> bool:
    """Whether a cell holds named scores (:func:`named_scores`) or is empty."""
    return is_missing(value) or named_scores(value) is not None
