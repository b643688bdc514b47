"""A hospital export of several CSV files (patients, interventions, follow-ups) in which
every file carries its own row's key first (``id_intervencio``, ``id_seguiment``) and the
study ID after it (``id_estudi``): both are named in part by the word ``id``, and the
study ID is the column whose header words name it best, not the leftmost. The patients
file holds a birth date (an identifier, never a date of death, whether its header is
known or not) and the date of death (``data_exitus``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.load import inspect_input, load_cohort
from analysis.normalize.headers import match_header
from tests.test_load_visit_rows import _reproduced_by_its_mapping

N = 12
VOLUMES = [f"{2 + i / 2:g}".replace(".", ",") for i in range(N + 1)]  # decimal commas
INTERVENTIONS = [
    "id_intervencio;id_estudi;data_intervencio;nivells_tractats;tecnica;volum_ciment_ml",
    *(
        f"INT-{100 + i};VTB-{i:02d};2022-{i:02d}-05 10:30;L{1 + i % 4};Vertebroplàstia;{VOLUMES[i]}"
        for i in range(1, N + 1)
    ),
]
FOLLOW_UPS = [
    "id_seguiment;id_estudi;id_intervencio;visita;EVA",
    *(f"SEG-{5000 + i};VTB-{i:02d};INT-{100 + i};Basal;{i % 5 + 5}" for i in range(1, N + 1)),
    "SEG-6001;VTB-01;INT-101;1 mes;3",
]
# born 1933-1966: most before 1960, as a cohort treated for vertebral fractures is
BIRTHS = [f"{1930 + 3 * i}-07-12 00:00" for i in range(1, N + 1)]


def _patients(birth_header: str, death_header: str) -> list[str]:
    """Patient 2 died on 2023-01-06 (336 days after the procedure); the others live."""
    rows = [
        f"VTB-{i:02d};{'Dona' if i % 2 else 'Home'};{born};{'Sí' if i == 2 else 'No'};"
        + ("2023-01-06 00:00" if i == 2 else "")
        for i, born in enumerate(BIRTHS, 1)
    ]
    return [f"id_estudi;sexe;{birth_header};exitus;{death_header}", *rows]


def _export(folder: Path, birth_header: str, death_header: str = "data_exitus") -> Path:
    folder.mkdir()
    files = {
        "intervencions.csv": INTERVENTIONS,
        "pacients.csv": _patients(birth_header, death_header),
        "seguiments.csv": FOLLOW_UPS,
    }
    for name, lines in files.items():
        (folder / name).write_text("\n".join(lines) + "\n", "utf-8")
    return folder


def test_the_study_id_is_the_column_its_header_words_name_best(tmp_path: Path) -> None:
    path = _export(tmp_path / "export", "data_naixement")
    cohort = load_cohort(path).cohort
    ids = [f"VTB-{i:02d}" for i in range(1, N + 1)]
    assert sorted(cohort.patients["patient_id"]) == ids
    volumes = dict(zip(cohort.procedures["patient_id"], cohort.procedures["cement_volume_ml"], strict=True))  # fmt: skip
    assert volumes == {f"VTB-{i:02d}": 2 + i / 2 for i in range(1, N + 1)}
    pain = cohort.assessments.query("measure == 'pain_vas'")
    got = sorted(zip(pain["patient_id"], pain["timepoint"], pain["value"], strict=True))
    assert got == sorted([("VTB-01", "1m", 3.0), *((f"VTB-{i:02d}", "pre", float(i % 5 + 5)) for i in range(1, N + 1))])  # fmt: skip
    read_as_id = {(Path(c.file).name, c.header) for c in inspect_input(path).columns if c.label == "patients.patient_id"}  # fmt: skip
    assert read_as_id == {(f"{name}.csv", "id_estudi") for name in ("intervencions", "pacients", "seguiments")}  # fmt: skip
    _reproduced_by_its_mapping(path, tmp_path)


@pytest.mark.parametrize(
    ("birth_header", "death_header"),
    [("data_naixement", "data_exitus"), ("data_pacient", "data_exitus"), ("data_pacient", "dm")],
)
def test_a_birth_date_is_never_a_date_of_death(
    tmp_path: Path, birth_header: str, death_header: str
) -> None:
    """Known by its header (Catalan) or not, the dates of birth never give a death day:
    only the patient who died has one, from the date of death when its header is known."""
    path = _export(tmp_path / "export", birth_header, death_header)
    patients = load_cohort(path).cohort.patients.set_index("patient_id")
    assert patients["died"].tolist() == [i == 2 for i in range(1, N + 1)]
    known = death_header == "data_exitus"
    assert patients["death_day"].isna().tolist() == [i != 2 or not known for i in range(1, N + 1)]
    if known:
        assert patients.loc["VTB-02", "death_day"] == 335  # 2022-02-05 to 2023-01-06
    columns = _reproduced_by_its_mapping(path, tmp_path)
    assert columns[birth_header].label not in ("date:death_date", "date:followup_date")
    assert columns[death_header].label == ("date:death_date" if known else None)


def test_catalan_birth_and_death_date_headers() -> None:
    assert match_header("data_naixement").label == "identifier:birth_date"
    assert match_header("Data de naixement").label == "identifier:birth_date"
    assert match_header("data_exitus").label == "date:death_date"
    assert match_header("Data de defunció").label == "date:death_date"
