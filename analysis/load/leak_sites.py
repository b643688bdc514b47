"""A column of leak sites beside the yes/no leakage column.

A unit writing leakage as yes or no (``Zementaustritt``: ``Ja`` / ``Nein``) may say where
cement leaked in the next column, its header naming no field (``Lokalisation``): codes a
key explains anywhere in the workbook (``D = diskal, E = epidural``), words
(``paravertébrale``), or levels with their sites (``BWK 9: D``). Such a column, directly
right of the leakage column, is read as its sites: when most of its cells read as sites
(codes by the key of either column), it is read as the leakage column's leak level
column (:data:`analysis.normalize.headers.LEAK_LEVEL`), each level it names given its
sites and a cell naming no level giving the session's.
"""

from __future__ import annotations

from dataclasses import replace

from analysis.config import LoadOptions
from analysis.io import RawSheet
from analysis.load.header_columns import HeaderColumn
from analysis.normalize import is_missing
from analysis.normalize.cells import CellError, parse_boolean, parse_cell
from analysis.normalize.headers import LEAK_LEVEL, match_header
from analysis.normalize.leakage_levels import leak_site_pairs
from analysis.spec import load_spec

_LEAKAGE = "procedures.leakage"
_MIN_SHARE = 0.8  # of the column's cells that read as sites
_MIN_CELLS = 2


def site_codes(options: LoadOptions, header: str) -> dict[str, str]:
    """The codes a key gives a column of leak sites: its own, else those given the
    workbook's leakage column(s) (``Zementaustritt Lokalisation: D = diskal``)."""
    own = options.value_maps.get(header)
    if own:
        return dict(own)
    out: dict[str, str] = {}
    for name, codes in options.value_maps.items():
        t = match_header(name)
        if t is not None and t.label == _LEAKAGE:
            out.update({k: v for k, v in codes.items() if isinstance(v, str)})
    return out


def sites_beside_leakage(
    sheet: RawSheet, header_row: int, columns: list[HeaderColumn], options: LoadOptions
) -> list[HeaderColumn]:
    """The columns with an unread one directly right of a leakage column read as its
    sites, when most of its cells name leak sites (see the module's note)."""
    if any(c.target == LEAK_LEVEL for c in columns):
        return columns
    leakage = load_spec().column("procedures", "leakage")
    out = list(columns)
    for k, col in enumerate(columns[:-1]):
        nxt = columns[k + 1]
        if col.target is None or col.target.label != _LEAKAGE or nxt.target is not None:
            continue
        if nxt.index != col.index + 1:
            continue
        i = nxt.index - 1
        cells = [r[i] for r in sheet.rows[header_row:] if i < len(r) and not is_missing(r[i])]
        codes = {**site_codes(options, col.header), **site_codes(options, nxt.header)}
        read = sum(leak_site_pairs(c, leakage, codes) is not None for c in cells)
        if len(cells) < _MIN_CELLS or read < _MIN_SHARE * len(cells):
            continue
        said = "; codes by the workbook's key" if codes else ""
        how = "cell contents: leak sites (alone or at their levels) beside the leakage column"
        out[k + 1] = replace(
            nxt,
            target=LEAK_LEVEL,
            confidence=read / len(cells),
            n_values=len(cells),
            n_parsed=read,
            session=col.session,
            reason=f"{how} '{col.header}'{said}",
        )
    return out


def leak_box(header: str, value: object) -> str | None:
    """A checkbox of one leak site (``Leak: disc``, ``Leak: none`` over ``TRUE`` /
    ``FALSE``), one of the session's boxes: the site its header names when ticked, ``""``
    when clear; ``None`` when the header names no one site or the cell is no tick. The
    session's ticked boxes together are its leakage; none ticked, it is not recorded."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return None
    try:
        ticked = parse_boolean(value)
        site = parse_cell(header, load_spec().column("procedures", "leakage"))
    except CellError:
        return None
    if not isinstance(site, str) or ";" in site:
        return None
    return site if ticked else ""
