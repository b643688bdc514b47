"""A repeat operation's technique written after the session's ordinal (``2nd VP``,
``second KP``) is that technique; an ordinal before no technique is still no technique."""

from __future__ import annotations

import pytest

from analysis.normalize.cells import CellError, parse_category
from analysis.spec import load_spec


@pytest.mark.parametrize(
    ("cell", "technique"),
    [
        ("2nd VP", "vertebroplasty"),
        ("2nd KP", "kyphoplasty"),
        ("second kyphoplasty", "kyphoplasty"),
    ],
)
def test_a_technique_after_an_ordinal(cell, technique):
    assert parse_category(cell, load_spec().column("procedures", "technique")) == technique


def test_an_ordinal_alone_names_no_technique():
    with pytest.raises(CellError):
        parse_category("2nd look", load_spec().column("procedures", "technique"))
