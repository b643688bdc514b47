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


def test_a_score_off_the_scale_is_named_on_its_cell_and_the_others_kept(tmp_path):
    pain = {**PAIN, 3: "14 / 8 / 7 / 6"}
    loaded = load_cohort(_workbook(tmp_path / "s.xlsx", {"Register": _rows(pain)}))
    assert [(p.row, p.cell) for p in loaded.errors] == [(4, "E4")]
    assert "pre: pain_vas must lie within 0-10" in loaded.errors[0].message
    got = _scores(loaded.cohort)
    assert ("SR-03", "pre") not in got
    assert (got[("SR-03", "1w")], got[("SR-03", "1m")], got[("SR-03", "3m")]) == (8.0, 7.0, 6.0)
    assert got[("SR-02", "1m")] == 3.0


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


# A chain of scores an arrow apart, in visit order, the header naming the measure and its
# time points in brackets, in Arabic over English (a right-to-left register's follow-up).
CHAIN_HEAD = [
    "رقم الدراسة\nStudy No",
    "الإجراء\nProcedure",
    "VAS (قبل → 24 ساعة → 6 أسابيع → 3 أشهر)\nVAS (pre → 24h → 6wk → 3mo)",
    "ODI % (قبل → 24 ساعة → 6 أسابيع → 3 أشهر)\nODI % (pre → 24h → 6wk → 3mo)",
]
CHAINS = {
    1: ("الأول", "٨ → ٥ → ٤ → ٣", "46 → 29 → 13 → 9"),
    2: ("الأول", "7 → - → 5", "60 → - → 40"),  # stops before the last visit
    3: ("الأول", "6", "51"),  # one score alone: the first visit's
    4: ("الأول", "9 → 8 → متوفى → متوفى", "70 → 130 → متوفى → متوفى"),  # ODI 130 planted
    5: ("الأول", "5 → 4 → 3 → 2", "40 → 30 → 20 → 10"),
}


def _chain_book(tmp_path):
    procedures = [["Study No", "Age", "Date of procedure", "Level"]] + [
        [f"OM-{k:02d}", 60 + k, datetime(2023, 1, k), "L1"] for k in CHAINS
    ]
    follow = [CHAIN_HEAD] + [[f"OM-{k:02d}", *CHAINS[k]] for k in CHAINS]
    return _workbook(tmp_path / "c.xlsx", {"Procedures": procedures, "Follow-up": follow})


def _odi(cohort) -> dict[tuple[str, str], float]:
    a = cohort.assessments
    return {(r.patient_id, r.timepoint): r.value for r in a.itertuples() if r.measure == "odi"}


def test_a_chain_of_scores_an_arrow_apart(tmp_path):
    path = _chain_book(tmp_path)
    loaded = load_cohort(path)
    pain, odi = _scores(loaded.cohort), _odi(loaded.cohort)
    assert [pain[("OM-01", p)] for p in ("pre", "24h", "6w", "3m")] == [8.0, 5.0, 4.0, 3.0]
    assert pain[("OM-02", "pre")] == 7.0 and pain[("OM-02", "6w")] == 5.0
    assert ("OM-02", "24h") not in pain and ("OM-02", "3m") not in pain
    assert pain[("OM-03", "pre")] == 6.0 and odi[("OM-03", "pre")] == 51.0
    # the score off its scale named on its cell, the chain's others kept
    assert [(p.sheet, p.cell) for p in loaded.errors] == [("Follow-up", "D5")]
    assert "24h: odi must lie within 0-100" in loaded.errors[0].message
    assert odi[("OM-04", "pre")] == 70.0 and ("OM-04", "24h") not in odi
    assert ("OM-04", "6w") not in pain  # متوفى: deceased, no score
    read = {(c.sheet, c.letter): (c.label, c.reason) for c in inspect_input(path).columns}
    assert read[("Follow-up", "C")] == (
        "pain_vas@pre|24h|6w|3m",
        "header: a measure, its time points in brackets, a score for each in one cell",
    )
    assert read[("Follow-up", "B")][0] == "procedures.procedure_id"  # الأول: the first
    written = tmp_path / "mapping.yaml"
    written.write_text(inspect_input(path).mapping_yaml(), "utf-8")
    mapped = load_cohort(path, options_from_mapping(read_mapping(written))).cohort
    assert _scores(mapped) == pain and _odi(mapped) == odi


def test_arrow_chains_split_in_order():
    assert header_parts("pre → 24h → 6wk") == ["pre", "24h", "6wk"]
    assert split_series("9 → - → 8", 5) == ("9", "-", "8")
    assert split_series("1 → 2 → 3 → 4 → 5 → 6", 5) is None  # more scores than visits
    assert split_series("7", 4) == ("7",) and split_series(7.0, 4) == ("7.0",)
    assert split_series("7 / 5", 4) is None  # a slash series holds every time point


def test_a_measure_at_two_time_points_an_unspaced_slash_apart(tmp_path):
    """``VAS pre/post`` over ``8/3``: the score before and the one after (24 h), each at
    its time point; a score off the scale named on its cell, the other kept."""
    head = ["Study ID", "Age", "Date of procedure", "Level", "VAS pre/post"]
    cells = {1: "8/3", 2: "7/6", 3: "9/13", 4: "10/9"}
    rows = [head] + [[f"SR-{k:02d}", 60 + k, datetime(2023, 1, k), "L1", cells[k]] for k in cells]  # fmt: skip
    path = _workbook(tmp_path / "p.xlsx", {"Register": rows})
    loaded = load_cohort(path)
    assert [(p.cell, "24h: pain_vas must lie within 0-10" in p.message) for p in loaded.errors] == [("E4", True)]  # fmt: skip
    got = _scores(loaded.cohort)
    assert got[("SR-01", "pre")] == 8.0 and got[("SR-01", "24h")] == 3.0
    assert got[("SR-03", "pre")] == 9.0 and ("SR-03", "24h") not in got
    read = {c.letter: (c.label, c.reason) for c in inspect_input(path).columns}
    assert read["E"] == ("pain_vas@pre|24h", "header: a measure's time points, a score for each in one cell")  # fmt: skip


def test_an_unspaced_slash_between_words_naming_no_time_point_is_no_series(tmp_path):
    """``VAS pre/remarks``: the part after the slash is no time point, so no series."""
    from analysis.normalize.series import slash_parts

    assert slash_parts("VAS pre/post") == ["VAS pre", "post"]
    assert slash_parts("VAS pre/") == []
    head = ["Study ID", "Age", "Date of procedure", "Level", "VAS pre/remarks"]
    rows = [head] + [[f"SR-{k:02d}", 60 + k, datetime(2023, 1, k), "L1", f"{k}/3"] for k in range(1, 5)]  # fmt: skip
    read = {c.letter: c.label for c in inspect_input(_workbook(tmp_path / "n.xlsx", {"R": rows})).columns}  # fmt: skip
    assert "|" not in read["E"]
