"""The row-by-row REDCap reading that the column-by-column one replaces, kept as the
reference it is tested against (``LoadOptions(row_by_row=True)``): the records sheet
decoded row by row (rules 1 and 2 of :mod:`analysis.load.redcap`), each row's context
and the latest follow-up found cell by cell (rules 3 and 4)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from analysis.config import LoadOptions
from analysis.io import RawSheet
from analysis.load.records import RowContext
from analysis.load.redcap_decode import (
    DecoderBase,
    _spec_column,
    _text,
    _unticked,
    form_kinds,
    parsed_value,
    record_column,
    report_columns,
)
from analysis.load.redcap_dictionary import Field
from analysis.load.redcap_events import procedure_events, row_timepoint
from analysis.normalize import (
    Target,
    is_missing,
    match_header,
    parse_date_column,
)
from analysis.problems import Source
from analysis.spec import ColumnSpec, load_spec


@dataclass
class RowDecoder(DecoderBase):
    """Decodes one records sheet with its dictionary, row by row (rules 1 and 2)."""

    def decode(self) -> RawSheet:
        new_header, checkbox_fields = self.decoded_header()
        # the schema column of each checkbox field and the coded columns: found once
        column_of = {f: _spec_column(match_header(f, self.mapping)) for f in checkbox_fields}
        coded = [
            (i, f)
            for i, h in enumerate(self.header)
            if (f := self.fields.get(h)) is not None and f.choices and f.type != "checkbox"
        ]
        labels: dict[tuple[str, str], object] = {}
        rows: list[list[object]] = [new_header]
        for r, raw in enumerate(self.sheet.rows[1:], start=2):
            row = list(raw) + [None] * (len(self.header) - len(raw))
            out: list[object] = list(row)
            for i, f in coded:
                if not is_missing(row[i]):
                    out[i] = self._choice(r, i, f, row[i], labels)
            for fname in checkbox_fields:
                self._combine(r, row, out, fname, column_of[fname])
            rows.append(out)
        self.problems.extend(
            report_columns(self.sheet, self.header, self.unknown_boxes, self.unknown_columns)
        )
        return RawSheet(self.sheet.file, self.sheet.sheet, rows, header_row=1)

    def _choice(
        self, r: int, i: int, f: Field, value: object, labels: dict[tuple[str, str], object]
    ) -> object:
        code = _text(value)
        if (f.name, code) in labels:
            return labels[(f.name, code)]
        if code in f.choices:
            read = self.choice(f, code)
            labels[(f.name, code)] = read
            return read
        self.problems.append(
            Source(self.sheet.file, self.sheet.sheet, r).problem(
                "redcap_code",
                f"code {code} is not a choice of field '{f.name}' in the data dictionary "
                f"({', '.join(f'{k} = {v}' for k, v in f.choices.items())}); the cell is left "
                "missing: correct the record or export the dictionary of this project",
                column=f.name,
                col_index=i + 1,
                value=code,
            )
        )
        return None

    def answered(self, row: list[object], form: str) -> bool:
        """Another field of ``form`` is filled on the row, or the form is marked saved."""
        if any(not is_missing(row[i]) for i in self.form_columns.get(form, [])):
            return True
        i = self.complete.get(form)
        return i is not None and _text(row[i]) in ("1", "2")

    def _combine(
        self,
        r: int,
        row: list[object],
        out: list[object],
        fname: str,
        column: ColumnSpec | None,
    ) -> None:
        f = self.fields[fname]
        known = self.checkboxes.get(fname, [])
        unknown = self.unknown_boxes.get(fname, [])
        ticked = [f.choices[code] for i, code in known if _text(row[i]) == "1"]
        odd = [(i, code) for i, code in unknown if _text(row[i]) == "1"]
        for i, code in odd:  # each box on its row and field
            self.problems.append(self.odd_box(r, fname, f, i, code))
        bad = [(i, code) for i, code in (*known, *unknown) if _text(row[i]) not in ("", "0", "1")]
        for i, code in bad:
            self.problems.append(self.bad_box(r, fname, i, code, row[i]))
        value: object
        if odd or bad:
            value = None
        elif ticked and column is not None and column.type == "boolean":
            value = "yes"
        elif ticked:
            value = ";".join(ticked)
        elif self.answered(row, f.form):
            value = _unticked(f, column)
        else:
            value = None
        cols = self.boxes(fname)
        out[cols[0][0]] = value
        for i, _ in cols[1:]:
            out[i] = None


def row_contexts(
    sheet: RawSheet, fields: dict[str, Field], mapping: dict[str, object]
) -> dict[int, RowContext]:
    header = [str(h) for h in sheet.rows[0]]
    pos = {h: i for i, h in enumerate(header)}
    timepoints = load_spec().column("assessments", "timepoint").value_lookup()
    form_kind = form_kinds(fields, mapping)
    held = procedure_events(sheet, fields, mapping)
    contexts = {}
    for r, row in enumerate(sheet.rows[1:], start=2):

        def cell(name: str, row: list[object] = row) -> str:
            i = pos.get(name)
            return "" if i is None or i >= len(row) or row[i] is None else str(row[i]).strip()

        instrument = cell("redcap_repeat_instrument")
        event = row_timepoint(cell("redcap_event_name"), instrument, timepoints, held)
        contexts[r] = RowContext(timepoint=event, kind=form_kind.get(instrument))
    return contexts


Cell = tuple[int, int]  # (row index in the sheet, column index)


def _keep_latest(sheet: RawSheet, record_col: int, ranks: dict[Cell, object], into: int) -> None:
    """Per record, keep only the cell that ranks highest among ``ranks`` (rule 4: the
    parsed values of one kind, over all its columns), moved into column ``into`` (the
    first column of that kind) when that cell of its row is empty; the others are
    emptied. Cells that do not parse are not in ``ranks`` and stay, so that they are
    reported."""
    best: dict[str, tuple[object, Cell]] = {}
    for cell, value in sorted(ranks.items()):
        pid = " ".join(_text(sheet.rows[cell[0]][record_col]).split()).casefold()
        if pid not in best or value > best[pid][0]:  # type: ignore[operator]
            best[pid] = (value, cell)
    keep = {cell for _, cell in best.values()}
    for r, c in ranks:
        if (r, c) in keep and c != into and is_missing(sheet.rows[r][into]):
            sheet.rows[r][into] = sheet.rows[r][c]
            sheet.rows[r][c] = None
        elif (r, c) not in keep:
            sheet.rows[r][c] = None


def row_latest_followup(
    sheet: RawSheet, targets: dict[int, Target], options: LoadOptions
) -> set[int]:
    """Rule 4 cell by cell: the latest follow-up per record (see
    :func:`analysis.load.redcap._latest_followup`)."""
    record_col = record_column(targets)
    if record_col is None:
        return set()
    spec = load_spec()
    kinds: dict[str, dict[Cell, object]] = {}
    first: dict[str, int] = {}
    for i, t in sorted(targets.items()):
        cells = [row[i] if i < len(row) else None for row in sheet.rows[1:]]
        parsed: list[object | None]
        if t.kind == "date" and t.column == "followup_date":
            dates = parse_date_column(cells, options.date_order)
            parsed = [d if isinstance(d, date) else None for d in dates]
        elif t.kind == "column" and t.table == "patients" and t.column in ("followup_days", "died"):
            column = spec.column("patients", str(t.column))
            parsed = [None if is_missing(v) else parsed_value(v, column) for v in cells]
        else:
            continue
        first.setdefault(t.label, i)
        ranks = kinds.setdefault(t.label, {})
        ranks.update({(r, i): v for r, v in enumerate(parsed, start=1) if v is not None})
    for label, ranks in kinds.items():
        _keep_latest(sheet, record_col, ranks, first[label])
    return {i for i, t in targets.items() if t.label in first and first[t.label] != i}
