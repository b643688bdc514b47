"""Scores under headers naming their visits by codes (``VAS V1``, ``ODI V2``) that only a
legend line under the table explains (``Legend: V0 = pre-op; V1 = 6 weeks; V2 = 3 months
(from the row's procedure)``): each column read at its code's time point, said in a
warning and kept by the mapping file; and the Italian and Sardinian words of a score not
taken (``v. II int.``: see the second operation, ``no est bènnidu``: did not come) or of a
leak not recorded (``non rilevato``) read as missing."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
import yaml

from analysis.load import inspect_input, load_cohort
from analysis.normalize import is_missing
from analysis.problems import ERROR
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

_LEGEND = "V0 = pre-op;  V1 = 6 weeks;  V2 = 3 months (from the row's procedure)"
_HEADER = ["Study ID", "Age", "Sex", "Date of procedure", "Level", "VAS V0", "VAS V1", "VAS V2", "ODI V0", "ODI V1", "ODI V2"]  # fmt: skip
_ROWS = [
    ["P-01", 70, "F", "12/05/2021", "L1", 8, 4, 2, 60, 40, 30],
    ["P-02", 66, "M", "30/05/2021", "T12", 9, 3, "-", 72, 34, 20],
    ["P-03", 81, "F", "16/10/2021", "L2", 7, 12, 1, 58, 30, 18],
    ["P-04", 75, "F", "02/11/2021", "L3", 6, 2, 2, 50, 22, 16],
]


def _register(path: Path, legend: str | None = _LEGEND) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Register"
    ws.append(["Spine unit register"])
    ws.append(_HEADER)
    for row in _ROWS:
        ws.append(row)
    ws.append([])
    if legend is not None:
        ws.append(["Legend:"])
        ws.append([legend])
    wb.save(path)
    return path


def _scores(result) -> dict[tuple[str, str, str], float]:
    a = result.cohort.assessments
    return {
        (pid, m, tp): v
        for pid, m, tp, v in zip(
            a["patient_id"], a["measure"], a["timepoint"], a["value"], strict=True
        )
    }


def test_header_codes_a_legend_line_explains_read_as_its_time_points(tmp_path) -> None:
    path = _register(tmp_path / "register.xlsx")
    loaded = load_cohort(path)
    scores = _scores(loaded)
    assert scores[("P-01", "pain_vas", "6w")] == 4
    assert scores[("P-01", "pain_vas", "3m")] == 2
    assert scores[("P-04", "odi", "6w")] == 22
    assert scores[("P-04", "odi", "3m")] == 16
    assert scores[("P-02", "odi", "pre")] == 72
    said = [p for p in loaded.problems if p.rule == "legend"]
    assert len(said) == 1
    assert "V1 = 6 weeks" in said[0].message and "V2 = 3 months" in said[0].message
    assert "(from" not in said[0].message  # the time point's words, not the remark


def test_a_score_out_of_range_at_a_coded_time_point_is_named(tmp_path) -> None:
    loaded = load_cohort(_register(tmp_path / "register.xlsx"))
    errors = [p for p in loaded.problems if p.severity == ERROR]
    assert [(p.row, p.column) for p in errors] == [(5, "VAS V1")]
    assert "must lie within 0-10" in errors[0].message


def test_the_mapping_records_the_legend_time_points(tmp_path) -> None:
    path = _register(tmp_path / "register.xlsx")
    columns = yaml.safe_load(yaml.safe_dump(inspect_input(path).mapping()))["tables"][0]["columns"]  # fmt: skip
    assert columns["G"]["read_as"] == {"measure": "pain_vas", "timepoint": "6w"}
    assert columns["K"]["read_as"] == {"measure": "odi", "timepoint": "3m"}
    _reproduced_by_its_mapping(path, tmp_path)


def test_codes_no_header_uses_and_headers_without_a_legend_are_left_alone(tmp_path) -> None:
    # without the legend the codes name no time point: the columns are not read at one
    bare = load_cohort(_register(tmp_path / "bare.xlsx", legend=None))
    assert not any(tp in ("6w", "3m") for _, _, tp in _scores(bare))
    # a legend of codes the headers do not use gives them nothing
    other = load_cohort(_register(tmp_path / "other.xlsx", legend="W1 = 6 weeks; W2 = 3 months"))  # fmt: skip
    assert not any(tp in ("6w", "3m") for _, _, tp in _scores(other))
    assert not [p for p in other.problems if p.rule == "legend"]


@pytest.mark.parametrize(
    "marker",
    ["v. II int.", "vedi II intervento", "no est bènnidu", "No est bènnida", "non rilevato"],
)
def test_italian_and_sardinian_words_of_a_value_not_taken_read_as_missing(marker) -> None:
    assert is_missing(marker)
