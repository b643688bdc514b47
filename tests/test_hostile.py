"""Every hostile input (tests/hostile/corpus.py) through validate, normalize and report:
the promised message and exit code, no traceback, rows conserved, and no planted
identifier in any console line or any file written (xlsx and docx unzipped, images too)."""

from __future__ import annotations

import json
import os
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.cli import main
from analysis.config import LoadOptions
from analysis.load import load_cohort
from analysis.problems import CohortDataError, InputFormatError
from tests.hostile.corpus import CASES, Case, build


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build(tmp_path_factory.mktemp("hostile"))


def _written_text(folder: Path) -> bytes:
    """Every byte written under ``folder``, with zip members (xlsx, docx) unpacked."""
    out = []
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        out.append(os.fsencode(path.name))
        if data[:2] == b"PK":
            with zipfile.ZipFile(path) as z:
                out += [z.read(m) for m in z.namelist()]
        else:
            out.append(data)
    return b"\n".join(out)


def _options(case: Case) -> LoadOptions:
    args = dict(zip(case.extra_args[::2], case.extra_args[1::2], strict=True))
    return LoadOptions(
        pseudonym_secret=args.get("--secret"),
        max_expanded_mb=float(args.get("--max-expanded-mb", 500)),
    )


def test_the_corpus_covers_every_class_several_times() -> None:
    assert len(CASES) >= 60
    kinds = {c.kind for c in CASES}
    assert kinds == {"privacy", "injection", "rows", "crash", "message"}
    assert all(sum(c.kind == k for c in CASES) >= 4 for k in kinds)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input(case: Case, corpus: dict[str, Path], tmp_path: Path, capsys) -> None:
    if case.name not in corpus:
        pytest.skip("the file system refuses this file name")
    path = str(corpus[case.name])
    extra = list(case.extra_args)
    assert main(["validate", path, *extra]) == case.exit_code
    out = capsys.readouterr()
    console = out.out + out.err
    assert "Traceback" not in console and "internal error" not in console
    if case.unreadable:
        assert re.search(case.unreadable, out.err), out.err
    if case.rules:
        assert main(["validate", path, "--json", *extra]) == case.exit_code
        rules = {p["rule"] for p in json.loads(capsys.readouterr().out)}
        assert set(case.rules) <= rules, rules
    written = tmp_path / "out"
    # one verdict per input: every command gives the exit code of validate
    assert main(["normalize", path, "--out", str(written / "tidy"), *extra]) == case.exit_code
    if case.loads:
        code = main(["report", path, "--out", str(written / "report"), *extra])
        assert code == case.exit_code
    console += "".join(capsys.readouterr())
    assert "Traceback" not in console and "internal error" not in console
    if case.loads:
        result = load_cohort(path, _options(case))
        assert result.rows_in == result.rows_loaded + result.rows_reported
        if case.rows_in is not None:
            assert result.rows_in == case.rows_in
    blob = _written_text(written) if written.exists() else b""
    for secret in case.planted:
        assert secret.encode() not in blob, secret
        assert secret not in console, secret


def test_injected_formulas_are_inert_in_every_csv(corpus: dict[str, Path], tmp_path: Path) -> None:
    main(["report", str(corpus["formula_notes"]), "--out", str(tmp_path / "r")])
    main(["normalize", str(corpus["formula_in_level"]), "--out", str(tmp_path / "n")])
    for csv in [*tmp_path.rglob("*.csv")]:
        for line in csv.read_text().splitlines():
            for cell in line.split(","):
                cell = cell.strip('"')
                if cell[:1] in ("=", "+", "@") and len(cell) > 1:
                    float(cell)  # only numbers may start so; anything else fails here


def _quirky_sheet(path: Path, rows: list[list[object]], merge: bool) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Registry"])
    ws.append([])
    ws.append(["Study ID", "Sex", "Age", "Level", "Cement volume", "VAS pre", "VAS 1 month"])
    for r in rows:
        ws.append(r)
    if merge and len(rows) > 2:
        ws.merge_cells("B4:B5")
    wb.save(path)
    return path


junk = st.one_of(
    st.none(),
    st.text(alphabet="ABCLT0123456789 ,./-?xyz", max_size=8),
    st.integers(-5, 200),
    st.floats(-5, 50, allow_nan=False),
    st.sampled_from(["L1", "T12/L1", " l2 ", "F", "m", "n/a", "-", "4,5 ml", "~3", "L4-L2"]),
)


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(["A1", "A2", " a1", "B7", None]), junk, junk, junk, junk, junk, junk
        ).map(list),
        min_size=1,
        max_size=8,
    ),
    merge=st.booleans(),
)
def test_random_quirks_never_raise_and_normalisation_is_idempotent(tmp_path, rows, merge) -> None:
    path = _quirky_sheet(tmp_path / "q.xlsx", rows, merge)
    try:
        result = load_cohort(path)
    except (InputFormatError, CohortDataError):
        return
    assert result.rows_in == result.rows_loaded + result.rows_reported
    if result.rows_loaded == 0:
        return
    from analysis.report import write_normalized

    tidy = tmp_path / "tidy"
    write_normalized(result, tidy)
    again = load_cohort(tidy)
    assert again.errors == []
    for name in ("patients", "procedures", "assessments", "fractures"):
        first = getattr(result.cohort, name).reset_index(drop=True)
        second = getattr(again.cohort, name).reset_index(drop=True)
        assert first.astype(str).equals(second.astype(str)), name


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "cp1252", "utf-8-sig"])
def test_encodings_are_detected_not_guessed(encoding: str, corpus: dict[str, Path]) -> None:
    # cp1252 read as Latin-1 would turn the en dash into the control character U+0096
    from analysis.io.readers import read_csv_sheet

    sheet = read_csv_sheet(corpus[f"encoding_{encoding}"])
    assert sheet.rows[0][-1] == "Notes"
    assert [r[-1] for r in sheet.rows[1:]] == ["Müller – ok"] * 4


def test_report_on_a_file_where_nothing_loads_says_so(
    corpus: dict[str, Path], tmp_path: Path, capsys
) -> None:
    assert main(["report", str(corpus["nothing_loads"]), "--out", str(tmp_path)]) == 2
    assert "nothing was loaded" in capsys.readouterr().err


def test_a_stray_cell_in_the_last_row_is_read_by_its_real_extent(corpus: dict[str, Path]) -> None:
    import time

    start = time.perf_counter()
    result = load_cohort(corpus["stray_cell"])
    assert time.perf_counter() - start < 5
    assert any(p.rule == "stray_cells" and "1048576" in p.message for p in result.problems)
