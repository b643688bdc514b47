"""A session's scores at several time points in one cell (``9 / — / 6 / 4`` under
``Pain VAS: Pre-op / 1 week / 1 month / 3 months``): each score under the time point
the header names in its place, a missing mark skipped, a bad score named on its cell."""

from __future__ import annotations

from datetime import datetime

import pytest

from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping
from analysis.normalize.series import header_parts, split_series
from tests.test_any_workbook import _workbook

HEAD = ["Study ID", "Age", "Date of procedure", "Level", "Pain VAS: Pre-op / 1 week / 1 month / 3 months"]  # fmt: skip
PAIN = {
    1: "9 / — / 6 / 4",
    2: "6 / 6 / 3 / 2",
    3: "10 / 8 / 7 / —",
    4: "8/5/4/3",
    5: "7 / 7 / 5 / 5",
    6: "9 / — / — / —",
}


def _rows(pain: dict[int, str]) -> list[list[object]]:
    return [HEAD] + [[f"SR-{k:02d}", 60 + k, datetime(2023, 1, k), "L1", pain[k]] for k in pain]


def _scores(cohort) -> dict[tuple[str, str], float]:
    a = cohort.assessments.merge(cohort.procedures[["procedure_id", "patient_id"]].drop_duplicates())  # fmt: skip
    return {(r.patient_id, r.timepoint): r.value for r in a.itertuples() if r.measure == "pain_vas"}  # fmt: skip


def test_scores_at_the_time_points_the_header_names(tmp_path):
    path = _workbook(tmp_path / "s.xlsx", {"Register": _rows(PAIN)})
    loaded = load_cohort(path)
    assert loaded.errors == [] or [p.message for p in loaded.errors] == []
    want = {}
    for k, cell in PAIN.items():
        for point, part in zip(("pre", "1w", "1m", "3m"), split_series(cell, 4) or (), strict=True):
            if part != "—":
                want[(f"SR-{k:02d}", point)] = float(part)
    assert _scores(loaded.cohort) == want
    read = {c.letter: (c.label, c.reason) for c in inspect_input(path).columns}
    assert read["E"] == (
        "pain_vas@pre|1w|1m|3m",
        "header: a measure's time points, a score for each in one cell",
    )
    written = tmp_path / "mapping.yaml"
    written.write_text(inspect_input(path).mapping_yaml(), "utf-8")
    assert "timepoints: [pre, 1w, 1m, 3m]" in written.read_text("utf-8")
    mapped = load_cohort(path, options_from_mapping(read_mapping(written))).cohort
    assert _scores(mapped) == want


def test_a_score_off_the_scale_is_named_on_its_cell(tmp_path):
    pain = {**PAIN, 3: "14 / 8 / 7 / 6"}
    loaded = load_cohort(_workbook(tmp_path / "s.xlsx", {"Register": _rows(pain)}))
    assert [(p.row, p.cell) for p in loaded.errors] == [(4, "E4")]
    assert "pre: pain_vas must lie within 0-10" in loaded.errors[0].message
    assert not any(pid == "SR-03" for pid, _ in _scores(loaded.cohort))
    assert _scores(loaded.cohort)[("SR-02", "1m")] == 3.0


def test_a_cell_with_another_number_of_scores_is_named(tmp_path):
    pain = {**PAIN, 5: "7 / 7 / 5"}
    loaded = load_cohort(_workbook(tmp_path / "s.xlsx", {"Register": _rows(pain)}))
    assert [(p.cell, p.rule) for p in loaded.errors] == [("E6", "series")]
    assert "not 4 scores a slash apart (pre / 1w / 1m / 3m)" in loaded.errors[0].message


def test_time_points_under_a_measures_group(tmp_path):
    """``VAS`` over ``Pre / 6 weeks / 3 months`` in a two-row header."""
    head = [["", "", "", "", "VAS"], ["Study ID", "Age", "Date of procedure", "Level", "Pre / 6 weeks / 3 months"]]  # fmt: skip
    rows = head + [[f"SR-{k:02d}", 60 + k, datetime(2023, 1, k), "L1", f"{k + 3} / {k} / 1"] for k in range(1, 6)]  # fmt: skip
    loaded = load_cohort(_workbook(tmp_path / "g.xlsx", {"Register": rows}))
    got = _scores(loaded.cohort)
    assert got[("SR-04", "pre")] == 7.0 and got[("SR-04", "6w")] == 4.0 and got[("SR-04", "3m")] == 1.0  # fmt: skip
    assert len(got) == 15


@pytest.mark.parametrize(
    ("header", "parts"),
    [
        ("Pain VAS: Pre-op / 1 week", ["Pain VAS: Pre-op", "1 week"]),
        ("Age / Sex", ["Age", "Sex"]),
        ("NRS 2/52", []),
    ],
)
def test_header_parts(header, parts):
    assert header_parts(header) == parts


def test_a_header_with_one_time_point_is_no_series(tmp_path):
    """``Age / Sex`` names no time points: read as it always was."""
    head = ["Study ID", "Age / Sex", "Date of procedure", "Level", "VAS pre"]
    rows = [head] + [[f"SR-{k:02d}", f"{70 + k}/F", datetime(2023, 1, k), "L1", k + 2] for k in range(1, 6)]  # fmt: skip
    loaded = load_cohort(_workbook(tmp_path / "a.xlsx", {"Register": rows}))
    assert loaded.cohort.patients["age_years"].tolist() == [71, 72, 73, 74, 75]
