"""A year of birth instead of an age: the age at each procedure is the procedure's year
minus the year of birth, said in ``inspect``; the year itself reaches no output."""

from __future__ import annotations

from datetime import datetime

from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping
from tests.test_any_workbook import _workbook

BORN = {1: 1933, 2: 1970, 3: 1958, 4: 1948, 5: 1971}


def _rows(born: dict[int, int | str]) -> list[list[object]]:
    head = ["Study No.", "Sex", "Year of birth", "Date of procedure", "Level", "Pre-op NRS"]
    rows = [head] + [[f"YB-{k}", "F", born[k], datetime(2022, 11, k), "L1", 7] for k in born]
    rows.append(["YB-5", "F", born[5], datetime(2023, 2, 3), "L2", 6])  # a second session
    return rows


def test_the_age_at_the_first_procedure(tmp_path):
    path = _workbook(tmp_path / "b.xlsx", {"VP log": _rows(BORN)})
    loaded = load_cohort(path)
    assert loaded.errors == []
    ages = loaded.cohort.patients.set_index("patient_id")["age_years"].to_dict()
    assert ages == {f"YB-{k}": 2022 - year for k, year in BORN.items()}
    inspection = inspect_input(path)
    read = {c.letter: c for c in inspection.columns}
    assert read["C"].label == "birth_year:age_years" and read["C"].examples == ()
    assert "the age at each procedure is derived from it" in read["C"].reason
    written = tmp_path / "mapping.yaml"
    written.write_text(inspection.mapping_yaml(), "utf-8")
    shown = written.read_text("utf-8") + inspection.to_frame().to_csv()
    assert not any(str(year) in shown for year in BORN.values())
    mapped = load_cohort(path, options_from_mapping(read_mapping(written))).cohort
    assert mapped.patients.equals(loaded.cohort.patients)
    assert not any(c.startswith("_birth") for c in loaded.cohort.patients.columns)


def test_an_impossible_year_of_birth_is_named_without_its_value(tmp_path):
    loaded = load_cohort(_workbook(tmp_path / "b.xlsx", {"VP log": _rows({**BORN, 3: 1823, 4: "abcd"})}))  # fmt: skip
    wrong = sorted((p.cell, p.value) for p in loaded.errors)
    assert wrong == [("C4", None), ("C5", None)]
    messages = " ".join(p.message for p in loaded.problems)
    assert "age_years must lie within 1-120" in messages and "1823" not in messages
