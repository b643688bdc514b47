"""The declarative cohort specification in ``data_schema/cohort.yaml``, as typed objects.

This is the single source of truth for the tidy tables: column types, ranges, allowed
values, value spellings and header synonyms. Everything else reads it from here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

TABLES = ("patients", "procedures", "assessments", "fractures")
# spelling -> canonical value per declared column; the declarations never change at run time
_LOOKUPS: dict[tuple[str, str, tuple[str, ...]], dict[str, str]] = {}


def normalize_text(text: object) -> str:
    """Lower-case, turn punctuation into spaces and collapse whitespace.

    ``"VAS pain | Pre-op"`` becomes ``"vas pain pre op"`` and ``"Höhe"`` ``"hohe"``
    (accents folded, letters of any script kept); used to match headers and coded
    values against their declared spellings.
    """
    s = unicodedata.normalize("NFKD", str(text).strip()).casefold()
    s = "".join(c for c in s if not unicodedata.combining(c))  # prä-op -> pra op
    s = s.replace("_", " ").replace("(s)", "s")
    s = re.sub(r"[^\w+#/.]+", " ", s)
    s = re.sub(r"(?<=[a-z])[./]+(?=\s|$)", " ", s)  # trailing dots/slashes of abbreviations
    return re.sub(r"\s+", " ", s).strip()


@dataclass(frozen=True)
class ColumnSpec:
    """One tidy column as declared in the schema file."""

    table: str
    name: str
    type: str
    required: bool = False
    min: float | None = None
    max: float | None = None
    allowed: tuple[str, ...] = ()
    values: dict[str, tuple[str, ...]] = field(default_factory=dict)
    synonyms: tuple[str, ...] = ()
    description: str = ""
    ordered: bool = False
    partly_known: bool = False  # level columns: ``L?`` (region only) or ``?`` accepted

    def value_lookup(self) -> dict[str, str]:
        """Map every declared spelling (normalised) to its canonical value."""
        key = (self.table, self.name, self.allowed)
        if key not in _LOOKUPS:
            lookup = {normalize_text(v): v for v in self.allowed}
            for canonical, spellings in self.values.items():
                for s in spellings:
                    lookup[normalize_text(s)] = canonical
            _LOOKUPS[key] = lookup
        return _LOOKUPS[key]


@dataclass(frozen=True)
class MeasureSpec:
    """An outcome measure of the assessments table and its declared scale."""

    name: str
    min: float
    max: float
    integer: bool = False
    scales: dict[str, float] = field(default_factory=dict)
    synonyms: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class TableSpec:
    name: str
    description: str
    key: tuple[str, ...]
    columns: dict[str, ColumnSpec]


@dataclass(frozen=True)
class CohortSpec:
    """Everything declared in ``data_schema/cohort.yaml``."""

    tables: dict[str, TableSpec]
    measures: dict[str, MeasureSpec]
    date_columns: dict[str, tuple[str, ...]]
    identifiers: dict[str, tuple[str, ...]]
    missing_tokens: frozenset[str]
    true_tokens: frozenset[str]
    false_tokens: frozenset[str]

    def column(self, table: str, name: str) -> ColumnSpec:
        return self.tables[table].columns[name]

    @property
    def timepoints(self) -> tuple[str, ...]:
        """Ordered assessment time points."""
        return self.column("assessments", "timepoint").allowed


def _column(table: str, name: str, raw: dict[str, Any]) -> ColumnSpec:
    values = {str(k): tuple(str(s) for s in v) for k, v in (raw.get("values") or {}).items()}
    return ColumnSpec(
        table=table,
        name=name,
        type=str(raw["type"]),
        required=bool(raw.get("required", False)),
        min=raw.get("min"),
        max=raw.get("max"),
        allowed=tuple(str(a) for a in raw.get("allowed", ())),
        values=values,
        synonyms=tuple(str(s) for s in raw.get("synonyms", ())),
        description=str(raw.get("description", "")).strip(),
        ordered=bool(raw.get("ordered", False)),
        partly_known=bool(raw.get("partly_known", False)),
    )


def parse_spec(raw: dict[str, Any]) -> CohortSpec:
    """Build a :class:`CohortSpec` from the parsed YAML mapping."""
    tables = {}
    for tname, traw in raw["tables"].items():
        cols = {cname: _column(tname, cname, craw) for cname, craw in traw["columns"].items()}
        tables[tname] = TableSpec(
            tname, str(traw.get("description", "")).strip(), tuple(traw["key"]), cols
        )
    measures = {
        m: MeasureSpec(
            name=m,
            min=float(r["min"]),
            max=float(r["max"]),
            integer=bool(r.get("integer", False)),
            scales={str(k): float(v) for k, v in (r.get("scales") or {}).items()},
            synonyms=tuple(r.get("synonyms", ())),
            description=str(r.get("description", "")),
        )
        for m, r in raw["measures"].items()
    }
    bools = raw["booleans"]
    return CohortSpec(
        tables=tables,
        measures=measures,
        date_columns={k: tuple(v) for k, v in raw["date_columns"].items()},
        identifiers={k: tuple(v) for k, v in raw["identifiers"].items()},
        missing_tokens=frozenset(str(t).strip().lower() for t in raw["missing_tokens"]),
        true_tokens=frozenset(str(t).lower() for t in bools["true"]),
        false_tokens=frozenset(str(t).lower() for t in bools["false"]),
    )


@cache
def load_spec() -> CohortSpec:
    """Read and cache the cohort specification shipped with the package."""
    text = resources.files("analysis").joinpath("data_schema", "cohort.yaml").read_text("utf-8")
    return parse_spec(yaml.safe_load(text))
