"""A REDCap export without its data dictionary beside a coordinator's codebook naming
the boxes of a checkbox field (``leak___1=disc, leak___2=venous``) and level codes: the
boxes read as the choices the codebook names, as a data dictionary's would, and the
export read by REDCap's rules (its events, its repeat instances)."""

from __future__ import annotations

from pathlib import Path

from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping
from analysis.load.codebook import read_codebook

CODEBOOK = """variable,what it is,codes / notes
record_id,study ID,
sex,sex,"1=Female, 2=Male"
"level_1, level_2",treated level,see LEVEL CODES below
leak,cement leak?,"1=Yes, 0=No"
leak_level,level that leaked,LEVEL CODES
leak___1 ... leak___3,where it leaked,"leak___1=disc, leak___2=epidural, leak___3=venous; 1=checked 0=unchecked"
,,
LEVEL CODES,,"12=T12, 13=L1, 14=L2, 15=L3"
"""
HEADER = (
    "record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,age,sex,"
    "demographics_complete,proc_date,level_1,level_2,leak,leak_level,leak___1,leak___2,"
    "leak___3,procedure_complete"
)
ROWS = [
    "1,baseline_arm_1,,,80,1,2,,,,,,,,,",
    "1,procedure_arm_1,procedure,1,,,,2021-03-01,13,14,1,14,0,0,1,2",
    "2,baseline_arm_1,,,75,2,2,,,,,,,,,",
    "2,procedure_arm_1,procedure,1,,,,2021-04-02,12,,0,,0,0,0,2",
    "3,baseline_arm_1,,,70,1,2,,,,,,,,,",
    "3,procedure_arm_1,procedure,1,,,,2021-05-03,15,,1,,1,1,0,2",
]
EXPECTED = {
    ("1", "L1"): "none",
    ("1", "L2"): "venous",
    ("2", "T12"): "none",
    ("3", "L3"): "disc;epidural",
}


def _unit(tmp_path: Path) -> Path:
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "codebook.csv").write_text(CODEBOOK, "utf-8")
    (folder / "Registry_DATA_2023-01-01.csv").write_text("\n".join([HEADER, *ROWS]) + "\n", "utf-8")  # fmt: skip
    return folder


def test_a_codebook_names_each_checkbox_box(tmp_path):
    codes = read_codebook(_unit(tmp_path) / "codebook.csv")
    assert codes["leak___1"] == {"1": "disc"}
    assert codes["leak___3"] == {"1": "venous"}
    assert codes["leak_level"]["14"] == "L2"
    assert "leak" in codes and codes["leak"] == {"1": "Yes", "0": "No"}


def test_the_boxes_read_as_the_sites_at_the_leak_level(tmp_path):
    folder = _unit(tmp_path)
    loaded = load_cohort(folder)
    assert loaded.errors == []
    leaks = {
        (str(r["patient_id"]), r["level"]): str(r["leakage"])
        for r in loaded.cohort.procedures.to_dict("records")
    }
    assert leaks == EXPECTED
    inspection = inspect_input(folder)
    assert "checkbox box(es) named by the codebook (leak___1 = disc" in inspection.sheets[0].note
    written = tmp_path / "mapping.yaml"
    written.write_text(inspection.mapping_yaml(), "utf-8")
    mapped = load_cohort(folder, options_from_mapping(read_mapping(written)))
    assert mapped.cohort.procedures.equals(loaded.cohort.procedures)
