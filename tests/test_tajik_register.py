"""A Tajik (Cyrillic) register: Tajik headers and values, thoracic levels written with the
Cyrillic "Т" (also where a leakage cell names its level: "Т8 паравертебралӣ"), one cement
total per session, and a fully long sheet of scores (study ID, visit, measure, value)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl

from analysis.load import load_cohort
from analysis.normalize.leakage_levels import sites_by_level
from analysis.spec import load_spec
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping


def test_a_leakage_cell_naming_a_cyrillic_thoracic_level() -> None:
    leakage = load_spec().column("procedures", "leakage")
    assert sites_by_level("Т8 паравертебралӣ", leakage) == (("T8", "paravertebral"),)
    assert sites_by_level("Т10: ба варид; L1: ба диск", leakage) == (
        ("T10", "venous"),
        ("L1", "disc"),
    )


_PATIENTS = [
    ("Рамз", "Ҷинс", "Синну сол", "Ташхис", "Вафот"),
    ("ТҶ-01", "зан", 82, "остеопороз", "не"),
    ("ТҶ-02", "мард", 70, "метастаза", "ҳа (14.09.2023)"),
]
_SESSIONS = [
    ("Рамз", "Ҷаласа №", "Сана", "Сутунмӯҳраҳо", "Усул", "Навъи семент", "Ихроҷи семент"),
    ("ТҶ-01", 1, datetime(2022, 11, 3), "Т6, Т7, Т8", "ВП", "ПММА", "Т8 паравертебралӣ"),
    ("ТҶ-02", 1, datetime(2023, 2, 28), "L2", "КП", "ПММА", "нест"),
]
_SCORES = [
    ("Рамз", "Ташриф", "Нишондиҳанда", "Қимат"),
    ("ТҶ-01", "пеш аз амалиёт", "ВАШ", 8),
    ("ТҶ-01", "1 ҳафта", "ВАШ", 2),
    ("ТҶ-01", "3 моҳ", "ВАШ", "наомад"),
    ("ТҶ-02", "пеш аз амалиёт", "ВАШ", 9),
    ("ТҶ-02", "1 моҳ", "ВАШ", 4),
]


def _write(path: Path) -> Path:
    wb = openpyxl.Workbook()
    for k, (title, rows) in enumerate(
        (("Беморон", _PATIENTS), ("Амалиётҳо", _SESSIONS), ("Баҳоҳо", _SCORES))
    ):
        ws = wb.active if k == 0 else wb.create_sheet()
        ws.title = title
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def test_a_tajik_register_loads_exactly(tmp_path: Path) -> None:
    result = load_cohort(path := _write(tmp_path / "register.xlsx"))
    assert result.errors == []
    patients = result.cohort.patients.assign(patient_id=lambda d: d["patient_id"].astype(str))
    by_id = patients.set_index("patient_id")
    assert by_id.loc["ТҶ-01", "sex"] == "female"
    assert by_id.loc["ТҶ-02", "etiology"] == "pathologic"
    assert not bool(by_id.loc["ТҶ-01", "died"])
    assert bool(by_id.loc["ТҶ-02", "died"])
    procs = result.cohort.procedures.assign(patient_id=lambda d: d["patient_id"].astype(str))
    first = procs[procs["patient_id"] == "ТҶ-01"].set_index("level")
    assert list(first.index) == ["T6", "T7", "T8"]
    assert first["leakage"].to_dict() == {"T6": "none", "T7": "none", "T8": "paravertebral"}
    assert first.loc["T6", "technique"] == "vertebroplasty"
    outcomes = result.cohort.assessments.assign(patient_id=lambda d: d["patient_id"].astype(str))
    mine = outcomes[outcomes["patient_id"] == "ТҶ-01"].set_index("timepoint")["value"]
    assert mine.to_dict() == {"pre": 8.0, "1w": 2.0}  # "наомад": did not come
    _reproduced_by_its_mapping(path, tmp_path)
