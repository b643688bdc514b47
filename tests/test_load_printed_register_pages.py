"""A register made to be printed, in French with Kirundi words: pages of a repeated header,
numbered lines (``N°``) counting on from page to page beside the study codes, a page's
footer (``Page 1/2``) and a signature line; Ego/Oya for yes/no, ntiyaje for a missed visit;
a new fracture's level and date written in one cell."""

from datetime import datetime

import openpyxl

from analysis.load import load_cohort

HEADER = ["N°", "Date opération", "Code", "Âge", "Sexe", "Diagnostic", "Technique", "Niveau",
          "Ciment (ml)", "Fuite", "EVA avant", "EVA M3", "Nouvelle fracture", "Décès"]  # fmt: skip
SIGNATURE = "Signature du Chef de Service : ........ Date : ......"


def _line(n, day, code, age, sex, level, leak, m3, fracture="Oya", died="Oya"):
    return [n, day, code, age, sex, "Ostéoporose", "VP", level, "4", leak, 8, m3, fracture, died]


def _register(path, fracture="Oya"):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Registre"
    ws.append(["Registre des cimentoplasties vertébrales"])
    ws.append([])
    pages = [
        [
            _line(1, datetime(2021, 1, 5), "KB-01", 70, "F", "L1", "Oya", 3),
            _line(2, datetime(2021, 2, 9), "KB-02", 66, "M", "T12", "Ego - veineuse", "ntiyaje"),
            _line(
                3, datetime(2021, 3, 1), "KB-03", 81, "F", "L2", "Oya", 2, died="Ego (02/09/2021)"
            ),
            _line(4, datetime(2021, 4, 7), "KB-04", 59, "F", "T11", "Oya", 4),
        ],
        [
            _line(5, datetime(2021, 5, 3), "KB-05", 75, "M", "L3", "Oya", 3, fracture=fracture),
            _line(6, datetime(2021, 6, 8), "KB-01", None, "F", "L4", "Oya", 2),
            _line(7, datetime(2021, 7, 2), "KB-06", 62, "F", "L1", "Ego - discale", 3),
            _line(8, datetime(2021, 8, 4), "KB-07", 77, "M", "T10", "Oya", 4),
        ],
    ]
    for n, lines in enumerate(pages, 1):
        ws.append(HEADER)
        for line in lines:
            ws.append(line)
        ws.append([f"Page {n}/2"])
        ws.append([SIGNATURE])
        ws.append([])
    wb.save(path)
    return path


def test_register_line_numbers_counting_on_over_pages_are_no_study_id(tmp_path):
    result = load_cohort(_register(tmp_path / "r.xlsx"))
    ids = set(result.cohort.patients["patient_id"])
    assert ids == {f"KB-0{i}" for i in range(1, 8)}
    procs = result.cohort.procedures
    assert len(procs[procs["patient_id"] == "KB-01"]) == 2  # operated twice, one code


def test_kirundi_yes_no_and_missed_visit(tmp_path):
    result = load_cohort(_register(tmp_path / "r.xlsx"))
    pts = result.cohort.patients.set_index("patient_id")
    assert bool(pts.loc["KB-03", "died"]) and not bool(pts.loc["KB-01", "died"])
    leaks = result.cohort.procedures.set_index("patient_id")["leakage"]
    assert leaks["KB-02"] == "venous" and leaks["KB-04"] == "none"
    assert not any("ntiyaje" in str(p) or p.column == "EVA M3" for p in result.errors)


def test_new_fracture_dated_before_operation_is_named_on_its_cell(tmp_path):
    path = _register(tmp_path / "r.xlsx", fracture="Ego L4 le 27/11/2020")
    result = load_cohort(path)
    named = [p for p in result.problems if "before the index procedure" in str(p)]
    assert named and all(p.column == "Nouvelle fracture" for p in named)


def test_page_footer_is_no_patient_row(tmp_path):
    result = load_cohort(_register(tmp_path / "r.xlsx"))
    assert result.errors == []  # rows 8 and 16 (``Page 1/2``, ``Page 2/2``) name no patient
    footers = [p for p in result.problems if p.row in (8, 16)]
    assert footers and all("holds no value" in p.message for p in footers)
