"""A legend sheet beside the data: the numeric codes of its columns (``Sexe | 1 | homme``,
``Sexe | 1 = homme; 2 = femme``), read so that the coded cells read as what they mean.

A workbook's legend (codebook, "key", any language) is a sheet of short rows, not a table
of patients: a field's name, then its codes each beside its meaning, either one code a
row (the field named on its first row, or alone on a row above its codes) or all codes in
one cell. Each meaning is read as the value of the field the codes belong to: of a
meaning in several languages (``Gabo / homme / male``) the first part the field's own
spellings know. Codes listed for every column (``Tous | 99 | non fait``, the
``legend_every_column`` words of the vocabulary) whose meaning is a missing marker are
read as missing in every column. The codes become the value maps of the columns the
legend names (by their header as shown), as a mapping file's ``values`` would: a code the
legend does not list stays as written, and the cell is reported against its field.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field, replace
from functools import cache

from analysis.config import LoadOptions
from analysis.io import RawSheet
from analysis.load.header_levels import header_level
from analysis.load.header_names import label_aliases
from analysis.load.point_codes import point_note, with_point_codes
from analysis.load.score_blocks import read_score_blocks
from analysis.load.score_words import read_score_words
from analysis.load.variable_view import VariableView, read_variable_view
from analysis.normalize import CellError, is_missing, parse_cell
from analysis.normalize.headers import match_header, two_parts
from analysis.problems import WARNING, Problem, sheet_problem
from analysis.spec import ColumnSpec, load_spec, normalize_text

_PAIR = re.compile(r"(?<![\w.])(\d{1,3})\s*=\s*([^,;=]+?)\s*(?=,|;|$)")
_CODE = re.compile(r"^\d{1,3}$")
_LISTS = re.compile(r"^\s*\d{1,3}\s*=")  # a cell of codes only: "99 = non fait"
_VARIABLE = re.compile(r"^[a-z][a-z0-9_]{1,31}$")  # a variable's short name: "pt_kod", "vas0"
# a meaning's parts: apart by a slash, a bracket, a sentence's full stop or a spaced dash
# ("Not available — visit missed. User-missing.")
_PARTS = re.compile(r"\s*[/;:,()\[\]]\s*|\.\s+|\.$|\s+[—–]\s+")
# a statistics package's variable, or a pattern of them ("s1_lk*"), in a list of them
_LISTED = re.compile(r"^[A-Za-z][A-Za-z0-9_.]*\*?$")
# variables numbered as a range: "leak_1..3", "lvl1-4", "vol_1–3", "Leak 1-3"
# ("vas_0-10", "score 1-10" name a scale: a dash joins only single digits from 1)
_RANGE = re.compile(r"^(?P<stem>[A-Za-z][A-Za-z0-9_]*?[A-Za-z_] ?)(?:(?P<first>\d{1,2})\s*\.\.\s*(?P<last>\d{1,2})|(?P<low>[1-9])\s*[-–]\s*(?P<high>[2-9]))$")  # fmt: skip
_MAX_RANGE = 20  # a range of more variables is no list of one field's columns
_MAX_CELLS = 4  # a legend's row: field, code, meaning (and a note); a data row holds more
_HEADER_ROWS = 30  # rows of a data sheet searched for the headers a legend names
_MIN_FIELDS = 2  # fields with two codes or more that make a sheet a legend
_MAX_ROWS = 500  # a legend is short: a longer sheet is data
_MIN_KEY_LINE = 10  # a key's line on a data sheet: a sentence, not a cell's code
# a key line's code and meaning: "B = baineann (female)", up to a comma, a semicolon, a
# sentence's full stop or the line's end
_KEY_PAIR = re.compile(r"(?<!\w)([^\W_]{1,3})\s*=\s*([^,;=]+?)\s*(?=[,;]|\.\s|\.?\s*$)")
# a key line's codes before a spaced dash, a code's other spellings after a slash, and its
# meaning ("Jynsy: e/м — erkek, a/ж — aýal.": male in two scripts, female in two), up to a
# comma, a semicolon, a sentence's full stop or the line's end
_DASH_PAIR = re.compile(
    r"(?<![\w/])([^\W_]{1,3}(?:/[^\W_]{1,3})*)\s+[—–]\s+([^,;=—–]+?)\s*(?=[,;]|\.\s|\.?\s*$)"
)
_SENTENCE_END = re.compile(r"\.\s")
# a note defining an abbreviation: "KĐ: không đến tái khám", '"ไม่มา" = ไม่มาตามนัด'
_DEFINED = re.compile(
    r"^\s*[\"'“”«]?(?P<short>[^\s\"'“”«»=:]{1,8})[\"'“”»]?\s*[:=]\s*(?P<meaning>\S.*)$"
)


@dataclass(frozen=True)
class Legend:
    """The codes a legend sheet gives: per field named (as written), code -> value read;
    and the codes that mean missing in every column."""

    sheet: str
    fields: dict[str, dict[str, str]]
    missing: tuple[str, ...] = ()
    file: str = ""
    columns: dict[str, dict[str, str]] = field(default_factory=dict)  # header -> codes applied
    coded: dict[str, str] = field(default_factory=dict)  # name -> the field its meanings read
    inline: bool = False  # a key line on a data sheet, the sheet read as data too
    labels: dict[str, str] = field(default_factory=dict)  # a codebook's variable -> label
    said: str = ""  # how a legend of its own kind was read (time points of codes)

    @property
    def note(self) -> str:
        """How the legend was read, for the warning and ``inspect``."""
        if self.said:
            return self.said
        every = f"; {', '.join(self.missing)} read as missing in every column" if self.missing else ""  # fmt: skip
        if self.inline and not self.columns:
            return f"a key line on the sheet read: {every[2:]}"
        if self.inline:
            said = "; ".join(
                f"{_headers(headers)}: {', '.join(f'{k} = {v}' for k, v in codes)}"
                for codes, headers in _same_codes(self.columns).items()
            )
            return f"a key line on the sheet read as the codes of the column(s): {said}{every}"
        if not self.fields:  # a sheet of abbreviations: only its missing markers
            return f"read as a legend: {every[2:]}"
        return (
            f"read as a legend: the codes of {len(self.columns)} column(s) applied to "
            f"their cells{every}"
        )


def _headers(headers: list[str]) -> str:
    """One column's header as written; several quoted and listed."""
    return headers[0] if len(headers) == 1 else ", ".join(repr(h) for h in headers)


def _same_codes(columns: dict[str, dict[str, str]]) -> dict[tuple[tuple[str, str], ...], list[str]]:
    """The columns a key line gives the same codes, gathered so its words are said once."""
    out: dict[tuple[tuple[str, str], ...], list[str]] = {}
    for header, codes in columns.items():
        out.setdefault(tuple(codes.items()), []).append(header)
    return out


def _code(value: object) -> str | None:
    """A cell holding a code: a whole number of up to three digits."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return str(int(value)) if 0 <= value < 1000 else None
    if isinstance(value, str) and _CODE.match(value.strip()):
        return value.strip()
    return None


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() and _code(value) is None else None  # fmt: skip


def _raw_codes(sheet: RawSheet) -> tuple[dict[str, dict[str, str]], int, int]:
    """Field -> code -> meaning as written; the number of non-empty rows and of rows
    read as codes or field headings."""
    fields: dict[str, dict[str, str]] = {}
    current: str | None = None
    rows = used = 0
    for i in range(sheet.n_rows):
        cells = [c for c in sheet.row(i) if c is not None and str(c).strip()]
        if not cells:
            continue
        rows += 1
        if len(cells) > _MAX_CELLS:
            current = None
            continue
        pairs = [(c, _PAIR.findall(c)) for c in cells if isinstance(c, str)]
        listed = next(((c, p) for c, p in pairs if len(p) >= 2 or (p and _LISTS.match(c))), None)
        if listed is not None:  # "Sexe | 1 = homme; 2 = femme"
            name = next((_text(c) for c in cells if c is not listed[0] and _text(c)), None)
            if name:
                fields.setdefault(name, {}).update({k: v.strip() for k, v in listed[1]})
                used += 1
            continue
        at = next((i for i, c in enumerate(cells[:-1]) if _code(c) is not None and _text(cells[i + 1])), None)  # fmt: skip
        if at is not None:  # "Sexe | 1 | homme" or "| 2 | femme" under it
            named = next((_text(c) for c in reversed(cells[:at]) if _text(c)), None)
            if named is None and current is None and _missing(str(_text(cells[at + 1]))):
                # "999 | no data | in every numeric column": a code for every column
                named = _every_column()
            current = named or current
            if current is not None:
                fields.setdefault(current, {})[str(_code(cells[at]))] = _meaning(cells[at + 1 :])
                used += 1
            continue
        if (heading := _field_heading(sheet, i, cells)) is not None:
            current = heading
            used += 1
        elif len(_listed(str(cells[0]))) >= 2:  # "s1_l1, s1_l2, nfx_lvl | level:" over codes
            current = str(cells[0]).strip()
            used += 1
        elif _VARIABLE.match(str(cells[0])):  # a codebook's row: variable, label, unit
            current = None
            used += 1
    return fields, rows, used


def _field_heading(sheet: RawSheet, i: int, cells: list[object]) -> str | None:
    """A field's name alone on row ``i`` over its codes, or beside the titles of its
    block's columns (:func:`_titled_field`); else ``None``."""
    if len(cells) == 1:
        return _text(cells[0])
    return _titled_field(sheet, i)


def _titled_field(sheet: RawSheet, i: int) -> str | None:
    """A field's name heading its block of codes beside the titles of the block's columns
    (``Sex | Code | Meaning | Fino' CHamoru`` over ``| 1 | Male | låhi``): a row of text
    cells only whose next row holds its code under one of the titles, the name the first
    text cell left of it; else ``None`` (``Code | Meaning`` over ``1 | male`` names no
    field)."""
    row = sheet.row(i)
    texts = [j for j, c in enumerate(row) if c is not None and str(c).strip()]
    if len(texts) < 2 or any(_text(row[j]) is None for j in texts):
        return None
    below: list[object] = []
    for k in range(i + 1, sheet.n_rows):
        below = sheet.row(k)
        if any(c is not None and str(c).strip() for c in below):
            break
    at = next((j for j, c in enumerate(below) if _code(c) is not None), None)
    if at is None or at not in texts[1:]:
        return None
    return _text(row[texts[0]])


def _meaning(cells: list[object]) -> str:
    """A code's meaning: the text cells after it up to the next code, a meaning written
    in a column per language (``1 | പുരുഷൻ | male``) read as its languages apart by a
    slash (``പുരുഷൻ / male``)."""
    texts: list[str] = []
    for c in cells:
        if _code(c) is not None:
            break
        if (text := _text(c)) is not None:
            texts.append(text)
    return " / ".join(texts)


def _listed(name: str) -> list[str]:
    """The variables a legend's entry names, several apart by commas (``s1_lk1, s1_lk2``,
    ``vas_*, odi_*``: a statistics package's list, patterns among them) or as a numbered
    range (``leak_1..3``: ``leak_1, leak_2, leak_3``); ``[]`` when the entry is not such a
    list."""
    parts = [p.strip() for p in name.split(",")]
    ranged = [_numbered(p) for p in parts]
    if all(r is not None for r in ranged):
        return [v for r in ranged for v in r or ()]
    return parts if all(_LISTED.match(p) for p in parts) else []


def _numbered(name: str) -> list[str] | None:
    """The variables a numbered range names (``leak_1..3``, ``lvl1-4``), else ``None``."""
    m = _RANGE.match(name)
    if m is None:
        return None
    first, last = int(m["first"] or m["low"]), int(m["last"] or m["high"])
    if not first < last <= first + _MAX_RANGE:
        return None
    return [f"{m['stem']}{k}" for k in range(first, last + 1)]


def _each_variable(fields: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """The codes of an entry naming several variables given to each of them."""
    out: dict[str, dict[str, str]] = {}
    for name, codes in fields.items():
        listed = _listed(name)
        for each in listed if len(listed) >= 2 or "*" in name else [name]:
            out[each] = {**out.get(each, {}), **codes}
    return out


def is_key_line(text: str) -> bool:
    """Whether a line of one cell is a key's line: a sentence giving two codes or more
    each ``=`` its meaning (``Niveaux : D = dorsale (D12 = T12), L = lombaire``,
    ``* Marche : 0 = alité ; 1 = fauteuil``), never a note about a patient."""
    text = text.strip()
    return len(text) >= _MIN_KEY_LINE and len(_KEY_PAIR.findall(text)) >= 2


def _note_lines(sheet: RawSheet) -> list[str]:
    """The rows of one text cell, a sentence holding an ``=`` sign: a key's line (two
    signs or more) or a note defining an abbreviation."""
    out = []
    for i in range(sheet.n_rows):
        cells = [c for c in sheet.row(i) if c is not None and str(c).strip()]
        if len(cells) == 1 and isinstance(cells[0], str):
            text = cells[0].strip()
            if len(text) >= _MIN_KEY_LINE and ("=" in text or _dashed(text)):
                out.append(text)
    return out


def _dashed(text: str) -> bool:
    """Whether a line without an ``=`` sign gives two codes or more each before a spaced
    dash and its meaning (``e/м — erkek, a/ж — aýal``)."""
    return "=" not in text and len(_DASH_PAIR.findall(text)) >= 2


def _key_pairs(line: str, part: str) -> list[tuple[str, str]]:
    """The codes and meanings of ``part`` of a key ``line``: ``code = meaning`` each, or in
    a line of dashes each code (and each of its spellings after a slash) before its
    meaning, up to the sentence's end."""
    if not _dashed(line):
        return list(_KEY_PAIR.findall(part))
    sentence = _SENTENCE_END.split(part, maxsplit=1)[0]
    return [(c, m) for codes, m in _DASH_PAIR.findall(sentence) for c in codes.split("/")]


def _coded_headers(
    sheets: list[RawSheet], shown: dict[str, str] | None = None
) -> dict[str, ColumnSpec]:
    """The short text cells of the sheets' first rows naming a field whose values a key
    may code (a categorical or yes/no column), with that field's spec; each text's cell
    as shown (a header in two languages for either half) put in ``shown``."""
    fields = dict(_coded_fields())
    found: dict[str, ColumnSpec] = {}
    for sheet in sheets:
        for i in range(min(sheet.n_rows, _HEADER_ROWS)):
            for c in sheet.row(i):
                if isinstance(c, str) and 0 < len(c.strip()) <= 60 and "=" not in c:
                    # a header in two languages (``Rhyw\nSex (G/B)``) by its halves too
                    for text in dict.fromkeys((c.strip(), *two_parts(c))):
                        t = match_header(text)
                        if t is not None and t.kind == "column" and t.label in fields:
                            found[text] = fields[t.label]
                            if shown is not None:
                                shown.setdefault(text, c.strip())
    return found


def _bracket_codes(header: str) -> list[str]:
    """The codes a header lists in a bracket at its end (``Sex (G/B)``), else ``[]``."""
    m = _BRACKET_CODES.search(header)
    return [c.strip() for c in m.group(1).split("/")] if m else []


_BRACKET_CODES = re.compile(r"\(\s*([^\W_]{1,3}(?:\s*/\s*[^\W_]{1,3})+)\s*\)\s*$")


def _bracket_keyed(line: str, headers: dict[str, ColumnSpec]) -> dict[str, dict[str, str]]:
    """The codes of the headers listing them in a bracket (``Sex (G/B)``) that a key line
    gives every one of, each ``=`` a meaning read as a value of the header's field
    (``G = gwryw / male, B = benyw / female``), though the line does not name the header."""
    pairs = dict(_KEY_PAIR.findall(line))
    out: dict[str, dict[str, str]] = {}
    for header, spec in headers.items():
        codes = _bracket_codes(header)
        if not codes or not all(c in pairs for c in codes):
            continue
        values = {c: _value(pairs[c], spec) for c in codes}
        if all(values.values()):
            out[header] = {c: str(v) for c, v in values.items()}
    return out


def read_key_lines(sheet: RawSheet, others: list[RawSheet] | None = None) -> Legend | None:
    """The codes a key written on a data sheet itself gives its columns, one line under
    (or over) its table: ``Key: Sex B = female, F = male. Age = at first procedure``.
    Codes of a letter mean different things in different units (``F`` is female in English
    and male, *fireann*, in Irish), so the unit's own key is read before any guess: a line
    of one cell naming a header of the sheet, then two codes or more each ``=`` a meaning
    read as a value of the header's field (its first part the field knows: ``fireann
    (male)``), gives that column its codes, as a legend sheet's would; so does a line of
    codes each before a spaced dash (``Jynsy: e/м — erkek, a/ж — aýal.``), a code's other
    spellings after a slash, up to the sentence's end. ``None`` when no line does. A sheet holding no header of its own (a cover sheet's legend: ``Zement-
    austritt Lokalisation: D = diskal, E = epidural``) keys the headers of ``others``,
    the workbook's data sheets."""
    notes = _note_lines(sheet)
    lines = [text for text in notes if text.count("=") >= 2 or _dashed(text)]
    shown: dict[str, str] = {}
    headers = _coded_headers([sheet], shown) if lines else {}
    if lines and not headers and others:
        headers = _coded_headers(others, shown)
    columns: dict[str, dict[str, str]] = {}
    missing: list[str] = []
    for line in lines:
        named = [(m.start(), m.end(), h) for h in headers if (m := _named_in(h, line))]
        named.sort()
        # codes ahead of any header named (``TH = tidak hadir; "-" = tiada data``): the
        # sheet's markers of a missed visit or test, missing in every column
        ahead = line[: named[0][0]] if named else line
        missing += [code for code, meaning in _KEY_PAIR.findall(ahead) if _missing(meaning)]
        for k, (_, end, header) in enumerate(named):
            stop = named[k + 1][0] if k + 1 < len(named) else len(line)
            values = _leading_values(_key_pairs(line, line[end:stop]), headers[header])
            if len(values) >= 2:  # the codes of the column as shown ("Sexua / Sexo")
                columns.setdefault(shown.get(header, header), values)
        for header, codes in _bracket_keyed(line, headers).items():
            columns.setdefault(header, codes)
        if not named:
            for header, codes in _unnamed_keyed(line, headers, shown).items():
                columns.setdefault(header, codes)
    missing += _missing_defined(notes)
    if not columns and not missing:
        return None
    markers = tuple(dict.fromkeys(missing))
    return Legend(sheet.sheet, dict(columns), markers, sheet.file, columns=columns, inline=True)


def _unnamed_keyed(
    line: str, headers: dict[str, ColumnSpec], shown: dict[str, str]
) -> dict[str, dict[str, str]]:
    """The codes of a key line naming no header (``BP = bertebroplastia, KP = kifoplastia
    (balioa).``) given to the one column of the sheet whose field reads every meaning of
    the line; nothing when no column, or several, would."""
    pairs = _key_pairs(line, line)
    if len(pairs) < 2:
        return {}
    fits: dict[str, dict[str, str]] = {}
    for header, spec in headers.items():
        values = _leading_values(pairs, spec)
        if len(values) == len(pairs):
            fits.setdefault(shown.get(header, header), values)
    return fits if len(fits) == 1 else {}


def _leading_values(pairs: list[tuple[str, str]], spec: ColumnSpec) -> dict[str, str]:
    """The codes of a header named in a key line, each read as a value of its field, up
    to the first whose meaning the field does not know: the codes of another column the
    line goes on to give without naming it (``Sexua: E = emakumea, G = gizona.  Bai = sí,
    Ez = no.``: the sex's codes, then the yes / no of any column)."""
    out: dict[str, str] = {}
    for code, meaning in pairs:
        value = _value(meaning, spec)
        if not value:
            break
        out[code] = str(value)
    return out


def _missing_defined(notes: list[str]) -> list[str]:
    """The abbreviations note lines define as a missing marker, each ``=`` its meaning
    (``… ODI chỉ đánh giá trước TT, 1 tháng. KĐ = không đánh giá.``: not assessed), a
    single ``=`` in a sentence as well as a key's line: read as missing in every column.
    A code of digits alone (``99 = not done``) could be a value: only a code holding a
    letter is read."""
    found: list[str] = []
    for text in notes:
        for code, meaning in _KEY_PAIR.findall(text):
            if not code.isdigit() and _missing(meaning) and code not in found:
                found.append(code)
        found += [
            c for c, meaning in _listed_markers(text) if _says_missing(meaning) and c not in found
        ]
    return found


# a sentence of a note giving several markers, comma- or slash-apart, one meaning: "absent,
# ma iman = patient non venu au contrôle", "absent / لم يحضر = ne s'est pas présenté" (each
# marker one or two words of letters, a word perhaps ending in a glottal stop's apostrophe,
# the marker perhaps in quotes: 'NS / "ti mamaila'" = no-show')
_MARKER = r"[\"“«]?[^\W\d_]+['’ʼ]?(?: [^\W\d_]+['’ʼ]?)?[\"”»]?"
_LISTED_MARKERS = re.compile(
    rf"^\s*(?P<codes>{_MARKER}(?:\s*[,/]\s*{_MARKER})+)\s*=\s*(?P<meaning>[^=]+?)\s*$"
)
_QUOTES = '"“”«»'
# a note's sentences, and the clauses of a sentence apart by a semicolon ("PDV = perdu de
# vue ; absent / لم يحضر = ne s'est pas présenté au contrôle ; DCD = décédé")
_CLAUSE_END = re.compile(r"\.\s|;")


def _listed_markers(text: str) -> list[tuple[str, str]]:
    """The markers of each sentence (or clause) of ``text`` listing several before one
    ``=`` and its meaning, each with that meaning (``absent, ma iman = patient non venu au
    contrôle``, ``absent / لم يحضر = ne s'est pas présenté au contrôle``)."""
    out = []
    for sentence in _CLAUSE_END.split(text):
        m = _LISTED_MARKERS.match(sentence.rstrip("."))
        if m is not None:
            out += [(code.strip().strip(_QUOTES), m["meaning"]) for code in re.split(r"[,/]", m["codes"])]  # fmt: skip
    return out


def _named_in(header: str, line: str) -> re.Match[str] | None:
    return re.search(rf"(?<!\w){re.escape(header)}(?!\w)", line, re.I)


def _every_column() -> str:
    return load_spec().vocabulary.legend_every_column[0]


def read_legend(sheet: RawSheet) -> Legend | None:
    """The codes of a legend sheet, or ``None`` when the sheet is no legend: at least two
    fields with two codes or more, and most of its non-empty rows codes or fields' names."""
    if sheet.n_rows > _MAX_ROWS:
        return None
    fields, rows, used = _raw_codes(sheet)
    fields = _each_variable(fields)
    coded = [f for f, codes in fields.items() if len(codes) >= 2]
    if len(coded) < _MIN_FIELDS or used < 0.6 * rows:
        view = read_variable_view(sheet)
        return _abbreviations(sheet) if view is None else _viewed(sheet, view)
    read, missing, fields_of = _read_fields(fields)
    return Legend(sheet.sheet, read, tuple(missing), sheet.file, coded=fields_of)


def _viewed(sheet: RawSheet, view: VariableView) -> Legend:
    """A codebook sheet of variables (:mod:`analysis.load.variable_view`) as a legend: the
    codes of each variable read as a legend's, its declared missing values read as
    missing; a variable whose label names a score keeps its numbers (only its missing
    codes are read)."""
    read, _, fields_of = _read_fields(view.codes, view.labels)
    for name, declared in view.missing.items():
        read[name] = {**read.get(name, {}), **dict.fromkeys(declared, "")}
    for name, label in view.labels.items():
        t = match_header(label)
        if name in read and t is not None and t.kind == "measure":
            read[name] = {k: v for k, v in read[name].items() if v == ""}
    read = {name: codes for name, codes in read.items() if codes}
    return Legend(sheet.sheet, read, (), sheet.file, coded=fields_of, labels=dict(view.labels))


def _read_fields(
    fields: dict[str, dict[str, str]], labels: dict[str, str] | None = None
) -> tuple[dict[str, dict[str, str]], list[str], dict[str, str]]:
    """Each field's codes read as values (of vertebral levels, or of the coded field its
    name or meanings name); the codes meaning missing in every column; the field each
    short name's meanings read as."""
    every = {normalize_text(w) for w in load_spec().vocabulary.legend_every_column}
    read: dict[str, dict[str, str]] = {}
    missing: list[str] = []
    fields_of: dict[str, str] = {}
    for name, codes in fields.items():
        if normalize_text(name) in every:
            missing += [k for k, meaning in codes.items() if _missing(meaning)]
            continue
        levels = _levels(codes)
        if levels is not None:  # "13 | L1", "12 | D12": the codes of vertebral levels
            read[name] = levels
            continue
        label = _field_of((labels or {}).get(name, name), codes)
        column = dict(_coded_fields())[label]
        read[name] = _meanings(codes, column)
        if len(codes) >= 2 and all(_value(m, column) is not None for m in codes.values()):
            fields_of[name] = label  # every meaning read as a value of that field
    return read, missing, fields_of


def _levels(codes: dict[str, str]) -> dict[str, str] | None:
    """Code -> vertebra, when every meaning of two codes or more names one vertebral level
    and nothing else (``12 = D12``, dorsal: ``T12``); else ``None``."""
    out = {}
    for code, meaning in codes.items():
        level = header_level(meaning)
        if level is None:
            return None
        out[code] = level
    return out if len(out) >= 2 else None


def _abbreviations(sheet: RawSheet) -> Legend | None:
    """A sheet of notes each defining an abbreviation, one a row (``KĐ: không đến tái
    khám``, ``PV: vertebroplasty``): those meaning a missing marker (did not attend, not
    done) are read as missing in every column; ``None`` when most of its non-empty rows
    define nothing or none means missing."""
    rows = [
        [c for c in sheet.row(i) if c is not None and str(c).strip()] for i in range(sheet.n_rows)
    ]
    rows = [r for r in rows if r]
    found = [m for r in rows if len(r) == 1 and (m := _DEFINED.match(str(r[0]))) is not None]
    if not rows or len(found) < 0.6 * len(rows):
        return None
    missing = tuple(dict.fromkeys(m["short"] for m in found if _missing(m["meaning"].strip())))
    return Legend(sheet.sheet, {}, missing, sheet.file) if missing else None


def _parts(meaning: str) -> list[str]:
    """A meaning, then its parts (``Gabo / homme / male``, ``Tumeur: métastase``)."""
    return [meaning, *(p for p in _PARTS.split(meaning) if p.strip() and p != meaning)]


def _missing(meaning: str) -> bool:
    return any(is_missing(p) for p in _parts(meaning))


def _says_missing(meaning: str) -> bool:
    """A meaning that is a missing marker, or holds one of two words or more
    (``patient non venu au contrôle``: *non venu*)."""
    words = f" {normalize_text(meaning)} "
    return _missing(meaning) or any(f" {w} " in words for w in _phrases_missing())


@cache
def _phrases_missing() -> tuple[str, ...]:
    """The vocabulary's missing markers of two words or more, of letters only."""
    words = (normalize_text(w) for w in load_spec().missing_tokens)
    return tuple(w for w in words if len(w.split()) >= 2 and all(p.isalpha() for p in w.split()))


@cache
def _coded_fields() -> tuple[tuple[str, ColumnSpec], ...]:
    """Fields whose values a legend may code: the categorical and yes/no columns."""
    spec = load_spec()
    return tuple(
        (f"{t}.{name}", col)
        for t in ("patients", "procedures")
        for name, col in spec.tables[t].columns.items()
        if col.type == "boolean" or col.value_lookup()
    )


def _value(meaning: str, col: ColumnSpec) -> str | None:
    """A meaning read as the field's value: the first part the field knows."""
    for part in _parts(meaning):
        if is_missing(part):
            return ""
        try:
            value = parse_cell(part, col)
        except CellError:
            continue
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, str):
            return value
    return None


def _meanings(codes: dict[str, str], column: ColumnSpec) -> dict[str, str]:
    """The codes of one field, each meaning read as a value of ``column`` (the field the
    entry's name names, or the coded field that reads most of its meanings:
    :func:`_field_of`); a meaning read by none is kept as written (and reported where a
    cell holds it)."""
    out = {}
    for code, meaning in codes.items():
        value = _value(meaning, column)
        out[code] = meaning if value is None else value
    return out


def _field_of(name: str, codes: dict[str, str]) -> str:
    """The coded field a legend's entry codes: the one its name names, else the one that
    reads most of its meanings (``etiol``: 1 = osteoporoz, 2 = metastaz ...)."""
    target = match_header(name)
    label = target.label if target is not None else None
    fields = _coded_fields()
    own = [(lab, col) for lab, col in fields if lab == label]
    candidates = own or list(fields)
    return max(candidates, key=lambda fc: sum(_value(m, fc[1]) is not None for m in codes.values()))[0]  # fmt: skip


def _header_rows(sheets: list[RawSheet]) -> list[list[str]]:
    """The text cells of each of the first rows of the data sheets: their headers among
    them."""
    out = []
    for sheet in sheets:
        for i in range(min(sheet.n_rows, _HEADER_ROWS)):
            texts = [c for c in sheet.row(i) if isinstance(c, str) and c.strip() and len(c) <= 200]  # fmt: skip
            if texts:
                out.append(texts)
    return out


def _aliases(sheets: list[RawSheet]) -> dict[str, list[str]]:
    """Variable name -> its column's other headers, on sheets whose names stand over their
    labels (:func:`analysis.load.header_names.label_aliases`)."""
    out: dict[str, list[str]] = {}
    for sheet in sheets:
        rows = [sheet.row(i) for i in range(min(sheet.n_rows, _HEADER_ROWS))]
        for name, texts in label_aliases(rows).items():
            out.setdefault(name, texts)
    return out


def _named_columns(legend: Legend, headers: list[str]) -> dict[str, dict[str, str]]:
    """Header as shown -> codes: a header the legend names as written, or one read as
    the same field as a name of the legend."""
    by_text = {normalize_text(name): codes for name, codes in legend.fields.items()}
    by_field: dict[str, dict[str, str]] = {}
    for name, given in legend.fields.items():
        t = match_header(name)
        if t is not None and t.kind == "column":
            by_field.setdefault(t.label, given)
        elif name in legend.coded:  # a short name ("etiol") its meanings tell the field of
            by_field.setdefault(legend.coded[name], given)
    patterns = [(name, codes) for name, codes in legend.fields.items() if "*" in name]
    coded = {label for label, _ in _coded_fields()}
    out: dict[str, dict[str, str]] = {}
    for header in headers:
        t = match_header(legend.labels.get(header, header))  # a variable by its label
        if t is not None and t.kind == "column" and t.label not in coded:
            continue  # a session's number, a count: its codes name no value to read
        codes: dict[str, str] | None = by_text.get(normalize_text(header))
        if codes is None:
            codes = by_field.get(t.label) if t is not None and t.kind == "column" else None
        matched = [c for name, c in patterns if fnmatch.fnmatchcase(header.casefold(), name.casefold())]  # fmt: skip
        codes = {k: v for c in [*matched, codes or {}] for k, v in c.items()}
        codes = _scored(header, codes)
        if codes:
            out[header] = codes
    return out


def _scored(header: str, codes: dict[str, str]) -> dict[str, str]:
    """The codes of a column read as an outcome score: only those meaning missing (a
    declared ``99``); the others label the points of its scale (``0 = walks
    independently``), and the score keeps its numbers."""
    t = match_header(header)
    if t is None or t.kind != "measure":
        return codes
    return {k: v for k, v in codes.items() if v == ""}


def _aliased(
    columns: dict[str, dict[str, str]], aliases: dict[str, list[str]]
) -> dict[str, dict[str, str]]:
    """The codes given for a variable's name given to its column's other headers too
    (its label under it, name and label together): the header it is shown by."""
    out = dict(columns)
    for name, codes in columns.items():
        for alias in aliases.get(name, []):
            if alias not in out and (kept := _scored(alias, codes)):
                out[alias] = kept
    return out


def _labelled(sheet: RawSheet, labels: dict[str, str]) -> RawSheet:
    """The sheet with the codebook's labels of the variables its first rows name, when
    they name two or more (the codebook's data sheet)."""
    named = {t.strip() for row in _header_rows([sheet]) for t in row if t.strip() in labels}
    if len(named) < _MIN_FIELDS:
        return sheet
    return replace(sheet, variable_labels=tuple((n, labels[n]) for n in sorted(named)))


def _score_words(sheet: RawSheet, columns: dict[str, dict[str, str]]) -> Legend:
    """The words a key line of a data sheet gives a score's points, as a key line's
    codes (:mod:`analysis.load.score_words`)."""
    return Legend(sheet.sheet, dict(columns), (), sheet.file, columns=columns, inline=True)


def apply_legends(
    sheets: list[RawSheet], options: LoadOptions
) -> tuple[list[RawSheet], LoadOptions, list[Problem], list[Legend]]:
    """The sheets without their legends, the options with the legends' codes added to the
    value maps of the columns they name (a user's own value map wins) and their missing
    codes to the missing markers; a warning per legend read. A sheet of codes is a
    legend when it names two headers or more of one row of another sheet."""
    found = [(s, legend) for s in sheets if (legend := read_legend(s)) is not None]
    read: list[Legend] = []
    legends: list[RawSheet] = []
    for sheet, legend in found:
        others = [s for s in sheets if s is not sheet]
        rows = _header_rows(others)
        named = [_named_columns(legend, row) for row in rows]
        if any(len(n) >= _MIN_FIELDS for n in named) or (legend.missing and not legend.fields):
            # a header row it explains, or only the markers of a missed visit or test
            columns = _aliased({h: c for n in named for h, c in n.items()}, _aliases(others))
            read.append(replace(legend, columns=columns))
            legends.append(sheet)
    data = [s for s in sheets if all(s is not sheet for sheet in legends)]
    labels = {name: label for legend in read for name, label in legend.labels.items()}
    data = [_labelled(s, labels) for s in data] if labels else data
    read += [key for s in data if (key := read_key_lines(s, [o for o in data if o is not s])) is not None]  # fmt: skip
    blocks = [read_score_blocks(s, options) for s in data]  # key tables beside the data
    data = [s for s, _ in blocks]
    read += [_score_words(s, words) for s, words in blocks if words]
    read += [_score_words(s, words) for s in data if (words := read_score_words(s, options))]
    data = [with_point_codes(s) for s in data]  # time points of the headers' codes
    read += [Legend(s.sheet, {}, (), s.file, inline=True, said=point_note(s)) for s in data if s.point_codes]  # fmt: skip
    if not read:
        return sheets, options, [], []
    maps: dict[str, dict[str, str]] = {}
    for legend in read:
        for header, codes in legend.columns.items():
            maps[header] = {**codes, **maps.get(header, {})}
    missing = [m for legend in read for m in legend.missing]
    problems = [
        sheet_problem(legend.file, legend.sheet, "legend", legend.note, severity=WARNING)
        for legend in read
    ]
    values = {h: {**codes, **options.value_maps.get(h, {})} for h, codes in maps.items()}
    options = replace(
        options,
        value_maps={**options.value_maps, **values},
        missing_markers=tuple(dict.fromkeys((*options.missing_markers, *missing))),
    )
    return data, options, problems, read
