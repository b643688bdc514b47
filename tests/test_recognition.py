"""Reading workbooks the loader has never seen: columns by content, cell-level quarantine,
multi-level volumes, study-ID spellings, ages per procedure, and the mapping round trip."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.cli import main
from analysis.config import LoadOptions
from analysis.levels import parse_levels
from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping
from analysis.problems import InputFormatError

HEADER = ["Pt", "Gender", "Age", "Date", "Level", "Type", "Cement", "Leak", "VAS pre", "VAS 1m"]


def _workbook(path: Path, rows: list[list[object]], header: list[str] = HEADER) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _site_rows(n: int = 60, seed: int = 20261121) -> list[list[object]]:
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n):
        volume = ["2.5 mL", "3,5", "4 ml", "3", "5.5 ml", "4,0"][i % 6]
        rows.append(
            [
                f"S{i:03d}",
                "MF"[i % 2],
                int(rng.integers(55, 95)),
                (date(2021, 1, 4) + timedelta(days=i)).strftime("%d.%m.%Y"),
                ["L1", "T12", "Th11", "LWK 2", "L3"][i % 5],
                ["VP", "KP", "BKP", "PVP"][i % 4],
                volume,
                ["disc", "none", "venous", "no"][i % 4],
                int(rng.integers(6, 11)),
                int(rng.integers(0, 6)),
            ]
        )
    return rows


def test_a_volume_column_headed_cement_is_read_as_volume_not_lost(tmp_path):
    path = _workbook(tmp_path / "site.xlsx", _site_rows())
    result = load_cohort(path)
    assert result.rows_loaded == result.rows_in == 60
    volumes = result.cohort.procedures["cement_volume_ml"]
    assert volumes.notna().all()
    assert sorted(set(volumes.round(1))) == [2.5, 3.0, 3.5, 4.0, 5.5]
    column_notes = [p for p in result.problems if p.rule == "column_reading"]
    assert len(column_notes) == 1  # ONE column-level message, no cell errors
    assert column_notes[0].severity == "warning"
    assert "column G 'Cement': 60 of 60 values are volumes in mL, not cement type values" in (
        column_notes[0].message
    )
    assert "read as procedures.cement_volume_ml" in column_notes[0].message
    assert result.errors == []
    techniques = set(result.cohort.procedures["technique"].astype(str))
    assert techniques == {"vertebroplasty", "kyphoplasty"}  # 'Type' read by its values
    assert set(result.cohort.procedures["level"].astype(str)) == {"L1", "T12", "T11", "L2", "L3"}


def test_a_column_whose_values_fit_no_field_is_one_error_not_dozens(tmp_path):
    rows = _site_rows(30)
    for r in rows:
        r[5] = "see notes"  # 'Type': no field fits free text
        r[3] = "pending"  # 'Date' holds no dates
    header = [*HEADER[:3], "Date", *HEADER[4:]]
    result = load_cohort(_workbook(tmp_path / "site.xlsx", rows, header))
    reading = [p for p in result.problems if p.rule == "column_reading"]
    dated = [p for p in reading if p.column == "Date"]
    assert len(dated) == 1 and dated[0].severity == "error"
    assert "only 0 of 30 values are dates as its header suggests" in dated[0].message
    assert "vertebro inspect --write-mapping" in dated[0].message
    assert not any(p.rule == "date" for p in result.problems)
    assert result.rows_loaded == 30  # the procedures stay, undated (day 0)


def test_multi_level_row_volume_is_the_session_total_never_doubled(tmp_path):
    rows = _site_rows(6)
    rows[0][4], rows[0][6] = "T11/T12", "6 mL"
    path = _workbook(tmp_path / "site.xlsx", rows)
    procs = load_cohort(path).cohort.procedures.set_index("level")
    first = procs[procs["patient_id"] == "S000"]
    assert first["cement_volume_ml"].isna().all()
    assert (first["session_cement_volume_ml"] == 6.0).all()
    per_session = procs.drop_duplicates("procedure_id")["session_cement_volume_ml"].sum()
    assert per_session == pytest.approx(6.0 + 3.5 + 4.0 + 3.0 + 5.5 + 4.0)
    per_level = load_cohort(path, LoadOptions(volume_basis="level")).cohort.procedures
    mine = per_level[per_level["patient_id"] == "S000"]
    assert list(mine["cement_volume_ml"]) == [6.0, 6.0]
    assert list(mine["session_cement_volume_ml"]) == [12.0, 12.0]


def test_study_ids_differing_in_case_or_spaces_are_one_patient(tmp_path):
    rows = _site_rows(4)
    rows[1][0] = " s000 "  # the same patient as S000, a later procedure
    rows[1][3] = "04.02.2021"
    rows[1][2] = rows[0][2]
    rows[1][4] = "L4"
    result = load_cohort(_workbook(tmp_path / "site.xlsx", rows))
    assert result.cohort.counts()["patients"] == 3
    merged = [p for p in result.problems if p.rule == "study_id_spelling"]
    assert len(merged) == 1 and "'s000' taken as patient 'S000'" in merged[0].message
    separate = load_cohort(tmp_path / "site.xlsx", LoadOptions(fold_ids=False))
    assert separate.cohort.counts()["patients"] == 4


def test_age_typed_per_procedure_is_not_a_conflict_when_the_dates_agree(tmp_path):
    rows = _site_rows(2)
    rows[1] = [*rows[0]]
    rows[0][2], rows[0][3] = 74, "10.01.2020"
    rows[1][2], rows[1][3], rows[1][4] = 75, "20.03.2021", "L4"
    result = load_cohort(_workbook(tmp_path / "site.xlsx", rows))
    assert not [p for p in result.errors if p.rule == "conflict"]
    assert result.cohort.patients.set_index("patient_id").loc["S000", "age_years"] == 74
    rows[1][2] = 80  # five years older fourteen months later: a real conflict
    bad = load_cohort(_workbook(tmp_path / "bad.xlsx", rows))
    # the conflict is said once per row, folded into the shared study ID's error
    conflict = [p for p in bad.errors if "conflicting age_years" in p.message]
    assert len(conflict) == 2 and all(p.action == "cell set to missing" for p in conflict)
    assert pd.isna(bad.cohort.patients.set_index("patient_id").loc["S000", "age_years"])


def test_typographic_minus_thin_spaces_and_approximate_values(tmp_path):
    header = [*HEADER, "BMD T-score"]
    rows = [[*r, t] for r, t in zip(_site_rows(3), ["\u22122.5", "\u2212 1,8", "-3"], strict=True)]
    rows[0][6] = "~4 ml"
    rows[1][6] = "approx. 3\u00a0mL"
    result = load_cohort(_workbook(tmp_path / "site.xlsx", rows, header))
    scores = result.cohort.patients.set_index("patient_id")["bmd_t_score"]
    assert list(scores) == [-2.5, -1.8, -3.0]
    volumes = result.cohort.procedures.set_index("patient_id")["cement_volume_ml"]
    assert list(volumes[["S000", "S001"]]) == [4.0, 3.0]
    approx = [p for p in result.problems if p.rule == "approximate"]
    assert [p.message for p in approx] == [
        "approximate value read as 4 ml",
        "approximate value read as 3 mL",  # the no-break space folded (NFKC)
    ]


@pytest.mark.parametrize(
    ("text", "levels"),
    [
        ("LWK 2", ("L2",)),
        ("BWK12/LWK1", ("T12", "L1")),
        ("HWK 7", ("C7",)),
        ("LWK 1 bis 3", ("L1", "L2", "L3")),
    ],
)
def test_german_level_notation(text, levels):
    assert parse_levels(text) == levels


def test_inspect_reports_each_column_and_its_mapping_loads_the_same(tmp_path):
    rows = _site_rows(20)
    path = _workbook(tmp_path / "site.xlsx", rows)
    found = inspect_input(path)
    by_header = {c.header: c for c in found.columns}
    assert by_header["Cement"].label == "procedures.cement_volume_ml"
    assert by_header["Cement"].reason == "cell contents"
    assert by_header["Cement"].n_parsed == by_header["Cement"].n_values == 20
    assert by_header["Type"].label == "procedures.technique"
    assert by_header["VAS pre"].label == "pain_vas@pre"
    assert by_header["Level"].examples[:2] == ("L1", "T12")
    assert found.recognised_share == 1.0
    mapping = tmp_path / "mapping.yaml"
    text = found.mapping_yaml()
    assert "{header: Leak, read_as: procedures.leakage}" in text
    mapping.write_text(
        text.replace(
            "{header: Leak, read_as: procedures.leakage}", "{header: Leak, read_as: ignore}"
        ),
        "utf-8",
    )
    raw = read_mapping(mapping)
    (table,) = raw["tables"]
    by_letter_header = {c["header"]: c["read_as"] for c in table["columns"].values()}
    assert by_letter_header["Cement"] == "procedures.cement_volume_ml"
    mapped = load_cohort(path, options_from_mapping(raw))
    assert mapped.rows_loaded == 20
    assert mapped.cohort.procedures["leakage"].isna().all()
    assert not [p for p in mapped.problems if p.rule == "column_reading"]


def test_mapping_value_maps_and_missing_markers(tmp_path):
    rows = _site_rows(4)
    rows[0][7], rows[1][7], rows[2][7] = "-", "n.d.", "Leck"
    path = _workbook(tmp_path / "site.xlsx", rows)
    mapping = tmp_path / "m.yaml"
    mapping.write_text('values:\n  "Leak": {"-": none, "Leck": disc}\nmissing: ["n.d."]\n', "utf-8")
    result = load_cohort(path, options_from_mapping(read_mapping(mapping)))
    leak = result.cohort.procedures.set_index("patient_id")["leakage"]
    assert list(leak[["S000", "S002"]]) == ["none", "disc"]
    assert pd.isna(leak["S001"])
    assert result.errors == []
    mapping.write_text("values: [1, 2]\n", "utf-8")
    with pytest.raises(InputFormatError, match=r"values: \[1, 2\] is not of type 'object' \(Header text -> \{spelling: canonical value\}"):  # fmt: skip
        read_mapping(mapping)
    mapping.write_text("volume_basis: vertebra\n", "utf-8")
    with pytest.raises(InputFormatError, match=r"volume_basis: 'vertebra' is not one of 'session', 'level', None"):  # fmt: skip
        read_mapping(mapping)


def test_cli_inspect_writes_a_mapping_and_report_exits_1_on_data_problems(tmp_path, capsys):
    rows = _site_rows(12)
    rows[3][8] = 14  # pain out of range: a cell error, set to missing
    path = _workbook(tmp_path / "site.xlsx", rows)
    assert main(["inspect", str(path), "--write-mapping", str(tmp_path / "m.yaml")]) == 0
    out = capsys.readouterr().out
    assert "10 of 10 columns read (100%)" in out
    assert (tmp_path / "m.yaml").is_file()
    assert main(["report", str(path), "--out", str(tmp_path / "r")]) == 1
    out = capsys.readouterr().out
    assert "12 data rows: 12 loaded, 0 excluded; 1 cell(s) set to missing" in out
    problems = pd.read_csv(tmp_path / "r" / "problems.csv")
    assert "cell set to missing" in set(problems["action"])


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    bad=st.lists(
        st.tuples(
            st.integers(0, 11),
            st.sampled_from([2, 4, 6, 8]),
            st.sampled_from(["??", "L9", "x", 99]),
        ),
        max_size=6,
    ),
    policy=st.sampled_from(["cell", "row", "patient"]),
)
def test_rows_are_conserved_under_every_policy(tmp_path, bad, policy):
    rows = _site_rows(12)
    for r, c, v in bad:
        rows[r][c] = v
    result = load_cohort(_workbook(tmp_path / "h.xlsx", rows), LoadOptions(policy=policy))
    assert result.rows_in == result.rows_loaded + result.rows_reported == 12
    assert all(p.action for p in result.errors if p.row is not None)
    if policy == "cell":
        level_rows = {r for r, c, v in bad if c == 4}
        assert result.rows_loaded >= 12 - len(level_rows)


def test_levels_in_numbered_columns_and_a_repeat_session_in_its_own_columns(tmp_path):
    header = [
        "Case no.",
        "Sex",
        "Date",
        "Level 1",
        "Vol 1 (ml)",
        "Level 2",
        "Vol 2 (ml)",
        "VAS pre",
        "VAS 1m",
        "Repeat date",
        "Repeat level",
        "Redo volume",
        "Repeat VAS pre",
    ]
    rows = [
        ["P1", "F", "2021-03-01", "T12", 3.5, "L1", 4.0, 8, 3, "2021-05-01", "T12", 6.5, 9],
        ["P2", "M", "2021-03-02", "L2", 4.5, None, None, 7, 2, None, None, None, None],
    ]
    result = load_cohort(_workbook(tmp_path / "slots.xlsx", rows, header))
    assert result.errors == []
    procs = result.cohort.procedures.sort_values(["patient_id", "day", "level"])
    got = [
        (r.patient_id, r.day, r.level, r.cement_volume_ml, bool(r.is_repeat))
        for r in procs.itertuples()
    ]
    assert got == [
        ("P1", 0, "T12", 3.5, False),
        ("P1", 0, "L1", 4.0, False),
        ("P1", 61, "T12", 6.5, True),
        ("P2", 0, "L2", 4.5, False),
    ]
    index_total = procs[(procs["patient_id"] == "P1") & (procs["day"] == 0)]
    assert set(index_total["session_cement_volume_ml"]) == {7.5}
    pre = result.cohort.assessments.query("patient_id == 'P1' and timepoint == 'pre'")
    by_day = dict(
        zip(
            pre["procedure_id"].map(procs.set_index("procedure_id")["day"].to_dict()),
            pre["value"],
            strict=True,
        )
    )
    assert by_day == {0: 8.0, 61: 9.0}


def test_a_column_contradicting_a_header_without_a_tidy_column_is_described_not_crashed() -> None:
    """A visit column, a level-and-date cell or a pair of fields has no tidy column to name:
    the message describes it by its kind (this used to stop the loader with a KeyError)."""
    from analysis.load.header_contents import _describe
    from analysis.normalize.headers import LEVEL_DATE, VISIT, Target

    assert _describe(VISIT) == "visit names"
    assert _describe(LEVEL_DATE) == "level date values"
    assert _describe(Target("pair", column="age_years|sex")) == "pair values"
    assert _describe(Target("identifier", column="name")) == "identifiers"
