"""Problems found in input data: collected, never raised one at a time.

A :class:`Problem` names the file, sheet, spreadsheet row as Excel shows it, column,
the offending value, the rule it broke and what to do about it. A :class:`ProblemLog`
gathers them all so a user sees every problem in one pass.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass

import pandas as pd

from analysis.safety import is_safe_name, neutralize_frame, shown_value

ERROR = "error"
WARNING = "warning"

PROBLEM_COLUMNS = (
    "file",
    "sheet",
    "row",
    "column",
    "cell",
    "value",
    "rule",
    "severity",
    "message",
    "action",
)
# What became of the data an error touched (the ``action`` of a problem).
CELL_MISSING = "cell set to missing"
ROW_EXCLUDED = "row excluded"
PATIENT_EXCLUDED = "patient excluded"


def column_named(letter: str, header: str) -> str:
    """``column C 'Age'``, or just ``column C`` when the header may not be shown
    (:func:`analysis.safety.is_safe_name`)."""
    return f"column {letter} '{header}'" if is_safe_name(header) else f"column {letter}"


def column_letter(index: int) -> str:
    """Spreadsheet letter of a 1-based column index (1 -> A, 27 -> AA)."""
    if index < 1:
        raise ValueError(f"column index must be >= 1, got {index}")
    letters = ""
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@dataclass(frozen=True)
class Problem:
    """One problem with one cell, row, column or sheet of an input."""

    file: str
    sheet: str
    row: int | None
    column: str | None
    cell: str | None
    value: str | None
    rule: str
    severity: str
    message: str
    action: str = ""  # what became of the data: CELL_MISSING, ROW_EXCLUDED, PATIENT_EXCLUDED
    key: bool = False  # the cell places the row (patient, level, date): the row cannot load

    def __str__(self) -> str:
        """One line: the file as the caller named it, a sheet name or header that may not
        be shown by its position (see :func:`public_problems`; the command line names the
        file by a neutral label too)."""
        record = public_problems([self])[0]
        record["file"] = self.file
        return problem_line(record)


@dataclass(frozen=True)
class Source:
    """Where a value came from: file, sheet, 1-based spreadsheet row."""

    file: str
    sheet: str
    row: int

    def problem(
        self,
        rule: str,
        message: str,
        *,
        column: str | None = None,
        col_index: int | None = None,
        value: object = None,
        severity: str = ERROR,
        key: bool = False,
    ) -> Problem:
        cell = f"{column_letter(col_index)}{self.row}" if col_index else None
        shown = shown_value(value)
        return Problem(
            self.file, self.sheet, self.row, column, cell, shown, rule, severity, message, key=key
        )


def sheet_problem(
    file: str,
    sheet: str,
    rule: str,
    message: str,
    *,
    row: int | None = None,
    column: str | None = None,
    severity: str = WARNING,
    action: str = "",
    col_index: int | None = None,
) -> Problem:
    """A problem with a whole sheet, or with a header cell (``row``, ``column``; with
    ``col_index``, 1-based, the cell is named too, so a header that may not be shown is
    named by its column letter)."""
    cell = f"{column_letter(col_index)}{row}" if col_index and row else None
    return Problem(file, sheet, row, column, cell, None, rule, severity, message, action)


SheetPositions = dict[tuple[str, str], int]


def public_problems(
    problems: Iterable[Problem],
    *,
    show_names: bool = False,
    sheet_positions: SheetPositions | None = None,
) -> list[dict[str, object]]:
    """Problems as records fit to leave the toolkit (console, JSON, ``problems.csv``).

    The input files are named ``input file 1``, ``input file 2`` ... (the tidy tables'
    own file names stay); a sheet name or header that may not be shown
    (:func:`analysis.safety.is_safe_name`) is replaced by its position (``sheet 2``,
    the workbook's order when ``sheet_positions`` gives it) or its letter (``column F``),
    in the fields and wherever the message quotes it. ``show_names`` keeps every name as
    written (for the user's own console, at their request).
    """
    rows = [asdict(p) for p in problems]
    if show_names:
        return rows
    files: dict[str, str] = {}
    sheets: dict[tuple[str, str], str] = {}
    positions = sheet_positions or {}
    for r in rows:
        file, sheet, column = str(r["file"]), str(r["sheet"]), r["column"]
        hidden: dict[str, str] = {}
        r["file"] = _public_file(file, files)
        if r["file"] != file:
            hidden[file] = str(r["file"])
            stem = file.rsplit(".", 1)[0]
            hidden[stem] = str(r["file"])
            if sheet == stem:
                r["sheet"] = ""  # a text file's only sheet is named after the file
        if r["sheet"] and not is_safe_name(sheet):
            at = positions.get((file, sheet))
            r["sheet"] = sheets.setdefault(
                (file, sheet), f"sheet {at if at is not None else len(sheets) + 1}"
            )
            hidden[sheet] = str(r["sheet"])
        if column is not None and not is_safe_name(column):
            cell = r["cell"]
            r["column"] = f"column {str(cell).rstrip('0123456789')}" if cell else "a column"
            hidden[str(column)] = str(r["column"])
        r["message"] = _scrubbed(str(r["message"]), hidden)
    return rows


def _scrubbed(message: str, hidden: dict[str, str]) -> str:
    """``message`` with every hidden name (quoted or bare) replaced by its label."""
    for name in sorted(hidden, key=len, reverse=True):
        if len(name.strip()) < 2:
            continue
        message = message.replace(f"'{name}'", hidden[name]).replace(name, hidden[name])
    return message


def problem_line(record: dict[str, object]) -> str:
    """One console line of a public problem record (:func:`public_problems`):
    ``ERROR input file 1:Cases!E3 [Level] 'L7': not a vertebral level (C1-S1)``."""
    where = str(record["file"] or "")
    if record["sheet"]:
        where += f":{record['sheet']}"
    if record["cell"]:
        where += f"!{record['cell']}"
    elif record["row"] is not None:
        where += f"!{record['row']}"
    if record["column"]:
        where += f" [{record['column']}]"
    shown = f" '{record['value']}'" if record["value"] is not None else ""
    then = f" [{record['action']}]" if record["action"] else ""
    return f"{str(record['severity']).upper()} {where.strip()}{shown}: {record['message']}{then}"


class ProblemLog:
    """An ordered collection of problems."""

    def __init__(self, problems: Iterable[Problem] = ()) -> None:
        self._items: list[Problem] = list(problems)

    def add(self, problem: Problem) -> None:
        self._items.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        self._items.extend(problems)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self._items if p.severity == ERROR]

    @property
    def has_errors(self) -> bool:
        return any(p.severity == ERROR for p in self._items)

    def to_frame(self, sheet_positions: SheetPositions | None = None) -> pd.DataFrame:
        """All problems as a DataFrame with stable columns, fit to leave the toolkit.

        File names other than the tidy table files, and sheet names and column headers
        that may not be shown, are replaced by their position ("input file 1", "sheet
        'Cases'" stays, "sheet 2", "column C"; see :func:`public_problems`); no cell can
        run as a formula.
        """
        rows = public_problems(self._items, sheet_positions=sheet_positions)
        frame = pd.DataFrame(rows, columns=list(PROBLEM_COLUMNS))
        frame = neutralize_frame(frame).map(_encodable)
        frame["row"] = frame["row"].astype("Int64")  # 37, not 37.0
        return frame


_TIDY_FILES = {
    f"{t}{ext}"
    for t in ("patients", "procedures", "assessments", "fractures")
    for ext in (".csv", ".parquet")
}


def _encodable(value: object) -> object:
    """Text that can be written as UTF-8 (an undecodable byte in a name becomes '?')."""
    if isinstance(value, str):
        return value.encode("utf-8", "replace").decode("utf-8")
    return value


def _public_file(name: str, seen: dict[str, str]) -> str:
    if not name or name in _TIDY_FILES:
        return name
    return seen.setdefault(name, f"input file {len(seen) + 1}")


class CohortDataError(ValueError):
    """Raised under the strict policy when the input has data errors.

    ``problems`` holds every problem found, not just the first.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        errors = [p for p in self.problems if p.severity == ERROR]
        head = "\n".join(str(p) for p in errors[:20])
        more = f"\n... and {len(errors) - 20} more" if len(errors) > 20 else ""
        super().__init__(f"{len(errors)} data error(s) in the input:\n{head}{more}")


class InputFormatError(ValueError):
    """The input cannot be read at all (missing file, unknown format, no header)."""
