"""Treated levels with their numbers in Roman numerals after the region's letter (``L II``,
``D XII`` with D = dorsal, ranges ``D XI-L I``, lists ``L III, L IV`` and ``L II e L III``)
under a header giving the word's plural after a slash (``Livello/i``): read as the levels
they name; an impossible one (``L VII``) is an error naming its cell."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl

from analysis.levels import parse_levels
from analysis.load import load_cohort
from analysis.normalize.cells import parse_category
from analysis.normalize.dates import split_level_date
from analysis.normalize.headers import match_header
from analysis.normalize.leakage_levels import sites_by_level
from analysis.spec import load_spec
from tests.test_load_visit_rows import _reproduced_by_its_mapping

_HEADER = ["Cod. studio", "Sesso", "Età", "Data int.", "Livello/i", "Tecnica", "VAS pre"]
_ROWS = [
    ["CA-01", "F", 71, datetime(2023, 3, 10), "L II", "VP", 8],
    ["CA-02", "M", 80, datetime(2023, 4, 3), "D XI-L I", "VP", 9],
    ["CA-03", "F", 66, datetime(2023, 5, 8), "L III, L IV", "CP", 7],
    ["CA-04", "M", 75, datetime(2023, 6, 12), "L II e L III", "VP", 10],
    ["CA-05", "F", 69, datetime(2023, 7, 1), "L VII", "VP", 6],
]


def _write(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Registro"
    ws.append(_HEADER)
    for row in _ROWS:
        ws.append(row)
    wb.save(path)
    return path


def test_roman_level_numbers_read_as_their_levels():
    assert parse_levels("D XII") == ("T12",)
    assert parse_levels("D XI-L I") == ("T11", "T12", "L1")
    assert parse_levels("L II e L III") == ("L2", "L3")
    assert parse_levels("L IV") == ("L4",)
    assert parse_levels("L2") == ("L2",)


def test_header_with_its_plural_after_a_slash_names_the_levels():
    target = match_header("Livello/i")
    assert target is not None and target.column == "level"
    assert match_header("Livello/i trattato/i") == target


def test_roman_levels_loaded_and_an_impossible_one_named(tmp_path):
    path = _write(tmp_path / "roman.xlsx")
    result = load_cohort(path)
    procs = result.cohort.procedures
    got = sorted(zip(procs["patient_id"], procs["level"], strict=True))
    assert got == [
        ("CA-01", "L2"),
        ("CA-02", "L1"),
        ("CA-02", "T11"),
        ("CA-02", "T12"),
        ("CA-03", "L3"),
        ("CA-03", "L4"),
        ("CA-04", "L2"),
        ("CA-04", "L3"),
    ]
    bad = [p for p in result.problems if p.severity == "error"]
    assert [(p.row, p.column) for p in bad] == [(6, "Livello/i")]
    assert _reproduced_by_its_mapping(path, tmp_path)


def test_new_fracture_level_in_roman_numerals_beside_its_date():
    assert split_level_date("L I (29/08/2022)", "dmy") == ("L1", date(2022, 8, 29))
    assert split_level_date("L II (04/09/2021)", "dmy") == ("L2", date(2021, 9, 4))


def test_calcium_phosphate_written_fosfato_di_ca():
    spec = load_spec().column("procedures", "cement_type")
    assert parse_category("fosfato di Ca", spec) == "calcium phosphate"


def test_leak_site_at_a_level_in_roman_numerals():
    spec = load_spec().column("procedures", "leakage")
    assert sites_by_level("paravertebrale L I", spec) == (("L1", "paravertebral"),)
    assert parse_category("nudda", spec) == "none"
