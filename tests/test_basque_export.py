"""A Basque hospital's export (Basque and Spanish field names, ';' and decimal commas):
one row per visit, the procedure on its own row (its date the procedure's, its scores the
baseline's), follow-up rows counted from it, and a death recorded as a visit of its own
(``HERIOTZA / EXITUS``): the patient died on that row's date, the others live."""

from __future__ import annotations

from pathlib import Path

from tests.test_lao_register import loaded_without_errors
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

_ROWS = [
    "IKERKETA_ID;SEXUA_SEXO;ADINA_EDAD;ETIOLOGIA;BISITA_DATA_FECHA;BISITA_MOTA_TIPO;SAIOA_SESION;MAILAK_NIVELES;TEKNIKA_TECNICA;ZEMENTUA_ML;ISURIA_FUGA;EVA_0_10;HAUSTURA_BERRIA_FX_NUEVA",
    "EU-01;Gizona;64;Osteoporosia;2022-11-19;PROZEDURA / PROCEDIMIENTO;1;T12;Zifoplastia / Cifoplastia;3,5;Ez / No;10;",
    "EU-01;Gizona;64;Osteoporosia;2022-11-20;JARRAIPENA 24 ORDU / SEGUIMIENTO 24 H;1;;;;;6;",
    "EU-01;Gizona;64;Osteoporosia;2023-02-21;JARRAIPENA 3 HILABETE / SEGUIMIENTO 3 MESES;1;;;;;;",
    "EU-01;Gizona;64;Osteoporosia;2023-05-02;HERIOTZA / EXITUS;1;;;;;;",
    "EU-02;Emakumea;70;Trauma (istripua);2022-12-25;PROZEDURA / PROCEDIMIENTO;1;L1+L2;Bertebroplastia / Vertebroplastia;8,5;Bai / Sí: diskoa / disco (L1);7;",
    "EU-02;Emakumea;70;Trauma (istripua);2023-02-05;JARRAIPENA 6 ASTE / SEGUIMIENTO 6 SEMANAS;1;;;;;3;L3",
    "EU-03;Emakumea;78;Osteoporosia;2023-01-10;PROZEDURA / PROCEDIMIENTO;1;L4;Bertebroplastia / Vertebroplastia;4;Ez / No;8;",
    "EU-03;Emakumea;78;Osteoporosia;2023-04-11;JARRAIPENA 3 HILABETE / SEGUIMIENTO 3 MESES;1;;;;;2;",
]


def test_a_basque_export_of_visit_rows_with_a_death_row(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("\ufeff" + "\n".join(_ROWS) + "\n", "utf-8")
    result, patients = loaded_without_errors(path)
    assert patients["sex"].astype(str).to_dict() == {"EU-01": "male", "EU-02": "female", "EU-03": "female"}  # fmt: skip
    assert patients["etiology"].astype(str).tolist() == [
        "osteoporotic",
        "traumatic",
        "osteoporotic",
    ]
    assert patients["died"].map(bool).to_dict() == {"EU-01": True, "EU-02": False, "EU-03": False}
    assert patients.loc["EU-01", "death_day"] == 164  # 2022-11-19 to 2023-05-02
    procs = result.cohort.procedures.set_index("level")
    assert procs["technique"].astype(str).to_dict() == {"T12": "kyphoplasty", "L1": "vertebroplasty", "L2": "vertebroplasty", "L4": "vertebroplasty"}  # fmt: skip
    assert procs.loc["L1", "leakage"] == "disc"
    assert procs.loc["L2", "session_cement_volume_ml"] == 8.5
    scores = result.cohort.assessments.set_index(["patient_id", "timepoint"])["value"]
    assert scores.to_dict() == {("EU-01", "pre"): 10.0, ("EU-01", "24h"): 6.0, ("EU-02", "pre"): 7.0, ("EU-02", "6w"): 3.0, ("EU-03", "pre"): 8.0, ("EU-03", "3m"): 2.0}  # fmt: skip
    fractures = result.cohort.fractures
    assert fractures[["patient_id", "level", "day"]].values.tolist() == [["EU-02", "L3", 42]]
    _reproduced_by_its_mapping(path, tmp_path)
