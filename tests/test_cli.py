import json
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.cli import main
from analysis.schema.dictionary import render_dictionary
from tests.helpers import DOBS, MRNS, NAMES, clean_rows, write_messy_workbook

ROOT = Path(__file__).resolve().parents[1]


def test_validate_exit_codes_and_messages(tmp_path, capsys):
    clean = write_messy_workbook(tmp_path / "clean.xlsx", clean_rows())
    assert main(["validate", str(clean)]) == 0
    rows = clean_rows()
    rows[0][7] = "L7"
    bad = write_messy_workbook(tmp_path / "bad.xlsx", rows)
    capsys.readouterr()
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "ERROR bad.xlsx:Cases!H5 [Level(s)] 'L7': not a vertebral level (C1-S1)" in out
    assert main(["validate", str(bad), "--json"]) == 1
    problems = json.loads(capsys.readouterr().out)
    assert {"file", "sheet", "row", "column", "value", "rule", "severity", "message"} <= set(
        problems[0]
    )
    assert main(["validate", str(tmp_path / "nope.xlsx")]) == 2
    err = capsys.readouterr().err
    assert (
        err.startswith("vertebro: ")
        and "Traceback" not in err
        and len(err.strip().splitlines()) == 1
    )


def test_normalize_writes_tables_and_strict_writes_nothing(tmp_path):
    rows = clean_rows()
    rows[3][4] = "X"
    src = write_messy_workbook(tmp_path / "r.xlsx", rows)
    assert main(["normalize", str(src), "--out", str(tmp_path / "out")]) == 1
    written = {p.name for p in (tmp_path / "out").iterdir()}
    assert written == {
        "patients.csv",
        "procedures.csv",
        "assessments.csv",
        "fractures.csv",
        "problems.csv",
    }
    assert main(["normalize", str(src), "--strict", "--out", str(tmp_path / "strict")]) == 1
    assert not (tmp_path / "strict").exists()


def test_demo_report_holds_no_identifier(tmp_path, demo_workbook):
    import openpyxl

    assert main(["demo", "--out", str(tmp_path / "demo")]) == 0
    ws = openpyxl.load_workbook(demo_workbook)["Cases"]
    names = {str(r[1]) for r in ws.iter_rows(min_row=6, values_only=True) if r[1]}
    mrns = {str(r[2]) for r in ws.iter_rows(min_row=6, values_only=True) if r[2]}
    dobs = {r[3].strftime("%Y-%m-%d") for r in ws.iter_rows(min_row=6, values_only=True) if r[3]}
    assert len(names) > 5 and len(mrns) > 250
    files = [p for p in (tmp_path / "demo").rglob("*") if p.is_file()]
    assert any(p.suffix == ".png" for p in files)
    text = "\n".join(p.read_bytes().decode("latin-1") for p in files)
    for secret in (
        names | mrns | dobs | set(NAMES) | set(MRNS) | {d.strftime("%Y-%m-%d") for d in DOBS}
    ):
        assert secret not in text
    assert "2015-" not in text and "2019-" not in text  # no absolute dates at all


@pytest.mark.parametrize(
    ("fmt", "target"), [("tidy", "t"), ("wide-xlsx", "w.xlsx"), ("redcap", "r")]
)
def test_synth_formats_load_back(tmp_path, fmt, target):
    out = str(tmp_path / target)
    assert main(["synth", "--patients", "12", "--seed", "3", "--format", fmt, "--out", out]) == 0
    assert main(["validate", out]) == 0


def test_data_dictionary_is_current():
    committed = (ROOT / "data_schema" / "DATA_DICTIONARY.md").read_text(encoding="utf-8")
    assert committed == render_dictionary(), (
        "run: vertebro dictionary > data_schema/DATA_DICTIONARY.md"
    )


def test_module_entry_point_answers_help_quickly():
    done = subprocess.run(
        [sys.executable, "-m", "analysis", "--help"], capture_output=True, text=True, check=True
    )
    assert "validate" in done.stdout and "demo" in done.stdout


def test_every_option_of_every_command_has_help() -> None:
    import argparse

    from analysis.cli import _parser

    parser = _parser()
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    missing = [
        f"{name} {'/'.join(action.option_strings) or action.dest}"
        for name, sub in subparsers.choices.items()
        for action in sub._actions
        if not isinstance(action, argparse._HelpAction) and not action.help
    ]
    assert missing == []
    assert all(c.help for c in subparsers._choices_actions)


def test_progress_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    from analysis import cli

    monkeypatch.setattr(cli.sys.stderr, "isatty", lambda: False, raising=False)
    cli._progress()("tables")
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(cli.sys.stderr, "isatty", lambda: True, raising=False)
    cli._progress()("tables")
    assert capsys.readouterr().err == "vertebro: tables ...\n"
