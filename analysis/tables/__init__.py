"""Publication tables: result objects in, display frames and files out."""

from analysis.tables.cohort import cohort_table, to_markdown, write_table
from analysis.tables.model import Row, Span, Table
from analysis.tables.outcomes import (
    comparison_table,
    incidence_table,
    model_table,
    paired_table,
    proportions_table,
    survival_table,
)

__all__ = [
    "Row",
    "Span",
    "Table",
    "cohort_table",
    "comparison_table",
    "incidence_table",
    "model_table",
    "paired_table",
    "proportions_table",
    "survival_table",
    "to_markdown",
    "write_table",
]
