"""Publication tables and figures of a cohort, in every format co-authors use.

:func:`build_publication` runs the analyses behind Table 1 to Table 7 and the figures;
:func:`write_publication` writes ``tables/<name>.{csv,md,html,tex,xlsx,docx}`` for each
table, ``tables.xlsx`` with all of them and ``figures/<name>.{png,svg,pdf}``. An analysis
the data cannot support is left out and named in ``not_made`` (the others still run).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from analysis.config import AnalysisConfig
from analysis.figures import (
    cement_volume_plot,
    cumulative_incidence_plot,
    flow_diagram,
    forest_plot,
    km_plot,
    paired_plot,
    save_figure,
    swimmer_plot,
    trajectory_plot,
)
from analysis.figures.survival import group_name
from analysis.formatting import FormatConfig, count, journal_style
from analysis.labels import endpoint, load_labels
from analysis.load import LoadResult
from analysis.report.analyses import Analyses
from analysis.schema import Cohort
from analysis.stats import (
    CoxModel,
    Deaths,
    RepeatVolume,
    change_by_group,
    change_from_baseline,
    cox_ph,
    endpoint_data,
    fracture_cumulative_incidence,
    fracture_free_logrank,
    fracture_free_survival,
    fracture_risk_model,
    kaplan_meier,
    measure_wide,
    paired_change,
    repeat_volume,
    responders,
    time_to_fracture,
)
from analysis.stats.outcomes.selection import count_sessions
from analysis.stats.survival.competing import IncidenceCurve
from analysis.stats.survival.kaplan_meier import SurvivalCurve
from analysis.tables import (
    Table,
    case_series_table,
    cumulative_incidence_table,
    group_comparison_table,
    km_table,
    outcome_table,
    regression_table,
    table_one,
    write_xlsx,
)
from analysis.tables.survival_tables import covariates_of

# Why rows were excluded, in a reader's words (never the message: it may name a patient).
EXCLUSION_REASONS = {
    "duplicate_row": "exact duplicate row",
    "excluded_with_patient": "row of a patient with errors elsewhere",
    "level": "not a vertebral level",
    "patient_id": "no study identifier",
}


@dataclass
class Publication:
    """What :func:`write_publication` made and what it could not."""

    tables: list[Table] = field(default_factory=list)
    figures: list[tuple[str, str, Figure]] = field(default_factory=list)
    not_made: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    def step(self, what: str, build: Callable[[], None]) -> None:
        try:
            build()
        except ValueError as err:
            self.not_made.append(f"{what}: {err}")
        except Exception as err:  # a defect must not cost the reader the other artefacts
            self.not_made.append(
                f"{what}: an internal error ({type(err).__name__}); please report it"
            )


def flow_ledger(result: LoadResult, analyses: dict[str, str]) -> dict[str, object]:
    """The flow diagram's ledger from a load, from patients (STROBE): the patients and
    rows read, the patients excluded and why, the other rows excluded by reason, the
    cohort, and what each analysis used."""
    problems = result.problems_frame()
    action = problems["action"].astype(str)
    whole = problems[action.str.contains("patient excluded")]
    why = sorted({EXCLUSION_REASONS.get(str(r), str(r).replace("_", " ")) for r in whole["rule"]})
    rows = problems[action.str.contains("row excluded") & ~problems["rule"].isin(["excluded_with_patient"])]  # fmt: skip
    reasons: dict[str, int] = {}
    for rule, n in rows.groupby("rule").size().items():
        name = EXCLUSION_REASONS.get(str(rule), str(rule).replace("_", " "))
        reasons[name] = reasons.get(name, 0) + int(n)
    c = result.cohort
    ledger: dict[str, object] = {
        "rows_read": result.rows_in,
        "excluded": reasons,
        "cohort": f"{len(c.patients)} patients, {count_sessions(c)} sessions, {len(c.procedures)} treated vertebrae",
        "analyses": analyses,
    }  # fmt: skip
    if result.patients_in is not None:
        ledger["patients_in"] = result.patients_in
        ledger["patients_excluded"] = {f"errors on their rows ({'; '.join(why) or 'see problems.csv'})": result.patients_excluded} if result.patients_excluded else {}  # fmt: skip
        ledger["patients_analysed"] = len(c.patients)
        ledger["patient_rows_excluded"] = result.rows_reported - sum(reasons.values())
    return ledger


def repeat_series(cohort: Cohort) -> Cohort:
    """The patients with a repeat augmentation (the small series papers print)."""
    ids = set(cohort.procedures.loc[cohort.procedures["is_repeat"].fillna(False).astype(bool), "patient_id"].astype(str))  # fmt: skip
    if not ids:
        raise ValueError("no patient had a repeat augmentation")

    def keep(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[frame["patient_id"].astype(str).isin(ids)]

    return Cohort.from_frames(keep(cohort.patients), keep(cohort.procedures), keep(cohort.assessments), keep(cohort.fractures))  # fmt: skip


def univariable_models(data: pd.DataFrame, covariates: list[str], alpha: float, event: str = "fracture") -> list[CoxModel]:  # fmt: skip
    """The univariable Cox models of a regression table, one per covariate: the same
    models as :func:`analysis.stats.fracture_risk_model` gives for each alone, without the
    concordance and proportional-hazards test that the table does not print."""
    models = []
    for c in covariates:
        models.append(
            cox_ph(data, "time", event, (c,), alpha=alpha, concordance=False,
                   proportional_hazards=False)
        )  # fmt: skip
    return models


def _died_before(died: int, without: int, when: str) -> str:
    """The flow box's note on the procedures without both scores: how many of them were
    of patients who had died before the follow-up (nothing when none had)."""
    return f";\n{count(died)} of them had died before {when}" if died and without else ""


def trajectory_caption(cohort: Cohort, measure: str, timepoints: Sequence[str], title: str) -> str:  # fmt: skip
    """The caption of a trajectory figure: its points are the mean of every score at each
    time point (the scores a mixed model uses), not pairs as in the tables beside it."""
    wide = measure_wide(cohort, measure, list(timepoints))
    scores = int(wide[list(timepoints)].notna().sum().sum())
    return (
        f"{title}: mean (95% CI) of every score available at each time point, "
        f"{count(scores)} scores of {count(len(wide))} index procedures; n above the panel: "
        "procedures with a score at that time point, so each time point holds different "
        "patients (not the complete pairs of the tables); n in the legend: the procedures "
        "of each group"
    )


def forest_caption(model: CoxModel, title: str) -> str:
    """The caption of a forest plot: which model its N and events are of (the
    multivariable one; the regression table gives each covariate's univariable N)."""
    return (
        f"{title}, multivariable Cox model; N and Events: the {count(model.n_used)} patients "
        f"and {count(model.n_events)} events of the multivariable model (every covariate "
        "known), not the univariable N of the regression table"
    )


def curves_caption(
    title: str, curves: Sequence[IncidenceCurve | SurvivalCurve], by: str | None = None,
    events: str = "new fractures",
) -> str:  # fmt: skip
    """The caption of a survival or cumulative incidence figure: what its shaded bands
    are (pointwise confidence intervals, at their level) and, by group, each group's
    events, so a test's p printed on the figure is read beside the counts it rests on."""
    level = f"{round(100 * curves[0].ci_level)}%" if curves else "95%"
    text = f"{title}; shaded: pointwise {level} confidence intervals"
    if by is not None and len(curves) > 1:
        labels = load_labels()
        counts = [f"{group_name(c.group, by, labels)} {count(_events_of(c))}" for c in curves]
        text += f"; {events}: {', '.join(counts)}"
    return text


def _events_of(curve: IncidenceCurve | SurvivalCurve) -> int:
    return int(curve.table["n_event"].sum()) if len(curve.table) else 0


def cement_caption(rv: RepeatVolume, title: str) -> str:
    """The caption of the cement-volume figure: how many of the repeat vertebrae its
    lines join to their initial volume."""
    joined = rv.paired.n_pairs if rv.paired is not None else 0
    lacking = rv.n_vertebrae_paired - joined
    tail = f" ({count(lacking)} without a per-vertebra volume at both)" if lacking else ""
    return (
        f"{title}: boxes and points, every vertebra with a per-vertebra volume "
        f"({count(rv.n_initial_volume)} initial, {count(rv.n_repeat_volume)} repeat); lines "
        f"join the {count(joined)} vertebrae with a volume at both their initial and repeat "
        f"augmentation, of {count(rv.n_vertebrae_paired)} treated at both{tail}"
    )


def _build(
    result: LoadResult, cfg: AnalysisConfig, style: FormatConfig, run: Analyses
) -> Publication:
    cohort, by, pub = result.cohort, cfg.group_by, Publication()
    analyses: dict[str, str] = {}

    def table1() -> None:
        pub.tables.append(table_one(cohort, by=by, style=style))

    def outcomes() -> None:
        courses = [run(change_from_baseline, "pain_vas", cfg.timepoints, alpha=cfg.alpha)]
        with contextlib.suppress(ValueError):
            courses.append(run(change_from_baseline, "mobility", cfg.timepoints, alpha=cfg.alpha))
        resp = run(responders, "pain_vas", cfg.baseline, cfg.followup_timepoint, cfg.responder_threshold, alpha=cfg.alpha)  # fmt: skip
        pub.tables.append(outcome_table(courses, [resp], style=style))
        change = run(
            paired_change, "pain_vas", cfg.baseline, cfg.followup_timepoint, alpha=cfg.alpha
        )
        tp = load_labels().timepoint
        analyses[f"Pain, {tp(cfg.baseline).lower()} vs {tp(cfg.followup_timepoint)}"] = (
            f"{count(change.n_pairs)} index procedures\n({count(change.n_excluded)} without both scores{_died_before(change.n_died, change.n_excluded, tp(cfg.followup_timepoint))})"
        )
        pub.figures.append(("pain_paired", "Pain before and after", paired_plot(cohort, "pain_vas", cfg.baseline, cfg.followup_timepoint, change, style=style)))  # fmt: skip
        caption = trajectory_caption(cohort, "pain_vas", cfg.timepoints, "Pain over time by group")
        pub.figures.append(("pain_trajectory", caption, trajectory_plot(cohort, "pain_vas", cfg.timepoints, by=by, style=style)))  # fmt: skip

    def comparison() -> None:
        res = run(change_by_group, "pain_vas", cfg.baseline, cfg.followup_timepoint, by, cfg.groups, alpha=cfg.alpha)  # fmt: skip
        pub.tables.append(group_comparison_table([res], by=by, style=style))

    def survival() -> None:
        ep = endpoint(cfg.deaths)
        if cfg.deaths == "competing":
            incidence_of_any(ep.title)
            return
        deaths: Deaths = "event" if cfg.deaths == "event" else "censored"
        km = run(fracture_free_survival, by, conf_type=cfg.ci_type, alpha=cfg.alpha, deaths=deaths)  # fmt: skip
        lr = run(fracture_free_logrank, by, deaths=deaths)
        pub.tables.append(km_table(km, cfg.survival_days, lr, by=by, what=ep.title, style=style))  # fmt: skip
        overall = run(fracture_free_survival, conf_type=cfg.ci_type, alpha=cfg.alpha, deaths=deaths)  # fmt: skip
        analyses[ep.title] = f"{count(overall.curves[0].n)} patients"
        axis = f"{ep.name[0].upper()}{ep.name[1:]}, %"
        pub.figures.append(("km_fracture_free", curves_caption(ep.title, overall.curves), km_plot(overall, style=style, ylabel=axis, days=cfg.survival_days)))  # fmt: skip
        what = "new fractures or deaths" if deaths == "event" else "new fractures"
        pub.figures.append(("km_by_group", curves_caption(f"{ep.title}, by group", km.curves, by, what), km_plot(km, lr, by=by, style=style, ylabel=axis, days=cfg.survival_days)))  # fmt: skip

    def incidence_of_any(title: str) -> None:
        """New fractures of any class with death competing: the table by group with Gray's
        test, the curve of all patients beside the naive 1 - Kaplan-Meier, and by group."""
        cif = run(fracture_cumulative_incidence, by, cfg.alpha, by_class=False)
        at_risk = run(fracture_free_survival, by)
        table = cumulative_incidence_table(cif, cfg.survival_days, ("new_fracture", "death"), by, style, title=f"Table. {title}, by {load_labels().display(by).lower()}", at_risk=at_risk)  # fmt: skip
        pub.tables.append(replace(table, name="new_fracture_incidence"))
        overall = run(fracture_cumulative_incidence, alpha=cfg.alpha, by_class=False)
        km = run(fracture_free_survival, conf_type=cfg.ci_type, alpha=cfg.alpha)
        analyses[title] = f"{count(km.curves[0].n)} patients"
        fig = cumulative_incidence_plot(overall, ("new_fracture",), at_risk=km, naive={"new_fracture": km}, style=style, days=cfg.survival_days)  # fmt: skip
        new = [c for c in overall.curves if c.cause == "new_fracture"]
        pub.figures.append(("incidence_new_fracture", curves_caption(title, new), fig))
        fig = cumulative_incidence_plot(cif, ("new_fracture",), at_risk=at_risk, by=by, style=style, days=cfg.survival_days)  # fmt: skip
        new = [c for c in cif.curves if c.cause == "new_fracture"]
        pub.figures.append(("incidence_new_fracture_by_group", curves_caption(f"{title}, by group", new, by), fig))  # fmt: skip

    def incidence() -> None:
        cif = run(fracture_cumulative_incidence, alpha=cfg.alpha)
        pub.tables.append(cumulative_incidence_table(cif, cfg.survival_days, style=style))
        t = time_to_fracture(cohort)
        naive = {"adjacent": kaplan_meier(t["time"], (t["cause"].astype(str) == "adjacent").astype(int))}  # fmt: skip
        fig = cumulative_incidence_plot(cif, at_risk=run(fracture_free_survival), naive=naive, style=style, days=cfg.survival_days)  # fmt: skip
        pub.figures.append(("cumulative_incidence", curves_caption("Cumulative incidence by fracture class, death competing", cif.curves), fig))  # fmt: skip

    def regression() -> None:
        deaths: Deaths = "event" if cfg.deaths == "event" else "censored"
        multi = run(fracture_risk_model, alpha=cfg.alpha, deaths=deaths)
        data, event = endpoint_data(time_to_fracture(cohort), deaths)
        unis = univariable_models(data, covariates_of(multi), cfg.alpha, event)
        outcome = "a new vertebral fracture or death (Cox regression, death counted as an event)" if deaths == "event" else "a new vertebral fracture (Cox regression of the cause-specific hazard, deaths censored)"  # fmt: skip
        pub.tables.append(regression_table(multi, unis, style=style, title=f"Table. Risk factors for {outcome}"))  # fmt: skip
        analyses["Risk-factor model"] = f"{count(multi.n_used)} patients, {count(multi.n_events)} events\n({count(multi.n_excluded)} missing a covariate)"  # fmt: skip
        caption = "Hazard ratios for a new fracture or death" if deaths == "event" else "Hazard ratios for a new fracture, deaths censored"  # fmt: skip
        pub.figures.append(("forest_risk_model", forest_caption(multi, caption), forest_plot(multi, style=style)))  # fmt: skip

    def cases() -> None:
        series = repeat_series(cohort)
        pub.tables.append(case_series_table(series, (cfg.baseline, cfg.followup_timepoint), style=style, title="Table. Patients with a repeat augmentation"))  # fmt: skip
        pub.figures.append(("swimmer_repeat", "Patients with a repeat augmentation", swimmer_plot(series)))  # fmt: skip

    for what, build in (("Table 1", table1), ("Outcomes", outcomes), ("Group comparison", comparison),
                        ("Survival", survival), ("Cumulative incidence", incidence),
                        ("Risk-factor model", regression), ("Case series", cases)):  # fmt: skip
        pub.step(what, build)
    pub.step("Cement volume", lambda: pub.figures.append(("cement_volume", cement_caption(run(repeat_volume, cfg.alpha), "Cement volume, initial vs repeat"), cement_volume_plot(cohort, style=style))))  # fmt: skip
    pub.figures.insert(0, ("flow", "Flow of patients and rows", flow_diagram(flow_ledger(result, analyses))))  # fmt: skip
    pub.tables = [replace(t, title=re.sub(r"^Table\s*\d*\.\s*", f"Table {i}. ", t.title)) for i, t in enumerate(pub.tables, 1)]  # fmt: skip
    return pub


def build_publication(
    result: LoadResult, config: AnalysisConfig | None = None, analyses: Analyses | None = None
) -> Publication:
    """Every publication table and figure of a loaded cohort, in the settings' journal
    style; nothing written. ``analyses``: the report's analyses of the cohort, so an
    analysis the sections ran already is not run again (a fresh one when not given)."""
    cfg = config or AnalysisConfig()
    run = Analyses(result.cohort) if analyses is None else analyses
    return _build(result, cfg, journal_style(cfg.journal), run)


def write_publication(
    result: LoadResult,
    out: Path,
    config: AnalysisConfig | None = None,
    pub: Publication | None = None,
) -> Publication:
    """Build (unless ``pub`` is given) and write every publication table and figure of a
    loaded cohort (see the module docstring)."""
    pub = pub or build_publication(result, config)
    for i, t in enumerate(pub.tables, 1):
        pub.files += t.write(out / "tables" / f"table{i}_{t.name}")
    if pub.tables:
        pub.files.append(write_xlsx(pub.tables, out / "tables" / "all_tables.xlsx"))
    for name, _, fig in pub.figures:
        pub.files += save_figure(fig, out / "figures" / name)
    return pub
