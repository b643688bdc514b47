"""The declared scale of each outcome measure, and the check that a threshold fits it.

A responder threshold written for one scale and applied to another gives a number that
looks like a result: the Oswestry cut-off of 10 points applied to pain on 0-10 counts
only the patients whose pain fell from 10 to 0. :func:`check_points` refuses such a
threshold instead of returning that count.
"""

from __future__ import annotations

from analysis.spec import load_spec


def measure_scale(measure: str) -> tuple[float, float] | None:
    """The lowest and highest value ``data_schema/cohort.yaml`` declares for a measure
    (``(0.0, 10.0)`` for ``pain_vas``); None when the measure is not declared."""
    spec = load_spec().measures.get(measure)
    return None if spec is None else (float(spec.min), float(spec.max))


def scale_text(measure: str) -> str:
    """``pain_vas (0-10 scale)``, or ``rdq (scale not declared)``."""
    scale = measure_scale(measure)
    if scale is None:
        return f"{measure} (scale not declared)"
    return f"{measure} ({scale[0]:g}-{scale[1]:g} scale)"


def check_points(measure: str, points: float | None, below: float | None = None) -> None:
    """Refuse a reduction of ``points`` (or a cut-off ``below``) that does not fit the
    declared scale of ``measure``.

    A reduction as large as the whole range can only be met by a fall from the top of
    the scale to the bottom: a threshold written for another scale.

    Raises
    ------
    ValueError
        When ``points`` is at least the scale's range, or ``below`` lies outside it.
    """
    scale = measure_scale(measure)
    if scale is None:
        return
    low, high = scale
    if points is not None and points >= high - low:
        reach = (
            f"only a fall from {high:g} to {low:g} meets it"
            if points == high - low
            else "no change on that scale can meet it"
        )
        raise ValueError(
            f"a reduction of at least {points:g} points does not fit {scale_text(measure)}: "
            f"{reach}, so the threshold is on another scale; give it in points of the "
            f"{low:g}-{high:g} scale"
        )
    if below is not None and not low <= below <= high:
        raise ValueError(
            f"a follow-up cut-off of {below:g} lies outside {scale_text(measure)}; give it on "
            f"the {low:g}-{high:g} scale"
        )
