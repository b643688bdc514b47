"""Round trips in other languages: the generator's wide registry written with its headers
and cell words in Armenian, Mongolian, Croatian, Latvian, Urdu and Bulgarian
(data_schema/synth-languages.yaml), loaded back without a mapping, equals the truth as the
English workbook does."""

from __future__ import annotations

import openpyxl
import pytest

from analysis.load import load_cohort
from analysis.synth import Messiness, languages, synthesize, write_wide_workbook
from tests.test_roundtrip import (
    N_PATIENTS,
    PARAMS,
    _expected,
    assert_same_headline,
    assert_same_tables,
)

SEED = 20261205


@pytest.mark.parametrize("language", ["hy", "mn", "hr", "lv", "ur", "bg"])
def test_a_registry_kept_in_another_language_loads_back_to_the_truth(tmp_path, language):
    truth = synthesize(N_PATIENTS, seed=SEED, params=PARAMS)
    path = write_wide_workbook(
        truth, tmp_path / "registry.xlsx", seed=SEED, inject_errors=False, messiness=Messiness(),
        language=language,
    )  # fmt: skip
    result = load_cohort(path)
    assert result.errors == []
    assert result.rows_reported == 0
    expected = _expected(truth, result.cohort, "wide_workbook")
    assert_same_tables(result.cohort, expected, "wide_workbook")
    assert_same_headline(result.cohort, expected, "wide_workbook")


def test_the_workbook_is_written_in_the_language_asked(tmp_path):
    """The headers and words really are the language's: the round trip above would pass
    on an English workbook too."""
    truth = synthesize(12, seed=SEED, params=PARAMS)
    words = languages()["hy"]["values"]
    path = write_wide_workbook(truth, tmp_path / "r.xlsx", seed=SEED, language="hy")
    sheet = openpyxl.load_workbook(path).worksheets[0]
    cells = {c.value for row in sheet.iter_rows() for c in row}
    assert {
        "Կոդ",
        "Սեռ",
        "Ցեմենտի արտահոսք",
        "1 ամիս հետո",
        words["female"],
        words["male"],
    } <= cells
    assert not {"Study ID", "Sex", "Leakage", "F", "female", "M", "male"} & cells


def test_a_language_the_generator_does_not_write_is_named(tmp_path):
    truth = synthesize(5, seed=SEED, params=PARAMS)
    with pytest.raises(ValueError, match="language 'xx' is not one the generator writes"):
        write_wide_workbook(truth, tmp_path / "unused.xlsx", language="xx")
    assert not (tmp_path / "unused.xlsx").exists()


def test_synth_cli_writes_a_language_and_refuses_one_it_does_not_write(tmp_path, capsys):
    from analysis.cli import main

    out = tmp_path / "mn.xlsx"
    assert main(["synth", "--patients", "8", "--format", "wide-xlsx", "--language", "mn", "--out", str(out)]) == 0  # fmt: skip
    sheet = openpyxl.load_workbook(out).worksheets[0]
    assert "Судалгааны дугаар" in {c.value for row in sheet.iter_rows(max_row=6) for c in row}
    assert main(["synth", "--patients", "8", "--format", "wide-xlsx", "--language", "xx", "--out", str(tmp_path / "x.xlsx")]) == 2  # fmt: skip
    assert "--language xx: the generator writes bg, hr, hy, lv, mn, ur" in capsys.readouterr().err
    assert (
        main(["synth", "--patients", "8", "--language", "mn", "--out", str(tmp_path / "tidy")]) == 2
    )
    assert "--language applies to --format wide-xlsx, not tidy" in capsys.readouterr().err
