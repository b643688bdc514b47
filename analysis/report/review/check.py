"""The value every review check returns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd

Severity = Literal["major", "minor", "none"]

# Every check, by its stable name, with the heading a reader sees, in reading order.
CHECKS: dict[str, str] = {
    "events_per_parameter": "Events per parameter",
    "few_events": "Groups with few events",
    "sparse_two_by_two": "Sparse 2 x 2 table",
    "proportional_hazards": "Proportional hazards",
    "clustered_vertebrae": "Vertebrae clustered in patients",
    "multiple_testing": "Multiple testing",
    "follow_up": "Follow-up by group",
    "responder_scale": "Responder threshold and scale",
}


@dataclass(frozen=True)
class Check:
    """One check of the statistical review.

    Attributes
    ----------
    check
        Stable snake_case name, a key of :data:`CHECKS` (``events_per_parameter``).
    analysis
        The analysis it concerns, as the report names it (``Cox risk-factor model``).
    triggered
        Whether the reader must be warned.
    severity
        ``major`` (changes what a number means), ``minor`` (to state or to address), or
        ``none`` when not triggered.
    message
        Plain language, with the numbers behind it formatted as the report formats them.
    numbers
        The numbers behind the message, unformatted, as (snake_case name, value) pairs;
        they go to ``results.json``.
    checked
        False when the check could not be made (the message says why).
    """

    check: str
    analysis: str
    triggered: bool
    severity: Severity
    message: str
    numbers: tuple[tuple[str, float], ...] = ()
    checked: bool = True

    def __post_init__(self) -> None:
        if self.check not in CHECKS:
            raise ValueError(f"no review check {self.check!r}; checks: {', '.join(CHECKS)}")
        if self.triggered != (self.severity != "none"):
            raise ValueError(
                f"{self.check}: a triggered check needs a severity (major or minor), and one "
                f"not triggered the severity none (got triggered={self.triggered}, "
                f"severity={self.severity!r})"
            )

    @property
    def title(self) -> str:
        """The heading a reader sees (``Events per parameter``)."""
        return CHECKS[self.check]

    def to_frame(self) -> pd.DataFrame:
        """One row: check, analysis, triggered, severity, checked, message."""
        return pd.DataFrame(
            [
                {
                    "check": self.check,
                    "analysis": self.analysis,
                    "triggered": self.triggered,
                    "severity": self.severity,
                    "checked": self.checked,
                    "message": self.message,
                }
            ]
        )


def passed(check: str, analysis: str, message: str, *numbers: tuple[str, float]) -> Check:
    """A check that found nothing to warn of."""
    return Check(check, analysis, False, "none", message, tuple(numbers))


def not_checked(check: str, analysis: str, why: str) -> Check:
    """A check that could not be made, and why."""
    return Check(check, analysis, False, "none", f"Not checked: {why}.", (), False)
