"""An EHR's encounter export (CSV): one row per encounter (a consult, the procedure, the
follow-up visits, an imaging study, a telephone call), the patient's cells repeated on
each, the age on each encounter's date; the procedure's CPT codes one per level
(``22511, +22512``) and its levels, technique, session cement total and leaks in the
radiologist's text (``PERC VERTEBROPLASTY T12 AND L1 (...). CEMENT: PMMA 7.5 ML TOTAL.
...``); pain written ``7/10``; the pre-procedure consult naming no time point (read by its
date); a second procedure's consult naming the new fracture it treats (``- new fx``)."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import pytest

from analysis.load import load_cohort
from analysis.normalize.cells import CellError, parse_category
from analysis.normalize.notes import read_note
from analysis.problems import ERROR
from analysis.spec import load_spec
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

HEADER = ["Research ID", "Sex", "Age at Enc", "Enc Date", "Enc Type", "Enc Status", "Visit Reason"]
HEADER += ["CPT Codes", "Procedure Description", "Pain Score", "ODI Score (%)", "Comment"]
# patient: (first procedure, age then, birthday after it (days), levels, technique, leak text)
DISC = "TRACE CEMENT EXTRAVASATION INTO THE DISC SPACE AT L1"
NONE = "NO CEMENT EXTRAVASATION"
PATIENTS = {
    "EX-01": (date(2022, 3, 1), 71, 400, ["T12", "L1"], "vp", DISC),
    "EX-02": (date(2022, 4, 5), 80, 400, ["L2"], "kp", NONE),
    "EX-03": (
        date(2022, 5, 9),
        66,
        400,
        ["T11", "T12", "L1"],
        "kp",
        "NO EXTRAVASATION ON FINAL FLUORO",
    ),
    "EX-04": (date(2022, 6, 2), 74, 400, ["L1"], "vp", NONE),
    "EX-05": (date(2022, 7, 4), 69, 400, ["T12"], "vp", NONE),
    "EX-06": (date(2022, 8, 1), 77, 50, ["L3", "L4"], "vp", NONE),
}
CODES = {"vp": ("22510", "22511", "+22512"), "kp": ("22513", "22514", "+22515")}
NAMES = {"vp": "PERC VERTEBROPLASTY", "kp": "PERC BALLOON KYPHOPLASTY"}


def _procedure(levels: list[str], tech: str, total: float, leak: str, written=None) -> list[str]:
    first, lumbar, more = CODES[tech]
    codes = ", ".join([lumbar if levels[0].startswith("L") else first] + [more] * (len(levels) - 1))
    shown = written or levels
    named = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " AND " + shown[-1]
    text = f"{NAMES[tech]} {named} (BILATERAL TRANSPEDICULAR). CEMENT: PMMA {total:g} ML TOTAL. {leak}."  # fmt: skip
    return [codes, text]


def _encounters(pid: str) -> list[tuple[int, str, str, list[str], str, str, str]]:
    """One patient's encounters: days from the first procedure, type, reason, CPT codes
    and procedure text, pain, ODI, comment."""
    _, _, _, levels, tech, leak = PATIENTS[pid]
    written = ["L3", "L7"] if pid == "EX-06" else None
    proc = _procedure(levels, tech, 2.5 * len(levels) + 2.5, leak, written)
    out = [
        (-8, "Office Visit", "Pre-procedure consult", ["", ""], "8/10", "62", ""),
        (0, "Hospital Outpatient Procedure", "Vertebral compression fx", proc, "", "", ""),
        (6, "Telephone", "Pain med question", ["", ""], "", "", "RN call back"),
        (15, "Office Visit", "2 wk post-op", ["", ""], "4/10", "", ""),
        (
            93,
            "Office Visit",
            "3 mo follow-up",
            ["", ""],
            "12/10" if pid == "EX-04" else "2/10",
            "30",
            "",
        ),
    ]
    if pid == "EX-05":
        out += [
            (
                100,
                "Imaging",
                "New back pain",
                ["", ""],
                "",
                "",
                "MRI T/L SPINE: NEW ACUTE COMPRESSION FX L3",
            ),
            (105, "Office Visit", "Pre-procedure consult - new fx", ["", ""], "9/10", "70", ""),
            (
                110,
                "Hospital Outpatient Procedure",
                "Vertebral compression fx (2nd procedure)",
                _procedure(["L3"], "vp", 3.5, NONE),
                "",
                "",
                "",
            ),
            (125, "Office Visit", "2 wk post-op (2nd procedure)", ["", ""], "3/10", "", ""),
        ]
    return out


def _rows() -> list[list[str]]:
    """Each patient's encounters in date order: EX-04's 3-month pain ``12/10``; EX-05's
    new L3 fracture on an MRI, its consult naming it and its second procedure; EX-06's
    procedure text naming L7 for L4, its age one more after a birthday."""
    rows = []
    for pid, (day0, age, birthday, *_) in PATIENTS.items():
        for day, kind, reason, proc, pain, odi, comment in _encounters(pid):
            when = day0 + timedelta(days=day)
            older = age + (day >= birthday)
            rows.append([pid, "F", str(older), f"{when:%m/%d/%Y}", kind, "Completed", reason, *proc, pain, odi, comment])  # fmt: skip
    return rows


@pytest.fixture(scope="module")
def export(tmp_path_factory) -> tuple[Path, object]:
    path = tmp_path_factory.mktemp("ehr") / "encounters.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([HEADER, *_rows()])
    return path, load_cohort(path)


def test_a_cell_of_billed_codes_names_the_technique_all_its_codes_name():
    technique = load_spec().column("procedures", "technique")
    assert parse_category("22511, +22512, +22512", technique) == "vertebroplasty"
    assert parse_category("22513, +22515", technique) == "kyphoplasty"
    with pytest.raises(CellError, match="not a recognised technique"):
        parse_category("22511, +22515", technique)  # two techniques billed: no one value


def test_a_note_gives_the_session_total_in_a_sentence_naming_no_vertebra():
    note = read_note("PERC VERTEBROPLASTY T12 AND L1 (BILATERAL). CEMENT: PMMA 7.5 ML TOTAL. NO CEMENT EXTRAVASATION.")  # fmt: skip
    assert note is not None
    assert (note.levels, note.volumes, note.total, note.no_leak) == (("T12", "L1"), (), "7.5 ml", True)  # fmt: skip
    own = read_note("T7 2.5 ml, T8 5.5 ml, PMMA. Total 8 ml.")
    assert own is not None and own.volumes == ("2.5 ml", "5.5 ml") and own.total is None


def test_the_procedure_text_gives_levels_technique_total_and_leaks(export):
    _, loaded = export
    procs = loaded.cohort.procedures.set_index(["patient_id", "level"])
    ex1 = procs.loc["EX-01"]
    assert ex1["technique"].tolist() == ["vertebroplasty", "vertebroplasty"]
    assert ex1["session_cement_volume_ml"].tolist() == [7.5, 7.5]
    assert ex1["leakage"].to_dict() == {"T12": "none", "L1": "disc"}
    assert procs.loc[("EX-02", "L2"), ["technique", "cement_volume_ml"]].tolist() == ["kyphoplasty", 5.0]  # fmt: skip
    assert len(procs.loc["EX-03"]) == 3


def test_the_consult_is_the_baseline_by_its_date_and_said(export):
    _, loaded = export
    scores = loaded.cohort.assessments
    procs = loaded.cohort.procedures
    first = procs[(procs["patient_id"] == "EX-01")]["procedure_id"].iloc[0]
    pre = scores[(scores["procedure_id"] == first) & (scores["timepoint"] == "pre")]
    assert sorted(zip(pre["measure"], pre["value"], strict=True)) == [("odi", 62.0), ("pain_vas", 8.0)]  # fmt: skip
    said = [p for p in loaded.problems if p.rule == "timepoint" and p.row == 2]
    assert said and "read at the time point its visit date names" in said[0].message


def test_a_second_procedures_consult_naming_its_fracture_is_a_visit(export):
    _, loaded = export
    procs = loaded.cohort.procedures
    ex5 = procs[procs["patient_id"] == "EX-05"].sort_values("day")
    assert ex5["level"].tolist() == ["T12", "L3"]
    second = ex5["procedure_id"].iloc[1]
    scores = loaded.cohort.assessments
    pre = scores[(scores["procedure_id"] == second) & (scores["timepoint"] == "pre")]
    assert dict(zip(pre["measure"], pre["value"], strict=True)) == {"pain_vas": 9.0, "odi": 70.0}
    fractures = loaded.cohort.fractures
    assert fractures[["patient_id", "level", "day"]].values.tolist() == [["EX-05", "L3", 100]]


def test_the_exports_mistakes_are_named_on_their_cells_and_nothing_else(export):
    _, loaded = export
    rows = _rows()
    bad_pain = 2 + next(i for i, r in enumerate(rows) if r[9] == "12/10")
    bad_level = 2 + next(i for i, r in enumerate(rows) if "L7" in r[8])
    errors = [p for p in loaded.problems if p.severity == ERROR]
    assert {p.cell for p in errors} == {f"J{bad_pain}", f"I{bad_level}"}
    assert loaded.cohort.patients["patient_id"].tolist() == ["EX-01", "EX-02", "EX-03", "EX-04", "EX-05"]  # fmt: skip
    assert loaded.cohort.patients.set_index("patient_id")["age_years"].to_dict()["EX-01"] == 71


def test_the_mapping_inspect_writes_reads_the_export_alike(export, tmp_path):
    path, _ = export
    _reproduced_by_its_mapping(path, tmp_path)
