"""One sheet of visit blocks stacked down it, each under a title naming its visit
(``S6 – 6 semaines``), its own header row and a blank row after it: the procedure block
first, its treated levels written with each one's cement (``D11 : 2 ml ; D12 : 3 ml``),
then a block per visit, a second procedure's block (``2e geste (nouvelle fracture)``) and
its own visit's block (``2e geste – S6 (6 semaines après le 2e geste)``); deaths noted
once, in the remark of the next visit's block."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from analysis.load import LoadResult, inspect_input, load_cohort
from analysis.normalize.cells import CellError, levels_with_volumes
from tests.test_load_visit_rows import _reproduced_by_its_mapping

_PROCEDURES = [
    ["N°", "Sexe", "Âge", "Date du geste", "Technique", "Niveaux et ciment (ml)", "EVA avant"],
    ["VP-01", "F", 71, datetime(2023, 3, 10), "VP", "D11 : 2 ml ; D12 : 3 ml", 8],
    ["VP-02", "vahine", 80, datetime(2023, 4, 3), "VP percutanée", "L1: 6,5 ml", 9],
    ["VP-03", "tāne", 66, datetime(2023, 5, 8), "Cyphoplastie", "L2 : 4 ml", 7],
    ["VP-04", "H", 75, datetime(2023, 6, 12), "VP", "T9: 3 ml ; T10: 2,5 ml", 10],
    ["VP-05", "F", 69, datetime(2023, 6, 26), "VP", "T12 : 4 ml", 9],
]
_VISITS = ["N°", "Date", "EVA", "ODI (%)", "Remarques"]


def _write(path: Path, level_cell: str = "L2 : 4 ml", header: str | None = None) -> Path:
    procedures = [list(r) for r in _PROCEDURES]
    procedures[3][5] = level_cell
    procedures[0][5] = header or procedures[0][5]
    blocks = [
        ("J0 – geste", procedures),
        (
            "S6 – 6 semaines",
            [
                _VISITS,
                ["VP-01", datetime(2023, 4, 21), 4, 30, None],
                ["VP-02", datetime(2023, 5, 15), 3, 40, "canne"],
                ["VP-03", datetime(2023, 6, 19), 2, 22, None],
                ["VP-04", datetime(2023, 7, 24), 5, 48, None],
            ],
        ),
        (
            "M3 – 3 mois",
            [
                _VISITS,
                ["VP-01", datetime(2023, 6, 12), 3, 26, None],
                ["VP-02", "—", None, None, "DCD le 26/07/2023"],
                ["VP-03", datetime(2023, 8, 9), 2, 18, None],
                ["VP-04", "—", None, None, "décès le 01/09/2023 (famille)"],
            ],
        ),
        (
            "2e geste (nouvelle fracture)",
            [
                ["N°", "Date du 2e geste", "Technique", "Niveaux et ciment (ml)", "EVA avant"],
                ["VP-01", datetime(2023, 7, 3), "VP", "L3 : 4,5 ml", 7],
                ["VP-03", datetime(2023, 9, 4), "VP", "L4: 3 ml", 6],
                ["VP-05", datetime(2023, 9, 11), "VP", "T8 : 2 ml ; T9 : 2,5 ml", 8],
            ],
        ),
        (
            "2e geste – S6 (6 semaines après le 2e geste)",
            [_VISITS, ["VP-01", datetime(2023, 8, 14), 1, 12, None]],
        ),
    ]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Suivi"
    ws.append(["Suivi des vertébroplasties, un bloc par visite"])
    ws.append([])
    for title, rows in blocks:
        ws.append([title])
        for row in rows:
            ws.append(row)
        ws.append([])
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def stacked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _write(tmp_path_factory.mktemp("stacked") / "suivi.xlsx")


def _pain(loaded: LoadResult) -> dict[tuple[str, int, str], float]:
    """Pain scores by patient, session (1 the first by day) and time point."""
    procs = loaded.cohort.procedures
    first_day = procs.groupby("procedure_id")["day"].min()
    order: dict[str, list[str]] = {}
    for pid, g in procs.groupby("patient_id"):
        order[str(pid)] = sorted(set(g["procedure_id"]), key=lambda p: int(first_day[p]))
    a = loaded.cohort.assessments
    out = {}
    for r in a[a["measure"] == "pain_vas"].to_dict("records"):
        pid = str(r["patient_id"])
        session = order[pid].index(r["procedure_id"]) + 1
        out[(pid, session, str(r["timepoint"]))] = float(r["value"])
    return out


def test_each_block_is_read_at_the_visit_its_title_names(stacked: Path) -> None:
    loaded = load_cohort(stacked)
    assert not loaded.errors
    pain = _pain(loaded)
    assert pain[("VP-01", 1, "6w")] == 4 and pain[("VP-04", 1, "6w")] == 5
    assert pain[("VP-03", 1, "3m")] == 2
    # the second procedure's block and its own visit: the second session's
    assert pain[("VP-01", 2, "pre")] == 7 and pain[("VP-01", 2, "6w")] == 1
    assert ("VP-01", 1, "6w") in pain and pain[("VP-01", 1, "6w")] != 1
    reasons = [s.note for s in inspect_input(stacked).sheets]
    assert any("visit at 6w (from the table's title)" in r for r in reasons)
    assert any("visit at 3m (from the table's title)" in r for r in reasons)


def test_levels_written_with_their_cement_and_the_second_procedure(stacked: Path) -> None:
    procs = load_cohort(stacked).cohort.procedures
    got = {
        (r["patient_id"], r["level"]): (float(r["cement_volume_ml"]), r["technique"])
        for r in procs.to_dict("records")
    }
    assert got == {
        ("VP-01", "T11"): (2.0, "vertebroplasty"),
        ("VP-01", "T12"): (3.0, "vertebroplasty"),
        ("VP-01", "L3"): (4.5, "vertebroplasty"),
        ("VP-02", "L1"): (6.5, "vertebroplasty"),
        ("VP-03", "L2"): (4.0, "kyphoplasty"),
        ("VP-03", "L4"): (3.0, "vertebroplasty"),
        ("VP-04", "T9"): (3.0, "vertebroplasty"),
        ("VP-04", "T10"): (2.5, "vertebroplasty"),
        ("VP-05", "T12"): (4.0, "vertebroplasty"),
        ("VP-05", "T8"): (2.0, "vertebroplasty"),
        ("VP-05", "T9"): (2.5, "vertebroplasty"),
    }
    one = procs[procs["patient_id"] == "VP-01"]
    assert set(one.groupby("procedure_id")["session_cement_volume_ml"].first()) == {5.0, 4.5}


def test_deaths_noted_once_in_the_blocks_remarks(stacked: Path) -> None:
    patients = load_cohort(stacked).cohort.patients.set_index("patient_id")
    assert patients.loc["VP-02", "died"] and patients.loc["VP-04", "died"]
    assert not patients.loc["VP-01", "died"] and not patients.loc["VP-03", "died"]
    assert not patients.loc["VP-05", "died"]
    assert set(patients["sex"]) == {"female", "male"}
    assert patients.loc["VP-02", "sex"] == "female" and patients.loc["VP-03", "sex"] == "male"


def test_the_mapping_inspect_writes_loads_the_same(stacked: Path, tmp_path: Path) -> None:
    _reproduced_by_its_mapping(stacked, tmp_path)


def test_a_level_that_does_not_exist_is_named_in_its_cement_cell(tmp_path: Path) -> None:
    # the header names the levels, its unit the volumes written after them
    path = _write(tmp_path / "l6.xlsx", "L6: 6 ml", "Niveaux (ml)")
    errors = [p for p in load_cohort(path).errors if p.rule == "level"]
    assert [(p.row, p.column) for p in errors] == [(7, "Niveaux (ml)")]
    with pytest.raises(CellError, match="not a vertebral level"):
        levels_with_volumes("L6: 6 ml")


@pytest.mark.parametrize(
    ("cell", "read"),
    [
        ("D11 : 2 ml ; D12 : 3 ml", (("T11", "T12"), (2.0, 3.0))),
        ("L1: 6,5 ml", (("L1",), 6.5)),
        ("T12=3cc", (("T12",), 3.0)),
        ("T11-12", None),  # a range of levels, not a level and its volume
        ("L1, L2", None),
    ],
)
def test_levels_with_volumes(cell: str, read: object) -> None:
    assert levels_with_volumes(cell) == read
