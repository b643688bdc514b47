import pandas as pd
import pytest

from analysis.config import LoadOptions
from analysis.load import load_cohort
from analysis.problems import CohortDataError, InputFormatError
from tests.helpers import DOBS, MRNS, NAMES, clean_rows, write_messy_workbook


def test_clean_messy_workbook_loads_everything(tmp_path):
    result = load_cohort(write_messy_workbook(tmp_path / "r.xlsx", clean_rows()))
    c = result.cohort
    assert result.errors == []
    assert (result.rows_in, result.rows_loaded, result.rows_reported) == (4, 4, 0)
    assert c.counts() == {"patients": 3, "procedures": 5, "assessments": 7, "fractures": 1}
    s01 = c.procedures[c.procedures["patient_id"] == "S01"]
    assert list(s01["level"].astype(str)) == ["T12", "L1"] and set(s01["procedure_id"]) == {"S01-1"}
    s02 = c.procedures[c.procedures["patient_id"] == "S02"].sort_values("day")
    assert list(s02["day"]) == [0, 90]  # 2020-02-01 -> 2020-05-01
    assert list(s02["is_repeat"]) == [False, True]  # L2 treated again: derived, documented
    assert list(s02["cement_volume_ml"]) == [4.5, 6.5]
    assert c.fractures.iloc[0][["patient_id", "day", "level"]].tolist() == ["S02", 29, "L3"]
    pts = c.patients.set_index("patient_id")
    assert pts.loc["S01", "followup_days"] == 366 and pts.loc["S03", "sex"] == "female"
    assert str(c.procedures.set_index("patient_id").loc["S03", "level"]) == "T11"
    pre = c.assessments[
        (c.assessments["timepoint"] == "pre") & (c.assessments["measure"] == "pain_vas")
    ]
    assert sorted(pre["value"]) == [7, 8, 9]  # S03's 'n/a' is missing, not zero


def test_identifiers_never_reach_tables_or_problems(tmp_path):
    rows = clean_rows()
    rows[0][7] = "L9"
    result = load_cohort(write_messy_workbook(tmp_path / "r.xlsx", rows))
    text = "\n".join(str(p) for p in result.problems)
    for frame in vars(result.cohort).values():
        text += frame.to_csv()
    for secret in (*NAMES, *MRNS, *(d.strftime("%Y-%m-%d") for d in DOBS), "2020-01-10"):
        assert secret not in text
    assert not any(
        c in frame.columns for frame in vars(result.cohort).values() for c in ("name", "mrn", "dob")
    )


def test_every_bad_cell_is_named_with_sheet_row_and_column(tmp_path):
    rows = clean_rows()
    rows[0][7] = "L7"  # H5
    rows[1][9] = "lots"  # J6
    rows[3][10] = 12  # K8
    rows[3][4] = "X"  # E8
    path = write_messy_workbook(tmp_path / "r.xlsx", rows)
    result = load_cohort(path)
    shown = {str(p) for p in result.errors}
    assert (
        "ERROR r.xlsx:Cases!H5 [Level(s)] 'L7': not a vertebral level (C1-S1) [patient excluded]"
        in shown
    )
    # a word in a numeric cell is shown by its shape, never verbatim (it may be a name)
    assert any(
        s.startswith(
            "ERROR r.xlsx:Cases!J6 [Cement Volume] 'text of 4 characters': not a cement volume"
        )
        and s.endswith("[cell set to missing]")
        for s in shown
    )
    assert any(
        s.startswith("ERROR r.xlsx:Cases!K8 [VAS pain Pre] '12': pain_vas must lie within 0-10")
        for s in shown
    )
    assert (
        "ERROR r.xlsx:Cases!E8 [Sex] 'X': not a recognised sex (female, male) [cell set to missing]"
        in shown
    )
    # cell policy: only the bad level (a key) excludes its row, and with it patient S01;
    # the bad volume, pain and sex cells become missing and their rows load
    assert result.rows_in == result.rows_loaded + result.rows_reported == 4
    assert set(result.cohort.patients["patient_id"]) == {"S02", "S03"}
    s03 = result.cohort.patients.set_index("patient_id").loc["S03"]
    assert pd.isna(s03["sex"])
    assert result.cohort.procedures["cement_volume_ml"].isna().sum() == 1
    # patient policy: any error excludes the patient (S01..S03 all lost)
    strict_rows = load_cohort(path, LoadOptions(policy="patient"))
    assert strict_rows.cohort.counts()["patients"] == 0
    assert {p.action for p in strict_rows.errors} == {"patient excluded"}
    # row policy: each row with an error is out, and a patient who loses a procedure row too
    by_row = load_cohort(path, LoadOptions(policy="row"))
    assert by_row.rows_in == by_row.rows_loaded + by_row.rows_reported
    assert by_row.cohort.counts()["patients"] < result.cohort.counts()["patients"]


def test_strict_policy_raises_with_all_problems(tmp_path):
    rows = clean_rows()
    rows[0][7] = "L7"
    rows[3][4] = "X"
    with pytest.raises(CohortDataError, match=r"^2 data error\(s\) in the input") as info:
        load_cohort(write_messy_workbook(tmp_path / "r.xlsx", rows), LoadOptions(policy="strict"))
    assert {p.cell for p in info.value.problems if p.severity == "error"} == {"H5", "E8"}


def test_impossible_sequences_and_duplicates(tmp_path):
    from datetime import datetime

    rows = clean_rows()
    rows[1][12] = datetime(2019, 12, 1)  # new fracture before the index procedure
    rows[3][14] = datetime(
        2020, 3, 1
    )  # follow-up ends before the procedure? no: before day 0 -> negative
    rows.append(list(rows[0]))  # exact duplicate row (row 9)
    result = load_cohort(write_messy_workbook(tmp_path / "r.xlsx", rows))
    messages = [str(p) for p in result.errors]
    # each named on the cell that holds the date
    assert any(
        "Cases!M6 [New fracture Date]" in m
        and "new fracture dated 62 days before the index procedure" in m
        for m in messages
    )
    assert any(
        "Cases!O8 [Last follow-up]" in m
        and "last follow-up date 4 days before the first procedure" in m
        for m in messages
    )
    assert any("Cases!9: exact duplicate of row 5" in m for m in messages)
    assert result.rows_in == 5 and result.rows_loaded + result.rows_reported == 5


def test_hidden_sheets_are_ignored_unless_asked(tmp_path):
    hidden = [
        [
            "H01",
            None,
            None,
            None,
            "F",
            70,
            "2020-01-01",
            "L1",
            "PMMA",
            3,
            7,
            2,
            None,
            None,
            "2020-06-01",
        ]
    ]
    path = write_messy_workbook(tmp_path / "r.xlsx", clean_rows(), hidden_rows=hidden)
    result = load_cohort(path)
    assert "H01" not in set(result.cohort.patients["patient_id"])
    assert any(p.rule == "hidden_sheet" and p.sheet == "Old" for p in result.problems)
    assert "H01" in set(
        load_cohort(path, LoadOptions(include_hidden=True)).cohort.patients["patient_id"]
    )


def test_record_number_only_sheets_use_a_keyed_pseudonym(tmp_path):
    rows = [r[1:] for r in clean_rows()]  # drop the study ID column
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(
        [
            "Name",
            "MRN",
            "DOB",
            "Sex",
            "Age",
            "Date of procedure",
            "Level",
            "Cement type",
            "Volume",
            "VAS pre",
            "VAS 1 month",
        ]
    )
    for r in rows:
        ws.append(r[:10])
    wb.save(tmp_path / "mrn.xlsx")
    with pytest.raises(InputFormatError, match="give a pseudonym secret"):
        load_cohort(tmp_path / "mrn.xlsx")
    result = load_cohort(tmp_path / "mrn.xlsx", LoadOptions(pseudonym_secret="k3y"))
    ids = set(result.cohort.patients["patient_id"])
    assert len(ids) == 3 and not ids & set(MRNS) and all(i.startswith("P") for i in ids)


def test_declared_scale_and_ambiguous_dates_in_csv(tmp_path):
    p = tmp_path / "cases.csv"
    p.write_text(
        "Registry export\n\nStudy ID,Sex,Date of procedure,Level,VAS (0-100 mm) pre,VAS (0-100 mm) 1 month\n"
        "A1,F,03/04/2021,L1,80,30\nA2,M,05/06/2021,L2,90,20\n"
    )
    result = load_cohort(p)
    # one column-level error, not one per cell; the dates are left missing
    assert [(e.rule, e.column, e.action) for e in result.errors] == [
        ("date_order", "Date of procedure", "dates left missing")
    ]
    assert "column C 'Date of procedure': 2 dates could be day-first or month-first" in (
        result.errors[0].message
    )
    ok = load_cohort(p, LoadOptions(date_order="dmy"))
    assert ok.errors == []
    assert sorted(ok.cohort.assessments["value"]) == [2.0, 3.0, 8.0, 9.0]


def test_mapping_file_overrides_headers(tmp_path):
    p = tmp_path / "odd.csv"
    p.write_text("Pt code,Vert,Pain before,Pain after\nA1,L1,7,2\nA2,T12,8,4\n")
    mapping = {
        "Pt code": "patient_id",
        "Vert": "procedures.level",
        "Pain before": {"measure": "pain_vas", "timepoint": "pre"},
        "Pain after": {"measure": "pain_vas", "timepoint": "1m"},
    }
    result = load_cohort(p, LoadOptions(mapping=mapping))
    assert result.errors == [] and result.cohort.counts()["assessments"] == 4


def test_unreadable_inputs_are_one_line_errors(tmp_path):
    with pytest.raises(InputFormatError, match="no such file"):
        load_cohort(tmp_path / "missing.xlsx")
    (tmp_path / "x.xls").write_bytes(b"junk")
    with pytest.raises(InputFormatError, match=r"save it as \.xlsx"):
        load_cohort(tmp_path / "x.xls")
    (tmp_path / "bad.xlsx").write_bytes(b"not a zip")
    with pytest.raises(InputFormatError, match="not a readable Excel workbook"):
        load_cohort(tmp_path / "bad.xlsx")
    (tmp_path / "n.csv").write_text("a,b,c\n1,2,3\n")
    with pytest.raises(InputFormatError, match="no sheet has a recognisable header"):
        load_cohort(tmp_path / "n.csv")


def test_demo_workbook_reports_exactly_the_planted_errors(demo_workbook):
    result = load_cohort(demo_workbook)
    cells = sorted((p.rule, p.cell or str(p.row)) for p in result.errors)
    assert ("level", "K11") in cells and ("volume", "N18") in cells and ("range", "S26") in cells
    assert ("category", "E44") in cells and ("duplicate_row", "37") in cells
    assert result.rows_in == result.rows_loaded + result.rows_reported
    assert len(result.errors) == 5  # the four bad cells and the duplicate, each reported once
    # the bad level (K11) excludes its patient; the other bad cells become missing;
    # the duplicate's first copy is kept
    assert result.cohort.counts()["patients"] == 299
    assert (
        load_cohort(demo_workbook, LoadOptions(policy="patient")).cohort.counts()["patients"] == 296
    )
    ledger = result.ledger
    assert not ledger.duplicated(["sheet", "row"]).any()
    assert isinstance(ledger, pd.DataFrame)
