from datetime import date, datetime

import pytest

from analysis.normalize import (
    CellError,
    is_missing,
    match_header,
    parse_cell,
    parse_date_column,
    parse_score,
    pseudonym,
)
from analysis.spec import load_spec

SPEC = load_spec()


def col(table, name):
    return SPEC.column(table, name)


@pytest.mark.parametrize(
    ("raw", "ml"), [("3.5 cc", 3.5), ("4 ml", 4.0), ("4,5", 4.5), (6, 6.0), ("2.0mL", 2.0)]
)
def test_cement_volume_units_and_decimal_comma(raw, ml):
    assert parse_cell(raw, col("procedures", "cement_volume_ml")) == ml


@pytest.mark.parametrize("raw", ["lots", "3.5 l", "about 4"])
def test_text_that_is_not_a_volume_is_an_error(raw):
    with pytest.raises(CellError, match="not a cement volume"):
        parse_cell(raw, col("procedures", "cement_volume_ml"))


def test_volume_out_of_range():
    with pytest.raises(CellError, match=r"cement_volume_ml must lie within 0-30 mL"):
        parse_cell("45 ml", col("procedures", "cement_volume_ml"))


@pytest.mark.parametrize(
    ("raw", "value"),
    [("Y", True), ("no", False), ("1", True), (0, False), ("TRUE", True), (" n ", False)],
)
def test_booleans(raw, value):
    assert parse_cell(raw, col("patients", "steroid_use")) is value


@pytest.mark.parametrize(("raw", "value"), [("yes — 12/04/2023", True), ("হ্যাঁ — ১২/০৪/২০২৩", True), ("no - alive", False)])  # fmt: skip
def test_a_yes_or_no_before_a_dash_and_its_detail(raw, value):
    assert parse_cell(raw, col("patients", "died")) is value


def test_bad_boolean():
    with pytest.raises(CellError, match="not a yes/no value"):
        parse_cell("maybe", col("patients", "steroid_use"))


@pytest.mark.parametrize(
    "raw", [None, "", "  ", "NA", "n/a", "-", "?", "unknown", "#N/A", float("nan")]
)
def test_missing_markers(raw):
    assert is_missing(raw)


@pytest.mark.parametrize("raw", ["LFU", "F/U loss", "lost to follow-up", "persa al FU"])
def test_lost_to_follow_up_is_missing(raw):
    assert is_missing(raw)


def test_missing_marker_with_digits_of_another_script_is_missing_once_folded():
    # cells reach the reader with their Bengali digit folded to "2"; the marker still applies
    assert is_missing("২য় সেশন দেখুন")
    assert is_missing("2য় সেশন দেখুন")
    assert not is_missing("2")


def test_categories_by_spelling_and_multi_category():
    assert parse_cell("Metastatic", col("patients", "etiology")) == "pathologic"
    assert parse_cell(" W ", col("patients", "sex")) == "female"
    assert parse_cell("venous, Disc", col("procedures", "leakage")) == "disc;venous"
    with pytest.raises(CellError, match="cannot be 'none' and a site"):
        parse_cell("none; disc", col("procedures", "leakage"))
    with pytest.raises(CellError, match=r"not a recognised sex \(female, male\)"):
        parse_cell("X", col("patients", "sex"))


def test_pain_rescaled_only_when_scale_declared():
    vas = SPEC.measures["pain_vas"]
    assert parse_score("75", vas, 100) == pytest.approx(7.5)
    assert parse_score("7", vas, None) == 7.0
    with pytest.raises(
        CellError, match=r"pain_vas must lie within 0-10; if this column is on a 0-100 scale"
    ):
        parse_score("75", vas, None)
    with pytest.raises(CellError, match="mobility takes whole numbers"):
        parse_score("2.5", SPEC.measures["mobility"], None)


def test_dates_day_first_inferred_from_the_column():
    got = parse_date_column(["03/04/2021", "25/04/2021", None])
    assert got == [date(2021, 4, 3), date(2021, 4, 25), None]


def test_dates_month_first_inferred_from_the_column():
    assert parse_date_column(["03/04/2021", "04/25/2021"])[0] == date(2021, 3, 4)


def test_ambiguous_dates_ask_the_user():
    got = parse_date_column(["03/04/2021", "05/06/2021"])
    assert all(isinstance(g, CellError) for g in got)
    with pytest.raises(CellError, match="set date_order"):
        raise got[0]
    assert parse_date_column(["03/04/2021"], "dmy") == [date(2021, 4, 3)]


def test_column_mixing_orders_is_an_error():
    got = parse_date_column(["25/04/2021", "04/25/2021"])
    assert all(isinstance(g, CellError) and "mixes day-first" in g.message for g in got)


def test_excel_serials_iso_and_text_dates():
    got = parse_date_column(
        [44197, "2021-01-01", "1 Jan 2021", datetime(2021, 1, 1, 10, 0), "44197"]
    )
    assert got == [date(2021, 1, 1)] * 5
    bad = parse_date_column(["31/02/2021", "yesterday"])
    assert all(isinstance(g, CellError) for g in bad)


def test_pseudonym_is_keyed_and_stable():
    a = pseudonym("MRN 123 456", "secret")
    assert a == pseudonym("mrn123456", "secret")
    assert a != pseudonym("MRN 123 456", "other")
    assert "123456" not in a
    with pytest.raises(ValueError, match="secret is required"):
        pseudonym("1", "")


@pytest.mark.parametrize(
    ("header", "label"),
    [
        ("Study ID", "patients.patient_id"),
        ("Level(s)", "procedures.level"),
        ("Cement volume (mL)", "procedures.cement_volume_ml"),
        ("VAS pain 1 month", "pain_vas@1m"),
        ("Pre VAS", "pain_vas@pre"),
        ("New fracture Level", "fractures.level"),
        ("DOB", "identifier:birth_date"),
        ("MRN", "identifier:mrn"),
        ("Date of procedure", "date:procedure_date"),
    ],
)
def test_header_synonyms(header, label):
    assert match_header(header).label == label


def test_header_declares_the_pain_scale():
    t = match_header("VAS (0-100 mm) pre")
    assert (t.measure, t.timepoint, t.scale) == ("pain_vas", "pre", 100.0)
    assert match_header("Whatever", {"whatever": "procedures.level"}).label == "procedures.level"
    assert match_header("Notes") is None


def test_volume_units_in_other_scripts() -> None:
    from analysis.normalize.cells import parse_volume

    assert parse_volume('5 סמ"ק') == 5.0 and parse_volume("4.5 סמ״ק") == 4.5
    assert parse_volume("3,5 мл") == 3.5 and parse_volume("2 мл.") == 2.0


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("other – Kümmell's disease", "other"),
        ("Trauma - RTA", "traumatic"),
        ("Mets — breast", "pathologic"),
        ("NHL-Infiltration", "pathologic"),
        ("lymfom", "pathologic"),
        ("MM", "pathologic"),
        ("Fall fra stige", "traumatic"),
    ],
)
def test_etiology_named_before_a_dash_or_by_its_disease(raw, value):
    assert parse_cell(raw, col("patients", "etiology")) == value
