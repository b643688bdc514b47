"""A hospital information system's export of one row per visit, every patient and
procedure field repeated on each visit's row, written from a synthetic cohort whose truth
the generator knows: the repeats are one patient and one procedure."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import pytest

from analysis.load import load_cohort
from analysis.schema import Cohort
from analysis.synth import synthesize
from tests.test_load_content_columns import _reproduced_by_its_mapping
from tests.test_load_visit_sessions import _pain

START = date(2021, 7, 14)
# the visits as a Malay export names them ("SUSULAN 3 BULAN": the 3-month follow-up)
VISITS = {"pre": "PRE-OP", "24h": "POST-OP 24 JAM", "1m": "SUSULAN 1 BULAN", "3m": "SUSULAN 3 BULAN", "12m": "SUSULAN 12 BULAN"}  # fmt: skip
DAYS = {"pre": 0, "24h": 1, "1m": 30, "3m": 91, "12m": 365}
HEADER = ["STUDY_ID", "JANTINA", "UMUR", "TARIKH_PROSEDUR", "ARAS_VERTEBRA", "JUMLAH_SIMEN_ML", "JENIS_LAWATAN", "TARIKH_LAWATAN", "SKOR_VAS"]  # fmt: skip


@pytest.fixture(scope="module")
def truth() -> Cohort:
    return synthesize(12, seed=20261121)


def _dmy(d: date) -> str:
    return d.strftime("%d/%m/%Y")


def _export(truth: Cohort) -> list[list[str]]:
    """One row per pain score, the patient and the session repeated on each."""
    patients = truth.patients.set_index("patient_id")
    sessions = truth.procedures.groupby("procedure_id", observed=True)
    pain = truth.assessments[truth.assessments["measure"] == "pain_vas"]
    rows = [HEADER]
    for a in pain.sort_values(["patient_id", "procedure_id"]).to_dict("records"):
        procs = sessions.get_group(a["procedure_id"])
        p = patients.loc[a["patient_id"]]
        day = START + timedelta(days=int(procs["day"].iloc[0]))
        rows.append(
            [
                str(a["patient_id"]),
                "LELAKI" if p["sex"] == "male" else "PEREMPUAN",
                str(int(p["age_years"])),
                _dmy(day),
                ", ".join(str(lv) for lv in procs["level"]),
                f"{float(procs['session_cement_volume_ml'].iloc[0]):g}",
                VISITS[str(a["timepoint"])],
                _dmy(day + timedelta(days=DAYS[str(a["timepoint"])])),
                f"{float(a['value']):g}",
            ]
        )
    return rows


def _write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    return path


def _volumes(cohort: Cohort) -> dict[tuple[str, int, str], float]:
    return {
        (str(r["patient_id"]), int(r["day"]), str(r["level"])): float(r["session_cement_volume_ml"])
        for r in cohort.procedures.to_dict("records")
    }


def _scored(truth: Cohort) -> Cohort:
    """The truth's sessions that have a pain score (the export's rows are its visits)."""
    pain = truth.assessments[truth.assessments["measure"] == "pain_vas"]
    procs = truth.procedures[truth.procedures["procedure_id"].isin(set(pain["procedure_id"]))]
    return Cohort(truth.patients, procs, pain, truth.fractures.iloc[:0])


def test_a_visit_per_row_export_loads_each_patient_and_procedure_once(tmp_path, truth):
    path = _write(tmp_path / "export.csv", _export(truth))
    loaded = load_cohort(path)
    assert loaded.errors == []
    assert _pain(loaded.cohort) == _pain(truth)
    assert _volumes(loaded.cohort) == _volumes(_scored(truth))
    readings = _reproduced_by_its_mapping(path, tmp_path)
    assert readings["F"].label == "procedures.session_cement_volume_ml"  # JUMLAH: the total
    assert readings["G"].label == "visit:timepoint"
    assert readings["H"].label == "date:visit_date"
