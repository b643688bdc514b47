"""Columns read by their cells when no header word is known, and the layouts of the
fifth blind batch: written from a synthetic cohort whose truth the generator knows, under
headers in words no vocabulary holds."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from analysis.io import RawSheet
from analysis.load import inspect_input, load_cohort
from analysis.load.header_columns import HeaderColumn
from analysis.load.header_contents import code_like, id_by_content
from analysis.load.inspect import ColumnReading
from analysis.load.roles import sheet_timepoint
from analysis.schema import Cohort
from analysis.synth import synthesize
from tests.test_any_workbook import _workbook
from tests.test_load_visit_rows import _reproduced_by_its_mapping as reproduced_by_its_mapping

START = date(2021, 3, 1)
# header words no vocabulary holds (an unseen language)
UNKNOWN = ["Xaqo", "Quvizz", "Zyrrob", "Wepsk", "Yoxle", "Vuqqa", "Jorvik"]


@pytest.fixture(scope="module")
def truth() -> Cohort:
    return synthesize(16, seed=20261121)


def _first_sessions(truth: Cohort) -> list[dict[str, object]]:
    """One row per first session: its patient, levels joined (``Th12, L1``) and
    per-level volumes with a decimal comma (``3,5 / 4``)."""
    out = []
    procs = truth.procedures[truth.procedures["day"] == 0].sort_values(["patient_id", "level"])
    for pid, group in procs.groupby("patient_id", observed=True):
        levels = [str(x).replace("T", "Th") for x in group["level"]]
        volumes = [float(v) for v in group["cement_volume_ml"]]
        out.append({"pid": str(pid), "levels": ", ".join(levels), "volumes": volumes})
    return out


def _volume_cell(volumes: list[float]) -> object:
    if len(volumes) == 1:
        return volumes[0]
    return " / ".join(f"{v:g}".replace(".", ",") for v in volumes)


def _unknown_words_sheet(truth: Cohort) -> list[list[object]]:
    """A title, a group row over a header row in unknown words, a row counter before the
    study IDs (written ``ՎՊ-01``), then date, levels and volumes read by their cells."""
    rows: list[list[object]] = [
        ["Xaqo quvizz zyrrob — wepsk yoxle 2021"],
        [],
        ["Xaqo", None, "Quvizz", None, None],
        UNKNOWN[:5],
    ]
    code = {s["pid"]: f"ՎՊ-{k:02d}" for k, s in enumerate(_first_sessions(truth), 1)}
    for k, s in enumerate(_first_sessions(truth), 1):
        rows.append([k, code[str(s["pid"])], START, s["levels"], _volume_cell(s["volumes"])])  # type: ignore[arg-type]
    return rows


def _reproduced_by_its_mapping(path: Path, tmp_path: Path) -> dict[str, ColumnReading]:
    """Inspect's readings by column letter; the mapping it writes, passed back unedited,
    loads the same tables as the unaided load."""
    reproduced_by_its_mapping(path, tmp_path)
    return {c.letter: c for c in inspect_input(path).columns}


def test_levels_dates_and_volumes_are_read_by_their_cells(tmp_path, truth):
    path = _workbook(tmp_path / "u.xlsx", {"Xaqo": _unknown_words_sheet(truth)})
    loaded = load_cohort(path)
    assert loaded.errors == []
    got = {
        (str(r["level"]), float(r["cement_volume_ml"]))
        for r in loaded.cohort.procedures.to_dict("records")
    }
    first = truth.procedures[truth.procedures["day"] == 0]
    assert got == {(str(r["level"]), float(r["cement_volume_ml"])) for r in first.to_dict("records")}  # fmt: skip
    assert loaded.cohort.patients["patient_id"].str.startswith("ՎՊ-").all()
    readings = _reproduced_by_its_mapping(path, tmp_path)
    assert readings["A"].label is None  # the row counter is no study ID
    assert readings["B"].label == "patients.patient_id"
    assert readings["C"].label == "date:procedure_date"
    assert readings["D"].label == "procedures.level"
    assert readings["E"].label == "procedures.cement_volume_ml"
    assert readings["D"].reason == "cell contents: vertebral levels, the sheet's first such column"  # fmt: skip


def test_one_volume_beside_several_levels_is_the_sessions_total(tmp_path, truth):
    rows = _unknown_words_sheet(truth)
    for row in rows[4:]:
        cell = row[4]
        row[4] = sum(float(v.replace(",", ".")) for v in cell.split(" / ")) if isinstance(cell, str) else cell + 0.5  # fmt: skip
    path = _workbook(tmp_path / "t.xlsx", {"Xaqo": rows})
    readings = {c.letter: c for c in inspect_input(path).columns}
    assert readings["E"].label == "procedures.session_cement_volume_ml"


def test_a_level_column_filled_on_few_rows_is_not_the_treated_level(tmp_path, truth):
    """A new fracture's level beside the patients (few rows) is not read as a treated
    level, nor its dates as the procedure's."""
    rows = [["Study ID", "Sex", "Age", *UNKNOWN[:2]]]
    for k, p in enumerate(truth.patients.to_dict("records")):
        fracture = ["L2", START + timedelta(days=90)] if k % 4 == 0 else [None, None]
        rows.append([str(p["patient_id"]), str(p["sex"]), p["age_years"], *fracture])
    readings = {c.letter: c for c in inspect_input(_workbook(tmp_path / "p.xlsx", {"P": rows})).columns}  # fmt: skip
    assert readings["D"].label is None
    assert readings["E"].label is None


def test_record_numbers_are_not_read_as_spreadsheet_dates(tmp_path, truth):
    rows = _unknown_words_sheet(truth)
    rows[3].append("Vuqqa")
    for k, row in enumerate(rows[4:]):
        row.append(813656 + 7919 * k)
    readings = {c.letter: c for c in inspect_input(_workbook(tmp_path / "r.xlsx", {"X": rows})).columns}  # fmt: skip
    assert readings["F"].label is None
    assert "dates" not in readings["F"].reason


def _sheet(rows: list[list[object]]) -> RawSheet:
    return RawSheet("f.xlsx", "S", rows)


def test_a_row_counter_with_a_note_under_it_is_no_study_id():
    rows: list[list[object]] = [["Xaqo", "Quvizz"]]
    rows += [[k, f"SU2/VP/{k:03d}" if k % 3 == 1 else None] for k in range(1, 31)]
    rows.append(["Xaqo quvizz: a note under the table", None])
    cols = [HeaderColumn(1, "Xaqo", None), HeaderColumn(2, "Quvizz", None)]
    found = id_by_content(_sheet(rows), 1, cols)
    assert found is not None
    assert [c.target.label if c.target else None for c in found] == [None, "patients.patient_id"]


@pytest.mark.parametrize(
    ("value", "coded"),
    [
        ("SU2/VP/007", True),
        ("KH-2021-014", True),
        ("ՎՊ-01", True),
        ("24-01-2023", False),
        ("n/a", False),
        ("FU 2 wk", False),
    ],
)
def test_study_ids_of_parts_are_code_like(value, coded):
    assert code_like(value) is coded


def test_levels_mixed_with_scores_are_no_study_ids():
    rows: list[list[object]] = [["Xaqo"], ["L1"], ["T12"], [9], [5], [6], [4], [3], [2], [7], [8]]
    assert id_by_content(_sheet(rows), 1, [HeaderColumn(1, "Xaqo", None)]) is None


@pytest.mark.parametrize(
    ("name", "point"),
    [
        ("සති 2 - 2 weeks", "2w"),
        ("මාස 3 - 3 months", "3m"),
        ("6 months (මාස 6)", "6m"),
        ("Xaqo - Quvizz", None),
    ],
)
def test_a_sheet_named_in_two_languages_gives_its_time_point(name, point):
    assert sheet_timepoint(name) == point


@pytest.mark.parametrize(("header", "cement"), [("Cement PMMA (ml)", "PMMA"), ("Vol. Vertecem V+ (ml)", "PMMA"), ("Cement (ml)", None)])  # fmt: skip
def test_a_cement_named_in_a_volume_header_fills_the_sessions(tmp_path, header, cement):
    """A cement's own name or brand in the volume column's header is every session's cement; the
    word "cement" alone names none."""
    rows = [["Study ID", "Date", "Level", header], *_CEMENT_ROWS]
    _assert_cement_filled(tmp_path, rows, cement, "a volume column's header")


_CEMENT_ROWS = [["P1", START, "L1", 3.5], ["P2", START, "T12", 4], ["P3", START, "L2", 2.5]]


def _assert_cement_filled(tmp_path: Path, rows: list[list[object]], cement: str | None, source: str) -> None:  # fmt: skip
    """Every session's cement is ``cement``, inspect says where it was read, and the
    written mapping loads the same."""
    path = _workbook(tmp_path / "c.xlsx", {"Cases": rows})
    loaded = load_cohort(path)
    got = set(loaded.cohort.procedures["cement_type"].astype(object).where(lambda s: s.notna(), None))  # fmt: skip
    assert got == {cement}
    _reproduced_by_its_mapping(path, tmp_path)
    notes = [s.note for s in inspect_input(path).sheets]
    assert any(f"cement type PMMA from {source}" in n for n in notes) is (cement is not None)


@pytest.mark.parametrize(
    ("note", "cement"),
    [
        ("Cement = total PMMA for the session.", "PMMA"),
        ("नोट: मिति वि.सं. मा। सिमेन्ट PMMA (बोन सिमेन्ट)।", "PMMA"),
        ("Pain follow-up counted from the procedure.", None),
    ],
)
def test_a_cement_named_in_a_note_below_the_table_fills_the_sessions(tmp_path, note, cement):
    """A note line under the table's last row (a legend, a remark on the cement used)
    names the sessions' cement as a note above the header does."""
    rows = [["Study ID", "Date", "Level", "Volume (ml)"], *_CEMENT_ROWS, [], [note]]
    _assert_cement_filled(
        tmp_path, rows, cement, "a note above the table's header or below its rows"
    )


def test_pain_scores_are_read_by_their_cells_where_the_time_point_is_known(tmp_path, truth):
    """Visit sheets named by their time point, the score headed in unknown words: read
    as the pain score; on a sheet that gives no time point the same column is not read."""
    pain = truth.assessments[truth.assessments["measure"] == "pain_vas"]
    first = truth.procedures[truth.procedures["day"] == 0]["procedure_id"].unique()
    pain = pain[pain["procedure_id"].isin(first)]
    patients = [["Study ID", "Date", "Level"]] + [
        [str(r["patient_id"]), START, str(r["level"])]
        for r in truth.procedures[truth.procedures["day"] == 0].to_dict("records")
    ]
    sheets: dict[str, list[list[object]]] = {"Cases": patients}
    for tp, name in (("pre", "Pre-op"), ("1m", "1 month"), ("3m", "3 months")):
        rows = pain[pain["timepoint"] == tp]
        sheets[name] = [["Study ID", "Jorvik"]] + [[str(r["patient_id"]), r["value"]] for r in rows.to_dict("records")]  # fmt: skip
    path = _workbook(tmp_path / "s.xlsx", sheets)
    loaded = load_cohort(path)
    got = {(str(r["patient_id"]), str(r["timepoint"])): float(r["value"]) for r in loaded.cohort.assessments.to_dict("records")}  # fmt: skip
    want = {(str(r["patient_id"]), str(r["timepoint"])): float(r["value"]) for r in pain[pain["timepoint"].isin(["pre", "1m", "3m"])].to_dict("records")}  # fmt: skip
    assert got == want
    reasons = {(c.sheet, c.letter): c.reason for c in inspect_input(path).columns}
    assert reasons[("1 month", "B")] == "cell contents: pain scores from 0 to 10, the sheet's first such column"  # fmt: skip
    _reproduced_by_its_mapping(path, tmp_path)


@pytest.mark.parametrize(
    ("note", "cement"),
    [
        ("Ciment: Osteopal V (PMMA). Volume en mL par vertèbre.", "PMMA"),
        ("Цемент: PMMA (Vertecem).", "PMMA"),
        ("Cement (ml) per level.", None),
        ("PMMA or Cortoss, as available.", None),
    ],
)
def test_a_cement_named_in_the_note_above_the_header_fills_the_sessions(tmp_path, note, cement):
    """A cement's own name or brand in a note line above the table's header is every
    session's cement, said so in inspect and kept by the written mapping; a note naming
    no cement, or two, names none."""
    rows = [["Register"], [note], [], ["Study ID", "Date", "Level", "Volume (ml)"], *_CEMENT_ROWS]
    _assert_cement_filled(
        tmp_path, rows, cement, "a note above the table's header or below its rows"
    )


def test_a_date_under_a_visit_group_is_the_visits_not_the_procedures(tmp_path):
    """A follow-up sheet of visits across, each under its time point's group (``Pre-op``,
    ``1 month`` over ``Date | VAS``), beside a sheet of procedures: the dates are the
    visits', so the follow-up rows are no procedures without a level; the outcomes load at
    their time points dated by their visits, inspect says each date is its visit's, and
    the written mapping loads the same."""
    day = timedelta(days=1)
    procedures = [["Study ID", "Date", "Level", "Volume (ml)"]] + [[f"P{i}", START + i * day, "L1", 3.5] for i in range(1, 5)]  # fmt: skip
    follow = [["Study ID", "Pre-op", None, "1 month", None, "3 months", None], [None, "Date", "VAS", "Date", "VAS", "Date", "VAS"]]  # fmt: skip
    follow += [[f"P{i}", (START + i * day).strftime("%d/%m/%Y"), 8, (START + (30 + i) * day).strftime("%d/%m/%Y"), i, "NV", None] for i in range(1, 5)]  # fmt: skip
    merges = [("Follow-up", "A1:A2"), ("Follow-up", "B1:C1"), ("Follow-up", "D1:E1"), ("Follow-up", "F1:G1")]  # fmt: skip
    path = _workbook(tmp_path / "v.xlsx", {"Procedures": procedures, "Follow-up": follow}, merges)
    loaded = load_cohort(path)
    assert not [p for p in loaded.problems if p.severity == "error"]
    assert sorted(loaded.cohort.patients["patient_id"]) == ["P1", "P2", "P3", "P4"]
    assert len(loaded.cohort.procedures) == 4
    pain = loaded.cohort.assessments.set_index(["patient_id", "timepoint"])["value"]
    assert pain[("P3", "1m")] == 3 and pain[("P2", "pre")] == 8
    assert ("P1", "3m") not in pain.index
    _reproduced_by_its_mapping(path, tmp_path)
    dates = [c for c in inspect_input(path).columns if c.sheet == "Follow-up" and c.letter in "BDF"]
    assert len(dates) == 3
    assert [c.label for c in dates] == ["date:visit_date@pre", "date:visit_date@1m", "date:visit_date@3m"]  # fmt: skip
    assert all("a visit's date under its time point's group" in c.reason for c in dates)
    # "02/03/2021": no date of the sheet tells day from month; said, the scores still read
    orders = [p for p in loaded.problems if p.rule == "date_order"]
    assert orders and all(p.severity == "warning" for p in orders)
    assert all("the visit's scores keep their time point" in p.message for p in orders)


def test_a_visit_across_dated_before_its_procedure_is_an_error_on_its_date(tmp_path):
    """A visit's date under its time point's group that falls before the procedure (the
    procedure on another sheet): an error on that date cell, the visit's scores not read."""
    day = timedelta(days=1)
    start = START + 12 * day  # visits from the 13th of a month: day-first, as written
    procedures = [["Study ID", "Date", "Level", "Volume (ml)"]] + [[f"P{i}", start + i * day, "L1", 3.5] for i in range(1, 4)]  # fmt: skip
    follow = [["Study ID", "Pre-op", None, "1 month", None], [None, "Date", "VAS", "Date", "VAS"]]
    follow += [[f"P{i}", (start + i * day).strftime("%d/%m/%Y"), 8, (start + (30 + i) * day).strftime("%d/%m/%Y"), i] for i in range(1, 4)]  # fmt: skip
    follow[3][3] = (start - 38 * day).strftime("%d/%m/%Y")  # P2's month visit, before its procedure
    merges = [("Follow-up", "A1:A2"), ("Follow-up", "B1:C1"), ("Follow-up", "D1:E1")]
    path = _workbook(tmp_path / "v.xlsx", {"Procedures": procedures, "Follow-up": follow}, merges)
    loaded = load_cohort(path)
    (early,) = loaded.errors
    assert (early.sheet, early.row, early.cell) == ("Follow-up", 4, "D4")
    assert "visit at 1m dated 40 days before its procedure" in early.message
    pain = loaded.cohort.assessments.set_index(["patient_id", "timepoint"])["value"]
    assert ("P2", "1m") not in pain.index and pain[("P3", "1m")] == 3
    days = loaded.cohort.assessments.set_index(["patient_id", "timepoint"])["day"]
    assert days[("P3", "1m")] == 30 and days[("P1", "pre")] == 0
    _reproduced_by_its_mapping(path, tmp_path)


def test_a_mapping_names_a_visits_date_by_its_time_point():
    from analysis.normalize.headers import mapping_target

    assert mapping_target("date:visit_date@1m").timepoint == "1m"
    assert mapping_target("date:visit_date@1m").label == "date:visit_date@1m"
    with pytest.raises(ValueError, match="'5m' is not a time point"):
        mapping_target("date:visit_date@5m")
