"""A Portuguese register of one row per patient, each session in its own block of columns
under a group numbering it with an ordinal mark ("1.º procedimento", "2.º procedimento"),
the first session's pain scores under "Dor — EVA (0-10) após 1.º procedimento" (a note
after a dash) and the second's under "EVA 2.º proc." (the measure and the numbered
session, abbreviated), each over its time points ("Pré", "1 mês"); the leakage under "Fuga
de cimento". Written from a synthetic cohort whose truth the generator knows; the second
session's scores drawn here with a fixed seed."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from analysis.load import inspect_input, load_cohort
from analysis.load.header_sessions import _slot_target
from analysis.problems import ERROR
from analysis.schema import Cohort
from analysis.synth import SynthParams, synthesize
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

START = date(2021, 5, 3)
BLOCK = ["Data", "Níveis", "Técnica", "Volume (ml)", "Fuga de cimento"]
GROUPS = [
    ("Identificação", 1),
    ("1.º procedimento", len(BLOCK)),
    ("Dor — EVA (0-10) após 1.º procedimento", 2),
    ("2.º procedimento", len(BLOCK)),
    ("EVA 2.º proc.", 2),
]
SITES = {"venous": "venosa", "disc": "discal", "paravertebral": "paravertebral"}
SITES |= {"epidural": "epidural", "foraminal": "foraminal"}
TECHNIQUE = {"vertebroplasty": "VP", "kyphoplasty": "CP"}
Scores = dict[tuple[str, int, str], float]


@pytest.fixture(scope="module")
def truth() -> Cohort:
    return synthesize(20, seed=20261121, params=SynthParams(p_new_fracture=0.5))


def _second_scores(truth: Cohort) -> Scores:
    """Pain before and a month after each second session, drawn with a fixed seed."""
    rng = np.random.default_rng(20261121)
    out: Scores = {}
    for proc_id in sorted(p for p in truth.procedures["procedure_id"].unique() if p.endswith("-2")):
        pid = proc_id.rsplit("-", 1)[0]
        out[(pid, 2, "pre")] = float(rng.integers(6, 11))
        out[(pid, 2, "1m")] = float(rng.integers(0, 6))
    return out


def _first_scores(truth: Cohort) -> Scores:
    a = truth.assessments
    a = a[(a["measure"] == "pain_vas") & a["timepoint"].isin(["pre", "1m"])]
    a = a[a["procedure_id"].str.endswith("-1")]
    return {(str(r["patient_id"]), 1, str(r["timepoint"])): float(r["value"]) for r in a.to_dict("records")}  # fmt: skip


def _leak(sites: str) -> str:
    """``Não``, or ``Sim – venosa e discal``."""
    return "Não" if sites == "none" else "Sim – " + " e ".join(SITES[s] for s in sites.split(";"))


def _block(rows: pd.DataFrame) -> list[object]:
    """A session's cells: date, levels, technique, total volume, leakage."""
    first = rows.iloc[0]
    levels = " + ".join(str(v) for v in rows["level"])
    total = round(float(rows["cement_volume_ml"].sum()), 1)
    leaks = {str(v) for v in rows["leakage"]}
    leak = _leak(leaks.pop()) if len(leaks) == 1 and len(rows) == 1 else None
    when = START + timedelta(days=int(first["day"]))
    return [when, levels, TECHNIQUE[str(first["technique"])], total, leak]


def _register(path: Path, truth: Cohort) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Registo"
    column = 1
    for group, width in GROUPS:
        ws.cell(1, column, group)
        if width > 1:
            ws.merge_cells(start_row=1, end_row=1, start_column=column, end_column=column + width - 1)  # fmt: skip
        column += width
    ws.append(["N.º estudo", *BLOCK, "Pré", "1 mês", *BLOCK, "Pré", "1 mês"])
    first, second = _first_scores(truth), _second_scores(truth)
    for pid, rows in truth.procedures.groupby("patient_id", sort=True):
        sessions = dict(iter(rows.groupby("procedure_id", sort=True)))
        row: list[object] = [str(pid), *_block(sessions[f"{pid}-1"])]
        row += [first.get((str(pid), 1, t)) for t in ("pre", "1m")]
        if f"{pid}-2" in sessions:
            row += [*_block(sessions[f"{pid}-2"]), *(second[(str(pid), 2, t)] for t in ("pre", "1m"))]  # fmt: skip
        ws.append(row)
    wb.save(path)
    return path


def _loaded_scores(cohort: Cohort) -> Scores:
    sessions = {
        pid: {
            proc: n
            for n, proc in enumerate(sorted(g["procedure_id"].unique(), key=lambda p: days[p]), 1)
        }
        for pid, g in cohort.procedures.groupby("patient_id")
        for days in [g.drop_duplicates("procedure_id").set_index("procedure_id")["day"].to_dict()]
    }
    a = cohort.assessments
    a = a[(a["measure"] == "pain_vas") & a["timepoint"].isin(["pre", "1m"])]
    return {
        (
            str(r["patient_id"]),
            sessions[r["patient_id"]][r["procedure_id"]],
            str(r["timepoint"]),
        ): float(r["value"])
        for r in a.to_dict("records")
    }


def test_second_session_scores_under_a_numbered_measure_group(tmp_path, truth):
    path = _register(tmp_path / "registo.xlsx", truth)
    loaded = load_cohort(path)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    second = _second_scores(truth)
    assert len(second) >= 6
    assert _loaded_scores(loaded.cohort) == {**_first_scores(truth), **second}
    got = loaded.cohort.procedures
    want = truth.procedures
    assert sorted(zip(got["patient_id"], got["day"], got["level"], strict=True)) == sorted(
        zip(want["patient_id"], want["day"], want["level"], strict=True)
    )
    # the leakage of a single-level session, in each block
    single = want.groupby("procedure_id").filter(lambda g: len(g) == 1)
    leak = got.set_index(["patient_id", "level"])["leakage"].astype(str)
    for r in single.to_dict("records"):
        assert leak[(r["patient_id"], r["level"])] == r["leakage"]
    shown = {c.header: (c.label, c.reason) for c in inspect_input(path).columns}
    assert shown["EVA 2.º proc. Pré"][0] == "pain_vas@pre"
    assert shown["EVA 2.º proc. 1 mês"][0] == "pain_vas@1m"
    assert shown["2.º procedimento Fuga de cimento"][0] == "procedures.leakage"
    _reproduced_by_its_mapping(path, tmp_path)


@pytest.mark.parametrize(
    ("header", "session"),
    [
        ("EVA 2.º proc. Pré", 2),
        ("VAS 2nd proc. pre", 2),
        ("EVA 2 proc. Pré", 2),
        ("EVA 1.º proc. Pré", None),
    ],
)
def test_a_numbered_procedure_with_its_ordinal_ending(header, session):
    """The number's ordinal ending ("2.º", "2nd") between it and the word for the procedure
    still numbers the session; only a second session is named so."""
    found = _slot_target(header, {})
    assert (None if found is None else found[2]) == session
    if found is not None:
        assert found[0].label == "pain_vas@pre"
