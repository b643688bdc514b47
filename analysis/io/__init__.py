"""Read raw cells from spreadsheets, CSV and Parquet files. Nothing is interpreted here."""

from analysis.io.readers import (
    CellOrigin,
    RawSheet,
    ReadLimits,
    read_csv_sheet,
    read_input_sheets,
    read_parquet_sheet,
    read_workbook,
)

__all__ = [
    "CellOrigin",
    "RawSheet",
    "ReadLimits",
    "read_csv_sheet",
    "read_input_sheets",
    "read_parquet_sheet",
    "read_workbook",
]
