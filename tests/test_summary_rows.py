"""Rows of means and totals under a register's table (``Mean (n=3)``, ``Дундаж``, ``Total
cement (ml)`` in the study-ID column, as a spreadsheet's AVERAGE and SUM rows stand):
not patients, each reported as not read; a patient's row is never taken for one."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from analysis.load import load_cohort
from analysis.problems import ERROR, WARNING

ROWS = [
    ["Study ID", "Age", "Date", "Level", "Volume (ml)", "VAS pre"],
    ["P-01", 71, date(2022, 3, 1), "L1", 3.5, 8],
    ["P-02", 80, date(2022, 3, 9), "T12", 4.0, 7],
    ["P-03", 66, date(2022, 4, 2), "L2", 5.0, 9],
]


def _workbook(path: Path, rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


@pytest.mark.parametrize(
    "summary",
    [
        [
            ["Mean (n=3)", 72.3, None, None, 4.2, 8],
            ["Total cement (ml)", None, None, None, 12.5, None],
        ],
        [["Дундаж (n=3)", 72.3, None, None, 4.2, 8]],
        [["Average", 72.3, None, None, 4.2, 8]],
    ],
)
def test_summary_rows_under_the_table_are_no_patients(tmp_path: Path, summary: list[list[object]]) -> None:  # fmt: skip
    loaded = load_cohort(_workbook(tmp_path / "r.xlsx", [*ROWS, *summary]))
    assert sorted(loaded.cohort.patients["patient_id"]) == ["P-01", "P-02", "P-03"]
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    said = [p for p in loaded.problems if p.rule == "summary_row"]
    assert [p.row for p in said] == list(range(len(ROWS) + 1, len(ROWS) + 1 + len(summary)))
    assert all(p.severity == WARNING and "not read as a patient" in p.message for p in said)


def test_a_patient_row_is_never_a_summary_row(tmp_path: Path) -> None:
    """Only rows at the table's end whose study-ID cell opens with such a word: a
    patient coded ``TOT-04`` is a patient."""
    rows = [*ROWS, ["TOT-04", 77, date(2022, 5, 1), "L3", 3.0, 6]]
    loaded = load_cohort(_workbook(tmp_path / "r.xlsx", rows))
    assert "TOT-04" in set(loaded.cohort.patients["patient_id"])
    assert not [p for p in loaded.problems if p.rule == "summary_row"]


def test_summary_labels_in_the_names_column_and_a_legend_line_under_them(tmp_path: Path) -> None:
    """``Moyenne``, ``Effectif (n)`` and ``Total ciment (ml)`` written in the names'
    column, the study ID's left blank, then a legend line: the summary rows are no
    patients (each reported as not read), the legend line is kept as it was."""
    head = [["N°", "Code étude", "Nom", "Âge", "Date", "Niveau", "Volume (ml)", "EVA avant"]]
    rows = [[k, f"P-0{k}", "X Y", 60 + k, date(2022, 3, k), "L1", 3.5, 8] for k in (1, 2, 3)]
    summary = [
        [None, None, "Moyenne", 62, None, None, 3.5, 8],
        [None, None, "Effectif (n)", 3, None, None, 3, None],
        [None, None, "Total ciment (ml)", None, None, None, 10.5, None],
        [],
        ["Légende: NR = non revu"],
    ]
    loaded = load_cohort(_workbook(tmp_path / "r.xlsx", [*head, *rows, *summary]))
    assert sorted(loaded.cohort.patients["patient_id"]) == ["P-01", "P-02", "P-03"]
    assert [(p.row, p.message) for p in loaded.problems if p.severity == ERROR] == []
    assert [p.row for p in loaded.problems if p.rule == "summary_row"] == [5, 6, 7]
