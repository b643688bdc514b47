"""Outcome change compared between patient groups (e.g. osteoporotic vs pathologic)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd

from analysis.schema import Cohort
from analysis.stats.display import Displayed
from analysis.stats.levels import confidence_alpha
from analysis.stats.outcomes.groups import TwoGroupComparison, ancova, compare_groups
from analysis.stats.outcomes.selection import Sessions, measure_wide
from analysis.stats.results import Estimate, Tidy, estimates_frame


@dataclass(frozen=True, repr=False)
class ChangeByGroup(Displayed, Tidy):
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

    def _tidy_items(self) -> Iterator[tuple[str, Estimate]]:
        """The tests of the change scores (``welch``, ``student``, ``mann_whitney``), then
        ``ancova``."""
        yield from self.change.tests.items()
        yield "ancova", self.ancova

    def _glance(self) -> dict[str, object]:
        """Measure, time points and grouping column, then the change scores' summary per
        group (as :meth:`TwoGroupComparison.glance`)."""
        return {
            "measure": self.measure,
            "time_before": self.time_before,
            "time_after": self.time_after,
            "by": self.by,
            **self.change._glance(),
        }


_DAYS_PER = {"h": 1 / 24, "d": 1.0, "w": 7.0, "m": 365.25 / 12, "y": 365.25}


def _days(timepoint: str) -> float | None:
    """Days after the procedure a time point stands for (``pre`` -1, ``6w`` 42, ``3m``
    91.3); None when its name does not say."""
    if timepoint == "pre":
        return -1.0
    found = re.fullmatch(r"(\d+)([hdwmy])", timepoint)
    return float(found[1]) * _DAYS_PER[found[2]] if found else None


def _check_order(before: str, after: str) -> None:
    """Refuse ``before`` at or after ``after`` (their declared names read as days)."""
    if before == after:
        raise ValueError(f"before and after are both {before!r}: give two different time points")
    b, a = _days(before), _days(after)
    if b is not None and a is not None and b > a:
        raise ValueError(
            f"before={before!r} is later than after={after!r}: swap them (the change is "
            "after - before and the ANCOVA adjusts the later value for the earlier one)"
        )


def change_by_group(
    cohort: Cohort,
    measure: str = "pain_vas",
    before: str = "pre",
    after: str = "1m",
    by: str = "etiology",
    groups: tuple[str, str] = ("osteoporotic", "pathologic"),
    sessions: Sessions = "index",
    alpha: float = 0.05,
    exact: bool | None = None,
    correct: bool = True,
    *,
    conf_level: float = 0.95,
) -> ChangeByGroup:
    """Compare the change of ``measure`` between two groups of a patient column.

    Parameters
    ----------
    cohort
        The loaded cohort.
    measure
        A declared measure (default ``pain_vas``).
    before, after
        The earlier and the later time point (defaults ``pre`` and ``1m``); the change
        is after - before and the ANCOVA adjusts the later value for the earlier one, so
        time points given in the wrong order are refused.
    by
        A patients column (``etiology`` by default, ``sex``, ``steroid_use`` ...).
    groups
        The two levels compared, first minus second (default osteoporotic vs
        pathologic).
    sessions
        ``"index"`` (default), ``"repeat"`` or ``"all"`` sessions.
    alpha
        1 - the confidence level (default 0.05).
    conf_level
        Coverage of the confidence intervals (default 0.95); the same as
        ``alpha = 1 - conf_level``, which older calls give. Recorded on the result
        (``ci_level`` of each estimate, ``conf_level`` of ``tidy()``).
    exact, correct
        The Mann-Whitney test's branch as ``wilcox.test`` (defaults: exact when
        possible, continuity correction); the branch taken is
        ``change.tests["mann_whitney"].exact`` / ``.correct``.

    Returns
    -------
    ChangeByGroup
        Welch and Student t, Mann-Whitney U with Hodges-Lehmann shift and SMD of the
        change scores, and the baseline-adjusted ANCOVA difference.

    Raises
    ------
    ValueError
        When ``before`` is not earlier than ``after``, or ``by`` is not a patients column.
    """
    alpha = confidence_alpha(alpha, conf_level)
    _check_order(before, after)
    wide = measure_wide(cohort, measure, [before, after], sessions)
    pts = cohort.patients.set_index(cohort.patients["patient_id"].astype(str))
    if by not in pts.columns:
        raise ValueError(f"no patient column {by!r}")
    wide[by] = pts[by].reindex(wide["patient_id"]).to_numpy()
    wide["change"] = wide[after] - wide[before]
    change = compare_groups(wide, "change", by, groups, alpha, exact=exact, correct=correct)
    adjusted = ancova(wide, after, before, by, groups, alpha)
    return ChangeByGroup(measure, before, after, by, change, adjusted)
