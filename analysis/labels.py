"""Display labels and units of variables, level names and reference levels.

Read from ``data_schema/labels.yaml`` (shipped with the package). Tables and figures
take a :class:`Labels` argument; users override any entry without touching the file::

    labels = load_labels({"age_years": "Age at treatment, years",
                          "etiology": {"levels": {"pathologic": "Metastatic"}}})

A plain string replaces the whole display text (label and unit); a mapping may set
``label``, ``unit``, ``levels`` (merged with the shipped ones) and ``reference``.
Unknown names fall back to the name itself with underscores as spaces, so a table of a
variable nobody labelled still reads as words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

TABLE_ORDER = ("derived", "patients", "procedures", "assessments", "fractures")


@dataclass(frozen=True)
class VariableLabel:
    """How one variable is shown: ``label``, ``unit``, level names and reference level;
    ``note``: what a table or figure of a model with this covariate says about it in its
    notes (empty for most)."""

    name: str
    label: str
    unit: str = ""
    levels: Mapping[str, str] = field(default_factory=dict)
    reference: str | None = None
    note: str = ""

    @property
    def display(self) -> str:
        """``"Age, years"``: the label, then the unit after a comma when there is one."""
        return f"{self.label}, {self.unit}" if self.unit else self.label

    def level(self, value: object) -> str:
        """Display name of a level (``"pathologic"`` -> ``"Pathologic (malignant)"``)."""
        key = _level_key(value)
        return self.levels.get(key, key.replace("_", " ").capitalize() if key else key)


def _level_key(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(value)
    return {"True": "yes", "False": "no", "1": "yes", "0": "no", "1.0": "yes", "0.0": "no"}.get(
        text, text
    )


@dataclass(frozen=True)
class Labels:
    """All display labels, looked up by variable name (and optionally its table).

    ``variables`` maps table name (``patients``, ``procedures``, ``assessments``,
    ``fractures``, ``derived``) to its variables; ``measures`` the outcome measures.
    """

    variables: Mapping[str, Mapping[str, VariableLabel]]
    measures: Mapping[str, VariableLabel]

    def get(self, name: str, table: str | None = None) -> VariableLabel:
        """The label of ``name``: from ``table`` when given, else the first table that
        declares it (derived variables, then patients, procedures, assessments,
        fractures), else a measure; unknown names are shown as words."""
        tables = (table,) if table else TABLE_ORDER
        for t in tables:
            found = self.variables.get(t, {}).get(name)
            if found is not None:
                return found
        if name in self.measures:
            return self.measures[name]
        return VariableLabel(name, name.replace("_", " ").capitalize())

    def display(self, name: str, table: str | None = None) -> str:
        """Label with unit: ``"Age, years"``."""
        return self.get(name, table).display

    def level(self, name: str, value: object, table: str | None = None) -> str:
        """Display name of one level of a variable."""
        return self.get(name, table).level(value)

    def reference(self, name: str, table: str | None = None) -> str | None:
        """The documented reference level of a factor (None for a number)."""
        return self.get(name, table).reference

    def measure(self, name: str) -> VariableLabel:
        """The label of an outcome measure (``pain_vas`` -> ``"Pain, VAS 0-10"``)."""
        return self.measures.get(name) or self.get(name)

    def timepoint(self, value: str) -> str:
        """``"1m"`` -> ``"1 month"``."""
        return self.level("timepoint", value, "assessments")

    def with_overrides(self, overrides: Mapping[str, Any]) -> Labels:
        """A copy with some entries replaced (see the module docstring)."""
        variables = {t: dict(v) for t, v in self.variables.items()}
        measures = dict(self.measures)
        for name, value in overrides.items():
            if name in measures and not any(name in v for v in variables.values()):
                measures[name] = _override(measures[name], value)
                continue
            tables = [t for t in TABLE_ORDER if name in variables.get(t, {})] or ["derived"]
            for t in tables:
                current = variables.setdefault(t, {}).get(name) or self.get(name)
                variables[t][name] = _override(current, value)
        return Labels(variables, measures)


def _override(current: VariableLabel, value: Any) -> VariableLabel:
    if isinstance(value, str):
        return replace(current, label=value, unit="")
    if not isinstance(value, Mapping):
        raise TypeError(
            f"label override of {current.name!r} must be a text or a mapping with label, "
            f"unit, levels or reference (got {type(value).__name__})"
        )
    unknown = set(value) - {"label", "unit", "levels", "reference", "note"}
    if unknown:
        raise ValueError(
            f"label override of {current.name!r}: unknown key(s) {sorted(unknown)}; use "
            "label, unit, levels, reference or note"
        )
    levels = {**current.levels, **{str(k): str(v) for k, v in value.get("levels", {}).items()}}
    return replace(
        current,
        label=str(value.get("label", current.label)),
        unit=str(value.get("unit", current.unit)),
        levels=levels,
        reference=value.get("reference", current.reference),
        note=str(value.get("note", current.note)),
    )


def _entry(name: str, raw: Any) -> VariableLabel:
    if not isinstance(raw, Mapping) or "label" not in raw:
        raise ValueError(f"labels.yaml: {name!r} needs a 'label'")
    return VariableLabel(
        name,
        str(raw["label"]),
        str(raw.get("unit", "")),
        {str(k): str(v) for k, v in (raw.get("levels") or {}).items()},
        None if raw.get("reference") is None else str(raw["reference"]),
        str(raw.get("note", "")),
    )


def parse_labels(raw: Mapping[str, Any]) -> Labels:
    """Labels from the parsed YAML form of ``labels.yaml``."""
    variables: dict[str, dict[str, VariableLabel]] = {}
    for table, entries in (raw.get("tables") or {}).items():
        variables[table] = {n: _entry(n, e) for n, e in (entries or {}).items()}
    variables["derived"] = {n: _entry(n, e) for n, e in (raw.get("derived") or {}).items()}
    measures = {n: _entry(n, e) for n, e in (raw.get("measures") or {}).items()}
    return Labels(variables, measures)


@cache
def default_labels() -> Labels:
    """The labels shipped in ``data_schema/labels.yaml``."""
    text = resources.files("analysis").joinpath("data_schema", "labels.yaml").read_text("utf-8")
    return parse_labels(yaml.safe_load(text))


def load_labels(overrides: Mapping[str, Any] | Path | None = None) -> Labels:
    """The shipped labels, with ``overrides`` (a mapping or a YAML file of
    ``name: text`` or ``name: {label, unit, levels, reference}`` lines) applied."""
    labels = default_labels()
    if overrides is None:
        return labels
    if isinstance(overrides, Path):
        raw = yaml.safe_load(overrides.read_text("utf-8")) or {}
        if not isinstance(raw, Mapping):
            raise ValueError(f"{overrides.name}: a labels file holds 'name: label' lines")
        overrides = raw
    return labels.with_overrides(overrides)


@dataclass(frozen=True)
class Endpoint:
    """How the new-fracture endpoint is named when deaths count as ``deaths``: every
    table, figure and sentence of a report takes its words from here, so each says how
    deaths were handled."""

    deaths: str
    name: str  # "cumulative incidence of a new fracture"
    handling: str  # "death as a competing risk"
    estimator: str

    @property
    def title(self) -> str:
        """``"Cumulative incidence of a new fracture, death as a competing risk"``."""
        return f"{self.name[0].upper()}{self.name[1:]}, {self.handling}"


ENDPOINTS = {
    "competing": Endpoint(
        "competing", "cumulative incidence of a new fracture", "death as a competing risk",
        "Aalen-Johansen",
    ),
    "censored": Endpoint(
        "censored", "fracture-free survival", "deaths censored", "Kaplan-Meier"
    ),
    "event": Endpoint(
        "event", "survival free of new fracture or death", "death counted as an event",
        "Kaplan-Meier",
    ),
}  # fmt: skip


def endpoint(deaths: str) -> Endpoint:
    """The names of the new-fracture endpoint for a ``deaths`` setting."""
    if deaths not in ENDPOINTS:
        raise ValueError(f"deaths must be one of {', '.join(ENDPOINTS)}, not {deaths!r}")
    return ENDPOINTS[deaths]
