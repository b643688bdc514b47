"""An operation register of one row per operation with the treated vertebrae as tick
columns (``T11`` ... ``L2``, each cell a vertebra's volume or a tick ``√`` where only the
session's total was noted), a repeat written ``再次`` in the session column, and a visit
log whose death rows name the death in two scripts."""

from __future__ import annotations

from datetime import datetime

import pytest

from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping
from analysis.load.events import DEATH, row_event
from analysis.load.records import session_number
from analysis.normalize.deaths import names_death
from analysis.normalize.timepoints import timepoint_of
from tests.test_any_workbook import _workbook

LEVELS = ["T11", "T12", "L1", "L2"]


def _register() -> list[list[object]]:
    head = ["研究编号", "性别", "年龄", "手术日期", "第几次手术", "术式", *LEVELS, "骨水泥总量(ml)", "骨水泥渗漏"]  # fmt: skip
    rows = [["手术登记"], head]
    ticks = [
        # patient, date, session, {level: cell}, total, leakage
        ("HH-01", datetime(2021, 1, 4), "首次", {"T12": "√", "L1": "√"}, 7.5, "无"),
        ("HH-02", datetime(2021, 2, 4), "首次", {"L1": 4.0, "L2": 3.5}, 7.5, "L2 椎管内渗漏"),
        ("HH-03", datetime(2021, 3, 4), "首次", {"T11": "x"}, 3.0, "无"),
        ("HH-01", datetime(2021, 4, 4), "再次", {"L2": "√"}, 4.0, "无"),
        ("HH-04", datetime(2021, 5, 4), "首次", {"T12": 5.0}, 5.0, "无"),
        ("HH-03", datetime(2021, 6, 4), "再次", {"L2": 4.5}, 4.5, "无"),
    ]
    for pid, when, session, cells, total, leak in ticks:
        rows.append([pid, "女", 70, when, session, "PVP", *[cells.get(lv) for lv in LEVELS], total, leak])  # fmt: skip
    return rows


def _visits() -> list[list[object]]:
    rows = [["研究编号", "随访时间点", "随访日期", "VAS评分"]]
    for pid, day in (("HH-01", 4), ("HH-02", 4), ("HH-03", 4), ("HH-04", 4)):
        month = {"HH-01": 1, "HH-02": 2, "HH-03": 3, "HH-04": 5}[pid]
        rows.append([pid, "术前", datetime(2021, month, day), 8])
        rows.append([pid, "术后第1天", datetime(2021, month, day + 1), 4])
    rows.append(["HH-02", "死亡 ᠨᠠᠰᠤ ᠪᠠᠷᠠᠭᠰᠠᠨ", datetime(2021, 9, 1), None])
    return rows


@pytest.fixture
def register(tmp_path):
    path = tmp_path / "r.xlsx"
    return _workbook(path, {"手术登记": _register(), "随访": _visits()}, merges=[("手术登记", "A1:L1")])  # fmt: skip


def test_tick_columns_give_the_levels_and_the_total_their_volume(register):
    loaded = load_cohort(register)
    assert loaded.errors == []
    p = loaded.cohort.procedures
    got = {
        (r.patient_id, r.level): (
            r.cement_volume_ml if r.cement_volume_ml == r.cement_volume_ml else None,
            r.session_cement_volume_ml,
        )
        for r in p.itertuples()
    }
    assert got == {
        ("HH-01", "T12"): (None, 7.5),
        ("HH-01", "L1"): (None, 7.5),
        ("HH-01", "L2"): (4.0, 4.0),
        ("HH-02", "L1"): (4.0, 7.5),
        ("HH-02", "L2"): (3.5, 7.5),
        ("HH-03", "T11"): (3.0, 3.0),
        ("HH-03", "L2"): (4.5, 4.5),
        ("HH-04", "T12"): (5.0, 5.0),
    }
    # "再次": each patient's repeat, a session of its own (told by its date)
    sessions = p.groupby("patient_id")["procedure_id"].nunique().to_dict()
    assert sessions == {"HH-01": 2, "HH-02": 1, "HH-03": 2, "HH-04": 1}
    assert p.set_index(["patient_id", "level"]).loc[("HH-02", "L2"), "leakage"] == "epidural"
    read = {c.letter: (c.label, c.reason) for c in inspect_input(register).columns if c.sheet == "手术登记"}  # fmt: skip
    assert read["G"][0] == "vertebra:T11" and "a tick" in read["G"][1]
    assert read["E"][0] == "procedures.procedure_id"
    assert read["K"][0] == "procedures.session_cement_volume_ml"


def test_tick_register_visits_and_deaths(register):
    loaded = load_cohort(register)
    pts = loaded.cohort.patients.set_index("patient_id")
    assert pts["died"].astype(bool).to_dict() == {"HH-01": False, "HH-02": True, "HH-03": False, "HH-04": False}  # fmt: skip
    assert pts.loc["HH-02", "death_day"] == (datetime(2021, 9, 1) - datetime(2021, 2, 4)).days
    a = loaded.cohort.assessments
    assert set(a["timepoint"]) == {"pre", "24h"}


def test_tick_register_mapping_loads_the_same(register, tmp_path):
    written = tmp_path / "m.yaml"
    written.write_text(inspect_input(register).mapping_yaml(), "utf-8")
    mapped = load_cohort(register, options_from_mapping(read_mapping(written))).cohort
    assert mapped.procedures.equals(load_cohort(register).cohort.procedures)


def test_a_sign_alone_names_no_death():
    """``√`` and ``✓`` fold to no text, as ``†`` does; only ``†`` names a death."""
    assert not names_death("√") and not names_death("✓")
    assert names_death("†") and names_death("verstorben 03.04.2020")


def test_a_repeat_word_is_no_session_identifier():
    base = {"procedure_id": "再次", "technique": "kyphoplasty"}
    assert session_number(base) is None and "procedure_id" not in base
    base = {"procedure_id": "Redo"}
    assert session_number(base) is None and base == {}
    assert session_number({"procedure_id": "首次"}) == ("#", 1)
    kept = {"procedure_id": "OP-0231"}
    assert session_number(kept) is None and kept == {"procedure_id": "OP-0231"}


def test_an_event_in_two_scripts_side_by_side():
    assert row_event("死亡 ᠨᠠᠰᠤ ᠪᠠᠷᠠᠭᠰᠠᠨ") == DEATH
    assert row_event("术后1个月") is None


@pytest.mark.parametrize(("text", "point"), [("术后第1天", "24h"), ("第1天", "24h"), ("二次术后1个月", "1m")])  # fmt: skip
def test_chinese_day_ordinal(text, point):
    assert timepoint_of(text) == point
