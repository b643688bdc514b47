"""A Malagasy register written beside French, one sheet per operation: sex as ``Lahy`` /
``Vavy``, yes and no as ``Eny`` / ``Tsia``, ``tsy tonga`` (did not come) and ``maty``
(dead) where a score is missing, ``Tsy misy`` for no leak, pain before the operation as
``EVA alohan'ny (avant)`` and the visits written as a letter glued to a number (``EVA J1``,
``EVA S6``, ``EVA M3``: jour, semaine, mois)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from analysis.load import inspect_input, load_cohort
from analysis.normalize.timepoints import lettered_point
from analysis.problems import ERROR
from tests.test_any_workbook import _workbook
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

_HEADER = ["Laharana\n(N° étude)", "Daty\n(date)", "Taona\n(âge)", "Lahy / Vavy",
           "Vertèbres traitées", "Teknika", "Fuite de ciment", "EVA alohan'ny\n(avant)",
           "EVA J1", "EVA S6", "EVA M3", "Tapaka vaovao\n(nouvelle fracture)",
           "Maty\n(décédé)"]  # fmt: skip
_ROWS = [
    ["TNR-1", dt.datetime(2023, 1, 10), 71, "Vavy", "T12", "Vertébroplastie", "Tsy misy",
     8, 4, 3, 2, "Tsia", "Tsia"],
    ["TNR-2", dt.datetime(2023, 2, 3), 66, "Lahy", "L1", "Cyphoplastie", "Discale",
     9, "tsy tonga", 5, 4, "L2 (20/04/2023)", "Tsia"],
    ["TNR-3", dt.datetime(2023, 3, 15), 80, "Vavy", "L2", "Vertébroplastie", "Tsy misy",
     7, 3, 12, "maty", "Tsia", "Eny"],
]  # fmt: skip


def _register(tmp_path: Path, header: list[str] = _HEADER) -> Path:
    rows = [["Service de Neurochirurgie"], [], header, *_ROWS]
    return _workbook(tmp_path / "register.xlsx", {"Fandidiana 1": rows})


def test_a_malagasy_register(tmp_path):
    path = _register(tmp_path)
    loaded = load_cohort(path)
    c = loaded.cohort
    p = c.patients.set_index("patient_id")
    assert p["sex"].astype(str).to_dict() == {"TNR-1": "female", "TNR-2": "male", "TNR-3": "female"}
    assert p["died"].astype(bool).to_dict() == {"TNR-1": False, "TNR-2": False, "TNR-3": True}
    leaks = dict(zip(c.procedures["patient_id"], c.procedures["leakage"].astype(str), strict=True))
    assert leaks == {"TNR-1": "none", "TNR-2": "disc", "TNR-3": "none"}
    scores = {
        (r.patient_id, r.timepoint): r.value
        for r in c.assessments[c.assessments["measure"] == "pain_vas"].itertuples()
    }
    assert scores == {
        ("TNR-1", "pre"): 8, ("TNR-1", "24h"): 4, ("TNR-1", "6w"): 3, ("TNR-1", "3m"): 2,
        ("TNR-2", "pre"): 9, ("TNR-2", "6w"): 5, ("TNR-2", "3m"): 4,
        ("TNR-3", "pre"): 7, ("TNR-3", "24h"): 3,
    }  # fmt: skip
    fx = c.fractures
    assert list(zip(fx["patient_id"], fx["level"].astype(str), strict=True)) == [("TNR-2", "L2")]
    # "tsy tonga" and "maty" are no errors; the 12 at six weeks is, on its own cell
    errors = [(e.row, e.column) for e in loaded.problems if e.severity == ERROR]
    assert errors == [(6, "EVA S6")]
    labels = {col.letter: (col.label, col.reason) for col in inspect_input(path).columns}
    assert labels["D"][0] == "patients.sex"
    assert labels["H"][0] == "pain_vas@pre"
    assert labels["J"] == (
        "pain_vas@6w",
        "header: 'S6' read as 6w, in the notation of the outcome's other visits on the row (J/M)",
    )
    _reproduced_by_its_mapping(path, tmp_path)


def test_a_letter_no_unit_of_its_own_is_read_only_beside_its_notation(tmp_path):
    """``EVA S6`` without ``J1``/``M3`` beside it names no visit (an ``S`` may be a sacral
    level, a side or a session): the column is not read as six weeks."""
    header = [h if not h.startswith("EVA ") else h.replace("J1", "pre").replace("M3", "3 mois")
              for h in _HEADER]  # fmt: skip
    labels = {col.letter: col.label for col in inspect_input(_register(tmp_path, header)).columns}
    assert labels["I"] == "pain_vas@pre" and labels["K"] == "pain_vas@3m"
    assert labels["J"] != "pain_vas@6w"


@pytest.mark.parametrize(
    ("word", "letters", "point"),
    [
        ("S6", {"j", "m"}, "6w"),
        ("S6", {"d"}, "6w"),
        ("s2", {"m"}, "2w"),
        ("S6", set(), None),
        ("S6", {"s"}, None),  # only its own letter beside it
        ("S6", {"j", "w"}, None),  # a letter of no notation holding S
        ("S5", {"j", "m"}, None),  # an interval the schema has no time point for
        ("S12", {"m"}, "3m"),
        ("SS6", {"j", "m"}, None),
    ],
)
def test_lettered_point(word, letters, point):
    assert lettered_point(word, frozenset(letters)) == point
