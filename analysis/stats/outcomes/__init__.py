"""Outcome statistics: pain, mobility and other scores before and after, group comparisons, proportions, cement volume and leakage, responders, correlation."""
