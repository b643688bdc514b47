"""Registers of a first sheet and a sheet of repeat procedures with the same columns, their
remarks telling the patient's course (new fractures with their dates, deaths in words), and
the notations of their cells: Korean short dates written year first (``22.03.04``), a
score after its measure's name (``VAS:3``) or a percent sign set first (``%40``), a
bracketed dash for no leak, deaths in Turkish notes (``14.07.2021 tarihinde ex oldu``) and
in Nigerian English (``Pt is late``), headers glossed in the unit's own language on a
bracketed last line, a visit's date headed by its time point in months over twelve
(``Date of 6/12 review``)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from analysis.load import load_cohort
from analysis.load.header_sessions import names_repeat_sessions
from analysis.normalize.cells import is_missing, parse_cell, parse_score
from analysis.normalize.dates import parse_date_column
from analysis.normalize.deaths import death_in_remark, names_death
from analysis.normalize.headers import english_lines, match_header
from analysis.problems import ERROR
from analysis.spec import load_spec
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping


def _workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def _errors(result) -> list:
    return [p for p in result.problems if p.severity == ERROR]


# --- cells --------------------------------------------------------------------------------


def test_deaths_in_turkish_notes_and_nigerian_english() -> None:
    # the date, a word for "on", the words for the death
    assert names_death("14.07.2021 tarihinde ex oldu (vefat)")
    assert death_in_remark("14.07.2021 tarihinde ex oldu (vefat)", "dmy") == date(2021, 7, 14)
    # "late": the patient has died, in Nigerian English; "ó ti kú" in Yoruba
    remark = "Pt is late (28/06/2021) - ó ti kú; info from son by phone"
    assert names_death(remark)
    assert death_in_remark(remark, "dmy") == date(2021, 6, 28)
    assert names_death("late") and names_death("ó ti kú")
    assert not names_death("14.07.2021 tarihinde kontrole geldi")  # came to the check-up


def test_a_score_after_its_measure_name_or_a_percent_sign_set_first() -> None:
    vas, odi = load_spec().measures["pain_vas"], load_spec().measures["odi"]
    assert parse_score("VAS:3", vas, None) == 3
    assert parse_score("VAS: 7", vas, None) == 7
    assert parse_score("%40", odi, None) == 40
    assert parse_score("ODI=38", odi, None) == 38
    with pytest.raises(ValueError, match="not a number"):
        parse_score("ODI:4", vas, None)  # another measure's name: no score of this one
    assert parse_score("5점", vas, None) == 5  # Korean points


def test_missed_visit_words_of_the_units() -> None:
    for word in ("Ulaşılamadı", "Kò wá", "전화 f/u 안됨", "travelled (went to village)", "→재시술"):
        assert is_missing(word), word


def test_two_digit_years_written_first_beside_year_first_dates() -> None:
    dates = parse_date_column(["2021.09.03.", "22.03.04", "2022.05.17", "21.10.29"])
    assert dates == [date(2021, 9, 3), date(2022, 3, 4), date(2022, 5, 17), date(2021, 10, 29)]
    # beside dates written with their year last, a short date keeps its day first
    assert parse_date_column(["03.09.2021", "22.03.04"])[1] == date(2004, 3, 22)


def test_korean_causes() -> None:
    etiology = load_spec().column("patients", "etiology")
    assert parse_cell("병적골절 (유방암 전이)", etiology) == "pathologic"
    assert parse_cell("교통사고 후 압박골절", etiology) == "traumatic"
    assert parse_cell("추락 (외상)", etiology) == "traumatic"


def test_headers_and_sheet_names() -> None:
    # a gloss in the unit's language on a bracketed last line; a bracket with a number
    # says which of two columns, and is kept
    assert english_lines("VAS pre-op\n(ìrora ṣáájú iṣẹ́ abẹ)") == "VAS pre-op"
    assert english_lines("VAS 2/52\n(1st entry)") == "VAS 2/52\n(1st entry)"
    assert match_header("최종 내원일").label == "date:followup_date"
    assert names_repeat_sessions("Tekrar ameliyatlar")
    assert names_repeat_sessions("Repeat operations")


# --- a Korean register: a first sheet and a sheet of re-procedures ------------------------

_KO_HEAD = [
    "연구번호", "성별", "나이", "진단", "수술일", "수술명", "수술 부위", "시멘트 총량\n(cc)",
    "시멘트 누출", "VAS\n술전", "VAS\nD+30", "VAS\nD+90", "최종 내원일", "사망일", "비고",
]  # fmt: skip


def _korean(tmp_path: Path) -> Path:
    first = [
        ["등록"],
        [],
        _KO_HEAD,
        ["K-1", "여", 70, "골다공증성 압박골절", "2021.04.08.", "PVP", "L2", 4, "없음", 8, 3,
         "→재시술", "2021.10.02", "", "신규 골절 L3 (2021.12.14 MRI) → 재시술 시트"],
        ["K-2", "남", 66, "병적골절 (유방암 전이)", "22.03.04", "BKP", "T12", "4cc", "(-)", 9,
         "5점", "사망", "2022.04.13", "2022.04.18", "사망 (폐렴)"],
        ["K-3", "여", 80, "교통사고 후 압박골절", datetime(2021, 9, 28), "PVP", "L1", 5, "정맥", 7,
         "전화 f/u 안됨", 2, "2022.10.02", "", "신규 골절 T12 (2022.03.17 MRI) 보존적 치료"],
        ["K-4", "여", 75, "OVCF", "21.10.29", "PVP", "T11", 3, "(-)", 8, 4, 3,
         "2020.10.28", "", "요양병원 입원 중"],
        ["K-5", "남", 82, "OVCF", "2021.11.10.", "PVP", "L4", 3.5, "없음", 7, 3, 2,
         "2022.11.22", "2022.12.01", "사망 (원질환 진행)"],
    ]  # fmt: skip
    second = [
        ["재시술"],
        [],
        _KO_HEAD,
        ["K-1", "여", 70, "골다공증성 압박골절", datetime(2021, 12, 23), "BKP", "L3", 3.5,
         "없음", 6, 3, 2, "2022.06.28", "", "1차 2021.04.08 L2"],
        ["K-3", "여", 80, "교통사고 후 압박골절", "2022.03.25.", "PVP", "T12", "총 3", "(-)", 8,
         4, 3, "2022.10.02", "", "1차 2021.09.28 L1"],
        ["K-5", "남", 82, "OVCF", datetime(2022, 6, 1), "PVP", "L3", 3, "정맥", 6, 2, "사망",
         "2022.07.01", "2022.12.01", "1차 2021.11.10 L4, 사망 (원질환 진행)"],
    ]  # fmt: skip
    return _workbook(tmp_path / "register.xlsx", {"등록": first, "재시술": second})


def test_a_korean_register_reads_its_notations(tmp_path: Path) -> None:
    result = load_cohort(_korean(tmp_path))
    patients = result.cohort.patients.set_index("patient_id")
    assert patients["etiology"].to_dict()["K-2"] == "pathologic"
    assert patients["etiology"].to_dict()["K-3"] == "traumatic"
    procs = result.cohort.procedures.set_index("procedure_id")
    assert procs.loc["K-2-1", "leakage"] == "none"  # "(-)" beside 없음 and 정맥
    assert procs.loc["K-1-2", "day"] == 259  # 2021-04-08 to 2021-12-23
    out = result.cohort.assessments
    vas = out[out["measure"] == "pain_vas"].set_index(["procedure_id", "timepoint"])["value"]
    assert vas[("K-2-1", "1m")] == 5
    cells = {(p.row, p.cell) for p in _errors(result)}
    assert not any(c and c[0] in "KL" for _, c in cells)  # no score cell is an error


def test_each_sessions_last_visit_and_a_last_visit_before_the_operation(tmp_path: Path) -> None:
    result = load_cohort(_korean(tmp_path))
    patients = result.cohort.patients.set_index("patient_id")
    # the first sheet's last visit (2021-10-02) and the re-procedure's (2022-06-28): the
    # latest, no conflict
    assert patients.loc["K-1", "followup_days"] == 446
    errors = _errors(result)
    assert [(p.sheet, p.row, p.cell) for p in errors] == [("등록", 7, "M7")]
    assert "last follow-up date 366 days before the first procedure" in errors[0].message
    _reproduced_by_its_mapping(tmp_path / "register.xlsx", tmp_path)


def test_remarks_of_the_course_name_new_fractures_and_deaths(tmp_path: Path) -> None:
    result = load_cohort(_korean(tmp_path))
    fractures = result.cohort.fractures
    # the first sheet's remarks: new fractures with their dates; the re-procedure's
    # remark "1차 …" names the first procedure's vertebra, no new fracture
    assert fractures[["patient_id", "day", "level"]].values.tolist() == [
        ["K-1", 250, "L3"],
        ["K-3", 170, "T12"],
    ]
    said = [p for p in result.problems if p.rule == "fracture_treated"]
    assert [(p.sheet, p.row) for p in said] == [("재시술", 4), ("재시술", 5), ("재시술", 6)]
    patients = result.cohort.patients.set_index("patient_id")
    assert patients["died"].map(bool).to_dict() == {
        "K-1": False, "K-2": True, "K-3": False, "K-4": False, "K-5": True,
    }  # fmt: skip


# --- a Turkish register: deaths in notes, a sheet of repeat operations ---------------------

_TR_HEAD = [
    "Hasta Kodu", "Cinsiyet", "Yaş", "Tanı", "Ameliyat Tarihi", "Seviye", "Yöntem",
    "Toplam Çimento (cc)", "VAS Preop", "VAS 1. ay", "ODI Preop", "ODI 6. ay", "Açıklama",
]  # fmt: skip


def _turkish(tmp_path: Path) -> Path:
    first = [
        ["Takip listesi (ilk ameliyat)"],
        [],
        _TR_HEAD,
        ["T-1", "K", 70, "Osteoporoz", datetime(2021, 3, 1), "L1", "VP", 4, 8, "VAS:3", 60, "%40", ""],
        ["T-2", "E", 64, "Osteoporoz", datetime(2021, 5, 2), "L2", "VP", 4, 9, "2/10", 70, "Ex",
         "14.07.2021 tarihinde ex oldu (vefat)"],
        ["T-3", "K", 77, "Osteoporoz", datetime(2021, 12, 3), "T12", "KP", 5, 7, "Ulaşılamadı", 58,
         "38 (anket telefonla)", "Yeni kırık L1 (MR 16.08.2022) → tekrar ameliyat"],
        ["T-4", "K", 81, "Osteoporoz", datetime(2022, 1, 4), "L3", "VP", 3, 8, 4, 66, "Ex",
         "20.03.2022 tarihinde ex oldu (vefat)"],
        ["T-5", "E", 59, "Osteoporoz", datetime(2022, 2, 5), "T11", "VP", 3, 6, 2, 50, 20,
         "Yeni kırık T10 (MR 19.11.2022), konservatif takip, korse"],
    ]  # fmt: skip
    repeat = [
        ["Tekrar ameliyatlar (yeni kırık nedeniyle ikinci işlem)"],
        [],
        _TR_HEAD,
        ["T-3", "K", 78, "Osteoporoz", datetime(2021, 8, 29), "L1", "VP", 3, 6, "VAS:2", 46, "%24",
         "Komşu seviyede yeni kırık L1, MR 16.08.2022"],
    ]  # fmt: skip
    sheets = {"İlk ameliyat": first, "Tekrar ameliyatlar": repeat}
    return _workbook(tmp_path / "takip.xlsx", sheets)


def test_a_turkish_register_with_a_sheet_of_repeat_operations(tmp_path: Path) -> None:
    result = load_cohort(_turkish(tmp_path))
    patients = result.cohort.patients.set_index("patient_id")
    # T-3 is left out with its repeat operation's error (below)
    assert patients["died"].map(bool).to_dict() == {
        "T-1": False, "T-2": True, "T-4": True, "T-5": False,
    }  # fmt: skip
    assert patients.loc["T-2", "death_day"] == 73  # 2021-05-02 to 2021-07-14
    out = result.cohort.assessments
    got = out.set_index(["procedure_id", "measure", "timepoint"])["value"]
    assert got[("T-1-1", "pain_vas", "1m")] == 3 and got[("T-1-1", "odi", "6m")] == 40
    assert [(f.patient_id, f.level) for f in result.cohort.fractures.itertuples()] == [
        ("T-5", "T10")
    ]
    # the repeat operation is dated before the first: named on its date
    errors = _errors(result)
    assert [(p.sheet, p.row, p.cell) for p in errors] == [("Tekrar ameliyatlar", 4, "E4")]
    assert "the second procedure is dated before the first" in errors[0].message


# --- an English register with Yoruba words: a gloss, a review's date, a later procedure ----

_NG_HEAD = [
    "Study No", "Sex", "Age", "Diagnosis", "Date of procedure", "Level(s)", "Procedure",
    "Cement (mls)", "VAS pre-op\n(ìrora ṣáájú iṣẹ́ abẹ)", "VAS 3/12", "Date of 6/12 review",
    "VAS 6/12", "Remarks",
]  # fmt: skip


def _nigerian(tmp_path: Path) -> Path:
    rows = [
        ["PVA database"],
        [],
        _NG_HEAD,
        ["N-1", "F", 70, "Osteoporotic VCF", datetime(2021, 2, 1), "L1", "VP", 4, 8, 3,
         datetime(2021, 8, 3), 2, ""],
        ["N-2", "M", 66, "Osteoporotic VCF", datetime(2021, 3, 1), "T12", "VP", 4, 9, "Kò wá",
         datetime(2021, 9, 1), 3, "New # L1 on MRI, re-admitted for 2nd procedure (next row)"],
        ["N-2", "M", 66, "Osteoporotic VCF", datetime(2021, 11, 5), "L1", "VP", 3, 8, 2,
         datetime(2022, 5, 6), "4/10", "2nd procedure - new # L1 (same pt)"],
        ["N-3", "F", 80, "Osteoporotic VCF", datetime(2021, 4, 1), "L2", "KP", 5, 7, "late",
         None, "late", "Pt is late (28/06/2021) - ó ti kú; info from son by phone"],
        ["N-4", "F", 75, "Osteoporotic VCF", datetime(2022, 1, 28), "T11", "VP", 3, 9, 4,
         datetime(2021, 7, 30), 3, ""],
        ["N-5", "M", 71, "Osteoporotic VCF", datetime(2022, 2, 3), "L3", "VP", 3, 8, 2,
         None, "late", "Pt is late (05/09/2022) - ó ti kú"],
    ]  # fmt: skip
    return _workbook(tmp_path / "pva.xlsx", {"PVA register": rows})


def test_a_register_glossed_in_yoruba(tmp_path: Path) -> None:
    result = load_cohort(_nigerian(tmp_path))
    out = result.cohort.assessments
    pre = out[(out["measure"] == "pain_vas") & (out["timepoint"] == "pre")]
    assert len(pre) == 6  # the glossed header read as VAS before the procedure
    patients = result.cohort.patients.set_index("patient_id")
    assert patients["died"].map(bool).to_dict() == {
        "N-1": False, "N-2": False, "N-3": True, "N-4": False, "N-5": True,
    }  # fmt: skip


def test_a_later_procedures_row_dates_the_new_fracture_it_treats(tmp_path: Path) -> None:
    result = load_cohort(_nigerian(tmp_path))
    assert result.cohort.fractures[["patient_id", "day", "level"]].values.tolist() == [
        ["N-2", 249, "L1"]  # 2021-03-01 to 2021-11-05, the second procedure's date
    ]
    said = [p for p in result.problems if p.rule == "fracture_at_procedure"]
    assert [p.row for p in said] == [6]


def test_a_reviews_date_before_its_procedure_is_named_on_it(tmp_path: Path) -> None:
    result = load_cohort(_nigerian(tmp_path))
    errors = _errors(result)
    assert [(p.row, p.cell) for p in errors] == [(8, "K8")]
    assert "visit at 6m dated 182 days before its procedure" in errors[0].message
