"""A vertebra's columns repeated without numbers: ``Level | Volume | Leakage`` written once
per treated vertebra, the same headers each time. The k-th repetition is the session's
k-th vertebra (its ``slot``), as ``Level 2`` would say."""

from __future__ import annotations

from dataclasses import replace

from analysis.load.header_columns import HeaderColumn
from analysis.load.header_sessions import is_slot_field


def repeated_vertebra_blocks(cols: list[HeaderColumn]) -> list[HeaderColumn]:
    """The columns with each repetition of a block of a vertebra's fields (starting at a
    level column, the same fields each time, side by side) numbered as its slot; the
    columns unchanged when there is no such repetition. A block whose level is numbered
    (``Level 2 | Cement (ml)``) gives its number to the fields after it that have none, so
    each volume stays with its own level."""
    by_index = {c.index: c for c in cols}
    starts = [
        c.index
        for c in cols
        if c.target is not None and c.target.label == "procedures.level" and c.session == 1
    ]
    numbers = [by_index[i].slot for i in starts]
    if len(starts) < 2 or (any(numbers) and (0 in numbers or len(set(numbers)) < len(numbers))):
        return cols
    blocks: list[list[int]] = []
    for start in starts:
        block, labels, own = [start], {"procedures.level"}, by_index[start].slot
        i = start + 1
        while (c := by_index.get(i)) is not None and c.target is not None:
            if c.session != 1 or c.slot not in (0, own) or not is_slot_field(c.target) or c.target.label in labels:  # fmt: skip
                break
            block.append(i)
            labels.add(c.target.label)
            i += 1
        blocks.append(block)
    first = [_label(by_index[i]) for i in blocks[0]]
    if len(first) < 2 or any([_label(by_index[i]) for i in b] != first for b in blocks[1:]):  # fmt: skip
        return cols
    slot = {i: by_index[b[0]].slot or k for k, b in enumerate(blocks, start=1) for i in b}
    return [
        replace(
            c,
            slot=slot[c.index],
            reason=f"{c.reason}; vertebra {slot[c.index]} of repeated columns",
        )
        if c.index in slot and c.slot != slot[c.index]
        else c
        for c in cols
    ]


def _label(c: HeaderColumn) -> str:
    return c.target.label if c.target is not None else ""
