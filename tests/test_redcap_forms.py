"""A REDCap project whose date fields are labelled in words no vocabulary holds: each
date is its form's, a visit's on a repeating visit instrument, the procedure's on the
instrument of the treated vertebrae, none on the enrolment form."""

from __future__ import annotations

from analysis.load import load_cohort

DICT_HEADER = (
    '"Variable / Field Name","Form Name","Section Header","Field Type","Field Label",'
    '"Choices, Calculations, OR Slider Labels","Identifier?"\n'
)
FIELDS = (
    "record_id,base,,text,Xaqo,,\n"
    "enrol_date,base,,text,Quvizz zyrrob,,\n"
    "v_date,vert,,text,Wepsk,,\n"
    "v_level,vert,,text,Yoxle,,\n"
    'k_when,visit,,dropdown,Vuqqa,"0, pre | 1, 1 month | 2, 3 months",\n'
    "k_date,visit,,text,Jorvik,,\n"
    "k_vas,visit,,text,VAS (0-10),,\n"
)
COLUMNS = "record_id,redcap_repeat_instrument,redcap_repeat_instance,enrol_date,base_complete,v_date,v_level,vert_complete,k_when,k_date,k_vas,visit_complete\n"  # fmt: skip


def _rows(pid: int, start: str, levels: list[str], scores: list[int]) -> list[str]:
    rows = [f"{pid},,,2021-01-0{pid},2,,,,,,,"]
    rows += [f"{pid},vert,{k},,,{start},{lv},2,,,," for k, lv in enumerate(levels, 1)]
    days = ["2021-03-01", "2021-04-01", "2021-06-01"]
    rows += [f"{pid},visit,{k + 1},,,,,,{k},{days[k]},{s},2" for k, s in enumerate(scores)]
    return rows


def test_each_date_field_is_the_date_of_what_its_form_records(tmp_path):
    rows = _rows(1, "2021-03-02", ["L1", "L2"], [8, 4, 2]) + _rows(2, "2021-03-02", ["T12"], [7, 3, 3])  # fmt: skip
    rows += _rows(3, "2021-03-02", ["L3"], [9, 5, 1])
    (tmp_path / "proj_DataDictionary.csv").write_text(DICT_HEADER + FIELDS)
    (tmp_path / "proj_records.csv").write_text(COLUMNS + "".join(r + "\n" for r in rows))
    loaded = load_cohort(tmp_path)
    assert loaded.errors == []
    procs = loaded.cohort.procedures
    assert sorted(zip(procs["patient_id"], procs["level"].astype(str), strict=True)) == [
        ("1", "L1"),
        ("1", "L2"),
        ("2", "T12"),
        ("3", "L3"),
    ]
    assert set(procs["day"]) == {0}
    pain = loaded.cohort.assessments
    got = {(r["patient_id"], str(r["timepoint"])): float(r["value"]) for r in pain.to_dict("records")}  # fmt: skip
    # the visits' dates are read (days from the procedure), not taken as a procedure's
    assert sorted(set(pain["day"])) == [-1, 30, 91]
    assert got == {
        ("1", "pre"): 8, ("1", "1m"): 4, ("1", "3m"): 2,
        ("2", "pre"): 7, ("2", "1m"): 3, ("2", "3m"): 3,
        ("3", "pre"): 9, ("3", "1m"): 5, ("3", "3m"): 1,
    }  # fmt: skip
