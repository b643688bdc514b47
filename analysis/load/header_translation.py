"""A header written twice, one row per language (``研究編號`` over ``Código estudo``,
``骨水泥量(ml)`` over ``Vol. cimento (ml)``).

A unit keeping its register in two official languages writes each column's name in both,
on two header rows, cell over cell: the lower row is the upper one's translation, no
group label over columns of its own. Both rows are the header (the data starts under the
lower one), and each column is read by whichever of its two names the vocabulary knows
as a whole, the upper one first: joining the two as a group over a sub-header would read
a column by the words of both languages at once (``骨水泥量(ml) Vol. cimento (ml)``: the
cement's type, by its words). A column neither names as a whole is read as under any
two-row header.

Told apart from a row of group labels (``VAS`` over ``pre``, ``1 m``), which leaves blanks
over its groups' other columns or repeats its label over them, and from a data row, which
is not text alone: the two rows fill the same columns, at least :data:`PAIR_MIN` of
them, with no label repeated along the upper row, and at least half of the columns
written in another script on one row than on the other.
"""

from __future__ import annotations

from collections.abc import Sequence

from analysis.normalize import match_header
from analysis.normalize.headers import main_script

# how the columns of such a header are read, as inspect shows it
TRANSLATED = (
    "header: of two header rows, one the other's translation, read by the one naming the field"
)
PAIR_MIN = 4  # columns both rows name, at the least
OTHER_SCRIPT_SHARE = 0.5  # of those, the share written in another script on each row


def translation_rows(upper: Sequence[str], lower: Sequence[str]) -> bool:
    """Whether ``lower`` is ``upper`` written again in another language, cell over cell
    (see the module's note). Both are a row's header texts, blank where empty."""
    filled_up = [bool(t.strip()) for t in upper]
    filled_low = [bool(t.strip()) for t in lower]
    if filled_up != filled_low:
        return False
    pairs = [(u.strip(), w.strip()) for u, w in zip(upper, lower, strict=True) if u.strip()]
    if len(pairs) < PAIR_MIN:
        return False
    tops = [u for u, _ in pairs]
    if len(set(tops)) < len(tops) or any(u == w for u, w in pairs):
        return False  # a group's label repeated over its columns, or no translation
    other = sum(main_script(u) != main_script(w) for u, w in pairs)
    return other >= OTHER_SCRIPT_SHARE * len(pairs)


def known_names(upper: Sequence[str], lower: Sequence[str]) -> list[str | None]:
    """Each column's header as read: the upper row's name when it names a field as a
    whole, else the lower row's when it does; ``None`` when neither does (the column is
    then read as any two-row header's, its two names joined: a series of scores written
    out in one language, ``Pain VAS: Pre-op / 1 week``, under its scale in the other)."""
    out: list[str | None] = []
    for u, w in zip(upper, lower, strict=True):
        u, w = u.strip(), w.strip()
        out.append(next((t for t in (u, w) if t and _whole_field(t)), None))
    return out


def _whole_field(text: str) -> bool:
    """Whether a header names a field as a whole: a score's name needs its time point
    (``VAS 術前``; ``درد کا اسکور (VAS 0-10)`` alone names no field, its time points
    written in its translation)."""
    target = match_header(text)
    return target is not None and not (target.kind == "measure" and target.timepoint is None)
