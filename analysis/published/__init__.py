"""Checking published series from what papers print: tests recomputed from printed means,
SDs and sizes, and whether a printed p-value follows from them."""

from analysis.published.aggregate import (
    PValueCheck,
    anova_from_summary,
    check_printed_p,
    one_sample_t_from_summary,
    paired_p_range,
    t_test_from_summary,
)
from analysis.published.consistency import Consistency, grim, percentage_consistency

__all__ = [
    "Consistency",
    "PValueCheck",
    "anova_from_summary",
    "check_printed_p",
    "grim",
    "one_sample_t_from_summary",
    "paired_p_range",
    "percentage_consistency",
    "t_test_from_summary",
]
