"""Outcome change compared between patient groups (e.g. osteoporotic vs pathologic)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.schema import Cohort
from analysis.stats.display import Displayed
from analysis.stats.outcomes.groups import TwoGroupComparison, ancova, compare_groups
from analysis.stats.outcomes.selection import Sessions, measure_wide
from analysis.stats.results import Estimate, estimates_frame


@dataclass(frozen=True, repr=False)
class ChangeByGroup(Displayed):
    """Change of a measure between two time points compared between two groups.

    ``change`` compares the change scores (after - before; differences are first group
    minus second); ``ancova`` compares the follow-up value adjusted for baseline, the
    analysis recommended for pre/post designs.
    """

    measure: str
    time_before: str
    time_after: str
    by: str
    change: TwoGroupComparison
    ancova: Estimate

    def to_frame(self) -> pd.DataFrame:
        frame = self.change.to_frame()
        extra = estimates_frame([self.ancova])
        out = pd.concat([frame, extra], ignore_index=True)
        out.insert(0, "time_after", self.time_after)
        out.insert(0, "time_before", self.time_before)
        out.insert(0, "measure", self.measure)
        return out


def change_by_group(
    cohort: Cohort,
    measure: str = "pain_vas",
    before: str = "pre",
    after: str = "1m",
    by: str = "etiology",
    groups: tuple[str, str] = ("osteoporotic", "pathologic"),
    sessions: Sessions = "index",
    alpha: float = 0.05,
) -> ChangeByGroup:
    """Compare the change of ``measure`` between two groups of a patient column.

    Parameters
    ----------
    by
        A patients column (``etiology``, ``sex``, ``steroid_use`` ...).
    groups
        The two levels compared, first minus second.

    Returns
    -------
    ChangeByGroup
        Welch and Student t, Mann-Whitney U with Hodges-Lehmann shift and SMD of the
        change scores, and the baseline-adjusted ANCOVA difference.
    """
    wide = measure_wide(cohort, measure, [before, after], sessions)
    pts = cohort.patients.set_index(cohort.patients["patient_id"].astype(str))
    if by not in pts.columns:
        raise ValueError(f"no patient column {by!r}")
    wide[by] = pts[by].reindex(wide["patient_id"]).to_numpy()
    wide["change"] = wide[after] - wide[before]
    change = compare_groups(wide, "change", by, groups, alpha)
    adjusted = ancova(wide, after, before, by, groups, alpha)
    return ChangeByGroup(measure, before, after, by, change, adjusted)
