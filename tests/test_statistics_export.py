"""A statistics package's export saved to Excel (SPSS, Stata, SAS): variable names over
their labels, every category a numeric code explained on a value-labels sheet, declared
missing codes. Built here with openpyxl; the loader has never seen these words."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.config import LoadOptions
from analysis.io import RawSheet
from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping
from analysis.load.header_names import LABEL_GLOSS, NAME_ALONE, label_gloss, variable_names
from analysis.load.legend import apply_legends, read_legend
from analysis.problems import ERROR
from tests.test_any_workbook import _workbook

NAMES = ["study_id", "op_dt", "s1_tq", "s1_l1", "s1_v1", "s1_k1", "s1_l2", "s1_v2", "s1_k2", "vas_pre", "vas_1m", "mob_1m"]  # fmt: skip
# labels in a language the vocabulary does not know, each with its English in brackets
# where the name alone says nothing
LABELS = [
    "ଅଧ୍ୟୟନ ID (Study ID)",
    "ତାରିଖ (Procedure date)",
    "ପଦ୍ଧତି (Technique)",
    "ସ୍ତର ୧ (Level 1)",
    "ସିମେଣ୍ଟ ପରିମାଣ ୧ (Cement volume 1, ml)",
    "ଲିକେଜ୍ ୧ (Leakage 1)",
    "ସ୍ତର ୨ (Level 2)",
    "ସିମେଣ୍ଟ ପରିମାଣ ୨ (Cement volume 2, ml)",
    "ଲିକେଜ୍ ୨ (Leakage 2)",
    "ଯନ୍ତ୍ରଣା ପୂର୍ବରୁ",
    "ଯନ୍ତ୍ରଣା ୧ ମାସ",
    "ଚଳପ୍ରଚଳ ୧ ମାସ (Mobility 1 m)",
]
ROWS = [  # levels coded 1-17 (12 = D12, 13 = L1), leaks coded, 99 declared missing
    ["SX-01", "04/02/2021", 1, 12, 4.5, 6, 13, 5, 0, 8, 2, 0],
    ["SX-02", "11/03/2021", 2, 13, 5, 0, None, None, None, 7, 99, 3],
    ["SX-03", "19/05/2021", 1, 14, 3.5, 9, None, None, None, 9, 1, 99],
]
VALUE_LABELS = [
    ["Value labels — cohort.sav, exported"],
    [],
    ["Variable", "Value", "Label"],
    ["s1_tq", 1, "Vertebroplasty (PVP)"],
    ["", 2, "Balloon kyphoplasty (BKP)"],
    ["s1_l1, s1_l2", None, "ମେରୁଦଣ୍ଡ ସ୍ତର (vertebral level): D = dorsal"],
    *[[None, c, f"D{c}"] for c in range(1, 13)],
    *[[None, 12 + c, f"L{c}"] for c in range(1, 6)],
    ["s1_k1, s1_k2", 0, "ନାହିଁ (None)"],
    [None, 1, "Disc (intradiscal)"],
    [None, 2, "Venous (paravertebral/segmental vein)"],
    [None, 6, "Disc + venous"],
    [None, 9, "ଲେଖା ନାହିଁ (Not recorded) — missing"],
    ["mob_1m", 0, "ସ୍ୱାଧୀନ (Walks independently)"],
    [None, 3, "ହ୍ୱିଲ୍ ଚେୟାର୍ (Wheelchair)"],
    [],
    ["MISSING VALUES"],
    ["vas_*, mob_*", 99, "ଉପଲବ୍ଧ ନାହିଁ (Not available — visit missed). User-missing."],
]


def _export(path: Path, rows: list[list[object]] = ROWS) -> Path:
    return _workbook(path, {"Data": [NAMES, LABELS, *rows], "Value labels": VALUE_LABELS})


def test_names_over_labels_make_one_header_the_statistics_package_wrote():
    assert variable_names(NAMES, LABELS) == NAMES
    assert variable_names(["Study ID", "Sex", "Age"], ["", "", ""]) is None  # words, no labels
    assert label_gloss("ସ୍ତର ୧ (Level 1)") == "Level 1"
    assert label_gloss("VAS (pre-op)") is None  # an English label reads as it stands


def test_a_column_read_by_its_label_gloss_or_by_its_name_says_so(tmp_path):
    """Neither ``s1_l1`` nor ``ସ୍ତର ୧ (Level 1)`` as a whole names a field: the label's
    English in brackets does; ``vas_1m`` names the score its Odia label does not. Each
    is shown by its variable's name, its reading's reason said."""
    path = _export(tmp_path / "export.xlsx")
    cols = {c.letter: c for c in inspect_input(path).columns if c.sheet == "Data"}
    assert (cols["D"].header, cols["D"].label, cols["D"].reason) == ("s1_l1", "procedures.level", LABEL_GLOSS)  # fmt: skip
    assert cols["H"].label == "procedures.cement_volume_ml"
    assert (cols["K"].header, cols["K"].label, cols["K"].reason) == ("vas_1m", "pain_vas@1m", NAME_ALONE)  # fmt: skip
    assert cols["J"].label == "pain_vas@pre"


def test_value_labels_give_levels_leaks_and_declared_missing_codes(tmp_path):
    """A list of variables over level codes (``12 = D12``: dorsal, T12), a leak code of two
    sites, ``99`` declared missing for the scores (no range error), and a score's value
    labels leaving its numbers as they are."""
    path = _export(tmp_path / "export.xlsx")
    result = load_cohort(path)
    assert [p.message for p in result.problems if p.severity == ERROR] == []
    procs = result.cohort.procedures.set_index(["patient_id", "level"])
    assert sorted(procs.index) == [("SX-01", "L1"), ("SX-01", "T12"), ("SX-02", "L1"), ("SX-03", "L2")]  # fmt: skip
    assert set(str(procs.loc[("SX-01", "T12"), "leakage"]).split(";")) == {"disc", "venous"}
    assert procs.loc[("SX-01", "L1"), "leakage"] == "none"
    assert procs.loc[("SX-02", "L1"), "technique"] == "kyphoplasty"
    assert procs.loc[("SX-01", "L1"), "cement_volume_ml"] == pytest.approx(5.0)
    scores = result.cohort.assessments
    pain_1m = scores[(scores["measure"] == "pain_vas") & (scores["timepoint"] == "1m")]
    assert sorted(pain_1m["patient_id"]) == ["SX-01", "SX-03"]  # SX-02's 99 is missing
    mobility = scores[scores["measure"] == "mobility"].set_index("patient_id")["value"]
    assert dict(mobility) == {"SX-01": 0, "SX-02": 3}


def test_the_mapping_inspect_writes_loads_the_same(tmp_path):
    """The mapping keys each column by its variable's name and keeps the value labels."""
    path = _export(tmp_path / "export.xlsx")
    written = tmp_path / "m.yaml"
    written.write_text(inspect_input(path).mapping_yaml(), "utf-8")
    unaided = load_cohort(path).cohort
    again = load_cohort(path, options_from_mapping(read_mapping(written))).cohort
    for table in ("patients", "procedures", "assessments"):
        pd.testing.assert_frame_equal(getattr(again, table), getattr(unaided, table))


def test_a_second_vertebras_implausible_volume_is_named_on_its_own_column(tmp_path):
    """``Volume 2`` holding 22.5 mL: the error names that column's cell, not the first
    vertebra's volume column."""
    rows = [
        ["Study ID", "Procedure date", "Level 1", "Volume 1 (ml)", "Level 2", "Volume 2 (ml)"],
        ["V-01", "2021-02-04", "T12", 4.5, "L1", 22.5],
        ["V-02", "2021-03-11", "L1", 5, None, None],
        ["V-03", "2021-05-19", "L2", 3.5, "L3", 4],
    ]
    path = _workbook(tmp_path / "volumes.xlsx", {"Data": rows})
    errors = [p for p in load_cohort(path).problems if p.severity == ERROR]
    assert [(p.cell, p.column) for p in errors] == [("F2", "Volume 2 (ml)")]


def test_a_yes_no_flag_headed_as_a_session_is_not_read_with_a_warning(tmp_path):
    """``2nd procedure`` holding yes/no beside the second session's own columns: a flag,
    not that session's technique; a warning, never an error."""
    rows = [
        ["Study ID", "Procedure date", "Level", "2nd procedure", "VAS pre"],
        ["F-01", "2021-02-04", "L1", "no", 8],
        ["F-02", "2021-03-11", "T12", "yes", 7],
        ["F-03", "2021-05-19", "L2", "no", 9],
    ]
    path = _workbook(tmp_path / "flag.xlsx", {"Data": rows})
    result = load_cohort(path)
    assert [p.message for p in result.problems if p.severity == ERROR] == []
    flag = [p for p in result.problems if p.column == "2nd procedure"]
    assert flag and "a yes/no flag" in flag[0].message
    assert len(result.cohort.patients) == 3


def test_a_value_labels_sheet_gives_each_listed_variable_its_codes():
    """A list of variables over their codes (``s1_l1, s1_l2``), level codes read as
    vertebrae (``12 = D12``: dorsal, T12), a leak code of two sites, and codes declared
    missing for a pattern of variables (``vas_*``) read as missing."""
    legend = read_legend(RawSheet("export.xlsx", "Value labels", VALUE_LABELS))
    assert legend is not None
    assert legend.fields["s1_l1"]["12"] == "T12" and legend.fields["s1_l2"]["13"] == "L1"
    assert legend.fields["s1_k2"]["6"] == "disc;venous" and legend.fields["s1_k1"]["9"] == ""
    assert legend.fields["vas_*"] == {"99": ""}


def test_a_scores_value_labels_leave_its_numbers_and_a_pattern_reaches_its_columns():
    """``vas_*: 99 = missing`` reaches ``vas_1m``; ``mob_1m``'s labels of its points
    (``0 = walks independently``) are not applied to a column read as the score."""
    data = RawSheet("export.xlsx", "Data", [["study_id", "s1_l1", "s1_k1", "vas_1m", "Mobility 1 month"], ["SX-01", 12, 0, 99, 3]])  # fmt: skip
    labels = [*VALUE_LABELS, ["Mobility 1 month", 0, "Walks"], [None, 3, "Wheelchair"]]
    _, options, _, _ = apply_legends([data, RawSheet("export.xlsx", "Value labels", labels)], LoadOptions())  # fmt: skip
    assert options.value_maps["vas_1m"] == {"99": ""}
    assert "Mobility 1 month" not in options.value_maps or set(options.value_maps["Mobility 1 month"].values()) <= {""}  # fmt: skip
