"""Settings that travel as arguments: frozen, never global."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

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


@dataclass(frozen=True)
class AnalysisConfig:
    """Statistical and display settings shared by stats, tables and report."""

    alpha: float = 0.05
    decimals: int = 1
    p_decimals: int = 3
    responder_threshold: float = 3.0
    survival_days: tuple[int, ...] = (30, 90, 180, 365, 730)

    @property
    def ci_level(self) -> float:
        return 1.0 - self.alpha
