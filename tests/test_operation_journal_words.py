"""An operation journal in Russian and a visit-sheet register in Polish (batch 17): a pain
score's unit in its merged group header (``ВАШ, баллы`` over ``до операции``), a level's
letter typed in Cyrillic in a per-vertebra volume (``Т10 – 2; Т11 – 3``), a leak "not
found" (``не выявлено``), a death's date that is no date (``умерла 31.11.2022``), a
visit sheet named ``1 doba`` (the first day), a post-traumatic cause (``złamanie
pourazowe``) and a visit not attended written ``nie zgłosił(a) się``."""

from __future__ import annotations

from datetime import datetime

import pytest

from analysis.load import load_cohort
from analysis.normalize.cells import is_missing, parse_cell, parse_volumes
from analysis.normalize.headers import match_header
from analysis.normalize.timepoints import timepoint_of
from analysis.problems import ERROR
from analysis.spec import load_spec
from tests.test_any_workbook import _workbook


@pytest.mark.parametrize(
    ("header", "timepoint"),
    [("ВАШ, баллы до операции", "pre"), ("VAS (points) 1 month", "1m"), ("NRS, pkt 3 mies.", "3m")],
)
def test_a_score_s_unit_in_its_header_is_not_its_name(header, timepoint):
    target = match_header(header)
    assert target is not None and (target.measure, target.timepoint) == ("pain_vas", timepoint)


def _journal(tmp_path, outcome="жив"):
    rows = [
        [
            "Шифр",
            "Пол",
            "Возраст, лет",
            "Дата операции",
            "Уровень",
            "Объём цемента, мл",
            "Утечка цемента",
            "ВАШ, баллы",
            None,
            "Исход",
        ],
        [None, None, None, None, None, None, None, "до операции", "1 мес", None],
        [
            "ВП-001",
            "ж",
            71,
            datetime(2021, 3, 4),
            "Т10, Т11",
            "Т10 – 2; Т11 – 3",
            "не выявлено",
            8,
            4,
            outcome,
        ],
        ["ВП-002", "м", 53, datetime(2021, 4, 5), "L1", 4, "в диск", 7, 3, "жив"],
    ]
    merges = [("Журнал", f"{c}1:{c}2") for c in "ABCDEFGJ"] + [("Журнал", "H1:I1")]
    return load_cohort(_workbook(tmp_path / "journal.xlsx", {"Журнал": rows}, merges))


def test_a_journal_s_scores_under_a_group_naming_their_unit_are_read(tmp_path):
    loaded = _journal(tmp_path)
    scores = loaded.cohort.assessments
    pain = scores[scores["measure"] == "pain_vas"]
    got = {
        (p, t): v
        for p, t, v in zip(pain["patient_id"], pain["timepoint"], pain["value"], strict=True)
    }
    assert got == {("ВП-001", "pre"): 8, ("ВП-001", "1m"): 4, ("ВП-002", "pre"): 7, ("ВП-002", "1m"): 3}  # fmt: skip


def test_per_vertebra_volumes_with_a_cyrillic_level_letter_and_a_leak_not_found(tmp_path):
    assert parse_volumes("Т10 – 2; Т11 – 3") == (2.0, 3.0)  # Cyrillic Т
    assert parse_cell("не выявлено", load_spec().column("procedures", "leakage")) == "none"
    procs = _journal(tmp_path).cohort.procedures
    first = procs[procs["patient_id"] == "ВП-001"].sort_values("level")
    assert list(first["level"]) == ["T10", "T11"]
    assert list(first["cement_volume_ml"]) == [2.0, 3.0]
    assert list(first["leakage"]) == ["none", "none"]


def test_a_death_s_impossible_date_is_named_on_its_cell(tmp_path):
    loaded = _journal(tmp_path, outcome="умерла 31.11.2022")
    errors = [p for p in loaded.problems if p.severity == ERROR]
    assert [(p.column, p.cell) for p in errors] == [("Исход", "J3")]
    assert "not a valid calendar date" in errors[0].message


def test_polish_words_for_the_first_day_a_post_traumatic_cause_and_a_visit_not_attended():
    assert timepoint_of("1 doba") == "24h"
    etiology = load_spec().column("patients", "etiology")
    assert parse_cell("złamanie pourazowe – wypadek komunikacyjny", etiology) == "traumatic"
    assert is_missing("nie zgłosił(a) się")


def _visit_sheets(tmp_path, remark):
    procedures = [
        ["Nr badania", "Zabieg nr", "Data zabiegu", "Poziom(y)", "Metoda", "Objętość cementu [ml]"],
        ["VP-01", 1, datetime(2021, 3, 10), "L2", "PVP", 4.5],
        ["VP-02", 1, datetime(2021, 5, 1), "Th12", "PVP", 4],
    ]
    visit = ["Nr badania", "Zabieg nr", "Data wizyty", "VAS", "ODI [%]", "Uwagi"]
    sheets = {
        "Zabiegi": procedures,
        "Przed zabiegiem": [
            visit,
            ["VP-01", 1, "08.03.2021", 9, 56, None],
            ["VP-02", 1, "30.04.2021", 8, 60, None],
        ],
        "3 mies.": [
            visit,
            ["VP-01", 1, "12.06.2021", 4, 24, remark],
            ["VP-02", 1, "01.08.2021", 2, 30, "tel. – odmowa przyjazdu"],
        ],
    }
    return load_cohort(_workbook(tmp_path / "visits.xlsx", sheets))


@pytest.mark.parametrize(
    "remark",
    [
        "nowe złamanie L3 – kwalifikacja do ponownego zabiegu",
        "RTG: świeże złamanie trzonu L3, leczenie zachowawcze",
    ],
)
def test_a_visit_sheet_s_remark_naming_a_new_fracture_is_that_fracture_at_the_visit(tmp_path, remark):  # fmt: skip
    loaded = _visit_sheets(tmp_path, remark)
    fractures = loaded.cohort.fractures
    assert [(p, lv, int(d)) for p, lv, d in zip(fractures["patient_id"], fractures["level"], fractures["day"], strict=True)] == [("VP-01", "L3", 94)]  # fmt: skip
    said = [p for p in loaded.problems if p.sheet == "3 mies." and "names a new fracture" in p.message]  # fmt: skip
    assert len(said) == 1 and "dated by the row" in said[0].message


def test_a_visit_sheet_s_remark_denying_a_fracture_names_none(tmp_path):
    loaded = _visit_sheets(tmp_path, "RTG: no new fracture at L3, bez nowego złamania")
    assert loaded.cohort.fractures.empty


def test_a_death_s_date_of_open_day_month_order_is_no_error(tmp_path):
    loaded = _journal(tmp_path, outcome="умерла 12/07/2022")
    assert not [p for p in loaded.problems if p.severity == ERROR]
    died = loaded.cohort.patients.set_index("patient_id")["died"]
    assert bool(died["ВП-001"]) is True
