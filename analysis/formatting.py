"""All number formatting in one place, so a number reads the same in tables and prose.

A :class:`FormatConfig` holds every display rule; three frozen presets follow journal
conventions as we read their author guidelines (override any field with
:func:`journal_style`, e.g. ``journal_style("jama", decimals=2)``):

``plain`` (default, for analysts and spreadsheets)
    ASCII hyphen-minus (``-2.7``), intervals joined by `` to `` (``-2.7 (-3.3 to -2.2)``),
    P with a leading zero to 3 decimals (``0.042``, ``< 0.001``), median with
    ``[Q1, Q3]``, ``217 (72.3%)``, no thousands separator.
``ajnr`` (American Journal of Neuroradiology)
    True minus U+2212; intervals joined by an en dash (``1.2–3.4``), or by `` to `` when
    a bound is negative so the dash never meets a minus sign (``−3.3 to −2.2``); P
    without a leading zero to 3 decimals (``P = .042``, ``P < .001``); mean ± SD;
    median (Q1–Q3); ``217 (72.3%)``; comma thousands separator (``1,234``).
``jama`` (JAMA and the AMA Manual of Style)
    As AJNR for minus signs and intervals; P to 2 decimals, to 3 below .01 (and between
    .045 and .05, so a P under .05 never prints as ``.05``), ``P < .001`` and
    ``P > .99`` at the ends, no leading zero; mean (SD); median (IQR) as
    ``5.0 (3.0–8.0)``; counts as ``217 (72.3)`` with the percent sign in the column
    head (``No. (%)``); comma thousands separator.

Every preset prints counts as whole numbers (``596``, never ``596.0``: :func:`count`),
hazard, odds and risk ratios and standardised differences to 2 decimals, percentages
to 1, and a missing value as an en dash.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from typing import Literal

MINUS = "\u2212"
EN_DASH = "\u2013"


@dataclass(frozen=True)
class FormatConfig:
    """Display rules for numbers; see the module docstring for the presets.

    Attributes
    ----------
    name
        Preset name (``plain``, ``ajnr``, ``jama``), carried into table notes.
    decimals, percent_decimals, ratio_decimals, smd_decimals
        Decimals of estimates (means, differences), percentages, ratios (HR, OR, RR)
        and standardised mean differences.
    p_decimals
        Decimals of P values; smaller values print as ``< 0.001`` (the floor).
    p_two_decimals_from
        When set (JAMA: 0.01), P values at or above it print with 2 decimals.
    p_ceiling
        When set (JAMA: 0.99), larger P values print as ``> .99``.
    p_leading_zero
        ``0.042`` (True) or ``.042`` (False).
    p_symbol
        ``p`` or ``P`` in prose (:func:`p_text`).
    minus
        The sign of negative numbers: ``-`` (hyphen-minus) or U+2212.
    range_joiner, negative_joiner
        Between the bounds of an interval or range; the second when a bound is
        negative (so an en dash never meets a minus sign).
    thousands
        Thousands separator (``""`` for none, ``","``, or a thin space).
    percent_sign
        ``217 (72.3%)`` (True) or ``217 (72.3)`` with the sign in the column head.
    mean_sd_style
        ``parens``: ``12.3 (4.5)``; ``plusminus``: ``12.3 ± 4.5``.
    median_iqr_style
        ``brackets``: ``5.0 [3.0, 8.0]``; ``parens``: ``5.0 (3.0–8.0)``.
    missing
        Text of a missing value.
    """

    name: str = "plain"
    decimals: int = 1
    percent_decimals: int = 1
    ratio_decimals: int = 2
    smd_decimals: int = 2
    p_decimals: int = 3
    p_two_decimals_from: float | None = None
    p_ceiling: float | None = None
    p_leading_zero: bool = True
    p_symbol: str = "p"
    minus: str = "-"
    range_joiner: str = " to "
    negative_joiner: str = " to "
    thousands: str = ""
    percent_sign: bool = True
    mean_sd_style: Literal["parens", "plusminus"] = "parens"
    median_iqr_style: Literal["brackets", "parens"] = "brackets"
    missing: str = EN_DASH


PLAIN = FormatConfig()
AJNR = FormatConfig(
    name="ajnr",
    p_leading_zero=False,
    p_symbol="P",
    minus=MINUS,
    range_joiner=EN_DASH,
    thousands=",",
    mean_sd_style="plusminus",
    median_iqr_style="parens",
)
JAMA = FormatConfig(
    name="jama",
    p_two_decimals_from=0.01,
    p_ceiling=0.99,
    p_leading_zero=False,
    p_symbol="P",
    minus=MINUS,
    range_joiner=EN_DASH,
    thousands=",",
    percent_sign=False,
    median_iqr_style="parens",
)
PRESETS = {"plain": PLAIN, "ajnr": AJNR, "jama": JAMA}
DEFAULT = PLAIN


def journal_style(name: str = "plain", **overrides: object) -> FormatConfig:
    """A preset by name, with any field overridden (``journal_style("jama", decimals=2)``).

    Raises
    ------
    ValueError
        For a preset or field that does not exist.
    """
    if name not in PRESETS:
        raise ValueError(f"no journal style {name!r}; choose one of {', '.join(PRESETS)}")
    try:
        return replace(PRESETS[name], **overrides)  # type: ignore[arg-type]
    except TypeError:
        known = ", ".join(FormatConfig.__dataclass_fields__)
        raise ValueError(f"unknown format setting in {sorted(overrides)}; known: {known}") from None


def _missing(x: object) -> bool:
    if x is None:
        return True
    try:
        return math.isnan(float(x))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def _signed(body: str, negative: bool, cfg: FormatConfig) -> str:
    """Attach the sign; a value that rounds to zero carries none (never ``-0.0``)."""
    if negative and any(c in "123456789" for c in body):
        return cfg.minus + body
    return body


def number(x: float | None, decimals: int | None = None, cfg: FormatConfig = DEFAULT) -> str:
    """A number with fixed decimals (``-2.7``, ``−2.7``, ``1,234.5``); missing: en dash."""
    if _missing(x):
        return cfg.missing
    v = float(x)  # type: ignore[arg-type]
    if math.isinf(v):
        return _signed("∞", v < 0, cfg)
    d = cfg.decimals if decimals is None else decimals
    body = f"{abs(v):,.{d}f}".replace(",", "\0").replace("\0", cfg.thousands)
    return _signed(body, v < 0, cfg)


# the plural nouns counted in the report's sentences, and their singular
_SINGULAR = {
    "patients": "patient", "vertebrae": "vertebra", "procedures": "procedure",
    "assessments": "assessment", "fractures": "fracture", "events": "event",
    "pairs": "pair", "scores": "score", "values": "value", "errors": "error",
    "warnings": "warning", "problems": "problem", "data sets": "data set",
}  # fmt: skip


def counted(n: float, phrase: str, cfg: FormatConfig = DEFAULT) -> str:
    """A count and what it counts, in number agreement: ``phrase`` is written plural and
    its first plural noun is made singular for one (``1 patient with a missing
    covariate``, ``3 patients with a missing covariate``, ``1 same-level fracture``).

    Raises
    ------
    ValueError
        When ``n`` is not a whole number.
    """
    if n == 1:
        nouns = "|".join(re.escape(k) for k in _SINGULAR)
        phrase = re.sub(rf"\b({nouns})\b", lambda m: _SINGULAR[m.group(1)], phrase, count=1)
    return f"{count(n, cfg)} {phrase}"


def count(n: float | None, cfg: FormatConfig = DEFAULT) -> str:
    """A count as a whole number (``596``, ``1,234``), whatever its type.

    Raises
    ------
    ValueError
        When ``n`` is not a whole number (a count of 2.5 is a defect upstream).
    """
    if _missing(n):
        return cfg.missing
    v = float(n)  # type: ignore[arg-type]
    if v != round(v):
        raise ValueError(f"a count must be a whole number, got {n!r}")
    return number(v, 0, cfg)


def percent(share: float, decimals: int | None = None, cfg: FormatConfig = DEFAULT) -> str:
    """A share (0-1) as a percentage with its sign: ``72.3%``."""
    d = cfg.percent_decimals if decimals is None else decimals
    if _missing(share):
        return cfg.missing
    return f"{number(100 * share, d, cfg)}%"


def ratio(x: float, cfg: FormatConfig = DEFAULT) -> str:
    """A hazard, odds or risk ratio (2 decimals by default)."""
    return number(x, cfg.ratio_decimals, cfg)


def smd(x: float, cfg: FormatConfig = DEFAULT) -> str:
    """A standardised mean difference (2 decimals by default)."""
    return number(x, cfg.smd_decimals, cfg)


def joined(low: str, high: str, negative: bool, cfg: FormatConfig = DEFAULT) -> str:
    """Two formatted bounds joined by the preset's joiner (``to`` when one is negative)."""
    return f"{low}{cfg.negative_joiner if negative else cfg.range_joiner}{high}"


def _is_negative(*texts: str) -> bool:
    return any(t.startswith(("-", MINUS)) for t in texts)


def ci(low: float, high: float, decimals: int | None = None, cfg: FormatConfig = DEFAULT) -> str:
    """Interval bounds: ``1.2 to 3.4`` (plain), ``1.2–3.4`` or ``−3.3 to −2.2`` (journals)."""
    lo, hi = number(low, decimals, cfg), number(high, decimals, cfg)
    return joined(lo, hi, _is_negative(lo, hi), cfg)


def value_range(low: float, high: float, decimals: int | None = None, cfg: FormatConfig = DEFAULT) -> str:  # fmt: skip
    """A range (minimum to maximum), joined as an interval."""
    return ci(low, high, decimals, cfg)


def estimate_ci(
    estimate: float, low: float, high: float, decimals: int | None = None, cfg: FormatConfig = DEFAULT
) -> str:  # fmt: skip
    """``-2.7 (-3.3 to -2.2)``; the estimate alone when the interval is missing."""
    if _missing(low) or _missing(high):
        return number(estimate, decimals, cfg)
    return f"{number(estimate, decimals, cfg)} ({ci(low, high, decimals, cfg)})"


def mean_sd(mean: float, sd: float, cfg: FormatConfig = DEFAULT) -> str:
    """``12.3 (4.5)`` or ``12.3 ± 4.5``."""
    if cfg.mean_sd_style == "plusminus":
        return f"{number(mean, cfg=cfg)} ± {number(sd, cfg=cfg)}"
    return f"{number(mean, cfg=cfg)} ({number(sd, cfg=cfg)})"


def median_iqr(median: float, q1: float, q3: float, cfg: FormatConfig = DEFAULT) -> str:
    """``5.0 [3.0, 8.0]`` (plain) or ``5.0 (3.0–8.0)`` (journals)."""
    if cfg.median_iqr_style == "brackets":
        return f"{number(median, cfg=cfg)} [{number(q1, cfg=cfg)}, {number(q3, cfg=cfg)}]"
    return f"{number(median, cfg=cfg)} ({ci(q1, q3, cfg=cfg)})"


def count_percent(count_: int, n: int, cfg: FormatConfig = DEFAULT) -> str:
    """``217 (72.3%)`` or ``217 (72.3)``; the denominator is reported separately where it
    varies."""
    if n == 0:
        return f"{count(count_, cfg)} ({cfg.missing})"
    pct = number(100 * count_ / n, cfg.percent_decimals, cfg)
    return f"{count(count_, cfg)} ({pct}{'%' if cfg.percent_sign else ''})"


def count_header(cfg: FormatConfig = DEFAULT) -> str:
    """Column head of count-percent cells: ``n (%)`` or JAMA's ``No. (%)``."""
    return "No. (%)" if not cfg.percent_sign else "n (%)"


def _p_decimals(p: float, cfg: FormatConfig) -> int:
    if cfg.p_two_decimals_from is None or p < cfg.p_two_decimals_from:
        return cfg.p_decimals
    if 0.045 <= p < 0.05:  # never print a P under .05 as ".05"
        return 3
    return 2


def p_value(p: float | None, cfg: FormatConfig = DEFAULT) -> str:
    """The P value without its symbol: ``0.042``, ``< 0.001`` (plain); ``.04``,
    ``< .001``, ``> .99`` (JAMA)."""
    if _missing(p):
        return cfg.missing
    v = float(p)  # type: ignore[arg-type]
    floor = 10 ** (-cfg.p_decimals)

    def bare(x: float, d: int) -> str:
        text = f"{x:.{d}f}"
        return text if cfg.p_leading_zero else text.removeprefix("0")

    if v < floor:
        return f"< {bare(floor, cfg.p_decimals)}"
    if cfg.p_ceiling is not None and v > cfg.p_ceiling:
        return f"> {bare(cfg.p_ceiling, 2)}"
    return bare(v, _p_decimals(v, cfg))


def p_text(p: float | None, cfg: FormatConfig = DEFAULT) -> str:
    """The P value in prose: ``p = 0.042``, ``P < .001``."""
    value = p_value(p, cfg)
    if value.startswith(("<", ">")) or value == cfg.missing:
        return f"{cfg.p_symbol} {value}"
    return f"{cfg.p_symbol} = {value}"


def ci_label(level: float = 0.95) -> str:
    """``95% CI``."""
    return f"{100 * level:g}% CI"


def labelled_html(text: str) -> str:
    """A ``repr`` of a title line and ``label: text`` lines as a small HTML table for
    Jupyter, every text escaped and aligned on its cell (a notebook right-aligns cells)."""
    from html import escape

    title, *lines = text.split("\n")
    cell = '<td style="text-align:left">{}</td>'
    rows = [
        "<tr>" + cell.format(escape(label)) + cell.format(escape(rest)) + "</tr>"
        for label, _, rest in (line.strip().partition(": ") for line in lines)
    ]
    head = [
        '<table style="border-collapse:collapse;margin:0.3em 0">',
        f'<caption style="text-align:left;font-weight:bold">{escape(title)}</caption>',
    ]
    return "\n".join([*head, "<tbody>", *rows, "</tbody>", "</table>"]) + "\n"
