"""Outcome tables from result objects: a group comparison (one row per group, then the
difference with its test), the outcome over time (change from baseline with CI,
adjusted P, responders), and a case series (one row per patient, as small series
print). Numbers come from the results passed in; nothing is recomputed."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis.formatting import (  # fmt: skip
    PLAIN,
    FormatConfig,
    count,
    count_percent,
    estimate_ci,
    mean_sd,
    median_iqr,
    number,
    p_value,
)
from analysis.labels import Labels
from analysis.schema import Cohort
from analysis.stats import (
    ChangeByGroup,
    Estimate,
    Responders,
    TimeCourse,
    TwoGroupComparison,
    session_cement_volume,
)
from analysis.tables._common import (
    Notes,
    abbreviations,
    ci_head,
    hodges_lehmann_note,
    labels_or_default,
    sentence_case,
    stat_name,
)
from analysis.tables.model import Align, Row, Span, Table


def _diff(e: Estimate, cfg: FormatConfig) -> str:
    return estimate_ci(e.estimate, e.ci_low, e.ci_high, None, cfg)


def _method(e: Estimate) -> str:
    return e.method.split(";")[0]


_ESTIMATE_NAMES = {
    "mean_difference": "mean difference",
    "hodges_lehmann_shift": "Hodges-Lehmann shift",
}


def _named_diff(e: Estimate, cfg: FormatConfig) -> str:
    """The estimate with its CI, named (``Hodges-Lehmann shift -2.0 (-2.0 to -1.0)``)."""
    name = _ESTIMATE_NAMES.get(e.quantity, e.quantity.replace("_", " "))
    return f"{name} {_diff(e, cfg)}"


def group_comparison_table(
    comparisons: Sequence[TwoGroupComparison | ChangeByGroup],
    by: str | None = None,
    style: FormatConfig = PLAIN,
    labels: Labels | None = None,
    title: str | None = None,
) -> Table:
    """Each compared variable as a block: one row per group (n, mean (SD), median
    [IQR]), then the difference (first minus second) by the primary test with CI and P
    (test named in a footnote); a change compared between groups adds the
    baseline-adjusted (ANCOVA) difference. Sensitivity tests are listed in the notes."""
    labels = labels_or_default(labels)
    notes = Notes()
    rows: list[Row] = []
    level = 0.95
    for item in comparisons:
        comp = item.change if isinstance(item, ChangeByGroup) else item
        name = item.measure if isinstance(item, ChangeByGroup) else comp.variable
        head = labels.measure(name).display
        if isinstance(item, ChangeByGroup):
            head = f"{head}: change from {labels.timepoint(item.time_before).lower()} to {labels.timepoint(item.time_after)}"  # fmt: skip
        rows.append(Row((head, *[""] * 5), group=True))
        for g in comp.groups:
            rows.append(Row((labels.level(by, g.group) if by else g.group, count(g.n, style), mean_sd(g.mean, g.sd, style),
                             median_iqr(g.median, g.q1, g.q3, style), "", ""), indent=1))  # fmt: skip
        g1, g2 = (labels.level(by, g.group) if by else g.group for g in comp.groups)
        main = comp.primary_test
        level = main.ci_level
        mark = notes.mark(_method(main))
        rows.append(Row((f"Difference, {g1} − {g2}", "", "", "", _diff(main, style), p_value(main.p_value, style) + mark), indent=1))  # fmt: skip
        if isinstance(item, ChangeByGroup):
            adj = item.ancova
            rows.append(Row(("Adjusted for baseline", "", "", "", _diff(adj, style), p_value(adj.p_value, style) + notes.mark(_method(adj))), indent=1))  # fmt: skip
        sens = "; ".join(f"{_method(e)}: {_named_diff(e, style)}, {style.p_symbol} {_phrase(e.p_value, style)}" for e in comp.sensitivity.values())  # fmt: skip
        notes.add(f"{head}, sensitivity analyses: {sens}; SMD (absolute) {number(abs(comp.smd), style.smd_decimals, style)}.")  # fmt: skip
    notes.add(hodges_lehmann_note((e for item in comparisons for e in (item.change if isinstance(item, ChangeByGroup) else item).sensitivity.values()), style))  # fmt: skip
    notes.add(abbreviations("CI", "IQR", "SD", "SMD"))
    columns = ("Group", "n", sentence_case(stat_name("mean_sd", style)), sentence_case(stat_name("median_iqr", style)), ci_head(level, "Difference"), style.p_symbol)  # fmt: skip
    return Table(
        title=title
        or "Table. Comparison between groups" + (f" by {labels.display(by).lower()}" if by else ""),
        columns=columns,
        rows=tuple(rows),
        footnotes=notes.lines(),
        source=tuple(comparisons),
        name="comparison",
    )


def _phrase(p: float, cfg: FormatConfig) -> str:
    text = p_value(p, cfg)
    return text if text.startswith(("<", ">")) else f"= {text}"


def _excluded_note(course: TimeCourse, labels: Labels, cfg: FormatConfig) -> str:
    """Per time point of one measure, the pairs used of all sessions and those left out,
    by reason: no score before, no score at the time point (of whom so many had died
    before it)."""
    parts = []
    for c in course.changes:
        reasons = [f"{count(n, cfg)} without a score {when}" for n, when in ((c.n_missing_before, "before"), (c.n_missing_after, "at the time point")) if n]  # fmt: skip
        if c.n_died and c.n_missing_after:
            reasons[-1] += f" ({count(c.n_died, cfg)} of them had died before it)"
        both = "; some lack both" * (c.n_missing_before + c.n_missing_after > c.n_excluded)
        why = f": {', '.join(reasons)}{both}" if c.n_excluded else ""
        parts.append(f"{labels.timepoint(c.time_after)} {count(c.n_pairs, cfg)} of {count(c.n_pairs + c.n_excluded, cfg)} ({count(c.n_excluded, cfg)} excluded{why})")  # fmt: skip
    return f"Pairs used, {labels.measure(course.measure).display}: " + "; ".join(parts) + "."


def outcome_table(
    courses: Sequence[TimeCourse],
    responders: Sequence[Responders] = (),
    test: str = "t",
    style: FormatConfig = PLAIN,
    labels: Labels | None = None,
    title: str | None = None,
) -> Table:
    """Each measure at each time point against baseline.

    One block per measure; one row per follow-up time point with the complete pairs,
    the mean (SD) before and at the time point, the change from baseline with its CI,
    the P value adjusted over the time points (Holm; the adjustment and test named in a
    footnote) and, where a :class:`Responders` result for that measure and time point is
    given, the responders n (%).

    Parameters
    ----------
    test
        ``"t"``: mean change and paired t-test (default); ``"wilcoxon"``: Hodges-Lehmann
        median change and Wilcoxon signed-rank test.
    """
    if test not in ("t", "wilcoxon"):
        raise ValueError(f"test must be 't' or 'wilcoxon', not {test!r}")
    labels = labels_or_default(labels)
    notes = Notes()
    rows: list[Row] = []
    level = 0.95
    for course in courses:
        rows.append(Row((labels.measure(course.measure).display, *[""] * 6), group=True))
        adjusted = course.p_holm_t if test == "t" else course.p_holm_wilcoxon
        for change, p_adj in zip(course.changes, adjusted, strict=True):
            e = change.t_test if test == "t" else change.wilcoxon
            level = e.ci_level
            resp = next((r for r in responders if r.measure == course.measure and r.time_after == change.time_after), None)  # fmt: skip
            resp_text = ""
            if resp is not None:
                resp_text = count_percent(resp.responders.count, resp.responders.n, style) + notes.mark(f"Responders: {resp.definition}")  # fmt: skip
            k = len(course.changes)
            adjustment = f"P adjusted for {k} time points by Holm's method" if k > 1 else "one time point, P unadjusted"  # fmt: skip
            mark = notes.mark(f"{_method(e)}; {adjustment}")
            rows.append(Row((labels.timepoint(change.time_after), count(change.n_pairs, style),
                             mean_sd(change.mean_before, change.sd_before, style), mean_sd(change.mean_after, change.sd_after, style),
                             _diff(e, style), p_value(p_adj, style) + mark, resp_text), indent=1))  # fmt: skip
    baseline = labels.timepoint(courses[0].baseline) if courses else "Baseline"
    notes.add("Complete pairs only: each row's before and after values come from the same sessions.")  # fmt: skip
    for course in courses:
        notes.add(_excluded_note(course, labels, style))
    if any(c.n_died for course in courses for c in course.changes):
        notes.add("Without a score at the time point: died before it (counted above), or not assessed, or left follow-up before it.")  # fmt: skip
    elif any(c.n_missing_after for course in courses for c in course.changes):
        notes.add("Without a score at the time point: not assessed, or died or left follow-up before it.")  # fmt: skip
    notes.add(abbreviations("CI", "SD"))
    change_head = "Mean change" if test == "t" else "Median change (HL)"
    ms = stat_name("mean_sd", style)
    return Table(
        title=title or "Table. Outcomes after the index procedure",
        columns=(
            "Measure and time point",
            "Pairs",
            f"{baseline}, {ms}",
            f"At time point, {ms}",
            ci_head(level, change_head),
            style.p_symbol,
            f"Responders, {stat_name('categorical', style)}",
        ),
        rows=tuple(rows),
        spanners=((Span("Change from baseline", 4, 6),),),
        footnotes=notes.lines(),
        source=(*courses, *responders),
        name="outcomes",
    )


def _index_rows(cohort: Cohort) -> pd.DataFrame:
    procs = cohort.procedures.copy()
    procs["day"] = procs["day"].astype(float)
    return procs


_CASE_COLUMNS: tuple[tuple[str, str, Align], ...] = (
    ("case", "Case", "c"),
    ("age", "Age, y", "c"),
    ("sex", "Sex", "l"),
    ("bmd", "BMD T-score", "c"),
    ("history", "Levels treated before", "l"),
    ("levels", "Levels", "l"),
    ("technique", "Technique", "l"),
    ("cement", "Cement", "l"),
    ("volume", "Cement, mL", "c"),
    ("failure", "Days to failure", "c"),
    ("repeat", "Repeat augmentation", "l"),
    ("fracture", "New fracture", "l"),
    ("outcome", "Outcome", "l"),
    ("pain", "Pain", "c"),
)


# Ages from which a single patient's age is pooled (HIPAA Safe Harbor: "90 or older").
AGE_TOP = 90


def patient_age(age: float, cfg: FormatConfig = PLAIN, top: int = AGE_TOP) -> str:
    """One patient's age as a table prints it: whole years, or ``≥90`` from ``top`` on,
    so an age over 89 never identifies a patient (HIPAA Safe Harbor pools them). An age
    that would print as ``top`` once rounded (89.6) is pooled too."""
    if age >= top - 0.5:
        return f"≥{count(top, cfg)}"
    return number(float(age), 0, cfg)


def _session_volume(index: pd.DataFrame, cfg: FormatConfig) -> str | None:
    """The index session's cement, as the risk model counts it
    (:func:`analysis.stats.session_cement_volume`)."""
    if not len(index):
        return None
    total = session_cement_volume(index).iloc[0]
    return None if pd.isna(total) else number(float(total), 1, cfg)


def _case_cells(pid: str, pts: pd.DataFrame, procs: pd.DataFrame, fx: pd.DataFrame,
                pain: pd.DataFrame, timepoints: tuple[str, str], cfg: FormatConfig, labels: Labels) -> dict[str, str | None]:  # fmt: skip
    """One patient's cells; None where the series has nothing to show."""
    p = pts.loc[pid]
    mine = procs[procs["patient_id"] == pid]
    index = mine[mine["day"] == mine["day"].min()]
    repeats = mine[mine["is_repeat"].fillna(False).astype(bool)]
    session = index["procedure_id"].iloc[0] if len(index) else None

    def level_text(level: object) -> str:
        return str(level) if isinstance(level, str) else "level not given"

    def distinct(col: str) -> str | None:
        vals = [labels.level(col, v) for v in pd.unique(index[col].dropna())]
        return "/".join(vals) or None

    def when(frame: pd.DataFrame) -> str:
        return "; ".join(f"{level_text(lv)} (day {count(d, cfg)})" for lv, d in zip(frame["level"], frame["day"], strict=True))  # fmt: skip

    failure = index["failure_day"].dropna()
    last = mine[mine["day"] == mine["day"].max()]["outcome"].dropna()
    scores = pain[pain["procedure_id"] == session].set_index("timepoint")["value"]
    before, after = (float(scores[t]) if t in scores.index else None for t in timepoints)
    history = p.get("prior_treated_levels")
    return {
        "age": patient_age(float(p["age_years"]), cfg) if pd.notna(p["age_years"]) else None,
        "sex": labels.level("sex", p["sex"]) if pd.notna(p["sex"]) else None,
        "bmd": number(float(p["bmd_t_score"]), 1, cfg) if pd.notna(p["bmd_t_score"]) else None,
        "history": str(history) if isinstance(history, str) and history else None,
        "levels": ", ".join(level_text(lv) for lv in index["level"]) or None,
        "technique": distinct("technique"),
        "cement": distinct("cement_type"),
        "volume": _session_volume(index, cfg),
        "failure": count(int(failure.min()), cfg) if len(failure) else None,
        "repeat": when(repeats) or "No",
        "fracture": when(fx[fx["patient_id"] == pid]) or "None",
        "outcome": labels.level("outcome", last.iloc[0]) if len(last) else None,
        "pain": None if before is None and after is None else f"{number(before, 0, cfg)} → {number(after, 0, cfg)}",
    }  # fmt: skip


_CASE_NOTES = (
    ("levels", "levels"), ("technique", "technique"), ("cement", "cement"),
    ("volume", "volume (total over the levels)"),
)  # fmt: skip


def _listed(items: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _case_columns_note(keys: set[str]) -> str:
    """What the shown columns hold: only columns the table prints are described."""
    index = [text for key, text in _CASE_NOTES if key in keys]
    parts = [f"{_listed(index)} of the index session"] if index else []
    if "failure" in keys:
        parts.append("days to failure from the index procedure to unrelieved or recurrent pain or progression")  # fmt: skip
    events = [name for key, name in (("repeat", "repeat augmentation"), ("fracture", "new fractures")) if key in keys]  # fmt: skip
    if events:
        parts.append(f"{_listed(events)} with their level and day after the index procedure")
    if "outcome" in keys:
        parts.append("outcome of the last procedure")
    return sentence_case("; ".join(parts)) + "." if parts else ""


def case_series_table(
    cohort: Cohort,
    pain_timepoints: tuple[str, str] = ("pre", "1m"),
    max_patients: int = 30,
    style: FormatConfig = PLAIN,
    labels: Labels | None = None,
    title: str | None = None,
) -> Table:
    """One row per patient, as small series print them: age, sex, BMD T-score, levels
    treated before, levels, technique and cement of the index session, cement volume,
    days to failure, repeat augmentation and new fractures (level and day), the outcome
    of the last procedure, pain before and after the index session.

    A column the series reports for nobody is left out (a footnote names them).
    Patients are numbered 1, 2, ... in the order of the patients table; no identifier
    of the input is shown.

    Raises
    ------
    ValueError
        With more patients than ``max_patients`` (a per-patient table of a large cohort
        is a listing, not a publication table).
    """
    labels = labels_or_default(labels)
    pts = cohort.patients.set_index(cohort.patients["patient_id"].astype(str))
    if len(pts) > max_patients:
        raise ValueError(f"a case-series table lists one row per patient; this cohort has {len(pts)} patients (max_patients={max_patients})")  # fmt: skip
    procs = _index_rows(cohort)
    procs["patient_id"] = procs["patient_id"].astype(str)
    fx = cohort.fractures.assign(patient_id=cohort.fractures["patient_id"].astype(str))
    a = cohort.assessments
    pain = a[(a["measure"] == "pain_vas") & a["timepoint"].astype(str).isin(pain_timepoints)]
    pain = pain.assign(timepoint=pain["timepoint"].astype(str))
    cells = [
        {"case": str(i), **_case_cells(pid, pts, procs, fx, pain, pain_timepoints, style, labels)}
        for i, pid in enumerate(pts.index, 1)
    ]
    t0, t1 = (labels.timepoint(t) for t in pain_timepoints)
    shown = [c for c in _CASE_COLUMNS if any(row[c[0]] is not None for row in cells)]
    optional = {"history": "levels treated before", "volume": "cement volume", "failure": "days to failure", "outcome": "outcome", "pain": "pain scores"}  # fmt: skip
    left_out = [name for key, name in optional.items() if key not in {c[0] for c in shown}]
    heads = [
        f"Pain, {t0.lower()} → {t1.lower()}" if key == "pain" else head for key, head, _ in shown
    ]
    keys = {c[0] for c in shown}
    notes = [_case_columns_note(keys), f"{style.missing}: not reported for this patient."]
    if "age" in keys:
        notes.append(f"Ages of {AGE_TOP} years and over are shown as ≥{AGE_TOP}, so that no patient is identified by age.")  # fmt: skip
    if any(c[0] == "pain" for c in shown):
        notes.append("Pain on a 0–10 scale at the index session.")
    if left_out:
        notes.append(f"Not reported for any patient: {', '.join(h.lower() for h in left_out)}.")
    notes.append(abbreviations("BMD") if any(c[0] == "bmd" for c in shown) else "")
    return Table(
        title=title or "Table. Patients of the series",
        columns=tuple(heads),
        rows=tuple(Row(tuple(row[key] or style.missing for key, _, _ in shown)) for row in cells),
        footnotes=tuple(n for n in notes if n),
        source=(cohort,),
        align=tuple(al for _, _, al in shown),
        name="case_series",
    )
