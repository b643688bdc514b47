"""Readers refuse what they cannot read safely and say why; they read odd encodings and
sparse sheets correctly."""

from __future__ import annotations

import time
import zipfile

import pytest

from analysis.config import LoadOptions
from analysis.io import ReadLimits, read_csv_sheet, read_input_sheets
from analysis.load import load_cohort
from analysis.problems import InputFormatError

CSV = "Study ID,Sex,Level,Note\nA1,F,L1,ok – fine\nA2,M,T12,Müller\n"


def test_empty_and_encrypted_files_get_their_own_message(tmp_path):
    (tmp_path / "empty.csv").write_bytes(b"")
    with pytest.raises(InputFormatError, match=r"the file is empty \(0 bytes\)"):
        load_cohort(tmp_path / "empty.csv")
    (tmp_path / "locked.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(
        InputFormatError, match=r"password-protected \(encrypted\).*unprotected copy"
    ):
        load_cohort(tmp_path / "locked.xlsx")


def test_a_workbook_expanding_beyond_the_limit_is_refused_before_parsing(tmp_path):
    import openpyxl

    path = tmp_path / "big.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["Study ID", "Level"])
    wb.save(path)
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/padding.bin", b"\0" * 3_000_000)
    with pytest.raises(InputFormatError, match=r"would expand to 3 MB, above the limit of 1 MB"):
        load_cohort(path, LoadOptions(max_expanded_mb=1))


def test_a_stray_cell_at_the_last_row_is_reported_and_reading_stays_fast(tmp_path):
    import openpyxl

    path = tmp_path / "stray.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Study ID", "Sex", "Level", "Age"])
    for i in range(6):
        ws.append([f"S{i}", "F", "L1", 70])
    ws.cell(1048576, 1, "x")
    wb.save(path)
    start = time.perf_counter()
    (sheet,) = read_input_sheets(path)
    assert time.perf_counter() - start < 5
    assert sheet.n_rows == 7
    assert [p.rule for p in sheet.problems] == ["stray_cells"]
    assert "row 1048576" in sheet.problems[0].message
    result = load_cohort(path)
    assert result.rows_loaded == 6
    assert any(p.rule == "stray_cells" for p in result.problems)


def test_formulas_saved_without_values_are_reported(tmp_path):
    import openpyxl

    path = tmp_path / "f.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Study ID", "Sex", "Level", "Age"])
    ws.append(["S1", "F", "L1", "=60+10"])
    wb.save(path)  # openpyxl writes formulas without a cached value
    result = load_cohort(path)
    (problem,) = [p for p in result.problems if p.rule == "formula_no_value"]
    assert problem.severity == "error"
    assert (problem.row, problem.cell) == (2, "D2")  # named on its row
    assert "a formula saved without its value" in problem.message


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "cp1252", "utf-8-sig"])
def test_csv_encodings_are_detected(tmp_path, encoding):
    path = tmp_path / "x.csv"
    path.write_bytes(CSV.encode(encoding))
    sheet = read_csv_sheet(path)
    assert sheet.rows[1][3] == "ok – fine"
    assert sheet.rows[2][3] == "Müller"


def test_an_unclosed_quote_is_refused_with_its_line(tmp_path):
    path = tmp_path / "q.csv"
    path.write_text('Study ID,Level,Note\nA1,L1,"fine"\nA2,L2,"never closed\nA3,L3,x\nA4,L4,y\n')
    with pytest.raises(
        InputFormatError, match=r"a quote opened on line 3 is never closed.*\(3 lines\)"
    ):
        read_csv_sheet(path)


def test_long_notes_embedded_newlines_and_ragged_rows(tmp_path):
    path = tmp_path / "n.csv"
    note = "x" * 200_000
    rows = ["Study ID,Sex,Level,Note", f'A1,F,L1,"{note}"', 'A2,M,L2,"two\nlines"']
    rows += [f"B{i},F,L3,n" for i in range(20)] + ["C1,F,L4,n,extra"]
    path.write_text("\n".join(rows) + "\n")
    sheet = read_csv_sheet(path)
    assert len(sheet.rows[1][3]) == 200_000
    assert sheet.rows[2][3] == "two\nlines"
    assert [p.rule for p in sheet.problems] == ["ragged_row"]
    assert sheet.problems[0].row == 24
    with pytest.raises(
        InputFormatError, match=r"a cell on line 2 is longer than the limit of 1 KB"
    ):
        read_csv_sheet(path, ReadLimits(max_field_kb=1))


def test_a_tidy_directory_without_its_fractures_table_says_so(tmp_path, small_cohort):
    from analysis.synth import write_tidy

    write_tidy(small_cohort, tmp_path)
    (tmp_path / "fractures.csv").unlink()
    result = load_cohort(tmp_path)
    assert any(p.rule == "no_fractures_table" for p in result.problems)


@pytest.mark.parametrize(
    "text",
    [
        CSV,
        CSV.rstrip("\n"),
        "a;b;c\n1; 2 ;\n;;\nx;y;z\n",
        "a\tb\n\tL1\n  \t \n",
        "id,level\nA1,L1\n\nA2,L2\n",  # a blank line keeps its row number
        "id,level\nA1,L1,extra\nA2\n",  # ragged rows
        "id,level\nA1,L1\n\n\n",
        "only\n1\n2\n",
        "id,note\nA1,'single' quotes, fine\n",
        "id,note\nA1,日本語 ü\u00a0\n",
    ],
)
def test_the_column_reader_reads_exactly_what_the_csv_module_reads(tmp_path, text):
    import csv
    import io

    path = tmp_path / "t.csv"
    path.write_text(text, encoding="utf-8")
    sheet = read_csv_sheet(path)
    try:
        delimiter = csv.Sniffer().sniff(text, delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    expected = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    assert [list(r) for r in sheet.rows] == expected
    width = max(len(r) for r in expected)
    padded = [r + [None] * (width - len(r)) for r in expected]
    cells = [
        [found[codes[i]] for codes, found in sheet.coded_columns()] for i in range(len(padded))
    ]
    assert cells == padded
