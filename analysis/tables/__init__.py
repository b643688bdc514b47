"""Publication tables: result objects in, display frames and files out."""

from analysis.tables.cohort import cohort_table, write_table

__all__ = ["cohort_table", "write_table"]
