"""Repeat-group sheets pointing at their parent's row number: each row given its study ID.

A form tool's export (KoboToolbox, ODK) writes one row per submission on the main sheet
and each repeat group (the vertebrae treated, the follow-up visits) on a sheet of its
own. A repeat row does not repeat the study ID: it names its parent's row by number,
``_parent_index`` holding the ``_index`` of the parent row. The parent is the sheet
``_parent_table_name`` names when the row says (a repeat inside a repeat), else the one
sheet with ``_index`` and no ``_parent_index`` (the main sheet).

Each child row is given its parent's study ID (the parent's column whose header, or the
header's last group part: ``patient/study_no``, names the study ID; a nested parent's
own carried ID), appended after its own cells, so every cell keeps its address. A
``_parent_index`` that no parent row holds is an error on its cell. The row numbers
themselves (``_index``, ``_parent_index``, ``_parent_table_name``) are the tool's own
numbers, a repeat row's copies of its submission's system fields
(``_submission__id``) the tool's own too, and a select-multiple answer's split 0/1 columns
(``leak/disc`` beside ``leak``, the answer itself in the column they extend): not read. Decided from the workbook alone, so a mapping's unedited load
re-derives it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from analysis.config import LoadOptions
from analysis.io import RawSheet
from analysis.normalize.headers import header_candidates, header_text, match_header
from analysis.problems import ERROR, WARNING, Problem, column_letter, sheet_problem

INDEX = "_index"
PARENT_INDEX = "_parent_index"
PARENT_TABLE = "_parent_table_name"
RULE = "parent_rows"
COPY = "_submission_"  # a repeat row's copies of its submission's system fields


def _text(value: object) -> str:
    text = "" if value is None else str(value).strip()
    if re.fullmatch(r"-?\d+\.0+", text):  # a row number typed as a decimal: 3.0 is 3
        text = text.split(".")[0]
    return text


def _header(sheet: RawSheet) -> list[str]:
    return [_text(c) for c in sheet.row(0)] if sheet.n_rows else []


def _column(sheet: RawSheet, name: str) -> int | None:
    header = [h.lower() for h in _header(sheet)]
    return header.index(name) if name in header else None


def _reads_as_id(header: str) -> bool:
    """Whether a header, or its last group part (``patient/study_no``), names the study ID."""
    for text in dict.fromkeys([header, header.rsplit("/", 1)[-1]]):
        found = match_header(text) if text else None
        if found is not None and found.label == "patients.patient_id":
            return True
    return False


def _id_column(sheet: RawSheet) -> int | None:
    return next((j for j, h in enumerate(_header(sheet)) if h and _reads_as_id(h)), None)


def parent_rows(
    sheets: list[RawSheet], options: LoadOptions
) -> tuple[list[RawSheet], LoadOptions, list[Problem]]:
    """The sheets with each repeat-group row given its parent's study ID (see the
    module's words), and the options reading the row-number columns as nothing of the
    cohort (a mapping's own reading of a header first); unchanged when no sheet points
    at a parent row."""
    by_name = {s.sheet: s for s in sheets if s.n_rows > 1 and s.origin is None}
    children = {n for n, s in by_name.items() if _column(s, PARENT_INDEX) is not None}
    roots = [n for n, s in by_name.items() if n not in children and _column(s, INDEX) is not None]
    if not children or len(roots) != 1 or _id_column(by_name[roots[0]]) is None:
        return sheets, options, []
    problems: list[Problem] = []
    ids: dict[str, dict[str, str]] = {}  # sheet -> its rows' _index -> study ID
    done: dict[str, RawSheet] = {}

    def resolve(name: str, seen: frozenset[str]) -> dict[str, str]:
        if name in ids:
            return ids[name]
        sheet = by_name[name]
        at = _column(sheet, INDEX)
        if name not in children:
            j = _id_column(sheet)
            rows = [sheet.row(i) for i in range(1, sheet.n_rows)]
            ids[name] = {
                _text(r[at]): _text(r[j])
                for r in rows
                if at is not None and j is not None and at < len(r) and j < len(r)
            }
            return ids[name]
        done[name] = _joined(sheet, roots[0], by_name, resolve, seen | {name}, problems)
        own = _column(sheet, INDEX)
        width = len(done[name].row(0))
        ids[name] = {
            _text(r[own]): _text(r[width - 1])
            for r in (done[name].row(i) for i in range(1, sheet.n_rows))
            if own is not None and own < len(r)
        }
        return ids[name]

    for name in sorted(children):
        resolve(name, frozenset())
    root = by_name[roots[0]]
    id_header = _header(root)[_id_column(root) or 0]
    carried: set[str] = set()
    for name in sorted(done):
        done[name], fields = _session_fields(done[name], root, problems)
        carried.update(fields)
    out = [_choices_listed(done.get(s.sheet, s)) if s.sheet in by_name else s for s in sheets]
    copies = {h for n in children for h in _header(by_name[n]) if h.lower().startswith(COPY)}
    split = {h for s in by_name.values() for h in _choice_columns(s)}
    kept = (INDEX, PARENT_INDEX, PARENT_TABLE, *sorted(copies), *sorted(split), *sorted(carried))
    apart = {header_text(h): "ignore" for h in kept}
    options = replace(options, mapping={**apart, **options.mapping})
    for name in sorted(children):
        problems.append(
            sheet_problem(
                root.file,
                name,
                RULE,
                f"a repeat group of {_parents(by_name[name], roots[0], by_name)}: each row "
                f"given its parent row's study ID ('{id_header}', matched by "
                f"{PARENT_INDEX} to {INDEX}) in a column after its own",
                severity=WARNING,
            )
        )
    return out, options, problems


def _choice_columns(sheet: RawSheet) -> list[str]:
    """A select-multiple answer's split columns (``leak/disc`` beside ``leak``): a header
    that is another column's header and one more group part, holding only 0 and 1 (the
    answer itself is in the column it extends)."""
    header = _header(sheet)
    rows = [sheet.row(i) for i in range(1, sheet.n_rows)]
    out = []
    for j, h in enumerate(header):
        if "/" not in h or h.rsplit("/", 1)[0] not in header:
            continue
        values = {_text(r[j]) for r in rows if j < len(r)} - {""}
        if values <= {"0", "1"}:
            out.append(h)
    return out


def _choices_listed(sheet: RawSheet) -> RawSheet:
    """A select-multiple answer written as the form tool writes it, its choices' names
    apart by spaces (``disc venous``), read as a list (``disc;venous``) where every word
    is the name of one of its split columns (``leak/disc``, ``leak/venous``); other
    cells as written."""
    header = _header(sheet)
    choices: dict[int, set[str]] = {}
    for h in _choice_columns(sheet):
        answer = h.rsplit("/", 1)[0]
        choices.setdefault(header.index(answer), set()).add(h.rsplit("/", 1)[-1])
    rows = [list(sheet.row(i)) for i in range(sheet.n_rows)]
    changed = False
    for row in rows[1:]:
        for j, names in choices.items():
            words = _text(row[j]).split() if j < len(row) else []
            if len(words) > 1 and set(words) <= names:
                row[j] = ";".join(words)
                changed = True
    return replace(sheet, rows=rows) if changed else sheet


def _parent_of(sheet: RawSheet, row: list[object], root: str, by_name: dict[str, RawSheet]) -> str:
    at = _column(sheet, PARENT_TABLE)
    named = _text(row[at]) if at is not None and at < len(row) else ""
    return named if named in by_name and named != sheet.sheet else root


def _parents(sheet: RawSheet, root: str, by_name: dict[str, RawSheet]) -> str:
    names = {_parent_of(sheet, sheet.row(i), root, by_name) for i in range(1, sheet.n_rows)}
    return ", ".join(f"'{n}'" for n in sorted(names))


def _joined(
    sheet: RawSheet,
    root: str,
    by_name: dict[str, RawSheet],
    resolve: Callable[[str, frozenset[str]], dict[str, str]],
    seen: frozenset[str],
    problems: list[Problem],
) -> RawSheet:
    """``sheet`` with its parent row's study ID appended to each row; an index no parent
    row holds an error on its cell (the ID left blank)."""
    at = _column(sheet, PARENT_INDEX)
    assert at is not None
    width = max(len(sheet.row(i)) for i in range(sheet.n_rows))
    root_sheet = by_name[root]
    id_header = _header(root_sheet)[_id_column(root_sheet) or 0]
    rows = [list(sheet.row(0)) + [None] * (width - len(sheet.row(0))) + [id_header]]
    for i in range(1, sheet.n_rows):
        row = list(sheet.row(i)) + [None] * (width - len(sheet.row(i)))
        parent = _parent_of(sheet, row, root, by_name)
        key = _text(row[at])
        found = resolve(parent, seen).get(key) if parent not in seen else None
        if key and found is None:
            cell = f"{column_letter(at + 1)}{i + 1}"
            problems.append(
                Problem(
                    sheet.file,
                    sheet.sheet,
                    i + 1,
                    _text(sheet.row(0)[at]),
                    cell,
                    key,
                    "unknown_key",
                    ERROR,
                    f"{sheet.sheet}!{cell} '{key}': no row of '{parent}' has this "
                    f"{INDEX}; correct the parent row's number",
                )
            )
        rows.append([*row, found])
    return replace(sheet, rows=rows)


__all__ = ["RULE", "parent_rows"]


def _group_of(sheet: RawSheet) -> str:
    """A repeat sheet's group path (``op/op_levels`` of ``op/op_levels/vertebra``): the
    groups all its fields' headers share (a select-multiple's split columns one part
    longer; the parent's study ID appended last not its own), ``""`` when none."""
    paths = [h.split("/")[:-1] for h in _header(sheet)[:-1] if "/" in h]
    if not paths:
        return ""
    shared = paths[0]
    for parts in paths[1:]:
        n = 0
        while n < min(len(shared), len(parts)) and shared[n] == parts[n]:
            n += 1
        shared = shared[:n]
    return "/".join(shared)


def _session_fields(
    sheet: RawSheet, root: RawSheet, problems: list[Problem]
) -> tuple[RawSheet, list[str]]:
    """A repeat group of vertebrae inside a group of the parent (``op/op_levels`` inside
    ``op``) given the parent row's fields of that group that describe the session (its
    date, technique and cement: ``op/date``, ``op/procedure``), appended after its own
    cells (headed as the group's own: ``op/op_levels/procedure``), so each vertebra row
    is of its operation; on the parent sheet, the technique
    and cement so carried are not read again (the date stays: the parent's pre-operative
    scores are of the session of that date). Unchanged unless the sheet names levels."""
    group = _group_of(sheet)
    outer = group.rsplit("/", 1)[0] if "/" in group else ""
    header = _header(sheet)
    names_level = any(
        (ranked := header_candidates(h.rsplit("/", 1)[-1]))
        and ranked[0][1] >= 0.5
        and ranked[0][0].label == "procedures.level"
        for h in header
        if h.startswith(group + "/")
    )
    if not outer or not names_level:
        return sheet, []
    root_header = _header(root)
    picked = [
        j
        for j, h in enumerate(root_header)
        if h.rsplit("/", 1)[0] == outer
        and (found := match_header(h.rsplit("/", 1)[-1])) is not None
        and found.label in _SESSION_LABELS
    ]
    if not picked:
        return sheet, []
    id_at = _id_column(root)
    by_id = {
        _text(r[id_at]): r
        for r in (root.row(i) for i in range(1, root.n_rows))
        if id_at is not None and id_at < len(r)
    }
    # headed as fields of the repeat group (``op/op_levels/procedure``): a header of
    # their own, so the parent's column, not read again, keeps its own reading
    rows = [list(sheet.row(0)) + [f"{group}/{root_header[j].rsplit('/', 1)[-1]}" for j in picked]]
    for i in range(1, sheet.n_rows):
        row = list(sheet.row(i))
        parent = by_id.get(_text(row[-1]), [])
        rows.append(row + [parent[j] if j < len(parent) else None for j in picked])
    names = ", ".join(f"'{root_header[j]}'" for j in picked)
    problems.append(
        sheet_problem(
            root.file,
            sheet.sheet,
            RULE,
            f"each vertebra row of repeat group '{group}' given its parent row's {names} "
            "(the operation it is of) in columns after its own",
            severity=WARNING,
        )
    )
    moved = [
        root_header[j]
        for j in picked
        if (found := match_header(root_header[j].rsplit("/", 1)[-1])) is not None
        and found.label != "date:procedure_date"
    ]
    return replace(sheet, rows=rows), moved


# a session's own fields, written once on the parent row for all its vertebrae
_SESSION_LABELS = frozenset(
    {"date:procedure_date", "procedures.technique", "procedures.cement_type"}
)
