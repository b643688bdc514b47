"""Worksheet cells read straight from the sheet XML, as openpyxl's read-only mode gives them.

Workbooks written by Excel, LibreOffice, openpyxl and most exporters store their sheets
in one plain form: ``<row>`` elements holding ``<c r="B7" s="2" t="s"><v>3</v></c>``
cells, in the spreadsheet namespace, encoded as UTF-8. That form is read here by anchored
regular expressions, token after token, with no XML tree built; every cell's value is
decoded once per distinct spelling (a column of pain scores repeats the same few cells).
The values follow openpyxl's read-only reader exactly (``data_only=True``, values only):
shared and inline strings (rich-text runs joined, phonetic runs left out), numbers as
``int`` or ``float`` as written, booleans, error codes and formula cells as their saved
value, dates by the cell's number format (the 1904 date system too), rows padded to the
sheet's ``<dimension>`` and rows missing from the file given as empty rows.

Anything outside that form (a document type declaration, another encoding, namespace
prefixes, comments or CDATA among the cells, a cell without its reference, an entity XML
does not define) raises :class:`NotPlainError`; the caller then reads the workbook with
openpyxl, whose parser (defusedxml) refuses entity expansion. Nothing here expands an
entity: only XML's five named ones and character references are decoded.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

_MAIN_NS = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_ATTR = re.compile(rb'([\w:]+)\s*=\s*"([^"]*)"')
_TAG_ATTRS = re.compile(rb"<(\w+)\b([^>]*)>")
_ROW_R = re.compile(rb'(?:^|\s)r="([^"]*)"')
# a cell, or (last group) any other character: what is not whitespace between cells
# and rows makes the sheet not plain; a cell's content is checked when it is decoded. A
# cell's content cannot run into the next cell, nor a row's into the next row, so a
# missing end tag costs one scan to the next start tag, never one to the end of the file.
_CELLS = re.compile(
    rb'\s*(?:<c r="([A-Z]{1,3})\d+"([^>]*?)(?:/>|>([^<]*(?:<(?!/?c[\s/>])[^<]*)*)</c>)|(\S))'
)
_ROWS = re.compile(rb"\s*(?:<row\b([^>]*?)(?:/>|>([^<]*(?:<(?!/?row[\s/>])[^<]*)*)</row>)|(\S))")
_VALUE_ONLY = re.compile(
    rb"\s*(?:<f\b[^>]*/>|<f\b[^>]*>[^<]*</f>)?\s*(?:(<v\s*/>)|<v(?:\s[^>]*)?>([^<]*)</v>)?\s*\Z"
)
_INLINE = re.compile(rb"\s*<is>(.*)</is>\s*\Z|\s*(<is/>)\s*\Z", re.S)
_PLAIN_TEXT = re.compile(rb'\s*<t(?: xml:space="preserve")?>([^<]*)</t>\s*\Z|\s*(<t/>)\s*\Z')
_ENTITY = re.compile(r"&(?:(lt|gt|amp|quot|apos)|#([0-9]+)|#x([0-9a-fA-F]+));")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}
_SI = re.compile(rb"\s*<si>([^<]*(?:<(?!/?si[\s/>])[^<]*)*)</si>|\s*(<si/>)")


class NotPlainError(Exception):
    """The workbook is not in the plain form read here; read it with openpyxl."""


def _entity(m: re.Match[str]) -> str:
    if m[1]:
        return _NAMED[m[1]]
    return chr(int(m[2]) if m[2] else int(m[3], 16))


def text_of(raw: bytes) -> str:
    """Character data as an XML parser gives it: line ends normalised, the five named
    entities and character references decoded; any other entity is not plain."""
    s = raw.decode("utf-8")
    if "\r" in s:
        s = s.replace("\r\n", "\n").replace("\r", "\n")
    if "&" in s:
        s = _ENTITY.sub(_entity, s)
        if "&" in _ENTITY.sub("", raw.decode("utf-8")):
            raise NotPlainError("an entity XML does not define")
    return s


def _attrs(raw: bytes) -> dict[bytes, bytes]:
    if b"'" in raw and re.search(rb"=\s*'", raw):
        raise NotPlainError("attributes in single quotes")
    return dict(_ATTR.findall(raw))


def _rich_text(fragment: bytes) -> str:
    """openpyxl's ``Text.content`` of a string item: its last plain ``<t>`` and the ``<t>``
    of each rich-text run, phonetic runs (``<rPh>``) left out."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        node = etree.fromstring(b"<is " + _MAIN_NS + b">" + fragment + b"</is>", parser)
    except etree.XMLSyntaxError:
        raise NotPlainError("malformed rich text") from None
    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    plain: str | None = None
    runs: list[str] = []
    for child in node:
        if child.tag == ns + "t":
            plain = child.text
        elif child.tag == ns + "r":
            texts = [t.text for t in child if t.tag == ns + "t"]
            if texts and texts[-1] is not None:
                runs.append(texts[-1])
    return (plain or "") + "".join(runs)


def string_item(inner: bytes) -> str:
    """The text of a shared or inline string item (the content of ``<si>`` or ``<is>``)."""
    m = _PLAIN_TEXT.match(inner)
    if m:
        return "" if m[2] else text_of(m[1])
    if b"<!" in inner or b"<?" in inner:
        raise NotPlainError("comments or CDATA in a string")
    return _rich_text(inner)


def shared_strings(xml: bytes) -> list[str]:
    """The shared string table, as openpyxl reads it (``x005F_`` removed)."""
    if not xml:
        return []
    _check_document(xml)
    start = xml.find(b"<si")
    end = xml.rfind(b"</sst>")
    if start < 0:
        return []
    out: list[str] = []
    pos = start
    while True:
        m = _SI.match(xml, pos)
        if m is None:
            break
        out.append("" if m[2] else string_item(m[1]).replace("x005F_", ""))
        pos = m.end()
    if xml[pos:end].strip():
        raise NotPlainError("the shared strings hold more than string items")
    return out


def _check_document(xml: bytes) -> None:
    head = xml[:512]
    if not head.lstrip().startswith(b"<"):
        raise NotPlainError("a byte-order mark or another encoding")
    decl = re.match(rb"\s*<\?xml[^>]*\?>", head)
    if decl and re.search(rb"encoding\s*=\s*[\"'](?!utf-8[\"'])", decl[0], re.I):
        raise NotPlainError("an encoding other than UTF-8")
    if b"<!DOCTYPE" in xml or b"<!ENTITY" in xml:
        raise NotPlainError("a document type declaration")
    # the root element: unprefixed (its namespace the default) and closed at the end
    root = re.match(rb"\s*(?:<\?[^>]*\?>\s*)?(?:<!--.*?-->\s*)*<(\w+)[\s>]", xml[:4096], re.S)
    if root is None or not xml.rstrip().endswith(b"</" + root[1] + b">"):
        raise NotPlainError("a document cut short or without its root element")


@dataclass(frozen=True)
class BookFacts:
    """What reading cells needs from the workbook as a whole."""

    sheets: tuple[tuple[str, str, bool], ...]  # name, member, hidden
    strings: list[str]
    date_styles: frozenset[int]
    timedelta_styles: frozenset[int]
    date1904: bool = False
    _cache: dict[tuple[bytes, bytes], Any] = field(default_factory=dict, compare=False)


def book_facts(member: Callable[[str], bytes]) -> BookFacts:
    """Sheets, shared strings, date styles and date system; :class:`NotPlainError` when any
    part is outside the plain form or names parts elsewhere than openpyxl looks."""
    root_rels = member("_rels/.rels")
    if not re.search(rb'Target="/?xl/workbook\.xml"', root_rels):
        raise NotPlainError("the workbook part is not xl/workbook.xml")
    book = member("xl/workbook.xml")
    rels = member("xl/_rels/workbook.xml.rels")
    _check_document(book)
    targets: dict[bytes, tuple[str, str]] = {}
    for _tag, raw in (t for t in _TAG_ATTRS.findall(rels) if t[0] == b"Relationship"):
        a = _attrs(raw)
        kind = a.get(b"Type", b"").decode()
        target = a.get(b"Target", b"").decode()
        path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        targets[a.get(b"Id", b"")] = (kind.removeprefix(_REL), path)
    sheets = []
    date1904 = False
    for tag, raw in _TAG_ATTRS.findall(book):
        a = _attrs(raw.rstrip(b"/"))
        if tag == b"workbookPr":
            date1904 = a.get(b"date1904", b"0") in (b"1", b"true")
        elif tag == b"sheet":
            kind, path = targets.get(a.get(b"r:id", b""), ("", ""))
            if kind != "worksheet" or not path:
                raise NotPlainError("a chart sheet or a sheet without its part")
            hidden = a.get(b"state", b"visible") != b"visible"
            sheets.append((text_of(a.get(b"name", b"")), path, hidden))
    strings_part = [p for k, p in targets.values() if k == "sharedStrings"]
    strings = shared_strings(member(strings_part[0])) if strings_part else []
    dates, deltas = _date_styles(member("xl/styles.xml"))
    return BookFacts(tuple(sheets), strings, dates, deltas, date1904)


def _date_styles(xml: bytes) -> tuple[frozenset[int], frozenset[int]]:
    """The cell styles (``s=``) whose number format shows a date, and a duration."""
    if not xml:
        return frozenset(), frozenset()
    _check_document(xml)
    from openpyxl.styles.numbers import (
        BUILTIN_FORMATS_REVERSE,
        builtin_format_code,
        is_date_format,
        is_timedelta_format,
    )

    custom = {
        int(a[b"numFmtId"]): text_of(a[b"formatCode"])
        for tag, raw in _TAG_ATTRS.findall(xml)
        if tag == b"numFmt" and b"numFmtId" in (a := _attrs(raw))
    }
    start, end = xml.find(b"<cellXfs"), xml.find(b"</cellXfs>")
    if start < 0 or end < 0:
        return frozenset(), frozenset()
    dates, deltas = set(), set()
    xfs = [t for t in _TAG_ATTRS.findall(xml[start:end]) if t[0] == b"xf"]
    for idx, (_tag, raw) in enumerate(xfs):
        number = int(_attrs(raw).get(b"numFmtId", b"0"))
        fmt = custom.get(number)
        if fmt is None or fmt in BUILTIN_FORMATS_REVERSE:
            fmt = builtin_format_code(number) if fmt is None else fmt
        if is_date_format(fmt):
            dates.add(idx)
        if is_timedelta_format(fmt):
            deltas.add(idx)
    return frozenset(dates), frozenset(deltas)


def _dimension(xml: bytes, data_start: int) -> tuple[int | None, int | None]:
    """The last column and row of the sheet's ``<dimension>`` (None, None without one)."""
    m = re.search(rb"<dimension\b([^>]*)>", xml[:data_start])
    if m is None:
        return None, None
    ref = _attrs(m[1]).get(b"ref", b"")
    d = re.fullmatch(rb"\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?", ref)
    if d is None:
        raise NotPlainError("a dimension openpyxl reads otherwise")
    letters, number = (d[3], d[4]) if d[3] else (d[1], d[2])
    return column_number(letters), int(number)


_COLUMNS: dict[bytes, int] = {}


def column_number(letters: bytes) -> int:
    """``B`` -> 2, ``AA`` -> 27."""
    n = _COLUMNS.get(letters)
    if n is None:
        n = 0
        for ch in letters:
            n = n * 26 + ch - 64
        _COLUMNS[letters] = n
    return n


def sheet_rows(xml: bytes, facts: BookFacts) -> Iterator[list[object]]:
    """The rows of a worksheet as openpyxl's ``iter_rows(values_only=True)`` gives them."""
    _check_document(xml)
    root = xml.find(b"<worksheet")
    if root < 0 or _MAIN_NS not in xml[root : xml.find(b">", root)]:
        raise NotPlainError("the worksheet is not in the spreadsheet namespace")
    start = xml.find(b"<sheetData")
    if start < 0:
        return
    max_col, max_row = _dimension(xml, start)
    head = re.compile(rb"<sheetData\b[^>]*?(/?)>").match(xml, start)
    if head is None:
        raise NotPlainError("a malformed sheetData")
    if head[1]:
        return
    empty: list[object] = [None] * max_col if max_col else []
    counter = idx = 1
    for idx, cells in _parsed_rows(xml, head.end(), facts):
        if max_row is not None and idx > max_row:
            break
        while counter < idx:
            counter += 1
            yield list(empty)
        if counter <= idx:
            counter += 1
            yield _padded(cells, max_col)
    if max_row is not None and max_row < idx:
        for _ in range(counter, max_row + 1):
            yield list(empty)


def _padded(cells: list[tuple[int, object]], max_col: int | None) -> list[object]:
    if not cells and not max_col:
        return []
    width = max_col or cells[-1][0]
    row: list[object] = [None] * width
    for col, value in cells:
        if 1 <= col <= width:
            row[col - 1] = value
    return row


def _parsed_rows(
    xml: bytes, pos: int, facts: BookFacts
) -> Iterator[tuple[int, list[tuple[int, object]]]]:
    end = xml.find(b"</sheetData>", pos)
    if end < 0:
        raise NotPlainError("sheetData not closed")
    cache = facts._cache
    columns = _COLUMNS
    number = 0
    for attrs, body, junk in _ROWS.findall(xml, pos, end):
        if junk:
            raise NotPlainError("something other than rows in sheetData")
        given = _ROW_R.search(attrs)
        number = _row_number(given[1]) if given else number + 1
        cells = []
        for letters, cell_attrs, inner, other in _CELLS.findall(body):
            if other:
                raise NotPlainError("something other than cells in a row")
            key = (cell_attrs, inner)
            value = cache.get(key, cache)
            if value is cache:
                value = cache[key] = _cell_value(cell_attrs, inner, facts)
            cells.append((columns.get(letters) or column_number(letters), value))
        yield number, cells


def _row_number(raw: bytes) -> int:
    try:
        return int(raw)
    except ValueError:
        value = float(raw)
        if not value.is_integer():
            raise ValueError(f"{raw.decode()} is not a valid row number") from None
        return int(value)


def _cell_value(raw_attrs: bytes, inner: bytes | None, facts: BookFacts) -> object:
    attrs = _attrs(raw_attrs) if raw_attrs else {}
    kind = attrs.get(b"t", b"n")
    if kind == b"inlineStr":
        if not inner or not inner.strip():
            return None
        m = _INLINE.match(inner)
        if m is None:
            raise NotPlainError("an inline string cell holding more than its string")
        return "" if m[2] else string_item(m[1])
    if not inner:
        return None
    v = _VALUE_ONLY.match(inner)
    if v is None:
        raise NotPlainError("a cell holding more than a formula and its value")
    if not v[2]:
        return None
    text = text_of(v[2])
    if kind == b"n":
        value: object = float(text) if ("." in text or "E" in text or "e" in text) else int(text)
        style = int(attrs.get(b"s", b"0") or 0)
        if style in facts.date_styles:
            return _date(value, style in facts.timedelta_styles, facts.date1904)
        return value
    if kind == b"s":
        return facts.strings[int(text)]
    if kind == b"b":
        return bool(int(text))
    if kind == b"d":
        from openpyxl.utils.datetime import from_ISO8601

        return from_ISO8601(text)
    return text  # "str" (a formula's text), "e" (an error code) and any other kind


def _date(value: object, duration: bool, date1904: bool) -> object:
    from openpyxl.utils.datetime import CALENDAR_MAC_1904, WINDOWS_EPOCH, from_excel

    try:
        return from_excel(value, CALENDAR_MAC_1904 if date1904 else WINDOWS_EPOCH, duration)
    except (OverflowError, ValueError):
        return "#VALUE!"  # what openpyxl gives a date-formatted number no date can hold


__all__ = [
    "BookFacts",
    "NotPlainError",
    "book_facts",
    "column_number",
    "shared_strings",
    "sheet_rows",
]
