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


def corrected_value(comment: str) -> str | None:
    """The one value a comment says is the cell's correct one; ``None`` when it names
    none, or several that differ (the comment is then not read)."""
    pattern = _after_words()
    if pattern is None:
        return None
    values = {m[1].rstrip(".:") for m in pattern.finditer(comment)}
    values.discard("")
    return values.pop() if len(values) == 1 else None
