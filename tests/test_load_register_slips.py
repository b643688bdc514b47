"""A register of one row per operation, as an Iraqi unit keeps it in Arabic and a
Japanese one its visit sheets: a date column proving day-first many times over holds one
date month-first (a slip, named on its cell, the rest read); ``=`` says "same as above"
on a second operation's row; the Oswestry index named by its transliteration; a footnote
led by ``※`` is no patient; a remark naming a new fracture in Japanese (``新規骨折 L1``)
names it, dated by the date it gives."""

from __future__ import annotations

from datetime import date

from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping
from analysis.normalize.cells import CellError
from analysis.normalize.dates import parse_date_column
from tests.test_any_workbook import _workbook

HEAD = ["رمز المريض", "الجنس", "العمر", "التشخيص", "تاريخ العملية", "الفقرات", "نوع العملية",
        "الألم قبل العملية", "مؤشر أوزويستري قبل العملية %", "مؤشر أوزويستري بعد ٣ أشهر %"]  # fmt: skip


def _register() -> list[list[object]]:
    return [
        HEAD,
        ["NJ-1", "ذكر", "٨٠", "كسر هشاشة العظام", "٢٣/٠٧/٢٠٢٢", "L3", "رأب الفقرة", "٨", 64, 28],
        ["NJ-2", "أنثى", "٦٠", "ورم نقوي متعدد", "١٣/٠٥/٢٠٢١", "T12", "رأب الفقرة", "٧", 58, 30],
        ["NJ-2", "=", None, "=", "٠٦/١٠/٢٠٢١", "T11", "رأب الحدبة بالبالون", "٧٫٥", 58, 30],
        ["NJ-3", "أنثى", "٧٠", "كسر رضي", "٢٦/٠٥/٢٠٢٢", "L1", "رأب الفقرة", "٩", 76, 54],
        ["NJ-4", "ذكر", "٥٦", "كسر رضي", "١٩/٠٩/٢٠٢٢", "L2", "رأب الفقرة", "٦", 66, 34],
        ["NJ-5", "أنثى", "٦٨", "كسر رضي", "٠٣/٢٥/٢٠٢٣", "L4", "رأب الفقرة", "٧", 82, 56],
    ]


def test_a_month_first_slip_in_a_day_first_column_is_named_and_the_rest_read():
    days = ["23/07/2022", "26/05/2022", "19/09/2022", "28/04/2022"]
    got = parse_date_column([*days, "03/05/2021", "03/25/2023"])
    assert got[:5] == [date(2022, 7, 23), date(2022, 5, 26), date(2022, 9, 19), date(2022, 4, 28), date(2021, 5, 3)]  # fmt: skip
    assert isinstance(got[5], CellError) and "month and day look swapped" in got[5].message
    # three to one, or two to two: too few to tell, the column stays undecided
    for few in (days[:3], [*days[:2], "03/26/2023"]):
        undecided = parse_date_column([*few, "03/05/2021", "03/25/2023"])
        assert all(isinstance(g, CellError) and "mixes day-first" in g.message for g in undecided)


def test_an_arabic_register_of_one_row_per_operation(tmp_path):
    path = _workbook(tmp_path / "r.xlsx", {"سجل المرضى": _register()})
    loaded = load_cohort(path)
    wrong = [(p.row, p.column) for p in loaded.errors]
    assert wrong == [(7, "تاريخ العملية")]  # the one month-first date, on its cell
    patients = loaded.cohort.patients.set_index("patient_id")
    assert sorted(patients.index) == ["NJ-1", "NJ-2", "NJ-3", "NJ-4"]
    # "=" on the second operation's row: the patient's sex and cause as above
    assert (patients.loc["NJ-2", "sex"], patients.loc["NJ-2", "etiology"]) == ("female", "pathologic")  # fmt: skip
    procs = loaded.cohort.procedures.query("patient_id == 'NJ-2'")
    assert sorted(procs["day"]) == [0, 146]
    odi = loaded.cohort.assessments.query("measure == 'odi' and patient_id == 'NJ-1'")
    assert sorted(zip(odi["timepoint"], odi["value"], strict=True)) == [("3m", 28), ("pre", 64)]
    written = tmp_path / "mapping.yaml"
    written.write_text(inspect_input(path).mapping_yaml(), "utf-8")
    mapped = load_cohort(path, options_from_mapping(read_mapping(written)))
    assert mapped.cohort.procedures.equals(loaded.cohort.procedures)
    assert mapped.cohort.assessments.equals(loaded.cohort.assessments)


def _visits(remark: object = None, footnote: object = None) -> dict[str, list[list[object]]]:
    return {
        "手術": [
            ["研究ID", "性別", "年齢", "手術日", "椎体", "術式"],
            ["K1", "女", 80, "R3.4.14", "T11", "BKP"],
            ["K2", "男", 70, "R3.5.10", "L2", "VP"],
        ],
        "6ヶ月": [
            ["研究ID", "評価日", "VAS(cm)", "備考"],
            ["K1", "R3.10.14", 1.8, remark],
            ["K2", "R3.11.10", 2.4, None],
            [],
            [footnote],
        ],
    }


def test_a_footnote_led_by_a_reference_mark_is_no_patient(tmp_path):
    loaded = load_cohort(_workbook(tmp_path / "v.xlsx", _visits(footnote="※VASはcm (0-10)")))
    assert loaded.errors == []
    assert sorted(loaded.cohort.patients["patient_id"]) == ["K1", "K2"]
    said = [p.row for p in loaded.problems if p.rule == "no_data"]
    assert len(said) <= 1  # at most said to hold no value the cohort can use


def test_a_japanese_remark_names_a_new_fracture_dated_by_its_own_date(tmp_path):
    path = _workbook(tmp_path / "v.xlsx", _visits(remark="新規骨折 L1（R3.8.14 MRI）"))
    loaded = load_cohort(path)
    assert loaded.errors == []
    fractures = loaded.cohort.fractures
    # found on the MRI of 14 August, 122 days after the operation (not at the visit)
    assert list(zip(fractures["patient_id"], fractures["level"], fractures["day"], strict=True)) == [("K1", "L1", 122)]  # fmt: skip
    written = tmp_path / "mapping.yaml"
    written.write_text(inspect_input(path).mapping_yaml(), "utf-8")
    mapped = load_cohort(path, options_from_mapping(read_mapping(written))).cohort
    assert mapped.fractures.equals(fractures)
