"""A mapping column's own ``date_order`` reads the date inside a level-and-date cell."""

from __future__ import annotations

from datetime import date

import openpyxl
import yaml

from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping


def test_a_columns_date_order_reads_an_ambiguous_date_beside_a_level(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Cases"
    for row in (
        ["Study ID", "Procedure date", "Level", "New fracture"],
        ["P1", date(2023, 9, 29), "L1", "L2 # 7/12/2023"],  # 7 December, or 12 July?
        ["P2", date(2023, 1, 5), "T12", "T9 # 3/4/2023"],
    ):
        ws.append(row)
    path = tmp_path / "cases.xlsx"
    wb.save(path)
    layout = inspect_input(path).mapping()
    (table,) = layout["tables"]
    (column,) = [c for c in table["columns"].values() if c["header"] == "New fracture"]
    column.update(read_as="fractures.level|date")
    column.pop("seen", None)
    assert _fractures(tmp_path, layout) == {}  # 7/12 and 3/4 are not guessed
    column["date_order"] = "dmy"
    assert _fractures(tmp_path, layout) == {"P1": ("L2", 69), "P2": ("T9", 88)}


def _fractures(tmp_path, layout) -> dict[str, tuple[str, int]]:
    mapping = tmp_path / "m.yaml"
    mapping.write_text(yaml.safe_dump(layout, allow_unicode=True), "utf-8")
    path = tmp_path / "cases.xlsx"
    got = load_cohort(path, options_from_mapping(read_mapping(mapping))).cohort.fractures
    return {
        str(p): (str(lv), int(d))
        for p, lv, d in zip(got["patient_id"], got["level"], got["day"], strict=True)
    }
