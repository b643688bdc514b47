"""A registry's export of one row per visit (the pre-procedure visit, the procedure, the
follow-up visits), the patient's cells repeated on each row and the age the system
computed on each visit's date: a patient whose birthday falls between two visits shows
two ages, which agree with the visit dates and are no conflict; the age kept is the one on
the procedure's own row (not the pre-procedure visit's, a day earlier)."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

from analysis.load import load_cohort
from analysis.problems import ERROR
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

HEADER = ["Study ID", "Sex", "Age", "Visit date", "Visit", "Technique", "Level", "Cement (ml)", "VAS"]  # fmt: skip
VISITS = [(-1, "pre-op"), (0, "procedure"), (30, "1 month"), (91, "3 months"), (365, "12 months")]
# patient: (procedure date, age on the procedure's day, days from it to the next birthday)
PATIENTS = {
    "RG-01": (date(2022, 3, 10), 71, 20),  # a birthday before the one-month visit
    "RG-02": (date(2022, 5, 2), 80, 0),  # the birthday on the procedure's day itself
    "RG-03": (date(2022, 6, 14), 66, 200),  # a birthday before the twelve-month visit
    "RG-04": (date(2022, 9, 1), 74, 380),  # no birthday in the year of follow-up
}


def _age(on_day: int, age: int, to_birthday: int) -> int:
    """The age on the visit ``on_day`` days after the procedure."""
    return age + (on_day >= to_birthday) - (to_birthday <= 0)


def _write(path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        for pid, (when, age, to_birthday) in PATIENTS.items():
            for day, visit in VISITS:
                treated = (
                    ["kyphoplasty", "L1", "4.5", ""] if day == 0 else ["", "", "", 7 - day // 60]
                )
                on = (when + timedelta(days=day)).isoformat()
                w.writerow([pid, "F", _age(day, age, to_birthday), on, visit, *treated])
    return path


def test_ages_on_visit_dates_are_no_conflict_and_the_procedure_rows_age_is_kept(tmp_path: Path) -> None:  # fmt: skip
    path = _write(tmp_path / "visits.csv")
    # the fixture holds two ages for three of the patients
    ages = {pid: {_age(d, a, b) for d, _ in VISITS} for pid, (_, a, b) in PATIENTS.items()}
    assert sum(len(a) == 2 for a in ages.values()) == 3
    result = load_cohort(path)
    errors = [p for p in result.problems if p.severity == ERROR]
    assert errors == []
    got = dict(zip(result.cohort.patients["patient_id"], result.cohort.patients["age_years"], strict=True))  # fmt: skip
    assert got == {pid: age for pid, (_, age, _) in PATIENTS.items()}
    _reproduced_by_its_mapping(path, tmp_path)


def test_an_age_out_of_step_with_the_visit_dates_is_still_named(tmp_path: Path) -> None:
    path = _write(tmp_path / "visits.csv")
    lines = path.read_text(encoding="utf-8").splitlines()
    # RG-03's three-month visit typed ten years older: no birthday explains it
    row = next(i for i, line in enumerate(lines) if line.startswith("RG-03") and "3 months" in line)
    lines[row] = lines[row].replace(",66,", ",76,")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = load_cohort(path)
    named = [p for p in result.problems if p.severity == ERROR and p.row == row + 1]
    assert named, "the age typed ten years older is not named"
