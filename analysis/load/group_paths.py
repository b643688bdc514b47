"""A form tool's group-path headers (``patient/sex``, ``reop/date``): read by their last
part, the groups before it as the header's group.

A KoboToolbox, ODK or SurveyCTO export with "groups in headers" writes each field's
header as the path of its groups and its own name, joined by ``/``
(``outcome/new_fx_date``, ``op/op_levels/vertebra``). The field is the last part; the
groups are its context, read as a group header over it is (``reop/date``: the date under
``reop``, a second operation's). Read so only on a sheet the form tool wrote, known by its
own columns (``_index``, ``_uuid``, ``_submission_time``, ``_parent_index``,
``PARENT_KEY``...), so a header such as ``VAS/ODI`` elsewhere keeps its reading.
Decided from the header row alone, so a mapping's unedited load re-derives it.
"""

from __future__ import annotations

import re

# columns a form tool writes on every export sheet (KoboToolbox, ODK Central, SurveyCTO)
FORM_SYSTEM = frozenset(
    {
        "_index",
        "_parent_index",
        "_parent_table_name",
        "_uuid",
        "_submission_time",
        "parent_key",
        "submissiondate",
        "meta/instanceid",
        "instanceid",
    }
)

# ``group/sub/field``: XML names (no spaces) joined by slashes
_PATH = re.compile(r"[A-Za-z_][\w.\-]*(?:/[A-Za-z_][\w.\-]*)+")


def form_export(headers: list[str]) -> bool:
    """Whether a header row is a form tool's export (one of its system columns in it)."""
    return any(h.strip().lower() in FORM_SYSTEM for h in headers)


def path_parts(header: str) -> tuple[str, str] | None:
    """A group-path header's groups (space-joined) and its field, or ``None``; the whole
    path is read as the group and field together (its groups' words are the context)."""
    text = header.strip()
    if not _PATH.fullmatch(text):
        return None
    *groups, field = text.split("/")
    return " ".join(groups), field


_PARENT_KEYS = frozenset({"_parent_index", "parent_key"})
_PREFIX = re.compile(r"([a-z]{1,3}_)[a-z]", re.IGNORECASE)


def repeat_fields(headers: list[str]) -> dict[int, str] | None:
    """On a repeat group's sheet, each group-path column's field name without the prefix
    all of them share (``r_``); ``None`` on a sheet of no repeat group."""
    if not any(h.strip().lower() in _PARENT_KEYS for h in headers):
        return None
    fields = {i: p[1] for i, h in enumerate(headers) if (p := path_parts(h)) is not None}
    prefixes = {m.group(1) if (m := _PREFIX.match(f)) else "" for f in fields.values()}
    if len(fields) >= 2 and len(prefixes) == 1 and "" not in prefixes:
        cut = len(prefixes.pop())
        return {i: f[cut:] for i, f in fields.items()}
    return fields
