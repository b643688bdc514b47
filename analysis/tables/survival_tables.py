"""Survival tables from result objects: Kaplan-Meier at chosen days (as gtsummary's
``tbl_survfit``), cumulative incidence by cause, and Cox regression with univariable
and multivariable hazard ratios side by side (as ``tbl_regression`` + ``tbl_merge``).
Nothing is recomputed: every number is a field of the result passed in."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.formatting import PLAIN, FormatConfig, ci_label, count, estimate_ci, number, p_value
from analysis.labels import Labels
from analysis.stats import (
    CoxModel,
    CumulativeIncidence,
    KaplanMeier,
    LogisticModel,
    LogRank,
    Tests,
)
from analysis.stats.results import EVENTS_PER_PARAMETER
from analysis.tables._common import REFERENCE, Notes, abbreviations, ci_head, labels_or_default
from analysis.tables.model import Row, Span, Table


def _day(d: float) -> str:
    return f"Day {d:g}"


def _pct_ci(est: float, lo: float, hi: float, cfg: FormatConfig) -> str:
    return estimate_ci(100 * est, 100 * lo, 100 * hi, cfg.percent_decimals, cfg)


def _group_name(group: str, by: str | None, labels: Labels) -> str:
    if group == "all":
        return "All patients"
    return labels.level(by, group) if by else group


def km_table(
    km: KaplanMeier,
    days: Sequence[float] = (30, 90, 180, 365, 730),
    logrank: LogRank | None = None,
    by: str | None = None,
    what: str = "Fracture-free survival",
    style: FormatConfig = PLAIN,
    labels: Labels | None = None,
    title: str | None = None,
) -> Table:
    """Survival (%) with CI at chosen days, median with CI, and numbers at risk.

    Parameters
    ----------
    km
        The Kaplan-Meier result (one or more groups).
    days
        Days at which survival and numbers at risk are shown.
    logrank
        The test of the curves, named with its P value in a footnote.
    by
        The grouping variable, for its label and level names.
    """
    labels = labels_or_default(labels)
    at = km.at(days)
    level = km.curves[0].ci_level
    k = len(days)
    rows = [Row((f"{what}, % ({100 * level:g}% CI)", *[""] * (k + 2)), group=True)]
    for c in km.curves:
        sub = at[at["group"] == c.group]
        cells = [_pct_ci(s, lo, hi, style) for s, lo, hi in zip(sub["survival"], sub["ci_low"], sub["ci_high"], strict=True)]  # fmt: skip
        median = estimate_ci(c.median, c.median_ci_low, c.median_ci_high, 0, style)
        rows.append(Row((_group_name(c.group, by, labels), f"{count(c.n, style)} ({count(c.n_events, style)})", *cells, median), indent=1))  # fmt: skip
    rows.append(Row(("Number at risk", *[""] * (k + 2)), group=True))
    for c in km.curves:
        sub = at[at["group"] == c.group]
        rows.append(Row((_group_name(c.group, by, labels), "", *(count(n, style) for n in sub["n_risk"]), ""), indent=1))  # fmt: skip
    notes = Notes()
    notes.add(f"{km.method}; intervals at {100 * level:g}%.")
    notes.add(f"Median: days until half have had the event, with its {ci_label(level)}; {style.missing} where not reached.")  # fmt: skip
    if logrank is not None:
        t = logrank.test
        notes.add(f"{t.method}: chi-square {number(t.statistic, 2, style)}, df {t.df:g}, {style.p_symbol} {_p_phrase(t.p_value, style)}.")  # fmt: skip
    without = [_group_name(c.group, by, labels) for c in km.curves if c.n_events == 0]
    if without:
        notes.add(f"No event in {'; '.join(without)}: survival stays 100% throughout, without an interval.")  # fmt: skip
    if km.n_excluded:
        notes.add(f"{km.n_excluded} patients without a known follow-up time are excluded.")
    notes.add(abbreviations("CI"))
    return Table(
        title=title or f"Table. {what}" + (f" by {labels.display(by).lower()}" if by else ""),
        columns=(
            "Group",
            "Patients (events)",
            *(_day(d) for d in days),
            f"Median, days ({100 * level:g}% CI)",
        ),
        rows=tuple(rows),
        spanners=((Span(f"Survival, % ({100 * level:g}% CI)", 2, 2 + k),),),
        footnotes=notes.lines(),
        source=(km,) + ((logrank,) if logrank is not None else ()),
        name="survival",
    )


def _p_phrase(p: float, cfg: FormatConfig) -> str:
    text = p_value(p, cfg)
    return text if text.startswith(("<", ">")) else f"= {text}"


def cumulative_incidence_table(
    cif: CumulativeIncidence,
    days: Sequence[float] = (30, 90, 180, 365, 730),
    causes: Sequence[str] | None = None,
    by: str | None = None,
    style: FormatConfig = PLAIN,
    labels: Labels | None = None,
    title: str | None = None,
    at_risk: KaplanMeier | None = None,
) -> Table:
    """Cumulative incidence (%) with CI by cause (rows grouped by cause: fracture classes
    first, death last), the events of each cause in each group, Gray's test of each cause
    in the notes, and a note for a group without events (its estimates are 0 without an
    interval).

    Parameters
    ----------
    at_risk
        The Kaplan-Meier result of the same patients and groups with every cause an
        event or censoring (e.g. fracture-free survival, deaths censored): its numbers
        at risk at each day, the patients still followed free of every cause, close the
        table, so a late estimate shows how few patients it rests on.

    Raises
    ------
    ValueError
        When ``at_risk`` lacks a group of ``cif``.
    """
    labels = labels_or_default(labels)
    at = cif.at(days)
    level = cif.curves[0].ci_level
    shown = sorted((c for c in cif.causes if causes is None or c in causes), key=lambda c: c == "death")  # fmt: skip
    rows: list[Row] = []
    without: list[str] = []
    for cause in shown:
        rows.append(Row((labels.level("fracture_class", cause), *[""] * (len(days) + 1)), group=True))  # fmt: skip
        for g in cif.groups:
            sub = at[(at["cause"] == cause) & (at["group"] == g)]
            events = int(cif.curve(cause, g).table["n_event"].sum())
            cells = [_pct_ci(e, lo, hi, style) if not np.isnan(lo) else number(100 * e, style.percent_decimals, style)
                     for e, lo, hi in zip(sub["estimate"], sub["ci_low"], sub["ci_high"], strict=True)]  # fmt: skip
            rows.append(Row((_group_name(g, by, labels), count(events, style), *cells), indent=1))
            if not events:
                without.append(f"{_group_name(g, by, labels)} ({labels.level('fracture_class', cause).lower()})")  # fmt: skip
    if at_risk is not None:
        rows += _at_risk_rows(at_risk, cif.groups, days, by, style, labels)
    notes = Notes()
    notes.add(f"{cif.method}; intervals at {100 * level:g}%; {style.missing} after the end of a group's follow-up.")  # fmt: skip
    if at_risk is not None:
        notes.add("Number at risk: patients still followed, alive and free of a new fracture, at the start of each day.")  # fmt: skip
    if without:
        notes.add(f"No event in {'; '.join(without)}: the incidence is 0 throughout, without an interval.")  # fmt: skip
    for cause in shown:
        if cause in cif.gray:
            notes.add(f"{labels.level('fracture_class', cause)}: Gray's test, {style.p_symbol} {_p_phrase(cif.gray[cause].p_value, style)}.")  # fmt: skip
    notes.add(abbreviations("CI"))
    return Table(
        title=title or "Table. Cumulative incidence of new fractures by class, death competing",
        columns=("Cause and group", "Events", *(_day(d) for d in days)),
        rows=tuple(rows),
        spanners=((Span(f"Cumulative incidence, % ({100 * level:g}% CI)", 2, 2 + len(days)),),),
        footnotes=notes.lines(),
        source=(cif,),
        name="cumulative_incidence",
    )


def _at_risk_rows(km: KaplanMeier, groups: Sequence[str], days: Sequence[float], by: str | None, cfg: FormatConfig, labels: Labels) -> list[Row]:  # fmt: skip
    """The numbers at risk of each group at each day, under a heading row."""
    at = km.at(days)
    rows = [Row(("Number at risk", *[""] * (len(days) + 1)), group=True)]
    for g in groups:
        sub = at[at["group"] == g]
        if sub.empty:
            raise ValueError(f"the numbers at risk have no group {g!r}; groups: {', '.join(c.group for c in km.curves)}")  # fmt: skip
        rows.append(Row((_group_name(g, by, labels), "", *(count(n, cfg) for n in sub["n_risk"])), indent=1))  # fmt: skip
    return rows


Model = CoxModel | LogisticModel


def _ratios(model: Model) -> Tests:
    return model.hazard_ratios if isinstance(model, CoxModel) else model.odds_ratios


def covariates_of(model: Model) -> list[str]:
    """The covariates of a model, in its formula's order."""
    return [c.strip() for c in model.formula.split("~", 1)[1].split("+")]


def _term_cells(model: Model | None, term: str, cfg: FormatConfig) -> list[str]:
    if model is None:
        return ["", ""]
    try:
        e = _ratios(model)[term]
    except KeyError:
        return ["", ""]
    if np.isnan(e.estimate):
        return ["NE", ""]
    return [estimate_ci(e.estimate, e.ci_low, e.ci_high, cfg.ratio_decimals, cfg), p_value(e.p_value, cfg)]  # fmt: skip


def _levels_of(model: Model, cov: str) -> pd.DataFrame:
    lc = model.level_counts
    return pd.DataFrame() if lc is None else lc[lc["covariate"] == cov]


def _covariate_rows(cov: str, uni: Model | None, multi: Model | None, cfg: FormatConfig, labels: Labels) -> list[Row]:  # fmt: skip
    base = uni or multi
    assert base is not None
    levels = _levels_of(base, cov)
    lab = labels.get(cov)
    if levels.empty:  # a number: one row, HR per unit
        n = f"{count(base.n_used, cfg)}"
        return [Row((lab.display, n, count(base.n_events, cfg), *_term_cells(uni, cov, cfg), *_term_cells(multi, cov, cfg)))]  # fmt: skip
    rows = [Row((lab.display, *[""] * 6))]
    terms = set(_ratios(base))
    binary = len(levels) == 2 and cov in terms  # a yes/no covariate entered as 0/1
    for i, (level, n_subjects, n_events) in enumerate(
        zip(levels["level"], levels["n_subjects"], levels["n_events"], strict=True)
    ):
        name = lab.level(level)
        cells = [count(n_subjects, cfg), count(n_events, cfg)]
        term = cov if binary else f"{cov}={level}"
        if (binary and i == 0) or (not binary and term not in terms):
            rows.append(
                Row((name, *cells, REFERENCE, "", REFERENCE if multi else "", ""), indent=1)
            )
        else:
            rows.append(Row((name, *cells, *_term_cells(uni, term, cfg), *_term_cells(multi, term, cfg)), indent=1))  # fmt: skip
    return rows


def _few_events_per_parameter(model: CoxModel) -> bool:
    """Whether a Cox model has fewer events per estimated coefficient than
    :data:`EVENTS_PER_PARAMETER`."""
    return len(model.coef) > 0 and model.n_events < EVENTS_PER_PARAMETER * len(model.coef)


def regression_table(
    multivariable: Model | None,
    univariable: Sequence[Model] = (),
    style: FormatConfig = PLAIN,
    labels: Labels | None = None,
    title: str | None = None,
) -> Table:
    """Hazard ratios of univariable and multivariable Cox models (or odds ratios of
    logistic models) side by side.

    Each covariate is a labelled row; a factor or yes/no covariate gets a row per level
    with its patients and events, the model's reference level marked. N and events
    come from the univariable model of the covariate when given (it excludes fewer
    patients), else from the multivariable model.

    Raises
    ------
    ValueError
        When no model is given.
    """
    if multivariable is None and not univariable:
        raise ValueError(
            "regression_table needs a multivariable model, univariable models, or both"
        )
    labels = labels_or_default(labels)
    uni = {covariates_of(m)[0]: m for m in univariable}
    order = covariates_of(multivariable) if multivariable else []
    order += [c for c in uni if c not in order]
    rows = []
    for cov in order:
        rows += _covariate_rows(cov, uni.get(cov), multivariable if multivariable and cov in covariates_of(multivariable) else None, style, labels)  # fmt: skip
    notes = Notes()
    ref = multivariable or univariable[0]
    cox = isinstance(ref, CoxModel)
    if any(isinstance(m, CoxModel) != cox for m in (*univariable, multivariable) if m is not None):
        raise ValueError("regression_table: give Cox models or logistic models, not both")
    ratio, ratio_name = ("HR", "hazard ratios") if cox else ("OR", "odds ratios")
    notes.add(f"{ref.method}; {ratio_name} of numeric covariates are per unit.")
    if univariable and multivariable is not None:
        notes.add("N and events: the patients of each covariate's univariable model (the multivariable model's are below).")  # fmt: skip
    if multivariable is not None:
        m = multivariable
        lr = m.tests["likelihood_ratio"]
        units = "patients" if cox else "observations"
        tail = (
            f"; concordance {number(m.concordance, 2, style)}." if isinstance(m, CoxModel) else "."
        )
        notes.add(
            f"Multivariable model: {count(m.n_used, style)} {units}, {count(m.n_events, style)} events"
            f" ({count(m.n_excluded, style)} excluded for a missing value); likelihood-ratio test "
            f"{style.p_symbol} {_p_phrase(lr.p_value, style)}{tail}"
        )  # fmt: skip
        if isinstance(m, CoxModel) and _few_events_per_parameter(m):
            per = number(m.n_events / len(m.coef), 1, style)
            notes.add(f"The multivariable model has {per} events per estimated parameter, fewer than the {EVENTS_PER_PARAMETER} usually asked for: its hazard ratios are exploratory.")  # fmt: skip
    for cov in order:  # what a covariate's label alone could leave unsaid
        if labels.get(cov).note:
            notes.add(labels.get(cov).note)
    if any(r.cells[3] == "NE" or r.cells[5] == "NE" for r in rows):
        notes.add("NE, not estimable: the coefficient may be infinite (a level without events).")
    notes.add(abbreviations("CI", ratio))
    level = (ref.terms[0].ci_level if ref.terms else 0.95) or 0.95
    if isinstance(ref, CoxModel):
        default_title = "Table. Risk factors for a new vertebral fracture (Cox regression)"
    else:
        default_title = f"Table. Risk factors for {labels.display(ref.outcome).lower()} (logistic regression)"  # fmt: skip
    return Table(
        title=title or default_title,
        columns=(
            "Characteristic",
            "N",
            "Events",
            ci_head(level, ratio),
            style.p_symbol,
            ci_head(level, ratio),
            style.p_symbol,
        ),
        rows=tuple(rows),
        spanners=((Span("Univariable", 3, 5), Span("Multivariable", 5, 7)),),
        footnotes=notes.lines(),
        source=(*univariable, *((multivariable,) if multivariable else ())),
        name="regression",
    )
