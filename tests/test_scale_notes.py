"""A pain scale declared in a note line above the table (``VAS — pain scale 0-100 mm``)
rather than in the pain columns' headers: the columns of the measure the note names are
read on that scale, on a plain table and on a transposed sheet (whose note lines travel
with the reshaped sheet), inspect says so and the mapping it writes loads the same cohort.
A note that declares no scale of its own (a date's ``dd.mm.yyyy``) changes nothing."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping
from analysis.normalize.headers import noted_scale
from tests.test_sheet_shapes import TIMES, _cohort, _vas, write_transposed

HEADER = ["Study ID", "Sex", "Age", "Date of procedure", "Level", "VAS pre", "VAS 1 month"]
ROWS = [
    ["P-01", "F", 71, "2022-03-01", "L1", 80, 30],
    ["P-02", "M", 64, "2022-04-11", "T12", 65, 20],
    ["P-03", "F", 80, "2022-05-20", "L2", 90, 45],
]


def _plain(path: Path, note: str) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Cases"
    ws.cell(1, 1, "Vertebroplasty register")
    ws.cell(2, 1, note)
    for j, h in enumerate(HEADER, 1):
        ws.cell(4, j, h)
    for i, row in enumerate(ROWS, 5):
        for j, v in enumerate(row, 1):
            ws.cell(i, j, v)
    wb.save(path)
    return path


def _same_with_mapping(path: Path) -> None:
    written = path.parent / "mapping.yaml"
    written.write_text(inspect_input(path).mapping_yaml(), "utf-8")
    unaided = load_cohort(path).cohort
    mapped = load_cohort(path, options_from_mapping(read_mapping(written))).cohort
    for table in ("patients", "procedures", "assessments"):
        assert getattr(unaided, table).equals(getattr(mapped, table)), table


def _pain(result: object) -> dict[tuple[str, str], float]:
    a = result.cohort.assessments  # type: ignore[attr-defined]
    rows = a[a["measure"] == "pain_vas"].to_dict("records")
    return {(str(r["patient_id"]), str(r["timepoint"])): float(r["value"]) for r in rows}


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("VAS — og'riq shkalasi 0-100 mm. «—» = ko'rik o'tkazilmagan", ("pain_vas", 100.0)),
        ("Pain (VAS) 0 to 100", ("pain_vas", 100.0)),
        ("VAS = pain scale 0-10. Dates as dd.mm.yyyy", ("pain_vas", 10.0)),
        ("Dates as dd.mm.yyyy, VAS in the columns on the right", None),  # 'mm' of a date
        ("ODI 0-100, VAS 0-10", None),  # two measures: which scale is whose?
        ("Register 2021-2023, 0-100 patients", None),  # no measure named
    ],
)
def test_a_note_line_declares_the_scale_of_the_measure_it_names(line, want):
    assert noted_scale(line) == want


def test_a_note_above_a_plain_table_declares_the_pain_scale(tmp_path: Path) -> None:
    path = _plain(tmp_path / "register.xlsx", "Pain: VAS 0-100 mm; a blank cell = visit not done")
    result = load_cohort(path)
    assert not result.errors
    got = _pain(result)
    assert got[("P-01", "pre")] == 8.0 and got[("P-03", "1m")] == 4.5 and len(got) == 6
    how = {c.header: c.reason for c in inspect_input(path).columns if c.header}
    assert "scale 0-100 from the note above the table" in how["VAS pre"]
    assert "scale: 100" in inspect_input(path).mapping_yaml()
    _same_with_mapping(path)


def test_a_note_without_a_scale_leaves_the_scores_as_they_are(tmp_path: Path) -> None:
    path = _plain(
        tmp_path / "register.xlsx", "Dates as dd.mm.yyyy; VAS in the columns on the right"
    )
    errors = load_cohort(path).errors
    assert errors and all("must lie within 0-10" in p.message for p in errors)


def test_a_note_above_a_transposed_sheet_declares_the_pain_scale(tmp_path: Path) -> None:
    cohort = _cohort(6)
    path = write_transposed(cohort, tmp_path / "unit_summary.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    ws.cell(2, 1, "VAS: pain scale 0-100 mm")
    first = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == TIMES[0][1])
    for r in range(first, first + len(TIMES)):
        for c in range(3, ws.max_column + 1):
            if isinstance(ws.cell(r, c).value, (int, float)):
                ws.cell(r, c, round(ws.cell(r, c).value * 10))
    wb.save(path)
    result = load_cohort(path)
    assert not result.errors
    got = _pain(result)
    for pid in cohort.patients["patient_id"].astype(str):
        for tp, value in _vas(cohort, pid).items():
            if tp in dict(TIMES):
                assert got[(pid, tp)] == pytest.approx(value)
    how = [c.reason for c in inspect_input(path).columns if (c.label or "").startswith("pain_vas")]
    assert how and all("scale 0-100 from the note above the table" in h for h in how)
    _same_with_mapping(path)
