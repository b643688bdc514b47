"""Workbooks kept the way different sites keep them (tests/gallery/sites.py): each is read
without a mapping, loses no patient, and gives the numbers the site wrote."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest
import yaml

from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping
from tests.gallery.score import score
from tests.gallery.sites import SITES, Written, build

# Columns the loader does not read without a mapping (documented in the closing table of
# `python -m tests.gallery.score`): a yes/no flag standing for the technique or for any
# leakage, "M/F" as a header, "after 4 weeks", and CJK headers glued to "VAS".
KNOWN_UNREAD = {
    ("night_shift", "Log", 2),
    ("night_shift", "Log", 6),
    ("night_shift", "Log", 9),
    ("night_shift", "Log", 10),
    ("beijing", "病例", 9),
    ("beijing", "病例", 10),
}


@pytest.fixture(scope="module")
def gallery(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Written]]:
    return build(tmp_path_factory.mktemp("gallery"))


def test_at_least_twelve_sites_and_nine_in_ten_columns_read(gallery, capsys) -> None:
    assert len(gallery) >= 12
    scores = [score(name, path, truth) for name, (path, truth) in gallery.items()]
    total = sum(s.columns for s in scores)
    right = sum(s.right for s in scores)
    with capsys.disabled():
        print()
        for s in scores:
            print(
                f"  {s.site:13s} {s.right:2d}/{s.columns:2d} columns, patients {s.patients[0]}/{s.patients[1]}"
            )
        print(f"  overall {right}/{total} = {right / total:.1%}")
    assert right / total >= 0.90
    for s in scores:
        assert s.patients[0] == s.patients[1], s.site  # no site loses its cohort


@pytest.mark.parametrize("site", [s.name for s in SITES])
def test_each_site_reads_as_written(gallery, site) -> None:
    path, truth = gallery[site]
    readings = {(c.sheet, c.index): c.label for c in inspect_input(path).columns}
    for (sheet, index), label in truth.labels.items():
        if (site, sheet, index) in KNOWN_UNREAD:
            continue
        expected = None if label == "ignore" else label
        assert readings[(sheet, index)] == expected, (site, sheet, index)
    result = load_cohort(path)
    cohort = result.cohort
    assert result.rows_in == result.rows_loaded + result.rows_reported
    assert result.rows_reported == 0, [str(p) for p in result.errors]
    assert {p.casefold() for p in cohort.patients["patient_id"]} == {
        p.casefold() for p in truth.patients
    }
    days = cohort.procedures.assign(pid=cohort.procedures["patient_id"].str.casefold())
    got = Counter(zip(days["pid"], days["day"].astype(int), days["level"].astype(str), strict=True))
    want = Counter((p.casefold(), d, lv) for p, d, lv, _ in truth.vertebrae)
    assert got == want
    if truth.per_vertebra_volumes and any(v is not None for *_, v in truth.vertebrae):
        loaded = cohort.procedures["cement_volume_ml"].astype(float)
        assert float(loaded.mean()) == pytest.approx(truth.mean_volume(), rel=1e-9)
    if site != "beijing":  # its pain columns are among the known unread
        pain = cohort.assessments[cohort.assessments["measure"] == "pain_vas"]
        pre = pain[pain["timepoint"] == "pre"]["value"].astype(float)
        assert float(pre.mean()) == pytest.approx(truth.mean_pain(0), rel=1e-9)
    if truth.fractures:
        assert len(cohort.fractures) == len(truth.fractures)
    if truth.session_volumes:  # one total per session, never doubled over its vertebrae
        sessions = days.drop_duplicates("procedure_id")
        got_totals = {
            (p, int(d)): round(float(v), 6)
            for p, d, v in zip(
                sessions["pid"], sessions["day"], sessions["session_cement_volume_ml"], strict=True
            )
        }
        want_totals = {(p.casefold(), d): v for (p, d), v in truth.session_volumes.items()}
        assert got_totals == pytest.approx(want_totals)
    if site not in ("beijing", "night_shift"):  # their 1-month columns are known unread
        pairs = [(b, a) for *_, b, a in truth.pain if b is not None and a is not None]
        wide = pain.pivot_table(
            index="procedure_id", columns="timepoint", values="value", observed=True
        )
        change = (wide["1m"] - wide["pre"]).dropna()
        assert float(change.mean()) == pytest.approx(
            float(np.mean([a - b for b, a in pairs])), rel=1e-9
        )


def test_a_mapping_written_by_inspect_loads_every_row_and_fixes_what_was_not_read(
    gallery, tmp_path
) -> None:
    for site, (path, _truth) in gallery.items():
        mapping = tmp_path / f"{site}.yaml"
        mapping.write_text(inspect_input(path).mapping_yaml(), "utf-8")
        again = load_cohort(path, options_from_mapping(read_mapping(mapping)))
        assert again.rows_loaded == again.rows_in, site
    path, truth = gallery["night_shift"]
    layout = inspect_input(path).mapping()
    for table in layout["tables"]:
        for col in table.get("columns", {}).values():
            if col["header"] == "M/F":
                col["read_as"] = "patients.sex"
            if col["header"] == "Pain score after 4 weeks":
                col["read_as"] = {"measure": "pain_vas", "timepoint": "1m"}
    mapping = tmp_path / "fixed.yaml"
    mapping.write_text(yaml.safe_dump(layout, allow_unicode=True), "utf-8")
    fixed = load_cohort(path, options_from_mapping(read_mapping(mapping))).cohort
    assert fixed.patients["sex"].notna().all()
    one_month = fixed.assessments[(fixed.assessments["timepoint"] == "1m")]["value"].astype(float)
    written = [p[3] for p in truth.pain if p[3] is not None]
    assert float(one_month.mean()) == pytest.approx(float(np.mean(written)), rel=1e-9)
