"""Printed-number checks: an F with its dfs against its P (with and without a sphericity
epsilon), which test gives a 2 x 2 table's P, GRIM and GRIMMER on scales in steps, the
ceiling flag apart from ``consistent``, and messages naming the nearest fitting value.
P values against R (tests/reference/published_checks.R)."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest

from analysis.published import (
    grim,
    grimmer,
    implied_baseline,
    printed_f,
    printed_p,
    printed_p_two_by_two,
)
from tests.reference_values import ref

F_CASES = {
    "oneway_3x10": (3.60, 2, 27, None),
    "rm_4x15": (4.21, 3, 42, None),
    "rm_4x15_gg": (4.21, 3, 42, 0.62),
    "rm_4x15_hf": (4.21, 3, 42, 0.81),
    "rm_3x12_gg": (5.87, 2, 22, 0.571),
    "oneway_2x10": (25.3, 1, 18, None),
    "oneway_large": (1.07, 4, 195, None),
}
TABLES = {
    "adjacent_10of17_4of21": (10, 17, 4, 21),
    "3of12_9of14": (3, 12, 9, 14),
    "1of8_6of9": (1, 8, 6, 9),
    "5of10_5of11": (5, 10, 5, 11),
    "45of120_30of118": (45, 120, 30, 118),
    "3of10_7of10": (3, 10, 7, 10),
    "0of15_5of15": (0, 15, 5, 15),
}


def _r(topic: str, case: str, quantity: str) -> float:
    return ref("published_checks", topic, case, quantity)


@pytest.mark.parametrize("case", F_CASES)
def test_f_p_values_match_r(case: str) -> None:
    f, df1, df2, eps = F_CASES[case]
    numbers = dict(printed_f(f, df1, df2, 0.5, 3, epsilon=eps, f_decimals=2).numbers)
    which = "uncorrected" if eps is None else "corrected"
    assert numbers[f"p_{which}"] == pytest.approx(_r("f", case, "p_value"), rel=1e-8)
    assert numbers[f"p_{which}_min"] == pytest.approx(_r("f", case, "p_value_f_plus"), rel=1e-8)
    assert numbers[f"p_{which}_max"] == pytest.approx(_r("f", case, "p_value_f_minus"), rel=1e-8)
    if eps is not None:  # the corrected dfs are epsilon times the printed ones
        assert numbers["df1_corrected"] == pytest.approx(eps * df1)
        assert numbers["df2_corrected"] == pytest.approx(eps * df2)
        if case.startswith("rm_4x15"):
            assert numbers["p_uncorrected"] == pytest.approx(
                _r("f", "rm_4x15", "p_value"), rel=1e-8
            )


def test_f_against_its_printed_p() -> None:
    one_way = printed_f(3.60, 2, 27, p=0.041, decimals=3)  # R: 0.04112
    assert one_way.consistent and one_way.matches == ("uncorrected",)
    assert "uncorrected F(2, 27) gives P = 0.04112; it agrees" in one_way.explanation
    assert not printed_f(3.60, 2, 27, p=0.05, decimals=2).consistent
    assert printed_f(3.60, 2, 27, p=0.04, decimals=2).consistent
    # P printed to 4 places, 0.0413: only the rounding of F = 3.60 (3.595 to 3.605) reaches it
    assert not printed_f(3.60, 2, 27, p=0.0413, decimals=4).consistent
    assert printed_f(3.60, 2, 27, p=0.0413, decimals=4, f_decimals=2).consistent
    assert printed_f(3.60, 2, 27, p=0.05, decimals=2, below=True).consistent
    bound = printed_f(3.60, 2, 27, p=0.01, decimals=2, below=True)
    assert not bound.consistent and bound.explanation.startswith("Printed P < 0.01")


def test_repeated_measures_f_says_which_correction_gives_the_p() -> None:
    gg = printed_f(
        4.21, 3, 42, p=0.028, decimals=3, epsilon=0.62
    )  # R: 0.02841 corrected, 0.01084 not
    assert gg.consistent and gg.matches == ("corrected",)
    assert "corrected F(1.86, 26.04) gives P = 0.02841" in gg.explanation
    assert gg.explanation.endswith("corrected agrees.")
    plain = printed_f(4.21, 3, 42, p=0.011, decimals=3, epsilon=0.62)
    assert plain.matches == ("uncorrected",)
    both = printed_f(4.21, 3, 42, p=0.05, decimals=2, epsilon=0.81, below=True)
    assert both.matches == ("uncorrected", "corrected")
    neither = printed_f(4.21, 3, 42, p=0.20, decimals=2, epsilon=0.62)
    assert not neither.consistent and neither.explanation.endswith("neither agree.")
    assert dict(gg.numbers)["epsilon"] == 0.62


def test_bad_f_inputs_are_refused() -> None:
    with pytest.raises(ValueError, match=r"epsilon 1\.2 must lie in \(0, 1\]"):
        printed_f(4.21, 3, 42, 0.03, 2, epsilon=1.2)
    with pytest.raises(ValueError, match="degrees of freedom"):
        printed_f(4.21, 0, 42, 0.03, 2)
    with pytest.raises(ValueError, match="F = -1"):
        printed_f(-1.0, 3, 42, 0.03, 2)


@pytest.mark.parametrize("case", TABLES)
def test_two_by_two_p_values_match_r(case: str) -> None:
    numbers = dict(printed_p_two_by_two(*TABLES[case], p=0.5, decimals=2).numbers)
    for test in ("fisher", "chi_square", "chi_square_yates"):
        assert numbers[test] == pytest.approx(_r("two_by_two", case, test), rel=1e-6), test


@pytest.mark.parametrize(
    "table, p, decimals, below, matches",
    [
        ("adjacent_10of17_4of21", 0.018, 3, False, ("fisher",)),  # R: 0.01838
        ("adjacent_10of17_4of21", 0.011, 3, False, ("chi_square",)),  # R: 0.01149
        ("adjacent_10of17_4of21", 0.029, 3, False, ("chi_square_yates",)),  # R: 0.02858
        ("adjacent_10of17_4of21", 0.02, 2, False, ("fisher",)),
        ("1of8_6of9", 0.05, 2, False, ("fisher",)),  # R: 0.0498, 0.0235, 0.0765
        ("0of15_5of15", 0.05, 2, False, ("chi_square_yates",)),  # R: 0.0421, 0.0143, 0.05004
        ("0of15_5of15", 0.05, 2, True, ("fisher", "chi_square")),  # P < 0.05
        ("3of10_7of10", 0.18, 2, False, ("fisher", "chi_square_yates")),  # R: 0.1789, 0.1797
        ("45of120_30of118", 0.5, 1, False, ()),
    ],
)
def test_which_test_gives_a_printed_two_by_two_p(
    table: str, p: float, decimals: int, below: bool, matches: tuple[str, ...]
) -> None:
    verdict = printed_p_two_by_two(*TABLES[table], p=p, decimals=decimals, below=below)
    assert verdict.matches == matches
    assert verdict.consistent is bool(matches)


def test_two_by_two_explanation_names_each_test() -> None:
    verdict = printed_p_two_by_two(10, 17, 4, 21, p=0.018, decimals=3)
    assert verdict.explanation == (
        "Printed P = 0.018 for 10/17 vs 4/21: Fisher's exact test gives it (Fisher's exact "
        "test P = 0.01838; chi-square without correction P = 0.01149; chi-square with Yates' "
        "correction P = 0.02858)."
    )
    none = printed_p_two_by_two(45, 120, 30, 118, p=0.5, decimals=1)
    assert "none of the three tests gives it" in none.explanation
    with pytest.raises(ValueError, match="both outcomes"):
        printed_p_two_by_two(0, 10, 0, 12, p=0.5, decimals=1)


def _printed_means(values: list[Fraction], n: int) -> set[float]:
    """Every 2-decimal print of a mean of ``n`` of ``values`` (ties rounded both ways)."""
    out = set()
    for total in {sum(c) for c in itertools.combinations_with_replacement(values, n)}:
        hundredths = total / n * 100
        out |= {float(int(np.floor(hundredths + Fraction(1, 2)))) / 100}
        out |= {float(int(np.ceil(hundredths - Fraction(1, 2)))) / 100}
    return out


@pytest.mark.parametrize("step, top", [(Fraction(1, 2), 10), (Fraction(2), 100)])
def test_grim_with_a_scale_step_accepts_exactly_the_means_scores_give(step: Fraction, top: int) -> None:  # fmt: skip
    """A VAS read to 0.5 and the ODI in 2-point steps: for 3 patients, GRIM accepts a
    printed mean exactly when some 3 scores on the scale give it."""
    values = [step * k for k in range(int(top / step) + 1)]
    reached = _printed_means(values, 3)
    for m100 in range(0, top * 100 + 1):
        m = m100 / 100
        assert grim(m, 3, 2, step=float(step)).consistent is (m in reached), m


def test_grim_step_rules_out_what_integers_allow() -> None:
    assert grim(31.4, 5, 1).consistent  # 157 / 5 from integer scores
    odi = grim(31.4, 5, 1, step=2)  # but ODI scores are even: 156 / 5 or 158 / 5
    assert not odi.consistent
    assert "No mean of 5 scores in steps of 2 rounds to 31.4" in odi.explanation
    assert grim(31.2, 5, 1, step=2).consistent
    assert grim(6.06, 8, 2, step=0.5).consistent  # 48.5 / 8 = 6.0625 on a VAS read to 0.5
    assert not grim(6.06, 8, 2).consistent  # 48 / 8 = 6 and 49 / 8 = 6.125
    with pytest.raises(ValueError, match="step 0 must be a number > 0"):
        grim(6.13, 8, 2, step=0)


def test_grim_names_the_nearest_fitting_mean() -> None:
    # 749/300 = 2.4967 and 751/300 = 2.5033 also print as 2.50; 750/300 is the nearest
    assert grim(2.50, 300, 2).explanation.endswith(": 750/300 = 2.5.")
    assert grim(2.50, 300, 2, step=0.5).explanation.endswith(": 750/300 = 2.5.")
    assert grim(3.77, 40, 2).explanation.endswith(": 151/40 = 3.775.")


def test_grimmer_names_the_nearest_sum_and_sum_of_squares() -> None:
    # sums 749 to 751 all fit; sums of squares 2876 to 2916 fit an SD printed as 2.0
    wide = grimmer(5.00, 2.0, 100, 2, 1)
    assert "a sum of 500 and a sum of squares of 2896 give SD 2.0000" in wide.explanation
    assert "a sum of 750 " in grimmer(2.50, 1.0, 300, 2, 1).explanation
    assert dict(wide.numbers)["implied_sd"] == pytest.approx(2.0)


def _reached_pairs(values: list[float], n: int) -> set[tuple[float, float]]:
    pairs = set()
    for c in itertools.combinations_with_replacement(values, n):
        a = np.array(c)
        pairs.add((round(a.mean(), 2), round(a.std(ddof=1), 2)))
    return pairs


@pytest.mark.parametrize("step", [0.5, 2.0])
def test_grimmer_with_a_step_never_rejects_a_pair_scores_give(step: float) -> None:
    """Every (mean, SD) that four scores in steps of 0.5 (VAS) or 2 (ODI) print as is
    GRIMMER-consistent with that step; most of the rest of the grid is rejected."""
    values = [step * k for k in range(11)]
    reached = _reached_pairs(values, 4)
    means = sorted({m for m, _ in reached})
    grid = [(m, round(float(sd), 2)) for m in means for sd in np.arange(0.3, 3 * step, 0.01 * step)]
    verdict = {pair: grimmer(*pair, 4, 2, step=step).consistent for pair in grid}
    assert all(verdict[pair] for pair in grid if pair in reached)
    unreached = [verdict[pair] for pair in grid if pair not in reached]
    assert unreached.count(False) > 5 * unreached.count(True) > 0
    if step == 0.5:  # ignoring the step rejects pairs these scores do give
        assert any(not grimmer(m, sd, 4, 2).consistent for m, sd in reached)


def test_grimmer_step_explanations() -> None:
    bad = grimmer(31.4, 10.0, 5, 1, step=2)
    assert bad.explanation.startswith("GRIM fails first: no mean of 5 scores in steps of 2")
    vas = grimmer(3.44, 2.47, 18, 2, step=0.5)  # impossible for integers (see test_published)
    assert vas.consistent
    assert "a sum of 62 and a sum of squares of 317.5 give SD 2.47273" in vas.explanation
    numbers = dict(vas.numbers)
    assert numbers["sum"] == 62 and numbers["sum_of_squares"] == 317.5


def test_ceiling_flag_is_apart_from_consistent() -> None:
    ceiling = implied_baseline(6.3, 3.7, scale=(0, 10))
    assert ceiling.consistent and ceiling.flags == ("ceiling",)
    floor = implied_baseline(-2.0, 2.0, scale=(0, 10))
    assert floor.consistent and floor.flags == ("floor",)
    inside = implied_baseline(5.0, 3.7, scale=(0, 10))
    assert inside.consistent and inside.flags == ()
    outside = implied_baseline(8.0, 3.7, scale=(0, 10))
    assert not outside.consistent and outside.flags == ()
    verdicts = [ceiling, inside, outside]
    to_read = [v for v in verdicts if not v.consistent or v.flags]
    assert to_read == [ceiling, outside]


def test_printed_p_records_which_t_test_matches() -> None:
    assert printed_p(6.8, 1.92, 9, 4.2, 0.84, 9, p=0.003, decimals=3).matches[0] == "welch"
    assert printed_p(6.8, 1.92, 9, 4.2, 0.84, 9, p=0.033, decimals=3).matches == ()
