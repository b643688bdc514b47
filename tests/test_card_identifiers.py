"""A patient card's row of labelled fields read as a header row: the values beside its
identifier labels (a name, a record number) are never shown as headers."""

from __future__ import annotations

from datetime import datetime

from analysis.load import inspect_input, load_cohort
from tests.test_any_workbook import _workbook

NAME, RECORD = "CRUZ, Remedios", "17-732671"


def _card(study: str) -> list[list[object]]:
    return [
        ["CASE FORM", None, None, None, None, None, None],
        [None] * 7,
        ["Study No.:", study, None, "Hospital No.:", RECORD, None, None],
        ["Pangalan / Name:", NAME, None, "Sex:", "F", None, None],
        ["Age:", "58 y/o", None, "Diagnosis:", "osteoporosis", None, None],
        [None] * 7,
        ["Session", "Date", "Level", "Procedure", "Cement", "Volume (cc)", "Leak"],
        [1, datetime(2022, 6, 2), "L1", "BKP", "PMMA", 5.0, "none"],
    ]


def test_a_name_beside_its_label_is_never_a_header(tmp_path):
    path = _workbook(tmp_path / "cards.xlsx", {"MNL-01": _card("MNL-01"), "MNL-02": _card("MNL-02")})  # fmt: skip
    loaded = load_cohort(path)
    shown = "\\n".join(f"{p} {p.value} {p.column}" for p in loaded.problems)
    shown += "".join(getattr(loaded.cohort, t).to_csv() for t in ("patients", "procedures"))
    inspection = inspect_input(path)
    shown += inspection.to_frame().to_csv() + inspection.mapping_yaml()
    assert NAME not in shown and "Remedios" not in shown and RECORD not in shown
