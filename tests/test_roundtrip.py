"""Round trips: a seeded synthetic cohort written in every input form, loaded back.

The generator knows the truth. Each cohort is written as tidy CSVs, Parquet files, a
tidy workbook, a clinician's wide per-vertebra workbook, a per-patient workbook (levels
in numbered columns, a second session in ``Repeat ...`` columns) and a REDCap export (events,
repeating instruments, checkbox leakage, follow-up in an event or a repeating
instrument), with the spelling habits of :class:`analysis.synth.Messiness` switched on
or off by hypothesis and no planted errors. Loaded back, the tidy tables must equal the
truth after the documented normalisations and the headline numbers (pain change,
responders, fracture-free survival at one year, cement at repeat vs initial
augmentation, new fractures by class) must equal those computed on the truth.

Documented normalisations compared here:

* procedure IDs are given by the loader in date order, so sessions are compared by
  patient and day, and outcomes by the day of their session;
* the wide workbooks carry no approach, osteoporosis treatment, prior fractures,
  injection relief, RF neurolysis or new-fracture symptoms/trauma, and say only the
  date of death (``died`` is not compared there);
* a per-patient row holds a patient's first two sessions (later ones are not written)
  and no indication (the second session has no column for it);
* a cement volume on a wide row naming several levels is the session's total: it is
  stored as ``session_cement_volume_ml`` and the per-vertebra volumes are missing;
  the leakage and cleft such a row states are each of its levels' (the writer states
  the first level's, so the truth of the others is not in the workbook).
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from analysis import stats
from analysis.load import LoadResult, load_cohort
from analysis.schema import Cohort
from analysis.synth import (
    Messiness,
    SynthParams,
    messy_tables,
    synthesize,
    write_redcap,
    write_tidy,
    write_wide_workbook,
)
from tests.long_layout import write_long_workbook
from tests.wide_per_patient import write_per_patient_workbook, written_part

N_PATIENTS = 45
# More repeat augmentations and new fractures than the published rates, so that a small
# cohort has something in every headline analysis.
PARAMS = SynthParams(p_same_level=0.2, p_new_fracture=0.3)
KEYS = {
    "patients": ["patient_id"],
    "procedures": ["patient_id", "day", "level"],
    "assessments": ["patient_id", "session_day", "timepoint", "measure"],
    "fractures": ["patient_id", "day", "level"],
}
# Columns a form does not carry (compared everywhere else).
_FORM_LACKS: dict[str, set[str]] = {
    "patients": {
        "osteoporosis_treatment",
        "prior_fracture_count",
        "injection_relief",
        "rf_neurolysis",
        "died",
    },
    "procedures": {"approach"},
    "fractures": {"symptomatic", "trauma"},
}
NOT_CARRIED: dict[str, dict[str, set[str]]] = {  # wide_csv: as wide_workbook, set below
    "wide_workbook": _FORM_LACKS,
    "long_workbook": {
        **_FORM_LACKS,
        "assessments": {"day"},  # the visit dates give each score its day (tested apart)
    },
    "wide_per_patient": {
        **_FORM_LACKS,
        "procedures": {"approach", "indication"},
    },
}


NOT_CARRIED["wide_csv"] = NOT_CARRIED["wide_workbook"]


def _write_tidy_csv(cohort: Cohort, out: Path, messy: Messiness, seed: int, _: str) -> Path:
    write_tidy(cohort, out, messy, seed)
    return out


def _write_parquet(cohort: Cohort, out: Path, messy: Messiness, seed: int, _: str) -> Path:
    out.mkdir()
    for name, frame in messy_tables(cohort, messy, seed).items():
        frame.to_parquet(out / f"{name}.parquet", index=False)
    return out


def _write_tidy_workbook(cohort: Cohort, out: Path, messy: Messiness, seed: int, _: str) -> Path:
    path = out / "cohort.xlsx"
    out.mkdir()
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, frame in messy_tables(cohort, messy, seed).items():
            frame.to_excel(writer, sheet_name=name, index=False)
    return path


def _write_wide(cohort: Cohort, out: Path, messy: Messiness, seed: int, _: str) -> Path:
    return write_wide_workbook(
        cohort, out / "registry.xlsx", seed=seed, inject_errors=False, messiness=messy
    )


def _write_per_patient(cohort: Cohort, out: Path, messy: Messiness, seed: int, _: str) -> Path:
    return write_per_patient_workbook(cohort, out / "patients.xlsx", messy, seed)


def _write_wide_csv(cohort: Cohort, out: Path, messy: Messiness, seed: int, _: str) -> Path:
    """The wide workbook saved as CSV the way a spreadsheet program does: the merges are
    lost (a group label over its first column only), dates written as text."""
    xlsx = _write_wide(cohort, out, messy, seed, _)
    sheet = openpyxl.load_workbook(xlsx).worksheets[0]
    path = out / "registry.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        for row in sheet.iter_rows(values_only=True):
            writer.writerow(["" if v is None else v.strftime("%d.%m.%Y") if isinstance(v, datetime) else v for v in row])  # fmt: skip
    return path


def _write_long(cohort: Cohort, out: Path, messy: Messiness, seed: int, _: str) -> Path:
    out.mkdir()
    return write_long_workbook(cohort, out / "visits.xlsx", messy, seed)


def _write_redcap(cohort: Cohort, out: Path, messy: Messiness, seed: int, followup: str) -> Path:
    write_redcap(cohort, out, seed, messy, "event" if followup == "event" else "repeating")
    return out


Writer = Callable[[Cohort, Path, Messiness, int, str], Path]
FORMS: dict[str, Writer] = {
    "tidy_csv": _write_tidy_csv,
    "parquet": _write_parquet,
    "tidy_workbook": _write_tidy_workbook,
    "wide_workbook": _write_wide,
    "wide_per_patient": _write_per_patient,
    "redcap": _write_redcap,
    "wide_csv": _write_wide_csv,
    "long_workbook": _write_long,
}


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Categories as text, numbers as floats, missing as NaN/None: comparable frames."""
    out = {}
    for col in frame.columns:
        s = frame[col]
        if isinstance(s.dtype, pd.CategoricalDtype) or s.dtype == object or s.dtype == "string":
            out[col] = (
                s.astype(object).where(s.notna(), None).map(lambda v: None if v is None else str(v))
            )
        else:
            out[col] = pd.to_numeric(s.astype("Float64"), errors="coerce").astype(float)
    return pd.DataFrame(out, index=frame.index)


def _by_keys(cohort: Cohort) -> dict[str, pd.DataFrame]:
    """The four tables keyed by patient and day instead of the loader's procedure IDs."""
    session_day = cohort.procedures.groupby("procedure_id", observed=True)["day"].first()
    assessments = cohort.assessments.assign(
        session_day=cohort.assessments["procedure_id"].astype(object).map(session_day)
    )
    frames = {
        "patients": cohort.patients,
        "procedures": cohort.procedures.drop(columns="procedure_id"),
        "assessments": assessments.drop(columns="procedure_id"),
        "fractures": cohort.fractures,
    }
    out = {}
    for name, frame in frames.items():
        plain = _plain(frame)
        out[name] = plain.sort_values(KEYS[name]).reset_index(drop=True)
    return out


def _expected(truth: Cohort, loaded: Cohort, form: str) -> Cohort:
    """The truth after the normalisations a form implies (module docstring)."""
    if form == "wide_per_patient":
        return written_part(truth)
    if form not in ("wide_workbook", "wide_csv"):
        return truth
    procs = truth.procedures.copy()
    got = loaded.procedures.set_index(["patient_id", "day", "level"])["cement_volume_ml"]
    key = pd.MultiIndex.from_frame(procs[["patient_id", "day", "level"]].astype(object))
    lost = got.reindex(key).isna().to_numpy() & procs["cement_volume_ml"].notna().to_numpy()
    sizes = procs.groupby("procedure_id", observed=True)["level"].transform("size").to_numpy()
    # only a vertebra written on a row with other levels may lose its own volume
    assert (sizes[lost] > 1).all(), "a single-level row lost its cement volume"
    procs.loc[lost, "cement_volume_ml"] = np.nan
    first = (
        procs[lost].groupby("procedure_id", observed=True)[["leakage", "cleft"]].transform("first")
    )
    procs.loc[lost, ["leakage", "cleft"]] = first
    return Cohort(truth.patients, procs, truth.assessments, truth.fractures)


def assert_same_tables(loaded: Cohort, expected: Cohort, form: str) -> None:
    got, want = _by_keys(loaded), _by_keys(expected)
    for name in KEYS:
        skip = NOT_CARRIED.get(form, {}).get(name, set())
        cols = [c for c in want[name].columns if c not in skip]
        pd.testing.assert_frame_equal(
            got[name][cols],
            want[name][cols],
            check_exact=False,
            rtol=1e-9,
            atol=1e-9,
            obj=f"{form}: {name}",
        )


def _frame_or_error(compute: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    """The result frame, or the message of the error a clinician would see instead."""
    try:
        return compute()
    except ValueError as exc:
        return pd.DataFrame({"error": [str(exc)]})


def headline(cohort: Cohort) -> dict[str, pd.DataFrame]:
    """The numbers a report leads with, as frames of numbers."""

    def classes() -> pd.DataFrame:
        counts = stats.classify_fractures(cohort)["fracture_class"].astype(str).value_counts()
        return counts.sort_index().to_frame()

    computations: dict[str, Callable[[], pd.DataFrame]] = {
        "pain change": lambda: stats.paired_change(cohort, "pain_vas", "pre", "1m").to_frame(),
        "responders": lambda: stats.responders(cohort, threshold=3).to_frame(),
        "km at one year": lambda: stats.fracture_free_survival(cohort).at([365]),
        "repeat vs initial cement": lambda: stats.repeat_volume(cohort).to_frame(),
        "new fractures by class": classes,
    }
    return {name: _frame_or_error(compute) for name, compute in computations.items()}


def assert_same_headline(loaded: Cohort, expected: Cohort, form: str) -> None:
    got, want = headline(loaded), headline(expected)
    for name, frame in want.items():
        pd.testing.assert_frame_equal(
            got[name], frame, check_exact=False, rtol=1e-9, obj=f"{form}: {name}"
        )


def round_trip(
    form: str, seed: int, messy: Messiness, followup: str = "event"
) -> tuple[Cohort, Cohort, LoadResult]:
    truth = synthesize(N_PATIENTS, seed=seed, params=PARAMS)
    with tempfile.TemporaryDirectory() as tmp:
        path = FORMS[form](truth, Path(tmp) / "export", messy, seed, followup)
        result = load_cohort(path)
    return truth, _expected(truth, result.cohort, form), result


messiness = st.builds(
    Messiness, st.booleans(), st.booleans(), st.booleans(), st.booleans(), st.booleans()
)
seeds = st.integers(min_value=1, max_value=10_000)


@pytest.mark.parametrize("form", list(FORMS))
@settings(max_examples=5, deadline=None, derandomize=True, phases=[Phase.generate])
@given(seed=seeds, messy=messiness, followup=st.sampled_from(["event", "repeating"]))
def test_every_form_loads_back_to_the_truth(form, seed, messy, followup):
    truth, expected, result = round_trip(form, seed, messy, followup)
    assert result.errors == []
    assert result.rows_in == result.rows_loaded + result.rows_reported
    assert result.rows_reported == 0
    assert_same_tables(result.cohort, expected, form)
    assert_same_headline(result.cohort, expected, form)
    if form not in ("wide_workbook", "wide_per_patient", "wide_csv"):
        assert expected is truth  # nothing normalised away


def test_wide_workbook_multi_level_rows_carry_the_session_total():
    """The one normalisation of the wide form, checked directly: where per-vertebra
    volumes are missing, the session total equals the truth's and nothing else moved."""
    truth, expected, result = round_trip("wide_workbook", 11, Messiness())
    lost = (
        expected.procedures["cement_volume_ml"].isna()
        & truth.procedures["cement_volume_ml"].notna()
    )
    assert lost.any()  # the writer did put several levels on a row
    got = result.cohort.procedures.set_index(["patient_id", "day", "level"])
    want = truth.procedures[lost].set_index(["patient_id", "day", "level"])
    assert np.allclose(
        got.loc[want.index, "session_cement_volume_ml"], want["session_cement_volume_ml"]
    )
