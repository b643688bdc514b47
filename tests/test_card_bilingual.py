"""Patient cards labelled in two languages (``العمر / Age``), one sheet per patient: a
label whose value spells another field's name (``Diagnosis | Trauma (fall)``) is a field,
not a two-column table's header; a visit missed says so in both languages
(``لم يحضر / did not attend``), a missing mark and no diagnosis; the status names a
death in both languages with its date (``Deceased / متوفى 16/01/2023``); the new
fractures line is a level and a date, or a "no" in both languages (``None / لا يوجد``)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from analysis.load import inspect_input, load_cohort
from analysis.normalize.cells import is_missing
from tests.test_any_workbook import _workbook
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

DIAGNOSES = {
    "traumatic": "Trauma (fall) / كسر رضّي",
    "osteoporotic": "Osteoporotic fracture / كسر هشاشة عظام",
    "pathologic": "Metastasis (lung Ca) / نقائل سرطان الرئة",
}
# study ID, etiology, day of death (None: alive), new fracture (day, level) or None
PATIENTS = [
    ("AM-01", "traumatic", None, None),
    ("AM-02", "osteoporotic", None, (55, "L2")),
    ("AM-03", "pathologic", 120, None),
    ("AM-04", "traumatic", None, (85, "T11")),
    ("AM-05", "osteoporotic", None, (100, "L3")),
]
START = date(2022, 5, 23)


def _d(day: int) -> str:
    return (START + timedelta(days=day)).strftime("%d/%m/%Y")


def _card(pid: str, etiology: str, death: int | None, fracture: tuple[int, str] | None) -> list[list[object]]:  # fmt: skip
    missed = pid in ("AM-02", "AM-05")
    status = "Alive / على قيد الحياة" if death is None else f"Deceased / متوفى {_d(death)}"
    new = "None / لا يوجد" if fracture is None else f"{fracture[1]} on {_d(fracture[0])}"
    return [
        ["بطاقة مريض – Patient card", None, None, None],
        [None] * 4,
        ["رقم الدراسة / Study No", pid, None, None],
        ["الجنس / Sex", "أنثى (F)", None, None],
        ["العمر / Age", 70, None, None],
        ["التشخيص / Diagnosis", DIAGNOSES[etiology], None, None],
        [None] * 4,
        ["Date / التاريخ", "Procedure / الإجراء", "Level / الفقرة", "Cement (ml)"],
        [_d(0), "PVP", "L1", 4.5],
        [None] * 4,
        ["Visit / الزيارة", "Date / التاريخ", "VAS (0-10)", "Notes / ملاحظات"],
        ["Pre-op / قبل العملية", _d(-1), 8, None],
        ["Day 1 / اليوم الأول", _d(1), 5, None],
        ["3 months / ٣ أشهر", "—", "—", "لم يحضر / did not attend"]
        if missed
        else ["3 months / ٣ أشهر", _d(90), 3, None],
        [None] * 4,
        ["كسور جديدة / New fractures", new, None, None],
        ["الحالة / Status", status, None, None],
    ]


@pytest.fixture()
def path(tmp_path):
    return _workbook(tmp_path / "cards.xlsx", {p[0]: _card(*p) for p in PATIENTS})


def test_bilingual_cards_read_diagnosis_status_and_new_fractures(path, tmp_path) -> None:
    loaded = load_cohort(path)
    assert loaded.errors == []
    patients = loaded.cohort.patients.set_index("patient_id")
    assert patients["etiology"].astype(str).to_dict() == {p[0]: p[1] for p in PATIENTS}
    assert patients["died"].to_dict() == {p[0]: p[2] is not None for p in PATIENTS}
    f = loaded.cohort.fractures
    got = {(str(r["patient_id"]), int(r["day"]), str(r["level"])) for r in f.to_dict("records")}
    assert got == {(p[0], p[3][0], p[3][1]) for p in PATIENTS if p[3] is not None}
    a = loaded.cohort.assessments
    assert len(a[a["timepoint"] == "3m"]) == 3
    read = {c.header: c.label for c in inspect_input(path).columns}
    assert read["التشخيص / Diagnosis"] == "patients.etiology"
    assert read["الحالة / Status"] == "patients.died"
    assert "Notes / ملاحظات" not in read or read["Notes / ملاحظات"] is None
    _reproduced_by_its_mapping(path, tmp_path)


def test_a_missing_mark_written_in_two_languages_is_missing() -> None:
    assert is_missing("لم يحضر / did not attend") and is_missing("— / —")
    assert not is_missing("a / did not attend") and not is_missing("did not attend / ")
