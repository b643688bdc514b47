"""REDCap exports decoded column by column give the cohort, problems and ledger of the
row-by-row reading (``LoadOptions(row_by_row=True)``), problem by problem, on clean
synthetic exports and on exports soiled with every kind of mistake the decoder reports."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.config import LoadOptions
from analysis.load import load_cohort
from analysis.spec import TABLES
from analysis.synth import synthesize, write_redcap
from analysis.synth.writers import Messiness


def _read(path: Path) -> list[list[str]]:
    with path.open(newline="") as fh:
        return list(csv.reader(fh))


def _soil(rows: list[list[str]], seed: int = 11) -> list[list[str]]:
    """Mistakes planted in a records grid (header first), each on rows of its own."""
    rng = np.random.default_rng(seed)
    header = rows[0]
    col = {h: i for i, h in enumerate(header)}
    data = rows[1:]
    base = [r for r in data if r[col["redcap_event_name"]] == "baseline_arm_1" and not r[2]]
    procs = [r for r in data if r[col["redcap_repeat_instrument"]] == "procedure"]
    picks = rng.choice(len(procs), size=12, replace=False)
    p = [procs[int(k)] for k in picks]
    base[0][col["sex"]] = "7"  # a code the dictionary does not list
    base[1][col["etiology"]] = " 9 "
    base[2][col["sex"]] = "Female"  # a label where the code belongs
    p[0][col["leak___2"]] = "2"  # a box neither ticked nor unticked
    p[1][col["leak___1"]] = "x"
    p[1][col["leak___3"]] = "yes"
    p[2][col["technique"]] = "4"
    p[3][col["proc_level"]] = "L9"  # not a vertebra
    p[4][col["proc_date"]] = "2021-13-45"
    p[5][col["cement_ml"]] = "lots"
    p[6][col["leak___1"]] = "1"
    p[6][col["leak___4"]] = "1"
    for k in range(1, 6):  # every box 0 on a form left unanswered
        p[7][col[f"leak___{k}"]] = "0"
    for c in ("proc_date", "proc_level", "technique", "approach", "cement_type", "cement_ml"):
        p[7][col[c]] = ""
    p[7][col["procedure_complete"]] = ""
    p[8][col["died"]] = "maybe"
    p[9][col["vas_pre"]] = "12"
    base[3][col["record_id"]] = ""  # a row without its record
    follow = [r for r in data if r[col["redcap_repeat_instrument"]] == "follow_up"]
    follow[0][col["last_contact"]] = "sometime"
    follow[1][col["died"]] = "2"
    data.append(list(base[4]))  # a row entered twice
    data.append(base[5][: len(header) - 3])  # a row cut short
    # a box whose code is not a choice, ticked on a few rows; a column the dictionary
    # does not know
    header = [*header, "leak___9", "notes_free"]
    for k, r in enumerate(data):
        r.extend(["1" if k % 97 == 0 else "0", "seen" if k % 50 == 0 else ""])
    visit = [r for r in data if r[col["redcap_event_name"]] == "3_months_arm_1"]
    visit[0][col["redcap_event_name"]] = "unscheduled_arm_1"  # an event without a time point
    return [header, *data]


def _write(directory: Path, rows: list[list[str]]) -> None:
    with (directory / "VertebroRegistry_records.csv").open("w", newline="") as fh:
        csv.writer(fh).writerows(rows)


def _agree(path: Path, **settings: object) -> None:
    fast = load_cohort(path, LoadOptions(**settings))  # type: ignore[arg-type]
    slow = load_cohort(path, LoadOptions(row_by_row=True, **settings))  # type: ignore[arg-type]
    for t in TABLES:
        pd.testing.assert_frame_equal(getattr(fast.cohort, t), getattr(slow.cohort, t))
    assert [str(p) for p in fast.problems] == [str(p) for p in slow.problems]
    assert fast.problems == slow.problems
    pd.testing.assert_frame_equal(fast.ledger, slow.ledger)


@pytest.fixture(scope="module")
def soiled(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("soiled_redcap")
    write_redcap(synthesize(150, seed=5), directory, seed=5, followup="repeating")
    records = directory / "VertebroRegistry_records.csv"
    _write(directory, _soil(_read(records)))
    return directory


@pytest.mark.parametrize("followup", ["event", "repeating"])
def test_clean_exports_agree(tmp_path, followup):
    write_redcap(synthesize(60, seed=3), tmp_path, seed=3, messiness=Messiness(), followup=followup)
    _agree(tmp_path)


@pytest.mark.parametrize("policy", ["cell", "patient"])
def test_soiled_export_agrees_problem_by_problem(soiled, policy):
    _agree(soiled, policy=policy)


def test_soiled_export_reports_every_planted_problem(soiled):
    result = load_cohort(soiled)
    text = "\n".join(str(p) for p in result.problems)
    for expected in (
        "code 7 is not a choice of field 'sex'",
        "code 9 is not a choice of field 'etiology'",
        "code Female is not a choice of field 'sex'",
        "checkbox 'leak' box 2 holds a value other than 1 (ticked) or 0",
        "checkbox 'leak' box 1 holds a value other than 1",
        "checkbox 'leak' box 3 holds a value other than 1",
        "code 4 is not a choice of field 'technique'",
        "checkbox 'leak' has box 9 ticked, which is not a choice of the field",
        "checkbox column(s) of 'leak' with code(s) 9 not among the field's choices",
        "1 of ",
        "are not in the data dictionary ('notes_free')",
        "exact duplicate of row",
        "row has no patient identifier",
        "in event 'unscheduled_arm_1'",
    ):
        assert expected in text, expected
    boxes = [p for p in result.problems if "holds a value other than 1" in p.message]
    # each bad box on its own cell: the box's column letter and row
    assert len({p.cell for p in boxes}) == 3 and all(p.column for p in boxes)
    assert result.rows_in == result.rows_loaded + result.rows_reported
