"""No identifier reaches the console or a file written: names, record numbers and birth
dates planted in the input's file name, its sheet names, its headers and its cells never
appear in `validate`, `validate --json`, `normalize` or `report` output, unless the user
asks for names with ``--show-names`` (and then only on the console)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from analysis.cli import main
from analysis.problems import Problem, ProblemLog, problem_line, public_problems
from analysis.safety import is_safe_name
from tests.test_hostile import _written_text

SECRETS = ("Kowalski", "Maria", "Brenner", "Smith", "1944-06-30", "30.06.1944", "8812345")
STEM = "Kowalski_Maria_1944-06-30"
HEADER = ["Study ID", "Sex", "Age", "Date of procedure", "Level", "Cement volume", "VAS pre"]
HEADER += ["VAS 1m", "Smith R notes", "MRN 8812345"]


def _rows(prefix: str) -> list[list[object]]:
    rows: list[list[object]] = [
        [f"{prefix}{i:02d}", "F", 70 + i, f"2021-03-{i + 1:02d}", "L1", 3.5, 8, 3, "ok", "x"]
        for i in range(6)
    ]
    rows[0][4] = "Brenner"  # a name typed as a level
    rows[1][2] = "30.06.1944"  # a birth date typed as an age
    rows[2][1] = "Maria Kowalski"  # a name typed as a sex
    rows[3][5] = "MRN 8812345"  # a record number as a volume
    rows[4][6] = datetime(1944, 6, 30)  # a birth date as a score
    rows[5][8] = "Smith called on 1944-06-30"
    return rows


def _workbook(folder: Path) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Cases"
    for sheet, prefix in ((ws, "S"), (wb.create_sheet("1944-06-30"), "T")):
        sheet.append(HEADER)
        for r in _rows(prefix):
            sheet.append(r)
    wb.create_sheet("Brenner Johann").append(["Maria Kowalski", "8812345"])
    path = folder / f"{STEM}.xlsx"
    wb.save(path)
    return path


def _csv(folder: Path) -> Path:
    path = folder / f"{STEM}.csv"
    lines = [",".join(HEADER)]
    for r in _rows("S"):
        cells = [c.strftime("%Y-%m-%d") if isinstance(c, datetime) else str(c) for c in r]
        lines.append(",".join(cells))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(params=["xlsx", "csv"])
def planted(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    return _workbook(tmp_path) if request.param == "xlsx" else _csv(tmp_path)


def _assert_clean(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text, secret


def test_no_identifier_on_the_console_or_in_files(planted: Path, tmp_path: Path, capsys) -> None:
    assert main(["validate", str(planted)]) == 1
    console = capsys.readouterr()
    lines = console.out.splitlines()
    assert len(lines) > 5 and all(line.split(" ")[1].startswith("input") for line in lines[:-1])
    assert main(["validate", "--json", str(planted)]) == 1
    records = json.loads(capsys.readouterr().out)
    assert {r["file"] for r in records} == {"input file 1"}
    assert "column I" in {r["column"] for r in records}
    if planted.suffix == ".xlsx":  # the sheets by their position in the workbook
        assert {r["sheet"] for r in records} == {"Cases", "sheet 2", "sheet 3"}
    out = tmp_path / "out"
    assert main(["normalize", str(planted), "--out", str(out / "tidy")]) == 1
    assert main(["report", str(planted), "--out", str(out / "report")]) == 1
    after = capsys.readouterr()
    _assert_clean(console.out + console.err + json.dumps(records) + after.out + after.err)
    blob = _written_text(out)
    for secret in SECRETS:
        assert secret.encode() not in blob, secret


def test_names_are_shown_on_the_console_only_when_asked(planted: Path, capsys) -> None:
    assert main(["validate", "--show-names", str(planted)]) == 1
    out = capsys.readouterr().out
    assert planted.name in out and "Smith R notes" in out


def test_an_unreadable_input_is_named_by_a_neutral_label(tmp_path: Path, capsys) -> None:
    path = tmp_path / f"{STEM}.xlsx"
    path.write_bytes(b"PK\x03\x04 not a workbook")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("vertebro: input: damaged workbook: not a readable Excel workbook")
    _assert_clean(err)
    assert main(["validate", "--show-names", str(path)]) == 2
    assert f"{STEM}.xlsx" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("Cases", True),
        ("Sheet1", True),
        ("VAS 1m", True),
        ("Cement volume (ml)", True),
        ("術前VAS", True),
        ("Smith R notes", False),
        ("1944-06-30", False),
        ("Brenner", False),
        ("Kim", False),
        ("王伟", False),
    ],
)
def test_sheet_and_column_names_pass_an_allow_list(name: str, safe: bool) -> None:
    assert is_safe_name(name) is safe


def test_a_message_quoting_a_hidden_name_quotes_its_position() -> None:
    p = Problem(
        "Smith.xlsx", "1944-06-30", 1, "Smith R notes", "F1", None, "duplicate_header",
        "warning", "column F 'Smith R notes' is read as notes; sheet 1944-06-30",
    )  # fmt: skip
    record = public_problems([p], sheet_positions={("Smith.xlsx", "1944-06-30"): 4})[0]
    line = problem_line(record)
    assert line == (
        "WARNING input file 1:sheet 4!F1 [column F]: column F column F is read as notes; "
        "sheet sheet 4"
    )
    assert "Smith R notes" not in str(p) and "1944" not in str(p)
    frame = ProblemLog([p]).to_frame({("Smith.xlsx", "1944-06-30"): 4})
    assert frame.loc[0, "sheet"] == "sheet 4"
    shown = public_problems([p], show_names=True)[0]
    assert (shown["file"], shown["sheet"], shown["column"]) == (p.file, p.sheet, p.column)


def test_inspect_names_sheets_and_headers_by_position(tmp_path: Path, capsys) -> None:
    path = _workbook(tmp_path)
    assert main(["inspect", str(path)]) == 0
    out = capsys.readouterr().out
    _assert_clean(out)
    assert "sheet 'Cases': data" in out and "sheet 2: data" in out
    assert "(column I)" in out and "Study ID" in out
    assert main(["inspect", "--show-names", str(path)]) == 0
    assert "Smith R notes" in capsys.readouterr().out
