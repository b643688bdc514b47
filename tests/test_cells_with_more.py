"""Cells that say more than their column's field: a score with the scale it is out of
(``3/10``), a death's yes with its date (``oui (18/04/2022)``)."""

from __future__ import annotations

from datetime import datetime

import pytest

from analysis.load import load_cohort
from analysis.normalize.cells import CellError, parse_score
from analysis.problems import ERROR
from analysis.spec import load_spec
from tests.test_any_workbook import _workbook

HEAD = [
    "Code patient",
    "Sexe",
    "Âge",
    "Date intervention",
    "Niveau",
    "EVA pré-op",
    "EVA M1",
    "Décès",
]


@pytest.mark.parametrize(("cell", "score"), [("3/10", 3.0), ("7 / 10", 7.0), ("45/100", 4.5)])
def test_a_score_out_of_its_scale(cell, score):
    assert parse_score(cell, load_spec().measures["pain_vas"], None) == score


def test_a_score_above_the_scale_it_names_is_an_error():
    with pytest.raises(CellError, match="must lie within 0-10"):
        parse_score("12/10", load_spec().measures["pain_vas"], None)
    with pytest.raises(CellError, match="no declared 0-10 scale"):
        parse_score("3/10", load_spec().measures["odi"], None)


def _rows(death: str) -> list[list[object]]:
    return [
        HEAD,
        ["TN-01", "F", 82, "25/02/2022", "T10", "7/10", "3/10", death],
        ["TN-02", "H", 77, datetime(2022, 3, 6), "L1", 9, 4, "non"],
        ["TN-03", "F", 70, "14/03/2022", "L2", 6, "2/10", "non"],
    ]


def test_a_deaths_yes_with_its_date(tmp_path):
    loaded = load_cohort(_workbook(tmp_path / "d.xlsx", {"Registre": _rows("oui (10/07/2022)")}))
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    patients = loaded.cohort.patients.set_index("patient_id")
    assert bool(patients.loc["TN-01", "died"]) is True
    assert (
        patients.loc["TN-01", "death_day"] == (datetime(2022, 7, 10) - datetime(2022, 2, 25)).days
    )
    pain = loaded.cohort.assessments.set_index(["patient_id", "timepoint"])["value"]
    assert pain[("TN-01", "pre")] == 7.0 and pain[("TN-01", "1m")] == 3.0


def test_a_deaths_date_before_the_procedure_is_named_on_its_cell(tmp_path):
    loaded = load_cohort(_workbook(tmp_path / "d.xlsx", {"Registre": _rows("oui (10/01/2022)")}))
    wrong = [p for p in loaded.errors if p.rule == "sequence"]
    assert [(p.row, p.column) for p in wrong] == [(2, "Décès")]
    assert "death date 46 days before the first procedure" in wrong[0].message


def test_a_vital_status_under_another_fields_header(tmp_path):
    """``Outcome``: ``Alive`` / ``Died (Mar 2023)`` is each patient's vital status; the
    same header over procedure outcomes is left as it is."""
    head = ["Study No.", "Age", "Date of op", "Level", "Outcome"]
    status = {k: "Died (Mar 2023)" if k == 3 else "Alive" for k in range(1, 7)}
    rows = [head] + [[f"YG-{k:02d}", 70 + k, datetime(2022, 3, k + 1), "L1", status[k]] for k in status]  # fmt: skip
    loaded = load_cohort(_workbook(tmp_path / "v.xlsx", {"Register": rows}))
    died = loaded.cohort.patients.set_index("patient_id")["died"].astype(bool).to_dict()
    assert died == {f"YG-{k:02d}": k == 3 for k in range(1, 7)}
    rows = [head] + [[f"YG-{k:02d}", 70 + k, datetime(2022, 3, k + 1), "L1", "yes" if k == 3 else "no"] for k in range(1, 7)]  # fmt: skip
    loaded = load_cohort(_workbook(tmp_path / "y.xlsx", {"Register": rows}))
    assert loaded.cohort.patients["died"].isna().all()


def test_millimetres_become_tenths_exactly():
    """33 mm on a 0-100 scale is 3.3 (the double nearest 3.3), as a reader and R's
    ``33 / 10`` have it, never 3.3000000000000003."""
    pain = load_spec().measures["pain_vas"]
    assert [parse_score(v, pain, 100) for v in (33, 17, 81, 57)] == [3.3, 1.7, 8.1, 5.7]
