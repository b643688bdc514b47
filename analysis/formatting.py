"""All number formatting in one place, so a number reads the same in tables and prose."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class FormatConfig:
    """Display settings: decimals for estimates, percentages and p-values."""

    decimals: int = 1
    percent_decimals: int = 1
    p_decimals: int = 3


DEFAULT = FormatConfig()


def number(x: float | None, decimals: int | None = None, cfg: FormatConfig = DEFAULT) -> str:
    """A number with fixed decimals; missing values print as an en dash."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    d = cfg.decimals if decimals is None else decimals
    return f"{x:.{d}f}"


def mean_sd(mean: float, sd: float, cfg: FormatConfig = DEFAULT) -> str:
    return f"{number(mean, cfg=cfg)} ({number(sd, cfg=cfg)})"


def median_iqr(median: float, q1: float, q3: float, cfg: FormatConfig = DEFAULT) -> str:
    return f"{number(median, cfg=cfg)} ({number(q1, cfg=cfg)}–{number(q3, cfg=cfg)})"


def count_percent(count: int, n: int, cfg: FormatConfig = DEFAULT) -> str:
    """``217 (72.3%)``; the denominator is reported separately where it varies."""
    if n == 0:
        return f"{count} (–)"
    return f"{count} ({100 * count / n:.{cfg.percent_decimals}f}%)"


def ci(low: float, high: float, decimals: int | None = None, cfg: FormatConfig = DEFAULT) -> str:
    return f"{number(low, decimals, cfg)} to {number(high, decimals, cfg)}"


def p_value(p: float | None, cfg: FormatConfig = DEFAULT) -> str:
    """``p < 0.001`` below the display precision, else ``p = 0.042``."""
    if p is None or math.isnan(p):
        return "–"
    floor = 10 ** (-cfg.p_decimals)
    if p < floor:
        return f"< {floor:.{cfg.p_decimals}f}"
    return f"{p:.{cfg.p_decimals}f}"
