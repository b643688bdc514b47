"""Journal presets: every formatting rule, negative ranges included."""

from __future__ import annotations

import pytest

from analysis.formatting import (
    AJNR,
    JAMA,
    PLAIN,
    ci,
    count,
    count_header,
    count_percent,
    counted,
    estimate_ci,
    journal_style,
    mean_sd,
    median_iqr,
    number,
    p_text,
    p_value,
    percent,
    ratio,
    smd,
)

M = "\u2212"  # true minus
D = "\u2013"  # en dash


def test_negative_ranges_never_put_a_dash_against_a_minus() -> None:
    assert estimate_ci(-2.7, -3.3, -2.2) == "-2.7 (-3.3 to -2.2)"
    assert estimate_ci(-2.7, -3.3, -2.2, cfg=JAMA) == f"{M}2.7 ({M}3.3 to {M}2.2)"
    assert estimate_ci(-2.7, -3.3, -2.2, cfg=AJNR) == f"{M}2.7 ({M}3.3 to {M}2.2)"
    assert ci(-0.4, 1.2, cfg=JAMA) == f"{M}0.4 to 1.2"  # one negative bound is enough
    assert ci(1.2, 3.4, cfg=JAMA) == f"1.2{D}3.4"  # en dash only between positives
    assert ci(1.2, 3.4) == "1.2 to 3.4"
    assert median_iqr(-1.0, -3.0, 2.0, JAMA) == f"{M}1.0 ({M}3.0 to 2.0)"
    assert median_iqr(-1.0, -3.0, 2.0) == "-1.0 [-3.0, 2.0]"


def test_minus_sign_and_negative_zero() -> None:
    assert number(-2.74) == "-2.7"
    assert number(-2.74, cfg=JAMA) == f"{M}2.7"
    assert number(-0.04) == "0.0"  # rounds to zero: no sign
    assert number(-0.04, cfg=JAMA) == "0.0"


def test_integers_print_as_integers() -> None:
    assert count(596.0) == "596"
    assert count(596) == "596"
    assert count(12345, JAMA) == "12,345"
    assert count(12345) == "12345"
    assert count(float("nan")) == D
    with pytest.raises(ValueError, match="whole number"):
        count(2.5)
    assert count_percent(217, 300) == "217 (72.3%)"
    assert count_percent(217.0, 300) == "217 (72.3%)"  # type: ignore[arg-type]
    assert count_percent(1217, 3000, JAMA) == "1,217 (40.6)"
    assert count_percent(0, 0) == f"0 ({D})"
    assert count_header(JAMA) == "No. (%)" and count_header() == "n (%)"


def test_thousands_separators() -> None:
    assert number(1234.56) == "1234.6"
    assert number(1234.56, cfg=AJNR) == "1,234.6"
    assert number(-1234567.0, 0, JAMA) == f"{M}1,234,567"
    assert number(1234.5, cfg=journal_style("plain", thousands="\u2009")) == "1\u2009234.5"


def test_decimals_per_statistic() -> None:
    assert ratio(1.23456) == "1.23"
    assert smd(0.1049) == "0.10"
    assert percent(0.7234) == "72.3%"
    assert number(2.25) == "2.2"  # round-half-even on the binary value, as Python
    assert journal_style("jama", decimals=2).decimals == 2
    assert mean_sd(6.5, 1.25) == "6.5 (1.2)"
    assert mean_sd(6.5, 1.25, AJNR) == "6.5 ± 1.2"
    assert mean_sd(6.5, 1.25, JAMA) == "6.5 (1.2)"
    assert median_iqr(3, 2, 5) == "3.0 [2.0, 5.0]"
    assert median_iqr(3, 2, 5, JAMA) == f"3.0 (2.0{D}5.0)"


@pytest.mark.parametrize(
    ("p", "plain", "ajnr", "jama"),
    [
        (0.0004, "< 0.001", "< .001", "< .001"),
        (0.0012, "0.001", ".001", ".001"),
        (0.0086, "0.009", ".009", ".009"),
        (0.0416, "0.042", ".042", ".04"),
        (0.0468, "0.047", ".047", ".047"),  # JAMA: never ".05" for a P under .05
        (0.2345, "0.234", ".234", ".23"),
        (0.995, "0.995", ".995", "> .99"),
        (float("nan"), D, D, D),
    ],
)
def test_p_values(p: float, plain: str, ajnr: str, jama: str) -> None:
    assert (p_value(p, PLAIN), p_value(p, AJNR), p_value(p, JAMA)) == (plain, ajnr, jama)


def test_p_in_prose() -> None:
    assert p_text(0.0004, JAMA) == "P < .001"
    assert p_text(0.0416, JAMA) == "P = .04"
    assert p_text(0.0416) == "p = 0.042"


def test_missing_and_unknown_styles() -> None:
    assert number(None) == D and number(float("nan"), cfg=JAMA) == D
    assert estimate_ci(1.5, float("nan"), float("nan")) == "1.5"
    with pytest.raises(ValueError, match="no journal style 'nejm'"):
        journal_style("nejm")
    with pytest.raises(ValueError, match="unknown format setting"):
        journal_style("plain", decimal=2)


@pytest.mark.parametrize(
    ("n", "phrase", "text"),
    [
        (1, "patients with a missing covariate", "1 patient with a missing covariate"),
        (3, "patients with a missing covariate", "3 patients with a missing covariate"),
        (0, "patients", "0 patients"),
        (1, "vertebrae without a volume", "1 vertebra without a volume"),
        (
            1,
            "same-level or unclassified first fractures",
            "1 same-level or unclassified first fracture",
        ),
        (1, "index procedures without both scores", "1 index procedure without both scores"),
        (1, "non-events", "1 non-event"),
        (1234, "events", "1234 events"),
    ],
)
def test_counted_agrees_in_number(n, phrase, text):
    assert counted(n, phrase) == text


def test_counted_refuses_a_fractional_count():
    with pytest.raises(ValueError, match="whole number"):
        counted(1.5, "patients")
