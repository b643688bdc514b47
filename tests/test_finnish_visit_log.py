"""A Finnish log of visits (one row per visit): the visit type (``Käyntityyppi``) names the
procedure and a death (``kuolema``), so a patient with no death row is read as alive;
Finnish leak sites (``foraminaalinen``)."""

from __future__ import annotations

from pathlib import Path

from analysis.load import load_cohort
from tests.test_any_workbook import _workbook
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

# fmt: off
_ROWS = [
    ["Tutkimusnro", "Pvm", "Käyntityyppi", "Aika toimenpiteestä", "Sukupuoli", "Ikä", "Taso", "Vuoto", "VAS"],
    ["F-1", "29.7.2022", "toimenpide", "0", "N", 54, "L1", "foraminaalinen", 8],
    ["F-2", "3.3.2022", "toimenpide", "0", "M", 70, "Th12", "ei", 9],
    ["F-2", "1.5.2022", "kuolema", None, None, None, None, None, None],
    ["F-3", "4.4.2022", "toimenpide", "0", "N", 81, "L2", "ei", 7],
]
# fmt: on


def test_a_death_named_by_the_visit_type_and_the_rest_alive(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "log.xlsx", {"Käynnit": _ROWS})
    result = load_cohort(path)
    assert result.errors == []
    patients = result.cohort.patients.set_index(result.cohort.patients["patient_id"].astype(str))
    assert patients["died"].map(bool).to_dict() == {"F-1": False, "F-2": True, "F-3": False}
    assert patients.loc["F-2", "death_day"] == 59
    procs = result.cohort.procedures.set_index(result.cohort.procedures["patient_id"].astype(str))
    assert str(procs.loc["F-1", "leakage"]) == "foraminal"
    _reproduced_by_its_mapping(path, tmp_path)
