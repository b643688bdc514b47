"""Values read right: leakage written level by level or in phrases, a measurement
export of one measurement per row, a register of deaths, biopsy rows, visit notes."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.load import load_cohort
from analysis.normalize import match_header, parse_cell
from analysis.normalize.cells import (
    other_procedure,
    parse_level_list,
    parse_multi_category,
)
from analysis.normalize.leakage_levels import sites_by_level
from analysis.normalize.timepoints import timepoint_of
from analysis.spec import load_spec


@pytest.fixture
def leakage():
    return load_spec().column("procedures", "leakage")


@pytest.mark.parametrize(
    ("cell", "sites"),
    [
        ("Có – rò tĩnh mạch", "venous"),  # a site phrase inside a longer one
        ("Có – rò phần mềm cạnh sống", "paravertebral"),
        ("Vähäinen vuoto laskimoon ja foramenin alueelle", "foraminal;venous"),  # "ja": and
        ("Ei vuotoa", "none"),
        ("פארא-ורטברלית", "paravertebral"),
        ("так — фораменальне", "foraminal"),
        ("disc and vein", "disc;venous"),
        ("椎間板・硬膜外", "disc;epidural"),  # a middle dot between sites
        ("disc·venous", "disc;venous"),
        ("椎间孔", "foraminal"),  # simplified Chinese
        ("உண்டு – ஃபொரமினல்", "foraminal"),  # Tamil "yes – foraminal"
    ],
)
def test_leakage_phrases(leakage, cell, sites):
    assert parse_multi_category(cell, leakage) == sites


def test_leakage_level_by_level(leakage):
    assert sites_by_level("Có – T10: rò tĩnh mạch, ngoài màng cứng", leakage) == (
        ("T10", "epidural;venous"),
    )
    assert sites_by_level("yes - L1: disc; L3: vein", leakage) == (("L1", "disc"), ("L3", "venous"))
    assert sites_by_level("так — в диск (L3)", leakage) == (("L3", "disc"),)
    assert sites_by_level("بله – دیسک L2", leakage) == (("L2", "disc"),)  # yes – disc L2
    assert sites_by_level("disc L2, vein L3", leakage) == (("L2", "disc"), ("L3", "venous"))
    # German thoracic and lumbar vertebrae (Brust-, Lendenwirbelkörper)
    assert sites_by_level("LWK 2 venös", leakage) == (("L2", "venous"),)
    assert sites_by_level("LWK 3 diskal; LWK 4 diskal + venös", leakage) == (
        ("L3", "disc"),
        ("L4", "disc;venous"),
    )
    assert sites_by_level("venös (BWK 12)", leakage) == (("T12", "venous"),)
    assert sites_by_level("disc, vein", leakage) is None
    assert sites_by_level("disc", leakage) is None  # no level named: one set of sites
    assert sites_by_level("L3: not a site", leakage) is None


def test_visit_note_in_brackets_and_fracture_words():
    assert timepoint_of("6 vk (2. toimenpide)") == "6w"
    assert timepoint_of("Sau 1 tháng (lần 2)") == "1m"
    assert timepoint_of("(lần 2)") is None
    assert parse_level_list("Gãy mới T12") == ("T12",)


def test_other_procedure_needs_no_augmentation_word():
    assert other_procedure("Luubiopsia, nikama (neula)")
    assert other_procedure("Bone biopsy")
    assert not other_procedure("Vertebroplastia")


def _write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture
def exports(tmp_path: Path) -> Path:
    """A unit's own exports: patients with a column of dates of death, procedures with a
    biopsy row and leakage named per level, and scores one measurement per row."""
    _write(tmp_path, "demographics.csv", "Study ID;Sex;Age;Date of death\nP1;F;70;\nP2;M;80;20.11.2021\nP3;F;65;\n")  # fmt: skip
    _write(
        tmp_path,
        "operations.csv",
        "Study ID;Procedure no;Date;Technique;Level;Cement volume;Leakage\n"
        "P1;9001;3.3.2021;Bone biopsy;T8;;\n"
        "P1;9001;3.3.2021;Vertebroplasty;T8, T9;2,5 + 3;yes - T8: vein\n"
        "P2;9002;1.6.2021;Kyphoplasty;L1;4;no\n"
        "P3;9003;5.5.2021;Vertebroplasty;L2;3;no\n",
    )
    _write(
        tmp_path,
        "scores.csv",
        "Study ID;Visit;Procedure no;Measure;Value\n"
        "P1;baseline;9001;VAS (0-100 mm);80\n"
        "P1;baseline;9001;ODI (%);60\n"
        "P1;baseline;9001;EQ-5D index;0,5\n"
        "P1;3 months;9001;VAS (0-100 mm);30\n"
        "P2;baseline;9002;VAS (0-100 mm);905\n"
        "P3;baseline;9003;VAS (0-100 mm);70\n"
        "P3;6 weeks (after the procedure);9003;VAS (0-100 mm);20\n",
    )
    return tmp_path


def test_measurement_export_read_as_one_column_per_measure(exports):
    result = load_cohort(exports)
    got = {
        (r.patient_id, r.measure, r.timepoint): r.value
        for r in result.cohort.assessments.itertuples()
    }
    assert got == {
        ("P1", "pain_vas", "pre"): 8.0,  # 0-100 mm declared in the measure's name
        ("P1", "odi", "pre"): 60.0,
        ("P1", "pain_vas", "3m"): 3.0,
        ("P3", "pain_vas", "pre"): 7.0,
        ("P3", "pain_vas", "6w"): 2.0,
    }
    said = [p for p in result.problems if p.rule == "measurement_rows"]
    assert len(said) == 1
    assert "column D 'Measure' names the measure" in said[0].message
    assert "'EQ-5D index' are not read" in said[0].message
    # the visit column gives the measures' time points: no column is said to lack one
    assert not [p for p in result.problems if p.rule == "no_timepoint"]
    # the bad value is named at its own cell, under its own header
    (bad,) = [p for p in result.problems if p.severity == "error" and p.row == 6]
    assert (bad.sheet, bad.cell, bad.column) == ("scores", "E6", "Value")


def test_register_of_deaths_biopsy_rows_and_leakage_per_level(exports):
    result = load_cohort(exports)
    died = dict(zip(result.cohort.patients["patient_id"], result.cohort.patients["died"], strict=True))  # fmt: skip
    assert died == {"P1": False, "P2": True, "P3": False}
    assert any(p.rule == "deaths_only" and p.cell == "D1" for p in result.problems)
    procs = result.cohort.procedures
    leak = dict(zip(procs["level"], procs["leakage"], strict=True))
    assert leak == {"T8": "venous", "T9": "none", "L1": "none", "L2": "none"}
    (biopsy,) = [p for p in result.problems if p.rule == "not_augmentation"]
    assert (biopsy.sheet, biopsy.cell, biopsy.severity) == ("operations", "D2", "warning")
    assert not [p for p in result.problems if p.severity == "error" and p.sheet == "operations"]


def test_a_death_column_with_no_words_keeps_blanks_unknown(tmp_path):
    _write(tmp_path, "demographics.csv", "Study ID;Sex;Age;Date of death\nP1;F;70;no\nP2;M;80;20.11.2021\nP3;F;65;\n")  # fmt: skip
    _write(tmp_path, "operations.csv", "Study ID;Date;Technique;Level\nP1;3.3.2021;VP;T8\nP2;1.6.2021;KP;L1\nP3;5.5.2021;VP;L2\n")  # fmt: skip
    result = load_cohort(tmp_path)
    died = dict(zip(result.cohort.patients["patient_id"], result.cohort.patients["died"], strict=True))  # fmt: skip
    assert not died["P1"] and died["P2"]
    assert pd.isna(died["P3"])  # unknown, not "no"
    assert not any(p.rule == "deaths_only" for p in result.problems)


def test_a_unit_word_alone_is_one_of_it():
    assert timepoint_of("מעקב חודש") == "1m"  # "follow-up month"
    assert timepoint_of("follow-up year") == "12m"
    assert timepoint_of("month") == "1m"
    for abbreviation in ("m", "d", "y", "wk"):  # may stand for anything else
        assert timepoint_of(abbreviation) is None


def test_a_header_ending_with_its_second_session_word(tmp_path):
    path = tmp_path / "unit.csv"
    path.write_text(
        "Study ID;Date;Level;VAS pre;Redo date;Redo level;VAS pre redo\n"
        "P1;01.03.2021;L1;8;01.06.2021;L2;9\n"
        "P2;01.04.2021;T12;7;;;\n",
        encoding="utf-8",
    )
    result = load_cohort(path)
    a = result.cohort.assessments
    procs = result.cohort.procedures
    second = procs.loc[procs["level"] == "L2", "procedure_id"].item()
    got = a.loc[(a["patient_id"] == "P1") & (a["procedure_id"] == second), "value"].tolist()
    assert got == [9.0]
    first = procs.loc[procs["level"] == "L1", "procedure_id"].item()
    assert a.loc[a["procedure_id"] == first, "value"].tolist() == [8.0]


def _long_sheet(tmp_path: Path, rows: str) -> Path:
    path = tmp_path / "visits.csv"
    path.write_text("Study ID;Session;Visit;Date;Level;VAS;New fracture\n" + rows, "utf-8")
    return path


def test_a_visit_row_dates_its_new_fracture_and_a_died_word_is_no_visit(tmp_path):
    path = _long_sheet(
        tmp_path,
        "P1;1;pre;01.03.2021;L1;8;\n"
        "P1;1;3 months;01.06.2021;;3;Gãy mới L2\n"  # "new fracture L2"
        "P2;1;pre;01.04.2021;T12;7;\n"
        "P2;1;3 months;died;;;\n",
    )
    result = load_cohort(path)
    (fracture,) = result.cohort.fractures.itertuples()
    assert (fracture.patient_id, fracture.level, fracture.day) == ("P1", "L2", 92)
    assert any(p.rule == "fracture_at_visit" and p.row == 3 for p in result.problems)
    assert result.errors == []  # "died" in the date cell: no visit, not a bad date
    assert set(result.cohort.assessments["patient_id"]) == {"P1", "P2"}


def test_outcomes_of_a_patient_whose_procedure_failed_are_not_errors_again(tmp_path):
    path = _long_sheet(
        tmp_path,
        "P1;1;pre;01.03.2021;L7;8;\nP1;1;3 months;01.06.2021;;3;\nP2;1;pre;01.04.2021;T12;7;\n",
    )
    result = load_cohort(path)
    assert [(p.row, p.cell) for p in result.errors] == [(2, "E2")]
    assert any(p.row == 3 and "excluded with patient P1" in p.message for p in result.problems)


def test_level_and_date_cells_take_the_order_their_column_proves(tmp_path):
    path = tmp_path / "unit.csv"
    path.write_text(
        "Study ID;Date;Level;New fracture (level, date)\n"
        "P1;13.01.2021;L1;T10, 13-07-2021\n"
        "P2;01.02.2021;T12;T9, 04-03-2021\n"  # 4 March: day-first, as row 2 proves
        + "".join(f"P{n};01.02.2021;L2;T8, 0{n}-02-2022\n" for n in range(3, 8)),
        encoding="utf-8",
    )
    result = load_cohort(path)
    got = {(r.patient_id, r.level, r.day) for r in result.cohort.fractures.itertuples()}
    assert {("P1", "T10", 181), ("P2", "T9", 31), ("P3", "T8", 367)} <= got
    assert result.errors == []


@pytest.mark.parametrize("header", ["درد قبل از عمل (VAS)", "Pain pre (VAS)"])
def test_a_measure_named_again_in_brackets(header):
    found = match_header(header)
    assert found is not None and (found.measure, found.timepoint) == ("pain_vas", "pre")
    assert match_header("Pain pre (ODI)") is None  # two measures: not a guess


@pytest.mark.parametrize(
    ("table", "column", "cell", "value"),
    [
        ("patients", "etiology", "metasztázis (emlő)", "pathologic"),
        ("patients", "etiology", "oszteoporotikus", "osteoporotic"),
        ("patients", "etiology", "Đa u tủy xương", "pathologic"),
        ("patients", "died", "Còn sống", False),  # alive
        ("patients", "died", "Tử vong", True),
        ("procedures", "leakage", "diszkusz + vénás", "disc;venous"),
        ("procedures", "leakage", "หลอดเลือดดำ, เนื้อเยื่อข้างกระดูกสันหลัง", "venous;paravertebral"),
    ],
)
def test_words_of_more_languages(table, column, cell, value):
    from analysis.normalize import parse_cell

    assert parse_cell(cell, load_spec().column(table, column)) == value


def test_thai_hours_and_not_assessed():
    from analysis.normalize import is_missing

    assert timepoint_of("หลังทำ 24 ชม.") == "24h"  # 24 hours after
    assert is_missing("ไม่ได้ประเมิน")  # not assessed


def test_leakage_level_named_across_numbered_level_columns(tmp_path):
    path = tmp_path / "unit.csv"
    path.write_text(
        "Study ID;Date;Technique;Level 1;Volume 1 (ml);Level 2;Volume 2 (ml);Leakage\n"
        "P1;05.01.2019;KP;T4;3,5;T5;3,5;yes – paravertebral T4\n"
        "P2;27.07.2019;VP;T12;3;L1;6,5;D12: disc\n"  # D: dorsal, a thoracic level
        "P3;03.08.2019;VP;T11;4,5;;;no\n",
        encoding="utf-8",
    )
    procs = load_cohort(path).cohort.procedures
    got = {(r.patient_id, r.level): r.leakage for r in procs.itertuples()}
    assert got == {
        ("P1", "T4"): "paravertebral",
        ("P1", "T5"): "none",
        ("P2", "T12"): "disc",
        ("P2", "L1"): "none",
        ("P3", "T11"): "none",
    }


def test_the_mapping_of_a_measurement_export_loads_what_was_read(exports, tmp_path):
    from analysis.load import inspect_input, options_from_mapping, read_mapping

    inspection = inspect_input(exports)
    text = inspection.mapping_yaml()
    assert "measure_rows: {names: D, values: E}" in text
    assert any("one measurement per row" in s.note for s in inspection.sheets)
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(text, "utf-8")
    unaided = load_cohort(exports)
    mapped = load_cohort(exports, options_from_mapping(read_mapping(mapping)))
    pd.testing.assert_frame_equal(mapped.cohort.assessments, unaided.cohort.assessments)
    assert len(mapped.cohort.assessments) == 5


def _two_patients_operated(folder):
    """The demographics and operations of a two-patient export (procedure numbers 9001, 9002)."""
    _write(folder, "demographics.csv", "Study ID;Sex;Age\nP1;F;70\nP2;M;80\n")
    _write(
        folder,
        "operations.csv",
        "Study ID;Procedure no;Date;Technique;Level\n"
        "P1;9001;01.03.2021;VP;L1\nP2;9002;01.06.2021;KP;T12\n",
    )


def test_a_measurement_export_without_visits_takes_time_points_from_dates(tmp_path):
    _two_patients_operated(tmp_path)
    _write(
        tmp_path,
        "scores.csv",
        "Study ID;Procedure no;Assessment date;Measure;Value\n"
        "P1;9001;28.02.2021;VAS;8\n"  # the day before: baseline
        "P1;9001;02.03.2021;VAS;5\n"  # day 1
        "P1;9001;12.04.2021;VAS;3\n"  # day 42
        "P1;9001;05.03.2021;VAS;4\n"  # day 4: near no time point
        "P2;9002;30.08.2021;ODI (%);40\n",  # day 90
    )
    result = load_cohort(tmp_path)
    got = {(r.patient_id, r.measure, r.timepoint, r.day): r.value for r in result.cohort.assessments.itertuples()}  # fmt: skip
    assert got == {
        ("P1", "pain_vas", "pre", -1): 8.0,
        ("P1", "pain_vas", "24h", 1): 5.0,
        ("P1", "pain_vas", "6w", 42): 3.0,
        ("P2", "odi", "3m", 90): 40.0,
    }
    (far,) = [p for p in result.problems if p.rule == "timepoint"]
    assert far.row == 5 and "dated 4 days from its procedure, near no time point" in far.message


def test_a_measurement_export_gives_the_unit_of_each_measure_in_a_column(tmp_path):
    """A unit column (``mm`` beside the pain measure) sets that measure's scale; a column
    of recorders' initials beside the values is no unit."""
    _two_patients_operated(tmp_path)
    _write(
        tmp_path,
        "scores.csv",
        "Study ID;Procedure no;Assessment date;Measure;Value;Units;By\n"
        "P1;9001;28.02.2021;Pain VAS;80;mm;ab\n"
        "P1;9001;12.04.2021;Pain VAS;30;mm;cd\n"
        "P2;9002;30.08.2021;ODI;40;%;ab\n"
        "P2;9002;30.08.2021;Pain VAS;5;mm;ab\n",
    )
    result = load_cohort(tmp_path)
    got = {(r.patient_id, r.measure, r.timepoint): r.value for r in result.cohort.assessments.itertuples()}  # fmt: skip
    assert got == {
        ("P1", "pain_vas", "pre"): 8.0,
        ("P1", "pain_vas", "6w"): 3.0,
        ("P2", "odi", "3m"): 40.0,
        ("P2", "pain_vas", "3m"): 0.5,
    }
    assert not result.errors


def _two_patients_below(tmp_path: Path, header: str, row: str):
    """A register of two patients with ``row`` between its header and them: both load
    with no error."""
    path = tmp_path / "register.csv"
    patients = "P1;F;70;01.03.2021;L1;VP;8\nP2;M;81;01.04.2021;T12;KP;7\n"
    if header.startswith("No;"):
        patients = "1;P1;F;70;01.03.2021;L1;VP;8\n2;P2;M;81;01.04.2021;T12;KP;7\n"
    path.write_text(f"{header}\n{row}\n{patients}", encoding="utf-8")
    result = load_cohort(path)
    assert sorted(result.cohort.patients["patient_id"]) == ["P1", "P2"]
    assert not [p for p in result.problems if p.severity == "error"]
    return result


def test_a_row_numbering_the_columns_is_no_patient(tmp_path):
    header = "No;Study ID;Sex;Age;Date;Level;Technique;VAS pre"
    result = _two_patients_below(tmp_path, header, "1;2;3;4;5;6;7;8")
    said = [p for p in result.problems if p.rule == "column_numbers"]
    assert [(p.row, p.severity) for p in said] == [(2, "warning")]


def test_a_first_row_of_numbers_not_following_the_columns_is_read(tmp_path):
    path = tmp_path / "register.csv"
    path.write_text(
        "Study ID;Age;VAS pre;VAS 1 month;ODI pre;ODI 1 month;Level;Date\n"
        "7;70;8;3;40;20;L1;01.03.2021\n",
        encoding="utf-8",
    )
    result = load_cohort(path)
    assert result.cohort.patients["patient_id"].tolist() == ["7"]
    assert not [p for p in result.problems if p.rule == "column_numbers"]


@pytest.mark.parametrize("note", ["2019", "Notes:", "註：", "3. 第2次＝同一病人另一節位再次手術。"])
def test_a_heading_or_note_among_the_rows_is_no_patient(tmp_path, note):
    result = _two_patients_below(tmp_path, "Study ID;Sex;Age;Date;Level;Technique;VAS pre", f"{note};;;;;;")  # fmt: skip
    assert any(p.row == 2 and "holds no value" in p.message for p in result.problems)


def test_a_volume_no_vertebra_takes_is_named_on_its_cell(tmp_path):
    path = tmp_path / "register.csv"
    path.write_text(
        "Study ID;Date;Level;Cement (ml)\n"
        "P1;01.03.2021;T10;22,5\n"
        "P2;01.04.2021;T11, T12;22,5\n"  # two levels: the session's total, kept
        "P3;01.05.2021;L1;6\n",
        encoding="utf-8",
    )
    result = load_cohort(path)
    wrong = [p for p in result.problems if p.severity == "error"]
    assert [(p.row, p.cell, p.column) for p in wrong] == [(2, "D2", "Cement (ml)")]
    assert "22.5 mL of cement in one vertebra" in wrong[0].message
    procs = result.cohort.procedures.set_index("patient_id")
    assert pd.isna(procs.loc["P1", "cement_volume_ml"])
    assert procs.loc["P3", "cement_volume_ml"] == 6.0
    assert set(procs.loc["P2", "session_cement_volume_ml"]) == {22.5}


@pytest.mark.parametrize(
    "cell", ["Velounfall", "Verkehrsunfall", "Treppensturz", "Hochrasanztrauma"]
)
def test_german_accidents_and_falls_are_traumatic(cell):
    assert parse_cell(cell, load_spec().column("patients", "etiology")) == "traumatic"
