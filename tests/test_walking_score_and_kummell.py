"""A walking score under its Italian, Spanish or Portuguese name (``Deambulazione``,
``Deambulación``) is the mobility outcome, a value off its scale named on its cell; a
Kümmell's disease (``m. di Kümmell``) is an etiology of its own (other)."""

from __future__ import annotations

from datetime import date

import pytest

from analysis.load import load_cohort
from analysis.normalize import match_header, parse_cell
from analysis.spec import load_spec
from tests.test_any_workbook import _workbook


@pytest.mark.parametrize("header", ["Deambulazione", "Deambulación", "Deambulação pre"])
def test_walking_named_in_romance_languages_is_mobility(header):
    found = match_header(header)
    assert found is not None and found.kind == "measure" and found.measure == "mobility"


@pytest.mark.parametrize("cell", ["m. di Kümmell", "Kummell disease", "Morbus Kümmell"])
def test_kummell_disease_is_another_etiology(cell):
    assert parse_cell(cell, load_spec().column("patients", "etiology")) == "other"


def test_walking_scores_load_with_the_visits(tmp_path):
    rows = [
        [
            "ID",
            "Sesso",
            "Età",
            "Eziologia",
            "Data intervento",
            "Livello",
            "VAS pre",
            "Deambulazione pre",
            "Deambulazione 1 mese",
        ],
        ["NA-01", "F", 78, "osteoporosi", date(2022, 3, 1), "L1", 8, 1, 3],
        ["NA-02", "M", 71, "m. di Kümmell", date(2022, 4, 2), "D12", 7, 0, 2],
        ["NA-03", "F", 83, "osteoporosi", date(2022, 5, 3), "L2", 9, 2, 7],
    ]
    loaded = load_cohort(_workbook(tmp_path / "registro.xlsx", {"Registro": rows}))
    a = loaded.cohort.assessments
    walking = a[a["measure"] == "mobility"]
    got = {(r["patient_id"], r["timepoint"]): float(r["value"]) for r in walking.to_dict("records")}
    assert got == {
        ("NA-01", "pre"): 1.0,
        ("NA-01", "1m"): 3.0,
        ("NA-02", "pre"): 0.0,
        ("NA-02", "1m"): 2.0,
        ("NA-03", "pre"): 2.0,
    }
    off = [p for p in loaded.errors if p.column == "Deambulazione 1 mese"]
    assert len(off) == 1 and off[0].row == 4 and "mobility must lie within" in off[0].message
    etiology = loaded.cohort.patients.set_index("patient_id")["etiology"].astype(str)
    assert etiology.to_dict() == {
        "NA-01": "osteoporotic",
        "NA-02": "other",
        "NA-03": "osteoporotic",
    }
