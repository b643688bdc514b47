"""What a sheet is for when its columns alone do not say: a visit, or new fractures.

A workbook kept in a long layout has one sheet per visit (``術前``, ``1 vecka``, ``M6``:
the sheet's name gives the time point of its outcome columns, and its date column is the
visit's date, not a procedure's) and a sheet of new fractures whose level and date
columns are the fracture's (``新規骨折``, ``Nya frakturer``). The words are data, in
``data_schema/vocabulary.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from functools import cache

from analysis.io import RawSheet
from analysis.load.fracture_reports import REPORTS, report_columns
from analysis.load.header import HeaderColumn, SheetLayout
from analysis.normalize import Target, parse_date_column
from analysis.normalize.headers import NOTE, camel_apart
from analysis.normalize.timepoints import segment, timepoint_of
from analysis.spec import load_spec, normalize_text

FRACTURES = "fractures"


@cache
def _role_words() -> dict[str, tuple[str, ...]]:
    roles = load_spec().vocabulary.sheet_roles
    return {role: tuple(segment(w) for w in words) for role, words in roles.items()}


def sheet_role(name: str) -> str | None:
    """The role a sheet's name gives it (``"fractures"``), or ``None``."""
    text = f" {segment(name)} "
    if camel_apart(name) != name:  # a database's table name: "tblNewFracture"
        text += f" {segment(camel_apart(name))} "
    for role, words in _role_words().items():
        if any((f" {w} " in text) if w.isascii() else (w in text) for w in words):
            return role
    return None


def title_role(sheet: RawSheet, header_row: int) -> str | None:
    """The role the title line just above a table's header gives it (a second table on a
    sheet under "Complications and new fractures during follow-up"), or ``None``."""
    title = title_line(sheet, header_row)
    return None if title is None else sheet_role(title)


def title_line(sheet: RawSheet, header_row: int) -> str | None:
    """The title just above a table's header: the nearest of the two lines above whose
    only filled cell is a text, or ``None``."""
    for r in range(header_row - 1, max(header_row - 3, 0), -1):
        filled = [c for c in sheet.row(r - 1) if c is not None and str(c).strip()]
        if len(filled) == 1 and isinstance(filled[0], str):
            return filled[0]
    return None


# a sheet named in two languages: "සති 2 - 2 weeks", "Месец 3 / 3 months", "M6 (6 mo)"
_NAME_PARTS = re.compile(r"\s+[-–—/|]\s+|[()（）\[\]]")


def sheet_timepoint(name: str) -> str | None:
    """The time point a sheet's name gives (``1ヶ月`` -> ``1m``), or ``None``; a name in
    two languages (``සති 2 - 2 weeks``) gives the one time point its parts name."""
    whole = timepoint_of(name)
    if whole is not None:
        return whole
    points = {timepoint_of(p.strip()) for p in _NAME_PARTS.split(name) if p.strip()}
    points.discard(None)
    if not points:
        points = {timepoint_of(p) for p in _script_parts(name.split())}
        points.discard(None)
    if not points and "_" in name:
        # a file's name in two languages joined by underscores (``kontrolli_1vk_kontroll_1v``,
        # the Swedish ``1v`` an abbreviation the vocabulary does not read): each part that
        # holds a number names its interval or none; a part without one (``month`` of
        # ``3_month``) names nothing alone
        points = {timepoint_of(p) for p in name.split("_") if any(c.isdigit() for c in p)}
        points.discard(None)
    return points.pop() if len(points) == 1 else None


def _script_parts(words: list[str]) -> list[str]:
    """A name in two scripts side by side with no mark between (``ᐱᓇᓱᐊᕐᕕᒃ 6 Weeks``,
    ``ᐅᓪᓗᖅ 1 Day 1``): each script's words, with the number written next to them (a
    number between the two may be either's: ``6 Weeks``, ``Day 1`` and ``1 Day``); a
    script's words with no number beside them count only when no number is written
    at all (``Weeks`` alone is no interval when the name gives one)."""
    latin = [
        any(c.isascii() and c.isalpha() for c in w) if any(c.isalpha() for c in w) else None
        for w in words
    ]
    if len({s for s in latin if s is not None}) < 2:
        return []
    runs: list[list[int]] = []  # [first, last] word of each run of one script
    for k, script in enumerate(latin):
        if script is None:
            continue
        if runs and latin[runs[-1][0]] == script:
            runs[-1][1] = k
        else:
            runs.append([k, k])
    numbered = any(
        s is None and any(c.isdigit() for c in w) for s, w in zip(latin, words, strict=True)
    )
    parts = []
    for first, last in runs:
        before = first > 0 and latin[first - 1] is None
        after = last + 1 < len(words) and latin[last + 1] is None
        if before:
            parts.append(words[first - 1 : last + 1])
        if after:
            parts.append(words[first : last + 2])
        if not (before or after or numbered):
            parts.append(words[first : last + 1])
    return [" ".join(p) for p in parts]


# how a visit sheet's time point is found from its name
BY_NAME = "the sheet's name"
BY_SIBLINGS = "the sheet's name, the words it shares with other visit sheets' names set aside"


def sheet_timepoints(names: list[str]) -> dict[str, tuple[str, str]]:
    """The time point each visit sheet's name gives, and how it was found.

    A name gives its own (``1ヶ月``); else, among sheets named alike in a language the
    vocabulary does not know (``Kontrole 1 nedēļa``, ``Kontrole 3 mēneši``), the words
    a name shares with another's are the visit's word, not part of the interval: set
    aside, the rest of each name gives a time point, different for the two sheets.
    Numbers are never shared words. Names giving none are left out.

    >>> found = sheet_timepoints(["Kontrole 1 nedēļa", "Kontrole 3 mēneši", "Pacienti", "M6"])
    >>> {name: point for name, (point, _) in found.items()}
    {'M6': '6m', 'Kontrole 1 nedēļa': '1w', 'Kontrole 3 mēneši': '3m'}
    """
    out = {n: (tp, BY_NAME) for n in names if (tp := sheet_timepoint(n)) is not None}
    words = {n: n.split() for n in names if n not in out}
    for name, own in words.items():
        for other, theirs in words.items():
            shared = {normalize_text(w) for w in own} & {normalize_text(w) for w in theirs}
            shared = {w for w in shared if w and not any(ch.isdigit() for ch in w)}
            if other == name or not shared:
                continue
            mine, its = (
                sheet_timepoint(" ".join(w for w in ws if normalize_text(w) not in shared))
                for ws in (own, theirs)
            )
            if mine is not None and its is not None and mine != its:
                out[name] = (mine, BY_SIBLINGS)
                break
    return out


def _retarget(col: HeaderColumn, label: str, target: Target, why: str) -> HeaderColumn:
    if col.target is None or col.target.label != label:
        return col
    return replace(col, target=target, reason=f"{col.reason}; {why}".lstrip("; "))


def with_role(
    layout: SheetLayout, role: str | None, timepoint: str | None, sheet: RawSheet | None = None
) -> SheetLayout:
    """The layout read in the light of its sheet's role.

    On a visit sheet (outcomes without a time point on a sheet whose name gives one, or a
    column naming each row's visit) with no treated level, a procedure date column is the
    visit's date, unless another column gives the visits' own dates (``Fecha cirugía``
    beside ``Fecha control``). On a new-fractures sheet with nothing of a procedure but its level and
    date, those are the new fracture's level and date; there, a column of dates under a
    header naming nothing known is the fracture's date when it is the only one (given
    ``sheet``, whose cells are read).
    """
    cols = list(layout.columns)
    targets = [c.target for c in cols if c.target is not None]
    labels = {t.label for t in targets}
    has_level = "procedures.level" in labels
    visit = any(t.kind == "visit" for t in targets) or (
        timepoint is not None and any(t.kind == "measure" and t.timepoint is None for t in targets)
    )
    # operative notes name levels; a column of the visits' own dates leaves the procedure's
    own_dates = "date:visit_date" in labels
    if visit and not has_level and NOTE.label not in labels and not own_dates:
        visit_date = Target("date", column="visit_date")
        cols = [_retarget(c, "date:procedure_date", visit_date, "a visit sheet") for c in cols]
    # what only a procedure has (a technique, a volume, an outcome), named by its header
    procedure_like = any(
        c.target is not None
        and c.reason != "header words"
        and (
            (c.target.table == "procedures" and c.target.column not in ("level", "procedure_id"))
            or c.target.kind in ("measure", "scores")
        )
        for c in cols
    )
    if role is None and sheet is not None and not procedure_like and not has_level:
        reported = report_columns(cols, sheet, layout.header_row)
        # operative notes that stay such (naming volumes, not fractures) name the treated
        # levels: the sheet's remarks are no imaging reports then
        if not any(c.target is not None and c.target.label == NOTE.label for c in reported):
            cols = reported
    if role is None and not procedure_like and not has_level and _reports_of_fractures(cols):
        # a sheet of imaging reports naming new fractures: its date is the examination's
        role = FRACTURES
        why = "the date of a report naming a new fracture"
        cols = [_retarget(c, "date:procedure_date", Target("date", column="fracture_date"), why) for c in cols]  # fmt: skip
    if role == FRACTURES and not procedure_like and "fractures.level" not in labels:
        why = "a new-fractures sheet"
        # a procedure field named only in part ("Behandlad": treated?) is not one here
        cols = [
            replace(c, target=None, reason=f"{c.reason}; not read on {why}")
            if c.target is not None
            and c.reason == "header words"
            and c.target.table == "procedures"
            else c
            for c in cols
        ]
        cols = [
            _retarget(
                _retarget(c, "procedures.level", Target("column", "fractures", "level"), why),
                "date:procedure_date",
                Target("date", column="fracture_date"),
                why,
            )
            for c in cols
        ]
    fracture_date = Target("date", column="fracture_date")
    if (
        role == FRACTURES
        and not procedure_like
        and not has_level
        and "fractures.level" in labels
        and fracture_date.label not in labels
    ):  # a new-fractures table whose level is read as the fracture's: its date is too
        why = "a new-fractures sheet"
        cols = [_retarget(c, "date:procedure_date", fracture_date, why) for c in cols]
    if role == FRACTURES:
        leveled = any(c.target is not None and c.target.label == "fractures.level" for c in cols)
        cols = [_fracture_described(c, leveled) for c in cols]
    if role == FRACTURES and sheet is not None:
        cols = _fracture_dates(cols, sheet, layout.header_row)
    return replace(layout, columns=tuple(cols))


def _reports_of_fractures(cols: list[HeaderColumn]) -> bool:
    """Whether a table's new-fracture levels are read from imaging reports
    (:mod:`analysis.load.fracture_reports`)."""
    return any(c.reason == REPORTS for c in cols)


def _fracture_described(col: HeaderColumn, leveled: bool = False) -> HeaderColumn:
    """On a new-fractures sheet, a patient's field read from the cells alone (a
    description "new osteoporotic compression fracture" read as a cause) describes the
    fracture, not the patient: not read; so do notes read from the cells alone as
    operative notes naming vertebrae (``RM: aplastamiento agudo T7. Se programa nueva
    intervención.``) beside the sheet's own column of the fractures' levels (``leveled``):
    the imaging's report of the fracture, no session's."""
    t = col.target
    if t is None or not col.reason.startswith("cell contents"):
        return col
    if t.table != "patients" and not (leveled and t == NOTE):
        return col
    why = "; not read on a new-fractures sheet (the cells describe the fracture)"
    return replace(col, target=None, reason=f"{col.reason}{why}")


def _fracture_dates(cols: list[HeaderColumn], sheet: RawSheet, header_row: int) -> list[HeaderColumn]:  # fmt: skip
    """On a new-fractures sheet with a level column and no date column: the one unread
    column whose cells are dates (at least 90% of those filled) is the fracture's date."""
    labels = {c.target.label for c in cols if c.target is not None}
    if "fractures.level" not in labels or labels & {"date:fracture_date", "level_date:fractures.level|date"}:  # fmt: skip
        return cols
    dated = []
    for k, c in enumerate(cols):
        if c.target is not None:
            continue
        cells = [r[c.index - 1] for r in sheet.rows[header_row:] if c.index - 1 < len(r)]
        parsed = [d for d in parse_date_column(cells) if d is not None]
        if parsed and sum(isinstance(d, date) for d in parsed) >= 0.9 * len(parsed):
            dated.append(k)
    if len(dated) != 1:
        return cols
    k = dated[0]
    cols[k] = replace(cols[k], target=Target("date", column="fracture_date"), confidence=0.9, reason="dates on a new-fractures sheet")  # fmt: skip
    return cols
