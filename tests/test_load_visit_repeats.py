"""A hospital information system's export of one row per visit, every patient and
procedure field repeated on each visit's row, written from a synthetic cohort whose truth
the generator knows: the repeats are one patient and one procedure, and a repeat that
differs from the patient's other rows is an error on its own cell, naming the others."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import pytest

from analysis.load import inspect_input, load_cohort
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


def _patient_rows(rows: list[list[str]]) -> tuple[str, list[int]]:
    """A patient with at least three visit rows of one session, and those rows' numbers
    as the sheet shows them (the header is row 1)."""
    by_session: dict[tuple[str, str], list[int]] = {}
    for k, r in enumerate(rows[1:], start=2):
        by_session.setdefault((r[0], r[3]), []).append(k)
    (pid, _), numbers = next((s, n) for s, n in by_session.items() if len(n) >= 3)
    return pid, numbers


def test_a_repeat_that_differs_is_an_error_on_its_own_cell_naming_the_others(tmp_path, truth):
    rows = _export(truth)
    pid, numbers = _patient_rows(rows)
    odd = numbers[1]
    volume = rows[odd - 1][5]
    rows[odd - 1][5] = "48"  # one visit's row: a slip in the session's total
    loaded = load_cohort(_write(tmp_path / "export.csv", rows))
    errors = [p for p in loaded.errors if p.rule == "conflict"]
    assert [(p.row, p.cell, p.column) for p in errors] == [(odd, f"F{odd}", "JUMLAH_SIMEN_ML")]
    others = ", ".join(f"F{n}" for n in numbers if n != odd)
    assert f"F{odd} '48' differs from {others} '{volume}'" in errors[0].message
    assert pid not in set(loaded.cohort.patients["patient_id"])  # the session is not trusted
    assert len(loaded.errors) == 1  # the rows that agree are not blamed


def test_a_patient_field_that_differs_on_one_visit_row_is_not_two_patients(tmp_path, truth):
    rows = _export(truth)
    pid, numbers = _patient_rows(rows)
    odd = numbers[-1]
    sex = rows[odd - 1][1]
    rows[odd - 1][1] = "LELAKI" if sex == "PEREMPUAN" else "PEREMPUAN"
    loaded = load_cohort(_write(tmp_path / "export.csv", rows))
    # one error, on the odd cell: not "two patients under one ID" on every row
    assert [(p.row, p.cell, p.rule) for p in loaded.errors] == [(odd, f"B{odd}", "conflict")]
    assert f"B{odd} '{'male' if sex == 'PEREMPUAN' else 'female'}' differs from" in loaded.errors[0].message  # fmt: skip
    patients = loaded.cohort.patients.set_index("patient_id")
    assert patients["sex"].isna().sum() == 1 and patients.loc[pid, "sex"] != patients.loc[pid, "sex"]  # fmt: skip


def test_repeats_no_value_of_which_most_rows_hold_name_every_cell(tmp_path, truth):
    rows = _export(truth)
    _, numbers = _patient_rows(rows)
    for k, n in enumerate(numbers):
        rows[n - 1][5] = "345"[k % 3]  # no value on more than half of the rows
    loaded = load_cohort(_write(tmp_path / "export.csv", rows))
    errors = [p for p in loaded.errors if p.rule == "conflict"]
    assert sorted(p.row for p in errors) == numbers
    threes = ", ".join(f"F{n}" for n in numbers[::3])
    assert f"{threes} '3' vs F{numbers[1]}" in errors[0].message
    assert errors[0].message.endswith("correct the cells that are wrong")


def test_visits_told_by_their_dates_alone_load_each_procedure_once(tmp_path, truth):
    """The same export without a column naming the visit: each score's time point
    follows from its visit's date, and the repeats are still one procedure."""
    rows = [r[:6] + r[7:] for r in _export(truth)]  # JENIS_LAWATAN left out
    missed = [*rows[1][:6], "", ""]  # two visits missed: no date, no score, rows alike
    rows[2:2] = [missed, list(missed)]
    path = _write(tmp_path / "export.csv", rows)
    loaded = load_cohort(path)
    assert loaded.errors == []
    assert _pain(loaded.cohort) == _pain(truth)
    assert _volumes(loaded.cohort) == _volumes(_scored(truth))
    readings = _reproduced_by_its_mapping(path, tmp_path)
    assert readings["G"].label == "date:visit_date"
    (table,) = inspect_input(path).sheets
    assert "one row per visit: time points from the visit dates" in table.note


# the same export as an Indonesian hospital system writes it: visit kind and date, the
# patient's status alive (Hidup) or dead (Meninggal) repeated on each row
VISITS_ID = {"pre": "Pra tindakan", "24h": "Kontrol 24 jam", "1m": "Kontrol 1 bulan", "3m": "Kontrol 3 bulan", "12m": "Kontrol 12 bulan"}  # fmt: skip
HEADER_ID = ["ID_STUDI", "JENIS_KELAMIN", "UMUR", "TGL_TINDAKAN", "LEVEL", "VOLUME_SEMEN", "JENIS_KUNJUNGAN", "TGL_KUNJUNGAN", "VAS", "ODI", "STATUS_PASIEN"]  # fmt: skip


def _indonesian(truth: Cohort) -> list[list[str]]:
    died = truth.patients.set_index("patient_id")["died"]
    rows = [HEADER_ID]
    for r in _export(truth)[1:]:
        visit = next(k for k, v in VISITS.items() if v == r[6])
        sex = "Laki-laki" if r[1] == "LELAKI" else "Perempuan"
        status = "Meninggal" if bool(died[r[0]]) else "Hidup"
        odi = str(min(100, int(float(r[8]) * 7)))
        rows.append([r[0], sex, *r[2:6], VISITS_ID[visit], r[7], r[8], odi, status])
    return rows


def test_an_indonesian_visit_export_reads_visit_dates_and_vital_status(tmp_path, truth):
    rows = _indonesian(truth)
    path = _write(tmp_path / "export.csv", rows)
    loaded = load_cohort(path)
    assert loaded.errors == []
    assert _pain(loaded.cohort) == _pain(truth)
    died = loaded.cohort.patients.set_index("patient_id")["died"].astype(bool).to_dict()
    assert died == truth.patients.set_index("patient_id")["died"].astype(bool).to_dict()
    assert truth.patients["died"].any() and not truth.patients["died"].all()
    readings = _reproduced_by_its_mapping(path, tmp_path)
    assert readings["H"].label == "date:visit_date"
    assert readings["K"].label == "patients.died"


def test_a_follow_up_dated_before_its_procedure_is_named_once_on_its_date(tmp_path, truth):
    rows = _indonesian(truth)
    n = next(k for k, r in enumerate(rows[1:], start=2) if r[6] == VISITS_ID["1m"])
    done = date(*reversed([int(x) for x in rows[n - 1][3].split("/")]))  # type: ignore[misc]
    rows[n - 1][7] = _dmy(done - timedelta(days=40))
    m = next(k for k, r in enumerate(rows[1:], start=2) if r[6] == VISITS_ID["3m"] and k != n)
    rows[m - 1][7] = "30/02/2022"
    loaded = load_cohort(_write(tmp_path / "export.csv", rows))
    # VAS and ODI of the row: one error on its visit date, not one per score
    early = [p for p in loaded.errors if p.rule == "visit_date"]
    assert [(p.row, p.cell, p.column) for p in early] == [(n, f"H{n}", "TGL_KUNJUNGAN")]
    assert "visit at 1m dated 40 days before its procedure" in early[0].message
    impossible = [p for p in loaded.errors if p.rule == "date"]
    assert [(p.row, p.cell) for p in impossible] == [(m, f"H{m}")]
