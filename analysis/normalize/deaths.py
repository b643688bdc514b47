"""A patient's death named in words (``deceased``, ``died (Sep 2023)``, ``Expired on
15/05/2022``), alive said in words (``Alive``), and a remark naming a death with its date.

Read by the words of the vocabulary: the markers of a visit not done because the patient
had died (``not_assessed``), the spellings of the ``died`` column."""

from __future__ import annotations

import re
from datetime import date

from analysis.normalize.cells import (
    CellError,
    before_date,
    is_missing,
    not_assessed,
    one_language,
    parse_boolean,
    parse_cell,
)
from analysis.normalize.dates import date_inside, is_date_text, words_before_date
from analysis.spec import load_spec


def names_death(value: object) -> bool:
    """A cell naming a death in words (``deceased``, ``died (Sep 2023)``, ``Απεβίωσε
    29/11/2022``, ``Expired on 15/05/2022``), not a plain yes."""
    if not isinstance(value, str) or is_missing(value):
        return False
    bare = re.sub(r"[(\[（].*?[)\]）]", " ", value).strip()
    undated = _without_end_date(re.sub(r"\s+\d[\d./-]*\d$", "", value.strip()))
    noted = before_date(bare)  # "ނިޔާވެއްޖެ (Expired) 17/09/2023": a translation, a date
    both = one_language(undated)  # "Deceased / متوفى 16/01/2023": in two languages, a date
    # "Died 15-May-22 – anamwalira (per relatives)": the word and its date before a detail
    detailed = before_date(_DETAIL_DASH.split(bare, maxsplit=1)[0].strip())
    if any(not_assessed(v) for v in (value, bare, before_date(value), undated, noted, both, detailed)):  # fmt: skip
        return True
    # "Expired on 15/05/2022", "verstorben am 03.04.2020", "Tử vong ngày 01/12/2022": the
    # word (or words) for the death, a word for "on", the date (its order told elsewhere)
    words = undated.split()
    if (
        len(words) >= 2
        and not_assessed(" ".join(words[:-1]))
        and (undated != value.strip() or date_inside(value) is not None)
    ):
        return True
    if _names_death_in_line(value):
        return True
    # "เสียชีวิต 9 ม.ค. 65": the word for the death before a date of several words
    lead = words_before_date(value)
    if lead and not_assessed(lead):
        return True
    # "Deceased 2020-07-19 / ᑐᖁᓚᐅᖅᑐᖅ / décédé": one remark in several languages, a
    # spaced slash between them, one of which names the death
    parts = _LANGUAGES.split(value)
    if len(parts) > 1 and any(names_death(p) for p in parts):
        return True
    # "术中活检；2022年9月19日死亡": remarks one after another apart by a semicolon, one of
    # which names the death
    remarks = [r for r in _REMARKS.split(value) if r.strip()]
    return len(remarks) > 1 and any(names_death(r) for r in remarks)


_LANGUAGES = re.compile(r"\s+/\s+")
_REMARKS = re.compile(r"\s*[;；]\s*")
# a date of Chinese or Japanese characters ending in its day's 日, the next word glued to
# it ("2022年2月3日死亡": the date, then "died")
_CJK_DAY_GLUED = re.compile(r"(\d{1,2}\s*日)(?=[^\s\d\W])")


def _without_end_date(text: str) -> str:
    """A text without the date it ends with when that date carries its calendar's mark
    (``متوفى Deceased 1445/07/07 هـ``)."""
    words = text.split()
    if len(words) > 2 and is_date_text(" ".join(words[-2:])) and not is_date_text(words[-1]):
        return " ".join(words[:-2])
    return text


_DETAIL_DASH = re.compile(r"\s+[-\u2013\u2014]\s+")  # a spaced dash before a detail
_LABEL = re.compile(r"^([^\d:：]{1,40})[:：]\s*(?=\S)")


def _names_death_in_line(value: str) -> bool:
    """A line of notes naming the death after a label (``Κατάσταση: Απεβίωσε στις
    20/08/2021 (λοίμωξη).``: status: died on …) or after its date (``令和5年1月19日
    死亡（肺炎）``, ``2021/10/07 死亡 འདས་གྲོངས།``: the word and its translation): the label, remarks in brackets, the end's full stop and the date at
    either end set aside, the words left name the death (alone, or with a word for "on")."""
    text = re.sub(r"[(\[（].*?[)\]）]", " ", value)
    text = _CJK_DAY_GLUED.sub(r"\1 ", text)
    text = _LABEL.sub("", text.strip()).strip(" .。;；,")
    words = text.split()
    led = len(words) > 1 and is_date_text(words[0])
    if led:
        words = words[1:]
    dated = len(words) > 1 and is_date_text(words[-1])
    if dated:
        words = words[:-1]
    dated = dated or led  # "2021/10/07 死亡 འདས་གྲོངས།": dated first, the word in two languages
    if not words or (len(words) == 2 and not dated):
        return False
    # "Ndërroi jetë më 14.08.2022": the words for the death (one or more), a word for "on";
    # "14.07.2021 tarihinde ex oldu": the date, a word for "on", the words for the death
    return (
        not_assessed(" ".join(words))
        or (len(words) >= 2 and dated and not_assessed(" ".join(words[:-1])))
        or (len(words) >= 2 and led and not_assessed(" ".join(words[1:])))
    )


def says_alive(value: object) -> bool:
    """A cell saying in words that the patient lives (``Alive``, ``জীবিত``)."""
    if not isinstance(value, str) or is_missing(value):
        return False
    try:
        return parse_cell(value, load_spec().column("patients", "died")) is False
    except CellError:
        return False


def plain_yes(value: object) -> bool:
    """A yes that names no death (``yes``, ``1``): a flag of anything, not a vital status."""
    try:
        return parse_boolean(value) and not names_death(value)
    except CellError:
        return False


def death_in_remark(
    value: object, order: str | None = None, calendar: str | None = None
) -> date | None:
    """The date of death a remark gives beside words naming the death (``Expired on
    15/05/2022``, ``verstorben 03.04.2020``); ``None`` when it names no death or no date."""
    if not names_death(value):
        return None
    return date_inside(value, order, calendar)
