"""Settings that travel as arguments: frozen, never global."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal

Policy = Literal["cell", "row", "patient", "strict"]
DateOrder = Literal["dmy", "mdy"]
VolumeBasis = Literal["session", "level"]


@dataclass(frozen=True)
class LoadOptions:
    """How an input is read.

    Parameters
    ----------
    policy
        What an error costs. ``"cell"`` (default): a bad cell becomes missing and is
        reported, its row stays; only a bad key (patient ID, treated level, a date that
        places the row in time) excludes its row, and a patient who loses a procedure or
        fracture row is excluded whole (their timeline would be incomplete).
        ``"row"``: any error excludes its row. ``"patient"``: any error excludes every row
        of that patient. ``"strict"``: any error raises
        :class:`analysis.problems.CohortDataError`.
    date_order
        Day/month order for text dates such as ``03/04/2021`` when a column does not
        itself disambiguate it.
    pain_scale
        Declares that pain values arrive on a 0-``pain_scale`` scale (10 or 100).
    include_hidden
        Read hidden worksheets too.
    pseudonym_secret
        Secret for the keyed pseudonym (HMAC-SHA256) used as patient key when the input
        has a medical record number but no study identifier.
    mapping
        Header -> target overrides, as read from a mapping YAML file.
    sheets
        Only read these worksheets.
    value_maps
        Per input column (header as shown), extra spellings -> canonical values, e.g.
        ``{"Leak": {"-": "none"}}``; applied before the declared spellings.
    missing_markers
        Extra cell texts read as missing (``"n.d."``), in every column.
    volume_basis
        What a cement volume on a row naming several levels is: ``"session"`` (default:
        the session's total, stored as ``session_cement_volume_ml`` with the per-vertebra
        volume missing) or ``"level"`` (each level received that volume).
    max_expanded_mb
        A workbook whose members would expand beyond this many megabytes is refused
        (protection against zip bombs); raise it for a large file you trust.
    fold_ids
        Trim study IDs and compare them without regard to case (``" s07"`` is ``"S07"``);
        each merge of two spellings is reported.
    tables
        The layout a mapping file writes out (``tables:``): these tables are read as
        written, without recognition; sheets the mapping does not list are recognised.
    row_by_row
        Parse every row of a tidy table cell by cell. By default a tidy table is read
        column by column (each distinct value parsed once) and only rows with a
        problem are parsed singly; both ways give the same cohort, problems and ledger,
        and this slower way is the reference the faster one is tested against.
    """

    policy: Policy = "cell"
    date_order: DateOrder | None = None
    pain_scale: float | None = None
    include_hidden: bool = False
    pseudonym_secret: str | None = None
    mapping: dict[str, object] = field(default_factory=dict)
    sheets: tuple[str, ...] = ()
    value_maps: dict[str, dict[str, str]] = field(default_factory=dict)
    missing_markers: tuple[str, ...] = ()
    volume_basis: VolumeBasis = "session"
    fold_ids: bool = True
    max_expanded_mb: float = 500.0
    row_by_row: bool = False
    tables: tuple[Any, ...] = ()  # the tables of a mapping file (analysis.load.mapping.TableSpec)


@dataclass(frozen=True)
class AnalysisConfig:
    """Statistical and display settings shared by stats, tables and report.

    Written as a commented YAML file by ``vertebro init-config`` and read back with
    :func:`read_analysis_config` (``vertebro report --config FILE``).
    """

    alpha: float = 0.05
    decimals: int = 1
    p_decimals: int = 3
    responder_threshold: float = 3.0
    survival_days: tuple[int, ...] = (30, 90, 180, 365, 730)
    timepoints: tuple[str, ...] = ("pre", "24h", "1m", "3m", "12m")
    followup_timepoint: str = "1m"
    group_by: str = "etiology"
    groups: tuple[str, str] = ("osteoporotic", "pathologic")
    horizon_days: int = 365
    primary_test: str = "welch"
    ci_type: str = "log-log"
    journal: str = "plain"
    deaths: str = "competing"
    impute: int = 0
    impute_seed: int = 20261121

    @property
    def ci_level(self) -> float:
        return 1.0 - self.alpha

    @property
    def baseline(self) -> str:
        return self.timepoints[0]


# What each setting means, for the commented file `vertebro init-config` writes.
_HELP = {
    "alpha": "significance level; confidence intervals are 100*(1 - alpha)%",
    "decimals": "decimals of estimates in tables and text",
    "p_decimals": "decimals of p-values (smaller ones print as < 0.001)",
    "responder_threshold": "a responder's pain falls by at least this many points (0-10 scale)",
    "survival_days": "days at which survival and cumulative incidence are tabulated",
    "timepoints": "assessment time points of the pain time course; the first is the baseline",
    "followup_timepoint": "the time point of the primary before/after comparison",
    "group_by": "patient column of the group comparison (etiology, sex, ...)",
    "groups": "the two groups compared, first minus second",
    "horizon_days": "the fixed time point of the headline survival figure (days)",
    "primary_test": "primary two-group test: welch, student or mann_whitney (others: sensitivity)",
    "ci_type": "Kaplan-Meier interval: log-log (default), log (R's default) or plain",
    "journal": "table and figure style: plain, ajnr or jama",
    "impute": (
        "data sets completed by multiple imputation for the missing-data section (0 leaves "
        "it out; 20 or more is usual)"
    ),
    "impute_seed": "seed of the multiple imputation (the same seed gives the same data sets)",
    "deaths": (
        "how a death before a new fracture counts: competing (cumulative incidence, death a "
        "competing risk), censored (Kaplan-Meier fracture-free survival, deaths censored) or "
        "event (Kaplan-Meier survival free of new fracture or death)"
    ),
}
_CHOICES = {
    "primary_test": ("welch", "student", "mann_whitney"),
    "ci_type": ("log-log", "log", "plain"),
    "journal": ("plain", "ajnr", "jama"),
    "deaths": ("competing", "censored", "event"),
}


def config_template() -> str:
    """The default settings as a commented YAML file."""
    import yaml

    lines = ["# vertebro analysis settings (vertebro report INPUT --config THIS_FILE)", ""]
    for f in fields(AnalysisConfig):
        value = getattr(AnalysisConfig(), f.name)
        if isinstance(value, tuple):
            value = list(value)
        text = yaml.safe_dump({f.name: value}, default_flow_style=True, sort_keys=False)
        lines += [f"# {_HELP[f.name]}", text.strip().strip("{}"), ""]
    return "\n".join(lines)


def read_analysis_config(path: Path) -> AnalysisConfig:
    """Read settings written by ``vertebro init-config`` (any subset of them).

    Raises
    ------
    ValueError
        Unknown keys, a value of the wrong kind, or a choice that is not offered; all
        problems at once.
    """
    import yaml

    try:
        raw = yaml.safe_load(path.read_text("utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ValueError(f"{path.name}: not valid YAML ({exc})") from None
    if not isinstance(raw, dict):
        raise ValueError(f"{path.name}: the settings file holds 'name: value' lines")
    known = {f.name: f for f in fields(AnalysisConfig)}
    errors = [f"unknown setting '{k}'" for k in raw if k not in known]
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in known:
            continue
        default = getattr(AnalysisConfig(), key)
        try:
            values[key] = _coerce(value, default)
        except (TypeError, ValueError):
            errors.append(f"{key}: expected {type(default).__name__}, got {value!r}")
            continue
        if key in _CHOICES and values[key] not in _CHOICES[key]:
            errors.append(f"{key}: '{values[key]}' is not one of {', '.join(_CHOICES[key])}")
    if isinstance(values.get("impute"), int) and values["impute"] < 0:
        errors.append("impute: a number of data sets, 0 or more")
    if "groups" in values and len(values["groups"]) != 2:
        errors.append("groups: name exactly two groups")
    if errors:
        raise ValueError(f"{path.name}: " + "; ".join(errors))
    return replace(AnalysisConfig(), **values)


def _coerce(value: object, default: object) -> object:
    if isinstance(default, tuple):
        if not isinstance(value, list | tuple):
            raise TypeError("a list is needed")
        kind = type(default[0])
        return tuple(kind(v) for v in value)
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise TypeError("yes or no")
        return value
    if isinstance(default, int | float) and isinstance(value, bool):
        raise TypeError("a number is needed")
    if isinstance(default, int):
        return int(value)  # type: ignore[call-overload]
    if isinstance(default, float):
        return float(value)  # type: ignore[arg-type]
    return str(value)
