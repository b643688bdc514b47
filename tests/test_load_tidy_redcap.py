import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.config import LoadOptions
from analysis.load import load_cohort
from analysis.problems import InputFormatError
from analysis.synth import write_redcap, write_tidy


def _same(a, b):
    for name in ("patients", "procedures", "assessments", "fractures"):
        x = getattr(a, name).sort_values(list(getattr(a, name).columns[:3])).reset_index(drop=True)
        y = getattr(b, name).sort_values(list(getattr(b, name).columns[:3])).reset_index(drop=True)
        pd.testing.assert_frame_equal(x, y, check_dtype=True)


def test_tidy_csv_directory_round_trips(tmp_path, small_cohort):
    write_tidy(small_cohort, tmp_path)
    result = load_cohort(tmp_path)
    assert result.errors == [] and result.rows_reported == 0
    _same(result.cohort, small_cohort)


def test_tidy_parquet_and_workbook_round_trip(tmp_path, small_cohort):
    pq = tmp_path / "pq"
    pq.mkdir()
    with pd.ExcelWriter(tmp_path / "tidy.xlsx") as xw:
        for name in ("patients", "procedures", "assessments", "fractures"):
            frame = getattr(small_cohort, name)
            frame.to_parquet(pq / f"{name}.parquet")
            frame.to_excel(xw, sheet_name=name, index=False)
    _same(load_cohort(pq).cohort, small_cohort)
    _same(load_cohort(tmp_path / "tidy.xlsx").cohort, small_cohort)


def test_tidy_conflicts_references_and_sequences(tmp_path, small_cohort):
    write_tidy(small_cohort, tmp_path)
    pts = pd.read_csv(tmp_path / "patients.csv", dtype=str)
    pid = pts.loc[0, "patient_id"]
    twin = pts.iloc[[0]].copy()
    twin["sex"] = "male" if pts.loc[0, "sex"] == "female" else "female"
    pts.loc[1, "followup_days"] = "-5"
    pd.concat([pts, twin]).to_csv(tmp_path / "patients.csv", index=False)
    fx = pd.read_csv(tmp_path / "fractures.csv", dtype=str)
    fx.loc[len(fx)] = {
        "patient_id": "NOBODY",
        "day": "10",
        "level": "L1",
        "symptomatic": "True",
        "trauma": "False",
    }
    fx.to_csv(tmp_path / "fractures.csv", index=False)
    result = load_cohort(tmp_path)
    msgs = [str(p) for p in result.errors]
    assert any(f"patient {pid}: conflicting sex on rows 2, {len(pts) + 2}" in m for m in msgs)
    assert any(
        "patients!I3 [followup_days] '-5': followup_days must be at least 0 days" in m for m in msgs
    )
    assert any("NOBODY, who is not in the patients table" in m for m in msgs)
    # cell policy: the conflicting sex becomes missing and the patient stays
    kept = result.cohort.patients.set_index("patient_id")
    assert pd.isna(kept.loc[pid, "sex"])
    assert result.rows_in == result.rows_loaded + result.rows_reported
    strict = load_cohort(tmp_path, LoadOptions(policy="patient"))
    assert pid not in set(strict.cohort.patients["patient_id"])
    assert strict.rows_in == strict.rows_loaded + strict.rows_reported


def test_redcap_export_round_trips(tmp_path, small_cohort):
    records, dictionary = write_redcap(small_cohort, tmp_path)
    result = load_cohort(tmp_path)
    assert result.errors == []
    c = result.cohort
    assert c.counts()["procedures"] == len(small_cohort.procedures)
    assert c.counts()["fractures"] == len(small_cohort.fractures)
    merged = c.procedures.merge(
        small_cohort.procedures, on=["patient_id", "level", "day"], suffixes=("", "_ref")
    )
    assert len(merged) == len(small_cohort.procedures)
    assert (merged["leakage"] == merged["leakage_ref"]).all()  # checkbox columns decoded
    text = c.patients.to_csv() + c.procedures.to_csv()
    assert "Garcia" not in text and "Smith" not in text
    assert load_cohort(records, redcap_dictionary=dictionary).cohort.counts() == c.counts()


def test_redcap_events_give_time_points(tmp_path):
    (tmp_path / "dict_DataDictionary.csv").write_text(
        '"Variable / Field Name","Form Name","Section Header","Field Type","Field Label","Choices, Calculations, OR Slider Labels","Identifier?"\n'
        'record_id,baseline,,text,Study ID,,\nmrn,baseline,,text,Hospital number,,y\nsex,baseline,,radio,Sex,"1, Female | 2, Male",\n'
        "level,baseline,,text,Treated level,,\nvas,outcome,,text,Pain VAS,,\n"
    )
    (tmp_path / "export.csv").write_text(
        "record_id,redcap_event_name,mrn,sex,level,vas\n"
        "R1,baseline_arm_1,99887766,1,L1,8\nR1,month_1_arm_1,,,,3\nR1,month_3_arm_1,,,,2\nR2,baseline_arm_1,11223344,2,T12,9\n"
    )
    result = load_cohort(tmp_path)
    assert result.errors == []
    a = result.cohort.assessments
    assert sorted(zip(a["patient_id"], a["timepoint"].astype(str), a["value"], strict=True)) == [
        ("R1", "1m", 3.0),
        ("R1", "3m", 2.0),
        ("R1", "pre", 8.0),
        ("R2", "pre", 9.0),
    ]
    assert "99887766" not in result.cohort.patients.to_csv()


def test_directory_that_is_neither_form(tmp_path):
    with pytest.raises(InputFormatError, match=r"must hold the tidy tables \(patients\.csv, procedures\.csv.*holds none of them"):  # fmt: skip
        load_cohort(tmp_path)


def test_directory_of_a_units_own_exports(tmp_path):
    """A patients file and a procedures file as a hospital system exports them: each a
    sheet of one workbook, linked by the study ID."""
    (tmp_path / "pts.csv").write_text("StudyID,Sex,AgeAtProcedure\nB1,F,70\nB2,M,80\n")
    (tmp_path / "procs.csv").write_text(
        "StudyID,ProcedureDate,VertebralLevel,CementVolume_mL\nB1,2021-01-05,L1,3\nB2,2021-02-01,T12,4\n"
    )
    result = load_cohort(tmp_path)
    assert result.errors == []
    assert dict(zip(result.cohort.procedures["patient_id"], result.cohort.procedures["level"].astype(str), strict=True)) == {"B1": "L1", "B2": "T12"}  # fmt: skip
    assert list(result.cohort.patients["sex"].astype(str)) == ["female", "male"]


cells = st.sampled_from(["L1", "T12/L1", "L7", "", "n/a", "Th9", "L2-4", "x"])
volumes = st.sampled_from(["3.5", "4 cc", "lots", "", "4,5", "99"])
vas = st.sampled_from(["8", "12", "", "n/a", "7.5", "-1"])


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(st.sampled_from(["A", "B", "C", "", "D"]), cells, volumes, vas),
        min_size=1,
        max_size=12,
    )
)
def test_rows_are_conserved(tmp_path, rows):
    path = tmp_path / "rows.csv"
    lines = ["Study ID,Level,Cement volume,VAS pre"] + [",".join(r) for r in rows]
    path.write_text("\n".join(lines) + "\n")
    result = load_cohort(path)
    data_rows = sum(1 for r in rows if any(r))
    assert result.rows_in == data_rows
    assert result.rows_in == result.rows_loaded + result.rows_reported
    reported = set(result.ledger.loc[result.ledger["status"] == "reported", "row"])
    assert reported <= {p.row for p in result.problems}


def test_tidy_exact_duplicate_row_is_reported_once_and_first_copy_kept(tmp_path, small_cohort):
    write_tidy(small_cohort, tmp_path)
    procs = pd.read_csv(tmp_path / "procedures.csv", dtype=str)
    pd.concat([procs, procs.iloc[[3]]]).to_csv(tmp_path / "procedures.csv", index=False)
    result = load_cohort(tmp_path)
    assert [(p.sheet, p.row, p.rule) for p in result.errors] == [
        ("procedures", len(procs) + 2, "duplicate_row")
    ]
    assert "exact duplicate of row 5" in result.errors[0].message
    _same(result.cohort, small_cohort)


def test_follow_up_events_numbered_by_the_procedure_they_follow(tmp_path):
    """An export of events without its dictionary: ``fu_1m_arm_1`` follows the first
    procedure, ``fu2_1m_arm_1`` (the visit word numbered by its procedure) the second;
    each is the 1-month visit, placed in its session by its date."""
    from datetime import datetime

    from tests.test_any_workbook import _workbook

    header = ["record_id", "redcap_event_name", "sex", "proc_date", "level_1", "visit_date", "vas"]
    rows = [
        header,
        ["K-1", "baseline_arm_1", "female", None, None, None, None],
        ["K-1", "procedure_1_arm_1", None, datetime(2022, 3, 1), "L1", None, 8],
        ["K-1", "fu_1m_arm_1", None, None, None, datetime(2022, 4, 2), 3],
        ["K-1", "procedure_2_arm_1", None, datetime(2022, 9, 5), "L3", None, 9],
        ["K-1", "fu2_1m_arm_1", None, None, None, datetime(2022, 10, 6), 4],
        ["K-2", "baseline_arm_1", "male", None, None, None, None],
        ["K-2", "procedure_1_arm_1", None, datetime(2022, 5, 1), "T12", None, 7],
        ["K-2", "fu_1m_arm_1", None, None, None, datetime(2022, 6, 1), 2],
    ]
    result = load_cohort(_workbook(tmp_path / "events.xlsx", {"export": rows}))
    assert result.errors == []
    a = result.cohort.assessments
    procs = result.cohort.procedures
    session = dict(zip(procs["procedure_id"], procs["level"].astype(str), strict=True))
    got = sorted((p, session[s], str(t), v) for p, s, t, v in zip(a["patient_id"], a["procedure_id"], a["timepoint"], a["value"], strict=True))  # fmt: skip
    assert got == [
        ("K-1", "L1", "1m", 3.0), ("K-1", "L1", "pre", 8.0),
        ("K-1", "L3", "1m", 4.0), ("K-1", "L3", "pre", 9.0),
        ("K-2", "T12", "1m", 2.0), ("K-2", "T12", "pre", 7.0),
    ]  # fmt: skip
