"""Publication tables: result objects in, frozen :class:`Table` values out, exported as
DataFrame, HTML (shown in Jupyter), Markdown, LaTeX, CSV, XLSX and Word.

The older display-frame functions (``cohort_table``, ``paired_table`` ...) remain for the
report until it moves to the :class:`Table` builders.
"""

from analysis.tables._common import hodges_lehmann_note
from analysis.tables.cohort import cohort_table, to_markdown, write_table
from analysis.tables.model import Row, Span, Table
from analysis.tables.outcome_tables import case_series_table, group_comparison_table, outcome_table
from analysis.tables.outcomes import (
    comparison_table,
    incidence_table,
    model_table,
    paired_table,
    proportions_table,
    survival_table,
)
from analysis.tables.render_office import write_docx, write_xlsx
from analysis.tables.survival_tables import cumulative_incidence_table, km_table, regression_table
from analysis.tables.table_one import Variable, table_one

__all__ = [
    "Row",
    "Span",
    "Table",
    "Variable",
    "case_series_table",
    "cohort_table",
    "comparison_table",
    "cumulative_incidence_table",
    "group_comparison_table",
    "hodges_lehmann_note",
    "incidence_table",
    "km_table",
    "model_table",
    "outcome_table",
    "paired_table",
    "proportions_table",
    "regression_table",
    "survival_table",
    "table_one",
    "to_markdown",
    "write_docx",
    "write_table",
    "write_xlsx",
]
