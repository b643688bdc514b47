"""The report's section "Statistical review": the checks gathered, in reading order, as
Markdown (summary.md, and through it report.html and report.docx) and as records of
``results.json`` (``analysis = "statistical_review"``)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analysis.config import AnalysisConfig
from analysis.formatting import FormatConfig, count
from analysis.labels import load_labels
from analysis.report.review.check import CHECKS, Check, not_checked
from analysis.report.review.design import multiple_testing
from analysis.report.review.gather import follow_up, table_one_clustered
from analysis.schema import Cohort
from analysis.tables import Table
from analysis.tables.table_one import vertebra_population

ANALYSIS = "statistical_review"  # the stable key of the records in results.json
INTRO = (
    "What a statistical reviewer checks, checked on these data. Each item names the "
    "analysis it concerns and the numbers behind it."
)
_NAMED = re.compile(r"^(?P<statistic>[a-z_]+)\[(?P<group>.+)\]$")


@dataclass(frozen=True)
class Review:
    """The checks of one report, in reading order (by :data:`CHECKS`)."""

    checks: tuple[Check, ...]
    cfg: FormatConfig

    @property
    def triggered(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if c.triggered)

    def to_frame(self) -> pd.DataFrame:
        """One row per check: check, analysis, triggered, severity, checked, message."""
        columns = ["check", "analysis", "triggered", "severity", "checked", "message"]
        if not self.checks:
            return pd.DataFrame(columns=columns)
        return pd.concat([c.to_frame() for c in self.checks], ignore_index=True)

    def markdown(self) -> str:
        """``## Statistical review``: a count, then the checks that call for attention
        (major first), those that found nothing, and those that could not be made."""
        warn = sorted(self.triggered, key=lambda c: c.severity != "major")
        fine = [c for c in self.checks if c.checked and not c.triggered]
        skipped = [c for c in self.checks if not c.checked]
        major = sum(c.severity == "major" for c in warn)
        lines = [
            "## Statistical review",
            "",
            f"{INTRO} {count(len(warn), self.cfg)} of {count(len(self.checks), self.cfg)} "
            f"checks call for attention ({count(major, self.cfg)} major, "
            f"{count(len(warn) - major, self.cfg)} minor); {count(len(fine), self.cfg)} found "
            "no concern"
            + (f"; {count(len(skipped), self.cfg)} could not be made." if skipped else "."),
        ]
        for heading, items in (("Calls for attention", warn), ("No concern found", fine), ("Not checked", skipped)):  # fmt: skip
            if items:
                lines += ["", f"### {heading}", ""]
                lines += [_item(c) for c in items]
        return "\n".join(lines) + "\n"

    def records(self) -> list[dict[str, Any]]:
        """The checks as long records of ``results.json``: per check, ``triggered`` and
        ``checked`` (1 or 0) and each number behind it (``events`` with its group, ...);
        ``method`` is the check's name, ``context`` its severity and message."""
        out = []
        for i, c in enumerate(self.checks):
            context = {"check": c.check, "severity": c.severity, "checked": str(c.checked).lower(), "message": c.message}  # fmt: skip
            values: list[tuple[str, str | None, float]] = [
                ("triggered", None, float(c.triggered)),
                ("checked", None, float(c.checked)),
            ]
            for name, value in c.numbers:
                m = _NAMED.match(name)
                values.append((m["statistic"], m["group"], value) if m else (name, None, value))
            for statistic, group, value in values:
                finite = value == value and abs(value) != float("inf")
                out.append({"analysis": ANALYSIS, "row": i, "variable": c.analysis, "group": group,
                            "statistic": statistic, "value": float(value) if finite else None,
                            "method": c.check, "context": context})  # fmt: skip
        return out


def _item(c: Check) -> str:
    severity = f"{c.severity.capitalize()}. " if c.triggered else ""
    return f"- {severity}{c.title}, {c.analysis}: {c.message}"


def statistical_review(
    cohort: Cohort,
    cfg: AnalysisConfig,
    style: FormatConfig,
    checks: Sequence[Check],
    tables: Sequence[Table],
    fractures: bool = True,
) -> Review:
    """The review of one report: the checks its sections made on their results, and those
    made here on the publication tables (multiple testing), on follow-up by group and on
    Table 1's vertebra rows. A check of a kind with nothing to check is listed as not
    checked, so every kind of :data:`CHECKS` appears.

    Parameters
    ----------
    checks
        The checks the report's sections made.
    tables
        The publication tables.
    fractures
        Whether the input has a fractures table (else follow-up is not checked).
    """
    labels = load_labels()
    made = [*checks, multiple_testing(tables, cfg.alpha, style)]
    steps = [
        ("follow_up", f"Fracture-free survival by {cfg.group_by}",
         lambda: follow_up(cohort, cfg.group_by, cfg.horizon_days, cfg.alpha, style, cfg.deaths)),
        ("clustered_vertebrae", f"Table 1, rows of the {vertebra_population()}",
         lambda: table_one_clustered(cohort, cfg.group_by, cfg.groups, cfg.alpha, labels, style)),
    ]  # fmt: skip
    for name, analysis, build in steps:
        if name == "follow_up" and not fractures:
            made.append(not_checked(name, analysis, "the input has no fractures table"))
            continue
        try:
            made.append(build())
        except ValueError as err:
            made.append(not_checked(name, analysis, str(err)))
    kinds = {c.check for c in made}
    made += [
        not_checked(k, "this report", "no analysis of this kind was computed")
        for k in CHECKS
        if k not in kinds
    ]
    order = list(CHECKS)
    return Review(tuple(sorted(made, key=lambda c: order.index(c.check))), style)
