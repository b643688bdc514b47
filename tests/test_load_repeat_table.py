"""A register of one row per patient (its index session) with, further down the same
sheet under a title of its own, a second table of repeat sessions whose header is the
index table's (``Procedure date``, ``Level(s)``: no word of a second session); headers in
a language the vocabulary does not know glossed in brackets (``Ira (sex)``); a leak cell
listing two sites. Written from a synthetic cohort whose truth the generator knows."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from analysis.load import inspect_input, load_cohort
from analysis.normalize import match_header
from analysis.normalize.cells import parse_cell
from analysis.schema import Cohort
from analysis.spec import load_spec
from analysis.synth import SynthParams, synthesize
from tests.test_any_workbook import _workbook
from tests.test_load_visit_rows import _reproduced_by_its_mapping as reproduced_by_its_mapping

START = date(2021, 5, 3)
SEX = {"female": "wahine", "male": "tāne"}
HEAD = ["Study ID", "Age", "Ira (sex)", "Procedure date", "Level(s)", "VP / KP", "Pain pre"]
WIDTH = len(HEAD)


@pytest.fixture(scope="module")
def truth() -> Cohort:
    return synthesize(16, seed=20261121, params=SynthParams(p_same_level=0.4))


def _sessions(cohort: Cohort) -> list[tuple[str, int, str, float | None]]:
    """Each session: patient, day, levels joined, baseline pain."""
    pain = cohort.assessments[
        (cohort.assessments["measure"] == "pain_vas") & (cohort.assessments["timepoint"] == "pre")
    ].set_index("procedure_id")["value"]
    out = []
    for proc, g in cohort.procedures.groupby("procedure_id", observed=True):
        levels = ", ".join(sorted(str(x) for x in g["level"]))
        score = pain.get(proc)
        out.append((str(g["patient_id"].iloc[0]), int(g["day"].iloc[0]), levels, None if score is None else float(score)))  # fmt: skip
    return sorted(out)


def _register(truth: Cohort) -> list[list[object]]:
    patients = truth.patients.set_index("patient_id")
    index, repeats = [], []
    for pid, day, levels, pain in _sessions(truth):
        technique = "VP" if "vertebroplasty" in set(truth.procedures.loc[truth.procedures["patient_id"] == pid, "technique"].astype(str)) else "KP"  # fmt: skip
        when = START + timedelta(days=day)
        if day == 0:
            p = patients.loc[pid]
            index.append([pid, p["age_years"], SEX[str(p["sex"])], when, levels, technique, pain])
        else:
            repeats.append([pid, when, levels, technique, pain])
    techniques = truth.procedures.groupby("procedure_id", observed=True)["technique"].nunique()
    assert techniques.max() == 1  # one technique a session, as the cells write it
    blank = [None] * WIDTH
    title = ["Repeat procedures (hokinga mai) — second or later augmentation"]
    header2 = ["Study ID", "Procedure date", "Level(s)", "VP / KP", "Pain pre"]
    return [["Spine service audit"], blank, HEAD, *index, blank, blank, title, header2, *repeats]


def _reproduced_by_its_mapping(path: Path, tmp_path: Path) -> dict[tuple[int, str], object]:
    """The shared round trip of the mapping inspect writes; inspect's readings by header
    row and header (the two tables share their headers)."""
    reproduced_by_its_mapping(path, tmp_path)
    return {(c.header_row, c.header): c for c in inspect_input(path).columns}


def test_a_titled_table_of_repeat_sessions_below_the_index_table(tmp_path, truth):
    rows = _register(truth)
    assert any(s[1] > 0 for s in _sessions(truth))  # repeat sessions under test
    path = _workbook(tmp_path / "audit.xlsx", {"VA audit": rows})
    loaded = load_cohort(path)
    assert loaded.errors == []
    assert _sessions(loaded.cohort) == _sessions(truth)
    got = loaded.cohort.patients.set_index("patient_id")["sex"].astype(str).to_dict()
    assert got == truth.patients.set_index("patient_id")["sex"].astype(str).to_dict()
    readings = _reproduced_by_its_mapping(path, tmp_path)
    header2 = rows.index(["Study ID", "Procedure date", "Level(s)", "VP / KP", "Pain pre"]) + 1
    repeat_date = readings[(header2, "Procedure date")]
    assert repeat_date.label == "date:procedure_date" and "title names repeat sessions" in repeat_date.reason  # fmt: skip
    assert readings[(3, "Procedure date")].reason.find("repeat") < 0
    assert readings[(3, "Ira (sex)")].label == "patients.sex"


def test_a_repeat_dated_before_the_index_session_is_an_error_on_its_date(tmp_path, truth):
    rows = _register(truth)
    header2 = rows.index(["Study ID", "Procedure date", "Level(s)", "VP / KP", "Pain pre"])
    at = header2 + 1
    rows[at] = [rows[at][0], START - timedelta(days=30), *rows[at][2:]]
    loaded = load_cohort(_workbook(tmp_path / "audit.xlsx", {"VA audit": rows}))
    (early,) = [p for p in loaded.errors if p.rule == "session_order"]
    assert (early.row, early.column) == (at + 1, "Procedure date")
    assert "the second procedure is dated before the first" in early.message


@pytest.mark.parametrize(
    ("header", "label"),
    [
        ("Ira (sex)", "patients.sex"),
        ("Kua mate (died)?", "patients.died"),
        ("Kua mate", None),
        ("Sexe (H/F)", "patients.sex"),
        ("Date (dd/mm/yyyy)", None),
        ("Pain pre (VAS)", "measure"),
    ],
)
def test_a_field_named_in_brackets_after_words_naming_nothing(header, label):
    """A header in a language the vocabulary does not know, glossed in brackets in one
    it does: the field the gloss names; words naming a field keep theirs."""
    found = match_header(header)
    if label is None:
        assert found is None
    elif label == "measure":
        assert found is not None and found.kind == "measure" and found.timepoint == "pre"
    else:
        assert found is not None and found.label == label


@pytest.mark.parametrize(
    ("cell", "sites"),
    [
        ("paravertebral, venous", "venous;paravertebral"),
        ("paravertebral; disc", "disc;paravertebral"),
        ("paravertebral venous", "venous"),
        ("veines paravertébrales", "venous"),
    ],
)
def test_a_comma_lists_two_leak_sites_a_phrase_names_one(cell, sites):
    """``paravertebral, venous`` lists two sites; ``paravertebral venous`` (the
    paravertebral veins) names one."""
    assert parse_cell(cell, load_spec().column("procedures", "leakage")) == sites
