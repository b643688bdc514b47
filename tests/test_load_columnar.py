"""Tidy tables read column by column give what the row-by-row reading gives.

The columnar reading (the default) parses each distinct value once and assembles
patients whose rows raise no question in bulk; ``LoadOptions(row_by_row=True)`` parses
and assembles every row singly. Both must give the same cohort, the same problems in
the same order and the same ledger, on clean tables and on tables soiled with every
kind of problem the loader reports.
"""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.config import LoadOptions
from analysis.io.columns import distinct
from analysis.load import load_cohort
from analysis.load.tidy import _duplicates
from analysis.synth import Messiness, synthesize, write_tidy

TABLES = ("patients", "procedures", "assessments", "fractures")


def _read(directory: Path) -> dict[str, pd.DataFrame]:
    return {
        t: pd.read_csv(directory / f"{t}.csv", dtype=str, keep_default_na=False) for t in TABLES
    }


def _write(frames: dict[str, pd.DataFrame], directory: Path) -> None:
    for t, f in frames.items():
        f.to_csv(directory / f"{t}.csv", index=False)


def _soil(f: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Every kind of problem, each on a different patient of a 120-patient cohort."""
    pts, procs, outs, fx = (f[t].copy() for t in TABLES)
    ids = list(pts["patient_id"])

    def at(frame: pd.DataFrame, pid: str) -> int:
        return int(frame.index[frame["patient_id"] == pid][0])

    # patients: bad, approximate and missing cells; a duplicate and a conflicting row;
    # follow-up before an event; a death said not to have happened; no procedure
    pts.loc[at(pts, ids[0]), "age_years"] = "eighty"
    pts.loc[at(pts, ids[1]), "age_years"] = "~70"
    pts.loc[at(pts, ids[2]), "sex"] = ""
    twin = pts.loc[[at(pts, ids[4])]].assign(sex=lambda d: d["sex"].map({"male": "female"}))
    pts = pd.concat([pts, pts.loc[[at(pts, ids[3])]], twin], ignore_index=True)
    pts.loc[at(pts, ids[5]), "followup_days"] = "-5"
    with_fx = fx["patient_id"].iloc[0]
    pts.loc[at(pts, with_fx), "followup_days"] = "1"
    pts.loc[at(pts, ids[6]), ["died", "death_day"]] = ["False", "100"]
    pts.loc[len(pts)] = {**pts.iloc[7].to_dict(), "patient_id": "VA9999"}
    # procedures: unreadable, partly known and multi-level levels; a missing key; a
    # repeat with no earlier session; one identifier for two patients; a session on
    # two days; the same vertebra twice in a session; an unknown patient; volumes with
    # units and commas
    procs.loc[at(procs, ids[8]), "level"] = "L?"
    procs.loc[at(procs, ids[9]), "level"] = "T11, T12"
    procs.loc[at(procs, ids[10]), "day"] = ""
    procs.loc[at(procs, ids[11]), "is_repeat"] = "True"
    procs.loc[at(procs, ids[12]), "procedure_id"] = procs.loc[at(procs, ids[13]), "procedure_id"]
    multi = procs["procedure_id"][procs["procedure_id"].duplicated()].iloc[0]
    procs.loc[procs.index[procs["procedure_id"] == multi][-1], "day"] = "3"
    again = procs.loc[[at(procs, ids[14])]].assign(cement_volume_ml="9.9")
    procs = pd.concat([procs, again], ignore_index=True)
    procs.loc[len(procs)] = {**procs.iloc[0].to_dict(), "patient_id": "NOBODY"}
    procs.loc[len(procs)] = {
        **procs.iloc[0].to_dict(),
        "patient_id": "STRANGER",
        "procedure_id": "STRANGER-1",
    }
    procs.loc[at(procs, ids[15]), "cement_volume_ml"] = "3,5 cc"
    procs.loc[at(procs, ids[16]), "cement_volume_ml"] = ""
    shared = procs["procedure_id"][procs["procedure_id"].duplicated()].unique()
    procs.loc[procs.index[procs["procedure_id"] == shared[2]][0], "cement_volume_ml"] = ""
    last = procs.index[procs["procedure_id"] == shared[3]][0]
    procs.loc[last, ["cement_volume_ml", "session_cement_volume_ml"]] = ["", ""]
    procs["is_repeat"] = procs["is_repeat"].where(~procs["patient_id"].isin(ids[17:40]), "")
    # assessments: an unreadable score, another patient's procedure, no procedure, the
    # same outcome twice
    outs.loc[at(outs, ids[20]), "value"] = "eleven"
    outs.loc[at(outs, ids[21]), "procedure_id"] = procs.loc[at(procs, ids[22]), "procedure_id"]
    outs.loc[at(outs, ids[23]), "procedure_id"] = "NOWHERE-1"
    dup = outs.loc[[at(outs, ids[24])]].assign(value="1")
    outs = pd.concat([outs, dup], ignore_index=True)
    # fractures: before the index procedure, recorded twice, an unknown level
    fx.loc[len(fx)] = {**fx.iloc[0].to_dict(), "patient_id": ids[25], "day": "-3"}
    fx.loc[len(fx)] = {**fx.iloc[0].to_dict(), "patient_id": ids[26], "day": "40"}
    fx.loc[len(fx)] = {**fx.iloc[0].to_dict(), "patient_id": ids[26], "day": "40"}
    fx.loc[len(fx)] = {**fx.iloc[0].to_dict(), "patient_id": ids[27], "day": "50", "level": "T13"}
    return {"patients": pts, "procedures": procs, "assessments": outs, "fractures": fx}


def _agree(path: Path, **settings: object) -> None:
    fast = load_cohort(path, LoadOptions(**settings))  # type: ignore[arg-type]
    slow = load_cohort(path, LoadOptions(row_by_row=True, **settings))  # type: ignore[arg-type]
    for t in TABLES:
        pd.testing.assert_frame_equal(getattr(fast.cohort, t), getattr(slow.cohort, t))
    assert [str(p) for p in fast.problems] == [str(p) for p in slow.problems]
    pd.testing.assert_frame_equal(fast.ledger, slow.ledger)
    assert fast.rows_in == fast.rows_loaded + fast.rows_reported


@pytest.fixture(scope="module")
def soiled(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("soiled")
    write_tidy(synthesize(120, seed=7), directory)
    _write(_soil(_read(directory)), directory)
    return directory


def test_clean_and_messy_tables_agree(tmp_path):
    cohort = synthesize(80, seed=3)
    write_tidy(cohort, tmp_path / "clean")
    write_tidy(cohort, tmp_path / "messy", Messiness())
    _agree(tmp_path / "clean")
    _agree(tmp_path / "messy")
    assert load_cohort(tmp_path / "clean").errors == []


@pytest.mark.parametrize("policy", ["cell", "row", "patient"])
def test_soiled_tables_agree_under_each_policy(soiled, policy):
    _agree(soiled, policy=policy)


def test_soiled_tables_report_every_planted_problem(soiled):
    result = load_cohort(soiled)
    text = "\n".join(str(p) for p in result.problems)
    for expected in (
        "patients!C2 [age_years] 'text of 6 characters': not a number",
        "approximate value read as 70",
        "exact duplicate of row",
        "conflicting sex",
        "followup_days must be at least 0 days",
        "day is required",
        "known only by its region (L?)",
        "is recorded on different days",
        "marked as a repeat but",
        "is recorded for 2 patients",
        "conflicting cement_volume_ml",
        "NOWHERE-1",
        "procedures of patient STRANGER, who is not in the patients table",
        "outcome of patient VA0022 refers to procedure 'VA0023-1', which is of patient VA0023",
        "conflicting value",
        "day must be at least 0 days",
        "'T13': not a vertebral level",
        "a date of death is recorded but died is 'no'",
        "follow-up ends on day 1",
        "VA9999 has no procedure",
    ):
        assert expected in text, expected
    assert "patient None" not in text
    assert "VA9999" not in set(result.cohort.patients["patient_id"])
    # the bulk of the cohort is untouched
    assert result.cohort.patients["patient_id"].nunique() > 80


def test_parquet_and_workbook_tables_agree(tmp_path, soiled):
    frames = _read(soiled)
    pq = tmp_path / "pq"
    pq.mkdir()
    with pd.ExcelWriter(tmp_path / "tidy.xlsx") as xw:
        for t, f in frames.items():
            f.replace("", None).to_parquet(pq / f"{t}.parquet")
            f.to_excel(xw, sheet_name=t, index=False)
    _agree(pq)
    _agree(tmp_path / "tidy.xlsx")


def test_typed_parquet_round_trips_columnar(tmp_path):
    cohort = synthesize(50, seed=11)
    for t in TABLES:
        getattr(cohort, t).to_parquet(tmp_path / f"{t}.parquet")
    _agree(tmp_path)
    result = load_cohort(tmp_path)
    assert result.errors == []
    for t in TABLES:
        pd.testing.assert_frame_equal(
            getattr(result.cohort, t).reset_index(drop=True),
            getattr(cohort, t).reset_index(drop=True),
        )


def test_repeats_inferred_from_session_order(tmp_path):
    cohort = synthesize(400, seed=5)
    write_tidy(cohort, tmp_path)
    procs = pd.read_csv(tmp_path / "procedures.csv", dtype=str, keep_default_na=False)
    assert procs["is_repeat"].eq("True").sum() >= 5
    procs.assign(is_repeat="").to_csv(tmp_path / "procedures.csv", index=False)
    _agree(tmp_path)
    loaded = load_cohort(tmp_path).cohort.procedures
    assert loaded["is_repeat"].tolist() == cohort.procedures["is_repeat"].tolist()


_CELLS = st.one_of(
    st.none(), st.sampled_from(["", " ", "L1", " L1", "L1 ", "1", "1.0", "x"]), st.integers(0, 2)
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_CELLS, min_size=3, max_size=3), min_size=1, max_size=40))
def test_duplicate_rows_are_rows_equal_as_trimmed_text(rows):
    """The integer row key finds exactly the rows whose cells, as trimmed text, repeat an
    earlier row, and points each at the first such row."""
    cols = [distinct(np.array([r[j] for r in rows], dtype=object)) for j in range(3)]
    repeated, first = _duplicates(cols)
    text = [tuple("" if v is None else str(v).strip() for v in r) for r in rows]
    expected_first = [text.index(t) for t in text]
    assert first.tolist() == expected_first
    assert repeated.tolist() == [f != i for i, f in enumerate(expected_first)]
