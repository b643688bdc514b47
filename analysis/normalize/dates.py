"""Dates from Excel serials, ISO text and free text, decided per column.

Day/month order is inferred only when the column itself proves it (a first part above
12 means day-first, a second part above 12 means month-first, dots as separators mean
day-first); otherwise the user must declare it. Dates are turned into day offsets later and never reach the tidy tables.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from functools import cache

from analysis.levels import arabic_levels, latin_twin_levels
from analysis.normalize.cells import CellError, fold_width, is_missing, is_no, roman_numeral
from analysis.normalize.folded import normalize_text
from analysis.normalize.level_ordinals import ordinal_levels
from analysis.spec import load_spec

EXCEL_EPOCH = date(1899, 12, 30)
_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$")
_NUMERIC = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})(?:\s.*)?$")
_TEXT_FORMATS = ("%d %b %Y", "%d %B %Y", "%b %d %Y", "%B %d %Y", "%d-%b-%Y", "%d-%b-%y", "%d %b %y")


# Japanese eras (first Gregorian year) by name and by initial: H31.4.2 is 2019-04-02.
_ERA_START = {"明治": 1868, "大正": 1912, "昭和": 1926, "平成": 1989, "令和": 2019}
_ERA_INITIAL = {"m": 1868, "t": 1912, "s": 1926, "h": 1989, "r": 2019}
# kanji numerals in a date of words (令和三年四月十二日, 平成三十年十月二日, 二〇二一年三月十二日)
_KANJI_DIGITS = {ch: n for n, ch in enumerate("〇一二三四五六七八九")} | {"零": 0}
_KANJI = "[〇零一二三四五六七八九十]"
_ERA = re.compile(
    r"(?P<era>明治|大正|昭和|平成|令和|\b[MTSHRmtshr])\s*(?P<y>\d{1,2}|元)\s*[./\-年]\s*"
    r"(?P<m>\d{1,2})\s*[./\-月]\s*(?P<d>\d{1,2})\s*日?"
    # the same in kanji numerals, each part closed by its word
    rf"|(?P<kera>明治|大正|昭和|平成|令和)\s*(?P<ky>{_KANJI}{{1,3}}|元)\s*年\s*"
    rf"(?P<km>{_KANJI}{{1,3}})\s*月\s*(?P<kd>{_KANJI}{{1,3}})\s*日"
)
# the Republic of China's era name, in traditional and simplified characters
_ROC_ERA = r"(?:民國|民国)"
# yyyy年m月d日 (Chinese, Japanese), yyyy년 m월 d일 (Korean), 民國110年4月12日 (Taiwan)
_CJK = re.compile(
    r"(?P<roc>"
    + _ROC_ERA
    + r")?\s*(?P<y>\d{2,4})\s*[年년]\s*(?P<m>\d{1,2})\s*[月월]\s*(?P<d>\d{1,2})\s*[日일]?"
    rf"|(?P<kroc>{_ROC_ERA})?\s*(?P<ky>{_KANJI}{{2,4}})\s*年\s*(?P<km>{_KANJI}{{1,3}})\s*月"
    rf"\s*(?P<kd>{_KANJI}{{1,3}})\s*日"
)
# 110/04/12: a three-digit year is a year of the Republic of China (Minguo) calendar
_ROC = re.compile(r"^(?P<y>\d{3})[/.\-](?P<m>\d{1,2})[/.\-](?P<d>\d{1,2})$")
_ROC_START = 1911
# 民國9年3月15日: a Minguo year of one digit, only after its era's name
_ROC_ONE_DIGIT = re.compile(
    _ROC_ERA + r"\s*(?P<y>\d)\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日?"
)
# a date inside other text ("tel. 11.02.2021", "OP am 3.4.2020 (Dr. X)")
_INSIDE = re.compile(
    r"(?<!\d)(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})"
    # a Minguo date ("111/08/25 發現 L3 新骨折"): a year of three digits, 1 to 149
    r"|(?:0\d\d|1[0-4]\d)/\d{1,2}/\d{1,2}"
    # a month in Roman numerals ("8 VIII 2020", "17.XII.2022"), before a month's name
    r"|\d{1,2}\s?[.\s]\s?(?:XI{0,2}|IX|IV|VI{0,3}|I{1,3})\s?[.\s]\s?\d{4}"
    # a month by its name ("20-Jun-2023", "3 Mar 2022", and with hyphens a year of two
    # digits as Excel's d-mmm-yy writes it: "28-dic-21", or with slashes as typed by
    # hand: "24/nov/21"); the parse checks the name
    r"|\d{1,2}[- ][^\W\d_]{3,10}\.?[- ]\d{4}|\d{1,2}-[^\W\d_]{3,10}\.?-\d{2}"
    r"|\d{1,2}/[^\W\d_]{3,10}\.?/(?:\d{4}|\d{2}))(?!\d)"
)


# a date with its month in Roman numerals, day first ("12 III 2021", "2.IV.2021"), as
# Polish, Czech, Hungarian and Romanian hands write it; capitals only, so that no word
# ("i", "v") is read as a month
_ROMAN_MONTH = re.compile(
    r"(?P<d>\d{1,2})\s?[.\s]\s?(?P<m>XI{0,2}|IX|IV|VI{0,3}|I{1,3})\s?[.\s]\s?(?P<y>\d{4}|\d{2})\.?"
)


def _roman_month(text: str) -> date | None:
    """A date whose month is a Roman numeral (``12 III 2021``: 12 March 2021), or
    ``None`` when the text is no such date."""
    m = _ROMAN_MONTH.fullmatch(text)
    if m is None:
        return None
    month = roman_numeral(m["m"])
    return None if month is None else _make(_year(m["y"]), month, int(m["d"]))


class DateInText(date):
    """A date read from inside a longer text: kept, with a warning naming the text."""


# a year mark after a date ("18.04.2021 г.", "2021 r."): the date itself
_YEAR_MARK = re.compile(r"(?<=\d)\s*(?:г|гг|r|rok|year)\.?$", re.I)


def _folded(text: str) -> str:
    """Full-width digits and signs as ASCII, spaces around date separators removed
    (``2021. 4. 12.`` -> ``2021.4.12``)."""
    text = _YEAR_MARK.sub("", fold_width(text).strip())
    if not re.fullmatch(r"[\d\s./\-]+", text):
        return text
    text = re.sub(r"\s*([./\-])\s*", r"\1", text)
    # a dot closing a dotted date ("2021. 4. 12.", "14.08.2021.") is the date's own
    dotted = r"^(?:\d{4}\.\d{1,2}\.\d{1,2}|\d{1,2}\.\d{1,2}\.\d{4})\.$"
    return text.rstrip(".") if re.match(dotted, text) else text


def _kanji_number(text: str) -> int:
    """A number in kanji numerals: ``十二`` 12, ``三十一`` 31, ``二十`` 20, and digit by
    digit ``二〇二一`` 2021; ``元`` (an era's first year) 1; Arabic digits as they are."""
    if text.isdigit():
        return int(text)
    if text == "元":
        return 1
    if "十" not in text:
        return int("".join(str(_KANJI_DIGITS[ch]) for ch in text))
    tens, _, ones = text.partition("十")
    return 10 * (_KANJI_DIGITS[tens] if tens else 1) + (_KANJI_DIGITS[ones] if ones else 0)


def _era_date(m: re.Match[str]) -> date:
    """The date an era match writes, in Arabic digits or kanji numerals."""
    if m["kera"]:
        y, mo, d = (_kanji_number(m[k]) for k in ("ky", "km", "kd"))
        return _make(_ERA_START[m["kera"]] + y - 1, mo, d)
    era = m["era"]
    start = _ERA_START.get(era) or _ERA_INITIAL[era.lower()]
    year = 1 if m["y"] == "元" else int(m["y"])
    return _make(start + year - 1, int(m["m"]), int(m["d"]))


def _cjk_date(m: re.Match[str]) -> date:
    """The date a ``yyyy年m月d日`` match writes, in Arabic digits or kanji numerals."""
    if m["ky"]:
        y = _kanji_number(m["ky"]) + (_ROC_START if m["kroc"] else 0)
        return _make(y, _kanji_number(m["km"]), _kanji_number(m["kd"]))
    y = int(m["y"])
    if m["roc"] or len(m["y"]) == 3:
        y += _ROC_START
    elif len(m["y"]) == 2:
        y = _year(m["y"])
    return _make(y, int(m["m"]), int(m["d"]))


@cache
def _worded() -> re.Pattern[str]:
    """A date written with the word of each part before its number, day, month, year
    (``ngày 12 tháng 3 năm 2022``), by the vocabulary's ``date_parts`` words of letters;
    the day's word may be left out (``12 tháng 3 năm 2022``)."""
    parts = load_spec().vocabulary.date_parts

    def words(part: str) -> str:
        spelt = [unicodedata.normalize("NFC", w) for w in parts.get(part, ()) if w.isalpha()]
        return "|".join(re.escape(w) for w in sorted(spelt, key=len, reverse=True))

    return re.compile(
        rf"(?<!\w)(?:(?:{words('day')})\s+)?(?P<d>\d{{1,2}})\s+(?:{words('month')})\s+"
        rf"(?P<m>\d{{1,2}})\s*,?\s+(?:{words('year')})\s+(?P<y>\d{{4}})(?!\d)",
        re.IGNORECASE,
    )


def _calendar(text: str) -> date | None:
    """Japanese era, CJK and Minguo dates, dates of words, dates typed without separators
    and those with a month in Roman numerals; ``None`` when the text is none of them."""
    m = _ERA.fullmatch(text)
    if m:
        return _era_date(m)
    m = _CJK.fullmatch(text)
    if m:
        return _cjk_date(m)
    m = _worded().fullmatch(unicodedata.normalize("NFC", text))
    if m:
        return _make(int(m["y"]), int(m["m"]), int(m["d"]))
    m = _ROC.match(text) or _ROC_ONE_DIGIT.fullmatch(text)
    if m:
        return _make(_ROC_START + int(m["y"]), int(m["m"]), int(m["d"]))
    return _compact(text) or _roman_month(text) or _year_first_month_named(text)


# a date written year first, its month in words, then the day, each number with its
# language's suffix or dot: ``2022ko martxoaren 4a`` (Basque: the year's ``-ko``, the
# month in the genitive, the day's ``-a``/``-an``), ``2022. március 4.`` (Hungarian)
_YEAR_MONTH_DAY = re.compile(
    r"^(?P<y>\d{4})(?:\.|-?[^\W\d_]{1,3})?\s+(?P<w>[^\W\d_]+)\.?\s+(?P<d>\d{1,2})(?:\.|-?[^\W\d_]{1,3})?$"
)


def _year_first_month_named(text: str) -> date | None:
    """A date written year, month in words, day (``2022ko martxoaren 4a``), the month
    a word of ``month_names`` in any language listed; ``None`` for any other text."""
    m = _YEAR_MONTH_DAY.match(text.strip())
    month = _months().get(m["w"].lower()) if m else None
    if m is None or month is None:
        return None
    return _make(int(m["y"]), month, int(m["d"]))


def _compact(text: str) -> date | None:
    """``20210412`` (year, month, day) and ``1100412`` (a Minguo year of three digits):
    dates typed without separators; ``None`` for any other run of digits."""
    if not text.isdigit() or len(text) not in (7, 8):
        return None
    y, m, d = (int(text[:4]), int(text[4:6]), int(text[6:])) if len(text) == 8 else (_ROC_START + int(text[:3]), int(text[3:5]), int(text[5:]))  # fmt: skip
    if not (1900 <= y <= 2100 and 1 <= m <= 12 and 1 <= d <= 31):
        return None
    return _make(y, m, d)


def _year(y: str) -> int:
    """A year of four digits as written; a year of two digits in this century unless that
    year is still to come (``22/7/50`` written in 2026 is 1950, a birth date), else in
    the last."""
    if len(y) == 4:
        return int(y)
    yy = int(y)
    return 2000 + yy if 2000 + yy <= date.today().year else 1900 + yy


EARLIEST = date(1900, 1, 1)


def in_range(d: date) -> date | CellError:
    """A date from 1900 up to today, or the error saying why not."""
    if d < EARLIEST:
        return CellError("date_range", "date before 1900; check the year")
    if d > date.today():
        return CellError("date_range", "date in the future; check the year")
    return d


def _excel_serial(x: float) -> date:
    if not 1 <= x < 2958466:
        raise CellError("date", "not a date (number outside the Excel date range)")
    return EXCEL_EPOCH + timedelta(days=int(x))


def _make(y: int, m: int, d: int, lunar: bool = False) -> date:
    """A calendar date; a year of the Solar Hijri (Persian, 1300-1450), Bikram Sambat
    (Nepali, 2050 to its current year) or Buddhist (2400-2700) era is converted, its day
    checked against its own calendar. A Hijri year
    marked lunar (``1441/12/26هـ``) or later than the current Solar Hijri year is a year of
    the (tabular) Islamic lunar calendar."""
    if 1300 <= y <= 1450:
        return _islamic(y, m, d) if lunar or y > _solar_hijri_year() else _persian(y, m, d)
    if _is_bikram_sambat(y):
        return _bikram_sambat(y, m, d)
    if 2400 <= y <= 2700:
        y -= _BUDDHIST_OFFSET
    try:
        return date(y, m, d)
    except ValueError:
        raise CellError("date", "not a valid calendar date") from None


_BUDDHIST_OFFSET = 543  # B.E. 2564 is 2021


def stored_date(d: date) -> date | CellError:
    """A date stored as a date by the spreadsheet: one in a Buddhist-era year (2400-2700,
    a Thai date typed into Excel, which keeps the year as typed: 02/11/2565 stored as
    2565-11-02) is the Gregorian date 543 years earlier; any other as stored."""
    if not 2400 <= d.year <= 2700:
        return d
    try:
        return d.replace(year=d.year - _BUDDHIST_OFFSET)
    except ValueError:  # 29 February of a year that is no leap year 543 years earlier
        return CellError("date", "not a valid calendar date")


def _persian(y: int, m: int, d: int) -> date:
    """A Solar Hijri date: its year's first day (Nowruz, from the vernal equinox, worked
    out once per year: each takes tens of milliseconds), then six months of 31 days, five
    of 30 and Esfand of 29, or 30 in a leap year."""
    start = _nowruz(y)
    esfand = (_nowruz(y + 1) - start).days - 336
    if not (1 <= m <= 12 and 1 <= d <= (31 if m <= 6 else 30 if m <= 11 else esfand)):
        raise CellError("date", "not a valid date of the Solar Hijri (Persian) calendar")
    return start + timedelta(days=31 * min(m - 1, 6) + 30 * max(m - 7, 0) + d - 1)


@cache
def _nowruz(y: int) -> date:
    from convertdate import persian

    return date(*persian.to_gregorian(y, 1, 1))


@cache
def _solar_hijri_year() -> int:
    from convertdate import persian

    return int(persian.from_gregorian(*date.today().timetuple()[:3])[0])


# Bikram Sambat (Nepal's official calendar, 56-57 years ahead of the Gregorian): a year
# from 2050 (1993-94) to the current Bikram Sambat year is of that era; no Gregorian date
# in a record can be so far in the future. Its months have no rule (29 to 32 days, set
# year by year), so the conversion reads the published table (nepali-datetime).
_BIKRAM_SAMBAT_FROM = 2050


def _is_bikram_sambat(y: int) -> bool:
    return _BIKRAM_SAMBAT_FROM <= y <= _bikram_sambat_year()


@cache
def _bikram_sambat_year() -> int:
    import nepali_datetime

    return int(nepali_datetime.date.from_datetime_date(date.today()).year)


def _bikram_sambat(y: int, m: int, d: int) -> date:
    import nepali_datetime

    try:
        return nepali_datetime.date(y, m, d).to_datetime_date()
    except ValueError:
        raise CellError("date", "not a valid date of the Bikram Sambat (Nepali) calendar") from None


def _islamic(y: int, m: int, d: int) -> date:
    """A Hijri date on the Umm al-Qura calendar (Saudi Arabia's civil calendar, the one
    hospital systems print, its months 29 or 30 days as sighted), within the years it is
    tabulated for (1343-1500 AH); outside them, on the tabular Islamic calendar."""
    from convertdate import islamic
    from hijridate import Hijri

    wrong = CellError("date", "not a valid date of the Hijri (Islamic lunar) calendar")
    try:
        return Hijri(y, m, d).to_gregorian()
    except OverflowError:  # a year the Umm al-Qura tables do not cover
        pass
    except ValueError:
        raise wrong from None
    if not (1 <= m <= 12 and 1 <= d <= islamic.month_length(y, m)):
        raise wrong
    return date(*islamic.to_gregorian(y, m, d))


ETHIOPIAN = "ethiopian"  # a column's calendar, as the mapping file writes it
_ETHIOPIAN_AFTER_COPTIC = 276  # 2016 E.C. is Coptic year 1740: same months, same leap rule


def _ethiopian(y: int, m: int, d: int) -> date:
    """A date of the Ethiopian calendar (twelve months of 30 days, then Pagume of 5 days,
    6 in the year before a Julian leap year), as a Gregorian date."""
    from convertdate import coptic

    year = y - _ETHIOPIAN_AFTER_COPTIC
    if not (1 <= m <= 13 and 1 <= d <= coptic.month_length(year, m)):
        raise CellError(
            "date",
            "not a valid date of the Ethiopian calendar (twelve months of 30 days, then "
            "Pagume of 5 or 6)",
        )
    return date(*coptic.to_gregorian(year, m, d))


def _ethiopian_numeric(a: int, b: int, y: int, order: str | None) -> date:
    """``dd/mm/yyyy`` (or, declared, ``mm/dd/yyyy``) of the Ethiopian calendar; Pagume,
    the thirteenth month, makes 13 a month as well as a day."""
    if order is None:
        order = "dmy" if a > 13 >= b else "mdy" if b > 13 >= a else None
    return _in_order(y, a, b, order, _ethiopian)


def _in_order(y: int, a: int, b: int, order: str | None, make: Callable[[int, int, int], date]) -> date:  # fmt: skip
    """The date ``a/b/y`` in the day/month order given (``make`` checks it against its
    calendar); a date whose order is open is an error, unless both parts are the same."""
    if a == b:
        return make(y, a, b)
    if order is None:
        raise CellError(
            "date_order",
            "ambiguous date: day/month order cannot be told from this column; "
            "set date_order (dmy or mdy) in the mapping file or --date-order",
        )
    return make(y, b, a) if order == "dmy" else make(y, a, b)


def calendar_in_text(text: object) -> str | None:
    """The calendar a header or a note names (``Date (E.C.)``, ``ቀን (ዓ.ም.)``: the
    Ethiopian; ``G.C.``: the Gregorian), by the vocabulary's ``calendars``; ``None`` when it
    names none or several (``"ዓ.ም" = E.C.; "G.C." = Gregorian``: a legend of both)."""
    if not isinstance(text, str):
        return None
    words = [w.strip(".,;:()[]/") for w in normalize_text(text).split()]
    joined = f" {' '.join(w for w in words if w)} "
    named = {
        calendar
        for calendar, marks in load_spec().vocabulary.calendars.items()
        for mark in marks
        if f" {' '.join(w.strip('.,;:()[]/') for w in normalize_text(mark).split())} " in joined
    }
    return next(iter(named)) if len(named) == 1 else None


def calendar_named(value: object) -> str | None:
    """The calendar other than the Gregorian a date written as text is read in (its year
    of the Solar Hijri, Hijri lunar, Bikram Sambat or Buddhist era, as :func:`_make`
    converts it; a Minguo year of three digits or after 民國), or
    ``None`` for a Gregorian date or no date."""
    if not isinstance(value, str):
        return None
    text = fold_width(value)
    if _ROC.match(_folded(text)) or _ROC_MARK.match(text):
        return "Minguo (Republic of China)"
    m = _FOUR_DIGIT_YEAR.search(text)
    if m is None:
        return None
    y = int(m[1])
    if 1300 <= y <= 1450:
        lunar = _LUNAR_MARK.search(text) is not None or y > _solar_hijri_year()
        return "Hijri (Islamic lunar)" if lunar else "Solar Hijri (Persian)"
    if _is_bikram_sambat(y):
        return "Bikram Sambat (Nepali)"
    return "Buddhist era" if 2400 <= y <= 2700 else None


_FOUR_DIGIT_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


# the Hijri (lunar) era mark after a date ("1441/12/26هـ", "١٤٤٢/٠١/٢٤ هـ")
_LUNAR_MARK = re.compile(r"\s*(?:هـ|ه)\.?\s*$")


def _infer_order(texts: Sequence[str], months: int = 12) -> set[str]:
    """Orders the column's own values prove: {'dmy'}, {'mdy'}, both (conflict) or none.

    Dates written with dots (``04.01.2021``) are day-first by the convention of every
    country that writes them that way, so they count as proof of ``dmy``. ``months``: 13
    for the Ethiopian calendar, whose Pagume makes 13 a month.
    """
    return {o for o in (_text_order(t, months) for t in texts) if o}


def _text_order(t: str, months: int = 12) -> str | None:
    """The order one date written as text proves by itself (see :func:`_infer_order`)."""
    m = _NUMERIC.match(t)
    if m and "." in t and "/" not in t and "-" not in t:
        return "dmy"
    if m:
        a, b = int(m[1]), int(m[2])
        marked = marked_calendar(t)
        own = months if marked is None else 13 if marked[1] == ETHIOPIAN else 12
        if a > own >= b:
            return "dmy"
        if b > own >= a:
            return "mdy"
    return None


# a column's dates proving both orders is read in the one at least this many times as
# many of its dates prove (and at least this many), each date proving the other an error
_DOMINANT = 4


def _dominant_order(texts: Sequence[str], months: int) -> str | None:
    """The order a column's dates prove when they prove both but one far more often
    (six dates day-first beyond doubt, one month-first: a slip of that one date, its day
    and month swapped; three to one is too few to tell); ``None`` otherwise."""
    counts = Counter(o for o in (_text_order(t, months) for t in texts) if o)
    if len(counts) != 2:
        return None
    (major, many), (_, few) = counts.most_common()
    return major if many >= _DOMINANT and many >= _DOMINANT * few else None


def proven_orders(values: Sequence[object]) -> set[str]:
    """The day/month orders a column's dates written as text prove (see
    :func:`parse_date_column`): ``{'dmy'}``, ``{'mdy'}``, both (a conflict) or none."""
    return _infer_order([_folded(v) for v in values if isinstance(v, str) and not is_missing(v)])


GREGORIAN = "gregorian"  # the calendar a Gregorian mark names (``G.C.``, ``እ.ኤ.አ``)


@cache
def _calendar_marks() -> tuple[tuple[str, str], ...]:
    """Each calendar's marks (the vocabulary's ``calendars``, the Gregorian's too),
    casefolded, without brackets or a closing dot, longest first."""
    marks = {
        (_bare(mark), calendar)
        for calendar, words in load_spec().vocabulary.calendars.items()
        for mark in words
    }
    return tuple(sorted((m for m in marks if m[0]), key=lambda m: -len(m[0])))


def _bare(text: str) -> str:
    return " ".join(re.sub(r"[()\[\]（）]", " ", text.casefold()).split()).rstrip(".")


def marked_calendar(text: object) -> tuple[str, str] | None:
    """A date written with its calendar's mark after it or before it (``27/05/2013 ዓ.ም``,
    ``30/03/2021 G.C.``, ``11/06/2021 (G.C)``): the date without the mark, and the calendar
    the mark names (``"ethiopian"``, or ``"gregorian"`` for a Gregorian mark); ``None`` when
    the text carries no mark. A date's own mark decides its calendar, whatever its column's
    header or notes say; an unmarked date is read as its column says."""
    if not isinstance(text, str) or not any(ch.isdigit() for ch in text):
        return None
    bare = _bare(fold_width(text))
    for mark, calendar in _calendar_marks():
        if bare.endswith(mark) and (len(bare) == len(mark) or not bare[-len(mark) - 1].isalpha()):
            rest = bare[: -len(mark)].strip()
        elif bare.startswith(mark) and not bare[len(mark) : len(mark) + 1].isalpha():
            rest = bare[len(mark) :].strip()
        else:
            continue
        return (rest, calendar) if any(ch.isdigit() for ch in rest) else None
    return None


def own_calendar(value: object) -> str | None:
    """The calendar a date written as text names itself: ``"ethiopian"`` for one marked
    so (``ዓ.ም``, ``E.C.``) or written with an Ethiopian month (``ሚያዝያ 5 2013``),
    ``"gregorian"`` for one marked Gregorian (``G.C.``, ``እ.ኤ.አ``); ``None`` otherwise."""
    marked = marked_calendar(value)
    if marked is not None:
        return marked[1]
    if not isinstance(value, str):
        return None
    words = _bare(fold_width(value)).replace(",", " ").split()
    return ETHIOPIAN if any(w.rstrip(".") in _ethiopian_months() for w in words) else None


def _parse_text(text: str, order: str | None, calendar: str | None = None) -> date:
    marked = marked_calendar(text)
    if marked is not None:
        text, own = marked
        calendar = None if own == GREGORIAN else own
    lunar = _LUNAR_MARK.search(text)
    text = _folded(text[: lunar.start()] if lunar else text)
    found = _calendar(text)
    if found is not None:
        return found
    m = _ISO.match(text)
    if m and calendar == ETHIOPIAN:
        return _ethiopian(int(m[1]), int(m[2]), int(m[3]))
    if m:
        return _make(int(m[1]), int(m[2]), int(m[3]), lunar=lunar is not None)
    m = _NUMERIC.match(text)
    if m and calendar == ETHIOPIAN:
        return _ethiopian_numeric(int(m[1]), int(m[2]), _year(m[3]), order)
    if m:
        a, b, y = int(m[1]), int(m[2]), _year(m[3])
        if a > 12 and b > 12:  # neither order has a month: no date, whatever the order
            raise CellError(
                "date",
                f"not a valid calendar date: neither {a} nor {b} can be the month, day "
                "first or month first",
            )
        return _in_order(y, a, b, order, _make)
    named = _month_named(text)
    if named is not None:
        return named
    cleaned = re.sub(r"[,.]", " ", text)
    cleaned = re.sub(r"\s+", " ", cleaned).strip()
    for fmt in _TEXT_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    inside = _date_inside(text, order)
    if inside is not None:
        return inside
    raise CellError("date", "not a date (use YYYY-MM-DD, an Excel date, or e.g. 12 Mar 2021)")


_DAY_MONTH_YEAR = re.compile(
    r"^(\d{1,2})[\s/.\-]*([^\d\s/\-,]+\.?(?:[^\d\s/\-,]+\.)?)[\s/.\-,]*(\d{2}|\d{4})$"
)
_MONTH_DAY_YEAR = re.compile(r"^([^\d\s/\-,]+)\.?[\s/.\-]*(\d{1,2})[\s,./\-]+(\d{2}|\d{4})$")


@cache
def _months() -> dict[str, int]:
    vocab = load_spec().vocabulary
    return {w.lower().rstrip("."): m for m, words in vocab.month_names.items() for w in words}


@cache
def _ethiopian_months() -> dict[str, int]:
    vocab = load_spec().vocabulary
    return {w.lower().rstrip("."): m for m, words in vocab.ethiopian_months.items() for w in words}


def _month_named(text: str) -> date | None:
    """``21/sep/2019``, ``3. März 2021``, ``12 เม.ย. 64`` (a Thai month: a Buddhist-era
    year), ``۵ قوس ۱۴۰۰`` (a Solar Hijri month), ``Mar 12, 2021``: a date with its month in words, in any language listed."""
    m = _DAY_MONTH_YEAR.match(text.strip())
    if m:
        day, word, year = m[1], m[2], m[3]
    else:
        m = _MONTH_DAY_YEAR.match(text.strip())
        if m is None:
            return None
        word, day, year = m[1], m[2], m[3]
    ethiopian = _ethiopian_months().get(word.lower().rstrip("."))
    if ethiopian is not None:  # ``ሚያዝያ 5 2013``: a month of the Ethiopian calendar
        return _ethiopian(_year(year), ethiopian, int(day))
    month = _months().get(word.lower().rstrip("."))
    if month is None:
        return None
    y = int(year)
    if len(year) == 2:
        thai = word in load_spec().vocabulary.buddhist_months
        y = 2500 + y if thai else _year(year)
    if word in load_spec().vocabulary.solar_hijri_months and not 1300 <= y <= 1450:
        raise CellError("date", "a Solar Hijri month with a year not of that calendar")
    return _make(y, month, int(day))


def _date_inside(text: str, order: str | None, calendar: str | None = None) -> date | None:
    """The one date written inside a longer text, or ``None`` (none, or several)."""
    matches = _inside(text)
    found = [_with_mark(text, m) for m in matches]
    era = [m for m in (_ERA.search(text), _CJK.search(text)) if m is not None]
    if len(found) + len(era) != 1 or (found and matches[0].group(0) == text.strip()):
        return None  # none, several, or the whole text (read as a date already)
    if era:
        d = _calendar(era[0].group(0).strip())
    else:
        try:
            d = _parse_text(found[0], order or _own_order(found[0]), calendar)
        except CellError:
            return None
    return None if d is None else DateInText(d.year, d.month, d.day)


def _with_mark(text: str, m: re.Match[str]) -> str:
    """A date found inside a text, with the calendar's mark written right after it or
    right before it (``T9 on 08/02/2015 E.C. - conservative``: ``08/02/2015 E.C.``), so
    that the date's own mark decides its calendar; the date alone when none is."""
    after = _bare(text[m.end() :])
    before = _bare(text[: m.start()])
    for mark, _ in _calendar_marks():
        if after.startswith(mark) and not after[len(mark) : len(mark) + 1].isalpha():
            return f"{m.group(0)} {mark}"
        if before.endswith(mark) and not before[: -len(mark)][-1:].isalpha():
            return f"{mark} {m.group(0)}"
    return m.group(0)


def _inside(text: str) -> list[re.Match[str]]:
    """The date-shaped parts of a text, but for those inside a date of a Japanese era
    (``5.2.27`` of ``R5.2.27``: 27 February of Reiwa 5, not 5 February 2027)."""
    eras = [m.span() for m in _ERA.finditer(text)]
    found = [m for m in _INSIDE.finditer(text) if not any(a <= m.start() and m.end() <= b for a, b in eras)]  # fmt: skip
    worded = list(_worded().finditer(text))  # "Tử vong ngày 18 tháng 5 năm 2024"
    taken = [m.span() for m in found + worded]
    found = [m for m in found if not any(a <= m.start() and m.end() <= b for a, b in taken[len(found) :])]  # fmt: skip
    thai = [m for m in _buddhist_month_inside().finditer(text) if not any(a < m.end() and m.start() < b for a, b in taken)]  # fmt: skip
    return sorted(found + worded + thai, key=lambda m: m.start())


@cache
def _buddhist_month_inside() -> re.Pattern[str]:
    """A date with a Thai month inside other text (``L1 (MRI 12 พ.ย. 64)``,
    ``เสียชีวิต 9 ม.ค. 65``): its month's dots and marks are no word's letters."""
    words = sorted(load_spec().vocabulary.buddhist_months, key=len, reverse=True)
    months = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?<!\d)\d{{1,2}}\s*(?:{months})\s*(?:\d{{4}}|\d{{2}})(?!\d)")


_LEVEL_WORD = re.compile(
    r"(?i)(?<![^\W\d_])(?:hwk|bwk|lwk|swk|hw|bw|lw|sw|tl|th|[ctlsdnтс])\s*[-.]?\s*\d{1,2}(?!\d)"
    r"(?:\s*[-–]\s*(?:(?:th|[ctlsd])\s*)?\d{1,2}(?!\d))?"
)


def words_before_date(text: str) -> str | None:
    """The words of a text before the one date written inside it (``เสียชีวิต`` of
    ``เสียชีวิต 10 มิ.ย. 66, เดินได้เอง``), or ``None`` when it holds no single date."""
    found = _inside(text)
    if len(found) != 1:
        return None
    return text[: found[0].start()].strip(" :：,(（") or None


def wrong_date_inside(
    text: object, order: str | None = None, calendar: str | None = None
) -> CellError | None:
    """Why the one date-shaped text inside a longer text is no date in any order of its
    day and month (``умерла 31.11.2022``: there is no 31 November), or ``None`` when it is
    a date, one whose order is open (``12/07/2022``), or the text holds no single
    date-shaped part."""
    if not isinstance(text, str):
        return None
    matches = _inside(text)
    found = [_with_mark(text, m) for m in matches]
    if len(found) != 1 or matches[0].group(0) == text.strip():
        return None
    try:
        _parse_text(found[0], order or _own_order(found[0]), calendar)
    except CellError as exc:
        # a day and month whose order the column leaves open ("12/07/2022") is a date
        return exc if exc.rule == "date" else None
    return None


def date_inside(text: object, order: str | None = None, calendar: str | None = None) -> date | None:
    """The one date written inside a longer text (``oui (18/04/2023)``), or ``None``;
    ``calendar`` as in :func:`parse_date_column`."""
    return _date_inside(text, order, calendar) if isinstance(text, str) else None


def is_date_text(text: str, order: str | None = None) -> bool:
    """Whether a word is a date written as text (``20/08/2021``, ``R4.3.20``,
    ``令和5年1月19日``), in either day/month order unless ``order`` is given."""
    if not any(ch.isdigit() for ch in text):
        return False
    return leading_date(text, order) is not None


def leading_date(text: str, order: str | None = None, calendar: str | None = None) -> date | None:
    """The date a text starts with, as its first word (``04/11/2021: Νέο κάταγμα Θ9``,
    ``R4.3.20 外来で…``; a colon or comma after it set aside), or ``None``; a date whose
    day/month order is not told and not ``order`` is none."""
    words = text.split()
    if not words:
        return None
    first = words[0].rstrip(":：,，")
    if not re.search(r"\d\D+\d", unicodedata.normalize("NFKC", first)):
        return None  # a number alone is no date
    for each in (order,) if order else ("dmy", "mdy"):
        try:
            return _parse_text(first, each, calendar)
        except CellError:
            continue
    return None


def split_level_date(
    text: str, order: str | None = None, calendar: str | None = None
) -> tuple[str, date] | None:
    """A new fracture written as its level and date in one cell (``L1 - 26/09/2021``,
    ``T12 (22/06/2021)``): the text without the date, and the date; ``None`` when the
    cell holds no single date beside other text."""
    if not isinstance(text, str):
        return None
    folded = unicodedata.normalize("NFKC", text)
    found = _inside(folded)
    # a date of era or CJK words (``2022年8月16日 L2``, ``令和4年8月16日``) when no other is
    era = [] if found else [m for m in (_ERA.search(folded), _CJK.search(folded)) if m]
    if len(found) + len(era) != 1:
        return None
    found = found or era
    rest = (folded[: found[0].start()] + " " + folded[found[0].end() :]).strip()
    rest = re.sub(r"[()\[\]]|\s[-–:]\s|^[-–:,]\s*|\s*[-–:,]$", " ", rest).strip()
    # the levels written around the date ("Ja: BWK 12 (12.03.2020)", "L3 بتاريخ 23/10/2021"):
    # a yes word and words for "on" are not levels
    levels = [m.group(0) for m in _LEVEL_WORD.finditer(latin_twin_levels(ordinal_levels(rest)))]
    # or numbered in Roman numerals ("L II (04/09/2021)"), when none is in digits
    levels = levels or [m.group(0) for m in _LEVEL_WORD.finditer(arabic_levels(rest))]
    rest = ", ".join(levels)
    if not rest:
        return None
    written = _with_mark(folded, found[0]) if not era else found[0].group(0)
    try:
        when = (
            _calendar(written.strip())
            if era
            else _parse_text(written, order or _own_order(written), calendar)
        )
    except CellError:
        return None
    return None if when is None else (rest, when)


def split_level_dates(
    text: str, order: str | None = None, calendar: str | None = None
) -> list[tuple[str, date]] | None:
    """New fractures written in one cell, each its level and date (:func:`split_level_date`),
    several apart by semicolons or lines (``nouvelle fracture T7 (IRM du 14/06/2023) ;
    nouvelle fracture T6 (IRM du 19/12/2023)``); ``None`` unless every part is one."""
    one = split_level_date(text, order, calendar)
    if one is not None or not isinstance(text, str):
        return None if one is None else [one]
    parts = [p for p in _FRACTURE_PARTS.split(text) if p.strip()]
    found = [split_level_date(p, order, calendar) for p in parts] if len(parts) > 1 else []
    return [f for f in found if f is not None] if found and None not in found else None


_FRACTURE_PARTS = re.compile(r"[;\n]")


def inner_date_order(values: Sequence[object]) -> str | None:
    """The day/month order the dates written inside a column's texts prove together
    (``D10, 13-07-2022`` proves day-first for ``D9, 04-02-2022`` beside it); ``None``
    when they prove none or both."""
    proven = inner_proven_orders(values)
    return next(iter(proven)) if len(proven) == 1 else None


def inner_proven_orders(values: Sequence[object]) -> set[str]:
    """The day/month orders the dates written inside a column's texts prove (``T12
    (22/06/2021)``), as :func:`proven_orders` for a column of dates."""
    return _infer_order([m.group(0) for v in values if isinstance(v, str) for m in _inside(v)])


def _own_order(written: str) -> str | None:
    """The day/month order a single date proves by itself (dots, or a part above 12)."""
    proven = _infer_order([written])
    return next(iter(proven)) if len(proven) == 1 else None


def parse_date_column(
    values: Sequence[object], date_order: str | None = None, calendar: str | None = None
) -> list[date | CellError | None]:
    """Parse one column of dates; each entry is a date, ``None`` (missing) or the error.

    Parameters
    ----------
    values
        Raw cells of one column.
    date_order
        ``"dmy"`` or ``"mdy"`` as declared by the user; used only when the column does
        not prove its own order. A column that proves an order contrary to the declared
        one is an error.
    calendar
        ``"ethiopian"`` when the column's header or the sheet's notes say its dates
        written as text are of the Ethiopian calendar; ``None``: the Gregorian (or the
        calendar a date's own year or era gives).
    """
    values = _short_years_first(_buddhist_short_years(_minguo_short_years(values)))
    texts = [_folded(v) for v in values if isinstance(v, str) and not is_missing(v)]
    months = 13 if calendar == ETHIOPIAN else 12
    proven = _infer_order(texts, months)
    dominant = _dominant_order(texts, months)
    if dominant is not None and date_order in (None, dominant):
        proven = {dominant}
    conflict = len(proven) > 1 or (date_order is not None and proven and date_order not in proven)
    order = next(iter(proven)) if len(proven) == 1 else date_order
    out: list[date | CellError | None] = []
    slip = _swapped_error(dominant) if dominant is not None and order == dominant else None
    for v, d in zip(values, _parse_all(values, order, bool(conflict), date_order, calendar), strict=True):  # fmt: skip
        swapped = slip is not None and dominant is not None and _swapped(v, dominant, months)
        out.append(slip if swapped else in_range(d) if isinstance(d, date) else d)
    return out


def _swapped(value: object, dominant: str, months: int) -> bool:
    """Whether a date written as text proves the order other than its column's."""
    if not isinstance(value, str) or is_missing(value):
        return False
    own = _text_order(_folded(value), months)
    return own is not None and own != dominant


def _swapped_error(dominant: str) -> CellError:
    first, then = ("day", "month") if dominant == "dmy" else ("month", "day")
    return CellError(
        "date",
        f"not a valid date {first} first, as the column's other dates are written: its "
        f"{then} and {first} look swapped; correct the date",
    )


# 99/03/15: a year of one or two digits first, in a column of Minguo dates
_ROC_SHORT = re.compile(r"^(?P<y>\d{1,2})(?P<rest>[/.\-]\d{1,2}[/.\-]\d{1,2})$")


def _minguo_short_years(values: Sequence[object]) -> Sequence[object]:
    """The column with a year of one or two digits written first (``99/03/15``) read as
    a Minguo year (2010-03-15) when the column's other dates as text are Minguo dates
    (``112/03/15``, ``民國112年3月15日``) and none is written with its year last: each
    such date rewritten with a three-digit year. Else the column as it is."""
    texts = [_folded(v) for v in values if isinstance(v, str) and not is_missing(v)]
    minguo = sum(bool(_ROC.match(t) or _ROC_MARK.match(t)) for t in texts)
    short = [t for t in texts if _ROC_SHORT.match(t)]
    year_last = any(_YEAR_LAST.match(t) for t in texts)
    if not minguo or not short or minguo < len(short) or year_last:
        return values
    return _rewritten(values, _ROC_SHORT, lambda m: f"{int(m['y']):03d}{m['rest']}")


def _rewritten(
    values: Sequence[object], pattern: re.Pattern[str], full: Callable[[re.Match[str]], str]
) -> list[object]:
    """The column with each date text the pattern matches written in full, the rest as
    they are."""
    out: list[object] = []
    for v in values:
        m = pattern.match(_folded(v)) if isinstance(v, str) and not is_missing(v) else None
        out.append(full(m) if m else v)
    return out


_ROC_MARK = re.compile(r"^\s*" + _ROC_ERA)
# 15/3/65: a year of two digits last
_SHORT_YEAR_LAST = re.compile(r"^(?P<dm>\d{1,2}[/.\-]\d{1,2}[/.\-])(?P<y>\d{2})$")
_FULL_YEAR = re.compile(r"(?<!\d)(?P<y>\d{4})(?!\d)")


def _buddhist_short_years(values: Sequence[object]) -> Sequence[object]:
    """The column with a year of two digits written last (``15/3/65``) read as a year of
    the Buddhist era (2565, i.e. 2022) when the column's other dates as text are of that
    era (a Thai month, ``15 มี.ค. 65``, or a year 2400-2700, ``15/03/2565``) and none is
    written with a Gregorian year of four digits: each such date rewritten with its
    Buddhist year in full. Else the column as it is."""
    texts = [_folded(v) for v in values if isinstance(v, str) and not is_missing(v)]
    short = [t for t in texts if _SHORT_YEAR_LAST.match(t)]
    if not short:
        return values
    months = set(load_spec().vocabulary.buddhist_months)
    years = [int(y) for t in texts for y in _FULL_YEAR.findall(t)]
    buddhist = any(w in months for t in texts for w in t.split()) or any(
        2400 <= y <= 2700 for y in years
    )
    if not buddhist or any(1900 <= y <= 2100 for y in years):
        return values
    return _rewritten(values, _SHORT_YEAR_LAST, lambda m: f"{m['dm']}25{m['y']}")


_YEAR_LAST = re.compile(r"^\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}$")
_YEAR_FIRST = re.compile(r"^\d{4}[/.\-]\d{1,2}[/.\-]\d{1,2}$")
# 22.03.04: a year of two digits, then the month and the day, one separator between
_SHORT_YEAR_FIRST = re.compile(r"^(?P<y>\d{2})(?P<sep>[/.\-])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})$")


def _short_years_first(values: Sequence[object]) -> Sequence[object]:
    """The column with dates of a two-digit year written first (``22.03.04``: 4 March 2022,
    as Korean, Japanese, Chinese, Hungarian and Swedish write a short date) read year
    first when the column's other dates as text are written year first with four digits
    (``2021.09.03.``), at least as many as the short ones, and none with its year last:
    each rewritten with its four-digit year. Else the column as it is."""
    texts = [_folded(v) for v in values if isinstance(v, str) and not is_missing(v)]
    short = [t for t in texts if _SHORT_YEAR_FIRST.match(t)]
    first = sum(bool(_YEAR_FIRST.match(t)) for t in texts)
    if not short or first < len(short) or any(_YEAR_LAST.match(t) for t in texts):
        return values
    return _rewritten(
        values,
        _SHORT_YEAR_FIRST,
        lambda m: f"{_year(m['y'])}{m['sep']}{m['m']}{m['sep']}{m['d']}",
    )


def _parse_all(
    values: Sequence[object],
    order: str | None,
    conflict: bool,
    date_order: str | None,
    calendar: str | None = None,
) -> list[date | CellError | None]:
    out: list[date | CellError | None] = []
    for v in values:
        if is_missing(v) or (isinstance(v, str) and is_no(v)):
            out.append(None)
        elif isinstance(v, date):  # a datetime too
            out.append(stored_date(v.date() if isinstance(v, datetime) else v))
        elif isinstance(v, int | float) and not isinstance(v, bool):
            compact = _compact(str(int(v))) if float(v).is_integer() else None
            if compact is not None:
                out.append(compact)
                continue
            try:
                out.append(_excel_serial(float(v)))
            except CellError as exc:
                out.append(exc)
        elif conflict and _NUMERIC.match(_folded(str(v))):
            out.append(
                CellError(
                    "date_order",
                    "this column mixes day-first and month-first dates "
                    f"(or contradicts date_order={date_order}); correct the column",
                )
            )
        else:
            text = _folded(str(v))
            try:
                compact = _compact(text)
                out.append(
                    compact
                    if compact is not None
                    else _excel_serial(float(text))
                    if text.isdigit()
                    else _parse_text(text, order, calendar)
                )
            except CellError as exc:
                out.append(exc)
    return out


# a clock time after a date in one cell: "2/3/2022 6:44", "2022-02-03 18:05:12", "6:44 PM"
_CLOCK = re.compile(r"(?<![\d:])(\d{1,2}):([0-5]\d)(?::[0-5]\d)?\s*([AaPp]\.?[Mm]\.?)?(?![\d:])")


def time_of_day(value: object) -> int | None:
    """The minutes after midnight a date-and-time cell gives (a date-time stored with a
    time, or text holding a date then a clock time), ``None`` for a date alone."""
    if isinstance(value, datetime):
        minutes = value.hour * 60 + value.minute
        return minutes or (None if value.second == 0 else 0)
    if not isinstance(value, str):
        return None
    m = _CLOCK.search(value)
    if m is None or not any(c.isdigit() for c in value[: m.start()]):
        return None  # a time alone is no visit's date
    hour, minute, half = int(m[1]), int(m[2]), (m[3] or "").lower().replace(".", "")
    if (half and not 1 <= hour <= 12) or hour > 23:
        return None
    if half:
        hour = hour % 12 + (12 if half == "pm" else 0)
    return hour * 60 + minute
