"""A patient card's rows of labelled fields side by side (``Name: | CRUZ | | Sex: | F``)
are label-value pairs, not a table's header: each field is read for its patient."""

from __future__ import annotations

import re
from datetime import datetime

from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping
from tests.test_any_workbook import _workbook


def _birthday(age: str) -> str:
    """A birthday that gives the age at the card's procedure (2 June 2022)."""
    years = int(re.match(r"\d+", age)[0])  # type: ignore[index]
    return f"10/06/{2021 - years if years <= 110 else 1963}"


def _card(
    study: str,
    sex: str,
    age: str,
    diagnosis: str = "Osteoporosis, senile",
    status: str = "Alive",
    fracture: str = "None / Wala",
) -> list[list[object]]:
    return [
        ["CASE FORM", None, None, None, None, None, None],
        [None] * 7,
        ["Study No.:", study, None, "Hospital No.:", "17-732671", None, None],
        ["Pangalan / Name:", "CRUZ, Remedios", None, "Kasarian / Sex:", sex, None, None],
        ["Edad / Age:", age, None, "Birthday:", _birthday(age), None, None],
        ["Diagnosis:", diagnosis, None, "Status (last contact):", status, None, None],
        ["New fracture on f/u:", fracture, None, None, None, None, None],
        [None] * 7,
        ["Session", "Date", "Level", "Procedure", "Cement", "Volume (cc)", "Leak"],
        [1, datetime(2022, 6, 2), "L1", "BKP", "PMMA", 5.0, "none"],
    ]


def test_labelled_fields_side_by_side_are_read_for_each_patient(tmp_path):
    cards = {"MNL-01": _card("MNL-01", "F", "58 y/o"), "MNL-02": _card("MNL-02", "M", "71 y.o.")}
    path = _workbook(tmp_path / "cards.xlsx", cards)
    loaded = load_cohort(path)
    patients = loaded.cohort.patients.set_index("patient_id")
    assert patients["sex"].astype(str).to_dict() == {"MNL-01": "female", "MNL-02": "male"}
    assert patients["age_years"].to_dict() == {"MNL-01": 58, "MNL-02": 71}
    assert patients["etiology"].astype(str).to_dict() == {"MNL-01": "osteoporotic", "MNL-02": "osteoporotic"}  # fmt: skip
    assert loaded.errors == []
    read = {c.header: c.label for c in inspect_input(path).columns}
    assert read["Kasarian / Sex"] == "patients.sex"
    assert read["Edad / Age"] == "patients.age_years"
    written = tmp_path / "mapping.yaml"
    written.write_text(inspect_input(path).mapping_yaml(), "utf-8")
    mapped = load_cohort(path, options_from_mapping(read_mapping(written))).cohort
    for table in ("patients", "procedures"):
        assert getattr(loaded.cohort, table).equals(getattr(mapped, table)), table


def test_an_impossible_age_on_a_card_is_named_at_its_cell(tmp_path):
    cards = {"MNL-01": _card("MNL-01", "F", "210 y/o"), "MNL-02": _card("MNL-02", "M", "71 y/o")}
    loaded = load_cohort(_workbook(tmp_path / "cards.xlsx", cards))
    (error,) = loaded.errors
    assert (error.sheet, error.cell) == ("MNL-01", "B5")
    assert "age_years must lie within 1-120" in error.message


def test_a_status_of_alive_or_expired_with_its_date_is_the_vital_status(tmp_path):
    cards = {
        f"MNL-0{i}": _card(f"MNL-0{i}", "F", "70 y/o", diagnosis, status)
        for i, (diagnosis, status) in enumerate(
            [
                ("Vehicular accident", "Alive"),
                ("OP compression fracture", "Expired 07/21/2023"),
                ("Osteoporosis, senile", "Alive"),
            ],
            start=1,
        )
    }
    path = _workbook(tmp_path / "cards.xlsx", cards)
    loaded = load_cohort(path)
    assert loaded.errors == []
    patients = loaded.cohort.patients.set_index("patient_id")
    assert patients["died"].to_dict() == {"MNL-01": False, "MNL-02": True, "MNL-03": False}
    assert patients["etiology"].astype(str).to_dict() == {
        "MNL-01": "traumatic", "MNL-02": "osteoporotic", "MNL-03": "osteoporotic",
    }  # fmt: skip
    read = {c.header: (c.label, c.reason) for c in inspect_input(path).columns}
    assert read["Status (last contact)"] == ("patients.died", "cell contents: alive or dead")
    # the date beside "Expired" is the death's (day 0 is the procedure on 2 June 2022)
    assert patients["death_day"].dropna().to_dict() == {"MNL-02": 414}


def test_a_new_fracture_field_of_a_level_and_its_date_or_none_in_two_languages(tmp_path):
    cards = {
        "MNL-01": _card("MNL-01", "F", "70 y/o", fracture="T12 (noted 07/18/2022)"),
        "MNL-02": _card("MNL-02", "F", "71 y/o"),
        "MNL-03": _card("MNL-03", "M", "72 y/o", fracture="L5 (noted 08/01/2022)"),
    }
    path = _workbook(tmp_path / "cards.xlsx", cards)
    loaded = load_cohort(path)
    assert loaded.errors == []
    f = loaded.cohort.fractures
    got = sorted(zip(f["patient_id"], f["level"].astype(str), f["day"], strict=True))
    assert got == [("MNL-01", "T12", 46), ("MNL-03", "L5", 60)]
    read = {c.header: c.label for c in inspect_input(path).columns}
    assert read["New fracture on f/u"] == "fractures.level|date"  # a level with its date
