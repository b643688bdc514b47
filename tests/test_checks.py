"""Sheet checks that no single cell rule makes, and the CLI's promises on hostile input."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from analysis.cli import main
from analysis.config import LoadOptions
from analysis.load import load_cohort
from analysis.problems import InputFormatError
from analysis.synth import write_tidy


def _sheet(path: Path, rows: list[list[object]], merge: str | None = None, hidden=False) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    for r in rows:
        ws.append(r)
    if merge:
        ws.merge_cells(merge)
    if hidden:
        ws.sheet_state = "hidden"
        wb.create_sheet("Readme").append(["see the other sheet"])
    wb.save(path)
    return path


HEAD = ["Study ID", "Sex", "Age", "Level", "Level", "Date"]


def _rows(n: int = 4) -> list[list[object]]:
    return [HEAD] + [[f"S{i}", "F", 70 + i, "L1", "T12", f"2021-03-0{i + 1}"] for i in range(n)]


def test_duplicate_headers_read_the_first_and_say_so(tmp_path):
    result = load_cohort(_sheet(tmp_path / "d.xlsx", _rows()))
    (dup,) = [p for p in result.problems if p.rule == "duplicate_header"]
    assert "column E 'Level' is read as procedures.level, like column D 'Level'" in dup.message
    assert set(result.cohort.procedures["level"].astype(str)) == {"L1"}


def test_merged_cells_inside_the_data_are_reported(tmp_path):
    result = load_cohort(_sheet(tmp_path / "m.xlsx", _rows(), merge="B2:B3"))
    (merged,) = [p for p in result.problems if p.rule == "merged_data_cells"]
    assert merged.row == 2 and "rows 2-3 are merged" in merged.message


def test_record_numbers_as_study_ids_are_refused_or_pseudonymised(tmp_path):
    rows = _rows()
    for i, r in enumerate(rows[1:]):
        r[0] = f"MRN-88123{i:02d}"
    path = _sheet(tmp_path / "mrn.xlsx", rows)
    with pytest.raises(InputFormatError, match=r"look like medical record numbers.*--secret"):
        load_cohort(path)
    keyed = load_cohort(path, LoadOptions(pseudonym_secret="k"))
    ids = set(keyed.cohort.patients["patient_id"])
    assert len(ids) == 4 and not any("8812" in i for i in ids)


def test_cell_warnings_control_characters_reversed_ranges_young_age(tmp_path):
    p = tmp_path / "w.csv"
    p.write_text(
        "Study ID,Sex,Age,Level\nS0\x00,F,70,L1\nS1,F,71,L4-L2\nS2,M,16,T12\n", encoding="utf-8"
    )
    result = load_cohort(p)
    rules = {p.rule: p for p in result.problems}
    assert rules["control_characters"].cell == "A2"
    assert rules["reversed_range"].cell == "D3"
    assert rules["implausible_age"].cell == "C4"
    assert "S0" in set(result.cohort.patients["patient_id"])
    levels = result.cohort.procedures.query("patient_id == 'S1'")["level"].astype(str)
    assert sorted(levels) == ["L2", "L3", "L4"]


def test_dates_out_of_range_and_excel_serials_in_text(tmp_path):
    p = tmp_path / "d.csv"
    p.write_text("Study ID,Level,Date\nA1,L1,1899-05-01\nA2,L2,2099-01-01\nA3,L3,44300\n")
    result = load_cohort(p)
    rules = sorted(
        (x.rule, x.cell) for x in result.problems if x.rule in ("date_range", "excel_serial")
    )
    assert rules == [("date_range", "C2"), ("date_range", "C3"), ("excel_serial", "C4")]


def test_the_only_data_sheet_hidden_names_the_option(tmp_path):
    path = _sheet(tmp_path / "h.xlsx", _rows(), hidden=True)
    with pytest.raises(
        InputFormatError, match=r"hidden; if the data are on a hidden sheet.*--include-hidden"
    ):
        load_cohort(path)
    assert load_cohort(path, LoadOptions(include_hidden=True)).rows_loaded == 4


def test_report_with_nothing_loaded_exits_2(tmp_path, capsys):
    rows = _rows()
    for r in rows[1:]:
        r[3] = r[4] = "L9"
    path = _sheet(tmp_path / "bad.xlsx", rows)
    assert main(["report", str(path), "--out", str(tmp_path / "r")]) == 2
    assert "nothing was loaded" in capsys.readouterr().err


def test_a_tidy_directory_without_fractures_does_not_report_fracture_free_survival(
    tmp_path, small_cohort, capsys
):
    write_tidy(small_cohort, tmp_path / "in")
    (tmp_path / "in" / "fractures.csv").unlink()
    main(["report", str(tmp_path / "in"), "--out", str(tmp_path / "r")])
    text = (tmp_path / "r" / "summary.md").read_text()
    assert "Not computed: the input has no fractures table" in text
    assert "fracture-free survival" not in text and "cumulative incidence of a new" not in text


def test_a_file_name_that_is_not_utf8_does_not_crash(tmp_path, capsys):
    name = os.fsdecode(b"caf\xe9 S\xf8ren.csv")
    path = tmp_path / name
    try:
        path.write_text("Study ID,Sex,Level\nA1,F,L9\nA2,M,L1\n")
    except (OSError, UnicodeEncodeError):
        pytest.skip("the file system refuses a name that is not UTF-8")
    assert main(["normalize", str(path), "--out", str(tmp_path / "o")]) == 1
    problems = (tmp_path / "o" / "problems.csv").read_text()
    assert "input file 1" in problems and "S\udcf8ren" not in problems
