"""An Iraqi register in Arabic: levels written with the initial of their region's word
(``ص١٢`` of صدرية, thoracic: T12; ``ق١`` of قطنية, lumbar: L1), in a level's cell and in a
note naming a new fracture, never read inside another word (``القرص``, the disc); a second
operation's group glossed as a re-injection (``العملية الثانية (إعادة الحقن)``); a missed
visit (``لم يراجع``, ``لم تراجع``) and a death (``متوفية``) in a score's cell; alive in the
masculine and the feminine (``حي``, ``حية``) as the patient's status."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from analysis.load import load_cohort
from analysis.load.fracture_reports import dated_fracture
from analysis.normalize.cells import CellError, parse_cell, parse_level_list
from analysis.normalize.leakage_levels import regions_as_letters
from analysis.problems import ERROR
from analysis.spec import load_spec
from tests.test_any_workbook import _workbook
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping


@pytest.mark.parametrize(
    ("cell", "levels"),
    [("ص١٢، ق١", ("T12", "L1")), ("ق٣", ("L3",)), ("T12، ق١", ("T12", "L1")), ("ص 9", ("T9",))],
)
def test_arabic_region_initials_before_a_level_number(cell: str, levels: tuple[str, ...]) -> None:
    assert parse_level_list(cell) == levels


def test_an_impossible_level_in_arabic_initials_is_an_error() -> None:
    assert parse_level_list("ق٣، ق٤") == ("L3", "L4")
    with pytest.raises(CellError, match="not a vertebral level"):
        parse_level_list("ق٣، ق٧")


def test_an_initial_is_never_read_inside_a_word() -> None:
    # the last letter of القرص (the disc) before a number is no thoracic level
    assert "T" not in regions_as_letters("تسرب إلى القرص 2")
    assert regions_as_letters("تسرب إلى القرص (ص12)").split("(")[1].strip() == "T12 )"


@pytest.mark.parametrize(
    ("note", "found"),
    [
        ("كسر جديد في الفقرة ق٢ بتاريخ ٢٠/٠٥/٢٠٢٢", (("L2",), date(2022, 5, 20))),
        # a new compression fracture, its words apart, and the MRI's date in brackets
        ("ظهور كسر انضغاطي جديد ق٢ (رنين مغناطيسي 25/12/2022)", (("L2",), date(2022, 12, 25))),
    ],
)
def test_a_new_fracture_named_in_a_note(note: str, found: tuple[tuple[str, ...], date]) -> None:
    assert dated_fracture(note) == found


def test_alive_in_both_genders_and_died_in_the_feminine() -> None:
    died = load_spec().column("patients", "died")
    assert parse_cell("حي", died) is False and parse_cell("حية", died) is False
    assert parse_cell("متوفية", died) is True


_GROUPS = ["معلومات المريض", None, None, "العملية الأولى", None, None, "المتابعة", None,
           "العملية الثانية (إعادة الحقن)", None, None, None, None, None]  # fmt: skip
_HEADER = ["رمز الدراسة", "الجنس", "العمر", "تاريخ العملية", "الفقرات المعالجة",
           "كمية الإسمنت (مل)", "VAS قبل العملية", "VAS بعد ٣ أشهر", "التاريخ", "الفقرة",
           "الإسمنت (مل)", "VAS قبل", "VAS بعد ٣ أشهر", "الحالة"]  # fmt: skip
# fmt: off
_ROWS = [
    ["IQ-1", "أنثى", "٨٠", "١٥/٠١/٢٠٢١", "ص١٢، ق١", "٥٫٥", "٨", "٣", "٢٠/٠٦/٢٠٢١", "ق٢", "٣", "٧", "لم تراجع", "حية"],
    ["IQ-2", "ذكر", "٧٠ سنة", "١٠/٠٣/٢٠٢١", "ق٣", "٤", "٩", "لم يراجع", None, None, None, None, None, "حي"],
    ["IQ-3", "أنثى", "٧٥", "٠٢/٠٤/٢٠٢١", "T11", "3.5", "٧", "متوفية", None, None, None, None, None, "متوفية"],
]
# fmt: on


def test_an_arabic_register_with_a_re_injection_block(tmp_path: Path) -> None:
    rows = [["سجل المرضى"], [], _GROUPS, _HEADER, *_ROWS]
    merges = [("سجل", "A3:C3"), ("سجل", "D3:F3"), ("سجل", "G3:H3"), ("سجل", "I3:M3")]
    path = _workbook(tmp_path / "register.xlsx", {"سجل": rows}, merges)
    result = load_cohort(path)
    assert [p for p in result.problems if p.severity == ERROR] == []
    cohort = result.cohort
    procs = cohort.procedures.merge(cohort.patients[["patient_id"]], on="patient_id")
    got = {(r.patient_id, str(r.level)) for r in procs.itertuples()}
    assert got == {("IQ-1", "T12"), ("IQ-1", "L1"), ("IQ-1", "L2"), ("IQ-2", "L3"), ("IQ-3", "T11")}
    second = cohort.procedures[cohort.procedures["level"].astype(str) == "L2"]
    assert second["day"].tolist() == [156]  # 20/06/2021, the second operation's own date
    died = cohort.patients.set_index("patient_id")["died"].astype(bool).to_dict()
    assert died == {"IQ-1": False, "IQ-2": False, "IQ-3": True}
    scores = cohort.assessments.merge(
        cohort.procedures[["procedure_id", "level"]], on="procedure_id"
    )
    got_scores = {(str(r.level), r.timepoint, r.value) for r in scores.itertuples()}
    assert ("L2", "pre", 7) in got_scores and ("T12", "3m", 3) in got_scores
    assert not any(lv == "L3" and tp == "3m" for lv, tp, _ in got_scores)  # missed, not a score
    _reproduced_by_its_mapping(path, tmp_path)
