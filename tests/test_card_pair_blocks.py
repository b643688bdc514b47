"""Patient cards whose identity block writes two label-value pairs to a row, its first
row a name and a phone (``Name | … | Telephone | +1 …``: no table header, though both
labels name fields), and whose visit table's header alternates fields with words no
field reads (``Visit | Session | Date of visit | Pain (ache) /10 | ODI (%) | Remarks``:
a header, not label-value pairs, for the row under it writes values under every
"label"); a second session's visits named after it (``Pre-op 2e séance``); and a
new-fracture label with ``None`` beside it, read as no new fracture."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl

from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping
from analysis.load.cards import _is_table_header
from analysis.normalize.timepoints import timepoint_of

VISITS = ["Visit", "Session", "Date of visit", "Pain (ache) /10", "ODI (%)", "Remarks"]


def _card(ws: openpyxl.worksheet.worksheet.Worksheet, pid: str, k: int) -> None:
    rows: list[list[object]] = [
        ["FOLLOW-UP CARD"],
        [],
        ["Study code", pid, None, "Record no.", f"2022/10{k}"],
        ["Full name", "DOE Jane", None, "Telephone", "+1 555 010 2030"],
        ["Sex", "F" if k % 2 else "M", None, "Date of birth", datetime(1952 - k, 1, 5)],
        ["Age (years)", 70 + k, None, "District", "North"],
        ["Diagnosis", "osteoporosis"],
        [],
        ["PROCEDURES"],
        ["Session", "Date", "Level", "Technique", "Cement volume (ml)"],
        [1, datetime(2022, 2, 10 + k), "L1", "vertebroplasty", 3.5],
    ]
    if k == 1:
        rows.append([2, datetime(2022, 9, 6), "L3", "vertebroplasty", 4])
    rows += [[], ["FOLLOW-UP"], VISITS]
    rows += [
        ["Pre-op", 1, datetime(2022, 2, 10 + k), 8, 60],
        ["1 month", 1, datetime(2022, 3, 12 + k), 3, 30, "walks"],
    ]
    if k == 1:
        rows += [
            ["Pré-op 2e séance", 2, datetime(2022, 9, 6), 9, 70],
            ["M1 après 2e séance", 2, datetime(2022, 10, 8), 2, 20],
        ]
    if k == 2:
        rows += [[], ["EVENTS"], ["New fracture(s)", "Date", "Level"], [None, datetime(2022, 6, 1), "T11"]]  # fmt: skip
    else:
        rows += [[], ["EVENTS"], ["New fracture(s)", "None"]]
    for row in rows:
        ws.append(row)


def _workbook(path: Path) -> Path:
    wb = openpyxl.Workbook()
    wb.active.title = "Index"
    wb.active.append(["No.", "Study code"])
    for k in range(1, 4):
        pid = f"PB-00{k}"
        wb.active.append([k, pid])
        _card(wb.create_sheet(pid), pid, k)
    wb.save(path)
    return path


def test_a_visit_header_alternating_known_and_unknown_words_is_a_table_header() -> None:
    header = list(enumerate(VISITS, 1))
    below = [(1, "Pre-op"), (2, 1), (3, datetime(2022, 2, 11)), (4, 8), (5, 60)]
    assert _is_table_header(header, {}, below)
    pairs = [(1, "Age"), (2, 74), (3, "Sex"), (4, "F")]
    assert not _is_table_header(pairs, {}, [(1, "Cause"), (2, "fall"), (3, "Died"), (4, "no")])


def test_the_first_row_of_a_block_of_pairs_is_no_table_header() -> None:
    row = [(1, "Full name"), (2, "DOE Jane"), (4, "Telephone"), (5, "+1 555 010 2030")]
    below = [(1, "Sex"), (2, "F"), (4, "Date of birth"), (5, "18/11/1945")]
    assert not _is_table_header(row, {}, below)


def test_cards_with_pairs_and_a_visit_table_load_every_field(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "cards.xlsx")
    result = load_cohort(path)
    assert not result.errors, [p.message for p in result.errors]
    cohort = result.cohort
    patients = cohort.patients.set_index(cohort.patients["patient_id"].astype(str))
    assert patients["sex"].astype(str).to_dict() == {
        "PB-001": "female",
        "PB-002": "male",
        "PB-003": "female",
    }
    assert patients["age_years"].to_dict() == {"PB-001": 71, "PB-002": 72, "PB-003": 73}
    scores = cohort.assessments
    assert len(scores) == 3 * 4 + 4
    second = cohort.procedures[cohort.procedures["level"].astype(str) == "L3"]
    later = scores[scores["procedure_id"] == second["procedure_id"].iloc[0]]
    assert sorted(zip(later["timepoint"].astype(str), later["value"], strict=True)) == [
        ("1m", 2.0),
        ("1m", 20.0),
        ("pre", 9.0),
        ("pre", 70.0),
    ]
    fractures = cohort.fractures
    assert fractures["patient_id"].astype(str).tolist() == ["PB-002"]
    assert fractures["level"].astype(str).tolist() == ["T11"]
    inspected = inspect_input(path)
    assert "2 new-fracture label(s) with a word for none beside them" in str(inspected)
    assert "3 table header(s) alternating field names with other words" in str(inspected)
    written = tmp_path / "mapping.yaml"
    written.write_text(inspected.mapping_yaml(), "utf-8")
    mapped = load_cohort(path, options_from_mapping(read_mapping(written))).cohort
    for table in ("patients", "procedures", "assessments", "fractures"):
        assert getattr(mapped, table).equals(getattr(cohort, table)), table


def test_visits_named_after_a_second_seance() -> None:
    assert timepoint_of("Pré-op 2e séance") == "pre"
    assert timepoint_of("M3 après 2e séance") == "3m"
