"""Settings that travel as arguments: frozen, never global."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Policy = Literal["quarantine", "strict"]
DateOrder = Literal["dmy", "mdy"]


@dataclass(frozen=True)
class LoadOptions:
    """How an input is read.

    Parameters
    ----------
    policy
        ``"quarantine"`` (default): rows with errors are excluded and listed;
        ``"strict"``: any error raises :class:`analysis.problems.CohortDataError`.
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
    """

    policy: Policy = "quarantine"
    date_order: DateOrder | None = None
    pain_scale: float | None = None
    include_hidden: bool = False
    pseudonym_secret: str | None = None
    mapping: dict[str, object] = field(default_factory=dict)
    sheets: tuple[str, ...] = ()


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
