"""A database's tables exported one file each: joined back into the rows a reader sees.

A relational export (Microsoft Access, a clinic database) writes every table to its own
file: a patients table, an operations table pointing at its patient by a numeric key, a
table of treated levels pointing at its operation, and lookup tables giving the label of
each code. Each table's key is its first column (distinct values, none blank); another
table's column of the same name (a trailing number aside: ``LeakID2``) refers to it.

- A lookup table is a referred table of at most three columns that refers to no other
  table, with a column of distinct labels after its key: the columns referring to it are
  decoded to its labels in place, and a code it does not hold is an error on its cell.
- Every other table is joined to the rows of the tables it refers to (its parent's
  columns, and their parents', appended after its own), so each row carries its study
  ID, its operation's date and technique. A table other tables refer to that itself
  refers to a table (an operation between its patient and its levels) is read through
  its children's rows, not on its own.

The join is decided from the files alone, so a mapping file's unedited load re-derives
it; the child's own cells keep their places (a problem names the cell the user sees).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from analysis.config import LoadOptions
from analysis.io import RawSheet
from analysis.normalize.headers import header_text, match_header
from analysis.problems import CELL_MISSING, ERROR, WARNING, Problem, column_letter, sheet_problem

MAX_LOOKUP_COLUMNS = 3
JOIN_RULE = "relational_export"  # the rule of the notes saying how the tables were read


@dataclass(frozen=True)
class _Ref:
    """Column ``column`` (0-based) of table ``table`` refers to table ``target``'s key."""

    table: str
    column: int
    target: str


def _text(value: object) -> str:
    text = "" if value is None else str(value).strip()
    if re.fullmatch(r"-?\d+\.0+", text):  # a key typed as a decimal: 3.0 is 3
        text = text.split(".")[0]
    return text


def _header(sheet: RawSheet) -> list[str]:
    return [_text(c) for c in sheet.row(0)] if sheet.n_rows else []


def _key_name(header: str) -> str:
    """A column's name as a key: case and a trailing number aside (``LeakID2``)."""
    return re.sub(r"\d+$", "", header).strip().lower()


def _keyed(sheet: RawSheet) -> bool:
    """Whether the first column is a key: named, every value there and distinct."""
    header = _header(sheet)
    if len(header) < 2 or not header[0] or sheet.n_rows < 2:
        return False
    values = [_text(r[0]) if r else "" for r in (sheet.row(i) for i in range(1, sheet.n_rows))]
    return all(values) and len(set(values)) == len(values)


def _references(tables: dict[str, RawSheet]) -> list[_Ref]:
    keys = {_key_name(_header(s)[0]): name for name, s in tables.items() if _keyed(s)}
    refs = []
    for name, sheet in tables.items():
        for j, header in enumerate(_header(sheet)):
            target = keys.get(_key_name(header)) if header else None
            if target is not None and target != name and (j > 0 or not _keyed(sheet)):
                refs.append(_Ref(name, j, target))
    return refs


def _label_column(sheet: RawSheet) -> int | None:
    """A lookup table's label: the first column after the key whose values are distinct
    words (not numbers)."""
    rows = [sheet.row(i) for i in range(1, sheet.n_rows)]
    for j in range(1, len(_header(sheet))):
        values = [_text(r[j]) if j < len(r) else "" for r in rows]
        words = [v for v in values if v and not re.fullmatch(r"-?[\d.,]+", v)]
        if len(words) == len(values) and len(set(values)) == len(values):
            return j
    return None


def _lookups(tables: dict[str, RawSheet], refs: list[_Ref]) -> dict[str, dict[str, str]]:
    """Each lookup table's codes and labels."""
    referring = {r.table for r in refs}
    out = {}
    for name in {r.target for r in refs} - referring:
        sheet = tables[name]
        label = _label_column(sheet) if len(_header(sheet)) <= MAX_LOOKUP_COLUMNS else None
        if label is not None:
            rows = [sheet.row(i) for i in range(1, sheet.n_rows)]
            out[name] = {_text(r[0]): _text(r[label]) for r in rows}
    return out


def relational_tables(
    sheets: list[RawSheet], options: LoadOptions
) -> tuple[list[RawSheet], LoadOptions, list[Problem]]:
    """The tables of a relational export, decoded and joined (see the module's words),
    with the options reading their key columns as nothing of the cohort (a mapping's
    own reading of a header first); ``sheets`` and ``options`` unchanged when no table
    refers to another's key through a lookup."""
    tables = {s.sheet: s for s in sheets if s.n_rows and s.origin is None}
    refs = _references(tables)
    lookups = _lookups(tables, refs)
    if not lookups:
        return sheets, options, []
    problems: list[Problem] = []
    decoded = {
        name: _decoded(
            s, [r for r in refs if r.table == name and r.target in lookups], lookups, problems
        )
        for name, s in tables.items()
        if name not in lookups
    }
    parents = {r.table: r for r in refs if r.target in decoded}
    joined: dict[str, RawSheet] = {}
    for name in decoded:
        _joined(name, decoded, parents, joined, problems)
    through = {r.target for r in refs if r.target in decoded and r.table in decoded} & set(parents)
    keys = {_key_name(_header(tables[n])[0]) for n in decoded if _keyed(tables[n])}
    joined = {n: _booleans(s) for n, s in joined.items()}
    out = []
    for sheet in sheets:
        name = sheet.sheet
        if name in lookups:
            problems.append(_note(sheet, f"read as a lookup table: its labels decode the codes of {_users(name, refs)}"))  # fmt: skip
        elif name in through:
            problems.append(_note(sheet, f"read through the tables joined to it ({_users(name, refs)}): each of their rows carries this table's row"))  # fmt: skip
        else:
            out.append(joined.get(name, sheet))
    apart = _keys_apart(out, keys)
    if apart:
        options = replace(options, mapping={**apart, **options.mapping})
        problems.append(_note(out[0], f"the key columns joining the tables ({', '.join(apart)}) are the database's own numbers, not read"))  # fmt: skip
    return out, options, problems


def _users(name: str, refs: list[_Ref]) -> str:
    return ", ".join(sorted({r.table for r in refs if r.target == name}))


def _note(sheet: RawSheet, message: str) -> Problem:
    return sheet_problem(sheet.file, sheet.sheet, JOIN_RULE, message, severity=WARNING)


def _decoded(
    sheet: RawSheet, refs: list[_Ref], lookups: dict[str, dict[str, str]], problems: list[Problem]
) -> RawSheet:
    """``sheet`` with each code of a lookup table's column replaced by its label; a code
    the lookup table does not hold an error on its cell, the cell left blank."""
    if not refs:
        return sheet
    rows = [list(sheet.row(i)) for i in range(sheet.n_rows)]
    header = rows[0]
    for ref in refs:
        codes = lookups[ref.target]
        for i, row in enumerate(rows[1:], start=2):
            code = _text(row[ref.column]) if ref.column < len(row) else ""
            if not code:
                continue
            if code in codes:
                row[ref.column] = codes[code]
                continue
            row[ref.column] = None
            cell = f"{column_letter(ref.column + 1)}{i}"
            problems.append(
                Problem(
                    sheet.file,
                    sheet.sheet,
                    i,
                    _text(header[ref.column]),
                    cell,
                    code,
                    "unknown_code",
                    ERROR,
                    f"{sheet.sheet}!{cell} '{code}': not a code of the lookup table "
                    f"{ref.target} (codes {_span(codes)}); correct the code",
                    CELL_MISSING,
                )
            )
    _repeats_together(rows, refs)
    return replace(sheet, rows=rows)


def _repeats_together(rows: list[list[object]], refs: list[_Ref]) -> None:
    """A code's repeat columns (``LeakID``, ``LeakID2``: a second leak of the same
    vertebra) written into the first one's cell, the labels apart by semicolons."""
    header = rows[0]
    first: dict[tuple[str, str], int] = {}
    for ref in refs:
        name = (ref.target, _key_name(_text(header[ref.column])))
        if name not in first:
            first[name] = ref.column
            continue
        at = first[name]
        for row in rows[1:]:
            if ref.column < len(row) and _text(row[ref.column]):
                labels = [_text(row[at]), _text(row[ref.column])] if at < len(row) else []
                row[at] = "; ".join(v for v in labels if v)
                row[ref.column] = None


def _span(codes: dict[str, str]) -> str:
    keys = list(codes)
    return f"{keys[0]}-{keys[-1]}" if len(keys) > 3 else ", ".join(keys)


def _joined(
    name: str,
    tables: dict[str, RawSheet],
    parents: dict[str, _Ref],
    joined: dict[str, RawSheet],
    problems: list[Problem],
    seen: frozenset[str] = frozenset(),
) -> RawSheet:
    """Table ``name`` with its parent's joined row appended to each of its rows: of the
    patients' table (the root, referring to no table) its study ID; of a table between,
    its whole row to a table of its details (no date of their own: the vertebrae of an
    operation) and its dates to a table of dated events (the visits after it)."""
    if name in joined:
        return joined[name]
    sheet = tables[name]
    ref = parents.get(name)
    if ref is None or ref.target in seen:
        joined[name] = sheet
        return sheet
    parent = _joined(ref.target, tables, parents, joined, problems, seen | {name})
    carried = _carried(parent, tables[ref.target], root=ref.target not in parents, dated=bool(_dates(sheet)))  # fmt: skip
    by_key = {_text(parent.row(i)[0]): parent.row(i) for i in range(1, parent.n_rows)}
    own = max((len(sheet.row(i)) for i in range(sheet.n_rows)), default=0)
    rows = [_padded(sheet.row(0), own) + _picked(parent.row(0), carried)]
    for i in range(1, sheet.n_rows):
        row = _padded(sheet.row(i), own)
        key = _text(row[ref.column]) if ref.column < len(row) else ""
        found = by_key.get(key)
        if key and found is None:
            cell = f"{column_letter(ref.column + 1)}{i + 1}"
            problems.append(
                Problem(
                    sheet.file,
                    sheet.sheet,
                    i + 1,
                    _text(rows[0][ref.column]),
                    cell,
                    key,
                    "unknown_key",
                    ERROR,
                    f"{sheet.sheet}!{cell} '{key}': no row of {ref.target} has this key; "
                    "correct the key",
                )
            )
        rows.append(row + _picked(found or [], carried))
    joined[name] = replace(sheet, rows=rows)
    return joined[name]


def _carried(parent: RawSheet, own: RawSheet, *, root: bool, dated: bool) -> list[int]:
    """The columns of ``parent`` (joined) a child table carries (see :func:`_joined`);
    ``own`` is the parent as exported, its own columns first in the joined row."""
    header = _header(parent)
    if root:
        ids = [j for j, h in enumerate(header) if j and _reads_as_id(h)]
        return ids or [0]
    width = len(_header(own))
    if not dated:
        return list(range(len(header)))
    return [j for j in _dates(own) if j < width] + list(range(width, len(header)))


def _reads_as_id(header: str) -> bool:
    found = match_header(header) if header else None
    return found is not None and found.label == "patients.patient_id"


_DATE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?")


def _dates(sheet: RawSheet) -> list[int]:
    """The columns of ``sheet`` whose cells are all dates (with a time or without)."""
    rows = [sheet.row(i) for i in range(1, sheet.n_rows)]
    out = []
    for j in range(len(_header(sheet))):
        values = [_text(r[j]) for r in rows if j < len(r) and _text(r[j])]
        if values and all(_DATE.fullmatch(v) for v in values):
            out.append(j)
    return out


def _picked(row: list[object], columns: list[int]) -> list[object]:
    return [row[j] if j < len(row) else None for j in columns]


def _padded(row: list[object], width: int) -> list[object]:
    return list(row) + [None] * (width - len(row))


def _keys_apart(sheets: list[RawSheet], keys: set[str]) -> dict[str, object]:
    """The headers of the key columns not to read (a table's own row number and the keys
    joining it to its parents: the database's internal numbers, their work done by the
    join), where every table holding one has another column naming the study ID; none
    when a key is the only patient ID."""
    apart: dict[str, object] = {}
    for sheet in sheets:
        header = _header(sheet)
        here = {h for h in header if h and _key_name(h) in keys}
        if here and not any(_reads_as_id(h) for h in header if h and h not in here):
            return {}
        apart.update(dict.fromkeys(map(header_text, here), "ignore"))
    return apart


ACCESS_TRUE = "-1"  # a database's yes (Microsoft Access stores yes as -1, no as 0)


def _booleans(sheet: RawSheet) -> RawSheet:
    """``sheet`` with a column holding only ``-1`` and ``0`` read as yes and no (a
    database's yes/no field): ``-1`` written ``1``."""
    rows = [list(sheet.row(i)) for i in range(sheet.n_rows)]
    width = max((len(r) for r in rows), default=0)
    changed = False
    for j in range(width):
        values = {_text(r[j]) for r in rows[1:] if j < len(r)} - {""}
        if ACCESS_TRUE in values and values <= {ACCESS_TRUE, "0"}:
            changed = True
            for r in rows[1:]:
                if j < len(r) and _text(r[j]) == ACCESS_TRUE:
                    r[j] = "1"
    return replace(sheet, rows=rows) if changed else sheet
