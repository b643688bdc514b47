"""Review checks of the design: sparse 2 x 2 tables, vertebrae clustered in patients,
multiple testing, follow-up by group and the scale of a responder threshold."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence

import numpy as np

from analysis.formatting import (
    FormatConfig,
    ci,
    count,
    estimate_ci,
    number,
    p_text,
    percent,
)
from analysis.labels import load_labels
from analysis.report.review.check import Check, not_checked, passed
from analysis.stats import Estimate, KaplanMeier, LogRank, TimeCourse, TwoByTwo
from analysis.tables import Table

# An expected cell count below this and the chi-square approximation fails: the exact test
# is primary.
SPARSE_EXPECTED = 5.0
# More unadjusted P values than this in the tables and the reader is told how likely a
# chance finding is among them.
UNADJUSTED_P_VALUES = 5
_P_IN_NOTE = re.compile(r"(?<![A-Za-z])[pP] ?(?:=|<|>|&lt;|&gt;)")
_TABLE_NUMBER = re.compile(r"^Table\s*\d+")


def sparse_two_by_two(table: TwoByTwo, analysis: str, printed: str, cfg: FormatConfig) -> Check:
    """Expected cell counts of a 2 x 2 table, and whether the report prints the exact test
    (``printed``: the key in ``table.tests`` of the test the report prints). Triggered
    (major) when an expected count is below :data:`SPARSE_EXPECTED` and the printed test
    is not Fisher's exact test."""
    cells = np.asarray(table.table, dtype=float)
    n = cells.sum()
    if n == 0:
        return not_checked("sparse_two_by_two", analysis, "the table is empty")
    expected = np.outer(cells.sum(1), cells.sum(0)) / n
    smallest = float(expected.min())
    shown = table.tests[printed]
    name = shown.method.split(",")[0].split(" (")[0]
    numbers = (("smallest_expected_count", smallest), ("p_value", shown.p_value))
    head = f"Smallest expected cell count {number(smallest, 1, cfg)}"
    if smallest >= SPARSE_EXPECTED:
        return passed("sparse_two_by_two", analysis, f"{head} ({SPARSE_EXPECTED:g} or more in every cell): the chi-square and the exact test are both valid; the report prints {name} {p_text(shown.p_value, cfg)}.", *numbers)  # fmt: skip
    if printed == "fisher":
        return passed("sparse_two_by_two", analysis, f"{head}, below {SPARSE_EXPECTED:g}: the exact test is primary, and the report prints it ({name} {p_text(shown.p_value, cfg)}).", *numbers)  # fmt: skip
    exact = table.tests["fisher"]
    message = (
        f"{head}, below {SPARSE_EXPECTED:g}, yet the report prints {name} "
        f"{p_text(shown.p_value, cfg)}: the approximation fails in sparse cells. The exact "
        f"test is primary: Fisher's exact test {p_text(exact.p_value, cfg)}."
    )
    return Check("sparse_two_by_two", analysis, True, "major", message, numbers)


def _clustered_text(label: str, e: Estimate | str, cfg: FormatConfig) -> str:
    if isinstance(e, str):
        return f"{label}: not estimable ({e})"
    if math.isnan(e.estimate):
        return f"{label}: not estimable"
    decimals = cfg.ratio_decimals if e.quantity.startswith("odds_ratio") else None
    what = "odds ratio" if e.quantity.startswith("odds_ratio") else "difference"
    shown = estimate_ci(e.estimate, e.ci_low, e.ci_high, decimals, cfg)
    return f"{label}: {what} {shown}, {p_text(e.p_value, cfg)}"


def vertebrae_as_independent(
    analysis: str,
    n_vertebrae: int,
    n_patients: int,
    clustered: Sequence[tuple[str, Estimate | str]],
    beside: bool,
    cfg: FormatConfig,
) -> Check:
    """A per-vertebra analysis that treats the vertebrae of one patient as independent.

    ``clustered`` holds the results allowing for clustering within patients (label, and
    the estimate or why there is none), empty when the toolkit has none for this
    analysis; ``beside`` says whether the report prints them next to it. Triggered
    (minor) when it does not.
    """
    numbers = (("vertebrae", float(n_vertebrae)), ("patients", float(n_patients)))
    if n_vertebrae <= n_patients:
        return passed("clustered_vertebrae", analysis, f"{count(n_vertebrae, cfg)} vertebrae of {count(n_patients, cfg)} patients: one per patient, nothing to cluster.", *numbers)  # fmt: skip
    head = (
        f"{count(n_vertebrae, cfg)} vertebrae of {count(n_patients, cfg)} patients "
        f"({number(n_vertebrae / n_patients, 2, cfg)} per patient) analysed as independent, "
        "so its p values are too small if vertebrae of one patient resemble each other"
    )
    results = "; ".join(_clustered_text(label, e, cfg) for label, e in clustered)
    if beside and clustered:
        return passed("clustered_vertebrae", analysis, f"{head}; the result allowing for clustering within patients is printed beside it ({results}).", *numbers)  # fmt: skip
    if clustered:
        tail = (
            "Allowing for clustering within patients (GEE, exchangeable working correlation, "
            f"robust SE): {results}."
        )
    else:
        tail = (
            "No estimate allowing for clustering is reported beside it: read its p values as "
            "too small, or fit the model with a patient-level cluster (GEE or a mixed model)."
        )
    return Check("clustered_vertebrae", analysis, True, "minor", f"{head}. {tail}", numbers)


def table_one_vertebrae(
    analysis: str,
    n_vertebrae: int,
    n_patients: int,
    clustered: Sequence[tuple[str, Estimate | str]],
    cfg: FormatConfig,
) -> Check:
    """Table 1's vertebra rows: tested on patients where a row is the same for every
    vertebra of a patient, without a P where it differs, so no test there treats the
    vertebrae of one patient as independent; ``clustered`` (GEE) is given for reference."""
    numbers = (("vertebrae", float(n_vertebrae)), ("patients", float(n_patients)))
    if n_vertebrae <= n_patients:
        return vertebrae_as_independent(analysis, n_vertebrae, n_patients, clustered, False, cfg)
    text = (
        f"{count(n_vertebrae, cfg)} vertebrae of {count(n_patients, cfg)} patients: a row the "
        "same for every vertebra of a patient is tested on the patients and a row that differs "
        "gets no P value, so no test treats the vertebrae of one patient as independent."
    )
    if clustered:
        results = "; ".join(_clustered_text(label, e, cfg) for label, e in clustered)
        text += (
            " For reference, allowing for clustering within patients (GEE, exchangeable "
            f"working correlation, robust SE): {results}."
        )
    return passed("clustered_vertebrae", analysis, text, *numbers)


def _p_cells(table: Table, missing: str) -> int:
    columns = [j for j, c in enumerate(table.columns) if c.strip().lower() == "p"]
    return sum(1 for r in table.rows for j in columns if r.cells[j].strip() not in ("", missing))


def _adjusted(table: Table) -> int:
    """P values of the table adjusted for multiplicity: the time points of each time course
    (Holm) with more than one."""
    return sum(
        len(s.changes) for s in table.source if isinstance(s, TimeCourse) and len(s.changes) > 1
    )


def multiple_testing(tables: Sequence[Table], alpha: float, cfg: FormatConfig) -> Check:
    """How many P values the publication tables print (in P columns and in footnotes) and
    how many are adjusted for multiplicity. Triggered (minor) when more than
    :data:`UNADJUSTED_P_VALUES` are not."""
    analysis = "Publication tables"
    if not tables:
        return not_checked("multiple_testing", analysis, "the report has no publication table")
    parts, total, adjusted = [], 0, 0
    for t in tables:
        cells = _p_cells(t, cfg.missing)
        notes = sum(len(_P_IN_NOTE.findall(f)) for f in t.footnotes)
        k = _adjusted(t)
        if cells + notes == 0:
            continue
        name = m.group(0) if (m := _TABLE_NUMBER.match(t.title)) else t.title
        part = f"{name}: {count(cells + notes, cfg)}"
        part += f", {count(notes, cfg)} in its notes" if notes else ""
        part += f", {count(k, cfg)} Holm-adjusted over time points" if k else ""
        parts.append(part)
        total, adjusted = total + cells + notes, adjusted + k
    unadjusted = total - adjusted
    chance = 1 - (1 - alpha) ** unadjusted
    numbers = (("p_values", float(total)), ("adjusted", float(adjusted)), ("unadjusted", float(unadjusted)), ("chance_of_a_false_positive", chance))  # fmt: skip
    head = (
        f"The tables print {count(total, cfg)} P values ({'; '.join(parts) or 'none'}); "
        f"{count(unadjusted, cfg)} are not adjusted for multiplicity"
    )
    if unadjusted <= UNADJUSTED_P_VALUES:
        return passed("multiple_testing", analysis, f"{head}.", *numbers)
    message = (
        f"{head}. If no difference existed anywhere and the tests were independent, the "
        f"chance that at least one of {count(unadjusted, cfg)} falls below {alpha:g} would be "
        f"{percent(chance, 0, cfg)}. Name the primary comparison; read the other P values as "
        "descriptive (Table 1) or exploratory, or adjust them (Holm)."
    )
    return Check("multiple_testing", analysis, True, "minor", message, numbers)


def _median_text(median: float, low: float, high: float, level: float, cfg: FormatConfig) -> str:
    """``608 days (95% CI 575 to 651)``; an upper limit not reached leaves the interval open."""
    if math.isnan(median):
        return "median not reached"
    interval = (
        ci(low, high, 0, cfg) if not math.isnan(high) else f"{number(low, 0, cfg)} to not reached"
    )
    return f"{number(median, 0, cfg)} days ({100 * level:g}% CI {interval})"


def follow_up_by_group(
    analysis: str,
    reverse: KaplanMeier,
    test: LogRank | None,
    deaths: Mapping[str, int],
    horizon: float,
    alpha: float,
    cfg: FormatConfig,
    competing: bool = False,
) -> Check:
    """Median follow-up per group by reverse Kaplan-Meier (the end of observation is the
    event, the outcome event censors), the log-rank test of follow-up between the groups,
    and the deaths that ended observation. Triggered (minor) when follow-up differs at
    ``alpha`` or a group's median follow-up is shorter than ``horizon`` days. ``competing``:
    the report's headline already treats death as a competing risk, so the advice is about
    the follow-up alone."""
    if len(reverse.curves) < 2:
        return not_checked("follow_up", analysis, "one group only")
    items, numbers, short = [], [], []
    for c in reverse.curves:
        shown = _median_text(c.median, c.median_ci_low, c.median_ci_high, c.ci_level, cfg)
        died = deaths.get(c.group, 0)
        items.append(f"{c.group} {shown}, observation ended by death in {count(died, cfg)} of {count(c.n, cfg)}")  # fmt: skip
        numbers += [(f"median_follow_up[{c.group}]", c.median), (f"deaths[{c.group}]", float(died))]
        if not math.isnan(c.median) and c.median < horizon:
            short.append(c.group)
    p = test.test.p_value if test is not None else math.nan
    numbers.append(("p_value", p))
    head = (
        "Median potential follow-up by reverse Kaplan-Meier (the end of observation, last "
        "contact or death, is the event; a new fracture censors; not Table 1's median of "
        f"the observed times to last contact or death): {'; '.join(items)}"
        + (f"; log-rank test of follow-up {p_text(p, cfg)}" if test is not None else "")
    )
    if not short and not p < alpha:
        return passed("follow_up", analysis, f"{head}.", *numbers)
    reasons = []
    if p < alpha:
        reasons.append("follow-up differs between the groups")
    if short:
        reasons.append(f"half of {' and '.join(short)} left observation before day {horizon:g}")
    deaths_advice = (
        "Deaths are a competing risk in the cumulative incidence reported, so they do not "
        "inflate it; compare the groups at a time most were still followed."
        if competing
        else "Deaths end observation and are censored in fracture-free survival as if those "
        "patients could still fracture, so 1 - Kaplan-Meier overstates the share with a new "
        "fracture where many die. Compare the groups at a time most were still followed, and "
        "give the cumulative incidence with death as a competing risk."
    )
    message = (
        f"{head}. {'; '.join(reasons).capitalize()}: the later estimates of the group followed "
        f"less rest on fewer patients. {deaths_advice}"
    )
    return Check("follow_up", analysis, True, "minor", message, tuple(numbers))


def responder_scale(
    measure: str,
    threshold: float,
    relative: bool,
    scale: tuple[float, float] | None,
    cfg: FormatConfig,
    label: str | None = None,
) -> Check:
    """Whether a responder threshold fits the declared scale of its measure. Triggered
    (major) when a threshold in points is at least the scale's range (the analysis is
    then refused: only a fall from top to bottom, or nothing, could meet it). ``label``
    names the measure for the reader (default: its column name)."""
    analysis = f"Responders, {label or measure}"
    numbers: tuple[tuple[str, float], ...] = (("threshold", float(threshold)),)
    if relative:
        return passed("responder_scale", analysis, f"A reduction of at least {percent(threshold, 0, cfg)} from baseline fits any scale.", *numbers)  # fmt: skip
    if scale is None:
        return not_checked("responder_scale", analysis, f"{measure} has no declared scale")
    low, high = scale
    span = high - low
    where = f"{load_labels().measure(measure).label.lower()} ({number(low, 0, cfg)}-{number(high, 0, cfg)} scale)"
    share = threshold / span
    numbers += (("share_of_range", share),)
    points = number(threshold, 0 if float(threshold).is_integer() else 1, cfg)
    if threshold < span:
        return passed("responder_scale", analysis, f"A reduction of at least {points} points on {where} is {percent(share, 0, cfg)} of its range: a threshold on the measure's own scale. A rule written for another measure (the Oswestry cut-off of 10 points, applied to pain on 0-10) is not applied.", *numbers)  # fmt: skip
    message = (
        f"A reduction of at least {points} points does not fit {where}: "
        "the threshold is on another scale, and the responder analysis was refused rather "
        "than reported as a count no patient could reach. Give the threshold in points of "
        "this scale."
    )
    return Check("responder_scale", analysis, True, "major", message, numbers)
