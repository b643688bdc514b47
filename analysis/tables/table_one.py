"""Table 1: who was treated and how, overall and by group, with tests and SMDs.

Two sections: patients (one row per patient) and the vertebrae treated at the index
procedure (one per vertebra; ``sessions="all"`` counts every vertebra of every session
instead, a vertebra treated twice twice). The section heading, the title and a footnote
name that population and its size, and the footnote counts the vertebrae of later
sessions left out, so the table and the text count the same units. A repeat augmentation
is not a characteristic of an index vertebra: it is a patient row (patients with a
vertebra augmented again during follow-up, of all patients).
Continuous variables print as declared (mean (SD), median [IQR] or both);
factors as n (%) of those recorded, with an ``Unknown`` row where values are missing.
With ``by=`` each group gets a column (and an Overall column), a P value whose test is
named in a footnote, and the absolute standardised mean difference of two groups.
A vertebra row is never tested with the vertebrae of a patient as independent: a
characteristic the same for every vertebra of a patient is tested on the patients (one
row per patient, the n tested in a footnote), one that differs gets no P value (a
footnote says why); its counts and SMD stay those of the vertebrae.

The tests are those of :mod:`analysis.stats` (Welch t / Mann-Whitney U for two groups,
Welch ANOVA / Kruskal-Wallis for more, chi-square or Fisher for a 2 x 2 table). A
factor with more than two levels or groups needs the r x c chi-square test, which
``analysis.stats`` does not offer yet: it is taken from scipy here until it moves there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

import numpy as np
import pandas as pd

from analysis.formatting import (  # fmt: skip
    PLAIN,
    FormatConfig,
    count,
    count_percent,
    mean_sd,
    median_iqr,
    p_value,
    smd,
)
from analysis.labels import Labels
from analysis.schema import Cohort
from analysis.stats import (
    compare_many_groups,
    rank_sum_test,
    smd_binary,
    smd_continuous,
    time_to_fracture,
    two_by_two_test,
    vertebra_frame,
    welch_t_test,
)
from analysis.stats.outcomes.cement import vertebra_patient_order
from analysis.stats.outcomes.selection import count_sessions, session_rows
from analysis.tables._common import (
    Notes,
    abbreviations,
    labels_or_default,
    sentence_case,
    stat_name,
)
from analysis.tables._level_keys import Factor, by_level
from analysis.tables._level_keys import as_levels as _as_levels
from analysis.tables.model import Row, Span, Table

Kind = Literal["categorical", "mean_sd", "median_iqr", "both"]
VertebraSessions = Literal["index", "all"]
EN_DASH = "\u2013"

# Whose vertebrae the vertebra rows count unless told otherwise: those of the index
# procedure, as the text and analysis.stats.describe_cohort count them.
VERTEBRA_SESSIONS: VertebraSessions = "index"
_POPULATION = {
    "index": "vertebrae treated at the index procedure",
    "all": "vertebrae treated at any session",
}
# Patient rows derived from the procedures table, and their label where labels.yaml
# has none: a repeat augmentation is counted per patient, never per index vertebra.
DERIVED_PATIENT_LABELS = {
    "death_without_fracture": {
        "label": "Died without a new fracture",
        "levels": {"no": "No", "yes": "Yes"},
        "reference": "no",
    },
    "repeat_augmentation": {
        "label": "Repeat augmentation during follow-up",
        "levels": {"no": "No", "yes": "Yes"},
        "reference": "no",
    },
}


@dataclass(frozen=True)
class Variable:
    """A Table 1 row: the column and how it is summarised."""

    name: str
    kind: Kind = "categorical"
    decimals: int | None = None  # of this row's summaries; None: the style's


PATIENT_VARIABLES = (
    Variable("age_years", "mean_sd"),
    Variable("sex"),
    Variable("etiology"),
    Variable("bmd_t_score", "mean_sd"),
    Variable("steroid_use"),
    Variable("prior_fracture_count", "median_iqr", 0),
    Variable("followup_days", "median_iqr", 0),
    Variable("died"),
    Variable("death_without_fracture"),
    Variable("repeat_augmentation"),
)
# Patient rows that describe what happened after the index procedure, not the patients
# at baseline: shown in their own section, without a P value or an SMD (the groups may
# be followed for different lengths of time and die at different rates, so a crude
# proportion does not compare their risks).
FOLLOWUP_VARIABLES = frozenset(
    {"followup_days", "died", "death_day", "death_without_fracture", "repeat_augmentation"}
)
VERTEBRA_VARIABLES = (
    Variable("technique"),
    Variable("approach"),
    Variable("cement_type"),
    Variable("cement_volume_ml", "median_iqr"),
    Variable("any_leakage"),
    Variable("cleft"),
)


def vertebra_population(sessions: VertebraSessions = VERTEBRA_SESSIONS) -> str:
    """Whom Table 1's vertebra rows count, in words (``"vertebrae treated at the index
    procedure"``): its section heading, and the name the statistical review gives them."""
    if sessions not in _POPULATION:
        raise ValueError(f"Table 1: sessions must be 'index' or 'all', not {sessions!r}")
    return _POPULATION[sessions]


def repeat_augmentation(cohort: Cohort) -> pd.Series:
    """Per patient, in the order of ``cohort.patients``: True when a vertebra of the
    patient is marked ``is_repeat`` (augmented again at a later session), False when the
    patient's vertebrae are recorded without one, missing when ``is_repeat`` is recorded
    for none of them or the patient has no treated vertebra."""
    procs = cohort.procedures
    # the vertebrae's and the patients' IDs as text, coded together (hashed, not sorted)
    key = np.asarray(procs["patient_id"].astype(str), dtype=object)
    ids = np.asarray(cohort.patients["patient_id"].astype(str), dtype=object)
    codes = pd.factorize(np.concatenate([key, ids]))[0]
    of_vertebra, of_patient = codes[: len(key)], codes[len(key) :]
    flags = procs["is_repeat"].astype("boolean")
    yes = np.zeros(int(codes.max(initial=-1)) + 1, dtype=bool)
    seen = yes.copy()
    yes[of_vertebra[flags.fillna(False).to_numpy(dtype=bool)]] = True
    seen[of_vertebra[flags.notna().to_numpy(dtype=bool)]] = True
    values = pd.array(yes[of_patient], dtype="boolean")
    values[~seen[of_patient]] = pd.NA
    return pd.Series(values, index=cohort.patients.index, name="repeat_augmentation")


def death_without_fracture(cohort: Cohort) -> pd.Series:
    """Per patient, in the order of ``cohort.patients``: True when the patient died
    without a new fracture first (the competing event of the cumulative incidence of a
    new fracture, as :func:`analysis.stats.time_to_fracture` codes it), False when the
    patient had a new fracture first or did not die, missing when whether the patient
    died is not recorded."""
    t = time_to_fracture(cohort)
    cause = t["cause"].astype(str).set_axis(t["patient_id"].astype(str))
    ids = cohort.patients["patient_id"].astype(str)
    values = pd.array((cause.reindex(ids) == "death").to_numpy(dtype=bool), dtype="boolean")
    values[cohort.patients["died"].isna().to_numpy()] = pd.NA
    return pd.Series(values, index=cohort.patients.index, name="death_without_fracture")


@dataclass(frozen=True)
class _Ctx:
    by: str | None
    groups: tuple[str, ...]
    overall: bool
    tests: bool
    smd: bool
    cfg: FormatConfig
    labels: Labels
    notes: Notes
    not_recorded: list[str] = field(default_factory=list)
    not_tested: list[str] = field(default_factory=list)
    on_patients: list[str] = field(default_factory=list)  # vertebra rows counted on patients
    method_suffix: str = ""  # how a test's footnote names the units it tested
    compare: bool = True  # False: the rows of the section get no P value and no SMD
    # the vertebra section's rows' patients as integers (vertebra_patient_order), if known
    vertebra_patients: np.ndarray | None = None


@dataclass(frozen=True)
class _Parts:
    """Which rows of a section each column holds (overall first, if shown, then each
    group) and which rows each group holds."""

    columns: tuple[np.ndarray, ...]
    groups: tuple[np.ndarray, ...]


def _parts(frame: pd.DataFrame, ctx: _Ctx) -> _Parts:
    groups: tuple[np.ndarray, ...] = ()
    if ctx.by is not None:
        key = frame[ctx.by].astype("string")
        groups = tuple((key == g).fillna(False).to_numpy(dtype=bool) for g in ctx.groups)
    overall = (np.ones(len(frame), dtype=bool),) if ctx.overall or ctx.by is None else ()
    return _Parts(overall + groups, groups)


def _summary(v: np.ndarray) -> tuple[int, float, float, float, float, float]:
    """n, mean, SD, median, Q1, Q3 of the recorded values (quartiles as R's type 7)."""
    ok = v[~np.isnan(v)]
    nan = float("nan")
    if len(ok) == 0:
        return 0, nan, nan, nan, nan, nan
    q1, med, q3 = np.percentile(ok, [25, 50, 75])
    sd = float(np.std(ok, ddof=1)) if len(ok) > 1 else nan
    return len(ok), float(ok.mean()), sd, float(med), float(q1), float(q3)


def _numbers(series: pd.Series) -> np.ndarray:
    return pd.to_numeric(series, errors="coerce").astype(float).to_numpy()


def _continuous_test(values: np.ndarray, kind: str, ctx: _Ctx, parts: _Parts) -> tuple[str, str]:  # fmt: skip
    """P text (with its mark) and SMD text of a continuous variable: only the test the
    table prints is computed (Mann-Whitney U for medians, else Welch t)."""
    if ctx.by is None or not ctx.compare or not (ctx.tests or ctx.smd):
        return "", ""
    xs = [x[~np.isnan(x)] for x in (values[m] for m in parts.groups)]
    p_text, smd_text = "", ""
    try:
        if ctx.tests and len(xs) == 2:
            if len(xs[0]) < 2 or len(xs[1]) < 2:
                raise ValueError("each group needs at least 2 values")
            test = (rank_sum_test if kind == "median_iqr" else welch_t_test)(xs[0], xs[1])
            p_text = p_value(test.p_value, ctx.cfg) + ctx.notes.mark(
                test.method.split(",")[0] + ctx.method_suffix
            )
        elif ctx.tests:
            frame2 = pd.DataFrame({"v": np.concatenate(xs), "g": np.repeat(ctx.groups, [len(x) for x in xs])})  # fmt: skip
            res_k = compare_many_groups(frame2, "v", "g", list(ctx.groups))
            test = res_k.tests["kruskal_wallis" if kind == "median_iqr" else "welch_anova"]
            p_text = p_value(test.p_value, ctx.cfg) + ctx.notes.mark(
                test.method + ctx.method_suffix
            )
    except ValueError:
        p_text = ctx.cfg.missing
    if ctx.smd and len(xs) == 2 and min(len(xs[0]), len(xs[1])) > 1:
        smd_text = smd(abs(smd_continuous(xs[0], xs[1])), ctx.cfg)
    return p_text, smd_text


def _categorical_test(factor: Factor, levels: list[str], ctx: _Ctx, parts: _Parts) -> tuple[str, str]:  # fmt: skip
    if ctx.by is None or not ctx.compare or not (ctx.tests or ctx.smd):
        return "", ""
    names = factor.names(factor.counts())
    per_group = [by_level(factor.counts(m), names) for m in parts.groups]
    table = np.array([[int(g.get(lv, 0)) for lv in levels] for g in per_group])
    table = table[:, table.sum(axis=0) > 0]
    p_text, smd_text = "", ""
    if table.shape[1] < 2 or (table.sum(axis=1) == 0).any():
        return ctx.cfg.missing if ctx.tests else "", ""
    if table.shape == (2, 2):
        (a, b), (c, d) = table
        expected = np.outer(table.sum(1), table.sum(0)) / table.sum()
        test = two_by_two_test(a, a + b, c, c + d, "fisher" if (expected < 5).any() else "chi_square")  # fmt: skip
        p, method = test.p_value, test.method.split(" (")[0].split(",")[0]
        if ctx.smd:
            smd_text = smd(abs(smd_binary(a / (a + b), c / (c + d))), ctx.cfg)
    else:
        from scipy.stats import chi2_contingency  # r x c: not yet in analysis.stats

        p, method = (
            float(chi2_contingency(table, correction=False).pvalue),
            "Pearson chi-square test",
        )
    if ctx.tests:
        p_text = p_value(p, ctx.cfg) + ctx.notes.mark(method + ctx.method_suffix)
    return p_text, smd_text


def _levels(series: pd.Series, name: str, labels: Labels) -> list[str]:
    factor = Factor.of(series)
    return _present_levels(set(factor.names(factor.counts())), name, labels)


def _present_levels(present: set[str], name: str, labels: Labels) -> list[str]:
    declared = list(labels.get(name).levels)
    if declared and present <= set(declared):
        return [lv for lv in declared if lv in present]
    return sorted(present, key=str)


def _blank(ctx: _Ctx, n_cols: int) -> list[str]:
    return [""] * n_cols


def _categorical_rows(frame: pd.DataFrame, name: str, ctx: _Ctx, parts: _Parts, p_given: str | None = None, unit: str = "") -> list[Row]:  # fmt: skip
    """The rows of a factor; ``p_given``: the P text to print instead of this frame's
    test; ``unit``: the unit counted, after the label (`` (patients)``) when it is not
    the section's."""
    lab = ctx.labels.get(name)
    factor = Factor.of(frame[name])
    levels = _present_levels(set(factor.names(factor.counts())), name, ctx.labels)
    own = ctx if p_given is None else replace(ctx, tests=False)
    p_text, smd_text = _categorical_test(factor, levels, own, parts)
    tail = [p_text if p_given is None else p_given, smd_text][: _extra(ctx)]
    binary = levels in (["no", "yes"], ["yes"], ["no"]) or set(lab.levels) == {"yes", "no"}
    head = f"{lab.display}{unit}, {stat_name('categorical', ctx.cfg)}"
    names = factor.names(factor.counts())  # one name per value in every column
    tallies = []
    for rows_of in parts.columns:
        counts = factor.counts(rows_of)
        tallies.append((by_level(counts, names), int(counts.sum())))
    rows: list[Row] = []
    if binary:
        cells = [count_percent(by.get("yes", 0), n, ctx.cfg) for by, n in tallies]
        rows.append(Row((head, *cells, *tail)))
    else:
        rows.append(Row((head, *_blank(ctx, len(parts.columns)), *tail)))
        for lv in levels:
            cells = [count_percent(by.get(lv, 0), n, ctx.cfg) for by, n in tallies]
            # a count's 0 and 1 are numbers, not no and yes
            shown = lv if lv in ("0", "1") else lab.level(lv)
            rows.append(Row((shown, *cells, *[""] * len(tail)), indent=1))
    rows += _unknown_row(frame, name, ctx, parts, len(tail))
    return rows


def _unknown_row(frame: pd.DataFrame, name: str, ctx: _Ctx, parts: _Parts, n_tail: int) -> list[Row]:  # fmt: skip
    missing_value = frame[name].isna().to_numpy()
    missing = [int((missing_value & rows_of).sum()) for rows_of in parts.columns]
    if not any(missing):
        return []
    return [Row(("Unknown", *(count(m, ctx.cfg) for m in missing), *[""] * n_tail), indent=1)]


def _continuous_rows(frame: pd.DataFrame, v: Variable, ctx: _Ctx, parts: _Parts, p_given: str | None = None, unit: str = "") -> list[Row]:  # fmt: skip
    """The rows of a number; ``p_given``: the P text to print instead of this frame's
    test; ``unit`` as for :func:`_categorical_rows`."""
    lab = ctx.labels.get(v.name)
    values = _numbers(frame[v.name])
    sums = [_summary(values[rows_of]) for rows_of in parts.columns]
    kinds = ["mean_sd", "median_iqr"] if v.kind == "both" else [v.kind]
    own = ctx if p_given is None else replace(ctx, tests=False)
    p_text, smd_text = _continuous_test(values, v.kind, own, parts)
    tail = [p_text if p_given is None else p_given, smd_text][: _extra(ctx)]
    rows: list[Row] = []

    cfg = ctx.cfg if v.decimals is None else replace(ctx.cfg, decimals=v.decimals)

    def cells(kind: str) -> list[str]:
        if kind == "mean_sd":
            return [mean_sd(s[1], s[2], cfg) if s[0] else cfg.missing for s in sums]
        return [median_iqr(s[3], s[4], s[5], cfg) if s[0] else cfg.missing for s in sums]

    if len(kinds) == 1:
        rows.append(
            Row((f"{lab.display}{unit}, {stat_name(kinds[0], ctx.cfg)}", *cells(kinds[0]), *tail))
        )
    else:
        rows.append(Row((f"{lab.display}{unit}", *_blank(ctx, len(parts.columns)), *tail)))
        rows += [Row((sentence_case(stat_name(k, ctx.cfg)), *cells(k), *[""] * len(tail)), indent=1) for k in kinds]  # fmt: skip
    rows += _unknown_row(frame, v.name, ctx, parts, len(tail))
    return rows


def _as_text(column: pd.Series) -> pd.Series:
    """What ``column.astype(str)`` tells apart: a categorical column's codes (its
    categories are distinct text), a float column's bit patterns when none is NaN, any
    other column's text."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return pd.Series(column.cat.codes.to_numpy(), index=column.index)
    if column.dtype == np.float64:
        values = column.to_numpy()
        if not np.isnan(values).any():
            # a float's text is its shortest round-trip repr: distinct numbers (0.0 and
            # -0.0 too) have distinct text, so their bit patterns tell them apart alike
            return pd.Series(values.view(np.int64), index=column.index)
    return column.astype(str)


def _patient_values(frame: pd.DataFrame, name: str, by: str, patients: np.ndarray | None = None) -> pd.DataFrame | None:  # fmt: skip
    """One row per patient of ``frame`` (the patient's value of ``name``, missing where
    none of the patient's vertebrae has it, and group) when ``name`` is the same for
    every vertebra of each patient where recorded; None when it differs between the
    vertebrae of a patient. ``patients``, an integer per row equal where the rows' IDs
    are (their text), tells the patients apart without hashing the IDs again."""
    rows = frame[["patient_id", name, by]]
    if patients is None:
        ids = frame["patient_id"]
        # text without a missing ID is already what astype(str) gives
        text = isinstance(ids.dtype, pd.StringDtype) and not ids.isna().any()
        patients = pd.factorize(ids if text else ids.astype(str))[0]
    known = rows[name].notna().to_numpy()
    if (_as_text(rows[name][known]).groupby(patients[known], sort=False).nunique() > 1).any():
        return None
    # each patient's first recorded row, else its first row (by codes, not sorted text)
    at = np.arange(len(rows))
    chosen = np.full(int(patients.max(initial=-1)) + 1, len(rows))
    chosen[patients[::-1]] = at[::-1]  # the earliest row writes last
    chosen[patients[known][::-1]] = at[known][::-1]
    chosen = chosen[chosen < len(rows)]  # codes of no row (``patients`` need not be dense)
    first = rows.iloc[np.sort(chosen)].sort_index()
    return first[["patient_id", name, by]].reset_index(drop=True)


def _clustered_rows(frame: pd.DataFrame, v: Variable, ctx: _Ctx, parts: _Parts) -> list[Row]:  # fmt: skip
    """A vertebra row whose test does not treat the vertebrae of a patient as
    independent. When the value is the same for every vertebra of a patient, the row
    counts, compares (SMD) and tests the patients, one row per patient, so its n (%),
    SMD and P value are of one unit; else it counts the vertebrae and gets no P value.
    A footnote says which."""
    assert ctx.by is not None
    display = ctx.labels.display(v.name)
    patients = ctx.vertebra_patients
    patients = patients if patients is not None and len(patients) == len(frame) else None
    per_patient = _patient_values(frame, v.name, ctx.by, patients)
    if per_patient is None:
        ctx.not_tested.append(display)
        if v.kind == "categorical":
            return _categorical_rows(frame, v.name, ctx, parts, ctx.cfg.missing)
        return _continuous_rows(frame, v, ctx, parts, ctx.cfg.missing)
    ctx.on_patients.append(display)
    on_patients = replace(ctx, method_suffix=", of patients (one row per patient)")
    p_parts = _parts(per_patient, ctx)
    n = len(per_patient)
    ctx.notes.add(
        f"{display}: the same for every vertebra of a patient, so counted, compared (SMD) "
        f"and tested on the {count(n, ctx.cfg)} patients, one row per patient; the other "
        "vertebra rows count vertebrae."
    )
    unit = " (patients)"
    if v.kind == "categorical":
        return _categorical_rows(per_patient, v.name, on_patients, p_parts, unit=unit)
    return _continuous_rows(per_patient, v, on_patients, p_parts, unit=unit)


def _extra(ctx: _Ctx) -> int:
    if ctx.by is None:
        return 0
    return (
        1 + int(ctx.smd and len(ctx.groups) == 2)
        if ctx.tests
        else int(ctx.smd and len(ctx.groups) == 2)
    )


def _section(title: str, unit: str | None, frame: pd.DataFrame, variables: Sequence[Variable], ctx: _Ctx, clustered: bool = False) -> list[Row]:  # fmt: skip
    """The rows of one section; ``unit``: the name of its count row (none when None);
    ``clustered``: rows are vertebrae, several to a patient, so no test treats them as
    independent (see :func:`_clustered_rows`)."""
    parts = _parts(frame, ctx)
    rows = [Row((title, *[""] * (len(parts.columns) + _extra(ctx))), group=True)]
    if unit is not None:
        n_cells = [count(int(rows_of.sum()), ctx.cfg) for rows_of in parts.columns]
        rows.append(Row((f"{unit}, n", *n_cells, *[""] * _extra(ctx))))
    for v in variables:
        if v.name == ctx.by:
            continue
        if v.name not in frame.columns:
            raise ValueError(f"Table 1: no column {v.name!r} among the {title.lower()}")
        if frame[v.name].notna().sum() == 0:  # a row of dashes and an all-Unknown count
            ctx.not_recorded.append(ctx.labels.display(v.name))
            continue
        if clustered and ctx.by is not None and (ctx.tests or ctx.smd):
            rows += _clustered_rows(frame, v, ctx, parts)
            continue
        rows += (
            _categorical_rows(frame, v.name, ctx, parts)
            if v.kind == "categorical"
            else _continuous_rows(frame, v, ctx, parts)
        )
    return rows


def _with_derived(cohort: Cohort, variables: Sequence[Variable]) -> pd.DataFrame:
    """The patients table with the derived patient rows asked for (and not already
    columns of it)."""
    pts = cohort.patients
    wanted = {v.name for v in variables} - set(pts.columns)
    if "repeat_augmentation" in wanted:
        pts = pts.assign(repeat_augmentation=repeat_augmentation(cohort))
    if "death_without_fracture" in wanted:
        pts = pts.assign(death_without_fracture=death_without_fracture(cohort))
    return pts


def _derived_labels(labels: Labels, variables: Sequence[Variable]) -> Labels:
    """``labels`` with the default label of each derived patient row it does not name."""
    named = {n for table in labels.variables.values() for n in table}
    missing = {
        v.name: DERIVED_PATIENT_LABELS[v.name]
        for v in variables
        if v.name in DERIVED_PATIENT_LABELS and v.name not in named
    }
    return labels.with_overrides(missing) if missing else labels


def _grouped(pts: pd.DataFrame, verts: pd.DataFrame, by: str, labels: Labels) -> tuple[pd.DataFrame, pd.DataFrame, tuple[str, ...]]:  # fmt: skip
    """Patients and vertebrae (when any) with ``by`` as level keys, and its groups."""
    if by not in pts.columns:
        raise ValueError(f"Table 1: no patient column {by!r} to group by; patient columns: {', '.join(pts.columns[1:])}")  # fmt: skip
    groups = tuple(_levels(pts[by], by, labels))
    if len(groups) < 2:
        raise ValueError(f"Table 1: {by!r} has {len(groups)} group(s) in these data; two or more are needed")  # fmt: skip
    if len(verts.columns):  # a vertebra section is shown
        if by not in verts.columns:
            key = pts.set_index(pts["patient_id"].astype(str))[by]
            verts = verts.assign(**{by: key.reindex(verts["patient_id"].astype(str)).to_numpy()})
        verts = verts.assign(**{by: _as_levels(verts[by])})
    return pts.assign(**{by: _as_levels(pts[by])}), verts, groups


def _population_note(cohort: Cohort, sessions: VertebraSessions, n: int, cfg: FormatConfig) -> str:  # fmt: skip
    """Whom the vertebra rows count, how many, and the vertebrae of later sessions."""
    procs = cohort.procedures
    not_index = ~session_rows(cohort, "index")  # rows of sessions other than the index one
    later = procs[not_index]
    n_later, n_sessions = len(later), count_sessions(cohort, not_index)
    n_repeat = int(later["is_repeat"].fillna(False).astype(bool).sum())
    at_later = f"{count(n_later, cfg)} treated at {count(n_sessions, cfg)} later session{'s' * (n_sessions != 1)}"  # fmt: skip
    repeats = f"{count(n_repeat, cfg)} repeat augmentation{'s' * (n_repeat != 1)} of a vertebra treated before"  # fmt: skip
    if sessions == "index":
        text = f"Vertebra rows count the {count(n, cfg)} vertebrae treated at the index procedure (day 0)"  # fmt: skip
        if n_later:
            text += f", not the {at_later} ({repeats})"
    else:
        text = f"Vertebra rows count all {count(n, cfg)} vertebrae treated at any session: {count(n - n_later, cfg)} at the index procedure and the {at_later} ({repeats}; a vertebra treated twice is counted twice)"  # fmt: skip
    return text + "."


def _patient_notes(variables: Sequence[Variable], by: str | None, ctx: _Ctx) -> None:
    """The notes saying what the repeat-augmentation and follow-up rows count, and why
    the rows during follow-up are not compared."""
    shown = {v.name for v in variables}
    later = [ctx.labels.display(v.name) for v in variables if v.name in FOLLOWUP_VARIABLES and v.name != by and ctx.labels.display(v.name) not in ctx.not_recorded]  # fmt: skip
    if later and by is not None and (ctx.tests or ctx.smd):
        ctx.notes.add(
            "During follow-up: what happened after the index procedure, not a characteristic "
            "of the patients at baseline, so shown without a P value or an SMD; the groups "
            "can be followed for different lengths of time and die at different rates, so "
            "crude proportions do not compare their risks (the cumulative incidence with "
            "death as a competing risk does)."
        )
    if "death_without_fracture" in shown and ctx.labels.display("death_without_fracture") not in ctx.not_recorded:  # fmt: skip
        ctx.notes.add(f"{ctx.labels.display('death_without_fracture')}: patients who died before any new vertebral fracture, the event competing with a new fracture in its cumulative incidence; the other deaths followed a new fracture.")  # fmt: skip
    repeat = ctx.labels.display("repeat_augmentation")
    if "repeat_augmentation" in shown and repeat not in ctx.not_recorded and by != "repeat_augmentation":  # fmt: skip
        ctx.notes.add(f"{repeat}: patients with a treated vertebra augmented again at a later session; percentages are of patients, not of vertebrae.")  # fmt: skip
    followup = ctx.labels.display("followup_days")
    if "followup_days" in shown and followup not in ctx.not_recorded:
        ctx.notes.add(f"{followup}: observed days from the index procedure to the last contact or death, as recorded; a reverse Kaplan-Meier median of follow-up (which censors at a new fracture) can differ from it.")  # fmt: skip


def table_one(
    cohort: Cohort,
    by: str | None = None,
    patient_variables: Sequence[Variable] = PATIENT_VARIABLES,
    vertebra_variables: Sequence[Variable] = VERTEBRA_VARIABLES,
    overall: bool = True,
    tests: bool = True,
    smd: bool = True,
    style: FormatConfig = PLAIN,
    labels: Labels | None = None,
    title: str | None = None,
    sessions: VertebraSessions = VERTEBRA_SESSIONS,
) -> Table:
    """Table 1 of a cohort: patient characteristics and those of the treated vertebrae.

    Parameters
    ----------
    by
        A patient column (``etiology``, ``sex`` ...): one column per group, with P values
        and (for two groups) absolute standardised mean differences. Vertebra rows are
        tested on patients where the value is the same for every vertebra of a
        patient, and not at all where it differs.
    patient_variables, vertebra_variables
        The rows of each section and how each is summarised; an empty sequence leaves
        the section out. ``repeat_augmentation`` (a patient row) is derived from the
        procedures table: patients with a vertebra augmented again during follow-up.
    overall
        Show an Overall column beside the groups.
    tests, smd
        Show P values (test named in a footnote) and SMDs.
    sessions
        Whose vertebrae the vertebra rows count: ``"index"`` (default) the vertebrae
        treated at the index procedure (day 0), the population the report's text counts;
        ``"all"`` every vertebra of every session. Heading, title and a footnote say
        which, with the number of vertebrae of later sessions.

    Raises
    ------
    ValueError
        When ``by`` or a variable is not a column of the cohort, ``by`` has fewer than
        two groups, ``sessions`` is neither ``"index"`` nor ``"all"``, or ``is_repeat``
        is asked of the index vertebrae (never repeats: count ``repeat_augmentation``
        among the patients).
    """
    population = vertebra_population(sessions)
    if sessions == "index" and any(v.name == "is_repeat" for v in vertebra_variables):
        raise ValueError(
            "Table 1: no vertebra treated at the index procedure is a repeat augmentation; "
            "count the patients with one (Variable('repeat_augmentation') among the patient "
            "variables) or describe the vertebrae of all sessions (sessions='all')"
        )
    labels = _derived_labels(labels_or_default(labels), patient_variables)
    pts = _with_derived(cohort, patient_variables)
    verts = vertebra_frame(cohort, sessions) if vertebra_variables else pd.DataFrame()
    groups: tuple[str, ...] = ()
    if by is not None:
        pts, verts, groups = _grouped(pts, verts, by, labels)
    coded = vertebra_patient_order(cohort, sessions) if vertebra_variables else None
    ctx = _Ctx(by, groups, overall, tests, smd, style, labels, Notes(), vertebra_patients=coded)
    baseline = [v for v in patient_variables if v.name not in FOLLOWUP_VARIABLES]
    later = [v for v in patient_variables if v.name in FOLLOWUP_VARIABLES]
    rows = _section("Patients", "Patients", pts, baseline, ctx) if baseline else []
    if vertebra_variables:
        rows += _section(sentence_case(population), "Vertebrae", verts, vertebra_variables, ctx, clustered=True)  # fmt: skip
    if later:
        rows += _section("During follow-up", None if baseline else "Patients", pts, later, replace(ctx, compare=False))  # fmt: skip
    heads = ["Overall"] if by is None or overall else []
    heads += [labels.level(by, g) for g in groups] if by else []
    extra = [ctx.cfg.p_symbol, "SMD"][: _extra(ctx)] if by else []
    columns = ("Characteristic", *heads, *extra)
    spanners: tuple[tuple[Span, ...], ...] = ()
    if by is not None:
        start = 2 if overall else 1
        spanners = ((Span(labels.display(by), start, start + len(groups)),),)
    notes = ctx.notes
    if ctx.not_recorded:
        notes.add(f"Not recorded for anyone, so not shown: {', '.join(ctx.not_recorded)}.")
    notes.add("Percentages are of those with the variable recorded; Unknown counts those without.")
    if vertebra_variables:
        marked = " Rows marked (patients) count the patients instead." if ctx.on_patients else ""
        notes.add(_population_note(cohort, sessions, len(verts), style) + marked)
    if ctx.not_tested:
        notes.add(f"No P value for {'; '.join(ctx.not_tested)}: the value can differ between the vertebrae of a patient, and those of one patient are not independent.")  # fmt: skip
    _patient_notes(patient_variables, by, ctx)
    if by is not None and pts[by].isna().any():
        notes.add(f"{int(pts[by].isna().sum())} patients without {labels.display(by).lower()} appear in the Overall column only.")  # fmt: skip
    if by is not None and smd and len(groups) == 2:
        notes.add("SMD: absolute standardized mean difference, the difference in means (or proportions) divided by the square root of the average of the two groups' variances; for factors with more than two levels not computed.")  # fmt: skip
    notes.add(
        abbreviations(*(["IQR", "SD"] + (["SMD"] if by and smd and len(groups) == 2 else [])))
    )
    heading = "Table 1. Characteristics of the patients"
    if vertebra_variables:
        heading += f" and of the {population}" + ("," if by else "")
    return Table(
        title=title or heading + (f" by {labels.display(by).lower()}" if by else ""),
        columns=columns,
        rows=tuple(rows),
        spanners=spanners,
        footnotes=notes.lines(),
        source=(cohort,),
        name="characteristics",
    )
