"""Score the loader on workbooks written blind, against the truth their authors wrote.

Each site folder under ``tests/blind/<batch>/`` holds an input (``input.xlsx``,
``input.csv``, another ``input.*`` file as the unit keeps it, or a folder ``input/``), its ``truth/`` tables and the mistakes planted in
it (``truth/errors.csv``). The workbooks were written by hands that had not read the
loader, its tests or its vocabulary (see ``tests/blind/README.md``).

Scored, per site and overall:

* **patients**: valid patients (no planted mistake) loaded, of those written;
* **values**: of every value the truth gives for a valid patient (patient fields, each
  treated vertebra's day, technique, volume, cement and leakage, each outcome score, each
  new fracture), the share the loaded cohort holds exactly (numbers within 1e-6);
* **errors named**: planted mistakes reported on their sheet, row and column (a mistake
  the truth lists but the input does not hold, a cell said to be blanked that holds its
  value, is listed apart and not scored);
* **false errors**: errors the loader reported on rows of valid patients' cells that were
  not planted (counted per reported problem).

Run ``python -m tests.blind.score [batch ...] [--mappings] [--json FILE] [-v]``. With
``--mappings`` a site is loaded with ``tests/blind/mappings/<batch>/<site>.yaml`` when that
file exists (a mapping a user wrote from ``vertebro inspect --write-mapping``; the blind
folders themselves are never edited), else unaided; such sites are marked ``[mapping]``.
A site the loader refuses for want of a pseudonym secret (patients named only by record
number) is then loaded again with one, as its user would with ``--secret``, and its keyed
pseudonyms are matched to the truth's record numbers by the same key (marked
``[--secret]``).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import pandas as pd

from analysis.config import LoadOptions
from analysis.load import LoadResult, load_cohort, options_from_mapping, read_mapping
from analysis.normalize.identifiers import pseudonym
from analysis.problems import ERROR, InputFormatError

HERE = Path(__file__).parent


def _id(value: object) -> str:
    text = unicodedata.normalize("NFKC", str(value)).strip()
    return " ".join(text.split()).casefold()


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or str(value) == ""


def _same(want: object, got: object) -> bool:
    if _blank(want):
        return True
    if _blank(got):
        return False
    try:
        w, g = float(str(want)), float(str(got))
    except ValueError:
        pass
    else:
        return math.isclose(w, g, rel_tol=1e-6, abs_tol=1e-6)
    w_text, g_text = str(want).strip().casefold(), str(got).strip().casefold()
    if w_text in ("yes", "no"):
        return w_text == ("yes" if g_text in ("true", "1", "1.0") else "no")
    if ";" in w_text or ";" in g_text:
        return set(w_text.split(";")) == set(g_text.split(";"))
    return w_text == g_text


@dataclass
class SiteScore:
    site: str
    valid_patients: int = 0
    loaded_patients: int = 0
    values: int = 0
    right: int = 0
    planted: int = 0
    named: int = 0
    false_errors: int = 0
    failure: str = ""
    mapped: bool = False
    secret: bool = False
    wrong: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    not_planted: list[str] = field(default_factory=list)

    @property
    def patient_share(self) -> float:
        return self.loaded_patients / self.valid_patients if self.valid_patients else 0.0

    @property
    def value_share(self) -> float:
        return self.right / self.values if self.values else 0.0

    @property
    def named_share(self) -> float:
        return self.named / self.planted if self.planted else 1.0


def _input(site: Path) -> Path:
    for name in ("input.xlsx", "input.csv", "input"):
        if (site / name).exists():
            return site / name
    others = sorted(site.glob("input.*"))  # a unit's file as it keeps it: input.xls, input.txt
    if len(others) == 1:
        return others[0]
    raise FileNotFoundError(f"{site}: no input.xlsx, input.csv, input.* or input/")


def _planted(site: Path, errors: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """The planted mistakes the input holds, and those it does not: a cell the truth says
    was left blank (a study ID removed) that holds a value in the workbook (the writer's
    script wrote ``None`` where the spreadsheet library then left the cell unchanged).
    Such a mistake is no mistake of the input: it is listed, not scored."""
    blank = [e for e in errors.itertuples() if _blank(getattr(e, "value", ""))]
    if not blank or not (site / "input.xlsx").exists():
        return errors, []
    import openpyxl

    book = openpyxl.load_workbook(site / "input.xlsx", data_only=True)
    absent = {
        e.Index
        for e in blank
        if e.sheet in book.sheetnames and not _blank(book[e.sheet][e.cell].value)
    }
    listed = [f"{e.sheet}!{e.cell} {getattr(e, 'what_is_wrong', '')}" for e in blank if e.Index in absent]  # fmt: skip
    return errors.drop(index=sorted(absent)), listed


def _read(site: Path, table: str) -> pd.DataFrame:
    path = site / "truth" / f"{table}.csv"
    if not path.exists():
        return pd.DataFrame()
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _sessions(procedures: pd.DataFrame) -> dict[str, tuple[str, int]]:
    """procedure_id -> (patient, session number by day order)."""
    out: dict[str, tuple[str, int]] = {}
    firsts = procedures.groupby("procedure_id", observed=True).agg(
        pid=("patient_id", "first"), day=("day", "min")
    )
    for pid, g in firsts.reset_index().groupby("pid"):
        ordered = g.sort_values(["day", "procedure_id"])
        for n, proc in enumerate(ordered["procedure_id"], start=1):
            out[str(proc)] = (_id(pid), n)
    return out


def score_site(site: Path, mapping: Path | None = None, secret: str | None = None) -> SiteScore:
    """Load one site's input (with ``mapping`` and a pseudonym ``secret`` when given) and
    compare it with its truth."""
    options = options_from_mapping(read_mapping(mapping)) if mapping else None
    if secret is not None:
        options = replace(options or LoadOptions(), pseudonym_secret=secret)
    try:
        loaded: LoadResult | Exception = load_cohort(_input(site), options)
    except Exception as exc:  # a crash scores the site as nothing loaded, and names the crash
        loaded = exc
    return score_loaded(site, loaded, mapped=mapping is not None, secret=secret)


def score_loaded(
    site: Path, loaded: LoadResult | Exception, mapped: bool = False, secret: str | None = None
) -> SiteScore:
    """One site's load (or the exception it raised) compared with its truth."""
    result = SiteScore(site.name, mapped=mapped, secret=secret is not None)
    errors = _read(site, "errors")
    bad = {_id(p) for p in errors.get("patient_id", pd.Series(dtype=str)) if str(p).strip()}
    errors, result.not_planted = _planted(site, errors)
    patients = _read(site, "patients")
    valid = {_id(p) for p in patients["patient_id"]} - bad
    result.valid_patients = len(valid)
    result.planted = len(errors)
    if isinstance(loaded, Exception):
        exc = loaded
        result.failure = (str(exc) if isinstance(exc, InputFormatError | ValueError) else f"internal error: {type(exc).__name__}: {exc}")[:300]  # fmt: skip
        result.values = _count_values(site, valid)
        result.missed = [f"{e.sheet}!{e.cell}" for e in errors.itertuples()]
        return result
    cohort = _by_truth_ids(loaded.cohort, patients, secret) if secret else loaded.cohort
    got_patients = {_id(p): r for p, r in zip(cohort.patients["patient_id"], cohort.patients.to_dict("records"), strict=True)}  # fmt: skip
    result.loaded_patients = len(valid & set(got_patients))
    _score_values(site, valid, cohort, got_patients, result)
    _score_errors(errors, loaded.problems, result)
    return result


@dataclass(frozen=True)
class _Tables:
    patients: pd.DataFrame
    procedures: pd.DataFrame
    assessments: pd.DataFrame
    fractures: pd.DataFrame


def _by_truth_ids(cohort, patients: pd.DataFrame, secret: str) -> _Tables:
    """The cohort with each keyed pseudonym replaced by the truth's record number it keys."""
    ids = {pseudonym(p, secret): str(p) for p in patients["patient_id"]}
    tables = {}
    for name in ("patients", "procedures", "assessments", "fractures"):
        frame = getattr(cohort, name).copy()
        if "patient_id" in frame:
            frame["patient_id"] = [ids.get(str(p), str(p)) for p in frame["patient_id"]]
        tables[name] = frame
    return _Tables(**tables)


def _count_values(site: Path, valid: set[str]) -> int:
    n = 0
    for table, fields in _FIELDS.items():
        frame = _read(site, table)
        if frame.empty:
            continue
        rows = frame[frame["patient_id"].map(_id).isin(valid)]
        if table in ("assessments", "fractures"):
            n += len(rows)
        else:
            n += sum(int(not _blank(v)) for f in fields for v in rows.get(f, []))
            if table == "procedures":
                n += len(rows)  # the vertebra itself, on its day
    return n


_FIELDS = {
    "patients": ("sex", "age_years", "etiology", "died"),
    "procedures": (
        "technique",
        "cement_volume_ml",
        "session_cement_volume_ml",
        "cement_type",
        "leakage",
    ),
    "assessments": ("value",),
    "fractures": (),
}


class _Check:
    def __init__(self, result: SiteScore) -> None:
        self.result = result

    def __call__(self, ok: bool, what: str) -> None:
        self.result.values += 1
        self.result.right += ok
        if not ok:
            self.result.wrong.append(what)


def _valid_rows(site: Path, table: str, valid: set[str]) -> list[dict]:
    return [r for r in _read(site, table).to_dict("records") if _id(r["patient_id"]) in valid]


def _score_values(site, valid, cohort, got_patients, result: SiteScore) -> None:
    check = _Check(result)
    for row in _valid_rows(site, "patients", valid):
        got = got_patients.get(_id(row["patient_id"]), {})
        for f in _FIELDS["patients"]:
            if not _blank(row.get(f)):
                check(
                    _same(row[f], got.get(f)), f"{row['patient_id']} {f}: {row[f]} vs {got.get(f)}"
                )
    sessions = _sessions(cohort.procedures) if len(cohort.procedures) else {}
    _score_procedures(site, valid, cohort.procedures, sessions, check)
    _score_outcomes(site, valid, cohort.assessments, sessions, check)
    fractures = defaultdict(set)
    for rec in cohort.fractures.to_dict("records"):
        fractures[_id(rec["patient_id"])].add((int(rec["day"]), str(rec["level"])))
    for row in _valid_rows(site, "fractures", valid):
        pid = _id(row["patient_id"])
        key = (int(float(row["day"])), row["level"].strip().upper())
        check(key in fractures[pid], f"{pid} fracture {key}: {sorted(fractures[pid])}")


def _score_procedures(site, valid, procs, sessions, check: _Check) -> None:
    by_key = {}
    for rec in procs.to_dict("records"):
        pid, n = sessions[str(rec["procedure_id"])]
        by_key[(pid, n, str(rec["level"]))] = rec
    for row in _valid_rows(site, "procedures", valid):
        pid, where = _id(row["patient_id"]), f"{row['patient_id']} s{row['session']} {row['level']}"
        got = by_key.get((pid, int(row["session"]), row["level"].strip().upper())) or {}
        check(
            bool(got) and _same(row["day"], got.get("day")),
            f"{where} day {row['day']}: {got.get('day')}",
        )
        for f in _FIELDS["procedures"]:
            if not _blank(row.get(f)):
                check(_same(row[f], got.get(f)), f"{where} {f}: {row[f]} vs {got.get(f)}")


def _score_outcomes(site, valid, assessments, sessions, check: _Check) -> None:
    scores = {}
    for rec in assessments.to_dict("records"):
        pid, n = sessions.get(str(rec["procedure_id"]), (None, None))
        scores[(pid, n, str(rec["measure"]), str(rec["timepoint"]))] = rec["value"]
    for row in _valid_rows(site, "assessments", valid):
        key = (_id(row["patient_id"]), int(row["session"]), row["measure"], row["timepoint"])
        where = f"{row['patient_id']} s{row['session']} {row['measure']}@{row['timepoint']}"
        check(_same(row["value"], scores.get(key)), f"{where}: {row['value']} vs {scores.get(key)}")


def _letters(cell: str) -> str:
    return "".join(c for c in str(cell) if c.isalpha()).upper()


def _sheets(problem) -> set[str]:
    """The names a problem's sheet goes by: its own, and for a text file (whose only sheet
    the loader names after the file's stem) the file's name, as a truth may write it."""
    sheet, file = _id(problem.sheet), _id(problem.file or "")
    return {sheet, file} if file.rsplit(".", 1)[0] == sheet else {sheet}


def _score_errors(errors: pd.DataFrame, problems, result: SiteScore) -> None:
    found = [p for p in problems if p.severity == ERROR]
    planted_rows = set()
    for e in errors.to_dict("records"):
        sheet, row = _sheet_id(e["sheet"]), int(float(e["row"])) if str(e["row"]).strip() else None
        planted_rows.add((sheet, row))
        header = _id(e.get("column_header", ""))
        letter = _letters(e.get("cell", ""))

        def names(p, sheet=sheet, row=row, header=header, letter=letter) -> bool:
            if not any(s in (sheet, "") or sheet in s for s in _sheets(p)):
                return False
            if p.row != row:
                return False
            col = _id(p.column or "")
            return bool(col) and (
                col == header or header in col or _letters(p.cell or "") == letter
            )

        if any(names(p) for p in found):
            result.named += 1
        else:
            result.missed.append(f"{e['sheet']}!{e['cell']} {e.get('what_is_wrong', '')}")
    result.false_errors = sum(
        1
        for p in found
        if p.row is not None and not any((s, p.row) in planted_rows for s in _sheets(p))
    )


def _sheet_id(sheet: object) -> str:
    """A planted mistake's sheet: a text or HTML input's one sheet is named by its file
    (``input``) whether the truth writes ``input`` or ``input.csv`` (``.txt``, ``.xls``)."""
    name = _id(sheet)
    return re.sub(r"\.(csv|tsv|txt|xls|html?)$", "", name)


def batch_sites(batch: str) -> list[Path]:
    return sorted(p for p in (HERE / batch).iterdir() if (p / "truth").is_dir())


MAPPINGS = HERE / "mappings"


def site_mapping(site: Path) -> Path | None:
    """``mappings/<batch>/<site>.yaml`` when a mapping was written for the site."""
    path = MAPPINGS / site.parent.name / f"{site.name}.yaml"
    return path if path.exists() else None


SCORING_SECRET = "blind-scoring"  # a pseudonym secret as a user passes with --secret


def score_batches(batches: list[str], mappings: bool = False) -> list[SiteScore]:
    """Every site of ``batches``, each with its mapping when ``mappings`` and one exists
    (and, with ``mappings``, a pseudonym secret where the loader asks for one)."""
    out = []
    for site in (s for b in batches for s in batch_sites(b)):
        mapping = site_mapping(site) if mappings else None
        score = score_site(site, mapping)
        if mappings and "pseudonym secret" in score.failure:
            score = score_site(site, mapping, SCORING_SECRET)
        out.append(score)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("batches", nargs="*", default=["batch1"])
    parser.add_argument("--json", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument(
        "--mappings", action="store_true", help="load with mappings/<batch>/<site>.yaml if any"
    )
    args = parser.parse_args(argv)
    scores = score_batches(args.batches, args.mappings)
    for s in scores:
        print(
            f"{s.site:12s} patients {s.loaded_patients:2d}/{s.valid_patients:2d} ({s.patient_share:4.0%})  "
            f"values {s.right:4d}/{s.values:4d} ({s.value_share:4.0%})  "
            f"errors named {s.named}/{s.planted}  false errors {s.false_errors}"
            + ("  [mapping]" if s.mapped else "")
            + ("  [--secret]" if s.secret else "")
            + (f"  FAILED: {s.failure}" if s.failure else "")
        )
        if args.verbose:
            for w in s.missed:
                print(f"{'':14s}missed {w}")
            for w in s.not_planted:
                print(f"{'':14s}not in the input (not scored) {w}")
            for w in s.wrong[:12]:
                print(f"{'':14s}wrong {w}")
    absent = sum(len(s.not_planted) for s in scores)
    tot = {k: sum(getattr(s, k) for s in scores) for k in ("valid_patients", "loaded_patients", "values", "right", "planted", "named", "false_errors")}  # fmt: skip
    print(
        f"overall: patients {tot['loaded_patients']}/{tot['valid_patients']} "
        f"({tot['loaded_patients'] / max(tot['valid_patients'], 1):.1%}), values "
        f"{tot['right']}/{tot['values']} ({tot['right'] / max(tot['values'], 1):.1%}), errors named "
        f"{tot['named']}/{tot['planted']}, false errors {tot['false_errors']}; "
        f"sites at >=90% patients and >=95% values: "
        f"{sum(s.patient_share >= 0.9 and s.value_share >= 0.95 for s in scores)}/{len(scores)}"
        + (f"; with a mapping: {sum(s.mapped for s in scores)}" if args.mappings else "")
        + (f"; planted mistakes not in the input: {absent}" if absent else "")
    )
    if args.json:
        args.json.write_text(json.dumps([asdict(s) for s in scores], indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
