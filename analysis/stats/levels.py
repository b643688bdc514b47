"""The confidence level of a call: ``conf_level=`` and its complement ``alpha=``."""

from __future__ import annotations

import numpy as np

DEFAULT_CONF_LEVEL = 0.95
DEFAULT_ALPHA = 0.05


def confidence_alpha(alpha: float, conf_level: float) -> float:
    """The ``alpha`` (1 - coverage) of a call that takes both ``alpha`` and ``conf_level``.

    Either may be given: ``conf_level=0.9`` and ``alpha=0.1`` ask for the same 90%
    intervals; left at their defaults (0.95 and 0.05) both mean 95%.

    Raises
    ------
    ValueError
        When ``conf_level`` is not strictly between 0 and 1 (a percentage, say), or when
        both are given and disagree.
    """
    if not 0.0 < conf_level < 1.0:
        raise ValueError(
            f"conf_level must lie strictly between 0 and 1 (got {conf_level!r}); "
            "give 0.9 for 90% intervals"
        )
    if conf_level == DEFAULT_CONF_LEVEL:
        return alpha
    if alpha != DEFAULT_ALPHA and not np.isclose(alpha, 1.0 - conf_level, rtol=0.0, atol=1e-12):
        raise ValueError(
            f"alpha={alpha!r} and conf_level={conf_level!r} disagree (alpha is 1 - conf_level): "
            "give one of them"
        )
    return 1.0 - conf_level
