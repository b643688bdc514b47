"""Problems found in input data: collected, never raised one at a time.

A :class:`Problem` names the file, sheet, spreadsheet row as Excel shows it, column,
the offending value, the rule it broke and what to do about it. A :class:`ProblemLog`
gathers them all so a user sees every problem in one pass.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass

import pandas as pd

from analysis.safety import looks_like_identifier, neutralize_frame, shown_value

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
    """``column C 'Age'``, or just ``column C`` when the header looks like an identifier."""
    return f"column {letter}" if looks_like_identifier(header) else f"column {letter} '{header}'"


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
        sheet = "a sheet" if looks_like_identifier(self.sheet) else self.sheet
        where = f"{self.file}:{sheet}"
        if self.cell:
            where += f"!{self.cell}"
        elif self.row is not None:
            where += f"!{self.row}"
        if self.column:
            shown_column = "a column" if looks_like_identifier(self.column) else self.column
            where += f" [{shown_column}]"
        shown = f" '{self.value}'" if self.value is not None else ""
        then = f" [{self.action}]" if self.action else ""
        return f"{self.severity.upper()} {where}{shown}: {self.message}{then}"


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
) -> Problem:
    """A problem with a whole sheet, or with a header cell (``row``, ``column``)."""
    return Problem(file, sheet, row, column, None, None, rule, severity, message, action)


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

    def to_frame(self) -> pd.DataFrame:
        """All problems as a DataFrame with stable columns, fit to leave the toolkit.

        File names other than the tidy table files, and sheet names and column headers
        that look like identifiers, are replaced by their position ("input file 1",
        "sheet 'Cases'" stays, "sheet 2", "column C"); no cell can run as a formula.
        """
        rows = [asdict(p) for p in self._items]
        files: dict[str, str] = {}
        sheets: dict[str, str] = {}
        for r in rows:
            r.pop("key", None)
            file = str(r["file"])
            r["file"] = _public_file(file, files)
            if r["file"] != file and str(r["sheet"]) == file.rsplit(".", 1)[0]:
                r["sheet"] = ""  # a text file's only sheet is named after the file
            if looks_like_identifier(r["sheet"]):
                r["sheet"] = sheets.setdefault(str(r["sheet"]), f"sheet {len(sheets) + 1}")
            if r["column"] is not None and looks_like_identifier(r["column"]):
                r["column"] = (
                    f"column {r['cell'].rstrip('0123456789')}" if r["cell"] else "a column"
                )
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
