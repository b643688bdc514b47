"""An online form's export whose headers are the form's questions, written as sentences
in a script without Latin letters and with English words inside them (``လူနာ၏ Study ID
ကို ရေးပါ။``), its first column the time each form was submitted (``Timestamp``), not a
visit's date: each field read from the known spellings inside its question; Myanmar
vowel signs kept in their words when a text is folded."""

from __future__ import annotations

from datetime import datetime

import openpyxl
import pandas as pd
import pytest

from analysis.load import load_cohort
from analysis.normalize.headers import match_header, question_target
from analysis.problems import ERROR
from analysis.spec import normalize_text
from tests.test_load_visit_rows import _reproduced_by_its_mapping


def test_myanmar_vowel_signs_stay_in_their_words():
    # folded without its signs, "vertebra" fell apart into single consonants
    assert normalize_text("ကျောရိုး") == "ကျောရိုး"
    assert normalize_text("လူနာ၏ အမည်") == "လူနာ အမည်"  # the genitive mark is punctuation
    assert normalize_text("ကျား") != normalize_text("က")


@pytest.mark.parametrize(
    ("header", "label"),
    [
        ("လူနာ၏ Study ID ကို ရေးပါ။", "patients.patient_id"),
        ("လူနာ၏ ဖုန်းနံပါတ်ကို ရေးပါ။", "identifier:phone"),
        ("ကုသသည့် နေ့စွဲကို ရေးပါ။", "date:procedure_date"),  # "the date treated"
        ("Procedure ပြုလုပ်သည့် နေ့စွဲကို ရွေးပါ။", "date:procedure_date"),
        ("အသုံးပြုခဲ့သော cement ယိုစိမ့်မှု ရှိပါသလား။", "procedures.leakage"),
        ("ကုသမှု မပြုမီ နာကျင်မှု (VAS 0-10) ကို ရေးပါ။", "pain_vas@pre"),
        ("ယနေ့ နာကျင်မှု (VAS 0-10) ကို ရေးပါ။", "pain_vas@?"),  # today: the row's visit
        ("Was a new fracture found? Which level?", "fractures.level"),
    ],
)
def test_a_question_names_its_field_inside_it(header, label):
    target = question_target(header)
    assert target is not None
    assert target.label == label


@pytest.mark.parametrize(
    "header",
    ["Which form is this?", "ဤ follow-up သည် မည်သည့် ကုသမှုအပြီး ဖြစ်ပါသနည်း။", "Timestamp"],
)
def test_a_question_naming_no_field_names_none(header):
    assert question_target(header) is None


def test_a_question_is_read_only_as_a_sheets_header():
    # a REDCap dictionary's labels are read by REDCap's rules, not as a form's questions
    assert match_header("Kontrola po katerem posegu?") is None
    assert match_header("လူနာ၏ Study ID ကို ရေးပါ။") is None


HEAD = [
    "Timestamp",
    "လူနာ၏ Study ID ကို ရေးပါ။",
    "လူနာ၏ အမည်ကို ရေးပါ။",
    "ကုသမှုခံယူသည့်နေ့တွင် လူနာ၏ အသက် (နှစ်) ကို ရေးပါ။",
    "Procedure ပြုလုပ်သည့် နေ့စွဲကို ရွေးပါ။",
    "ကုသခဲ့သော ကျောရိုးအဆစ် (vertebral level) များကို ရွေးပါ။",
    "ကုသမှု မပြုမီ နာကျင်မှု အဆင့် (VAS 0-10) ကို ရွေးပါ။",
    "Follow-up အချိန်ကာလကို ရွေးပါ။",
    "စစ်ဆေးသည့် နေ့စွဲ (visit date) ကို ရွေးပါ။",
    "ယနေ့ နာကျင်မှု အဆင့် (VAS 0-10) ကို ရွေးပါ။",
    "This follow-up is after which procedure?",  # not the technique its words name
]
# Follow-ups submitted days after their visits, a 24-hour form before its baseline form
ROWS = [
    [
        datetime(2022, 3, 9, 12, 36),
        "MD-01",
        None,
        None,
        None,
        None,
        None,
        "24 hours",
        datetime(2022, 3, 9),
        3,
    ],
    [
        datetime(2022, 3, 10, 9, 43),
        "MD-01",
        "ဦးဘ",
        72,
        datetime(2022, 3, 8),
        "T8",
        6,
        None,
        None,
        None,
    ],
    [
        datetime(2022, 3, 12, 8, 2),
        "MD-02",
        "ဒေါ်မြ",
        "၇၁",
        datetime(2022, 3, 11),
        "L1, L2",
        "၉",
        None,
        None,
        None,
    ],
    [
        datetime(2022, 4, 14, 8, 2),
        "MD-01",
        None,
        None,
        None,
        None,
        None,
        "1 month",
        datetime(2022, 4, 6),
        2,
    ],
    [
        datetime(2022, 4, 20, 17, 5),
        "MD-02",
        None,
        None,
        None,
        None,
        None,
        "1 month",
        datetime(2022, 4, 11),
        "၄",
    ],
]


def test_a_form_export_with_question_headers_loads(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Form Responses 1"
    ws.append(HEAD)
    for row in ROWS:
        ws.append([*row, "1st procedure" if row[7] else None])
    path = tmp_path / "responses.xlsx"
    wb.save(path)
    loaded = load_cohort(path)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    cohort = loaded.cohort
    ages = dict(zip(cohort.patients["patient_id"], cohort.patients["age_years"], strict=True))
    assert ages == {"MD-01": 72, "MD-02": 71}
    levels = sorted(
        zip(cohort.procedures["patient_id"], cohort.procedures["level"].astype(str), strict=True)
    )
    assert levels == [("MD-01", "T8"), ("MD-02", "L1"), ("MD-02", "L2")]
    scores = {
        (r.patient_id, r.timepoint): (r.value, None if pd.isna(r.day) else int(r.day))
        for r in cohort.assessments.itertuples()
        if r.measure == "pain_vas"
    }
    # each day from the visit date, never from the submission's timestamp
    assert scores == {
        ("MD-01", "pre"): (6, None),
        ("MD-01", "24h"): (3, 1),
        ("MD-01", "1m"): (2, 29),
        ("MD-02", "pre"): (9, None),
        ("MD-02", "1m"): (4, 31),
    }
    readings = _reproduced_by_its_mapping(path, tmp_path)
    assert str(readings["Timestamp"].label).startswith("ignore")
    assert readings[HEAD[1]].label == "patients.patient_id"
    assert readings[HEAD[6]].label == "pain_vas@pre"
    assert "question" in readings[HEAD[4]].reason


def test_questions_are_read_at_a_sheets_pace() -> None:
    """Each known spelling is sought only where it stands in the question, its pattern
    compiled once (each question once took a third of a second: a form export of 30
    questions, 20 seconds)."""
    import time

    from analysis.normalize.headers import question_target

    question_target("Which form is this?")  # the vocabulary's lookups built
    start = time.perf_counter()
    read = [question_target("ကုသမှု မပြုမီ နာကျင်မှု (VAS 0-10) ကို ရေးပါ။") for _ in range(200)]
    assert all(t is not None and t.label == "pain_vas@pre" for t in read)
    assert time.perf_counter() - start < 3.0
