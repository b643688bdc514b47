"""Patient cards: one patient per sheet, or one per block of a stacked case log.

A card starts at a row naming the patient (a study-ID label, ``Patient ID:``, with a
code-like value beside it) and holds, in any order:

* label-value rows: ``Age | 76`` down a column, or several ``Label: value`` pairs along
  one row (a case log's band row: ``Patient: | CEB-001 | ... | Age: | 60 | Sex: | F``);
* a grid of outcomes: a row of time points (``Before``, ``1 month``, ``3 months``) and
  under it one row per measure (``Pain (VAS) | 8 | 5 | 3``);
* small tables with a header of their own (one row per treated vertebra, per visit, per
  new fracture), perhaps under a title line that gives their role (``New fractures``).

A sheet holds one card (a patient's sheet) or several, each starting at such a row and
running to the next (a case log). Sheets named by study IDs (``VP-07``) without such a row
are cards too when there are several, the name giving the study ID. Cards laid side by
side across a sheet, in bands down it, are read one by one, each headed by a cell naming
the patient (``Pacient TM-VA-01``) or a label and the ID beside it
(:mod:`analysis.load.card_bands`). The cards' fields become one row per patient and each
kind of table (by its header) one table with the patient's study ID added, gathered over
all cards; every cell keeps its original sheet and address (:mod:`analysis.load.reshape`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache

from analysis.io import RawSheet
from analysis.io.sheets import Place
from analysis.load.card_bands import bands_said, card_windows, label_and_id
from analysis.load.card_labels import aligned_labels, labels_said
from analysis.load.card_sections import (
    sections_said,
    starts_section,
    title_beside_header,
    titled_pairs,
)
from analysis.load.header import measure_named, measure_words, value_like
from analysis.load.header_contents import code_like
from analysis.load.header_sessions import _names_new_fracture
from analysis.load.legend import is_key_line
from analysis.load.reshape import (
    ID_HEADER,
    SESSION_HEADER,
    Entry,
    Field,
    TableRow,
    fields_sheet,
    table_sheet,
)
from analysis.load.transposed import is_id_label
from analysis.normalize import CellError, Target, match_header, parse_cell
from analysis.normalize.cells import is_missing, is_no
from analysis.normalize.dates import date_inside, is_date_text
from analysis.normalize.folded import normalize_text
from analysis.normalize.headers import header_candidates
from analysis.normalize.timepoints import after_session_words, segment, timepoint_of
from analysis.spec import load_spec

_MIN_TABLE_HEADERS = 2  # a card's table header names at least two known fields


@dataclass
class _Table:
    title: str
    header: list[tuple[str, Place]]
    cols: list[int]
    rows: list[TableRow] = field(default_factory=list)
    title_col: int = 0  # the column of a title written beside the header, or 0
    # the number of the later session a title names (``FOLLOW-UP after procedure 2``): each
    # row is that session's, as a column of session numbers would say
    session: str = ""


@dataclass
class _Card:
    sheet: str
    key_at: Place
    patient_id: object
    fields: list[Field] = field(default_factory=list)
    tables: list[_Table] = field(default_factory=list)
    continued: int = 0  # table rows whose blank first cells continue the row above
    merged: int = 0  # table cells read from the cell merged down over them
    titled: int = 0  # tables titled beside their header, in the column left of them
    one_row: int = 0  # sections of one row: a title and label-value pairs
    notes: int = 0  # lines of free text under a title, read as a table of one column
    no_fracture: int = 0  # new-fracture labels with a word for none beside them
    alternating: int = 0  # table headers that read like label-value pairs side by side
    later: int = 0  # fields and tables under a title naming a later session
    on_rows: int = 0  # fields of a whole operation read on each row of its table


@dataclass(frozen=True)
class Cards:
    """The sheets read as cards and the tables their cards make up."""

    sheets: tuple[str, ...] = ()
    tables: tuple[RawSheet, ...] = ()
    patient_ids: frozenset[str] = frozenset()


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _filled(cells: list[object]) -> list[tuple[int, object]]:
    return [
        (j + 1, v)
        for j, v in enumerate(cells)
        if not is_missing(v) and not (isinstance(v, str) and not v.strip())
    ]


def _label(text: str) -> str:
    return text.rstrip(":：").strip()


def _anchor(cells: list[object], mapping: dict[str, object]) -> tuple[int, int, str] | None:
    """(label column, ID column, label) when the row starts with a label and a code-like
    value beside it."""
    filled = _filled(cells)
    if len(filled) < 2 or not _text(filled[0][1]) or not code_like(filled[1][1]):
        return None
    return filled[0][0], filled[1][0], _label(_text(filled[0][1]))


def _anchors(sheet: RawSheet, mapping: dict[str, object]) -> list[tuple[int, int, int]]:
    """(row, label column, ID column) of each row that starts a card: a study-ID label
    with its ID, or a label that starts several blocks (after a blank row or at the top)
    each with a distinct code-like value."""
    found = []
    for r in range(1, sheet.n_rows + 1):
        a = _anchor(sheet.row(r - 1), mapping)
        if a is not None:
            found.append((r, *a))
    named = [(r, lc, ic) for r, lc, ic, label in found if is_id_label(label, mapping)]
    if named:
        return named
    by_label = Counter(normalize_text(label) for *_, label in found)
    starts = [
        (r, lc, ic)
        for r, lc, ic, label in found
        if by_label[normalize_text(label)] >= 2
        and (r == 1 or not _filled(sheet.row(r - 2)))
        and normalize_text(label) == max(by_label, key=by_label.__getitem__)
    ]
    ids = [str(sheet.row(r - 1)[ic - 1]).strip() for r, _, ic in starts]
    return starts if len(starts) >= 2 and len(set(ids)) == len(ids) else []


def _is_grid_header(filled: list[tuple[int, object]]) -> bool:
    """A row of time points, perhaps after a label naming the measures' column
    (``Показатель | до операции | 1 сутки | 1 мес.``)."""
    texts = [_text(v) for _, v in filled]
    if len(texts) >= 3 and texts[0] and timepoint_of(texts[0]) is None:
        texts = texts[1:]  # the measures' column label
    points = sum(1 for t in texts if t and timepoint_of(t) is not None)
    return len(filled) >= 2 and points >= max(2, 0.8 * len(texts))


def _point_text(text: str) -> str:
    """A time point written in two languages on two lines (``1 мес.`` over ``1 ай``): the
    first line that names it alone, so the grid's column is headed in one language."""
    point = timepoint_of(text)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return next((line for line in lines if timepoint_of(line) == point), text)


def _names_field(text: str, mapping: dict[str, object]) -> bool:
    if not text or len(text) > 80:
        return False
    if match_header(text, mapping) is not None:
        return True
    ranked = header_candidates(text)
    return bool(ranked) and ranked[0][1] >= 0.5


def _is_table_header(
    filled: list[tuple[int, object]],
    mapping: dict[str, object],
    below: list[tuple[int, object]] | None = None,
) -> bool:
    texts = [_text(v) for _, v in filled]
    if len(filled) < 2 or not all(texts) or any(code_like(v) for _, v in filled):
        return False
    if _LABEL_END.search(texts[0]):
        return False  # "Name: | CRUZ, Remedios | Sex: | F": labels, each with its value
    below = below or []
    if _side_by_side(filled, mapping) and not _values_under_labels(filled, below, mapping):
        return False  # "Age | 74 | Sex | F": labels side by side, each with its value
    if _side_by_side(below, mapping) and [c for c, _ in below] == [c for c, _ in filled]:
        return False  # the first row of a block of pairs ("Name | … | Phone | …")
    if len(filled) == 2:  # two headers, not a label and its value: both name a field
        named = [match_header(_label(t), mapping) for t in texts]
        # "Diagnosis | Trauma (fall)": the second a value of the field the first names;
        # "Outcome | Expired 28/03/2022": a text holding a date is a value, never a header
        if date_inside(texts[1]) is not None:
            return False
        return named[0] is not None and named[1] is not None and not _value_of(named[0], filled[1][1])  # fmt: skip
    return sum(_names_field(t, mapping) for t in texts) >= _MIN_TABLE_HEADERS


def _values_under_labels(
    filled: list[tuple[int, object]], below: list[tuple[int, object]], mapping: dict[str, object]
) -> bool:
    """Whether a row that reads as label-value pairs side by side (``Visit | Session |
    Date of visit | VAS | ODI (%) | Remarks``) is a table's header after all: the row
    under it writes a value under every one of its "labels" (``Pre-op | 1 | 03/09/2019
    | 7 | 52``), none of them a text naming a field, one at least a number, a date or a
    level; under a row of pairs, the next row writes labels again or nothing."""
    under = dict(below)
    labels = [c for c, _ in filled[0::2]]
    if not all(c in under for c in labels):
        return False
    cells = [under[c] for c in labels]
    # a time point ("Pre-op") is a visit's value, though a header could name it
    texts = [_label(v.strip()) for v in cells if isinstance(v, str) and timepoint_of(v) is None]
    if any(_names_field(t, mapping) for t in texts):
        return False
    return any(not isinstance(v, str) or value_like(v.strip()) for v in cells)


def _value_of(target: Target, value: object) -> bool:
    """Whether a cell reads as a value of the patient's field a label names."""
    if target.kind != "column" or target.table != "patients" or target.column is None:
        return False
    try:
        parse_cell(value, load_spec().column(target.table, target.column))
    except (CellError, KeyError, ValueError):
        return False
    return True


def _side_by_side(filled: list[tuple[int, object]], mapping: dict[str, object]) -> bool:
    """Label-value pairs along a row without colons (``Age | 74 yrs | Cause |
    Osteoporosis | Expired? | No``): an even number of cells, each value in the column
    right after its label, two labels or more naming a field and at most one value in
    three naming one (a cause, ``Fall``, may spell a field's name)."""
    if len(filled) % 2 and match_header(_label(_text(filled[-1][1])), mapping) is not None:
        filled = filled[:-1]  # a last label whose value is left blank (``Date of death |``)
    if len(filled) < 4 or len(filled) % 2:
        return False
    labels, values = filled[0::2], filled[1::2]
    if any(vc != lc + 1 for (lc, _), (vc, _) in zip(labels, values, strict=True)):
        return False
    named = sum(match_header(_label(_text(v)), mapping) is not None for _, v in labels)
    also = sum(match_header(_text(v), mapping) is not None for _, v in values)
    return named >= 2 and named > also and also <= len(values) // 3


def _is_table_by_shape(
    filled: list[tuple[int, object]], below: list[tuple[int, object]], mapping: dict[str, object]
) -> bool:
    """A table's header whose words are unknown, told by its shape: three or more text
    cells, none a label (``Age:``) or a value, over a row of values in its columns, one
    at least a number, a date or a level; never a row of label-value pairs side by side
    (``生年月日 | 昭和33年5月17日 | 手術時年齢 | 62歳``), whose labels name fields."""
    texts = [_text(v) for _, v in filled]
    if len(filled) < 3 or not all(texts) or any(_LABEL_END.search(t) or value_like(t) for t in texts):  # fmt: skip
        return False
    if _side_by_side(filled, mapping):
        return False
    cols = {c for c, _ in filled}
    return (
        len(below) >= 2
        and all(c in cols for c, _ in below)
        and any(not isinstance(v, str) or value_like(v.strip()) for _, v in below)
    )


def _is_measure(text: str, mapping: dict[str, object]) -> bool:
    target = measure_named(_label(text), mapping) if text else None
    return target is not None


def _new_card(sheet: RawSheet, first: int, anchor: tuple[int, int]) -> tuple[_Card, int]:
    """The card whose first row is ``first`` (``anchor``: its label and ID columns, as
    :func:`_read_card` takes them), and the column of an ID written beside its label
    (0 when the sheet's name or the card's heading gives the ID)."""
    name = sheet.sheet
    label_col, id_col = anchor
    titled = label_and_id(sheet.row(first - 1)[id_col - 1]) if label_col == id_col else None
    if id_col and titled is None:
        return _Card(name, (name, first, id_col), str(sheet.row(first - 1)[id_col - 1]).strip()), id_col  # fmt: skip
    if titled is not None:
        card = _Card(name, (name, first, id_col), titled[1])
    else:
        card = _Card(name, (name, first, None), name.strip())
    card.fields.append(Field("", ID_HEADER, card.patient_id, card.key_at, card.key_at))
    return card, 0


def _read_card(
    sheet: RawSheet, first: int, last: int, anchor: tuple[int, int], mapping: dict[str, object]
) -> _Card:
    """One card: the rows ``first`` to ``last`` of the sheet; ``anchor`` is the label and
    ID columns of its first row (``(1, 0)``: the sheet's name is the study ID; one column:
    the label and the ID in one cell, ``Pacient TM-VA-01``, the card's heading)."""
    name = sheet.sheet
    label_col = anchor[0]
    card, id_col = _new_card(sheet, first, anchor)
    heading_at = (first, label_col) if anchor[0] == anchor[1] else None  # read: the ID
    covered = _merged_down(sheet, first, last)
    table: _Table | None = None
    grid: list[tuple[int, str]] | None = None  # (column, time point label)
    grid_measure = ""  # the measure a grid's header names before its time points
    grid_session = ""  # the later session a grid's title names ("dopo 2ª seduta")
    title = ""
    notes = _Notes()  # lines of free text under a title (``Progress notes``)
    box = ""  # the label naming a later session whose indented labels follow
    for r in range(first, last + 1):
        cells = sheet.row(r - 1)
        filled = [(c, v) for c, v in _filled(cells) if (r, c) != heading_at]
        box = box if _indented(filled, table is None and grid is None) else ""
        if table is None and grid is None and _key_line(filled):
            # the form's key ("Niveaux : D = dorsale (D12 = T12), L = lombaire"): no
            # title, no note about the patient (the legend reads it from the sheet)
            notes.close(card)
            title = ""
            continue
        if notes.holds(card, (name, r), filled, title if table is None and grid is None else ""):
            table, grid, title = (table, grid, title) if filled else (None, None, "")
            continue
        title = notes.give_back(title)
        first_text = _text(filled[0][1]) if filled[0][0] == label_col else ""
        at = (name, r, filled[0][0])
        below = _filled(sheet.row(r)) if r < last else []
        line = _measure_line(name, r, cells, mapping)
        if grid is not None and line is None and _grid_row(card, grid, cells, at, first_text, mapping, grid_measure, grid_session):  # fmt: skip
            continue
        grid = None
        if table is not None and (starts_section(table.title_col, filled) or _label_row(table, filled)):  # fmt: skip
            # the next section's title in the column left of the table, or a field
            # ("Ciment: | Osteopal V") under its last row
            table = None
        if table is not None and not table.rows and _says_empty(filled):
            continue  # "Aucune" under the header: the table has no rows
        if table is not None and not _is_grid_header(filled):
            _add_row(card, table, sheet, r, covered)
            continue
        table = None
        if _is_grid_header(filled):
            grid = [(c, _point_text(_text(v))) for c, v in filled if timepoint_of(_text(v))]
            grid_measure = first_text if _is_measure(first_text, mapping) else ""
            grid_session = _later_session(title)
        elif line is not None:
            card.fields += line
        elif _is_table_header(filled, mapping, below) or _is_table_by_shape(filled, below, mapping):
            table = _header_table(name, r, filled, below, title)
            card.tables.append(table)
            card.later += bool(table.session)
            card.titled += table.title_col > 0
            card.alternating += _side_by_side(filled, mapping)
        elif len(filled) == 1:
            title = _text(filled[0][1])  # the card's heading lines are no notes' title
            heading = not card.tables and len(card.fields) <= (0 if id_col else 1)
            notes.after(name, r, filled[0], heading)
        else:
            box = _fields_or_box(
                card, r, filled, (r == first and id_col > 0, box or title), mapping
            )
    notes.close(card)
    _session_fields_on_rows(card, mapping)
    return card


def _indented(filled: list[tuple[int, object]], open_box: bool = True) -> bool:
    """Whether a row's first cell is a label written indented (``   Geste :``): a field
    of the box the label above it opens (``open_box``: no table or grid open)."""
    value = filled[0][1] if filled else None
    return open_box and isinstance(value, str) and value[:1] in (" ", "\t", "\u00a0") and bool(value.strip())  # fmt: skip


def _fields_or_box(
    card: _Card,
    r: int,
    filled: list[tuple[int, object]],
    anchor_title: tuple[bool, str],
    mapping: dict[str, object],
) -> str:
    """A card's row of label-value pairs read into its fields (:func:`_row_fields`, under
    the title or the open box's label of ``anchor_title``); the label of the box it opens
    (:func:`_later_box`) or stays in (an indented label), else ``""``."""
    anchor, title = anchor_title
    if _indented(filled) and _later_session(title):
        _row_fields(card, r, filled, False, mapping, title)
        return title
    if not anchor and _later_box(card, r, filled, mapping):
        return _text(filled[0][1])
    _row_fields(card, r, filled, anchor, mapping, title)
    return ""


_SESSION_DATE = "date"  # the header a later session's date is read under


def _later_box(
    card: _Card, r: int, filled: list[tuple[int, object]], mapping: dict[str, object]
) -> bool:
    """A label naming a later session with its date beside it (``2e intervention
    (reprise) : | 18/08/2022``), opening a box of indented labels under it (``   Geste :
    | Cyphoplastie``): the date is that session's operation date, read under the words
    of the session and a word for a date; True when
    the row is such a label (the rows indented under it are then that session's)."""
    if len(filled) != 2 or not _LABEL_END.search(_text(filled[0][1])):
        return False
    later = _later_session(_text(filled[0][1]))
    value = filled[1][1]
    if not later or not (isinstance(value, date) or is_date_text(_text(value))):
        return False
    (lc, _), (vc, _) = filled
    label = f"{later} {_SESSION_DATE}"
    card.fields.append(Field("", label, value, (card.sheet, r, vc), (card.sheet, r, lc)))
    card.later += 1
    return True


def _key_line(filled: list[tuple[int, object]]) -> bool:
    """Whether a row is one cell holding a key's line (:func:`~analysis.load.legend.is_key_line`)."""
    return len(filled) == 1 and isinstance(filled[0][1], str) and is_key_line(filled[0][1])


# fields of a session as a whole that a card may write once, under its table of vertebrae
_SESSION_WIDE = ("procedures.cement_type", "procedures.technique")


def _session_fields_on_rows(card: _Card, mapping: dict[str, object]) -> None:
    """A card's field naming what a whole operation shares, its cement or technique
    (``Ciment: | Osteopal V`` under the table of treated vertebrae), where the card holds
    one table with a column of levels and none for that field: a column of that table,
    each row's value the field's cell (so a mistake there is named at that cell)."""
    with_levels = [
        t
        for t in card.tables
        if any(_label_field(h, mapping) == "procedures.level" for h, _ in t.header)
    ]
    if len(with_levels) != 1:
        return
    table = with_levels[0]
    # "Ciment (ml)" names the volume by its unit, not the cement
    written = {_label_field(h, mapping) for h, _ in table.header if not _BRACKETED.search(h)}
    kept = []
    for f in card.fields:
        target = None if f.group else _label_field(f.label, mapping)
        if target not in _SESSION_WIDE or target in written or not table.rows:
            kept.append(f)
            continue
        written.add(target)
        table.header.append((f.label, f.label_at))
        table.rows[:] = [replace(row, cells=(*row.cells, (f.value, f.at))) for row in table.rows]
        card.on_rows += 1
    card.fields = kept


@dataclass
class _Notes:
    """Lines of free text, one cell each, under a title line (``ΣΗΜΕΙΩΣΕΙΣ`` over
    ``04/11/2021: Νέο κάταγμα Θ9 …``, ``Status: died 20/08/2021``) and ending at a blank
    row or the card's end: a table of one column, the title its header, one row per line.
    Lines followed straight by a table or a row of fields were titles, the last one the
    table's (as before)."""

    title_at: Place | None = None
    title: str = ""
    lines: list[tuple[object, Place]] = field(default_factory=list)

    def after(self, sheet: str, row: int, cell: tuple[int, object], heading: bool) -> None:
        """A title line read at ``row`` (not the card's ``heading``): lines of text under
        it may follow."""
        at = None if heading else (sheet, row, cell[0])
        self.title_at, self.title, self.lines = at, _text(cell[1]), []

    def holds(
        self, card: _Card, at: tuple[str, int], filled: list[tuple[int, object]], title: str
    ) -> bool:
        """Whether a row is blank (the notes so far closed) or a further line of text
        under the ``title`` just read (kept); a row of anything else is not held."""
        if not filled:
            self.close(card)
            return True
        line = self.title_at is not None and bool(title) and len(filled) == 1
        # a line saying none or no ("Aucune", "жоқ") answers the title: no notes
        if line and _text(filled[0][1]) and not (_says_empty(filled) or is_no(filled[0][1])):
            self.lines.append((_text(filled[0][1]), (*at, filled[0][0])))
            return True
        return False

    def give_back(self, title: str) -> str:
        """A row that is no line of text: the lines read so far were titles, the last one
        the title of what follows; returns that title."""
        last = _text(self.lines[-1][0]) if self.lines else title
        self.title_at, self.lines = None, []
        return last

    def close(self, card: _Card) -> None:
        """At a blank row or the card's end: the lines as a table of their own."""
        if self.title_at is not None and self.lines:
            cols = [c for c in (self.title_at[2],) if c is not None]
            table = _Table(self.title, [(self.title, self.title_at)], cols)
            table.rows += [
                TableRow(card.patient_id, card.key_at, ((text, at),)) for text, at in self.lines
            ]
            card.tables.append(table)
            card.notes += len(self.lines)
        self.title_at, self.lines = None, []


def _label_row(table: _Table, filled: list[tuple[int, object]]) -> bool:
    """Whether a row under a table is a label-value row of the card, not a further row of
    the table: its first cell, in the table's first column, is a label ending in a colon
    (``Ciment: | Osteopal V``) with a value after it, where the table's header and rows
    write no such label."""
    if len(filled) < 2 or not table.cols or filled[0][0] != table.cols[0]:
        return False
    if not _LABEL_END.search(_text(filled[0][1])) or _LABEL_END.search(table.header[0][0]):
        return False
    return not any(_LABEL_END.search(_text(row.cells[0][0])) for row in table.rows if row.cells)


def _add_row(
    card: _Card, table: _Table, sheet: RawSheet, r: int, covered: dict[tuple[int, int], Place]
) -> None:
    """Row ``r`` of the sheet as a row of the card's open table."""
    cells = sheet.row(r - 1)
    name = sheet.sheet
    row: tuple[tuple[object, Place], ...] = tuple(
        (cells[c - 1] if c - 1 < len(cells) else None, (name, r, c)) for c in table.cols
    )
    if table.rows:
        whole = _continued(table.rows[-1].cells, row)
        card.continued += whole != row
        row = whole
    whole = _from_merges(sheet, row, covered)
    card.merged += sum(a != b for a, b in zip(whole, row, strict=True))
    table.rows.append(TableRow(card.patient_id, card.key_at, whole))


def _header_table(
    sheet: str,
    r: int,
    filled: list[tuple[int, object]],
    below: list[tuple[int, object]],
    title: str,
) -> _Table:
    """A card's table from its header row (its title the line above, or its first cell
    when that is the title beside the header: :func:`~analysis.load.card_sections.title_beside_header`)."""
    titled = title_beside_header(filled, below)
    title_col = filled[0][0] if titled else 0
    title, filled = titled or (title, filled)
    header: list[tuple[str, Place]] = [(_text(v), (sheet, r, c)) for c, v in filled]
    later = _later_session(title).split()
    number = next((w for w in later if w in _LATER_NUMBERS), "")
    return _Table(title, header, [c for c, _ in filled], title_col=title_col, session=number)


def _row_fields(
    card: _Card,
    r: int,
    filled: list[tuple[int, object]],
    anchor: bool,
    mapping: dict[str, object],
    title: str,
) -> None:
    """A card's row of label-value pairs: its fields (under a title naming new fractures,
    the fracture's: :func:`_titled_pairs`), or, after a title in its own first cell (a
    section of one row), a table of one row (:func:`_one_row_table`)."""
    pairs = None if anchor else titled_pairs(filled, lambda f: _side_by_side(f, mapping))
    later = "" if anchor else _later_session(title)
    if pairs is not None:
        card.tables.append(_one_row_table(card.sheet, r, pairs, card))
        card.one_row += 1
    elif later:
        # a box under a title naming a later session (``PROCEDURE 2 (new fracture)``): its
        # fields are that session's (``procedure 2 Date``), the new fracture it treats none
        pairs_read = _pairs(card.sheet, r, filled, anchor, mapping)
        card.fields += [replace(f, label=f"{later} {_label(f.label)}") for f in pairs_read]
        card.later += len(pairs_read)
    else:
        fields = _titled_pairs(_pairs(card.sheet, r, filled, anchor, mapping), title)
        kept = [f for f in fields if not _no_new_fracture(f, mapping)]
        card.no_fracture += len(fields) - len(kept)
        card.fields += kept


def _no_new_fracture(pair: Field, mapping: dict[str, object]) -> bool:
    """A label naming new fractures with a word for none beside it (``New fracture(s) |
    None``): the card says the patient had none, as ``None`` under a fracture table's
    header does; no field."""
    if not _says_empty([(0, pair.value)]):
        return False
    target = match_header(_label(pair.label), mapping)
    return (target is not None and target.table == "fractures") or _names_new_fracture(pair.label)


def _one_row_table(
    sheet: str,
    row: int,
    pairs: tuple[str, list[tuple[int, object]], list[tuple[int, object]]],
    card: _Card,
) -> _Table:
    """A section of one row, its title and then label-value pairs: a table of one row under
    that title (:func:`~analysis.load.card_sections.titled_pairs`)."""
    title, labels, values = pairs
    header: list[tuple[str, Place]] = [(_text(v), (sheet, row, c)) for c, v in labels]
    cells: tuple[tuple[object, Place], ...] = tuple((v, (sheet, row, c)) for c, v in values)
    table = _Table(title, header, [c for c, _ in values], title_col=0)
    table.rows.append(TableRow(card.patient_id, card.key_at, cells))
    return table


def _titled_pairs(pairs: list[Field], title: str) -> list[Field]:
    """Label-value pairs under a title naming new fractures (``NUOVE FRATTURE`` over
    ``Data | 14/04/2023 | Livello | D8``): the new fracture's date and level, not the
    procedure's, each in the title's group."""
    if not title or not _names_new_fracture(title):
        return pairs
    return [replace(f, group=_label(title)) for f in pairs]


def _grid_row(
    card: _Card,
    grid: list[tuple[int, str]],
    cells: list[object],
    label_at: Place,
    text: str,
    mapping: dict[str, object],
    measure: str = "",
    later: str = "",
) -> bool:
    """Read a row of a grid of scores into the card's fields when its label names a
    measure (``VAS``) or a measure of the second session (``VAS — after the 2nd
    operation``, read as ``2nd operation VAS`` over each time point), or, under a grid
    whose header names its ``measure`` (``Pain (0-10) | Pre-op | Day 1``), a session by
    its number (``Session 1``, ``Session 2``: read as ``Session 2 Pain (0-10)``), or the
    visits' dates (``Data``: each under its time point, that visit's date); under a grid
    whose title names a ``later`` session (``FOLLOW-UP dopo 2ª seduta``), each field is
    that session's (``2 a seduta VAS``). False otherwise."""
    session = _session_number(text) if measure else None
    if _names_date(text, mapping):
        name, r, _ = label_at
        for col, point in grid:
            value = cells[col - 1] if col - 1 < len(cells) else None
            label = f"{later} {_label(text)}" if later else _label(text)
            card.fields.append(Field(point, label, value, (name, r, col), label_at))
        return True
    if _is_measure(text, mapping) and later:
        group, prefix = "", f"{later} {_label(text)} "
    elif _is_measure(text, mapping):
        group, prefix = _label(text), ""
    elif session == 1:
        group, prefix = _label(measure), ""
    elif session == 2:
        group, prefix = "", f"{_label(text)} {_label(measure)} "
    else:
        again = _second_session_measure(text, mapping)
        if again is None:
            return False
        group, prefix = "", f"{again} "
    name, r, _ = label_at
    for col, point in grid:
        value = cells[col - 1] if col - 1 < len(cells) else None
        card.fields.append(Field(group, f"{prefix}{point}", value, (name, r, col), label_at))
    return True


def _names_date(text: str, mapping: dict[str, object]) -> bool:
    """Whether a grid row's label names a date (``Data``, ``Date``): the date of each
    time point's visit."""
    target = match_header(_label(text), mapping) if text else None
    return target is not None and target.label in ("date:procedure_date", "date:visit_date")


def _later_session(title: str) -> str:
    """The words of a title naming a later session by its number and a word for a
    session (``FOLLOW-UP dopo 2ª seduta`` -> ``2 a seduta``), or by such a word and its
    number after it (``FOLLOW-UP after procedure 2``, ``PROCEDURE 2 (new fracture)`` ->
    ``procedure 2``), or by an ordinal word before such a word (``DEUXIÈME INTERVENTION``
    -> ``2 intervention``, vocabulary: ordinals), or ``""``."""
    words = segment(normalize_text(title)).split()
    context = {segment(normalize_text(w)) for w in load_spec().vocabulary.second_session_context}
    ordinals = _later_ordinals()
    for k, word in enumerate(words):
        if word in context and k + 1 < len(words) and words[k + 1] in _LATER_NUMBERS:
            return f"{word} {words[k + 1]}"
        if word in ordinals and k + 1 < len(words) and words[k + 1] in context:
            return f"{ordinals[word]} {words[k + 1]}"
        if word not in _LATER_NUMBERS:
            continue
        end = k + 1
        if end < len(words) and words[end] not in context and len(words[end]) <= 3 and words[end].isalpha():  # fmt: skip
            end += 1  # the number's ordinal ending ("2 a" of "2ª", "2 nd")
        if end < len(words) and words[end] in context:
            return " ".join(words[k : end + 1])
    return ""


_LATER_NUMBERS = frozenset("23456789")


@cache
def _later_ordinals() -> dict[str, str]:
    """Each ordinal word of one word naming a later place (``deuxième``, ``segunda``),
    folded, with that place's digit (a word a first place also has is left out)."""
    places: dict[str, set[int]] = {}
    for n, words in load_spec().vocabulary.ordinals.items():
        for w in words:
            places.setdefault(segment(normalize_text(w)), set()).add(int(n))
    return {w: str(min(p)) for w, p in places.items() if " " not in w and min(p) >= 2 and str(min(p)) in _LATER_NUMBERS}  # fmt: skip


def _session_number(text: str) -> int | None:
    """The number of a session a label names by a word for a session or procedure and its
    number (``Session 2``, ``Procedure 1``), or ``None``."""
    words = segment(normalize_text(text)).split()
    context = {segment(normalize_text(w)) for w in load_spec().vocabulary.second_session_context}
    if len(words) == 2 and words[0] in context and words[1] in ("1", "2"):
        return int(words[1])
    return None


def _measure_line(
    sheet: str, row: int, cells: list[object], mapping: dict[str, object]
) -> list[Field] | None:
    """A measure's scores along one row, each in the cell after its time point written as
    a label (``Ambulation (1-4) | Pre-op: | 1 | 3 mths: | NA``): one field per time point,
    under the measure's name (without a bracketed range the header reader does not take,
    as ``(1-4)`` for a 0-4 scale), or ``None`` for any other row."""
    filled = _filled(cells)
    label = _text(filled[0][1]) if filled else ""
    if len(filled) < 3 or not _is_measure(label, mapping):
        return None
    points = [(c, _text(v)) for c, v in filled[1:] if _LABEL_END.search(_text(v))]
    if not points or not all(timepoint_of(_label(p)) for _, p in points):
        return None
    value_cols = {c + 1 for c, _ in points}
    if any(c not in value_cols and (c, _text(v)) not in points for c, v in filled[1:]):
        return None
    group = _label(label)
    first = _label(points[0][1])
    if match_header(f"{group} {first}", mapping) is None:
        bare = _BRACKETED.sub(" ", group).strip()
        group = bare if match_header(f"{bare} {first}", mapping) is not None else group
    return [
        Field(
            group,
            _label(p),
            cells[c] if c < len(cells) else None,
            (sheet, row, c + 1),
            (sheet, row, filled[0][0]),
        )
        for c, p in points
    ]


_BRACKETED = re.compile(r"\([^)]*\)")


def _blank(value: object) -> bool:
    return is_missing(value) or (isinstance(value, str) and not value.strip())


def _continued(
    above: tuple[tuple[object, Place], ...], row: tuple[tuple[object, Place], ...]
) -> tuple[tuple[object, Place], ...]:
    """A table row whose first cells are blank under a row that fills them (a further
    vertebra of the operation above: ``| | | L3 | 3.5``) continues that row: the blank
    leading cells are the above row's, read from its cells."""
    lead = next((k for k, (v, _) in enumerate(row) if not _blank(v)), 0)
    if lead == 0 or any(_blank(v) for v, _ in above[:lead]):
        return row
    return above[:lead] + row[lead:]


def _merged_down(sheet: RawSheet, first: int, last: int) -> dict[tuple[int, int], Place]:
    """Each cell of rows ``first`` to ``last`` covered by a range merged down several rows
    (an operation's technique merged over its vertebrae's rows), other than the range's
    top-left cell, and that top-left cell."""
    return {
        (r, c): (sheet.sheet, r0, c0)
        for r0, c0, r1, c1 in sheet.merged
        if r1 > r0 and first <= r0 <= last
        for r in range(r0, min(r1, last) + 1)
        for c in range(c0, c1 + 1)
        if (r, c) != (r0, c0)
    }


def _from_merges(
    sheet: RawSheet, row: tuple[tuple[object, Place], ...], covered: dict[tuple[int, int], Place]
) -> tuple[tuple[object, Place], ...]:
    """A table row whose blank cells lie under a cell merged down over them: the value
    shown there, read from (and named by) the merged range's top-left cell."""
    out = []
    for value, place in row:
        top = covered.get((place[1], place[2] or 0)) if _blank(value) else None
        if top is None or top[2] is None:
            out.append((value, place))
            continue
        cells = sheet.row(top[1] - 1)
        out.append((cells[top[2] - 1] if top[2] - 1 < len(cells) else None, top))
    return tuple(out)


_SEPARATORS = re.compile(r"\s[—–-]\s|[:;]")


def _second_session_measure(text: str, mapping: dict[str, object]) -> str | None:
    """A grid row of a second session's scores, its label a measure and then words naming
    the second session (``VAS — after the 2nd operation``): the label as a header reads
    it (the session's words first, ``2nd operation VAS``), or ``None``."""
    parts = _SEPARATORS.split(text, maxsplit=1)
    found = measure_words(parts[0].strip(), mapping) if len(parts) == 2 else None
    if found is None:
        return None
    words = parts[1].split()
    for k in range(len(words)):
        phrase = " ".join(words[k:])
        if after_session_words(segment(phrase) + " x"):
            return f"{phrase} {found[0]}"
    return None


def _says_empty(filled: list[tuple[int, object]]) -> bool:
    """Whether a table's first row is one word saying the table has no rows (``Aucune``),
    perhaps in two languages apart by a spaced slash (``គ្មាន / Aucune``: one part such a
    word, the other, its translation, holding no digit: no level, no date)."""
    if len(filled) != 1:
        return False
    words = {normalize_text(w) for w in load_spec().vocabulary.empty_table_words}
    text = _text(filled[0][1])
    parts = [p for p in _SPACED_SLASH.split(text) if p.strip()]
    return normalize_text(text) in words or (
        len(parts) == 2
        and any(normalize_text(p) in words for p in parts)
        and not any(ch.isdigit() for ch in text)
    )


_SPACED_SLASH = re.compile(r"\s/\s")


_LABEL_END = re.compile(r"[:：]\s*$")


def _pairs(
    sheet: str, row: int, filled: list[tuple[int, object]], anchor: bool, mapping: dict[str, object]
) -> list[Field]:
    """The label-value pairs of a row: its first cell and every cell ending in a colon
    are labels, each with the value after it (further cells before the next label are
    not read: the name and numbers a band row writes beside the study ID; a label with
    no value before the next label is left out); in a row of
    pairs side by side without colons (:func:`_side_by_side`), every pair."""
    every = _side_by_side(filled, mapping)
    out = []
    k = 0
    while k < len(filled):
        col, label = filled[k]
        if not _text(label) or k + 1 >= len(filled):
            k += 1
            continue
        vcol, value = filled[k + 1]
        if _LABEL_END.search(_text(label)) and _LABEL_END.search(_text(value)):
            # "Date of birth: | not known | Age: | 73 yrs": a label whose value is blank or
            # a missing marker, the next label beside it; that label starts its own pair
            k += 1
            continue
        text = _label(_text(label))
        if anchor and k == 0 and not is_id_label(text, mapping):
            text = ID_HEADER  # the label that starts every card names its study ID
        out.append(Field("", text, value, (sheet, row, vcol), (sheet, row, col)))
        k += 2
        while not every and k < len(filled) and not _LABEL_END.search(_text(filled[k][1])):
            k += 1
    return out


def _named_by_id(name: str) -> bool:
    """Whether a sheet's name is a study ID (``VP-07``, ``017``; not a year)."""
    text = name.strip()
    return code_like(text) and not (text.isdigit() and len(text) > 3)


def card_sheets(sheets: list[RawSheet], mapping: dict[str, object]) -> Cards:
    """The sheets that hold patient cards, read: one table of the cards' fields (one row
    per patient) and one per kind of card table, each named after the sheets it
    gathers."""
    cards: list[_Card] = []
    used: list[str] = []
    across = 0  # cards read side by side
    found_anchors = {s.sheet: _anchors(s, mapping) for s in sheets}
    named = [s.sheet for s in sheets if _named_by_id(s.sheet) and not found_anchors[s.sheet]]
    for sheet in sheets:
        windows = card_windows(sheet, mapping)
        if windows:
            cards += [_read_card(w.view, w.first, w.last, (w.label_col, w.id_col), mapping) for w in windows]  # fmt: skip
            used.append(sheet.sheet)
            across += len(windows)
            continue
        anchors = found_anchors[sheet.sheet]
        if not anchors and sheet.sheet in named and len(named) >= 2:
            anchors = [(1, 1, 0)]  # one card, its study ID the sheet's name
        if not anchors:
            continue
        found = []
        for k, (r, label_col, id_col) in enumerate(anchors):
            last = anchors[k + 1][0] - 1 if k + 1 < len(anchors) else sheet.n_rows
            card = _read_card(sheet, r, last, (label_col, id_col), mapping)
            if len(card.fields) >= 2 or card.tables:
                found.append(card)
        if found:
            cards += found
            used.append(sheet.sheet)
    if not cards:
        return Cards()
    ids = frozenset(str(c.patient_id) for c in cards)
    return Cards(tuple(used), tuple(_gathered(sheets[0].file, used, cards, mapping, across)), ids)


# What a card reading did, counted over the cards, as inspect says it: (Card field, words)
_SAID_BEFORE_SECTIONS = (
    (
        "continued",
        "table row(s) with blank first cells read as continuing the row above (a "
        "further vertebra of the same operation)",
    ),
    ("merged", "table cell(s) under a cell merged down several rows read as that cell's value"),
)
_SAID_AFTER_SECTIONS = (
    (
        "notes",
        "line(s) of free text under a title (a card's notes) read as a table of one "
        "column under that title",
    ),
    (
        "alternating",
        "table header(s) alternating field names with other words read as "
        "headers, not label-value pairs: the row under each writes values under all of them",
    ),
    (
        "no_fracture",
        "new-fracture label(s) with a word for none beside them (vocabulary: "
        "empty_table_words) read as no new fracture",
    ),
    (
        "later",
        "field(s) and table(s) under a title naming a later session by its number "
        "('PROCEDURE 2', 'after procedure 2') read as that session's",
    ),
    (
        "on_rows",
        "card field(s) naming an operation's cement or technique ('Cement: | PMMA') "
        "read on each row of the card's table of treated vertebrae",
    ),
)


def _counts_said(cards: list[_Card], said: tuple[tuple[str, str], ...]) -> str:
    out = ""
    for name, words in said:
        n = sum(getattr(c, name) for c in cards)
        if n:
            out += f"; {n} {words}"
    return out


def _label_field(label: str, mapping: dict[str, object]) -> str | None:
    """The field a card's label names by the header rules (or the mapping), or ``None``."""
    target = match_header(_label(label), mapping) if label else None
    return None if target is None else target.label


def _gathered(
    file: str, used: list[str], cards: list[_Card], mapping: dict[str, object], across: int = 0
) -> list[RawSheet]:
    span = used[0] if len(used) == 1 else f"{used[0]} … {used[-1]}"
    several = len(cards) > 1 and len(used) == 1
    how = (
        bands_said(across, len({c.key_at[1] for c in cards}))
        if across
        else f"case log: {len(cards)} patient blocks, each from a row naming the study ID"
        if several
        else f"patient cards: {len(cards)} sheet(s), one patient each"
    )
    how += _counts_said(cards, _SAID_BEFORE_SECTIONS)
    how += sections_said(sum(c.titled for c in cards), sum(c.one_row for c in cards))
    how += _counts_said(cards, _SAID_AFTER_SECTIONS)
    shape = "case-log" if several else "patient-cards"
    entries, aligned = aligned_labels(
        [Entry(c.key_at, tuple(c.fields)) for c in cards], lambda t: _label_field(t, mapping)
    )
    how += labels_said(aligned)
    out = [fields_sheet(file, f"{span} (patients)", entries, how, shape)]
    kinds: dict[tuple[str, ...], list[_Table]] = {}
    for card in cards:
        for t in card.tables:
            kind = (*(normalize_text(h) for h, _ in t.header), t.session)
            kinds.setdefault(kind, []).append(t)
    for k, tables in enumerate(kinds.values(), 1):
        first = tables[0]
        label = first.title or f"table {k}"
        header, rows = _with_session(first.header, tables)
        name = f"{span} ({label})"
        if any(s.sheet == name for s in out):  # two kinds of table under one title
            name = f"{span} ({label}, table {k})"
        out.append(table_sheet(file, name, header, rows, how, shape))
    return out


def _with_session(
    header: list[tuple[str, Place]], tables: list[_Table]
) -> tuple[list[tuple[str, Place]], list[TableRow]]:
    """The header and rows of tables gathered under one header; of tables under a title
    naming a later session, with a column of that session's number (its place the
    header's first cell, where the title's session is read from the table above it)."""
    rows = [row for t in tables for row in t.rows]
    session = tables[0].session
    if not session or not header:
        return header, rows
    at = header[0][1]
    return [*header, (SESSION_HEADER, at)], [
        replace(row, cells=(*row.cells, (int(session), at))) for row in rows
    ]
