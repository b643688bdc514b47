"""New fractures after augmentation: classification and the analysis datasets built on it.

Classification rule
-------------------
A new fracture on day ``t`` is compared with every vertebra the patient had treated in a
session *before* day ``t`` (sessions on the same day as the fracture do not count: a
fracture treated the day it is found was not treated before it). Its ``distance`` is the
number of segments to the nearest such vertebra on the ordered scale C1..S1, so that
C7-T1, T12-L1 and L5-S1 are adjacent. The class is:

- ``same_level``: distance 0, a refracture or progression of a treated vertebra;
- ``adjacent``: distance 1;
- ``remote``: distance 2 or more;
- ``unclassified``: no vertebra treated before its day (cannot happen after a day-0
  index session unless the fracture is dated day 0), or the fracture's level is not
  known (a series giving only ``L?``).

Multi-level sessions contribute all their vertebrae; vertebrae treated in a later session
(repeat or new level) count for fractures after that session. The class depends only on
the data, never on row order.
"""

from __future__ import annotations

import hashlib
import weakref

import numpy as np
import pandas as pd
from pandas.api.typing import DataFrameGroupBy

from analysis.levels import LEVELS, THORACOLUMBAR_JUNCTION, level_index
from analysis.schema import Cohort
from analysis.schema.unchanged import SameTexts
from analysis.stats.outcomes.cement import vertebra_frame

CLASSES = ("same_level", "adjacent", "remote", "unclassified")
CAUSES = ("adjacent", "remote", "same_level", "unclassified", "death")
COVARIATES = [
    "sex",
    "age_years",
    "etiology",
    "bmd_t_score",
    "steroid_use",
    "osteoporosis_treatment",
    "prior_fracture_count",
]


def _level_codes(levels: pd.Series) -> np.ndarray:
    """Positions on the spine; NaN for a level not known (a fracture given as ``L?``).
    Each distinct level is looked up once, in order of appearance."""
    codes, distinct = pd.factorize(levels)
    positions = [float(level_index(str(v))) for v in distinct] + [np.nan]  # code -1: missing
    return np.asarray(positions, dtype=float)[codes]


def classify_fractures(cohort: Cohort) -> pd.DataFrame:
    """Classify every new fracture against the vertebrae treated before its day.

    Returns
    -------
    DataFrame
        The fractures table sorted by patient and day, with ``fracture_class``
        (``same_level``, ``adjacent``, ``remote``, ``unclassified``), ``distance``
        (segments to the nearest vertebra treated before; NaN when none),
        ``nearest_treated_level`` and ``n_treated_before``.
    """
    fx = cohort.fractures.reset_index(drop=True).copy()
    fx["_row"] = np.arange(len(fx))
    fx["_code"] = _level_codes(fx["level"]) if len(fx) else np.array([], dtype=float)
    procs = cohort.procedures[["patient_id", "day", "level"]].copy()
    procs["_tcode"] = _level_codes(procs["level"]) if len(procs) else np.array([], dtype=float)
    pairs = fx[["_row", "patient_id", "day", "_code"]].merge(
        procs[["patient_id", "day", "_tcode"]].rename(columns={"day": "_tday"}), on="patient_id"
    )
    pairs = pairs[pairs["_tday"] < pairs["day"]]
    # a vertebra treated before at a level known only by region may be the nearest one
    vague = pairs.loc[pairs["_tcode"].isna(), "_row"].unique()
    pairs = pairs[pairs["_tcode"].notna()].copy()
    pairs["_dist"] = (pairs["_code"] - pairs["_tcode"]).abs()
    # nearest treated vertebra, the cranial one on a tie
    pairs = pairs.sort_values(["_row", "_dist", "_tcode"])
    nearest = pairs.drop_duplicates("_row").set_index("_row")
    counts = pairs.drop_duplicates(["_row", "_tcode"]).groupby("_row").size()
    dist = nearest["_dist"].reindex(fx["_row"]).to_numpy(dtype=float)
    dist[np.isin(fx["_row"].to_numpy(), vague) & (dist != 0)] = np.nan
    fx["distance"] = dist
    fx["nearest_treated_level"] = pd.Categorical(
        [LEVELS[int(c)] if not np.isnan(c) else None for c in nearest["_tcode"].reindex(fx["_row"]).to_numpy(dtype=float)],
        categories=LEVELS,
        ordered=True,
    )  # fmt: skip
    fx["n_treated_before"] = counts.reindex(fx["_row"]).fillna(0).astype(int).to_numpy()
    d = fx["distance"]
    fx["fracture_class"] = pd.Categorical(
        np.select([d == 0, d == 1, d >= 2], ["same_level", "adjacent", "remote"], "unclassified"),
        categories=list(CLASSES),
    )
    fx = fx.sort_values(["patient_id", "day", "_code"]).drop(columns=["_row", "_code"])
    return fx.reset_index(drop=True)


# The last cohort's dataset, reused while the same, unchanged cohort is analysed (a
# report asks for it once per analysis); a copy is returned, so callers may change theirs.
# Its text columns are kept to be compared by their objects, the rest by a digest.
_LAST: list[tuple[weakref.ref[Cohort], bytes, SameTexts, pd.DataFrame]] = []

# The columns the dataset is built from (a test checks that no other column matters).
DEPENDS_ON = {
    "patients": ("patient_id", *COVARIATES, "followup_days", "died", "death_day"),
    "procedures": ("patient_id", "day", "level", "technique", "cement_volume_ml", "leakage"),
    "fractures": ("patient_id", "day", "level"),
}


def _column_hash(column: pd.Series) -> bytes:
    """A 64-bit digest of a column's values in row order: any single changed value
    changes it, a reordering or several changes leave it alike by a 1 in 2**64 chance.
    Text by the hash of the tuple of its (cached) string hashes; anything else by pandas'
    vectorised per-value hashes, summed with an odd, scrambled weight per row (Fibonacci
    hashing of its position, modulo 2**64)."""
    if isinstance(column.dtype, pd.StringDtype):
        text = tuple(np.asarray(column.array, dtype=object))
        return hash(text).to_bytes(8, "little", signed=True)
    values = pd.util.hash_pandas_object(column, index=False).to_numpy(dtype=np.uint64)
    weights = np.arange(len(values), dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15) | np.uint64(1)
    return int(np.sum(values * weights, dtype=np.uint64)).to_bytes(8, "little")


def _fingerprint(cohort: Cohort) -> tuple[bytes, list[pd.Series]]:
    """Changes when a value, the order of the rows, a dtype or the presence of a column
    the dataset depends on changes (see ``DEPENDS_ON``), but for the values of the text
    columns held as Python objects: those columns are returned, to be compared by
    :class:`~analysis.schema.unchanged.SameTexts` (their names and dtypes are in the
    digest)."""
    digest = hashlib.blake2b(digest_size=32)
    texts = []
    for table, names in DEPENDS_ON.items():
        frame = getattr(cohort, table)
        digest.update(repr((table, len(frame))).encode())
        for name in names:
            if name not in frame.columns:
                digest.update(f"no {name}".encode())
                continue
            column = frame[name]
            digest.update(repr((name, column.dtype)).encode())
            if isinstance(column.dtype, pd.StringDtype) and column.dtype.storage == "python":
                texts.append(column)
            else:
                digest.update(_column_hash(column))
    return digest.digest(), texts


def time_to_fracture(cohort: Cohort) -> pd.DataFrame:
    """Patient-level dataset: days from the index procedure to the first new fracture.

    Returns
    -------
    DataFrame
        One row per patient (none dropped) with the patient covariates and:

        ``time``
            Day of the first new fracture; else day of death where recorded; else last
            follow-up. NaN when none is known (the patient is then counted as excluded
            by every estimator).
        ``fracture``
            1 if a new fracture ended follow-up, else 0 (death and end of follow-up are
            censoring for fracture-free survival).
        ``cause``
            Competing-risks status: ``censored``, ``adjacent``, ``remote``,
            ``same_level``, ``unclassified`` (class of the first new fracture; several on
            the same first day take the closest class) or ``death``.
        ``adjacent``, ``remote``, ``same_level``
            0/1 cause-specific event indicators.
        ``first_fracture_level``, ``first_fracture_distance``
        ``index_levels``, ``index_cement_volume_ml``, ``disc_leakage``, ``kyphoplasty``
            Treatment at the index session (total cement; 0/1 any disc leakage; 0/1
            kyphoplasty), for risk-factor models.
    """
    key, texts = _fingerprint(cohort)
    if _LAST and _LAST[0][0]() is cohort and _LAST[0][1] == key and _LAST[0][2].holds(texts):
        return _LAST[0][3].copy()
    out = _time_to_fracture(cohort)
    _LAST[:] = [(weakref.ref(cohort), key, SameTexts(texts), out)]
    return out.copy()


def _time_to_fracture(cohort: Cohort) -> pd.DataFrame:
    pts = cohort.patients.set_index("patient_id")
    fx = classify_fractures(cohort)
    rank = {c: i for i, c in enumerate(CLASSES)}
    fx["_rank"] = fx["fracture_class"].astype(str).map(rank)
    first = fx.sort_values(["patient_id", "day", "_rank"]).drop_duplicates("patient_id")
    first = first.set_index("patient_id").reindex(pts.index)
    out = pd.DataFrame(index=pts.index)
    for col in COVARIATES:
        if col in pts.columns:
            out[col] = pts[col]
    fracture_day = first["day"].astype(float)
    died = _died(pts)
    has_fx = fracture_day.notna()
    out["time"] = fracture_day.where(has_fx, _end_of_followup(pts))
    out["fracture"] = has_fx.astype(int)
    cause = pd.Series("censored", index=pts.index, dtype=object)
    cause[died & ~has_fx] = "death"
    cause[has_fx] = first.loc[has_fx, "fracture_class"].astype(str)
    out["cause"] = pd.Categorical(cause, categories=["censored", *CAUSES])
    for c in ("adjacent", "remote", "same_level"):
        out[c] = (cause == c).astype(int)
    out["first_fracture_level"] = first["level"]
    out["first_fracture_distance"] = first["distance"].astype(float)
    return out.join(_index_treatment(cohort), how="left").reset_index()


def _died(pts: pd.DataFrame) -> pd.Series:
    """Recorded deaths with a known day."""
    return pts["died"].fillna(False).astype(bool) & pts["death_day"].notna()


def _end_of_followup(pts: pd.DataFrame) -> pd.Series:
    """Day of death where recorded, else day of last follow-up (NaN when unknown)."""
    return pts["death_day"].astype(float).where(_died(pts), pts["followup_days"].astype(float))


def _index_treatment(cohort: Cohort) -> pd.DataFrame:
    """Per patient: vertebrae treated, cement volume, disc leakage and technique at day 0.

    The index vertebrae are grouped by their patient's code (the IDs hashed once) rather
    than by the IDs' sorted text; each group's rows, and so every sum, are in the same
    order, and the rows are matched to their patients by ID afterwards."""
    vertebrae = vertebra_frame(cohort)
    used = ["patient_id", "cement_volume_ml", "session_cement_volume_ml", "disc_leakage"]
    index = vertebrae.loc[vertebrae["day"] == 0, [c for c in used if c in vertebrae.columns]]
    kypho = (vertebrae.loc[index.index, "technique"].astype("string") == "kyphoplasty").astype(float)  # fmt: skip
    codes, ids = pd.factorize(index["patient_id"])
    known = codes >= 0  # a row without a patient is in no group (as groupby drops it)
    index = index.drop(columns="patient_id").assign(_kypho=kypho, _patient=codes)[known]
    by = index.groupby("_patient", sort=False)
    out = pd.DataFrame(
        {
            "index_levels": by.size(),
            "index_cement_volume_ml": _session_cement(by, "session_cement_volume_ml" in index),
            "disc_leakage": by["disc_leakage"].max(),
            "kyphoplasty": by["_kypho"].max(),
        }
    )
    out.index = pd.Index(ids, name="patient_id")[out.index.to_numpy()]
    return out


def session_cement_volume(index: pd.DataFrame) -> pd.Series:
    """Cement of one session per patient (rows: the session's vertebrae, with
    ``patient_id``, ``cement_volume_ml`` and ``session_cement_volume_ml``): the sum over
    its vertebrae when every one has its volume, else the session's total when the unit
    recorded one; missing when neither (a sum over some vertebrae would be too small)."""
    by = index.groupby("patient_id", observed=True)
    return _session_cement(by, "session_cement_volume_ml" in index)


def _session_cement(by: DataFrameGroupBy, with_total: bool) -> pd.Series:
    """:func:`session_cement_volume` of grouped vertebra rows."""
    complete = by["cement_volume_ml"].count() == by.size()
    summed = by["cement_volume_ml"].sum().where(complete)
    total = by["session_cement_volume_ml"].max() if with_total else None
    return summed if total is None else summed.fillna(total)


def vertebrae_at_risk(cohort: Cohort, first: str = "T4", last: str = "L5") -> pd.DataFrame:
    """Vertebra-level dataset: every untreated vertebra in ``first``..``last`` at risk from
    the index procedure.

    Parameters
    ----------
    cohort
        The tidy cohort.
    first, last
        The levels bounding the vertebrae at risk, both included (in either order).
        Default ``"T4"`` to ``"L5"``: the thoracolumbar spine where osteoporotic
        fractures occur and radiographs usually reach; vertebrae above T4 are not
        counted at risk unless ``first`` says so (``first="C7"``).

    Returns
    -------
    DataFrame
        One row per patient and untreated vertebra (vertebrae treated at the index
        session are not at risk) with ``time`` (day it fractured, else death, else last
        follow-up; NaN when unknown), ``event`` (0/1), ``distance`` to the nearest
        vertebra treated at the index session, ``adjacent`` (distance 1),
        ``sandwich`` (treated directly above and below), ``junction`` (T11-L2), the
        patient covariates and ``patient_id`` as the cluster for robust variances.
        Patients with an index level known only by its region are left out.
    """
    lo, hi = sorted((level_index(first), level_index(last)))
    pts = cohort.patients.reset_index(drop=True)
    pid = pts["patient_id"].astype(str).to_numpy()
    codes = {p: i for i, p in enumerate(pid)}
    procs = cohort.procedures
    index = procs[procs["day"] == 0]
    vague = set(index.loc[index["level"].isna(), "patient_id"].astype(str))
    if vague:  # an index level known only by region: which vertebrae were at risk is unknown
        pts = pts[~pts["patient_id"].astype(str).isin(vague)].reset_index(drop=True)
        pid = pts["patient_id"].astype(str).to_numpy()
        codes = {p: i for i, p in enumerate(pid)}
        index = index[~index["patient_id"].astype(str).isin(vague)]
    t_pat = index["patient_id"].astype(str).map(codes).to_numpy()
    t_lvl = _level_codes(index["level"]).astype(np.int64)
    width = len(LEVELS) + 2
    treated_keys = np.unique(t_pat * width + t_lvl + 1)
    levels = np.arange(lo, hi + 1)
    pat = np.repeat(np.arange(len(pid)), len(levels))
    lvl = np.tile(levels, len(pid))
    keys = pat * width + lvl + 1
    at_risk = ~np.isin(keys, treated_keys)
    pat, lvl, keys = pat[at_risk], lvl[at_risk], keys[at_risk]
    above = np.isin(keys - 1, treated_keys)
    below = np.isin(keys + 1, treated_keys)
    # distance to the nearest index-treated vertebra of the same patient
    tl = pd.DataFrame({"p": t_pat, "t": t_lvl}).drop_duplicates()
    dist = np.full(len(pat), np.nan)
    if len(tl):
        grid = np.full((len(pid), len(LEVELS)), np.inf)
        for t in range(len(LEVELS)):
            hit = tl[tl["t"] == t]["p"].to_numpy()
            if len(hit):
                grid[hit] = np.minimum(grid[hit], np.abs(np.arange(len(LEVELS)) - t))
        dist = grid[pat, lvl]
        dist[np.isinf(dist)] = np.nan
    fx = cohort.fractures
    fx = fx[fx["level"].notna() & fx["patient_id"].astype(str).isin(codes)]  # a vertebra to count
    f_keys = (
        fx["patient_id"].astype(str).map(codes).to_numpy() * width + _level_codes(fx["level"]) + 1
    ).astype(np.int64)
    f_day = pd.Series(fx["day"].astype(float).to_numpy()).groupby(f_keys).min()
    event_day = f_day.reindex(keys).to_numpy()
    ttf = time_to_fracture(cohort).set_index("patient_id")
    end = _end_of_followup(pts).to_numpy()
    event = ~np.isnan(event_day)
    time = np.where(event, event_day, end[pat])
    out = pd.DataFrame(
        {
            "patient_id": pid[pat],
            "level": pd.Categorical(np.asarray(LEVELS)[lvl], categories=LEVELS, ordered=True),
            "time": time,
            "event": event.astype(int),
            "distance": dist,
            "adjacent": (dist == 1).astype(int),
            "sandwich": (above & below).astype(int),
            "junction": np.isin(np.asarray(LEVELS)[lvl], list(THORACOLUMBAR_JUNCTION)).astype(int),
        }
    )
    covs = ttf[[c for c in COVARIATES if c in ttf.columns]].reset_index()
    return out.merge(covs, on="patient_id", how="left")
