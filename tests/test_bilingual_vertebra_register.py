"""A register of one row per vertebra kept in two languages: the header written twice, one
row per language (Chinese over Portuguese); the patient's cells and the session's cells
(its number, date, technique, cement, scores) written only on their first row; sex
written in both scripts (``女 F``); a new fracture's CJK date beside its level in one cell;
a birth date in CJK words that is no date; a visit not made (``未覆診``)."""

from __future__ import annotations

from datetime import date

import pytest

from analysis.load import inspect_input, load_cohort
from analysis.load.header_translation import translation_rows
from analysis.normalize import is_missing, parse_cell
from analysis.normalize.dates import split_level_date
from analysis.spec import load_spec
from tests.test_any_workbook import _workbook

ZH = ["研究編號", "性別", "年齡", "出生日期", "次數", "手術日期", "節段", "術式", "骨水泥"]
ZH += ["骨水泥量(ml)", "VAS 術前", "VAS 1月", "新骨折"]
PT = ["Código estudo", "Sexo", "Idade", "Data nasc.", "Sessão", "Data cirurgia", "Nível"]
PT += ["Técnica", "Cimento", "Vol. cimento (ml)", "VAS Pré", "VAS 1 mês", "Nova fratura"]


def _rows() -> list[list[object]]:
    return [
        ["登記冊 Registo"],
        [],
        ZH,
        PT,
        [
            "MO-01",
            "女 F",
            76,
            "1945年1月23日",
            "第1次",
            "29/07/2021",
            "L1",
            "椎體後凸成形術 PKP",
            "PMMA",
            4.2,
            8,
            3,
            "2021年10月20日 T12",
        ],
        [None, None, None, None, None, None, "L2", None, None, 5.1, None, None, None],
        [
            None,
            None,
            None,
            None,
            "第2次",
            "02/11/2021",
            "T12",
            "椎體成形術 PVP",
            "PMMA",
            3.0,
            7,
            "未覆診",
            None,
        ],
        [],
        [
            "MO-02",
            "男 M",
            80,
            "1938年2月30日",
            "第1次",
            "10/12/2021",
            "T8",
            "椎體成形術 PVP",
            "PMMA",
            3.5,
            9,
            4,
            None,
        ],
    ]


def test_a_translation_row_under_the_header_is_no_data_row(tmp_path):
    result = load_cohort(_workbook(tmp_path / "mo.xlsx", {"Registo": _rows()}))
    c = result.cohort
    p = c.patients.set_index("patient_id")
    assert list(p["sex"]) == ["female", "male"] and list(p["age_years"]) == [76, 80]
    procs = c.procedures.sort_values(["patient_id", "day", "level"])
    # L2 below the first session's row: a further vertebra of that session, its date,
    # technique and cement those of the row above
    assert list(zip(procs["level"], procs["day"], procs["technique"], strict=True)) == [
        ("L1", 0, "kyphoplasty"),
        ("L2", 0, "kyphoplasty"),
        ("T12", 96, "vertebroplasty"),
        ("T8", 0, "vertebroplasty"),
    ]
    assert list(procs["cement_type"]) == ["PMMA"] * 4
    assert procs["procedure_id"].nunique() == 3
    frac = c.fractures.iloc[0]
    assert (frac["level"], frac["day"]) == ("T12", 83)
    # the one error: MO-02's birth date, no date (30 February); none on the header's
    # second row, the further vertebra's row or the visit not made
    assert [(e.rule, e.row, e.column) for e in result.errors] == [("date", 9, "出生日期")]
    assert any(p.rule == "session_rows_filled" and p.row == 6 for p in result.problems)
    second = c.assessments[c.assessments["procedure_id"] == "MO-01-2"]
    assert list(second["timepoint"]) == ["pre"]


def test_the_header_rows_read_by_the_one_naming_each_field(tmp_path):
    seen = inspect_input(_workbook(tmp_path / "mo.xlsx", {"Registo": _rows()}))
    assert seen.sheets[0].header_row == 4
    cols = {c.header: c for c in seen.columns}
    assert cols["骨水泥量(ml)"].label == "procedures.cement_volume_ml"
    assert cols["次數"].label == "procedures.procedure_id"
    assert cols["研究編號"].reason.startswith("header: of two header rows")


def test_translation_rows_are_told_from_group_rows():
    assert translation_rows(ZH, PT)
    groups = ["Patient", "Patient", "VAS", "VAS", "VAS"]
    assert not translation_rows(groups, ["ID", "Sex", "pre", "1 m", "3 m"])
    # one script on both rows, nothing translated: a group row, not a translation
    assert not translation_rows(["A", "B", "C", "D"], ["ID", "Sex", "Age", "Level"])
    # a translation that leaves a column blank on one row is not one header written twice
    assert not translation_rows(ZH[:5], [*PT[:4], ""])


@pytest.mark.parametrize(("value", "read"), [("女 F", "female"), ("男 M", "male")])
def test_sex_in_two_scripts(value, read):
    assert parse_cell(value, load_spec().column("patients", "sex")) == read


def test_two_scripts_naming_two_values_name_none():
    with pytest.raises(ValueError, match="not a recognised sex"):
        parse_cell("男 F", load_spec().column("patients", "sex"))


def test_a_cjk_date_beside_a_level():
    assert split_level_date("2022年8月16日 L2") == ("L2", date(2022, 8, 16))
    assert split_level_date("L2 2022年2月30日") is None  # no date: no level and date
    # a date of digits is read as before, never taken for an era's (``S1 - 26/09``)
    assert split_level_date("S1 - 26/09/2021") == ("S1", date(2021, 9, 26))


def test_not_recorded_and_not_back_are_missing():
    assert is_missing("未記錄") and is_missing("未覆診")


def test_a_vertebra_row_naming_a_session_of_its_own_is_not_joined_above(tmp_path):
    rows = [
        ["Study ID", "Sex", "Age", "Procedure date", "Level", "Technique", "Volume (ml)"],
        ["P-01", "F", 70, "2021-03-01", "L1", "PVP", 3.0],
        [None, None, None, None, "L2", None, 2.5],  # the session above's further vertebra
        [None, None, None, None, "T12", "PKP", 4.0],  # its own technique: its own session
    ]
    result = load_cohort(_workbook(tmp_path / "v.xlsx", {"Cases": rows}))
    # T12's date left out: reported on its row, never guessed; L2 read with L1
    assert [(e.rule, e.row) for e in result.errors] == [("procedure_date", 4)]
    filled = [p for p in result.problems if p.rule == "session_rows_filled"]
    assert [p.row for p in filled] == [3] and "(row 3)" in filled[0].message
    result = load_cohort(_workbook(tmp_path / "w.xlsx", {"Cases": rows[:3]}))
    procs = result.cohort.procedures.set_index("level")
    assert list(procs["day"]) == [0, 0] and procs["procedure_id"].nunique() == 1
    assert procs.loc["L2", "technique"] == "vertebroplasty"
