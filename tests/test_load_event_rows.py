"""A log of one row per event, in date order across patients, whose event column says
what each row records (a procedure, a new fracture, a death), written from a synthetic
cohort whose truth the generator knows: a new fracture's row names the vertebra found
fractured, never a treated one, and a death's row dates the death."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest
import yaml

from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping
from analysis.normalize.cells import parse_cell
from analysis.normalize.headers import match_header
from analysis.normalize.timepoints import timepoint_of
from analysis.problems import ERROR
from analysis.schema import Cohort
from analysis.spec import load_spec
from analysis.synth import synthesize
from tests.test_any_workbook import _workbook

START = date(2022, 2, 1)
HEADER = ["Study ID", "Event", "Date", "Level", "Technique", "Cement (ml)"]


@pytest.fixture(scope="module")
def truth() -> Cohort:
    return synthesize(40, seed=20261121)


def _log(truth: Cohort) -> list[list[object]]:
    events: list[tuple[date, int, list[object]]] = []
    for p in truth.procedures.to_dict("records"):
        when = START + timedelta(days=int(p["day"]))
        row = [
            p["patient_id"],
            "Procedure",
            when,
            p["level"],
            p["technique"],
            p["cement_volume_ml"],
        ]
        events.append((when, 0, row))
    for f in truth.fractures.to_dict("records"):
        when = START + timedelta(days=int(f["day"]))
        events.append((when, 1, [f["patient_id"], "New fracture", when, f["level"], None, None]))
    for pt in truth.patients[truth.patients["died"]].to_dict("records"):
        when = START + timedelta(days=int(pt["death_day"]))
        events.append((when, 2, [pt["patient_id"], "Death", when, None, None, None]))
    events.sort(key=lambda e: (e[0], e[1], str(e[2][0])))
    return [HEADER, *(row for _, _, row in events)]


def _vertebrae(cohort: Cohort) -> set[tuple[str, int, str]]:
    return {(str(p), int(d), str(lv)) for p, d, lv in cohort.procedures[["patient_id", "day", "level"]].itertuples(index=False)}  # fmt: skip


def _fractures(cohort: Cohort) -> set[tuple[str, int, str]]:
    return {(str(p), int(d), str(lv)) for p, d, lv in cohort.fractures[["patient_id", "day", "level"]].itertuples(index=False)}  # fmt: skip


def _deaths(cohort: Cohort) -> dict[str, object]:
    pts = cohort.patients
    return {
        str(p): (bool(d), None if pd.isna(day) else int(day))
        for p, d, day in pts[["patient_id", "died", "death_day"]].itertuples(index=False)
    }


def test_event_rows_of_new_fractures_and_deaths_are_read_as_such(tmp_path, truth):
    assert len(truth.fractures) and truth.patients["died"].any()  # the shape under test
    path = _workbook(tmp_path / "log.xlsx", {"Log": _log(truth)})
    loaded = load_cohort(path)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    assert _vertebrae(loaded.cohort) == _vertebrae(truth)  # no fractured vertebra treated
    assert _fractures(loaded.cohort) == _fractures(truth)
    assert _deaths(loaded.cohort) == _deaths(truth)  # a patient without a death row: alive
    said = [p for p in loaded.problems if p.rule == "event_rows"]
    assert len(said) == 1 and "column B 'Event' names each row's event" in said[0].message
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(yaml.safe_dump(inspect_input(path).mapping(), allow_unicode=True), "utf-8")
    mapped = load_cohort(path, options_from_mapping(read_mapping(mapping))).cohort
    for table in ("patients", "procedures", "assessments", "fractures"):
        pd.testing.assert_frame_equal(getattr(mapped, table), getattr(loaded.cohort, table))


@pytest.mark.parametrize(
    ("written", "want"),
    [
        ("៦សប្ដាហ៍ / S6", "6w"),
        ("3 months / M3", "3m"),
        ("pre-op / voor", "pre"),
        ("3 mo / 6 mo", None),
    ],
)
def test_a_visit_written_in_two_languages_names_the_time_point_its_parts_agree_on(written, want):
    """One part an abbreviation not known ('S6'): the other part's time point; parts
    naming two different time points name none."""
    assert timepoint_of(written) == want


@pytest.mark.parametrize(
    ("header", "measure"),
    [("Pain score now (0-10)", "pain_vas"), ("ODI now (%)", "odi"), ("Pain today", "pain_vas")],
)
def test_a_measure_now_is_the_score_of_its_rows_visit(header, measure):
    """'now' names the row's own visit, as 'at this visit' does: the measure, no time
    point of its own (a sheet of one row per visit gives it the row's)."""
    found = match_header(header)
    assert found is not None and (found.measure, found.timepoint) == (measure, None)


@pytest.mark.parametrize(
    ("written", "want"),
    [
        ("RTC", "traumatic"),
        ("osteoporotig", "osteoporotic"),
        ("road traffic collision", "traumatic"),
    ],
)
def test_words_of_the_cause_of_a_fracture(written, want):
    assert parse_cell(written, load_spec().column("patients", "etiology")) == want
    assert match_header("Cause of fracture").label == "patients.etiology"
