"""A Haitian Creole register (one row per patient, a second session in its own block of
columns under a group header numbering it with an ordinal's letters, in two languages:
``2yèm seyans / 2e séance``) and a Sorani Kurdish one (Arabic script, Eastern Arabic
digits, a procedures sheet of one row per vertebra and a visits sheet of one row per
visit)."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from analysis.load import load_cohort
from analysis.load.header_sessions import _numbered
from tests.test_lao_register import loaded_without_errors
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping


def test_a_numbered_group_in_two_languages_with_an_ordinal_s_letters() -> None:
    assert _numbered("1ye seyans / 1re séance") == ("seyans", 1)
    assert _numbered("2yèm seyans / 2e séance (si genyen)") == ("seyans", 2)
    assert _numbered("Seanca 2 (rindërhyrje)") == ("seanca", 2)
    assert _numbered("Pasyan / Patient") is None


_GROUPS = ("Pasyan / Patient", None, None, None, "1ye seyans / 1re séance", None, None, None, None, None, None, "2yèm seyans / 2e séance (si genyen)", None, None, None, None, None, "Swivi / Suivi")  # fmt: skip
_HEADER = ("No. etid", "Sèks", "Laj", "Koz / Étiologie", "Dat", "Nivo", "Teknik", "Volim siman", "Fwit siman", "EVA avan", "EVA 1 mwa", "Dat", "Nivo", "Teknik", "Volim siman", "Fwit siman", "EVA avan", "Mouri?")  # fmt: skip
_PATIENTS = [
    (
        "HT-01",
        "Gason",
        "81 an",
        "Traumatisme (AVP)",
        "04/08/2023",
        "T10",
        "VP",
        "4 ml",
        "Wi – epidiral",
        7,
        5,
        None,
        None,
        None,
        None,
        None,
        None,
        "Non",
    ),
    (
        "HT-02",
        "Fi",
        "70 an",
        "Osteyopowoz (menopoz)",
        "06/09/2023",
        "L3, L4",
        "CP",
        "8,5 ml",
        "Non",
        6,
        "pa vini",
        "20/12/2023",
        "T12",
        "VP",
        "3,5 ml",
        "Wi – disk",
        8,
        "Non",
    ),
    (
        "HT-03",
        "Fi",
        "64 an",
        "Metastaz pwostat",
        "12/01/2023",
        "L1",
        "VP",
        "3 ml",
        "Non",
        9,
        4,
        None,
        None,
        None,
        None,
        None,
        None,
        "Wi",
    ),
]


def _creole(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Rejis"
    for row in (_GROUPS, _HEADER, *_PATIENTS):
        ws.append(row)
    for span in ("A1:D1", "E1:K1", "L1:Q1"):
        ws.merge_cells(span)
    wb.save(path)
    return path


def test_a_creole_register_reads_its_second_session_block(tmp_path: Path) -> None:
    result, patients = loaded_without_errors(path := _creole(tmp_path / "rejis.xlsx"))
    assert patients["sex"].to_dict() == {"HT-01": "male", "HT-02": "female", "HT-03": "female"}
    assert patients["age_years"].tolist() == [81, 70, 64]
    assert patients["etiology"].tolist() == ["traumatic", "osteoporotic", "pathologic"]
    assert patients["died"].map(bool).tolist() == [False, False, True]
    procs = result.cohort.procedures
    second = procs[procs["patient_id"] == "HT-02"].set_index("level")
    assert second["procedure_id"].to_dict() == {"L3": "HT-02-1", "L4": "HT-02-1", "T12": "HT-02-2"}
    assert second.loc["T12", "day"] == 105  # 06/09/2023 to 20/12/2023
    assert second.loc["T12", "leakage"] == "disc"
    assert second.loc["L3", "technique"] == "kyphoplasty"
    assert second.loc["T12", "session_cement_volume_ml"] == 3.5
    assert procs.set_index("patient_id").loc["HT-01", "leakage"] == "epidural"
    scores = result.cohort.assessments
    mine = scores[scores["patient_id"] == "HT-02"].set_index(["procedure_id", "timepoint"])["value"]
    assert mine.to_dict() == {("HT-02-1", "pre"): 6.0, ("HT-02-2", "pre"): 8.0}  # pa vini
    _reproduced_by_its_mapping(path, tmp_path)


_PROCEDURES = [
    (
        "کۆدی نەخۆش",
        "ڕەگەز",
        "تەمەن",
        "هۆکار",
        "دانیشتن",
        "ڕێکەوتی نەشتەرگەری",
        "بڕبڕە",
        "جۆری نەشتەرگەری",
        "بڕی سمێنت (مل)",
        "جۆری سمێنت",
        "دزەکردنی سمێنت",
        "دۆخی ئێستا",
    ),
    (
        "KR-01",
        "نێر",
        "٥٠",
        "شێرپەنجە (مێتاستاز)",
        "١",
        "١٦/٠٦/٢٠٢٢",
        "L3",
        "کایفۆپلاستی",
        "٣٫٥",
        "فۆسفاتی کالسیۆم (CaP)",
        "نییە",
        "زیندووە",
    ),
    (
        "KR-02",
        "مێ",
        "٦٢",
        "ئۆستیۆپۆرۆسیس",
        "١",
        "٢٥/٠٣/٢٠٢٢",
        "T7",
        "ڤێرتیبرۆپلاستی",
        "٣",
        "PMMA",
        "ئێپیدوراڵ",
        "کۆچی دوایی کردووە (٠٢/٠٩/٢٠٢٣)",
    ),
    (
        "KR-02",
        "مێ",
        "٦٢",
        "ئۆستیۆپۆرۆسیس",
        "١",
        "٢٥/٠٣/٢٠٢٢",
        "T8",
        "ڤێرتیبرۆپلاستی",
        "٥",
        "PMMA",
        "خوێنهێنەر (venous)",
        None,
    ),
]
_VISITS = [
    ("کۆدی نەخۆش", "دانیشتن", "سەردان", "ڕێکەوت", "VAS (٠-١٠)", "ODI (٪)"),
    ("KR-01", "١", "پێش نەشتەرگەری", "١٥/٠٦/٢٠٢٢", "٦", "٧٢"),
    ("KR-01", "١", "٢٤ کاتژمێر دوای نەشتەرگەری", "١٧/٠٦/٢٠٢٢", "٢", "٦٠"),
    ("KR-01", "١", "٣ مانگ", "١٧/٠٩/٢٠٢٢", "٠", "٣٨"),
    ("KR-02", "١", "پێش نەشتەرگەری", "٢٤/٠٣/٢٠٢٢", "٩", "٦٤"),
    ("KR-02", "١", "٢ هەفتە", "نەهات", None, None),
]


def _sorani(path: Path) -> Path:
    wb = openpyxl.Workbook()
    for k, (title, rows) in enumerate((("نەشتەرگەری", _PROCEDURES), ("سەردانەکان", _VISITS))):
        ws = wb.active if k == 0 else wb.create_sheet()
        ws.title = title
        ws.sheet_view.rightToLeft = True
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def test_a_sorani_register_loads_exactly(tmp_path: Path) -> None:
    result, patients = loaded_without_errors(path := _sorani(tmp_path / "register.xlsx"))
    assert patients["sex"].to_dict() == {"KR-01": "male", "KR-02": "female"}
    assert patients["age_years"].tolist() == [50, 62]
    assert patients["etiology"].tolist() == ["pathologic", "osteoporotic"]
    assert patients["died"].map(bool).tolist() == [False, True]
    procs = result.cohort.procedures.set_index("level")
    assert procs["cement_volume_ml"].to_dict() == {"L3": 3.5, "T7": 3.0, "T8": 5.0}
    assert procs["leakage"].to_dict() == {"L3": "none", "T7": "epidural", "T8": "venous"}
    assert procs["technique"].to_dict() == {"L3": "kyphoplasty", "T7": "vertebroplasty", "T8": "vertebroplasty"}  # fmt: skip
    assert procs.loc["L3", "cement_type"] == "calcium phosphate"
    scores = result.cohort.assessments
    pain = scores[scores["measure"] == "pain_vas"].set_index(["patient_id", "timepoint"])["value"]
    assert pain.to_dict() == {("KR-01", "pre"): 6.0, ("KR-01", "24h"): 2.0, ("KR-01", "3m"): 0.0, ("KR-02", "pre"): 9.0}  # fmt: skip
    odi = scores[scores["measure"] == "odi"].set_index(["patient_id", "timepoint"])["value"]
    assert odi.loc[("KR-01", "3m")] == 38.0
    _reproduced_by_its_mapping(path, tmp_path)


def test_an_age_written_with_its_unit_below_adulthood_is_named_at_its_cell(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Rejis"
    for row in (
        ("No. etid", "Sèks", "Laj", "Dat", "Nivo"),
        ("HT-01", "Gason", "6 an", "04/08/2023", "T10"),
        ("HT-02", "Fi", "70 an", "06/09/2023", "L3"),
        ("HT-03", "Fi", "16 an", "06/09/2023", "L3"),
    ):
        ws.append(row)
    wb.save(path := tmp_path / "rejis.xlsx")
    loaded = load_cohort(path)
    named = [p for p in loaded.problems if p.rule == "implausible_age"]
    assert [(p.cell, p.value, p.severity) for p in named] == [
        ("C2", "6 an", "error"),  # one digit: a digit left out, the cell read as missing
        ("C4", "16 an", "warning"),
    ]
    assert "one-digit age (6)" in named[0].message and "age below 18 years" in named[1].message
    ages = loaded.cohort.patients.set_index("patient_id")["age_years"]
    assert ages.isna()["HT-01"] and ages["HT-03"] == 16
