"""A cell's corrected value as its comment gives it (``Level corrected to T11 - see op
note``, ``Was typed 40. Corrected to 4 - see op note``), by the words of
``correction_words`` in ``data_schema/vocabulary.yaml``."""

from __future__ import annotations

import re
from functools import cache

from analysis.spec import load_spec


@cache
def _after_words() -> re.Pattern[str] | None:
    words = sorted(load_spec().vocabulary.correction_words, key=len, reverse=True)
    if not words:
        return None
    spelled = "|".join(r"\s+".join(re.escape(w) for w in word.split()) for word in words)
    return re.compile(rf"(?<!\w)(?:{spelled})\s*[:=]?\s*['\"‘“]?([^\s,;()'\"’”]+)", re.I)


@cache
def _negations() -> str | None:
    words = sorted(load_spec().vocabulary.correction_negations, key=len, reverse=True)
    return "|".join(re.escape(w) for w in words) or None


def corrected_value(comment: str, cell: str = "") -> str | None:
    """The one value a comment says is the cell's correct one (after a correction word,
    ``corrected to T11``; or set against the cell's own value, ``L2, not L3`` on a cell
    holding ``L3``); ``None`` when it names none, or several that differ (the comment is
    then not read)."""
    pattern = _after_words()
    values = set() if pattern is None else {m[1].rstrip(".:") for m in pattern.finditer(comment)}
    negations = _negations()
    if cell.strip() and negations is not None:
        against = rf"(?<![\w.])([^\s,;()'\"‘“]+?),?\s+(?:{negations})\s+{re.escape(cell.strip())}(?![\w.])"
        values |= {m[1] for m in re.finditer(against, comment, re.I)}
    values.discard("")
    return values.pop() if len(values) == 1 else None
