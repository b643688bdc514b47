"""A pain score kept on a FACES scale under a group header naming the scale (``Pain score
(faces 0-10)``), some of its cells written as the faces' words that a key line under the
table gives the numbers of (``No hurt = 0, Hurts little bit = 2``); and a row's remark
saying its procedure is a repeat one (``Re-op``) in a column of remarks read for the
deaths they name, whose date must come after the patient's first procedure."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from analysis.load import load_cohort
from analysis.normalize.headers import match_header
from analysis.problems import ERROR
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

_KEY = (
    "Pain: Wong-Baker faces 0-10. Some entries written as the face words: No hurt = 0, "
    "Hurts little bit = 2, Hurts little more = 4, Hurts even more = 6, Hurts whole lot = 8, "
    "Hurts worst = 10."
)
_HEADER = ["Study No.", "Age", "Sex", "Date of procedure", "Level", "Pre-op", "Day 1", "6 wks", "Remarks"]  # fmt: skip


def _register(path: Path, rows: list[list[object]], key: str | None = _KEY) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Register"
    ws.append(["Spine unit register"])
    ws.append([None] * 5 + ["Pain score (faces 0-10)"])
    ws.merge_cells("F2:H2")
    ws.append(_HEADER)
    for row in rows:
        ws.append(row)
    ws.append([])
    if key is not None:
        ws.append([key])
    wb.save(path)
    return path


_ROWS = [
    [
        "P-01",
        70,
        "F",
        "12-05-2021",
        "L1",
        "Hurts worst",
        "hurts little more",
        2,
        "New # L2 on 14-06-2022",
    ],
    ["P-02", 66, "M", "30-05-2021", "T12", 8, "Hurts even more", "No hurt", None],
    ["P-03", 81, "F", "16-10-2021", "L2", 7, 5, "Hurts little bit", "Died 11-11-2022"],
    ["P-02", 66, "M", "20-11-2021", "L1", 9, 7, 3, "Re-op"],
]


def _pain(result) -> dict[tuple[str, str], float]:
    a, p = result.cohort.assessments, result.cohort.procedures
    day = dict(zip(p["procedure_id"], p["day"], strict=True))
    return {
        (f"{pid}@{day[proc]}", tp): v
        for pid, proc, tp, v in zip(
            a["patient_id"], a["procedure_id"], a["timepoint"], a["value"], strict=True
        )
    }


def test_a_faces_scale_names_the_pain_score_under_its_group_header() -> None:
    for header, point in [
        ("வலி / Pain score (faces 0-10) Day 1", "24h"),
        ("Pain score (faces 0-10) 2 wks", "2w"),
        ("Pain (Wong-Baker FACES) 3 months", "3m"),
    ]:
        found = match_header(header)
        assert found is not None and (found.measure, found.timepoint) == ("pain_vas", point)


def test_the_faces_words_read_as_the_numbers_the_key_line_gives(tmp_path: Path) -> None:
    path = _register(tmp_path / "faces.xlsx", _ROWS)
    loaded = load_cohort(path)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    pain = _pain(loaded)
    assert pain[("P-01@0", "pre")] == 10 and pain[("P-01@0", "24h")] == 4  # case aside
    assert pain[("P-02@0", "24h")] == 6 and pain[("P-02@0", "6w")] == 0
    assert pain[("P-03@0", "6w")] == 2 and pain[("P-03@0", "pre")] == 7
    said = [p for p in loaded.problems if p.rule == "legend"]
    assert len(said) == 1 and "Hurts worst = 10" in said[0].message
    assert said[0].message.count("Hurts worst = 10") == 1  # the columns sharing it named once
    _reproduced_by_its_mapping(path, tmp_path)


def test_without_the_key_line_the_words_are_reported(tmp_path: Path) -> None:
    loaded = load_cohort(_register(tmp_path / "nokey.xlsx", _ROWS, key=None))
    wrong = {p.cell for p in loaded.problems if p.severity == ERROR}
    assert {"F4", "G4", "G5", "H5", "H6"} <= wrong


def test_a_key_line_of_numbers_out_of_the_scale_gives_no_words(tmp_path: Path) -> None:
    key = "Pain: mild = 20, moderate = 50, severe = 80"  # not a 0-10 score's points
    loaded = load_cohort(_register(tmp_path / "wide.xlsx", _ROWS, key=key))
    assert not [p for p in loaded.problems if p.rule == "legend"]


def test_a_reop_row_dated_before_the_first_procedure_is_named(tmp_path: Path) -> None:
    rows = [*_ROWS[:3], ["P-02", 66, "M", "20-11-2020", "L1", 9, 7, 3, "Re-op"]]
    loaded = load_cohort(_register(tmp_path / "reop.xlsx", rows))
    order = [p for p in loaded.problems if p.severity == ERROR and p.rule == "session_order"]
    assert [(p.row, p.cell) for p in order] == [(7, "D7")]
    assert "dated before the first" in order[0].message
    # in its place (after the first), the re-op row is the patient's second session
    fine = load_cohort(_register(tmp_path / "fine.xlsx", _ROWS))
    assert not [p for p in fine.problems if p.rule == "session_order"]
    assert sorted(fine.cohort.procedures.query("patient_id == 'P-02'")["day"]) == [0, 174]
