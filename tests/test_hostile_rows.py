"""Every row accounted and named: stray rows counted in, each formula cell without a
value named on its row, impossible ages errors, REDCap codes the dictionary does not list
named on their row and field, ragged text rows reported with their cell counts."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from analysis.load import load_cohort
from analysis.problems import ERROR, WARNING
from tests.hostile.corpus import HEADER, _rows, _unknown_checkbox, _xlsx


def _by_rule(result, rule: str):
    return [p for p in result.problems if p.rule == rule]


def test_a_stray_row_far_below_the_data_is_counted_in_and_named(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "stray.xlsx", _rows(6), stray=True)
    result = load_cohort(path)
    assert (result.rows_in, result.rows_loaded, result.rows_reported) == (7, 6, 1)
    (stray,) = [p for p in _by_rule(result, "stray_cells") if p.severity == ERROR]
    assert (stray.row, stray.cell, stray.action) == (1048576, "A1048576", "row excluded")
    assert "the data, which ends in row 7" in stray.message
    assert list(result.ledger.query("status == 'reported'")["row"]) == [1048576]


def test_each_formula_cell_without_a_value_is_named_on_its_row(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Cases"
    ws.append([*HEADER, "Notes", "BMI", "Extra", "Other", "More"])
    for r in _rows(3):
        ws.append([*r, "n", 22, 1, 2, 3])
    ws["F2"] = "=2+1.5"  # cement volume
    ws["M2"] = "=1+1"
    ws["J3"] = "=20+2"
    wb.save(tmp_path / "formulas.xlsx")
    result = load_cohort(tmp_path / "formulas.xlsx")
    named = {(p.sheet, p.row, p.cell, p.column) for p in _by_rule(result, "formula_no_value")}
    assert named == {
        ("Cases", 2, "F2", "Cement volume"),
        ("Cases", 2, "M2", "More"),
        ("Cases", 3, "J3", "BMI"),
    }
    assert all(p.severity == ERROR for p in _by_rule(result, "formula_no_value"))
    assert result.rows_in == result.rows_loaded + result.rows_reported == 3


@pytest.mark.parametrize(
    ("age", "severity", "rule", "says"),
    [
        (0, ERROR, "range", "an age of 0 or below is impossible"),
        (-4, ERROR, "range", "an age of 0 or below is impossible"),
        (121, ERROR, "range", "must lie within 1-120"),
        (150, ERROR, "range", "must lie within 1-120"),
        (16, WARNING, "implausible_age", "age below 18 years"),
    ],
)
def test_impossible_ages_are_errors_implausible_ones_warnings(
    tmp_path: Path, age: int, severity: str, rule: str, says: str
) -> None:
    rows = _rows()
    rows[1][2] = age
    result = load_cohort(_xlsx(tmp_path / "ages.xlsx", rows))
    (p,) = [p for p in result.problems if p.cell == "C3"]
    assert (p.severity, p.rule, p.value) == (severity, rule, str(age))
    assert says in p.message
    kept = result.cohort.patients.set_index("patient_id").loc["S01", "age_years"]
    assert bool(kept == age) is (severity == WARNING)  # an error's cell is set to missing


def test_redcap_codes_the_dictionary_does_not_list_are_named_on_row_and_field(
    tmp_path: Path,
) -> None:
    folder = _unknown_checkbox(tmp_path / "redcap")
    result = load_cohort(folder)
    named = {(p.row, p.column, p.cell, p.value) for p in _by_rule(result, "redcap_code")}
    assert named == {(2, "leak___9", "G2", "9"), (3, "leak___2", "F3", "2")}
    by_row = {p.row: p.message for p in _by_rule(result, "redcap_code")}
    assert "box 9 ticked, which is not a choice" in by_row[2]
    assert "other than 1 (ticked) or 0 (not ticked)" in by_row[3]
    leak = result.cohort.procedures.set_index("patient_id")["leakage"]
    assert leak.isna().all()  # neither record's leakage is guessed


def test_ragged_rows_are_reported_as_ragged_with_their_counts(tmp_path: Path) -> None:
    path = tmp_path / "ragged.csv"
    lines = [",".join(HEADER)] + [",".join(map(str, r)) for r in _rows(3)]
    lines += ["S10,F,70,2021-03-01,L2,3,8,3,extra", "S11,F,70"]
    path.write_text("\n".join(lines) + "\n")
    result = load_cohort(path)
    ragged = {p.row: p.message for p in _by_rule(result, "ragged_row")}
    assert set(ragged) == {5, 6}
    assert ragged[5].startswith("ragged row: 9 cells where the header (row 1) has 8")
    assert ragged[6].startswith("ragged row: 3 cells where the header (row 1) has 8")
    assert "columns D to H are read as blank" in ragged[6]
    assert result.rows_in == 5 == result.rows_loaded + result.rows_reported


def test_an_age_of_zero_is_an_error_in_the_tidy_form_too(tmp_path: Path) -> None:
    import dataclasses

    from analysis.synth import synthesize, write_tidy

    cohort = synthesize(5, seed=3)
    pts = cohort.patients.copy()
    pts.loc[pts.index[0], "age_years"] = 0
    write_tidy(dataclasses.replace(cohort, patients=pts), tmp_path / "tidy")
    result = load_cohort(tmp_path / "tidy")
    (p,) = [p for p in result.problems if p.column == "age_years"]
    assert p.severity == ERROR and "must lie within 1-120" in p.message


def test_a_formula_in_the_legend_above_the_header_is_only_a_warning(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Cases"
    ws.append(["Registry of the spine unit"])
    ws["B1"] = "= patient lost to follow-up"  # a legend typed with a leading '='
    ws.append(HEADER)
    for r in _rows(3):
        ws.append(r)
    ws["F3"] = "=2+1.5"
    wb.save(tmp_path / "legend.xlsx")
    result = load_cohort(tmp_path / "legend.xlsx")
    found = {p.cell: p.severity for p in _by_rule(result, "formula_no_value")}
    assert found == {"B1": WARNING, "F3": ERROR}
    assert result.rows_loaded == 3
