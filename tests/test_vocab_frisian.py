"""West Frisian words among Dutch (a unit in Friesland): a woman ``frou``, pain a day
and six weeks after (``VAS 1 dei``, ``VAS 6 wiken``), a new fracture (``Nije fraktuer``)
and its date, died (``Ferstoarn``) with its date, a missed visit ``net kaam`` and a visit
after the death ``ferstoarn``; with the Dutch beside them: the hospital and citizen service
numbers (``Patiëntnr``, ``BSN``) kept as identifiers, calcium phosphate ``Ca-fosfaat`` and
a score carried on to the second operation's row (``zie 2e ingreep``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from analysis.load import load_cohort
from tests.test_any_workbook import _workbook
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

HEADER = [
    "Studienr",
    "BSN",
    "Patiëntnr",
    "Geslacht",
    "Leeftijd",
    "Ingreep",
    "OK-datum",
    "Techniek",
    "Niveau 1",
    "Cement 1 (ml)",
    "Cementsoort",
    "VAS pre",
    "VAS 1 dei",
    "VAS 6 wiken",
    "Nije fraktuer (niveau)",
    "Datum nije fraktuer",
    "Ferstoarn",
    "Datum ferstoarn",
]
ROWS = [
    HEADER,
    [
        "F01",
        "123456782",
        "7712345",
        "frou",
        71,
        1,
        date(2021, 3, 2),
        "VP",
        "Th11",
        3.5,
        "Ca-fosfaat",
        8,
        "net kaam",
        "zie 2e ingreep",
        "Th12",
        date(2021, 9, 1),
        "nee",
        None,
    ],
    [
        "F02",
        "234567891",
        "7754321",
        "M",
        80,
        1,
        date(2021, 5, 4),
        "KP",
        "L1",
        5,
        "PMMA",
        9,
        5,
        "ferstoarn",
        None,
        None,
        "ja",
        date(2021, 6, 1),
    ],
    [
        "F01",
        "123456782",
        "7712345",
        "frou",
        71,
        2,
        date(2021, 9, 20),
        "VP",
        "Th12",
        4,
        "PMMA",
        7,
        3,
        2,
        None,
        None,
        "nee",
        None,
    ],
]


def test_a_frisian_register(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "register.xlsx", {"Register": ROWS})
    result = load_cohort(path)
    assert not result.errors
    pat = result.cohort.patients.set_index("patient_id")
    assert pat["sex"].to_dict() == {"F01": "female", "F02": "male"}
    assert pat["died"].to_dict() == {"F01": False, "F02": True}
    procs = result.cohort.procedures
    assert sorted(procs["cement_type"]) == ["PMMA", "PMMA", "calcium phosphate"]
    pain = result.cohort.assessments.query("measure == 'pain_vas'")
    got = {(p, s, t): v for p, s, t, v in zip(pain["patient_id"], pain["procedure_id"], pain["timepoint"], pain["value"], strict=True)}  # fmt: skip
    assert {k[2] for k in got} == {"pre", "24h", "6w"}
    assert got[("F02", "F02-1", "24h")] == 5.0 and got[("F01", "F01-2", "6w")] == 2.0
    assert ("F01", "F01-1", "24h") not in got and ("F02", "F02-1", "6w") not in got
    assert result.cohort.fractures["level"].tolist() == ["T12"]
    shown = result.cohort.patients.to_csv() + "".join(str(p) for p in result.problems)
    assert "123456782" not in shown and "7712345" not in shown
    _reproduced_by_its_mapping(path, tmp_path)
