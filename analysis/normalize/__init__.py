"""Normalisation of single cells and headers: levels, units, scales, dates, booleans,
missing markers and identifiers. Each rule is a small pure function with a documented
error; the loaders decide what to do with the errors."""

from analysis.normalize.cells import (
    CellError,
    approximate,
    is_declared_spelling,
    is_missing,
    parse_cell,
    parse_score,
)
from analysis.normalize.dates import parse_date_column
from analysis.normalize.headers import Target, match_header
from analysis.normalize.identifiers import pseudonym

__all__ = [
    "CellError",
    "Target",
    "approximate",
    "is_declared_spelling",
    "is_missing",
    "match_header",
    "parse_cell",
    "parse_date_column",
    "parse_score",
    "pseudonym",
]
