"""``Dob``: the age in Croatian, Serbian and Slovene, the date of birth in English. A column
so named over whole numbers of years is read as the age (a mistyped age in it reported, not
a reason to drop the column); over dates it stays a birth date, an identifier never read
into the cohort (only the age at the first procedure is derived from it). Inspect says
which, and the mapping it writes loads the same cohort."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl

from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping

HEADER = ["Šifra", "Spol", "Dob", "Datum zahvata", "Kralježak", "VAS prije"]


def _register(path: Path, dob: list[object]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Register"
    for j, h in enumerate(HEADER, 1):
        ws.cell(1, j, h)
    for i, d in enumerate(dob):
        row = [f"ZG-{i + 1:02d}", "Ž" if i % 2 else "M", d, date(2022, 3, 1 + i), "L1", 7]
        for j, v in enumerate(row, 1):
            ws.cell(2 + i, j, v)
    wb.save(path)
    return path


def _reason(path: Path) -> str:
    return next(c.reason for c in inspect_input(path).columns if c.header == "Dob")


def test_dob_over_whole_years_is_the_age(tmp_path: Path) -> None:
    ages = [67, 84, 74, 66, 87, 85, 72, 74, 61, 51, 208]  # the last one mistyped
    path = _register(tmp_path / "register.xlsx", ages)
    result = load_cohort(path)
    got = dict(zip(result.cohort.patients["patient_id"], result.cohort.patients["age_years"], strict=True))  # fmt: skip
    assert [got[f"ZG-{i:02d}"] for i in range(1, 11)] == ages[:-1]
    assert [(p.column, p.message) for p in result.errors] == [
        ("Dob", "age_years must lie within 1-120")
    ]
    assert "the cells hold ages, not birth dates" in _reason(path)
    written = tmp_path / "mapping.yaml"
    written.write_text(inspect_input(path).mapping_yaml(), "utf-8")
    assert "patients.age_years" in written.read_text("utf-8")
    mapped = load_cohort(path, options_from_mapping(read_mapping(written))).cohort
    assert mapped.patients.equals(result.cohort.patients)


def test_dob_over_dates_stays_a_birth_date(tmp_path: Path) -> None:
    path = _register(tmp_path / "register.xlsx", [date(1950 + i, 5, 17) for i in range(6)])
    result = load_cohort(path)
    ages = result.cohort.patients.set_index("patient_id")["age_years"].to_dict()
    assert ages == {f"ZG-{i + 1:02d}": 71 - i for i in range(6)}  # born in May, treated in March
    assert "ages, not birth dates" not in _reason(path)
    assert "identifier:birth_date" in inspect_input(path).mapping_yaml()
