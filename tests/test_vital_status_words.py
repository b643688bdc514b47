"""A column of each patient's vital status under a header naming no field (``অবস্থা
Status``): its words for alive and dead read as whether the patient died."""

from __future__ import annotations

import pytest

from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping
from tests.test_any_workbook import _workbook


def _register(status: list[object]) -> list[list[object]]:
    rows: list[list[object]] = [["Study ID", "Age", "Date", "Level", "Status"]]
    rows += [[f"P{i + 1}", 70 + i, f"1{i + 3}/02/2021", "L1", s] for i, s in enumerate(status)]
    return rows


@pytest.mark.parametrize(
    ("alive", "dead"), [("জীবিত", "মৃত (expired)"), ("Alive", "Expired 07/21/2023")]
)
def test_words_for_alive_and_dead_under_a_bare_status_header(tmp_path, alive, dead):
    path = _workbook(tmp_path / "r.xlsx", {"Register": _register([alive, dead, alive, None])})
    loaded = load_cohort(path)
    died = loaded.cohort.patients.set_index("patient_id")["died"]
    assert died.to_dict() == {"P1": False, "P2": True, "P3": False, "P4": None}
    read = {c.header: (c.label, c.reason) for c in inspect_input(path).columns}
    assert read["Status"] == ("patients.died", "cell contents: alive or dead")
    written = tmp_path / "mapping.yaml"
    written.write_text(inspect_input(path).mapping_yaml(), "utf-8")
    mapped = load_cohort(path, options_from_mapping(read_mapping(written))).cohort
    assert mapped.patients.equals(loaded.cohort.patients)


def test_a_status_column_naming_only_deaths_is_not_read_as_vital_status(tmp_path):
    """Without a word for alive beside them, deaths alone under a bare header could be
    remarks: not read as the vital status of every patient."""
    path = _workbook(tmp_path / "r.xlsx", {"Register": _register(["completed", "died", "completed"])})  # fmt: skip
    read = {c.header: c.label for c in inspect_input(path).columns}
    assert read["Status"] != "patients.died"
