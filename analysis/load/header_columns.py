"""An input column's reading and what a column-level problem or a user's spellings need:
the values :mod:`analysis.load.header` and its helpers share."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from analysis.config import LoadOptions
from analysis.load.header_names import LABEL_GLOSS, NAME_ALONE
from analysis.normalize import Target
from analysis.normalize.cells import fold_width, parse_cell
from analysis.normalize.folded import normalize_text
from analysis.normalize.headers import header_text, main_script
from analysis.problems import Problem, column_letter
from analysis.spec import CodeReading, ColumnSpec, LanguageCodes, load_spec

# A column is switched to another field only when its values clearly say so.
SWITCH_BELOW = 0.5  # fit of the header's own field under which its values contradict it


SWITCH_ABOVE = 0.8  # fit another candidate field needs to take the column over


ACCEPT_FIT = 0.6  # fit a field named only partly by the header needs


CONTENT_ONLY = 0.9  # fit a distinctive field needs when the header names nothing known


SWITCH_HEADER = 0.5  # header score another field needs to take a column over


# header score at which a header naming a field of words in part ("Cement leakage seen on
# post-procedure imaging": one word in three) is read as it when nearly all values are its
PART_NAMED = 0.3


# how a column of codes whose meaning turns on the language, its header not saying which,
# was left unread (said once, by a warning)
LANGUAGE_UNSAID = "the header does not say the language of its codes"


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
    calendar: str | None = None  # "ethiopian": its dates as text are of that calendar
    language: str | None = None  # its codes' language, said by the sheet's other headers

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
        return _codes_listed(text, mapped) or _folded(raw)

    return value


# a cell listing several numeric codes: "1,2", "3; 5", "2+4"
_CODES_LISTED = re.compile(r"^\d{1,3}(?:\s*[,;+]\s*\d{1,3})+$")


def _codes_listed(text: str, mapped: list[tuple[str, str]]) -> str | None:
    """The meanings of a cell listing several codes of the column's value map (``3,4``:
    a leak both paravertebral and epidural), apart by semicolons; ``None`` unless every
    code listed has a meaning."""
    if not mapped or not _CODES_LISTED.match(text):
        return None
    codes = dict(mapped)
    found = [codes.get(c.strip()) for c in re.split(r"[,;+]", text)]
    return ";".join(str(f) for f in found) if all(found) else None


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
    cells = list(cells)
    by_language = language_of_codes(col, cells)
    if by_language is not None:
        # the reading the header's language gives; none where it does not say (never a
        # guess); the user's own spellings for the column win
        read = by_language.reading.read if by_language.reading else dict.fromkeys(by_language.codes.when, "")  # fmt: skip
        return lambda raw: _code_read(raw, read, mapped)
    dash = dash_reading(col, cells)
    if dash is not None:
        # "-" beside "none" and leak sites: none, unless the user's value map says otherwise
        return lambda raw: _code_read(raw, dict.fromkeys(_DASHES, dash), mapped)
    found = convention_reading(col, cells) if conventions else None
    if found is None:
        return mapped
    read = found.read
    return lambda raw: read.get(_code(raw), mapped(raw)) if isinstance(raw, str) else mapped(raw)


@dataclass(frozen=True)
class ConventionReading:
    """How a column's codes are read by the ``value_conventions`` of the vocabulary: each
    code's value, and the decision in words where more than one convention's own codes
    were read (``""`` where the column holds one convention's codes alone)."""

    read: dict[str, str]
    note: str = ""


def convention_reading(col: HeaderColumn, cells: Iterable[object]) -> ConventionReading | None:
    """The reading of a column's codes by the conventions of the vocabulary whose codes it
    holds (H and M: hombre and mujer), or ``None``.

    A convention's codes alone read by it. Beside them, the column may hold:

    - codes of another script that the field reads as written (``ж`` and ``м`` of the
      Russian-speaking patients beside the Estonian ``M`` and ``N``): set aside, read as
      they are; never a code of the convention's own script (``F`` beside ``M`` and
      ``N``: N may then be "not known");
    - under a header written in two languages (``Sukupuoli / Kön``), a code written in
      both apart by a slash (``N/K``: nainen, kvinna), beside the codes of each language
      (``M``): each half read by the conventions whose codes the column's halves hold,
      which must agree on every code they share, each reading a half; the joined code
      is the value both halves read, and nothing else (``n/k`` is elsewhere "not known").

    Codes two conventions fit otherwise (``M``, ``N`` and ``F``: ``F`` and ``N`` are
    Hungarian) are read by none.
    """
    t = col.target
    conventions = load_spec().vocabulary.value_conventions.get(t.label, ()) if t else ()
    codes = {_code(v) for v in cells if isinstance(v, str) and v.strip()}
    for when, read in conventions:
        if when <= codes and not (codes - when - set(read)):
            return ConventionReading(read)
    if t is None or t.table is None or t.column is None:
        return None
    joined = _joined_codes(codes) if len(_TRANSLATION.split(col.header.strip())) == 2 else {}
    plain = (codes - joined.keys()).union(*joined.values())
    fitting = [(when, read) for when, read in conventions if when <= plain]
    merged = _merged(fitting, set().union(*joined.values()))
    if merged is None:
        return None
    own = set(merged).union(*(when for when, _ in fitting))
    scripts = {main_script(c) for c in own}
    spec = load_spec().column(t.table, t.column)
    rest = sorted(plain - own)
    if any(main_script(c) in scripts or not _reads(c, spec) for c in rest):
        return None
    both = {}
    for code, parts in joined.items():
        values = {merged.get(h) for h in parts}
        if len(values) == 1 and None not in values:
            both[code] = str(values.pop())
    said = ", ".join(f"{c.upper()} {v}" for c, v in sorted(merged.items()) if c in plain)
    note = f"codes read by the vocabulary's conventions for them ({said})"
    if rest:
        note += f"; codes of another script read as written ({', '.join(rest)})"
    if both:
        joined_said = ", ".join(f"{c.upper()} {v}" for c, v in sorted(both.items()))
        note += f"; a code written in the header's two languages apart by a slash read as both halves read ({joined_said})"  # fmt: skip
    return ConventionReading({**merged, **both}, note)


def _merged(
    fitting: list[tuple[frozenset[str], dict[str, str]]], halves: set[str]
) -> dict[str, str] | None:
    """The readings of the conventions a column's codes fit, as one; ``None`` when none
    fits, when two fit and not each by a half of a code written in two languages (``M``,
    ``N`` and ``F``: Estonian M and N, Hungarian F and N), or when they disagree on a code."""
    if not fitting or (len(fitting) > 1 and not all(when & halves for when, _ in fitting)):
        return None
    merged: dict[str, str] = {}
    for _, read in fitting:
        for code, value in read.items():
            if merged.setdefault(code, value) != value:
                return None
    return merged


# a header's two languages apart by a spaced slash (``Sukupuoli / Kön``)
_TRANSLATION = re.compile(r"\s+/\s+")


def _joined_codes(codes: set[str]) -> dict[str, tuple[str, ...]]:
    """The codes written as two short codes apart by a slash (``n/k``), each to its
    halves."""
    out: dict[str, tuple[str, ...]] = {}
    for code in codes:
        halves = tuple(h.strip() for h in code.split("/"))
        if len(halves) == 2 and all(0 < len(h) <= _SHORT_CODE for h in halves):
            out[code] = halves
    return out


_SHORT_CODE = 2  # letters of a code (``N``, ``KK``), not a word


def _reads(code: str, spec: ColumnSpec) -> bool:
    """Whether the field's vocabulary reads a code as written."""
    try:
        parse_cell(code, spec)
    except ValueError:
        return False
    return True


def dash_reading(col: HeaderColumn, cells: Iterable[object]) -> str | None:
    """The value a lone dash reads as in ``col`` (``dash_beside_words`` of the vocabulary:
    none in a leakage column) when another of its cells names a value of the field in
    words (``لا يوجد``, ``brak``, ``venous``): the dash is then the unit's short way of
    writing that value; else ``None`` (a lone dash elsewhere is a missing marker)."""
    t = col.target
    value = load_spec().vocabulary.dash_beside_words.get(t.label) if t is not None else None
    if value is None or t is None or t.table is None or t.column is None:
        return None
    texts = {v.strip() for v in cells if isinstance(v, str) and v.strip()}
    if not any(_code(v) in _DASHES for v in texts):
        return None
    spec = load_spec().column(t.table, t.column)
    for text in texts:
        if _code(text) in _DASHES or not any(c.isalpha() for c in text):
            continue
        try:
            parse_cell(text, spec)
        except ValueError:
            continue
        return value
    return None


# a lone dash as typed: hyphen, en and em dash, minus sign (full-width folded to these),
# alone or in brackets (``(-)``, a finding written negative)
_BARE_DASHES = ("-", "\u2013", "\u2014", "\u2212")
_DASHES = frozenset({*_BARE_DASHES, *(f"({d})" for d in _BARE_DASHES)})


def _code_read(raw: object, read: dict[str, str], mapped: Callable[[object], object]) -> object:
    """A cell read by the codes of its language (``""`` for a code read as missing),
    unless the user's value map gives it a meaning."""
    given = mapped(raw)
    if not isinstance(raw, str) or given != _folded(raw):
        return given
    found = read.get(_code(raw))
    return given if found is None else found or None


@dataclass(frozen=True)
class LanguageReading:
    """How a column's codes whose meaning turns on the language were read: the codes,
    the reading the header's ``word`` chose, or ``None`` when the header does not say."""

    codes: LanguageCodes
    reading: CodeReading | None
    word: str = ""
    by_sheet: bool = False  # chosen by the words of the sheet's other headers

    def note(self) -> str:
        """The decision in words, for ``inspect`` and the problems report."""
        codes = " and ".join(sorted(c.upper() for c in self.codes.when))
        if self.reading is not None and self.by_sheet:
            return f"codes {codes} read as {self.reading.language} by the words of the sheet's other headers"  # fmt: skip
        if self.reading is not None:
            return f"codes {codes} read as {self.reading.language} by the header's word '{self.word}'"  # fmt: skip
        languages = "; ".join(
            f"{r.language}: " + ", ".join(f"{k.upper()} {v}" for k, v in sorted(r.read.items()))
            for r in self.codes.readings
        )
        return f"codes {codes} mean opposite things by language ({languages})"


def language_of_codes(col: HeaderColumn, cells: Iterable[object]) -> LanguageReading | None:
    """The reading of a column holding codes whose meaning turns on the language
    (``language_codes`` of the vocabulary), chosen by a word of its header; ``None`` when
    the column holds no such codes."""
    t = col.target
    entries = load_spec().vocabulary.language_codes.get(t.label, ()) if t else ()
    if not entries:
        return None
    codes = {_code(v) for v in cells if isinstance(v, str) and v.strip()}
    for entry in entries:
        known = set(entry.when).union(*(r.read for r in entry.readings))
        if not entry.when <= codes or codes - known:
            continue
        words = set(re.split(r"[^\w]+", header_text(col.header)))
        chosen = [(r, w) for r in entry.readings for w in r.headers if normalize_text(w) in words]
        readings = {tuple(sorted(r.read.items())) for r, _ in chosen}
        if len(readings) == 1:
            return LanguageReading(entry, chosen[0][0], chosen[0][1])
        by_sheet = [r for r in entry.readings if r.language == col.language]
        if not chosen and by_sheet:
            return LanguageReading(entry, by_sheet[0], "", by_sheet=True)
        return LanguageReading(entry, None)
    return None


def language_values(col: HeaderColumn) -> dict[str, str] | None:
    """The codes of a column whose language the sheet's other headers said, as a mapping
    file's values for it (``{"M": "male", "V": "female"}``), so that the file read back
    needs no sheet to say it again; ``None`` for any other column."""
    t = col.target
    if col.language is None or t is None:
        return None
    for entry in load_spec().vocabulary.language_codes.get(t.label, ()):
        for r in entry.readings:
            if r.language == col.language:
                return {code.upper(): value for code, value in sorted(r.read.items())}
    return None


def sheet_language(entry: LanguageCodes, headers: Iterable[str]) -> tuple[CodeReading, list[str]] | None:  # fmt: skip
    """The reading the words of a sheet's headers choose for codes whose header does not
    say their language (``Leeftijd``, ``Oorzaak``: Dutch), with the words that chose it;
    ``None`` unless one reading's words are there and no other's disagrees."""
    words = {w for h in headers for w in re.split(r"[^\w]+", header_text(h)) if w}
    found = [(r, sorted(w for w in r.sheet_words if normalize_text(w) in words)) for r in entry.readings]  # fmt: skip
    found = [(r, ws) for r, ws in found if ws]
    if len({tuple(sorted(r.read.items())) for r, _ in found}) != 1:
        return None
    return found[0]


def language_checked(
    col: HeaderColumn,
    cells: Iterable[object],
    options: LoadOptions,
    sheet_headers: Iterable[str] = (),
) -> tuple[HeaderColumn, Problem | None]:
    """A column holding codes whose meaning turns on the language: its reading with the
    language its header chose said, or, where the header does not say and the user's
    value map does not either, not read (kept, for a column the mapping file names),
    with a warning saying why."""
    cells = list(cells)
    found = language_of_codes(col, cells)
    if found is None:
        return col, None
    if found.reading is None and found.codes.readings:
        by_sheet = sheet_language(found.codes, sheet_headers)
        if by_sheet is not None:
            reading, words = by_sheet
            col = replace(col, language=reading.language)
            if col.reason == "mapping file":
                return col, None
            said = ", ".join(f"'{w}'" for w in words[:4])
            note = f"codes read as {reading.language} by the words of the sheet's other headers ({said})"  # fmt: skip
            return replace(col, reason=f"{col.reason}; {note}"), None
    if found.reading is not None:
        if col.reason == "mapping file":
            return col, None
        return replace(col, reason=f"{col.reason}; {found.note()}"), None
    given = {_code(k) for k, v in options.value_maps.get(col.header, {}).items() if v}
    if found.codes.when <= given:
        return col, None
    where = f"column {col.letter} '{col.header}': {found.note()}, and the header does not say which"  # fmt: skip
    if col.reason == "mapping file":
        message = f"{where}: these codes are left missing; give their meaning in the mapping file's values for the column"  # fmt: skip
        return col, message_problem(message, col)
    message = f"{where}: column not read; map it with the meaning of each code in a mapping file (vertebro inspect --write-mapping)"  # fmt: skip
    reason = f"{LANGUAGE_UNSAID}: {found.note()}"
    return replace(col, target=None, reason=reason), message_problem(message, col)


def _code(text: str) -> str:
    """A short code as written (``H``, ``－`` as ``-``), case folded."""
    return fold_width(text.strip()).lower()


def message_problem(message: str, col: HeaderColumn, severity: str = "warning") -> Problem:
    """A column-level problem (file and sheet are filled in by :func:`_read_contents`)."""
    return Problem("", "", None, col.header, col.letter, None, "column_reading", severity, message)


# How a field named inside a form's question is read; trusted as a header is.
QUESTION = "header: a form's question naming its field inside it"


def by_header(reason: str) -> bool:
    """Whether a column's reading was decided by its header's own words."""
    return reason in ("header", QUESTION, LABEL_GLOSS, NAME_ALONE)
