"""A second session's block of columns to the right of the first's, its group header
naming the session twice (``II protseduur (korduv)``: by its number and by a word for a
repeat), and the words such a register writes (Estonian ``VAS 1 p`` / ``VAS 3 k``,
``ei ilm.``, ``jah, ketas ja foramen``)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping
from analysis.load.header_sessions import _slot_target
from analysis.normalize import match_header


def _register(tmp_path: Path, first: str, second: str, sub: list[str]) -> Path:
    """One row per patient under a two-row header: the first session's columns under
    ``first``, the second's, with the same sub-headers, under ``second``."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Register"
    ws.append(["Register 2020-2023"])
    n = len(sub)
    ws.append(["Patsient", None, None, first, *[None] * (n - 1), second, *[None] * (n - 1)])
    ws.append(["Uuringu nr", "Sugu", "Vanus", *sub, *sub])
    ws.append(["E1", "N", 80, "01.03.2021", "Th12", "VP", "4,5", "ei", 8, 5, 3,
               "01.06.2021", "L2", "KP", "5", "jah, ketas ja foramen", 9, 6, "ei ilm."])  # fmt: skip
    ws.append(["E2", "M", 70, "01.04.2021", "Th11, Th12", "VP", "1,5 + 7", "jah: Th11 venoosne", 7, "ei ilm.", 2,
               None, None, None, None, None, None, None, None])  # fmt: skip
    ws.append(["E3", "N", 75, "01.05.2021", "L3", "KP", "6", "ei", 9, 6, None,
               "01.09.2021", "L4", "VP", "3,5", "ei", 6, 4, 2])  # fmt: skip
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=3)
    ws.merge_cells(start_row=2, start_column=4, end_row=2, end_column=3 + n)
    ws.merge_cells(start_row=2, start_column=4 + n, end_row=2, end_column=3 + 2 * n)
    path = tmp_path / "register.xlsx"
    wb.save(path)
    return path


_ESTONIAN = ["Kuupäev", "Lülid", "Meetod", "Tsemendi hulk (ml)", "Leke", "VAS enne", "VAS 1 p", "VAS 3 k"]  # fmt: skip
_ENGLISH = ["Date", "Levels", "Technique", "Cement volume (ml)", "Leakage", "VAS pre", "VAS 24h", "VAS 3m"]  # fmt: skip


@pytest.mark.parametrize(
    ("first", "second", "sub"),
    [
        ("I protseduur", "II protseduur (korduv)", _ESTONIAN),
        ("Index procedure", "2nd procedure (repeat)", _ENGLISH),
    ],
)
def test_a_second_session_named_by_number_and_as_a_repeat(tmp_path, first, second, sub):
    """Every column of the second block, scores included, is the second session's; the
    mapping inspect writes says so and reproduces the load."""
    path = _register(tmp_path, first, second, sub)
    result = load_cohort(path)
    assert result.errors == []
    assert [p for p in result.problems if "only column" in p.message] == []
    c = result.cohort
    procs = sorted(zip(c.procedures["patient_id"], c.procedures["day"].astype(int), c.procedures["level"].astype(str), c.procedures["technique"].astype(str), c.procedures["cement_volume_ml"], c.procedures["leakage"].astype(str), strict=True))  # fmt: skip
    assert procs == [
        ("E1", 0, "T12", "vertebroplasty", 4.5, "none"),
        ("E1", 92, "L2", "kyphoplasty", 5.0, "disc;foraminal"),
        ("E2", 0, "T11", "vertebroplasty", 1.5, "venous"),
        ("E2", 0, "T12", "vertebroplasty", 7.0, "none"),
        ("E3", 0, "L3", "kyphoplasty", 6.0, "none"),
        ("E3", 123, "L4", "vertebroplasty", 3.5, "none"),
    ]
    a = c.assessments.merge(c.procedures[["procedure_id", "day"]].drop_duplicates(), on="procedure_id")  # fmt: skip
    got = sorted(zip(a["patient_id"], a["day_y"].astype(int), a["timepoint"].astype(str), a["value"], strict=True))  # fmt: skip
    assert got == [
        ("E1", 0, "24h", 5), ("E1", 0, "3m", 3), ("E1", 0, "pre", 8),
        ("E1", 92, "24h", 6), ("E1", 92, "pre", 9),
        ("E2", 0, "3m", 2), ("E2", 0, "pre", 7),
        ("E3", 0, "24h", 6), ("E3", 0, "pre", 9),
        ("E3", 123, "24h", 4), ("E3", 123, "3m", 2), ("E3", 123, "pre", 6),
    ]  # fmt: skip
    found = inspect_input(path)
    written = tmp_path / "mapping.yaml"
    written.write_text(found.mapping_yaml(), "utf-8")
    (table,) = read_mapping(written)["tables"]
    sessions = {letter: col.get("session", 1) for letter, col in table["columns"].items()}
    assert {sessions[letter] for letter in "LMNOPQRS"} == {2}
    assert {sessions[letter] for letter in "DEFGHIJK"} == {1}
    mapped = load_cohort(path, options_from_mapping(read_mapping(written))).cohort
    for name in ("patients", "procedures", "assessments"):
        assert getattr(c, name).equals(getattr(mapped, name)), name


def test_a_repeat_word_after_the_numbered_session_is_no_field():
    """``(korduv)`` / ``(repeat)`` after ``II protseduur`` / ``2nd procedure`` names the
    session again; what follows it names the field."""
    for header in ("II protseduur (korduv) VAS enne", "2nd procedure (repeat) VAS pre"):
        target, slot, session = _slot_target(header, {})
        assert (target.label, slot, session) == ("pain_vas@pre", 0, 2)
    target, _, session = _slot_target("Korduv kuupäev", {})
    assert (target.label, session) == ("date:procedure_date", 2)


@pytest.mark.parametrize(
    ("header", "label"),
    [
        ("VAS 1 p", "pain_vas@24h"),  # p = päev (day)
        ("VAS 1 k", "pain_vas@1m"),  # k = kuu (month)
        ("VAS 6 k", "pain_vas@6m"),
        ("Etioloogia", "patients.etiology"),
        ("Meetod", "procedures.technique"),
        ("Tsemendi hulk (ml)", "procedures.cement_volume_ml"),
        ("Leke", "procedures.leakage"),
        ("Surmakuupäev", "date:death_date"),
    ],
)
def test_estonian_register_headers(header, label):
    target = match_header(header, {})
    assert target is not None and target.label == label
