"""One row per event or visit: a remark naming a new fracture and its vertebra on a row
treating none is that fracture, dated by the row; a remark denying one names none; a
volume written level by level is each vertebra's own, checked as one vertebra's."""

from __future__ import annotations

from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping
from analysis.load.events import _fracture_levels
from tests.test_any_workbook import _workbook

HEAD = ["Nº estudio", "Sexo", "Edad", "Fecha", "Tipo de visita", "Nivel(es)", "Técnica",
        "Volumen (ml)", "EVA (0-10)", "Observaciones"]  # fmt: skip


def _rows(first_volume: str = "3,5") -> list[list[object]]:
    return [
        HEAD,
        ["SV-1", "Mujer", 80, "19/05/2021", "Consulta preoperatoria", None, None, None, 9, None],
        [
            None,
            None,
            None,
            "19/05/2021",
            "Intervención",
            "L3",
            "Vertebroplastia",
            first_volume,
            None,
            None,
        ],
        [None, None, None, "18/06/2021", "Revisión 1 mes", None, None, None, 3, None],
        [
            None,
            None,
            None,
            "06/10/2021",
            "Urgencias",
            None,
            None,
            None,
            None,
            "Caída. RM: nueva fractura vertebral L2",
        ],
        ["SV-2", "Varón", 70, "06/07/2020", "Consulta preoperatoria", None, None, None, 8, None],
        [
            None,
            None,
            None,
            "06/07/2020",
            "Intervención",
            "D11, D12",
            "Cifoplastia",
            "4; 3",
            None,
            None,
        ],
        [
            None,
            None,
            None,
            "04/08/2020",
            "Revisión 1 mes",
            None,
            None,
            None,
            2,
            "Sin nueva fractura L1",
        ],
    ]


def test_a_remark_names_a_new_fracture_dated_by_its_row(tmp_path):
    path = _workbook(tmp_path / "r.xlsx", {"Registro": _rows()})
    loaded = load_cohort(path)
    assert loaded.errors == []
    fractures = loaded.cohort.fractures
    assert list(zip(fractures["patient_id"], fractures["level"], fractures["day"], strict=True)) == [("SV-1", "L2", 140)]  # fmt: skip
    pre = loaded.cohort.assessments.query("timepoint == 'pre'")
    assert sorted(pre["value"]) == [8, 9]  # "Consulta preoperatoria": the baseline
    said = [p.message for p in loaded.problems if p.rule == "remark_fractures"]
    assert len(said) == 1 and "on 1 row(s)" in said[0]
    # the column read for its remarks is not also said to be ignored
    ignored = [p.column for p in loaded.problems if p.rule == "unrecognised_column"]
    assert "Observaciones" not in ignored
    inspection = inspect_input(path)
    remarks = next(c for c in inspection.columns if c.header == "Observaciones")
    assert "naming a new fracture and its vertebra" in remarks.reason
    written = tmp_path / "mapping.yaml"
    written.write_text(inspection.mapping_yaml(), "utf-8")
    mapped = load_cohort(path, options_from_mapping(read_mapping(written))).cohort
    assert mapped.fractures.equals(loaded.cohort.fractures)


def test_a_denied_fracture_names_none():
    assert _fracture_levels("Sin nueva fractura L1") == ()
    assert _fracture_levels("No new fracture at L2") == ()
    assert _fracture_levels("MRI: new fracture T11 and T12") == ("T11", "T12")


def test_a_volume_written_level_by_level_is_one_vertebra_s_own(tmp_path):
    rows = _rows()
    rows[6][7] = "22; 3"  # 22 mL in D11 alone
    loaded = load_cohort(_workbook(tmp_path / "r.xlsx", {"Registro": rows}))
    wrong = [(p.cell, p.rule) for p in loaded.errors]
    assert wrong == [("H7", "range")]


def test_a_remark_with_its_gloss_after_the_level_names_that_level():
    # the phrase of the gloss, longer, is found first and has no level after it
    assert _fracture_levels("nueva fractura L2 (new vertebral fracture)") == ("L2",)
    assert _fracture_levels("No new vertebral fracture; nueva fractura L2") == ()


def test_remarks_under_a_group_title_naming_another_field_are_read_without_an_error(tmp_path):
    """``Opmerking`` under ``Uitkomst (Outcome)``: the gloss of the group's title reads
    the column as the procedure's outcome, which its remarks are not; its remarks naming
    a new fracture are read all the same, so no error says the column was not read."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([None] * 6 + ["Uitkomst (Outcome)", None])
    ws.merge_cells("G1:H1")
    ws.append(["Study ID", "Sex", "Age", "Visit", "Date", "Level", "VAS", "Opmerking"])
    ws.append(["NL-1", "F", 70, "Procedure", "2021-03-01", "L1", 8, None])
    ws.append(["NL-1", "F", 70, "6 weeks", "2021-04-12", None, 3, "new fracture T12"])
    ws.append(["NL-1", "F", 70, "3 months", "2021-06-01", None, 2, "walks unaided"])
    ws.append(["NL-2", "M", 66, "Procedure", "2021-05-01", "T12", 7, None])
    ws.append(["NL-2", "M", 66, "6 weeks", "2021-06-12", None, 3, "less pain"])
    path = tmp_path / "log.xlsx"
    wb.save(path)
    loaded = load_cohort(path)
    assert [(p.cell, p.message) for p in loaded.errors] == []
    fractures = loaded.cohort.fractures
    assert list(zip(fractures["patient_id"], fractures["day"], fractures["level"], strict=True)) == [("NL-1", 42, "T12")]  # fmt: skip
    assert any("names a new fracture" in p.message for p in loaded.problems)
