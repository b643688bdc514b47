"""Responder definitions as papers state them: an absolute reduction, a percent
reduction, a follow-up value below a cut-off, or a composite of these, with the minimal
clinically important differences of the literature as named presets.

Presets are in the units the cohort stores (pain on 0-10; ODI 0-100; RDQ 0-24):

* ``pain`` — 2 points on 0-10 (IMMPACT; Dworkin et al., J Pain 2008),
* ``pain_15mm`` — 15 mm on a 0-100 mm VAS, 1.5 on the stored 0-10 scale (Ostelo et al.,
  Spine 2008),
* ``odi`` — 10 points of the Oswestry Disability Index (Ostelo et al. 2008),
* ``rdq`` — 5 points of the Roland-Morris Disability Questionnaire (Ostelo et al. 2008),
* ``pain_30pct`` — a 30% reduction from baseline (IMMPACT).

A rule in points is written for one measure's scale; a preset names its measure and
refuses another (the ODI cut-off applied to pain on 0-10 would count only falls from 10
to 0), and any rule in points is checked against the declared scale of the measure it
is applied to.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from analysis.schema import Cohort
from analysis.stats.levels import confidence_alpha
from analysis.stats.outcomes.paired import Responders, _pair
from analysis.stats.outcomes.proportions import proportion
from analysis.stats.outcomes.scales import check_points, scale_text
from analysis.stats.outcomes.selection import Sessions


@dataclass(frozen=True)
class ResponderRule:
    """Who counts as a responder.

    ``points``: reduction of at least this many points; ``percent``: reduction of at
    least this fraction of baseline (0.3 for 30%); ``below``: follow-up value at most
    this. With several criteria, ``combine="all"`` needs every one, ``"any"`` one.
    ``measure``: the measure whose scale ``points`` and ``below`` are written on (a
    rule for ``odi`` is refused for ``pain_vas``); None for a rule that fits any measure.
    """

    points: float | None = None
    percent: float | None = None
    below: float | None = None
    combine: Literal["all", "any"] = "all"
    measure: str | None = None

    def __post_init__(self) -> None:
        if self.points is None and self.percent is None and self.below is None:
            raise ValueError("a responder rule needs points, percent or below")
        if self.points is not None and self.points <= 0:
            raise ValueError(f"points must be positive, not {self.points}")
        if self.percent is not None and not 0 < self.percent <= 1:
            raise ValueError(f"percent is a fraction in (0, 1], not {self.percent}")
        if self.combine not in ("all", "any"):
            raise ValueError(f"combine must be 'all' or 'any', not {self.combine!r}")

    def describe(self) -> str:
        parts = []
        if self.points is not None:
            parts.append(f"reduction of at least {self.points:g} points")
        if self.percent is not None:
            parts.append(f"reduction of at least {self.percent:.0%} from baseline")
        if self.below is not None:
            parts.append(f"follow-up value of {self.below:g} or less")
        return (" and " if self.combine == "all" else " or ").join(parts)

    def apply(self, before: np.ndarray, after: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Responder flags and which pairs could be judged (complete; a positive
        baseline where a percent criterion applies)."""
        b, a = np.asarray(before, dtype=float), np.asarray(after, dtype=float)
        usable = ~np.isnan(b) & ~np.isnan(a)
        checks = []
        if self.points is not None:
            checks.append((b - a) >= self.points - 1e-12)
        if self.percent is not None:
            usable &= b > 0
            with np.errstate(invalid="ignore"):
                checks.append((b - a) >= self.percent * b - 1e-12)
        if self.below is not None:
            checks.append(a <= self.below + 1e-12)
        hit = np.all(checks, axis=0) if self.combine == "all" else np.any(checks, axis=0)
        return hit & usable, usable


MCID: dict[str, ResponderRule] = {
    "pain": ResponderRule(points=2.0, measure="pain_vas"),
    "pain_15mm": ResponderRule(points=1.5, measure="pain_vas"),
    "pain_30pct": ResponderRule(percent=0.3),  # a share of baseline fits any scale
    "odi": ResponderRule(points=10.0, measure="odi"),
    "rdq": ResponderRule(points=5.0, measure="rdq"),
}


def _fits(rule: ResponderRule, name: str, measure: str) -> None:
    """Refuse a rule written for another measure, or whose points leave the scale."""
    if rule.measure is not None and rule.measure != measure:
        fitting = [k for k, r in MCID.items() if r.measure in (measure, None)]
        raise ValueError(
            f"the responder rule {name} ({rule.describe()}) is written for "
            f"{scale_text(rule.measure)} and cannot be applied to {scale_text(measure)}; "
            f"use a rule for {measure} (presets: {', '.join(fitting)}) or pass "
            f"measure={rule.measure!r}"
        )
    check_points(measure, rule.points, rule.below)


def responders_by_rule(
    cohort: Cohort,
    rule: ResponderRule | str,
    measure: str = "pain_vas",
    before: str = "pre",
    after: str = "1m",
    sessions: Sessions = "index",
    alpha: float = 0.05,
    *,
    conf_level: float = 0.95,
) -> Responders:
    """Responders by a rule or a named preset of :data:`MCID`, with Wilson and
    Clopper-Pearson intervals; pairs that cannot be judged are excluded and counted.
    ``measure`` (default ``"pain_vas"``) from ``before`` to ``after`` (defaults ``"pre"``
    and ``"1m"``) in ``sessions`` (default ``"index"``; ``"repeat"``, ``"all"``).

    ``conf_level`` (default 0.95) is the coverage of the confidence intervals, the same
    as ``alpha = 1 - conf_level``; it is recorded on the result.

    Raises
    ------
    ValueError
        When the preset is unknown, when the rule is written for another measure
        (``responders_by_rule(cohort, "odi")`` on pain), or when its points or cut-off do
        not fit the measure's declared scale.
    """
    alpha = confidence_alpha(alpha, conf_level)
    name = repr(rule) if isinstance(rule, str) else "given"
    if isinstance(rule, str):
        if rule not in MCID:
            raise ValueError(f"no responder preset {rule!r}; presets: {', '.join(MCID)}")
        rule = MCID[rule]
    _fits(rule, name, measure)
    b, a = _pair(cohort, measure, before, after, sessions)
    hit, usable = rule.apply(b, a)
    n = int(usable.sum())
    if n == 0:
        raise ValueError(f"no session has both {measure} at {before} and at {after}")
    prop = proportion(int(hit.sum()), n, "responders", alpha)
    return Responders(measure, before, after, rule.describe(), prop, int((~usable).sum()))
