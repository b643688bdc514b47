"""A second session's block of columns across the row under a group header glossed in
brackets after its own language's words (``Tafa hono ua (2nd operation)``): every column of
the block is the second session's, its own headers closing with the session's number
(``'Aho tafa 2``, ``Level 2``, ``Sima 2 (ml)``, ``Mamahi kimu'a 2``) or with a time point
whose number is a 2 (``Mamahi uike 2``, pain at 2 weeks)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import yaml

from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping

_FIRST = ["'Aho tafa", "Level", "VP/KP", "Sima (ml)"]
_PAIN = ["kimu'a", "uike 2"]
_SECOND = ["'Aho tafa 2", "Level 2", "VP/KP 2", "Sima 2 (ml)", "Mamahi kimu'a 2", "Mamahi uike 2"]


def _register(tmp_path: Path, second_group: str) -> Path:
    """One row per patient: the first operation, its pain, then the second operation's
    block (its own pain inside) under ``second_group``."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Lisi"
    ws.append(["Lisi VP 2021-2023"])
    ws.append(["Mahaki (patient)", None, None, "Tafa 'uluaki (1st operation)", None, None, None,
               "Mamahi (pain 0-10)", None, second_group, *[None] * 5])  # fmt: skip
    ws.append(["ID", "Tangata/Fefine", "Ta'u (Age)", *_FIRST, *_PAIN, *_SECOND])
    ws.append(["T-01", "tangata", 78, "18/06/2021", "L2", "VP", "5.5ml", 9, 4,
               "16/04/2022", "T11", "KP", "3.5ml", 8, 2])  # fmt: skip
    ws.append(["T-02", "fefine", 80, "20/08/2021", "T12 & L1", "VP", "8ml", 7, 3,
               None, None, None, None, None, None])  # fmt: skip
    for c0, c1 in [(1, 3), (4, 7), (8, 9), (10, 15)]:
        ws.merge_cells(start_row=2, start_column=c0, end_row=2, end_column=c1)
    path = tmp_path / "lisi.xlsx"
    wb.save(path)
    return path


def _procedures(cohort) -> dict[tuple, list]:
    p = cohort.procedures
    rows = zip(p["patient_id"], p["day"].astype(int), p["level"].astype(str), p["technique"].astype(str), p["session_cement_volume_ml"], strict=True)  # fmt: skip
    return {(pid, day, level): [technique, volume] for pid, day, level, technique, volume in rows}


def _scores(cohort) -> list[tuple]:
    a = cohort.assessments.merge(cohort.procedures[["procedure_id", "day"]].drop_duplicates(), on="procedure_id")  # fmt: skip
    return sorted(zip(a["patient_id"], a["day_y"].astype(int), a["timepoint"].astype(str), a["value"], strict=True))  # fmt: skip


def test_a_second_session_under_a_group_glossed_in_brackets(tmp_path):
    """The block's columns are the second session's (its ``Level 2`` no second vertebra of
    the first), its pain at its own time points; the written mapping reproduces the load."""
    path = _register(tmp_path, "Tafa hono ua (2nd operation)")
    result = load_cohort(path)
    assert result.errors == []
    c = result.cohort
    assert _procedures(c) == {
        ("T-01", 0, "L2"): ["vertebroplasty", 5.5],
        ("T-01", 302, "T11"): ["kyphoplasty", 3.5],  # the second block's
        ("T-02", 0, "T12"): ["vertebroplasty", 8.0],
        ("T-02", 0, "L1"): ["vertebroplasty", 8.0],
    }
    assert _scores(c) == [
        ("T-01", 0, "2w", 4), ("T-01", 0, "pre", 9),
        ("T-01", 302, "2w", 2), ("T-01", 302, "pre", 8),
        ("T-02", 0, "2w", 3), ("T-02", 0, "pre", 7),
    ]  # fmt: skip
    found = inspect_input(path)
    (table,) = found.mapping()["tables"]
    block = [table["columns"][letter] for letter in "JKLMNO"]
    assert [col.get("session") for col in block] == [2] * 6
    assert [col.get("slot") for col in block] == [None] * 6
    written = tmp_path / "mapping.yaml"
    written.write_text(yaml.safe_dump(found.mapping(), allow_unicode=True), "utf-8")
    mapped = load_cohort(path, options_from_mapping(read_mapping(written))).cohort
    for table in ("patients", "procedures", "assessments"):
        pd.testing.assert_frame_equal(getattr(mapped, table), getattr(c, table))


def test_a_bracketed_group_naming_no_session_leaves_level_2_a_second_vertebra(tmp_path):
    """``Tafa (operation)`` names no second session: ``Level 2`` is the second vertebra of
    the session, as before."""
    path = _register(tmp_path, "Tafa hono ua (operation)")
    (table,) = inspect_input(path).mapping()["tables"]
    level = table["columns"]["K"]
    assert (level.get("session"), level.get("slot")) == (None, 2)
