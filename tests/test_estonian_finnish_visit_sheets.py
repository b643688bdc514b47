"""Registers kept in Estonia with Russian beside Estonian, and in Finland in Finnish and
Swedish side by side: a visit sheet named ``Kontroll 1 näd``; a visit file named in both
languages joined by underscores (``kontrolli_1vk_kontroll_1v``, the Swedish ``1v`` an
abbreviation the vocabulary does not read); sex codes M and N beside the Russian ж and м,
or written in both languages apart by a slash (``N/K``: nainen, kvinna) under a header in
two languages; ``Kuollut / Död`` over ``ei/nej`` or the date of death; leaks into a vein
(``veen``) and a leakage not recorded (``ei kirjattu / ej antecknat``)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping
from analysis.load.roles import sheet_timepoint
from analysis.normalize import parse_cell
from analysis.normalize.cells import CellError, is_missing, is_no, parse_boolean
from analysis.normalize.headers import match_header
from analysis.normalize.timepoints import timepoint_of
from analysis.spec import load_spec


def test_nad_is_the_estonian_week_abbreviation() -> None:
    assert timepoint_of("Kontroll 1 näd") == "1w"
    assert timepoint_of("6 näd.") == "6w"


@pytest.mark.parametrize(
    ("name", "want"),
    [
        ("kontrolli_1vk_kontroll_1v", "1w"),  # Finnish 1 vk, Swedish 1 v (not read)
        ("kontrolli_6vk_kontroll_6v", "6w"),
        ("kontroll_3_month_v2", None),  # "month" alone beside a bare number names nothing
        ("followup_6w_12m", None),  # two visits: none
        ("data_2021", None),
    ],
)
def test_a_file_name_in_two_languages_joined_by_underscores(name: str, want: str | None) -> None:
    assert sheet_timepoint(name) == want


def test_veen_is_a_venous_leak() -> None:
    leakage = load_spec().column("procedures", "leakage")
    assert parse_cell("veen", leakage) == "venous"


def test_not_recorded_in_finnish_and_swedish_is_missing() -> None:
    assert is_missing("ei kirjattu / ej antecknat")
    assert is_missing("peruttu / inställt")
    assert is_missing("ei tullut / kom inte")


@pytest.mark.parametrize(
    ("cell", "want"), [("ei/nej", False), ("Nej/Ei", False), ("ja/kyllä", True)]
)
def test_one_answer_in_two_languages_apart_by_a_bare_slash(cell: str, want: bool) -> None:
    assert parse_boolean(cell) is want
    assert is_no(cell) is (not want)


def test_a_yes_and_a_no_apart_by_a_slash_are_no_answer() -> None:
    with pytest.raises(CellError, match="not a yes/no value"):
        parse_boolean("y/n")
    assert not is_no("ja/nej")


def test_a_died_header_in_two_languages_naming_the_death_in_one() -> None:
    # Finnish "kuollut" (died) and Swedish "död" (death, the date's word): one column
    assert match_header("Kuollut / Död").label == "patients.died"


def _register(path: Path, sex_header: str, sexes: list[str], died_header: str = "Died") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Potilaat"
    ws.append(["Study ID", sex_header, "Age", "Date", "Level", "Cement (ml)", died_header])
    for i, sex in enumerate(sexes):
        died = "12.3.2022" if i == 1 else "ei/nej"
        ws.append([f"P{i + 1}", sex, 60 + i, f"1{i + 3}.02.2021", "L1", 3, died])
    wb.save(path)
    return path


def _column(result, name: str) -> dict[str, object]:
    patients = result.cohort.patients
    return {
        p: (None if v != v else v)
        for p, v in zip(patients["patient_id"], patients[name], strict=True)
    }


def _round_trip(path: Path, tmp_path: Path) -> None:
    written = tmp_path / "mapping.yaml"
    written.write_text(inspect_input(path).mapping_yaml(), "utf-8")
    again = load_cohort(path, options_from_mapping(read_mapping(written)))
    assert _column(again, "sex") == _column(load_cohort(path), "sex")
    assert _column(again, "died") == _column(load_cohort(path), "died")


def test_estonian_m_and_n_beside_russian_codes(tmp_path: Path) -> None:
    path = _register(tmp_path / "r.xlsx", "Sugu", ["M", "N", "ж", "м", "N"])
    result = load_cohort(path)
    assert _column(result, "sex") == {
        "P1": "male", "P2": "female", "P3": "female", "P4": "male", "P5": "female"
    }  # fmt: skip
    assert not [p for p in result.problems if p.column == "Sugu"]
    reading = next(c for c in inspect_input(path).columns if c.header == "Sugu")
    assert (
        "codes read by the vocabulary's conventions for them (M male, N female)" in reading.reason
    )
    assert "codes of another script read as written (ж, м)" in reading.reason
    _round_trip(path, tmp_path)


def test_m_and_n_beside_a_latin_code_are_not_guessed(tmp_path: Path) -> None:
    # beside F, an N may be "not known": the convention for M and N is not used
    path = _register(tmp_path / "r.xlsx", "Sex", ["M", "N", "F", "M"])
    result = load_cohort(path)
    assert _column(result, "sex")["P2"] is None
    assert [p for p in result.problems if p.column == "Sex" and p.row == 3]


def test_a_code_in_both_languages_apart_by_a_slash(tmp_path: Path) -> None:
    path = _register(tmp_path / "r.xlsx", "Sukupuoli / Kön", ["N/K", "M", "N/K", "M"], "Kuollut / Död")  # fmt: skip
    result = load_cohort(path)
    assert _column(result, "sex") == {"P1": "female", "P2": "male", "P3": "female", "P4": "male"}
    assert _column(result, "died") == {"P1": False, "P2": True, "P3": False, "P4": False}
    assert not [p for p in result.problems if p.severity == "error"]
    reading = next(c for c in inspect_input(path).columns if c.header == "Sukupuoli / Kön")
    assert "read as both halves read (N/K female)" in reading.reason
    _round_trip(path, tmp_path)


def test_n_slash_k_under_a_header_of_one_language_is_not_known(tmp_path: Path) -> None:
    path = _register(tmp_path / "r.xlsx", "Sex", ["N/K", "M", "N/K", "M"])
    assert _column(load_cohort(path), "sex") == {"P1": None, "P2": "male", "P3": None, "P4": "male"}
