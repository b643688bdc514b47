"""Fixed-width text reports: sections under a header line and a dashed rule."""

from __future__ import annotations

from pathlib import Path

from analysis.io import read_input_sheets

_REPORT = (
    "CITY HOSPITAL  SPINE UNIT                              Page 1\r\n"
    "Section 1  PROCEDURES\r\n"
    "\r\n"
    "Study ID   Name            Level Cement ml Leakage\r\n"
    "--------------------------------------------------\r\n"
    "P001       Anna Berg       L1    3,5       none\r\n"
    "P002       Olof Lind       T12   4         disc vein\r\n"
    "\f"
    "CITY HOSPITAL  SPINE UNIT                              Page 2\r\n"
    "Section 1  PROCEDURES (cont.)\r\n"
    "\r\n"
    "Study ID   Name            Level Cement ml Leakage\r\n"
    "--------------------------------------------------\r\n"
    "P003       Eva Nilsson     L2    2,5       none\r\n"
    "\r\n"
    "*** End of section: 3 rows ***\r\n"
    "Section 2  FOLLOW-UP\r\n"
    "\r\n"
    "Study ID   Visit    VAS\r\n"
    "-----------------------\r\n"
    "P001       Preop    80\r\n"
    "P001       6 weeks  30\r\n"
)


def test_fixed_width_report_reads_each_section_with_its_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(_REPORT.encode("utf-8"))
    (sheet,) = read_input_sheets(path)
    assert sheet.sheet == "report" and sheet.ruled_headers == (4, 18)
    rows = sheet.rows
    # a header word with no data under it (``ml``) stays with its column; a value with
    # a space in it (a name, ``disc vein``) is one cell
    assert rows[3] == ["Study ID", "Name", "Level", "Cement ml", "Leakage"]
    assert rows[6] == ["P002", "Olof Lind", "T12", "4", "disc vein"]
    # the next page's title block, repeated header and rule are dropped; line 13 stays 13
    assert rows[12] == ["P003", "Eva Nilsson", "L2", "2,5", "none"]
    assert rows[15] == ["Section 2  FOLLOW-UP"]
    assert rows[20] == ["P001", "6 weeks", "30"]
    assert [i + 1 for i, r in enumerate(rows) if r] == [2, 4, 6, 7, 13, 16, 18, 20, 21]


def test_a_delimited_txt_file_is_still_read_as_csv(tmp_path: Path) -> None:
    path = tmp_path / "export.txt"
    path.write_text("Study ID;Level\nP001;L1\n", encoding="utf-8")
    (sheet,) = read_input_sheets(path)
    assert [list(sheet.row(i)) for i in range(sheet.n_rows)] == [
        ["Study ID", "Level"],
        ["P001", "L1"],
    ]


_REGISTER = (
    "COUNTY HOSPITAL                                   Page 1\n"
    "SECTION 1  OPERATIONS\n"
    "\n"
    "Personnr     Namn            Op-datum   Nivå Metod\n"
    "--------------------------------------------------\n"
    "490421-8601  Elsa Kuhmunen   2021-10-22 L1   VP\n"
    "380605-4288  Karin Sarri     2021-11-16 Th12 KP\n"
    "380605-4288  Karin Sarri     2021-11-16 L1   KP\n"
)


def test_a_report_keyed_by_personnr_loads_pseudonymised(tmp_path: Path) -> None:
    from analysis.config import LoadOptions
    from analysis.load import load_cohort

    path = tmp_path / "register.txt"
    path.write_text(_REGISTER, encoding="utf-8")
    loaded = load_cohort(path, LoadOptions(pseudonym_secret="s3cret"))
    assert len(loaded.cohort.patients) == 2
    assert len(loaded.cohort.procedures) == 3
    shown = loaded.cohort.patients.to_string() + " ".join(p.message for p in loaded.problems)
    assert "490421" not in shown and "Kuhmunen" not in shown


_TWO_SECTIONS = _REGISTER + (
    "\n"
    "SECTION 2  FOLLOW-UP (VAS 0-100 mm, ODI %)\n"
    "\n"
    "Personnr     Op-datum   Kontroll Besöksdatum VAS mm ODI %\n"
    "---------------------------------------------------------\n"
    "490421-8601  2021-10-22 Preop    2021-10-21  88     66\n"
    "490421-8601  2021-10-22 3 mån    2022-01-24  20     24\n"
    "380605-4288  2021-11-16 Preop    2021-11-15  70     64\n"
)


def test_the_mapping_of_a_report_loads_what_was_read(tmp_path: Path) -> None:
    """A section's title above a blank line and its header belongs to no table, whether
    the tables are found or given by a mapping file."""
    from dataclasses import replace

    import pandas as pd

    from analysis.config import LoadOptions
    from analysis.load import inspect_input, load_cohort, options_from_mapping, read_mapping

    path = tmp_path / "register.txt"
    path.write_text(_TWO_SECTIONS, encoding="utf-8")
    options = LoadOptions(pseudonym_secret="s3cret")
    unaided = load_cohort(path, options)
    assert len(unaided.cohort.assessments) == 6
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(inspect_input(path, options).mapping_yaml(), "utf-8")
    mapped_options = replace(options_from_mapping(read_mapping(mapping)), pseudonym_secret="s3cret")
    mapped = load_cohort(path, mapped_options)
    assert (mapped.rows_in, mapped.rows_loaded) == (unaided.rows_in, unaided.rows_loaded)
    for table in ("patients", "procedures", "assessments"):
        pd.testing.assert_frame_equal(getattr(mapped.cohort, table), getattr(unaided.cohort, table))
