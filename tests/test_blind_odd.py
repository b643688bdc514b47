"""The blind gallery's other half: the batches `tests/test_blind.py` leaves to this module
(every other one), checked by the same tests, so that two workers share the gallery."""

from __future__ import annotations

from tests.test_blind import (  # noqa: F401 (the tests and their parametrisation, collected here)
    ALL_BATCHES,
    pytest_generate_tests,
    test_every_row_accounted_and_no_identifier_shown,
    test_scores_hold,
    test_the_mapping_inspect_writes_loads_what_was_read,
)

BATCHES = ALL_BATCHES[0::2]
