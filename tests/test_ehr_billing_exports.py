"""A US hospital's EHR exports as a folder of CSVs: demographics, one billed CPT line per
treated vertebra, flowsheet rows (one measurement per row, the visit named by its
reason) and MRI reports naming new fractures in their impression."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from analysis.load import load_cohort
from analysis.load.codebook import is_codebook
from analysis.load.fracture_reports import fracture_reports
from analysis.load.header_columns import HeaderColumn
from analysis.normalize import match_header
from analysis.normalize.cells import parse_cell
from analysis.normalize.timepoints import session_of, timepoint_of
from analysis.spec import load_spec

AMBULATION = '"AMBULATION STATUS (0=INDEP,1=CANE,2=WALKER,3=WHEELCHAIR,4=BEDBOUND)"'

DEMOGRAPHICS = """PAT_MRN_ID,STUDY_ID,SEX
001,P01,F
002,P02,M
003,P03,F
004,P04,F
"""

PROCEDURES = """PAT_MRN_ID,STUDY_ID,SURGERY_DATE,CPT_CODE,SPINE_LEVEL,PRIMARY_DX_CODE,IMPLANT_NAME,CEMENT_VOL_ML
001,P01,01/10/2022,22514,L2,M80.08XA,KYPHON XPEDE BONE CEMENT,5
001,P01,01/10/2022,22515,L3,M80.08XA,KYPHON XPEDE BONE CEMENT,4
002,P02,02/01/2022,22511,L4,D18.09,STRYKER SPINEPLEX BONE CEMENT,3
003,P03,03/01/2022,22510,T8,C79.51,STRYKER SPINEPLEX BONE CEMENT,2.5
004,P04,04/01/2022,22513,T12,S22.080A,KYPHON XPEDE BONE CEMENT,6
004,P04,09/01/2022,22513,T10,S22.080A,KYPHON XPEDE BONE CEMENT,4
"""

_VISITS = [  # each visit dated at its time point after the procedure
    ("IR PRE-PROCEDURE EVAL", 7, 60, 0),
    ("IR POST-PROC F/U 2 WK", 3, 40, 14),
    ("IR POST-PROC F/U 3 MO", 2, 30, 91),
]


def _flowsheets() -> str:
    lines = ["PAT_MRN_ID,STUDY_ID,VISIT_REASON,APPT_STATUS,RECORDED_TIME,FLO_MEAS_NAME,MEAS_VALUE"]
    dates = {"P01": "01/10/2022", "P02": "02/01/2022", "P03": "03/01/2022", "P04": "04/01/2022"}
    for k, pid in enumerate(("P01", "P02", "P03", "P04"), start=1):
        for reason, pain, odi, days in _VISITS:
            seen = datetime.strptime(dates[pid], "%m/%d/%Y") + timedelta(days=days)
            when = f"{seen:%m/%d/%Y} 09:00"
            lines.append(f"00{k},{pid},{reason},Completed,{when},PAIN SCORE (NRS 0-10),{pain}")
            lines.append(f"00{k},{pid},{reason},Completed,{when},OSWESTRY DISABILITY INDEX TOTAL (%),{odi}")  # fmt: skip
            lines.append(f"00{k},{pid},{reason},Completed,{when},{AMBULATION},2")
    lines.append("004,P04,IR PRE-PROCEDURE EVAL (REPEAT AUGMENTATION),Completed,09/01/2022 08:00,PAIN SCORE (NRS 0-10),8")  # fmt: skip
    lines.append("004,P04,IR POST-PROC F/U 1 MO (REPEAT AUGMENTATION),Completed,10/01/2022 08:00,PAIN SCORE (NRS 0-10),1")  # fmt: skip
    lines.append("003,P03,IR POST-PROC F/U 12 MO,No Show,,,")
    return "\n".join(lines) + "\n"


IMAGING = """PAT_MRN_ID,STUDY_ID,ACCESSION,EXAM_DATE,PROC_NAME,IMPRESSION
001,P01,RAD1,03/11/2022,MRI SPINE LUMBAR WO CONTRAST,Acute compression fracture of the L4 vertebral body with marrow edema.
003,P03,RAD2,05/30/2022,MRI SPINE THORACIC WO CONTRAST,Acute compression fracture of the T7 vertebral body with marrow edema.
004,P04,RAD3,08/20/2022,MRI SPINE THORACIC WO CONTRAST,Acute compression fracture of the T10 vertebral body with marrow edema.
"""


@pytest.fixture
def exports(tmp_path):
    folder = tmp_path / "input"
    folder.mkdir()
    (folder / "demographics.csv").write_text(DEMOGRAPHICS)
    (folder / "procedures.csv").write_text(PROCEDURES)
    (folder / "flowsheets.csv").write_text(_flowsheets())
    (folder / "imaging.csv").write_text(IMAGING)
    return folder


def test_the_exports_load_every_patient_and_value(exports):
    result = load_cohort(exports)
    c = result.cohort
    assert not result.errors
    assert sorted(c.patients.patient_id) == ["P01", "P02", "P03", "P04"]
    # the technique from the CPT code, the cement from the implant's name
    got = {(p, lv): (t, ct) for p, lv, t, ct in c.procedures[["patient_id", "level", "technique", "cement_type"]].itertuples(index=False)}  # fmt: skip
    assert got[("P01", "L2")] == ("kyphoplasty", "PMMA")
    assert got[("P02", "L4")] == ("vertebroplasty", "PMMA")
    assert got[("P03", "T8")] == ("vertebroplasty", "PMMA")
    # the cause from the ICD-10 code: a haemangioma (D18) is no malignancy
    causes = dict(c.patients[["patient_id", "etiology"]].itertuples(index=False))
    assert causes == {"P01": "osteoporotic", "P02": "other", "P03": "pathologic", "P04": "traumatic"}  # fmt: skip
    # one measurement per row, the time point and session from the visit's reason
    a = c.assessments
    scores = {(r.procedure_id, r.measure, r.timepoint): r.value for r in a.itertuples()}
    assert scores[("P01-1", "pain_vas", "pre")] == 7
    assert scores[("P02-1", "odi", "2w")] == 40
    assert scores[("P03-1", "mobility", "3m")] == 2
    assert scores[("P04-1", "pain_vas", "pre")] == 7
    assert scores[("P04-2", "pain_vas", "pre")] == 8  # the repeat augmentation's
    assert scores[("P04-2", "pain_vas", "1m")] == 1
    # new fractures from the MRI impressions, dated by the examination
    fractures = {tuple(r) for r in c.fractures[["patient_id", "day", "level"]].itertuples(index=False)}  # fmt: skip
    assert fractures == {("P01", 60, "L4"), ("P03", 90, "T7"), ("P04", 141, "T10")}


def test_a_measurement_export_naming_a_measures_codes_is_no_codebook(exports, tmp_path):
    assert not is_codebook(exports / "flowsheets.csv")
    book = tmp_path / "codebook.csv"
    book.write_text("variable,codes\nsex,\"1=Female, 2=Male\"\ncement,\"1=PMMA, 2=Other\"\nage,years\n")  # fmt: skip
    assert is_codebook(book)


def test_a_legend_of_codes_in_a_header_is_set_aside():
    found = match_header("Ambulation status (0=indep, 1=cane, 2=walker)")
    assert found is not None and found.measure == "mobility"


@pytest.mark.parametrize(
    ("text", "point", "session"),
    [
        ("IR PRE-PROCEDURE EVAL", "pre", None),
        ("IR POST-PROC F/U 2 WK", "2w", None),
        ("IR POST-PROC F/U 3 MO (REPEAT AUGMENTATION)", "3m", 2),
        ("6 months (repeat)", "6m", None),  # a repeat alone may be a measurement's
    ],
)
def test_a_visit_reason_names_its_time_point_and_session(text, point, session):
    assert timepoint_of(text) == point
    assert session_of(text) == session


def test_cpt_codes_name_the_technique():
    col = load_spec().column("procedures", "technique")
    assert parse_cell("22512", col) == "vertebroplasty"
    assert parse_cell("22515", col) == "kyphoplasty"


@pytest.mark.parametrize(
    "reports",
    [
        ["No acute fracture. Stable augmentation at T12."] * 3,  # says no
        ["Acute fractures of L1 and L3 with marrow edema."] * 3,  # names two levels
        ["Fracture of L1 filled with 5 ml of bone cement."] * 3,  # an operative note
    ],
)
def test_reports_not_each_naming_one_fracture_are_not_read(reports):
    col = HeaderColumn(6, "IMPRESSION", None, 0.0, 0, 0, "")
    assert fracture_reports(col, reports, None) is None
    good = ["Acute compression fracture of the L3 vertebral body with marrow edema."] * 3
    read = fracture_reports(col, good, None)
    assert read is not None and read.target is not None and read.target.label == "fractures.level"
