"""A Turkmen register (Latin script, Russian mixed in): an operations sheet of one row per
treated vertebra, the patient and the operation written on the operation's first row only
and the patient's code repeated where the patient's next operation starts; levels written
with Cyrillic letters (``Т12``, ``Л1``); sex codes told by a key line of dashes under the
table (``Jynsy: e/м — erkek, a/ж — aýal.``); notes naming a new fracture (``täze döwük``)
or a death (``aradan çykdy``) with their dates; and one sheet per visit named in Turkmen
(``Operasiýadan öň``: before the operation, ``24 sagat``: 24 hours, ``3 aý``: 3 months)."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.levels import LevelError, parse_levels
from analysis.load import load_cohort
from analysis.problems import ERROR
from tests.test_any_workbook import _workbook
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

_HEADER = [
    "№",
    "Näsagyň kody",
    "Jynsy",
    "Ýaşy",
    "Diagnoz",
    "Gezek",
    "Operasiýa senesi",
    "Oňurga (уровень)",
    "Usul",
    "Sement, ml",
    "Syzma (утечка)",
    "Bellik (примечание)",
]
_KEY = "Jynsy: e/м — erkek, a/ж — aýal. Gezek 2 — gaýtadan operasiýa (повторная операция)."


def _operations(first_level: str = "Т12") -> list[list[object]]:
    return [
        ["Wertebroplastika / kifoplastika — operasiýalaryň sanawy"],
        [],
        _HEADER,
        [
            1,
            "T-1",
            "a",
            70,
            "osteoporoz",
            1,
            "10.01.2022",
            first_level,
            "WP",
            "3,5",
            "ýok",
            "täze döwük L2 — 01.06.2022 (MRT)",
        ],
        [2, None, None, None, None, None, None, "Л1", None, 4, "wena", None],
        [3, "T-2", "e", 75, "Остеопороз", 1, "15.01.2022", "L3", "KP", 5, "нет", None],
        [
            4,
            "T-2",
            None,
            None,
            None,
            2,
            "20.03.2022",
            "L2",
            "ВП",
            3,
            "ýok",
            "gaýtadan operasiýa (повторная)",
        ],
        [
            5,
            "T-3",
            "ж",
            80,
            "Mts рака молочной железы",
            1,
            "01.02.2022",
            "T10",
            "wertebroplastika",
            "2,5",
            "diske",
            "aradan çykdy 05.05.2022",
        ],
        [],
        [_KEY],
    ]


_VISIT_HEADER = ["Näsagyň kody", "Gezek", "Barlag senesi", "VAS (ВАШ)", "Hereket (0–4)", "Bellik"]
_VISITS = {
    "Operasiýadan öň": [
        ["T-1", 1, "09.01.2022", 8, 3, None],
        ["T-2", 1, "14.01.2022", "7,5", 4, None],
        ["T-2", 2, "19.03.2022", 9, 3, None],
        ["T-3", 1, "31.01.2022", 8, 4, None],
    ],
    "24 sagat": [
        ["T-1", 1, "11.01.2022", 3, 2, None],
        ["T-2", 1, "16.01.2022", 4, 2, None],
        ["T-2", 2, "21.03.2022", "3,5", 1, None],
        ["T-3", 1, "02.02.2022", 4, 2, None],
    ],
    "3 aý": [
        ["T-1", 1, "12.04.2022", 2, 1, None],
        ["T-2", 1, None, None, None, "gelmedi"],
        ["T-2", 2, "20.06.2022", 2, 1, None],
        ["T-3", 1, None, None, None, "aradan çykdy"],
    ],
}


def _write(path: Path, first_level: str = "Т12") -> Path:
    sheets = {"Operasiýalar": _operations(first_level)}
    for name, rows in _VISITS.items():
        sheets[name] = [[f"Barlag: {name}"], [], _VISIT_HEADER, *rows]
    return _workbook(path, sheets)


def test_cyrillic_letters_in_a_cell_of_levels_are_its_latin_letters() -> None:
    assert parse_levels("Л1") == ("L1",)
    assert parse_levels("Т12, Л1") == ("T12", "L1")
    assert parse_levels("л2") == ("L2",)
    with pytest.raises(LevelError, match="not a vertebral level"):
        parse_levels("Т13")  # twelve thoracic vertebrae, whatever the script


def test_a_turkmen_register_with_one_sheet_per_visit_loads_exactly(tmp_path: Path) -> None:
    result = load_cohort(path := _write(tmp_path / "register.xlsx"))
    assert [p for p in result.problems if p.severity == ERROR] == []
    cohort = result.cohort
    patients = cohort.patients.set_index(cohort.patients["patient_id"].astype(str))
    assert patients["sex"].to_dict() == {"T-1": "female", "T-2": "male", "T-3": "female"}
    assert patients["age_years"].to_dict() == {"T-1": 70, "T-2": 75, "T-3": 80}
    assert patients["etiology"].to_dict() == {
        "T-1": "osteoporotic",
        "T-2": "osteoporotic",
        "T-3": "pathologic",
    }
    assert patients["died"].map(bool).to_dict() == {"T-1": False, "T-2": False, "T-3": True}
    procs = cohort.procedures
    got = {
        (str(p), int(d), str(lv), t, float(v), lk)
        for p, d, lv, t, v, lk in zip(
            procs["patient_id"],
            procs["day"],
            procs["level"],
            procs["technique"],
            procs["cement_volume_ml"],
            procs["leakage"],
            strict=True,
        )
    }
    assert got == {
        ("T-1", 0, "T12", "vertebroplasty", 3.5, "none"),
        ("T-1", 0, "L1", "vertebroplasty", 4.0, "venous"),
        ("T-2", 0, "L3", "kyphoplasty", 5.0, "none"),
        ("T-2", 64, "L2", "vertebroplasty", 3.0, "none"),
        ("T-3", 0, "T10", "vertebroplasty", 2.5, "disc"),
    }
    fractures = cohort.fractures
    assert list(
        zip(fractures["patient_id"].astype(str), fractures["level"].astype(str), strict=True)
    ) == [("T-1", "L2")]
    vas = cohort.assessments.query("measure == 'pain_vas'")
    days = dict(zip(procs["procedure_id"].astype(str), procs["day"], strict=False))
    read = {
        (str(p), int(days[str(s)]), t): float(v)
        for p, s, t, v in zip(
            vas["patient_id"], vas["procedure_id"], vas["timepoint"], vas["value"], strict=True
        )
    }
    assert read == {
        ("T-1", 0, "pre"): 8.0, ("T-1", 0, "24h"): 3.0, ("T-1", 0, "3m"): 2.0,
        ("T-2", 0, "pre"): 7.5, ("T-2", 0, "24h"): 4.0,
        ("T-2", 64, "pre"): 9.0, ("T-2", 64, "24h"): 3.5, ("T-2", 64, "3m"): 2.0,
        ("T-3", 0, "pre"): 8.0, ("T-3", 0, "24h"): 4.0,
    }  # fmt: skip
    assert len(cohort.assessments.query("measure == 'mobility'")) == len(read)
    _reproduced_by_its_mapping(path, tmp_path)


def test_vertebrae_below_a_level_not_read_stay_in_its_operation(tmp_path: Path) -> None:
    """A first row's level that does not exist (``Т13``) is the one error: the vertebra
    row under it, naming nothing of an operation, is still that operation's."""
    result = load_cohort(_write(tmp_path / "register.xlsx", first_level="Т13"))
    errors = [p for p in result.problems if p.severity == ERROR]
    assert [(p.sheet, p.row, p.column) for p in errors] == [("Operasiýalar", 4, "Oňurga (уровень)")]
    assert "not a vertebral level" in errors[0].message
