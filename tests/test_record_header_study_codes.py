"""A workbook whose only patient key sits under a header naming a record number
(``Hasta No``, ``Hosp no``) while its cells are the study's own codes (``ANK-01``): the
column is read as the study ID, shown so in ``inspect`` and the mapping; bare numbers or
codes of a record number's shape stay a record number (a pseudonym secret is asked for).
Written from a synthetic cohort whose truth the generator knows."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest
import yaml

from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping
from analysis.schema import Cohort
from analysis.synth import synthesize
from tests.test_any_workbook import _workbook

START = date(2022, 1, 10)


@pytest.fixture(scope="module")
def truth() -> Cohort:
    return synthesize(12, seed=20261121)


def _sheets(truth: Cohort, key: str, ids: dict[str, object]) -> dict[str, list[list[object]]]:
    """A patients sheet and a sheet of one row per treated vertebra, both keyed by ``ids``
    under the header ``key``, with a note line under the patients."""
    patients: list[list[object]] = [[key, "Sex", "Age"]]
    for p in truth.patients.to_dict("records"):
        patients.append([ids[p["patient_id"]], p["sex"], int(p["age_years"])])
    patients += [[], ["Sex: female / male; age in years at the first procedure."]]
    procedures: list[list[object]] = [[key, "Procedure date", "Level", "Cement (ml)"]]
    for r in truth.procedures.to_dict("records"):
        when = START + timedelta(days=int(r["day"]))
        procedures.append(
            [ids[r["patient_id"]], when, str(r["level"]), float(r["cement_volume_ml"])]
        )
    return {"Patients": patients, "Procedures": procedures}


def _codes(truth: Cohort) -> dict[str, object]:
    return {pid: f"ANK-{k:02d}" for k, pid in enumerate(truth.patients["patient_id"], 1)}


def test_a_record_number_header_over_study_codes_keys_the_rows(tmp_path, truth):
    codes = _codes(truth)
    path = _workbook(tmp_path / "unit.xlsx", _sheets(truth, "Hosp no", codes))
    cohort = load_cohort(path).cohort
    got = cohort.patients.set_index("patient_id")
    want = truth.patients.assign(patient_id=truth.patients["patient_id"].map(codes))
    want = want.set_index("patient_id")
    assert sorted(got.index) == sorted(want.index)
    assert got["sex"].astype(str).to_dict() == want["sex"].astype(str).to_dict()
    assert got["age_years"].astype(float).to_dict() == want["age_years"].astype(float).to_dict()
    vertebrae = {
        (str(r["patient_id"]), str(r["level"]), round(float(r["cement_volume_ml"]), 3))
        for r in cohort.procedures.to_dict("records")
    }
    assert vertebrae == {
        (str(codes[r["patient_id"]]), str(r["level"]), round(float(r["cement_volume_ml"]), 3))
        for r in truth.procedures.to_dict("records")
    }
    shown = [c for c in inspect_input(path).columns if c.header == "Hosp no"]
    assert len(shown) == 2 and {c.label for c in shown} == {"patients.patient_id"}
    assert all("header names a record number, but its cells are study codes" in c.reason for c in shown)  # fmt: skip
    assert all("'ANK'" in c.reason for c in shown)
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(yaml.safe_dump(inspect_input(path).mapping(), allow_unicode=True), "utf-8")
    mapped = load_cohort(path, options_from_mapping(read_mapping(mapping))).cohort
    for table in ("patients", "procedures", "assessments", "fractures"):
        pd.testing.assert_frame_equal(getattr(mapped, table), getattr(cohort, table))


@pytest.mark.parametrize(
    "make",
    [
        lambda k: 4000 + 7 * k,  # bare numbers: a hospital's own numbering
        lambda k: f"H{1200000 + 7 * k}",  # a record number's shape: seven digits
        lambda k: ("ANK" if k % 2 else "IST") + f"-{k:02d}",  # no one study's letters
    ],
)
def test_numbers_under_a_record_number_header_stay_a_record_number(tmp_path, truth, make):
    ids = {pid: make(k) for k, pid in enumerate(truth.patients["patient_id"], 1)}
    path = _workbook(tmp_path / "unit.xlsx", _sheets(truth, "Hosp no", ids))
    with pytest.raises(ValueError, match="identifies patients only by record number"):
        load_cohort(path)
    shown = {c.label for c in inspect_input(path).columns if c.header == "Hosp no"}
    assert shown == {"identifier:mrn"}
