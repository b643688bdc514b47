"""Words, digits, dates and value shapes of Georgian, Bengali, Serbian, Lithuanian, Arabic,
French and Danish registries (data_schema/vocabulary-languages-ka-bn-sr-lt-ar-fr-da.yaml)."""

from __future__ import annotations

from datetime import date

import pytest

from analysis.load.records import leakage_at
from analysis.normalize import match_header
from analysis.normalize.cells import (
    CellError,
    parse_category,
    parse_level_list,
    parse_multi_category,
    parse_volume,
    parse_volumes,
)
from analysis.normalize.dates import _parse_text
from analysis.normalize.leakage_levels import sites_by_level
from analysis.normalize.timepoints import timepoint_of
from analysis.spec import load_spec, normalize_text


@pytest.mark.parametrize(
    ("header", "label"),
    [
        ("პაციენტის ID", "patients.patient_id"),
        ("სქესი", "patients.sex"),
        ("დონე(ები)", "procedures.level"),
        ("ცემენტის გაჟონვა", "procedures.leakage"),
        ("স্টাডি আইডি", "patients.patient_id"),
        ("লিঙ্গ", "patients.sex"),
        ("রোগের কারণ", "patients.etiology"),
        ("Шифра", "patients.patient_id"),
        ("Год.", "patients.age_years"),
        ("Истицање цемента", "procedures.leakage"),
        ("Curenje cementa", "procedures.leakage"),
        ("Tyrimo Nr.", "patients.patient_id"),
        ("Lūžio priežastis", "patients.etiology"),
        ("Cemento ištekėjimas", "procedures.leakage"),
        ("رقم الدراسة (Study ID)", "patients.patient_id"),
        ("الفقرات المعالجة (Level)", "procedures.level"),
        ("Køn", "patients.sex"),
        ("Lækage", "procedures.leakage"),
        ("NoEtude", "patients.patient_id"),
        ("FuiteCiment", "procedures.leakage"),
    ],
)
def test_headers_of_more_languages(header, label):
    found = match_header(header)
    assert found is not None and found.label == label


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        ("ისტორიის №", "mrn"),
        ("রেজি. নং", "mrn"),
        ("Ligos ist. Nr.", "mrn"),
        ("Vardas, pavardė", "name"),
        ("الجوال", "phone"),
        ("Gimimo data", "birth_date"),
    ],
)
def test_identifier_headers_of_more_languages_are_identifiers(header, kind):
    found = match_header(header)
    assert found is not None and (found.kind, found.column) == ("identifier", kind)


@pytest.mark.parametrize(
    ("column", "value", "canonical"),
    [
        ("sex", "ქალი", "female"),
        ("sex", "მამრ.", "male"),
        ("sex", "মহিলা", "female"),
        ("sex", "kvinde", "female"),
        ("etiology", "ოსტეოპოროზული მოტეხილობა", "osteoporotic"),
        ("etiology", "মেটাস্টেসিস (প্রোস্টেট)", "pathologic"),
        ("etiology", "метастаза (дојка)", "pathologic"),
        ("etiology", "metastazės (inkstų vėžys)", "pathologic"),
        ("etiology", "traume (fald fra stige)", "traumatic"),
        ("etiology", "Osteoporotic #", "osteoporotic"),
        ("etiology", "MTS ca. pulmón", "pathologic"),
    ],
)
def test_patient_values_of_more_languages(column, value, canonical):
    assert parse_category(value, load_spec().column("patients", column)) == canonical


@pytest.mark.parametrize(
    ("value", "canonical"),
    [
        ("კი – დისკში", "disc"),
        ("নেই", "none"),
        ("да – венско", "venous"),
        ("da, u disk", "disc"),
        ("Sí, venosa", "venous"),
        ("į tarpslankstelinį diską", "disc"),
        ("ja – venøs", "venous"),
        ("الثقبة العصبية", "foraminal"),
    ],
)
def test_leakage_of_more_languages(value, canonical):
    assert parse_multi_category(value, load_spec().column("procedures", "leakage")) == canonical


def test_indic_vowel_signs_stay_in_their_words():
    # the vowel signs and viramas of Bengali and Devanagari are letters of the word
    assert normalize_text("স্টাডি আইডি") == "স্টাডি আইডি"
    assert normalize_text("दर्द स्कोर") == "दर्द स्कोर"
    assert normalize_text("prä-op") == "pra op"  # accents of Latin letters still folded
    assert timepoint_of("১ মাস") == "1m"
    assert timepoint_of("২৪ ঘণ্টা পর") == "24h"


def test_abbreviation_dots_fall_away_in_any_script():
    assert normalize_text("Год.") == "год"
    assert normalize_text("Реинт. ниво") == "реинт ниво"
    assert normalize_text("Nr. 3.5") == "nr 3.5"  # a decimal point is no abbreviation


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1441/12/26هـ", date(2020, 8, 16)),  # marked lunar Hijri (tabular Islamic calendar)
        ("١٤٤٢/٠١/٢٤ هـ", date(2020, 9, 12)),
        ("1442/07/03", date(2021, 2, 15)),  # a year later than today's Solar Hijri year
        ("1399/05/12", date(2020, 8, 2)),  # Solar Hijri (Persian), as before
    ],
)
def test_hijri_dates(text, expected):
    assert _parse_text(text, None) == expected


def test_an_impossible_lunar_hijri_date_is_an_error():
    with pytest.raises(CellError, match="Hijri"):
        _parse_text("1441/13/02هـ", None)


@pytest.mark.parametrize(
    ("cell", "volume"),
    [
        ("укупно 8,5", 8.5),
        ("6,5 ukupno", 6.5),
        ("মোট ১১.৫", 11.5),
        ("11.5 mls total", 11.5),
        ("4 მლ", 4.0),
    ],
)
def test_a_total_word_or_unit_around_a_volume(cell, volume):
    assert parse_volume(cell) == volume


def test_volumes_per_level_with_georgian_units():
    assert parse_volumes("Th12: 3,5 მლ; L1: 4 მლ") == (3.5, 4.0)
    with pytest.raises(CellError, match="not a cement volume"):
        parse_volume("about eight")


@pytest.mark.parametrize(
    ("cell", "levels"),
    [
        ("T8 و T9", ("T8", "T9")),
        ("L1 და L2", ("L1", "L2")),
        ("L3 ir L4", ("L3", "L4")),
        ("نعم - T6 و T11", ("T6", "T11")),
        ("კი – L2", ("L2",)),
    ],
)
def test_levels_joined_by_and_or_after_a_yes_word(cell, levels):
    assert parse_level_list(cell) == levels


def test_a_no_word_before_levels_is_not_read_as_yes():
    with pytest.raises(CellError):
        parse_level_list("nothing - L2")


def test_sites_by_level():
    col = load_spec().column("procedures", "leakage")
    pairs = sites_by_level("Sí - venosa en D11; venosa en D12", col)
    assert pairs == (("T11", "venous"), ("T12", "venous"))
    row = ("T10", "T11", "T12")
    assert [leakage_at(pairs, lv, row) for lv in row] == ["none", "venous", "venous"]
    assert sites_by_level("L-2: ডিস্কে", col) == (("L2", "disc"),)
    assert sites_by_level("venous", col) is None  # the session's
    # a level the row does not treat: every vertebra of the row has the sites written
    assert [leakage_at(sites_by_level("disc at L5", col), lv, ("L1", "L2")) for lv in ("L1", "L2")] == ["disc", "disc"]  # fmt: skip
    # parts are read before a level heading all that follows it
    assert sites_by_level("კი – პარავერტებრული (Th12), დისკში (L1)", col) == (
        ("T12", "paravertebral"),
        ("L1", "disc"),
    )


def test_new_fracture_levels_among_words_are_read():
    col = load_spec().column("fractures", "level")
    from analysis.normalize.cells import parse_cell

    assert parse_cell("Fx nueva D8 tras caída", col) == ("T8",)
    assert parse_cell("aplastamiento L3 y D10 (RMN)", col) == ("T10", "L3")
    with pytest.raises(CellError):
        parse_cell("nueva fractura L8", col)  # no such level: reported, not guessed
    with pytest.raises(CellError):  # a treated level is never read from words
        parse_cell("Fx nueva D8 tras caída", load_spec().column("procedures", "level"))


def test_spanish_hours():
    assert timepoint_of("24 hs") == "24h"
