"""Operative notes that name a session in sentences: the vertebrae treated, each one's
cement volume, the technique and cement, and the leaks level by level; and a column whose
header names another field but whose values name a diagnosis outright."""

from __future__ import annotations

from datetime import datetime

from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping
from analysis.normalize.notes import read_note
from tests.test_any_workbook import _workbook

NOTES = {
    1: "Transpedicular vertebroplasty under LA + sedation. T9 & T10, 2.5 ml each, PMMA. No cement leak.",
    2: "Transpedicular vertebroplasty under LA. T7 2.5 ml, T8 5.5 ml, PMMA. Minor leak at T8 into segmental veins (venous).",
    3: "Balloon kyphoplasty under GA. T12 4.5 ml, PMMA. No cement leak.",
    4: "Transpedicular vertebroplasty under LA. L1 & L2, 3 ml each, PMMA. Minor leak at L1 into segmental veins (venous). Minor leak at L2 into disc space.",
    5: "Balloon kyphoplasty under GA. L3 6 ml, PMMA. No cement leak.",
}
# each patient's (level, volume, technique, leakage), in the order the note names them
WANT = {
    "ON-1": [("T9", 2.5, "vertebroplasty", "none"), ("T10", 2.5, "vertebroplasty", "none")],
    "ON-2": [("T7", 2.5, "vertebroplasty", "none"), ("T8", 5.5, "vertebroplasty", "venous")],
    "ON-3": [("T12", 4.5, "kyphoplasty", "none")],
    "ON-4": [("L1", 3.0, "vertebroplasty", "venous"), ("L2", 3.0, "vertebroplasty", "disc")],
    "ON-5": [("L3", 6.0, "kyphoplasty", "none")],
}


def _rows(notes: dict[int, str]) -> list[list[object]]:
    head = ["Study No.", "Age", "Indication", "Date of procedure", "Operative note", "Pre-op NRS"]
    return [head] + [
        [
            f"ON-{k}",
            60 + k,
            "Osteoporotic VCF" if k % 2 else "Osteoporotic collapse",
            datetime(2023, 3, k),
            note,
            7,
        ]
        for k, note in notes.items()
    ]


def _read(cohort) -> dict[str, list[tuple[object, ...]]]:
    out: dict[str, list[tuple[object, ...]]] = {}
    for r in cohort.procedures.itertuples():
        out.setdefault(r.patient_id, []).append((r.level, r.cement_volume_ml, r.technique, r.leakage))  # fmt: skip
    return out


def test_a_notes_vertebrae_volumes_and_leaks(tmp_path):
    path = _workbook(tmp_path / "n.xlsx", {"VP log": _rows(NOTES)})
    loaded = load_cohort(path)
    assert loaded.errors == []
    assert _read(loaded.cohort) == WANT
    assert set(loaded.cohort.procedures["cement_type"]) == {"PMMA"}
    read = {c.letter: (c.label, c.reason) for c in inspect_input(path).columns}
    assert read["E"] == ("note:procedure", "cell contents: operative notes naming the vertebrae treated")  # fmt: skip
    assert read["C"] == ("patients.etiology", "cell contents")
    assert set(loaded.cohort.patients["etiology"]) == {"osteoporotic"}
    written = tmp_path / "mapping.yaml"
    written.write_text(inspect_input(path).mapping_yaml(), "utf-8")
    assert "read_as: 'note:procedure'" in written.read_text("utf-8")
    mapped = load_cohort(path, options_from_mapping(read_mapping(written))).cohort
    assert mapped.procedures.equals(loaded.cohort.procedures)
    assert mapped.patients.equals(loaded.cohort.patients)


def test_an_impossible_level_or_volume_in_a_note_is_named_on_its_cell(tmp_path):
    notes = {**NOTES, 2: NOTES[2].replace("T7 2.5 ml", "L7 2.5 ml"), 5: NOTES[5].replace("6 ml", "45 ml")}  # fmt: skip
    loaded = load_cohort(_workbook(tmp_path / "n.xlsx", {"VP log": _rows(notes)}))
    wrong = sorted((p.cell, p.rule) for p in loaded.errors if p.column == "Operative note")
    assert wrong == [("E3", "level"), ("E6", "range")]
    assert "ON-2" not in _read(loaded.cohort)
    # the volume's error leaves its vertebrae, as beside a volume column's: the volume missing
    assert str(_read(loaded.cohort)["ON-5"]) == str([("L3", float("nan"), "kyphoplasty", "none")])


def test_read_note_parts():
    note = read_note(NOTES[2])
    assert note is not None
    assert note.levels == ("T7", "T8") and note.volumes == ("2.5 ml", "5.5 ml")
    assert [lv for lv, _ in note.leaks] == ["T8"] and not note.no_leak
    one = read_note("T9 & T10, 5 ml, PMMA.")  # one volume for two levels, not said each
    assert one is not None and one.volumes == ()
    assert read_note("Vertebroplasty under LA, PMMA. No cement leak.") is None


def test_levels_each_with_its_volume_after_a_dash():
    note = read_note("L2 – 2.5 ml, L3 – 4.5 ml, D4 - 5 ml")
    assert note is not None
    assert note.levels == ("L2", "L3", "D4") and note.volumes == ("2.5 ml", "4.5 ml", "5 ml")


def test_a_column_of_levels_and_volumes_after_dashes_loads_each_vertebras_volume(tmp_path):
    cells = {1: "L2 – 2.5 ml, L3 – 4.5 ml", 2: "D11 – 5.5 ml, D12 – 2.5 ml", 3: "L1 – 3 ml", 4: "D8 – 40 ml"}  # fmt: skip
    head = ["Study ID", "Age", "Date of procedure", "Procedure", "Levels & cement", "Pre-op VAS"]
    rows = [head] + [[f"LC-{k}", 60 + k, datetime(2023, 3, k), "PVP", cell, 7] for k, cell in cells.items()]  # fmt: skip
    path = _workbook(tmp_path / "n.xlsx", {"VP register": rows})
    loaded = load_cohort(path)
    got = {
        pid: [(lv, None if ml != ml else ml) for lv, ml, _, _ in levels]
        for pid, levels in _read(loaded.cohort).items()
    }
    # LC-4's impossible volume is named and left missing, its vertebra kept
    assert got == {
        "LC-1": [("L2", 2.5), ("L3", 4.5)], "LC-2": [("T11", 5.5), ("T12", 2.5)], "LC-3": [("L1", 3.0)],
        "LC-4": [("T8", None)],
    }  # fmt: skip
    assert [(p.cell, p.rule) for p in loaded.errors if p.cell] == [("E5", "range")]
    written = tmp_path / "mapping.yaml"
    written.write_text(inspect_input(path).mapping_yaml(), "utf-8")
    mapped = load_cohort(path, options_from_mapping(read_mapping(written))).cohort
    assert mapped.procedures.equals(loaded.cohort.procedures)
