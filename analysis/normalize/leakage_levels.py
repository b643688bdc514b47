"""Cement leakage named per vertebra in one cell of a session's row.

A row naming several treated levels may say where cement leaked at each of them
(``Sí - venosa en D12``, ``L-2: disc``, ``yes – paravertebral (T12), disc (L1)``): each
level then takes the sites named at it, and the levels the cell does not name had none.
"""

from __future__ import annotations

import re

from analysis.normalize.cells import (
    _YES_DASH,
    CellError,
    fold_width,
    parse_level_list,
    parse_multi_category,
)
from analysis.spec import ColumnSpec, load_spec

_LEVEL = re.compile(r"(?i)(?<![^\W\d_])(?:th|[ctlsd])\s*[-.]?\s*\d{1,2}(?!\d)")
_PARTS = re.compile(r"\s*[;,]\s*")


def sites_by_level(
    value: object, levels: tuple[str, ...], col: ColumnSpec
) -> dict[str, str] | None:
    """Each of ``levels`` with the leakage the cell names at it (``none`` where it names
    none), or ``None`` when the cell does not name its sites level by level (a part
    without a level, a level not among ``levels``, or a site not recognised)."""
    if not isinstance(value, str) or len(levels) < 2:
        return None
    text = fold_width(value.strip())
    yes = _YES_DASH.match(text)
    if yes and yes[1].lower() in load_spec().true_tokens:
        text = text[yes.end() :]
    named: dict[str, set[str]] = {}
    for part in (p for p in _PARTS.split(text) if p.strip()):
        found = [m.group(0) for m in _LEVEL.finditer(part)]
        if not found:
            return None
        rest = re.sub(r"[()\[\]:：\-–—]", " ", _LEVEL.sub(" ", part)).strip()
        try:
            at = parse_level_list(", ".join(found))
            site = parse_multi_category(rest, col) if rest else None
        except CellError:
            return None
        if site is None or site == "none":
            return None
        for level in at:
            named.setdefault(level, set()).update(site.split(";"))
    if not named or not set(named) <= set(levels):
        return None
    return {
        level: ";".join(a for a in col.allowed if a in named.get(level, ())) or "none"
        for level in levels
    }
