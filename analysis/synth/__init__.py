"""Seeded synthetic cohorts calibrated to the published series, and writers for them."""

from analysis.synth.generate import SynthParams, synthesize
from analysis.synth.writers import write_redcap, write_tidy, write_wide_workbook

__all__ = ["SynthParams", "synthesize", "write_redcap", "write_tidy", "write_wide_workbook"]
