"""A follow-up in weeks (S1, S6, S12, S24, S52: 'semaines'): the 24-week visit is the
6-month one, even beside undated 'DCD' (deceased) cells; 'phosphate de Ca' is calcium
phosphate."""

from __future__ import annotations

from analysis.load import load_cohort
from tests.test_any_workbook import _workbook

GESTES = [
    ["N° inclusion", "Date", "Niveau", "Ciment"],
    ["BR-1", "2021-03-01", "L1", "phosphate de Ca"],
    ["BR-2", "2021-04-01", "T12", "PMMA"],
    ["BR-3", "2021-05-01", "L2", "phosphate de Ca"],
    ["BR-4", "2021-06-01", "L3", "PMMA"],
    ["BR-5", "2021-07-01", "L4", "PMMA"],
    ["BR-6", "2021-08-01", "L1", "PMMA"],
    ["BR-7", "2021-09-01", "T11", "PMMA"],
]
SUIVI = [
    ["N° inclusion", "EVA J0", "EVA S12", "EVA S24", "EVA S52"],
    ["BR-1", 8, 3, 2.5, 2],
    ["BR-2", 7, 4, 3, 2.5],
    ["BR-3", 9, 3, 2, 1.5],
    ["BR-6", 7, 3, 1, 1],
    ["BR-7", 8, 4, "DCD", "DCD"],
    ["BR-4", 6, 2, "DCD", "DCD"],
    ["BR-5", 6, 2, "DCD", "DCD"],
]


def test_the_24_week_visit_and_calcium_phosphate(tmp_path):
    loaded = load_cohort(_workbook(tmp_path / "b.xlsx", {"Gestes": GESTES, "Suivi": SUIVI}))
    assert loaded.errors == []
    scores = loaded.cohort.assessments
    six = scores[(scores["timepoint"] == "6m") & (scores["measure"] == "pain_vas")]
    assert dict(zip(six["patient_id"], six["value"], strict=True)) == {
        "BR-1": 2.5,
        "BR-2": 3,
        "BR-3": 2,
        "BR-6": 1,
    }
    cement = dict(zip(loaded.cohort.procedures["patient_id"], loaded.cohort.procedures["cement_type"], strict=True))  # fmt: skip
    assert cement == {"BR-1": "calcium phosphate", "BR-2": "PMMA", "BR-3": "calcium phosphate", "BR-4": "PMMA", "BR-5": "PMMA", "BR-6": "PMMA", "BR-7": "PMMA"}  # fmt: skip
