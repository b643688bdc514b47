"""What small series report: treatment history before the index procedure, failure day,
reason and outcome per procedure, and levels known only by their region (``L?``)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.levels import LevelError, is_partly_known, parse_levels
from analysis.load import load_cohort
from analysis.stats import classify_fractures, fracture_free_survival, vertebrae_at_risk


def test_partly_known_levels_parse_only_where_asked() -> None:
    assert parse_levels("L?, T11, L1, ?", partly_known=True) == ("T11", "L1", "L?", "?")
    assert parse_levels("Th?", partly_known=True) == ("T?",)
    assert is_partly_known("L?") and not is_partly_known("L1")
    with pytest.raises(LevelError, match="'L\\?' is not a vertebral level"):
        parse_levels("L?")  # a treated vertebra needs its number


def _write(folder: Path, fractures_level: str) -> Path:
    folder.mkdir()
    pd.DataFrame(
        {
            "patient_id": ["A", "B"],
            "sex": ["female", "male"],
            "age_years": [78, 85],
            "followup_days": [400, 300],
            "prior_fracture_levels": ["L3, T9, T11", "L?"],
            "prior_treated_levels": ["", "T11, L1"],
        }
    ).to_csv(folder / "patients.csv", index=False)
    pd.DataFrame(
        {
            "procedure_id": ["A-1", "B-1", "B-2"],
            "patient_id": ["A", "B", "B"],
            "day": [0, 0, 35],
            "level": ["L4", "L4", "L4"],
            "technique": ["kyphoplasty", "kyphoplasty", "vertebroplasty"],
            "is_repeat": [False, False, True],
            "cement_type": ["PMMA", "PMMA", "Cortoss"],
            "indication": ["initial", "initial", "unrelieved pain"],
            "failure_day": ["14", "21", ""],
            "failure_reason": ["partial fill", "cement missed fracture; disc leakage", ""],
            "outcome": ["worse", "unchanged", "very good relief"],
        }
    ).to_csv(folder / "procedures.csv", index=False)
    pd.DataFrame({"patient_id": ["A"], "day": [42], "level": [fractures_level]}).to_csv(
        folder / "fractures.csv", index=False
    )
    return folder


def test_history_failure_and_outcome_load(tmp_path: Path) -> None:
    result = load_cohort(_write(tmp_path / "series", "L3"))
    assert not result.errors, [str(p) for p in result.errors]
    pts = result.cohort.patients.set_index("patient_id")
    assert pts.loc["A", "prior_fracture_levels"] == "T9, T11, L3"  # cranial to caudal
    assert pts.loc["B", "prior_treated_levels"] == "T11, L1"
    procs = result.cohort.procedures.set_index("procedure_id")
    assert procs.loc["A-1", "failure_day"] == 14 and pd.isna(procs.loc["B-2", "failure_day"])
    assert procs.loc["B-1", "failure_reason"] == "cement_missed_fracture;disc_leakage"
    assert list(procs["outcome"].astype(str)) == ["worse", "unchanged", "relieved"]
    warned = [str(p) for p in result.problems if p.rule == "partly_known_level"]
    assert len(warned) == 1 and "level known only as L?" in warned[0]


def test_a_fracture_known_only_by_region_still_counts(tmp_path: Path) -> None:
    """A new fracture given as 'L?' is an event of unknown class, never a lost row."""
    result = load_cohort(_write(tmp_path / "series", "L?"))
    assert not result.errors, [str(p) for p in result.errors]
    fx = result.cohort.fractures
    assert len(fx) == 1 and pd.isna(fx["level"].iloc[0])
    msgs = [str(p) for p in result.problems if p.rule == "partly_known_level"]
    assert any("new fracture at a level known only by its region (L?)" in m for m in msgs)
    assert classify_fractures(result.cohort)["fracture_class"].tolist() == ["unclassified"]
    km = fracture_free_survival(result.cohort)
    assert km.curve().n_events == 1


def test_a_treated_level_known_only_by_region_keeps_its_session(tmp_path: Path) -> None:
    """'L?' as a treated level: the session stays (its day, technique, failure), the
    vertebra has no level, and a later fracture that is not at a known treated level
    cannot be called adjacent or remote."""
    folder = _write(tmp_path / "series", "L3")
    procs = pd.read_csv(folder / "procedures.csv", dtype=str, keep_default_na=False)
    procs.loc[procs["procedure_id"] == "A-1", "level"] = "L?"
    procs.to_csv(folder / "procedures.csv", index=False)
    result = load_cohort(folder)
    assert not result.errors, [str(p) for p in result.errors]
    kept = result.cohort.procedures.set_index("procedure_id")
    assert pd.isna(kept.loc["A-1", "level"]) and kept.loc["A-1", "failure_day"] == 14
    assert any(
        "treated vertebra at a level known only by its region (L?)" in str(p)
        for p in result.problems
    )
    assert classify_fractures(result.cohort)["fracture_class"].tolist() == ["unclassified"]
    at_risk = vertebrae_at_risk(result.cohort)
    assert set(at_risk["patient_id"]) == {"B"}  # A's vertebrae at risk are unknown
