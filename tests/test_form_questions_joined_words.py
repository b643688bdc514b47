"""An online form's export in Hebrew: its questions name their fields with one-letter
words joined to them (``מספר המטופל``: the patient's number; ``במחקר``: in the study),
a date asked of the visit is the visit's date, the cement asked in millilitres in all is
the session's total, the vertebra named beside a cause only says whose cause it is; its
follow-ups name their visits ``שבוע אחרי הפרוצדורה`` (a week after the procedure)."""

from __future__ import annotations

from datetime import datetime

import openpyxl
import pandas as pd
import pytest

from analysis.load import load_cohort
from analysis.normalize.headers import question_target
from analysis.normalize.timepoints import timepoint_of
from analysis.problems import ERROR
from tests.test_load_visit_rows import _reproduced_by_its_mapping


@pytest.mark.parametrize(
    ("header", "label"),
    [
        ("מהו מספר המטופל/ת במחקר (למשל JVA-007)?", "patients.patient_id"),
        ("מהו תאריך הלידה של המטופל/ת?", "identifier:birth_date"),  # not the procedure's
        ("מהו מספר התיק הרפואי בבית החולים?", "identifier:mrn"),
        ("מה הגורם לשבר החוליה?", "patients.etiology"),  # the cause of the vertebra's fracture
        ("What is the etiology of the treated level?", "patients.etiology"),
        ("באיזה תאריך התקיים הביקור? (dd.mm.yy)", "date:visit_date"),
        ("On which date did the visit take place?", "date:visit_date"),
        ('כמה מ"ל צמנט הוזרקו בסך הכול (בכל החוליות יחד)?', "procedures.session_cement_volume_ml"),
        ("How many mL of cement were injected in total?", "procedures.session_cement_volume_ml"),
        ("How many mL of cement were injected?", "procedures.cement_volume_ml"),
        ("באיזה צמנט השתמשתם?", "procedures.cement_type"),
        ("אם טופלה יותר מחוליה אחת והייתה דליפה – באיזו חוליה הייתה הדליפה?", "leak_level:leakage"),
    ],
)
def test_a_question_names_its_field_through_joined_words(header, label):
    target = question_target(header)
    assert target is not None
    assert target.label == label


def test_a_unit_alone_after_the_procedure_is_one_of_it():
    assert timepoint_of("שבוע אחרי הפרוצדורה") == "1w"
    assert timepoint_of("חודש אחרי הפרוצדורה") == "1m"
    assert timepoint_of("3 חודשים אחרי הפרוצדורה") == "3m"
    assert timepoint_of("שנה אחרי הפרוצדורה") == "12m"


HEAD = [
    "חותמת זמן",
    "איזה טופס ממלאים עכשיו?",
    "מהו מספר המטופל/ת במחקר (למשל JVA-007)?",
    "מהו תאריך הלידה של המטופל/ת?",
    "מה הגורם לשבר החוליה?",
    "באיזה תאריך בוצעה הפרוצדורה?",
    "אילו חוליות טופלו? (סמנו את כל המתאימות)",
    'כמה מ"ל צמנט הוזרקו בסך הכול (בכל החוליות יחד)?',
    "האם נצפתה דליפת צמנט בשיקוף או ב-CT? (סמנו את כל המתאימים)",
    "מה עוצמת הכאב לפני הפרוצדורה (0 = אין כאב, 10 = הכאב הגרוע ביותר)?",
    "איזה ביקור זה?",
    "באיזה תאריך התקיים הביקור? (dd.mm.yy)",
    "מה עוצמת הכאב כעת (0 = אין כאב, 10 = הכאב הגרוע ביותר)?",
]
BASE, FOLLOW = "טופס קבלה – לפני הפרוצדורה", "טופס מעקב"
WEEK, MONTH = "שבוע אחרי הפרוצדורה", "חודש אחרי הפרוצדורה"
ROWS = [
    [datetime(2021, 1, 9, 13), BASE, "JV-01", datetime(1950, 5, 12), "אוסטאופורוזיס",
     datetime(2021, 1, 8), "L4, L5", '8.5 מ"ל', "לא נצפתה דליפה", 7, None, None, None],
    [datetime(2021, 1, 10, 21), BASE, "JV-02", datetime(1941, 11, 2), "גרורות",
     datetime(2021, 1, 10), "L3", 4, "דיסק", 9, None, None, None],
    [datetime(2021, 1, 17, 17), FOLLOW, "JV-02", None, None, None, None, None, None, None,
     WEEK, "16.01.21", 2],
    [datetime(2021, 1, 19, 16), FOLLOW, "JV-01", None, None, None, None, None, None, None,
     WEEK, "15.01.21", 5],
    [datetime(2021, 2, 9, 16), FOLLOW, "JV-01", None, None, None, None, None, None, None,
     MONTH, "08.02.21", 4],
]  # fmt: skip


def test_a_hebrew_form_export_loads(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "תגובות לטופס 1"
    ws.sheet_view.rightToLeft = True
    ws.append(HEAD)
    for row in ROWS:
        ws.append(row)
    path = tmp_path / "responses.xlsx"
    wb.save(path)
    loaded = load_cohort(path)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    cohort = loaded.cohort
    patients = cohort.patients.set_index("patient_id")
    assert patients["age_years"].to_dict() == {"JV-01": 70, "JV-02": 79}
    assert patients["etiology"].to_dict() == {"JV-01": "osteoporotic", "JV-02": "pathologic"}
    procedures = cohort.procedures.set_index("level")
    assert procedures["session_cement_volume_ml"].to_dict() == {"L4": 8.5, "L5": 8.5, "L3": 4.0}
    assert procedures["leakage"].astype(str).to_dict() == {"L4": "none", "L5": "none", "L3": "disc"}
    scores = {
        (r.patient_id, r.timepoint): (r.value, None if pd.isna(r.day) else int(r.day))
        for r in cohort.assessments.itertuples()
        if r.measure == "pain_vas"
    }
    assert scores == {
        ("JV-01", "pre"): (7, None),
        ("JV-01", "1w"): (5, 7),
        ("JV-01", "1m"): (4, 31),
        ("JV-02", "pre"): (9, None),
        ("JV-02", "1w"): (2, 6),
    }
    readings = _reproduced_by_its_mapping(path, tmp_path)
    assert readings[HEAD[2]].label == "patients.patient_id"
    assert readings[HEAD[11]].label == "date:visit_date"
    assert "question" in readings[HEAD[7]].reason
