"""A register's header in three rows: merged group labels written in several languages
apart by a spaced middle dot (``M1 · ⴰⵢⵢⵓⵔ 1``, ``Niveaux traités · المستويات``), a row
translating each header into another script (``الألم`` over ``EVA``), and the French
headers. The groups name each visit's time point and head the levels with their volumes."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl

from analysis.load import load_cohort
from analysis.load.header import _read_header
from analysis.normalize.timepoints import timepoint_of
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

GROUPS = [
    ("Identité · الهوية", 2),
    ("Intervention · التدخل", 2),
    ("Niveaux traités · المستويات", 4),
    ("Pré-op · قبل", 1),
    ("M1 · ⴰⵢⵢⵓⵔ 1", 3),
]
GLOSS = ["الرمز", "الجنس", "تاريخ التدخل", "التقنية", "المستوى 1", "الحجم 1", "المستوى 2"]
GLOSS += ["الحجم 2", "الألم", "التاريخ", "الألم", "ODI"]
HEADER = ["Code", "Sexe", "Date interv.", "Tech.", "Niv. 1", "Vol. 1 (mL)", "Niv. 2"]
HEADER += ["Vol. 2 (mL)", "EVA", "Date", "EVA", "ODI"]


def _register(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Registre vertébroplastie"])
    col = 1
    row = []
    for label, span in GROUPS:
        row += [label] + [None] * (span - 1)
        if span > 1:
            ws.merge_cells(start_row=2, start_column=col, end_row=2, end_column=col + span - 1)
        col += span
    for c, v in enumerate(row, start=1):
        ws.cell(2, c, v)
    ws.append(GLOSS)
    ws.append(HEADER)
    for i in range(6):
        day = datetime(2022, 1, 3 + i)
        ws.append([f"P-{i + 1:02d}", "F", day, "VP", "L1", 3 + i / 2, "L2" if i % 2 else None,
                   2.5 if i % 2 else None, 8, datetime(2022, 2, 3 + i), 2 + i % 3, 30 + i])  # fmt: skip
    wb.save(path)
    return path


def test_a_visit_group_in_two_languages_apart_by_a_middle_dot_names_its_time_point():
    assert timepoint_of("M1 · ⴰⵢⵢⵓⵔ 1") == "1m"
    assert timepoint_of("M6 · ⴰⵢⵢⵓⵔ 6") == "6m"


def test_a_group_naming_one_field_heads_columns_naming_others_of_their_own():
    reading = _read_header(["Niveaux traités · المستويات Vol. 1 (mL)", "Vol. 1 (mL)"], {})
    assert reading[1] is not None and reading[1].label == "procedures.cement_volume_ml"
    level = _read_header(["Niveaux traités · المستويات Niv. 2", "Niv. 2"], {})
    assert level[1] is not None and level[1].label == "procedures.level"


def test_a_translation_row_between_the_groups_and_the_headers_is_passed_over(tmp_path):
    path = _register(tmp_path / "register.xlsx")
    cohort = load_cohort(path).cohort
    a = cohort.assessments
    one_month = a[(a["measure"] == "pain_vas") & (a["timepoint"] == "1m")]
    assert sorted(one_month["value"]) == [2, 2, 3, 3, 4, 4]
    assert len(a[(a["measure"] == "odi") & (a["timepoint"] == "1m")]) == 6
    assert len(a[(a["measure"] == "pain_vas") & (a["timepoint"] == "pre")]) == 6
    volumes = cohort.procedures.sort_values(["patient_id", "level"])["cement_volume_ml"]
    assert list(volumes) == [3.0, 3.5, 2.5, 4.0, 4.5, 2.5, 5.0, 5.5, 2.5]
    _reproduced_by_its_mapping(path, tmp_path)
