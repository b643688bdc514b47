"""Vertebral levels written as an ordinal word and the region's name.

Spanish, Portuguese and Italian hands write a vertebra as its rank in its region:
``duodécima dorsal`` (the twelfth dorsal, T12), ``primera lumbar`` (L1), ``terceira
lombar`` (L3). :func:`ordinal_levels` writes each such phrase as its letter and number
(``T12``, ``L1``), so the level parser reads it as any level: a rank the region has not
(``sexta lumbar``, L6) stays an error naming that level. The words are data:
``level_ordinals`` and ``level_region_names`` in ``data_schema/vocabulary.yaml``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache

from analysis.spec import load_spec


def _folded(text: str) -> str:
    """``text`` lower-cased with its accents dropped, one character for each."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@cache
def _ordinal_phrase() -> tuple[re.Pattern[str], dict[str, int], dict[str, str]]:
    vocab = load_spec().vocabulary
    ranks = {_folded(w): n for n, words in vocab.level_ordinals.items() for w in words}
    regions = {_folded(w): r for r, words in vocab.level_region_names.items() for w in words}

    def alternatives(words: Iterable[str]) -> str:
        spaced = (r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len)[::-1])
        return "|".join(spaced)

    pattern = re.compile(
        rf"(?<![^\W\d_])(?P<rank>{alternatives(ranks)})\s+(?P<region>{alternatives(regions)})"
        r"(?![^\W\d_])"
    )
    return pattern, ranks, regions


def ordinal_levels(text: str) -> str:
    """``text`` with each level written as an ordinal word and its region's name
    (``duodécima dorsal y L1``) as its letter and number (``T12 y L1``); a text naming
    none as it is."""
    pattern, ranks, regions = _ordinal_phrase()
    if not ranks:
        return text
    folded = _folded(text)
    if len(folded) != len(text):  # a letter folded to two: the spans would not match
        return text
    out, end = [], 0
    for m in pattern.finditer(folded):
        rank = ranks[" ".join(m["rank"].split())]
        out += [text[end : m.start()], f"{regions[' '.join(m['region'].split())]}{rank}"]
        end = m.end()
    return "".join(out) + text[end:]
