"""The tidy cohort: four validated tables built from ``data_schema/``."""

from analysis.schema.cohort import Cohort, coerce_column, coerce_table, empty_table, pandera_schema

__all__ = ["Cohort", "coerce_column", "coerce_table", "empty_table", "pandera_schema"]
