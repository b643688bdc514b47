"""Sections of a stacked patient card titled in its first column.

A card may title each of its small tables in the column left of the table, on the
header's own row (``Operations | Session | Date | Level | …``), with the rows of the
table leaving that column blank; the next section then starts where that column is
written again (``Follow-up | Session | Stage | Date | …``), with no blank row between.
A section of one row writes its title and then its fields as label-value pairs
(``New fracture | Date | 1401/08/29 | Level | L4``): a table of one row under that title,
its labels the header.
"""

from __future__ import annotations

from collections.abc import Callable

Filled = list[tuple[int, object]]


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def title_beside_header(filled: Filled, below: Filled) -> tuple[str, Filled] | None:
    """(title, the header's cells without it) when a table header's first cell is its
    title: the row under the header leaves that column blank and fills the next ones."""
    if len(filled) < 3 or not _text(filled[0][1]) or not below:
        return None
    title_col = filled[0][0]
    cols = {c for c, _ in filled[1:]}
    if any(c == title_col for c, _ in below) or not all(c in cols for c, _ in below):
        return None
    return _text(filled[0][1]), filled[1:]


def starts_section(title_col: int, filled: Filled) -> bool:
    """Whether a row under a table titled in column ``title_col`` writes in that column,
    so that the table has ended and another section starts."""
    return bool(title_col) and bool(filled) and filled[0][0] == title_col


def titled_pairs(
    filled: Filled, side_by_side: Callable[[Filled], bool]
) -> tuple[str, Filled, Filled] | None:
    """(title, labels, values) of a row written as a title and then label-value pairs side
    by side (``side_by_side`` tells such pairs), or ``None``; a first cell ending in a
    colon is a label of its own (``Patient: | CEB-001 | … | Age: | 60``), no title."""
    title = _text(filled[0][1])
    if len(filled) < 5 or len(filled) % 2 == 0 or not title or title.endswith((":", "：")):
        return None  # a label ending in a colon starts a row of pairs, not a section
    rest = filled[1:]
    if not side_by_side(rest):
        return None
    return title, rest[0::2], rest[1::2]


def sections_said(titled: int, one_row: int) -> str:
    """How the sections were read, for ``inspect`` (empty when there were none)."""
    out = ""
    if titled:
        out += (
            f"; {titled} table(s) titled in the column left of their header, each ending "
            "where that column is written again"
        )
    if one_row:
        out += f"; {one_row} section(s) of one row (a title, then label-value pairs) read as a table of one row"  # fmt: skip
    return out
