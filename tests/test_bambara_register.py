"""A Malian register in French with Bambara words: ``EVA J0`` (the day of the procedure,
before it) beside ``EVA J1`` and ``EVA M1``, ``a ma na`` (did not come) and ``cf. 2e
séance`` (the visit is the second session's) at missed visits, causes in the unit's
shorthand (``OP sénile``, ``AVP moto``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from analysis.load import inspect_input, load_cohort
from tests.test_any_workbook import _workbook
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

# fmt: off
_ROWS = [
    ["Code étude", "Sexe", "Âge (ans)", "Étiologie", "Date intervention", "Niveau(x)", "EVA J0", "EVA J1", "EVA M1"],
    ["VP-01", "F (muso)", 65, "OP sénile", date(2022, 5, 7), "D10", 9, 6, "cf. 2e séance"],
    ["VP-02", "M (cɛ)", 57, "AVP moto", date(2022, 6, 20), "L1", 8, "a ma na", 3],
    ["VP-03", "F", 72, "Ostéoporose", date(2022, 10, 31), "L2", 7, 4, "a ma na"],
]
# fmt: on


def test_a_bambara_register(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "bm.xlsx", {"Registre": _ROWS})
    loaded = load_cohort(path)
    assert [(p.cell, p.message) for p in loaded.errors] == []
    patients = loaded.cohort.patients.set_index("patient_id")
    assert patients["etiology"].to_dict() == {"VP-01": "osteoporotic", "VP-02": "traumatic", "VP-03": "osteoporotic"}  # fmt: skip
    a = loaded.cohort.assessments.merge(loaded.cohort.procedures[["procedure_id", "patient_id"]].drop_duplicates())  # fmt: skip
    got = {(r.patient_id, r.timepoint): r.value for r in a.itertuples() if r.measure == "pain_vas"}
    assert got == {
        ("VP-01", "pre"): 9.0, ("VP-01", "24h"): 6.0,
        ("VP-02", "pre"): 8.0, ("VP-02", "1m"): 3.0,
        ("VP-03", "pre"): 7.0, ("VP-03", "24h"): 4.0,
    }  # fmt: skip
    read = {c.letter: c.label for c in inspect_input(path).columns}
    assert read["G"] == "pain_vas@pre"
    _reproduced_by_its_mapping(path, tmp_path)
