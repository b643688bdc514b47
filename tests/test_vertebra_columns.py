"""The treated vertebrae as columns (``T11`` ... ``L3``, each cell that vertebra's cement
volume, blank where it was not treated): one procedure row per filled cell."""

from __future__ import annotations

from datetime import datetime

import pytest

from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping
from analysis.load.header_levels import header_level
from analysis.normalize.cells import parse_boolean
from analysis.normalize.headers import mapping_target
from tests.test_any_workbook import _workbook

LEVELS = ["T11", "T12", "L1", "L2", "L3"]
# each patient's treated vertebrae and their volumes
TREATED = {
    1: {"T12": 3.0, "L1": 6.0, "L2": 3.5},
    2: {"L3": 6.0},
    3: {"T11": 4.0},
    4: {"L1": 2.5, "L2": 4.5},
    5: {"T12": 5.0},
}


def _rows(treated: dict[int, dict[str, float]]) -> list[list[object]]:
    group = ["", "", "", "Levels - cement per vertebra (ml)"] + [""] * (len(LEVELS) - 1) + [""]
    head = ["Study ID", "Age", "Date of procedure", *LEVELS, "VAS pre"]
    rows = [group, head]
    for k, levels in treated.items():
        cells = [levels.get(lv) for lv in LEVELS]
        rows.append([f"VC-{k:02d}", 60 + k, datetime(2023, 2, k), *cells, 5 + k % 4])
    return rows


def _procedures(cohort) -> dict[tuple[str, str], float]:
    p = cohort.procedures
    return {(r.patient_id, r.level): r.cement_volume_ml for r in p.itertuples()}


def _want(treated: dict[int, dict[str, float]]) -> dict[tuple[str, str], float]:
    return {(f"VC-{k:02d}", lv): v for k, levels in treated.items() for lv, v in levels.items()}


def test_one_procedure_row_per_filled_vertebra(tmp_path):
    path = _workbook(tmp_path / "v.xlsx", {"Register": _rows(TREATED)}, merges=[("Register", "D1:H1")])  # fmt: skip
    loaded = load_cohort(path)
    assert loaded.errors == []
    assert _procedures(loaded.cohort) == _want(TREATED)
    assert loaded.cohort.procedures.groupby("patient_id")["procedure_id"].nunique().eq(1).all()
    read = {c.letter: (c.label, c.reason) for c in inspect_input(path).columns}
    assert read["E"] == ("vertebra:T12", "header: one vertebra of a run, its cement volume in the cell")  # fmt: skip
    written = tmp_path / "mapping.yaml"
    written.write_text(inspect_input(path).mapping_yaml(), "utf-8")
    assert "read_as: 'vertebra:L2', slot: 4" in written.read_text("utf-8")
    mapped = load_cohort(path, options_from_mapping(read_mapping(written))).cohort
    assert mapped.procedures.equals(loaded.cohort.procedures)


def test_an_impossible_volume_is_named_on_its_cell(tmp_path):
    treated = {**TREATED, 4: {"L1": 45.0, "L2": 4.5}}
    loaded = load_cohort(_workbook(tmp_path / "v.xlsx", {"Register": _rows(treated)}))
    wrong = [(p.cell, p.rule) for p in loaded.errors if "cement_volume_ml" in p.message]
    assert wrong == [("F6", "range")]


def test_a_run_of_two_or_of_other_values_is_no_vertebra_run(tmp_path):
    """Two level columns are not a run; a run holding text is not read as volumes."""
    rows = _rows(TREATED)
    for r in rows[2:]:
        r[3:8] = ["x" if v is None else "disc" for v in r[3:8]]
    loaded = load_cohort(_workbook(tmp_path / "t.xlsx", {"Register": rows}))
    assert "vertebra:" not in " ".join(str(c.label) for c in inspect_input(tmp_path / "t.xlsx").columns)  # fmt: skip
    assert loaded.cohort.procedures.empty


@pytest.mark.parametrize(("header", "level"), [("T5", "T5"), ("Th12", "T12"), ("L 1", "L1"), ("T12/L1", None), ("Level", None), ("L7", None)])  # fmt: skip
def test_header_level(header, level):
    assert header_level(header) == level


def test_the_mapping_names_one_vertebra():
    assert mapping_target("vertebra:Th12").column == "T12"
    with pytest.raises(ValueError, match="does not name one vertebra"):
        mapping_target("vertebra:T12-L1")


def test_greek_register_words(tmp_path):
    """Θ/Α sexes, ΣΠ/ΚΠ techniques, 'Ημ/νία επέμβασης', 'Προ' and '24ωρο', a death
    'Απεβίωσε 29/11/2022' beside 'Ζει'."""
    assert parse_boolean("Απεβίωσε 29/11/2022") is True and parse_boolean("Ζει") is False
    head = ["Κωδικός", "Φύλο", "Ηλικία", "Ημ/νία επέμβασης", "Επίπεδο", "Τεχνική", "VAS Προ", "VAS 24ωρο", "Έκβαση"]  # fmt: skip
    rows = [head] + [
        [
            f"GR-{k}",
            "Θ" if k % 2 else "Α",
            70 + k,
            datetime(2022, 5, k),
            "L1",
            "ΣΠ" if k % 3 else "ΚΠ",
            8,
            4,
            "Απεβίωσε 29/11/2022" if k == 2 else "Ζει",
        ]
        for k in range(1, 7)
    ]
    loaded = load_cohort(_workbook(tmp_path / "g.xlsx", {"Ασθενείς": rows}))
    assert loaded.errors == []
    pts = loaded.cohort.patients.set_index("patient_id")
    assert pts["sex"].tolist() == ["female", "male"] * 3
    assert pts["died"].astype(bool).tolist() == [k == 2 for k in range(1, 7)]
    assert pts.loc["GR-2", "death_day"] == (datetime(2022, 11, 29) - datetime(2022, 5, 2)).days
    procs = loaded.cohort.procedures.set_index("patient_id")
    assert procs.loc["GR-3", "technique"] == "kyphoplasty" and procs.loc["GR-1", "technique"] == "vertebroplasty"  # fmt: skip
    assert set(loaded.cohort.assessments["timepoint"]) == {"pre", "24h"}


def test_a_date_under_new_fractures_is_theirs(tmp_path):
    """``Ημ/νία διάγνωσης`` (date of diagnosis) under ``Νέα κατάγματα`` (new fractures):
    the fracture's date, though its words name a diagnosis and a date of the procedure."""
    group = ["", "", "", "", "Νέα κατάγματα", ""]
    head = ["Κωδικός", "Ηλικία", "Ημερομηνία", "Επίπεδο", "Επίπεδο", "Ημ/νία διάγνωσης"]
    rows = [group, head] + [
        [
            f"NF-{k}",
            70 + k,
            datetime(2022, 1, k),
            "L1",
            "T12" if k < 4 else None,
            datetime(2022, 6, k) if k < 4 else None,
        ]
        for k in range(1, 7)
    ]
    path = _workbook(tmp_path / "f.xlsx", {"Register": rows}, merges=[("Register", "E1:F1")])
    loaded = load_cohort(path)
    got = {(r.patient_id, r.level, r.day) for r in loaded.cohort.fractures.itertuples()}
    assert got == {(f"NF-{k}", "T12", (datetime(2022, 6, k) - datetime(2022, 1, k)).days) for k in (1, 2, 3)}  # fmt: skip
    assert loaded.cohort.procedures["day"].eq(0).all()
