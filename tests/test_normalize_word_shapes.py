"""Shapes of words met in the fifth blind batch, each read whatever the language: an
interval written twice, a header in two languages, a spaced abbreviation for "not done",
millilitres in another script, the unit's cement named in a header, the digits of other
scripts, S/N yes/no codes."""

from __future__ import annotations

import openpyxl
import pytest

from analysis.load import load_cohort
from analysis.normalize import match_header, parse_cell
from analysis.normalize.cells import is_missing, parse_number, parse_volume
from analysis.normalize.headers import header_unit
from analysis.normalize.timepoints import timepoint_of
from analysis.spec import load_spec


@pytest.mark.parametrize(
    ("text", "point"),
    [
        ("සති 2 - 2 weeks", "2w"),  # Sinhala and English
        ("6 months (මාස 6)", "6m"),
        ("2週 2/52", "2w"),  # Chinese and British shorthand
        ("3個月 3/12", "3m"),
        ("12個月 1 yr", "12m"),  # 12 months and 1 year: one time point
        ("1 ամիս հետո", "1m"),
        ("24 цагийн дараа", "24h"),
        ("VAS po 6 týždňoch", None),  # a measure and a time point: a header, not a time point
    ],
)
def test_an_interval_written_twice_is_one_time_point(text, point):
    assert timepoint_of(text) == point


@pytest.mark.parametrize(
    "text",
    ["2 weeks 3 months", "2 weeks 6 weeks", "3 months 2", "2 2 weeks"],
)
def test_two_different_or_unpaired_intervals_name_no_time_point(text):
    assert timepoint_of(text) is None


@pytest.mark.parametrize(
    ("header", "label"),
    [
        ("Sex / ස්ත්‍රී-පුරුෂ", "patients.sex"),
        ("Leak / කාන්දුව", "procedures.leakage"),
        ("Died / මියගිය", "patients.died"),
        ("Онош / шалтгаан", "patients.etiology"),
        ("Name / නම", "identifier:name"),
    ],
)
def test_a_header_in_two_languages_names_its_field(header, label):
    found = match_header(header)
    assert found is not None and found.label == label


@pytest.mark.parametrize(
    "header",
    [
        "Level / Volume",  # two fields: no guess
        "Sex / Notes",  # a second English word that names nothing: not a translation
    ],
)
def test_two_fields_apart_by_a_slash_name_none(header):
    assert match_header(header) is None


@pytest.mark.parametrize(
    "text",
    [
        "n. v.",
        "N. V.",
        "n.v",
        "н. д.",
        "н.д",
        "k. A.",
        "n. e.",
        "NSP (no se presentó)",
        "DNA (did not attend)",
    ],
)
def test_a_dotted_missing_marker_spaced_or_closed_otherwise(text):
    assert is_missing(text)


@pytest.mark.parametrize("text", ["no.", "3.5", "a.b", "Th.12", "7 (n/a)", "(DNA)", "no (DNA)"])
def test_other_dotted_texts_are_not_missing(text):
    assert not is_missing(text)


@pytest.mark.parametrize(
    ("header", "label", "unit"),
    [
        (
            "Ցեմենտ (մլ, ընդամենը)",
            "procedures.cement_type",
            "volume_ml",
        ),  # read as volume by its unit
        ("Цимент (мл) по нива", "procedures.cement_volume_ml", "volume_ml"),
        ("Хэмжээ (мл)", "procedures.cement_volume_ml", "volume_ml"),
        ("Cement PMMA (ml)", "procedures.cement_volume_ml", "volume_ml"),
        ("Cement PMMA", "procedures.cement_type", None),
    ],
)
def test_millilitres_in_any_script_and_the_cement_named_in_a_header(header, label, unit):
    found = match_header(header)
    assert found is not None and found.label == label
    assert header_unit(header) == unit


def test_a_total_word_in_brackets_and_numbers_with_a_word_for_years():
    assert parse_volume("10 ml (کل)") == 10.0
    assert parse_volume("7,5 ml общо") == 7.5
    assert parse_number("47 ዓመት") == 47.0
    assert parse_number("77 нас") == 77.0
    assert parse_number("۸۳") == 83.0  # Urdu digits
    assert parse_number("၆၅") == 65.0  # Myanmar digits
    assert parse_number("੭੨") == 72.0  # Gurmukhi digits


@pytest.mark.parametrize(
    ("column", "value", "canonical"),
    [
        ("sex", "ස්ත්‍රී", "female"),  # with its zero-width joiner
        ("sex", "эм", "female"),
        ("sex", "արական", "male"),
        ("sex", "ወንድ", "male"),
        ("etiology", "Ясны сийрэгжилт (остеопороз)", "osteoporotic"),
        ("etiology", "Хөхний хавдрын үсэрхийлэл", "pathologic"),
        ("etiology", "RTA", "traumatic"),
        ("etiology", "Secondary deposit", "pathologic"),
        ("etiology", "OSTEOPOROSIS CON FRACTURA PATOLÓGICA", "osteoporotic"),
    ],
)
def test_patient_words_of_the_fifth_batch(column, value, canonical):
    assert parse_cell(value, load_spec().column("patients", column)) == canonical


@pytest.mark.parametrize(
    ("column", "value", "canonical"),
    [
        ("technique", "ԿՊ", "kyphoplasty"),
        ("technique", "ВП", "vertebroplasty"),
        ("cement_type", "ПММА", "PMMA"),
        ("cement_type", "FOSFATO CÁLCICO", "calcium phosphate"),
        ("leakage", "Тийм - венийн судсанд", "venous"),
        ("leakage", "ہاں - وینس + paravertebral", "venous;paravertebral"),
        ("leakage", "այո, միջողնային սկավառակ", "disc"),
        ("leakage", "የለም", "none"),
    ],
)
def test_procedure_words_of_the_fifth_batch(column, value, canonical):
    assert parse_cell(value, load_spec().column("procedures", column)) == canonical


def test_s_and_n_are_yes_and_no_only_beside_each_other():
    conventions = load_spec().vocabulary.value_conventions["patients.died"]
    assert (frozenset({"s", "n"}), {"s": "yes", "n": "no"}) in conventions
    with pytest.raises(ValueError, match="not a yes/no value"):
        parse_cell("S", load_spec().column("patients", "died"))


@pytest.mark.parametrize(
    ("header", "label"),
    [
        ("編號 Study No.", "patients.patient_id"),  # a header row over its English twin
        ("性別 Sex", "patients.sex"),
        ("覆診日期 Date", "date:visit_date"),  # the English 'Date' names any date
        ("Sex 性別", "patients.sex"),
    ],
)
def test_a_header_beside_its_translation_in_another_script(header, label):
    found = match_header(header)
    assert found is not None and found.label == label


@pytest.mark.parametrize(
    ("header", "label"),
    [
        ("Zorblat vuk (Study No.)", "patients.patient_id"),  # unrecognised, English in brackets
        ("Αριθμός μελέτης (Study No.)", "patients.patient_id"),
        ("बिरामीको नाम (Name)", "identifier:name"),
    ],
)
def test_an_unknown_header_followed_by_its_english_in_brackets(header, label):
    found = match_header(header)
    assert found is not None and found.label == label


@pytest.mark.parametrize(
    "header",
    [
        "क्र.सं. (S.N.)",
        "Zorblat vuk Study No.",
        "Study नं. (No.)",
        "भर्ना मिति (Date)",  # an admission date: "(Date)" alone does not say which
    ],
)
def test_only_a_bracketed_english_half_translates_an_unknown_header(header):
    assert match_header(header) is None


def test_study_numbers_come_from_the_bracketed_study_no_column(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["क्र.सं. (S.N.)", "अध्ययन नं. (Study No.)", "उमेर/लिङ्ग (Age/Sex)", "Level"])
    for n in range(1, 17):
        serial = str(n) if n % 2 else "०१२३४५६७८९"[n % 10]  # a serial number, digits mixed
        sheet.append([serial, f"NP-{n:02d}", f"{60 + n}/{'F' if n % 2 else 'M'}", "L1"])
    book.save(tmp_path / "register.xlsx")
    patients = load_cohort(tmp_path / "register.xlsx").cohort.patients
    assert sorted(patients["patient_id"]) == [f"NP-{n:02d}" for n in range(1, 17)]
    assert dict(zip(patients["patient_id"], patients["age_years"], strict=True)) == {
        f"NP-{n:02d}": 60 + n for n in range(1, 17)
    }
    assert dict(zip(patients["patient_id"], patients["sex"], strict=True))["NP-02"] == "male"


@pytest.mark.parametrize("header", ["性別 Age", "Sex 年齡 Age", "手術 Op"])
def test_halves_in_two_scripts_naming_different_fields_name_none(header):
    assert match_header(header) is None


@pytest.mark.parametrize(
    ("header", "label"),
    [
        ("New fracture? (ඔව්/නැත)", "ignore:yes/no flag"),  # a flag beside the level column
        ("New fracture (Y/N)", "ignore:yes/no flag"),
        ("New fracture (是/否)", "ignore:yes/no flag"),
        ("New fracture (level)", "fractures.level"),
        ("Died (Y/N)", "patients.died"),  # a yes/no field keeps its legend
        ("Sexe (H/F)", "patients.sex"),
    ],
)
def test_a_yes_no_legend_makes_a_level_header_a_flag(header, label):
    found = match_header(header)
    assert found is not None and found.label == label


@pytest.mark.parametrize(
    ("text", "point"),
    [
        ("2-р эмчилгээний өмнө", "pre"),  # before the second treatment
        ("2-р эмчилгээнээс хойш 1 сар", "1m"),  # one month after the second treatment
        ("second 3 months", "3m"),
    ],
)
def test_a_visit_named_after_its_session_has_the_time_point(text, point):
    assert timepoint_of(text) == point


@pytest.mark.parametrize("header", ["VAS redo pre", "VAS second 3 months"])
def test_a_measure_over_a_second_session_time_point_is_not_the_first_sessions(header):
    assert match_header(header) is None  # read with its session (header_sessions)


@pytest.mark.parametrize(
    ("column", "value", "canonical"),
    [
        ("technique", "Kypho (KP)", "kyphoplasty"),  # the abbreviation in brackets names it
        ("technique", "Vertebro [VP]", "vertebroplasty"),
        ("cement_type", "Fosfat càlcic (Cerament)", "calcium phosphate"),  # words outside first
        ("leakage", "нема", "none"),
        ("leakage", "диск", "disc"),
    ],
)
def test_a_value_named_inside_its_brackets(column, value, canonical):
    assert parse_cell(value, load_spec().column("procedures", column)) == canonical


def test_brackets_naming_two_values_name_none():
    with pytest.raises(ValueError, match="not a recognised technique"):
        parse_cell("Xaqo (VP) (KP)", load_spec().column("procedures", "technique"))


@pytest.mark.parametrize("text", ["NV", "nv", "non vu", "not seen"])
def test_not_seen_is_missing(text):
    assert is_missing(text)


def test_a_leakage_header_in_one_word():
    target = match_header("Истекување", {})
    assert target is not None and target.label == "procedures.leakage"


@pytest.mark.parametrize(("value", "sex"), [("kuña", "female"), ("kuimba'e", "male"), ("Kuimba'e", "male")])  # fmt: skip
def test_guarani_sex_words(value, sex):
    assert parse_cell(value, load_spec().column("patients", "sex")) == sex


@pytest.mark.parametrize(
    ("text", "point"),
    [
        ("J+1", "24h"),
        ("M+3", "3m"),
        ("M + 12", "12m"),
        ("D+30", "1m"),
        ("S+6", "6w"),
        ("s + 6", "6w"),
        ("S6", None),
        ("S 1", None),
        ("T+2", None),
        ("L1+2", None),
    ],
)
def test_a_unit_plus_its_number_names_the_time_after_the_procedure(text, point):
    """Hospital systems write "J+1" (day one) and "M+3" (month three): the plus joins a
    unit to its number; a level or a sum is no time point."""
    assert timepoint_of(text) == point
