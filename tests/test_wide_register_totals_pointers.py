"""A wide register of one row per patient under merged groups in two languages: session
totals written with a sum sign (``Σ 8``), a missed visit pointing to the second procedure
(``→ 2. Eingriff``) or marked ``n.p.``, and a new fracture's level and date under ``Neue
Fraktur / Nuova frattura``."""

from __future__ import annotations

from datetime import datetime

import pytest

from analysis.load import load_cohort
from analysis.load.header_sessions import _names_new_fracture
from analysis.normalize import is_missing
from analysis.normalize.cells import WrittenTotal, parse_volume
from tests.test_any_workbook import _workbook


def test_session_totals_with_a_sum_sign():
    for text, want in (("Σ 8", 8.0), ("Σ 11,5", 11.5), ("∑6.5", 6.5), ("tot. 11,5", 11.5)):
        got = parse_volume(text)
        assert isinstance(got, WrittenTotal) and got == want


@pytest.mark.parametrize(
    ("text", "missing"),
    [("→ 2. Eingriff", True), ("→ 2° intervento", True), ("-> redo", True), ("n.p.", True),
     ("→ L2", False), ("→ 12/05/2021", False), ("2. Eingriff", False)],
)  # fmt: skip
def test_a_cell_pointing_to_the_second_procedure_is_missing(text, missing):
    assert is_missing(text) is missing


def test_new_fracture_group_in_two_languages():
    assert _names_new_fracture("Neue Fraktur / Nuova frattura")


def test_wide_register_new_fracture_group_and_pointers(tmp_path):
    group = ["Patient / Paziente", "", "1. Eingriff / 1° intervento", "", "", "3 Monate / 3 mesi", "", "Neue Fraktur / Nuova frattura", ""]  # fmt: skip
    head = ["Code", "Alter", "Datum / Data", "Höhe / Livello", "Menge ml / Quantità ml", "Datum / Data", "VAS", "Höhe / Livello", "Datum / Data"]  # fmt: skip
    rows = [group, head]
    for k in range(1, 7):
        two = k % 2 == 0
        rows.append([
            f"BZ-{k}", 70 + k, datetime(2021, 1, k), "BWK 12, LWK 1" if two else "L1",
            "Σ 8" if two else 4.5,
            "→ 2. Eingriff" if k == 2 else ("n.p." if k == 3 else datetime(2021, 4, k)),
            None if k in (2, 3) else 3,
            "LWK 3" if k < 3 else "nein", datetime(2021, 3, k) if k < 3 else None,
        ])  # fmt: skip
    merges = [("Register", "A1:B1"), ("Register", "C1:E1"), ("Register", "F1:G1"), ("Register", "H1:I1")]  # fmt: skip
    loaded = load_cohort(_workbook(tmp_path / "w.xlsx", {"Register": rows}, merges=merges))
    assert loaded.errors == []
    f = loaded.cohort.fractures
    assert {(r.patient_id, r.level) for r in f.itertuples()} == {("BZ-1", "L3"), ("BZ-2", "L3")}
    p = loaded.cohort.procedures.set_index(["patient_id", "level"])
    assert p.loc[("BZ-2", "T12"), "session_cement_volume_ml"] == 8.0
    assert p["day"].eq(0).all()
