"""Scores computed from questionnaire items, by each questionnaire's own rules.

* Oswestry Disability Index (ODI 2.1a): ten sections scored 0-5; the index is the sum
  over answered sections divided by 5 x the number answered, as a percentage (Fairbank &
  Pynsent, Spine 2000). With more than ``max_missing`` sections unanswered (one by
  default, as the authors advise) the index is missing.
* Roland-Morris Disability Questionnaire (RDQ-24): the number of the 24 statements ticked
  (0-24). Unanswered statements count as not ticked when at most ``max_missing`` are
  missing; otherwise the score is missing.
* EQ-5D-3L index with the UK time trade-off value set (Dolan, Med Care 1997): 1 minus a
  constant for any problem, the decrement of each dimension's level 2 or 3, and the N3
  term when any dimension is at level 3. 11111 scores 1 and 33333 scores -0.594.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

_EQ5D_UK = {  # dimension -> decrement at level 2, level 3 (Dolan 1997)
    "mobility": (0.069, 0.314),
    "self_care": (0.104, 0.214),
    "usual_activities": (0.036, 0.094),
    "pain_discomfort": (0.123, 0.386),
    "anxiety_depression": (0.071, 0.236),
}
_EQ5D_CONSTANT, _EQ5D_N3 = 0.081, 0.269


def _items(values: Sequence[float | None], n: int, low: int, high: int, name: str) -> np.ndarray:
    x = np.array([np.nan if v is None else float(v) for v in values], dtype=float)
    if len(x) != n:
        raise ValueError(f"the {name} has {n} items, got {len(x)}")
    bad = x[~np.isnan(x) & ((x < low) | (x > high) | (x != np.round(x)))]
    if len(bad):
        raise ValueError(
            f"{name} items are whole numbers {low}-{high}; got {sorted({float(b) for b in bad})}"
        )
    return x


def odi_score(items: Sequence[float | None], max_missing: int = 1) -> float:
    """Oswestry Disability Index (0-100) from its ten 0-5 sections (None = unanswered);
    up to ``max_missing`` (default 1) unanswered sections are allowed."""
    x = _items(items, 10, 0, 5, "ODI")
    answered = int((~np.isnan(x)).sum())
    if 10 - answered > max_missing:
        return float("nan")
    return float(np.nansum(x) / (5 * answered) * 100)


def rdq_score(items: Sequence[float | None], max_missing: int = 0) -> float:
    """Roland-Morris Disability Questionnaire (0-24) from its 24 yes/no items (1/0);
    up to ``max_missing`` (default 0) unanswered items are allowed."""
    x = _items(items, 24, 0, 1, "RDQ-24")
    if int(np.isnan(x).sum()) > max_missing:
        return float("nan")
    return float(np.nansum(x))


def eq5d_3l_index_uk(profile: str | Sequence[int]) -> float:
    """EQ-5D-3L index (UK TTO value set) of a profile such as ``"11223"``."""
    levels = (
        [int(c) for c in str(profile)] if isinstance(profile, str) else [int(v) for v in profile]
    )
    if len(levels) != 5 or any(v not in (1, 2, 3) for v in levels):
        raise ValueError(f"an EQ-5D-3L profile is five levels 1-3, e.g. '11223'; got {profile!r}")
    if all(v == 1 for v in levels):
        return 1.0
    loss = _EQ5D_CONSTANT + sum(
        dec[v - 2] for dec, v in zip(_EQ5D_UK.values(), levels, strict=True) if v > 1
    )
    if 3 in levels:
        loss += _EQ5D_N3
    return round(1.0 - loss, 3)
