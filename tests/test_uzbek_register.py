"""An Uzbek register: one row per session, ages written ``67 yosh``, volumes after their
levels and a dash (``T12 – 3,5 ml; L1 – 4 ml``), and a second sheet logging new fractures
and deaths (``Hodisa``: event), whose first row's event word must not be taken for a second
header row; the patients the log does not name are alive."""

from __future__ import annotations

from pathlib import Path

from analysis.load import load_cohort
from analysis.normalize.cells import parse_volumes
from tests.test_any_workbook import _workbook
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping


def test_volumes_each_after_its_level_and_a_dash() -> None:
    assert parse_volumes("T12 – 3,5 ml; L1 – 4 ml; L2 – 5,5 ml") == (3.5, 4.0, 5.5)
    assert parse_volumes("T6: 2.5, T7: 7.0") == (2.5, 7.0)


_MAIN = [
    ["Bemor kodi", "Jinsi", "Yoshi", "Muolaja sanasi", "Umurtqa", "Sement hajmi", "VAS 1 oy"],
    ["U-1", "ayol", "67 yosh", "06.04.2022", "T12, L1", "T12 – 3,5 ml; L1 – 4 ml", 3],
    ["U-2", "erkak", "71 yosh", "10.05.2022", "L2", "5 ml", 2],
    ["U-3", "ayol", "80 yosh", "12.05.2022", "L3", "4 ml", 4],
]
_EVENTS = [
    ["Bemor kodi", "Hodisa", "Sana", "Umurtqa", "Izoh"],
    ["U-1", "yangi sinish", "11.08.2022", "L4", "MRT"],
    ["U-2", "vafot etdi", "27.10.2022", None, "telefon"],
]


def _write(path: Path) -> Path:
    log = [["Yangi sinishlar va vafot etganlar"], [], *_EVENTS]
    return _workbook(path, {"Muolajalar": _MAIN, "Yangi sinish va o'lim": log})


def test_an_uzbek_register_with_a_log_of_events_loads_exactly(tmp_path: Path) -> None:
    result = load_cohort(path := _write(tmp_path / "register.xlsx"))
    assert result.errors == []
    cohort = result.cohort
    patients = cohort.patients.set_index(cohort.patients["patient_id"].astype(str))
    assert patients["age_years"].to_dict() == {"U-1": 67, "U-2": 71, "U-3": 80}
    # U-2 died; U-1 and U-3 are not in the log's deaths: alive
    assert patients["died"].map(bool).to_dict() == {"U-1": False, "U-2": True, "U-3": False}
    procs = cohort.procedures[cohort.procedures["patient_id"].astype(str) == "U-1"]
    assert dict(zip(procs["level"].astype(str), procs["cement_volume_ml"], strict=True)) == {
        "T12": 3.5,
        "L1": 4.0,
    }
    fractures = cohort.fractures
    assert list(fractures["patient_id"].astype(str)) == ["U-1"]
    assert list(fractures["level"].astype(str)) == ["L4"]
    assert any(p.rule == "event_rows" and "alive" in p.message for p in result.problems)
    _reproduced_by_its_mapping(path, tmp_path)
