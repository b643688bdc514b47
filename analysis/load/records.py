"""From the rows of a clinician's sheet to staged tidy records.

Each data row is parsed cell by cell against its column's declared type; every bad
cell becomes a :class:`~analysis.problems.Problem` naming its sheet, row and column.
A row may yield a patient record, one procedure record per treated vertebra, one
assessment per outcome cell and one fracture record per new fractured vertebra. Dates
stay here only until they become day offsets in :mod:`analysis.load.assemble`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cache
from itertools import chain, islice, pairwise, zip_longest
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from analysis.config import LoadOptions
from analysis.io import CellOrigin, RawSheet
from analysis.io.columns import Grid, distinct
from analysis.load.calendars import calendar_warnings
from analysis.load.checks import (
    distinct_headers,
    fill_ditto,
    fill_event_ids,
    fill_merged,
    fill_vertebra_ids,
    fill_visit_ids,
    is_record_number,
    known_levels,
    merged_copies,
    merged_copy_cells,
    merged_data_cells,
    record_number_ids,
    strip_control,
)
from analysis.load.continuation_rows import join_continuation_rows
from analysis.load.events import (
    DEATH,
    FRACTURE,
    event_column,
    event_levels,
    remark_dates,
    remark_fractures,
    remark_levels,
    row_event,
)
from analysis.load.group_rows import group_causes, group_causes_message, summary_label
from analysis.load.header import HeaderColumn, SheetLayout
from analysis.load.header_columns import LANGUAGE_UNSAID
from analysis.load.readings import (
    LEAK_BOXES,
    LEAK_LEVELS,
    REMARK_LEVEL,
    REPEAT_REMARK,
    CellReading,
    apply_readings,
    read_columns,
)
from analysis.load.resubmissions import resubmitted_rows
from analysis.load.roles import sheet_role
from analysis.load.same_as_before import fill_same_as_before
from analysis.load.session_rows import SessionAbove, filled_warning, further_vertebra, session_own
from analysis.load.session_suffix import suffixed_sessions
from analysis.normalize import CellError, is_missing, parse_cell, pseudonym
from analysis.normalize.cells import (
    WrittenTotal,
    fold_width,
    is_no,
    other_procedure,
    roman_numeral,
)
from analysis.normalize.dates import time_of_day
from analysis.normalize.deaths import names_death
from analysis.normalize.headers import DEATH_NOTE, LEAK_LEVEL, TWIN, header_text
from analysis.normalize.leakage_levels import BY_LINE, SESSION_SITES
from analysis.normalize.timepoints import BY_DATE, days_named, names_repeat, timepoint_of
from analysis.problems import (
    ERROR,
    WARNING,
    Problem,
    Source,
    column_letter,
    column_named,
    sheet_problem,
)
from analysis.spec import load_spec, normalize_text

if TYPE_CHECKING:
    from analysis.load.tidy import TidySheet

Record = dict[str, Any]


# "2,4": two numbers joined by a bare comma (a decimal comma, or a list of two)
_BARE_COMMA_PAIR = re.compile(r"(\d+),(\d+)")
# "3.5", "2、3.5、2": a decimal written with a point
_POINT_DECIMAL = re.compile(r"\d\.\d")
_BARE_COMMA_LIST = re.compile(r"\w,\w")

# columns that record deaths only: a patient whose cell names none did not die
_DEATH_REGISTERS = frozenset({"date:death_date", DEATH_NOTE.label})


@dataclass
class Staged:
    """Records of all tables before assembly, each carrying its source row in ``_src``."""

    patients: list[Record] = field(default_factory=list)
    procedures: list[Record] = field(default_factory=list)
    assessments: list[Record] = field(default_factory=list)
    fractures: list[Record] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # patient and table of every row whose patient is known, even if the row failed
    row_owner: dict[Source, tuple[str, str]] = field(default_factory=dict)
    # folded study ID -> the spelling kept, and the spellings merged into it
    id_spellings: dict[str, str] = field(default_factory=dict)
    merged_ids: dict[str, set[str]] = field(default_factory=dict)
    # tidy tables read column by column; their rows join the lists above only when
    # they need the row-by-row rules (analysis.load.columnar)
    tidy: list[TidySheet] = field(default_factory=list)
    # (file, sheet) -> per table (its header row, field -> (header, column index)): where
    # the fields a whole-table check names stand, so its message names their cells
    columns: dict[tuple[str, str], list[tuple[int, dict[str, tuple[str, int]]]]] = field(
        default_factory=dict
    )
    # (file, sheet) -> the sheet's 1-based position in its workbook, by which a message
    # names a sheet whose name may not be shown
    sheet_positions: dict[tuple[str, str], int] = field(default_factory=dict)
    # (file, sheet) of a reshaped sheet -> where its cells stand in the user's sheet
    origins: dict[tuple[str, str], CellOrigin] = field(default_factory=dict)
    # sheets read as one column per measure or item: a problem found after staging that
    # names an added column is named at the cell the value came from
    widened: list[RawSheet] = field(default_factory=list)
    # a log of events naming deaths was read: a patient of the workbook it names no death
    # of is read as alive (died = no), as in a register of deaths
    deaths_register: bool = False
    # (file, folded header) of each column of dates of death holding dates only, and each
    # sheet whose column of that header is blank throughout, with the warning saying so:
    # the patients of such a sheet did not die when the workbook's other sheets keep that
    # column as a register of deaths (one sheet a year, this year's without a death yet)
    death_columns: set[tuple[str, str]] = field(default_factory=set)
    blank_death_sheets: list[tuple[tuple[str, str], tuple[str, str], Problem]] = field(
        default_factory=list
    )

    def cell_of(self, src: Source, label: str) -> tuple[str, int] | None:
        """The header and column index of field ``label`` on the row ``src``."""
        tables = self.columns.get((src.file, src.sheet), [])
        above = [fields for header_row, fields in tables if header_row < src.row]
        return above[-1].get(label) if above else None

    def study_id(self, raw: str, fold: bool) -> str:
        """The patient key for a study ID as typed: trimmed, inner spaces collapsed and,
        when ``fold``, one key for spellings that differ only in case or, in an ID of a
        prefix of letters and a number, in the mark between them and the number's leading
        zeros (``KVP-007``, ``KVP 007``, ``kvp-7``; first seen wins)."""
        text = " ".join(raw.split())
        if not fold:
            return text
        kept = self.id_spellings.setdefault(folded_id(text), text)
        if kept != raw:
            self.merged_ids.setdefault(kept, set()).add(raw)
        return kept


# "KVP-007", "KVP 7", "kvp_007": a prefix of letters, a mark or a space or none, a number
_PREFIXED_NUMBER = re.compile(r"([^\W\d_]+)[\s\-_./]*0*(\d+)")


def _id_shape(text: str) -> str:
    """A study ID's shape: its digits as ``9``, its letters as ``A`` (``KVP-013`` ->
    ``AAA-999``)."""
    return re.sub(r"[^\W\d_]", "A", re.sub(r"\d", "9", text))


def folded_id(text: str) -> str:
    """A study ID's key for spellings of one patient: case folded and, in an ID of a
    prefix of letters and a number alone, the mark between them and the number's leading
    zeros left out (``KVP-007``, ``KVP 007``, ``kvp-7`` -> ``kvp-7``)."""
    folded = text.casefold()
    whole = _PREFIXED_NUMBER.fullmatch(folded)
    return f"{whole[1]}-{whole[2]}" if whole else folded


@dataclass(frozen=True)
class RowContext:
    """Extra facts about a row that its cells do not carry (REDCap events and instruments)."""

    timepoint: str | None = None
    kind: str | None = None  # "procedure", "fracture" or None for a base row


def _unused_block(
    part: int, rec: dict[str, Record], dates: dict[str, date], scored: list[tuple[int, Record]]
) -> bool:
    """Whether a later session's block on a row was left unused: undated, no score of it,
    its cells saying nothing but no (a leak cell written "-", read as no leak beside the
    column's words), no level, technique or volume."""
    if part == 1 or _part_key("procedure_date", part) in dates or any(p == part for p, _ in scored):
        return False
    prefix = f"procedures@{part}."
    values = [v for k, f in rec.items() if k.startswith(prefix) for v in f.values()]
    return bool(values) and all(
        v is False or v == "none" or (isinstance(v, tuple | list) and set(v) <= {"none"})
        for v in values
    )


def _part_key(name: str, part: int) -> str:
    return name if part == 1 else f"{name}@{part}"


def _as_event(event: str, rec: dict[str, Record], dates: dict[str, date]) -> RowContext | None:
    """A log's row of a new fracture or a death: its level and date moved to what the row
    records (the row treats no vertebra); the context it is emitted in."""
    when = dates.pop("procedure_date", None)
    if event == FRACTURE:
        level = rec["procedures"].pop("level", None)
        if level is not None:
            rec["fractures"]["level"] = level
        if when is not None:
            dates["fracture_date"] = when
        return RowContext(kind="fracture")
    if event == DEATH:
        # a log of new fractures and deaths: its dates are read as the fractures'; a table
        # of visits: as the visits'
        when = when or dates.pop("fracture_date", None) or dates.pop("visit_date", None)
        if when is not None:
            dates["death_date"] = when
    return None


def _row_cells(sheet: RawSheet, row: int) -> list[object]:
    return sheet.rows[row - 1] if row - 1 < sheet.n_rows else []


def _is_note(cells: list[object]) -> bool:
    """A row whose one filled cell is a sentence (``Orange = file to complete``), a
    heading ending in a colon (``Notes:``, ``註：``), a year heading a section of rows
    (``2019``) or a printed page's footer (``Page 1/2``), not a study ID."""
    # two filled cells are enough to tell (most rows: the study ID and the next)
    filled = list(
        islice(
            (c for c in cells if c is not None and not (isinstance(c, str) and not c.strip())), 2
        )
    )
    if len(filled) != 1:
        return False
    text = str(filled[0]).strip()
    if isinstance(filled[0], bool) or not isinstance(filled[0], str | int | float):
        return False
    if re.fullmatch(r"(19|20)\d\d(\.0)?", text):
        return True  # a year alone on its row: the rows below are that year's
    if not isinstance(filled[0], str):
        return False
    if text.endswith((":", "：")):
        return True
    if text[0] in _NOTE_MARKS and len(text[1:].strip()) >= 4:
        return True  # a footnote led by a reference mark (``※VASはcm (0-10)``, ``* VAS in cm``)
    if sum(map(_is_cjk_letter, text)) >= 6:  # a sentence written without spaces
        return True
    if (page := _PAGE_FOOTER.fullmatch(text)) and 0 < int(page[1]) <= int(page[2]):
        return True  # a printed page's footer (``Page 1/2``): a word, the page of the pages
    if _COUNT_FOOTER.fullmatch(text):
        return True  # a database export's count of its rows under them (``16 records``)
    return len(text.split()) >= 3 and len(text) > 15


# the count of rows a database's export writes under them: "16 records", "16 rows exported"
_COUNT_FOOTER = re.compile(
    r"\(?\d{1,6}\s+(?:records?|rows?|row\(s\))(?:\s+(?:exported|selected|returned|affected))?\)?",
    re.IGNORECASE,
)
# marks leading a footnote under a table (the Japanese and Korean ※, the asterisk, dagger)
_NOTE_MARKS = frozenset("※*†‡§")
_PAGE_FOOTER = re.compile(r"[^\W\d_]{1,8}\.?\s*(\d{1,3})\s*/\s*(\d{1,3})")


def _is_total_row(cells: list[object]) -> bool:
    """A table's totals row: its first cell a word for total (``Total``), the sums and
    counts of the columns beside it; or its first filled cell a word for total with the
    period it sums (``JUMLA FEBRUARI 2021``: a month's totals in a register)."""
    first = cells[0] if cells else None
    if isinstance(first, str) and normalize_text(first) in _total_row_words():
        return True
    filled = next((c for c in cells if not _is_blank([c])), None)
    if not isinstance(filled, str):
        return False
    period = _TOTAL_OF_PERIOD.fullmatch(normalize_text(filled))
    return period is not None and period[1] in _total_row_words()


# a total word, then the period it sums: a month's name or two, a year ("jumla februari 2021")
_TOTAL_OF_PERIOD = re.compile(r"([^\W\d_]+)((?:\s+[^\W\d_]+){0,2}\s+(?:19|20)\d\d)")


@cache
def _total_row_words() -> frozenset[str]:
    return frozenset(normalize_text(w) for w in load_spec().vocabulary.total_row_words)


def _is_cjk_letter(c: str) -> bool:
    return "\u3040" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7af"


def _is_blank(cells: list[object]) -> bool:
    if cells:  # most rows hold their study ID first: no need to look further
        first = cells[0]
        if first is not None and not (isinstance(first, str) and not first.strip()):
            return False
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def _numbers_columns(cells: list[object]) -> bool:
    """Whether a row only numbers its columns: five or more whole numbers, each its
    column's place plus one same offset (``1, 2, 3, ...`` under the header)."""
    filled = [(i, _whole(c)) for i, c in enumerate(cells) if not _is_blank([c])]
    offsets = {None if n is None else n - i for i, n in filled}
    return len(filled) >= 5 and len(offsets) == 1 and None not in offsets


def _whole(cell: object) -> int | None:
    """A cell's whole number (``3``, ``3.0``, ``"3"``), or ``None``."""
    if isinstance(cell, int | float) and not isinstance(cell, bool) and float(cell).is_integer():
        return int(cell)
    if isinstance(cell, str) and cell.strip().isdecimal() and cell.strip().isascii():
        return int(cell)
    return None


def _without_summary_rows(
    kept: list[tuple[int, list[object]]], layout: SheetLayout, sheet: RawSheet, out: Staged
) -> list[tuple[int, list[object]]]:
    """The data rows without the summary rows under the table (``Mean (n=23)``, ``Total
    cement (ml)`` in the study-ID column, the vocabulary's ``summary_rows`` and
    ``total_words``), each reported as not read."""
    ids = [c.index for c in layout.columns if c.target is not None and c.target.label == "patients.patient_id"]  # fmt: skip
    if len(ids) != 1:
        return kept
    end = len(kept)
    summary: list[int] = []
    while end > 1:
        cells = kept[end - 1][1]
        if summary_label(cells, ids[0]):
            summary.append(end - 1)
        elif not _note_line(cells, ids[0]):
            break  # a legend line under the summary rows is passed over, kept as it was
        end -= 1
    gone = set(summary) | {
        i for i, (_, cells) in enumerate(kept[:end]) if summary_label(cells, ids[0], own=True)
    }
    out.problems.extend(
        Source(sheet.file, sheet.sheet, row).problem(
            "summary_row",
            f"a summary row (a mean or a total) {'under' if i in summary else 'within'} the "
            "table: not read as a patient",
            severity=WARNING,
        )
        for i, (row, _) in enumerate(kept)
        if i in gone
    )
    return [r for i, r in enumerate(kept) if i not in gone]


def _without_group_headings(
    kept: list[tuple[int, list[object]]],
    headings: dict[int, str],
    layout: SheetLayout,
    sheet: RawSheet,
    out: Staged,
) -> list[tuple[int, list[object]]]:
    """The data rows without the rows heading groups by their cause
    (:mod:`analysis.load.group_rows`): said once for the sheet, and on each heading's row
    as not read as a patient."""
    said = group_causes_message(headings)
    out.problems.append(
        sheet_problem(
            sheet.file, sheet.sheet, "group_causes", said, row=layout.header_row, severity=WARNING
        )
    )
    out.problems.extend(
        Source(sheet.file, sheet.sheet, row).problem(
            "group_causes",
            f"a row heading a group of rows, naming the cause {cause}: not read as a "
            "patient; the rows under it read with that etiology",
            severity=WARNING,
        )
        for row, cause in headings.items()
    )
    return [(r, cells) for r, cells in kept if r not in headings]


def _note_line(cells: list[object], index: int) -> bool:
    """A row of one text cell alone and no study ID (a legend line under the table)."""
    written = [c for c in cells if c is not None and str(c).strip()]
    blank_id = index - 1 >= len(cells) or cells[index - 1] is None
    return blank_id and len(written) == 1 and isinstance(written[0], str)


class _RowParser:
    """Parses one sheet; keeps per-sheet state (the reading of every cell, patient keys).

    Every cell's reading is worked out column by column, once per distinct raw value
    (:mod:`analysis.load.readings`); a row then only gathers its readings.
    """

    def __init__(self, sheet: RawSheet, layout: SheetLayout, options: LoadOptions, out: Staged):
        self.sheet, self.layout, self.options, self.out = sheet, layout, options, out
        self.spec = load_spec()
        first = layout.first_data_row
        grid = sheet.rows[first - 1 :] if first - 1 < sheet.n_rows else []
        kept = [(r, cells) for r, cells in enumerate(grid, start=first) if not _is_blank(cells)]
        if kept and kept[0][0] == first and _numbers_columns(kept[0][1]):
            kept = kept[1:]  # "1, 2, 3, ..." under the header, as a printed register has
            out.problems.append(
                Source(sheet.file, sheet.sheet, first).problem(
                    "column_numbers",
                    "row numbers the columns (1, 2, 3, ...) under the header: not read as data",
                    severity=WARNING,
                )
            )
        kept = _without_summary_rows(kept, layout, sheet, out)
        self.groups = group_causes(sheet, layout, [r for r, _ in kept])
        if self.groups is not None:
            kept = _without_group_headings(kept, self.groups.headings, layout, sheet, out)
        self.data_rows = [r for r, _ in kept]
        self.merged_copies = merged_copy_cells(sheet, layout)
        by_column = list(zip_longest(*(cells for _, cells in kept)))
        self.by_column = by_column  # the data rows' cells, column by column
        # volume columns already said to join two volumes with a bare comma
        self.comma_lists: set[int] = set()
        cells = [
            by_column[c.index - 1] if c.index - 1 < len(by_column) else (None,) * len(kept)
            for c in layout.columns
        ]
        readings, undecided = read_columns(sheet.file, sheet.sheet, layout.columns, cells, options)
        for col in layout.columns:
            if col.index in undecided:
                self._undecided_order(col, undecided[col.index])
        by_row = list(zip(*readings, strict=True)) if readings else [()] * len(kept)
        self.readings = dict(zip(self.data_rows, by_row, strict=True))
        self.patient_cells = self._patient_column(cells)
        self.visit_column = self._date_column("date:visit_date")
        # a visit's date in a row of visits across, by session and time point
        self.visit_date_columns = {
            (c.session, c.target.timepoint): (c.header, c.index)
            for c in layout.columns
            if c.target is not None and c.target.kind == "date" and c.target.timepoint is not None
        }
        # on a sheet of one row per visit, a visit row's date stands in the date column
        self.row_date_column = self.visit_column or self._date_column("date:procedure_date")
        # its twin: the same dates in another calendar, named with it
        self.row_date_twin = self._date_column(f"{TWIN}:date:visit_date") if self.visit_column else self._date_column(f"{TWIN}:date:procedure_date")  # fmt: skip
        self.patient_keys: dict[object, str | None] = {}
        self._seed_spellings()
        self.technique_columns = [
            c
            for c in layout.columns
            if c.target is not None and c.target.label == "procedures.technique"
        ]
        self.deaths_only = self._deaths_only(cells)
        self.out.problems.extend(
            calendar_warnings(self.sheet.file, self.sheet.sheet, layout, cells)
        )
        self.said_columns: set[int] = set()  # columns read as events, said by a warning
        self.events = self._events()
        # a sheet of one row per visit (a visit column, or a visit date and no level): a
        # row's procedure identifier names its visit's session
        targets = [c.target for c in layout.columns if c.target is not None]
        self.visit_rows = any(t.kind == "visit" for t in targets) or (
            any(t.label == "date:visit_date" for t in targets)
            and not any(t.label == "procedures.level" for t in targets)
        )
        # a sheet reading no field of a procedure (scores a row, its procedure named by
        # its date): a row's procedure date names the session another sheet treated
        self.dated_scores = not any(t.label.startswith("procedures.") for t in targets)
        self.remark_column: HeaderColumn | None = None
        self.remark_dates: dict[int, date] = {}
        self.remark_levels = self._remark_levels()
        # on a sheet of one row per visit, each patient's last procedure row so far (its
        # session and date): the one an undated visit row below it follows
        self.last_procedure: dict[str, tuple[object, date | None]] = {}
        # rows whose second session's date was reported as before the first (its date dropped)
        self.order_said: set[Source] = set()
        # the session the row above was read into, and the rows read as its further
        # vertebrae (:mod:`analysis.load.session_rows`)
        self.session_above: SessionAbove | None = None
        self.session_rows: list[Source] = []

    def _date_column(self, label: str) -> tuple[str, int] | None:
        """The header and index of the first session's column read as ``label``."""
        return next(
            (
                (c.header, c.index)
                for c in self.layout.columns
                if c.target is not None and c.target.label == label and c.session == 1
            ),
            None,
        )

    def _remark_levels(self) -> dict[int, tuple[str, ...]]:
        """The rows whose remark names a new fracture and its vertebra, holding nothing of
        a procedure (:func:`analysis.load.events.remark_levels`), said once; rows an event
        cell already reads as events keep that reading."""
        found = remark_levels(self.layout, self.data_rows, self.by_column)
        if found is None:
            return {}
        col, levels = found
        levels = {r: v for r, v in levels.items() if r not in self.events}
        if not levels:
            return {}
        self.remark_column = col
        remarks = dict(zip(self.data_rows, self.by_column[col.index - 1], strict=True))
        self.remark_dates = remark_dates(list(levels), [remarks[r] for r in levels])
        self.out.problems.append(
            sheet_problem(
                self.sheet.file,
                self.sheet.sheet,
                "remark_fractures",
                f"{column_named(col.letter, col.header)} names a new fracture and its vertebra "
                f"on {len(levels)} row(s) treating no vertebra: read as a new fracture at that "
                "vertebra, dated by the row (or by the date the remark gives)",
                row=self.layout.header_row,
                column=col.header,
                col_index=col.index,
                severity=WARNING,
            )
        )
        return levels

    def read_after_all(self, problem: Problem) -> bool:
        """Whether ``problem`` is the error that a column was not read, for values its
        header (or its group's title, ``Outcome``) did not promise, when its remarks are
        read after all as new fractures (the warning saying so stands instead)."""
        col = self.remark_column
        return (
            col is not None
            and problem.rule == "column_reading"
            and problem.severity == ERROR
            and col.reason.startswith("values contradict header")
            and (problem.cell or "").rstrip("0123456789") == col.letter
        )

    def _events(self) -> dict[int, str]:
        """Each data row's event when the sheet is a log of events (:mod:`events`) that
        names new fractures or deaths, reported once; a log naming deaths reads a patient
        without one as alive. On a sheet of one row per visit without an event column, a
        visit cell naming a death (``HERIOTZA / EXITUS``) makes its row the death's, and
        one naming a new fracture alone (``YENİ KIRIK``) the fracture's."""
        col = event_column(self.layout)
        visits = col is None
        if visits:
            col = next((c for c in self.layout.columns if c.target is not None and c.target.kind == "visit"), None)  # fmt: skip
        events = (
            {}
            if col is None or col.index > len(self.by_column)
            else {
                r: e
                for k, (r, v) in enumerate(
                    zip(self.data_rows, self.by_column[col.index - 1], strict=True)
                )
                if (e := row_event(v)) is not None
                and not (visits and e == FRACTURE and not self._fracture_only(k, v))
            }
        )
        remarks = (
            None
            if FRACTURE in events.values()
            else remark_fractures(self.layout, self.data_rows, self.by_column)
        )
        if remarks is not None and events and col is not None:
            # a log whose event column names deaths and whose remarks name the new
            # fractures (``MRI`` beside ``nieuwe inzakkingsfractuur``): both read
            self._said_events(col, events, None)
            found = {r: e for r, e in remarks[1].items() if r not in events}
            if found:
                self._said_events(remarks[0], found, remarks)
            return {**events, **found}
        if remarks is not None:
            col, events = remarks
        if not events or col is None:
            return {}
        self._said_events(col, events, remarks)
        return events

    def _said_events(
        self,
        col: HeaderColumn,
        events: dict[int, str],
        remarks: tuple[HeaderColumn, dict[int, str]] | None,
    ) -> None:
        """The warning saying how a log's event or remark column was read."""
        n_fractures = sum(e == FRACTURE for e in events.values())
        n_deaths = len(events) - n_fractures
        self.said_columns.add(col.index)
        self.deaths_only = self.deaths_only or n_deaths > 0
        self.out.deaths_register = self.out.deaths_register or n_deaths > 0
        self.out.problems.append(
            sheet_problem(
                self.sheet.file,
                self.sheet.sheet,
                "event_rows",
                (
                    f"{column_named(col.letter, col.header)} names a new fracture at the "
                    f"vertebra of the row's level cell on {n_fractures} row(s) holding "
                    "nothing else of a procedure: read as the level and date of a new "
                    "fracture (no vertebra treated)"
                    if remarks is not None
                    else f"{column_named(col.letter, col.header)} names each row's event: "
                    f"{n_fractures} row(s) of a new fracture read as the level and date of a "
                    f"new fracture (no vertebra treated), {n_deaths} row(s) of a death as the "
                    "date of death (a patient without one read as alive)"
                ),
                row=self.layout.header_row,
                column=col.header,
                col_index=col.index,
                severity=WARNING,
            )
        )

    def _fracture_only(self, k: int, visit: object) -> bool:
        """Whether data row ``k``, whose visit cell names a new fracture, records only that
        (no time point, no procedure cell beside its level: not ``Procedure 2 - new
        fracture``; no score: not ``Pre-procedure consult - new fx``, the visit before
        treating it). The session a row belongs to (``Episodio`` 1, written on each of its
        visits' rows too) is no procedure cell."""
        if timepoint_of(visit) is not None:
            return False
        procedure = [
            c.index - 1
            for c in self.layout.columns
            if c.target is not None
            and (
                (
                    c.target.table == "procedures"
                    and c.target.column not in ("level", "procedure_id")
                )
                or c.target.kind == "measure"
            )
        ]
        return all(j >= len(self.by_column) or is_missing(self.by_column[j][k]) for j in procedure)

    def _deaths_only(self, cells: Sequence[Sequence[object]]) -> bool:
        """A column of dates of death that holds dates and no "no": a register of deaths,
        in which a blank cell says the patient is not known to have died (died = no)."""
        for col, column_cells in zip(self.layout.columns, cells, strict=True):
            if col.target is None or col.target.label not in _DEATH_REGISTERS:
                continue
            filled = [v for v in column_cells if not is_missing(v)]
            if col.target.label != DEATH_NOTE.label:
                self._death_column(col, filled)
            if col.target.label == DEATH_NOTE.label:  # remarks, some naming deaths
                filled = [v for v in filled if names_death(v)]
                # a card's notes name its patient's death; a patient with no notes did not die
                self.out.deaths_register = self.out.deaths_register or bool(filled)
            if filled and not any(is_no(v) for v in filled):
                self.out.problems.append(
                    sheet_problem(
                        self.sheet.file,
                        self.sheet.sheet,
                        "deaths_only",
                        f"{column_named(col.letter, col.header)} "
                        + (
                            "names deaths among its remarks: a patient whose remark names "
                            "none is read as not having died"
                            if col.target.label == DEATH_NOTE.label
                            else "holds dates of death only: a patient whose cell is blank "
                            "is read as not having died"
                        ),
                        row=self.layout.header_row,
                        column=col.header,
                        col_index=col.index,
                    )
                )
                return True
        return False

    def _death_column(self, col: HeaderColumn, filled: list[object]) -> None:
        """Note a column of dates of death holding dates only as a register of deaths by
        its header, and one blank throughout as a sheet that may belong to such a register
        (decided once every sheet is read: :func:`analysis.load.assemble.assemble`)."""
        key = (self.sheet.file, normalize_text(col.header))
        if filled and not any(is_no(v) for v in filled):
            self.out.death_columns.add(key)
        elif not filled and self.data_rows:
            warning = sheet_problem(
                self.sheet.file,
                self.sheet.sheet,
                "deaths_only",
                f"{column_named(col.letter, col.header)} is blank on this sheet, and the "
                "column of that header on the workbook's other sheets holds dates of death "
                "only: the sheet's patients are read as not having died",
                row=self.layout.header_row,
                column=col.header,
                col_index=col.index,
            )
            self.out.blank_death_sheets.append(((self.sheet.file, self.sheet.sheet), key, warning))

    def _undecided_order(self, col: HeaderColumn, n: int) -> None:
        """A column whose day/month order cannot be told is one column-level error (its
        dates are left missing), not one error per cell; a warning for the dates of a
        visit across (``M1`` over ``Date``), whose time point dates its scores all the same."""
        across = col.target is not None and col.target.timepoint is not None
        self.out.problems.append(
            sheet_problem(
                self.sheet.file,
                self.sheet.sheet,
                "date_order",
                f"{column_named(col.letter, col.header)}: {n} dates could be day-first "
                "or month-first and the column does not tell; they are left missing. Set "
                "date_order (dmy or mdy) in the mapping file or give --date-order"
                + ("; the visit's scores keep their time point" if across else ""),
                row=self.layout.header_row,
                column=col.header,
                col_index=col.index,
                severity=WARNING if across else "error",
                action="dates left missing",
            )
        )

    def _patient_column(
        self, cells: Sequence[Sequence[object]]
    ) -> tuple[str, dict[int, object]] | None:
        """The kind of patient key and its cell on every data row: the study ID, else the
        record number; ``None`` when the sheet has neither."""
        for wanted in (("patient_id", "column"), ("mrn", "identifier")):
            for col, column_cells in zip(self.layout.columns, cells, strict=True):
                t = col.target
                if t is not None and (t.column, t.kind) == wanted:
                    return wanted[0], dict(zip(self.data_rows, column_cells, strict=True))
        return None

    def _id_column(self) -> HeaderColumn | None:
        """The column the patient key is read from."""
        for wanted in (("patient_id", "column"), ("mrn", "identifier")):
            for col in self.layout.columns:
                t = col.target
                if t is not None and (t.column, t.kind) == wanted:
                    return col
        return None

    def patient_key(self, row: int) -> str | None:
        """The patient key of a row, worked out once per distinct raw cell (the study ID
        spellings met first are the ones kept, as when every row is read afresh)."""
        if self.patient_cells is None:
            return None
        kind, cells = self.patient_cells
        v = cells[row]
        try:
            return self.patient_keys[(type(v), v)]
        except KeyError:
            found = self._patient_key(kind, v)
            self.patient_keys[(type(v), v)] = found
            return found
        except TypeError:  # an unhashable cell value
            return self._patient_key(kind, v)

    def _raw_id(self, v: object) -> str:
        return fold_width(strip_control(str(parse_cell(v, self.spec.column("patients", "patient_id")))))  # fmt: skip

    def _seed_spellings(self) -> None:
        """Of a patient's study ID spellings on this sheet (``US-06``, ``US06``), the one
        shaped as the sheet's IDs are most often written (``US-07``, ``US-08``: letters, a
        dash, two digits) is kept (the first of those alike), when no sheet before named
        the patient: a slip of the hand is the rarer shape."""
        if self.patient_cells is None or not self.options.fold_ids:
            return
        kind, cells = self.patient_cells
        if kind != "patient_id":
            return
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        for v in cells.values():
            if not is_missing(v):
                text = " ".join(self._raw_id(v).split())
                if text:
                    counts[folded_id(text)][text] += 1
        shapes = Counter(
            _id_shape(t) for spellings in counts.values() for t in spellings.elements()
        )
        for key, spellings in counts.items():
            if len(spellings) > 1:
                best = max(spellings, key=lambda t: shapes[_id_shape(t)])  # first of the best
                self.out.id_spellings.setdefault(key, best)

    def _patient_key(self, kind: str, v: object) -> str | None:
        if is_missing(v):
            return None
        secret = self.options.pseudonym_secret
        if kind == "patient_id":
            raw = self._raw_id(v)
            if secret and is_record_number(raw):
                return pseudonym(raw, secret)  # a record number typed as the study ID
            return self.out.study_id(raw, self.options.fold_ids) or None
        if not secret:
            raise ValueError(
                "the sheet identifies patients only by record number: give a "
                "pseudonym secret (--secret) so a keyed pseudonym replaces it"
            )
        return pseudonym(v, secret)

    def parse_row(self, row: int, context: RowContext | None) -> None:
        src = Source(self.sheet.file, self.sheet.sheet, row)
        self.out.sources.append(src)
        if _is_note(_row_cells(self.sheet, row)) or _is_total_row(_row_cells(self.sheet, row)):
            return  # a footnote, legend line or totals row: reported as holding no data
        pid = self.patient_key(row)
        if pid is None and self._other_procedure(src, row):
            return  # a theatre book's other case (a discectomy): not a study case, said
        if pid is None:
            id_col = self._id_column()
            self.out.problems.append(
                src.problem(
                    "patient_id",
                    "row has no patient identifier (study ID); fill it in",
                    column=None if id_col is None else id_col.header,
                    col_index=None if id_col is None else id_col.index,
                    key=True,
                )
            )
            return
        self.out.row_owner[src] = (pid, "procedures")
        if self.events.get(row) != FRACTURE and self._other_procedure(src, row):
            return  # an imaging line whose report names a new fracture is that fracture's
        rec: dict[str, Record] = {"patients": {}, "procedures": {}, "fractures": {}}
        assessments: list[tuple[int, Record]] = []
        dates: dict[str, date] = {}
        timepoint = context.timepoint if context else None
        level_failed = apply_readings(
            self._readings(row), src, pid, timepoint, rec, assessments, dates, self.out.problems
        )
        if self.groups is not None and row in self.groups.causes:
            rec["patients"].setdefault("etiology", self.groups.causes[row])
        named = self.remark_levels.get(row) or self._event_levels(row, rec)
        if named and not rec["fractures"].get("level"):
            rec["fractures"]["level"] = named  # dated by the row (its visit's, or its own)
            if row in self.remark_dates:  # ... unless the remark gives its own date
                dates.setdefault("fracture_date", self.remark_dates[row])
            if not self.visit_rows and context is None and row not in self.events:
                context = _as_event(FRACTURE, rec, dates)
        if row in self.events and context is None:
            context = _as_event(self.events[row], rec, dates)
        self.emit(src, pid, rec, assessments, dates, context, level_failed)

    def _event_levels(self, row: int, rec: dict[str, Record]) -> tuple[str, ...]:
        """The vertebrae a new fracture's event cell names (``Nova fratura T6``) on a row
        of a log whose level cells give none."""
        if self.events.get(row) != FRACTURE or rec["procedures"].get("level"):
            return ()
        col = event_column(self.layout)
        if col is None:
            return ()
        cells = _row_cells(self.sheet, row)
        return event_levels(cells[col.index - 1] if col.index <= len(cells) else None)

    def _readings(self, row: int) -> Sequence[CellReading]:
        """The row's readings; on a new fracture's row (an MRI line whose report names
        it), a technique cell naming that other procedure is no technique to check."""
        readings = self.readings[row]
        if self.events.get(row) != FRACTURE or not self.technique_columns:
            return readings
        cells = _row_cells(self.sheet, row)
        other = any(
            other_procedure(cells[c.index - 1] if c.index - 1 < len(cells) else None)
            for c in self.technique_columns
        )
        if not other:
            return readings
        headers = {c.header for c in self.technique_columns}
        kept = [r for r in readings if r.error is None or r.error.column not in headers]
        return [r for r in kept if r.name != "technique"]

    def _other_procedure(self, src: Source, row: int) -> bool:
        """A row whose technique is a procedure other than augmentation (a biopsy) and
        no augmentation technique: no treated vertebra, reported as not read."""
        if not self.technique_columns:
            return False
        cells = _row_cells(self.sheet, row)
        for col in self.technique_columns:
            value = cells[col.index - 1] if col.index - 1 < len(cells) else None
            if not other_procedure(value):
                return False
            try:
                parse_cell(value, self.spec.column("procedures", "technique"))
            except CellError:
                self.out.problems.append(
                    src.problem(
                        "not_augmentation",
                        "a procedure other than vertebral augmentation (such as a biopsy): "
                        "not a treated vertebra; row not read",
                        column=col.header,
                        col_index=col.index,
                        severity=WARNING,
                    )
                )
                return True
        return False

    def _age_from_birth_year(self, src: Source, patient: Record) -> None:
        """The age at the row's procedure from a year of birth: the procedure's year minus
        the year of birth (an age typed on the row wins); the year itself is not kept."""
        year = patient.pop("_birth_year", None)
        header, index = patient.pop("_birth_year_at", (None, None))
        when = patient.get("_row_date")
        if year is None or when is None or patient.get("age_years") is not None:
            return
        age = when.year - int(year)
        if 1 <= age <= 120:
            patient["age_years"] = age
            return
        message = (
            f"a year of birth {age} years before the procedure: age_years must lie within "
            "1-120 (the year is not shown: a birth year identifies the patient)"
        )
        self.out.problems.append(src.problem("range", message, column=header, col_index=index))

    def _visit_row_date(self, patient: Record, dates: dict[str, date]) -> None:
        """On a sheet of one row per visit, a visit's row is dated by its visit: an age
        typed on it is the age on that date (checked against the other rows' dates by
        :func:`analysis.load.assemble._age_at_index`, the age on the procedure's row
        kept)."""
        if self.visit_rows and patient["_row_date"] is None:
            patient["_row_date"] = dates.get("visit_date")

    def emit(
        self,
        src: Source,
        pid: str,
        rec: dict[str, Record],
        assessments: list[tuple[int, Record]],
        dates: dict[str, date],
        context: RowContext | None,
        level_failed: bool,
    ) -> None:
        patient = rec["patients"]  # the row's own record: its keys keep their order
        # on a sheet of one row per visit, the patient repeated on each visit's row
        patient.update(patient_id=pid, _src=src, _row_date=dates.get("procedure_date"), _per_visit=self.visit_rows)  # fmt: skip
        self._age_from_birth_year(src, patient)
        self._visit_row_date(patient, dates)
        for kind in ("followup_date", "death_date"):
            if kind in dates:
                patient["_" + kind] = dates[kind]
        if context is not None and context.timepoint == BY_DATE and "visit_date" in dates:
            # a visit told by its date alone: its date is checked against the procedures
            # whether or not the row holds a score
            patient["_visit_date"] = dates["visit_date"]
            patient["_visit_column"] = self.row_date_column
        if self.deaths_only and "death_date" not in dates and "died" not in patient:
            patient["died"] = False
        self.out.patients.append(patient)
        self._second_after_first(src, dates)
        level_given = any("level" in v for k, v in rec.items() if k.startswith("procedures"))
        self._procedure_on_visit_date(dates, level_given)
        sessions: dict[int, object] = {}
        above = None if self.visit_rows else self.session_above
        above = further_vertebra(rec, dates, len(assessments), above, src, pid)
        if above is not None and above.when is not None:
            dates["procedure_date"] = above.when
        if context is None or context.kind != "fracture":
            parts = (
                {1} | {int(k[11:].split(".")[0]) for k in rec if "@" in k} if len(rec) > 3 else (1,)
            )
            for part in sorted(p for p in parts if not _unused_block(p, rec, dates, assessments)):
                sessions[part] = self.emit_session(
                    src, pid, part, rec, dates, level_failed, above.session if above else None
                )
        first = self._kept_session(sessions.get(1), rec, dates, level_failed)
        self._session_above(src, pid, first, dates, above, rec)
        if self.visit_rows and not level_given and "procedure_date" in dates:
            # a visit row of a sheet of one row per visit: its date is the visit's
            dates.setdefault("visit_date", dates["procedure_date"])
        if self.visit_rows and level_given and sessions.get(1) is not None:
            self.last_procedure[pid] = (sessions[1], dates.get("procedure_date"))
        self._emit_assessments(pid, assessments, sessions, dates, level_failed)
        self._dated_by_days_after(src, pid, rec, dates)
        if "level" not in rec["procedures"] and "procedure_date" in dates:
            # a visit row of a sheet of one row per visit: its date is the visit's
            dates.setdefault("visit_date", dates["procedure_date"])
        # a visit row's date (no vertebra treated on it) is the date of what it found
        found_at = dates.get("visit_date")
        if found_at is None and self.visit_rows:
            # on a sheet of one row per visit, a row treating the vertebra found fractured
            # (a second procedure's row) is dated as well
            found_at = dates.get("procedure_date")
        self._fracture_a_repeat_treats(src, rec, dates)
        self._fracture_a_later_procedure_treats(src, pid, rec, dates, found_at)
        self.emit_fractures(src, pid, rec["fractures"], dates, found_at)

    def _kept_session(
        self, session: object, rec: dict[str, Record], dates: dict[str, date], failed: bool
    ) -> object:
        """The session read on a row, or when its level could not be read the session its
        number or date names (see :func:`_failed_session`)."""
        if session is None and failed and not self.visit_rows:
            return _failed_session(rec, dates)
        return session

    def _session_above(
        self,
        src: Source,
        pid: str,
        session: object,
        dates: dict[str, date],
        above: SessionAbove | None,
        rec: dict[str, Record],
    ) -> None:
        """Keep the session this row was read into, for a further vertebra's row below
        it; a row read as one is kept to be said in one warning."""
        if above is not None and session is not None:
            self.session_rows.append(src)
        when = dates.get("procedure_date")
        own = above.own if above is not None else session_own(rec.get("procedures", {}))
        self.session_above = (
            None if session is None else SessionAbove(src.row, pid, session, when, own)
        )

    def session_warning(self) -> list[Problem]:
        """One warning naming the rows read as further vertebrae of a session above."""
        if not self.session_rows:
            return []
        return [filled_warning(self.session_rows[0], [s.row for s in self.session_rows])]

    def _fracture_a_repeat_treats(
        self, src: Source, rec: dict[str, Record], dates: dict[str, date]
    ) -> None:
        """A new fracture's date with no level of its own, on a row whose repeat procedure
        (a later session) treats vertebrae on or after that date (``Повторная операция``:
        the date the new fracture was found, then the operation for it): the fracture is of
        the vertebrae that procedure treats, and the row says so."""
        frac, found = rec["fractures"], dates.get("fracture_date")
        if "level" in frac or found is None:
            return
        treated: list[str] = []
        for key, proc in rec.items():
            part = key.removeprefix("procedures@").split(".")[0]
            if not key.startswith("procedures@") or not part.isdigit() or int(part) < 2:
                continue
            when = dates.get(_part_key("procedure_date", int(part)))
            if when is not None and when >= found:
                treated += [lv for lv in _as_levels(proc.get("level")) if lv not in treated]
        if not treated:
            return
        frac["level"] = tuple(treated)
        self.out.problems.append(
            src.problem(
                "fracture_level",
                f"new fracture without a level of its own: read as the vertebra(e) its row's "
                f"repeat procedure treats ({', '.join(treated)})",
                severity=WARNING,
            )
        )

    def _fracture_a_later_procedure_treats(
        self,
        src: Source,
        pid: str,
        rec: dict[str, Record],
        dates: dict[str, date],
        found_at: date | None,
    ) -> None:
        """A remark naming a new fracture without its date (``2nd procedure - new # L1``) on
        the row of a later procedure of the patient that treats that vertebra (the row
        recording no visit that would date it): the fracture found by the date of the
        procedure treating it, and the row says so."""
        frac, when = rec["fractures"], dates.get("procedure_date")
        named = _as_levels(frac.get(REMARK_LEVEL))
        if found_at is not None or not named or when is None:
            return
        if "fracture_date" in dates or "level" in frac:
            return
        here = {lv for p in self.out.procedures if p.get("_src") == src for lv in _as_levels(p.get("level"))}  # fmt: skip
        earlier = any(
            p.get("patient_id") == pid and p.get("_date") is not None and p["_date"] < when
            for p in self.out.procedures
        )
        if not earlier or not set(named) <= here:
            return
        frac["level"] = frac.pop(REMARK_LEVEL)
        dates["fracture_date"] = when
        self.out.problems.append(
            src.problem(
                "fracture_at_procedure",
                f"new fracture of {', '.join(named)} named without its date on the row of the "
                "later procedure treating it: dated by that procedure",
                severity=WARNING,
            )
        )

    def _emit_assessments(
        self,
        pid: str,
        assessments: list[tuple[int, Record]],
        sessions: dict[int, object],
        dates: dict[str, date],
        level_failed: bool,
    ) -> None:
        visited = dates.get("visit_date")
        for part, a in assessments:
            if sessions.get(part) is None and level_failed:
                continue  # the session's bad level is reported; its outcomes have no home
            a["_session"] = _outcome_session(sessions, part)
            self._visit_dated(a, part, dates, visited)
            if a["_session"] is None and "_visit_date" not in a and pid in self.last_procedure:
                # an undated visit row (``POD 1``, ``dag 44``: days after the last
                # operation) follows the patient's last procedure row above it
                a["_session"] = self.last_procedure[pid][0]
            self.out.assessments.append(a)

    def _dated_by_days_after(
        self, src: Source, pid: str, rec: dict[str, Record], dates: dict[str, date]
    ) -> None:
        """An undated new fracture's row of a sheet of one row per visit whose visit cell
        gives the days after the operation (``dag 140``): dated that many days after the
        patient's last procedure row above it."""
        last = self.last_procedure.get(pid)
        if (
            not rec["fractures"].get("level")
            or "fracture_date" in dates
            or "visit_date" in dates
            or last is None
            or last[1] is None
        ):
            return
        visit = next((c for c in self.layout.columns if c.target is not None and c.target.kind == "visit"), None)  # fmt: skip
        cells = _row_cells(self.sheet, src.row)
        days = (
            None
            if visit is None or visit.index > len(cells)
            else days_named(cells[visit.index - 1])
        )
        if days is not None:
            dates["fracture_date"] = last[1] + timedelta(days=days)

    def _visit_dated(
        self, a: Record, part: int, dates: dict[str, date], visited: date | None
    ) -> None:
        """An outcome's visit date: the row's (a row per visit), or the date its time
        point's group gives in a row of visits across (``M1 (1 mois)`` over ``Date``)."""
        if visited is not None:
            a["_visit_date"] = visited
            a["_visit_column"] = self.row_date_column
            a["_visit_twin"] = self.row_date_twin
            if self.row_date_column is not None:
                cells = _row_cells(self.sheet, a["_src"].row)
                index = self.row_date_column[1] - 1
                a["_visit_time"] = time_of_day(cells[index]) if index < len(cells) else None
            return
        own = dates.get(f"{_part_key('visit_date', part)}:{a['timepoint']}")
        if own is not None:
            a["_visit_date"] = own
            a["_visit_column"] = self.visit_date_columns.get((part, a["timepoint"]))

    def _procedure_on_visit_date(self, dates: dict[str, date], level_given: bool) -> None:
        """On a sheet of one row per visit dated only by its visit date (``DATE_VISITE``),
        the visit treating a vertebra is the procedure, on that date."""
        if self.visit_rows and level_given and "visit_date" in dates:
            dates.setdefault("procedure_date", dates["visit_date"])

    def _second_after_first(self, src: Source, dates: dict[str, date]) -> None:
        """A second session in columns of its own dated before the row's first session."""
        first, second = dates.get("procedure_date"), dates.get("procedure_date@2")
        if first is None or second is None or second >= first:
            return
        col = next(
            (
                c
                for c in self.layout.columns
                if c.session == 2
                and c.target is not None
                and c.target.label == "date:procedure_date"
            ),
            None,
        )
        self.out.problems.append(
            src.problem(
                "session_order",
                f"the second procedure is dated {(first - second).days} days before the first; "
                "check its date",
                column=None if col is None else col.header,
                col_index=None if col is None else col.index,
                key=True,
            )
        )
        del dates["procedure_date@2"]
        self.order_said.add(src)

    def _ticked_leak(self, src: Source, part: int, boxes: tuple[str, ...]) -> str:
        """The leakage a session's ticked leak boxes give: their sites, or none when only
        its none box is ticked; none ticked beside a site is said, the sites kept."""
        sites = [b for b in boxes if b != "none"]
        if not sites:
            return "none"
        if "none" in boxes:
            self.out.problems.append(
                src.problem(
                    "leakage",
                    f"the leak boxes tick both none and {', '.join(sites)}: the sites are "
                    "read; clear whichever box is wrong",
                    severity=WARNING,
                )
            )
        allowed = load_spec().column("procedures", "leakage").allowed
        return ";".join(sorted(set(sites), key=allowed.index))

    def _session_base(self, src: Source, rec: dict[str, Record], part: int) -> Record:
        """The fields of a row's session ``part`` given once for the session (not per
        numbered vertebra), its leakage joined to the column naming the vertebrae it
        leaked at; a leak level beside a leakage cell saying none is not read, and said."""
        base = dict(rec["procedures"] if part == 1 else rec.get(f"procedures@{part}.0", {}))
        boxes = base.pop(LEAK_BOXES, None)
        if boxes and base.get("leakage") is None:
            base["leakage"] = self._ticked_leak(src, part, boxes)
        leak_levels = base.pop(LEAK_LEVELS, None)
        own = _session_sites(leak_levels)
        if own == "none":  # "No", "None": no leak at any level
            if base.get("leakage") is None:
                base["leakage"] = "none"
            elif base["leakage"] != "none":
                self._leak_level_disagrees(src, part, "names no leakage, but the row's leakage cell names one: the leakage cell is read; correct whichever is wrong")  # fmt: skip
        elif leak_levels and base.get("leakage") == "none":
            named = f"({own})" if own else f"at {', '.join(level for level, _ in leak_levels)}"
            self._leak_level_disagrees(src, part, f"names leakage {named}, but the row's leakage cell says none: the leak level is not read; correct whichever is wrong")  # fmt: skip
        elif own is not None:  # "V, P" beside "Ja": the session's sites, no level named
            base["leakage"] = own
        elif leak_levels is not None and base.get("leakage") is not None:
            base["leakage"] = leak_by_level(base["leakage"], leak_levels)
        elif leak_levels and all(sites for _, sites in leak_levels):
            base["leakage"] = leak_levels  # each level named with its own sites
        if leak_levels and own is None and isinstance(base.get("leakage"), tuple):
            base[_LEAK_NAMED] = tuple(level for level, _ in leak_levels)
        return base

    def _leak_level_disagrees(self, src: Source, part: int, message: str) -> None:
        """A warning at a row's leak level cell that disagrees with its leakage cell."""
        col = self._leak_level_column(part)
        self.out.problems.append(
            src.problem(
                "leak_level",
                message,
                column=None if col is None else col.header,
                col_index=None if col is None else col.index,
                severity=WARNING,
            )
        )

    def _leak_level_column(self, part: int) -> HeaderColumn | None:
        return next(
            (c for c in self.layout.columns if c.target == LEAK_LEVEL and c.session == part),
            None,
        )

    def _untreated_leak(self, src: Source, base: Record, row_levels: list[str], part: int) -> None:
        """A leak level column naming a vertebra the session did not treat: an error at
        its cell, the session's leakage not read (never given to other vertebrae)."""
        named = base.pop(_LEAK_NAMED, None)
        if not named or not row_levels:
            return
        untreated = [lv for lv in named if lv not in row_levels]
        if not untreated:
            return
        col = self._leak_level_column(part)
        self.out.problems.append(
            src.problem(
                "leak_level",
                f"names leakage at {', '.join(untreated)}, a level this session did not "
                f"treat ({', '.join(row_levels)}); correct the level or the treated levels",
                column=None if col is None else col.header,
                col_index=None if col is None else col.index,
            )
        )
        base["leakage"] = None

    def emit_session(
        self,
        src: Source,
        pid: str,
        part: int,
        rec: dict[str, Record],
        dates: dict[str, date],
        level_failed: bool,
        continued: object = None,
    ) -> object:
        """The vertebra rows of one session on this row (``part`` 2: a repeat session in
        columns of its own); returns the session key, or None when nothing was given.
        ``continued``: the session above whose further vertebra the row names."""
        base = self._session_base(src, rec, part)
        when = dates.get(_part_key("procedure_date", part))
        prefix = f"procedures@{part}."
        numbered = [k for k in rec if k.startswith(prefix) and not k.endswith(".0")]
        numbered.sort(key=lambda k: int(k.rsplit(".", 1)[-1]))
        slots = [dict(rec[k]) for k in numbered]
        slot_numbers = [int(k.rsplit(".", 1)[-1]) for k in numbered]  # "Level 2": 2
        number = session_number(base)
        if not base and not slots and (when is None or number is not None or self.visit_rows):
            # a visit row naming its session (by its number, perhaps with its date), a visit
            # row of a sheet of one row per visit (its date the visit's), or nothing
            return number
        if not base and not slots and self.dated_scores:
            return when  # the session of that date, on the sheet naming its vertebrae
        if set(base) == {"procedure_id"} and not slots and self.visit_rows:
            # a visit row naming its session by its identifier (its date, if any, the visit's)
            return base["procedure_id"]
        if "level" in base or not slots:
            slots.insert(0, {k: base.pop(k) for k in ("level", "cement_volume_ml") if k in base})
            slot_numbers.insert(0, 0)
        _volumes_into_levels(slots)
        if not any("level" in sl for sl in slots):
            if not level_failed:
                self.out.problems.append(
                    src.problem(
                        "level", "procedure without a treated level; fill in the level", key=True
                    )
                )
            return None
        session = base.get("procedure_id") or number or continued or when or base.get("day")
        if session is None:
            session = f"row{src.row}" if part == 1 else f"row{src.row}-{part}"
        row_levels = [
            lv for sl in slots if isinstance(sl.get("level"), tuple) for lv in sl["level"]
        ]
        treated = [lv for sl in slots for lv in _as_levels(sl.get("level"))]
        self._untreated_leak(src, base, treated, part)
        if not self._level_merged_down(src.row, part):  # else read on the merge's top row
            self._emit_vertebrae(src, pid, part, base, slots, slot_numbers, session, when, row_levels)  # fmt: skip
        return session

    def _emit_vertebrae(
        self,
        src: Source,
        pid: str,
        part: int,
        base: Record,
        slots: list[Record],
        slot_numbers: list[int],
        session: object,
        when: date | None,
        row_levels: list[str],
    ) -> None:
        """One procedure record per vertebra the session's slots name on this row."""
        for sl, slot in zip(slots, slot_numbers, strict=False):
            levels = sl.pop("level", None)
            if levels is None:
                continue  # a numbered block left empty, or its level cell is reported
            proc = {**base, **sl}
            per_level = self._volumes_per_level(src, proc, levels, part, slot)
            self._volume_basis(proc, levels)
            found, warnings = known_levels(src, levels, "treated vertebra")
            self.out.problems.extend(warnings)
            for k, level in enumerate(found):
                record = {**proc, "patient_id": pid, "level": level, "_session": session}
                if level is not None and isinstance(record.get("leakage"), tuple):
                    # a cell naming the sites level by level: this vertebra's own
                    record["leakage"] = leakage_at(record["leakage"], level, row_levels)
                if per_level is not None and len(per_level) == len(found):
                    record["cement_volume_ml"] = per_level[k]
                    record["_own_volume"] = True  # this vertebra's own, not a total
                # _second: given as a later session, its order checked
                record.update(_date=when, _src=src, _per_visit=self.visit_rows, _second=part > 1 or bool(proc.get(REPEAT_REMARK)))  # fmt: skip
                record["_slot"] = f"{part}.{slot}"  # its numbered columns, where a cell is named
                if part > 1 and when is None and src in self.order_said:
                    record["_undated_said"] = True  # its date reported out of order, not missing
                self.out.procedures.append(record)

    def _level_merged_down(self, row: int, part: int) -> bool:
        """Whether the session's level cells on this row are copies of a merged cell above
        (a later session's cells merged down the rows of the first one's vertebrae): the
        vertebrae they name are those of the merged cell's top row, treated once. A first
        session's merged level is left to the readings of its rows."""
        if part == 1:
            return False
        cols = [c.index for c in self.layout.columns if c.target is not None and c.target.label == "procedures.level" and c.session == part]  # fmt: skip
        return bool(cols) and all((row, c) in self.merged_copies for c in cols)

    def _volumes_per_level(
        self, src: Source, proc: Record, levels: tuple[str, ...], part: int, slot: int
    ) -> tuple[float, ...] | None:
        """A cell of several volumes (``3,5 + 4``) beside a cell of as many levels gives
        each level its own volume, in the order written; their sum is the session's. A
        count that differs is an error named at the volume cell."""
        volumes = proc.get("cement_volume_ml")
        if isinstance(volumes, float) and len(levels) == 2:
            volumes = self._comma_listed(src, volumes) or volumes
        if not isinstance(volumes, tuple):
            return None
        if len(volumes) != len(levels):
            col = self._volume_column(part, slot)
            self.out.problems.append(
                src.problem(
                    "volume",
                    f"{len(volumes)} cement volumes for {len(levels)} treated level(s); "
                    "write one volume per level, in the order of the levels",
                    column=None if col is None else col.header,
                    col_index=None if col is None else col.index,
                )
            )
            proc["cement_volume_ml"] = None
            return None
        proc["cement_volume_ml"] = None
        proc["session_cement_volume_ml"] = float(sum(volumes))
        return volumes

    def _volume_column(self, part: int, slot: int) -> HeaderColumn | None:
        """The volume column of session ``part``'s vertebra slot ``slot`` (its one
        volume column when the session has no numbered slots)."""
        cols = [c for c in self.layout.columns if c.target is not None and c.target.label == "procedures.cement_volume_ml" and c.session == part]  # fmt: skip
        return next((c for c in cols if c.slot == slot), cols[0] if cols else None)

    def _comma_listed(self, src: Source, volume: float) -> tuple[float, ...] | None:
        """``2,4`` beside two levels (``L1,L2``), in a column that writes its decimals with
        a point elsewhere (``3.5``, ``2、3.5、2``): two volumes, one per level, the comma
        the list's as in the level cell, not a decimal comma; said once per column."""
        k = self.data_rows.index(src.row) if src.row in self.data_rows else None
        if k is None:
            return None
        for col in self.layout.columns:
            if col.target is None or col.target.label != "procedures.cement_volume_ml":
                continue
            cells = self.by_column[col.index - 1] if col.index <= len(self.by_column) else []
            raw = cells[k] if k < len(cells) else None
            m = _BARE_COMMA_PAIR.fullmatch(str(raw).strip()) if isinstance(raw, str) else None
            if m is None or float(f"{m[1]}.{m[2]}") != volume:
                continue
            if not any(isinstance(v, str) and _POINT_DECIMAL.search(v) for v in cells):
                return None
            if not self._levels_bare_comma(k):
                return None  # ``T11/T12`` beside ``8,4``: a decimal comma after all
            if col.index not in self.comma_lists:
                self.comma_lists.add(col.index)
                self.out.problems.append(
                    sheet_problem(
                        self.sheet.file,
                        self.sheet.sheet,
                        "volume",
                        f"{column_named(col.letter, col.header)} writes its decimals with a "
                        "point: two numbers joined by a bare comma beside two levels "
                        "read as one volume per level, not a decimal comma",
                        row=src.row,
                        column=col.header,
                        col_index=col.index,
                        severity=WARNING,
                    )
                )
            return float(m[1]), float(m[2])
        return None

    def _levels_bare_comma(self, k: int) -> bool:
        """Whether the ``k``-th data row's level cell lists its levels with a bare comma
        (``L1,L2``), the list style its volumes' ``2,4`` mirrors."""
        for col in self.layout.columns:
            if col.target is None or col.target.label != "procedures.level":
                continue
            cells = self.by_column[col.index - 1] if col.index <= len(self.by_column) else []
            raw = cells[k] if k < len(cells) else None
            if isinstance(raw, str) and _BARE_COMMA_LIST.search(raw):
                return True
        return False

    def _volume_basis(self, proc: Record, levels: tuple[str, ...]) -> None:
        """One volume on a row naming several levels is the session's total (unless the
        volume basis is declared per level): no vertebra is credited with it."""
        volume = proc.get("cement_volume_ml")
        if volume is None:
            return
        if isinstance(volume, WrittenTotal):
            # written with its total word (``össz. 7``, ``8.5 total``), perhaps merged over
            # the session's vertebra rows: the session's total, no vertebra's own
            proc["session_cement_volume_ml"] = float(volume)
            proc["cement_volume_ml"] = None
            proc["_written_total"] = True
            return
        if len(levels) == 1:
            proc["session_cement_volume_ml"] = volume
        elif self.options.volume_basis == "session":
            proc["session_cement_volume_ml"] = volume
            proc["cement_volume_ml"] = None
        else:
            proc["session_cement_volume_ml"] = volume * len(levels)

    def _other_event(self, src: Source) -> str | None:
        """The header of a log's event column (``Event``, ``Hændelse``) whose cell on this
        row names something other than a new fracture (an infection, a death), or None."""
        words = {normalize_text(w) for w in self.spec.vocabulary.event_headers}
        cells = self.sheet.row(src.row - 1)
        for col in self.layout.columns:
            if header_text(col.header) not in words:
                continue
            value = cells[col.index - 1] if col.index <= len(cells) else None
            if isinstance(value, str) and value.strip() and sheet_role(value) != "fractures":
                return col.header
        return None

    def emit_fractures(
        self,
        src: Source,
        pid: str,
        frac: Record,
        dates: dict[str, date],
        found_at: date | None = None,
    ) -> None:
        levels = frac.pop("level", None)
        remarked = frac.pop(REMARK_LEVEL, None)
        when = dates.get("fracture_date")
        if levels is None and remarked is not None:
            if when is None and "day" not in frac and found_at is None:
                self.out.problems.append(
                    src.problem(
                        "fracture_in_remark",
                        "a remark names a new fracture but neither it nor its row gives a "
                        "date: not read; write the date the fracture was found",
                        severity=WARNING,
                    )
                )
                return
            levels = remarked
        for more, more_when in frac.pop("_further", ()):  # more fractures in the same cell
            self.emit_fractures(src, pid, {**frac, "level": more}, {"fracture_date": more_when})
        if levels is None and when is None and "day" not in frac:
            return
        event = self._other_event(src) if levels is None else None
        if event is not None:
            self.out.problems.append(
                src.problem(
                    "other_event",
                    f"the event in {event} is not a new fracture: the row is not read",
                    column=event,
                    severity=WARNING,
                )
            )
            return
        if levels is None:
            self.out.problems.append(
                src.problem(
                    "fracture", "new fracture date without its level; fill in the level", key=True
                )
            )
            return
        if when is None and "day" not in frac and found_at is not None:
            when = found_at  # found at the visit the row records
            self.out.problems.append(
                src.problem(
                    "fracture_at_visit",
                    "new fracture without a date of its own: dated by its row's visit date",
                    severity=WARNING,
                )
            )
        if when is None and "day" not in frac:
            self.out.problems.append(
                src.problem(
                    "fracture", "new fracture level without its date; fill in the date", key=True
                )
            )
            return
        found, warnings = known_levels(src, levels, "new fracture")
        self.out.problems.extend(warnings)
        for level in found:
            self.out.fractures.append(
                {**frac, "patient_id": pid, "level": level, "_date": when, "_src": src}
            )


# the levels a session's leak level column names, checked against its treated levels
_LEAK_NAMED = "_leak_named"


def _as_levels(levels: object) -> tuple[str, ...]:
    if isinstance(levels, tuple):
        return tuple(lv for lv in levels if isinstance(lv, str))
    return (levels,) if isinstance(levels, str) else ()


def _session_sites(leak_levels: object) -> str | None:
    """The session's sites a column of leak sites names with no level (``V, P``)."""
    if not isinstance(leak_levels, tuple) or not leak_levels:
        return None
    if any(level != SESSION_SITES for level, _ in leak_levels):
        return None
    return ";".join(sites for _, sites in leak_levels)


def leak_by_level(leakage: object, levels: tuple[tuple[str, str], ...]) -> object:
    """A session's leakage joined to the column naming the vertebrae it leaked at: each
    level named with its own sites, or with the leakage column's (``L3`` beside
    ``foraminal, venous``), as the pairs :func:`leakage_at` reads. The leakage as it was
    when it is read level by level already, says none, or a level's sites are not known."""
    if isinstance(leakage, tuple) or leakage == "none" or not levels:
        return leakage
    pairs = []
    for level, own in levels:
        sites = own or leakage
        if not isinstance(sites, str) or not sites:
            return leakage
        pairs.append((level, sites))
    return tuple(pairs)


def leakage_at(by_level: tuple[tuple[str, str], ...], level: str, row_levels: Sequence[str]) -> str:
    """The leakage of one vertebra of a row whose cell names the level of each site
    (``T10: vein``): its own sites, and none for a level of the row the cell does not
    name; when the cell names a level the row does not treat, every vertebra of the row
    has all the sites written (as for a cell naming no level)."""
    named = dict(by_level)
    if all(k.startswith(BY_LINE) for k in named) and len(named) == len(row_levels):
        # one line per treated level, in the order of the row's levels
        named = dict(zip(row_levels, named.values(), strict=True))
    if set(named) <= set(row_levels):
        return named.get(level, "none")
    sites = {s for v in named.values() for s in v.split(";") if s != "none"}
    allowed = load_spec().column("procedures", "leakage").allowed
    return ";".join(a for a in allowed if a in sites) or "none"


def _volumes_into_levels(slots: list[Record]) -> None:
    """Numbered volume columns beside one cell of several levels (``Niveau(x)`` =
    ``L1/L2``, ``Volume niv. 1``, ``Volume niv. 2``): the volumes are the levels', in
    order, given as one tuple on the first slot (see ``_volumes_per_level``)."""
    if len(slots) < 2 or "level" not in slots[0] or any("level" in sl for sl in slots[1:]):
        return
    levels = slots[0]["level"]
    volumes = [float(v) for sl in slots[1:] if (v := sl.get("cement_volume_ml")) is not None]
    if not isinstance(levels, tuple) or not volumes or slots[0].get("cement_volume_ml") is not None:
        return
    if all(set(sl) <= {"cement_volume_ml"} for sl in slots[1:]):
        slots[0]["cement_volume_ml"] = tuple(volumes)
        del slots[1:]


def _failed_session(rec: dict[str, Record], dates: dict[str, date]) -> object:
    """The session a row whose treated level could not be read names by its number or
    its date (the level reported on its own): the session the vertebra rows below it,
    naming nothing of a session, go on with, as they would had the level been read."""
    base = dict(rec["procedures"])
    number = session_number(base)
    return base.get("procedure_id") or number or dates.get("procedure_date")


def session_number(base: Record) -> tuple[str, int] | None:
    """A procedure identifier that is a small whole number (``1``, ``2``, ``II``: the unit
    numbers each patient's sessions) is the session's number within the patient, not an
    identifier of its own: taken out of ``base`` and returned as the session key."""
    given = base.get("procedure_id")
    text = "" if given is None else str(given).strip()
    ordinal = _ordinal(text) or roman_numeral(text)
    if ordinal is not None:
        del base["procedure_id"]  # "first", "zweite", "دوم", "II": the session's place
        return ("#", ordinal)
    if names_repeat(text) and not _NUMBER_IN.search(text):
        # "再次", "Redo": a repeat of an earlier session, its place not given: told apart
        # by its date, never one identifier shared by every patient's repeat
        del base["procedure_id"]
        return None
    numbers = _NUMBER_IN.findall(text) if len(text) <= 16 else []
    if (text.isdigit() and len(text) <= 2) or (len(numbers) == 1 and len(numbers[0]) <= 2 and not _CODE_LIKE.match(text)):  # fmt: skip
        del base["procedure_id"]  # "2", "第2次", "Sesión 2", "2nd"
        return ("#", int(numbers[0]))
    return None


_NUMBER_IN = re.compile(r"\d+")


def _ordinal(text: str) -> int | None:
    """The place an ordinal word gives (``second``, ``zweite``, ``دوم`` -> 2), alone or
    naming the procedure in a short phrase (``Drugi poseg``, ``Prvi (indeksni) poseg``:
    one ordinal word among three words at most, a note in brackets aside), or None."""
    if not text:
        return None
    words = _ordinal_words()
    whole = words.get(normalize_text(text))
    if whole is not None:
        return whole
    parts = normalize_text(_BRACKETED.sub(" ", text)).split()
    found = {words[w] for w in parts if w in words}
    return found.pop() if len(parts) <= 3 and len(found) == 1 else None


_BRACKETED = re.compile(r"[(\[（][^)\]）]*[)\]）]")


@cache
def _ordinal_words() -> dict[str, int]:
    """Each ordinal word, normalised, with its place (the first place a word has)."""
    out: dict[str, int] = {}
    for n, words in load_spec().vocabulary.ordinals.items():
        for w in words:
            out.setdefault(normalize_text(w), n)
    return out


# an identifier's shape ("OP-0231", "S12"): letters glued to digits, not a session count
_CODE_LIKE = re.compile(r"^[A-Za-z]{1,6}[-_]?\d{3,}$")


# Fields whole-table checks name (a sequence of dates, an ID shared by two patients).
_KEY_FIELDS = (
    "patients.patient_id",
    "identifier:mrn",
    "date:procedure_date",
    "date:fracture_date",
    "date:death_date",
    "date:followup_date",
    "procedures.level",
    "fractures.level",
    "fractures.level|date",
    "procedures.session_cement_volume_ml",
    "procedures.cement_volume_ml",
)


def _key_cells(layout: SheetLayout) -> dict[str, tuple[str, int]]:
    out: dict[str, tuple[str, int]] = {}
    for col in layout.columns:
        t = col.target
        # a score's cell too, where checks.scores_after_death reports it, and a patient's
        # or a procedure's field, where a repeat on a visit's row that differs is named
        # and each vertebra's own column (one per level) or operative note, where its volume
        # is named, and a cell of named scores
        key = t is not None and (
            t.label in _KEY_FIELDS
            or t.kind in ("measure", "column", "vertebra", "note", "scores", TWIN)
        )
        own = t is not None and t.kind == "vertebra"
        if key and t is not None and col.session == 1 and (col.slot in (0, 1) or own):
            out.setdefault(t.label, (col.header, col.index))
        if key and t is not None and col.slot:  # "Volume 2": the session's second vertebra's
            out.setdefault(f"{t.label}@{col.session}.{col.slot}", (col.header, col.index))
    if "patients.patient_id" not in out and "identifier:mrn" in out:
        out["patients.patient_id"] = out["identifier:mrn"]
    dated = [c for c in layout.columns if c.target is not None and c.target.label == "date:procedure_date"]  # fmt: skip
    if "date:procedure_date" not in out and dated:  # a sheet of repeat sessions: the second's
        out["date:procedure_date"] = (dated[0].header, dated[0].index)
    return out


def duplicate_rows(
    sheet: RawSheet, rows: list[int], by_column: Sequence[Sequence[object]] | None = None
) -> list[Problem]:
    """An error for every row that repeats an earlier row cell for cell (cells compared
    as trimmed text, each distinct value of a column turned into text once);
    ``by_column`` holds the rows' cells column by column when the caller has them.

    Columns are compared one after another among the rows still alike: most rows differ
    from every other within the first few columns, and are not looked at again."""
    grid = [_row_cells(sheet, r) for r in rows]
    n = len(grid)
    # the row's length is part of what it holds
    cells = zip_longest(*grid) if by_column is None else by_column
    columns = chain(
        [np.fromiter(map(len, grid), dtype=object, count=n)],
        (np.fromiter(c, dtype=object, count=n) for c in cells),  # taken as needed
    )
    alike, group = np.arange(n), np.zeros(n, dtype=np.intp)  # rows alike so far, and how
    for column in columns:
        if len(alike) < 2:
            return []
        local = _text_codes(column[alike])
        group = pd.factorize(group * (int(local.max()) + 1) + local)[0]
        shared = np.bincount(group)[group] > 1
        alike, group = alike[shared], pd.factorize(group[shared])[0]
    first_of = np.empty(int(group.max(initial=-1)) + 1, dtype=np.intp)
    first_of[group[::-1]] = alike[::-1]  # the earliest row of each group writes last
    first = first_of[group]
    return [
        Source(sheet.file, sheet.sheet, rows[k]).problem(
            "duplicate_row",
            f"exact duplicate of row {rows[f]}; delete one copy",
            key=True,
        )
        for k, f in zip(alike.tolist(), first.tolist(), strict=True)
        if f != k
    ]


def _text_codes(cells: np.ndarray) -> np.ndarray:
    """Codes telling cells apart by their trimmed text (a blank is ``""``). Text cells
    are turned into text once per distinct value; others one by one (``-0.0`` and ``0.0``
    are one value to a hash but two texts)."""
    if set(map(type, cells)) <= {str, type(None)}:
        codes, values = distinct(cells)
        text = ["" if v is None else str(v).strip() for v in values]
        return pd.factorize(np.asarray(text, dtype=object))[0][codes]
    text = ["" if v is None else str(v).strip() for v in cells]
    return pd.factorize(np.asarray(text, dtype=object))[0]


_REPORTED_ALREADY = ("values contradict header", "duplicate header", LANGUAGE_UNSAID)


def stage_sheet(
    sheet: RawSheet,
    layout: SheetLayout,
    options: LoadOptions,
    out: Staged,
    contexts: dict[int, RowContext] | None = None,
    timepoint: str | None = None,
) -> None:
    """Parse every data row of a wide sheet into ``out``; ``timepoint`` is a visit
    sheet's, taken by its outcome columns that name none."""
    record_number_ids(sheet, layout, options)
    out.columns.setdefault((sheet.file, sheet.sheet), []).append(
        (layout.header_row, _key_cells(layout))
    )
    out.problems.extend(merged_data_cells(sheet, layout))
    sheet = fill_merged(sheet, layout)
    sheet, suffixed = suffixed_sessions(sheet, layout)
    out.problems.extend(suffixed)
    sheet, dittos = fill_ditto(sheet, layout)
    out.problems.extend(dittos)
    sheet, continued = join_continuation_rows(sheet, layout)
    out.problems.extend(continued)
    sheet, same = fill_same_as_before(sheet, layout)
    out.problems.extend(same)
    sheet, event_ids = fill_event_ids(sheet, layout)
    out.problems.extend(event_ids)
    sheet, visit_ids = fill_visit_ids(sheet, layout)
    out.problems.extend(visit_ids)
    sheet, vertebra_ids = fill_vertebra_ids(sheet, layout)
    out.problems.extend(vertebra_ids)
    layout, duplicated = distinct_headers(sheet, layout)
    parser = _RowParser(sheet, layout, options, out)
    # visits told by their dates: the patient and procedure repeated on each visit's row
    parser.visit_rows = parser.visit_rows or timepoint == BY_DATE
    out.problems.extend(p for p in layout.problems if not parser.read_after_all(p))
    out.problems.extend(duplicated)
    event = event_column(layout) if parser.events else None  # read: said by its own warning
    for col in layout.columns:
        header = col.header
        if (
            col.target is None
            and header
            and col is not event
            and col is not parser.remark_column  # read: said by its own warning
            and col.index not in parser.said_columns
            and not col.reason.startswith(_REPORTED_ALREADY)
        ):
            out.problems.append(
                sheet_problem(
                    sheet.file,
                    sheet.sheet,
                    "unrecognised_column",
                    "column not recognised and ignored; map it in a mapping file if it is needed",
                    row=layout.header_row,
                    column=header,
                    col_index=col.index,
                )
            )
        elif (
            col.target is not None
            and col.target.kind == "measure"
            and col.target.timepoint is None
            and not contexts
            and timepoint is None
            and not any(c.target is not None and c.target.kind == "visit" for c in layout.columns)
        ):
            out.problems.append(
                sheet_problem(
                    sheet.file,
                    sheet.sheet,
                    "no_timepoint",
                    "outcome column without a time point is ignored; name it e.g. 'VAS pre' or map it",
                    row=layout.header_row,
                    column=header,
                    col_index=col.index,
                )
            )
    if not parser.data_rows:
        out.problems.append(
            sheet_problem(
                sheet.file,
                sheet.sheet,
                "no_data_rows",
                "the sheet has a header but no data rows below it",
                row=layout.header_row,
            )
        )
    visit = RowContext(timepoint=timepoint) if timepoint else None
    duplicates = duplicate_rows(sheet, parser.data_rows, parser.by_column)
    if parser.visit_rows:  # a missed visit's row (no date, no score) may repeat another
        duplicates = [p for p in duplicates if p.row is None or not _no_visit(sheet, layout, p.row)]  # fmt: skip
    out.problems.extend(duplicates)
    skip = {p.row for p in duplicates}
    replaced = resubmitted_rows(
        sheet,
        layout,
        [r for r in parser.data_rows if r not in skip],
        parser.patient_key,
        _visit_columns(layout, parser.row_date_column),
    )
    out.problems.extend(replaced)
    skip |= {p.row for p in replaced}
    start = len(out.problems)
    for row in parser.data_rows:
        if row in skip:  # reported; the first copy is the one loaded
            out.sources.append(Source(sheet.file, sheet.sheet, row))
            continue
        parser.parse_row(row, (contexts or {}).get(row) or visit)
    out.problems.extend(parser.session_warning())
    out.problems[start:] = merged_copies(out.problems[start:], sheet, layout)
    _stray_rows(sheet, out)
    _ragged_rows(sheet, layout, parser.data_rows, out)
    _formula_headers(sheet, layout, out)


def _visit_columns(layout: SheetLayout, date_column: tuple[str, int] | None) -> list[int]:
    """The columns naming a row's visit or event, then its date; none without the first."""
    event = event_column(layout)
    said = [c.index for c in layout.columns if (c.target is not None and c.target.kind == "visit") or c is event]  # fmt: skip
    return [*said, date_column[1]] if said and date_column else said


def _no_visit(sheet: RawSheet, layout: SheetLayout, row: int) -> bool:
    """A row of a sheet of one row per visit that records no visit: its visit date and
    outcome cells are blank (a missed visit, the patient and procedure repeated)."""
    cells = _row_cells(sheet, row)
    kept = [
        c.index - 1
        for c in layout.columns
        if c.target is not None
        and (c.target.kind == "measure" or c.target.label == "date:visit_date")
    ]
    return bool(kept) and all(i >= len(cells) or is_missing(cells[i]) for i in kept)


def _formula_headers(sheet: RawSheet, layout: SheetLayout, out: Staged) -> None:
    """The reader's formula cells without a value, given the header of their column; one
    in the title or legend lines above the header holds no data and is only a warning."""
    headers = {c.letter: c.header for c in layout.columns if c.header}
    for i, p in enumerate(out.problems):
        if p.rule == "formula_no_value" and (p.file, p.sheet) == (sheet.file, sheet.sheet):
            letter = (p.cell or "").rstrip("0123456789")
            if p.row is not None and p.row <= layout.header_row:
                out.problems[i] = replace(p, severity="warning", key=False)
                continue
            if p.column is None and letter in headers:
                out.problems[i] = replace(p, column=headers[letter])


def _stray_rows(sheet: RawSheet, out: Staged) -> None:
    """Rows typed far below the data (not read): each counted as a row in and excluded."""
    last = sheet.n_rows
    for row, cells in sheet.stray_rows:
        src = Source(sheet.file, sheet.sheet, row)
        out.sources.append(src)
        shown = ", ".join(cells[:5]) + (" ..." if len(cells) > 5 else "")
        out.problems.append(
            Problem(
                sheet.file,
                sheet.sheet,
                row,
                None,
                cells[0],
                None,
                "stray_cells",
                "error",
                f"row {row} holds {len(cells)} cell(s) ({shown}) {row - last:,} rows below "
                f"the data, which ends in row {last}: the row is not read; delete the cells "
                "or move the row next to the data",
                key=True,
            )
        )


def _ragged_rows(sheet: RawSheet, layout: SheetLayout, rows: list[int], out: Staged) -> None:
    """A text table's data rows with more or fewer cells than its header (a cell left
    out, or a delimiter typed in a value), each named with both counts."""
    if isinstance(sheet.rows, Grid) or not sheet.file.lower().endswith((".csv", ".tsv", ".txt")):
        return  # a workbook's rows have no count of their own; a grid is never ragged
    width = len(sheet.rows[layout.header_row - 1])
    told = {p.row for p in sheet.problems if p.rule == "ragged_row"}
    grown = _grown_rows(sheet, rows, width, told)
    if grown:
        out.problems.append(
            Source(sheet.file, sheet.sheet, grown[0]).problem(
                "ragged_row",
                f"rows {grown[0]}-{grown[-1]} have fewer cells than the header (row "
                f"{layout.header_row}, {width} cells), each at least as many as the row above "
                "it: columns were added to the file after these rows were written, so their "
                "missing cells at the end are read as blank",
                severity=WARNING,
            )
        )
    for row in rows:
        cells = sheet.rows[row - 1]
        n = len(cells)
        extra = n > width and any(str(c).strip() for c in cells[width:] if c is not None)
        if row in told or row in grown or not (n < width or extra):
            continue
        out.problems.append(
            Source(sheet.file, sheet.sheet, row).problem(
                "ragged_row",
                f"ragged row: {n} cells where the header (row {layout.header_row}) has "
                f"{width}; "
                + (
                    f"cells from column {column_letter(width + 1)} on are not read"
                    if n > width
                    else f"columns {column_letter(n + 1)} to {column_letter(width)} are read as blank"
                )
                + ", and cells may stand under the wrong columns (a missing or extra "
                "delimiter?); check the row",
                severity=WARNING,
            )
        )


def _grown_rows(sheet: RawSheet, rows: list[int], width: int, told: set[int | None]) -> list[int]:
    """The first rows of a text file that grew: at least two short rows before the first
    row as wide as the header, their counts of cells never falling (one warning says it
    for all of them); none when their counts rise and fall. A short row further down is
    ragged on its own."""
    full = next((r for r in rows if len(sheet.rows[r - 1]) >= width), None)
    early = [r for r in rows if r not in told and (full is None or r < full)]
    counts = [len(sheet.rows[r - 1]) for r in early]
    rising = all(a <= b for a, b in pairwise(counts))
    return early if len(early) >= 2 and rising else []


def _outcome_session(sessions: dict[int, object], part: int) -> object:
    """The session key of an outcome read in a row's ``part``: the row's own session, or
    for a later session's scores on a row without that session (a patient's card) the
    patient's n-th session."""
    session = sessions.get(part)
    return ("#", part) if session is None and part > 1 else session
