"""A column naming the vertebrae cement leaked at, beside a leakage column naming only the
sites (``Leak level``: ``L3``, or each level with its own sites ``L3 – Foraminal; L5 –
Venous``): each vertebra of the session gets the sites at it and the others none, instead
of every vertebra getting every site of the session."""

from __future__ import annotations

from datetime import date

import pytest

from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping
from analysis.normalize.headers import LEAK_LEVEL, mapping_target, question_target
from analysis.normalize.leakage_levels import leak_level_pairs
from analysis.problems import ERROR
from analysis.spec import load_spec
from tests.test_any_workbook import _workbook

HEADER = ["Study ID", "Procedure date", "Levels", "Total cement (ml)", "Leakage", "Leak level"]
ROWS = [
    [
        "LL-01",
        date(2022, 3, 1),
        "L3, L4, L5",
        9,
        "Foraminal, Venous",
        "L3 – Foraminal; L5 – Venous",
    ],
    ["LL-02", date(2022, 4, 2), "T12, L1", 7, "Disc", "L1"],
    ["LL-03", date(2022, 5, 3), "T11, T12", 6, "Venous", "T11/T12"],
    ["LL-04", date(2022, 6, 4), "L2", 4, "none", None],
    ["LL-05", date(2022, 7, 5), "L1, L2", 5, "Disc", None],  # no level said: both
    ["LL-06", date(2022, 8, 6), "T8, T9", 5, "Venous", "T8 – Venous, Disc"],
]
EXPECTED = {
    ("LL-01", "L3"): "foraminal",
    ("LL-01", "L4"): "none",
    ("LL-01", "L5"): "venous",
    ("LL-02", "T12"): "none",
    ("LL-02", "L1"): "disc",
    ("LL-03", "T11"): "venous",
    ("LL-03", "T12"): "venous",
    ("LL-04", "L2"): "none",
    ("LL-05", "L1"): "disc",
    ("LL-05", "L2"): "disc",
    ("LL-06", "T8"): "disc;venous",
    ("LL-06", "T9"): "none",
}


def _leaks(loaded) -> dict[tuple[str, str], str]:
    return {
        (r["patient_id"], r["level"]): str(r["leakage"])
        for r in loaded.cohort.procedures.to_dict("records")
    }


@pytest.mark.parametrize(
    ("cell", "pairs"),
    [
        ("L3", (("L3", ""),)),
        ("L3; L5", (("L3", ""), ("L5", ""))),
        ("L3 – Foraminal, Venous; L5 – Venous", (("L3", "foraminal;venous"), ("L5", "venous"))),
        ("T12: disc", (("T12", "disc"),)),
        ("not a level", None),
    ],
)
def test_a_leak_level_cell(cell, pairs):
    assert leak_level_pairs(cell, load_spec().column("procedures", "leakage")) == pairs


def test_each_vertebra_gets_the_sites_at_it(tmp_path):
    path = _workbook(tmp_path / "leaks.xlsx", {"Sessions": [HEADER, *ROWS]})
    loaded = load_cohort(path)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    assert _leaks(loaded) == EXPECTED
    assert "_leak_levels" not in loaded.cohort.procedures.columns
    inspection = inspect_input(path)
    assert {c.letter: c.label for c in inspection.columns}["F"] == LEAK_LEVEL.label
    written = tmp_path / "mapping.yaml"
    written.write_text(inspection.mapping_yaml(), "utf-8")
    mapped = load_cohort(path, options_from_mapping(read_mapping(written)))
    assert mapped.cohort.procedures.equals(loaded.cohort.procedures)


def test_a_wrong_leak_level_is_named_at_its_cell(tmp_path):
    rows = [HEADER, *ROWS[:2], ["LL-07", date(2022, 9, 7), "L2, L3", 6, "Disc", "L7"]]
    loaded = load_cohort(_workbook(tmp_path / "leaks.xlsx", {"Sessions": rows}))
    wrong = [(p.cell, p.column) for p in loaded.errors]
    assert wrong == [("F4", "Leak level")]
    assert "a leak's level is written as 'L3'" in loaded.errors[0].message


def test_a_forms_question_asking_where_it_leaked():
    asked = "ယိုစိမ့်မှုရှိပါက မည်သည့် level တွင် ဖြစ်ခဲ့ပါသနည်း။"
    assert question_target(asked) == LEAK_LEVEL
    assert question_target("Cement ယိုစိမ့်မှု (leakage) ရှိခဲ့ပါသလား။").label == "procedures.leakage"  # fmt: skip
    assert mapping_target("leak_level:leakage") == LEAK_LEVEL


def test_a_leak_level_beside_no_leakage_is_said_and_not_read(tmp_path):
    rows = [HEADER, ROWS[1], ["LL-08", date(2022, 9, 8), "L2, L3", 6, "none", "L3"]]
    loaded = load_cohort(_workbook(tmp_path / "leaks.xlsx", {"Sessions": rows}))
    assert loaded.errors == []
    said = [p for p in loaded.problems if p.rule == "leak_level"]
    assert [(p.cell, p.column) for p in said] == [("F3", "Leak level")]
    assert "names leakage at L3, but the row's leakage cell says none" in said[0].message
    leaks = _leaks(loaded)
    assert leaks[("LL-08", "L2")] == leaks[("LL-08", "L3")] == "none"


QUESTION_HEADER = "Cement leakage seen on post-procedure imaging"


def test_a_question_naming_leakage_in_part_is_read_by_its_answers(tmp_path):
    """A leakage question naming its field in one word of three is read when its answers
    are leak sites (a form's checkboxes), and left unread when they are not."""
    header = ["Study ID", "Procedure date", "Levels", "Total cement (ml)", QUESTION_HEADER]
    sites = ["Epidural", "Foraminal", "Foraminal, Paravertebral soft tissue", "Venous", "Disc"]
    rows = [
        [f"QL-{i}", date(2022, 3, i + 1), "L1, L2", 6, site, "L2"]
        for i, site in enumerate(sites, start=1)
    ]
    sheet = [[*header, "If leakage, at which level(s)?"], *rows]
    loaded = load_cohort(_workbook(tmp_path / "form.xlsx", {"Responses": sheet}))
    leaks = _leaks(loaded)
    assert leaks[("QL-1", "L2")] == "epidural"
    assert leaks[("QL-3", "L2")] == "foraminal;paravertebral"
    assert leaks[("QL-3", "L1")] == "none"
    remarks = ["seen by Dr A", "report pending", "discussed", "see PACS", "as above"]
    texts = [[*r[:4], remark] for r, remark in zip(rows, remarks, strict=True)]
    unread = load_cohort(_workbook(tmp_path / "notes.xlsx", {"Responses": [header, *texts]}))
    assert unread.cohort.procedures["leakage"].isna().all()
