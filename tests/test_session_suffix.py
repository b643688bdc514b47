"""A register of one row per session that writes a patient's later session under the
study ID with a letter after it (``CK-007b``, sex and age ``idem``, the cause column
giving ``Nouvelle fracture (reprise)``), the first row's later visits pointing to it
(``voir CK-007b``): one patient, two sessions."""

from __future__ import annotations

from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping
from analysis.normalize.cells import is_missing

HEAD = "N° étude;Sexe;Âge (ans);Indication;Date intervention;Niveau(x);Geste;Volume ciment (ml);EVA pré-op;EVA M1;EVA M3"  # fmt: skip
ROWS = [
    "CK-001;F;80;Tassement ostéoporotique;20/03/2021;L1;Vertébroplastie;3;8;5;4",
    "CK-002;M;43;Myélome multiple;04/04/2021;D12;Cyphoplastie;4;6;1;0",
    "CK-003;F;65;Fracture traumatique;16/05/2021;L2;Vertébroplastie;5;10;4;4",
    "CK-004;M;73;Tassement ostéoporotique;20/07/2021;L1;Vertébroplastie;4,5;9;5;5",
    "CK-007;M;45;Maladie de Kümmell;06/09/2021;D12;Cyphoplastie;5,5;10;7;voir CK-007b",
    "CK-005;F;58;Métastase (sein);24/10/2021;L4;Vertébroplastie;3,5;8;4;3",
    "CK-007b;idem;idem;Nouvelle fracture (reprise);31/10/2021;L3;Cyphoplastie;4,5;10;8;6",
    "CK-006a;F;70;Tassement ostéoporotique;02/11/2021;L2;Vertébroplastie;4;7;5;4",
]


def _csv(tmp_path, rows=ROWS):
    path = tmp_path / "register.csv"
    path.write_text("\n".join([HEAD, *rows]) + "\n", "utf-8")
    return path


def test_a_suffixed_study_id_is_the_patients_later_session(tmp_path):
    path = _csv(tmp_path)
    loaded = load_cohort(path)
    assert [p.message for p in loaded.errors] == []
    cohort = loaded.cohort
    assert sorted(cohort.patients["patient_id"]) == ["CK-001", "CK-002", "CK-003", "CK-004", "CK-005", "CK-006a", "CK-007"]  # fmt: skip
    p7 = cohort.procedures[cohort.procedures["patient_id"] == "CK-007"]
    assert sorted(zip(p7["day"], p7["level"], strict=True)) == [(0, "T12"), (55, "L3")]
    # idem: the patient's own first row, not the row above (CK-005, female, 58)
    row = cohort.patients.set_index("patient_id").loc["CK-007"]
    assert (row["sex"], row["age_years"], row["etiology"]) == ("male", 45, "other")
    # "voir CK-007b": the score is on the later row, none on this one
    days = cohort.procedures[["procedure_id", "day"]].drop_duplicates()
    a = cohort.assessments.drop(columns="day").merge(days, on="procedure_id")
    a7 = a[a["patient_id"] == "CK-007"]
    assert sorted(zip(a7["day"], a7["timepoint"], a7["value"], strict=True)) == [
        (0, "1m", 7.0), (0, "pre", 10.0), (55, "1m", 8.0), (55, "3m", 6.0), (55, "pre", 10.0)
    ]  # fmt: skip
    said = [p for p in loaded.problems if p.rule == "session_suffix"]
    assert [(p.row, p.severity) for p in said] == [(8, "warning")]
    assert "read as a later session of CK-007" in said[0].message
    read = {c.letter: (c.label, c.reason) for c in inspect_input(path).columns}
    assert read["A"][1].endswith("that patient's later session")
    assert read["D"][0] == "patients.etiology"  # its re-do's reason aside
    written = tmp_path / "mapping.yaml"
    written.write_text(inspect_input(path).mapping_yaml(), "utf-8")
    mapped = load_cohort(path, options_from_mapping(read_mapping(written))).cohort
    assert mapped.procedures.equals(cohort.procedures)


def test_a_suffixed_id_dated_before_its_base_stands_as_written(tmp_path):
    rows = [r.replace("31/10/2021", "31/08/2021") for r in ROWS]
    rows = [r.replace(";idem;idem;", ";M;45;") for r in rows]
    cohort = load_cohort(_csv(tmp_path, rows)).cohort
    assert "CK-007b" in set(cohort.patients["patient_id"])


def test_a_cell_pointing_to_another_row_holds_no_value():
    assert is_missing("voir CK-016b") and is_missing("see row 12")
    assert not is_missing("voir") and not is_missing("voir le patient")
