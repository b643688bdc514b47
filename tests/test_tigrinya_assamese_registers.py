"""Registers written in Tigrinya (Ge'ez script) and Assamese (Bengali-Assamese script),
each beside English in brackets or on a second header row.

Tigrinya: a register of one row per session (sex ኣንስተይቲ / ተባዕታይ, died እወ / ኣይፋል, no
leak የለን) and one sheet per measure, the sessions down and the time points across
(``ቅድሚ ሕክምና (Pre-op)``, ``1 ወርሒ (1 month)``), a missed visit written as "he/she did not
come" (ኣይመጸን / ኣይመጸትን), a visit after a death as "she died" (ሞይታ) and a first
session's later visit handed to the second (ናብ 2ይ ሕክምና).

Assamese: one wide row per patient under merged group headers: a score's group
(``বেদনা VAS``) over time points written with Assamese digits and words (``১ মাহ (1 m)``,
``পূৰ্বে (Pre)``), the visits' dates under a group of their own (``অনুবৰ্তী তাৰিখ
(Follow-up dates)`` over ``৩ মাহ (3 m)``), a repeat procedure's group, sex পুৰুষ / মহিলা,
died হয় / নহয়, no leak নাই and a visit missed অহা নাই.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from analysis.load import inspect_input, load_cohort
from analysis.normalize.cells import parse_boolean
from analysis.normalize.timepoints import timepoint_of
from analysis.problems import ERROR
from tests.test_any_workbook import _workbook
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping


@pytest.mark.parametrize(
    ("text", "point"),
    [
        ("ቅድሚ ሕክምና (Pre-op)", "pre"),
        ("1 ወርሒ (1 month)", "1m"),
        ("12 ወርሒ (12 months)", "12m"),
        ("পূৰ্বে (Pre)", "pre"),
        ("৩ মাহ (3 m)", "3m"),
    ],
)
def test_tigrinya_and_assamese_time_points(text, point):
    assert timepoint_of(text) == point


@pytest.mark.parametrize(
    ("word", "answer"), [("እወ", True), ("ኣይፋል", False), ("হয়", True), ("নহয়", False)]
)
def test_tigrinya_and_assamese_yes_and_no(word, answer):
    assert parse_boolean(word) is answer


_POINTS = ["ቅድሚ ሕክምና (Pre-op)", "24 ሰዓት (24 h)", "1 ወርሒ (1 month)", "3 ወርሒ (3 months)"]


def _tigrinya(path):
    register = [
        ["መዝገብ — VP register"],
        [],
        ["መለለዪ ቁጽሪ", "ሕክምና", "ጾታ", "ዕድመ", "ዕለት ሕክምና", "ደረጃ", "ሲሚንቶ ብጠቕላላ (ml)", "ምፍሳስ", "ዝሞተ"],
        [
            "Study ID",
            "Session",
            "Sex",
            "Age",
            "Date of procedure",
            "Level(s)",
            "Total cement (ml)",
            "Leakage",
            "Died",
        ],
        ["ER-01", "1ይ", "ኣንስተይቲ", 71, datetime(2022, 3, 1), "L1", 4, "የለን", "ኣይፋል"],
        ["ER-01", "2ይ", None, None, datetime(2022, 6, 1), "L2", 3.5, "L2 – venous", None],
        ["ER-02", "1ይ", "ተባዕታይ", 66, datetime(2022, 4, 2), "T12", 5, "የለን", "እወ"],
        ["ER-03", "1ይ", "ኣንስተይቲ", 80, datetime(2022, 5, 3), "L3", 4.5, "የለን", "ኣይፋል"],
    ]
    head = ["መለለዪ ቁጽሪ (Study ID)", "ሕክምና (Session)", *_POINTS]
    vas = [
        ["ቃንዛ — Pain VAS (0–10)"],
        [],
        head,
        ["ER-01", "1ይ", 8, 6, 3, "ናብ 2ይ ሕክምና"],
        ["ER-01", "2ይ", 7, None, 2, 1],
        ["ER-02", "1ይ", 9, 5, "ኣይመጸን", "ሞይቱ"],
        ["ER-03", "1ይ", 6, 4, 3, "ኣይመጸትን"],
    ]
    odi = [
        ["Oswestry Disability Index (%)"],
        [],
        head,
        ["ER-01", "1ይ", 60, 50, 40, "ናብ 2ይ ሕክምና"],
        ["ER-01", "2ይ", 56, None, 30, 20],
        ["ER-02", "1ይ", 70, 52, "ኣይመጸን", "ሞይቱ"],
        ["ER-03", "1ይ", 48, 40, 30, "ኣይመጸትን"],
    ]
    return _workbook(path, {"መዝገብ": register, "ቃንዛ (VAS)": vas, "ODI": odi})


def test_a_tigrinya_register_with_one_sheet_per_measure_loads_exactly(tmp_path):
    path = _tigrinya(tmp_path / "asmara.xlsx")
    loaded = load_cohort(path)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    got = loaded.cohort.patients.set_index("patient_id")
    assert got["sex"].to_dict() == {"ER-01": "female", "ER-02": "male", "ER-03": "female"}
    assert got["died"].astype(bool).to_dict() == {"ER-01": False, "ER-02": True, "ER-03": False}
    procs = loaded.cohort.procedures.set_index("procedure_id")
    assert procs["leakage"].to_dict() == {
        "ER-01-1": "none", "ER-01-2": "venous", "ER-02-1": "none", "ER-03-1": "none"
    }  # fmt: skip
    a = loaded.cohort.assessments
    scores = {(p, m, t): float(v) for p, m, t, v in a[["procedure_id", "measure", "timepoint", "value"]].itertuples(index=False)}  # fmt: skip
    assert scores == {
        ("ER-01-1", "pain_vas", "pre"): 8, ("ER-01-1", "pain_vas", "24h"): 6, ("ER-01-1", "pain_vas", "1m"): 3,
        ("ER-01-2", "pain_vas", "pre"): 7, ("ER-01-2", "pain_vas", "1m"): 2, ("ER-01-2", "pain_vas", "3m"): 1,
        ("ER-02-1", "pain_vas", "pre"): 9, ("ER-02-1", "pain_vas", "24h"): 5,
        ("ER-03-1", "pain_vas", "pre"): 6, ("ER-03-1", "pain_vas", "24h"): 4, ("ER-03-1", "pain_vas", "1m"): 3,
        ("ER-01-1", "odi", "pre"): 60, ("ER-01-1", "odi", "24h"): 50, ("ER-01-1", "odi", "1m"): 40,
        ("ER-01-2", "odi", "pre"): 56, ("ER-01-2", "odi", "1m"): 30, ("ER-01-2", "odi", "3m"): 20,
        ("ER-02-1", "odi", "pre"): 70, ("ER-02-1", "odi", "24h"): 52,
        ("ER-03-1", "odi", "pre"): 48, ("ER-03-1", "odi", "24h"): 40, ("ER-03-1", "odi", "1m"): 30,
    }  # fmt: skip
    _reproduced_by_its_mapping(path, tmp_path)


def _assamese(path):
    points = ["পূৰ্বে (Pre)", "১ মাহ (1 m)", "৩ মাহ (3 m)"]
    top = ["ৰোগীৰ বিৱৰণ (Patient details)", None, None, "প্ৰক্ৰিয়া (Procedure)", None, None, None]
    top += ["বেদনা VAS (০–১০)", None, None, "অনুবৰ্তী তাৰিখ (Follow-up dates)", None]
    top += ["পুনৰ প্ৰক্ৰিয়া (Repeat procedure)", None, None, None, "ফলাফল (Outcome)"]
    sub = ["অধ্যয়ন নং (Study No.)", "লিংগ (Sex)", "বয়স (Age)", "তাৰিখ (Date)", "স্তৰ (Level)"]
    sub += ["চিমেণ্ট (ml)", "লিকেজ (Leakage)", *points, *points[1:]]
    sub += ["তাৰিখ (Date)", "স্তৰ (Level)", "চিমেণ্ট (ml)", "চিমেণ্টৰ প্ৰকাৰ (Cement)", "মৃত্যু (Died)"]  # fmt: skip
    rows = [
        [
            "AS-01",
            "পুৰুষ",
            "৬৩",
            "21-07-2022",
            "D12",
            "4",
            "নাই",
            "৭",
            "৩",
            "২",
            "23-08-2022",
            "19-10-2022",
            None,
            None,
            None,
            None,
            "নহয়",
        ],
        [
            "AS-02",
            "মহিলা",
            "৭৯",
            "26-07-2022",
            "L1",
            "3.5",
            "L1 - disc",
            "৯",
            "অহা নাই",
            "৪",
            None,
            "27-10-2022",
            "09-11-2022",
            "D11",
            3,
            "PMMA",
            "হয়",
        ],
        [
            "AS-03",
            "মহিলা",
            70,
            "01-09-2022",
            "L2",
            "5",
            "নাই",
            8,
            4,
            "অহা নাই",
            "03-10-2022",
            "31-11-2022",
            None,
            None,
            None,
            None,
            "নহয়",
        ],
    ]
    sheet = [["Register"], [], top, sub, *rows]
    merges = [("R", r) for r in ("A3:C3", "D3:G3", "H3:J3", "K3:L3", "M3:P3")]
    return _workbook(path, {"R": sheet}, merges)


def test_an_assamese_register_with_group_headers_loads_exactly(tmp_path):
    path = _assamese(tmp_path / "guwahati.xlsx")
    loaded = load_cohort(path)
    errors = [p for p in loaded.problems if p.severity == ERROR]
    # the one impossible follow-up date (31 November), named on its cell
    assert [(p.row, p.cell) for p in errors] == [(7, "L7")]
    got = loaded.cohort.patients.set_index("patient_id")
    assert got["sex"].to_dict() == {"AS-01": "male", "AS-02": "female", "AS-03": "female"}
    assert got["died"].astype(bool).to_dict() == {"AS-01": False, "AS-02": True, "AS-03": False}
    procs = loaded.cohort.procedures.set_index("procedure_id")
    assert procs.loc["AS-02-2", ["level", "cement_volume_ml", "cement_type"]].tolist() == ["T11", 3.0, "PMMA"]  # fmt: skip
    assert procs["leakage"].dropna().to_dict() == {"AS-01-1": "none", "AS-02-1": "disc", "AS-03-1": "none"}  # fmt: skip
    a = loaded.cohort.assessments
    vas = {(p, t): float(v) for p, t, v in a[["procedure_id", "timepoint", "value"]].itertuples(index=False)}  # fmt: skip
    assert vas == {
        ("AS-01-1", "pre"): 7, ("AS-01-1", "1m"): 3, ("AS-01-1", "3m"): 2,
        ("AS-02-1", "pre"): 9, ("AS-02-1", "3m"): 4,
        ("AS-03-1", "pre"): 8, ("AS-03-1", "1m"): 4,
    }  # fmt: skip
    hows = {c.letter: (c.label, c.reason) for c in inspect_input(path).columns}
    assert hows["L"][0] == "date:visit_date@3m" and "the visits' dates" in hows["L"][1]
    assert hows["N"][0] == "procedures.level" and hows["O"][0] == "procedures.cement_volume_ml"
    _reproduced_by_its_mapping(path, tmp_path)


def test_a_group_of_follow_up_dates_names_the_visits_date():
    from analysis.normalize.headers import match_header

    assert match_header("Follow-up dates").label == "date:visit_date"
    assert match_header("অনুবৰ্তী তাৰিখ (Follow-up dates)").label == "date:visit_date"
