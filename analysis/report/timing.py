"""When an assessment counts as a time point: the loader's rules, said in the report's
Methods from the vocabulary the loader read (``timepoints.by_day`` in
``data_schema/vocabulary.yaml``) and the day a score known only by its time point is
taken to be due (:func:`analysis.schema.timepoints.timepoint_day`)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.formatting import PLAIN, FormatConfig, count, number
from analysis.labels import load_labels
from analysis.schema import Cohort
from analysis.schema.timepoints import DAYS_PER_MONTH
from analysis.spec import load_spec


def assessment_timing(cohort: Cohort, timepoints: Sequence[str], measure: str = "pain_vas", fmt: FormatConfig = PLAIN) -> str:  # fmt: skip
    """The Methods' paragraph on assessment times: a score counts at the visit its row
    names (no window), a dated score without a visit at the nearest nominal day within
    the loader's window, the baseline on or up to the loader's days before the
    procedure; how many of ``measure``'s scores of this cohort carry their own day; and
    the day a score known only by its visit is taken to be due."""
    vocab = load_spec().vocabulary
    tp = load_labels().timepoint
    baseline, after = timepoints[0], [t for t in timepoints[1:] if t in vocab.nominal_days]
    nominal = "; ".join(f"{tp(t)}: day {vocab.nominal_days[t]}" for t in after)
    kind = cohort.assessments["measure"]
    if isinstance(kind.dtype, pd.CategoricalDtype):  # by its codes, not 5 million texts
        hits = np.flatnonzero(kind.cat.categories.astype(str) == measure)
        scores = cohort.assessments[np.isin(kind.cat.codes.to_numpy(), hits)]
    else:
        scores = cohort.assessments[kind.astype(str) == measure]
    dated = int(scores["day"].notna().sum()) if "day" in scores else 0
    if dated == 0:
        own = (
            f"No {load_labels().measure(measure).display.split(',')[0].lower()} score of this "
            "cohort carries its own day, so each time point is the visit as recorded and how "
            "far a score lay from its nominal day is not known"
        )
    else:
        own = f"{count(dated, fmt)} of {count(len(scores), fmt)} scores carry their own day"
    return (
        f"Assessment times: a score counts at the visit its registry row names (a nominal "
        f"visit, with no window). A score dated but naming no visit counts at the time point "
        f"whose nominal day after the procedure is nearest ({nominal}) if it lies within "
        f"{100 * vocab.day_window:g}% of that day (at least one day), and as the baseline "
        f"({tp(baseline)}) on the procedure day or up to {vocab.before_days} days before it; "
        f"beyond every window it is not read. {own}. A score known only by its visit is "
        f"taken to be due that long after the procedure when it is set against a death (a "
        f"month being {number(DAYS_PER_MONTH, 2, fmt)} days)."
    )
