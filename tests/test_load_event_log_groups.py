"""A log of one row per event whose rows are grouped by patient between blank rows: a row
of the patient's own cells (sex, age, cause), then in date order the visits (naming the
procedure they follow and the interval), the procedure's row holding its fields, new
fractures and deaths. Written in Faroese from a synthetic cohort whose truth the
generator knows, with the study ID on every row or only on the patient's row; and the
Fijian yes/no of a sheet of treated vertebrae and its visits."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from analysis.load import inspect_input, load_cohort
from analysis.normalize.cells import parse_cell
from analysis.problems import ERROR
from analysis.schema import Cohort
from analysis.spec import load_spec
from analysis.synth import synthesize
from tests.test_any_workbook import _workbook
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

START = date(2021, 3, 1)
HEADER = ["Nr.", "Slag", "Dagfesting", "Inngreb nr.", "Tíðarskeið", "Kyn", "Aldur", "Orsøk",
          "Liðir", "Háttur", "Sement í alt", "Sementslag", "VAS (0-10)"]  # fmt: skip
CAUSE = {"osteoporotic": "beinrýrnan", "pathologic": "meinvørp", "traumatic": "skaði", "other": "annað"}  # fmt: skip
VISIT = {"pre": ("áðrenn inngreb", -2), "24h": ("1 dagur", 1), "1m": ("1 mánaður", 30),
         "3m": ("3 mánaðir", 91), "12m": ("1 ár", 365)}  # fmt: skip


@pytest.fixture(scope="module")
def truth() -> Cohort:
    return synthesize(30, seed=20261121)


def _row(pid: object, event: str, when: date | None, **cells: object) -> list[object]:
    row: list[object] = [None] * len(HEADER)
    row[0], row[1], row[2] = pid, event, None if when is None else when.strftime("%d.%m.%Y")
    for header, value in cells.items():
        row[HEADER.index(header)] = value
    return row


def _events(truth: Cohort, pid: str) -> list[tuple[date, int, list[object]]]:
    """The patient's rows after the patient's own, each with its date and its order on
    that date, the study ID written on each."""
    out = []
    procs = truth.procedures[truth.procedures["patient_id"] == pid]
    for n, (_, session) in enumerate(procs.groupby("procedure_id", sort=False), start=1):
        when = START + timedelta(days=int(session["day"].iloc[0]))
        out.append((when, 1, _row(
            pid, "Inngreb", when, **{
                "Inngreb nr.": n,
                "Liðir": " + ".join(str(lv).replace("T", "Th") for lv in session["level"]),
                "Háttur": "VP" if session["technique"].iloc[0] == "vertebroplasty" else "KP (ballón)",
                "Sement í alt": f"{session['cement_volume_ml'].sum():g} ml".replace(".", ","),
                "Sementslag": "PMMA",
            },
        )))  # fmt: skip
        scores = truth.assessments[
            (truth.assessments["procedure_id"] == session["procedure_id"].iloc[0])
            & (truth.assessments["measure"] == "pain_vas")
        ]
        for tp, value in zip(scores["timepoint"], scores["value"], strict=True):
            words, offset = VISIT[tp]
            seen = when + timedelta(days=offset)
            row = _row(pid, "Kanning", seen, **{"Inngreb nr.": n, "Tíðarskeið": words, "VAS (0-10)": int(value)})  # fmt: skip
            out.append((seen, 0 if tp == "pre" else 2, row))
    for f in truth.fractures[truth.fractures["patient_id"] == pid].to_dict("records"):
        when = START + timedelta(days=int(f["day"]))
        out.append((when, 3, _row(pid, "Nýtt brot", when, **{"Liðir": str(f["level"]).replace("T", "Th")})))  # fmt: skip
    pt = truth.patients.set_index("patient_id").loc[pid]
    if pt["died"]:
        when = START + timedelta(days=int(pt["death_day"]))
        out.append((when, 4, _row(pid, "Deyður", when)))
    return sorted(out, key=lambda e: (e[0], e[1]))


def _log(truth: Cohort, ids_on_every_row: bool) -> list[list[object]]:
    rows: list[list[object]] = [["Landssjúkrahúsið – ryggteymið"], [], HEADER]
    for pt in truth.patients.to_dict("records"):
        pid = pt["patient_id"]
        sex = "kvinna" if pt["sex"] == "female" else "maður"
        own = {"Kyn": sex, "Aldur": f"{int(pt['age_years'])} ár", "Orsøk": CAUSE[pt["etiology"]]}
        rows.append(_row(pid, "Sjúklingur", None, **own))
        for _, _, row in _events(truth, pid):
            rows.append(row if ids_on_every_row else [None, *row[1:]])
        rows.append([None] * len(HEADER))  # the blank row between patients
    return rows


def _patients(cohort: Cohort) -> dict[str, tuple[object, ...]]:
    cols = ["patient_id", "sex", "age_years", "etiology", "died"]
    return {str(r[0]): (r[1], int(r[2]), r[3], bool(r[4])) for r in cohort.patients[cols].itertuples(index=False)}  # fmt: skip


def _vertebrae(cohort: Cohort) -> set[tuple[str, int, str, str]]:
    cols = ["patient_id", "day", "level", "technique"]
    return {(str(p), int(d), str(lv), str(t)) for p, d, lv, t in cohort.procedures[cols].itertuples(index=False)}  # fmt: skip


def _sessions(cohort: Cohort) -> dict[tuple[str, int], float]:
    """Each session's total cement, by patient and day."""
    totals = cohort.procedures.groupby(["patient_id", "day"])["session_cement_volume_ml"].first()
    return {(str(p), int(d)): round(float(v), 6) for (p, d), v in totals.items()}


def _pain(cohort: Cohort) -> set[tuple[str, str, float]]:
    a = cohort.assessments
    a = a[a["measure"] == "pain_vas"]
    return {(str(p), str(t), float(v)) for p, t, v in a[["patient_id", "timepoint", "value"]].itertuples(index=False)}  # fmt: skip


def _fractures(cohort: Cohort) -> set[tuple[str, int, str]]:
    return {(str(p), int(d), str(lv)) for p, d, lv in cohort.fractures[["patient_id", "day", "level"]].itertuples(index=False)}  # fmt: skip


@pytest.mark.parametrize("ids_on_every_row", [True, False])
def test_a_log_of_events_grouped_by_patient_between_blank_rows_loads(
    tmp_path, truth, ids_on_every_row
):
    assert len(truth.fractures) and truth.patients["died"].any()  # the shape under test
    assert (truth.procedures.groupby("procedure_id")["level"].size() > 1).any()
    path = _workbook(tmp_path / "log.xlsx", {"Skráseting": _log(truth, ids_on_every_row)})
    loaded = load_cohort(path)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    got = loaded.cohort
    assert _patients(got) == _patients(truth)  # a patient without a death row: alive
    assert _vertebrae(got) == _vertebrae(truth)  # no fractured vertebra treated
    assert _sessions(got) == {k: round(v, 6) for k, v in _sessions(truth).items()}
    assert _pain(got) == _pain(truth)
    assert _fractures(got) == _fractures(truth)
    filled = [p for p in loaded.problems if p.rule == "event_id_filled"]
    ignored = [p.column for p in loaded.problems if p.rule == "unrecognised_column"]
    assert "Slag" not in ignored  # read, as its warning says: never "ignored"
    note = inspect_input(path).sheets[0].note  # as inspect shows the sheet
    assert "column B 'Slag' names each row's event" in note
    if ids_on_every_row:
        assert filled == []
        assert "without a study ID" not in note
    else:
        assert len(filled) == 1 and "event row(s) without a study ID" in filled[0].message
        assert filled[0].row == 5  # the first row under the first patient's own row
        assert filled[0].message in note
    _reproduced_by_its_mapping(path, tmp_path)


def test_an_event_row_under_a_blank_row_is_not_given_the_patient_above(tmp_path, truth):
    """A blank row ends the patient: an event row below it without a study ID is reported,
    never read as the patient above's."""
    rows = _log(truth, ids_on_every_row=False)
    first_blank = next(i for i, r in enumerate(rows) if i > 3 and all(v is None for v in r))
    stray = _row(None, "Nýtt brot", START + timedelta(days=40), **{"Liðir": "L5"})
    rows.insert(first_blank + 1, stray)
    loaded = load_cohort(_workbook(tmp_path / "log.xlsx", {"Skráseting": rows}))
    missing = [p for p in loaded.problems if "no patient identifier" in p.message]
    assert [p.row for p in missing] == [first_blank + 2]
    assert _fractures(loaded.cohort) == _fractures(truth)


@pytest.mark.parametrize(
    ("field", "written", "want"),
    [
        (("patients", "sex"), "maður", "male"),
        (("patients", "etiology"), "mergkrabbi (myelomatosa)", "pathologic"),
        (("patients", "etiology"), "skaði (fall/ferðsla)", "traumatic"),
        (("procedures", "leakage"), "uttanfyri liðin", "paravertebral"),
        (("procedures", "leakage"), "í brúskin (disk)", "disc"),
        (("procedures", "leakage"), "í æðrar", "venous"),
        (("procedures", "leakage"), "nei", "none"),
        (("patients", "died"), "Sega", False),
        (("patients", "died"), "Io", True),
    ],
)
def test_faroese_and_fijian_words_read_as_their_values(field, written, want):
    col = load_spec().column(*field)
    assert parse_cell(written, col) == want


def test_a_fijian_yes_or_no_before_a_new_fractures_level(tmp_path):
    """'Io – T12' (yes, at T12) in a new-fracture column of a sheet of visits: the level,
    dated by its row's visit; 'Sega' (no): no fracture. A death column of Io/Sega."""
    procedures = [
        ["Study No", "Sex", "Age", "Proc date", "Level", "Cement (mls)", "Died?"],
        ["S/01", "F", 74, date(2022, 9, 18), "T12", 3.5, "Sega"],
        ["S/02", "M", 81, date(2022, 10, 2), "L2", 4, "Io"],
        ["S/03", "F", 69, date(2022, 11, 5), "L1", 5, "Sega"],
    ]
    visits = [
        ["Study No", "Visit", "Date seen", "Pain (0-10)", "New fracture?"],
        ["S/01", "Pre-op", date(2022, 9, 18), 7, None],
        ["S/01", "6 wks", date(2022, 10, 30), 3, "Sega"],
        ["S/01", "Unscheduled", date(2022, 12, 24), None, "Io – L1"],
        ["S/02", "Pre-op", date(2022, 10, 2), 8, None],
        ["S/02", "6 wks", date(2022, 11, 13), 4, "Sega"],
        ["S/03", "Pre-op", date(2022, 11, 5), 9, None],
        ["S/03", "6 wks", date(2022, 12, 17), 2, "Io – T12"],
    ]
    loaded = load_cohort(_workbook(tmp_path / "log.xlsx", {"Procedures": procedures, "Follow-up": visits}))  # fmt: skip
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    died = dict(zip(loaded.cohort.patients["patient_id"], loaded.cohort.patients["died"], strict=True))  # fmt: skip
    assert died == {"S/01": False, "S/02": True, "S/03": False}
    assert _fractures(loaded.cohort) == {("S/01", 97, "L1"), ("S/03", 42, "T12")}


def test_a_fracture_before_an_index_procedure_left_out_is_not_reported_again(tmp_path):
    """A patient whose first procedure's row is left out for its own error: a new fracture
    dated before the second procedure is no error of its own (the first procedure, the
    index, is the row in error); a patient's fracture before its index still is."""
    rows = [
        ["Study No", "Proc date", "Level", "Cement (ml)", "New fracture", "New fracture date"],
        ["P1", date(2022, 6, 15), "L7", 6, None, None],
        ["P1", date(2022, 9, 19), "L1", 7, "L2", date(2022, 9, 12)],
        ["P2", date(2022, 6, 20), "T12", 4, "L1", date(2022, 6, 1)],
        ["P3", date(2022, 7, 1), "L3", 5, None, None],
    ]
    loaded = load_cohort(_workbook(tmp_path / "log.xlsx", {"Register": rows}))
    errors = sorted((p.row, p.rule) for p in loaded.problems if p.severity == ERROR)
    assert errors == [(2, "level"), (4, "sequence")]
