"""A ward register: one row per event for the whole ward, an event column, and one column
of notes holding what each event recorded (an operative note, a visit's interval and its
pain score, an admission's diagnosis), in English mixed with Swahili; an age with a sex
in one cell (``72/Ke``). Its notes are read apart, each part by its own field's rules."""

from __future__ import annotations

from datetime import datetime

import pytest

from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping
from analysis.normalize.notes import read_note
from analysis.normalize.timepoints import timepoint_of
from analysis.problems import ERROR
from tests.test_any_workbook import _workbook

HEADER = ["No", "Tarehe / Date", "Study No.", "Umri/Jinsia (Age/Sex)", "Tukio / Event", "Maelezo / Notes"]  # fmt: skip


def _register(rows: list[list[object]]) -> list[list[object]]:
    return [["Ward 7 register"], [], HEADER, *[[k + 1, *r] for k, r in enumerate(rows)]]


ROWS = [
    [
        datetime(2022, 3, 1),
        "W-01",
        "72/Ke",
        "Admission / Kulazwa",
        "OP # L1, low energy fall. maumivu 8/10.",
    ],
    [
        datetime(2022, 3, 2),
        "W-01",
        None,
        "Theatre",
        "VP done L1. Cement L1 4.5ml (PMMA). Small leak into disc space.",
    ],
    [datetime(2022, 3, 3), "W-01", None, "Ward round", "24hrs post-op: pain 4/10. Wound dry."],
    [datetime(2022, 3, 5), "W-02", "65 Me", "ADMISSION", "RTA (boda boda), # T12. VAS 9/10."],
    [
        datetime(2022, 3, 6),
        "W-02",
        None,
        "Theatre",
        "KP (balloon) done T11, T12. Total cement 9ml (PMMA). Hakuna leak.",
    ],
    [datetime(2022, 3, 7), "W-02", None, "Ward round", "24hrs post-op: VAS 5/10."],
    [
        "16/3/22",
        "W-01",
        None,
        "Review clinic (SOPC)",
        "2/52 review. maumivu 3/10. Anaendelea vizuri.",
    ],
    [datetime(2022, 4, 20), "W-02", None, "Review", "6/52 review. pain score 3/10."],
    [datetime(2022, 6, 2), "W-01", None, "Phone call", "Simu 3/12: maumivu 2/10, doing well."],
    [
        datetime(2022, 9, 7),
        "W-02",
        None,
        "Follow-up kwa simu",
        "Simu 6/12: pain 1/10, doing well.",
    ],
    [
        datetime(2022, 9, 8),
        "W-03",
        "58yrs F",
        "Kulazwa",
        "Ca breast mets, pathological # L3. VAS 7/10.",
    ],
    [
        datetime(2022, 9, 9),
        "W-03",
        None,
        "THEATRE",
        "VP done L3. Cement L3 3ml - PMMA bone cement. No leak.",
    ],
    [datetime(2022, 9, 30), "W-03", None, "Review", "3/52 review - DNA, hakuja kliniki."],
    [
        datetime(2022, 11, 2),
        "W-03",
        None,
        "KIFO",
        "Taarifa kutoka kwa familia: amefariki 28/10/2022.",
    ],
]


def _loaded(tmp_path, rows=ROWS):
    path = _workbook(tmp_path / "register.xlsx", {"Register": _register(rows)})
    return path, load_cohort(path)


def test_a_registers_notes_are_read_apart(tmp_path):
    _, loaded = _loaded(tmp_path)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    patients = loaded.cohort.patients.set_index("patient_id")
    assert patients.loc["W-01", ["sex", "age_years", "etiology"]].tolist() == ["female", 72, "osteoporotic"]  # fmt: skip
    assert patients.loc["W-02", ["sex", "age_years", "etiology"]].tolist() == ["male", 65, "traumatic"]  # fmt: skip
    assert patients.loc["W-03", ["sex", "age_years", "etiology"]].tolist() == ["female", 58, "pathologic"]  # fmt: skip
    assert patients["died"].tolist() == [False, False, True]
    procs = loaded.cohort.procedures
    got = {(r.patient_id, r.level, r.technique, r.leakage) for r in procs.itertuples()}
    assert got == {
        ("W-01", "L1", "vertebroplasty", "disc"),
        ("W-02", "T11", "kyphoplasty", "none"),
        ("W-02", "T12", "kyphoplasty", "none"),
        ("W-03", "L3", "vertebroplasty", "none"),
    }
    assert procs.set_index("level").loc["L1", "cement_volume_ml"] == 4.5
    assert set(procs.set_index("level").loc[["T11", "T12"], "session_cement_volume_ml"]) == {9.0}
    scores = {(r.patient_id, r.timepoint, r.value) for r in loaded.cohort.assessments.itertuples()}
    assert scores == {
        ("W-01", "pre", 8), ("W-01", "24h", 4), ("W-01", "2w", 3), ("W-01", "3m", 2),
        ("W-02", "pre", 9), ("W-02", "24h", 5), ("W-02", "6w", 3), ("W-02", "6m", 1),
        ("W-03", "pre", 7),
    }  # fmt: skip


def test_a_bad_score_level_and_volume_in_the_notes_are_named_at_the_note(tmp_path):
    rows = [list(r) for r in ROWS]
    rows[1][4] = "VP done L7. Cement L7 4.5ml (PMMA). No leak."
    rows[4][4] = "KP (balloon) done T11, T12. Cement T11 45ml, T12 4ml (PMMA). No leak."
    rows[8][4] = "Simu 3/12: maumivu 12/10, doing well."
    _, loaded = _loaded(tmp_path, rows)
    errors = {p.cell: p.message for p in loaded.problems if p.severity == ERROR}
    assert "not a vertebral level" in errors["F5"]
    assert "cement_volume_ml must lie within" in errors["F8"]
    assert "pain_vas must lie within 0-10" in errors["F12"]
    # the volume's error keeps its vertebrae: no outcome row is left without a procedure
    assert not any("without a procedure" in m for m in errors.values())


def test_the_mapping_inspect_writes_reads_the_register_again(tmp_path):
    path, unaided = _loaded(tmp_path)
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(inspect_input(path).mapping_yaml(), "utf-8")
    assert "shape: register-notes" in mapping.read_text("utf-8")
    mapped = load_cohort(path, options_from_mapping(read_mapping(mapping)))
    for table in ("patients", "procedures", "assessments"):
        assert getattr(mapped.cohort, table).equals(getattr(unaided.cohort, table))


def test_a_sheet_with_columns_of_its_own_is_no_register(tmp_path):
    rows = [[*r, "L1" if k == 1 else None] for k, r in enumerate(ROWS)]
    sheet = _register(rows)
    sheet[2] = [*HEADER, "Level"]
    path = _workbook(tmp_path / "register.xlsx", {"Register": sheet})
    assert all("register of events" not in s.note for s in inspect_input(path).sheets)


@pytest.mark.parametrize(
    ("note", "levels", "volumes"),
    [
        ("VP done L2. Cement L2 3.5ml - PMMA bone cement.", ("L2",), ("3.5ml",)),
        ("VP done T12, L1. Cement T12 4.5ml, L1 3ml (PMMA).", ("T12", "L1"), ("4.5ml", "3ml")),
    ],
)
def test_vertebrae_named_again_with_their_volumes_are_the_same_vertebrae(note, levels, volumes):
    read = read_note(note)
    assert read is not None
    assert (read.levels, read.volumes, read.technique) == (levels, volumes, "vertebroplasty")


def test_a_leak_naming_no_vertebra_is_at_each_of_the_sessions():
    read = read_note("VP done T12, L1. Total cement 8ml. Leak ya disc + venous, pt stable.")
    assert read is not None
    assert read.leaks == (("T12", "Leak ya disc + venous"), ("L1", "Leak ya disc + venous"))


@pytest.mark.parametrize(
    ("text", "timepoint"),
    [
        ("Simu 6/12", "6m"),
        ("Simu 12/12 (post 2nd VP)", "12m"),
        ("Kulazwa", "pre"),
        ("ADMISSION", "pre"),
    ],
)
def test_swahili_and_admission_visits(text, timepoint):
    assert timepoint_of(text) == timepoint
