"""A French register of one row per treated vertebra, written from a synthetic cohort whose
truth the generator knows: the patient's cells on the first row only, the procedure's date
as text under "Date du geste", volumes as "2,5 mL", the pain scores of each session under a
group "EVA (/10) — par séance" (a note after a dash saying how the scores are kept), each
score merged down over the session's rows, and the new fractures named in a remarks column
("nouvelle fracture T7 (IRM du 14/06/2023) ; nouvelle fracture T6 (IRM du 19/12/2023)"),
a second session's row saying only why it was done ("reprise : fracture T7", no date)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest

from analysis.load import inspect_input, load_cohort
from analysis.load.header import measure_named
from analysis.problems import ERROR
from analysis.schema import Cohort
from analysis.synth import synthesize
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

START = date(2022, 3, 7)
POINTS = {"Pré-op": "pre", "J1": "24h", "M1": "1m"}
HEADER = ["N° inclusion", "Sexe", "Âge", "Étiologie", "Date du geste", "Séance", "Niveau"]
HEADER += ["Technique", "Volume injecté", *POINTS, "Remarques"]
ETIOLOGY = {"osteoporotic": "OP cortisonique", "pathologic": "métastase"}


@pytest.fixture(scope="module")
def truth() -> Cohort:
    return synthesize(16, seed=20261121)


def _fractures(truth: Cohort) -> set[tuple[str, int, str]]:
    """The truth's new fractures, and a second one for the first patient who has one (two
    in one remarks cell)."""
    found = {(str(r["patient_id"]), int(r["day"]), str(r["level"])) for r in truth.fractures.to_dict("records")}  # fmt: skip
    first = min(found)
    return found | {(first[0], first[1] + 150, "T4")}


def _remark(pid: str, fractures: set[tuple[str, int, str]]) -> str | None:
    own = sorted((day, level) for p, day, level in fractures if p == pid)
    said = [f"nouvelle fracture {lv} (IRM du {(START + timedelta(days=d)).strftime('%d/%m/%Y')})" for d, lv in own]  # fmt: skip
    return " ; ".join(said) or None


def _volume(ml: float) -> str:
    return f"{ml:.1f}".replace(".", ",").removesuffix(",0") + " mL"


def _register(path: Path, truth: Cohort) -> Path:
    """The register: two header rows (groups merged across), then one row per vertebra."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Registre"
    ws.append(["PATIENT", None, None, None, "GESTE (par vertèbre)", *[None] * 4])
    ws.append(HEADER)
    ws["J1"] = "EVA (/10) — par séance"
    for span in ("A1:D1", "E1:I1", "J1:L1"):
        ws.merge_cells(span)
    patients = truth.patients.set_index("patient_id")
    scores = truth.assessments[truth.assessments["measure"] == "pain_vas"]
    fractures = _fractures(truth)
    seen: set[str] = set()
    for proc_id, rows in truth.procedures.groupby("procedure_id", sort=True):
        first = ws.max_row + 1
        for k, r in enumerate(rows.sort_values("level").to_dict("records")):
            pid = str(r["patient_id"])
            pt = patients.loc[pid]
            head = [str(pt["sex"])[0].upper(), int(pt["age_years"]), ETIOLOGY[str(pt["etiology"])]]
            when = (START + timedelta(days=int(r["day"]))).strftime("%d/%m/%Y")
            session = int(str(proc_id).rsplit("-", 1)[1])
            volume = _volume(float(r["cement_volume_ml"]))
            own = [when, session, str(r["level"]), str(r["technique"]), volume]
            remark = _remark(pid, fractures) if pid not in seen else None
            if session == 2 and k == 0:
                remark = f"reprise : fracture {r['level']}"  # the session's reason, undated
            ws.append([pid, *(head if pid not in seen else [None] * 3), *own, *[None] * 3, remark])
            seen.add(pid)
            if k == 0:
                for j, point in enumerate(POINTS.values()):
                    got = scores[
                        (scores["procedure_id"] == proc_id) & (scores["timepoint"] == point)
                    ]
                    ws.cell(first, 10 + j, float(got["value"].iloc[0]) if len(got) else None)
        if ws.max_row > first:
            for j in range(len(POINTS)):
                ws.merge_cells(start_row=first, end_row=ws.max_row, start_column=10 + j, end_column=10 + j)  # fmt: skip
    wb.save(path)
    return path


def _scores(cohort: Cohort) -> set[tuple[str, int, str, float]]:
    """Each pain score: patient, day of its session, time point, value."""
    days = cohort.procedures.drop_duplicates("procedure_id").set_index("procedure_id")["day"]
    a = cohort.assessments
    a = a[(a["measure"] == "pain_vas") & a["timepoint"].isin(POINTS.values())]
    return {
        (str(r["patient_id"]), int(days[r["procedure_id"]]), str(r["timepoint"]), float(r["value"]))
        for r in a.to_dict("records")
    }


def test_scores_under_a_noted_group_merged_over_the_session_rows(tmp_path, truth):
    path = _register(tmp_path / "registre.xlsx", truth)
    loaded = load_cohort(path)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    got = loaded.cohort
    assert _scores(got) == _scores(truth)
    assert len(_scores(truth)) > 30
    want = truth.patients.set_index("patient_id")["etiology"].astype(str)
    assert got.patients.set_index("patient_id")["etiology"].astype(str).to_dict() == want.to_dict()
    days = {(str(r["patient_id"]), str(r["level"])): int(r["day"]) for r in got.procedures.to_dict("records")}  # fmt: skip
    assert days == {(str(r["patient_id"]), str(r["level"])): int(r["day"]) for r in truth.procedures.to_dict("records")}  # fmt: skip
    assert len(_fractures(truth)) >= 3
    assert {(str(r["patient_id"]), int(r["day"]), str(r["level"])) for r in got.fractures.to_dict("records")} == _fractures(truth)  # fmt: skip
    undated = [p for p in loaded.problems if p.rule == "fracture_undated"]
    assert len(undated) == sum(str(i).endswith("-2") for i in truth.procedures["procedure_id"].unique())  # fmt: skip
    assert undated and all("names a fracture without its date" in p.message for p in undated)
    shown = {c.header: (c.label, c.reason) for c in inspect_input(path).columns}
    assert shown["Date du geste"][0] == "date:procedure_date"
    assert shown["Remarques"][0] == "fractures.level|date"
    assert "remarks naming new fractures" in shown["Remarques"][1]
    for header, point in POINTS.items():
        label, reason = shown[f"EVA (/10) — par séance {header}"]
        assert label == f"pain_vas@{point}" and "a measure over its time point" in reason
    _reproduced_by_its_mapping(path, tmp_path)


@pytest.mark.parametrize(
    ("group", "named"),
    [("EVA (/10) — par séance", True), ("Pain VAS - per session", True), ("EVA – M1", False)],
)
def test_a_note_after_a_dash_leaves_the_measure(group, named):
    """The note after a spaced dash is dropped only when it names no time point: a group
    "EVA – M1" is the score at one month, not a measure over another time point."""
    target = measure_named(group, {})
    assert (target is not None and target.measure == "pain_vas") is named
