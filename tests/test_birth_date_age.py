"""A birth date and no age: the age at the first procedure, in completed years, is
derived from it, said in ``inspect`` and kept by the mapping it writes; the birth date
itself reaches no output."""

from __future__ import annotations

from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping
from tests.test_any_workbook import _workbook

HEAD = ["Study ID", "Date of birth", "Sex", "Procedure date", "Level", "VAS pre"]


def _rows(ages: list[int] | None = None) -> list[list[object]]:
    rows = [
        ["BD-1", "1951/06/13", "F", "2022/06/13", "T4", 9],  # the birthday itself: 71
        ["BD-2", "1939/06/15", "F", "2022/06/14", "T12", 8],  # a day short of 83: 82
        ["BD-3", "1942/08/14", "M", "2022/06/15", "L1", 7],
        ["BD-3", "1942/08/14", "M", "2023/09/01", "L2", 6],  # a second session: still 79
    ]
    if ages is not None:
        return [[*HEAD, "Age"]] + [[*r, a] for r, a in zip(rows, ages, strict=True)]
    return [HEAD, *rows]


def test_the_age_at_the_first_procedure_from_a_birth_date(tmp_path):
    path = _workbook(tmp_path / "b.xlsx", {"Cases": _rows()})
    loaded = load_cohort(path)
    assert loaded.errors == []
    ages = loaded.cohort.patients.set_index("patient_id")["age_years"].to_dict()
    assert ages == {"BD-1": 71, "BD-2": 82, "BD-3": 79}
    assert not any(c.startswith("_birth") for c in loaded.cohort.patients.columns)
    inspection = inspect_input(path)
    read = {c.letter: c for c in inspection.columns}
    assert read["B"].label == "identifier:birth_date" and read["B"].examples == ()
    assert "age at the first procedure is derived from it" in read["B"].reason
    written = tmp_path / "mapping.yaml"
    written.write_text(inspection.mapping_yaml(), "utf-8")
    shown = written.read_text("utf-8") + inspection.to_frame().to_csv()
    shown += " ".join(f"{p.message} {p.value}" for p in loaded.problems)
    assert "1951" not in shown and "1942" not in shown
    mapped = load_cohort(path, options_from_mapping(read_mapping(written))).cohort
    assert mapped.patients.equals(loaded.cohort.patients)


def test_a_typed_age_within_a_year_of_the_birth_date_wins(tmp_path):
    # 72 typed on the birthday's row (a year's slack), 81 at 82, 80 on the later session
    rows = _rows(ages=[72, 81, 79, 80])
    loaded = load_cohort(_workbook(tmp_path / "b.xlsx", {"Cases": rows}))
    assert loaded.errors == []
    ages = loaded.cohort.patients.set_index("patient_id")["age_years"].to_dict()
    assert ages == {"BD-1": 72, "BD-2": 81, "BD-3": 79}


def test_a_typed_age_the_birth_date_contradicts_is_an_error_on_the_age(tmp_path):
    rows = _rows(ages=[71, 58, 79, 80])  # 58 typed for a patient born in 1939
    loaded = load_cohort(_workbook(tmp_path / "b.xlsx", {"Cases": rows}))
    wrong = [(p.row, p.column, p.rule) for p in loaded.errors]
    assert wrong == [(3, "Age", "conflict")]
    message = loaded.errors[0].message
    assert "age 58 typed" in message and "gives 82 years" in message
    assert "1939" not in message and "06/15" not in message
    ages = loaded.cohort.patients.set_index("patient_id")["age_years"]
    assert ages.isna().tolist() == [False, True, False]  # the cell set to missing, as any bad cell


def test_an_impossible_birth_date_is_named_without_its_value(tmp_path):
    rows = _rows()
    rows[1][1] = "2023/06/13"  # after the procedure
    loaded = load_cohort(_workbook(tmp_path / "b.xlsx", {"Cases": rows}))
    wrong = [p for p in loaded.problems if p.rule == "range"]
    assert [(p.row, p.column) for p in wrong] == [(2, "Date of birth")]
    assert "age_years must lie within 1-120" in wrong[0].message
    assert "2023" not in wrong[0].message and wrong[0].value is None


def test_a_birth_date_with_a_two_digit_year_contradicts_no_typed_age(tmp_path):
    # "15.06.39" may be 1939, 2039 or a Minguo year: it cannot overrule the age typed
    rows = _rows(ages=[71, 82, 79, 80])
    for row, born in zip(rows[1:], ["13.06.51", "15.06.39", "14.08.42", "14.08.42"], strict=True):
        row[1] = born
    loaded = load_cohort(_workbook(tmp_path / "b.xlsx", {"Cases": rows}))
    assert loaded.errors == []
    assert loaded.cohort.patients["age_years"].tolist() == [71, 82, 79]


def test_a_year_alone_under_a_birth_date_header_is_a_year_of_birth(tmp_path):
    # 1939 as a number or text is no Excel serial of 1905: the age from the year, and a
    # typed age within a year of it stands without a conflict
    rows = _rows()
    rows[1][1], rows[2][1] = 1951, "1939"
    loaded = load_cohort(_workbook(tmp_path / "b.xlsx", {"Cases": rows}))
    assert loaded.errors == []
    ages = loaded.cohort.patients.set_index("patient_id")["age_years"].to_dict()
    assert ages == {"BD-1": 71, "BD-2": 83, "BD-3": 79}
    rows = _rows(ages=[71, 82, 79, 80])
    rows[2][1] = "1939"
    typed = load_cohort(_workbook(tmp_path / "t.xlsx", {"Cases": rows}))
    assert typed.errors == []
    assert typed.cohort.patients["age_years"].tolist() == [71, 82, 79]
