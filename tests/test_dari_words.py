"""Dari words of a patient card: the labels of death's date, session, stage (a visit's
time point), new fracture, mobility and the identity rows; causes, bone cement, leakage
"to the disc" and "did not come"."""

from __future__ import annotations

import pytest

from analysis.normalize import match_header, parse_cell
from analysis.normalize.cells import is_missing
from analysis.spec import load_spec


@pytest.mark.parametrize(
    ("header", "label"),
    [
        ("تاریخ وفات", "date:death_date"),
        ("جلسه", "procedures.procedure_id"),
        ("مرحله", "visit:timepoint"),
        ("کسر جدید", "fractures.level"),
        ("حرکت (0-4)", "mobility@?"),
        ("نام و تخلص", "identifier:name"),
        ("نمبر ثبت", "identifier:mrn"),
        ("شماره تماس", "identifier:phone"),
    ],
)
def test_dari_headers(header: str, label: str) -> None:
    target = match_header(header, {})
    assert target is not None and target.label == label


@pytest.mark.parametrize(
    ("column", "cell", "value"),
    [
        ("patients.etiology", "مایلوم متعدد", "pathologic"),
        ("patients.etiology", "افتادن از بام", "traumatic"),
        ("patients.etiology", "استیوپوروز", "osteoporotic"),
        ("procedures.cement_type", "سمنت استخوان (PMMA)", "PMMA"),
        ("procedures.leakage", "نشت به دیسک، وریدی", "disc;venous"),
    ],
)
def test_dari_values(column: str, cell: str, value: str) -> None:
    table, name = column.split(".")
    assert parse_cell(cell, load_spec().column(table, name)) == value


def test_did_not_come_is_missing() -> None:
    assert is_missing("نیامده")
