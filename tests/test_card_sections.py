"""Patient cards stacked down one sheet whose small tables are titled in the column left
of them, on the header's own row (``Operations | Session | Date | …``), with no blank row
between one section and the next: a row writing in that title column ends the table above
and starts the next section. A section of one row, its title and then label-value pairs
(``New fracture | Date | 2022-05-01 | Level | L3``), is a table of one row under that
title. A row of label-value pairs whose last label is left without its value
(``Diagnosis | Osteoporosis | Died | N | Date of death``) is still pairs, not a table's
header. A session's technique and cement written on its first vertebra's row only are
the session's on its further vertebrae."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl

from analysis.load import load_cohort
from analysis.load.card_sections import starts_section, title_beside_header, titled_pairs
from tests.test_lao_register import loaded_without_errors
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

_W = 8


def _row(*cells: object) -> tuple[object, ...]:
    return (*cells, *(None,) * (_W - len(cells)))


def _card(study: str, sex: str, cause: str, fracture: bool) -> list[tuple[object, ...]]:
    death = ("N", "Date of death") if fracture else ("Y", "Date of death", datetime(2023, 1, 10))
    rows = [
        _row("Patient card", study),
        _row("Sex", sex, "Age", 70),
        _row("Diagnosis", cause, "Died", *death),
        _row(
            "Operations",
            "Session",
            "Date",
            "Level",
            "Technique",
            "Volume (ml)",
            "Cement type",
            "Leakage",
        ),
        _row(None, 1, datetime(2022, 3, 1), "T12", "Kyphoplasty", 4, "PMMA", "None"),
        _row(None, None, None, "L1", None, 5, None, "Disc"),
        _row("Follow-up", "Session", "Time point", "Date", "VAS (0-10)"),
        _row(None, 1, "Pre-op", datetime(2022, 3, 1), 8),
        _row(None, 1, "1 month", datetime(2022, 4, 1), 3),
    ]
    if fracture:
        rows.append(_row("New fracture", "Date", datetime(2022, 5, 1), "Level", "L3"))
    return [*rows, _row(), _row()]


def _write(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Cards"
    ws.append(("Vertebral augmentation: patient cards",))
    ws.append(())
    for row in (
        *_card("VP-01", "F", "Osteoporosis", fracture=True),
        *_card("VP-02", "M", "Metastasis", fracture=False),
    ):
        ws.append(row)
    wb.save(path)
    return path


def test_sections_titled_in_the_first_column_load(tmp_path: Path) -> None:
    result, patients = loaded_without_errors(path := _write(tmp_path / "cards.xlsx"))
    assert patients["etiology"].astype(str).to_dict() == {"VP-01": "osteoporotic", "VP-02": "pathologic"}  # fmt: skip
    assert patients["died"].map(bool).to_dict() == {"VP-01": False, "VP-02": True}
    procs = result.cohort.procedures.set_index(["patient_id", "level"]).sort_index()
    assert procs["cement_volume_ml"].to_dict() == {
        ("VP-01", "L1"): 5.0,
        ("VP-01", "T12"): 4.0,
        ("VP-02", "L1"): 5.0,
        ("VP-02", "T12"): 4.0,
    }
    assert set(procs["technique"].astype(str)) == {"kyphoplasty"}  # L1's from the session's row
    assert set(procs["cement_type"].astype(str)) == {"PMMA"}
    scores = result.cohort.assessments.set_index(["patient_id", "timepoint"])["value"]
    assert scores.to_dict() == {("VP-01", "pre"): 8, ("VP-01", "1m"): 3, ("VP-02", "pre"): 8, ("VP-02", "1m"): 3}  # fmt: skip
    fractures = result.cohort.fractures
    assert fractures[["patient_id", "level"]].values.tolist() == [["VP-01", "L3"]]
    assert fractures["day"].tolist() == [61]
    _reproduced_by_its_mapping(path, tmp_path)


def test_the_session_fill_is_said(tmp_path: Path) -> None:
    result = load_cohort(_write(tmp_path / "cards.xlsx"))
    said = [p for p in result.problems if p.rule == "session_field_filled"]
    assert {p.column for p in said} == {"technique", "cement type"}
    assert all("given on its other rows" in p.message for p in said)
    shown = " ".join(p.message for p in result.problems)
    assert "4 table(s) titled in the column left of their header" in shown
    assert "1 section(s) of one row (a title, then label-value pairs)" in shown


def test_title_beside_header_needs_the_column_blank_below() -> None:
    header = [(1, "Operations"), (2, "Session"), (3, "Date"), (4, "Level")]
    assert title_beside_header(header, [(2, 1), (3, "2022-03-01"), (4, "T12")]) == (
        "Operations",
        header[1:],
    )
    assert title_beside_header(header, [(1, 7), (2, 1), (3, "2022-03-01")]) is None
    assert starts_section(1, [(1, "Follow-up"), (2, "Session")])
    assert not starts_section(1, [(2, 1), (3, "x")])
    assert not starts_section(0, [(1, "x")])


def test_titled_pairs_need_pairs_after_the_title() -> None:
    row = [(1, "New fracture"), (2, "Date"), (3, "x"), (4, "Level"), (5, "L3")]
    assert titled_pairs(row, lambda f: True) == ("New fracture", [row[1], row[3]], [row[2], row[4]])
    assert titled_pairs(row, lambda f: False) is None
    assert titled_pairs(row[:4], lambda f: True) is None
