"""Table 1 counts, levels and tests against their value-by-value definitions, on data
with missing values, ties and groups that record different values."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.formatting import PLAIN, count_percent, p_value, smd
from analysis.schema import Cohort
from analysis.stats import (
    compare_two_groups,
    rank_sum,
    rank_sum_test,
    smd_binary,
    vertebra_frame,
    welch_t_test,
)
from analysis.synth import synthesize
from analysis.tables import table_one
from analysis.tables.table_one import Variable, _as_levels


def reference_levels(series: pd.Series) -> pd.Series:
    """Level keys value by value: booleans and 0/1 as yes/no, anything else as text."""
    s = series.astype("object")
    if series.dtype in ("boolean", "bool") or set(pd.unique(series.dropna())) <= {0, 1}:
        s = series.map(lambda v: v if pd.isna(v) else ("yes" if bool(v) else "no"))
    return s.astype("string")


SERIES = {
    "boolean with missing": pd.Series([True, pd.NA, False, True], dtype="boolean"),
    "bool": pd.Series([False, False, True]),
    "0/1 with NaN": pd.Series([1.0, np.nan, 0.0, 1.0, 0.0]),
    "counts": pd.Series([0, 1, 2, pd.NA, 1], dtype="Int64"),
    "factor": pd.Series(pd.Categorical(["b", None, "a", "b"], categories=["a", "b", "c"])),
    "text": pd.Series(["x", None, "y", "x"], dtype="string"),
    "all missing": pd.Series([np.nan, np.nan]),
    "empty": pd.Series([], dtype=float),
}


@pytest.mark.parametrize("name", list(SERIES))
def test_level_keys_are_the_value_by_value_ones(name: str) -> None:
    series = SERIES[name].set_axis(np.arange(len(SERIES[name]))[::-1] + 10)
    pd.testing.assert_series_equal(_as_levels(series), reference_levels(series))


@pytest.fixture(scope="module")
def cohort() -> Cohort:
    """Missing values everywhere, and a count that only one group has above 1."""
    base = synthesize(150, seed=20261121)
    pts = base.patients.copy()
    rng = np.random.default_rng(20261121)
    pts.loc[rng.random(len(pts)) < 0.15, "age_years"] = np.nan
    pts.loc[rng.random(len(pts)) < 0.1, "steroid_use"] = pd.NA
    osteo = (pts["etiology"] == "osteoporotic").to_numpy()
    counts = rng.integers(0, 2, len(pts)).astype(float)
    counts[~osteo] = rng.integers(0, 4, int((~osteo).sum()))
    counts[rng.random(len(pts)) < 0.1] = np.nan
    pts["prior_fracture_count"] = pd.array(counts, dtype="Int64")
    return Cohort.from_frames(pts, base.procedures, base.assessments, base.fractures)


def _rows_after(table, head: str, n: int) -> list[tuple[str, ...]]:
    labels = [r.cells[0] for r in table.rows]
    start = labels.index(head) + 1
    return [r.cells for r in table.rows[start : start + n]]


def test_every_column_counts_the_whole_columns_levels(cohort: Cohort) -> None:
    """A count recorded as 0 to 3 is read as counts in every column, also in a group
    whose rows record only 0 and 1 (not as no/yes there, which would print 0 under the
    levels 0 and 1); its levels read 0, 1, 2, 3, not No, Yes, 2, 3."""
    variables = (Variable("prior_fracture_count"), Variable("steroid_use"))
    t = table_one(cohort, by="etiology", patient_variables=variables, vertebra_variables=())
    pts = cohort.patients
    whole = reference_levels(pts["prior_fracture_count"])
    levels = sorted(set(whole.dropna()))
    assert levels == ["0", "1", "2", "3"]
    groups = [np.ones(len(pts), bool)] + [(pts["etiology"] == g).to_numpy() for g in ("osteoporotic", "pathologic")]  # fmt: skip
    assert set(pts.loc[groups[1], "prior_fracture_count"].dropna()) == {0, 1}
    rows = _rows_after(t, "Prior vertebral fractures, n (%)", len(levels))
    assert [r[0] for r in rows] == ["0", "1", "2", "3"]
    for lv, row in zip(levels, rows, strict=True):
        expected = [
            count_percent(int((whole[g] == lv).sum()), int(whole[g].notna().sum()), PLAIN)
            for g in groups
        ]
        assert list(row[1:4]) == expected
    assert rows[0][2] != count_percent(0, int(whole[groups[1]].notna().sum()), PLAIN)
    steroid = next(r.cells for r in t.rows if r.cells[0].startswith("Chronic steroid"))
    for cell, g in zip(steroid[1:4], groups, strict=True):
        vals = reference_levels(pts.loc[g, "steroid_use"])
        assert cell == count_percent(int((vals == "yes").sum()), int(vals.notna().sum()), PLAIN)


@pytest.mark.parametrize("kind", ["mean_sd", "median_iqr"])
def test_p_values_are_those_of_the_full_comparison(cohort: Cohort, kind: str) -> None:
    t = table_one(
        cohort,
        by="etiology",
        patient_variables=(Variable("age_years", kind),),  # type: ignore[arg-type]
        vertebra_variables=(Variable("cement_volume_ml", kind),),  # type: ignore[arg-type]
    )
    frames = {"Age": ("age_years", cohort.patients)}
    marks: dict[str, str] = {}
    for label, (name, frame) in frames.items():
        groups = [frame.loc[(frame["etiology"] == g).to_numpy(), name] for g in ("osteoporotic", "pathologic")]  # fmt: skip
        x, y = (g.dropna().to_numpy(dtype=float) for g in groups)
        full = compare_two_groups(x, y).tests["mann_whitney" if kind == "median_iqr" else "welch"]
        mark = marks.setdefault(full.method.split(",")[0], "ᵃᵇ"[len(marks)])
        row = next(r.cells for r in t.rows if r.cells[0].startswith(label))
        assert row[4] == p_value(full.p_value, PLAIN) + mark
    # the volume differs between the vertebrae of a patient: no test of vertebrae
    volume = next(r.cells for r in t.rows if r.cells[0].startswith("Cement volume"))
    assert volume[4] == PLAIN.missing
    assert any(n.startswith("No P value for Cement volume per vertebra, mL:") for n in t.footnotes)


def _cement_by_patient() -> Cohort:
    """The same cement for every vertebra of a patient: Cortoss for the pathologic
    patients with three index vertebrae and six osteoporotic ones with one, so the
    vertebrae (clustered) differ by etiology and the patients do not."""
    base = synthesize(150, seed=20261121)
    per = vertebra_frame(base, "index").groupby("patient_id").size()
    etiology = base.patients.set_index("patient_id")["etiology"].reindex(per.index)
    cortoss = [*per[(etiology == "pathologic") & (per == 3)].index, *per[(etiology == "osteoporotic") & (per == 1)].index[:6]]  # fmt: skip
    procs = base.procedures.assign(cement_type=np.where(base.procedures["patient_id"].isin(cortoss), "Cortoss", "PMMA"))  # fmt: skip
    return Cohort.from_frames(base.patients, procs, base.assessments, base.fractures)


def test_a_characteristic_of_the_patient_is_tested_on_patients() -> None:
    from scipy.stats import fisher_exact

    cohort = _cement_by_patient()
    verts = vertebra_frame(cohort, "index")
    by_vertebra = fisher_exact(pd.crosstab(verts["etiology"], verts["cement_type"])).pvalue
    pts = verts.drop_duplicates("patient_id")
    by_patient = fisher_exact(pd.crosstab(pts["etiology"], pts["cement_type"])).pvalue
    assert by_vertebra < 0.001 and by_patient > 0.2  # what the table must not confuse
    t = table_one(cohort, by="etiology", patient_variables=(), vertebra_variables=(Variable("cement_type"),))  # fmt: skip
    row = next(r.cells for r in t.rows if r.cells[0].startswith("Cement"))
    assert row[4] == p_value(by_patient, PLAIN) + "ᵃ"
    assert t.footnotes[0] == "ᵃ Fisher's exact test, of patients (one row per patient)."
    assert f"counted, compared (SMD) and tested on the {len(pts)} patients, one row per patient" in t.footnotes[1]  # fmt: skip
    assert row[0] == "Cement (patients), n (%)"
    assert next(n for n in t.footnotes if n.startswith("Vertebra rows count")).endswith(" Rows marked (patients) count the patients instead.")  # fmt: skip
    # counts and SMD are of the patients the test uses, so n (%), SMD and p reconcile
    pmma = next(r.cells for r in t.rows if r.cells[0] == "PMMA")
    path = pts[pts["etiology"] == "pathologic"]
    osteo = pts[pts["etiology"] == "osteoporotic"]
    assert pmma[1] == count_percent(int((pts["cement_type"] == "PMMA").sum()), len(pts), PLAIN)
    assert pmma[3] == count_percent(int((path["cement_type"] == "PMMA").sum()), len(path), PLAIN)
    p1, p2 = ((g["cement_type"] == "Cortoss").mean() for g in (osteo, path))
    assert row[5] == smd(abs(smd_binary(p1, p2)), PLAIN)
    by_vertebra_pmma = int(((verts["etiology"] == "pathologic") & (verts["cement_type"] == "PMMA")).sum())  # fmt: skip
    assert pmma[3] != count_percent(by_vertebra_pmma, int((verts["etiology"] == "pathologic").sum()), PLAIN)  # fmt: skip
    assert not any("independent" in n for n in t.footnotes)


def test_smd_is_absolute_with_the_average_of_the_variances() -> None:
    cohort = _cement_by_patient()
    pts = cohort.patients
    t = table_one(cohort, by="etiology", patient_variables=(Variable("bmd_t_score", "mean_sd"),), vertebra_variables=())  # fmt: skip
    x, y = (pts.loc[(pts["etiology"] == g).to_numpy(), "bmd_t_score"].dropna().to_numpy(float) for g in ("osteoporotic", "pathologic"))  # fmt: skip
    raw = (x.mean() - y.mean()) / np.sqrt((x.var(ddof=1) + y.var(ddof=1)) / 2)
    assert raw < -0.5  # the first group's mean the lower: printed without its sign
    row = next(r.cells for r in t.rows if r.cells[0].startswith("BMD"))
    assert row[5] == f"{abs(raw):.2f}"
    assert any("square root of the average of the two groups' variances" in n for n in t.footnotes)  # fmt: skip
    assert not any("pooled SD" in n for n in t.footnotes)


def test_rank_sum_test_is_the_test_of_rank_sum() -> None:
    rng = np.random.default_rng(20261121)
    tied_x, tied_y = rng.integers(0, 6, 300).astype(float), rng.integers(1, 7, 250).astype(float)
    small_x, small_y = rng.normal(size=12), rng.normal(1, size=9)
    cases = [
        (tied_x, tied_y, {}),
        (small_x, small_y, {}),
        (small_x, small_y, {"exact": False, "correct": False}),
        (tied_x[:20], tied_y[:20], {"exact": True}),
    ]
    for x, y, options in cases:
        full = rank_sum(x, y, n_excluded=3, **options)  # type: ignore[arg-type]
        test = rank_sum_test(x, y, n_excluded=3, **options)  # type: ignore[arg-type]
        assert (test.statistic, test.p_value, test.n_used, test.n_excluded) == (
            full.statistic,
            full.p_value,
            full.n_used,
            full.n_excluded,
        )
        assert full.method == test.method + "; Hodges-Lehmann estimate"
        assert np.isnan([test.estimate, test.ci_low, test.ci_high]).all()
    with pytest.raises(ValueError, match="at least one observation"):
        rank_sum_test(np.array([]), tied_y)


def test_welch_t_test_is_the_welch_test_of_the_comparison() -> None:
    rng = np.random.default_rng(20261121)
    x, y = rng.integers(0, 10, 80).astype(float), rng.normal(4, 3, 60)
    assert welch_t_test(x, y, alpha=0.1) == compare_two_groups(x, y, alpha=0.1).tests["welch"]


@pytest.mark.parametrize(
    "counts", [(3, 10, 8, 12), (0, 5, 4, 4), (120, 900, 95, 870), (1, 1, 0, 1)]
)
def test_two_by_two_test_is_the_test_of_two_by_two(counts: tuple[int, int, int, int]) -> None:
    from analysis.stats import two_by_two, two_by_two_test

    full = two_by_two(*counts).tests
    for name in ("chi_square", "chi_square_yates", "fisher"):
        alone = two_by_two_test(*counts, name)
        assert alone.p_value == full[name].p_value
        assert full[name].method.split(" (")[0] == alone.method
        if name != "fisher":
            assert alone == full[name]
    with pytest.raises(ValueError, match="test must be"):
        two_by_two_test(*counts, "barnard")


def test_two_by_two_test_needs_both_groups_and_outcomes() -> None:
    from analysis.stats import two_by_two_test

    with pytest.raises(ValueError, match="two non-empty groups and both outcomes"):
        two_by_two_test(0, 5, 0, 7)


def _cells(table, head: str) -> tuple[str, ...]:
    return next(r.cells for r in table.rows if r.cells[0] == head)


def test_vertebra_rows_count_the_index_vertebrae_and_say_so(cohort: Cohort) -> None:
    """Table 1 counts the vertebrae of the index procedure (as the text does), names them
    in its heading and title, and counts in a footnote the vertebrae of later sessions it
    leaves out; ``sessions="all"`` counts every vertebra and says so."""
    index, every = vertebra_frame(cohort, "index"), vertebra_frame(cohort, "all")
    later = len(every) - len(index)
    assert later > 0
    t = table_one(cohort)
    assert _cells(t, "Vertebrae, n")[1] == str(len(index))
    leak = index["any_leakage"]
    assert _cells(t, "Any cement leakage, n (%)")[1] == count_percent(int(leak.sum()), int(leak.notna().sum()), PLAIN)  # fmt: skip
    assert [r.cells[0] for r in t.rows if r.group] == ["Patients", "Vertebrae treated at the index procedure", "During follow-up"]  # fmt: skip
    note = next(n for n in t.footnotes if n.startswith("Vertebra rows count"))
    assert f"the {len(index)} vertebrae treated at the index procedure (day 0), not the {later} treated at " in note  # fmt: skip
    assert not any(r.cells[0].startswith("Repeat augmentation, ") for r in t.rows)

    from analysis.tables.table_one import VERTEBRA_VARIABLES

    t_all = table_one(cohort, sessions="all", vertebra_variables=(*VERTEBRA_VARIABLES, Variable("is_repeat")))  # fmt: skip
    assert _cells(t_all, "Vertebrae, n")[1] == str(len(every))
    repeat = every["is_repeat"]
    assert _cells(t_all, "Repeat augmentation, n (%)")[1] == count_percent(int(repeat.sum()), len(every), PLAIN)  # fmt: skip
    assert t_all.title.endswith("and of the vertebrae treated at any session")
    note = next(n for n in t_all.footnotes if n.startswith("Vertebra rows count"))
    assert f"all {len(every)} vertebrae treated at any session: {len(index)} at the index procedure and the {later} treated at " in note  # fmt: skip


def test_repeat_augmentation_counts_patients_not_vertebrae(cohort: Cohort) -> None:
    """A patient row over the patients with ``is_repeat`` recorded: yes when any of the
    patient's vertebrae was augmented again."""
    t = table_one(cohort, by="etiology")
    procs, pts = cohort.procedures, cohort.patients
    flags = procs["is_repeat"].astype("boolean")
    key = procs["patient_id"].astype(str)
    repeated = set(key[flags.fillna(False).astype(bool)])
    recorded = set(key[flags.notna()])
    assert repeated
    groups = [np.ones(len(pts), bool)] + [(pts["etiology"] == g).to_numpy() for g in ("osteoporotic", "pathologic")]  # fmt: skip
    row = _cells(t, "Repeat augmentation during follow-up, n (%)")
    for cell, g in zip(row[1:4], groups, strict=True):
        ids = pts.loc[g, "patient_id"].astype(str)
        n = int(ids.isin(recorded).sum())
        assert cell == count_percent(int(ids.isin(repeated).sum()), n, PLAIN)
    heads = [r.cells[0] for r in t.rows]
    assert heads.index("Vertebrae treated at the index procedure") < heads.index("During follow-up") < heads.index(row[0])  # fmt: skip
    assert any("percentages are of patients, not of vertebrae" in n for n in t.footnotes)
    from analysis.labels import load_labels

    renamed = table_one(cohort, labels=load_labels({"repeat_augmentation": "Augmented again"}))
    assert _cells(renamed, "Augmented again, n (%)")[1] == row[1]


def test_rows_during_follow_up_get_no_p_value_and_no_smd(cohort: Cohort) -> None:
    """Follow-up, deaths and repeat augmentation happen after the index procedure: shown
    by group in their own section, never tested or compared as baseline characteristics."""
    t = table_one(cohort, by="etiology")
    heads = [r.cells[0] for r in t.rows]
    start = heads.index("During follow-up")
    later = t.rows[start + 1 :]
    assert [r.cells[0] for r in later] == [
        "Follow-up, days, median [IQR]",
        "Died during follow-up, n (%)",
        "Died without a new fracture, n (%)",
        "Repeat augmentation during follow-up, n (%)",
    ]
    assert all(r.cells[4:] == ("", "") for r in later)
    assert all(r.cells[4] != "" for r in t.rows[:start] if r.cells[0].startswith("Age"))
    note = next(n for n in t.footnotes if n.startswith("During follow-up:"))
    assert "shown without a P value or an SMD" in note


def test_deaths_are_counted_by_group_with_and_without_a_new_fracture_first(cohort: Cohort) -> None:  # fmt: skip
    from analysis.stats import time_to_fracture

    t = table_one(cohort, by="etiology")
    pts = cohort.patients
    cause = time_to_fracture(cohort).set_index("patient_id")["cause"].astype(str)
    died = pts["died"].astype("boolean")
    assert died.sum() > (cause == "death").sum() > 0  # some deaths follow a new fracture
    for label, yes in (
        ("Died during follow-up, n (%)", died.fillna(False).to_numpy(dtype=bool)),
        (
            "Died without a new fracture, n (%)",
            (cause.reindex(pts["patient_id"]) == "death").to_numpy(),
        ),
    ):
        row = _cells(t, label)
        for cell, g in zip(row[1:4], [np.ones(len(pts), bool)] + [(pts["etiology"] == e).to_numpy() for e in ("osteoporotic", "pathologic")], strict=True):  # fmt: skip
            known = g & died.notna().to_numpy()
            assert cell == count_percent(int((yes & known).sum()), int(known.sum()), PLAIN)


def test_table_one_refuses_repeats_of_index_vertebrae_and_unknown_populations(cohort: Cohort) -> None:  # fmt: skip
    with pytest.raises(ValueError, match=r"no vertebra treated at the index procedure is a repeat augmentation; count the patients with one \(Variable\('repeat_augmentation'\)"):  # fmt: skip
        table_one(cohort, vertebra_variables=(Variable("is_repeat"),))
    with pytest.raises(ValueError, match="sessions must be 'index' or 'all', not 'repeat'"):
        table_one(cohort, sessions="repeat")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="no column 'colour' among the vertebrae treated at the index procedure"):  # fmt: skip
        table_one(cohort, vertebra_variables=(Variable("colour"),))
    with pytest.raises(ValueError, match="no column 'colour' among the patients"):
        table_one(cohort, patient_variables=(Variable("colour"),))


def test_float_values_told_apart_as_their_text_is() -> None:
    """A float column is compared by bit pattern, which tells values apart exactly as
    their text does (0.0 and -0.0 differ as text; NaN falls back to text)."""
    import numpy as np
    import pandas as pd

    from analysis.tables.table_one import _as_text

    values = pd.Series([0.0, -0.0, 0.1 + 0.2, 0.3, 0.3, 1e-300])
    groups = np.array([0, 0, 1, 1, 2, 2])
    ours = _as_text(values).groupby(groups).nunique().tolist()
    assert ours == values.astype(str).groupby(groups).nunique().tolist() == [2, 2, 2]
    with_nan = pd.Series([np.nan, 1.0])
    assert _as_text(with_nan).tolist() == ["nan", "1.0"]
