"""A patient card's form ending in its key, one line a cell under the tables (``* Marche :
0 = alité(e) ; 1 = fauteuil …``, ``Niveaux : D = vertèbre dorsale (D12 = T12), L =
lombaire …``): the key is no title and no note about the patient, so the vertebra it names
(``D12 = T12``) is never read as a treated level. The French form's words: ``Pas de fuite``
(no leak) and ``Marche`` (walking: the mobility score)."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping
from analysis.load.legend import is_key_line
from analysis.normalize import parse_cell
from analysis.spec import load_spec
from tests.test_sheet_shapes import _cohort, write_cards

_KEY = [
    "* Marche : 0 = alité(e) ; 1 = fauteuil ; 2 = marche avec aide ; 3 = marche seul(e).",
    "Niveaux : D = vertèbre dorsale (D12 = T12), L = lombaire. VP = vertébroplastie, "
    "CP = cyphoplastie.",
]


def _with_key(path: Path) -> Path:
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets[1:-1]:
        r = ws.max_row + 2
        for i, line in enumerate(_KEY):
            ws.cell(r + i, 1, line)
    wb.save(path)
    return path


def test_a_cards_key_lines_are_no_notes(tmp_path: Path) -> None:
    plain = load_cohort(write_cards(_cohort(4), tmp_path / "plain.xlsx"))
    path = _with_key(write_cards(_cohort(4), tmp_path / "keyed.xlsx"))
    result = load_cohort(path)
    assert not result.errors
    assert result.cohort.procedures.equals(plain.cohort.procedures)
    assert not any(c.header in _KEY for c in inspect_input(path).columns)
    written = tmp_path / "mapping.yaml"
    written.write_text(inspect_input(path).mapping_yaml(), "utf-8")
    mapped = load_cohort(path, options_from_mapping(read_mapping(written))).cohort
    for table in ("patients", "procedures", "assessments", "fractures"):
        assert getattr(mapped, table).equals(getattr(result.cohort, table)), table


def test_a_key_line_gives_two_codes_or_more() -> None:
    assert all(is_key_line(line) for line in _KEY)
    assert not is_key_line("Status: died on 20/08/2021 (pneumonia).")
    assert not is_key_line("04/11/2021: New fracture T9 (MRI STIR).")
    assert not is_key_line("Ciment = PMMA")


def test_pas_de_fuite_is_no_leak() -> None:
    leakage = load_spec().column("procedures", "leakage")
    assert parse_cell("Pas de fuite", leakage) == "none"
    assert parse_cell("Sans fuite", leakage) == "none"


def test_marche_is_the_mobility_score(tmp_path: Path) -> None:
    path = write_cards(_cohort(3), tmp_path / "cards.xlsx")
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets[1:-1]:
        header = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Visit")
        ws.cell(header, 3, "Marche *")
        for r in range(header + 1, ws.max_row + 1):
            if ws.cell(r, 2).value is not None:
                ws.cell(r, 3, 2)
    wb.save(path)
    result = load_cohort(path)
    assert not result.errors
    mobility = result.cohort.assessments.query("measure == 'mobility'")
    assert len(mobility) > 0 and set(mobility["value"]) == {2}
