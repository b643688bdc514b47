"""Reproducing and checking published series from what papers print.

Tests from printed means, SDs and ns (counts: use :func:`analysis.stats.proportion`
and :func:`analysis.stats.two_by_two`), and consistency checks that explain their
verdict (GRIM, GRIMMER, DEBIT, SD bounds, percentages, printed p-values, implied means).
"""

from analysis.published.checks import (
    Verdict,
    debit,
    grim,
    grimmer,
    implied_baseline,
    percentage,
    printed_p,
    sd_bounds,
)
from analysis.published.reconstruct import clean_coordinates, reconstruct_ipd
from analysis.published.summary import (
    PairedRange,
    one_sample_t,
    one_way_anova,
    paired_t,
    paired_t_range,
    sd_of_differences,
    two_sample_t,
)

__all__ = [
    "PairedRange",
    "Verdict",
    "clean_coordinates",
    "debit",
    "grim",
    "grimmer",
    "implied_baseline",
    "one_sample_t",
    "one_way_anova",
    "paired_t",
    "paired_t_range",
    "percentage",
    "printed_p",
    "reconstruct_ipd",
    "sd_bounds",
    "sd_of_differences",
    "two_sample_t",
]
