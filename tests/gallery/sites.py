"""A gallery of workbooks kept the way different sites keep them, each with its truth.

Every site writes the same kind of seeded synthetic cohort (``analysis.synth``) in its own
habits: header wording and language, units in headers, two-row headers, column order,
one row per vertebra, per session or per patient, dates as text or serial numbers, codes
in the local language, free text, identifiers, a legend sheet first, a hidden sheet.
None is modelled on the demo workbook. For every column the site records what it holds
(``Target.label`` form: ``patients.age_years``, ``pain_vas@pre``, ``date:procedure_date``,
``identifier:name``, or ``ignore``), and it records the vertebrae, pain scores and new
fractures it wrote, so a test can compare what the loader read with the truth.

``python -m tests.gallery.score`` builds the gallery in a temporary folder and prints the
share of columns each workbook's reading gets right without a mapping.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analysis.synth import synthesize

N_PATIENTS = 40
Getter = Callable[["Row"], object]


@dataclass
class Row:
    """What one spreadsheet row is about: a patient, and a session or one vertebra of it."""

    patient: dict[str, Any]
    start: date  # the index procedure's date
    session: dict[str, Any] | None = None  # day, technique, pain, vertebrae
    vertebrae: list[dict[str, Any]] = field(default_factory=list)
    fracture: dict[str, Any] | None = None
    rng: np.random.Generator | None = None


@dataclass(frozen=True)
class Column:
    header: str
    label: str  # what the column holds (Target.label form, or "ignore")
    get: Getter


@dataclass
class Written:
    """The truth a site wrote: its columns' meaning and the data in its rows."""

    labels: dict[tuple[str, int], str] = field(default_factory=dict)
    patients: set[str] = field(default_factory=set)
    vertebrae: list[tuple[str, int, str, float | None]] = field(default_factory=list)
    pain: list[tuple[str, int, float | None, float | None]] = field(default_factory=list)
    fractures: list[tuple[str, int, str]] = field(default_factory=list)
    per_vertebra_volumes: bool = True
    session_volumes: dict[tuple[str, int], float] = field(default_factory=dict)

    def mean_volume(self) -> float:
        return float(np.nanmean([v for *_, v in self.vertebrae if v is not None]))

    def mean_pain(self, which: int) -> float:
        return float(np.nanmean([p[2 + which] for p in self.pain if p[2 + which] is not None]))


@dataclass(frozen=True)
class Site:
    name: str
    description: str
    seed: int
    write: Callable[[Path, int], Written]


# -- the cohort, as sessions ---------------------------------------------------------


def _sessions(seed: int) -> list[Row]:
    """One Row per session of every patient of a seeded synthetic cohort."""
    cohort = synthesize(N_PATIENTS, seed=seed)
    rng = np.random.default_rng(seed)
    pain = cohort.assessments[cohort.assessments["measure"] == "pain_vas"]
    pain = pain.set_index(["procedure_id", "timepoint"])["value"].to_dict()
    fractures = {
        str(pid): g.sort_values("day").to_dict("records")
        for pid, g in cohort.fractures.groupby("patient_id", observed=True)
    }
    rows = []
    for k, pt in enumerate(cohort.patients.to_dict("records")):
        pid = str(pt["patient_id"])
        start = date(2018, 1, 8) + timedelta(days=int(rng.integers(0, 1400)))
        procs = cohort.procedures[cohort.procedures["patient_id"] == pid]
        first = True
        for proc_id, g in procs.groupby("procedure_id", sort=False, observed=True):
            vertebrae = g.to_dict("records")
            session = {
                "day": int(g["day"].iloc[0]),
                "technique": str(g["technique"].iloc[0]),
                "pre": pain.get((proc_id, "pre")),
                "1m": pain.get((proc_id, "1m")),
                "3m": pain.get((proc_id, "3m")),
                "24h": pain.get((proc_id, "24h")),
                "12m": pain.get((proc_id, "12m")),
            }
            frac = fractures.get(pid, [None])[0] if first else None
            rows.append(Row(pt | {"k": k}, start, session, vertebrae, frac, rng))
            first = False
    rows.sort(key=lambda r: (r.patient["k"], r.session["day"] if r.session else 0))
    return rows


def _per_vertebra(rows: list[Row]) -> list[Row]:
    out = []
    for r in rows:
        for i, v in enumerate(r.vertebrae):
            out.append(
                Row(r.patient, r.start, r.session, [v], r.fracture if i == 0 else None, r.rng)
            )
    return out


def _record(written: Written, rows: list[Row], volumes: str) -> None:
    """Note the truth of the rows written (``volumes``: per vertebra, session total, none)."""
    seen_sessions = set()
    for r in rows:
        pid = str(r.patient["patient_id"])
        written.patients.add(pid)
        if r.session is None:
            continue
        key = (pid, r.session["day"])
        for v in r.vertebrae:
            vol = float(v["cement_volume_ml"]) if volumes == "vertebra" else None
            written.vertebrae.append((pid, r.session["day"], str(v["level"]), vol))
        if key not in seen_sessions:
            seen_sessions.add(key)
            written.pain.append((pid, r.session["day"], r.session["pre"], r.session["1m"]))
            if volumes == "session":
                total = round(sum(float(v["cement_volume_ml"]) for v in r.vertebrae), 1)
                written.session_volumes[key] = total
        if r.fracture is not None and "fractures.level" in written.labels.values():
            written.fractures.append((pid, int(r.fracture["day"]), str(r.fracture["level"])))
    written.per_vertebra_volumes = volumes == "vertebra"


def _write(
    path: Path,
    sheets: list[tuple[str, list[Column] | None, list[list[object]] | list[Row], dict[str, Any]]],
) -> dict[tuple[str, int], str]:
    """Write sheets: (title, columns or None for a free sheet, rows, options)."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    labels: dict[tuple[str, int], str] = {}
    for title, columns, rows, opts in sheets:
        ws = wb.create_sheet(title)
        if opts.get("hidden"):
            ws.sheet_state = "hidden"
        for line in opts.get("title_lines", []):
            ws.append(line)
        if columns is None:
            for row in rows:
                ws.append(list(row))  # type: ignore[arg-type]
            continue
        groups = opts.get("groups")
        if groups:  # a two-row header: group labels merged over their columns
            top = ws.max_row + 1 if ws.max_row > 1 or ws["A1"].value is not None else 1
            col = 1
            for label, span in groups:
                ws.cell(top, col, label)
                if span > 1:
                    ws.merge_cells(
                        start_row=top, start_column=col, end_row=top, end_column=col + span - 1
                    )
                col += span
            ws.append([c.header for c in columns])
        else:
            ws.append([c.header for c in columns])
        for i, c in enumerate(columns, start=1):
            labels[(title, i)] = c.label
        for row in rows:
            ws.append([c.get(row) for c in columns])  # type: ignore[arg-type]
    wb.save(path)
    return labels


# -- value writers in local habits -----------------------------------------------------


def _day(r: Row) -> date:
    return r.start + timedelta(days=int(r.session["day"])) if r.session else r.start


def _text_date(fmt: str) -> Getter:
    return lambda r: _day(r).strftime(fmt)


def _code(column: str, codes: dict[str, str]) -> Getter:
    def get(r: Row) -> object:
        value = r.patient.get(column) if column in r.patient else r.vertebrae[0].get(column)
        if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
            return None
        return codes.get(str(value), str(value))

    return get


def _levels(style: Callable[[str], str] = str, sep: str = "/") -> Getter:
    return lambda r: sep.join(style(str(v["level"])) for v in r.vertebrae)


def _volume(fmt: Callable[[float], object] = lambda x: x) -> Getter:
    return lambda r: fmt(round(sum(float(v["cement_volume_ml"]) for v in r.vertebrae), 1))


def _pain(tp: str) -> Getter:
    return lambda r: r.session.get(tp) if r.session else None


def _fracture(kind: str, style: Callable[[str], str] = str, fmt: str | None = None) -> Getter:
    def get(r: Row) -> object:
        f = r.fracture
        if f is None:
            return None
        if kind == "level":
            return style(str(f["level"]))
        d = r.start + timedelta(days=int(f["day"]))
        return d.strftime(fmt) if fmt else datetime(d.year, d.month, d.day)

    return get


def _german_level(level: str) -> str:
    prefix = {"T": "BWK ", "L": "LWK ", "C": "HWK ", "S": "SWK "}[level[0]]
    return prefix + level[1:]


def _name(r: Row) -> str:
    first = ["Anna", "Hans", "Marie", "Jan", "Sofia", "Luca", "Eva", "Pieter"]
    last = ["Keller", "Dubois", "de Vries", "Rossi", "Garcia", "Novak", "Berg"]
    k = int(r.patient["k"])
    return f"{first[k % 8]} {last[(k * 3) % 7]}"


def _mrn(r: Row) -> str:
    return f"{7300000 + int(r.patient['k']) * 37}"


def _dob(r: Row) -> datetime:
    years = float(r.patient["age_years"])
    d = r.start - timedelta(days=int(years * 365.25) + 40)
    return datetime(d.year, d.month, d.day)


def _age(r: Row) -> object:
    return r.patient["age_years"]


ID = lambda r: r.patient["patient_id"]  # noqa: E731
ETIOLOGY_DE = {"osteoporotic": "Osteoporose", "pathologic": "Metastase", "traumatic": "Trauma"}
TECH_DE = {"vertebroplasty": "Vertebroplastie", "kyphoplasty": "Kyphoplastie"}
LEAK_DE = {
    "none": "keine",
    "disc": "Bandscheibe",
    "venous": "venös",
    "epidural": "epidural",
    "paravertebral": "Weichteil",
    "foraminal": "foraminal",
}


# -- the sites -------------------------------------------------------------------------


def vienna(path: Path, seed: int) -> Written:
    """German, one row per vertebra, dotted text dates, BWK/LWK levels, names and DOB."""
    rows = _per_vertebra(_sessions(seed))
    cols = [
        Column("Pat.-Nr.", "patients.patient_id", ID),
        Column("Name", "identifier:name", _name),
        Column("Geburtsdatum", "identifier:birth_date", _dob),
        Column(
            "Geschlecht", "patients.sex", _code("sex", {"female": "weiblich", "male": "männlich"})
        ),
        Column("Alter", "patients.age_years", _age),
        Column("Ätiologie", "patients.etiology", _code("etiology", ETIOLOGY_DE)),
        Column("OP-Datum", "date:procedure_date", _text_date("%d.%m.%Y")),
        Column("Höhe", "procedures.level", _levels(_german_level)),
        Column("Verfahren", "procedures.technique", _code("technique", TECH_DE)),
        Column(
            "Zementvolumen (ml)",
            "procedures.cement_volume_ml",
            _volume(lambda x: f"{x:.1f}".replace(".", ",")),
        ),
        Column("Leckage", "procedures.leakage", _code("leakage", LEAK_DE)),
        Column("VAS prä-OP", "pain_vas@pre", _pain("pre")),
        Column("VAS 1 Monat", "pain_vas@1m", _pain("1m")),
        Column("Neue Fraktur", "fractures.level", _fracture("level", _german_level)),
        Column("Datum neue Fraktur", "date:fracture_date", _fracture("date", fmt="%d.%m.%Y")),
        Column(
            "Bemerkung",
            "ignore",
            lambda r: "komplikationslos" if r.patient["k"] % 3 else "Kontrolle in 6 Wochen",
        ),
    ]
    w = Written(labels=_write(path, [("Patienten", cols, rows, {})]))
    _record(w, rows, "vertebra")
    return w


def lyon(path: Path, seed: int) -> Written:
    """French, one row per session (levels joined, the session's total cement)."""
    rows = _sessions(seed)
    cols = [
        Column("N° patient", "patients.patient_id", ID),
        Column("Nom Prénom", "identifier:name", _name),
        Column("Sexe", "patients.sex", _code("sex", {"female": "F", "male": "H"})),
        Column("Âge", "patients.age_years", _age),
        Column("Date intervention", "date:procedure_date", _text_date("%d/%m/%Y")),
        Column("Niveau(x)", "procedures.level", _levels()),
        Column(
            "Technique",
            "procedures.technique",
            _code(
                "technique", {"vertebroplasty": "vertébroplastie", "kyphoplasty": "cyphoplastie"}
            ),
        ),
        Column("Volume de ciment (ml)", "procedures.cement_volume_ml", _volume()),
        Column(
            "Fuite",
            "procedures.leakage",
            _code(
                "leakage",
                {
                    "none": "aucune",
                    "disc": "discale",
                    "venous": "veineuse",
                    "epidural": "épidurale",
                    "paravertebral": "parties molles",
                    "foraminal": "foraminale",
                },
            ),
        ),
        Column("EVA pré-op", "pain_vas@pre", _pain("pre")),
        Column("EVA 1 mois", "pain_vas@1m", _pain("1m")),
        Column(
            "Étiologie",
            "patients.etiology",
            _code(
                "etiology",
                {
                    "osteoporotic": "ostéoporose",
                    "pathologic": "métastase",
                    "traumatic": "traumatique",
                },
            ),
        ),
    ]
    w = Written(
        labels=_write(
            path, [("Série", cols, rows, {"title_lines": [["Vertébroplasties 2018-2022"], []]})]
        )
    )
    _record(w, rows, "session")
    return w


def utrecht(path: Path, seed: int) -> Written:
    """Dutch, one row per vertebra, dates as Excel dates, M/V codes."""
    rows = _per_vertebra(_sessions(seed))
    cols = [
        Column("Studienummer", "patients.patient_id", ID),
        Column("Geslacht", "patients.sex", _code("sex", {"female": "V", "male": "M"})),
        Column("Leeftijd", "patients.age_years", _age),
        Column(
            "Datum ingreep",
            "date:procedure_date",
            lambda r: datetime.combine(_day(r), datetime.min.time()),
        ),
        Column("Niveau", "procedures.level", _levels()),
        Column(
            "Techniek",
            "procedures.technique",
            _code(
                "technique", {"vertebroplasty": "vertebroplastiek", "kyphoplasty": "kyfoplastiek"}
            ),
        ),
        Column("Cementvolume (ml)", "procedures.cement_volume_ml", _volume()),
        Column(
            "Lekkage",
            "procedures.leakage",
            _code("leakage", {"none": "geen", "disc": "disc", "venous": "veneus"}),
        ),
        Column("VAS pre", "pain_vas@pre", _pain("pre")),
        Column("VAS 1 maand", "pain_vas@1m", _pain("1m")),
        Column(
            "Oorzaak",
            "patients.etiology",
            _code("etiology", {"osteoporotic": "osteoporose", "pathologic": "metastase"}),
        ),
    ]
    w = Written(labels=_write(path, [("Data", cols, rows, {})]))
    _record(w, rows, "vertebra")
    return w


def milano(path: Path, seed: int) -> Written:
    """Italian, one row per vertebra, dd/mm/yyyy dates."""
    rows = _per_vertebra(_sessions(seed))
    cols = [
        Column("Codice paziente", "patients.patient_id", ID),
        Column("Cognome", "identifier:name", lambda r: _name(r).split()[-1]),
        Column("Sesso", "patients.sex", _code("sex", {"female": "F", "male": "M"})),
        Column("Età", "patients.age_years", _age),
        Column("Data intervento", "date:procedure_date", _text_date("%d/%m/%Y")),
        Column("Livello", "procedures.level", _levels()),
        Column(
            "Tecnica",
            "procedures.technique",
            _code(
                "technique", {"vertebroplasty": "vertebroplastica", "kyphoplasty": "cifoplastica"}
            ),
        ),
        Column("Volume cemento (ml)", "procedures.cement_volume_ml", _volume()),
        Column("VAS pre", "pain_vas@pre", _pain("pre")),
        Column("VAS 1 mese", "pain_vas@1m", _pain("1m")),
        Column(
            "Eziologia",
            "patients.etiology",
            _code("etiology", {"osteoporotic": "osteoporosi", "pathologic": "metastasi"}),
        ),
    ]
    w = Written(labels=_write(path, [("Casistica", cols, rows, {})]))
    _record(w, rows, "vertebra")
    return w


def madrid(path: Path, seed: int) -> Written:
    """Spanish, one row per session, sexes spelled out (Spanish 'M' would be mujer)."""
    rows = _sessions(seed)
    cols = [
        Column("ID paciente", "patients.patient_id", ID),
        Column("Sexo", "patients.sex", _code("sex", {"female": "Mujer", "male": "Hombre"})),
        Column("Edad", "patients.age_years", _age),
        Column("Fecha", "date:procedure_date", _text_date("%d/%m/%Y")),
        Column("Nivel", "procedures.level", _levels(sep=", ")),
        Column(
            "Técnica",
            "procedures.technique",
            _code("technique", {"vertebroplasty": "vertebroplastia", "kyphoplasty": "cifoplastia"}),
        ),
        Column("Volumen de cemento (ml)", "procedures.cement_volume_ml", _volume()),
        Column("EVA pre", "pain_vas@pre", _pain("pre")),
        Column("EVA 1 mes", "pain_vas@1m", _pain("1m")),
        Column(
            "Etiología",
            "patients.etiology",
            _code("etiology", {"osteoporotic": "osteoporosis", "pathologic": "metástasis"}),
        ),
    ]
    w = Written(labels=_write(path, [("Pacientes", cols, rows, {})]))
    _record(w, rows, "session")
    return w


def boston(path: Path, seed: int) -> Written:
    """English abbreviations with units in headers, identifiers first, free-text notes."""
    rows = _per_vertebra(_sessions(seed))
    cols = [
        Column("MRN", "identifier:mrn", _mrn),
        Column("Pt name", "identifier:name", _name),
        Column("DOB", "identifier:birth_date", _dob),
        Column("Case no.", "patients.patient_id", ID),
        Column("Sex (M/F)", "patients.sex", _code("sex", {"female": "F", "male": "M"})),
        Column("Age [y]", "patients.age_years", _age),
        Column(
            "Proc date",
            "date:procedure_date",
            lambda r: datetime.combine(_day(r), datetime.min.time()),
        ),
        Column("Vert. level", "procedures.level", _levels()),
        Column(
            "Procedure type",
            "procedures.technique",
            _code("technique", {"vertebroplasty": "PVP", "kyphoplasty": "BKP"}),
        ),
        Column("Vol (ml)", "procedures.cement_volume_ml", _volume()),
        Column("Pain pre (0-10)", "pain_vas@pre", _pain("pre")),
        Column("Pain 1 mo", "pain_vas@1m", _pain("1m")),
        Column(
            "Fracture type",
            "patients.etiology",
            _code("etiology", {"osteoporotic": "OVCF", "pathologic": "mets"}),
        ),
        Column("Notes", "ignore", lambda r: "uneventful" if r.patient["k"] % 4 else "f/u call"),
    ]
    w = Written(labels=_write(path, [("Sheet1", cols, rows, {})]))
    _record(w, rows, "vertebra")
    return w


def ambiguous(path: Path, seed: int) -> Written:
    """Bare headers that name several fields: Cement holds volumes, Type the technique."""
    rows = _per_vertebra(_sessions(seed))
    cols = [
        Column("ID", "patients.patient_id", ID),
        Column("Sex", "patients.sex", _code("sex", {"female": "F", "male": "M"})),
        Column("Age", "patients.age_years", _age),
        Column("Date", "date:procedure_date", _text_date("%Y-%m-%d")),
        Column("Level", "procedures.level", _levels()),
        Column(
            "Type",
            "procedures.technique",
            _code("technique", {"vertebroplasty": "VP", "kyphoplasty": "KP"}),
        ),
        Column("Cement", "procedures.cement_volume_ml", _volume(lambda x: f"{x:g} mL")),
        Column("Pain pre", "pain_vas@pre", _pain("pre")),
        Column("Pain 1m", "pain_vas@1m", _pain("1m")),
    ]
    w = Written(labels=_write(path, [("Cases", cols, rows, {})]))
    _record(w, rows, "vertebra")
    return w


def two_row(path: Path, seed: int) -> Written:
    """A two-row header with merged group labels, one row per session."""
    rows = _sessions(seed)
    cols = [
        Column("ID", "patients.patient_id", ID),
        Column("Sex", "patients.sex", _code("sex", {"female": "female", "male": "male"})),
        Column("Age", "patients.age_years", _age),
        Column(
            "Date", "date:procedure_date", lambda r: datetime.combine(_day(r), datetime.min.time())
        ),
        Column("Level(s)", "procedures.level", _levels(sep=", ")),
        Column("Technique", "procedures.technique", _code("technique", {})),
        Column("Volume (mL)", "procedures.cement_volume_ml", _volume()),
        Column("pre", "pain_vas@pre", _pain("pre")),
        Column("1 month", "pain_vas@1m", _pain("1m")),
        Column("3 months", "pain_vas@3m", _pain("3m")),
        Column("Date", "date:fracture_date", _fracture("date")),
        Column("Level", "fractures.level", _fracture("level")),
    ]
    groups = [("Patient", 3), ("Procedure", 4), ("VAS", 3), ("New fracture", 2)]
    w = Written(labels=_write(path, [("Registry", cols, rows, {"groups": groups})]))
    _record(w, rows, "session")
    return w


def per_patient(path: Path, seed: int) -> Written:
    """One row per patient: the index session's levels and volumes in numbered columns,
    a repeat session in columns of its own."""
    sessions = _sessions(seed)
    by_patient: dict[str, list[Row]] = {}
    for r in sessions:
        by_patient.setdefault(str(r.patient["patient_id"]), []).append(r)
    rows = [group[0] for group in by_patient.values()]
    repeats = {pid: group[1] for pid, group in by_patient.items() if len(group) > 1}

    def slot(n: int, what: str) -> Getter:
        def get(r: Row) -> object:
            if n >= len(r.vertebrae):
                return None
            v = r.vertebrae[n]
            return str(v["level"]) if what == "level" else float(v["cement_volume_ml"])

        return get

    def rep(what: str) -> Getter:
        def get(r: Row) -> object:
            s = repeats.get(str(r.patient["patient_id"]))
            if s is None:
                return None
            if what == "date":
                return datetime.combine(_day(s), datetime.min.time())
            if what == "level":
                return "/".join(str(v["level"]) for v in s.vertebrae)
            return round(sum(float(v["cement_volume_ml"]) for v in s.vertebrae), 1)

        return get

    cols = [
        Column("Subject", "patients.patient_id", ID),
        Column("Gender", "patients.sex", _code("sex", {"female": "F", "male": "M"})),
        Column("Age", "patients.age_years", _age),
        Column(
            "Index date",
            "date:procedure_date",
            lambda r: datetime.combine(_day(r), datetime.min.time()),
        ),
        Column("Level 1", "procedures.level", slot(0, "level")),
        Column("Vol 1 (ml)", "procedures.cement_volume_ml", slot(0, "volume")),
        Column("Level 2", "procedures.level", slot(1, "level")),
        Column("Vol 2 (ml)", "procedures.cement_volume_ml", slot(1, "volume")),
        Column("Level 3", "procedures.level", slot(2, "level")),
        Column("Vol 3 (ml)", "procedures.cement_volume_ml", slot(2, "volume")),
        Column("VAS pre", "pain_vas@pre", _pain("pre")),
        Column("VAS 1m", "pain_vas@1m", _pain("1m")),
        Column("Repeat date", "date:procedure_date", rep("date")),
        Column("Repeat level", "procedures.level", rep("level")),
        Column("Repeat volume (ml)", "procedures.cement_volume_ml", rep("volume")),
    ]
    w = Written(labels=_write(path, [("Patients", cols, rows, {})]))
    _record(w, rows, "vertebra")
    for pid, s in repeats.items():
        volume = None if len(s.vertebrae) > 1 else float(s.vertebrae[0]["cement_volume_ml"])
        for v in s.vertebrae:
            w.vertebrae.append((pid, s.session["day"], str(v["level"]), volume))
    w.fractures = []
    return w


def legend_first(path: Path, seed: int) -> Written:
    """A codebook sheet before the data and a hidden sheet of old data after it."""
    rows = _per_vertebra(_sessions(seed))
    legend = [
        ["Codebook"],
        ["Sex", "F = female, M = male"],
        ["Technique", "VP / KP"],
        ["VAS", "0-10"],
    ]
    cols = [
        Column("Study ID", "patients.patient_id", ID),
        Column("Sex", "patients.sex", _code("sex", {"female": "F", "male": "M"})),
        Column("Age", "patients.age_years", _age),
        Column("Procedure date", "date:procedure_date", _text_date("%d %b %Y")),
        Column("Levels", "procedures.level", _levels()),
        Column(
            "Technique",
            "procedures.technique",
            _code("technique", {"vertebroplasty": "VP", "kyphoplasty": "KP"}),
        ),
        Column("Cement volume", "procedures.cement_volume_ml", _volume()),
        Column("Leakage", "procedures.leakage", _code("leakage", {})),
        Column("VAS pre", "pain_vas@pre", _pain("pre")),
        Column("VAS 1m", "pain_vas@1m", _pain("1m")),
        Column("Etiology", "patients.etiology", _code("etiology", {})),
    ]
    old = [["Study ID", "Sex", "Age", "Levels"], ["OLD1", "F", 80, "L1"]]
    sheets: list[Any] = [
        ("Legend", None, legend, {}),
        ("Data", cols, rows, {}),
        ("2017", None, old, {"hidden": True}),
    ]
    w = Written(labels=_write(path, sheets))
    _record(w, rows, "vertebra")
    return w


def snake_case(path: Path, seed: int) -> Written:
    """Database-style snake_case headers, dates as Excel serial numbers."""
    rows = _per_vertebra(_sessions(seed))

    def serial(d: date) -> int:
        return (d - date(1899, 12, 30)).days

    cols = [
        Column("study_id", "patients.patient_id", ID),
        Column("sex", "patients.sex", _code("sex", {"female": "f", "male": "m"})),
        Column("age_years", "patients.age_years", _age),
        Column("proc_date", "date:procedure_date", lambda r: serial(_day(r))),
        Column("level", "procedures.level", _levels()),
        Column("technique", "procedures.technique", _code("technique", {})),
        Column("cement_volume_ml", "procedures.cement_volume_ml", _volume()),
        Column("vas_pre", "pain_vas@pre", _pain("pre")),
        Column("vas_1m", "pain_vas@1m", _pain("1m")),
        Column(
            "new_fx_date",
            "date:fracture_date",
            lambda r: (
                serial(r.start + timedelta(days=int(r.fracture["day"]))) if r.fracture else None
            ),
        ),
        Column("new_fx_level", "fractures.level", _fracture("level")),
    ]
    w = Written(labels=_write(path, [("export", cols, rows, {})]))
    _record(w, rows, "vertebra")
    return w


def shorthand(path: Path, seed: int) -> Written:
    """Clinical shorthand: BKP/PVP, mets/OVCF, '~4 ml', study IDs in other case or with
    spaces, a typographic minus in T-scores, ages typed per procedure."""
    rows = _per_vertebra(_sessions(seed))

    def pid(r: Row) -> str:
        p = str(r.patient["patient_id"])
        return f" {p.lower()} " if r.session and r.session["day"] > 0 else p

    def age(r: Row) -> object:
        return float(r.patient["age_years"]) + (int(r.session["day"]) // 365 if r.session else 0)

    def tscore(r: Row) -> object:
        t = r.patient.get("bmd_t_score")
        return None if t is None or pd.isna(t) else f"{t:.1f}".replace("-", "\u2212")

    def volume(r: Row) -> object:
        x = float(r.vertebrae[0]["cement_volume_ml"])
        return [f"~{x:g} ml", f"{x:g}", f"approx. {x:g} mL"][int(r.patient["k"]) % 3]

    cols = [
        Column("Pt ID", "patients.patient_id", pid),
        Column("Sex", "patients.sex", _code("sex", {"female": "F", "male": "M"})),
        Column("Age", "patients.age_years", age),
        Column(
            "Dx",
            "patients.etiology",
            _code("etiology", {"osteoporotic": "OVCF", "pathologic": "mets"}),
        ),
        Column("T-score", "patients.bmd_t_score", tscore),
        Column("Date", "date:procedure_date", _text_date("%d-%b-%Y")),
        Column("Level", "procedures.level", _levels()),
        Column(
            "Procedure",
            "procedures.technique",
            _code("technique", {"vertebroplasty": "PVP", "kyphoplasty": "BKP"}),
        ),
        Column("Cement", "procedures.cement_volume_ml", volume),
        Column("VAS pre", "pain_vas@pre", _pain("pre")),
        Column("VAS 1m", "pain_vas@1m", _pain("1m")),
    ]
    w = Written(labels=_write(path, [("VP log", cols, rows, {})]))
    _record(w, rows, "vertebra")
    return w


def outcomes(path: Path, seed: int) -> Written:
    """Many outcome time points and a title block above the header."""
    rows = _sessions(seed)
    cols = [
        Column("Subject ID", "patients.patient_id", ID),
        Column("Gender", "patients.sex", _code("sex", {})),
        Column("Age, years", "patients.age_years", _age),
        Column(
            "Date of procedure",
            "date:procedure_date",
            lambda r: datetime.combine(_day(r), datetime.min.time()),
        ),
        Column("Treated levels", "procedures.level", _levels(sep=", ")),
        Column("Total cement (ml)", "procedures.session_cement_volume_ml", _volume()),
        Column("VAS baseline", "pain_vas@pre", _pain("pre")),
        Column("VAS 24 hours", "pain_vas@24h", _pain("24h")),
        Column("VAS 1 month", "pain_vas@1m", _pain("1m")),
        Column("VAS 3 months", "pain_vas@3m", _pain("3m")),
        Column("VAS 12 months", "pain_vas@12m", _pain("12m")),
    ]
    title = [
        ["Outcomes after vertebral augmentation"],
        ["Exported from the department database"],
        [],
    ]
    w = Written(labels=_write(path, [("Outcomes", cols, rows, {"title_lines": title})]))
    _record(w, rows, "session")
    return w


def night_shift(path: Path, seed: int) -> Written:
    """Headers typed in a hurry: symbols, questions, abbreviations nobody declared."""
    rows = _per_vertebra(_sessions(seed))
    cols = [
        Column("Pt #", "patients.patient_id", ID),
        Column("M/F", "patients.sex", _code("sex", {"female": "F", "male": "M"})),
        Column("Age at op", "patients.age_years", _age),
        Column("Date of VP", "date:procedure_date", _text_date("%m/%d/%Y")),
        Column("Vertebra treated", "procedures.level", _levels()),
        Column(
            "Kypho? (Y/N)",
            "procedures.technique",
            _code("technique", {"vertebroplasty": "N", "kyphoplasty": "Y"}),
        ),
        Column("Cement (cc)", "procedures.cement_volume_ml", _volume()),
        Column("Pain score before", "pain_vas@pre", _pain("pre")),
        Column("Pain score after 4 weeks", "pain_vas@1m", _pain("1m")),
        Column(
            "Leak? (Y/N)",
            "procedures.leakage",
            _code(
                "leakage",
                {
                    "none": "N",
                    "disc": "Y",
                    "venous": "Y",
                    "epidural": "Y",
                    "paravertebral": "Y",
                    "foraminal": "Y",
                },
            ),
        ),
    ]
    w = Written(labels=_write(path, [("Log", cols, rows, {})]))
    _record(w, rows, "vertebra")
    return w


def beijing(path: Path, seed: int) -> Written:
    """Chinese headers and codes."""
    rows = _per_vertebra(_sessions(seed))
    cols = [
        Column("编号", "patients.patient_id", ID),
        Column("姓名", "identifier:name", _name),
        Column("性别", "patients.sex", _code("sex", {"female": "女", "male": "男"})),
        Column("年龄", "patients.age_years", _age),
        Column("手术日期", "date:procedure_date", _text_date("%Y-%m-%d")),
        Column("节段", "procedures.level", _levels()),
        Column(
            "术式",
            "procedures.technique",
            _code("technique", {"vertebroplasty": "PVP", "kyphoplasty": "PKP"}),
        ),
        Column("骨水泥量(ml)", "procedures.cement_volume_ml", _volume()),
        Column("VAS术前", "pain_vas@pre", _pain("pre")),
        Column("VAS术后1个月", "pain_vas@1m", _pain("1m")),
    ]
    w = Written(labels=_write(path, [("病例", cols, rows, {})]))
    _record(w, rows, "vertebra")
    return w


SITES: tuple[Site, ...] = (
    Site("vienna", vienna.__doc__ or "", 101, vienna),
    Site("lyon", lyon.__doc__ or "", 102, lyon),
    Site("utrecht", utrecht.__doc__ or "", 103, utrecht),
    Site("milano", milano.__doc__ or "", 104, milano),
    Site("madrid", madrid.__doc__ or "", 105, madrid),
    Site("boston", boston.__doc__ or "", 106, boston),
    Site("ambiguous", ambiguous.__doc__ or "", 107, ambiguous),
    Site("two_row", two_row.__doc__ or "", 108, two_row),
    Site("per_patient", per_patient.__doc__ or "", 109, per_patient),
    Site("legend_first", legend_first.__doc__ or "", 110, legend_first),
    Site("snake_case", snake_case.__doc__ or "", 111, snake_case),
    Site("shorthand", shorthand.__doc__ or "", 112, shorthand),
    Site("outcomes", outcomes.__doc__ or "", 113, outcomes),
    Site("night_shift", night_shift.__doc__ or "", 114, night_shift),
    Site("beijing", beijing.__doc__ or "", 115, beijing),
)


def build(directory: Path) -> dict[str, tuple[Path, Written]]:
    """Write every site's workbook into ``directory``; returns path and truth by site."""
    directory.mkdir(parents=True, exist_ok=True)
    out = {}
    for site in SITES:
        path = directory / f"{site.name}.xlsx"
        out[site.name] = (path, site.write(path, site.seed))
    return out
