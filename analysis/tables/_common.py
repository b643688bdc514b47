"""Helpers shared by the table builders: footnote marks, labels, cell texts."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from analysis.formatting import FormatConfig, ci_label, number
from analysis.labels import Labels, load_labels
from analysis.stats import Estimate

MARKS = "ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ"
REFERENCE = "1 (reference)"


def labels_or_default(labels: Labels | None) -> Labels:
    return labels if labels is not None else load_labels()


@dataclass
class Notes:
    """Footnotes of one table: methods get a superscript mark each (the same method
    the same mark), other notes are plain lines, marks first."""

    marked: dict[str, str] = field(default_factory=dict)
    plain: list[str] = field(default_factory=list)

    def mark(self, method: str) -> str:
        """The superscript letter of a method, allocated on first use."""
        if method not in self.marked:
            self.marked[method] = MARKS[len(self.marked) % len(MARKS)]
        return self.marked[method]

    def add(self, text: str) -> None:
        if text and text not in self.plain:
            self.plain.append(text)

    def lines(self) -> tuple[str, ...]:
        return (*(f"{m} {method}." for method, m in self.marked.items()), *self.plain)


def abbreviations(*names: str) -> str:
    """``Abbreviations: CI, confidence interval; HR, hazard ratio.``"""
    known = {
        "CI": "confidence interval",
        "HR": "hazard ratio",
        "OR": "odds ratio",
        "IQR": "interquartile range",
        "SD": "standard deviation",
        "SMD": "standardized mean difference",
        "VAS": "visual analogue scale",
        "BMD": "bone mineral density",
        "PMMA": "polymethyl methacrylate",
    }
    return "Abbreviations: " + "; ".join(f"{n}, {known[n]}" for n in names) + "."


def ci_head(level: float, what: str = "") -> str:
    """``HR (95% CI)`` or ``(95% CI)``."""
    return f"{what} ({ci_label(level)})".strip()


def stat_name(kind: str, cfg: FormatConfig) -> str:
    """How a summary statistic is named in a label: ``mean (SD)``, ``median [IQR]``."""
    if kind == "mean_sd":
        return "mean ± SD" if cfg.mean_sd_style == "plusminus" else "mean (SD)"
    if kind == "median_iqr":
        return "median [IQR]" if cfg.median_iqr_style == "brackets" else "median (IQR)"
    return "No. (%)" if not cfg.percent_sign else "n (%)"


def sentence_case(text: str) -> str:
    """First letter upper case, the rest as written (``mean (SD)`` -> ``Mean (SD)``)."""
    return text[:1].upper() + text[1:]


HODGES_LEHMANN = ("hodges_lehmann_shift", "hodges_lehmann_change")


def hodges_lehmann_note(estimates: Iterable[Estimate], cfg: FormatConfig) -> str:
    """A note where a printed Hodges-Lehmann estimate equals a limit of its interval, or
    the interval has no width (as printed): on whole-number scores the estimate and its
    limits fall on whole or half points, so this is the data's discreteness, not an
    error. Empty when no printed estimate does."""
    for e in estimates:
        if e.quantity not in HODGES_LEHMANN or any(math.isnan(v) for v in (e.estimate, e.ci_low, e.ci_high)):  # fmt: skip
            continue
        if number(e.estimate, None, cfg) in {number(e.ci_low, None, cfg), number(e.ci_high, None, cfg)}:  # fmt: skip
            return (
                "Hodges-Lehmann estimates of whole-number scores fall on whole or half "
                "points, as do the limits of their intervals, so an estimate can equal a "
                "limit or an interval have no width: the scores' discreteness, not an error."
            )
    return ""
