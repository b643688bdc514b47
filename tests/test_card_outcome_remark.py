"""A patient card's ``Outcome`` label beside a remark holding a date (``Expired /
ಮರಣ 28/03/2022``) is a label and its value, never a table's header of two columns (a text
holding a date is a value); and ``Not mentioned`` in a cell is a missing value, not a
leakage the loader does not know."""

from __future__ import annotations

from analysis.load import load_cohort
from analysis.problems import ERROR
from tests.test_any_workbook import _workbook


def _card(study: str, outcome: str, leak: str) -> list[list[object]]:
    return [
        ["CASE RECORD", None, None, None, None, None],
        [None] * 6,
        ["Study No", study, None, None, None, None],
        ["Age", "70 yrs", None, None, None, None],
        ["Sex", "F", None, None, None, None],
        ["Outcome", outcome, None, None, None, None],
        [None] * 6,
        ["PROCEDURE DETAILS", None, None, None, None, None],
        ["Session", "Date", "Level", "Technique", "Volume (ml)", "Leakage"],
        [1, "24/08/2021", "L1", "PVP (vertebroplasty)", 4.5, leak],
    ]


def test_an_outcome_remark_with_its_date_is_the_cards_vital_status(tmp_path):
    cards = {
        "VP-01": _card("MY/01", "Expired / ಮರಣ  28/03/2022", "Nil"),
        "VP-02": _card("MY/02", "Alive / ಜೀವಂತ", "Not mentioned"),
        "VP-03": _card("MY/03", "Expired / ಮರಣ  14/05/2022", "Disc"),
        "VP-04": _card("MY/04", "Alive / ಜೀವಂತ", "Nil"),
    }
    loaded = load_cohort(_workbook(tmp_path / "cards.xlsx", cards))
    patients = loaded.cohort.patients.set_index("patient_id")
    assert patients["died"].to_dict() == {"MY/01": True, "MY/02": False, "MY/03": True, "MY/04": False}  # fmt: skip
    assert patients.loc["MY/01", "death_day"] == 216  # 24/08/2021 to 28/03/2022
    procedures = loaded.cohort.procedures.set_index("patient_id")
    assert procedures["leakage"].isna().tolist() == [False, True, False, False]
    assert not [p for p in loaded.problems if p.severity == ERROR]
