"""Publication tables of outcome and survival results (display strings only here)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from analysis.formatting import DEFAULT, FormatConfig, ci, count_percent, mean_sd, number, p_value
from analysis.labels import Labels, load_labels
from analysis.stats import (
    CoxModel,
    CumulativeIncidence,
    Estimate,
    FineGrayModel,
    KaplanMeier,
    PairedChange,
    Proportion,
    TwoGroupComparison,
)

MEASURES = {
    "pain_vas": "Pain (VAS 0-10)",
    "mobility": "Mobility impairment (0-4)",
    "odi": "ODI",
    "cement_volume_ml": "Cement volume (mL)",
}


def _estimate_ci(e: Estimate, cfg: FormatConfig, decimals: int | None = None) -> str:
    if e.ci_low != e.ci_low:  # NaN
        return number(e.estimate, decimals, cfg)
    return f"{number(e.estimate, decimals, cfg)} ({ci(e.ci_low, e.ci_high, decimals, cfg)})"


def paired_table(changes: Sequence[PairedChange], cfg: FormatConfig = DEFAULT) -> pd.DataFrame:
    """One row per comparison: n, before and after mean (SD), changes with CIs and tests;
    the time points spelled out (``Before vs 1 month``), never their codes."""
    rows = []
    tp = load_labels().timepoint
    for c in changes:
        rows.append(
            {
                "Measure": MEASURES.get(c.measure, c.measure),
                "Comparison": f"{tp(c.time_before)} vs {tp(c.time_after).lower()}",
                "Pairs (excluded)": f"{c.n_pairs} ({c.n_excluded})",
                "Before, mean (SD)": mean_sd(c.mean_before, c.sd_before, cfg),
                "After, mean (SD)": mean_sd(c.mean_after, c.sd_after, cfg),
                "Mean change (95% CI)": _estimate_ci(c.t_test, cfg),
                "p (paired t)": p_value(c.t_test.p_value, cfg),
                "Median change, HL (95% CI)": _estimate_ci(c.wilcoxon, cfg),
                "p (Wilcoxon)": p_value(c.wilcoxon.p_value, cfg),
                "Cohen's d_z": number(c.cohen_dz, 2, cfg),
            }
        )
    return pd.DataFrame(rows)


def proportions_table(props: Iterable[Proportion], cfg: FormatConfig = DEFAULT) -> pd.DataFrame:
    """Count (%) of n with Wilson and Clopper-Pearson intervals in percent."""
    rows = []
    for p in props:
        pct = lambda e: ci(100 * e.ci_low, 100 * e.ci_high, 1, cfg)  # noqa: E731
        rows.append(
            {
                "Outcome": p.label,
                "n (%)": count_percent(p.count, p.n, cfg),
                "Denominator": p.n,
                "95% CI, Wilson (%)": pct(p.wilson),
                "95% CI, Clopper-Pearson (%)": pct(p.clopper_pearson),
            }
        )
    return pd.DataFrame(rows)


def comparison_table(
    comp: TwoGroupComparison,
    extra: Sequence[Estimate] = (),
    cfg: FormatConfig = DEFAULT,
    tests: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Group summaries, then one row per test of the difference (first minus second). The
    SMD is printed absolute, as Table 1 prints it (the difference gives the direction).
    ``tests``: the names of the tests to show, in order (default every test of ``comp``).

    Raises
    ------
    ValueError
        When ``tests`` names a test ``comp`` does not hold.
    """
    names = list(comp.tests) if tests is None else list(tests)
    unknown = [n for n in names if n not in comp.tests]
    if unknown:
        raise ValueError(f"no test {', '.join(unknown)} in the comparison; tests: {', '.join(comp.tests)}")  # fmt: skip
    g1, g2 = comp.groups
    head = (
        f"{g1.group}: n = {g1.n}, mean (SD) {mean_sd(g1.mean, g1.sd, cfg)}; "
        f"{g2.group}: n = {g2.n}, mean (SD) {mean_sd(g2.mean, g2.sd, cfg)}; SMD (absolute) {number(abs(comp.smd), 2, cfg)}"
    )
    rows = [
        {"Groups": head if i == 0 else "", "Difference (95% CI)": _estimate_ci(e, cfg), "p": p_value(e.p_value, cfg), "Method": e.method}
        for i, e in enumerate([*(comp.tests[n] for n in names), *extra])
    ]  # fmt: skip
    return pd.DataFrame(rows)


def _percent_ci(est: pd.Series, low: pd.Series, high: pd.Series, cfg: FormatConfig) -> list[str]:
    """``4.7 (2.7 to 7.6)``; the estimate alone where it has no interval (before the first
    event, or a group without events)."""
    return [
        f"{number(100 * e, 1, cfg)} ({ci(100 * lo, 100 * hi, 1, cfg)})"
        if not (pd.isna(lo) and pd.isna(hi))
        else number(100 * e, 1, cfg)
        for e, lo, hi in zip(est, low, high, strict=True)
    ]


def _group_label(group: str) -> str:
    return "All patients" if group == "all" else str(group)


def survival_table(
    km: KaplanMeier, times: Sequence[float], cfg: FormatConfig = DEFAULT
) -> pd.DataFrame:
    """Fracture-free survival (%) with CI and numbers at risk at chosen days."""
    at = km.at(times)
    return pd.DataFrame(
        {
            "Group": at["group"].map(_group_label),
            "Day": at["time"].astype(int),
            "At risk": at["n_risk"],
            "Events in interval": at["n_event"],
            "Survival, % (95% CI)": _percent_ci(at["survival"], at["ci_low"], at["ci_high"], cfg),
        }
    )


def incidence_table(
    cif: CumulativeIncidence, times: Sequence[float], cfg: FormatConfig = DEFAULT
) -> pd.DataFrame:
    """Cumulative incidence (%) with CI by cause (and group) at chosen days."""
    at = cif.at(times)
    labels = load_labels()
    return pd.DataFrame(
        {
            "Group": at["group"].map(_group_label),
            "Cause": [labels.level("fracture_class", c) for c in at["cause"]],
            "Day": at["time"].astype(int),
            "Cumulative incidence, % (95% CI)": _percent_ci(
                at["estimate"], at["ci_low"], at["ci_high"], cfg
            ),
        }
    )


def term_label(term: str, labels: Labels | None = None) -> str:
    """A model term as a reader names it: ``etiology=pathologic`` -> ``Fracture etiology:
    Pathologic (malignant)``, ``age_years`` -> ``Age, years``."""
    labels = labels or load_labels()
    name, _, level = term.partition("=")
    return f"{labels.display(name)}: {labels.level(name, level)}" if level else labels.display(name)


def model_table(model: CoxModel | FineGrayModel, cfg: FormatConfig = DEFAULT) -> pd.DataFrame:
    """Hazard ratios (or subdistribution hazard ratios) with CI and p, terms labelled."""
    return pd.DataFrame(
        {
            "Covariate": [term_label(t.quantity.split("[", 1)[1].rstrip("]")) for t in model.terms],
            "HR (95% CI)": [_estimate_ci(t, cfg, 2) for t in model.terms],
            "p": [p_value(t.p_value, cfg) for t in model.terms],
        }
    )
