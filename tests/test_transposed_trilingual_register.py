"""A register laid across (one column per patient, the fields down the rows) whose row
labels are written in three languages apart by spaced slashes (Sinhala / Tamil /
English), the English alone known to the vocabulary: the study-ID label is found, the
cement's volume is its volume (``සිමෙන්ති ml``: a word for cement and a volume unit),
each visit's date row is that visit's date (``2 weeks – Date``, ``6 weeks after procedure
2 – Date``), and a patient's column filled in without a study ID is reported on its
cell rather than dropped."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from analysis.load import inspect_input, load_cohort
from analysis.normalize import match_header
from analysis.spec import normalize_text
from tests.test_load_visit_rows import _reproduced_by_its_mapping

_ROWS: list[list[object]] = [
    ["රෝගියාගේ විස්තර / நோயாளர் விபரம் / Patient details"],
    ["අධ්\u200dයයන අංකය / ஆய்வு இலக்கம் / Study No", "KT/01", "KT/02", None, "KT/04"],
    ["වයස / வயது / Age (yrs)", 70, 64, 77, 81],
    ["ස්ත්\u200dරී/පුරුෂ / பால் / Sex", "F", "M", "F", "F"],
    ["පළමු ශල්\u200dයකර්මය / முதலாவது சிகிச்சை / Procedure 1"],
    [
        "දිනය / திகதி / Date",
        datetime(2020, 1, 6),
        datetime(2020, 2, 3),
        datetime(2020, 3, 2),
        datetime(2020, 4, 6),
    ],
    ["කශේරුකාව / முள்ளெலும்பு / Level(s)", "L1", "T12, L1", "L2", "T11"],
    ["සිමෙන්ති ml / சீமெந்து ml / Cement volume (ml)", 4, "T12 - 3.5, L1 - 4", 5, 3],
    ["VAS – pre-op (0-10)", 8, 9, 7, 8],
    ["පසු විපරම / தொடர் கண்காணிப்பு / Follow-up after procedure 1"],
    [
        "සති 2 / 2 வாரங்கள் / 2 weeks – Date",
        datetime(2020, 1, 20),
        "did not come",
        datetime(2020, 3, 16),
        datetime(2020, 4, 20),
    ],
    ["සති 2 / 2 வாரங்கள் / 2 weeks – VAS", 3, "-", 4, 2],
    ["දෙවන ශල්\u200dයකර්මය / இரண்டாவது சிகிச்சை / Procedure 2 (new fracture)"],
    ["දිනය / திகதி / Date", datetime(2020, 5, 4), "-", "-", "-"],
    ["කශේරුකාව / முள்ளெலும்பு / Level(s)", "L3"],
    ["VAS – pre-op (procedure 2)", 7],
    ["සති 6 / 6 வாரங்கள் / 6 weeks after procedure 2 – Date", datetime(2020, 6, 15)],
    ["6 weeks after procedure 2 – VAS", 2],
]


def _write(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Register"
    ws.append(["Vertebroplasty register (one column per patient)"])
    ws.append([])
    for row in _ROWS:
        ws.append(row)
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def register(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _write(tmp_path_factory.mktemp("register") / "register.xlsx")


def test_the_register_laid_across_is_read(register: Path) -> None:
    loaded = load_cohort(register)
    assert sorted(loaded.cohort.patients["patient_id"]) == ["KT/01", "KT/02", "KT/04"]
    procs = loaded.cohort.procedures
    volumes = {
        (r["patient_id"], r["level"]): r["cement_volume_ml"] for r in procs.to_dict("records")
    }
    assert volumes[("KT/01", "L1")] == 4 and volumes[("KT/02", "T12")] == 3.5
    a = loaded.cohort.assessments
    second = procs[(procs["patient_id"] == "KT/01") & (procs["level"] == "L3")]
    at_6w = a[(a["patient_id"] == "KT/01") & (a["timepoint"] == "6w")]
    assert list(at_6w["procedure_id"]) == list(second["procedure_id"])
    assert set(a[(a["patient_id"] == "KT/04") & (a["timepoint"] == "2w")]["value"]) == {2}


def test_a_column_without_its_study_id_is_reported_on_the_study_id_cell(register: Path) -> None:
    loaded = load_cohort(register)
    errors = [(p.rule, p.cell) for p in loaded.errors]
    assert errors == [("patient_id", "D4")]
    assert loaded.rows_in == loaded.rows_loaded + loaded.rows_reported


def test_visit_dates_are_read_as_the_dates_of_their_visits(register: Path, tmp_path: Path) -> None:
    read = {c.header: c for c in inspect_input(register).columns}
    assert read["සති 2 / 2 வாரங்கள் / 2 weeks – Date"].label == "date:visit_date@2w"
    later = read["සති 6 / 6 வாரங்கள் / 6 weeks after procedure 2 – Date"]
    assert later.label == "date:visit_date@6w" and "second session" in later.reason
    _reproduced_by_its_mapping(register, tmp_path)


@pytest.mark.parametrize(
    ("header", "label"),
    [
        ("අධ්\u200dයයන අංකය / ஆய்வு இலக்கம் / Study No", "patients.patient_id"),
        ("N°", "patients.patient_id"),
        ("n° étude", "patients.patient_id"),
        ("සිමෙන්ති ml", "procedures.cement_volume_ml"),
        ("Zement ml", "procedures.cement_volume_ml"),
        ("Cement", "procedures.cement_type"),
        ("Sex / Notes", None),  # an unknown English part is a second field, not a translation
        # a group over its field, the field's words in the group's script too
        ("ክትትል / Outcome ሞቷል? (Died)", None),
    ],
)
def test_headers(header: str, label: str | None) -> None:
    found = match_header(header)
    assert (found.label if found is not None else None) == label


def test_the_numero_sign_written_with_a_degree_sign() -> None:
    assert normalize_text("N° IPP") == normalize_text("Nº IPP") == "no ipp"
    assert normalize_text("Sn°") == "sn"
