"""One error per row for what the whole-table checks find once and would say many times.

The checks that compare rows (a patient attribute that differs, a session on two days,
an outcome entered twice with two values, a patient without a procedure) each report
on every row involved. When one slip causes them all, most often one study ID typed on
the rows of a second patient, every row would carry the same finding several times
over. Here:

* an error repeated word for word on one row is kept once;
* on a row whose study ID is shared by two people (rule ``shared_id``), the conflicts
  that follow from it (rules ``conflict`` and ``session_day``) and name no cell of their
  own are folded into that one error on the ID cell, which names them all, so no finding
  is lost (a conflict named on its own cell stays there);
* the errors of one row that each say its patient has no procedure (rule
  ``no_procedure``) become one.

A folded error keeps the heaviest cost of those it replaces (a key error, the patient
or the row excluded), so the cohort loaded does not change.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from analysis.problems import (
    CELL_MISSING,
    ERROR,
    PATIENT_EXCLUDED,
    ROW_EXCLUDED,
    Problem,
)

# the consequences of one study ID shared by two people, folded into its error
_SHARED_ID_CONSEQUENCES = frozenset({"conflict", "session_day"})
_COST = {"": 0, CELL_MISSING: 1, ROW_EXCLUDED: 2, PATIENT_EXCLUDED: 3}


def one_per_row(problems: list[Problem]) -> list[Problem]:
    """The problems with each row's repeated whole-table findings said once.

    Parameters
    ----------
    problems
        Every problem of a load, in the order found.

    Returns
    -------
    list[Problem]
        The same problems, in the same order, less the exact repeats on one row and
        with the folded findings named in the error that stays (module docstring).
    """
    by_row: dict[tuple[str, str, int], list[int]] = defaultdict(list)
    for i, p in enumerate(problems):
        if p.severity == ERROR and p.row is not None:
            by_row[(p.file, p.sheet, p.row)].append(i)
    dropped: set[int] = set()
    kept: dict[int, Problem] = {}
    for indices in by_row.values():
        if len(indices) < 2:
            continue
        seen: set[Problem] = set()
        for i in indices:
            if problems[i] in seen:
                dropped.add(i)
            seen.add(problems[i])
        live = [i for i in indices if i not in dropped]
        for rule, folded_rules in (
            ("shared_id", _SHARED_ID_CONSEQUENCES),
            ("no_procedure", frozenset({"no_procedure"})),
        ):
            head = next((i for i in live if problems[i].rule == rule), None)
            if head is None:
                continue
            folded = [
                i
                for i in live
                if i != head
                and problems[i].rule in folded_rules
                and (rule != "shared_id" or problems[i].cell is None)
            ]
            if folded:
                kept[head] = _folded(problems[head], [problems[i] for i in folded])
                dropped.update(folded)
    return [kept.get(i, p) for i, p in enumerate(problems) if i not in dropped]


def _folded(head: Problem, others: list[Problem]) -> Problem:
    """``head`` naming the findings of ``others`` and bearing the heaviest of their costs."""
    said = [head.message]
    said += [p.message for p in others if p.message not in said]
    message = said[0] if len(said) == 1 else f"{said[0]}; on this row also: {'; '.join(said[1:])}"
    action = max((head, *others), key=lambda p: _COST.get(p.action, 0)).action
    key = head.key or any(p.key for p in others)
    return replace(head, message=message, action=action, key=key)
