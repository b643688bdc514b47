"""One field's labels across patient cards written in several templates.

A unit whose doctors each keep their own template (one in Uzbek in Latin script, one in
Uzbek in Cyrillic, one in Russian) labels the same field differently from card to card:
``Yoshi:``, ``Ёши:``, ``Возраст:``. Gathered into one row per patient, each label would be
a column of its own, and the header rules would read only the first of the columns naming
a field. A label naming the same field as a label seen on an earlier card (by the header
rules, or the mapping file) is read under that earlier label, provided no card writes the
two side by side (two labels on one card naming one field stay apart, and the header rules
report them).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from analysis.load.reshape import Entry


def aligned_labels(
    entries: Sequence[Entry], field_of: Callable[[str], str | None]
) -> tuple[list[Entry], int]:
    """The cards' entries with each label that names a field (``field_of``: the field a
    label names, or ``None``) read under the first label seen naming that field, where no
    card writes both; and how many labels were so read."""
    first: dict[str, str] = {}  # field -> the first label naming it
    named: dict[str, str | None] = {}
    for entry in entries:
        for f in entry.fields:
            if f.group or f.label in named:
                continue
            named[f.label] = field_of(f.label)
            target = named[f.label]
            if target is not None:
                first.setdefault(target, f.label)
    renamed = {
        label: first[target]
        for label, target in named.items()
        if target is not None and first[target] != label
    }
    for entry in entries:  # labels one card writes side by side for one field stay apart
        by_field: dict[str, set[str]] = {}
        for f in entry.fields:
            target = None if f.group else named.get(f.label)
            if target is not None:
                by_field.setdefault(target, set()).add(f.label)
        for labels in by_field.values():
            if len(labels) > 1:
                for label in labels:
                    renamed.pop(label, None)
    if not renamed:
        return list(entries), 0
    out = [
        replace(
            entry,
            fields=tuple(
                replace(f, label=renamed[f.label]) if not f.group and f.label in renamed else f
                for f in entry.fields
            ),
        )
        for entry in entries
    ]
    return out, len(renamed)


def labels_said(n: int) -> str:
    """How labels of cards in other templates were read, for ``inspect``."""
    if not n:
        return ""
    return (
        f"; {n} label(s) of cards written in another template (another language or script) "
        "read under the label an earlier card gives the same field"
    )
