"""A patient card's label-value rows whose labels are identifiers in French words the
vocabulary did not hold (``Nom (latin)``, ``N° dossier``, ``Né(e) le``): read as pairs of
labels and values, never as a table's header with the next rows as its rows (which lost
the sex, age and cause written under them)."""

from __future__ import annotations

from datetime import datetime

from analysis.load import load_cohort
from tests.test_any_workbook import _workbook


def _card(study: str, sex: str, age: int) -> list[list[object]]:
    return [
        ["Fiche de suivi", None, None, None, None],
        [None] * 5,
        ["Code", study, None, "N° dossier", "2563/21159"],
        ["Nom", "Dara Heng", None, "Nom (latin)", "HENG Dara"],
        ["Sexe", sex, None, "Né(e) le", "13/09/1979"],
        ["Âge", age, None, "Tél.", "089 238 693"],
        ["Diagnostic", "chute (traumatique)", None, None, None],
        [None] * 5,
        ["Séance", "Date", "Niveau", "Technique", "Volume (ml)"],
        [1, datetime(2020, 7, 10), "T9", "Vertébroplastie", 2.5],
    ]


def test_french_identifier_labels_leave_the_card_fields_read(tmp_path):
    path = _workbook(
        tmp_path / "cards.xlsx",
        {"SR-01": _card("SR-01", "F", 77), "SR-02": _card("SR-02", "M", 40)},
    )
    loaded = load_cohort(path)
    patients = loaded.cohort.patients.set_index("patient_id")
    assert patients.loc["SR-01", "sex"] == "female"
    assert patients.loc["SR-02", "age_years"] == 40
    assert patients.loc["SR-02", "etiology"] == "traumatic"
    shown = "".join(f"{p}" for p in loaded.problems) + patients.to_csv()
    assert "HENG" not in shown and "21159" not in shown and "1979" not in shown
