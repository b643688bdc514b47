from __future__ import annotations

from pathlib import Path

import pytest

from analysis.schema import Cohort
from analysis.synth import synthesize

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def small_cohort() -> Cohort:
    return synthesize(60, seed=20261121)


@pytest.fixture(scope="session")
def demo_workbook() -> Path:
    return ROOT / "analysis" / "data" / "demo_registry.xlsx"


# End-to-end cases taking tens of seconds each (measured with --durations): marked
# ``slow`` so `make test` leaves them out and `make test-all` (CI) runs them. A test
# function, or a whole file when every case in it is end to end.
SLOW: dict[str, tuple[str, ...] | None] = {
    "test_notebooks.py": None,  # every notebook, each in its own kernel
    # test_blind.py and test_blind_odd.py: every blind workbook loaded, inspected and
    # scored, but the newest batches' (marked in test_blind.py itself)
    "test_blind_mapped.py": (  # every mapped blind workbook loaded and scored
        "test_mapped_scores_hold",
        "test_every_mapped_site_loads_all_its_valid_patients",
        "test_a_record_number_site_is_scored_under_its_pseudonyms",
    ),
    "test_report_render.py": None,  # Chromium and LibreOffice render a whole report
    "test_reproducible.py": (  # two whole reports compared byte for byte
        "test_two_runs_write_identical_files",
        "test_unset_source_date_epoch_dates_everything_2000",
    ),
    "test_report_missing.py": ("test_report_impute_flag_and_setting",),  # two reports, imputed
    "test_config.py": (
        "test_report_folder_is_written_afresh_but_a_foreign_folder_is_refused",  # three reports
        "test_cli_init_config_version_and_report_config",  # a report through the CLI
    ),
    "test_cli.py": ("test_demo_report_holds_no_identifier",),  # the demo report
    "test_readme.py": ("test_every_readme_example_runs",),  # every README command
    "test_report_analyses.py": (
        "test_the_sections_and_the_publication_tables_share_each_analysis",
    ),  # a whole report
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        names = SLOW.get(item.path.name, ())
        if names is None or getattr(item, "originalname", item.name) in (names or ()):
            item.add_marker(pytest.mark.slow)
