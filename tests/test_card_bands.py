"""Patient cards laid side by side across one sheet, several to a band, bands stacked
down it with cards of unequal heights: each card read as a stacked card is, every cell
named at its true sheet position. A card's heading names the patient in one cell
(``Patient VP-01``); its cement, written once on a label row right under the table of
treated vertebrae (``Cement: | PMMA``), is each vertebra's; a score row of the second
session names it in brackets (``VAS (session 2)``), its ``Pre-op`` kept."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from analysis.load import load_cohort
from analysis.load.card_bands import card_windows, label_and_id
from analysis.load.header_sessions import _after_second_session
from analysis.problems import ERROR
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

_WIDTH = 7  # six columns of a card and a spacer


def _card(study: str, levels: list[str], session_two: bool = False) -> list[list[object]]:
    rows: list[list[object]] = [
        [f"Patient {study}"],
        ["Sex:", "F", "Age:", 71],
        ["Session", "Date", "Level", "Technique", "Volume (ml)", "Leakage"],
    ]
    rows += [[1, "01.03.2022", lv, "VP", 3.5, "none"] for lv in levels]
    if session_two:
        rows.append([2, "20.06.2022", "L2", "VP", 4, "disc"])
    rows += [
        ["Cement:", "Osteopal V"],
        ["Score", "Pre-op", "1 month", "3 months"],
        ["VAS", 8, 4, 3],
    ]
    if session_two:
        rows.append(["VAS (session 2)", 7, 3, None])
    rows.append(["Died:", "no"])
    return rows


def _write(path: Path, bands: list[list[list[list[object]]]]) -> Path:
    """A sheet of two title lines, then each band of cards side by side, two blank rows
    after the tallest card of a band."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Cards"
    ws["A1"] = "Vertebroplasty follow-up cards"
    top = 4
    for cards in bands:
        for k, card in enumerate(cards):
            for i, row in enumerate(card):
                for j, value in enumerate(row):
                    ws.cell(top + i, 1 + k * _WIDTH + j, value)
            ws.merge_cells(start_row=top, start_column=1 + k * _WIDTH, end_row=top, end_column=6 + k * _WIDTH)  # fmt: skip
        top += max(len(c) for c in cards) + 2
    wb.save(path)
    return path


def _bands() -> list[list[list[list[object]]]]:
    return [
        [_card("VP-01", ["T12", "L1"]), _card("VP-02", ["T13"]), _card("VP-03", ["L3"], True)],
        [_card("VP-04", ["L4"])],
    ]


def test_cards_side_by_side_load_each_patient(tmp_path: Path) -> None:
    result = load_cohort(path := _write(tmp_path / "cards.xlsx", _bands()))
    patients = result.cohort.patients.set_index("patient_id")
    assert sorted(patients.index) == ["VP-01", "VP-03", "VP-04"]  # VP-02's level is wrong
    assert patients["age_years"].to_dict() == {"VP-01": 71, "VP-03": 71, "VP-04": 71}
    procs = result.cohort.procedures.set_index(["patient_id", "level"]).sort_index()
    assert procs["cement_type"].astype(str).to_dict() == {
        ("VP-01", "L1"): "PMMA",
        ("VP-01", "T12"): "PMMA",
        ("VP-03", "L2"): "PMMA",
        ("VP-03", "L3"): "PMMA",
        ("VP-04", "L4"): "PMMA",
    }
    scores = result.cohort.assessments
    vp3 = scores[scores["patient_id"] == "VP-03"]
    assert sorted(zip(vp3["procedure_id"], vp3["timepoint"], vp3["value"], strict=True)) == [
        ("VP-03-1", "1m", 4),
        ("VP-03-1", "3m", 3),
        ("VP-03-1", "pre", 8),
        ("VP-03-2", "1m", 3),
        ("VP-03-2", "pre", 7),  # "VAS (session 2)" under "Pre-op": the second session's
    ]
    _reproduced_by_its_mapping(path, tmp_path)


def test_a_card_cell_is_named_where_it_stands(tmp_path: Path) -> None:
    result = load_cohort(_write(tmp_path / "cards.xlsx", _bands()))
    errors = [p for p in result.problems if p.severity == ERROR]
    # VP-02 is the band's second card (columns H-M): its level in column J, the row under
    # the card's table header (heading at row 4, header at row 6)
    assert [(p.sheet, p.cell, p.value) for p in errors] == [("Cards", "J7", "T13")]
    assert "not a vertebral level" in errors[0].message
    said = " ".join(p.message for p in result.problems)
    assert "patient cards side by side: 4 cards in 2 band(s)" in said
    assert "read on each row of the card's table of treated vertebrae" in said


def test_a_bad_cement_is_named_at_its_cell(tmp_path: Path) -> None:
    bands = _bands()
    bands[1][0][4][1] = "superglue"  # VP-04's cement line, row 16 + 4
    result = load_cohort(_write(tmp_path / "cards.xlsx", bands))
    cement = [p for p in result.problems if p.severity == ERROR and p.cell == "B20"]
    assert len(cement) == 1 and "cement" in cement[0].message.lower()


def test_windows_keep_the_true_places(tmp_path: Path) -> None:
    from analysis.io import read_workbook

    sheet = read_workbook(_write(tmp_path / "cards.xlsx", _bands()))[0]
    windows = card_windows(sheet, {})
    assert [(w.first, w.label_col) for w in windows] == [(4, 1), (4, 8), (4, 15), (16, 1)]
    second = windows[1].view
    assert second.row(3)[7] == "Patient VP-02"  # H4, kept where it stands
    assert [v for v in second.row(3) if v is not None] == ["Patient VP-02"]  # others blank
    assert second.row(4)[7:12] == ["Sex:", "F", "Age:", 71, None]


def test_one_card_a_band_is_no_sheet_of_cards_side_by_side(tmp_path: Path) -> None:
    from analysis.io import read_workbook

    sheet = read_workbook(_write(tmp_path / "cards.xlsx", [[_card("VP-01", ["L1"])]]))[0]
    assert card_windows(sheet, {}) == []


def test_label_and_id_in_one_cell() -> None:
    assert label_and_id("Pacient TM-VA-01") == ("Pacient", "TM-VA-01")
    assert label_and_id("Patient: VP-07") == ("Patient", "VP-07")
    assert label_and_id("Vârstă: 77 ani") is None
    assert label_and_id("Fractură nouă: 21.01.2022 - T10") is None


def test_a_time_point_after_a_numbered_session_is_kept() -> None:
    assert _after_second_session("VAS (session 2) pre") == "vas pre"
    assert _after_second_session("VAS (ședința 2) 24 h") == "vas 24 h"
    assert _after_second_session("VAS pre-op (2nd)") == "vas pre"


def test_romanian_card_words() -> None:
    from analysis.normalize import match_header, parse_cell
    from analysis.normalize.cells import is_missing
    from analysis.spec import load_spec

    leakage = load_spec().column("procedures", "leakage")
    assert parse_cell("fără", leakage) == "none"
    assert parse_cell("discală + venoasă", leakage) == "disc;venous"
    assert parse_cell("paravertebrală + epidurală", leakage) == "epidural;paravertebral"
    assert is_missing("nem jött")  # Hungarian: did not come
    target = match_header("Ședința", {})
    assert target is not None and target.label == "procedures.procedure_id"


def test_a_table_row_with_ditto_marks_starts_no_band(tmp_path: Path) -> None:
    """A vertebra row under a table's header repeating the line above by ditto marks
    (``1st | " | L5 | " | " | 5``): no patients named side by side."""
    from analysis.io import read_workbook

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Sitting", "Date", "Level", "Procedure", "Cement", "Vol (ml)"])
    ws.append(["1st", "01-03-2021", "L4", "PVP", "PMMA", 4])
    ws.append(["1st", '"', "L5", '"', '"', 5])
    wb.save(path := tmp_path / "card.xlsx")
    assert card_windows(read_workbook(path)[0], {}) == []
    ws.insert_rows(3)  # under a blank row, each ditto mark a label of no word still
    wb.save(path)
    assert card_windows(read_workbook(path)[0], {}) == []
