"""A long log of events in date order, one row per event and a blank row between
patients, without an event column: a follow-up row naming a vertebra whose remark says a
new fracture was found there is that fracture's row, never a vertebra treated; a
multi-level session writes only its total ("total 10.5cc (PMMA)") and each vertebra's leak
after its level ("T11 venous / T12 none"); the day after the
procedure is "POD#1". Written from a synthetic cohort whose truth the generator knows."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest

from analysis.load import inspect_input, load_cohort
from analysis.normalize.cells import parse_volume, volume_with_cement
from analysis.normalize.leakage_levels import sites_by_level
from analysis.normalize.timepoints import timepoint_of
from analysis.schema import Cohort
from analysis.spec import load_spec
from analysis.synth import SynthParams, synthesize
from tests.test_any_workbook import _workbook
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

START = date(2022, 3, 2)
HEADER = ["Study ID", "Date", "Visit", "Technique", "Level", "Cement", "Leakage", "VAS", "Remarks"]  # fmt: skip


@pytest.fixture(scope="module")
def truth() -> Cohort:
    return synthesize(24, seed=20261121, params=SynthParams(p_new_fracture=0.6))


def _fmt(v: float) -> str:
    return f"{v:g}"


def _rows(truth: Cohort) -> list[list[object]]:
    """Each patient's events in date order, a blank row after each patient."""
    rows: list[list[object]] = [HEADER]
    pain = truth.assessments[truth.assessments["measure"] == "pain_vas"]
    for pid in truth.patients["patient_id"]:
        events: list[tuple[int, int, list[object]]] = []
        vas = {
            (r["procedure_id"], r["timepoint"]): r["value"]
            for r in pain[pain["patient_id"] == pid].to_dict("records")
        }
        procs = truth.procedures[truth.procedures["patient_id"] == pid]
        for (proc_id, day), s in procs.groupby(["procedure_id", "day"], sort=True):
            levels, vols = list(s["level"]), list(s["cement_volume_ml"])
            cement = f"{_fmt(vols[0])}cc" if len(levels) == 1 else f"total {_fmt(sum(vols))}cc (PMMA)"  # fmt: skip
            tech = "PVP" if s["technique"].iloc[0] == "vertebroplasty" else "KP"
            leak = _leakage(levels, list(s["leakage"]))
            events.append((int(day), 1, [None, tech, ", ".join(levels), cement, leak, None, None]))  # fmt: skip
            if (proc_id, "pre") in vas:
                events.append((int(day) - 1, 0, ["pre", *[None] * 4, vas[proc_id, "pre"], None]))  # fmt: skip
            if (proc_id, "24h") in vas:
                events.append((int(day) + 1, 2, ["POD#1", *[None] * 4, vas[proc_id, "24h"], None]))  # fmt: skip
        for f in truth.fractures[truth.fractures["patient_id"] == pid].to_dict("records"):
            remark = f"new compression fracture {f['level']} (MRI)"
            events.append((int(f["day"]), 3, [None, None, f["level"], None, None, None, remark]))
        for day, _, cells in sorted(events, key=lambda e: (e[0], e[1])):
            rows.append([pid, START + timedelta(days=day), *cells])
        rows.append([None] * len(HEADER))
    return rows


def _leakage(levels: list[str], leaks: list[str]) -> str:
    """ "none" when no vertebra leaked, else each vertebra's sites after its level, the
    vertebrae set apart by a spaced slash ("T11 paravertebral, foraminal / T12 none")."""
    if all(leak == "none" for leak in leaks):
        return "none"
    if len(levels) == 1:
        return leaks[0].replace(";", ", ")
    return " / ".join(f"{lv} {leak.replace(';', ', ')}" for lv, leak in zip(levels, leaks, strict=True))  # fmt: skip


def _fractures(cohort: Cohort) -> set[tuple[str, int, str]]:
    f = cohort.fractures
    return {(str(r["patient_id"]), int(r["day"]), str(r["level"])) for r in f.to_dict("records")}


def _vertebrae(cohort: Cohort) -> set[tuple[str, int, str]]:
    p = cohort.procedures
    return {(str(r["patient_id"]), int(r["day"]), str(r["level"])) for r in p.to_dict("records")}


def _leaks(cohort: Cohort) -> dict[tuple[str, int, str], frozenset[str]]:
    p = cohort.procedures
    return {
        (str(r["patient_id"]), int(r["day"]), str(r["level"])): frozenset(
            str(r["leakage"]).split(";")
        )
        for r in p.to_dict("records")
    }


def test_a_remark_naming_a_new_fracture_at_the_rows_level_makes_it_the_fractures_row(
    tmp_path: Path, truth: Cohort
) -> None:
    assert len(truth.fractures) >= 3  # the shape under test: follow-up rows of new fractures
    path = _workbook(tmp_path / "log.xlsx", {"Log": _rows(truth)})
    loaded = load_cohort(path)
    assert _fractures(loaded.cohort) == _fractures(truth)
    assert _vertebrae(loaded.cohort) == _vertebrae(truth)
    said = [p for p in loaded.problems if p.rule == "event_rows"]
    assert len(said) == 1 and said[0].column == "Remarks"
    assert f"new fracture at the vertebra of the row's level cell on {len(truth.fractures)} row(s)" in said[0].message  # fmt: skip
    shown = {c.header: c for c in inspect_input(path).columns}["Remarks"]
    assert shown.label is None
    assert shown.reason == f"remarks: {len(truth.fractures)} row(s) of a new fracture at the row's level"  # fmt: skip
    _reproduced_by_its_mapping(path, tmp_path)


def test_a_sessions_total_with_its_cement_in_brackets_and_pod_hash_one_are_read(
    tmp_path: Path, truth: Cohort
) -> None:
    loaded = load_cohort(_workbook(tmp_path / "log.xlsx", {"Log": _rows(truth)})).cohort
    want = truth.procedures.groupby(["patient_id", "day"])["cement_volume_ml"].agg(["sum", "size"])
    got = loaded.procedures.set_index(["patient_id", "day"])
    for (pid, day), (total, n) in want.iterrows():
        rows = got.loc[(pid, day)]
        column = "session_cement_volume_ml" if n > 1 else "cement_volume_ml"
        assert pd.Series(rows[column]).round(3).tolist() == [round(total, 3)] * int(n)
        # the cement in brackets after the session's total: each of its vertebrae's
        cement = pd.Series(rows["cement_type"]).astype(object).where(lambda x: x.notna(), None)
        assert cement.tolist() == (["PMMA"] * int(n) if n > 1 else [None])
    assert _leaks(loaded) == _leaks(truth)
    multi = truth.procedures.groupby(["patient_id", "day"])["leakage"].agg(lambda x: len(set(x)))
    assert (multi > 1).any()  # the shape under test: vertebrae of one session leaking apart
    pain = loaded.assessments
    pain = pain[(pain["measure"] == "pain_vas") & (pain["timepoint"] == "24h")]
    t = truth.assessments
    assert len(pain) == ((t["measure"] == "pain_vas") & (t["timepoint"] == "24h")).sum() > 0


def test_a_remark_that_names_another_vertebra_or_a_treated_row_is_no_fracture(
    tmp_path: Path,
) -> None:
    rows: list[list[object]] = [
        HEADER,
        ["P1", date(2023, 1, 9), "pre", None, None, None, None, 8, None],
        ["P1", date(2023, 1, 10), None, "PVP", "L1", "4cc", "none", None, "new fracture L1"],
        ["P1", date(2023, 2, 10), None, None, "L2", None, None, None, "new fracture L3"],
        ["P1", date(2023, 3, 10), None, None, "T12", None, None, None, "new fracture T12"],
        ["P1", date(2023, 4, 10), None, None, "T10", None, None, None, "MRI: new acute # T10"],
        ["P1", date(2023, 5, 10), None, None, "L4", None, None, None, "# L4 healed"],
    ]
    loaded = load_cohort(_workbook(tmp_path / "log.xlsx", {"Log": rows})).cohort
    # "new #": a new fracture's header words in their order among the remark's
    assert _fractures(loaded) == {("P1", 59, "T12"), ("P1", 90, "T10")}
    assert ("P1", 0, "L1") in _vertebrae(loaded) and ("P1", 31, "L2") in _vertebrae(loaded)


def test_leakage_written_vertebra_by_vertebra_after_spaced_slashes() -> None:
    col = load_spec().column("procedures", "leakage")
    assert sites_by_level("T11 척추주위, 추간공 / T12 없음", col) == (
        ("T11", "foraminal;paravertebral"),
        ("T12", "none"),
    )
    assert sites_by_level("L3 none / L4 - vein", col) == (("L3", "none"), ("L4", "venous"))
    assert sites_by_level("L3 none / vein", col) is None


def test_number_sign_and_bracketed_cement_notes() -> None:
    assert [timepoint_of(t) for t in ("POD#1", "pod # 1", "Day #7", "#1")] == ["24h", "24h", "1w", None]  # fmt: skip
    assert parse_volume("총 10.5cc (PMMA)") == parse_volume("10.5 ml [Vertecem]") == 10.5
    assert volume_with_cement("총 10.5cc (PMMA)") == volume_with_cement("4 ml [Vertecem]") == "PMMA"
    assert volume_with_cement("4 ml (approx)") is None and volume_with_cement("5cc") is None
    with pytest.raises(ValueError, match="not a cement volume"):
        parse_volume("(PMMA)")
