"""Patient cards written two label-value pairs to a row (``生年月日 | 昭和33年5月17日 |
手術時年齢 | 62歳``), never read as a small table by their shape; an index sheet listing
the cards with each patient's operation date and technique (fields the cards hold too),
read as the cards' index and not as procedures of its own; a second session's visits
named by a prefix written without spaces (``2回目術前``); a leak written as a general word
with its site in brackets (``椎体外（傍脊柱）``); and the words of these units' languages."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping
from analysis.load.cards import _is_table_by_shape
from analysis.normalize import parse_cell
from analysis.normalize.cells import is_missing
from analysis.normalize.timepoints import timepoint_of
from analysis.spec import load_spec


def _card(ws: openpyxl.worksheet.worksheet.Worksheet, pid: str, k: int) -> None:
    rows: list[list[object]] = [
        ["症例記録票"],
        [],
        ["症例番号", pid, None, "カルテ番号", f"0{k}123456"],
        ["氏名", "山田 花子", None, "フリガナ", "ヤマダ ハナコ"],
        ["生年月日", "昭和20年5月17日", None, "手術時年齢", f"{70 + k}歳"],
        ["性別", "女" if k % 2 else "男", None, "電話番号", "06-6777-6663"],
        ["診断", "骨粗鬆症性椎体骨折"],
        [],
        ["【手術】"],
        ["回", "手術日", "術式", "椎体", "注入量(mL)", "セメント漏出"],
        [1, f"2020/6/{10 + k}", "BKP", "L1", 3.5, "椎体外（傍脊柱）" if k == 1 else "なし"],
    ]
    if k == 1:
        rows.append([2, "2021/1/20", "BKP", "L3", 4, "なし"])
    rows += [
        [],
        ["【経過】"],
        ["時期", "評価日", "VAS(mm)", "ODI(%)"],
        ["術前", f"2020/6/{9 + k}", 70, 50],
        ["術後1ヶ月", f"2020/7/{10 + k}", 30, "未"],
    ]
    if k == 1:
        rows += [["2回目術前", "2021/1/19", 80, 60], ["2回目術後1ヶ月", "2021/2/22", 20, 30]]
    for row in rows:
        ws.append(row)


def _workbook(path: Path) -> Path:
    wb = openpyxl.Workbook()
    index = wb.active
    index.title = "症例一覧"
    index.append(["No.", "症例番号", "初回手術日", "術式"])
    for k in range(1, 4):
        pid = f"OC-00{k}"
        index.append([k, pid, f"2020/6/{10 + k}", "BKP"])
        _card(wb.create_sheet(f"0{k}"), pid, k)
    wb.save(path)
    return path


def test_two_pairs_a_row_an_index_with_techniques_and_a_second_session(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "cards.xlsx")
    result = load_cohort(path)
    assert not result.errors
    cohort = result.cohort
    patients = cohort.patients.set_index(cohort.patients["patient_id"].astype(str))
    assert patients["age_years"].to_dict() == {"OC-001": 71, "OC-002": 72, "OC-003": 73}
    assert patients["sex"].astype(str).to_dict() == {
        "OC-001": "female",
        "OC-002": "male",
        "OC-003": "female",
    }
    procs = cohort.procedures
    assert len(procs) == 4  # the index's rows are no procedures of their own
    leaks = procs.set_index(procs["level"].astype(str))["leakage"].astype(str)
    assert leaks["L1"].tolist() == ["paravertebral", "none", "none"]
    second = procs[procs["level"].astype(str) == "L3"]["procedure_id"].iloc[0]
    later = cohort.assessments[cohort.assessments["procedure_id"] == second]
    assert sorted(zip(later["timepoint"].astype(str), later["value"], strict=True)) == [
        ("1m", 2.0),
        ("1m", 30.0),
        ("pre", 8.0),
        ("pre", 60.0),
    ]
    assert any("list of the patient cards" in p.message for p in result.problems)
    written = tmp_path / "mapping.yaml"
    written.write_text(inspect_input(path).mapping_yaml(), "utf-8")
    mapped = load_cohort(path, options_from_mapping(read_mapping(written))).cohort
    for table in ("patients", "procedures", "assessments", "fractures"):
        assert getattr(mapped, table).equals(getattr(cohort, table)), table


def test_label_value_pairs_side_by_side_are_no_table_by_shape() -> None:
    mapping: dict[str, object] = {}
    pairs = [(1, "生年月日"), (2, "昭和33年5月17日"), (4, "手術時年齢"), (5, "62歳")]
    below = [(1, "性別"), (2, "男"), (4, "電話番号"), (5, "06-6777-6663")]
    assert not _is_table_by_shape(pairs, below, mapping)
    header = [(1, "Seduta"), (2, "Livello"), (3, "Tecnica")]
    assert _is_table_by_shape(header, [(1, "1"), (2, "L1"), (3, "vp")], mapping)


@pytest.mark.parametrize(
    ("text", "point"),
    [("2回目術前", "pre"), ("2回目術後1ヶ月", "1m"), ("再手術後3ヶ月", "3m"), ("Basale", "pre")],
)
def test_visits_of_a_second_session_by_a_prefix_without_spaces(text: str, point: str) -> None:
    assert timepoint_of(text) == point


@pytest.mark.parametrize(
    ("value", "sites"),
    [
        ("椎体外（傍脊柱）", "paravertebral"),
        ("assente", "none"),
        ("discale + venoso", "disc;venous"),
    ],
)
def test_leak_sites(value: str, sites: str) -> None:
    assert parse_cell(value, load_spec().column("procedures", "leakage")) == sites


def test_a_leak_in_brackets_naming_no_site_is_still_an_error() -> None:
    with pytest.raises(ValueError, match="not a recognised leakage"):
        parse_cell("椎体外（不明）", load_spec().column("procedures", "leakage"))


def test_a_score_written_not_yet_is_missing() -> None:
    assert is_missing("未")
