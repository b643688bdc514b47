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
    columns unchanged when there is no such repetition."""
    by_index = {c.index: c for c in cols}
    starts = [
        c.index
        for c in cols
        if c.target is not None
        and c.target.label == "procedures.level"
        and (c.session, c.slot) == (1, 0)
    ]
    if len(starts) < 2:
        return cols
    blocks: list[list[int]] = []
    for start in starts:
        block, labels = [start], {"procedures.level"}
        i = start + 1
        while (c := by_index.get(i)) is not None and c.target is not None:
            if (c.session, c.slot) != (1, 0) or not is_slot_field(c.target) or c.target.label in labels:  # fmt: skip
                break
            block.append(i)
            labels.add(c.target.label)
            i += 1
        blocks.append(block)
    first = [_label(by_index[i]) for i in blocks[0]]
    if len(first) < 2 or any([_label(by_index[i]) for i in b] != first for b in blocks[1:]):  # fmt: skip
        return cols
    slot = {i: k for k, block in enumerate(blocks, start=1) for i in block}
    return [
        replace(
            c,
            slot=slot[c.index],
            reason=f"{c.reason}; vertebra {slot[c.index]} of repeated columns",
        )
        if c.index in slot
        else c
        for c in cols
    ]


def _label(c: HeaderColumn) -> str:
    return c.target.label if c.target is not None else ""
