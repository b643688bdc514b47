"""Write a cohort as a REDCap export: records CSV (raw codes) and data dictionary CSV.

The project is laid out as longitudinal REDCap registries are:

* events ``baseline_arm_1``, ``24_hours_arm_1``, ``1_month_arm_1``, ``3_months_arm_1``,
  ``12_months_arm_1`` and ``follow_up_arm_1``;
* a ``patient`` form and a ``pain`` form (pain and mobility without a time point: the
  event gives it) at baseline, the ``pain`` form again at each scheduled visit, for the
  index procedure;
* a repeating ``procedure`` instrument at baseline, one instance per treated vertebra,
  with a checkbox leakage field (every box 0 when there was no leakage) and, for later
  sessions, their own pain and mobility scores;
* a repeating ``new_fracture`` instrument in the follow-up event;
* follow-up (date of last contact, died, date of death) either on a ``follow_up`` form of
  the follow-up event (``followup="event"``) or as a repeating ``contact`` instrument,
  one instance per contact, the last one carrying the last contact and vital status
  (``followup="repeating"``). A patient who died was last in contact at death.

Free-text fields (treated level, cement volume, new fracture level) carry the spelling
habits chosen by ``messiness``; coded fields carry REDCap's raw codes.
"""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from analysis.schema import Cohort
from analysis.synth.writers import _FIRST, _LAST, Messiness, _messy_level, _messy_volume, _sessions

Followup = Literal["event", "repeating"]

_YESNO = "yesno"
# name, form, type, label, choices, identifier, validation
_FIELDS: list[tuple[str, str, str, str, str, str, str]] = [
    ("record_id", "patient", "text", "Study ID", "", "", ""),
    ("patient_name", "patient", "text", "Patient name", "", "y", ""),
    ("dob", "patient", "text", "Date of birth", "", "y", "date_ymd"),
    ("sex", "patient", "radio", "Sex", "1, Female | 2, Male", "", ""),
    ("age", "patient", "text", "Age (years)", "", "", "number"),
    (
        "etiology",
        "patient",
        "dropdown",
        "Fracture etiology",
        "1, Osteoporotic | 2, Pathologic | 3, Traumatic",
        "",
        "",
    ),
    ("bmd", "patient", "text", "BMD T-score", "", "", "number"),
    ("steroids", "patient", _YESNO, "Steroid use", "", "", ""),
    ("op_treatment", "patient", _YESNO, "Osteoporosis treatment", "", "", ""),
    ("prior_fx", "patient", "text", "Prior fractures", "", "", "integer"),
    ("persistent_pain", "patient", _YESNO, "Persistent back pain", "", "", ""),
    (
        "pain_source",
        "patient",
        "dropdown",
        "Pain source",
        "1, Facet | 2, Sacroiliac | 3, Facet and sacroiliac | 4, Other",
        "",
        "",
    ),
    (
        "injection_relief",
        "patient",
        "dropdown",
        "Relief after injection",
        "1, First injection | 2, Repeat injections | 3, None",
        "",
        "",
    ),
    ("rf", "patient", _YESNO, "RF neurolysis", "", "", ""),
    ("vas", "pain", "text", "VAS pain (0-10)", "", "", "number"),
    ("mobility", "pain", "text", "Mobility score", "", "", "integer"),
    ("proc_date", "procedure", "text", "Date of procedure", "", "", "date_ymd"),
    ("proc_level", "procedure", "text", "Treated level", "", "", ""),
    (
        "technique",
        "procedure",
        "radio",
        "Technique",
        "1, Vertebroplasty | 2, Kyphoplasty | 3, Other",
        "",
        "",
    ),
    (
        "approach",
        "procedure",
        "radio",
        "Approach",
        "1, Unipedicular | 2, Bipedicular | 3, Extrapedicular",
        "",
        "",
    ),
    (
        "cement_type",
        "procedure",
        "dropdown",
        "Cement type",
        "1, PMMA | 2, Cortoss | 3, Calcium phosphate | 4, Other",
        "",
        "",
    ),
    ("cement_ml", "procedure", "text", "Cement volume (mL)", "", "", ""),
    (
        "leak",
        "procedure",
        "checkbox",
        "Cement leakage",
        "1, Disc | 2, Venous | 3, Paravertebral | 4, Epidural | 5, Foraminal",
        "",
        "",
    ),
    ("cleft", "procedure", _YESNO, "Intravertebral cleft", "", "", ""),
    ("repeat_proc", "procedure", _YESNO, "Repeat augmentation", "", "", ""),
    (
        "indication",
        "procedure",
        "dropdown",
        "Indication",
        "1, Initial | 2, Unrelieved pain | 3, Recurrent pain | 4, New fracture | 5, Other",
        "",
        "",
    ),
    ("vas_pre", "procedure", "text", "VAS before this procedure", "", "", "number"),
    ("vas_24h", "procedure", "text", "VAS 24 hours after", "", "", "number"),
    ("vas_1m", "procedure", "text", "VAS 1 month after", "", "", "number"),
    ("vas_3m", "procedure", "text", "VAS 3 months after", "", "", "number"),
    ("vas_12m", "procedure", "text", "VAS 12 months after", "", "", "number"),
    ("mobility_pre", "procedure", "text", "Mobility before", "", "", "integer"),
    ("mobility_1m", "procedure", "text", "Mobility 1 month after", "", "", "integer"),
    ("fx_date", "new_fracture", "text", "New fracture date", "", "", "date_ymd"),
    ("fx_level", "new_fracture", "text", "New fracture level", "", "", ""),
    ("fx_symptomatic", "new_fracture", _YESNO, "Symptomatic", "", "", ""),
    ("fx_trauma", "new_fracture", _YESNO, "After trauma", "", "", ""),
    ("last_contact", "follow_up", "text", "Date of last contact", "", "", "date_ymd"),
    ("died", "follow_up", _YESNO, "Died", "", "", ""),
    ("death_date", "follow_up", "text", "Date of death", "", "", "date_ymd"),
]
_FORMS = ["patient", "pain", "procedure", "new_fracture", "follow_up"]
_VISITS = (
    ("24h", "24_hours_arm_1"),
    ("1m", "1_month_arm_1"),
    ("3m", "3_months_arm_1"),
    ("12m", "12_months_arm_1"),
)
_CODES = {
    "sex": {"female": 1, "male": 2},
    "etiology": {"osteoporotic": 1, "pathologic": 2, "traumatic": 3},
    "pain_source": {"facet": 1, "sacroiliac": 2, "facet_and_sacroiliac": 3, "other": 4},
    "injection_relief": {"first_injection": 1, "repeat_injections": 2, "none": 3},
    "technique": {"vertebroplasty": 1, "kyphoplasty": 2, "other": 3},
    "approach": {"unipedicular": 1, "bipedicular": 2, "extrapedicular": 3},
    "cement_type": {"PMMA": 1, "Cortoss": 2, "calcium phosphate": 3, "other": 4},
    "indication": {
        "initial": 1,
        "unrelieved_pain": 2,
        "recurrent_pain": 3,
        "new_fracture": 4,
        "other": 5,
    },
}
_LEAK = {"disc": 1, "venous": 2, "paravertebral": 3, "epidural": 4, "foraminal": 5}


def _columns() -> list[str]:
    """Record columns in REDCap's order: system columns, then each form's fields and its
    ``<form>_complete`` status."""
    out = ["record_id", "redcap_event_name", "redcap_repeat_instrument", "redcap_repeat_instance"]
    for form in _FORMS:
        for name, f, ftype, *_ in _FIELDS[1:]:
            if f == form and ftype == "checkbox":
                out += [f"{name}___{code}" for code in _LEAK.values()]
            elif f == form:
                out.append(name)
        out.append(f"{form}_complete")
    return out


def _form_of(column: str) -> str | None:
    name = column.split("___")[0]
    return next((f[1] for f in _FIELDS if f[0] == name), None)


def _cell(v: object) -> object:
    if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
        return ""
    if isinstance(v, bool | np.bool_):
        return int(bool(v))
    if isinstance(v, float) and v.is_integer():
        return f"{v:g}"
    return v


def _code(field: str, v: object) -> object:
    return "" if _cell(v) == "" else _CODES[field].get(str(v), "")


class _Writer:
    def __init__(self, cohort: Cohort, rng: np.random.Generator, messy: Messiness) -> None:
        self.rng, self.messy = rng, messy
        self.columns = _columns()
        self.rows: list[dict[str, object]] = []
        a = cohort.assessments
        self.outcomes = a.set_index(["procedure_id", "timepoint", "measure"])["value"].to_dict()
        self.sessions = _sessions(cohort)
        self.fractures = {
            str(pid): g.to_dict("records")
            for pid, g in cohort.fractures.groupby("patient_id", observed=True)
        }

    def row(
        self, pid: str, event: str, instrument: str = "", instance: object = "", **cells: object
    ) -> None:
        values: dict[str, object] = {c: "" for c in self.columns}
        values.update(
            record_id=pid,
            redcap_event_name=event,
            redcap_repeat_instrument=instrument,
            redcap_repeat_instance=instance,
        )
        for c in self.columns:  # REDCap writes every checkbox box, 0 when not ticked
            if "___" in c:
                values[c] = 0
        values.update({k: _cell(v) for k, v in cells.items()})
        for form in _FORMS:
            filled = any(
                values[c] not in ("", 0)
                for c in self.columns
                if _form_of(c) == form and c != "record_id"
            )
            values[f"{form}_complete"] = (
                2 if filled or (form == "procedure" and instrument == "procedure") else ""
            )
        self.rows.append(values)

    def outcome(self, proc_id: str, tp: str, measure: str) -> object:
        return self.outcomes.get((proc_id, tp, measure))

    def patient(self, k: int, pt: dict[str, object], followup: Followup) -> None:
        pid = str(pt["patient_id"])
        start = date(2016, 1, 1) + timedelta(days=int(self.rng.integers(0, 2000)))
        dob = start - timedelta(days=int(float(str(pt["age_years"])) * 365.25) + 30)
        sessions = self.sessions.get(pid, [])
        index_id = sessions[0][0] if sessions else ""
        self.row(
            pid,
            "baseline_arm_1",
            patient_name=f"{_FIRST[k % 10]} {_LAST[k % 10]}",
            dob=dob.isoformat(),
            sex=_code("sex", pt["sex"]),
            age=pt["age_years"],
            etiology=_code("etiology", pt["etiology"]),
            bmd=pt["bmd_t_score"],
            steroids=pt["steroid_use"],
            op_treatment=pt["osteoporosis_treatment"],
            prior_fx=pt["prior_fracture_count"],
            persistent_pain=pt["persistent_pain"],
            pain_source=_code("pain_source", pt["pain_source"]),
            injection_relief=_code("injection_relief", pt["injection_relief"]),
            rf=pt["rf_neurolysis"],
            vas=self.outcome(index_id, "pre", "pain_vas"),
            mobility=self.outcome(index_id, "pre", "mobility"),
        )
        instance = 0
        for n, (proc_id, day, vertebrae) in enumerate(sessions):
            for v in vertebrae:
                instance += 1
                self.procedure(pid, instance, start + timedelta(days=day), v, proc_id, n > 0)
        for tp, event in _VISITS:
            vas = self.outcome(index_id, tp, "pain_vas")
            mob = self.outcome(index_id, tp, "mobility")
            if vas is not None or mob is not None:
                self.row(pid, event, vas=vas, mobility=mob)
        for j, f in enumerate(self.fractures.get(pid, []), start=1):
            self.row(
                pid,
                "follow_up_arm_1",
                "new_fracture",
                j,
                fx_date=(start + timedelta(days=int(f["day"]))).isoformat(),
                fx_level=_messy_level(str(f["level"]), self.rng, self.messy),
                fx_symptomatic=f["symptomatic"],
                fx_trauma=f["trauma"],
            )
        self.followup(pid, start, pt, followup)

    def procedure(
        self, pid: str, instance: int, when: date, v: dict[str, object], proc_id: str, later: bool
    ) -> None:
        sites = str(v["leakage"]).split(";")
        own: dict[str, object] = {}
        if later:  # a later session's scores are kept on its own procedure form
            own = {
                f"vas_{tp}": self.outcome(proc_id, tp, "pain_vas")
                for tp in ("pre", "24h", "1m", "3m", "12m")
            }
            own["mobility_pre"] = self.outcome(proc_id, "pre", "mobility")
            own["mobility_1m"] = self.outcome(proc_id, "1m", "mobility")
        volume = v["cement_volume_ml"]
        self.row(
            pid,
            "baseline_arm_1",
            "procedure",
            instance,
            proc_date=when.isoformat(),
            proc_level=_messy_level(str(v["level"]), self.rng, self.messy),
            technique=_code("technique", v["technique"]),
            approach=_code("approach", v["approach"]),
            cement_type=_code("cement_type", v["cement_type"]),
            cement_ml=""
            if _cell(volume) == ""
            else _messy_volume(float(str(volume)), self.rng, self.messy),
            cleft=v["cleft"],
            repeat_proc=v["is_repeat"],
            indication=_code("indication", v["indication"]),
            **{f"leak___{code}": int(site in sites) for site, code in _LEAK.items()},
            **own,
        )

    def followup(self, pid: str, start: date, pt: dict[str, object], followup: Followup) -> None:
        last = int(str(pt["followup_days"]))
        died = bool(pt["died"])
        death = start + timedelta(days=int(str(pt["death_day"]))) if died else None
        if followup == "event":
            self.row(
                pid,
                "follow_up_arm_1",
                last_contact=(start + timedelta(days=last)).isoformat(),
                died=died,
                death_date=death.isoformat() if death else "",
            )
            return
        earlier = sorted(
            {int(d) for d in self.rng.integers(1, max(last, 2), size=int(self.rng.integers(0, 3)))}
        )
        contacts = [d for d in earlier if d < last] + [last]
        for j, day in enumerate(contacts, start=1):
            final = j == len(contacts)
            self.row(
                pid,
                "follow_up_arm_1",
                "follow_up",
                j,
                last_contact=(start + timedelta(days=day)).isoformat(),
                died=died and final,
                death_date=death.isoformat() if death and final else "",
            )


def write_redcap(
    cohort: Cohort,
    out: Path,
    seed: int = 20261121,
    messiness: Messiness | None = None,
    followup: Followup = "event",
) -> tuple[Path, Path]:
    """Write a REDCap export of ``cohort`` (layout in the module docstring).

    Parameters
    ----------
    cohort
        The cohort to write.
    out
        Directory for ``VertebroRegistry_records.csv`` and
        ``VertebroRegistry_DataDictionary.csv``.
    seed
        Seed of the generator for dates and spellings.
    messiness
        Spelling habits of the free-text fields (default: all on).
    followup
        ``"event"``: one follow-up form in the follow-up event; ``"repeating"``: a
        repeating follow-up instrument with one instance per contact.

    Returns
    -------
    tuple of Path
        The records CSV and the data dictionary CSV.
    """
    if followup not in ("event", "repeating"):
        raise ValueError("followup is 'event' or 'repeating'")
    rng = np.random.default_rng(seed)
    out.mkdir(parents=True, exist_ok=True)
    dictionary = out / "VertebroRegistry_DataDictionary.csv"
    with dictionary.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(
            [
                "Variable / Field Name",
                "Form Name",
                "Section Header",
                "Field Type",
                "Field Label",
                "Choices, Calculations, OR Slider Labels",
                "Field Note",
                "Text Validation Type OR Show Slider Number",
                "Identifier?",
            ]
        )
        for name, form, ftype, label, choices, ident, validation in _FIELDS:
            w.writerow([name, form, "", ftype, label, choices, "", validation, ident])
    writer = _Writer(cohort, rng, messiness or Messiness())
    for k, pt in enumerate(cohort.patients.to_dict("records")):
        writer.patient(k, {str(key): v for key, v in pt.items()}, followup)
    records = out / "VertebroRegistry_records.csv"
    with records.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(writer.columns)
        for values in writer.rows:
            w.writerow([values[c] for c in writer.columns])
    return records, dictionary
