"""Vertebra rows under a session's first row, the session's own cells left blank.

A sheet of one row per treated vertebra may write a session's own cells (its number, date,
technique, cement and the patient's scores) only on the row of its first vertebra, and on
each further vertebra's row below only what is that vertebra's: its level, volume and
leak. Such a row, directly under a row of the same patient that treated vertebrae, naming
a level and nothing of a session (no date, number or identifier, no technique, cement or
approach, no score), is a further vertebra of the session above: it takes that session and
its date. A technique, cement or approach repeated on each vertebra's row the same as on the
session's row names nothing new (``PVP``, ``PMMA`` on every line, the date only on the
first). A row naming any other is a session of its own, as written (a date left out there
is reported as missing).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from analysis.problems import WARNING, Problem, Source

Record = dict[str, Any]

RULE = "session_rows_filled"
_SHOWN = 10  # rows named in the warning; the rest counted
# a session's own fields on a procedure's record: one of these names a session of its own
_SESSION_OWN = frozenset({"procedure_id", "technique", "cement_type", "approach", "day"})
# of those, the ones a sheet may repeat on each vertebra's row: the same as the session's
# row above, they name no session of their own
_REPEATED = frozenset({"technique", "cement_type", "approach"})


@dataclass(frozen=True)
class SessionAbove:
    """The session a sheet's last vertebra row was read into: its row, patient, session
    key and date."""

    row: int
    patient: str
    session: object
    when: date | None
    own: tuple[tuple[str, Any], ...] = ()  # the session's technique, cement and approach


def session_own(procedures: Record) -> tuple[tuple[str, Any], ...]:
    """The technique, cement and approach a session's row gives, to compare a row below."""
    return tuple((k, procedures[k]) for k in sorted(_REPEATED) if k in procedures)


def further_vertebra(
    rec: dict[str, Record],
    dates: dict[str, date],
    n_scores: int,
    above: SessionAbove | None,
    src: Source,
    patient: str,
) -> SessionAbove | None:
    """The session a row continues (see the module's note), or ``None``."""
    if above is None or above.row != src.row - 1 or above.patient != patient:
        return None
    procedures = rec.get("procedures", {})
    if "level" not in procedures or n_scores:
        return None
    own = dict(above.own)
    named = _SESSION_OWN & procedures.keys()
    if any(k not in _REPEATED or k not in own or own[k] != procedures[k] for k in named):
        return None
    if any(k.startswith("procedures@") for k in rec) or any(
        k.startswith("procedure_date") for k in dates
    ):
        return None
    return above


def filled_warning(first: Source, rows: list[int]) -> Problem:
    """One warning naming the rows read as further vertebrae of the session above."""
    shown = ", ".join(str(r) for r in rows[:_SHOWN])
    more = f" and {len(rows) - _SHOWN} more" if len(rows) > _SHOWN else ""
    where = f"row {rows[0]}" if len(rows) == 1 else f"rows {shown}{more}"
    return first.problem(
        RULE,
        f"{len(rows)} vertebra row(s) ({where}) name a level and nothing of "
        "a session (no date, number or score, no technique or cement other than the session's): "
        "each is read as a further "
        "vertebra of the session on the row above, as a sheet of one row per vertebra writes "
        "the session once",
        severity=WARNING,
    )
