"""The multilingual vocabulary of data_schema/cohort.yaml: each spelling means one thing."""

from __future__ import annotations

from collections import defaultdict

import pytest

from analysis.normalize import match_header, parse_cell
from analysis.normalize.cells import is_missing, parse_boolean
from analysis.spec import load_spec, normalize_text


def test_no_spelling_means_two_values_of_one_column():
    spec = load_spec()
    for table in spec.tables.values():
        for col in table.columns.values():
            seen: dict[str, str] = {}
            for canonical, spellings in col.values.items():
                for s in (canonical, *spellings):
                    key = normalize_text(s)
                    assert seen.setdefault(key, canonical) == canonical, (col.name, s)


def test_no_header_spelling_names_two_fields():
    spec = load_spec()
    owners: dict[str, set[str]] = defaultdict(set)
    for tname in ("patients", "procedures", "fractures"):
        for cname, col in spec.tables[tname].columns.items():
            for s in col.synonyms:
                owners[normalize_text(s)].add(f"{tname}.{cname}")
    for kind, names in {**spec.date_columns, **spec.identifiers}.items():
        for s in names:
            owners[normalize_text(s)].add(kind)
    for m in spec.measures.values():
        for s in m.synonyms:
            owners[normalize_text(s)].add(m.name)
    clashes = {k: v for k, v in owners.items() if len(v) > 1}
    assert clashes == {}


def test_no_token_is_both_missing_and_yes_or_no():
    spec = load_spec()
    assert not (spec.missing_tokens & (spec.true_tokens | spec.false_tokens))
    assert not (spec.true_tokens & spec.false_tokens)


@pytest.mark.parametrize(
    ("header", "label"),
    [
        ("Geschlecht", "patients.sex"),
        ("Alter", "patients.age_years"),
        ("Höhe", "procedures.level"),
        ("Zementvolumen", "procedures.cement_volume_ml"),
        ("Leckage", "procedures.leakage"),
        ("OP-Datum", "date:procedure_date"),
        ("Geburtsdatum", "identifier:birth_date"),
        ("Sexe", "patients.sex"),
        ("Âge", "patients.age_years"),
        ("Niveau", "procedures.level"),
        ("Fuite de ciment", "procedures.leakage"),
        ("Date de naissance", "identifier:birth_date"),
        ("Leeftijd", "patients.age_years"),
        ("Geslacht", "patients.sex"),
        ("Età", "patients.age_years"),
        ("Sesso", "patients.sex"),
        ("Edad", "patients.age_years"),
        ("Nivel", "procedures.level"),
        ("性别", "patients.sex"),
        ("VAS prä-OP", "pain_vas@pre"),
        ("EVA 3 mois", "pain_vas@3m"),
        ("Schmerz 1 Jahr", "pain_vas@12m"),
        ("Dolore 6 mesi", "pain_vas@6m"),
    ],
)
def test_headers_in_other_languages(header, label):
    target = match_header(header)
    assert target is not None and target.label == label


@pytest.mark.parametrize(
    ("column", "value", "canonical"),
    [
        ("sex", "weiblich", "female"),
        ("sex", "Homme", "male"),
        ("sex", "vrouw", "female"),
        ("sex", "maschio", "male"),
        ("sex", "Mujer", "female"),
        ("etiology", "Osteoporose", "osteoporotic"),
        ("etiology", "OVCF", "osteoporotic"),
        ("etiology", "mets", "pathologic"),
        ("etiology", "Plasmozytom", "pathologic"),
        ("etiology", "métastase", "pathologic"),
        ("etiology", "mieloma", "pathologic"),
    ],
)
def test_patient_codes_in_other_languages(column, value, canonical):
    assert parse_cell(value, load_spec().column("patients", column)) == canonical


@pytest.mark.parametrize(
    ("column", "value", "canonical"),
    [
        ("technique", "Kyphoplastie", "kyphoplasty"),
        ("technique", "BKP", "kyphoplasty"),
        ("technique", "PVP", "vertebroplasty"),
        ("technique", "vertébroplastie", "vertebroplasty"),
        ("technique", "cifoplastica", "kyphoplasty"),
        ("leakage", "Bandscheibe", "disc"),
        ("leakage", "keine", "none"),
        ("leakage", "veineuse; discale", "disc;venous"),
        ("approach", "beidseitig", "bipedicular"),
    ],
)
def test_procedure_codes_in_other_languages(column, value, canonical):
    assert parse_cell(value, load_spec().column("procedures", column)) == canonical


@pytest.mark.parametrize(
    ("value", "truth"),
    [
        ("ja", True),
        ("Nein", False),
        ("oui", True),
        ("non", False),
        ("nee", False),
        ("sì", True),
        ("sí", True),
    ],
)
def test_yes_no_in_other_languages(value, truth):
    assert parse_boolean(value) is truth


@pytest.mark.parametrize(
    "value",
    [
        "k.A.",
        "keine Angabe",
        "unbekannt",
        "inconnu",
        "onbekend",
        "sconosciuto",
        "desconocido",
        "n.d.",
        "不详",
    ],
)
def test_missing_markers_in_other_languages(value):
    assert is_missing(value)
