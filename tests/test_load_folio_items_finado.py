"""A Mexican register's habits, each a general rule: ``Folio`` is the study ID (never the
row's running ``No.``), ``Finado``/``Finada`` says a patient had died (a follow-up
cell left without a score, or the vital status), and the ten Oswestry items ``P1`` ...
``P10`` written beside the total are items, never a measure of their own."""

from datetime import date

import openpyxl

from analysis.load import inspect_input, load_cohort


def _register(path, rows, headers, title="Base"):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    ws.append(headers)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


HEAD = [
    "No.",
    "Folio",
    "Edad",
    "Sexo",
    "Fecha cirugía",
    "Nivel",
    "EVA basal",
    "EVA día 30",
    "Estado",
]
ROWS = [
    [1, "VP-MX-07", 71, "F", date(2023, 1, 10), "T12", 8, 3, "Viva"],
    [2, "VP-MX-11", 80, "M", date(2023, 2, 14), "L1", 9, "Finado", "Finado"],
    [3, "VP-MX-15", 66, "F", date(2023, 3, 20), "L2", 7, 2, "Finada"],
]


def test_folio_is_the_study_id_not_the_running_number(tmp_path):
    result = load_cohort(_register(tmp_path / "r.xlsx", ROWS, HEAD))
    assert sorted(result.cohort.patients["patient_id"]) == ["VP-MX-07", "VP-MX-11", "VP-MX-15"]


def test_finado_is_a_death_in_a_score_cell_and_in_the_vital_status(tmp_path):
    result = load_cohort(_register(tmp_path / "r.xlsx", ROWS, HEAD))
    assert result.errors == []
    died = result.cohort.patients.set_index("patient_id")["died"]
    assert died.to_dict() == {"VP-MX-07": False, "VP-MX-11": True, "VP-MX-15": True}
    vas = result.cohort.assessments
    month = vas[(vas["patient_id"] == "VP-MX-11") & (vas["timepoint"] == "1m")]
    assert month.empty  # the visit never took place: missing, not an error


def test_oswestry_items_are_not_read_as_a_score_of_their_own(tmp_path):
    head = ["Folio", "Edad", "Sexo", "Fecha cirugía", "Nivel"]
    head += [f"ODI P{i}" for i in range(1, 11)] + ["ODI basal %"]
    rows = [
        ["VP-MX-07", 71, "F", date(2023, 1, 10), "T12", *[3, 4, 2, 3, 3, 2, 4, 3, 2, 3], 58],
        ["VP-MX-11", 80, "M", date(2023, 2, 14), "L1", *[4, 4, 3, 3, 4, 2, 4, 3, 3, 4], 68],
        ["VP-MX-15", 66, "F", date(2023, 3, 20), "L2", *[2, 3, 2, 2, 3, 2, 3, 2, 2, 3], 48],
    ]
    path = _register(tmp_path / "r.xlsx", rows, head, title="Hoja1")
    found = {c.header: c for c in inspect_input(path).columns}
    assert found["ODI P1"].label is None
    assert "item 1 of the odi questionnaire" in found["ODI P1"].reason
    a = load_cohort(path).cohort.assessments
    assert set(zip(a["measure"], a["timepoint"], strict=True)) == {("odi", "pre")}
    assert sorted(a["value"]) == [48, 58, 68]  # the totals; the items no score of their own
