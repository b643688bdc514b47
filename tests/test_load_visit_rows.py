"""Sheet shapes met in the fourth blind batch, written from a synthetic cohort whose truth
the generator knows: one row per visit with the patient written once, outcomes whose
header names the measure only over its first column, visit rows naming their session by
its identifier, a procedure column holding session numbers, and cement leakage named
level by level."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
import yaml

from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping
from analysis.normalize.cells import roman_numeral
from analysis.problems import ERROR
from analysis.schema import Cohort
from analysis.synth import SynthParams, synthesize
from tests.test_any_workbook import _workbook

START = date(2021, 3, 1)
VISIT_WORDS = {"pre": "pre", "24h": "24 h", "1m": "1 month", "3m": "3 months", "12m": "12 months"}
VISIT_DAYS = {"pre": 0, "24h": 1, "1m": 30, "3m": 91, "12m": 365}


@pytest.fixture(scope="module")
def truth() -> Cohort:
    return synthesize(14, seed=20261121, params=SynthParams(p_same_level=0.4))


def _sessions(cohort: Cohort) -> pd.DataFrame:
    """One row per session: patient, procedure ID, day, levels joined, technique."""
    return (
        cohort.procedures.sort_values(["patient_id", "day", "level"])
        .groupby("procedure_id", observed=True, sort=False)
        .agg(
            patient_id=("patient_id", "first"),
            day=("day", "first"),
            levels=("level", lambda s: ", ".join(str(x) for x in s)),
            technique=("technique", "first"),
        )
        .reset_index()
    )


def _pain(cohort: Cohort, first_only: bool = True) -> dict[tuple[str, int, str], float]:
    """Pain scores by (patient, session day, time point)."""
    days = cohort.procedures.groupby("procedure_id", observed=True)["day"].first()
    pain = cohort.assessments[cohort.assessments["measure"] == "pain_vas"]
    out = {}
    for a in pain.to_dict("records"):
        day = int(days[a["procedure_id"]])
        if first_only and day != 0:
            continue
        out[(str(a["patient_id"]), day, str(a["timepoint"]))] = float(a["value"])
    return out


def _save(sheets: dict[str, list[list[object]]], path: Path) -> Path:
    return _workbook(path, sheets)


def _reproduced_by_its_mapping(path: Path, tmp_path: Path) -> dict[str, object]:
    """Inspect's readings by header; the mapping it writes, passed back unedited, loads
    the same tables as the unaided load."""
    inspection = inspect_input(path)
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(yaml.safe_dump(inspection.mapping(), allow_unicode=True), "utf-8")
    mapped = load_cohort(path, options_from_mapping(read_mapping(mapping))).cohort
    unaided = load_cohort(path).cohort
    for table in ("patients", "procedures", "assessments", "fractures"):
        pd.testing.assert_frame_equal(getattr(mapped, table), getattr(unaided, table))
    return {c.header: c for c in inspection.columns}


def _visit_sheet(truth: Cohort) -> list[list[object]]:
    """Index sessions only: the patient's cells on the first visit row, blank below."""
    patients = truth.patients.set_index("patient_id")
    pain = _pain(truth)
    rows: list[list[object]] = [["Study ID", "Sex", "Age", "Procedure date", "Level", "Technique", "Visit", "Visit date", "VAS"]]  # fmt: skip
    for s in _sessions(truth).to_dict("records"):
        if s["day"] != 0:
            continue
        pid = str(s["patient_id"])
        first = True
        for tp, word in VISIT_WORDS.items():
            score = pain.get((pid, 0, tp))
            if score is None:
                continue
            when = START + timedelta(days=VISIT_DAYS[tp])
            head = [pid, str(patients.loc[pid, "sex"]), patients.loc[pid, "age_years"], START, s["levels"], str(s["technique"])]  # fmt: skip
            rows.append([*(head if first else [None] * 6), word, when, score])
            first = False
    return rows


def test_visit_rows_without_a_study_id_belong_to_the_patient_above(tmp_path, truth):
    rows = _visit_sheet(truth)
    loaded = load_cohort(_save({"Visits": rows}, tmp_path / "visits.xlsx"))
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    assert _pain(loaded.cohort) == _pain(truth)
    filled = [p for p in loaded.problems if p.rule == "visit_id_filled"]
    assert len(filled) == 1 and "read as visits of the patient named above" in filled[0].message
    assert filled[0].row == 3  # the first visit row without an ID, as the sheet shows it
    _reproduced_by_its_mapping(tmp_path / "visits.xlsx", tmp_path)


def test_the_procedures_own_visit_row_gives_its_scores_the_baseline(tmp_path, truth):
    """A visit cell naming no time point ("Theatre") on the row that treats the vertebra:
    its scores are the baseline, and the warning says so."""
    rows = _visit_sheet(truth)
    rows = [[*r[:6], "Theatre" if r[6] == "pre" else r[6], *r[7:]] for r in rows]
    loaded = load_cohort(_save({"Visits": rows}, tmp_path / "visits.xlsx"))
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    assert _pain(loaded.cohort) == _pain(truth)
    said = [p for p in loaded.problems if p.rule == "timepoint"]
    assert said and all("read as the baseline, before the procedure" in p.message for p in said)
    _reproduced_by_its_mapping(tmp_path / "visits.xlsx", tmp_path)
    # a row naming no time point and treating nothing: its scores at the time point its
    # date names against the procedure's, said on its visit cell
    rows = [[*r[:6], "Theatre" if r[6] == "24 h" else r[6], *r[7:]] for r in _visit_sheet(truth)]
    loaded = load_cohort(_save({"Visits": rows}, tmp_path / "visits2.xlsx"))
    assert _pain(loaded.cohort) == _pain(truth)
    said = [p for p in loaded.problems if p.rule == "timepoint"]
    assert said and all("read at the time point its visit date names" in p.message for p in said)


def test_a_row_without_visit_or_study_id_is_still_reported(tmp_path, truth):
    rows = _visit_sheet(truth)
    rows.insert(3, [None, None, None, None, "L1", "vertebroplasty", None, None, None])
    loaded = load_cohort(_save({"Visits": rows}, tmp_path / "visits.xlsx"))
    missing = [p for p in loaded.errors if "no patient identifier" in p.message]
    assert [p.row for p in missing] == [4]


def test_time_point_headers_continue_the_outcome_column_before_them(tmp_path, truth):
    pain = _pain(truth)
    patients = truth.patients.set_index("patient_id")
    head = ["Study ID", "Sex", "Age", "Date", "Level", "Technique", "Pain (VAS) pre", "24 h", "1 month", "3 months"]  # fmt: skip
    rows: list[list[object]] = [head]
    for s in _sessions(truth).to_dict("records"):
        if s["day"] != 0:
            continue
        pid = str(s["patient_id"])
        scores = [pain.get((pid, 0, tp)) for tp in ("pre", "24h", "1m", "3m")]
        rows.append([pid, str(patients.loc[pid, "sex"]), patients.loc[pid, "age_years"], START, s["levels"], str(s["technique"]), *scores])  # fmt: skip
    loaded = load_cohort(_save({"Cases": rows}, tmp_path / "wide.xlsx"))
    want = {k: v for k, v in pain.items() if k[2] in ("pre", "24h", "1m", "3m")}
    assert _pain(loaded.cohort) == want
    readings = _reproduced_by_its_mapping(tmp_path / "wide.xlsx", tmp_path)
    assert readings["1 month"].label == "pain_vas@1m"
    assert "the outcome of the column before it" in readings["3 months"].reason


def test_visit_rows_name_their_session_by_its_identifier(tmp_path, truth):
    sessions = _sessions(truth)
    code = {p: f"INT-{5000 + i}" for i, p in enumerate(sessions["procedure_id"])}
    procedures = [["NoIntervention", "Study ID", "Date", "Level", "Technique"]]
    for r in truth.procedures.sort_values(["patient_id", "day"]).to_dict("records"):
        when = START + timedelta(days=int(r["day"]))
        procedures.append([code[r["procedure_id"]], str(r["patient_id"]), when, str(r["level"]), str(r["technique"])])  # fmt: skip
    visits = [["Study ID", "NoIntervention", "Visit", "Visit date", "VAS"]]
    days = sessions.set_index("procedure_id")["day"]
    pain = truth.assessments[truth.assessments["measure"] == "pain_vas"]
    for a in pain.to_dict("records"):
        when = START + timedelta(days=int(days[a["procedure_id"]]) + VISIT_DAYS[str(a["timepoint"])])  # fmt: skip
        visits.append([str(a["patient_id"]), code[a["procedure_id"]], VISIT_WORDS[str(a["timepoint"])], when, a["value"]])  # fmt: skip
    patients = [["Study ID", "Sex", "Age"]] + [
        [str(p["patient_id"]), str(p["sex"]), p["age_years"]]
        for p in truth.patients.to_dict("records")
    ]
    path = _save({"Patients": patients, "Procedures": procedures, "Visits": visits}, tmp_path / "x.xlsx")  # fmt: skip
    loaded = load_cohort(path)
    assert not [p for p in loaded.errors if "without a treated level" in p.message]
    assert _pain(loaded.cohort, first_only=False) == _pain(truth, first_only=False)
    assert len(_pain(truth, first_only=False)) > len(_pain(truth))  # second sessions too


def test_a_procedure_column_of_session_numbers_is_the_session(tmp_path, truth):
    head = ["Study ID", "Procedure", "Date", "Level", "Method"]
    rows: list[list[object]] = [head]
    for pid, group in truth.procedures.sort_values(["patient_id", "day"]).groupby("patient_id", observed=True):  # fmt: skip
        number = {d: n for n, d in enumerate(sorted(group["day"].unique()), start=1)}
        for r in group.to_dict("records"):
            rows.append([str(pid), number[r["day"]], START + timedelta(days=int(r["day"])), str(r["level"]), str(r["technique"])])  # fmt: skip
    loaded = load_cohort(_save({"Vertebrae": rows}, tmp_path / "v.xlsx"))
    assert loaded.errors == []
    readings = _reproduced_by_its_mapping(tmp_path / "v.xlsx", tmp_path)
    assert readings["Procedure"].label == "procedures.procedure_id"
    got = loaded.cohort.procedures.groupby("patient_id", observed=True)["procedure_id"].nunique()
    want = truth.procedures.groupby("patient_id", observed=True)["procedure_id"].nunique()
    assert got.to_dict() == want.to_dict()


@pytest.mark.parametrize("header", ["Procedure", "Session no"])
def test_sessions_numbered_in_roman_numerals_are_each_patients_own(tmp_path, truth, header):
    """``I``, ``II`` in a session column number each patient's sessions: the same numeral
    on many patients' rows names a session of each, not one procedure shared by all."""
    roman = {1: "I", 2: "II", 3: "III", 4: "IV"}
    rows: list[list[object]] = [["Study ID", header, "Date", "Level", "Method"]]
    for pid, group in truth.procedures.sort_values(["patient_id", "day"]).groupby("patient_id", observed=True):  # fmt: skip
        number = {d: n for n, d in enumerate(sorted(group["day"].unique()), start=1)}
        for r in group.to_dict("records"):
            rows.append([str(pid), roman[number[r["day"]]], START + timedelta(days=int(r["day"])), str(r["level"]), str(r["technique"])])  # fmt: skip
    assert any(row[1] == "II" for row in rows)
    loaded = load_cohort(_save({"Vertebrae": rows}, tmp_path / "v.xlsx"))
    assert loaded.errors == []
    readings = _reproduced_by_its_mapping(tmp_path / "v.xlsx", tmp_path)
    assert readings[header].label == "procedures.procedure_id"
    got = loaded.cohort.procedures.groupby("patient_id", observed=True)["procedure_id"].nunique()
    want = truth.procedures.groupby("patient_id", observed=True)["procedure_id"].nunique()
    assert got.to_dict() == want.to_dict()
    key = ["patient_id", "day", "level"]
    assert sorted(map(tuple, loaded.cohort.procedures[key].astype(str).values)) == sorted(
        map(tuple, truth.procedures[key].astype(str).values)
    )


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("I", 1),
        ("ii", 2),
        ("III.", 3),
        ("IV", 4),
        ("IX", 9),
        ("XII", 12),
        ("IIII", None),
        ("L1", None),
        ("", None),
        ("Th", None),
    ],
)
def test_roman_numerals(text, number):
    assert roman_numeral(text) == number


def test_leakage_named_level_by_level_goes_to_those_levels(tmp_path):
    rows = [
        ["Study ID", "Sex", "Age", "Date", "Level", "Technique", "Leakage"],
        ["P1", "F", 70, START, "T11, T12", "VP", "yes - venous at T12"],
        ["P2", "M", 71, START, "L2, L3", "VP", "L-2: disc"],
        ["P3", "F", 72, START, "L1, L2", "VP", "venous"],
        ["P4", "F", 73, START, "L1, L2", "VP", "yes – paravertebral (L1), disc (L2)"],
    ]
    loaded = load_cohort(_save({"Cases": rows}, tmp_path / "l.xlsx"))
    got = {
        (r["patient_id"], str(r["level"])): r["leakage"]
        for r in loaded.cohort.procedures.to_dict("records")
    }
    assert got == {
        ("P1", "T11"): "none",
        ("P1", "T12"): "venous",
        ("P2", "L2"): "disc",
        ("P2", "L3"): "none",
        ("P3", "L1"): "venous",  # named for the session: each of its levels
        ("P3", "L2"): "venous",
        ("P4", "L1"): "paravertebral",
        ("P4", "L2"): "disc",
    }


def test_a_second_table_titled_new_fractures_is_a_log_of_events(tmp_path):
    rows: list[list[object]] = [
        ["Study ID", "Sex", "Age", "Date", "Level", "Technique", "VAS pre"],
        ["P1", "F", 70, date(2021, 3, 1), "L1", "VP", 8],
        ["P2", "M", 71, date(2021, 4, 1), "T12", "KP", 7],
        [None] * 7,
        [None] * 7,
        ["Complications and new fractures during follow-up"],
        ["Study ID", "Date", "Event", "Level", "Remark"],
        ["P1", date(2021, 6, 1), "new fracture", "L2", "conservative"],
        ["P2", date(2021, 5, 1), "urinary tract infection", None, "antibiotics"],
    ]
    path = _save({"Register": rows}, tmp_path / "log.xlsx")
    loaded = load_cohort(path)
    assert loaded.errors == []
    fractures = loaded.cohort.fractures
    assert fractures[["patient_id", "day", "level"]].astype(str).values.tolist() == [["P1", "92", "L2"]]  # fmt: skip
    (other,) = [p for p in loaded.problems if p.rule == "other_event"]
    assert (other.row, other.column) == (9, "Event") and "not a new fracture" in other.message
    assert len(loaded.cohort.procedures) == 2  # the log's dated rows are no procedures
    notes = [s.note for s in inspect_input(path).sheets]
    assert any("fractures (from the table's title)" in n for n in notes)
    _reproduced_by_its_mapping(path, tmp_path)


def test_a_second_intervention_in_columns_of_its_own_in_spanish(tmp_path):
    rows = [
        [
            "Paciente",
            "Sexo",
            "Edad",
            "Fecha",
            "Nivel",
            "Técnica",
            "2da intervención Fecha",
            "2da intervención Nivel",
        ],
        ["R1", "F", 70, date(2021, 3, 1), "D12", "VP", date(2021, 9, 1), "D11"],
        ["R2", "M", 71, date(2021, 4, 1), "L1", "VP", None, None],
    ]
    loaded = load_cohort(_save({"Planilla": rows}, tmp_path / "p.xlsx"))
    assert loaded.errors == []
    procs = loaded.cohort.procedures
    got = sorted(zip(procs["patient_id"], procs["day"].astype(int), procs["level"].astype(str), strict=True))  # fmt: skip
    assert got == [("R1", 0, "T12"), ("R1", 184, "T11"), ("R2", 0, "L1")]


def test_a_vertebras_columns_repeated_without_numbers(tmp_path):
    rows = [
        [
            "Study ID",
            "Date",
            "Technique",
            "Level",
            "Volume (ml)",
            "Leakage",
            "Level",
            "Volume (ml)",
            "Leakage",
        ],
        ["P1", date(2021, 3, 1), "VP", "T12", 4.5, "none", "L1", 3.0, "disc"],
        ["P2", date(2021, 4, 1), "KP", "L2", 5.0, "venous", None, None, None],
    ]
    path = _save({"Cases": rows}, tmp_path / "r.xlsx")
    loaded = load_cohort(path)
    assert loaded.errors == []
    got = {
        (r["patient_id"], str(r["level"])): (r["cement_volume_ml"], r["leakage"])
        for r in loaded.cohort.procedures.to_dict("records")
    }
    assert got == {("P1", "T12"): (4.5, "none"), ("P1", "L1"): (3.0, "disc"), ("P2", "L2"): (5.0, "venous")}  # fmt: skip
    assert len(set(loaded.cohort.procedures["procedure_id"])) == 2  # one session each
    inspection = inspect_input(path)
    slots = {c.letter: c.reason for c in inspection.columns}
    assert "vertebra 2 of repeated columns" in slots["G"] and "vertebra 1" in slots["D"]
    _reproduced_by_its_mapping(path, tmp_path)


def test_a_new_fracture_on_a_visit_row_takes_the_rows_date(tmp_path):
    rows = [
        ["Study ID", "Session", "Visit", "Date", "Level", "Technique", "VAS", "New fracture"],
        ["P1", 1, "pre", date(2021, 3, 1), "L1", "VP", 8, None],
        ["P1", 1, "3 months", date(2021, 6, 1), None, None, 3, "new fracture T12"],
    ]
    loaded = load_cohort(_save({"Follow-up": rows}, tmp_path / "f.xlsx"))
    assert loaded.errors == []
    assert loaded.cohort.fractures[["day", "level"]].astype(str).values.tolist() == [["92", "T12"]]
    said = [p for p in loaded.problems if p.rule == "levels_in_text"]
    assert len(said) == 1 and "read from the words of the cell as T12" in said[0].message


def test_a_conflict_names_only_the_rows_holding_the_value(tmp_path, truth):
    rows = _visit_sheet(truth)
    first = next(i for i, r in enumerate(rows) if i and r[0] is not None and i > 1)
    pid = rows[1][0]
    rows[first][0] = pid  # a second patient written under the first one's ID
    rows[first][1] = "male" if rows[1][1] == "female" else "female"
    loaded = load_cohort(_save({"Visits": rows}, tmp_path / "visits.xlsx"))
    sex = [p for p in loaded.errors if p.rule == "conflict" and p.column == "Sex"]
    shared = [p for p in loaded.errors if p.rule == "shared_id"]
    rows_named = {p.row for p in sex}
    assert rows_named == {2, first + 1}  # the two first-visit rows, not the visit rows
    assert f"B2 '{rows[1][1]}' vs B{first + 1} '{rows[first][1]}'" in sex[0].message  # both cells
    assert {p.row for p in shared} == {2, first + 1}


PLUS_WORDS = {"pre": "PRE", "24h": "J+1", "1m": "S+4", "3m": "M+3", "12m": "M+12"}


def _export_rows(truth: Cohort) -> list[list[object]]:
    """A hospital system's export of one row per visit in date order: the intervention's
    row (its visit date the procedure's, its levels joined by '+', the baseline score)
    and each follow-up's row naming the intervention it follows by its number and its time
    point as a unit, a plus and a number ('J+1', 'S+4', 'M+3')."""
    sessions = _sessions(truth)
    number = {
        p: n
        for _, g in sessions.groupby("patient_id", observed=True)
        for n, p in enumerate(g.sort_values("day")["procedure_id"], start=1)
    }
    pain = truth.assessments[truth.assessments["measure"] == "pain_vas"]
    score = {(a["procedure_id"], str(a["timepoint"])): a["value"] for a in pain.to_dict("records")}
    rows: list[tuple[str, date, list[object]]] = []
    for s in sessions.to_dict("records"):
        pid, proc = str(s["patient_id"]), s["procedure_id"]
        when = START + timedelta(days=int(s["day"]))
        levels = "+".join(s["levels"].split(", "))
        rows.append((pid, when, [pid, when, "Intervention", number[proc], "PRE", levels, str(s["technique"]), score.get((proc, "pre"))]))  # fmt: skip
        for tp, word in PLUS_WORDS.items():
            if tp != "pre" and (proc, tp) in score:
                seen = when + timedelta(days=VISIT_DAYS[tp])
                rows.append((pid, seen, [pid, seen, "Kontroll", number[proc], word, None, None, score[(proc, tp)]]))  # fmt: skip
    rows.sort(key=lambda r: (r[0], r[1]))
    head = ["ID_ETUDE", "DATE_VISITE", "TYPE_VISITE", "NO_INTERV", "MOMENT", "NIVEAU", "TECHNIQUE", "VAS"]  # fmt: skip
    return [head, *(r[2] for r in rows)]


def test_visit_rows_of_an_export_name_their_intervention_and_its_date(tmp_path, truth):
    """On a sheet of one row per visit dated only by its visit date, the row treating a
    vertebra dates the procedure (a second session keeps its own day), a follow-up row
    goes to the intervention its number names even when a later one came between, and a
    follow-up dated before its intervention is reported on its date cell."""
    rows = _export_rows(truth)
    days = _sessions(truth).set_index("procedure_id")["day"]
    later = [r for r in rows[1:] if r[2] == "Kontroll" and r[3] == 1 and r[4] in ("M+3", "M+12")]
    second = {r[0]: r[1] for r in rows[1:] if r[2] == "Intervention" and r[3] == 2}
    assert any(r[0] in second and r[1] > second[r[0]] for r in later)  # a later one between
    assert days.max() > 0
    path = _save({"Export": rows}, tmp_path / "export.xlsx")
    loaded = load_cohort(path)
    assert loaded.errors == []
    assert _sessions(loaded.cohort)[["patient_id", "day", "levels"]].to_dict("records") == (
        _sessions(truth)[["patient_id", "day", "levels"]].to_dict("records")
    )
    assert _pain(loaded.cohort, first_only=False) == _pain(truth, first_only=False)
    readings = _reproduced_by_its_mapping(path, tmp_path)
    assert readings["NO_INTERV"].label == "procedures.procedure_id"
    # a follow-up dated three weeks before its intervention
    at = next(i for i, r in enumerate(rows) if r[4] == "S+4")
    rows[at] = [*rows[at][:1], rows[at][1] - timedelta(days=51), *rows[at][2:]]
    loaded = load_cohort(_save({"Export": rows}, tmp_path / "early.xlsx"))
    early = [p for p in loaded.errors if p.rule == "visit_date"]
    assert [(p.row, p.column) for p in early] == [(at + 1, "DATE_VISITE")]
    assert "dated 21 days before its procedure" in early[0].message
