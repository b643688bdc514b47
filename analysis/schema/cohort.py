"""The :class:`Cohort`: patients, procedures, assessments and fractures, validated once.

Column dtypes, ranges and allowed values come from ``data_schema/cohort.yaml`` through
:mod:`analysis.spec`; the same declarations build the pandera schemas used here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd
import pandera.pandas as pa

from analysis.levels import LEVELS
from analysis.problems import ERROR, CohortDataError, Problem
from analysis.schema.quick import conforms, dtype_matches
from analysis.spec import TABLES, ColumnSpec, load_spec

_NUMERIC = ("number", "volume_ml")
_INTEGER = ("integer", "day")


def _dtype(col: ColumnSpec) -> object:
    if col.type in _NUMERIC:
        return "float64"
    if col.type in _INTEGER:
        return "Int64"
    if col.type == "boolean":
        return "boolean"
    if col.type == "category":
        return pd.CategoricalDtype(list(col.allowed), ordered=col.ordered)
    if col.type == "level":
        return pd.CategoricalDtype(list(LEVELS), ordered=True)
    return "string"


def empty_table(table: str) -> pd.DataFrame:
    """An empty tidy table with the declared columns and dtypes."""
    cols = load_spec().tables[table].columns
    return pd.DataFrame({name: pd.Series(dtype=_dtype(c)) for name, c in cols.items()})  # type: ignore[call-overload]


def coerce_column(col: ColumnSpec, series: pd.Series) -> pd.Series:
    """One column in its declared dtype (elementwise: coercing a column's distinct values
    and taking them by code gives the coerced column)."""
    series = series.reset_index(drop=True)
    if dtype_matches(series, _dtype(col)):
        return series  # already declared: converting again would copy it unchanged
    if col.type in _INTEGER:
        series = pd.to_numeric(series, errors="coerce").astype("Float64").round().astype("Int64")
    elif col.type in _NUMERIC:
        series = pd.to_numeric(series, errors="coerce").astype("float64")
    return series.astype(_dtype(col))  # type: ignore[call-overload]


def coerce_table(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Declared columns in declared order and dtypes; missing columns added empty.

    Values outside a category become missing here, so validate before coercing when
    the input is untrusted (:meth:`Cohort.from_frames` does).
    """
    cols = load_spec().tables[table].columns
    out = {}
    for name, c in cols.items():
        series = frame[name] if name in frame.columns else pd.Series([None] * len(frame))
        out[name] = coerce_column(c, series)
    return pd.DataFrame(out, copy=False)


def _checks(col: ColumnSpec) -> list[pa.Check]:
    checks = []
    if col.min is not None:
        checks.append(pa.Check.ge(col.min))
    if col.max is not None:
        checks.append(pa.Check.le(col.max))
    if col.type == "multi_category":
        allowed = set(col.allowed)
        checks.append(
            pa.Check(
                lambda s: s.map(_each_within(s, allowed)),
                element_wise=False,
                error=f"each of ';'-separated values in {sorted(allowed)}",
            )
        )
    return checks


def _each_within(values: pd.Series, allowed: set[str]) -> dict[object, bool]:
    """Per distinct cell: whether each of its ';'-separated values is allowed."""
    return {v: set(str(v).split(";")) <= allowed for v in values.unique()}


@cache
def pandera_schema(table: str) -> pa.DataFrameSchema:
    """The pandera schema of a tidy table, generated from the declarative spec."""
    spec = load_spec()
    tspec = spec.tables[table]
    columns = {
        name: pa.Column(
            _dtype(c), checks=_checks(c), nullable=not c.required or c.partly_known, coerce=False
        )
        for name, c in tspec.columns.items()
    }
    checks = []
    if table == "assessments":
        checks.append(
            pa.Check(
                lambda df: _measure_in_range(df),
                error="value within the declared range of its measure",
            )
        )
    return pa.DataFrameSchema(columns, checks=checks, unique=list(tspec.key), strict=True)


def _measure_in_range(df: pd.DataFrame) -> pd.Series:
    measures = load_spec().measures
    measure = df["measure"]
    if not isinstance(measure.dtype, pd.CategoricalDtype):
        measure = measure.astype("category")
    # bounds per category, looked up by code (a missing measure has code -1: no bounds)
    names = [str(m) for m in measure.cat.categories]
    lo = np.array([measures[m].min if m in measures else np.nan for m in names] + [np.nan], float)
    hi = np.array([measures[m].max if m in measures else np.nan for m in names] + [np.nan], float)
    codes = measure.cat.codes.to_numpy()
    return (df["value"] >= lo[codes]) & (df["value"] <= hi[codes])


def _problems_from(table: str, err: pa.errors.SchemaErrors) -> list[Problem]:
    out = []
    for case in err.failure_cases.itertuples(index=False):
        idx = getattr(case, "index", None)
        row = None if idx is None or pd.isna(idx) else int(idx) + 2
        column = getattr(case, "column", None)
        out.append(
            Problem(
                file="<cohort>",
                sheet=table,
                row=row,
                column=None if column is None or pd.isna(column) else str(column),
                cell=None,
                value=None if pd.isna(case.failure_case) else str(case.failure_case),
                rule="schema",
                severity=ERROR,
                message=f"fails check: {case.check}",
            )
        )
    return out


@dataclass(frozen=True)
class Cohort:
    """The tidy cohort. Build it with :meth:`from_frames` or :func:`analysis.load_cohort`.

    Attributes
    ----------
    patients, procedures, assessments, fractures
        The four tidy tables, columns and dtypes as declared in ``data_schema/``.
    """

    patients: pd.DataFrame
    procedures: pd.DataFrame
    assessments: pd.DataFrame
    fractures: pd.DataFrame

    @classmethod
    def from_frames(
        cls,
        patients: pd.DataFrame,
        procedures: pd.DataFrame,
        assessments: pd.DataFrame | None = None,
        fractures: pd.DataFrame | None = None,
    ) -> Cohort:
        """Coerce and validate tidy tables given as DataFrames.

        Raises
        ------
        CohortDataError
            Listing every failed check of every table at once.
        """
        frames = {
            "patients": patients,
            "procedures": procedures,
            "assessments": empty_table("assessments") if assessments is None else assessments,
            "fractures": empty_table("fractures") if fractures is None else fractures,
        }
        problems: list[Problem] = []
        coerced = {}
        for name, frame in frames.items():
            unknown = _unknown_values(name, frame)
            problems.extend(unknown)
            coerced[name] = coerce_table(name, frame)
        cohort = cls(**coerced)
        problems.extend(cohort.validate())
        if problems:
            raise CohortDataError(problems)
        return cohort

    def validate(self) -> list[Problem]:
        """Every schema violation and dangling patient reference, collected lazily."""
        problems: list[Problem] = []
        for name in TABLES:
            frame = getattr(self, name)
            check = _measure_in_range if name == "assessments" else None
            if conforms(name, frame, _dtype, check):
                continue  # pandera would find nothing (checked by whole columns)
            try:
                pandera_schema(name).validate(frame, lazy=True)
            except pa.errors.SchemaErrors as err:
                problems.extend(_problems_from(name, err))
        referring = ("procedures", "assessments", "fractures")
        for name, stray in zip(referring, self._unknown_patients(referring), strict=True):
            for i, pid in zip(stray.index.tolist(), stray, strict=True):
                problems.append(
                    Problem(
                        "<cohort>",
                        name,
                        int(i) + 2,
                        "patient_id",
                        None,
                        str(pid),
                        "reference",
                        ERROR,
                        "patient not in the patients table",
                    )
                )
        return problems

    def _unknown_patients(self, tables: tuple[str, ...]) -> list[pd.Series]:
        """Per table: the patient IDs (by row) that are not in the patients table.

        Text IDs are hashed once, all tables together, rather than looked up table by
        table; the answer is that of ``isin`` (values compared exactly)."""
        columns = [self.patients["patient_id"], *(getattr(self, t)["patient_id"] for t in tables)]
        if not all(isinstance(c.dtype, pd.StringDtype) and c.dtype.storage == "python" for c in columns):  # fmt: skip
            known = columns[0].dropna().unique()
            return [ids[ids.notna() & ~ids.isin(known)] for ids in columns[1:]]
        codes, uniques = pd.factorize(np.concatenate([np.asarray(c.array, dtype=object) for c in columns]))  # fmt: skip
        listed = np.zeros(len(uniques) + 1, dtype=bool)  # the last slot: missing (code -1)
        listed[codes[: len(columns[0])]] = True
        listed[-1] = True
        bounds = np.cumsum([len(c) for c in columns])
        return [
            ids[~listed[codes[start:end]]]
            for ids, start, end in zip(columns[1:], bounds[:-1], bounds[1:], strict=True)
        ]

    @property
    def index_procedures(self) -> pd.DataFrame:
        """The vertebrae treated at each patient's index procedure (day 0)."""
        return self.procedures[self.procedures["day"] == 0]

    def counts(self) -> dict[str, int]:
        """Row counts of the four tables."""
        return {name: len(getattr(self, name)) for name in TABLES}

    def __repr__(self) -> str:
        """The size of each table, one line each: counts only, never a frame or a value."""
        p = self.procedures
        sessions = p["procedure_id"].nunique()
        index = len(self.index_procedures)
        return "\n".join(
            [
                "Cohort",
                f"  patients: {len(self.patients)}",
                f"  procedures: {sessions} sessions, {len(p)} treated vertebrae "
                f"({index} at the index procedure)",
                f"  assessments: {len(self.assessments)} scores of "
                f"{self.assessments['measure'].nunique()} measures",
                f"  fractures: {len(self.fractures)} new fractures",
                "  tables: .patients, .procedures, .assessments, .fractures",
            ]
        )

    def _repr_html_(self) -> str:
        from analysis.formatting import labelled_html

        return labelled_html(repr(self))


def _unknown_values(table: str, frame: pd.DataFrame) -> list[Problem]:
    """Category values that coercion would turn into missing: reported, not dropped."""
    out = []
    for name, c in load_spec().tables[table].columns.items():
        if name not in frame.columns or c.type not in ("category", "level"):
            continue
        allowed = set(c.allowed) if c.type == "category" else set(LEVELS)
        values = frame[name]
        text = values.map({v: str(v) for v in values.dropna().unique()})
        for i, v in values[values.notna() & ~text.isin(allowed)].items():
            out.append(
                Problem(
                    "<cohort>",
                    table,
                    int(str(i)) + 2,
                    name,
                    None,
                    str(v),
                    "category",
                    ERROR,
                    f"not an allowed {name}",
                )
            )
    return out
