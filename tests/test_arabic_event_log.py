"""An Egyptian unit's event log in Arabic (one row per event): the visit column
(``الزيارة``), the cement named by the cement alone (``الأسمنت``), vertebroplasty as
"injecting the vertebra with cement", two weeks in the dual (``بعد أسبوعين``), visits
named by the second session they follow, written after their time point (``قبل العملية
الثانية``: before the second procedure; ``بعد شهر من العملية الثانية``), and a lone dash
in a leakage column of words read as none."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.load import load_cohort
from analysis.load.header_columns import HeaderColumn, dash_reading
from analysis.load.inspect import inspect_input
from analysis.normalize import Target
from analysis.normalize.timepoints import session_named_last, timepoint_of
from analysis.problems import ERROR
from tests.test_any_workbook import _workbook
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

_HEADER = ["كود المريض", "النوع", "السن", "التاريخ", "الزيارة", "الفقرات", "نوع العملية",
           "الأسمنت", "كمية الأسمنت (مل)", "تسرب الأسمنت", "VAS"]  # fmt: skip
# fmt: off
_ROWS = [
    _HEADER,
    ["A1", "ذكر", 70, "01/03/2022", "قبل العملية", None, None, None, None, None, 8],
    ["A1", None, None, "02/03/2022", "العملية", "D12", "حقن الفقرة بالأسمنت", "PMMA", 4, "-", None],
    ["A1", None, None, "16/03/2022", "بعد أسبوعين", None, None, None, None, None, 3],
    ["A2", "أنثى", 80, "05/04/2022", "قبل العملية", None, None, None, None, None, 9],
    ["A2", None, None, "06/04/2022", "العملية", "L1", "رأب الحدبة بالبالون", "Osteopal V", 5, "تسرب للديسك", None],
    ["A2", None, None, "20/04/2022", "بعد أسبوعين", None, None, None, None, None, 4],
    ["A3", "أنثى", 75, "10/01/2022", "قبل العملية", None, None, None, None, None, 7],
    ["A3", None, None, "11/01/2022", "العملية", "L2", "PVP", "PMMA", 3, "لا يوجد", None],
    ["A3", None, None, "25/01/2022", "بعد أسبوعين", None, None, None, None, None, 3],
    ["A3", None, None, "01/06/2022", "قبل العملية الثانية", None, None, None, None, None, 6],
    ["A3", None, None, "02/06/2022", "العملية الثانية", "L3", "PVP", "PMMA", 4, "-", None],
    ["A3", None, None, "03/07/2022", "بعد شهر من العملية الثانية", None, None, None, None, None, 2],
]
# fmt: on


def test_an_arabic_event_log_reads_its_visits_sessions_and_leaks(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "log.xlsx", {"سجل الحالات": _ROWS})
    result = load_cohort(path)
    assert [p for p in result.problems if p.severity == ERROR] == []
    procs = result.cohort.procedures
    by_level = procs.set_index(procs["level"].astype(str))
    assert by_level["technique"].to_dict() == {
        "T12": "vertebroplasty", "L1": "kyphoplasty", "L2": "vertebroplasty", "L3": "vertebroplasty"
    }  # fmt: skip
    assert by_level["cement_type"].astype(str).to_dict() == dict.fromkeys(("T12", "L1", "L2", "L3"), "PMMA")  # fmt: skip
    # the lone dash beside the column's words is none, like لا يوجد
    assert by_level["leakage"].astype(str).to_dict() == {"T12": "none", "L1": "disc", "L2": "none", "L3": "none"}  # fmt: skip
    scores = result.cohort.assessments.merge(procs[["procedure_id", "level"]], on="procedure_id")
    got = {(str(r.level), r.timepoint): r.value for r in scores.itertuples()}
    assert got == {
        ("T12", "pre"): 8, ("T12", "2w"): 3, ("L1", "pre"): 9, ("L1", "2w"): 4,
        ("L2", "pre"): 7, ("L2", "2w"): 3, ("L3", "pre"): 6, ("L3", "1m"): 2,
    }  # fmt: skip
    read = {c.header: c for c in inspect_input(path).columns}
    assert "a lone dash read as none beside the column's words" in read["تسرب الأسمنت"].reason
    assert "second session it follows ('قبل العملية الثانية')" in read["الزيارة"].reason
    _reproduced_by_its_mapping(path, tmp_path)


@pytest.mark.parametrize(
    ("text", "timepoint"),
    [
        ("قبل العملية الثانية", "pre"),
        ("بعد شهر من العملية الثانية", "1m"),
        ("1 month after second procedure", "1m"),
        ("6 months after the second procedure", "6m"),
    ],
)
def test_a_visit_ending_with_the_second_session_names_it(text: str, timepoint: str) -> None:
    assert session_named_last(text) == (timepoint, 2)


def test_a_visit_naming_no_session_last_names_none() -> None:
    assert session_named_last("بعد شهر") is None  # the first session's: its own time point
    assert session_named_last("العملية الثانية") is None  # the procedure's own row
    assert timepoint_of("pre redo") is None  # a header's reading is left as it was


def _leakage() -> HeaderColumn:
    target = Target("column", "procedures", "leakage")
    return HeaderColumn(index=1, header="Leak", target=target, confidence=1.0, reason="header")


def test_a_lone_dash_is_none_only_beside_the_columns_words() -> None:
    assert dash_reading(_leakage(), ["-", "brak", "-", "venous"]) == "none"
    assert dash_reading(_leakage(), ["－", "없음"]) == "none"  # a full-width dash
    assert dash_reading(_leakage(), ["-", "-", None]) is None  # dashes alone: missing
    assert dash_reading(_leakage(), ["-", "???"]) is None  # no word of the field beside it
