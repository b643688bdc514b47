"""A Moldovan register, one row per patient under two header rows: the groups written in
Romanian and Russian (``Intervenția I / Вмешательство I``, ``Intervenția II /
Вмешательство II``) over the same field names repeated for each session, the week
abbreviated (``VAS 1 săpt.``) and ``n/p`` (nu s-a prezentat) for a visit missed."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from analysis.load import inspect_input, load_cohort
from analysis.load.header_sessions import _numbered
from tests.test_any_workbook import _session_blocks
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
    c = result.cohort
    procs = sorted(zip(c.procedures["patient_id"], c.procedures["day"].astype(int), c.procedures["level"].astype(str), c.procedures["cement_volume_ml"], strict=True))  # fmt: skip
    assert procs == [
        ("P1", 0, "L1", 4.0), ("P1", 92, "L2", 5.0), ("P2", 0, "T12", 3.0),
        ("P3", 0, "L3", 6.0), ("P3", 123, "L4", 3.5), ("P4", 0, "T8", 2.0),
    ]  # fmt: skip
    columns = inspect_input(path).mapping()["tables"][0]["columns"]
    assert [columns[letter].get("session", 1) for letter in "DEFGHIJK"] == [1] * 4 + [2] * 4
    _reproduced_by_its_mapping(path, tmp_path)


def _register(tmp_path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Registru"
    ws.append(["Date pacient / Данные пациента", None, _FIRST, None, None, None, None,
               _SECOND, None, None, None, None])  # fmt: skip
    first = ["Data", "Nivel(uri)", "VAS pre", "VAS 1 săpt.", "VAS 1 lună"]
    ws.append(["Cod pacient", "Vârsta (ani)", *first, "Data", "Nivel", *first[2:]])
    ws.append(["MD-1", 71, "10.01.2022", "Th12", 8, 4, 3, "01.04.2022", "L1", 9, "n/p", 5])
    ws.append(["MD-2", 66, "11.02.2022", "L2", 9, "n/p", 2, None, None, None, None, None])
    ws.append(["MD-3", 80, "12.03.2022", "L3", 7, 3, "n/p", None, None, None, None, None])
    for cells in ("A1:B1", "C1:G1", "H1:L1"):
        ws.merge_cells(cells)
    wb.save(tmp_path / "registru.xlsx")
    return tmp_path / "registru.xlsx"


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
