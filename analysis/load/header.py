"""Finding the header of a clinician's sheet: title lines, two-row headers, merged cells,
and how each header reads.

Beyond one field per column, a sheet may spread one session's vertebrae over numbered
columns (``Level 1``, ``Volume 1``, ``Level 2``, ``Volume 2``: the volume beside a level
is that vertebra's) and carry a second session in columns of its own (``Repeat date``,
``Repeat level``, ``Repeat VAS pre``): :mod:`analysis.load.header_sessions`. Each reading
is then checked against the column's cells: :mod:`analysis.load.header_contents`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from functools import cache, lru_cache

from analysis.config import LoadOptions
from analysis.io import RawSheet
from analysis.levels import LevelError, parse_levels
from analysis.load.group_fields import (
    ANSWERS_UNDER_FIELD,
    DATE_OF_FIELD_GROUP,
    answers_under_field,
    date_of_field_group,
)
from analysis.load.group_paths import form_export, path_parts, repeat_fields
from analysis.load.group_rows import heading_cause, rows_aside, summary_label
from analysis.load.header_columns import (
    QUESTION,
    HeaderColumn,
    SheetLayout,
    message_problem,
    user_value,
    user_values,
    with_convention,
)
from analysis.load.header_contents import (
    SAMPLE,
    _one_study_id,
    _read_contents,
    _shared_scale,
    code_like,
    id_by_content,
    measure_runs,
    noted_scales,
    record_header_study_codes,
    running_number_key,
    shared_shape,
)
from analysis.load.header_letters import lettered_visits
from analysis.load.header_levels import vertebra_columns
from analysis.load.header_names import (
    CODEBOOK_LABEL,
    EAV_SHAPE,
    FORM_LABEL,
    LABEL_GLOSS,
    NAME_ALONE,
    label_gloss,
    variable_names,
)
from analysis.load.header_repeats import repeated_vertebra_blocks
from analysis.load.header_sessions import (
    _CHECKBOX,
    _after_second_session,
    _as_fracture,
    _fracture_block,
    _names_new_fracture,
    _second_session_block,
    _slot_target,
    glossed_second_session,
    group_slot,
    is_slot_field,
    lettered_slot,
    names_second_session_only,
    numbered_session_blocks,
    outer_fracture_groups,
    point_after_second_session,
    second_session_rows,
    under_second_section,
)
from analysis.load.header_translation import TRANSLATED, known_names, translation_rows
from analysis.load.header_typed import typed_by_content
from analysis.load.point_codes import code_pattern as point_code_pattern
from analysis.load.questionnaire_items import questionnaire_items
from analysis.load.session_suffix import with_suffix_reason
from analysis.load.visit_pairs import numbered_visit_pairs
from analysis.normalize import Target, is_missing, match_header
from analysis.normalize.cells import CellError, parse_volume
from analysis.normalize.folded import normalize_text
from analysis.normalize.headers import (
    BIRTH_YEAR,
    bare_volume_unit,
    english_lines,
    header_candidates,
    header_text,
    one_language,
    question_target,
)
from analysis.normalize.series import header_parts, series_target, slash_parts
from analysis.normalize.timepoints import segment, timepoint_of
from analysis.spec import load_spec

__all__ = [
    "MIN_HEADER_SCORE",
    "HeaderColumn",
    "SheetLayout",
    "detect_layout",
    "header_score",
    "id_by_content",
    "key_columns",
    "measure_named",
    "measure_words",
    "message_problem",
    "user_value",
    "user_values",
    "value_like",
    "with_convention",
]

MAX_HEADER_SEARCH = 20
# a header is a few words: a longer cell (a note of a megabyte in a candidate row) is
# read by its first characters, so finding the header stays linear in the sheet's size
MAX_HEADER_CHARS = 200


def _text(value: object) -> str:
    return "" if value is None else str(value)[: MAX_HEADER_CHARS * 2].strip()[:MAX_HEADER_CHARS]


def _group_row(sheet: RawSheet, row: int, width: int) -> list[str]:
    """The cells of ``row`` with horizontally merged group labels spread over their span."""
    if row < 1:
        return [""] * width
    cells = sheet.rows[row - 1]
    out = [_text(cells[i]) if i < len(cells) else "" for i in range(width)]
    for r0, c0, r1, c1 in sheet.merged:
        if r0 <= row <= r1 and c1 > c0 and c0 <= width:
            # a merge may start past the last cell its first row holds (a ragged row)
            first = sheet.rows[r0 - 1] if r0 <= len(sheet.rows) else []
            label = (_text(first[c0 - 1]) if c0 <= len(first) else "") if r0 == row else out[c0 - 1]
            for c in range(c0, min(c1, width) + 1):
                out[c - 1] = label
    return out


def _mapped(text: str, mapping: dict[str, object]) -> bool:
    key = normalize_text(text)
    return bool(key) and any(normalize_text(k) == key for k in mapping)


def _header_texts(sheet: RawSheet, row: int, width: int) -> list[list[str]]:
    """For each column, the header texts to try: group and sub-header joined, then alone."""
    sub = one_language([english_lines(t) for t in _group_row(sheet, row, width)])
    above = row - 2 if _gloss_row(sheet, row, width) else row - 1
    group = one_language([english_lines(t) for t in _group_row(sheet, above, width)])
    # a CSV, or a workbook whose merges were not kept, whose row here reads as a second
    # header row (text only: a data row holds numbers, levels or dates)
    unmerged = not sheet.merged and _header_like(sheet, row)
    if unmerged:
        group = _spread_groups(group, sub)
    shared = max((n for g, n in Counter(group).items() if g), default=0)
    if width >= 4 and shared >= 0.8 * width:
        group = [""] * width  # a title merged across the sheet, not a group of columns
    outer = _outer_groups(sheet, row, width) if above == row - 1 else [""] * width
    texts = []
    for i in range(width):
        tops = [r0 for r0, c0, r1, c1 in sheet.merged if r0 < row <= r1 and c0 <= i + 1 <= c1]
        vertical = unmerged or above in tops
        if not sub[i] and not group[i] and tops and min(tops) < above:
            # a header merged down over all three rows of a three-row header
            top = min(tops)
            texts.append([_text(sheet.rows[top - 1][i]) if i < len(sheet.rows[top - 1]) else ""])
        elif not sub[i] and group[i] and vertical and outer[i] and outer[i] != group[i]:
            # a header merged down over the lower two rows, under its outer group
            # (``VAS (0-10)`` over ``Pre``, ``Session 1`` over ``Date``)
            texts.append([f"{outer[i]} {group[i]}", group[i]])
        elif not sub[i] and group[i] and vertical:
            texts.append([group[i]])  # a header merged vertically over both rows
        elif group[i] and sub[i]:
            texts.append([f"{group[i]} {sub[i]}".strip(), sub[i]])
        else:
            texts.append([sub[i]])
    if form_export(sub):  # "reop/date": the date under "reop" (see group_paths)
        fields = repeat_fields(sub)
        for i in range(width):
            parts = None if group[i] else path_parts(sub[i])
            if parts is not None and fields is not None:
                texts[i] = [fields.get(i, parts[1])]  # a repeat group's field alone
            elif parts is not None:
                texts[i] = [sub[i], parts[1]]  # the whole path, then its field
    return texts


def _gloss_row(sheet: RawSheet, row: int, width: int) -> bool:
    """Whether the row above header row ``row`` is its translation in another script
    (``الألم`` over ``EVA``, ``التاريخ`` over ``Date``) standing between it and a row of
    merged group labels (``M1 · ⴰⵢⵢⵓⵔ 1`` over both): no cell of it merged across, a text
    over each header, most of them in the other script. The groups are then read from
    the merged row above it."""
    if row < 3 or not _header_like(sheet, row - 1) or not _header_like(sheet, row - 2):
        return False
    across = [(r0, r1) for r0, c0, r1, c1 in sheet.merged if c1 > c0]
    if any(r0 <= row - 1 <= r1 for r0, r1 in across):
        return False
    if not any(r0 <= row - 2 <= r1 for r0, r1 in across):
        return False
    pairs = list(zip(_group_row(sheet, row - 1, width), _group_row(sheet, row, width), strict=True))
    headed = [(gloss, own) for gloss, own in pairs if own]
    glossed = [(gloss, own) for gloss, own in headed if gloss]
    if len(glossed) < _GLOSS_MIN or len(glossed) < _GLOSSED_SHARE * len(headed):
        return False
    other = sum(_latin(gloss) != _latin(own) for gloss, own in glossed)
    return other >= _GLOSS_SHARE * len(glossed)


# a translation row glosses at least this many headers and this share of them, this share
# of those in another script
_GLOSS_MIN = 4
_GLOSSED_SHARE = 0.8
_GLOSS_SHARE = 0.6


def _latin(text: str) -> bool:
    """Whether a text's letters are mostly Latin ones."""
    letters = [c for c in text if c.isalpha()]
    return sum(c.isascii() or "LATIN" in unicodedata.name(c, "") for c in letters) * 2 > len(
        letters
    )


def _header_like(sheet: RawSheet, row: int) -> bool:
    """Whether a row reads as a header row: text only, none of it a number, a volume or
    a vertebral level (a data row's cells)."""
    cells = [c for c in sheet.rows[row - 1] if c is not None and str(c).strip()] if row >= 1 else []
    return bool(cells) and all(
        isinstance(c, str) and (len(c) > MAX_HEADER_CHARS or not value_like(c.strip()))
        for c in cells
    )


def value_like(text: str) -> bool:
    """Whether a text reads as a data cell's value: a number, a date, a volume or a
    vertebral level (never a header's word)."""
    if _NUMERIC_TEXT.match(text) or _LEVEL_TEXT.match(text):
        return True
    try:
        parse_levels(text)
        return True
    except LevelError:
        pass
    try:
        parse_volume(text)
        return True
    except CellError:
        return False


_NUMERIC_TEXT = re.compile(r"^[+-]?[\d.,/:\s-]+$")


_LEVEL_TEXT = re.compile(r"^(?:th|[ctlsd])\s*\d{1,2}$", re.I)


def _spread_groups(group: list[str], sub: list[str]) -> list[str]:
    """A two-row header saved without its merges (a workbook saved as CSV): a group label
    stands over the first of its columns and blanks over the rest, so it is spread to the
    right over the blanks above sub-headers until the next label or a column headed in
    the group row alone."""
    out = list(group)
    for i in range(1, len(out)):
        if not out[i] and sub[i] and out[i - 1] and sub[i - 1]:
            out[i] = out[i - 1]
    return out


def _candidates(
    sheet: RawSheet,
    row: int,
    mapping: dict[str, object],
    memo: dict[tuple[str, ...], _Reading] | None = None,
) -> list[HeaderColumn]:
    """Row ``row`` read as a header; ``memo`` keeps the reading of each distinct cell
    text across the rows tried under a mapping file (without one, :func:`_read_unmapped`
    keeps them all), so a wide sheet reads each text once."""
    width = max((len(r) for r in sheet.rows[: row + 1]), default=0)
    memo = {} if memo is None else memo
    columns = []
    texts = _header_texts(sheet, row, width)
    translated = _translated_header(sheet, row, width) or [None] * width
    paths = _repeat_paths(sheet, row, width, texts)
    for i, options in enumerate(texts):
        own = translated[i] if i < len(translated) else None
        key = tuple(options) if own is None else (own,)
        if paths[i] and _mapped(paths[i], mapping):  # a repeat group's field, as mapped
            key = (paths[i],)
        if not mapping and all(len(text) <= 200 for text in key):
            reading = _read_unmapped(key)
        else:
            if key not in memo:
                memo[key] = _read_header(list(key), mapping)
            reading = memo[key]
        col = HeaderColumn(i + 1, *reading)
        if paths[i]:  # read by its field, named by its whole path
            col = replace(col, header=paths[i])
        if own is not None and col.reason == "header":
            col = replace(col, reason=TRANSLATED)
        columns.append(col)
    columns = _named_variables(sheet, row, width, columns, mapping)
    columns = _codebook_labels(sheet, row, columns, mapping)
    columns = _legend_points(sheet, columns, texts, mapping)
    columns = vertebra_columns(sheet, row, columns, [t[-1] for t in texts])
    columns = numbered_session_blocks(columns, _group_row(sheet, row - 1, width), mapping)
    outer = _outer_groups(sheet, row, width)
    if any(outer):
        columns = outer_fracture_groups(numbered_session_blocks(columns, outer, mapping), outer)
    elif row >= 3 and _header_like(sheet, row - 2):
        # a third header row over the group row (``1.ª INTERVENÇÃO`` over ``EVA (0-10)``
        # over ``Pré``): a band numbering the sessions above the fields' own groups
        columns = numbered_session_blocks(columns, _group_row(sheet, row - 2, width), mapping)
    return _fracture_block(_second_session_block(_values_beside_labels(columns)))


def _repeat_paths(sheet: RawSheet, row: int, width: int, texts: list[list[str]]) -> list[str]:
    """Each column's whole group path where it is read by its field alone (a repeat
    group's sheet: :func:`~analysis.load.group_paths.repeat_fields`), else ``""``."""
    sub = _group_row(sheet, row, width)
    return [
        sub[i] if len(texts[i]) == 1 and path_parts(sub[i]) and texts[i][0] != sub[i] else ""
        for i in range(width)
    ]


def _translated_header(sheet: RawSheet, row: int, width: int) -> list[str | None] | None:
    """Each column's name as read when ``row`` and the row above are one header written
    in two languages (:mod:`analysis.load.header_translation`; ``None`` for a column
    neither names), else ``None``."""
    if row < 2 or any(r0 <= row and r1 >= row - 1 for r0, _, r1, _ in sheet.merged):
        return None
    if not _header_like(sheet, row) or not _header_like(sheet, row - 1):
        return None
    upper = [english_lines(t) for t in _group_row(sheet, row - 1, width)]
    lower = [english_lines(t) for t in _group_row(sheet, row, width)]
    return known_names(upper, lower) if translation_rows(upper, lower) else None


def _named_variables(
    sheet: RawSheet, row: int, width: int, columns: list[HeaderColumn], mapping: dict[str, object]
) -> list[HeaderColumn]:
    """A statistics package's variable names over their labels (:mod:`analysis.load.
    header_names`): each column neither names nor label read, read by its label's
    translation in brackets, else by its name alone, and shown by its name."""
    if row < 2 or sheet.merged or not _header_like(sheet, row):
        return columns
    labels = _group_row(sheet, row, width)
    names = variable_names(_group_row(sheet, row - 1, width), labels)
    if names is None:
        return columns
    out = list(columns)
    for i, col in enumerate(columns):
        if col.target is not None or i >= len(names) or not names[i]:
            continue
        gloss = label_gloss(labels[i])
        read = [
            (how, reading)
            for text, how in ((gloss, LABEL_GLOSS), (names[i], NAME_ALONE))
            if text and (reading := _read_header([text], mapping))[1] is not None
        ]
        # a reading by a field's name as a whole first, then one by some of its words
        read.sort(key=lambda r: r[1][5] != "header")
        if read:
            how, reading = read[0]
            reason = how if reading[5] == "header" else reading[5]
            out[i] = HeaderColumn(col.index, names[i], *reading[1:5], reason, *reading[6:])
    return out


LEGEND_POINT = "header: its time point's code read by the sheet's legend line"


def _legend_points(
    sheet: RawSheet, columns: list[HeaderColumn], texts: list[list[str]], mapping: dict[str, object]
) -> list[HeaderColumn]:
    """A score's or a visit date's column whose header holds a code the sheet's legend
    line gives a time point (``VAS T1`` under ``T1 = 1 mese``:
    :mod:`analysis.load.point_codes`), read with the code's meaning in its place, and
    shown as written; left as it is when so read it names no score or date of that time
    point, or a mapping file names the column."""
    if not sheet.point_codes:
        return columns
    codes = [(point_code_pattern(code), words) for code, words in sheet.point_codes]
    out = list(columns)
    for i, col in enumerate(columns):
        options = texts[i] if i < len(texts) else []
        if not options or any(_mapped(t, mapping) for t in options):
            continue
        found = [(pattern, words) for pattern, words in codes if pattern.search(options[-1])]
        if len(found) != 1:
            continue
        pattern, words = found[0]
        reading = _read_header([pattern.sub(words, t) for t in options], mapping)
        target, point = reading[1], timepoint_of(words)
        if target is None or target.kind not in ("date", "measure") or target.timepoint != point:
            continue
        if target != col.target:
            out[i] = HeaderColumn(col.index, col.header, *reading[1:5], LEGEND_POINT, *reading[6:])
    return out


_CLOSING_REMARK = re.compile(r"\s*\([^()]{12,}\)\s*$")  # a remark, not a unit: "(ml)"


def _codebook_labels(
    sheet: RawSheet, row: int, columns: list[HeaderColumn], mapping: dict[str, object]
) -> list[HeaderColumn]:
    """A variable's column read by the label a codebook sheet of the workbook gives it
    (``lyg1``: ``Slankstelis 1``), as a label under its name would be read, and shown by
    its name; by its name where the label names no field, or where a mapping file names
    the column. A label naming no field with a remark in brackets at its end (when the
    column is filled in) is read without the remark."""
    labels = dict(sheet.variable_labels)
    if not labels:
        return columns
    cells = sheet.row(row - 1) if 0 < row <= sheet.n_rows else []
    groups = _group_row(sheet, row - 1, len(cells))
    out = list(columns)
    for i, col in enumerate(columns):
        name = _text(cells[i]).strip() if i < len(cells) else ""
        label = labels.get(name)
        if not label or _mapped(name, mapping):
            continue
        # under its form's name first (``Einde studie`` over ``Status``), as a group's
        reading = _read_header([f"{groups[i]} {label}", label] if groups[i] else [label], mapping)
        if reading[1] is None and (bare := _CLOSING_REMARK.sub("", label)) != label:
            reading = _read_header([bare], mapping)  # "…, ml (pildoma tik kai …)"
        if reading[1] is not None:
            how = FORM_LABEL if sheet.origin is not None and sheet.origin.shape == EAV_SHAPE else CODEBOOK_LABEL  # fmt: skip
            out[i] = HeaderColumn(col.index, name, *reading[1:5], how, *reading[6:])
    return out


def _outer_groups(sheet: RawSheet, row: int, width: int) -> list[str]:
    """A three-row header's outermost groups (``PROĊEDURA 1``, ``KSUR ĠDID`` merged over
    the sub-groups ``Vertebra A``, ``6 ġimgħat`` and the columns' names): the labels of
    the row two above ``row`` spread over their merged spans, when that row and the one
    between are both header rows; blanks otherwise."""
    if row < 3 or not _header_like(sheet, row - 2) or not _header_like(sheet, row - 1):
        return [""] * width
    merged = any(r0 <= row - 2 <= r1 and c1 > c0 for r0, c0, r1, c1 in sheet.merged)
    return _group_row(sheet, row - 2, width) if merged else [""] * width


def _values_beside_labels(columns: list[HeaderColumn]) -> list[HeaderColumn]:
    """A row read as a header whose cell stands right of a label naming an identifier
    (``Name: | CRUZ, Remedios``, a patient card's fields) holds that identifier's value,
    not a header: it is never shown as one (a name or record number in a message). A
    cell naming the column of each row's event (``事件類別``, ``Event``) beside an
    identifier's header (a hospital export's phone column) is a header all the same."""
    out = list(columns)
    for i in range(1, len(out)):
        left, col = out[i - 1], out[i]
        if (
            left.target is not None
            and left.target.kind == "identifier"
            and col.target is None
            and not names_event(col.header)
        ):
            out[i] = replace(col, header="")
    return out


@cache
def _event_headers() -> frozenset[str]:
    return frozenset(header_text(w) for w in load_spec().vocabulary.event_headers)


def names_event(header: object) -> bool:
    """Whether a header names each row's event: a word of ``event_headers``, or such words
    in two languages apart by a spaced slash (``Tukio / Event``)."""
    text = header_text(header)
    words = _event_headers()
    return text in words or all(p in words for p in _SPACED_SLASH.split(text))


_SPACED_SLASH = re.compile(r"\s+/\s+")


# A header's reading, in the order of HeaderColumn's fields after the index: shown text,
# target, confidence, values and parsed (counted later), reason, slot, session.
_Reading = tuple[str, Target | None, float, int, int, str, int, int]


@lru_cache(maxsize=1 << 16)
def _read_unmapped(key: tuple[str, ...]) -> _Reading:
    """A short header's reading without a mapping file, kept across the rows, blocks and
    sheets tried, so a wide sheet's header search reads each text once in all."""
    return _read_header(list(key), {})


def _read_header(options: list[str], mapping: dict[str, object]) -> _Reading:
    """How one header reads (:data:`_Reading`).

    In order: a header named in the mapping file; the group and sub-header together
    (``VAS`` over ``pre``, ``2. Eingriff`` over ``Datum``); the sub-header alone, read in
    its group's light (``New fracture`` over ``Level``: the new fracture's level); then
    the words of the sub-header (a group's words are context, not the field).
    """
    joined = options[0] if len(options) > 1 else ""
    sub = options[-1]
    group = joined[: len(joined) - len(sub)].strip() if joined else ""
    for text in options:
        if text and _mapped(text, mapping):
            return _header_reading(text, match_header(text, mapping), 1.0, "mapping file")
    section = under_second_section(group, sub, mapping) if group else None
    if section is not None:
        return _header_reading(joined, section[0], 1.0, _UNDER_SECOND_SECTION, section[1], 2)
    fixed = (
        _fixed_reading(sub)
        or _visit_group_date(group, sub, joined, mapping)
        or _point_under_dates_group(group, sub, joined, mapping)
        or _timed_visit_date(sub, mapping, joined)
        or _answers_reading(group, sub, joined, mapping)
        or _after_second_point(group, sub, joined, mapping)
    )
    if fixed is not None:
        return fixed
    tries: tuple[tuple[str, str], ...] = ((joined, ""), (sub, group))
    if _heading_over_fields(group, sub, joined, mapping):
        tries = ((sub, group),)
    for text, context in tries:
        if not text:
            continue
        second = _second_reading(text, context, joined, mapping)
        if second is not None:
            return second
        named = _named_field(text, context, mapping)
        if named is not None:
            return named
    measure = (
        _question_reading(sub, group)
        or _series_reading(options[0], group, sub, mapping)
        or _measure_reading(group, sub, joined, mapping)
        or _unit_alone(sub)
    )
    if measure is not None:
        return measure
    ranked = _word_matches(options[0], group, sub)
    if ranked and ranked[0][1] >= 0.5:
        # an identifier named only in part ("Pt name") is dropped all the same
        return _header_reading(options[0], ranked[0][0], ranked[0][1], "header words")
    return _header_reading(options[0], None, 0.0, "")


def _answers_reading(
    group: str, sub: str, joined: str, mapping: dict[str, object]
) -> _Reading | None:
    """The answers' words (``ja/nei``) under a group naming their yes/no field (``Død``),
    group and header together naming no field: that field."""
    answered = answers_under_field(group, sub, mapping) if group else None
    if answered is None or match_header(joined, mapping) is not None:
        return None
    return _header_reading(joined, answered, 1.0, ANSWERS_UNDER_FIELD)


_AFTER_SECOND_POINT = (
    "header: a visit's date or score under a group naming its time point after the second "
    "session (1 month after the 2nd): that session's visit"
)


def _after_second_point(
    group: str, sub: str, joined: str, mapping: dict[str, object]
) -> _Reading | None:
    """A visit's date or a score (``Fecha``, ``EVA``) under a group naming a time point
    after the second session (``1 mes post 2da``): read as under that time point alone
    (:func:`~analysis.load.header_sessions.point_after_second_session`), of the second
    session; ``None`` when it reads no timed visit date or score so."""
    point = point_after_second_session(group) if group and sub else None
    if point is None:
        return None
    read = _read_header([f"{point} {sub}", sub], mapping)
    target = read[1]
    if target is None or target.timepoint is None or target.kind not in ("date", "measure"):
        return None
    return _header_reading(joined, target, read[2], _AFTER_SECOND_POINT, 0, 2)


def _named_field(text: str, context: str, mapping: dict[str, object]) -> _Reading | None:
    """A header naming a field, read in its group's light, or a vertebra's field of a
    numbered or lettered slot (``Level (a)``: the first vertebra, never a level with a
    legend); ``None`` when it names none."""
    lettered = lettered_slot(text, mapping)
    if lettered is not None:
        return _header_reading(text, lettered[0], 1.0, "header", lettered[1], lettered[2])
    target = match_header(text, mapping)
    if target is not None:
        return _in_group(text, target, context, mapping)
    found = _slot_target(text, mapping)
    if found is not None:
        return _header_reading(text, found[0], 1.0, "header", found[1], found[2])
    return None


def _field_of(text: str, mapping: dict[str, object]) -> Target | None:
    """The field a header names as a whole, or as a numbered slot (``Vol. 1 (mL)``)."""
    target = match_header(text, mapping)
    found = _slot_target(text, mapping) if target is None else None
    return found[0] if found is not None else target


def _heading_over_fields(group: str, sub: str, joined: str, mapping: dict[str, object]) -> bool:
    """Whether a group label names one field in one of its languages (``Niveaux traités ·
    المستويات``, levels treated) over columns naming fields of the same table of their own
    (``Niv. 1``, ``Vol. 1 (mL)``): a heading over them, so a column naming another field
    (the volume) is read by its own header, not by the group's words joined to it."""
    if not group or not joined:
        return False
    named = [t for part in _IN_LANGUAGES.split(group) if (t := match_header(part.strip(), mapping))]
    own = _field_of(sub, mapping)
    if len(set(named)) != 1 or own is None or own == named[0] or own.table != named[0].table:
        return False
    return own.table is not None and _field_of(joined, mapping) == named[0]


# a label written in several languages, apart by a spaced slash or a spaced middle dot
_IN_LANGUAGES = re.compile(r"\s+[/·]\s+")


def _word_matches(joined: str, group: str, sub: str) -> list[tuple[Target, float]]:
    """The fields a header's words name in part, best first: the column's own header's,
    else the header joined to its group's (the group's words alone name no field). None
    for a header naming a log's event column (``Contact`` over a contact log's kinds of
    contact: never a field its word is part of, ``contact number``)."""
    if sub and names_event(sub):
        return []
    ranked = header_candidates(sub) if sub else []
    if (not ranked or ranked[0][1] < 0.5) and joined:
        own_words = {t.label for t, _ in ranked}
        ranked = [
            (t, score)
            for t, score in header_candidates(joined)
            if not group or t.label in own_words
        ]
    return ranked


def _unit_alone(sub: str) -> _Reading | None:
    """A header that is a millilitre unit and nothing else (``ml``): the cement each
    vertebra took (the unit of a longer header names no field by itself)."""
    return _header_reading(sub, CEMENT_VOLUME, 1.0, _UNIT_ALONE) if bare_volume_unit(sub) else None


def _question_reading(sub: str, group: str) -> _Reading | None:
    """A header no other rule reads, written as a form's question naming its field inside
    it (``Procedure ပြုလုပ်သည့် နေ့စွဲကို ရွေးပါ။``: the procedure's date)."""
    asked = question_target(sub) if sub and not group else None
    return None if asked is None else _header_reading(sub, asked, 1.0, QUESTION)


def _second_reading(
    text: str, context: str, joined: str, mapping: dict[str, object]
) -> _Reading | None:
    """A header read as a second session's field: under a group naming that session in
    one of its two languages, or the field marked as the second's in its own words
    (``Leakage (2nd)``, ``Cement volume (mL, 2nd)``, read as a field alone too)."""
    second = glossed_second_session(context, text, mapping) if context else None
    if second is not None:
        return _header_reading(joined, second[0], 1.0, _GLOSSED_SECOND, second[1], 2)
    target = match_header(text, mapping)
    found = _slot_target(text, mapping) if target is not None else None
    if found is not None and found[2] == 2 and found[0] == target:
        return _header_reading(text, found[0], 1.0, _SECOND_MARKED, found[1], 2)
    return None


CEMENT_VOLUME = Target("column", "procedures", "cement_volume_ml")
_UNIT_ALONE = "header, a volume's unit alone (the cement each vertebra took)"
_SECOND_MARKED = "header, the field marked as the second session's (2nd, repeat)"
_UNDER_SECOND_SECTION = "header, under a section naming the second session"
_GLOSSED_SECOND = "header, under a group naming the second session in one of its two languages"
IGNORED = Target("ignore", column="known")
_VISIT_GROUP_DATE = (
    "header: a visit's date under its time point's group, beside the visit's outcomes "
    "(not the procedure's date): that visit's date, checked against its procedure's"
)


def _visit_group_date(
    group: str, sub: str, joined: str, mapping: dict[str, object]
) -> _Reading | None:
    """A bare date header (``Date``) under a group naming a time point (``M1 (1 mois)``,
    ``Pré-op / Before``), group and header together naming no field: the date of that
    visit, in a row of visits across, not the procedure's (``date:visit_date@1m``); a
    later session's date (``2nd session date``) under it: that session's visit."""
    point = timepoint_of(group) if group else None
    if point is None or match_header(joined, mapping) is not None:
        return None
    target = match_header(sub, mapping)
    if target is None:
        later = _slot_target(sub, mapping)
        if later is None or later[0].label != "date:procedure_date" or later[1] or later[2] < 2:
            return None
        visit = Target("date", column="visit_date", timepoint=point)
        return _header_reading(joined, visit, 1.0, _VISIT_GROUP_DATE, 0, later[2])
    if target.label != "date:procedure_date" or _slot_target(joined, mapping):
        return None
    visit = Target("date", column="visit_date", timepoint=point)
    return _header_reading(joined, visit, 1.0, _VISIT_GROUP_DATE)


_POINT_UNDER_DATES = (
    "header: a time point under a group naming the visits' dates (Follow-up dates over 1 m): "
    "the date of that visit only, checked against its procedure's"
)


def _point_under_dates_group(
    group: str, sub: str, joined: str, mapping: dict[str, object]
) -> _Reading | None:
    """A bare time point (``1 m``, ``৩ মাহ (3 m)``) under a group naming the visits'
    dates (``Follow-up dates``, ``অনুবৰ্তী তাৰিখ (Follow-up dates)``), the header naming
    no field of its own: the date of that visit (``date:visit_date@1m``), one column per
    visit across the row; a group naming a second session too gives that session's."""
    if not group or not sub or match_header(sub, mapping) is not None:
        return None
    point = timepoint_of(sub)
    dated = match_header(group, mapping) if point is not None else None
    if dated is None or dated.label != "date:visit_date" or dated.timepoint is not None:
        return None
    visit = Target("date", column="visit_date", timepoint=point)
    session = 2 if _after_second_session(joined) else 1
    return _header_reading(joined, visit, 1.0, _POINT_UNDER_DATES, 0, session)


_TIMED_VISIT_DATE = "header: a visit's date naming its time point, the date of that visit only"
_TIMED_SECOND_VISIT = (
    "header: a visit's date naming its time point under a group naming a second session: "
    "the date of that session's visit only"
)
_MAX_POINT_WORDS = 3  # a time point's words inside a header: "3 mo", "2 wk", "pre op"


@cache
def _date_words() -> frozenset[str]:
    """The words of every name of a visit's or a procedure's date, as headers are
    segmented."""
    names = load_spec().date_columns
    return frozenset(w for kind in ("visit_date", "procedure_date") for n in names[kind] for w in segment(n).split())  # fmt: skip


def _timed_visit_date(sub: str, mapping: dict[str, object], joined: str = "") -> _Reading | None:
    """:func:`_timed_own_date`, or for a header in several languages apart by spaced
    slashes (``සති 2 / 2 வாரங்கள் / 2 weeks – Date``) the one visit date its parts name
    (the others its translations, naming nothing)."""
    found = _timed_own_date(sub, mapping, joined)
    parts = [p.strip() for p in _LANGUAGES.split(sub) if p.strip()]
    if found is not None or len(parts) < 2:
        return found
    readings = [r for p in parts if (r := _timed_own_date(p, mapping, joined)) is not None]
    if len({(r[1], r[7]) for r in readings}) != 1:
        return None
    return (sub, *readings[0][1:])


_LANGUAGES = re.compile(r"\s+/\s+")


def _timed_own_date(sub: str, mapping: dict[str, object], joined: str = "") -> _Reading | None:
    """A date header naming the visit's time point among its words (``Date of 3-mo visit``,
    ``Visit date 6 months``): the date of that visit only (``date:visit_date@3m``), not
    of every visit of the row; ``None`` when the header names a field as it stands, or no
    time point, or its other words name no visit's date. Under a group naming a second
    session (``2nd procedure (Re-do)`` over ``1 month date``) it is that session's visit."""
    if not sub or match_header(sub, mapping) is not None:
        return None
    words = segment(sub).split()
    if not mapping and _date_words().isdisjoint(words):
        return None  # no word of a date's name: no span of it need be tried as a time point
    # the words as segmented, and as written when a time point holds a slash (``Date of
    # 6/12 review``: six months, in the shorthand of months over twelve); a header in
    # several languages apart by spaced slashes is read part by part instead
    spaced = normalize_text(sub).split()
    one = spaced == words or _LANGUAGES.search(sub) is not None
    for tried in (words,) if one else (words, spaced):
        for n in range(_MAX_POINT_WORDS, 0, -1):
            for i in range(len(tried) - n + 1):
                point = timepoint_of(" ".join(tried[i : i + n]))
                rest = " ".join(tried[:i] + tried[i + n :])
                if point is None or not rest:
                    continue
                rest, after = _without_session_after(rest)
                target = match_header(rest, mapping) if rest else None
                if target is not None and target.label in ("date:visit_date", "date:procedure_date"):  # fmt: skip
                    visit = Target("date", column="visit_date", timepoint=point)
                    group = joined[: len(joined) - len(sub)].strip() if joined != sub else ""
                    if after > 1 or (group and _after_second_session(f"{group} {sub}")):
                        return _header_reading(joined or sub, visit, 1.0, _TIMED_SECOND_VISIT, 0, 2)  # fmt: skip
                    return _header_reading(sub, visit, 1.0, _TIMED_VISIT_DATE)
    return None


def _without_session_after(rest: str) -> tuple[str, int]:
    """A header's words without the session it says the visit follows (``after procedure
    2 date`` -> ``date``, 2: ``6 weeks after procedure 2 – Date``), and that session's
    number; the words as they stand and 0 when they name none so."""
    words = rest.split()
    vocab = load_spec().vocabulary
    after = {segment(w) for w in vocab.second_session_after}
    context = {segment(w) for w in vocab.second_session_context}
    for i in range(len(words) - 2):
        number, word = words[i + 2], words[i + 1]
        if words[i] in after and word in context and number in _SESSION_NUMBERS:
            return " ".join(words[:i] + words[i + 3 :]), int(number)
    return rest, 0


_SESSION_NUMBERS = frozenset("123456789")


_SESSION_WRITTEN_OUT = (
    "header: a second session written out in one cell (its date, levels, cement and scores "
    "in words), not read; give the session its own columns or a row of its own"
)
_BORN = "header: a year of birth; the age at each procedure is derived from it (the year is never shown)"  # fmt: skip


@cache
def _birth_year_words() -> frozenset[str]:
    return frozenset(normalize_text(w) for w in load_spec().vocabulary.birth_year_headers)


def _fixed_reading(sub: str) -> _Reading | None:
    """A header read by its words whatever the cells hold: one of columns the cohort
    keeps nothing of, or a year of birth."""
    not_cohort = _not_cohort(sub)
    if not_cohort:
        return _header_reading(sub, IGNORED, 1.0, not_cohort)
    if names_second_session_only(sub):
        return _header_reading(sub, IGNORED, 1.0, _SESSION_WRITTEN_OUT)
    if normalize_text(sub) in _birth_year_words():
        return _header_reading(sub, BIRTH_YEAR, 1.0, _BORN)
    return None


_UNDER_POINT = "header: a measure under a group naming its time point"


_DATE_OF_GROUP = "header: a date under a group naming whose date it is"


def _in_group(text: str, target: Target, group: str, mapping: dict[str, object]) -> _Reading:
    """A header naming a field, read in its group's light (``New fracture`` over
    ``Level``: the new fracture's level; ``1 week`` over ``VAS``: the score at 1 week)."""
    timed = _timed_by_group(target, group, mapping)
    if timed is not None:
        return _header_reading(text, timed, 1.0, _UNDER_POINT)
    if group and _names_new_fracture(group):
        target = _as_fracture(target)
    dated = (
        match_header(group, mapping) if group and target.label == "date:procedure_date" else None
    )
    if dated is not None and dated.kind == "date" and dated.label != target.label:
        # a bare date (``Day/Month/Year``) under a group naming whose date it is
        # (``Date of death``): that date
        return _header_reading(text, dated, 1.0, _DATE_OF_GROUP)
    switched = date_of_field_group(group, mapping) if dated is not None else None
    if switched is not None:
        # a bare date (``Dato``) under a yes/no field it dates (``Død``): the date of death
        return _header_reading(text, switched, 1.0, DATE_OF_FIELD_GROUP)
    slot = group_slot(group, mapping) if group and is_slot_field(target) else 0
    return _header_reading(text, target, 1.0, "header", slot)


def _timed_by_group(target: Target, group: str, mapping: dict[str, object]) -> Target | None:
    """A measure without a time point (``VAS``) under a group naming one (``1 week``,
    ``VAS pre-op``) that the group and header together do not spell out (the group in
    two languages, or naming the measure again): the measure at the group's time point."""
    if target.kind != "measure" or target.timepoint is not None or not group:
        return None
    point = timepoint_of(group)
    if point is None:
        named = match_header(group, mapping)
        same = named is not None and named.kind == "measure" and named.measure == target.measure
        point = named.timepoint if same and named is not None else None
    return None if point is None else replace(target, timepoint=point)


def _measure_reading(
    group: str, sub: str, joined: str, mapping: dict[str, object]
) -> _Reading | None:
    """A measure over its time point (:func:`_measure_over_point`), or a measure whose
    header gives its range in brackets (``Mobility (1-4)``)."""
    over = _measure_over_point(group, sub, mapping)
    if over is not None:
        return _header_reading(joined, over, 1.0, "header: a measure over its time point")
    scaled = measure_named(sub, mapping) if _BRACKETED.search(sub) else None
    if scaled is not None:
        return _header_reading(sub, scaled, 1.0, "header: a measure, its range in brackets")
    return None


def _measure_over_point(group: str, sub: str, mapping: dict[str, object]) -> Target | None:
    """A measure named by the group over a time point named by the sub-header (``Pain
    score (VAS 0-10)`` over ``1 month``, the outcome rows of a transposed sheet)."""
    point = timepoint_of(sub) if group and sub else None
    target = measure_named(group, mapping) if point is not None else None
    return None if target is None else replace(target, timepoint=point)


def _series_reading(
    shown: str, group: str, sub: str, mapping: dict[str, object]
) -> _Reading | None:
    """A measure's time points a spaced slash apart (``Pain VAS: Pre-op / 1 week / 1
    month``, or ``Pre / 1 week`` under a measure's group): each cell holds a score at
    each of them, in that order (:mod:`analysis.normalize.series`)."""
    bracketed = _POINTS_IN_BRACKETS.match(sub)
    if bracketed is not None and len(header_parts(bracketed[2])) >= 2:
        # ``VAS (pre → 24h → 6wk)``: the measure, its time points in brackets after it
        measure = measure_named(bracketed[1], mapping)
        points = [timepoint_of(p) for p in header_parts(bracketed[2])]
        named = tuple(p for p in points if p is not None)
        if measure is None or len(named) < len(points) or len(set(named)) < len(named):
            return None
        reason = "header: a measure, its time points in brackets, a score for each in one cell"
        return _header_reading(shown, series_target(measure, named), 1.0, reason)
    parts = header_parts(sub) or slash_parts(sub)
    if not parts:
        return None
    first = match_header(parts[0], mapping)
    if first is None or first.kind != "measure" or first.timepoint is None:
        point = timepoint_of(parts[0]) if group else None
        measure = measure_named(group, mapping) if point is not None else None
        first = None if measure is None else replace(measure, timepoint=point)
    if first is None:
        return None
    points = [first.timepoint, *(timepoint_of(p) for p in parts[1:])]
    named = tuple(p for p in points if p is not None)
    if len(named) < len(points) or len(set(named)) < len(named):
        return None
    reason = "header: a measure's time points, a score for each in one cell"
    return _header_reading(shown, series_target(first, named), 1.0, reason)


_BRACKETED = re.compile(r"\s*[(\[（][^)\]）]*[)\]）]")
_POINTS_IN_BRACKETS = re.compile(r"^(.+?)\s*[(\[（]([^)\]）]+)[)\]）]\s*$")


_RANGE_AFTER = re.compile(r"[\s,;:]*\d+\s*[-–]\s*\d+\s*$")
# a note after a spaced dash, saying how the values are kept, not what they are ("EVA (/10)
# — par séance": the session's score)
_DASHED_NOTE = re.compile(r"\s+[—–-]\s+")


def measure_named(text: str, mapping: dict[str, object]) -> Target | None:
    """The measure a label names without a time point (``Pain (VAS)``, ``Walking (1-4)``,
    ``Walking, 0-4``: a scale in brackets or after the name is the measure's own), or
    ``None``."""
    found = measure_words(text, mapping)
    return None if found is None else found[1]


def measure_words(text: str, mapping: dict[str, object]) -> tuple[str, Target] | None:
    """:func:`measure_named` with the words that named the measure (the label, or the
    label without its bracketed note or range)."""
    bare = _BRACKETED.sub("", text).strip()
    head, *note = _DASHED_NOTE.split(text, maxsplit=1)
    noted = head.strip() if note and timepoint_of(note[0]) is None else ""  # "EVA — par séance"
    for candidate in (text, bare, _RANGE_AFTER.sub("", bare).strip(), noted):
        target = match_header(candidate, mapping) if candidate else None
        if target is not None and target.kind == "measure" and target.timepoint is None:
            return candidate, target
    return None


@cache
def _not_cohort_words() -> frozenset[str]:
    return frozenset(header_text(w) for w in load_spec().vocabulary.not_cohort_headers)


def _not_cohort(header: str) -> str:
    """Why a column holds nothing the cohort keeps (a REDCap checkbox without its
    dictionary, a form's status), or ``""``."""
    if not header:
        return ""
    if _CHECKBOX.search(header):
        return "a REDCap checkbox: its choice is named only in the data dictionary"
    text = header_text(header)
    if text in _not_cohort_words() or text.endswith(" complete"):
        return "known, holds nothing the cohort keeps"
    return ""


def _header_reading(
    shown: str, target: Target | None, score: float, reason: str, slot: int = 0, session: int = 1
) -> _Reading:
    return (shown, target, score, 0, 0, reason, slot, session)


def _score(columns: list[HeaderColumn], timepoint: str | None = None) -> float:
    """Distinct recognised targets (a header named only in part counts half); an outcome
    without its time point counts only on a sheet whose name gives one (a visit sheet) or
    beside a column naming each row's visit."""
    seen: dict[tuple[str, int, int], float] = {}
    # a column naming each row's visit gives the outcomes beside it their time point
    visits = any(c.target is not None and c.target.kind == "visit" for c in columns)
    for c in columns:
        t = c.target
        if t is None or (
            t.kind == "measure" and t.timepoint is None and timepoint is None and not visits
        ):
            continue
        weight = 0.5 if c.reason == "header words" else 1.0
        key = (t.label, c.slot, c.session)
        seen[key] = max(seen.get(key, 0.0), weight)
    return sum(seen.values())


_CARD_SHAPES = frozenset({"patient-cards", "case-log"})


def detect_layout(
    sheet: RawSheet,
    mapping: dict[str, object] | None = None,
    options: LoadOptions | None = None,
    timepoint: str | None = None,
    role: str | None = None,
) -> SheetLayout | None:
    """The header row with the most recognised columns, or ``None`` if none fits.

    A sheet qualifies when at least three columns are recognised (two on a visit sheet,
    whose name gives the time point of its outcomes, or on a sheet of new fractures),
    one of them a patient key: the
    study ID or record number by its header, else a column of code-like values, unique
    per row or recurring, found by its contents (:func:`id_by_content`).
    """
    mapping = mapping or {}
    rows = _rows_to_try(sheet)
    best: tuple[float, int, list[HeaderColumn]] | None = None
    memo: dict[tuple[str, ...], _Reading] = {}
    for r in rows:
        cols = _candidates(sheet, r, mapping, memo)
        if timepoint is None:
            cols = sheet_measure_points(sheet.sheet, cols, mapping, _own_headers(sheet, r))
        score = _score(cols, timepoint)
        if best is None:
            best = (score, r, cols)
            continue
        # a row scoring no more than the header above it, its own cells data (numbers,
        # levels, dates), is the first data row joined under a header in two languages
        # (``Study ID / الرمز`` over ``SO-01``), never the header's second line
        kept = score == best[0] and (_loses_key(best[2], cols) or not _header_like(sheet, r))
        if score >= best[0] and score > 0 and not kept:
            best = (score, r, cols)
    if best is None:
        return None
    score, row, cols = best
    # a card's table carries the study ID its card gives (:mod:`analysis.load.cards`): one
    # further column read is a table (a card's notes naming deaths and new fractures)
    carded = sheet.origin is not None and sheet.origin.shape in _CARD_SHAPES
    need = 2 if timepoint or role or carded else 3
    if _has_key(cols) and _no_codes_below(sheet, row, cols):
        # a header read as the study ID over cells that are mostly no study IDs (a
        # patient card's ``№`` over its vertebrae and visits)
        cols = [replace(c, target=None, reason="") if _is_key(c) else c for c in cols]
        score -= 1
    if not _has_key(cols) and score + 1 >= need:
        # header words enough: the study ID found by its contents, or none (a case log's
        # repeated headers, read as cards)
        found = id_by_content(sheet, row, cols, rows_aside(sheet, row, SAMPLE))
        if found is None:
            return None
        cols, score = found, score + 1
    elif _record_number_only(cols):
        # a record number named by its header beside a study ID whose header is unknown:
        # the study ID, found by its contents, keys the rows; else the record number's
        # own column, when its cells are a study's codes (``ANK-01``)
        aside = rows_aside(sheet, row, SAMPLE)
        found = id_by_content(sheet, row, cols, aside)
        cols = (
            found
            or record_header_study_codes(sheet, row, cols)
            or running_number_key(sheet, row, cols, aside)
            or cols
        )
    if carded and score < need and _has_key(cols):
        # the card's study ID and columns read by their cells alone
        layout = _layout_at(sheet, row, cols, options, timepoint, role)
        read = sum(c.target is not None and c.target.kind != "ignore" for c in layout.columns)
        return layout if read >= need else None
    if score < need or not _has_key(cols):
        # header words known too few: the header row is found by the sheet's shape and
        # its columns by their cells
        return _by_contents_only(sheet, mapping, options, timepoint, role)
    return _layout_at(sheet, row, cols, options, timepoint, role)


def _rows_to_try(sheet: RawSheet) -> list[int]:
    """The rows that may be the header: the one given, else the first rows but those
    heading a group of rows by its cause (``Osteoporosis (n = 10)`` alone under it)."""
    if sheet.header_row:
        return [sheet.header_row]
    top = range(1, min(MAX_HEADER_SEARCH, sheet.n_rows) + 1)
    return [r for r in top if not _cause_heading(sheet, r)]


def _cause_heading(sheet: RawSheet, row: int) -> bool:
    """Whether a row's one written cell is a heading naming a cause (a group of rows'),
    never a header's row (:func:`analysis.load.group_rows.heading_cause`)."""
    cells = sheet.rows[row - 1] if row - 1 < sheet.n_rows else []
    written = [i for i, c in enumerate(cells) if c is not None and str(c).strip()]
    return len(written) == 1 and heading_cause(cells, written[0]) is not None


_SHEET_MEASURE = "header names a time point; the outcome the sheet's name names"
_SHEET_SECOND = (
    "header names a second session and a time point after it; the outcome the sheet's name names"
)


def sheet_measure_points(
    name: str, cols: list[HeaderColumn], mapping: dict[str, object], own: Sequence[str] = ()
) -> list[HeaderColumn]:
    """One sheet per measure (``VAS评分``, ``ODI``: the sheet's name names one measure and
    no time point): its columns headed by a time point only (``术前``, ``术后1月``) hold
    that measure at that time point; a column whose own header (``own``, the header row's
    cells under any group heading) names a second session before the time point
    (``Uusinta 6 vk``: 6 weeks after the re-operation) holds the second session's."""
    measure = measure_named(name, mapping) if name else None
    if measure is None:
        return cols
    out = []
    for c in cols:
        text = own[c.index - 1] if c.index - 1 < len(own) else ""
        rest = _after_second_session(text) if c.target is None and text else ""
        second = timepoint_of(rest) if rest else None
        point = timepoint_of(c.header) if c.target is None and c.header else None
        if second is not None:
            c = replace(c, target=replace(measure, timepoint=second), confidence=1.0, reason=_SHEET_SECOND, session=2)  # fmt: skip
        elif point is not None:
            c = replace(c, target=replace(measure, timepoint=point), confidence=1.0, reason=_SHEET_MEASURE)  # fmt: skip
        out.append(c)
    return out


def _own_headers(sheet: RawSheet, row: int) -> list[str]:
    """Each column's header as written on the header row itself, under any group heading."""
    width = max((len(r) for r in sheet.rows[:row]), default=0)
    return [t[-1] if t else "" for t in _header_texts(sheet, row, width)]


def _loses_key(best: list[HeaderColumn], cols: list[HeaderColumn]) -> bool:
    """Whether a row scoring as much as the best row so far would lose its study ID
    (a first data row joined under the header, a new fracture's word read as a header)."""
    return _has_key(best) and not _has_key(cols)


def _layout_at(
    sheet: RawSheet,
    row: int,
    cols: list[HeaderColumn],
    options: LoadOptions | None,
    timepoint: str | None,
    role: str | None,
) -> SheetLayout:
    """The sheet read with its header at ``row``: every column checked against its cells,
    and those no header word named read by their cells alone."""
    cols = lettered_visits(_one_study_id(sheet, row, cols))
    if timepoint is None:
        cols = sheet_measure_points(
            sheet.sheet, cols, options.mapping if options else {}, _own_headers(sheet, row)
        )
    cols = noted_scales(sheet, row, _shared_scale(measure_runs(cols)))
    cols = repeated_vertebra_blocks(cols)
    layout = _read_contents(sheet, SheetLayout(row, tuple(cols)), options or LoadOptions())
    read = questionnaire_items(list(layout.columns))
    typed = numbered_visit_pairs(sheet, row, typed_by_content(sheet, row, read, role, timepoint))
    return with_suffix_reason(sheet, replace(layout, columns=tuple(second_session_rows(typed))))


def _by_contents_only(
    sheet: RawSheet,
    mapping: dict[str, object],
    options: LoadOptions | None,
    timepoint: str | None,
    role: str | None,
) -> SheetLayout | None:
    """The layout of a sheet whose header words are unknown: of the rows that read as a
    header (text only, the row below holding data), the one under which most columns are read by
    their cells, a study ID found by its contents among them; ``None`` when fewer than
    three columns (two on a visit or fractures sheet) are read. The study ID is the
    column its header names, else one found by its contents."""
    best: tuple[int, SheetLayout] | None = None
    last = min(MAX_HEADER_SEARCH, sheet.n_rows - 1)
    for r in range(1, last + 1):
        below = [c for c in sheet.rows[r] if not is_missing(c)] if r < sheet.n_rows else []
        if not _header_like(sheet, r) or _header_like(sheet, r + 1) or len(below) < 2:
            continue
        cols = _candidates(sheet, r, mapping)
        if _has_key(cols) and not _codes_below(sheet, r, cols):
            # a header read as the study ID over no study IDs (a card's ``№``)
            cols = [replace(c, target=None) if _is_key(c) else c for c in cols]
        found = (
            cols if _has_key(cols) else id_by_content(sheet, r, cols, rows_aside(sheet, r, SAMPLE))
        )
        if found is None:
            continue
        layout = _layout_at(sheet, r, found, options, timepoint, role)
        n = sum(c.target is not None and c.target.kind != "ignore" for c in layout.columns)
        if best is None or n >= best[0]:  # the last header row above the data
            best = (n, layout)
    if best is None or best[0] < (2 if timepoint or role else 3):
        return None
    return best[1]


MIN_HEADER_SCORE = 3.0  # recognised columns a sheet's header needs, a patient key among them


def header_score(
    sheet: RawSheet, row: int, mapping: dict[str, object], timepoint: str | None = None
) -> float:
    """How many columns row ``row`` names as a header (0 when none is a patient key);
    outcomes without a time point count when ``timepoint`` (a visit's table) gives one."""
    cols = _candidates(sheet, row, mapping)
    return _score(cols, timepoint) if _has_key(cols) else 0.0


def _key_cells(sheet: RawSheet, row: int, cols: list[HeaderColumn]) -> list[object]:
    """The written cells under the key column, its rows heading groups by their cause
    (``Osteoporosis (n = 10)``) and its summary rows (``Mean``) set aside."""
    key = next(c for c in cols if _is_key(c))
    return [
        r[key.index - 1]
        for r in sheet.rows[row : row + SAMPLE]
        if key.index - 1 < len(r)
        and not is_missing(r[key.index - 1])
        and heading_cause(r, key.index - 1) is None
        and not summary_label(r, key.index, own=True)
    ]


def _codes_below(sheet: RawSheet, row: int, cols: list[HeaderColumn]) -> bool:
    """Whether the study-ID column a header names holds study IDs: nine in ten of its
    cells below ``row`` code-like (not the visits of a card's table under a ``№``)."""
    values = _key_cells(sheet, row, cols)
    return len(values) >= 3 and sum(map(code_like, values)) >= 0.9 * len(values)


def _no_codes_below(sheet: RawSheet, row: int, cols: list[HeaderColumn]) -> bool:
    """Whether most cells under the study-ID column a header names are no study IDs:
    words and phrases rather than codes, or no shape shared by half of them (a card's
    ``№`` over its vertebrae, then its visits' names); three cells at least: fewer
    say nothing."""
    values = _key_cells(sheet, row, cols)
    if len(values) < 3:
        return False
    tokens = sum(map(_id_like, values))
    if tokens < 0.5 * len(values):
        return True
    # single tokens of no common shape: too few of them say nothing (a short table's
    # IDs may each be written their own way)
    return shared_shape(values) < 0.5 and (tokens < len(values) or len(values) >= 10)


# a national number written in groups of digits (``683 751 9705``, ``943 476 5919``)
_DIGIT_GROUPS = re.compile(r"^\d{2,5}(?: \d{2,5}){1,4}$")


def _id_like(value: object) -> bool:
    """A code, a number, one short token without spaces (``VA2021003``), or a number
    written in groups of digits (``683 751 9705``), eight digits at least."""
    text = str(value).strip()
    if _DIGIT_GROUPS.match(text) and sum(ch.isdigit() for ch in text) >= 8:
        return True
    return code_like(value) or (len(text) <= 24 and not any(ch.isspace() for ch in text))


def _is_key(col: HeaderColumn) -> bool:
    return col.target is not None and col.target.label in ("patients.patient_id", "identifier:mrn")


def key_columns(sheet: RawSheet, row: int, mapping: dict[str, object]) -> list[HeaderColumn]:
    """The columns row ``row`` names as a study ID or record number."""
    return [c for c in _candidates(sheet, row, mapping) if _is_key(c)]


def _record_number_only(cols: list[HeaderColumn]) -> bool:
    labels = {c.target.label for c in cols if c.target is not None}
    return "identifier:mrn" in labels and "patients.patient_id" not in labels


def _has_key(cols: list[HeaderColumn]) -> bool:
    keys = {(c.target.table, c.target.column) for c in cols if c.target is not None}
    return ("patients", "patient_id") in keys or (None, "mrn") in keys
