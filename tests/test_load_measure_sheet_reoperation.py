"""One sheet per measure written in Finnish and Swedish (``VAS``, ``ODI``): the visits
under group headings numbering the procedure (``1. toimenpide / 1:a ingreppet``), a
re-operation's block of its own (``Uusinta 6 vk``: 6 weeks after the re-operation), the
scale noted in a line under the table (``VAS = 0–100 mm``) and the unit's missed-visit
words (``kom ej``, ``ei kerätty``, ``puh. ei vastaa``)."""

from __future__ import annotations

import pytest

from analysis.load import load_cohort
from analysis.normalize import is_missing
from analysis.normalize.timepoints import timepoint_of
from tests.test_any_workbook import _workbook


@pytest.mark.parametrize(
    ("text", "point"),
    [
        ("1. toimenpide / 1:a ingreppet 1 vk / 1 v", "1w"),
        ("1. toimenpide / 1:a ingreppet 6 vk / 6 v", "6w"),
    ],
)
def test_a_visit_under_a_heading_naming_the_first_procedure(text, point):
    assert timepoint_of(text) == point


def test_finnish_and_swedish_missed_visit_words():
    assert all(is_missing(w) for w in ("kom ej", "ei kerätty", "puh. ei vastaa"))


def _book(tmp_path):
    patients = [
        ["Tutkimusnro / Studienr", "Sukupuoli / Kön", "Ikä / Ålder"],
        ["TK-1", "N", 70],
        ["TK-2", "M", 80],
    ]
    operations = [
        [
            "Tutkimusnro / Studienr",
            "Pvm / Datum",
            "Toimenpide nro / Ingrepp nr",
            "Taso / Nivå",
            "Menetelmä / Metod",
        ],
        ["TK-1", "18.2.2021", 1, "L1", "VP"],
        ["TK-2", "1.3.2021", 1, "L2", "KP"],
        ["TK-2", "1.9.2021", 2, "L3", "VP"],
    ]
    first, second = (
        "1. toimenpide / 1:a ingreppet",
        "2. toimenpide (uusinta) / 2:a ingreppet (reoperation)",
    )
    vas = [
        ["VAS-kipu / VAS-smärta"],
        [None, first, None, None, second, None, None],
        [
            "Tutkimusnro / Studienr",
            "Ennen / Före",
            "1 vk / 1 v",
            "6 vk / 6 v",
            "Uusinta ennen / Reop före",
            "Uusinta 6 vk",
            "Uusinta 3 kk",
        ],
        ["TK-1", 76, 52, "kom ej", None, None, None],
        ["TK-2", 69, "puh. ei vastaa", 30, 63, 40, "ei kerätty"],
        [None],
        ["VAS = kipu janalla 0–100 mm (smärta 0–100 mm)."],
    ]
    sheets = {"Potilaat": patients, "Toimenpiteet": operations, "VAS": vas}
    return _workbook(tmp_path / "t.xlsx", sheets)


def test_a_reoperation_block_on_a_sheet_per_measure_scaled_by_the_note_under_it(tmp_path):
    loaded = load_cohort(_book(tmp_path))
    assert not loaded.errors
    scores = loaded.cohort.assessments
    got = {
        (p, int(s.rsplit("-", 1)[1]), t): v
        for p, s, t, v in zip(
            scores["patient_id"],
            scores["procedure_id"],
            scores["timepoint"],
            scores["value"],
            strict=True,
        )
    }
    assert got[("TK-1", 1, "pre")] == pytest.approx(7.6)
    assert got[("TK-1", 1, "1w")] == pytest.approx(5.2)
    assert got[("TK-2", 1, "6w")] == pytest.approx(3.0)
    assert got[("TK-2", 2, "pre")] == pytest.approx(6.3)
    assert got[("TK-2", 2, "6w")] == pytest.approx(4.0)
    assert ("TK-2", 2, "3m") not in got and ("TK-1", 1, "6w") not in got
