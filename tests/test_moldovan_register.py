"""A Moldovan register, one row per patient under two header rows: the groups written in
Romanian and Russian (``Intervenția I / Вмешательство I``, ``Intervenția II /
Вмешательство II``) over the same field names repeated for each session, the week
abbreviated (``VAS 1 săpt.``) and ``n/p`` (nu s-a prezentat) for a visit missed."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.load import inspect_input, load_cohort
from analysis.load.header_sessions import _numbered
from tests.test_any_workbook import _session_blocks, _workbook
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

_FIRST, _SECOND = "Intervenția I / Вмешательство I", "Intervenția II / Вмешательство II"


@pytest.mark.parametrize(
    ("group", "numbered"),
    [
        (_FIRST, ("interventia", 1)),
        (_SECOND, ("interventia", 2)),
        ("Seanca 2 (rindërhyrje)", ("seanca", 2)),
        ("2yèm seyans / 2e séance (si genyen)", ("seyans", 2)),
    ],
)
def test_a_group_in_two_languages_numbers_its_session_in_its_parts(group, numbered):
    assert _numbered(group) == numbered


def test_sessions_under_groups_in_two_languages(tmp_path):
    """The second block's columns are the second session's, its date one of them (not a
    technique read from the Russian word for the intervention)."""
    path = _session_blocks(tmp_path, _FIRST, _SECOND)
    result = load_cohort(path)
    assert result.errors == []
    days = sorted(result.cohort.procedures["day"].astype(int))
    assert days == [0, 0, 0, 0, 92, 123]
    (tmp_path / "plain").mkdir()
    plain = load_cohort(_session_blocks(tmp_path / "plain", "Sesión 1", "Sesión 2")).cohort
    for table in ("patients", "procedures", "assessments"):
        pd.testing.assert_frame_equal(getattr(result.cohort, table), getattr(plain, table))
    columns = inspect_input(path).mapping()["tables"][0]["columns"]
    assert [columns[letter].get("session", 1) for letter in "DEFGHIJK"] == [1] * 4 + [2] * 4
    _reproduced_by_its_mapping(path, tmp_path)


def _register(tmp_path: Path) -> Path:
    first = ["Data", "Nivel(uri)", "VAS pre", "VAS 1 săpt.", "VAS 1 lună"]
    rows = [
        ["Date pacient / Данные пациента", None, _FIRST, None, None, None, None, _SECOND],
        ["Cod pacient", "Vârsta (ani)", *first, "Data", "Nivel", *first[2:]],
        ["MD-1", 71, "10.01.2022", "Th12", 8, 4, 3, "01.04.2022", "L1", 9, "n/p", 5],
        ["MD-2", 66, "11.02.2022", "L2", 9, "n/p", 2, None, None, None, None, None],
        ["MD-3", 80, "12.03.2022", "L3", 7, 3, "n/p", None, None, None, None, None],
    ]
    merges = [("Registru", cells) for cells in ("A1:B1", "C1:G1", "H1:L1")]
    return _workbook(tmp_path / "registru.xlsx", {"Registru": rows}, merges)


def test_weeks_abbreviated_and_a_visit_missed(tmp_path):
    path = _register(tmp_path)
    result = load_cohort(path)
    assert result.errors == []
    a = result.cohort.assessments.merge(
        result.cohort.procedures[["procedure_id", "day"]].drop_duplicates(), on="procedure_id"
    )
    got = sorted(zip(a["patient_id"], a["day_y"].astype(int), a["timepoint"].astype(str), a["value"], strict=True))  # fmt: skip
    assert got == [
        ("MD-1", 0, "1m", 3), ("MD-1", 0, "1w", 4), ("MD-1", 0, "pre", 8),
        ("MD-1", 81, "1m", 5), ("MD-1", 81, "pre", 9),
        ("MD-2", 0, "1m", 2), ("MD-2", 0, "pre", 9),
        ("MD-3", 0, "1w", 3), ("MD-3", 0, "pre", 7),
    ]  # fmt: skip
    labels = {col.letter: col.label for col in inspect_input(path).columns}
    assert (labels["F"], labels["K"]) == ("pain_vas@1w", "pain_vas@1w")
    _reproduced_by_its_mapping(path, tmp_path)
