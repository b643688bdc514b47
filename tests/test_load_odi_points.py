"""The Oswestry index kept as its raw sum of points (ten items of 0-5: 0-50) under a header
that says so (``ODI, баллы (0–50)``, ``ODI (0-50)``, ``Oswestry /50``): each value read as
twice itself, the percent the cohort keeps, and a value past 50 an error on its cell naming
the declared scale. A range no measure declares (``VAS (0-50)``) declares no scale; a plain
``ODI`` column is percent as before; the mapping inspect writes keeps the scale."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping
from analysis.normalize.cells import CellError, parse_score
from analysis.normalize.headers import match_header
from analysis.spec import load_spec

ROWS = [
    ["P-01", "F", 71, "2022-03-01", "L1", 8, 32],
    ["P-02", "M", 64, "2022-04-11", "T12", 7, 64],
    ["P-03", "F", 80, "2022-05-20", "L2", 9, 17.5],
]


def _book(path: Path, odi_header: str) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Cases"
    header = ["Study ID", "Sex", "Age", "Date of procedure", "Level", "VAS pre", odi_header]
    for j, h in enumerate(header, 1):
        ws.cell(1, j, h)
    for i, row in enumerate(ROWS, 2):
        for j, v in enumerate(row, 1):
            ws.cell(i, j, v)
    wb.save(path)
    return path


def _odi(result: object) -> dict[str, float]:
    a = result.cohort.assessments  # type: ignore[attr-defined]
    rows = a[a["measure"] == "odi"].to_dict("records")
    return {str(r["patient_id"]): float(r["value"]) for r in rows}


@pytest.mark.parametrize(
    ("header", "scale"),
    [
        ("ODI, баллы (0–50)", 50.0),
        ("ODI (0-50)", 50.0),
        ("Oswestry /50", 50.0),
        ("ODI 0 to 50 points", 50.0),
        ("ODI", None),
        ("ODI (0-100)", 100.0),
    ],
)
def test_an_odi_header_declares_its_points_scale(header: str, scale: float | None) -> None:
    target = match_header(header)
    assert target is not None and target.measure == "odi"
    assert target.scale == scale


def test_a_range_no_measure_declares_is_no_scale() -> None:
    # pain has no 0-50 scale: the range does not make a pain column read on one
    target = match_header("VAS (0-50)")
    assert target is None or target.scale is None


def test_points_are_read_as_percent_and_past_fifty_is_an_error(tmp_path: Path) -> None:
    path = _book(tmp_path / "register.xlsx", "ODI pre, баллы (0–50)")
    result = load_cohort(path)
    assert _odi(result) == {"P-01": 64.0, "P-03": 35.0}
    named = [p for p in result.problems if p.cell == "G3"]
    assert named, [str(p) for p in result.problems]
    assert "0-50" in named[0].message


def test_a_plain_odi_column_is_percent(tmp_path: Path) -> None:
    path = _book(tmp_path / "register.xlsx", "ODI pre")
    assert _odi(load_cohort(path)) == {"P-01": 32.0, "P-02": 64.0, "P-03": 17.5}


def test_the_mapping_keeps_the_points_scale(tmp_path: Path) -> None:
    path = _book(tmp_path / "register.xlsx", "ODI pre (0-50)")
    written = tmp_path / "mapping.yaml"
    written.write_text(inspect_input(path).mapping_yaml(), "utf-8")
    assert "scale: 50" in written.read_text("utf-8")
    unaided = load_cohort(path).cohort
    mapped = load_cohort(path, options_from_mapping(read_mapping(written))).cohort
    for table in ("patients", "procedures", "assessments"):
        assert getattr(unaided, table).equals(getattr(mapped, table)), table


def test_points_past_the_scale_name_it() -> None:
    odi = load_spec().measures["odi"]
    assert parse_score(21, odi, 50.0) == 42.0
    with pytest.raises(CellError, match=r"odi must lie within 0-50 on its declared scale"):
        parse_score(64, odi, 50.0)
    with pytest.raises(CellError, match=r"odi must lie within 0-100$"):
        parse_score(120, odi, None)  # no 0-50 hint past 100
