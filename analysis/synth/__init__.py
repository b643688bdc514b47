"""Seeded synthetic cohorts calibrated to the published series, and writers for them."""

from analysis.synth.generate import SynthParams, synthesize
from analysis.synth.redcap import write_redcap
from analysis.synth.writers import (
    Messiness,
    languages,
    messy_tables,
    write_tidy,
    write_wide_workbook,
)

__all__ = [
    "Messiness",
    "SynthParams",
    "languages",
    "messy_tables",
    "synthesize",
    "write_redcap",
    "write_tidy",
    "write_wide_workbook",
]
