"""Words of a Belgian register, in Dutch and French. Sex codes whose meaning turns on the
language: M and V are man and vrouw in Dutch but moteris and vyras in Lithuanian (mujer
and varón in Spanish). The header's words say which; where they do not, the column is not
read and the loader says so, never guessing. Missed visits (``n.g.``) and leaks into the
paravertebral veins."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
import yaml

from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping
from analysis.normalize import parse_cell
from analysis.normalize.cells import is_missing
from analysis.spec import load_spec


def _register(path: Path, sex_header: str, codes: str, others: tuple[str, ...] = ()) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Register"
    ws.append(["Study ID", sex_header, *(others or ("Age", "Date", "Level", "Cement (ml)"))])
    for i, code in enumerate(codes):
        ws.append([f"P{i + 1}", code, 60 + i, f"1{i + 3}/02/2021", "L1", 3])
    wb.save(path)
    return path


def _sexes(path: Path, options=None) -> dict[str, str | None]:
    patients = load_cohort(path, options).cohort.patients
    return {
        p: (None if s != s else str(s))
        for p, s in zip(patients["patient_id"], patients["sex"], strict=True)
    }


def _round_trip(path: Path, tmp_path: Path) -> None:
    """The mapping written by inspect, passed back unedited, loads what the unaided load did."""
    written = tmp_path / "mapping.yaml"
    written.write_text(inspect_input(path).mapping_yaml(), "utf-8")
    assert _sexes(path, options_from_mapping(read_mapping(written))) == _sexes(path)


@pytest.mark.parametrize(
    ("header", "language", "word", "m", "v"),
    [
        ("Geslacht (M/V)", "Dutch", "geslacht", "male", "female"),
        ("Lytis", "Lithuanian", "lytis", "female", "male"),
        ("Sexo (V/M)", "Spanish", "sexo", "female", "male"),
    ],
)
def test_the_header_word_says_the_language_of_m_and_v(tmp_path, header, language, word, m, v):
    path = _register(tmp_path / "r.xlsx", header, "MVVM")
    assert _sexes(path) == {"P1": m, "P2": v, "P3": v, "P4": m}
    reading = next(c for c in inspect_input(path).columns if c.header == header)
    assert reading.label == "patients.sex"
    assert f"codes M and V read as {language}" in reading.reason
    assert f"by the header's word '{word}'" in reading.reason
    _round_trip(path, tmp_path)


def test_m_and_v_under_a_header_of_no_language_are_not_guessed(tmp_path):
    path = _register(tmp_path / "r.xlsx", "Sex", "MVVM")
    result = load_cohort(path)
    assert set(_sexes(path).values()) == {None}
    (said,) = [p for p in result.problems if p.column == "Sex"]
    assert said.severity == "warning"
    assert said.action == "column not read"
    assert "codes M and V mean opposite things by language" in said.message
    assert "Dutch (man, vrouw): M male, V female" in said.message
    assert "Lithuanian (moteris, vyras): M female, V male" in said.message
    reading = next(c for c in inspect_input(path).columns if c.header == "Sex")
    assert reading.label is None
    assert reading.reason.startswith("the header does not say the language of its codes")
    _round_trip(path, tmp_path)


@pytest.mark.parametrize(
    ("others", "language", "m", "v"),
    [
        (("Leeftijd", "Datum", "Niveau", "Cement (ml)"), "Dutch", "male", "female"),
        (("Edad", "Fecha", "Nivel", "Cemento (ml)"), "Spanish", "female", "male"),
        (("Amžius", "Data", "Lygis", "Cementas (ml)"), "Lithuanian", "female", "male"),
    ],
)
def test_the_sheets_other_headers_say_the_language_of_m_and_v(tmp_path, others, language, m, v):
    path = _register(tmp_path / "r.xlsx", "M/V", "MVVM", others)
    assert _sexes(path) == {"P1": m, "P2": v, "P3": v, "P4": m}
    reading = next(c for c in inspect_input(path).columns if c.header == "M/V")
    assert reading.label == "patients.sex"
    assert f"codes read as {language}" in reading.reason
    assert "by the words of the sheet's other headers" in reading.reason
    assert not [p for p in load_cohort(path).problems if p.column == "M/V"]
    _round_trip(path, tmp_path)


def test_other_headers_of_two_languages_that_disagree_do_not_say(tmp_path):
    path = _register(tmp_path / "r.xlsx", "M/V", "MVVM", ("Leeftijd", "Edad", "Level", "Cement"))
    assert set(_sexes(path).values()) == {None}
    (said,) = [p for p in load_cohort(path).problems if p.column == "M/V"]
    assert said.action == "column not read"


def test_the_users_meaning_of_m_and_v_reads_them(tmp_path):
    path = _register(tmp_path / "r.xlsx", "Sex", "MVVM")
    mapping = yaml.safe_load(inspect_input(path).mapping_yaml())
    (table,) = mapping["tables"]
    assert table["columns"]["B"]["read_as"] == "ignore"
    table["columns"]["B"].update(read_as="patients.sex", values={"M": "male", "V": "female"})
    options = options_from_mapping(mapping)
    assert not [p for p in load_cohort(path, options).problems if p.column == "Sex"]
    assert _sexes(path, options) == {"P1": "male", "P2": "female", "P3": "female", "P4": "male"}


def test_a_mapped_column_of_m_and_v_without_their_meaning_is_left_missing_and_said(tmp_path):
    path = _register(tmp_path / "r.xlsx", "Sex", "MVVM")
    mapping = {"columns": {"Sex": "patients.sex"}}
    result = load_cohort(path, options_from_mapping(mapping))
    assert set(_sexes(path, options_from_mapping(mapping)).values()) == {None}
    (said,) = [p for p in result.problems if p.column == "Sex"]
    assert "give their meaning in the mapping file's values" in said.message


def test_m_and_f_are_not_touched(tmp_path):
    path = _register(tmp_path / "r.xlsx", "Sex", "MFFM")
    assert _sexes(path) == {"P1": "male", "P2": "female", "P3": "female", "P4": "male"}


@pytest.mark.parametrize("text", ["n.g.", "N.G.", "niet gekomen", "pas venu"])
def test_a_missed_visit_in_dutch_or_french_is_missing(text):
    assert is_missing(text)


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("passage veineux paravertébral", "venous"),  # into the paravertebral veins
        ("fuite veineuse paravertébrale", "venous"),
        ("paravertebral venous leak", "venous"),
        ("paravertebrale cementuitloop", "paravertebral"),  # into the soft tissue
    ],
)
def test_a_leak_into_the_paravertebral_veins_is_venous(text, canonical):
    assert parse_cell(text, load_spec().column("procedures", "leakage")) == canonical
