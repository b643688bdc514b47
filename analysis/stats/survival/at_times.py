"""Kaplan-Meier estimates read at chosen days, as a result object (``KaplanMeier.survival_at``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.stats.display import Displayed, Summary
from analysis.stats.results import Estimate, Tidy


@dataclass(frozen=True, repr=False)
class SurvivalAt(Displayed, Tidy):
    """Survival of every group at chosen days, as R's ``summary(fit, times = ...)``.

    Attributes
    ----------
    table
        One row per group and day, the columns of :meth:`KaplanMeier.at
        <analysis.stats.survival.kaplan_meier.KaplanMeier.at>`: ``group``, ``time``,
        ``n_risk``, ``n_event``, ``n_censor``, their cumulative counts, ``survival``,
        ``std_err`` (Greenwood), ``ci_low``, ``ci_high``, ``conf_type``.
    n_by_group
        Subjects of each group's curve, keyed by group.
    ci_level
        Coverage of the intervals, e.g. 0.95.
    method
        The estimator and interval, as a methods section names them.
    """

    table: pd.DataFrame
    n_by_group: tuple[tuple[str, int], ...]
    ci_level: float
    method: str

    def to_frame(self) -> pd.DataFrame:
        """The table (a copy): what :meth:`KaplanMeier.at` returns."""
        return self.table.copy()

    def estimate(self, group: str, time: float) -> Estimate:
        """The survival of ``group`` at day ``time`` with its interval.

        Raises
        ------
        KeyError
            When that group or day was not asked for (the message lists those that were).
        """
        for term, e in self._tidy_items():
            if term == _term(group, time):
                return e
        asked = sorted({_term(g, t) for g, t in zip(self.table["group"], self.table["time"], strict=True)})  # fmt: skip
        raise KeyError(f"no estimate for {group!r} at day {time:g}; asked: {asked}")

    def _tidy_items(self) -> Iterator[tuple[str, Estimate]]:
        """One row per group and day, ``term`` ``"<group>, day <t>"``: the survival with
        its interval (``std_error`` is NaN: the interval is not built on the survival
        scale; the Greenwood SE is ``std_err`` of :meth:`to_frame`)."""
        n = dict(self.n_by_group)
        t = self.table
        columns = [t[c].to_numpy(dtype=float) for c in ("time", "survival", "ci_low", "ci_high")]
        for group, (time, survival, low, high) in zip(t["group"].astype(str), zip(*columns, strict=True), strict=True):  # fmt: skip
            yield _term(group, float(time)), Estimate(
                "survival", float(survival), float(low), float(high), self.ci_level, self.method,
                n[group],
            )  # fmt: skip

    def _glance(self) -> dict[str, object]:
        """Groups, days, interval type and level, and the method."""
        times = np.unique(self.table["time"].to_numpy(dtype=float))
        return {
            "groups": ", ".join(g for g, _ in self.n_by_group),
            "times": ", ".join(f"{t:g}" for t in times),
            "n_used": sum(n for _, n in self.n_by_group),
            "conf_type": str(self.table["conf_type"].iloc[0]) if len(self.table) else "",
            "conf_level": self.ci_level,
            "method": self.method,
        }

    def _display_summary(self) -> Summary:
        return Summary("Survival at chosen days", rows=list(self._tidy_items()))


def _term(group: str, time: float) -> str:
    return f"{group}, day {time:g}"
