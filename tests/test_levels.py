import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.levels import (
    LEVELS,
    LevelError,
    distance,
    in_junction,
    is_adjacent,
    is_sandwich,
    nearest,
    parse_levels,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("L1", ("L1",)),
        ("l1", ("L1",)),
        ("L 1", ("L1",)),
        ("Th12", ("T12",)),
        ("T-12", ("T12",)),
        ("D12", ("T12",)),
        ("T12/L1", ("T12", "L1")),
        ("T12, L1", ("T12", "L1")),
        ("L2-L4", ("L2", "L3", "L4")),
        ("L2-4", ("L2", "L3", "L4")),
        ("T12-L2", ("T12", "L1", "L2")),
        ("T11 and T12", ("T11", "T12")),
        (" c7 ", ("C7",)),
        ("L5-S1", ("L5", "S1")),
    ],
)
def test_parse_levels(text, expected):
    assert parse_levels(text) == expected


@pytest.mark.parametrize("text", ["L7", "T13", "C0", "S2", "L", "lumbar", "L1-L9"])
def test_outside_c1_s1_is_an_error(text):
    with pytest.raises(LevelError, match=r"not a vertebral level \(C1-S1\)"):
        parse_levels(text)


level_lists = st.lists(st.sampled_from(LEVELS), min_size=1, max_size=6)
spellings = st.sampled_from([", ", "/", "; ", " and "])


@given(level_lists, spellings)
def test_list_parsing_round_trips(levels, sep):
    text = sep.join(lv.lower() if i % 2 else lv for i, lv in enumerate(levels))
    assert parse_levels(text) == tuple(sorted(set(levels), key=LEVELS.index))


@given(st.sampled_from(LEVELS), st.sampled_from(LEVELS))
def test_range_expands_to_every_vertebra_between(a, b):
    got = parse_levels(f"{a}-{b}")
    assert len(got) == distance(a, b) + 1
    assert all(is_adjacent(x, y) for x, y in itertools.pairwise(got))


@given(st.sampled_from(LEVELS), st.sampled_from(LEVELS))
def test_adjacency_is_symmetric(a, b):
    assert is_adjacent(a, b) == is_adjacent(b, a)
    assert distance(a, b) == distance(b, a)


def test_region_boundaries_are_adjacent():
    assert is_adjacent("T12", "L1") and is_adjacent("C7", "T1") and is_adjacent("L5", "S1")
    assert not is_adjacent("T11", "L1")


def test_nearest_sandwich_junction():
    assert nearest("L3", ["T12", "L1"]) == ("L1", 2)
    assert is_sandwich("L1", ["T12", "L2"]) and not is_sandwich("L1", ["T12", "L1", "L2"])
    assert in_junction("T11") and in_junction("L2") and not in_junction("L3")


def test_indonesian_vertebra_prefix() -> None:
    """Indonesian and Malay units write "V" (vertebra) before the region: VTh12, VL1."""
    assert parse_levels("VTh12") == ("T12",)
    assert parse_levels("VL1, VL2") == ("L1", "L2")
    assert parse_levels("VTh11-VL1") == ("T11", "T12", "L1")
    for bad in ("V12", "VX1", "VTh13"):
        with pytest.raises(LevelError):
            parse_levels(bad)


def test_greek_omicron_is_lumbar() -> None:
    """Greek units write the lumbar level with the initial of οσφυϊκός, a capital Omicron
    ("Ο1"), beside Θ for thoracic."""
    assert parse_levels("\u039f1") == ("L1",)
    assert parse_levels("\u039812, \u039f2") == ("T12", "L2")
    with pytest.raises(LevelError):
        parse_levels("\u039f6")
