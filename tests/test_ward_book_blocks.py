"""A register kept as a ward book: each patient a block of rows, a patient line holding the
patient's own cells (study ID, sex, age, cause, a death in the notes), then one indented
line per event whose label says what it is (``Pre-op``, ``Procedure``, ``Day 1``, ``6/52
review``, ``New #``, ``Procedure #2 (new #)``), then a blank line. The labels stand in a
column headed ``Entry``, which no vocabulary names: read by its cells as each row's visit,
the procedure's and new fracture's rows said by their own cells. Headers glossed in
Samoan on one side of a spaced slash; Samoan sexes, no leak, death and missed visit."""

from __future__ import annotations

from datetime import date

import pytest

from analysis.load import inspect_input, load_cohort
from analysis.normalize.cells import parse_cell
from analysis.normalize.headers import match_header, one_language
from analysis.normalize.timepoints import timepoint_of
from analysis.problems import ERROR
from analysis.spec import load_spec
from tests.test_any_workbook import _workbook
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

HEADER = ["ID", "Name / Igoa", "Age", "Sex / Itupa", "Cause / Mafua'aga", "Date / Aso",
          "Entry", "Level(s)", "Tech", "Cement mL (total)", "Leak", "VAS /10",
          "Notes / Fa'amatalaga"]  # fmt: skip


def _line(when: str | None, entry: str, **cells: object) -> list[object]:
    row: list[object] = [None] * len(HEADER)
    row[5], row[6] = when, "  " + entry
    for header, value in cells.items():
        row[HEADER.index(header)] = value
    return row


def _patient(pid: str, age: int, sex: str, cause: str, note: str | None = None) -> list[object]:
    return [pid, "Name Withheld", age, sex, cause, None, None, None, None, None, None, None, note]


def _book() -> list[list[object]]:
    proc = {"Tech": "VP", "Leak": "nil"}
    return [
        ["ORTHOPAEDIC CLINIC – vertebroplasty follow-up list"],
        ["Key: le'i sau = did not come; maliu = passed away; 6/52 = 6 weeks"],
        [],
        HEADER,
        _patient("VP01", 72, "fafine", "osteoporosis"),
        _line("1/3/22", "Pre-op", **{"VAS /10": 8}),
        _line("1/3/22", "Procedure", **proc, **{"Level(s)": "T12 L1", "Cement mL (total)": 6}),
        _line("2/3/22", "Day 1", **{"VAS /10": 5}),
        _line("12/4/22", "6/52 review", **{"VAS /10": 3}),
        _line("1/6/22", "3/12 review", **{"VAS /10": 4}),
        _line("1/6/22", "New #", **{"Level(s)": "T11", "Notes / Fa'amatalaga": "seen on xray"}),
        _line("10/6/22", "Pre-op", **{"VAS /10": 9}),
        _line(
            "10/6/22",
            "Procedure #2 (new #)",
            **{**proc, "Leak": "leai", "Level(s)": "T11", "Cement mL (total)": 3},
        ),
        _line("22/7/22", "6/52 review", **{"VAS /10": 2}),
        _line("10/9/22", "3/12 review", **{"VAS /10": 1}),
        [],
        _patient("VP02", 80, "tane", "myeloma", "MALIU 20/5/22"),
        _line("5/3/22", "Pre-op", **{"VAS /10": 9}),
        _line(
            "5/3/22",
            "Procedure",
            **{**proc, "Level(s)": "L2", "Cement mL (total)": 4, "Leak": "L2 disc"},
        ),
        _line("6/3/22", "Day 1", **{"VAS /10": 6}),
        _line("16/4/22", "6/52 review", **{"VAS /10": 4}),
        _line(None, "3/12 review", **{"Notes / Fa'amatalaga": "maliu"}),
        [],
        _patient("VP03", 66, "fafine", "fall from coconut tree"),
        _line("7/3/22", "Pre-op", **{"VAS /10": 7}),
        _line("7/3/22", "Procedure", **proc, **{"Level(s)": "L1", "Cement mL (total)": 3.5}),
        _line("8/3/22", "Day 1", **{"VAS /10": 4}),
        _line(None, "6/52 review", **{"Notes / Fa'amatalaga": "le'i sau"}),
        _line("9/6/22", "3/12 review", **{"VAS /10": 2}),
        _line("8/3/23", "12/12 review", **{"VAS /10": 1}),
        [],
        _patient("VP04", 70, "tane", "osteoporosis", "MALIU 1/8/22"),
        _line("10/3/22", "Pre-op", **{"VAS /10": 8}),
        _line("10/3/22", "Procedure", **proc, **{"Level(s)": "L3", "Cement mL (total)": 4}),
        _line("11/3/22", "Day 1", **{"VAS /10": 5}),
        _line("21/4/22", "6/52 review", **{"VAS /10": 3}),
        _line(None, "3/12 review", **{"Notes / Fa'amatalaga": "maliu"}),
    ]


def _day(first: date, when: date) -> int:
    return (when - first).days


def test_a_ward_book_of_patient_blocks_loads_every_event_of_its_block(tmp_path):
    path = _workbook(tmp_path / "book.xlsx", {"VP patients": _book()})
    loaded = load_cohort(path)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    got = loaded.cohort
    cols = ["patient_id", "sex", "age_years", "etiology", "died"]
    patients = {r[0]: tuple(r[1:]) for r in got.patients[cols].itertuples(index=False)}
    assert patients == {
        "VP01": ("female", 72, "osteoporotic", False),
        "VP02": ("male", 80, "pathologic", True),
        "VP03": ("female", 66, "traumatic", False),
        "VP04": ("male", 70, "osteoporotic", True),
    }
    second = _day(date(2022, 3, 1), date(2022, 6, 10))
    procs = got.procedures
    vertebrae = {
        (p, int(d), lv, float(v), str(k))
        for p, d, lv, v, k in procs[
            ["patient_id", "day", "level", "session_cement_volume_ml", "leakage"]
        ].itertuples(index=False)
    }
    assert vertebrae == {
        ("VP01", 0, "T12", 6.0, "none"),
        ("VP01", 0, "L1", 6.0, "none"),
        ("VP01", second, "T11", 3.0, "none"),
        ("VP02", 0, "L2", 4.0, "disc"),
        ("VP03", 0, "L1", 3.5, "none"),
        ("VP04", 0, "L3", 4.0, "none"),
    }
    session = dict(zip(procs["procedure_id"], procs["day"], strict=True))
    a = got.assessments
    rows = a[["patient_id", "procedure_id", "timepoint", "value"]].itertuples(index=False)
    pain = {(p, int(session[s]), t, float(v)) for p, s, t, v in rows}
    assert pain == {
        ("VP01", 0, "pre", 8.0), ("VP01", 0, "24h", 5.0), ("VP01", 0, "6w", 3.0),
        ("VP01", 0, "3m", 4.0), ("VP01", second, "pre", 9.0), ("VP01", second, "6w", 2.0),
        ("VP01", second, "3m", 1.0),
        ("VP02", 0, "pre", 9.0), ("VP02", 0, "24h", 6.0), ("VP02", 0, "6w", 4.0),
        ("VP03", 0, "pre", 7.0), ("VP03", 0, "24h", 4.0), ("VP03", 0, "3m", 2.0),
        ("VP03", 0, "12m", 1.0),
        ("VP04", 0, "pre", 8.0), ("VP04", 0, "24h", 5.0), ("VP04", 0, "6w", 3.0),
    }  # fmt: skip
    fractures = {(p, int(d), lv) for p, d, lv in got.fractures[["patient_id", "day", "level"]].itertuples(index=False)}  # fmt: skip
    assert fractures == {("VP01", _day(date(2022, 3, 1), date(2022, 6, 1)), "T11")}
    reading = {c.letter: c for c in inspect_input(path).columns}
    assert (reading["G"].label, reading["G"].reason) == ("visit:timepoint", "cell contents")
    _reproduced_by_its_mapping(path, tmp_path)


@pytest.mark.parametrize(
    ("label", "want"),
    [
        ("6/52 review", "6w"),
        ("3/12 review", "3m"),
        ("12/12 review", "12m"),
        ("2 week review", "2w"),
    ],
)
def test_a_review_named_by_its_interval_is_that_visit(label, want):
    assert timepoint_of(label) == want


@pytest.mark.parametrize(
    ("field", "written", "want"),
    [
        (("patients", "sex"), "fafine", "female"),
        (("patients", "sex"), "tane", "male"),
        (("procedures", "leakage"), "leai", "none"),
        (("patients", "died"), "maliu", True),
    ],
)
def test_samoan_words_read_as_their_values(field, written, want):
    assert parse_cell(written, load_spec().column(*field)) == want


def test_headers_glossed_on_one_side_of_a_slash_read_as_their_known_part():
    """A row glossing some headers in a language the vocabulary does not know, in the same
    script, always after the slash: each such header is its known part; two fields apart
    by a slash in a row without that habit stay unread."""
    row = ["ID", "Name / Vakaro", "Age", "Sex / Koruma", "Phone / Teletoni",
           "Cause / Mafutaga", "Level", "Notes / Zamatala"]  # fmt: skip
    read = [match_header(h) for h in one_language(row)]
    labels = [None if t is None else t.label for t in read]
    assert labels[3] == "patients.sex" and labels[5] == "patients.etiology"
    assert read[1] is not None and read[1].kind == "identifier"
    assert labels[7] is None  # neither part named: not guessed
    assert one_language(["ID", "Sex / Notes", "Age", "Level", "VAS"])[1] == "Sex / Notes"
    mixed = ["ID", "Sex / Koruma", "Vakaro / Age", "Phone / Teletoni", "Cause / Mafutaga",
             "Name / Igoa", "Level", "VAS", "Tech"]  # fmt: skip
    assert one_language(mixed) == mixed  # the known language on both sides: no habit
