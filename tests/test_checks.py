"""Sheet checks that no single cell rule makes, and the CLI's promises on hostile input."""

from __future__ import annotations

import os
import re
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


def test_a_score_dated_after_death_is_an_error_that_leaves_out_that_score(tmp_path):
    # S1 died on day 30 of a procedure on 14 January: its 1-month score falls on
    # 14 February, a day after the death; the score before is kept, as is the patient.
    # S2's visit-dated score (day 20) comes before its death on day 25 and is kept.
    head = ["Study ID", "Level", "Date of procedure", "Date of death", "VAS pre", "VAS 1 month"]
    rows = [
        head,
        ["S0", "L1", "2015-01-14", None, 8, 3],
        ["S1", "L2", "2015-01-14", "2015-02-13", 9, 4],
        ["S1", "L3", "2015-01-14", "2015-02-13", 9, 4],
    ]
    result = load_cohort(_sheet(tmp_path / "dead.xlsx", rows))
    found = [p for p in result.problems if p.rule == "after_death"]
    assert [(p.row, p.cell, p.column, p.severity, p.action) for p in found] == [
        (3, "F3", "VAS 1 month", "error", "cell set to missing"),
        (4, "F4", "VAS 1 month", "error", "cell set to missing"),
    ]
    assert re.search(
        r"pain score at 1 month \(due on day 30\.4 after the index procedure\) but the "
        r"patient died on day 30: a score cannot be taken after death",
        found[0].message,
    )
    outs = result.cohort.assessments
    assert sorted(outs.query("patient_id == 'S1'")["timepoint"].astype(str)) == ["pre"]
    assert sorted(outs.query("patient_id == 'S0'")["timepoint"].astype(str)) == ["1m", "pre"]
    assert "S1" in set(result.cohort.patients["patient_id"]) and result.rows_loaded == 3


def test_a_tidy_score_row_after_death_is_excluded_and_one_on_its_visit_date_kept(tmp_path):
    from analysis.synth import synthesize

    write_tidy(synthesize(5, seed=1), tmp_path)
    pts = (tmp_path / "patients.csv").read_text().splitlines()
    outs = (tmp_path / "assessments.csv").read_text().splitlines()
    cols = pts[0].split(",")
    first = pts[1].split(",")
    pid = first[0]
    first[cols.index("died")], first[cols.index("death_day")] = "True", "25"
    first[cols.index("followup_days")] = "25"
    (tmp_path / "patients.csv").write_text("\n".join([pts[0], ",".join(first), *pts[2:]]) + "\n")
    kept = [r for r in outs[1:] if not r.startswith(pid + ",")]
    mine = [f"{pid},{pid}-1,pre,,pain_vas,8", f"{pid},{pid}-1,1m,20,pain_vas,5",
            f"{pid},{pid}-1,1m,,mobility,2", f"{pid},{pid}-1,3m,,pain_vas,4"]  # fmt: skip
    (tmp_path / "assessments.csv").write_text("\n".join([outs[0], *mine, *kept]) + "\n")
    for options in (LoadOptions(), LoadOptions(row_by_row=True)):
        result = load_cohort(tmp_path, options)
        found = [(p.row, p.column, p.action) for p in result.problems if p.rule == "after_death"]
        assert found == [(4, "value", "row excluded"), (5, "value", "row excluded")]
        got = result.cohort.assessments.query("patient_id == @pid")
        assert sorted(zip(got["timepoint"].astype(str), got["measure"].astype(str), strict=True)) == [
            ("1m", "pain_vas"), ("pre", "pain_vas")]  # fmt: skip
