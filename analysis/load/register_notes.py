"""A ward register: one row per event, what each event recorded written in one note.

A ward book typed line by line keeps one row per event (an admission, an operation, a
ward round, a clinic review, a phone call, a death) for the whole ward, a column naming
each row's event (``Tukio / Event``) and one column of free text holding all the
clinical content: on an operation's row the operative note (``VP done T12, L1. Cement
T12 4.5ml, L1 3ml (PMMA). No leak.``), on a follow-up's the visit's interval and its
pain score (``3/12 review (post 2nd VP). maumivu 2/10.``, ``Simu 6/12: pain 3/10``), on
the admission's the diagnosis and the pain before the operation (``OP # L1, low energy
fall. VAS 8/10.``), on others a death or a new fracture (``X-ray: new # L3``).

Such a sheet is recognised by its contents: a study ID column, an event column, no
column of levels, visits or outcomes of its own, and one column whose notes are
operative notes on some rows (naming the vertebrae and their cement) and name a visit's
interval on others. It is read with that column's notes apart, each in a column headed
by the field it holds:

* ``Operative note``: the note of a row it reads as an operative note;
* ``Visit``: the interval a follow-up's note opens with (``2/52 review``, ``Simu 6/12``,
  ``24hrs post-op``), else the row's event when that names a visit (``Kulazwa``,
  admission: before the operation);
* ``Scores``: the scores the note writes after their names (``maumivu 8/10``);
* ``Diagnosis``: on a patient's first row, when it is the visit before the operation,
  the note's words before its scores (the cause of the fracture);
* the note itself on the other rows (a death, a new fracture), read as remarks.

A column whose every filled cell writes an age with a sex (``72/Ke``, ``65 Me``,
``58yrs F``) is read as two, ``Age`` and ``Sex``. Every cell keeps its place, so a
problem names the cell the user sees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.io import RawSheet
from analysis.io.sheets import Place
from analysis.load.header import names_event
from analysis.load.measure_rows import plain_id_header
from analysis.load.reshape import Entry, Field, fields_sheet
from analysis.normalize import is_missing, match_header
from analysis.normalize.cells import CellError, parse_cell
from analysis.normalize.notes import read_note
from analysis.normalize.scores import named_scores
from analysis.normalize.timepoints import timepoint_of
from analysis.problems import column_letter
from analysis.spec import load_spec

SHAPE = "register-notes"  # the mapping file's ``shape``
OPERATIVE = "Operative note"
VISIT = "Visit"
SCORES = "Scores"
DIAGNOSIS = "Diagnosis"
_MIN_ROWS = 2  # operative notes and visits' notes, each at least
# a note's clauses: apart by a full stop, colon, semicolon or comma before a space
_CLAUSES = re.compile(r"[.;:,](?:\s+|$)")
# an age with a sex: "72/Ke", "65 Me", "58yrs F"
_AGE_SEX = re.compile(r"^\s*(\d{1,3})\s*(?:yrs?|years?)?\s*[/ ]?\s*([^\W\d_]{1,12})\.?\s*$")


@dataclass(frozen=True)
class Register:
    """Where a ward register keeps its header, events and notes (0-based)."""

    header_row: int
    id_col: int
    event_col: int
    note_col: int
    age_sex_col: int | None


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def clauses(note: str) -> list[str]:
    """A note's clauses, in order (``Simu 6/12: pain 3/10, doing well.``: three)."""
    return [c.strip() for c in _CLAUSES.split(note) if c.strip()]


def operative(note: object) -> bool:
    """Whether a note reads as an operative note: the vertebrae treated and their cement
    (a volume, a total or a kind)."""
    found = read_note(note) if isinstance(note, str) else None
    return (
        found is not None
        and bool(found.levels)
        and bool(found.volumes or found.total or found.cement_type)
    )


def visit_phrase(note: object) -> str | None:
    """The interval a follow-up's note opens with (``3/12 review (post 2nd VP)``), or
    ``None``."""
    if not isinstance(note, str) or operative(note):
        return None
    parts = clauses(note)
    return parts[0] if parts and timepoint_of(parts[0]) is not None else None


def _scores(note: str) -> tuple[str, list[str]]:
    """A note's clauses writing scores after their names, joined; and its clauses before
    the first of them."""
    parts = clauses(note)
    named = [i for i, c in enumerate(parts) if named_scores(c)]
    if not named:
        return "", parts
    return "; ".join(parts[i] for i in named), parts[: named[0]]


def age_sex(value: object) -> tuple[int, str] | None:
    """An age written with a sex (``72/Ke``): the age and the sex's word, when the word
    is a sex's (a value or a convention's code), else ``None``."""
    m = _AGE_SEX.match(_text(value))
    if m is None or not _sex_word(m[2]):
        return None
    return int(m[1]), m[2]


def _sex_word(word: str) -> bool:
    spec = load_spec()
    column = spec.column("patients", "sex")
    conventions = spec.vocabulary.value_conventions.get("patients.sex", ())
    codes = {c.casefold() for _, read in conventions for c in read}
    w = word.casefold()
    return w in {k.casefold() for k in column.value_lookup()} or w in codes


def _age_sex_column(sheet: RawSheet, header_row: int) -> int | None:
    for j in range(len(sheet.row(header_row))):
        cells = [_cell(sheet, i, j) for i in range(header_row + 1, sheet.n_rows)]
        filled = [c for c in cells if not is_missing(c)]
        if len(filled) >= _MIN_ROWS and all(age_sex(c) is not None for c in filled):
            return j
    return None


def _sex_codes(sheet: RawSheet, found: Register) -> dict[str, str]:
    """The sexes a column of ages with sexes writes as a convention's codes, each code's
    reading (``Ke``, ``Me``: female, male), when the column holds every code of it (a
    sex column's convention, read as in a column of its own beside the sexes' words)."""
    if found.age_sex_col is None:
        return {}
    words: set[str] = set()
    for i in range(found.header_row + 1, sheet.n_rows):
        read = age_sex(_cell(sheet, i, found.age_sex_col))
        if read is not None:
            words.add(read[1].casefold())
    conventions = load_spec().vocabulary.value_conventions.get("patients.sex", ())
    out: dict[str, str] = {}
    for codes, reading in conventions:
        if {c.casefold() for c in codes} <= words:
            out |= {k.casefold(): v for k, v in reading.items()}
    return out


def _one_measure(sheet: RawSheet, found: Register) -> str | None:
    """The one measure every score of the notes names (``pain_vas``: ``VAS 8/10``,
    ``maumivu 3/10``), or ``None`` when they name several or none."""
    named = set()
    for i in range(found.header_row + 1, sheet.n_rows):
        note = _cell(sheet, i, found.note_col)
        if isinstance(note, str) and not operative(note):
            named |= {m for c in clauses(note) for m, _ in named_scores(c) or ()}
    return named.pop() if len(named) == 1 else None


def _cell(sheet: RawSheet, i: int, j: int) -> object:
    row = sheet.row(i)
    return row[j] if j < len(row) else None


def _own_outcomes(header: list[object]) -> bool:
    """Whether a header names levels, visits or outcomes in columns of their own."""
    for cell in header:
        t = match_header(cell) if isinstance(cell, str) and cell.strip() else None
        if t is not None and (t.kind in ("visit", "measure") or t.label == "procedures.level"):
            return True
    return False


def find_register(sheet: RawSheet) -> Register | None:
    """Where the sheet keeps its events and notes, when it is a ward register."""
    found = plain_id_header(sheet)
    if found is None:
        return None
    header_row, id_col = found
    header = sheet.row(header_row)
    event = next((j for j, h in enumerate(header) if isinstance(h, str) and names_event(h)), None)
    if event is None or _own_outcomes(header):
        return None
    best, best_n = None, 0
    for j in range(len(header)):
        if j in (id_col, event):
            continue
        notes = [c for i in range(header_row + 1, sheet.n_rows) if isinstance(c := _cell(sheet, i, j), str)]  # fmt: skip
        ops = sum(operative(n) for n in notes)
        visits = sum(visit_phrase(n) is not None for n in notes)
        if ops >= _MIN_ROWS and visits >= _MIN_ROWS and ops + visits > best_n:
            best, best_n = j, ops + visits
    if best is None:
        return None
    return Register(header_row, id_col, event, best, _age_sex_column(sheet, header_row))


def register_sheet(sheet: RawSheet, found: Register) -> RawSheet:
    """The register with its notes apart (see the module docstring), every cell keeping
    its original place."""
    header = sheet.row(found.header_row)
    entries: list[Entry] = []
    seen: set[str] = set()
    codes = _sex_codes(sheet, found)
    measure = _one_measure(sheet, found)
    for i in range(found.header_row + 1, sheet.n_rows):
        row = sheet.row(i)
        if all(is_missing(c) for c in row):
            continue
        fields: list[Field] = []
        for j in range(max(len(header), len(row))):
            at, label_at = _at(sheet, i, j), _at(sheet, found.header_row, j)
            value = row[j] if j < len(row) else None
            label = _text(header[j]) if j < len(header) else ""
            label = label or column_letter(j + 1)
            if j == found.age_sex_col:
                read = age_sex(value)
                age, sex = (None, None) if read is None else (read[0], codes.get(read[1].casefold(), read[1]))  # fmt: skip
                fields += [Field("", "Age", age, at, label_at), Field("", "Sex", sex, at, label_at)]
            elif j == found.note_col:
                pid = _text(row[found.id_col]) if found.id_col < len(row) else ""
                first = bool(pid) and pid not in seen
                fields += _note_fields(value, _cell(sheet, i, found.event_col), first, measure, (label, at, label_at))  # fmt: skip
            else:
                fields.append(Field("", label, value, at, label_at))
        if found.id_col < len(row) and _text(row[found.id_col]):
            seen.add(_text(row[found.id_col]))
        entries.append(Entry(_at(sheet, i, found.id_col), tuple(fields)))
    name = f"{sheet.sheet} (notes apart)"
    return fields_sheet(sheet.file, name, entries, how(header, found), SHAPE)


def _note_fields(
    note: object, event: object, first: bool, measure: str | None, where: tuple[str, Place, Place]
) -> list[Field]:
    """One note's fields: the remark, the operative note, the visit, its scores and the
    diagnosis (each ``None`` where the note holds none). Where every score of the notes
    names one ``measure``, its column is headed by the measure and holds the scores
    alone (``8/10``)."""
    label, at, label_at = where
    remark: object = note
    op = visit = scores = diagnosis = None
    if isinstance(note, str) and operative(note):
        op, remark = note, None
    elif isinstance(note, str):
        visit = visit_phrase(note)
        if visit is None and timepoint_of(event) is not None:
            visit = _text(event)
        scores, before = _scores(note)
        if measure is not None and scores:
            scores = "; ".join(v for _, v in named_scores(scores) or ())
        scores = scores or None
        if visit is not None or scores is not None:
            remark = None
        if first and visit is not None and timepoint_of(visit) == "pre" and before:
            diagnosis = _cause(before)
    return [
        Field("", label, remark, at, label_at),
        Field("", OPERATIVE, op, at, label_at),
        Field("", VISIT, visit, at, label_at),
        Field("", measure or SCORES, scores, at, label_at),
        Field("", DIAGNOSIS, diagnosis, at, label_at),
    ]


def _cause(parts: list[str]) -> str:
    """The clause of an admission's note naming the cause of the fracture (``OP # L1``
    of ``OP # L1, low energy fall``; ``RTA (boda boda)``), the first that does; all of
    them when none does (read, and reported, as one)."""
    column = load_spec().column("patients", "etiology")
    for part in parts:
        try:
            if parse_cell(part, column) is not None:
                return part
        except CellError:
            continue
    return ", ".join(parts)


def how(header: list[object], found: Register) -> str:
    """How the shape was found, in words."""

    def named(j: int) -> str:
        text = _text(header[j]) if j < len(header) else ""
        return f"column {column_letter(j + 1)}" + (f" ({text})" if text else "")

    split = (
        f"; {named(found.age_sex_col)} read as an age and a sex"
        if found.age_sex_col is not None
        else ""
    )
    return (
        f"a register of events ({named(found.event_col)} names each row's event): the notes "
        f"of {named(found.note_col)} read apart, as operative notes, visits (the interval "
        "a note opens with, else the row's event), scores after their names and, on a "
        "patient's first row, the diagnosis; its other notes read as remarks" + split
    )


def _at(sheet: RawSheet, row: int, col: int) -> Place:
    return (sheet.sheet, row + 1, col + 1)
