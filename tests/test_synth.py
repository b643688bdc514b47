import numpy as np
import pytest

from analysis.levels import distance
from analysis.synth import synthesize


@pytest.fixture(scope="module")
def large():
    return synthesize(6000, seed=20261121)


def test_same_seed_same_cohort():
    a, b = synthesize(40, seed=7), synthesize(40, seed=7)
    assert a.patients.equals(b.patients) and a.procedures.equals(b.procedures)
    assert not synthesize(40, seed=8).patients.equals(a.patients)


def test_calibrated_to_the_published_figures(large):
    pts, procs, fx = large.patients, large.procedures, large.fractures
    assert (pts["sex"] == "female").mean() == pytest.approx(0.72, abs=0.02)
    assert (pts["etiology"] == "osteoporotic").mean() == pytest.approx(0.90, abs=0.015)
    assert pts["age_years"].mean() == pytest.approx(72, abs=0.7)
    assert pts["age_years"].min() >= 22 and pts["age_years"].max() <= 95
    initial = procs.loc[~procs["is_repeat"], "cement_volume_ml"].mean()
    repeat = procs.loc[procs["is_repeat"], "cement_volume_ml"].mean()
    assert initial == pytest.approx(4.2, abs=0.1) and repeat == pytest.approx(6.8, abs=0.3)
    a = large.assessments
    pre = a[(a["measure"] == "pain_vas") & (a["timepoint"] == "pre")]["value"].mean()
    post = a[(a["measure"] == "pain_vas") & (a["timepoint"] == "1m")]["value"].mean()
    assert pre == pytest.approx(8, abs=0.3) and post == pytest.approx(3, abs=0.5)
    index = (
        procs[procs["day"] == 0]
        .groupby("patient_id", observed=True)["level"]
        .apply(lambda s: list(s.astype(str)))
    )
    d = np.array(
        [min(distance(str(r.level), t) for t in index[r.patient_id]) for r in fx.itertuples()]
    )
    adjacent = d == 1
    assert adjacent.mean() == pytest.approx(0.60, abs=0.06)
    assert fx["day"][adjacent].mean() == pytest.approx(72, rel=0.15)
    assert fx["day"][~adjacent].mean() == pytest.approx(287, rel=0.15)
    # crude one-year fracture-free share among patients followed a year or fractured before
    followed = (pts["followup_days"] >= 365) | pts["patient_id"].isin(
        fx.loc[fx["day"] <= 365, "patient_id"]
    )
    fractured = pts["patient_id"].isin(fx.loc[fx["day"] <= 365, "patient_id"])
    assert 1 - fractured[followed].mean() == pytest.approx(0.922, abs=0.015)
    assert procs.loc[procs["is_repeat"], "patient_id"].nunique() / len(pts) == pytest.approx(
        0.03, abs=0.01
    )


PLANTED = {("level", "K11"), ("volume", "N18"), ("range", "S26"), ("duplicate_row", "37"), ("category", "E44")}  # fmt: skip


def _errors(path):
    from analysis.load import load_cohort

    return {(p.rule, p.cell or str(p.row)) for p in load_cohort(path).errors}


def test_wide_workbooks_carry_the_planted_mistakes_unless_clean(tmp_path):
    from analysis.cli import main

    wide = ["synth", "--patients", "300", "--seed", "1", "--format", "wide-xlsx", "--out"]
    assert main([*wide, str(tmp_path / "planted.xlsx")]) == 0
    assert main([*wide, str(tmp_path / "clean.xlsx"), "--clean"]) == 0
    assert _errors(tmp_path / "planted.xlsx") == PLANTED
    assert _errors(tmp_path / "clean.xlsx") == set()


def test_mistakes_are_planted_from_forty_patients(tmp_path):
    from analysis.synth import write_wide_workbook
    from analysis.synth.writers import MISTAKES_FROM_PATIENTS

    assert MISTAKES_FROM_PATIENTS == 40
    small = write_wide_workbook(synthesize(39, seed=4), tmp_path / "small.xlsx")
    enough = write_wide_workbook(synthesize(40, seed=4), tmp_path / "enough.xlsx")
    assert _errors(small) == set()
    assert _errors(enough) == PLANTED


def test_synthesize_refuses_an_empty_cohort():
    with pytest.raises(ValueError, match="n_patients must be at least 1"):
        synthesize(0)
