"""Columns of a second session or of a session's n-th vertebra written on the same row
(``Repeat date``, ``2. Eingriff Höhe``, ``Re-VP fecha``, ``Level 2``, ``Vol 2``), and a new
fracture's level and date columns beside a treated level's."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from functools import cache, lru_cache

from analysis.load.header_columns import HeaderColumn
from analysis.normalize import Target, match_header
from analysis.normalize.folded import normalize_text
from analysis.normalize.headers import (
    LEAK_LEVEL,
    header_candidates,
    header_text,
)
from analysis.normalize.timepoints import segment, timepoint_of
from analysis.spec import load_spec

# Procedure fields that a sheet may repeat per vertebra ("Level 1", "Volume 1", "Level 2" ...).
_SLOT_FIELDS = frozenset(
    {
        "procedures.level",
        "procedures.cement_volume_ml",
        "procedures.cement_type",
        "procedures.leakage",
        "procedures.technique",
        "procedures.approach",
        "procedures.cleft",
    }
)


_SLOT = re.compile(
    r"^(?P<rest>.+?)\s*(?:#|no\s*)?\(?(?P<n>[1-9])\)?$|^(?P<n2>[1-9])(?:st|nd|rd|th)?\s+(?P<rest2>.+)$"
)


# a vertebra lettered in brackets ("Level (a)", "Cement (b) ml", "Leak (b)"): its slot
_LETTER_SLOT = re.compile(r"\(\s*([abAB])\s*\)")


@cache
def _second_session_words() -> tuple[tuple[str, ...], tuple[str, ...], frozenset[str]]:
    vocab = load_spec().vocabulary
    words = sorted({segment(w) for w in vocab.second_session_words}, key=len, reverse=True)
    prefixes = sorted(vocab.second_session_prefixes, key=len, reverse=True)
    return (
        tuple(words),
        tuple(prefixes),
        frozenset(segment(w) for w in vocab.second_session_context),
    )


@lru_cache(maxsize=1 << 16)  # each distinct header read once
def _after_second_session(text: str) -> str:
    """What a header says after the words that put it in a second session (``Repeat``,
    ``2. Eingriff``, ``Re-VP``, ``再手術``), without words that only say "procedure";
    ``""`` when it names no second session."""
    words, prefixes, context = _second_session_words()
    seg = segment(re.sub(r"\b(ml|mls|cc|cm3)\b", " ", header_text(text)))
    rest = ""
    tokens = seg.split()
    numbered = False  # the second procedure named by its number and a word for it
    for k in range(len(tokens) - 1):
        # the number's ordinal ending after it ("EVA 2.º proc.": folded "2 o proc")
        n = 2 if k + 2 < len(tokens) and _ordinal_ending(tokens[k + 1], context) else 1
        if tokens[k] in ("2", "ii", "2nd") and tokens[k + n] in context and len(tokens) > n + 1:
            # "2. İŞLEM Tarih", "Data 2° intervento", "Livelli 2° int.": a numbered procedure
            rest_words = [*tokens[:k], *tokens[k + n + 1 :]]
            seg = "second " + " ".join(rest_words)
            numbered = True
            break
        if k == 0 and tokens[0] in context and tokens[1] in ("2", "ii") and len(tokens) > 2:
            # "Procedure 2 – date", "Intervenția 2 – nivel": a header opening with a
            # procedure numbered after its word (never "post op 2 weeks" further in)
            seg = "second " + " ".join(tokens[2:])
            break
        if _numbered_further_in(tokens, k, context):
            # "VAS after Proc. 2 Pre-op": the second procedure named inside the header,
            # its words before it ("after") the time point's; an ordinal's ending after
            # the number ("VAS pre-op (2nd)": "op 2 nd") is no word of the field; a time
            # point after it is ("VAS (session 2) pre", "VAS Sesi 2 Pra")
            last = tokens[k + 2] if k + 3 == len(tokens) else ""
            skip = (
                3 if last and _ordinal_ending(last, context) and timepoint_of(last) is None else 2
            )
            seg = "second " + " ".join([*tokens[:k], *tokens[k + skip :]])
            break
    for w in words:
        if seg.startswith(w + " "):
            rest = seg[len(w) + 1 :]
            break
        if seg.endswith(" " + w):  # "ВАШ до 2-го": VAS before the second
            rest = seg[: -len(w) - 1]
            break
    else:
        raw = str(text).strip()
        for p in prefixes:
            if raw.startswith(p) and len(raw) > len(p):
                rest = segment(raw[len(p) :])
                break
    # "II protseduur (korduv) Kuupäev", "2nd procedure (repeat) date": the session named
    # twice, by its number and by a word for a repeat; the second naming is no field either
    again = {w for w in words if " " not in w}
    left = [w for w in _without_phrases(rest, words).split() if w not in again]
    if numbered and len(left) == 1 and left[0] in context:
        # "2e intervention Geste": the numbered procedure named, a word for the procedure
        # after it is the field (the French "geste", what was done: the technique)
        return left[0]
    kept = _field_words(left, context)
    after = _after_words()
    while kept and kept[0] in after:  # "2차 시술 후 VAS 술전": the VAS after the 2nd
        kept = kept[1:]
    return " ".join(kept) if kept else ""


def _field_words(left: list[str], context: frozenset[str]) -> list[str]:
    """The words of a second session's header that name its field: without the words for
    a procedure, unless the field's own name holds one after its first word and is read
    only with it (``2e intervention Date de l'intervention``: the date of the operation)."""
    kept = [w for w in left if w not in context]
    if kept == left or not kept or match_header(" ".join(kept)) is not None:
        return kept
    lead = 0
    while lead < len(left) and left[lead] in context:
        lead += 1
    own = left[lead:]
    return own if own and match_header(" ".join(own)) is not None else kept


def point_after_second_session(group: str) -> str | None:
    """The words of a group naming a time point after the second session (``1 mes post
    2da``, ``3 months after 2nd``): the time point's words (``1 mes post``, read as 1
    month), or ``None`` when the group names no second session or its other words no
    time point."""
    rest = _after_second_session(group) if group else ""
    return rest if rest and timepoint_of(rest) is not None else None


def _without_phrases(rest: str, words: tuple[str, ...]) -> str:
    """``rest`` without the second session's words of two or more opening it (``re do``
    of ``2nd procedure (re-do) date``: the session named again, no part of the field)."""
    phrases = [w for w in words if " " in w]
    named = True
    while named:
        named = False
        for w in phrases:
            if rest == w or rest.startswith(w + " "):
                rest, named = rest[len(w) :].strip(), True
                break
    return rest


@cache
def _after_words() -> frozenset[str]:
    return frozenset(segment(w) for w in load_spec().vocabulary.second_session_after)


def _numbered_further_in(tokens: list[str], k: int, context: frozenset[str]) -> bool:
    """Whether a procedure's word further in a header is numbered 2 (``VAS after Proc. 2
    1 month``), the number no interval's (``post op 2 weeks``) and the header going on."""
    return (
        k > 0
        and tokens[k] in context
        and tokens[k + 1] in ("2", "ii")
        and len(tokens) > k + 2
        and timepoint_of(" ".join(tokens[k + 1 : k + 3])) is None
    )


def _ordinal_ending(word: str, context: frozenset[str]) -> bool:
    """Whether a word after a number is its ordinal ending (``2 nd``, ``2 o`` of ``2.º``, up
    to three letters, a letter's combining signs among them: Bengali ``২য়``), not a word
    saying "procedure" (as :func:`session_of` reads it)."""
    letters = [c for c in word if not unicodedata.category(c).startswith("M")]
    return len(word) <= 3 and bool(letters) and "".join(letters).isalpha() and word not in context


def names_second_session_only(text: str) -> bool:
    """A header naming a second session and nothing of it (``2nd sitting``, ``Repeat
    procedure``): a cell writing out the whole session, no one field of it."""
    words, _, context = _second_session_words()
    seg = re.sub(r"\b(?:2\s*nd|ii|2)\b", "second", segment(header_text(text)))
    tokens = seg.split()
    said = {w for w in words if " " not in w}
    return (
        len(tokens) >= 2
        and match_header(text) is None
        and _slot_target(text, {}) is None  # "Procedure 2": the second's technique
        and all(t in said or t in context for t in tokens)
        and any(t in said for t in tokens)
        and any(t in context for t in tokens)
    )


_CHECKBOX = re.compile(r"___\d+$")


def _slot_target(text: str, mapping: dict[str, object]) -> tuple[Target, int, int] | None:
    """``Level 2`` -> (level, slot 2, session 1); ``Repeat level`` -> (level, 0, session 2);
    ``Repeat VAS pre`` -> (pain at pre, 0, session 2)."""
    if _CHECKBOX.search(str(text)):
        return None  # a REDCap checkbox (leak___2): a choice, not a second vertebra
    norm = re.sub(r"\s+", " ", re.sub(r"\b(ml|mls|cc|cm3)\b", " ", header_text(text))).strip()
    ordinal = re.match(r"^(?:2nd|second)\s+(?P<rest>.+)$", norm)
    vertebra = match_header(ordinal["rest"], mapping) if ordinal else None
    if vertebra is not None and vertebra.label in _SLOT_FIELDS - {"procedures.technique"}:
        return vertebra, 2, 1  # "2nd level", "second volume": the session's second vertebra
    rest = _after_second_session(text)
    if rest:
        return (
            _second_session(rest, mapping)
            or _second_session(_raw_tail(text, rest), mapping)
            or _without_remark(text, mapping)
        )
    first = _after_first_session(text)
    found_first = _second_session(first, mapping) if first else None
    if found_first is not None:
        return found_first[0], found_first[1], 1
    m = _SLOT.match(norm)
    if not m:
        return lettered_slot(text, mapping)
    rest, n = (m["rest"], m["n"]) if m["rest"] else (m["rest2"], m["n2"])
    found = match_header(rest, mapping) or _slot_field(rest)
    if found == LEAK_LEVEL:  # "Leakage level 2": the second vertebra's leakage
        found = Target("column", "procedures", "leakage")
    if found is None or found.label not in _SLOT_FIELDS:
        return None
    return found, int(n), 1


def _after_first_session(text: str) -> str:
    """What a header says after a procedure's word numbered 1 opening it (``Op1_VAS_Avan``,
    ``Procedure 1 – date``: the first session's pain before, its date), as ``Op2_…`` names
    the second's; ``""`` when it opens otherwise."""
    _, _, context = _second_session_words()
    tokens = segment(re.sub(r"\b(ml|mls|cc|cm3)\b", " ", header_text(text))).split()
    if len(tokens) > 2 and tokens[0] in context and tokens[1] == "1":
        return " ".join(tokens[2:])
    return ""


def _without_remark(text: str, mapping: dict[str, object]) -> tuple[Target, int, int] | None:
    """A second session's field read without a remark in brackets beside the session's
    name (``MỔ LẦN 2 (nếu có) Ngày mổ``: the second operation, if any, its date); under
    it a measure named alone (``VAS``) is the second session's, its cells to say when."""
    plain = _BRACKETS.sub(" ", str(text))
    rest = _after_second_session(plain) if plain != str(text) else ""
    if not rest:
        return None
    measure = match_header(rest, mapping)
    if measure is not None and measure.kind == "measure" and measure.timepoint is None:
        return measure, 0, 2
    return _second_session(rest, mapping)


def lettered_slot(text: str, mapping: dict[str, object]) -> tuple[Target, int, int] | None:
    """``Level (a)``, ``Cement (b) ml``, ``Leak (b)``: a per-vertebra field whose vertebrae
    are lettered in brackets, (a) the session's first, (b) its second; ``None`` for any
    other header (a letter in brackets after another field is a code's legend)."""
    lettered = _LETTER_SLOT.search(str(text))
    if lettered is None:
        return None
    rest = header_text(str(text)[: lettered.start()] + " " + str(text)[lettered.end() :])
    rest = re.sub(r"\s+", " ", re.sub(r"\b(ml|mls|cc|cm3)\b", " ", rest)).strip()
    found = match_header(rest, mapping) if rest else None
    if found == LEAK_LEVEL:
        found = Target("column", "procedures", "leakage")
    if found is None or found.label not in _SLOT_FIELDS - {"procedures.technique"}:
        return None
    return found, "ab".index(lettered[1].lower()) + 1, 1


def _raw_tail(text: str, rest: str) -> str:
    """The end of a header as written whose words are ``rest`` (``Ημ/νία`` of ``2η
    επέμβαση Ημ/νία``, read apart as ``ημ νια``): a field whose name holds a slash or a
    dot is known as written, not in pieces; ``""`` when no end reads so."""
    tokens = str(text).split()
    for k in range(1, len(tokens)):
        tail = " ".join(tokens[k:])
        if segment(header_text(tail)) == rest:
            return tail
    return ""


def group_slot(group: str, mapping: dict[str, object]) -> int:
    """The vertebra a group header numbers (``Level 2`` over ``Level``, ``Volume`` and
    ``Leakage``: the session's second vertebra), or 0 when it numbers none."""
    if not group:
        return 0
    m = _SLOT.match(re.sub(r"\s+", " ", header_text(group)).strip())
    if not m:
        return 0
    rest, n = (m["rest"], m["n"]) if m["rest"] else (m["rest2"], m["n2"])
    named = match_header(rest, mapping)
    return int(n) if named is not None and named.label == "procedures.level" else 0


def is_slot_field(target: Target) -> bool:
    """Whether a field is one of a vertebra's (level, volume, cement, leakage ...)."""
    return target.label in _SLOT_FIELDS


def _date_field(rest: str) -> Target | None:
    """The procedure date a header names in part (``Datum`` after ``2. Eingriff``)."""
    ranked = header_candidates(rest)
    if ranked and ranked[0][1] >= 0.5 and ranked[0][0].label == "date:procedure_date":
        return ranked[0][0]
    return None


def _slot_field(rest: str) -> Target | None:
    """The per-vertebra field a numbered header names in part (``Volume niv. 1``)."""
    ranked = header_candidates(rest)
    if ranked and ranked[0][1] >= 0.5 and ranked[0][0].label in _SLOT_FIELDS:
        return ranked[0][0]
    return None


# A session's own fields beside its vertebrae's: its date and its cement as one total
_SESSION_FIELDS = frozenset({"date:procedure_date", "procedures.session_cement_volume_ml"})


def _second_session(rest: str, mapping: dict[str, object]) -> tuple[Target, int, int] | None:
    inner = _slot_target(rest, mapping)
    if inner is None:
        plain = match_header(rest, mapping) or _slot_field(rest) or _date_field(rest)
        inner = None if plain is None else (plain, 0, 1)
    if inner is None:
        return None
    target, slot, _ = inner
    per_session = target.label in _SLOT_FIELDS or target.label in _SESSION_FIELDS
    if per_session or (target.kind == "measure" and target.timepoint is not None):
        return target, slot, 2
    return None


_FRACTURE_TWIN = {
    "procedures.level": Target("column", "fractures", "level"),
    "date:procedure_date": Target("date", column="fracture_date"),
}


def _as_fracture(target: Target) -> Target:
    return _FRACTURE_TWIN.get(target.label, target)


@cache
def _fracture_words() -> tuple[str, ...]:
    return tuple(segment(w) for w in load_spec().vocabulary.sheet_roles.get("fractures", ()))


def _names_new_fracture(text: str) -> bool:
    """Whether a group header or a column's header speaks of new fractures (or a remark,
    in clinical shorthand: ``New # L3``, ``fracture_shorthand`` of the vocabulary)."""
    seg = f" {segment(text)} "
    if any((f" {w} " in seg) if w.isascii() else (w in seg) for w in _fracture_words()):
        return True
    written = f" {' '.join(str(text).casefold().split())} "
    return any(f" {w} " in written for w in _fracture_shorthand())


@cache
def _fracture_shorthand() -> tuple[str, ...]:
    return tuple(" ".join(w.casefold().split()) for w in load_spec().vocabulary.fracture_shorthand)


def _fracture_block(columns: list[HeaderColumn]) -> list[HeaderColumn]:
    """A second treated-level or procedure-date column right after a new-fracture
    column (``Nieuwe fractuur``, ``Niveau``, ``Datum``) is the new fracture's; a column
    its whole header names (``date_intervention``) is second only to one named so too,
    never to a column guessed from a word of its header (``date_eval``)."""
    out = list(columns)
    seen: set[str] = set()
    named: set[str] = set()
    last_fracture = -10
    for i, c in enumerate(out):
        t = c.target
        if (t is not None and (t.table == "fractures" or t.label == "date:fracture_date")) or (
            c.header and _names_new_fracture(c.header)
        ):
            last_fracture = i
        if t is None or c.session != 1 or c.slot != 0:
            continue
        whole = c.reason in ("header", "mapping file")
        earlier = named if whole else seen
        if t.label in _FRACTURE_TWIN and t.label in earlier and i - last_fracture <= 2:
            out[i] = replace(
                c, target=_as_fracture(t), reason="header, after a new-fracture column"
            )
            last_fracture = i
            continue
        seen.add(t.label)
        if whole:
            named.add(t.label)
    return out


_UNDER_FRACTURE = "header, under an outer group header naming new fractures"


def outer_fracture_groups(columns: list[HeaderColumn], outer: list[str]) -> list[HeaderColumn]:
    """A treated level's or procedure date's column under an outer group header naming
    new fractures (``KSUR ĠDID`` over ``Data | Livell``, the row between blank) is the new
    fracture's level or date."""
    out = list(columns)
    for i, c in enumerate(out):
        group = outer[c.index - 1] if c.index - 1 < len(outer) else ""
        t = c.target
        if t is None or t.label not in _FRACTURE_TWIN or c.session != 1 or not group:
            continue
        if _names_new_fracture(group) and not _numbered(group):
            out[i] = replace(c, target=_as_fracture(t), reason=_UNDER_FRACTURE)
    return out


_PER_SESSION = _SLOT_FIELDS | {"date:procedure_date"}


def _second_session_block(columns: list[HeaderColumn]) -> list[HeaderColumn]:
    """Columns of a second session's block that do not say so themselves: ``2nd vol``
    beside ``2nd procedure date`` is the second session's volume, not the first
    session's second vertebra; a bare ``Vol`` right after the block's columns, its
    field already read for the first session, belongs to the block."""
    if not any(c.session == 2 for c in columns):
        return columns
    out = list(columns)
    for i, c in enumerate(out):
        if c.target is None or c.target.label not in _PER_SESSION:
            continue
        ordinal = c.slot == 2 and re.match(r"^(?:2nd|second)\b", normalize_text(c.header))
        follows = (
            c.session == 1
            and c.slot == 0
            and i > 0
            and out[i - 1].session == 2
            and any(
                o.session == 1 and o.target is not None and o.target.label == c.target.label
                for o in out[:i]
            )
        )
        if ordinal or follows:
            out[i] = replace(c, slot=0, session=2)
    return out


_SECOND_SHEET = "; the row's only procedure date is the second session's: so is the row"


def second_session_rows(columns: list[HeaderColumn]) -> list[HeaderColumn]:
    """A sheet of repeat sessions, one a row (``Ngày CT lần 2``, ``2nd procedure date``
    its only procedure date, no other column said to be a second session's): the row's
    vertebrae, cement and outcomes are the second session's, as its date is (the first
    session's are on another sheet). A sheet holding no treated level is left as it is;
    so is one whose other procedure fields say they are the second session's (the first
    session's are then on the row too). Scores and visit dates said to follow the second
    session (``1 mes post 2da``) are its own already and leave it read so."""
    read = [c for c in columns if c.target is not None]
    dates = [c for c in read if c.target is not None and c.target.label == "date:procedure_date"]
    if not dates or any(c.session != 2 for c in dates):
        return columns
    if any(c.session == 2 and not _visit_field(c) for c in read if c not in dates):
        return columns
    if not any(c.target is not None and c.target.label == "procedures.level" for c in read):
        return columns
    out = []
    for c in columns:
        t = c.target
        moves = t is not None and (
            t.label in _SLOT_FIELDS
            or t.label == "procedures.session_cement_volume_ml"
            or (t.kind == "measure" and t.timepoint is not None)
        )
        out.append(replace(c, session=2, reason=c.reason + _SECOND_SHEET) if moves else c)
    return out


def _visit_field(column: HeaderColumn) -> bool:
    """Whether a column holds a visit's score or date (no field of the procedure)."""
    t = column.target
    return t is not None and (
        t.kind == "measure" or (t.kind == "date" and t.column == "visit_date")
    )


def repeat_session_visits(
    columns: list[HeaderColumn], title: str | None, named_by: str = "the table's title"
) -> list[HeaderColumn]:
    """A visit table (its scores' time point the one its title names, no treated level)
    under a title naming repeat sessions (``2e geste – S6 (6 semaines après le 2e
    geste)``): its scores are the second session's."""
    if title is None or not names_repeat_sessions(title):
        return columns
    read = [c for c in columns if c.target is not None]
    if any(c.session != 1 for c in read) or any(
        c.target is not None and c.target.label == "procedures.level" for c in read
    ):
        return columns
    said = f"; {named_by} names repeat sessions: these are the second session's visits"
    return [
        replace(c, session=2, reason=c.reason + said)
        if c.target is not None and c.target.kind == "measure" and c.target.timepoint is None
        else c
        for c in columns
    ]


def repeat_sessions_table(
    columns: list[HeaderColumn], title: str | None, named_by: str = "the table's title"
) -> list[HeaderColumn]:
    """A second table on a sheet under a title naming repeat sessions ("Repeat procedures
    (hokinga mai)", "Reinterventions", "2. Eingriffe"), its columns those of the index
    sessions above it, or a sheet so named ("2ème intervention") beside the index
    sessions' sheet: each row is a repeat session, its date the second session's (so its
    order is checked against the patient's index session), its vertebrae, cement and
    outcomes with it (:func:`second_session_rows`). A table holding no treated level, or
    already naming a second session's columns, is left as it is."""
    if title is None or not names_repeat_sessions(title):
        return columns
    read = [c for c in columns if c.target is not None]
    if any(c.session != 1 for c in read):
        return columns
    moved = [
        replace(
            c, session=2, reason=f"{c.reason}; {named_by} names repeat sessions: so is each row"
        )
        if c.target is not None and c.target.label == "date:procedure_date"
        else c
        for c in columns
    ]
    return second_session_rows(moved) if moved != columns else columns


def names_repeat_sessions(title: str) -> bool:
    """Whether a title opens with a word putting what follows in a second session
    (``second_session.words``, ``prefixes``) followed by a word saying only "procedure"
    (``Repeat procedures``, ``Second interventions``), or is such a word alone."""
    words, prefixes, context = _second_session_words()
    seg = segment(_BRACKETS.sub(" ", header_text(title)))
    for w in words:
        if seg == w or (seg.startswith(w + " ") and seg[len(w) + 1 :].split()[0] in context):
            return True
    raw = title.strip()
    return any(raw.startswith(p) for p in prefixes)


# a group header numbering a session: "Seanca 2 (rindërhyrje)", "Sesión 1", "2. Sitzung",
# "II Intervention" (a Roman numeral, as a first word or a last, counts as its number),
# "Qalliinka 2aad" (an ordinal's Latin letters after its digit, last; never "第1椎体", the
# first vertebra)
_ROMAN = {"i": "1", "ii": "2"}
_NUMBERED_GROUP = re.compile(
    r"^(?P<stem>[^\d]*[^\W\d][^\d]*?)\s*(?:no|nr|#)?\s*(?P<n>[12])(?P<ord>[a-z]{1,3})?$|^(?P<n2>[12])(?:[^\W\d]{1,3}\s+|\s*)(?P<stem2>[^\d]*[^\W\d][^\d]*)$"
)
_IN_TWO_LANGUAGES = re.compile(r"\s+/\s+")
_BRACKETS = re.compile(r"[(\[（][^)\]）]*[)\]）]")
_UNDER_SECOND = "header, under a group header numbering the second session beside the first's"
# fields only a session has, one of which each numbered block must hold
_SESSION_MARKS = frozenset({"procedures.level", "procedures.technique"})


def _numbered(group: str) -> tuple[str, int] | None:
    """A group header's word and number (``Seanca 2 (rindërhyrje)`` -> ``("seanca", 2)``;
    an ordinal's letters after its digit, ``2yèm seyans`` -> ``("seyans", 2)``, or after a
    last digit, ``Qalliinka 2aad`` -> ``("qalliinka", 2)``, not a time point; a Roman
    numeral first or last, ``II Intervention``); of a group written in two languages apart
    by a spaced slash (``2yèm seyans / 2e séance``), its first part's."""
    # the parts first: "Intervenția II / Вмешательство II" numbers its session in each
    parts = _IN_TWO_LANGUAGES.split(group)
    for part in (*parts, group) if len(parts) > 1 else (group,):
        words = re.sub(r"[.:]", " ", normalize_text(_BRACKETS.sub(" ", part))).split()
        if len(words) > 1 and (words[0] in _ROMAN or words[-1] in _ROMAN):
            end = 0 if words[0] in _ROMAN else -1
            words[end] = _ROMAN[words[end]]
        m = _NUMBERED_GROUP.match(" ".join(words))
        if m is not None and m["ord"] and timepoint_of(part) is not None:
            continue  # "FU 1m", "Visit 2w": a visit's time point, not a numbered session
        if m is not None:
            stem, n = (m["stem"], m["n"]) if m["stem"] else (m["stem2"], m["n2"])
            return stem.strip(), int(n)
    return None


def glossed_second_session(
    group: str, sub: str, mapping: dict[str, object]
) -> tuple[Target, int, int] | None:
    """A sub-header under a group written in two languages apart by a spaced slash, one
    part of which names a second session (``Qalliinka 2aad / Second procedure`` over
    ``Heerka`` or ``VAS kahor``): the field the sub-header names, of the second session, as
    under that part alone (:func:`_slot_target`); ``None`` when no part names one.

    A group glossed in brackets after its own language's words (``Tafa hono ua (2nd
    operation)``) is read so too, its gloss a part; a sub-header there ending in the
    session's number 2 (``Level 2``, ``Sima 2 (ml)``, ``'Aho tafa 2``) is that session's
    field named without it, when so it names one (``Mamahi uike 2``, pain at 2 weeks,
    does not: the 2 is its time point's)."""
    parts = [p.strip() for p in _IN_TWO_LANGUAGES.split(group) if p.strip()]
    glossed = _BRACKET_GLOSS.match(group) if len(parts) < 2 else None
    if glossed is not None:
        parts = [glossed["own"].strip(), glossed["gloss"].strip()]
    if len(parts) < 2 or not sub:
        return None
    unnumbered = _session_number_aside(sub) if glossed is not None else sub
    for part in parts:
        for text in dict.fromkeys((unnumbered, sub)):
            found = _slot_target(f"{part} {text}", mapping)
            if found is not None and found[2] == 2:
                return found
    return None


def _session_number_aside(sub: str) -> str:
    """A sub-header without the session's number 2 closing it (``Level 2`` -> ``Level``);
    as written when the 2 counts its time point's unit (``Mamahi uike 2``: 2 weeks)."""
    unnumbered = _SESSION_NUMBER_LAST.sub("", sub)
    words = segment(header_text(sub)).split()
    point = len(words) > 1 and timepoint_of(" ".join(words[-2:])) is not None
    return sub if point or not unnumbered.strip() else unnumbered


# a group's own words, then their gloss in brackets closing it: "Tafa hono ua (2nd operation)"
_BRACKET_GLOSS = re.compile(r"^(?P<own>[^()\[\]]*\S)\s*[(\[（](?P<gloss>[^)\]）]+)[)\]）]\s*$")
# the session's number closing a sub-header, before a unit in brackets: "Sima 2 (ml)"
_SESSION_NUMBER_LAST = re.compile(r"\s+2(?=\s*(?:[(\[（][^)\]）]*[)\]）])?\s*$)")


_SESSION_NUMBER = re.compile(r"^\s*(?:2|ii)\s*[.)]?\s+", re.IGNORECASE)


def under_second_section(
    group: str, sub: str, mapping: dict[str, object]
) -> tuple[Target, int, int] | None:
    """A field under a section naming the second session and nothing else (``2. AMELİYAT
    (yeni kırık nedeniyle)`` over ``2. işlem``, ``2. çimento toplam (ml)``, ``2. VAS
    preop``; a reason in brackets aside): the second session's, when the sub-header, its
    session number aside, names a session's field (date, technique, level, volume,
    cement, leakage, an outcome at a time point; ``İşlem``, the procedure done, is its
    technique); a sub-header naming only the session (``2. ameliyat``, whether there was
    one) is none of its fields."""
    if not sub or not names_second_session_only(_BRACKETS.sub(" ", group).strip()):
        return None
    own = _SESSION_NUMBER.sub("", sub)
    if match_header(own, mapping) is None and names_second_session_only(sub):
        return None
    return _second_session(own, mapping)


def numbered_session_blocks(
    columns: list[HeaderColumn], group: list[str], mapping: dict[str, object]
) -> list[HeaderColumn]:
    """Columns under a group header that numbers the second session beside one that
    numbers the first with the same word, in any language (``Seanca 1`` over the first
    procedure's columns, ``Seanca 2 (rindërhyrje)`` over the second's): each column of the
    second block whose own header names a session's field (date, technique, level,
    volume, cement, leakage, an outcome at a time point) is the second session's. The
    word names no field of a vertebra (``Level 2`` numbers a vertebra), and each block
    holds a treated level or a technique (a visit's block holds neither)."""
    numbered = [_numbered(g) if g else None for g in group]
    stems = {n[0] for n in numbered if n is not None and n[1] == 1} & {
        n[0] for n in numbered if n is not None and n[1] == 2
    }
    out = list(columns)
    for stem in stems:
        named = match_header(stem, mapping)
        says_procedure = segment(stem) in _second_session_words()[2]  # "Proċedura 2"
        if named is not None and is_slot_field(named) and not says_procedure:
            continue
        blocks = {
            n: [c for c, g in zip(columns, numbered, strict=False) if g == (stem, n)]
            for n in (1, 2)
        }
        if not all(
            any(c.target is not None and c.target.label in _SESSION_MARKS for c in block)
            for block in blocks.values()
        ):
            continue
        for c in blocks[2]:
            if c.session == 2 or c.target is None:
                continue
            found = _second_session(c.header.removeprefix(group[c.index - 1]).strip(), mapping)
            if found is not None:
                out[c.index - 1] = replace(
                    c, target=found[0], slot=found[1], session=2, reason=_UNDER_SECOND
                )
    return out
