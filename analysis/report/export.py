"""The tidy-table writers, kept importable here; they live in :mod:`analysis.load.export`
(below the statistics, so ``vertebro normalize`` imports none)."""

from analysis.load.export import write_normalized, write_safe_csv, write_tidy_tables

__all__ = ["write_normalized", "write_safe_csv", "write_tidy_tables"]
