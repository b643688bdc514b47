"""A second session's block of columns across the row under a group header written in two
languages apart by a spaced slash, one of which names the second session (``Qalliinka 2aad
/ Second procedure``): every column of the block is the second session's, though its own
header (``Taariikhda / Date``, ``VAS kahor``) says nothing of a session; and the words such
a register writes (Somali ``78 sano``, ``lama imaan``, ``Haa – disc``; Tok Pisin ``Nogat``,
``no kam``)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import yaml

from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping
from analysis.normalize.cells import is_missing, parse_number
from analysis.spec import load_spec

_FIRST = ["Taariikhda / Date", "Heerka / Level(s)", "Farsamada", "Sibidh (ml)", "Daadasho / Leak"]
_SECOND = ["Taariikhda / Date", "Heerka", "Farsamada", "Sibidh (ml)", "Daadasho", "VAS kahor", "VAS 1 bil"]  # fmt: skip


def _register(
    tmp_path: Path, second_group: str, first_group: str = "Qalliinka 1aad / First procedure"
) -> Path:
    """One row per patient: the patient, the first procedure under ``first_group``, its
    pain under a group of its own, then the second procedure's block (its own pain inside)
    under ``second_group``."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Diiwaanka"
    ws.append(["Diiwaanka VP 2022-2024"])
    groups = ["Bukaanka / Patient", None, None, first_group, *[None] * 4,
              "Xanuunka VAS (0-10)", None, None, second_group, *[None] * 6, "Dabagal / Follow-up"]  # fmt: skip
    ws.append(groups)
    ws.append(["Study No", "Jinsi / Sex", "Da'da / Age", *_FIRST, "Kahor / Pre", "24 saac", "1 bil", *_SECOND, "Dhintay? / Died"])  # fmt: skip
    ws.append(["S-01", "Lab", "78 sano", "22/06/2022", "L3", "KP", "6", "Maya", 6, 3, "lama imaan",
               "04/08/2022", "L4", "VP", "4.5", "Haa – disc", 9, 2, "Haa"])  # fmt: skip
    ws.append(["S-02", "Dheddig", 68, "15/05/2023", "T5, T6", "VP", "4 + 3", "Haa – venous", 7, "lama imaan", 2,
               None, None, None, None, None, None, None, "Maya"])  # fmt: skip
    ws.append(["S-03", "Dheddig", "64 sano", "10/09/2023", "L1", "VP", "5.5", "Maya", 10, 2, 4,
               "01/12/2023", "L2", "VP", "3", "Maya", 8, "lama imaan", "Maya"])  # fmt: skip
    spans = [(1, 3), (4, 8), (9, 11), (12, 18), (19, 19)]
    for c0, c1 in spans:
        if c1 > c0:
            ws.merge_cells(start_row=2, start_column=c0, end_row=2, end_column=c1)
    path = tmp_path / "diiwaanka.xlsx"
    wb.save(path)
    return path


def _procedures(cohort) -> list[tuple]:
    p = cohort.procedures
    return sorted(zip(p["patient_id"], p["day"].astype(int), p["level"].astype(str), p["technique"].astype(str), p["cement_volume_ml"], p["leakage"].astype(str), strict=True))  # fmt: skip


def _scores(cohort) -> list[tuple]:
    a = cohort.assessments.merge(cohort.procedures[["procedure_id", "day"]].drop_duplicates(), on="procedure_id")  # fmt: skip
    return sorted(zip(a["patient_id"], a["day_y"].astype(int), a["timepoint"].astype(str), a["value"], strict=True))  # fmt: skip


_GLOSSED = "naming the second session in one of its two languages"
_NUMBERED = "numbering the second session beside the first's"


@pytest.mark.parametrize(
    ("first_group", "second_group", "reason"),
    [
        ("Qalliinka 1aad / First procedure", "Qalliinka 2aad / Second procedure", _GLOSSED),
        ("Qalliinka 1aad / First procedure", "Second procedure / Qalliinka 2aad", _GLOSSED),
        ("Qalliinka 1aad / First procedure", "Qalliinka labaad / Second procedure", _GLOSSED),
        # no English: the groups number the sessions, an ordinal's letters after the digit
        ("Qalliinka 1aad", "Qalliinka 2aad", _NUMBERED),
    ],
)
def test_a_second_session_under_its_group_header(tmp_path, first_group, second_group, reason):
    """The second block's columns, its scores included, are the second session's (never
    the first session's, nor set aside as doubles of its columns); the mapping inspect
    writes says so and reproduces the load."""
    path = _register(tmp_path, second_group, first_group)
    result = load_cohort(path)
    assert result.errors == []
    assert [p.message for p in result.problems if "only column" in p.message] == []
    c = result.cohort
    assert {(p, day, level): rest for p, day, level, *rest in _procedures(c)} == {
        ("S-01", 0, "L3"): ["kyphoplasty", 6.0, "none"],
        ("S-01", 43, "L4"): ["vertebroplasty", 4.5, "disc"],  # the second block's
        ("S-02", 0, "T5"): ["vertebroplasty", 4.0, "venous"],
        ("S-02", 0, "T6"): ["vertebroplasty", 3.0, "venous"],
        ("S-03", 0, "L1"): ["vertebroplasty", 5.5, "none"],
        ("S-03", 82, "L2"): ["vertebroplasty", 3.0, "none"],
    }
    assert _scores(c) == [
        ("S-01", 0, "24h", 3), ("S-01", 0, "pre", 6),
        ("S-01", 43, "1m", 2), ("S-01", 43, "pre", 9),
        ("S-02", 0, "1m", 2), ("S-02", 0, "pre", 7),
        ("S-03", 0, "1m", 4), ("S-03", 0, "24h", 2), ("S-03", 0, "pre", 10),
        ("S-03", 82, "pre", 8),
    ]  # fmt: skip
    patients = c.patients.set_index("patient_id")
    assert patients["age_years"].to_dict() == {"S-01": 78, "S-02": 68, "S-03": 64}
    assert patients["died"].to_dict() == {"S-01": True, "S-02": False, "S-03": False}
    found = inspect_input(path)
    # (the volume's reason speaks of its unit instead)
    block = [c for c in found.columns if 12 <= c.index <= 18 and "unit" not in c.reason]
    assert len(block) == 6
    assert all(reason in col.reason for col in block)
    (table,) = found.mapping()["tables"]
    assert [table["columns"][letter].get("session") for letter in "LMNOPQR"] == [2] * 7
    written = tmp_path / "mapping.yaml"
    written.write_text(yaml.safe_dump(found.mapping(), allow_unicode=True), "utf-8")
    mapped = load_cohort(path, options_from_mapping(read_mapping(written))).cohort
    for table in ("patients", "procedures", "assessments"):
        pd.testing.assert_frame_equal(getattr(mapped, table), getattr(c, table))


def test_a_group_in_two_languages_naming_no_session_leaves_its_columns_in_the_first(tmp_path):
    """``Dabagal / Follow-up`` over a score: no second session; the group that does not
    name one reads as before."""
    path = _register(tmp_path, "Dabagal / Follow-up")
    result = load_cohort(path)
    assert {p for p, *_ in _procedures(result.cohort) if _[0] > 0} == set()
    doubled = [p.message for p in result.problems if "only column" in p.message]
    assert any("VAS kahor" in m for m in doubled)


@pytest.mark.parametrize(
    ("text", "missing"),
    [("lama imaan", True), ("no kam", True), ("Nogat", False), ("Maya", False)],
)
def test_somali_and_tok_pisin_words_for_a_missed_visit(text, missing):
    assert is_missing(text) is missing


def test_an_age_written_with_the_word_for_years():
    assert parse_number("78 sano") == 78.0
    with pytest.raises(ValueError, match="not a number"):
        parse_number("78 sanooyin kahor")


def test_nogat_in_a_leakage_column_is_no_leakage():
    from analysis.normalize import parse_cell

    assert parse_cell("Nogat", load_spec().column("procedures", "leakage")) == "none"


@pytest.mark.parametrize(("header", "kind"), [("Magaca / Name", "name"), ("Telefoon", "phone")])
def test_somali_headers_of_identifiers_are_identifiers(header, kind):
    """A name or telephone column is known as one (never read, never shown)."""
    from analysis.normalize import match_header

    target = match_header(header)
    assert target is not None
    assert (target.kind, target.column) == ("identifier", kind)


@pytest.mark.parametrize(
    ("group", "numbered"),
    [
        ("Qalliinka 2aad", ("qalliinka", 2)),
        ("Qalliinka 1aad", ("qalliinka", 1)),
        ("Procedure 2nd", ("procedure", 2)),
        ("FU 1m", None),  # a visit's time point
        ("Visit 2w", None),
        ("第1椎体", None),  # the first vertebra: no Latin ordinal letters after the digit
    ],
)
def test_a_group_numbered_by_an_ordinal_after_its_digit(group, numbered):
    from analysis.load.header_sessions import _numbered

    assert _numbered(group) == numbered
