"""An input column's reading and what a column-level problem or a user's spellings need:
the values :mod:`analysis.load.header` and its helpers share."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from analysis.config import LoadOptions
from analysis.normalize import Target
from analysis.normalize.cells import fold_width
from analysis.problems import Problem, column_letter
from analysis.spec import load_spec

# A column is switched to another field only when its values clearly say so.
SWITCH_BELOW = 0.5  # fit of the header's own field under which its values contradict it


SWITCH_ABOVE = 0.8  # fit another candidate field needs to take the column over


ACCEPT_FIT = 0.6  # fit a field named only partly by the header needs


CONTENT_ONLY = 0.9  # fit a distinctive field needs when the header names nothing known


SWITCH_HEADER = 0.5  # header score another field needs to take a column over


@dataclass(frozen=True)
class HeaderColumn:
    """One input column: 1-based index, header text as shown, and how it is read.

    ``confidence`` is 1 for a header named in the mapping file, otherwise the mean of the
    header score and the share of values that parse under the chosen field's rule (the
    header score alone where the values give no evidence). ``n_values`` and ``n_parsed``
    count the sampled non-missing cells and those that parse. ``reason`` says how the
    reading was decided.
    """

    index: int
    header: str
    target: Target | None
    confidence: float = 0.0
    n_values: int = 0
    n_parsed: int = 0
    reason: str = ""
    slot: int = 0  # "Level 2", "Volume 2": the second vertebra of the session (0: none)
    session: int = 1  # "Repeat level", "2nd procedure date": a second session on the row
    date_order: str | None = None  # a mapping file's day/month order for this column

    @property
    def letter(self) -> str:
        return column_letter(self.index)


@dataclass(frozen=True)
class SheetLayout:
    """Where the data of a sheet starts and what each column holds."""

    header_row: int  # last header row (1-based); data starts below it
    columns: tuple[HeaderColumn, ...]
    problems: tuple[Problem, ...] = ()  # one per column read against its header

    @property
    def first_data_row(self) -> int:
        return self.header_row + 1


def user_values(options: LoadOptions, header: str) -> Callable[[object], object]:
    """:func:`user_value` for the column headed ``header``, its missing markers and value
    map prepared once."""
    markers = {fold_width(m.strip()).casefold() for m in options.missing_markers}
    mapped = [(fold_width(k.strip()), v) for k, v in options.value_maps.get(header, {}).items()]
    if not markers and not mapped:
        return _folded

    def value(raw: object) -> object:
        if not isinstance(raw, str):
            code = whole_code(raw)  # a numeric code (a legend's ``1 = homme``)
            if code is None:
                return raw
            found = next((v for k, v in mapped if k == code), None)
            return None if code in markers else raw if found is None else found
        text = fold_width(raw.strip())
        if text.casefold() in markers:
            return None
        for key, found in mapped:
            if key == text or key.casefold() == text.casefold():
                return found
        return _folded(raw)

    return value


def whole_code(raw: object) -> str | None:
    """A whole-number cell as text (``1``, ``2.0`` as ``2``), else ``None``: a code a
    value map may give the meaning of."""
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        return None
    return str(int(raw)) if float(raw).is_integer() else None


def _folded(raw: object) -> object:
    """A text cell in Unicode compatibility form (full-width ``Ｌ２`` as ``L2``)."""
    return fold_width(raw) if isinstance(raw, str) and not raw.isascii() else raw


def user_value(options: LoadOptions, header: str, raw: object) -> object:
    """A cell after the user's value map for its column and the extra missing markers."""
    return user_values(options, header)(raw)


def with_convention(
    col: HeaderColumn, cells: Iterable[object], mapped: Callable[[object], object]
) -> Callable[[object], object]:
    """The value map of a column whose codes mean what the codes beside them say
    (``value_conventions`` of the vocabulary: H and M in a sex column are hombre and
    mujer)."""
    t = col.target
    conventions = load_spec().vocabulary.value_conventions.get(t.label, ()) if t else ()
    if not conventions:
        return mapped
    codes = {_code(v) for v in cells if isinstance(v, str) and v.strip()}
    for when, read in conventions:
        if when <= codes and not (codes - when - set(read)):
            return lambda raw: read.get(_code(raw), mapped(raw)) if isinstance(raw, str) else mapped(raw)  # fmt: skip
    return mapped


def _code(text: str) -> str:
    """A short code as written (``H``, ``－`` as ``-``), case folded."""
    return fold_width(text.strip()).lower()


def message_problem(message: str, col: HeaderColumn, severity: str = "warning") -> Problem:
    """A column-level problem (file and sheet are filled in by :func:`_read_contents`)."""
    return Problem("", "", None, col.header, col.letter, None, "column_reading", severity, message)
