"""The statistical review every report carries: what a reviewer checks, checked on the data.

Each check is a pure function of result objects the report already computed (a Cox
model, a log-rank test, a 2 x 2 table, the publication tables ...) and returns a frozen
:class:`Check`: its name, whether it is triggered, how serious that is, a message with
the numbers behind it, and the analysis it concerns. :mod:`.models` holds the checks of
models and survival contrasts, :mod:`.design` those of the design (clustering, multiple
testing, follow-up, scales); :mod:`.section` gathers them into the report's section
"Statistical review" and its records in ``results.json``.
"""

from analysis.report.review.check import CHECKS, Check, Severity
from analysis.report.review.design import (
    follow_up_by_group,
    multiple_testing,
    responder_scale,
    sparse_two_by_two,
    vertebrae_as_independent,
)
from analysis.report.review.models import (
    events_per_parameter,
    few_events_in_levels,
    few_events_logrank,
    few_events_rmst,
    proportional_hazards,
)

__all__ = [
    "CHECKS",
    "Check",
    "Severity",
    "events_per_parameter",
    "few_events_in_levels",
    "few_events_logrank",
    "few_events_rmst",
    "follow_up_by_group",
    "multiple_testing",
    "proportional_hazards",
    "responder_scale",
    "sparse_two_by_two",
    "vertebrae_as_independent",
]
