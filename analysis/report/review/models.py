"""Review checks of models and survival contrasts: events per parameter, groups with few
events, proportional hazards."""

from __future__ import annotations

import math
from collections.abc import Sequence

from analysis.formatting import FormatConfig, count, counted, estimate_ci, number, p_text
from analysis.labels import Labels
from analysis.report.review.check import Check, Severity, not_checked, passed
from analysis.stats import (
    CoxModel,
    Estimate,
    FineGrayModel,
    KaplanMeier,
    LogisticModel,
    RestrictedMean,
)
from analysis.stats.results import EVENTS_PER_PARAMETER

# EVENTS_PER_PARAMETER: fewer events than this per estimated parameter and a model's
# estimates are biased away from the null, their intervals too narrow (Peduzzi et al., J Clin
# Epidemiol 1995/1996). A group (or a factor's level) with fewer events than FEW_EVENTS gives
# an estimate that rests on a handful of patients.
FEW_EVENTS = 5

Model = CoxModel | LogisticModel | FineGrayModel


def _capital(text: str) -> str:
    """The first letter in upper case (a group name opening a sentence)."""
    return text[:1].upper() + text[1:]


def _events(n: int, cfg: FormatConfig, word: str = "event") -> str:
    """``1 event``, ``17 events``."""
    return counted(n, f"{word}s", cfg)


def _events_and_parameters(model: Model) -> tuple[int, int, str]:
    """Events that limit the model, its parameters, and what the events are called."""
    if isinstance(model, LogisticModel):
        non_events = model.n_used - model.n_events
        smaller = min(model.n_events, non_events)
        name = "events" if model.n_events <= non_events else "non-events (the smaller class)"
        return smaller, len(model.terms), name
    return model.n_events, len(model.coef), "events"


def events_per_parameter(model: Model, analysis: str, cfg: FormatConfig) -> Check:
    """Events per estimated parameter of a Cox, logistic or Fine-Gray model.

    Triggered below :data:`EVENTS_PER_PARAMETER`; major below half of it. For a logistic
    model the events are the smaller outcome class.
    """
    events, k, name = _events_and_parameters(model)
    if k == 0:
        return not_checked("events_per_parameter", analysis, "the model has no parameter")
    epp = events / k
    numbers = (("events", float(events)), ("parameters", float(k)), ("events_per_parameter", epp))
    head = (
        f"{count(events, cfg)} {name} for {count(k, cfg)} parameters: "
        f"{number(epp, 1, cfg)} per parameter"
    )
    if epp >= EVENTS_PER_PARAMETER:
        return passed("events_per_parameter", analysis, f"{head} (at least {EVENTS_PER_PARAMETER}).", *numbers)  # fmt: skip
    room = events // EVENTS_PER_PARAMETER
    advice = (
        f"{count(events, cfg)} {name} support about {count(room, cfg)} parameter{'s' if room > 1 else ''}"
        if room
        else f"fewer than {EVENTS_PER_PARAMETER} {name} support no adjusted model"
    )
    message = (
        f"{head}, fewer than the {EVENTS_PER_PARAMETER} usually asked for. With so few events "
        "per parameter the estimates are biased away from the null and their intervals too "
        f"narrow; {advice}. Fit fewer covariates or a penalised (Firth) model, or present this "
        "model as exploratory."
    )
    severity: Severity = "major" if epp < EVENTS_PER_PARAMETER / 2 else "minor"
    return Check("events_per_parameter", analysis, True, severity, message, numbers)


def few_events_logrank(km: KaplanMeier, analysis: str, test: Estimate | None, cfg: FormatConfig) -> Check:  # fmt: skip
    """Groups of a survival contrast (Kaplan-Meier curves compared by a test) with fewer
    than :data:`FEW_EVENTS` events. The test stays valid; its power does not."""
    groups = [(c.group, c.n_events, c.n) for c in km.curves]
    tally = "; ".join(f"{g} {_events(d, cfg)} among {count(n, cfg)} patients" for g, d, n in groups)  # fmt: skip
    numbers = tuple((f"events[{g}]", float(d)) for g, d, _ in groups)
    few = [g for g, d, _ in groups if d < FEW_EVENTS]
    if not few:
        return passed("few_events", analysis, f"{tally}: at least {FEW_EVENTS} events in every group.", *numbers)  # fmt: skip
    p = f" ({p_text(test.p_value, cfg)})" if test is not None else ""
    none = [g for g, d, _ in groups if d == 0]
    consequence = (
        f"{' and '.join(none)} had no event, so no hazard ratio can be estimated"
        if none
        else f"{' and '.join(few)} had fewer than {FEW_EVENTS} events"
    )
    message = (
        f"{tally}. {_capital(consequence)}, and the test{p} has little power: a large p value does not "
        "show that the groups are alike. Report the counts and the curves beside the p value."
    )
    return Check("few_events", analysis, True, "minor", message, numbers)


def few_events_rmst(rm: RestrictedMean, analysis: str, cfg: FormatConfig) -> Check:
    """Groups of a restricted-mean comparison without events up to tau: their variance is
    estimated as zero, so the difference has no valid interval or test. Major when the
    result still carries a p value, minor when it withholds it (as
    :func:`analysis.stats.rmst` does)."""
    if not rm.n_events:
        return not_checked("few_events", analysis, "the result does not count events per group")
    names = [g.quantity.removeprefix("rmst[").removesuffix("]") for g in rm.groups]
    tally = "; ".join(f"{g} {_events(d, cfg)} up to day {rm.tau:g}" for g, d in zip(names, rm.n_events, strict=True))  # fmt: skip
    numbers = tuple((f"events[{g}]", float(d)) for g, d in zip(names, rm.n_events, strict=True))
    few = [g for g, d in zip(names, rm.n_events, strict=True) if d < FEW_EVENTS]
    if not few:
        return passed("few_events", analysis, f"{tally}: at least {FEW_EVENTS} in every group.", *numbers)  # fmt: skip
    diff = rm.tests.get("difference")
    if not rm.without_events or diff is None:
        message = f"{tally}: the restricted means of {' and '.join(few)} rest on fewer than {FEW_EVENTS} events."  # fmt: skip
        return Check("few_events", analysis, True, "minor", message, numbers)
    flat = " and ".join(rm.without_events)
    direction = (
        diff.method.split("(", 1)[1].split(")", 1)[0] if "(" in diff.method else "difference"
    )
    printed = not math.isnan(diff.p_value)
    message = (
        f"{tally}. {_capital(flat)} had no event, so its restricted mean is {number(rm.tau, 0, cfg)} days with "
        "an estimated variance of zero, and the difference "
        f"({direction}, {number(diff.estimate, 1, cfg)} days) would take its variance from "
        "the other group alone: "
        + (
            f"its interval and p value ({p_text(diff.p_value, cfg)}) are too narrow and too small."
            if printed
            else "no confidence interval or p value is reported for it; read it as descriptive "
            "and compare the curves by the log-rank test."
        )
    )
    return Check("few_events", analysis, True, "major" if printed else "minor", message, numbers)


def _term_label(term: str, labels: Labels) -> str:
    """``steroid_use`` -> ``Chronic steroid use``; ``etiology=pathologic`` -> ``Fracture
    etiology: Pathologic (malignant)``."""
    covariate, _, level = term.partition("=")
    label = labels.get(covariate).display
    return f"{label}: {labels.level(covariate, level)}" if level else label


def few_events_in_levels(
    model: CoxModel | LogisticModel, analysis: str, labels: Labels, cfg: FormatConfig
) -> Check:
    """Levels of a model's yes/no or categorical covariates (groups of patients the model
    contrasts) with fewer than :data:`FEW_EVENTS` events: their ratios rest on a handful of
    events."""
    lc = model.level_counts
    if lc is None or lc.empty:
        return passed("few_events", analysis, "The model has no yes/no or categorical covariate.")  # fmt: skip
    rows = [
        (str(c), str(lv), int(n), int(d))
        for c, lv, n, d in zip(lc["covariate"], lc["level"], lc["n_subjects"], lc["n_events"], strict=True)
    ]  # fmt: skip
    numbers = tuple((f"events[{c}={lv}]", float(d)) for c, lv, _, d in rows)
    few = [r for r in rows if r[3] < FEW_EVENTS]
    if not few:
        return passed("few_events", analysis, f"Every level of its yes/no and categorical covariates has at least {FEW_EVENTS} events.", *numbers)  # fmt: skip
    ratios = model.hazard_ratios if isinstance(model, CoxModel) else model.odds_ratios
    name = "hazard ratio" if isinstance(model, CoxModel) else "odds ratio"
    unit = "patients" if isinstance(model, CoxModel) else "observations"
    items = []
    for covariate, level, n, d in few:
        label = labels.get(covariate)
        text = f"{label.display}, {label.level(level).lower()}: {_events(d, cfg)} among {count(n, cfg)} {unit} in the model"  # fmt: skip
        term = next((t for t in (f"{covariate}={level}", covariate) if t in ratios), None)
        binary_reference = term == covariate and level in ("0", "0.0", "False", "no")
        if term is not None and not binary_reference:
            e = ratios[term]
            shown = estimate_ci(e.estimate, e.ci_low, e.ci_high, cfg.ratio_decimals, cfg)
            text += f", {name} {shown}" if not math.isnan(e.estimate) else f", {name} not estimable"
        items.append(text)
    message = (
        "; ".join(items)
        + f". A {name} from fewer than {FEW_EVENTS} events is unstable: one event more or "
        "less moves it far. Report the counts beside it, or merge sparse levels."
    )
    return Check("few_events", analysis, True, "minor", message, numbers)


def proportional_hazards(model: CoxModel, analysis: str, alpha: float, labels: Labels, cfg: FormatConfig) -> Check:  # fmt: skip
    """The Schoenfeld-residual test of proportional hazards (``cox.zph``) of a Cox model:
    triggered when the global test or a covariate's test rejects at ``alpha``."""
    ph = model.ph_test
    if ph is None or ph.empty:
        return not_checked("proportional_hazards", analysis, "the model was fitted without the Schoenfeld-residual test")  # fmt: skip
    rows = ph[ph["term"] != "GLOBAL"]
    glob = float(ph.loc[ph["term"] == "GLOBAL", "p_value"].iloc[0])
    smallest = rows.loc[rows["p_value"].astype(float).idxmin()]
    numbers = (("global_p_value", glob), ("smallest_term_p_value", float(smallest["p_value"])))
    head = (
        f"Schoenfeld-residual test (as R's cox.zph): global {p_text(glob, cfg)}; smallest "
        f"per-covariate {p_text(float(smallest['p_value']), cfg)} "
        f"({_term_label(str(smallest['term']), labels)})"
    )
    rejected: Sequence[str] = [
        _term_label(str(t), labels) for t, p in zip(rows["term"], rows["p_value"].astype(float), strict=True) if p < alpha
    ]  # fmt: skip
    if glob >= alpha and not rejected:
        power = f"; with {count(model.n_events, cfg)} events the test has little power" if model.n_events < 50 else ""  # fmt: skip
        return passed("proportional_hazards", analysis, f"{head}: no evidence against proportional hazards{power}.", *numbers)  # fmt: skip
    which = ", ".join(rejected) if rejected else "the model as a whole"
    message = (
        f"{head}: proportional hazards rejected at {alpha:g} for {which}. The hazard ratio is "
        "then an average over follow-up that depends on who is followed how long; show the "
        "scaled Schoenfeld residuals, and model the effect as time-varying or stratify by it."
    )
    return Check("proportional_hazards", analysis, True, "minor", message, numbers)
