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
    assert "ERROR input file 1:Cases!H5 [Level(s)] 'L7': not a vertebral level (C1-S1)" in out
    assert "bad.xlsx" not in out
    assert main(["validate", str(bad), "--show-names"]) == 1
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


STATISTICS = ("scipy.stats", "statsmodels", "analysis.stats", "analysis.report")


@pytest.mark.parametrize("command", ["normalize", "validate", "inspect"])
def test_loading_commands_import_no_statistics(tmp_path, command):
    src = write_messy_workbook(tmp_path / "r.xlsx", clean_rows())
    argv = [command, str(src)] + (
        ["--out", str(tmp_path / "out")] if command == "normalize" else []
    )
    script = (
        "import sys\n"
        "from analysis.cli import main\n"
        f"code = main({argv!r})\n"
        f"print(code, [m for m in {STATISTICS!r} if m in sys.modules])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert done.stdout.strip().splitlines()[-1] == "0 []"
    if command == "normalize":
        assert (tmp_path / "out" / "problems.csv").is_file()


def test_normalized_writer_still_importable_from_the_report():
    from analysis.load.export import write_normalized
    from analysis.report import write_normalized as from_report
    from analysis.report.export import write_normalized as from_export

    assert from_report is write_normalized and from_export is write_normalized


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


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--patients", "0"], "argument --patients: must be at least 1, not 0"),
        (["--patients", "many"], "argument --patients: expected a whole number, not 'many'"),
        (["--patients", "3", "--seed", "-1"], "argument --seed: must be at least 0, not -1"),
    ],
)
def test_synth_counts_are_checked_before_anything_runs(tmp_path, capsys, argv, message):
    with pytest.raises(SystemExit) as stop:
        main(["synth", *argv, "--out", str(tmp_path / "c")])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert message in err and "internal error" not in err
    assert not (tmp_path / "c").exists()


def test_synth_wide_workbook_gets_its_extension_or_a_clear_refusal(tmp_path, capsys):
    wide = ["synth", "--patients", "12", "--format", "wide-xlsx", "--out"]
    assert main([*wide, str(tmp_path / "noext")]) == 0
    assert "written to " + str(tmp_path / "noext.xlsx") in capsys.readouterr().out
    assert not (tmp_path / "noext").exists()
    assert main(["validate", str(tmp_path / "noext.xlsx")]) == 0
    capsys.readouterr()
    refusals = {
        "r.csv": "--out must end in .xlsx, not '.csv'",
        ".": "is a folder; --format wide-xlsx writes a workbook file",
    }
    for target, message in refusals.items():
        assert main([*wide, str(tmp_path / target)]) == 2
        err = capsys.readouterr().err
        assert err.startswith("vertebro: ") and message in err and len(err.splitlines()) == 1
    assert not (tmp_path / "r.csv").exists()
    assert main(["synth", "--patients", "5", "--out", str(tmp_path / "t.xlsx")]) == 2
    assert (
        "writes a folder of CSV files, and 't.xlsx' looks like a file name"
        in capsys.readouterr().err
    )
    assert main(["synth", "--patients", "5", "--clean", "--out", str(tmp_path / "t")]) == 2
    assert "--clean applies to --format wide-xlsx" in capsys.readouterr().err
    assert not (tmp_path / "t.xlsx").exists() and not (tmp_path / "t").exists()


def test_a_tidy_table_passed_alone_is_refused_with_the_folder_to_pass(tmp_path, capsys):
    assert main(["synth", "--patients", "20", "--out", str(tmp_path / "tidy")]) == 0
    capsys.readouterr()
    for table in ("patients", "procedures", "assessments", "fractures"):
        assert main(["validate", str(tmp_path / "tidy" / f"{table}.csv")]) == 2
        err = capsys.readouterr().err
        assert err == (
            f"vertebro: {table}.csv holds only the {table} table of the tidy form, which is "
            "read as a folder of its tables: pass the folder that holds it instead\n"
        )
    alone = tmp_path / "Maria Garcia"  # neither a folder nor a file name is echoed
    alone.mkdir()
    (alone / "patients.csv").write_bytes((tmp_path / "tidy" / "patients.csv").read_bytes())
    (alone / "Garcia.csv").write_bytes((tmp_path / "tidy" / "fractures.csv").read_bytes())
    assert main(["validate", str(alone / "Garcia.csv")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("vertebro: the input file holds only the fractures table")
    assert "Garcia" not in err
    for command in (["inspect"], ["normalize", "--out", str(tmp_path / "n")], ["report", "--out", str(tmp_path / "r")]):  # fmt: skip
        assert main([command[0], str(alone / "patients.csv"), *command[1:]]) == 2
        err = capsys.readouterr().err
        assert "put patients, procedures, assessments and fractures" in err
        assert len(err.splitlines()) == 1 and "VA00" not in err and "Garcia" not in err
    assert not (tmp_path / "n").exists() and not (tmp_path / "r").exists()
    # the same check reads a Parquet table's schema
    import pandas as pd

    pd.read_csv(alone / "patients.csv").to_parquet(alone / "patients.parquet")
    assert main(["validate", str(alone / "patients.parquet")]) == 2
    assert "holds only the patients table" in capsys.readouterr().err
    # a sheet whose columns span tables is a wide sheet, read as before
    wide = tmp_path / "wide.csv"
    wide.write_text("patient_id,sex,age_years,day,level\nA1,female,70,0,L1\nA2,male,71,0,T12\n")
    assert main(["validate", str(wide)]) in (0, 1)
    assert "tidy form" not in capsys.readouterr().err


def test_pain_scale_choices_read_as_typed() -> None:
    import argparse

    from analysis import cli

    parser = cli._parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    help_text = sub.choices["validate"].format_help()
    assert "--pain-scale {10,100}" in help_text and "10.0" not in help_text
    for typed in ("10", "10.0", "100"):
        args = parser.parse_args(["validate", "in.xlsx", "--pain-scale", typed])
        scale = cli._options(args).pain_scale
        assert isinstance(scale, float) and scale == float(typed)
    assert cli._options(parser.parse_args(["validate", "in.xlsx"])).pain_scale is None
