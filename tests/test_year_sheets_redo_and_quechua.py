"""Readings general to any unit, first met in blind workbooks: Quechua words for the items
patients report beside Spanish (``Nanay`` pain, ``Puriy`` walking), a first procedure's
visit superseded by the re-intervention (``ver reinterv.``), a repeat row's diagnosis
naming the new fracture it treats (``Nueva fx T9``); a second procedure's group numbered
with a Bengali ordinal (``২য় প্রসিডিওর (Re-do)``) over its own dated visits; and, on one
sheet per year, a remarks column naming deaths read as such on every year's sheet."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from analysis.load import inspect_input, load_cohort
from analysis.load.header_contents import _dated
from analysis.load.header_sessions import _after_second_session, _ordinal_ending, _slot_target
from analysis.normalize import match_header
from analysis.normalize.cells import is_missing, parse_cell
from analysis.normalize.deaths import names_death
from analysis.problems import ERROR
from analysis.spec import load_spec
from tests.test_any_workbook import _workbook
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping


def _column(table: str, name: str):
    return load_spec().column(table, name)


def test_quechua_words_for_pain_and_walking() -> None:
    """``Nanay`` (pain) and ``Puriy`` (walking: a mobility score) under a visit's group."""
    pain = match_header("NANAY (EVA 0-10) Pre")
    assert pain is not None and (pain.measure, pain.timepoint) == ("pain_vas", "pre")
    walking = match_header("CONTROL 3 MESES Puriy")
    assert walking is not None and (walking.measure, walking.timepoint) == ("mobility", "3m")
    died = match_header("Wañusqa (fallecido)")
    assert died is not None and died.label == "patients.died"


def test_spanish_words_of_a_register_with_repeat_rows() -> None:
    # a first procedure's visit after the re-intervention: no visit, no error
    assert is_missing("ver reinterv.")
    assert parse_cell("Plasmocitoma", _column("patients", "etiology")) == "pathologic"


def test_a_repeat_rows_diagnosis_naming_its_new_fracture_is_no_error(tmp_path: Path) -> None:
    """One row per procedure, the second under the first with the same study code: its
    diagnosis ``Nueva fx T9`` is that procedure's reason, not the patient's cause, said in a
    warning; the patient's cause is the first row's."""
    rows = [
        ["Cód. estudio", "Diagnóstico", "Fecha", "Nivel", "Nanay pre"],
        ["HR-01", "Fx osteoporótica", datetime(2022, 1, 5), "T11", 7],
        ["HR-01", "Nueva fx T9", datetime(2022, 3, 17), "T9", 8],
        ["HR-02", "Metástasis (Ca mama)", datetime(2022, 2, 1), "L2", 6],
    ]
    path = _workbook(tmp_path / "registro.xlsx", {"BD": rows})
    loaded = load_cohort(path)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    said = [p for p in loaded.problems if "names a new fracture" in p.message]
    assert [(p.row, p.column) for p in said] == [(3, "Diagnóstico")]
    causes = loaded.cohort.patients.set_index("patient_id")["etiology"]
    assert causes.to_dict() == {"HR-01": "osteoporotic", "HR-02": "pathologic"}


def test_an_ordinal_ending_with_a_combining_sign() -> None:
    """``২য়`` (2nd): the ending ``য়`` is a letter with its nukta, a combining sign."""
    assert _ordinal_ending("য়", frozenset())
    assert not _ordinal_ending("1", frozenset())
    level = _slot_target("২য় প্রসিডিওর (Re-do) লেভেল", {})
    assert level is not None and (level[0].label, level[2]) == ("procedures.level", 2)


def test_a_repeat_written_in_two_words_is_no_part_of_the_field() -> None:
    """``2nd procedure (re-do) date``: the session named by its number and again as a
    ``re-do``; the field is the date alone."""
    assert _after_second_session("2nd procedure (re-do) date") == "date"
    found = _slot_target("2nd procedure (re-do) level", {})
    assert found is not None and (found[0].label, found[2]) == ("procedures.level", 2)


def _redo_register() -> list[list[object]]:
    group = ["", "", "", "", "", "", "2nd procedure (Re-do)", "", "", "", ""]
    header = ["Study ID", "Date", "Level", "VAS pre", "1 month date", "1 month VAS"]
    header += ["Date", "Level", "VAS pre", "1 month date", "1 month VAS"]
    # the re-do's one-month visit dated before the re-do itself
    redo = [datetime(2022, 6, 1), "T10", 8, datetime(2022, 5, 2), 4]
    return [
        group,
        header,
        ["K-1", datetime(2022, 1, 10), "T12", 8, datetime(2022, 2, 9), 3],
        ["K-2", datetime(2022, 2, 1), "L1", 7, datetime(2022, 3, 2), 2, *redo],
    ]


def test_a_second_procedures_visit_date_under_its_group(tmp_path: Path) -> None:
    """A re-do block's ``1 month date`` is the re-do's one-month visit: a date before the
    re-do is named on its own cell, and the first procedure's visit dates are not
    shadowed by it."""
    path = _workbook(tmp_path / "redo.xlsx", {"2022": _redo_register()}, merges=[("2022", "G1:K1")])  # fmt: skip
    loaded = load_cohort(path)
    wrong = [p for p in loaded.problems if p.severity == ERROR]
    assert [(p.row, p.column) for p in wrong] == [(4, "2nd procedure (Re-do) 1 month date")]
    assert not [p for p in loaded.problems if "only column" in p.message]
    columns = {c.letter: c for c in inspect_input(path).columns}
    assert columns["J"].label == "date:visit_date@1m"
    assert "second session" in columns["J"].reason
    _reproduced_by_its_mapping(path, tmp_path)


def test_bengali_words_of_a_register() -> None:
    pre = match_header("VAS (০-১০) প্রি-অপ")
    assert pre is not None and (pre.measure, pre.timepoint) == ("pain_vas", "pre")
    technique = match_header("VP/KP")
    assert technique is not None and technique.label == "procedures.technique"
    assert parse_cell("ভেনাস", _column("procedures", "leakage")) == "venous"
    etiology = _column("patients", "etiology")
    assert parse_cell("আঘাতজনিত # (সিঁড়ি থেকে পড়ে)", etiology) == "traumatic"
    assert is_missing("Re-do দেখুন")
    assert names_death("মৃত্যু ২৬-০৩-২০২২")


def test_a_death_remark_whose_date_does_not_tell_its_order() -> None:
    assert _dated("died 03-01-2024")
    assert _dated("died 22-08-2023")
    assert not _dated("doing well")


def _year_sheet(year: int, remarks: list[str | None]) -> list[list[object]]:
    rows: list[list[object]] = [["Study ID", "Date", "Level", "VAS pre", "Notes"]]
    for k, remark in enumerate(remarks, start=1):
        rows.append([f"Y{year % 100}-{k}", datetime(year, k, 10), "L1", 7, remark])
    return rows


def test_a_remarks_column_naming_deaths_on_every_year_sheet(tmp_path: Path) -> None:
    """One sheet per year, the remarks under one header on each: the year with two deaths
    (one dated ``03-01-2024``, its order open) shows them to be remarks naming deaths, so
    the same column on the year with one death, and on the year with none, is read so
    too: its death read, everyone else alive."""
    sheets = {
        "2021": _year_sheet(2021, ["doing well", "Died 26-03-2022", "walking"]),
        "2022": _year_sheet(2022, ["doing well", None, "on zoledronic acid"]),
        "2023": _year_sheet(2023, ["Died 22-08-2023", "walking", "Died 03-01-2024"]),
    }
    path = _workbook(tmp_path / "years.xlsx", sheets)
    loaded = load_cohort(path)
    died = loaded.cohort.patients.set_index("patient_id")["died"].to_dict()
    assert {k for k, v in died.items() if v} == {"Y21-2", "Y23-1", "Y23-3"}
    assert {k for k, v in died.items() if v is False or v == 0} == set(died) - {"Y21-2", "Y23-1", "Y23-3"}  # fmt: skip
    notes = {c.sheet: c for c in inspect_input(path).columns if c.letter == "E"}
    assert notes["2021"].label == notes["2023"].label == "death_note:died"
    assert "read on sheet '2023'" in notes["2021"].reason
    when = loaded.cohort.patients.set_index("patient_id")
    if "death_day" in when.columns:
        assert when.loc["Y21-2", "death_day"] == (date(2022, 3, 26) - date(2021, 2, 10)).days
    _reproduced_by_its_mapping(path, tmp_path)
