"""When a score of a time point is taken: one rule for the loader, the synthetic
generator and the analyses that ask whether a patient was alive to give it."""

from __future__ import annotations

import re

# A score known only by its time point is dated that long after its procedure: a month
# is the calendar's mean month (a "1 month" score of a procedure on 14 January is due on
# 14 February, 31 days later), a year 365.25 days.
DAYS_PER_MONTH = 365.25 / 12
_TIMEPOINT_CODE = re.compile(r"^(\d+)([hdwmy])$")
_UNIT_DAYS = {"h": 1 / 24, "d": 1.0, "w": 7.0, "m": DAYS_PER_MONTH, "y": 365.25}


def timepoint_day(timepoint: str) -> float | None:
    """The day after its procedure on which a score of ``timepoint`` is due (``24h``: 1,
    ``6w``: 42, ``1m``: 30.44, ``12m``: 365.25); ``None`` for ``pre`` and for a code that
    names no time.

    >>> [timepoint_day(t) for t in ("pre", "24h", "6w", "3m", "1y")]
    [None, 1.0, 42.0, 91.3125, 365.25]
    """
    m = _TIMEPOINT_CODE.match(str(timepoint).strip().lower())
    return None if m is None else int(m[1]) * _UNIT_DAYS[m[2]]
