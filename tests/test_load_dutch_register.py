"""A Dutch register of one row per patient, the pain scores under a group header naming
the session they follow ("VAS na 1e ingreep" over "voor", "1e dag", "6 wkn", "3 mnd"),
visits not seen marked "ng", a fall down the stairs as the cause."""

from __future__ import annotations

from datetime import date

import pytest
import yaml

from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping
from analysis.normalize.timepoints import timepoint_of
from tests.test_any_workbook import _workbook

VISITS = {"voor": "pre", "1e dag": "24h", "6 wkn": "6w", "3 mnd": "3m"}


def _register(tmp_path):
    groups = ["Patiënt", None, None, "1e ingreep", None, None, "VAS na 1e ingreep", None, None, None]  # fmt: skip
    head = ["Studienr", "Leeftijd", "Oorzaak", "Datum", "Niveau(s)", "Techniek", *VISITS]
    rows = [groups, head]
    scores = {}
    for i in range(6):
        pid = f"NL-{i + 1:02d}"
        vas = [8 - (i % 3), 6, "ng" if i == 2 else 4, 3 - (i % 2)]
        scores[pid] = dict(zip(VISITS.values(), vas, strict=True))
        cause = "val van trap" if i % 2 else "osteoporose"
        rows.append([pid, 60 + i, cause, date(2021, 3, i + 1), "L1", "PVP", *vas])
    merges = [("Register", "A1:C1"), ("Register", "D1:F1"), ("Register", "G1:J1")]
    return _workbook(tmp_path / "register.xlsx", {"Register": rows}, merges), scores


def test_scores_under_a_group_header_naming_the_first_session(tmp_path):
    path, scores = _register(tmp_path)
    loaded = load_cohort(path)
    assert loaded.errors == []
    a = loaded.cohort.assessments
    got = {(str(r["patient_id"]), r["timepoint"]): r["value"] for r in a.to_dict("records")}
    want = {(p, tp): float(v) for p, s in scores.items() for tp, v in s.items() if v != "ng"}
    assert got == want
    causes = loaded.cohort.patients.set_index("patient_id")["etiology"].astype(str)
    assert causes["NL-02"] == "traumatic" and causes["NL-01"] == "osteoporotic"
    inspection = inspect_input(path)
    labels = {c.header: c.label for c in inspection.columns}
    assert labels["VAS na 1e ingreep 6 wkn"] == "pain_vas@6w"
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(yaml.safe_dump(inspection.mapping(), allow_unicode=True), "utf-8")
    mapped = load_cohort(path, options_from_mapping(read_mapping(mapping))).cohort
    assert mapped.assessments.equals(loaded.cohort.assessments)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("na 1e ingreep 6 wkn", "6w"),
        ("na 1e ingreep voor", "pre"),
        ("after 1st procedure 3 months", "3m"),
        ("1e dag", "24h"),
        ("na 1e ingreep", None),
        ("na 2e ingreep 6 wkn", None),
    ],
)
def test_a_visit_named_after_the_first_session(text, want):
    assert timepoint_of(text) == want


def test_a_sex_column_headed_by_its_codes_beside_identifiers_is_not_dropped_silently(tmp_path):
    """``M/V`` right of a phone column and ``ZIS-nr`` right of a name are headers (the
    sex codes, the hospital number), not values beside labels: each is named, the sex
    codes read as Dutch (man, vrouw) by the words of the sheet's other headers (M and V
    mean opposite things by language; the column's own header does not say which)."""
    head = ["Studienr", "Naam", "ZIS-nr", "Tel.", "M/V", "Leeftijd", "Datum", "Niveau(s)", "Techniek"]  # fmt: skip
    rows = [head]
    for i in range(6):
        number = str(4503562 + 7919 * i)
        rows.append([f"NL-{i + 1:02d}", f"Jansen {i}", number, "06-14711406", "MV"[i % 2], 60 + i, date(2021, 3, i + 1), "L1", "PVP"])  # fmt: skip
    path = _workbook(tmp_path / "register.xlsx", {"Register": rows})
    readings = {c.letter: c for c in inspect_input(path).columns}
    assert readings["C"].header == "ZIS-nr" and readings["C"].label == "identifier:mrn"
    assert readings["E"].header == "M/V" and readings["E"].label == "patients.sex"
    assert "codes read as Dutch (man, vrouw) by the words of the sheet's other headers" in readings["E"].reason  # fmt: skip
    loaded = load_cohort(path)
    assert not [p for p in loaded.problems if "column E 'M/V'" in p.message]
    sexes = loaded.cohort.patients.set_index("patient_id")["sex"]
    assert sexes["NL-01"] == "male" and sexes["NL-02"] == "female"
    assert not any("4503562" in p.message for p in loaded.problems)
