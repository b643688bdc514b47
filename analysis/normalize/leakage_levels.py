"""Cement leakage named per vertebra in one cell of a session's row.

A row naming several treated levels may say where cement leaked at each of them. One
reader takes every way of writing it:

* the level before its sites: ``T10: vein; T12: disc``, ``Có – T10: rò tĩnh mạch``,
  ``L-2: disc``;
* the level after its sites: ``так — в диск (L3)``, ``disc L2, vein L3``, ``دیسک L2``;
* the level inside the words of a part: ``Sí - venosa en D11; venosa en D12``,
  ``yes – paravertebral (T12), disc (L1)``.

The pairs it reads go to :func:`analysis.load.records.leakage_at`: each level of the row
takes the sites named at it, a level of the row the cell does not name had none, and a
cell naming a level the row does not treat gives every vertebra all the sites written.
"""

from __future__ import annotations

import re
from functools import cache

from analysis.levels import LevelError, arabic_levels, latin_twin_levels, parse_levels
from analysis.normalize.cells import (
    _YES_BRACKET,
    _YES_DASH,
    CellError,
    _sites,
    fold_width,
    one_language,
    parse_level_list,
    parse_multi_category,
    region_word_pattern,
)
from analysis.spec import ColumnSpec, load_spec, normalize_text

Pairs = tuple[tuple[str, str], ...]  # (level, ';'-joined sites), in the order written

# a level's letters: C, T, Th, L, S, D (dorsal), Cyrillic Т and С, German BWK / LWK / HWK,
# Vietnamese N (thoracic) and TL (lumbar)

_AT_LEVEL = re.compile(r"(?:^|(?<=[;,؛]))\s*((?:[bhl]wk|tl|th|[ctlsdnтс])\s?\d{1,2})\s*:", re.I)
# a level and its colon after a space, as a cell of pairs written level first may part them
_AT_LEVEL_SPACED = re.compile(
    r"(?:^|(?<=[;,؛\s]))\s*((?:[bhl]wk|tl|th|[ctlsdnтс])\s?\d{1,2})\s*:", re.I
)
_LEVEL_AFTER = re.compile(r"[(\[]\s*((?:[bhl]wk|tl|th|[ctlsdnтс])\s?\d{1,2})\s*[)\]]", re.I)
# "دیسک L2", "disc L2, vein L3": a site and the level it is at, written after it
_LEVEL_AT_END = re.compile(r"\s((?:[bhl]wk|tl|th|[ctlsdnтс])\s?\d{1,2})\s*$", re.I)
_LEVEL_ENDS_SPLIT = re.compile(r"(?<=\d)\s*,\s*")  # parts that each end with a level
# a level anywhere among a part's words ("venosa en D12", "L-2: disc")
_LEVEL = re.compile(r"(?i)(?<![^\W\d_])(?:[bhl]wk|tl|th|[ctlsdnтс])\s*[-.]?\s*\d{1,2}(?!\d)")
_PARTS = re.compile(r"\s*[;,؛]\s*")  # ؛ the Arabic semicolon


def sites_by_level(value: object, col: ColumnSpec) -> Pairs | None:
    """A leakage cell naming the vertebra of each site: each named level with its sites
    (``;``-joined), in the order written; ``None`` when the cell names no level or cannot
    be read so (it is then read as one set of sites for the session). Levels numbered in
    Roman numerals (``paravertebrale L I``) are read when none is in digits."""
    found = _sites_by_level(value, col)
    if found is None and isinstance(value, str) and arabic_levels(value) != value:
        return _sites_by_level(arabic_levels(value), col)
    return found


def _sites_by_level(value: object, col: ColumnSpec) -> Pairs | None:
    if not isinstance(value, str):
        return None
    by_line = sites_by_line(value, col)
    if by_line is not None:
        return by_line
    value = _headed_lines_as_parts(value)
    value = regions_as_letters(_without_others_none(latin_twin_levels(value), col))
    # parts first: "paravertebral (Th12), disc (L1)" is two parts, not one site list at Th12
    return _slashed_heads(value, col) or _levels_in_parts(value, col) or _level_heads(value, col)


def _headed_lines_as_parts(value: str) -> str:
    """A cell of a line per level, each line starting with its level and a colon (``L3:
    Không`` / ``L4: Tĩnh mạch``), as the parts a semicolon sets apart; any other cell as
    it is."""
    lines = [line.strip() for line in _LINES.split(value) if line.strip()]
    if len(lines) < 2 or not all(_AT_LEVEL.match(fold_width(line).lower()) for line in lines):
        return value
    return "; ".join(lines)


# The key of a line's sites in a cell of one line per treated level: its place, never a
# level's name (see :func:`sites_by_line`).
BY_LINE = "#"


# one part per treated level: a line each, or (see :func:`sites_by_line`) parts apart by
# the ideographic comma or a spaced slash (``no / paravertebral`` beside ``T7 / T8``)
_LINES = re.compile(r"\r?\n")
_LISTED = re.compile(r"\s*、\s*|\s+/\s+")


def sites_by_line(value: str, col: ColumnSpec) -> Pairs | None:
    """A leakage cell of several lines, one per treated level in the order of the row's
    levels (``نہیں`` / ``وینس`` / ``نہیں`` beside ``D8`` / ``D9`` / ``D10``): each line's
    sites keyed by its place (``#1``, ``#2``, ...), which :func:`analysis.load.records.
    leakage_at` gives to the row's level at that place; ``None`` for a cell of one line,
    or when a line names a level or is no leakage of its own (then read as the cell is).
    So are parts apart by ``、`` or a spaced slash (``无、静脉、无``, ``椎间盘+静脉、无``
    beside ``L1、L2``; ``disko+venoso / no`` beside ``T11 / T12``) when a part says none or
    joins its own sites with ``+``: a list of the session's sites (``椎间盘、静脉``) never
    holds a none, nor sites joined another way."""
    lines = [line.strip() for line in _LINES.split(value) if line.strip()]
    listed = len(lines) < 2 and bool(_LISTED.search(value))
    if listed:
        lines = [p for p in _LISTED.split(value.strip()) if p]
    if len(lines) < 2 or any(_LEVEL.search(regions_as_letters(line)) for line in lines):
        return None
    try:
        sites = [parse_multi_category(line, col) for line in lines]
    except CellError:
        return None
    if any(s is None for s in sites):
        return None
    if listed and not any(s == "none" or "+" in line for s, line in zip(sites, lines, strict=True)):
        return None
    return tuple((f"{BY_LINE}{k}", str(s)) for k, s in enumerate(sites, 1))


_SEPARATED = re.compile(r"(\s*[;,؛]\s*)")


def _without_others_none(text: str, col: ColumnSpec) -> str:
    """The cell without a part after the first saying the row's other levels had none
    (``L1:椎間盤，其餘無``, ``L1: disc, the rest none``): a level the cell does not name
    had none all the same (vocabulary: ``other_levels``)."""
    pieces = _SEPARATED.split(fold_width(text).strip())
    parts = pieces[::2]
    if len(parts) < 2 or not any(_others_none(p, col) for p in parts[1:]):
        return text
    kept = [parts[0]] + [
        sep + part
        for sep, part in zip(pieces[1::2], parts[1:], strict=True)
        if not _others_none(part, col)
    ]
    return "".join(kept)


def _others_none(part: str, col: ColumnSpec) -> bool:
    """Whether a part names the other levels and says none (``其餘無``, ``rest: none``)."""
    text = normalize_text(part)
    for word in _other_levels():
        if not text.startswith(word) or (text[len(word) : len(word) + 1].isalpha() and word.isascii()):  # fmt: skip
            continue
        rest = text[len(word) :].strip(" :-")
        try:
            return bool(rest) and parse_multi_category(rest, col) == "none"
        except CellError:
            return False
    return False


@cache
def _other_levels() -> tuple[str, ...]:
    words = {normalize_text(w) for w in load_spec().vocabulary.other_levels}
    return tuple(sorted(words, key=len, reverse=True))


def regions_as_letters(text: str) -> str:
    """A level written with its region's word glued to its number (``胸12椎间盘渗漏``,
    ``腰1椎旁``) as its letter, set apart (`` T12 椎间盘渗漏``); the region's words alone
    are left, since a site's word may hold them (``椎间盘``)."""
    if text.isascii():
        return text
    return _region_number().sub(lambda m: f" {_region_letters()[m[1].casefold()]}{m[2]} ", text)


@cache
def _region_letters() -> dict[str, str]:
    regions = load_spec().vocabulary.level_regions
    return {w.casefold(): letter for letter, words in regions.items() for w in words}


@cache
def _region_number() -> re.Pattern[str]:
    words = sorted(_region_letters(), key=len, reverse=True)
    return re.compile(rf"({'|'.join(map(region_word_pattern, words))})\s*(\d{{1,2}})(?!\d)", re.I)


# "T11 척추주위, 추간공 / T12 없음": each vertebra's part after a spaced slash, its level first;
# "Th11 なし／Th12 椎間板": or after a slash right before the next level
_SPACED_SLASH = re.compile(
    r"\s+/\s+|\s*/\s*(?=(?:[bhl]wk|tl|th|[ctlsdnтс])\s?\d{1,2}(?!\d)\s*\S)", re.I
)
_LEADING_LEVEL = re.compile(
    r"^\s*((?:[bhl]wk|tl|th|[ctlsdnтс])\s?\d{1,2})(?!\d)\s*[:=–—-]?\s*", re.I
)


def _slashed_heads(value: str, col: ColumnSpec) -> Pairs | None:
    """Each level first in its own part, the parts set apart by a spaced slash
    (``T11 paravertebral, foraminal / T12 none``); ``None`` for any other cell."""
    parts = _SPACED_SLASH.split(fold_width(value).strip())
    if len(parts) < 2:
        return None
    pairs = []
    for part in parts:
        head = _LEADING_LEVEL.match(part)
        if head is None:
            return None
        sites = part[head.end() :].strip(" ;,")
        if not sites:  # "L1/L2 disc": levels listed, not one part per level
            return None
        try:
            (one,) = parse_levels(head[1])
            pairs.append((one, _sites(sites, col)))
        except (CellError, LevelError, ValueError):
            return None
    return tuple(pairs)


_LEAK_LEVEL_PARTS = re.compile(r"\s*[;/؛]\s*")


def leak_level_pairs(value: object, col: ColumnSpec) -> Pairs | None:
    """A cell of a column naming where cement leaked (``L3``, ``L3; L5``, ``L3 –
    Foraminal, Venous; L5 – Venous``): each level with its own sites, ``""`` where the
    cell names the level alone (the leakage column gives its sites); ``None`` when a
    part does not start with one vertebra or its words name no site."""
    if not isinstance(value, str):
        return None
    found = sites_by_level(value, col)
    if found is not None:
        return found
    pairs = []
    for part in _LEAK_LEVEL_PARTS.split(fold_width(value).strip()):
        head = _LEADING_LEVEL.match(part)
        if head is None:
            return None
        rest = part[head.end() :].strip(" ;,:-–—")
        try:
            (one,) = parse_levels(head[1])
            pairs.append((one, _sites(rest, col) if rest else ""))
        except (CellError, LevelError, ValueError):
            return None
    return tuple(pairs)


def _without_yes(text: str, bracket: bool) -> str:
    """The text after a leading yes word (``Sí -``, ``так —``, ``yes (``)."""
    text = one_language(text)
    yes = _YES_DASH.match(text) or (_YES_BRACKET.match(text) if bracket else None)
    if yes and yes[1].lower() in load_spec().true_tokens:
        return text[yes.end() :]
    return text


def _level_heads(value: str, col: ColumnSpec) -> Pairs | None:
    """Each level written before its sites (``T10: vein; T12: disc``) or after them
    (``disc (L3)``, ``disc L2, vein L3``)."""
    text = _without_yes(fold_width(value).lower(), bracket=True)
    heads = list(_AT_LEVEL.finditer(text))
    spaced = list(_AT_LEVEL_SPACED.finditer(text))
    if heads and heads[0].start() == 0 and len(spaced) > len(heads):
        heads = spaced  # "T10:venn T11:epidiral": pairs apart by a space alone, from the start
    if heads and text[: heads[0].start()].strip(" ;,"):
        return None  # sites before the first level: not written level by level
    if heads:
        ends = [h.start() for h in heads[1:]] + [len(text)]
        chunks = [(h[1], text[h.end() : end]) for h, end in zip(heads, ends, strict=True)]
    else:
        chunks = []
        parts = (
            re.split(r"[;،؛]", text) if re.search(r"[;،؛]", text) else _LEVEL_ENDS_SPLIT.split(text)
        )
        for part in parts:
            named = _LEVEL_AFTER.search(part) or _LEVEL_AT_END.search(part)
            if named is None:
                return None
            chunks.append((named[1], part[: named.start()] + part[named.end() :]))
    pairs = []
    try:
        for level, sites in chunks:
            (one,) = parse_levels(level)
            pairs.append((one, _sites(sites.strip(" ;,"), col)))
    except (CellError, LevelError, ValueError):
        return None
    return tuple(pairs)


def _levels_in_parts(value: str, col: ColumnSpec) -> Pairs | None:
    """Each ``;``- or ``,``-separated part naming its level(s) among its words
    (``venosa en D12``, ``L-2: disc``), a part may name a level as having none
    (``L2 paravertebral + epidural; L3 yok``); ``None`` when a part names no level or
    no site, or when every part says none."""
    text = _cjk_listed(_without_yes(fold_width(value.strip()), bracket=False))
    named: dict[str, set[str]] = {}
    for part in (p for p in _PARTS.split(text) if p.strip()):
        found = [m.group(0) for m in _LEVEL.finditer(part)]
        if not found:
            return None
        rest = re.sub(r"[()\[\]:：\-–—]", " ", _LEVEL.sub(" ", part)).strip()
        try:
            at = parse_level_list(", ".join(found))
            site = parse_multi_category(rest, col) if rest else None
        except CellError:
            return None
        if site is None:
            return None
        for level in at:  # "L3 yok", "L3: none": a level named as having no leakage
            named.setdefault(level, set()).update(site.split(";"))
    if not named or all(sites == {"none"} for sites in named.values()):
        return None  # "no (L2, L3)": one set of sites, none, for the session
    return tuple(
        (level, ";".join(a for a in col.allowed if a in sites - {"none"}) or "none")
        for level, sites in named.items()
    )


def _cjk_listed(text: str) -> str:
    """Parts joined by the CJK list comma ``、``: a piece naming its own level starts the
    next level's part (``L1 椎間盤、L2 靜脈``); a piece naming none lists another site of
    the level before it (``L1椎间盘、椎旁静脉``: disc and venous, both at L1), up to the
    next part (``胸12椎间盘、椎旁静脉；腰1椎旁``: the sites after ``、`` still T12's)."""
    pieces = text.split("、")
    parts = pieces[:1]
    for piece in pieces[1:]:
        if _LEVEL.search(_PARTS.split(piece)[0]):  # up to the piece's own part's end
            parts.append(piece)
        else:
            parts[-1] += "、" + piece
    return ";".join(parts)


# The key of a session's sites named with no level (``E``, ``V, P``, ``paravertébrale``
# in a column of leak sites): the session's own, never a level's name
SESSION_SITES = ""


def with_codes(text: str, codes: dict[str, str]) -> str:
    """A cell's codes each read as what the workbook's key says (``BWK 9: D`` with
    ``D = diskal`` is ``BWK 9: disc``): each code as a word of its own, as written."""
    if not codes:
        return text
    words = sorted((c for c in codes if c.strip() and codes[c]), key=len, reverse=True)
    if not words:
        return text
    pattern = re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, words))})(?!\w)")
    return pattern.sub(lambda m: codes[m[0]], text)


def no_leak_pairs(value: object, col: ColumnSpec) -> Pairs | None:
    """A cell of a column naming where cement leaked that says it leaked nowhere
    (``No``, ``None``, ``no leak``): the session's sites, none, under
    :data:`SESSION_SITES`; ``None`` for any other cell."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        sites = parse_multi_category(value.strip(), col)
    except CellError:
        return None
    return ((SESSION_SITES, "none"),) if sites == "none" else None


def leak_site_pairs(value: object, col: ColumnSpec, codes: dict[str, str]) -> Pairs | None:
    """A cell of a column of leak sites beside the yes/no leakage column: each level it
    names with its sites (``BWK 9: D``, ``LWK 5: V``), or the session's sites under
    :data:`SESSION_SITES` when it names no level (``E``, ``V, P``, ``paravertébrale``);
    codes read by the workbook's key first. ``None`` when it names no site."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = with_codes(value.strip(), codes)
    pairs = leak_level_pairs(text, col)
    if pairs is not None:
        return pairs if all(sites for _, sites in pairs) else None
    try:
        sites = parse_multi_category(text, col)
    except CellError:
        return None
    if not isinstance(sites, str) or sites == "none":
        return None
    return ((SESSION_SITES, sites),)
