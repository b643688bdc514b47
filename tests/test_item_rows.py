"""An export of one recorded item per row (``analysis.load.item_rows``): a column of item
kinds, a code and a description on each row, the patient's cells repeated; what each
kind records read from its rows' codes and descriptions; a session's cement and a
vertebra's leak given to the vertebra's row; the cause from the first session's
diagnosis; a new fracture's level from its own row. With the smaller rules it needs:
a visit row naming its session by identifier and dated, a small score's ends named in
brackets, and sex codes 1 and 2 under the header ``Sexe`` (CMBD, INSEE: 1 male)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from analysis.load import load_cohort
from analysis.normalize.headers import match_header
from analysis.problems import ERROR
from tests.test_any_workbook import _workbook
from tests.test_load_visit_rows import _reproduced_by_its_mapping

HEADER = ["Study ID", "Sexe", "Session ID", "Date", "Type", "Code", "Description", "Level", "Time point", "Value", "Unit"]  # fmt: skip


def _items() -> list[list[object]]:
    rows = []

    def add(pid, sex, episode, date, kind, code, text, level="", tp="", value="", unit=""):
        rows.append([pid, sex, episode, date, kind, code, text, level, tp, value, unit])

    for pid, sex, ep, d, dx, vol in (
        ("S-1", "1", "E11", "23/02/2021", "M80.08XA", "3,5"),
        ("S-2", "2", "E21", "17/03/2021", "S32.0XXA", "4"),
    ):
        add(pid, sex, ep, f"{d} 08:00", "DX", dx, "Diagnosis")
        add(pid, sex, ep, f"{d} 08:10", "VIS", "V0", "Pre-op visit", tp="PRE")
        add(pid, sex, ep, f"{d} 08:15", "SC", "VAS", "Pain (0-10)", tp="PRE", value="8", unit="pts")  # fmt: skip
        add(pid, sex, ep, f"{d} 08:16", "SC", "MOB", "Mobility (0 independent - 4 bedridden)", tp="PRE", value="3")  # fmt: skip
        add(pid, sex, ep, f"{d} 09:00", "CM", "C1", "PMMA cement")
        add(pid, sex, ep, f"{d} 09:10", "PR", "VP", "Vertebroplasty", level="L1", value=vol, unit="ml")  # fmt: skip
        add(pid, sex, ep, f"{d} 09:11", "LK", "LK2", "Venous leak", level="L1")
        add(pid, sex, ep, f"{d} 09:12", "LK", "LK1", "Disc leak", level="L1")
        add(pid, sex, ep, f"{d} 09:20", "PR", "VP", "Vertebroplasty", level="L2", value="2,5", unit="ml")  # fmt: skip
        add(pid, sex, ep, f"{d} 09:21", "LK", "LK0", "No leak", level="L2")
        add(pid, sex, ep, "24/03/2021 10:00" if pid == "S-1" else "19/04/2021 10:00", "VIS", "V1", "Follow-up", tp="1M")  # fmt: skip
        add(pid, sex, ep, "24/03/2021 10:05" if pid == "S-1" else "19/04/2021 10:05", "SC", "VAS", "Pain (0-10)", tp="1M", value="3")  # fmt: skip
    add("S-1", "1", "E11", "14/05/2021 10:00", "NF", "M48.50XA", "New vertebral fracture", level="L3")  # fmt: skip
    # a second session: its diagnosis names its fracture, not the patient's cause
    add("S-1", "1", "E12", "20/05/2021 08:00", "DX", "C79.51", "Diagnosis", level="L3")
    add("S-1", "1", "E12", "20/05/2021 09:00", "CM", "C1", "PMMA cement")
    add("S-1", "1", "E12", "20/05/2021 09:10", "PR", "KP", "Kyphoplasty", level="L3", value="23", unit="ml")  # fmt: skip
    add("S-1", "1", "E12", "21/06/2021 09:10", "SC", "VAS", "Pain (0-10)", tp="1M", value="2")
    return rows


def _csv(path: Path, rows: list[list[object]]) -> Path:
    path.write_text("\r\n".join(";".join(map(str, r)) for r in [HEADER, *rows]) + "\r\n", "cp1252")  # fmt: skip
    return path


def test_an_item_export_is_read_by_what_each_kind_records(tmp_path):
    path = _csv(tmp_path / "export.csv", _items())
    result = load_cohort(path)
    cohort = result.cohort
    patients = cohort.patients.set_index("patient_id")
    assert patients.loc["S-1", "etiology"] == "osteoporotic"  # the first session's code
    assert patients.loc["S-2", "etiology"] == "traumatic"
    assert patients.loc["S-1", "sex"] == "male" and patients.loc["S-2", "sex"] == "female"
    procs = cohort.procedures.set_index(["patient_id", "level"])
    assert procs.loc[("S-1", "L1"), "cement_volume_ml"] == 3.5
    assert procs.loc[("S-1", "L1"), "cement_type"] == "PMMA"
    assert set(procs.loc[("S-1", "L1"), "leakage"].split(";")) == {"venous", "disc"}
    assert procs.loc[("S-2", "L2"), "leakage"] == "none"
    assert procs.loc[("S-1", "L3"), "technique"] == "kyphoplasty"
    assert cohort.procedures.groupby("patient_id")["procedure_id"].nunique()["S-1"] == 2
    scores = cohort.assessments
    assert len(scores[(scores.measure == "mobility") & (scores.value == 3)]) == 2
    assert len(scores[(scores.measure == "pain_vas") & (scores.timepoint == "1m")]) == 3
    assert list(cohort.fractures.level) == ["L3"]
    # the 23 mL is named at its own cell, the value column of its row
    errors = [p for p in result.problems if p.severity == ERROR]
    n = len(_items())  # the 23 mL row: the last but one, under the header
    assert [(p.row, p.cell) for p in errors] == [(n, f"J{n}")]
    assert result.rows_in == result.rows_loaded + result.rows_reported
    readings = _reproduced_by_its_mapping(path, tmp_path)
    assert "kind 'PR'" in readings["technique"].reason


def test_an_export_treating_no_vertebra_is_no_item_export(tmp_path):
    """Without a kind of row naming a technique, the rows are no procedure's items: the
    sheet is read as it stands."""
    rows = [r for r in _items() if r[4] != "PR"]
    path = _csv(tmp_path / "export.csv", rows)
    rules = {p.rule for p in load_cohort(path).problems}
    assert "item_rows" not in rules


def test_a_visit_row_naming_its_session_and_dated_is_a_visit(tmp_path):
    rows = [
        ["Study ID", "Procedure ID", "Date", "Level", "Time point", "VAS"],
        ["P1", "X1", datetime(2021, 1, 4), "L1", None, None],
        ["P1", "X1", datetime(2021, 1, 4), None, "pre", 8],
        ["P1", "X1", datetime(2021, 2, 4), None, "1m", 3],
    ]
    result = load_cohort(_workbook(tmp_path / "v.xlsx", {"Visits": rows}))
    assert not [p for p in result.problems if p.severity == ERROR]
    assert sorted(result.cohort.assessments.value) == [3, 8]


@pytest.mark.parametrize(
    ("header", "measure"),
    [
        ("Escala de mobilitat (0 autònom - 4 enllitat)", "mobility"),
        ("Mobility (0 independent - 4 bedridden)", "mobility"),
        ("Pain (0 none - 10 worst)", None),  # a pain scale's range is no small score's
    ],
)
def test_a_small_score_with_its_ends_named_in_brackets(header, measure):
    target = match_header(header)
    assert (target.measure if target is not None else None) == measure


@pytest.mark.parametrize(("header", "first"), [("Sexe", "male"), ("Sex", None)])
def test_sex_codes_one_and_two_read_only_where_the_header_says_whose(tmp_path, header, first):
    """1 and 2 are male and female in Catalan, Spanish and French discharge codes (header
    ``Sexe``); under another header they follow no one convention and are not guessed."""
    rows = [[header if h == "Sexe" else h for h in HEADER], *_items()]
    path = tmp_path / "export.csv"
    path.write_text("\n".join(";".join(map(str, r)) for r in rows) + "\n", "utf-8")
    patients = load_cohort(path).cohort.patients.set_index("patient_id")
    got = patients.loc["S-1", "sex"]
    assert (None if got is None or got != got else got) == first
