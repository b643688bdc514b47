"""A Paraguayan register written in Spanish with Guaraní words: one row per patient, each
visit a group of columns under its merged heading (fecha, EVA, oguata = walking, a
mobility score), the death column headed "Omanõ (falleció)" and answered héẽ (yes, with
the date) or nahániri (no), "ndoúi" for a visit not attended, and the cement named only in
the note under the table."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.load import inspect_input, load_cohort
from analysis.normalize.cells import parse_boolean
from analysis.normalize.headers import match_header
from analysis.problems import ERROR
from tests.test_any_workbook import _workbook
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

_TOP = ["Nº", "Sexo", "Edad", "Fecha proc.", "Niveles", "Técnica", "Cemento (ml)", "Omanõ (falleció)"]  # fmt: skip
_VISITS = ["Antes (pre)", "Control 1 mes", "Control 3 meses"]
# fmt: off
_ROWS = [
    ["PY-01", "kuña", 79, "21-3-23", "T10", "VP", 4, "nahániri", "21-3-23", 6, 1, "ndoúi", None, None, "27-6-23", 4, 2],
    ["PY-02", "kuimba'e", 64, "15-9-23", "L4", "CP (cifo)", 5, "héẽ 16-1-24", "15-9-23", 9, 0, "16-10-23", 2, 1, "ndoúi", None, None],
    ["PY-03", "kuña", 70, "20-5-22", "T5", "VP", 3.5, "nahániri", "20-5-22", 8, 0, "21-6-22", 4, 1, "24-8-22", 3, 2],
]
# fmt: on


def _write(path: Path, note: str | None) -> Path:
    top = [*_TOP]
    sub: list[object] = [None] * len(_TOP)
    for visit in _VISITS:
        top += [visit, None, None]
        sub += ["fecha", "EVA", "oguata"]
    legend = "EVA 0-10. Oguata: 0 = ndoguatái, 1 = con andador, 2 = oguata ha'eño"
    rows = [["Registro de vertebroplastia"], [legend], [], top, sub, *_ROWS]
    if note is not None:
        rows += [[], [note]]
    merges = [("Registro", f"{c}4:{c}5") for c in "ABCDEFGH"]
    merges += [("Registro", rng) for rng in ("I4:K4", "L4:N4", "O4:Q4")]
    return _workbook(path, {"Registro": rows}, merges)


@pytest.mark.parametrize(("word", "answer"), [("héẽ", True), ("Héẽ", True), ("nahániri", False)])
def test_guarani_yes_and_no(word, answer):
    assert parse_boolean(word) is answer


def test_guarani_headers_for_death_and_walking():
    assert match_header("Omanõ (falleció)").label == "patients.died"
    found = match_header("Control 1 mes oguata")
    assert found is not None and (found.measure, found.timepoint) == ("mobility", "1m")


def test_a_guarani_register_loads_exactly(tmp_path):
    path = _write(
        tmp_path / "registro.xlsx", "Obs.: cemento en ml. Cemento usado: PMMA (Mendec Spine)."
    )
    loaded = load_cohort(path)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    pts = loaded.cohort.patients.assign(patient_id=lambda d: d["patient_id"].astype(str))
    got = pts.set_index("patient_id")
    assert got["died"].astype(bool).to_dict() == {"PY-01": False, "PY-02": True, "PY-03": False}
    assert int(got.loc["PY-02", "death_day"]) == (pd.Timestamp("2024-01-16") - pd.Timestamp("2023-09-15")).days  # fmt: skip
    a = loaded.cohort.assessments.merge(loaded.cohort.procedures[["procedure_id", "patient_id"]].drop_duplicates())  # fmt: skip
    moves = a[a["measure"] == "mobility"]
    walking = {
        (str(p), t): float(v)
        for p, t, v in moves[["patient_id", "timepoint", "value"]].itertuples(index=False)
    }
    assert walking == {
        ("PY-01", "pre"): 1, ("PY-01", "3m"): 2,
        ("PY-02", "pre"): 0, ("PY-02", "1m"): 1,
        ("PY-03", "pre"): 0, ("PY-03", "1m"): 1, ("PY-03", "3m"): 2,
    }  # fmt: skip
    assert set(loaded.cohort.procedures["cement_type"]) == {"PMMA"}
    notes = [s.note for s in inspect_input(path).sheets]
    assert any(
        "cement type PMMA from a note above the table's header or below its rows" in n
        for n in notes
    )
    _reproduced_by_its_mapping(path, tmp_path)


def test_a_note_naming_no_cement_or_two_fills_nothing(tmp_path):
    for note in (None, "Obs.: cemento en ml por nivel.", "Cemento: PMMA o Cortoss"):
        loaded = load_cohort(_write(tmp_path / "registro.xlsx", note))
        assert loaded.cohort.procedures["cement_type"].isna().all(), note
