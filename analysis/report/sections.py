"""Report sections: run the analyses, write their tables and result CSVs, and return
Markdown whose numbers come from the same result objects (the figures are the
publication figures, drawn once)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pandas as pd

from analysis.config import AnalysisConfig
from analysis.formatting import (
    FormatConfig,
    ci,
    count,
    count_percent,
    counted,
    journal_style,
    number,
    p_text,
)
from analysis.labels import endpoint, load_labels
from analysis.report.analyses import Analyses
from analysis.report.ard import ResultEntry, TidyResult
from analysis.report.leakage import (
    clustered_leakage_model,
    clustered_odds_ratios,
    leakage_model_sentence,
    leakage_model_table,
)
from analysis.report.review import (
    Check,
    events_per_parameter,
    few_events_in_levels,
    few_events_logrank,
    few_events_rmst,
    proportional_hazards,
    responder_scale,
    sparse_two_by_two,
    vertebrae_as_independent,
)
from analysis.report.timing import assessment_timing
from analysis.safety import neutralize_frame
from analysis.schema import Cohort
from analysis.stats import (
    CumulativeIncidence,
    Estimate,
    KaplanMeier,
    MixedModel,
    PairedChange,
    Proportion,
    RepeatVolume,
    RestrictedMean,
    TimeCourse,
    TwoGroupComparison,
    change_by_group,
    change_from_baseline,
    fracture_cumulative_incidence,
    fracture_free_logrank,
    fracture_free_rmst,
    fracture_free_survival,
    fracture_risk_model,
    fracture_timing,
    improved,
    leakage_by,
    leakage_clustered,
    leakage_model,
    measure_scale,
    mixed_model,
    paired_change,
    repeat_volume,
    responders,
    time_to_fracture,
    vertebra_frame,
)
from analysis.stats.outcomes.cement import vertebra_patient_order
from analysis.stats.ranks import RankTest
from analysis.tables import (
    comparison_table,
    hodges_lehmann_note,
    incidence_table,
    model_table,
    paired_table,
    proportions_table,
    survival_table,
    to_markdown,
)

# An analysis that leaves out more than this share of its units is named in a warning.
EXCLUSION_WARNING = 0.10


@dataclass(frozen=True)
class Exclusion:
    """Units one analysis used and left out, and why; ``n_died`` of those left out had
    died before the value was due (``died_reason`` says so in words)."""

    analysis: str
    unit: str
    n_used: int
    n_excluded: int
    reason: str
    n_died: int = 0
    died_reason: str = ""

    @property
    def share(self) -> float:
        total = self.n_used + self.n_excluded
        return self.n_excluded / total if total else 0.0

    def sentence(self) -> str:
        total = self.n_used + self.n_excluded
        text = f"{self.analysis}: {self.n_used} of {counted(total, self.unit)} analysed"
        if self.n_excluded:
            were = "was" if self.n_excluded == 1 else "were"
            text += f"; {counted(self.n_excluded, self.reason)} {were} excluded"
        if self.n_died:
            text += f", {self.n_died} of them because {self.died_reason}"
        return text


@dataclass
class Section:
    """Markdown of one report section, the files it wrote, and the statistical-review
    checks of its results (see :mod:`analysis.report.review`)."""

    title: str
    lines: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    exclusions: list[Exclusion] = field(default_factory=list)
    results: list[ResultEntry] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)

    def counts(
        self,
        analysis: str,
        unit: str,
        used: int,
        excluded: int,
        reason: str,
        died: int = 0,
        died_reason: str = "",
    ) -> None:
        """State how many units an analysis used and excluded (``died`` of them because
        the patient had died first, ``died_reason`` in words), in the text and the record."""
        e = Exclusion(analysis, unit, int(used), int(excluded), reason, int(died), died_reason)
        self.exclusions.append(e)
        self.lines.append(f"\n_{e.sentence()}._")

    @property
    def warnings(self) -> list[Exclusion]:
        return [e for e in self.exclusions if e.share > EXCLUSION_WARNING]

    def table(self, frame: pd.DataFrame, out: Path, stem: str, shown_in: str | None = None) -> None:
        """Write ``tables/<stem>.csv``; the text shows the table, or, when a publication
        table (named ``shown_in``) prints the same numbers, cites it instead (see
        :func:`cite_tables`)."""
        path = out / "tables" / f"{stem}.csv"
        path.parent.mkdir(parents=True, exist_ok=True)
        neutralize_frame(frame).to_csv(path, index=False)
        self.files.append(path)
        if shown_in is None:
            self.lines += ["", to_markdown(frame)]
        else:
            self.lines.append(
                f"\n(See {{{{table:{shown_in}}}}}; every value in tables/{stem}.csv.)"
            )

    def result(self, value: pd.DataFrame | TidyResult, out: Path, stem: str) -> None:
        """Write ``results/<stem>.csv`` (a result object's ``to_frame()``) and keep the
        result for ``results.json`` (a result object's ``tidy()`` and ``glance()`` too)."""
        source: TidyResult | None = None
        if isinstance(value, pd.DataFrame):
            frame = value
        else:
            frame, source = value.to_frame(), value
        path = out / "results" / f"{stem}.csv"
        path.parent.mkdir(parents=True, exist_ok=True)
        neutralize_frame(frame).to_csv(path, index=False)
        self.files.append(path)
        self.results.append(ResultEntry(stem, frame, source))

    def markdown(self) -> str:
        return "\n".join([f"## {self.title}", *self.lines]) + "\n"


_CITED = re.compile(r"\{\{table:(\w+)\}\}")


def cite_tables(markdown: str, names: Sequence[str]) -> str:
    """Replace each ``{{table:<name>}}`` by ``Table N``, N the position of the publication
    table of that name in ``names`` (1-based); ``the results table`` when it was not made."""
    numbers = {name: i for i, name in enumerate(names, 1)}
    return _CITED.sub(lambda m: f"Table {numbers[m[1]]}" if m[1] in numbers else "the results table", markdown)  # fmt: skip


def guarded(title: str, *steps: tuple[str, Callable[[Section], None]]) -> Section:
    """Run a section's analyses one by one; an analysis the data cannot support is
    reported in the text ("<analysis>: not computed: <reason>."), and the others still run."""
    section = Section(title)
    for label, step in steps:
        try:
            step(section)
        except ValueError as err:
            section.lines.append(f"\n{label}: not computed: {err}.")
        except Exception as err:  # a defect must not cost the reader the other analyses
            section.lines.append(
                f"\n{label}: not computed: an internal error ({type(err).__name__}) "
                "stopped this analysis; please report it."
            )
    return section


def _horizon(days: int) -> str:
    """``one year`` for 365 days, ``two years`` for 730, else ``N days``."""
    return {365: "one year", 730: "two years", 180: "six months", 90: "three months"}.get(
        days, f"{days} days"
    )


def report_style(cfg: AnalysisConfig) -> FormatConfig:
    """The journal style of the settings, with decimals the settings change from the
    defaults (so JAMA keeps its own P-value rule unless p_decimals is set)."""
    default = AnalysisConfig()
    changed = {k: getattr(cfg, k) for k in ("decimals", "p_decimals")
               if getattr(cfg, k) != getattr(default, k)}  # fmt: skip
    return journal_style(cfg.journal, **changed)


def _patients(cohort: Cohort, columns: list[str], sessions: Literal["index", "all"]) -> int:
    """Patients with a vertebra complete in ``columns`` (the clusters of a per-vertebra
    analysis)."""
    frame = vertebra_frame(cohort, sessions)
    complete = frame[columns].notna().all(axis=1).to_numpy()  # no copy of every column
    patients = vertebra_patient_order(cohort, sessions)  # coded once per cohort
    if patients is None:
        return int(frame["patient_id"][complete].nunique())
    return len(pd.unique(patients[complete]))


def _volume_check(rv: RepeatVolume, fmt: FormatConfig) -> Check:
    """The repeat-vs-initial volume t-tests treat vertebrae as independent; the GEE
    printed beside them allows for clustering."""
    beside: list[tuple[str, Estimate | str]] = []
    if rv.clustered is not None:
        beside.append(("repeat minus initial, mL", rv.clustered))
    return vertebrae_as_independent(
        "Cement volume, repeat vs initial (t-tests by vertebra)", rv.n_vertebrae_tested,
        rv.n_patients_tested, beside, rv.clustered is not None, fmt,
    )  # fmt: skip


def _gee_sides(rv: RepeatVolume, fmt: FormatConfig) -> str:
    """What the clustered repeat-minus-initial difference compares: every repeat vertebra
    with a volume against every initial one, mostly different vertebrae."""
    same = rv.paired.n_pairs if rv.paired is not None else 0
    return (
        f"all {counted(rv.n_repeat_volume, 'repeat vertebrae', fmt)} against all "
        f"{counted(rv.n_initial_volume, 'initial vertebrae', fmt)} with a per-vertebra volume "
        f"(mostly different vertebrae; {count(same, fmt)} the same vertebra at both)"
    )


def _rmst_sentence(mean: RestrictedMean, cfg: AnalysisConfig, fmt: FormatConfig) -> str:
    """The restricted means and their difference with its direction; without a CI or p
    value, and why, when a group had no event (zero estimated variance)."""
    diff = mean.tests["difference"]
    names = [g.quantity.removeprefix("rmst[").removesuffix("]") for g in mean.groups]
    if math.isnan(diff.p_value):
        tail = (
            f"no confidence interval or p value: {' and '.join(mean.without_events)} had no new "
            f"fracture in that time, so its restricted mean has an estimated variance of zero "
            "and a z-test would rest on the other group's variance alone; the log-rank test "
            "compares the curves"
        )
    else:
        tail = (
            f"{100 * cfg.ci_level:g}% CI {ci(diff.ci_low, diff.ci_high, 1, fmt)}; "
            f"{p_text(diff.p_value, fmt)}"
        )
    return (
        f"Restricted mean fracture-free time over the first {mean.tau:g} days: "
        + "; ".join(f"{n} {number(g.estimate, 0, fmt)} days" for n, g in zip(names, mean.groups, strict=True))
        + f" (difference, {names[1]} minus {names[0]}, {number(diff.estimate, 1, fmt)} days; {tail})."
    )  # fmt: skip


def _mixed_model_sentence(model: MixedModel, course: TimeCourse, cfg: AnalysisConfig, fmt: FormatConfig) -> str:  # fmt: skip
    """The mixed model of pain in one paragraph: its specification in one clause, each
    time point's change from baseline with its named interval and p value, and why its
    estimate at the follow-up time point differs from the paired one of the outcome
    table (different samples)."""
    tp = load_labels().timepoint
    level = f"{100 * model.ci_level:g}% CI"
    f = model.fixed[model.fixed["term"].astype(str) != "intercept"]
    changes = "; ".join(
        f"{tp(str(term))} {number(float(est), cfg=fmt)} ({level} {ci(float(lo), float(hi), cfg=fmt)}; {p_text(float(p), fmt)})"
        for term, est, lo, hi, p in zip(f["term"], f["estimate"], f["ci_low"], f["ci_high"], f["p_value"], strict=True)
    )  # fmt: skip
    text = (
        f"Linear mixed model of pain ({model.n_observations} scores of the index procedures of "
        f"{model.n_patients} patients; time point as a categorical fixed effect with the "
        f"baseline ({tp(cfg.baseline).lower()}) as reference, a random intercept per patient, REML, Wald "
        f"{level}s and tests, valid if scores are missing at random, p values not adjusted "
        f"for the {len(f)} time points): change from baseline at {changes}."
    )
    paired = next((c for c in course.changes if c.time_after == cfg.followup_timepoint), None)
    row = f[f["term"].astype(str) == cfg.followup_timepoint]
    if paired is None or row.empty:
        return text
    at = tp(cfg.followup_timepoint)
    return text + (
        f" At {at} the model's {number(float(row['estimate'].iloc[0]), cfg=fmt)} uses every "
        f"score, including those of patients without the other score of the pair; the paired "
        f"change of {{{{table:outcomes}}}}, {number(paired.t_test.estimate, cfg=fmt)}, uses "
        f"only the {paired.n_pairs} index procedures with both, so the two differ because "
        "their samples differ."
    )


def _paired(s: Section, changes: list[PairedChange], out: Path, stem: str, fmt: FormatConfig, shown_in: str | None = None) -> None:  # fmt: skip
    """The paired-change table (shown, or cited where a publication table prints it), with
    the note on Hodges-Lehmann discreteness where one of its estimates needs it."""
    s.table(paired_table(changes, fmt), out, stem, shown_in)
    note = hodges_lehmann_note([c.wilcoxon for c in changes], fmt)
    if note:
        s.lines.append(f"Median changes in tables/{stem}.csv: {note}")


def _improved_definition(change: PairedChange, better: Proportion, cfg: AnalysisConfig, fmt: FormatConfig) -> str:  # fmt: skip
    """What "improved" counts, where its proportion is printed: a lower score after than
    before (lower is better), with the pairs unchanged and worse beside it."""
    labels = load_labels()
    lab = labels.measure(change.measure)
    scale = measure_scale(change.measure)
    on = f" on its {number(scale[0], 0, fmt)}–{number(scale[1], 0, fmt)} scale" if scale else ""
    unchanged = change.n_pairs - change.n_nonzero
    worse = change.n_nonzero - better.count
    return (
        f"Improved: a lower {lab.label.lower()} score {labels.timepoint(change.time_after).lower()} "
        f"after the index procedure than before it (any fall{on}; a lower "
        f"score is better); of {counted(better.n, 'pairs', fmt)}, {count(better.count, fmt)} "
        f"improved, {count(unchanged, fmt)} did not change and {count(worse, fmt)} got worse."
    )


def _of_them_died(died: int, without: int, after: str) -> str:
    """What the count of procedures without both values adds: how many of them were of a
    patient who had died before the follow-up time point (nothing when none had)."""
    if not died or not without:
        return ""
    whose = "a patient" if died == 1 else "patients"
    return f", {died} of them of {whose} who had died before {load_labels().timepoint(after)}"


def pain_and_mobility(
    cohort: Cohort, out: Path, cfg: AnalysisConfig, analyses: Analyses | None = None
) -> Section:
    run = Analyses(cohort) if analyses is None else analyses
    fmt = report_style(cfg)

    def changes(s: Section) -> None:
        course = run(change_from_baseline, "pain_vas", cfg.timepoints, alpha=cfg.alpha)
        one_month = next(
            (c for c in course.changes if c.time_after == cfg.followup_timepoint), None
        )
        if one_month is None:
            raise ValueError(f"no pain scores at {cfg.followup_timepoint} to compare with baseline")
        before, after = cfg.baseline, cfg.followup_timepoint
        scale = measure_scale("pain_vas")
        s.checks.append(responder_scale("pain_vas", cfg.responder_threshold, False, scale, fmt, "pain"))  # fmt: skip
        resp = run(
            responders,
            "pain_vas",
            before,
            after,
            threshold=cfg.responder_threshold,
            alpha=cfg.alpha,
        )
        half = run(
            responders, "pain_vas", before, after, threshold=0.5, relative=True, alpha=cfg.alpha
        )
        s.lines.append(assessment_timing(cohort, cfg.timepoints, fmt=fmt) + "\n")
        s.lines.append(
            f"Pain fell from a mean of {number(one_month.mean_before, cfg=fmt)} before to "
            f"{number(one_month.mean_after, cfg=fmt)} one month after the index procedure "
            f"(mean change {number(one_month.t_test.estimate, cfg=fmt)}, 95% CI "
            f"{ci(one_month.t_test.ci_low, one_month.t_test.ci_high, cfg=fmt)}; paired t-test "
            f"{p_text(one_month.t_test.p_value, fmt)}; {one_month.n_pairs} complete pairs, "
            f"{one_month.n_excluded} index procedures without both values excluded{_of_them_died(one_month.n_died, one_month.n_excluded, after)}). "
            f"{count_percent(resp.responders.count, resp.responders.n, fmt)} of {resp.responders.n} "
            f"had a {resp.definition}."
        )
        s.counts(
            "Pain before vs one month after",
            "index procedures",
            one_month.n_pairs,
            one_month.n_excluded,
            "index procedures without both pain scores",
            one_month.n_died,
            f"the patient had died before {load_labels().timepoint(after)}",
        )
        _paired(s, list(course.changes), out, "outcomes_pain", fmt, "outcomes")
        s.lines.append(
            "P-values of the pain time course are Holm-adjusted in results/pain_time_course.csv."
        )
        props = [resp.responders, half.responders]
        frame = proportions_table(props, fmt)
        frame["Outcome"] = [f"Pain: {resp.definition}", f"Pain: {half.definition}"]
        s.table(frame, out, "outcomes_responders")
        s.result(course, out, "pain_time_course")

    def mobility(s: Section) -> None:
        before, after = cfg.baseline, cfg.followup_timepoint
        change = run(paired_change, "mobility", before, after, alpha=cfg.alpha)
        better = run(improved, "mobility", before, after, alpha=cfg.alpha)
        s.counts(
            "Mobility before vs one month after",
            "index procedures",
            change.n_pairs,
            change.n_excluded,
            "index procedures without both mobility scores",
            change.n_died,
            f"the patient had died before {load_labels().timepoint(after)}",
        )
        _paired(s, [change], out, "outcomes_mobility", fmt, "outcomes")
        frame = proportions_table([better], fmt)
        frame["Outcome"] = [
            f"Mobility improved at {load_labels().timepoint(cfg.followup_timepoint)}"
        ]
        s.table(frame, out, "outcomes_mobility_improved")
        s.lines.append(_improved_definition(change, better, cfg, fmt))
        s.result(change, out, "mobility_change")

    def trajectory(s: Section) -> None:
        model = run(mixed_model, "pain_vas", cfg.timepoints, alpha=cfg.alpha)
        course = run(change_from_baseline, "pain_vas", cfg.timepoints, alpha=cfg.alpha)
        s.lines.append("\n" + _mixed_model_sentence(model, course, cfg, fmt))
        s.counts(
            "Mixed model of pain",
            "scheduled assessments of the index procedures (one per procedure and time point)",
            model.n_observations,
            model.n_excluded,
            "scheduled assessments without a pain score",
            model.n_died,
            "they fell after the patient's death",
        )
        s.result(model, out, "pain_mixed_model")

    return guarded(
        "Pain and mobility",
        ("Pain change", changes),
        ("Mobility change", mobility),
        ("Mixed model", trajectory),
    )


def etiology_comparison(
    cohort: Cohort, out: Path, cfg: AnalysisConfig, analyses: Analyses | None = None
) -> Section:
    run = Analyses(cohort) if analyses is None else analyses
    fmt = report_style(cfg)

    def build(s: Section) -> None:
        res = run(
            change_by_group,
            "pain_vas",
            cfg.baseline,
            cfg.followup_timepoint,
            cfg.group_by,
            cfg.groups,
            alpha=cfg.alpha,
        )
        s.lines.append(
            "Change in pain from before to one month after the index procedure, osteoporotic minus "
            f"pathologic fractures: baseline-adjusted difference {number(res.ancova.estimate, cfg=fmt)} "
            f"(95% CI {ci(res.ancova.ci_low, res.ancova.ci_high, cfg=fmt)}; {p_text(res.ancova.p_value, fmt)})."
        )
        s.table(
            comparison_table(res.change, [res.ancova], fmt),
            out,
            "comparison_etiology_pain",
            "comparison",
        )
        s.result(res, out, "comparison_etiology_pain")

    return guarded("Osteoporotic vs pathologic fractures", ("Pain change by etiology", build))


def cement(
    cohort: Cohort, out: Path, cfg: AnalysisConfig, analyses: Analyses | None = None
) -> Section:
    run = Analyses(cohort) if analyses is None else analyses
    fmt = report_style(cfg)

    def volume(s: Section) -> None:
        rv = run(repeat_volume, cfg.alpha)
        s.counts(
            "Cement volume, repeat vs initial",
            "vertebrae of all sessions",
            rv.n_used,
            rv.n_excluded,
            "vertebrae without a per-vertebra volume (e.g. only a session total)",
        )
        s.checks.append(_volume_check(rv, fmt))
        if rv.clustered is not None:
            g = rv.clustered
            s.lines.append(
                f"Cement volume per vertebra, repeat minus initial, {_gee_sides(rv, fmt)}, "
                f"allowing for several vertebrae per patient: {number(g.estimate, cfg=fmt)} mL "
                f"({100 * cfg.ci_level:g}% CI {ci(g.ci_low, g.ci_high, cfg=fmt)}; "
                f"{p_text(g.p_value, fmt)}; {g.method})."
            )
        if rv.paired is not None:
            pc = rv.paired
            s.lines.append(
                f"{rv.n_vertebrae_paired} vertebrae were treated at both ({pc.n_pairs} with "
                f"a per-vertebra volume at both): initial "
                f"{number(pc.mean_before, cfg=fmt)} mL, repeat {number(pc.mean_after, cfg=fmt)} mL "
                f"(paired t-test {p_text(pc.t_test.p_value, fmt)})."
            )
            _paired(s, [pc], out, "cement_volume_paired", fmt)
        if rv.unpaired is not None:
            r, i = rv.unpaired.groups
            s.lines.append(
                f"Other vertebrae: repeat {number(r.mean, cfg=fmt)} mL (SD {number(r.sd, cfg=fmt)}, "
                f"n = {r.n}) vs initial {number(i.mean, cfg=fmt)} mL (SD {number(i.sd, cfg=fmt)}, n = {i.n})."
            )
            s.table(comparison_table(rv.unpaired, cfg=fmt), out, "cement_volume_repeat_vs_initial")
        s.result(rv, out, "cement_volume")

    def leakage(s: Section) -> None:
        leak = run(leakage_by, "technique", alpha=cfg.alpha)
        s.result(leak, out, "leakage_by_technique")
        model = run(leakage_model)
        s.result(model, out, "leakage_model")
        name = "Logistic model of leakage, vertebrae of all sessions (results/leakage_model.csv)"
        s.checks.append(events_per_parameter(model, name, fmt))
        clustered = clustered_leakage_model(cohort, model, cfg.alpha)
        s.checks.append(vertebrae_as_independent(name, model.n_used, _patients(cohort, ["any_leakage", "cement_volume_ml", "technique"], "all"), clustered_odds_ratios(model, clustered), True, fmt))  # fmt: skip
        s.checks.append(sparse_two_by_two(leak, "Any leakage by technique", "fisher", fmt))
        fisher = leak.tests["fisher"]
        (a, b), (c, d) = leak.table
        s.lines.append(
            f"\nAny leakage at the index procedure: {leak.groups[0]} {count_percent(a, a + b, fmt)} "
            f"of {a + b} vertebrae, {leak.groups[1]} {count_percent(c, c + d, fmt)} of {c + d} "
            f"(Fisher's exact test {p_text(fisher.p_value, fmt)}, vertebrae as independent)."
        )
        gee = run(leakage_clustered, "technique", alpha=cfg.alpha)
        s.lines.append(
            f"Allowing for several vertebrae per patient: odds ratio {number(gee.estimate, 2, fmt)} "
            f"({100 * cfg.ci_level:g}% CI {ci(gee.ci_low, gee.ci_high, 2, fmt)}; "
            f"{p_text(gee.p_value, fmt)}; {gee.method})."
        )
        s.result(gee, out, "leakage_clustered")
        s.lines.append(leakage_model_sentence(model, clustered, fmt, cfg.ci_level))
        s.table(
            leakage_model_table(model, clustered, fmt, cfg.ci_level), out, "leakage_model_adjusted"
        )
        s.result(clustered, out, "leakage_model_clustered")
        s.checks.append(vertebrae_as_independent(
            "Any leakage by technique (Fisher's exact test)", a + b + c + d,
            _patients(cohort, ["any_leakage", "technique"], "index"),
            [(f"{leak.groups[1]} vs {leak.groups[0]}", gee)], True, fmt))  # fmt: skip

    return guarded("Cement volume and leakage", ("Cement volume", volume), ("Leakage", leakage))


def _incidence_sentence(cohort: Cohort, cfg: AnalysisConfig, fmt: FormatConfig, run: Analyses) -> tuple[str, CumulativeIncidence, KaplanMeier]:  # fmt: skip
    """The headline of new fractures with death competing: the cumulative incidence at the
    horizon, and the naive 1 - Kaplan-Meier beside it."""
    cif = run(fracture_cumulative_incidence, alpha=cfg.alpha, by_class=False)
    km = run(fracture_free_survival, conf_type=cfg.ci_type, alpha=cfg.alpha)
    naive = km.at((cfg.horizon_days,)).iloc[0]
    died = int(time_to_fracture(cohort)["cause"].astype(str).eq("death").sum())
    n, fx = km.curves[0].n, km.curves[0].n_events
    if "new_fracture" not in cif.causes:
        text = (
            f"None of {n} patients had a new vertebral fracture ({died} died); the cumulative "
            "incidence of a new fracture is 0% throughout follow-up, with no interval."
        )
        return text, cif, km
    at = cif.curve("new_fracture").at((cfg.horizon_days,)).iloc[0]
    text = (
        f"{fx} of {n} patients had a new vertebral fracture and {died} died without one; the "
        f"cumulative incidence of a new fracture at {_horizon(cfg.horizon_days)} was "
        f"{number(100 * at.estimate, 1, fmt)}% ({100 * cfg.ci_level:g}% CI "
        f"{ci(100 * at.ci_low, 100 * at.ci_high, 1, fmt)}; Aalen-Johansen, death as a competing "
        f"risk; {int(naive.n_risk)} patients still at risk). Kaplan-Meier with deaths censored "
        f"gives {number(100 * (1 - naive.survival), 1, fmt)}% (1 − fracture-free survival), "
        "which overstates the incidence when deaths compete."
    )
    return text, cif, km


def _competing_deaths_sentence(cif: CumulativeIncidence, cfg: AnalysisConfig, fmt: FormatConfig) -> str:  # fmt: skip
    """The competing event beside the new fractures, by group: the deaths without a new
    fracture first and their cumulative incidence at the horizon, with Gray's test."""
    labels = load_labels()
    level = f"{100 * cfg.ci_level:g}% CI"
    parts = []
    for g in cif.groups:
        curve = cif.curve("death", g)
        at = curve.at((cfg.horizon_days,)).iloc[0]
        text = f"{labels.level('etiology', g).lower()} {counted(int(curve.table['n_event'].sum()), 'deaths', fmt)}"  # fmt: skip
        if math.isnan(at.estimate):
            text += f", followed less than {_horizon(cfg.horizon_days)}"
        elif math.isnan(at.ci_low):
            text += f", {number(100 * at.estimate, 1, fmt)}% at {_horizon(cfg.horizon_days)}"
        else:
            text += f", {number(100 * at.estimate, 1, fmt)}% at {_horizon(cfg.horizon_days)} ({level} {ci(100 * at.ci_low, 100 * at.ci_high, 1, fmt)})"  # fmt: skip
        parts.append(text)
    return (
        f"Death without a new fracture, the competing event: {'; '.join(parts)}; "
        f"Gray's test {p_text(cif.gray['death'].p_value, fmt)}."
    )


def _check_test_phrase(comp: TwoGroupComparison, name: str, fmt: FormatConfig) -> str:
    """The test printed beside the primary one, named with the branch it took: a rank
    test exact, or why not (ties, or a group of 50 or more, as R's ``wilcox.test``)."""
    e = comp.tests[name]
    test = e.method.split(",")[0]
    if not isinstance(e, RankTest):
        return f"as a check, {test} {p_text(e.p_value, fmt)}"
    if e.exact:
        return f"as a check, the exact {test} {p_text(e.p_value, fmt)}"
    why = "tied days rule" if max(g.n for g in comp.groups) < 50 else "a group of 50 or more rules"
    return f"as a check, {test} {p_text(e.p_value, fmt)} (normal approximation: {why} out the exact test)"  # fmt: skip


def _cox_endpoint(deaths: str) -> str:
    """What a Cox model of new fractures estimates under the ``deaths`` setting."""
    if deaths == "event":
        return "death counted as an event (hazard of a new fracture or death)"
    return "deaths censored (the cause-specific hazard of a new fracture)"


def new_fractures(
    cohort: Cohort, out: Path, cfg: AnalysisConfig, analyses: Analyses | None = None
) -> Section:
    run = Analyses(cohort) if analyses is None else analyses
    fmt = report_style(cfg)
    ep = endpoint(cfg.deaths)
    km_deaths: Literal["censored", "event"] = "event" if cfg.deaths == "event" else "censored"

    def survival(s: Section) -> None:
        km = run(fracture_free_survival, conf_type=cfg.ci_type, alpha=cfg.alpha, deaths=km_deaths)  # fmt: skip
        s.counts(ep.title, "patients", km.curves[0].n, km.n_excluded, "patients without known follow-up time")  # fmt: skip
        if cfg.deaths == "competing":
            text, cif, km = _incidence_sentence(cohort, cfg, fmt, run)
            s.lines.append(text)
            s.table(incidence_table(cif, cfg.survival_days, fmt), out, "new_fracture_incidence")
            s.result(cif, out, "new_fracture_incidence_curve")
        else:
            one_year = km.at((cfg.horizon_days,)).iloc[0]
            events = "a new vertebral fracture" + (" or died" if cfg.deaths == "event" else "")
            s.lines.append(
                f"{km.curves[0].n_events} of {km.curves[0].n} patients had {events}; "
                f"{ep.name} ({ep.handling}) at {_horizon(cfg.horizon_days)} was "
                f"{number(100 * one_year.survival, 1, fmt)}% "
                f"({100 * cfg.ci_level:g}% CI {ci(100 * one_year.ci_low, 100 * one_year.ci_high, 1, fmt)}; "
                f"Kaplan-Meier, {cfg.ci_type} interval; {int(one_year.n_risk)} patients still at risk)."
            )  # fmt: skip
            s.table(survival_table(km, cfg.survival_days, fmt), out, "fracture_free_survival")
        s.result(km, out, "fracture_free_survival_curve")

    def by_etiology(s: Section) -> None:
        by = run(fracture_free_survival, "etiology", alpha=cfg.alpha, deaths=km_deaths)
        lr = run(fracture_free_logrank, "etiology", deaths=km_deaths)
        if cfg.deaths == "competing":
            cif = run(fracture_cumulative_incidence, "etiology", cfg.alpha, by_class=False)
            gray = cif.gray["new_fracture"]
            s.lines.append(
                f"\nBy etiology: Gray's test of the cumulative incidence of a new fracture "
                f"(death as a competing risk) chi-square {number(gray.statistic, 2, fmt)}, df "
                f"{int(gray.df)}, {p_text(gray.p_value, fmt)}; log-rank test of the "
                f"cause-specific hazard (deaths censored) {p_text(lr.test.p_value, fmt)}."
            )
            if "death" in cif.gray:
                s.lines.append(_competing_deaths_sentence(cif, cfg, fmt))
            s.checks.append(few_events_logrank(by, "Cumulative incidence of a new fracture by etiology (Gray's test)", gray, fmt))  # fmt: skip
            s.result(cif.at(cfg.survival_days), out, "new_fracture_incidence_by_etiology")
            return
        s.lines.append(f"\nBy etiology ({ep.name}, {ep.handling}): log-rank chi-square "
                       f"{number(lr.test.statistic, 2, fmt)}, df {int(lr.test.df)}, {p_text(lr.test.p_value, fmt)}.")  # fmt: skip
        s.checks.append(few_events_logrank(by, f"{ep.title} by etiology (log-rank test)", lr.test, fmt))  # fmt: skip
        horizon = min(float(c.table["time"].iloc[-1]) for c in by.curves)
        tau = min(float(cfg.horizon_days), horizon)
        mean = run(fracture_free_rmst, "etiology", tau, cfg.alpha, deaths=km_deaths)
        if "difference" in mean.tests:
            s.lines.append(_rmst_sentence(mean, cfg, fmt))
        s.checks.append(few_events_rmst(mean, "Restricted mean fracture-free time by etiology", fmt))  # fmt: skip
        s.result(mean, out, "fracture_free_rmst_by_etiology")
        s.result(by.survival_at(cfg.survival_days), out, "fracture_free_survival_by_etiology")

    def timing(s: Section) -> None:
        timing = run(fracture_timing, cfg.alpha, primary=cfg.primary_test)
        adj, rem = timing.comparison.groups
        s.counts(
            "Timing of adjacent vs non-adjacent fractures",
            "patients with a new fracture",
            adj.n + rem.n,
            timing.n_same_level + timing.n_unclassified,
            "same-level or unclassified first fractures",
        )
        comp = timing.comparison
        main = comp.primary_test
        check = "welch" if comp.primary == "mann_whitney" else "mann_whitney"
        s.lines.append(
            f"\nCounting {timing.definition}, new adjacent fractures occurred at a mean of {number(adj.mean, 0, fmt)} days "
            f"(median {number(adj.median, 0, fmt)}, n = {adj.n}) and non-adjacent fractures at "
            f"{number(rem.mean, 0, fmt)} days (median {number(rem.median, 0, fmt)}, n = {rem.n}); "
            f"{main.method.split(',')[0]} {p_text(main.p_value, fmt)} (the primary test named in the "
            f"analysis settings); {_check_test_phrase(comp, check, fmt)}. These tests compare the days among patients "
            "who had a new fracture only, leaving out those still at risk and those who died "
            "first, so they describe timing, not risk: the cumulative incidence of each class "
            "with death competing ({{table:cumulative_incidence}}) allows for both. Every test "
            "computed is in results/fracture_timing.csv."
        )  # fmt: skip
        s.table(comparison_table(comp, cfg=fmt, tests=(comp.primary, check)), out, "fracture_timing")  # fmt: skip
        s.result(timing, out, "fracture_timing")

    def incidence(s: Section) -> None:
        cif = run(fracture_cumulative_incidence, alpha=cfg.alpha)
        s.table(
            incidence_table(cif, cfg.survival_days, fmt),
            out,
            "cumulative_incidence",
            "cumulative_incidence",
        )
        s.result(cif, out, "cumulative_incidence_curves")

    def risk_model(s: Section) -> None:
        model = run(fracture_risk_model, alpha=cfg.alpha, deaths=km_deaths)
        s.counts(
            "Risk-factor model",
            "patients",
            model.n_used,
            model.n_excluded,
            "patients with a missing covariate or follow-up time",
        )
        s.lines.append(
            f"\nCox model of time to first new fracture, {_cox_endpoint(cfg.deaths)} ({counted(model.n_used, 'patients')}, "
            f"{counted(model.n_events, 'events')}, {model.n_excluded} excluded for missing covariates; Efron ties; "
            f"concordance {number(model.concordance, 2, fmt)}; global proportional-hazards test "
            f"{p_text(float(model.ph_test['p_value'].iloc[-1]), fmt)})."
        )
        s.lines += [f"\nNote: {note}." for note in model.notes]
        name, labels = "Cox risk-factor model", load_labels()
        s.checks += [events_per_parameter(model, name, fmt), few_events_in_levels(model, name, labels, fmt),
                     proportional_hazards(model, name, cfg.alpha, labels, fmt)]  # fmt: skip
        s.table(model_table(model, fmt), out, "risk_model", "regression")
        s.result(model, out, "risk_model")
        s.result(model.ph_test, out, "risk_model_ph_test")

    return guarded(
        "New fractures",
        ("Fracture-free survival", survival),
        ("Fracture-free survival by etiology", by_etiology),
        ("Timing of adjacent vs non-adjacent fractures", timing),
        ("Cumulative incidence by fracture class", incidence),
        ("Risk-factor model", risk_model),
    )
