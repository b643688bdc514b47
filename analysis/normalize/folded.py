""":func:`analysis.spec.normalize_text`, remembered for short texts.

Reading a header tries the same few texts many times (joined with its group, alone,
word by word, per candidate header row); folding each once keeps reading a row of
10,000 columns in seconds. Texts longer than a header are folded afresh, so no note of a
megabyte is kept.
"""

from __future__ import annotations

from functools import lru_cache

from analysis.spec import normalize_text as _fold

_LONGEST_REMEMBERED = 200


@lru_cache(maxsize=1 << 16)
def _folded(text: str) -> str:
    return _fold(text)


def normalize_text(text: object) -> str:
    """The text folded as :func:`analysis.spec.normalize_text` folds it."""
    if isinstance(text, str) and len(text) <= _LONGEST_REMEMBERED:
        return _folded(text)
    return _fold(text)
