"""Reproducing and checking published series from what papers print.

Tests from printed means, SDs and ns (counts: use :func:`analysis.stats.proportion`
and :func:`analysis.stats.two_by_two`), and consistency checks that explain their
verdict (GRIM, GRIMMER, DEBIT, SD bounds, percentages, printed p-values, implied means), and which
test gives a printed P: an F with its dfs, a 2 x 2 table.
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
from analysis.published.digitize import DigitizedFigure, DigitizeError, digitize_km
from analysis.published.digitize_files import write_digitized
from analysis.published.printed_tests import printed_f, printed_p_two_by_two
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
    "DigitizeError",
    "DigitizedFigure",
    "PairedRange",
    "Verdict",
    "clean_coordinates",
    "debit",
    "digitize_km",
    "grim",
    "grimmer",
    "implied_baseline",
    "one_sample_t",
    "one_way_anova",
    "paired_t",
    "paired_t_range",
    "percentage",
    "printed_f",
    "printed_p",
    "printed_p_two_by_two",
    "reconstruct_ipd",
    "sd_bounds",
    "sd_of_differences",
    "two_sample_t",
    "write_digitized",
]
