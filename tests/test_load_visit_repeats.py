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


# a workbook of two sheets: the procedures, and the visits known only by their dates
# (the unit's schedule stated in a note above the header, not read)
DONE = {"B1": date(2022, 9, 24), "B2": date(2023, 3, 2), "B3": date(2023, 1, 9)}


def _visits_by_date_workbook(path: Path, visits: list[list[object]]) -> Path:
    from tests.test_any_workbook import _workbook

    procedures = [
        ["Mã BN", "Giới", "Tuổi", "Ngày thủ thuật", "Đốt sống", "Loại xi măng", "Rò xi măng"],
        ["B1", "Nữ", 71, DONE["B1"], "L1", "PMMA", "không"],
        ["B2", "Nam", 66, DONE["B2"], "T12", "PMMA", "không"],
    ]
    note = [
        "Lịch tái khám: trước thủ thuật, 24 giờ, 1 tuần, 1 tháng, 3 tháng. KĐ = không đánh giá."
    ]
    rows = [note, ["Mã BN", "Ngày khám", "VAS (0-10)", "ODI (%)"], *visits]
    return _workbook(path, {"Bệnh nhân": procedures, "Tái khám": rows})


def _visit(pid: str, day: int, vas: object, odi: object = None) -> list[object]:
    return [pid, DONE[pid] + timedelta(days=day), vas, odi]


def test_a_sheet_of_visits_known_only_by_their_dates_beside_the_procedures(tmp_path):
    """No procedure on the visit sheet: each visit's time point follows from its date and
    the procedure's on the other sheet, and a warning names the rows so placed."""
    visits = [
        _visit("B1", 0, 7, 60),
        _visit("B1", 1, 5),
        _visit("B1", 8, 4),
        _visit("B1", 33, 3, 30),
        _visit("B1", 86, 2, 20),
        _visit("B2", 0, 8, 70),
        _visit("B2", 27, 3, 32),
    ]
    path = _visits_by_date_workbook(tmp_path / "hue.xlsx", visits)
    loaded = load_cohort(path)
    assert loaded.errors == []
    got = {
        (r["patient_id"], r["measure"], r["timepoint"]): r["value"]
        for r in loaded.cohort.assessments.to_dict("records")
    }
    assert got == {
        ("B1", "pain_vas", "pre"): 7, ("B1", "odi", "pre"): 60, ("B1", "pain_vas", "24h"): 5,
        ("B1", "pain_vas", "1w"): 4, ("B1", "pain_vas", "1m"): 3, ("B1", "odi", "1m"): 30,
        ("B1", "pain_vas", "3m"): 2, ("B1", "odi", "3m"): 20,
        ("B2", "pain_vas", "pre"): 8, ("B2", "odi", "pre"): 70,
        ("B2", "pain_vas", "1m"): 3, ("B2", "odi", "1m"): 32,
    }  # fmt: skip
    (warned,) = [p for p in loaded.problems if p.rule == "timepoint_by_date"]
    assert warned.sheet == "Tái khám"
    assert warned.message.startswith("7 visit(s) (rows 3-9) name no time point")
    readings = _reproduced_by_its_mapping(path, tmp_path)
    assert readings["B"].label == "date:visit_date"


def test_a_visit_known_by_its_date_a_year_before_its_procedure_is_an_error_on_it(tmp_path):
    """A visit dated long before the procedure (the year mistyped): an error on its date,
    whether or not the row holds a score; a score beyond its scale on another row too."""
    year_early = [v if k != 1 else DONE["B1"] + timedelta(days=32 - 365) for k, v in enumerate(_visit("B1", 32, None))]  # fmt: skip
    visits = [
        _visit("B1", 0, 7, 60),
        year_early,  # row 4: nothing scored, its date a year early
        _visit("B1", 90, 15, 20),  # row 5: VAS 15 on a 0-10 scale
        _visit("B2", 0, 8, 70),
        [*_visit("B2", 1, 4)[:2], "KĐ", "KĐ"],  # không đánh giá, as the note says: not measured
    ]
    loaded = load_cohort(_visits_by_date_workbook(tmp_path / "hue.xlsx", visits))
    assert [(p.cell, p.rule) for p in loaded.errors] == [("C5", "range"), ("B4", "visit_date")]
    early = loaded.errors[1]
    assert early.column == "Ngày khám"
    assert early.message.startswith("visit dated 333 days before the patient's first procedure")
    assert "a year later it would be the 1m visit: is the year mistyped?" in early.message
    pain = loaded.cohort.assessments
    assert set(zip(pain["patient_id"], pain["measure"], pain["timepoint"], strict=True)) == {
        ("B1", "pain_vas", "pre"), ("B1", "odi", "pre"), ("B1", "odi", "3m"),
        ("B2", "pain_vas", "pre"), ("B2", "odi", "pre"),
    }  # fmt: skip


def test_a_vietnamese_register_its_deaths_cements_leaks_and_new_fractures(tmp_path):
    """The words of such a workbook: a final status ``Tử vong ngày 01/12/2022`` (died on,
    its date's order told by the sheet's other dates), calcium phosphate as ``Calci
    phosphat``, a leak beside the spine, a record number, and a new fracture named in a
    visit's remark (``Xẹp đốt sống mới L3``: a new vertebral collapse)."""
    from tests.test_any_workbook import _workbook

    procedures = [
        [
            "Mã BN",
            "Số hồ sơ",
            "Ngày thủ thuật",
            "Đốt sống",
            "Loại xi măng",
            "Rò xi măng",
            "Tình trạng cuối",
        ],
        [
            "B1",
            "22.104567",
            DONE["B1"],
            "L1",
            "Calci phosphat",
            "rò cạnh cột sống",
            "Tử vong ngày 01/12/2022",
        ],
        ["B2", "23.200981", DONE["B2"], "T12", "Xi măng PMMA", "không", "Còn sống"],
        ["B3", "23.000412", DONE["B3"], "L2", "Xi măng PMMA", "không", "Tử vong ngày 20/08/2023"],
    ]
    visits = [
        ["Mã BN", "Ngày khám", "VAS (0-10)", "Ghi chú"],
        [*_visit("B1", 0, 7)[:3], "trước thủ thuật"],
        [*_visit("B1", 30, 3)[:3], "Xẹp đốt sống mới L3 (tassement nouveau) trên X-quang"],
        [*_visit("B2", 0, 8)[:3], None],
        [*_visit("B2", 31, 2)[:3], "không có xẹp đốt sống mới"],
    ]
    path = _workbook(tmp_path / "hue.xlsx", {"Bệnh nhân": procedures, "Tái khám": visits})
    loaded = load_cohort(path)
    assert loaded.errors == []
    patients = loaded.cohort.patients.set_index("patient_id")
    assert patients["died"].to_dict() == {"B1": True, "B2": False, "B3": True}
    assert patients.loc["B1", "death_day"] == (date(2022, 12, 1) - DONE["B1"]).days
    procs = loaded.cohort.procedures.set_index("patient_id")
    assert procs["cement_type"].to_dict() == {"B1": "calcium phosphate", "B2": "PMMA", "B3": "PMMA"}  # fmt: skip
    assert procs["leakage"].to_dict() == {"B1": "paravertebral", "B2": "none", "B3": "none"}
    fractures = loaded.cohort.fractures
    assert list(zip(fractures["patient_id"], fractures["day"], fractures["level"], strict=True)) == [("B1", 30, "L3")]  # fmt: skip
    _reproduced_by_its_mapping(path, tmp_path)
    read = {(c.sheet, c.letter): c.label for c in inspect_input(path).columns}
    assert read["Bệnh nhân", "B"] == "identifier:mrn"
    assert read["Bệnh nhân", "G"] == "death_note:died"  # a remark naming the death and its date
