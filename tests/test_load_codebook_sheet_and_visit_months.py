"""A statistics package's export with its codebook written out as a sheet (SPSS's
Variable View: variable, label, type, value, value label, user-missing values), and a
long sheet of visits whose time point is a count of months since the operation, late or
early controls counted as they happened (``14``)."""

from __future__ import annotations

from datetime import datetime

from analysis.load import load_cohort
from analysis.normalize.timepoints import counted_point, counted_unit
from analysis.problems import ERROR, WARNING
from tests.test_any_workbook import _workbook
from tests.test_load_visit_rows import _reproduced_by_its_mapping

_CODEBOOK = [
    ["Kintamųjų aprašas (SPSS kodų knyga)", None, None, None, None, None],
    [None, None, None, None, None, None],
    ["Kintamasis", "Kintamojo etiketė", "Tipas", "Reikšmė", "Reikšmės etiketė", "Trūkstamos"],
    ["id", "Paciento tyrimo numeris", "Skaitinis", None, None, None],
    ["lytis", "Lytis", "Skaitinis", 1, "vyras", None],
    [None, None, None, 2, "moteris", None],
    ["amzius", "Amžius operacijos metu, metai", "Skaitinis", None, None, None],
    ["op_data", "Pirmos operacijos data", "Data", None, None, None],
    ["lyg1", "Slankstelis 1", "Skaitinis", 111, "Th11", None],
    [None, None, None, 112, "Th12", None],
    [None, None, None, 201, "L1", None],
    [None, None, None, 202, "L2", None],
    ["lyg2", "Slankstelis 2", "Skaitinis", None, "kodai kaip lyg1", None],
    ["cem1", "Cemento kiekis slankstelyje 1, ml", "Skaitinis", 999, "nežinoma", "999"],
    ["vas0", "Skausmas VAS (0–10) prieš operaciją", "Skaitinis", 98, "mirė", "98, 99"],
    [None, None, None, 99, "neatvyko / nėra duomenų", None],
    ["judr0", "Judrumas (0–4) prieš operaciją", "Skaitinis", 0, "vaikšto savarankiškai", "99"],
    [None, None, None, 4, "gulintis", None],
    [None, None, None, 99, "neatvyko", None],
    ["judr1m", "Judrumas (0–4) po 1 mėnesio", "Skaitinis", None, "kodai kaip judr0", "99"],
]


def _spss_export(tmp_path, level_two: object = 202):
    data = [
        ["id", "lytis", "amzius", "op_data", "lyg1", "lyg2", "cem1", "vas0", "judr0", "judr1m"],
        [1, 2, 71, datetime(2021, 6, 21), 111, None, 4.5, 8, 3, 1],
        [2, 1, 80, datetime(2021, 11, 8), 201, level_two, 999, 99, 4, 99],
        [3, 2, 66, datetime(2022, 1, 20), 112, None, 3.5, 7, 99, 2],
    ]
    return _workbook(tmp_path / "spss.xlsx", {"Duomenys": data, "Kodų knyga": _CODEBOOK})


def test_a_codebook_sheet_names_decodes_and_declares_missing(tmp_path):
    """Labels read the columns the short names do not (``lyg1``: ``Slankstelis 1``, a
    level; ``judr0``: mobility before the operation), value labels decode the codes
    (``2`` = moteris, ``201`` = L1, ``lyg2`` by ``kodai kaip lyg1``), and the declared
    missing values (``99``, ``999``) are missing, not errors."""
    result = load_cohort(_spss_export(tmp_path))
    cohort = result.cohort
    assert not [p for p in result.problems if p.severity == ERROR]
    sex = dict(zip(cohort.patients.patient_id.astype(str), cohort.patients.sex, strict=True))
    assert sex == {"1": "female", "2": "male", "3": "female"}
    levels = cohort.procedures.groupby(cohort.procedures.patient_id.astype(str))["level"].apply(
        list
    )
    assert levels.to_dict() == {"1": ["T11"], "2": ["L1", "L2"], "3": ["T12"]}
    volumes = cohort.procedures.set_index("level").cement_volume_ml
    assert volumes["T11"] == 4.5 and volumes["L1"] != volumes["L1"]  # 999: unknown
    a = cohort.assessments
    pain = a[a.measure == "pain_vas"].set_index(a.patient_id.astype(str)[a.measure == "pain_vas"])
    assert pain.timepoint.unique().tolist() == ["pre"] and sorted(pain.index) == ["1", "3"]
    mobility = a[a.measure == "mobility"]
    assert sorted(zip(mobility.timepoint, mobility.value, strict=True)) == [
        ("1m", 1.0), ("1m", 2.0), ("pre", 3.0), ("pre", 4.0)
    ]  # fmt: skip
    assert any(p.rule == "legend" and p.severity == WARNING for p in result.problems)
    _reproduced_by_its_mapping(tmp_path / "spss.xlsx", tmp_path)


def test_a_code_the_codebook_does_not_list_is_named_at_its_cell(tmp_path):
    result = load_cohort(_spss_export(tmp_path, level_two=206))
    errors = [p for p in result.problems if p.severity == ERROR]
    assert [(p.sheet, p.cell) for p in errors] == [("Duomenys", "F3")]
    assert "206" in str(errors[0].value) or "206" in errors[0].message


def test_a_count_of_months_is_a_time_point_the_nearest_for_a_late_control():
    assert counted_unit("Meses post-op") == "months"
    assert counted_unit("Visita") is None and counted_unit("3 meses") is None
    assert [counted_point(n, "months") for n in (0, 1, 3, 6, 12)] == [
        ("pre", True), ("1m", True), ("3m", True), ("6m", True), ("12m", True)
    ]  # fmt: skip
    # a late or early control: the nearest time point counted in months, the earlier on
    # a tie (2 months: the 1-month control); beyond every window, none
    assert [counted_point(n, "months") for n in (2, 4, 7, 14)] == [
        ("1m", False), ("3m", False), ("6m", False), ("12m", False)
    ]  # fmt: skip
    assert counted_point(40, "months") is None


def _follow_ups(tmp_path):
    operations = [
        ["N°", "Sexo", "Edad", "Fecha cirugía", "Niveles", "Técnica"],
        [1, "F", 68, datetime(2021, 10, 20), "T12", "Vertebroplastía"],
        [2, "M", 80, datetime(2022, 2, 7), "L1", "Cifoplastía"],
    ]
    controls = [["N°", "Fecha cirugía", "Fecha control", "Meses post-op", "EVA", "Observaciones"]]
    for pid, op, visits in (
        (1, datetime(2021, 10, 20), ((0, 8), (1, 4), (3, 3), (14, 2))),
        (2, datetime(2022, 2, 7), ((0, 9), (2, 5), (4, 3), (6, 1))),
    ):
        for month, pain in visits:
            seen = datetime(op.year + (op.month + month - 1) // 12, (op.month + month - 1) % 12 + 1, 15)  # fmt: skip
            controls.append([pid, op, seen, month, pain, "control atrasado" if month in (2, 4, 14) else None])  # fmt: skip
    return _workbook(tmp_path / "controles.xlsx", {"Cirugías": operations, "Seguimiento": controls})


def test_months_after_the_operation_name_each_visit_and_late_ones_said_once(tmp_path):
    """``Meses post-op`` is the visit column, not an age: 0 the baseline, 1/3/6 their
    controls, a late or early one (2, 4, 14) at the nearest, said once for the column;
    the ages come from the operations' sheet, and the operation's date is not taken
    for the visits' (their own column gives them)."""
    path = _follow_ups(tmp_path)
    result = load_cohort(path)
    cohort = result.cohort
    assert not [p for p in result.problems if p.severity == ERROR]
    ages = dict(zip(cohort.patients.patient_id.astype(str), cohort.patients.age_years, strict=True))
    assert ages == {"1": 68, "2": 80}
    a = cohort.assessments
    read = sorted(zip(a.patient_id.astype(str), a.timepoint, a.value, strict=True))
    assert read == [
        ("1", "12m", 2.0), ("1", "1m", 4.0), ("1", "3m", 3.0), ("1", "pre", 8.0),
        ("2", "1m", 5.0), ("2", "3m", 3.0), ("2", "6m", 1.0), ("2", "pre", 9.0),
    ]  # fmt: skip
    nearest = [p for p in result.problems if p.rule == "timepoint_nearest"]
    assert len(nearest) == 1 and "3 visit(s)" in nearest[0].message
    assert "14 as 12m" in nearest[0].message and "2 as 1m" in nearest[0].message
    _reproduced_by_its_mapping(path, tmp_path)
