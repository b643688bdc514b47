"""A French hospital system's export (semicolon-separated CSV, UTF-8 with a byte order
mark): one row per "venue", each coming of the patient, named in ``Type de venue``: the
procedure's stay (``Hospitalisation - geste``, its scores the baseline), consultations at
their time points (``Consultation M1``, ``Consultation J1 (2e geste)`` after the second
procedure) and a death (``Décès``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.load import load_cohort
from analysis.normalize.timepoints import timepoint_of
from analysis.problems import ERROR
from tests.test_load_vertebra_ids import _reproduced_by_its_mapping

HEADER = "N° étude;Sexe;Âge;Date;Type de venue;Geste;Niveaux;Ciment total (mL);EVA (mm);ODI (%)"
ROWS = [
    "FR-01;F;74;05/07/2021;Hospitalisation - geste;vertébroplastie;T12, L1;7,5;80;60",
    "FR-01;F;74;06/07/2021;Consultation J1;;;;40;",
    "FR-01;F;74;05/08/2021;Consultation M1;;;;30;",
    "FR-01;F;74;06/10/2021;Consultation M3;;;;135;40",
    "FR-01;F;74;20/10/2021;Hospitalisation - geste (2e geste);vertébroplastie;L2;4;70;",
    "FR-01;F;74;21/10/2021;Consultation J1 (2e geste);;;;20;",
    "FR-02;H;81;01/09/2021;Hospitalisation - geste;cyphoplastie (ballonnet);L3;5;90;70",
    "FR-02;H;81;02/09/2021;Consultation J1;;;;50;",
    "FR-02;H;81;;Consultation M1;;;;NF;",
    "FR-02;H;81;20/12/2021;Décès;;;;;",
]


def _export(tmp_path: Path) -> Path:
    path = tmp_path / "export.csv"
    path.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8-sig")
    return path


@pytest.mark.parametrize(
    ("text", "point"),
    [
        ("Consultation M3", "3m"),
        ("Consultation J1 (2e geste)", "24h"),
        ("Téléconsultation M6", "6m"),
        ("Konsultation 6 Wochen", "6w"),
        ("Consultation", None),
        ("Hospitalisation - geste", None),
    ],
)
def test_a_consultation_names_its_time_point(text: str, point: str | None) -> None:
    assert timepoint_of(text) == point


def test_each_venue_of_the_export_is_read_as_its_kind(tmp_path: Path) -> None:
    path = _export(tmp_path)
    loaded = load_cohort(path)
    # the consultations are visits, not vertebrae treated without a level
    procedures = loaded.cohort.procedures
    got = {(r["patient_id"], int(r["day"]), r["level"]) for r in procedures.to_dict("records")}
    assert got == {("FR-01", 0, "T12"), ("FR-01", 0, "L1"), ("FR-01", 107, "L2"), ("FR-02", 0, "L3")}  # fmt: skip
    pain = loaded.cohort.assessments[loaded.cohort.assessments["measure"] == "pain_vas"]
    sessions = dict(zip(procedures["procedure_id"], procedures["day"], strict=False))
    scores = {
        (r["patient_id"], int(sessions[r["procedure_id"]]), r["timepoint"]): r["value"]
        for r in pain.to_dict("records")
    }
    assert scores == {
        ("FR-01", 0, "pre"): 8.0,
        ("FR-01", 0, "24h"): 4.0,
        ("FR-01", 0, "1m"): 3.0,
        ("FR-01", 107, "pre"): 7.0,
        ("FR-01", 107, "24h"): 2.0,
        ("FR-02", 0, "pre"): 9.0,
        ("FR-02", 0, "24h"): 5.0,
    }
    died = dict(zip(loaded.cohort.patients["patient_id"], loaded.cohort.patients["died"], strict=True))  # fmt: skip
    assert died == {"FR-01": False, "FR-02": True}
    errors = [p for p in loaded.problems if p.severity == ERROR]
    assert len(errors) == 1
    assert errors[0].row == 5
    assert errors[0].column == "EVA (mm)"
    assert "must lie within 0-100" in errors[0].message
    _reproduced_by_its_mapping(path, tmp_path)
