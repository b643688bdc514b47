"""A follow-up list of visit rows grouped under a heading row per patient, the heading a
merged cell of parts apart by spaced dashes (study ID, name and birth date, record and
telephone numbers, sex, age, cause), the header naming no study ID: read as one row per
visit, each with its heading's study ID and patient's fields, the identifiers never read
or shown, every message naming the cell the user sees."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl

from analysis.io import read_workbook
from analysis.load import inspect_input, load_cohort
from analysis.load.heading_rows import find_heading_rows
from analysis.problems import ERROR
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

HEADER = ["Visit", "Date", "Level(s)", "Technique", "Cement (mL)", "Leak", "VAS", "ODI", "Comment"]  # fmt: skip
IDENTIFIERS = ("MOANA Tiare", "03/05/1948", "7713904", "88 21 40", "DUPONT Marc", "17/11/1952", "6620418")  # fmt: skip
# fmt: off
PATIENTS = [
    ("Patient RV-11 — MOANA Tiare, born 03/05/1948 — MRN 7713904 — tel. 88 21 40 — F — 74 years — Osteoporotic fracture", [
        ("Pre-op", datetime(2022, 3, 1), None, None, None, None, 8, 60, None),
        ("Procedure", datetime(2022, 3, 2), "T12", "VP", 4.5, "none", None, None, None),
        ("Day 1", datetime(2022, 3, 3), None, None, None, None, 5, None, None),
        ("3 months", datetime(2022, 6, 2), None, None, None, None, 15, 30, None),
    ]),
    ("Patient RV-12 — DUPONT Marc, born 17/11/1952 — MRN 6620418 — M — 69 years — Myeloma", [
        ("Pre-op", datetime(2022, 4, 4), None, None, None, None, 9, 70, None),
        ("Procedure", datetime(2022, 4, 5), "L2", "KP", 5, "venous", None, None, None),
        ("Day 1", datetime(2022, 4, 6), None, None, None, None, 4, None, None),
    ]),
    ("Patient RV-13 — F — 80 years — Osteoporotic fracture", []),
]
# fmt: on


def _follow_up_list(path: Path) -> Path:
    """Title line, blank, header, then per patient a heading merged across the table, its
    visit rows and a blank row."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Follow-up"
    ws.append(["Vertebral augmentation follow-up"])
    ws.append([])
    ws.append(HEADER)
    for heading, visits in PATIENTS:
        ws.append([heading])
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=len(HEADER))  # fmt: skip
        for visit in visits:
            ws.append(list(visit))
        ws.append([])
    wb.save(path)
    return path


def test_visit_rows_take_their_heading_s_patient(tmp_path):
    loaded = load_cohort(_follow_up_list(tmp_path / "list.xlsx"))
    patients = loaded.cohort.patients.set_index("patient_id")
    assert list(patients.index) == ["RV-11", "RV-12"]
    assert list(patients["sex"]) == ["female", "male"]
    assert list(patients["age_years"]) == [74, 69]
    assert list(patients["etiology"]) == ["osteoporotic", "pathologic"]
    # a heading with no visit under it: its patient reported on the heading, never lost
    alone = [p for p in loaded.problems if p.severity == ERROR and p.cell == "A15"]
    assert len(alone) == 1 and "RV-13 has no procedure" in alone[0].message
    procs = loaded.cohort.procedures
    read = [(r["patient_id"], r["day"], r["level"], r["cement_volume_ml"]) for r in procs.to_dict("records")]  # fmt: skip
    assert read == [("RV-11", 0, "T12", 4.5), ("RV-12", 0, "L2", 5.0)]
    scores = {
        (r["patient_id"], r["measure"], r["timepoint"], r["value"])
        for r in loaded.cohort.assessments.to_dict("records")
    }
    assert ("RV-11", "odi", "pre", 60) in scores and ("RV-12", "pain_vas", "24h", 4) in scores
    assert loaded.rows_in == loaded.rows_loaded + loaded.rows_reported


def test_a_bad_visit_cell_is_named_on_the_sheet_and_no_identifier_is_shown(tmp_path):
    path = _follow_up_list(tmp_path / "list.xlsx")
    loaded = load_cohort(path)
    errors = [p for p in loaded.problems if p.severity == ERROR]
    assert [(p.sheet, p.cell) for p in errors] == [("Follow-up", "G8"), ("Follow-up", "A15")]
    assert "pain_vas must lie within 0-10" in errors[0].message  # VAS 15, on its own cell
    inspection = inspect_input(path)
    shown = "\n".join(
        [f"{p} {p.value} {p.column}" for p in loaded.problems]
        + [getattr(loaded.cohort, t).to_csv() for t in ("patients", "procedures", "assessments")]
        + [inspection.to_frame().to_csv(), inspection.mapping_yaml()]
    )
    assert [w for w in IDENTIFIERS if w in shown] == []
    assert [t.get("shape") for t in inspection.mapping()["tables"]] == ["heading-rows"]
    _reproduced_by_its_mapping(path, tmp_path)


def test_a_sheet_with_a_study_id_column_is_read_as_it_is(tmp_path):
    path = _follow_up_list(tmp_path / "list.xlsx")
    wb = openpyxl.load_workbook(path)
    wb.active["J3"] = "Study ID"
    wb.save(path)
    assert find_heading_rows(next(iter(read_workbook(path)))) is None


# A log whose headings keep their parts apart by runs of spaces, in a first column the
# header leaves unnamed, the patient's name and record number in the notes column beside.
SPACED_HEADER = [None, "Visit", "Date", "Level(s)", "Technique", "Cement (mL)", "VAS", "Notes"]
SPACED_IDENTIFIERS = ("Lani Kabua", "MR# 99-5014", "5/24/1956")
# fmt: off
SPACED = [
    ("Patient MK-01  F  72y  dx: osteoporosis", [
        (None, "Procedure", datetime(2022, 3, 2), "T12", "VP", 4.5, None, None),
        (None, "Pre-op", datetime(2022, 3, 1), None, None, None, 8, None),
        (None, "3 months", datetime(2022, 6, 2), None, None, None, 3, None),
    ]),
    ("Patient MK-02  M  66y  dx: mets (prostate ca)", [
        (None, "Procedure", datetime(2022, 4, 5), "L2", "KP", 5, None, None),
        (None, "Pre-op", datetime(2022, 4, 4), None, None, None, 9, None),
    ]),
]
# fmt: on


def _spaced_log(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Log"
    ws.append(["Clinic log"])
    ws.append([])
    ws.append(SPACED_HEADER)
    for heading, visits in SPACED:
        ws.append([heading, None, None, None, None, None, None, "Lani Kabua - MR# 99-5014 - DOB 5/24/1956"])  # fmt: skip
        for visit in visits:
            ws.append(list(visit))
        ws.append([])
    wb.save(path)
    return path


def test_headings_apart_by_runs_of_spaces_beside_a_notes_cell(tmp_path):
    path = _spaced_log(tmp_path / "log.xlsx")
    found = find_heading_rows(next(iter(read_workbook(path))))
    assert found is not None and [i for i, _ in found.headings] == [3, 8]
    loaded = load_cohort(path)
    patients = loaded.cohort.patients.set_index("patient_id")
    assert list(patients.index) == ["MK-01", "MK-02"]
    assert list(patients["sex"]) == ["female", "male"]
    assert list(patients["age_years"]) == [72, 66]
    assert list(patients["etiology"]) == ["osteoporotic", "pathologic"]
    procs = loaded.cohort.procedures
    assert [(r["patient_id"], r["level"]) for r in procs.to_dict("records")] == [("MK-01", "T12"), ("MK-02", "L2")]  # fmt: skip
    shown = "\n".join(
        [f"{p} {p.value} {p.column}" for p in loaded.problems]
        + [getattr(loaded.cohort, t).to_csv() for t in ("patients", "procedures", "assessments")]
        + [inspect_input(path).mapping_yaml()]
    )
    assert [w for w in SPACED_IDENTIFIERS if w in shown] == []
    _reproduced_by_its_mapping(path, tmp_path)


# A log whose one column holds a procedure row's level and a visit row's time point
# (``level / visit``), a row kind in the unheaded first column, and a heading naming no
# study ID between two that do.
SHARED_HEADER = [None, "date", "level / visit", "VP/KP", "cement cc", "leak", "pain 0-10"]
# fmt: off
SHARED = [
    ("Patient MK-01  F  72y  dx: osteoporosis", [
        ("proc", datetime(2022, 3, 2), "T12", "VP", 4.5, "ejjelok", None),
        ("visit", datetime(2022, 3, 1), "pre", None, None, None, 8),
        ("visit", datetime(2022, 6, 2), "3 mo", None, None, None, 3),
    ]),
    ("Patient   F  80y  dx: osteoporosis", [
        ("proc", datetime(2022, 5, 5), "L1", "VP", 3, "none", None),
        ("visit", datetime(2022, 5, 4), "pre", None, None, None, 7),
    ]),
    ("Patient MK-02  M  66y  dx: mets (prostate ca)", [
        ("proc", datetime(2022, 4, 5), "L2 + L3", "KP", "9 total", "none", None),
        ("visit", datetime(2022, 4, 4), "pre", None, None, None, 9),
        ("visit", datetime(2022, 4, 19), "2 wks", None, None, None, 4),
    ]),
]
# fmt: on


def _shared_log(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Log"
    ws.append(["Clinic log"])
    ws.append([])
    ws.append(SHARED_HEADER)
    for heading, rows in SHARED:
        ws.append([heading])
        for row in rows:
            ws.append(list(row))
        ws.append([])
    wb.save(path)
    return path


def test_a_column_shared_by_a_level_and_a_visit_and_a_heading_naming_no_id(tmp_path):
    path = _shared_log(tmp_path / "log.xlsx")
    loaded = load_cohort(path)
    assert list(loaded.cohort.patients["patient_id"]) == ["MK-01", "MK-02"]
    procs = loaded.cohort.procedures
    read = [(r["patient_id"], r["level"], r["leakage"]) for r in procs.to_dict("records")]
    assert read == [("MK-01", "T12", "none"), ("MK-02", "L2", "none"), ("MK-02", "L3", "none")]
    scores = {
        (r["patient_id"], r["timepoint"], r["value"])
        for r in loaded.cohort.assessments.to_dict("records")
    }
    assert {("MK-01", "3m", 3), ("MK-02", "pre", 9), ("MK-02", "2w", 4)} <= scores
    # the heading with no study ID: its procedure reported on it, never given to MK-01
    missing = [p for p in loaded.problems if p.severity == ERROR and "no patient identifier" in p.message]  # fmt: skip
    assert missing and {p.cell for p in missing} == {"A9"}
    _reproduced_by_its_mapping(path, tmp_path)


def test_marshallese_words_for_a_death_and_a_missed_visit():
    from analysis.normalize import is_missing
    from analysis.normalize.deaths import names_death

    assert names_death("emej 4/9/2024")
    assert is_missing("ejjab itok")
