"""A sheet logging only new fractures and deaths, named for neither (``Intercorrências``,
"incidents"): its event column (``Evento``) says what each row records, so it is read as
new fractures, each at the vertebra its event cell names (``Nova fratura T6``), and
deaths, each dated by its row."""

from __future__ import annotations

from datetime import date

from analysis.load import inspect_input, load_cohort
from analysis.problems import ERROR
from tests.test_any_workbook import _workbook

PATIENTS = [
    ["ID estudo", "Idade", "Sexo", "Data da cirurgia", "Nível", "Volume (mL)", "EVA pré"],
    ["P-01", 71, "F", date(2022, 1, 10), "L1", 4, 8],
    ["P-02", 80, "M", date(2022, 2, 14), "T12", 3.5, 7],
    ["P-03", 66, "F", date(2022, 3, 7), "L2", 5, 9],
]
EVENTS = [
    ["Intercorrências no seguimento"],
    [],
    ["ID estudo", "Data", "Evento", "Conduta"],
    ["P-01", date(2022, 3, 11), "Nova fratura T6", "Nova vertebroplastia"],
    ["P-02", date(2022, 6, 1), "Óbito", "Pneumonia"],
    ["P-03", date(2022, 5, 6), "Nova fratura L3", "Colete"],
]


def test_a_log_of_new_fractures_and_deaths_is_read(tmp_path):
    path = _workbook(tmp_path / "log.xlsx", {"Cirurgias": PATIENTS, "Intercorrências": EVENTS})
    loaded = load_cohort(path)
    assert [p for p in loaded.problems if p.severity == ERROR] == []
    fractures = loaded.cohort.fractures
    got = {(r["patient_id"], r["level"], int(r["day"])) for r in fractures.to_dict("records")}
    assert got == {("P-01", "T6", 60), ("P-03", "L3", 60)}
    died = dict(zip(loaded.cohort.patients["patient_id"], loaded.cohort.patients["died"], strict=True))  # fmt: skip
    assert died == {"P-01": False, "P-02": True, "P-03": False}
    notes = [s.note for s in inspect_input(path).sheets]
    assert any("its event column, naming only new fractures and deaths" in n for n in notes)


def test_a_log_naming_other_events_too_is_not_taken_for_fractures(tmp_path):
    events = [*EVENTS[:4], ["P-02", date(2022, 4, 1), "Consulta de 3 meses", "Retorno"]]
    path = _workbook(tmp_path / "log.xlsx", {"Cirurgias": PATIENTS, "Intercorrências": events})
    loaded = load_cohort(path)
    assert loaded.cohort.fractures.empty
