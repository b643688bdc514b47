"""A French register of one row per intervention, its levels and volumes one per line in
one cell (``D11`` / ``D12``): the date of a new fracture under ``Date nv tassement``
(``nv`` for *nouveau*) read as the fracture's date; a key line under the table listing
markers slash-apart before one meaning in a clause of its own (``PDV = perdu de vue ;
absent / لم يحضر = ne s'est pas présenté au contrôle``) makes each a missed visit; and
more volume lines than levels is an error named at the volume cell."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl

from analysis.load import load_cohort
from tests.test_load_visit_rows import _reproduced_by_its_mapping

_HEADER = [
    "Code",
    "Sexe",
    "Âge",
    "Date intervention",
    "Geste",
    "Niveau(x)",
    "Volume ciment (ml)",
    "EVA pré-op",
    "EVA M1",
    "Nouveau tassement",
    "Date nv tassement",
]
_ROWS = [
    ["SF01", "F", 71, datetime(2020, 1, 6), "VP", "D11\nD12", "4\n3,5", 8, 3, "non", None],
    [
        "SF02",
        "H",
        66,
        datetime(2020, 2, 14),
        "VP",
        "D4",
        2.5,
        7,
        "absent",
        "oui D5",
        datetime(2020, 9, 19),
    ],
    ["SF03", "F", 74, datetime(2020, 3, 2), "CP", "L1", 5, 9, "لم يحضر", "non", None],
    ["SF04", "H", 80, datetime(2020, 4, 20), "VP", "L2\nL3", "3\n4,5", 8, 2, "non", None],
]
_KEY = "PDV = perdu de vue ; absent / لم يحضر = ne s'est pas présenté au contrôle ; DCD = décédé(e). Case vide = contrôle pas encore dû."  # fmt: skip


def _write(path: Path, rows: list[list[object]], key: bool = True) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "VP"
    ws.append(_HEADER)
    for row in rows:
        ws.append(row)
    ws.append([])
    if key:
        ws.append([_KEY])
    wb.save(path)
    return path


def test_a_new_fracture_dated_under_date_nv_tassement(tmp_path: Path) -> None:
    path = _write(tmp_path / "registre.xlsx", _ROWS)
    result = load_cohort(path)
    fractures = result.cohort.fractures
    assert list(fractures["patient_id"]) == ["SF02"]
    assert list(fractures["level"]) == ["T5"]
    assert not [p for p in result.problems if "without its date" in p.message]
    assert not [p for p in result.problems if "Date nv tassement" in (p.column or "") and "not recognised" in p.message]  # fmt: skip
    assert list(fractures["day"]) == [(date(2020, 9, 19) - date(2020, 2, 14)).days]
    _reproduced_by_its_mapping(path, tmp_path)


def test_markers_listed_slash_apart_in_a_key_clause_read_as_missing(tmp_path: Path) -> None:
    path = _write(tmp_path / "registre.xlsx", _ROWS)
    result = load_cohort(path)
    assert not [p for p in result.problems if p.severity == "error"]
    month = result.cohort.assessments.query("measure == 'pain_vas' and timepoint == '1m'")
    assert sorted(month["patient_id"]) == ["SF01", "SF04"]
    key = [p.message for p in result.problems if "key line" in p.message]
    assert key and "absent" in key[0] and "لم يحضر" in key[0]
    _reproduced_by_its_mapping(path, tmp_path)


def test_without_the_key_the_markers_are_reported(tmp_path: Path) -> None:
    path = _write(tmp_path / "registre.xlsx", _ROWS, key=False)
    result = load_cohort(path)
    bad = {p.row for p in result.problems if p.severity == "error" and p.column == "EVA M1"}
    assert bad == {3}  # "absent" reported (it is a yes/no word elsewhere); لم يحضر is known


def test_more_volume_lines_than_levels_is_named_at_the_volume_cell(tmp_path: Path) -> None:
    rows = [list(r) for r in _ROWS]
    rows[0][6] = "5\n3\n4"  # three volumes for D11 and D12
    result = load_cohort(_write(tmp_path / "registre.xlsx", rows))
    found = [p for p in result.problems if "cement volumes for" in p.message]
    assert [(p.row, p.column, p.cell) for p in found] == [(2, "Volume ciment (ml)", "G2")]
