"""Two runs of the report on the same input write the same bytes; dates follow
SOURCE_DATE_EPOCH, else a fixed instant."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from analysis.cli import main
from analysis.reproducible import DEFAULT_EPOCH, SourceDateEpochError, source_date, write_zip
from analysis.schema import Cohort
from analysis.synth import write_tidy
from analysis.tables import table_one, write_docx, write_xlsx

DEFAULT_DATE = datetime(2000, 1, 1)  # DEFAULT_EPOCH as openpyxl reads it (naive, UTC)


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory, small_cohort: Cohort) -> tuple[Path, Path]:
    """``vertebro report`` run twice on one input, in separate processes with different
    hash seeds (so an order taken from a set of strings would show), at the same time."""
    root = tmp_path_factory.mktemp("reproducible")
    write_tidy(small_cohort, root / "input")
    outs = (root / "first", root / "second")
    runs = []
    for seed, out in zip(("1", "2"), outs, strict=True):
        env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
        env["PYTHONHASHSEED"] = seed
        command = [sys.executable, "-m", "analysis", "report", str(root / "input"), "--out", str(out)]  # fmt: skip
        runs.append(subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE))  # fmt: skip
    for run in runs:
        stdout, stderr = run.communicate(timeout=300)
        assert run.returncode == 0, stderr.decode() or stdout.decode()
    return outs


def test_two_runs_write_identical_files(two_runs: tuple[Path, Path]) -> None:
    first, second = (_files(out) for out in two_runs)
    assert sorted(first) == sorted(second)
    differing = sorted(name for name in first if first[name] != second[name])
    assert not differing, f"files that differ between two runs: {differing}"
    kinds = {Path(name).suffix for name in first}
    assert {".html", ".docx", ".md", ".json", ".csv", ".tex", ".xlsx", ".png", ".svg", ".pdf"} <= kinds  # fmt: skip


def test_unset_source_date_epoch_dates_everything_2000(two_runs: tuple[Path, Path]) -> None:
    import docx
    from openpyxl import load_workbook

    out = two_runs[0]
    props = docx.Document(str(out / "report.docx")).core_properties
    assert (props.created, props.modified) == (DEFAULT_DATE.replace(tzinfo=UTC),) * 2
    workbook = load_workbook(out / "tables" / "all_tables.xlsx")
    assert (workbook.properties.created, workbook.properties.modified) == (DEFAULT_DATE, DEFAULT_DATE)  # fmt: skip
    for package in [*out.rglob("*.docx"), *out.rglob("*.xlsx")]:
        with zipfile.ZipFile(package) as archive:
            assert {i.date_time for i in archive.infolist()} == {(2000, 1, 1, 0, 0, 0)}, package
            assert archive.namelist()[0] == "[Content_Types].xml"
    assert b"/CreationDate (D:20000101000000Z)" in (out / "figures" / "flow.pdf").read_bytes()
    assert "<dc:date>2000-01-01T00:00:00+00:00</dc:date>" in (out / "figures" / "flow.svg").read_text()  # fmt: skip


def test_source_date_epoch_dates_word_and_excel_files(
    tmp_path: Path, small_cohort: Cohort, monkeypatch: pytest.MonkeyPatch
) -> None:
    import docx
    from openpyxl import load_workbook

    table = table_one(small_cohort)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    when = datetime(2023, 11, 14, 22, 13, 20)
    word = write_docx([table], tmp_path / "t.docx")
    excel = write_xlsx([table], tmp_path / "t.xlsx")
    props = docx.Document(str(word)).core_properties
    assert (props.created, props.modified) == (when.replace(tzinfo=UTC),) * 2
    workbook = load_workbook(excel)
    assert (workbook.properties.created, workbook.properties.modified) == (when, when)
    for package in (word, excel):
        with zipfile.ZipFile(package) as archive:
            assert {i.date_time for i in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}

    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert docx.Document(str(write_docx([table], tmp_path / "u.docx"))).core_properties.created == DEFAULT_DATE.replace(tzinfo=UTC)  # fmt: skip


def test_zip_dates_stay_inside_what_zip_can_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "source.zip"
    with zipfile.ZipFile(source, "w") as archive:
        archive.writestr("b.xml", b"<b/>")
        archive.writestr("[Content_Types].xml", b"<t/>")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")  # 1970: before the first date zip has
    with zipfile.ZipFile(write_zip(source.read_bytes(), tmp_path / "out.zip")) as archive:
        assert [i.date_time for i in archive.infolist()] == [(1980, 1, 1, 0, 0, 0)] * 2
        assert archive.namelist() == ["[Content_Types].xml", "b.xml"]
    with pytest.raises(ValueError, match=r"no member\(s\) \['c.xml'\] to replace in out.zip"):
        write_zip(source.read_bytes(), tmp_path / "out.zip", {"c.xml": b""})


@pytest.mark.parametrize("value", ["abc", "-5", "1.5", "99999999999999999999"])
def test_a_malformed_source_date_epoch_is_refused(
    value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(SourceDateEpochError, match=r"SOURCE_DATE_EPOCH='.*' is (not a whole number of seconds|beyond the dates a file can record); set it to whole seconds since 1970-01-01 UTC"):  # fmt: skip
        source_date()


def test_empty_source_date_epoch_counts_as_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "")
    assert source_date().timestamp() == DEFAULT_EPOCH


def test_cli_refuses_a_malformed_source_date_epoch_before_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    assert main(["demo", "--out", str(tmp_path / "demo")]) == 2
    assert "SOURCE_DATE_EPOCH='yesterday' is not a whole number of seconds" in capsys.readouterr().err  # fmt: skip
    assert not (tmp_path / "demo").exists()
