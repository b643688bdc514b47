"""Workbooks kept in any language and layout: the rules behind them, one by one.

Time points named in any language, calendars and date shapes, full-width characters,
levels written with region words, values named by their words or their stems, two fields
in one cell, several tables on one sheet, one sheet per visit, merged cells down the rows,
"same as above" marks and a wide sheet saved as CSV.
"""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import yaml

from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping
from analysis.normalize import CellError, match_header, parse_cell
from analysis.normalize.cells import (
    by_words,
    is_missing,
    parse_boolean,
    parse_level_list,
    parse_multi_category,
    parse_number,
    parse_pair,
    parse_volumes,
)
from analysis.normalize.dates import DateInText, parse_date_column, split_level_date
from analysis.normalize.timepoints import timepoint_of
from analysis.problems import InputFormatError
from analysis.spec import load_spec
from analysis.synth import synthesize, write_wide_workbook

SPEC = load_spec()


@pytest.mark.parametrize(
    ("text", "timepoint"),
    [
        ("prä-OP", "pre"),
        ("praeop", "pre"),
        ("6 Wo", "6w"),
        ("post-OP (1 Tag)", "24h"),
        ("3 Mon", "3m"),
        ("1ヶ月", "1m"),
        ("術前", "pre"),
        ("術後1週", "1w"),
        ("M6", "6m"),
        ("J1", "24h"),
        ("3 mån", "3m"),
        ("1. ay", "1m"),
        ("Op. öncesi", "pre"),
        ("через 6 мес", "6m"),
        ("术后1天", "24h"),
        ("1개월", "1m"),
        ("수술 전", "pre"),
        ("po 1 miesiącu", "1m"),
        ("12 měsíců", "12m"),
        ("2/52", "2w"),
        ("3/12", "3m"),
        ("FU 12 mo", "12m"),
        ("4 weeks", "1m"),
    ],
)
def test_time_points_in_any_language(text, timepoint):
    assert timepoint_of(text) == timepoint


@pytest.mark.parametrize("text", ["Level 2", "2 months", "pre 6w", "Visit 1", "2019", "1.5 months"])
def test_texts_that_name_no_time_point(text):
    assert timepoint_of(text) is None


@pytest.mark.parametrize(
    ("header", "label"),
    [
        ("VAS prä", "pain_vas@pre"),
        ("NRS術前", "pain_vas@pre"),
        ("VAS (mm) 12 mån", "pain_vas@12m"),
        ("Schmerz VAS 3 Mon", "pain_vas@3m"),
        ("통증 1개월", "pain_vas@1m"),
        ("VAS_PRAEOP", "pain_vas@pre"),
        ("WK_HOEHE", "procedures.level"),
        ("年齢", "patients.age_years"),
        ("症例番号", "patients.patient_id"),
        ("KIS_PAT_ID", "identifier:mrn"),
        ("Sexe (H/F)", "patients.sex"),
        ("Age/Sex", "patients.age_years|sex"),
        ("New # (level)", "fractures.level"),
        ("Poziom(y)", "procedures.level"),
    ],
)
def test_headers_in_any_language(header, label):
    found = match_header(header)
    assert found is not None and found.label == label


def test_dates_in_calendars_and_shapes():
    got = parse_date_column(
        [
            "R3.4.12",
            "H31.4.2",
            "令和元年5月1日",
            "2021年4月12日",
            "2021년 4월 12일",
            "110/04/12",
            "民國110年4月12日",
            "1100412",
            "20210412",
            "2021. 4. 12.",
            "２０２１／０４／１２",
        ]
    )
    assert got[0] == date(2021, 4, 12)
    assert got[1] == date(2019, 4, 2)  # Heisei 31
    assert got[2] == date(2019, 5, 1)  # the first year of Reiwa
    assert all(d == date(2021, 4, 12) for d in got[3:])


def test_a_date_inside_text_is_read_and_flagged():
    (inside,) = parse_date_column(["tel. 11.02.2021 (Dr. X)"])
    assert isinstance(inside, DateInText) and inside == date(2021, 2, 11)
    (two,) = parse_date_column(["from 01.02.2021 to 03.02.2021"])
    assert isinstance(two, CellError)


def test_no_in_a_date_column_is_no_date():
    assert parse_date_column(["nein", "なし", "0"])[:2] == [None, None]


def test_full_width_and_suffixed_numbers():
    assert parse_number("３．５") == 3.5
    assert parse_number("63 J.") == 63.0
    assert parse_number("44 %") == 44.0
    assert parse_number("72歳") == 72.0
    with pytest.raises(CellError, match="not a number"):
        parse_number("63 apples")


@pytest.mark.parametrize(
    ("text", "levels"),
    [
        ("Ｌ２", ("L2",)),
        ("L1、L2", ("L1", "L2")),
        ("L1～L3", ("L1", "L2", "L3")),
        ("腰椎1", ("L1",)),
        ("第12胸椎", ("T12",)),
        ("요추 1번", ("L1",)),
        ("Т12", ("T12",)),  # a Cyrillic capital T
        ("D12 y L1", ("T12", "L1")),
        ("L1 L2", ("L1", "L2")),
    ],
)
def test_levels_written_in_other_ways(text, levels):
    assert parse_level_list(text) == levels


def test_yes_no_and_missing_in_other_scripts():
    assert parse_boolean("＋") is True
    assert parse_boolean("無") is False
    assert parse_boolean("Ø") is False
    assert is_missing("－") and is_missing("n.e.") and is_missing("不明")
    assert not (SPEC.missing_tokens & (SPEC.true_tokens | SPEC.false_tokens))


def test_values_named_by_their_words():
    etiology = SPEC.column("patients", "etiology")
    technique = SPEC.column("procedures", "technique")
    assert parse_cell("metastasi (mammella)", etiology) == "pathologic"
    assert parse_cell("złamanie osteoporotyczne", etiology) == "osteoporotic"
    assert parse_cell("骨质疏松性椎体压缩骨折", etiology) == "osteoporotic"
    assert parse_cell("M80.88", etiology) == "osteoporotic"
    assert parse_cell("C79.5", etiology) == "pathologic"
    assert parse_cell("kyfoplastyka balonowa", technique) == "kyphoplasty"
    assert parse_cell("Vertecem V+", SPEC.column("procedures", "cement_type")) == "PMMA"
    # words naming two values name none
    assert by_words("osteoporosis with pathological fracture", etiology) is None


def test_leakage_sites_after_a_yes_word_or_in_brackets():
    leakage = SPEC.column("procedures", "leakage")
    assert parse_multi_category("tak – Th11: tkanki przykręgowe, naczynia żylne", leakage) == (
        "venous;paravertebral"
    )
    assert parse_multi_category("sí (D10 epidural, venosa)", leakage) == "epidural;venous"
    assert parse_multi_category("L1椎间盘、椎旁静脉", leakage) == "disc;venous"
    assert parse_multi_category("N", leakage) == "none"
    assert parse_multi_category("J", leakage) is None  # yes, the sites are elsewhere


def test_two_fields_and_several_volumes_in_one_cell():
    names = ("age_years", "sex")
    assert parse_pair("67/F", names) == {"age_years": 67.0, "sex": "female"}
    assert parse_pair("F 67", names) == {"sex": "female", "age_years": 67.0}
    with pytest.raises(CellError, match="age_years"):
        parse_pair("67", names)
    assert parse_volumes("3,5 + 4") == (3.5, 4.0)
    assert parse_volumes("3,5") is None  # a decimal comma, not two volumes
    assert split_level_date("L1 - 26/09/2021") == ("L1", date(2021, 9, 26))
    assert split_level_date("T12 (22/06/2021)") == ("T12", date(2021, 6, 22))


def _workbook(path: Path, sheets: dict[str, list[list[object]]], merges=()) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r)
    for sheet, rng in merges:
        wb[sheet].merge_cells(rng)
    wb.save(path)
    return path


def _long_layout(tmp_path: Path) -> Path:
    patients = [["症例番号", "性別", "年齢"], ["K1", "女", 80], ["K2", "男", 70], ["K3", "女", 75]]
    procedures = [
        ["症例番号", "施行回", "施行日", "椎体", "セメント量(ml)"],
        ["K1", 1, "R3.4.12", "L1", 3.5],
        ["K2", 1, "2021/05/10", "T12", 4],
        ["K2", 2, "2021/07/01", "L2", 3],
        ["K3", 1, "2021/06/01", "L3", "３．０"],
    ]
    pre = [["評価日", "症例番号", "VAS"], ["R3.4.11", "K1", 8], ["2021/05/09", "K2", 7]]
    one_month = [["症例番号", "施行回", "VAS", "評価日"], ["K1", 1, 3, "R3.5.12"], ["K2", 2, 2, "2021/08/01"]]  # fmt: skip
    fractures = [["症例番号", "診断日", "椎体"], ["K1", "R3.10.1", "T12"]]
    return _workbook(
        tmp_path / "long.xlsx",
        {
            "患者": patients,
            "施行": procedures,
            "術前": pre,
            "1ヶ月": one_month,
            "新規骨折": fractures,
        },
    )


def test_one_sheet_per_visit(tmp_path):
    path = _long_layout(tmp_path)
    result = load_cohort(path)
    assert result.errors == []
    assert result.rows_in == result.rows_loaded + result.rows_reported
    c = result.cohort
    assert set(c.patients["patient_id"]) == {"K1", "K2", "K3"}
    assert sorted(c.procedures["level"].astype(str)) == ["L1", "L2", "L3", "T12"]
    pain = c.assessments.merge(c.procedures[["procedure_id", "day"]].drop_duplicates(), on="procedure_id", suffixes=("", "_proc"))  # fmt: skip
    got = {(p, tp, d): v for p, tp, d, v in zip(pain["patient_id"], pain["timepoint"], pain["day_proc"], pain["value"], strict=True)}  # fmt: skip
    # K2's 1-month visit names session 2 (day 52); the visit dates became outcome days
    assert got == {
        ("K1", "pre", 0): 8,
        ("K2", "pre", 0): 7,
        ("K1", "1m", 0): 3,
        ("K2", "1m", 52): 2,
    }
    assert sorted(c.assessments["day"].astype(int)) == [-1, -1, 30, 31]
    assert list(zip(c.fractures["level"].astype(str), c.fractures["day"].astype(int), strict=True)) == [("T12", 172)]  # fmt: skip
    sheets = {s.sheet: s.note for s in inspect_input(path).sheets}
    assert "visit at 1m" in sheets["1ヶ月"] and "fractures" in sheets["新規骨折"]


def _visit_sheets(tmp_path: Path, names: list[str]) -> Path:
    """Patients, procedures and one sheet per visit, each visit sheet named by ``names``
    (a word no vocabulary knows, then the interval)."""
    patients = [["Study ID", "Sex", "Age"], ["V1", "F", 80], ["V2", "M", 70]]
    procedures = [
        ["Study ID", "Session", "Date", "Level", "VAS pre"],
        ["V1", 1, date(2021, 3, 1), "L1", 8],
        ["V2", 1, date(2021, 4, 1), "T12", 9],
    ]
    visits = {
        name: [
            ["Study ID", "Session", "Date", "VAS"],
            ["V1", 1, None, 6 - k],
            ["V2", 1, None, 7 - k],
        ]
        for k, name in enumerate(names)
    }
    return _workbook(tmp_path / "visits.xlsx", {"Patients": patients, "Procedures": procedures, **visits})  # fmt: skip


def test_visit_sheets_named_alike_in_an_unknown_language_give_their_time_points(tmp_path):
    """'Kontrollo 1 week', 'Kontrollo 3 months': the word the names share is the visit's
    word in a language the vocabulary does not know; set aside, each name gives its time
    point. Shown in inspect, and the mapping it writes reproduces the load."""
    names = ["Kontrollo 1 week", "Kontrollo 3 months", "Kontrollo 1 year"]
    assert [timepoint_of(n) for n in names] == [None, None, None]
    path = _visit_sheets(tmp_path, names)
    result = load_cohort(path)
    assert result.errors == []
    a = result.cohort.assessments
    got = {(p, t): v for p, t, v in zip(a["patient_id"], a["timepoint"], a["value"], strict=True)}
    assert got == {
        ("V1", "pre"): 8, ("V2", "pre"): 9, ("V1", "1w"): 6, ("V2", "1w"): 7,
        ("V1", "3m"): 5, ("V2", "3m"): 6, ("V1", "12m"): 4, ("V2", "12m"): 5,
    }  # fmt: skip
    notes = {s.sheet: s.note for s in inspect_input(path).sheets}
    assert "visit at 3m (from the sheet's name, the words it shares with other visit sheets' names set aside)" in notes["Kontrollo 3 months"]  # fmt: skip
    written = tmp_path / "mapping.yaml"
    written.write_text(inspect_input(path).mapping_yaml(), "utf-8")
    mapped = load_cohort(path, options_from_mapping(read_mapping(written))).cohort
    for table in ("patients", "procedures", "assessments"):
        assert getattr(result.cohort, table).equals(getattr(mapped, table)), table


@pytest.mark.parametrize(
    "names",
    [
        ["Kontrollo 3 months"],  # alone: nothing says the word is the visit's
        ["Kontrollo 3 months", "Kontrollo 3 mo"],  # one time point twice: no interval apart
        ["Kontrollo A", "Kontrollo B"],  # no interval at all
    ],
)
def test_a_visit_sheet_name_with_an_unknown_word_and_no_sibling_gives_no_time_point(tmp_path, names):  # fmt: skip
    path = _visit_sheets(tmp_path, names)
    a = load_cohort(path).cohort.assessments
    assert set(a["timepoint"].astype(str)) == {"pre"}


def _session_blocks(tmp_path: Path, first: str, second: str) -> Path:
    """One row per patient: the first session's columns under the group header ``first``,
    the second's, with the same sub-headers, under ``second`` to the right."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Register"
    ws.append(["Patient", None, None, first, None, None, None, second, None, None, None])
    sub = ["Date", "Level", "Volume (ml)", "VAS pre"]
    ws.append(["Study ID", "Sex", "Age", *sub, *sub])
    ws.append(["P1", "F", 80, "01.03.2021", "L1", 4, 8, "01.06.2021", "L2", 5, 9])
    ws.append(["P2", "M", 70, "01.04.2021", "T12", 3, 7, None, None, None, None])
    ws.append(["P3", "F", 75, "01.05.2021", "L3", 6, 9, "01.09.2021", "L4", 3.5, 6])
    ws.append(["P4", "F", 65, "01.06.2021", "T8", 2, 8, None, None, None, None])
    for cells in ("A1:C1", "D1:G1", "H1:K1"):
        ws.merge_cells(cells)
    path = tmp_path / "sessions.xlsx"
    wb.save(path)
    return path


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Seanca 1", "Seanca 2 (rindërhyrje)"),  # a word the vocabulary does not know
        ("Sesión 1", "Sesión 2"),
        ("1. etapa", "2. etapa"),  # the number first
    ],
)
def test_a_second_session_under_a_group_header_numbering_it_beside_the_first(tmp_path, first, second):  # fmt: skip
    """The second session's block repeats the first's sub-headers under a group header
    numbering it with the first's word: its columns are the second session's, shown so in
    inspect, and the mapping inspect writes reproduces the load."""
    path = _session_blocks(tmp_path, first, second)
    result = load_cohort(path)
    assert result.errors == []
    assert [p for p in result.problems if "only column" in p.message] == []
    c = result.cohort
    procs = sorted(zip(c.procedures["patient_id"], c.procedures["day"].astype(int), c.procedures["level"].astype(str), c.procedures["cement_volume_ml"], strict=True))  # fmt: skip
    assert procs == [
        ("P1", 0, "L1", 4.0), ("P1", 92, "L2", 5.0), ("P2", 0, "T12", 3.0),
        ("P3", 0, "L3", 6.0), ("P3", 123, "L4", 3.5), ("P4", 0, "T8", 2.0),
    ]  # fmt: skip
    a = c.assessments.merge(c.procedures[["procedure_id", "day"]].drop_duplicates(), on="procedure_id")  # fmt: skip
    pre = sorted(zip(a["patient_id"], a["day_y"].astype(int), a["value"], strict=True))
    assert pre == [("P1", 0, 8), ("P1", 92, 9), ("P2", 0, 7), ("P3", 0, 9), ("P3", 123, 6), ("P4", 0, 8)]  # fmt: skip
    found = inspect_input(path)
    hows = {c.letter: c.reason for c in found.columns}
    assert all("numbering the second session" in hows[letter] for letter in "HIJK")
    written = tmp_path / "mapping.yaml"
    written.write_text(found.mapping_yaml(), "utf-8")
    mapped = load_cohort(path, options_from_mapping(read_mapping(written))).cohort
    for table in ("patients", "procedures", "assessments"):
        assert getattr(c, table).equals(getattr(mapped, table)), table


def test_a_group_header_numbering_vertebrae_is_no_session(tmp_path):
    """'Level 1' / 'Level 2' over repeated columns number vertebrae, not sessions."""
    path = _session_blocks(tmp_path, "Level 1", "Level 2")
    hows = {c.letter: c.reason for c in inspect_input(path).columns}
    assert not any("numbering the second session" in hows[letter] for letter in "HIJK")


@pytest.mark.parametrize("volume", ["Cement (ml)", "Saruji (ml)"])
def test_a_numbered_level_keeps_the_unnumbered_volume_after_it(tmp_path, volume):
    """``Level 1 | Cement (ml) | Level 2 | Cement (ml)``: each volume is its own level's
    (not the first volume given to every level), and the session's total their sum."""
    rows = [
        ["Study ID", "Date", "Level 1", volume, "Level 2", volume],
        ["P1", "03/01/2022", "T12", 3.5, "L1", 4],
        ["P2", "03/02/2022", "L2", 2.5, None, None],
    ]
    path = _workbook(tmp_path / "levels.xlsx", {"Cases": rows})
    result = load_cohort(path)
    assert not [p for p in result.problems if p.rule == "duplicate_header"]
    procs = result.cohort.procedures
    got = {(str(r.patient_id), str(r.level)): r.cement_volume_ml for r in procs.itertuples()}
    assert got == {("P1", "T12"): 3.5, ("P1", "L1"): 4.0, ("P2", "L2"): 2.5}
    hows = {c.letter: c.reason for c in inspect_input(path).columns}
    assert "vertebra 2 of repeated columns" in hows["F"]
    from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

    _reproduced_by_its_mapping(path, tmp_path)


def test_a_visit_dated_before_its_procedure_is_named_on_its_cell(tmp_path):
    path = _long_layout(tmp_path)
    wb = openpyxl.load_workbook(path)
    wb["1ヶ月"]["D2"] = "R3.3.1"
    wb.save(path)
    (problem,) = [p for p in load_cohort(path).errors if p.rule == "visit_date"]
    assert (problem.sheet, problem.cell) == ("1ヶ月", "D2")
    assert "days before its procedure" in problem.message


def test_two_tables_on_one_sheet(tmp_path):
    rows = [
        ["Audit"],
        ["Study No", "Sex", "Age"],
        ["A1", "F", 80],
        ["A2", "M", 70],
        [],
        [],
        ["PROCEDURES"],
        ["Study No", "Date", "Level", "Cement (ml)", "VAS pre"],
        ["A1", "01/02/2021", "L1", 3, 8],
        ["A2", "15/03/2021", "T12", 4, 7],
    ]
    result = load_cohort(_workbook(tmp_path / "two.xlsx", {"Audit data": rows}))
    assert result.errors == []
    c = result.cohort
    assert dict(zip(c.patients["patient_id"], c.patients["sex"].astype(str), strict=True)) == {"A1": "female", "A2": "male"}  # fmt: skip
    assert list(c.procedures["level"].astype(str)) == ["L1", "T12"]
    assert sorted(c.assessments["value"]) == [7, 8]


def test_merged_cells_and_same_as_above_marks_read_as_shown(tmp_path):
    rows = [
        ["Study ID", "Sex", "Date", "Level", "Volume (ml)"],
        ["P1", "F", "01.02.2021", "L1", 3],
        [None, None, None, "L2", 4],
        ["P2", "M", "03.03.2021", "T12", 2],
        ["P2", "〃", "〃", "L1", 2.5],
    ]
    path = _workbook(tmp_path / "m.xlsx", {"Cases": rows}, merges=[("Cases", "A2:A3"), ("Cases", "B2:B3"), ("Cases", "C2:C3")])  # fmt: skip
    result = load_cohort(path)
    assert result.errors == []
    procs = result.cohort.procedures
    assert procs.groupby("patient_id", observed=True)["procedure_id"].nunique().to_dict() == {"P1": 1, "P2": 1}  # fmt: skip
    rules = {p.rule for p in result.problems}
    assert {"merged_data_cells", "ditto"} <= rules


def test_sex_codes_read_by_the_codes_beside_them(tmp_path):
    rows = [["Nº caso", "Sexo", "Fecha", "Nivel"]] + [
        [f"R{i}", sex, f"0{i + 1}/02/2021", "L1"] for i, sex in enumerate("HMMH")
    ]
    sexes = load_cohort(_workbook(tmp_path / "s.xlsx", {"Registro": rows})).cohort.patients["sex"]
    assert list(sexes.astype(str)) == ["male", "female", "female", "male"]  # hombre, mujer


def test_a_wide_sheet_saved_as_csv_reads_as_the_workbook(tmp_path):
    xlsx = write_wide_workbook(synthesize(60, seed=3), tmp_path / "w.xlsx", inject_errors=False)
    ws = openpyxl.load_workbook(xlsx).worksheets[0]
    csv_path = tmp_path / "w.csv"
    with csv_path.open("w", newline="", encoding="utf-8") as f:  # as Excel saves it: merges lost
        writer = csv.writer(f)
        for row in ws.iter_rows(values_only=True):
            writer.writerow(["" if v is None else v.strftime("%d.%m.%Y") if isinstance(v, datetime) else v for v in row])  # fmt: skip
    a, b = load_cohort(xlsx), load_cohort(csv_path)
    assert b.errors == [] and len(b.cohort.fractures) == len(a.cohort.fractures) > 0
    for table in ("patients", "procedures", "assessments", "fractures"):
        pd.testing.assert_frame_equal(
            getattr(a.cohort, table).reset_index(drop=True),
            getattr(b.cohort, table).reset_index(drop=True),
            check_dtype=False,
        )


def test_a_mapping_problem_names_its_key_sheet_and_column(tmp_path):
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "version: 2\ntables:\n  - sheet: Visits\n    header_row: 1\n    colour: red\n"
        "    columns:\n      D: {header: VAS, read_as: procedures.lvl}\n",
        "utf-8",
    )
    with pytest.raises(InputFormatError, match=r"tables\[0\] \(sheet 'Visits'\): unknown key\(s\): 'colour'"):  # fmt: skip
        read_mapping(mapping)
    mapping.write_text(
        "tables:\n  - sheet: Visits\n    columns:\n      D: {header: VAS, read_as: procedures.lvl}\n",
        "utf-8",
    )
    with pytest.raises(InputFormatError, match=r"tables\[0\] \(sheet 'Visits'\) > columns > D: mapping target 'procedures.lvl' is not a column"):  # fmt: skip
        read_mapping(mapping)


def test_an_edited_mapping_reads_a_visit_sheet_its_name_does_not_date(tmp_path):
    """A visit sheet named 'Control A' gives no time point: unaided its pain column has
    none and is not read; the mapping written by inspect, given the time point, reads it."""
    path = _long_layout(tmp_path)
    wb = openpyxl.load_workbook(path)
    wb["1ヶ月"].title = "Control A"
    wb.save(path)
    unaided = load_cohort(path).cohort
    assert set(unaided.assessments["timepoint"].astype(str)) == {"pre"}
    layout = inspect_input(path).mapping()
    (visit,) = [t for t in layout["tables"] if t["sheet"] == "Control A"]
    visit["timepoint"] = "1m"
    mapping = tmp_path / "m.yaml"
    mapping.write_text(yaml.safe_dump(layout, allow_unicode=True), "utf-8")
    edited = load_cohort(path, options_from_mapping(read_mapping(mapping))).cohort
    assert sorted(edited.assessments["timepoint"].astype(str)) == ["1m", "1m", "pre", "pre"]


def test_a_mapping_column_carries_its_own_date_order_and_missing_markers(tmp_path):
    rows = [
        ["Study ID", "Date", "Level", "Pain before"],
        ["P1", "03/04/2021", "L1", "nv"],
        ["P1", "03/05/2021", "L2", None],  # month-first: the next day, not a month later
        ["P2", "05/06/2021", "T12", 7],
    ]
    path = _workbook(tmp_path / "d.xlsx", {"Cases": rows})
    unaided = load_cohort(path)
    assert {p.rule for p in unaided.errors} >= {"date_order"}  # 03/04 and 05/06 cannot tell
    layout = inspect_input(path).mapping()
    (table,) = layout["tables"]
    table["columns"]["B"]["date_order"] = "mdy"
    table["columns"]["D"]["missing"] = ["nv"]
    mapping = tmp_path / "m.yaml"
    mapping.write_text(yaml.safe_dump(layout, allow_unicode=True), "utf-8")
    edited = load_cohort(path, options_from_mapping(read_mapping(mapping)))
    assert edited.errors == []
    procs = edited.cohort.procedures
    days = dict(zip(procs["level"].astype(str), procs["day"].astype(int), strict=True))
    assert days == {"L1": 0, "L2": 1, "T12": 0}
    assert list(edited.cohort.assessments["value"]) == [7]


def test_more_languages_and_a_follow_up_sheet_naming_its_session_by_number_and_date(tmp_path):
    """Indonesian headers, text dates and VTh levels; a follow-up sheet repeating each
    session's number and date beside its scores names the session, it is not a session
    without a level."""
    patients = [["Kode Studi", "Umur", "L/P", "Diagnosis / Etiologi"],
                ["SB-1", "70 th", "P", "Osteoporosis"], ["SB-2", "63 th", "L", "Lain-lain: penyakit Kümmell"]]  # fmt: skip
    procedures = [["Kode Studi", "Tgl Tindakan", "Tindakan ke-", "Level", "Volume semen"],
                  ["SB-1", "19 Mei 2021", 1, "VTh12", "3,5 cc"],
                  ["SB-2", "23 Desember 2021", 1, "VL1", "4 cc"],
                  ["SB-2", "6 Februari 2022", 2, "VL2", "5 cc"]]  # fmt: skip
    control = [["Kode Studi", "Tindakan ke-", "Tgl Tindakan", "VAS Pra tindakan", "VAS 1 bulan"],
               ["SB-1", 1, datetime(2021, 5, 19), 8, 3],
               ["SB-2", 1, datetime(2021, 12, 23), 7, "tdk kontrol"],
               ["SB-2", 2, datetime(2022, 2, 6), 9, 2]]  # fmt: skip
    path = _workbook(tmp_path / "id.xlsx", {"Data Pasien": patients, "Tindakan": procedures, "Kontrol": control})  # fmt: skip
    result = load_cohort(path)
    assert result.errors == []
    c = result.cohort
    pts = c.patients.set_index("patient_id")
    assert pts.loc["SB-1", "sex"] == "female" and pts.loc["SB-2", "sex"] == "male"
    assert pts.loc["SB-1", "age_years"] == 70 and pts.loc["SB-2", "etiology"] == "other"
    procs = zip(c.procedures["patient_id"], c.procedures["day"], c.procedures["level"].astype(str), strict=True)  # fmt: skip
    assert sorted(procs) == [("SB-1", 0, "T12"), ("SB-2", 0, "L1"), ("SB-2", 45, "L2")]
    days = c.procedures.drop_duplicates("procedure_id").set_index("procedure_id")["day"]
    got = sorted((a.patient_id, int(days[a.procedure_id]), a.timepoint, a.value) for a in c.assessments.itertuples())  # fmt: skip
    assert got == [("SB-1", 0, "1m", 3), ("SB-1", 0, "pre", 8), ("SB-2", 0, "pre", 7),
                   ("SB-2", 45, "1m", 2), ("SB-2", 45, "pre", 9)]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "timepoint"),
    [("Control 1 luna (Arm 1: Registru VP)", "1m"), ("Externare 24h (Arm 1: Registru VP)", "24h"),
     ("3_month_arm_2", "3m"), ("מעקב 3 חודשים", "3m"), ("1 tháng", "1m"), ("6 bulan", "6m"),
     ("1 міс", "1m"), ("Includere (Arm 1: Registru VP)", None)],
)  # fmt: skip
def test_redcap_event_labels_and_more_languages_name_time_points(text, timepoint):
    assert timepoint_of(text) == timepoint


def test_a_visit_column_keeps_events_that_name_no_time_point(tmp_path):
    """A long export's event column with enrolment and procedure events beside its visits:
    the column is read, and the rows of events without a time point say so."""
    rows = [["record_id", "redcap_event_name", "level", "vas_preop", "vas"]]
    for pid in ("R1", "R2"):
        rows += [[pid, "Enrolment (Arm 1: Registry)", None, None, None],
                 [pid, "Procedure (Arm 1: Registry)", "L1", 8, None],
                 [pid, "Follow-up 1 month (Arm 1: Registry)", None, None, 3],
                 [pid, "Follow-up 3 months (Arm 1: Registry)", None, None, 2]]  # fmt: skip
    path = tmp_path / "events.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    result = load_cohort(path)
    a = result.cohort.assessments
    got = sorted(zip(a["patient_id"], a["timepoint"].astype(str), a["value"], strict=True))
    assert got == [("R1", "1m", 3), ("R1", "3m", 2), ("R1", "pre", 8), ("R2", "1m", 3), ("R2", "3m", 2), ("R2", "pre", 8)]  # fmt: skip
    assert not any("column not read" in p.message for p in result.problems)


def test_the_only_date_column_of_a_new_fractures_sheet_is_the_fracture_date(tmp_path):
    cases = [["Study ID", "Date", "Level", "Volume (ml)"], ["P1", "2021-03-01", "L1", 4], ["P2", "2021-04-01", "T12", 3]]  # fmt: skip
    found = [["Study ID", "Seen on", "Level", "Imaging"], ["P1", datetime(2021, 6, 1), "L2", "CT"]]
    path = _workbook(tmp_path / "fx.xlsx", {"Cases": cases, "New fractures": found})
    result = load_cohort(path)
    assert result.errors == []
    fx = result.cohort.fractures
    assert list(zip(fx["patient_id"], fx["day"], fx["level"].astype(str), strict=True)) == [("P1", 92, "L2")]  # fmt: skip
    two = [["Study ID", "Seen on", "Reported on", "Level"], ["P1", datetime(2021, 6, 1), datetime(2021, 6, 3), "L2"]]  # fmt: skip
    result = load_cohort(_workbook(tmp_path / "two.xlsx", {"Cases": cases, "New fractures": two}))
    assert result.cohort.fractures.empty  # two date columns: neither is guessed
    assert any("without its date" in p.message for p in result.problems)


def test_vertebra_blocks_numbered_only_in_their_group_header(tmp_path):
    """``Level 1`` and ``Level 2`` merged over blocks of (Level, Volume, Leakage): the
    session's first and second vertebra, each with its own volume and leakage."""
    rows = [
        ["", "", "Level 1", "", "", "Level 2", "", ""],
        ["Study ID", "Date", "Level", "Volume (ml)", "Leakage", "Level", "Volume (ml)", "Leakage"],
        ["P1", "2021-03-01", "L1", 4, "no", "L2", 3.5, "disc"],
        ["P2", "2021-04-01", "T12", 3, "no", None, None, None],
    ]
    path = _workbook(tmp_path / "blocks.xlsx", {"Cases": rows}, merges=[("Cases", "C1:E1"), ("Cases", "F1:H1")])  # fmt: skip
    result = load_cohort(path)
    assert result.errors == []
    p = result.cohort.procedures
    got = sorted(zip(p["patient_id"], p["level"].astype(str), p["cement_volume_ml"], p["leakage"].astype(str), strict=True))  # fmt: skip
    assert got == [("P1", "L1", 4.0, "none"), ("P1", "L2", 3.5, "disc"), ("P2", "T12", 3.0, "none")]
