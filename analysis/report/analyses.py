"""Each analysis of a report computed once.

The report's sections and its publication tables and figures ask for some of the same
analyses (the pain time course, the group comparison, the cumulative incidence, the risk
model ...). They ask one :class:`Analyses` of the cohort instead of calling the analysis:
the first request runs it, later requests with the same arguments get the same result
object back (results are frozen, so sharing them is safe). An analysis the data cannot
support raises its ``ValueError`` again on every request, without running again.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from analysis.schema import Cohort

T = TypeVar("T")


def _frozen(value: object) -> Hashable:
    """A hashable stand-in for an argument: lists and tuples as tuples, dicts as sorted
    pairs, anything else as it is."""
    if isinstance(value, list | tuple):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((str(k), _frozen(v)) for k, v in value.items()))
    return value


@dataclass
class Analyses:
    """The analyses of one cohort, each run once per distinct set of arguments.

    ``analyses(fracture_free_survival, "etiology", alpha=0.05)`` returns
    ``fracture_free_survival(cohort, "etiology", alpha=0.05)``, computed on the first
    request only. Arguments are matched after binding them to the analysis's signature
    with its defaults, so a default passed or left out is the same request.
    """

    cohort: Cohort
    _done: dict[Hashable, tuple[Any, ValueError | None]] = field(default_factory=dict, repr=False)

    def __call__(self, analysis: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        bound = inspect.signature(analysis).bind(self.cohort, *args, **kwargs)
        bound.apply_defaults()
        arguments = list(bound.arguments.items())[1:]  # the cohort is always this one
        key = (analysis, tuple((name, _frozen(v)) for name, v in arguments))
        if key not in self._done:
            try:
                self._done[key] = (analysis(*bound.args, **bound.kwargs), None)
            except ValueError as err:
                self._done[key] = (None, err)
        value, error = self._done[key]
        if error is not None:
            raise error
        return value

    @property
    def computed(self) -> int:
        """How many distinct analyses have been run (each at most once)."""
        return len(self._done)
