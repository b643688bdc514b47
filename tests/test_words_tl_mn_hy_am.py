"""Headers and answers of Filipino web forms, Mongolian, Armenian and Amharic registers:
each read as the field or value it names (vocabulary in ``data_schema/``)."""

from __future__ import annotations

import pytest

from analysis.normalize import match_header, parse_cell
from analysis.normalize.timepoints import timepoint_of
from analysis.spec import load_spec


@pytest.mark.parametrize(
    ("header", "label"),
    [
        ("Petsa ng procedure", "date:procedure_date"),
        ("Ika-ilang procedure?", "procedures.procedure_id"),
        ("Mga level na ginawa (i-check lahat)", "procedures.level"),
        ("Kabuuang dami ng cement (mL)", "procedures.session_cement_volume_ml"),
        ("Pain score BAGO ang procedure (0-10)", "pain_vas@pre"),
        ("Petsa ng follow-up", "date:visit_date"),
        ("Level ng bagong fracture", "fractures.level"),
        ("Petsa ng bagong fracture", "date:fracture_date"),
        ("Petsa ng pagpanaw", "date:death_date"),
        ("Diagnosis / sanhi ng fracture", "patients.etiology"),
        ("Pangalan ng pasyente", "identifier:name"),
        ("Судалгааны код", "patients.patient_id"),
        ("Цемент алдалт", "procedures.leakage"),
        ("Мэс заслын өмнө VAS", "pain_vas@pre"),
        ("Ող(եր)", "procedures.level"),
        ("Status / ሁኔታ", "patients.died"),
    ],
)
def test_a_header_names_its_field(header: str, label: str) -> None:
    target = match_header(header)
    assert target is not None and target.label == label


def test_a_score_now_is_read_at_the_rows_visit() -> None:
    target = match_header("Pain score ngayon (0-10)")
    assert target is not None and target.measure == "pain_vas" and target.timepoint is None
    assert timepoint_of("Pain score ngayon") is None


@pytest.mark.parametrize(
    ("table", "column", "cell", "value"),
    [
        ("patients", "sex", "իգ.", "female"),
        ("patients", "sex", "ար.", "male"),
        ("patients", "sex", "ሴ", "female"),
        ("patients", "sex", "ወ", "male"),
        ("patients", "died", "በሕይወት (alive)", False),
        ("patients", "died", "ሞቷል (died)", True),
        ("patients", "etiology", "OP compression #", "osteoporotic"),
        ("patients", "etiology", "Trauma (aksidente, pagkahulog)", "traumatic"),
        ("procedures", "leakage", "Байхгүй", "none"),
        ("procedures", "leakage", "Венийн, Паравертебраль", "venous;paravertebral"),
    ],
)
def test_an_answer_reads_as_its_value(table: str, column: str, cell: str, value: object) -> None:
    assert parse_cell(cell, load_spec().column(table, column)) == value
