"""Sub-headers that name no field of their own, read by the yes/no field their group names.

A two-row header may put a yes/no field in the group row (``Død``, died) over a column of
its answers (``ja/nei``) and a column of its date (``Dato``): the answers' column is that
field, and the date is the date the field stands for (``date_switch`` of the
vocabulary: the date of death), not the procedure's date a bare ``Dato`` names alone.
"""

from __future__ import annotations

import re

from analysis.normalize import Target, match_header
from analysis.normalize.folded import normalize_text
from analysis.spec import load_spec

ANSWERS_UNDER_FIELD = "header: the answers yes/no under a group naming their yes/no field"
DATE_OF_FIELD_GROUP = "header: a date under a group naming a yes/no field dated by it (died: the date of death)"  # fmt: skip

# the answers' words apart by a slash, a comma or spaces (``ja/nei``, ``yes / no``)
_ANSWER_SPLIT = re.compile(r"[\s/,]+")


def _yes_no_field(group: str, mapping: dict[str, object]) -> Target | None:
    """The yes/no field of a tidy table the group label names as a whole, else ``None``."""
    target = match_header(group, mapping) if group else None
    if target is None or target.kind != "column" or target.table is None:
        return None
    spec = load_spec()
    column = spec.tables[target.table].columns.get(target.column or "")
    return target if column is not None and column.type == "boolean" else None


def answers_under_field(group: str, sub: str, mapping: dict[str, object]) -> Target | None:
    """The yes/no field a group names (``Død``) over a sub-header made of only a yes
    word and a no word (``ja/nei``); ``None`` for any other header."""
    spec = load_spec()
    words = [w for w in _ANSWER_SPLIT.split(normalize_text(sub)) if w]
    if len(words) != 2:
        return None
    if not (words[0] in spec.true_tokens and words[1] in spec.false_tokens):
        return None
    return _yes_no_field(group, mapping)


def date_of_field_group(group: str, mapping: dict[str, object]) -> Target | None:
    """The date a yes/no field stands for (``Død`` -> the date of death) when the group
    names such a field; ``None`` otherwise (a bare date's own reading then stands)."""
    target = _yes_no_field(group, mapping)
    kind = load_spec().vocabulary.date_switch.get(target.label) if target is not None else None
    return None if kind is None else Target("date", column=kind)
