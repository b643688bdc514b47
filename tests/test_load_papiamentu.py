"""A Papiamentu register saved by Excel as 'Unicode Text' (UTF-16, tab-separated): the
death column (``Fayesí``: si/no) and its date, the visits in weeks and years (``VAS 1
siman``, ``VAS 1 aña``), score cells saying a missed visit (``no a bini``), a death
(``fayesí``) or a visit continued under the second operation (``mira op. 2``), a leak per
level in the levels' order a spaced slash apart (``no / paravertebral`` beside ``T7 /
T8``), and a new-fracture column of si/no beside the fracture's own level column (``si``
is yes, never level S1 glued from a Roman numeral)."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.levels import LevelError, parse_levels
from analysis.load import load_cohort
from analysis.normalize.leakage_levels import sites_by_level
from analysis.spec import load_spec
from tests.test_load_visit_rows import _reproduced_by_its_mapping

_HEADER = [
    "Nr. studio", "Nòmber pashènt", "Sekso", "Edat", "Diagnose", "Operashon", "Fecha operashon",
    "Nivel(nan)", "Tekniek", "Sement (ml)", "Lekage", "VAS pre", "VAS 24 ora", "VAS 1 siman",
    "VAS 1 luna", "VAS 1 aña", "Fraktura nobo", "Fecha fraktura nobo", "Nivel fraktura nobo",
    "Fayesí", "Fecha fayesimentu",
]  # fmt: skip
_ROWS = [
    ["PA-01", "Wawoe, Giselle", "muhé", "71", "osteoporose", "1", "4-3-2022", "T7 / T8", "VP",
     "3,5 / 2,5", "no / paravertebral", "8", "5", "4", "no a bini", "3", "si", "1-9-2022", "T6",
     "no", ""],
    ["PA-02", "Rojer, Roberto", "hòmber", "80", "osteoporose", "1", "10-4-2022", "L1", "VP", "4",
     "disko", "7", "4", "no a biní", "3", "fayesí", "no", "", "", "si", "1-2-2023"],
    ["PA-03", "Daal, Edsel", "hòmber", "66", "trauma", "1", "12-5-2022", "L2 / L3", "KP",
     "3 / 3", "disko+venoso / no", "9", "6", "5", "4", "mira op. 2", "no", "", "", "no", ""],
    ["PA-04", "Doran, Myrna", "muhé", "75", "osteoporose", "1", "20-6-2022", "T12", "VP", "4",
     "no", "8", "6", "3", "3", "2", "no", "", "", "no", ""],
]  # fmt: skip


def _write(path: Path) -> Path:
    lines = ["\t".join(row) for row in [_HEADER, *_ROWS]]
    path.write_bytes("\r\n".join(lines).encode("utf-16"))  # with its byte-order mark
    return path


def test_papiamentu_register_read_whole(tmp_path):
    path = _write(tmp_path / "input.csv")
    result = load_cohort(path)
    assert [p.message for p in result.problems if p.severity == "error"] == []
    patients = result.cohort.patients.set_index("patient_id")
    assert patients["died"].to_dict() == {"PA-01": False, "PA-02": True, "PA-03": False, "PA-04": False}  # fmt: skip
    assert patients["sex"].to_dict() == {"PA-01": "female", "PA-02": "male", "PA-03": "male", "PA-04": "female"}  # fmt: skip
    pain = result.cohort.assessments.query("measure == 'pain_vas'")
    got = {(r.patient_id, r.timepoint): r.value for r in pain.itertuples()}
    assert got[("PA-01", "1w")] == 4 and got[("PA-01", "12m")] == 3
    assert got[("PA-04", "1w")] == 3 and got[("PA-04", "12m")] == 2
    assert ("PA-01", "1m") not in got and ("PA-02", "12m") not in got
    assert ("PA-03", "12m") not in got
    names = " ".join(p.message for p in result.problems)
    assert "Wawoe" not in names and "Giselle" not in names
    assert _reproduced_by_its_mapping(path, tmp_path)


def test_leak_per_level_a_spaced_slash_apart(tmp_path):
    result = load_cohort(_write(tmp_path / "input.csv"))
    procs = result.cohort.procedures
    got = {(r.patient_id, r.level): r.leakage for r in procs.itertuples()}
    assert got[("PA-01", "T7")] == "none"
    assert got[("PA-01", "T8")] == "paravertebral"
    assert got[("PA-03", "L2")] == "disc;venous"
    assert got[("PA-03", "L3")] == "none"
    spec = load_spec().column("procedures", "leakage")
    assert sites_by_level("no / paravertebral", spec) == (("#1", "none"), ("#2", "paravertebral"))
    # two sites a spaced slash apart, no none among them: the session's sites, not a list
    assert sites_by_level("disko / venoso", spec) is None


def test_si_beside_a_new_fracture_is_yes_not_level_s1(tmp_path):
    with pytest.raises(LevelError, match="not a vertebral level"):
        parse_levels("SI")
    with pytest.raises(LevelError, match="not a vertebral level"):
        parse_levels("LI")
    assert parse_levels("S I") == ("S1",)
    assert parse_levels("D. XII") == ("T12",)
    result = load_cohort(_write(tmp_path / "input.csv"))
    fractures = result.cohort.fractures
    assert list(zip(fractures["patient_id"], fractures["level"], strict=True)) == [("PA-01", "T6")]
    flag = [p for p in result.problems if p.column == "Fraktura nobo"]
    assert flag and "a yes/no flag" in flag[0].message
