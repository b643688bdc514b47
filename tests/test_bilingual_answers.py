"""A yes or no written in two languages before its detail (``Do / Yes - T8 small leak into
disc``, ``Na / No``), as bilingual web forms export it, and cement volumes written after
each level with a comma between them (``T5 2.5ml, T6 3ml``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.load import load_cohort
from analysis.normalize.cells import one_language, parse_volumes
from tests.test_any_workbook import _workbook

HEADER = ["Study number", "Sex", "Age", "Date of procedure", "Levels", "Cement volume",
          "Cement leak?", "VAS pre"]  # fmt: skip


@pytest.mark.parametrize(
    ("cell", "want"),
    [
        ("Do / Yes - T8 small leak into disc", "Yes - T8 small leak into disc"),
        ("Na / No", "No"),
        ("Tak / Yes", "Tak"),  # two known words that agree: the first
        ("Ydy / Yes, small leak", "Yes, small leak"),
        ("yes / no", "yes / no"),  # a yes and a no: neither half is taken
        ("disc / venous", "disc / venous"),
        ("умер / каза болду 19.07.2023", "умер 19.07.2023"),  # a half of two words, dated
    ],
)
def test_one_language_keeps_the_known_half(cell: str, want: str) -> None:
    assert one_language(cell) == want


@pytest.mark.parametrize(
    ("cell", "want"),
    [
        ("T5 2.5ml, T6 3ml", (2.5, 3.0)),
        ("L3 3ml, L4 5.5ml, L5 4.5ml", (3.0, 5.5, 4.5)),
        ("Th12: 3,5 ml, L1: 4 ml", (3.5, 4.0)),
        ("6.5, 4", (6.5, 4.0)),
        ("4,5", None),  # a decimal comma, one volume
    ],
)
def test_volumes_after_their_levels_split_at_commas(cell: str, want: object) -> None:
    assert parse_volumes(cell) == want


def test_a_bilingual_form_reads_leaks_and_volumes_per_level(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["C-01", "F", 80, "2022-06-02", "T8 + T9", "T8 2.5ml, T9 3ml",
         "Do / Yes - T8 epidural leak - no neuro deficit; T9 small leak into disc", 9],
        ["C-02", "M", 71, "2022-06-05", "T5 and T6", "T5 2ml, T6 3.5ml", "Na / No", 7],
    ]  # fmt: skip
    rows += [
        [f"C-{k:02d}", "F", 75, f"2022-07-{k:02d}", "L1", "4 ml", "Na / No", 6] for k in range(3, 9)
    ]
    result = load_cohort(_workbook(tmp_path / "form.xlsx", {"Form": [HEADER, *rows]}))
    assert not result.errors
    procs = result.cohort.procedures
    got = {
        (p, lv): (vol, leak)
        for p, lv, vol, leak in zip(
            procs["patient_id"], procs["level"].astype(str),
            procs["cement_volume_ml"], procs["leakage"].astype(str), strict=True,
        )
    }  # fmt: skip
    assert got[("C-01", "T8")] == (2.5, "epidural")
    assert got[("C-01", "T9")] == (3.0, "disc")
    assert got[("C-02", "T5")] == (2.0, "none")
    assert got[("C-02", "T6")] == (3.5, "none")
    assert all(got[(f"C-{k:02d}", "L1")] == (4.0, "none") for k in range(3, 9))


@pytest.mark.parametrize("cell", ["OP collapse, fell at home", "OP collapse", "op wedge #"])
def test_op_collapse_is_osteoporotic(cell: str) -> None:
    from analysis.normalize.cells import parse_category
    from analysis.spec import load_spec

    assert parse_category(cell, load_spec().column("patients", "etiology")) == "osteoporotic"


@pytest.mark.parametrize(
    ("cell", "want"),
    [
        ("epiduraal lek, asymptomatisch", "epidural"),
        ("venous, no sequelae", "venous"),
        ("disc; paravertebral, asymptomatic", "disc;paravertebral"),
    ],
)
def test_a_part_saying_how_the_leak_went_names_no_site(cell: str, want: str) -> None:
    from analysis.normalize.cells import parse_multi_category
    from analysis.spec import load_spec

    assert parse_multi_category(cell, load_spec().column("procedures", "leakage")) == want


@pytest.mark.parametrize("cell", ["asymptomatisch", "asymptomatic, no symptoms"])
def test_a_leak_cell_of_details_only_is_still_an_error(cell: str) -> None:
    from analysis.normalize.cells import CellError, parse_multi_category
    from analysis.spec import load_spec

    with pytest.raises(CellError, match="not a recognised leakage"):
        parse_multi_category(cell, load_spec().column("procedures", "leakage"))
