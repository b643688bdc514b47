"""A Somali unit's workbook with Arabic beside the Somali: the cause of the fracture under
``Sababta jabka / سبب الكسر`` (``Dhaawac – ka dhac geed``: an injury, a fall from a tree),
no leak as ``Ma jirto`` ('there is none'), mobility under ``Dhaqdhaqaaqa (0-4) / الحركة``,
and the visit before the operation on a sheet named ``Ka hor qalliinka`` ('before the
operation'), beside sheets named for the visits after it."""

from __future__ import annotations

from pathlib import Path

from analysis.load import load_cohort
from tests.test_any_workbook import _workbook
from tests.test_load_visit_rows import _reproduced_by_its_mapping

PATIENTS = [
    ["Koodka / الرمز", "Jinsiga / الجنس", "Da'da / العمر", "Sababta jabka / سبب الكسر"],
    ["SO-01", "Dhedig", 73, "Lafo-jilicsanaan (osteoporosis)"],
    ["SO-02", "Lab", 48, "Dhaawac – ka dhac geed"],
    ["SO-03", "Dhedig", 69, "Kansar naaska ku faafay"],
]
PROCEDURES = [
    [
        "Koodka / الرمز",
        "Taariikhda qalliinka / تاريخ العملية",
        "Heerka / المستوى",
        "Daadasho / تسرب",
    ],
    ["SO-01", "02/02/2023", "T7", "Maya"],
    ["SO-02", "03/02/2023", "L1", "Ma jirto"],
    ["SO-03", "22/02/2023", "L2", "Haa – xididka (venous)"],
]
VISIT = ["Koodka / الرمز", "Taariikhda / التاريخ", "Xanuunka VAS (0-10) / الألم", "Dhaqdhaqaaqa (0-4) / الحركة"]  # fmt: skip


# more patients, osteoporotic, none leaking, whose codes show the code column by its cells
MORE = [f"SO-{n:02d}" for n in range(4, 11)]


def test_a_somali_register_with_its_visit_sheets(tmp_path: Path) -> None:
    before = [VISIT, ["SO-01", "02/02/2023", 9, 3], ["SO-02", "03/02/2023", 8, 4], ["SO-03", "22/02/2023", 7, 2]]  # fmt: skip
    after = [VISIT, ["SO-01", "03/02/2023", 5, 2], ["SO-02", "04/02/2023", 4, 2], ["SO-03", "23/02/2023", 3, 1]]  # fmt: skip
    path = _workbook(
        tmp_path / "hargeisa.xlsx",
        {
            "Bukaanada": PATIENTS + [[c, "Dhedig", 80, "Osteoporosis"] for c in MORE],
            "Qalliinka": PROCEDURES + [[c, "01/03/2023", "L1", "Maya"] for c in MORE],
            "Ka hor qalliinka": before + [[c, "01/03/2023", 7, 3] for c in MORE],
            "24 saac": after + [[c, "02/03/2023", 3, 1] for c in MORE],
        },
    )
    result = load_cohort(path)
    assert not result.errors
    cohort = result.cohort
    causes = dict(zip(cohort.patients["patient_id"], cohort.patients["etiology"], strict=True))
    assert causes == {"SO-01": "osteoporotic", "SO-02": "traumatic", "SO-03": "pathologic"} | {
        c: "osteoporotic" for c in MORE
    }
    leaks = dict(zip(cohort.procedures["patient_id"], cohort.procedures["leakage"], strict=True))
    assert leaks == {"SO-01": "none", "SO-02": "none", "SO-03": "venous"} | dict.fromkeys(
        MORE, "none"
    )
    scores = {
        (p, m, t): v
        for p, m, t, v in cohort.assessments[
            ["patient_id", "measure", "timepoint", "value"]
        ].itertuples(index=False)
    }
    assert scores[("SO-01", "pain_vas", "pre")] == 9
    assert scores[("SO-02", "mobility", "pre")] == 4
    assert scores[("SO-03", "mobility", "24h")] == 1
    assert len(scores) == 40
    _reproduced_by_its_mapping(path, tmp_path)
