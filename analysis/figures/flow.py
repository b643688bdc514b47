"""Cohort flow diagram in CONSORT style, from a simple ledger.

The ledger is a mapping any loader or user can fill::

    {"rows_read": 412,
     "excluded": {"no patient ID": 3, "level not C1-S1": 2},
     "cohort": "60 patients, 88 treated vertebrae",
     "analyses": {"Fracture-free survival": "60 patients",
                  "Pain before vs 1 month": "50 sessions (2 without both scores)"}}
"""

from __future__ import annotations

from collections.abc import Mapping

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch

from analysis.figures.style import SINGLE_COLUMN, journal_style, new_axes


def _box(ax: Axes, x: float, y: float, w: float, h: float, text: str) -> None:
    ax.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h, boxstyle="square,pad=0",
                                facecolor="white", edgecolor="#000000", linewidth=0.8))  # fmt: skip
    ax.text(x, y, text, ha="center", va="center", fontsize=7, wrap=True)


def _arrow(ax: Axes, start: tuple[float, float], end: tuple[float, float]) -> None:
    ax.annotate(
        "", end, start, arrowprops={"arrowstyle": "-|>", "linewidth": 0.8, "color": "#000000"}
    )


def flow_diagram(ledger: Mapping[str, object], ax: Axes | None = None) -> Figure:
    """Rows read, rows excluded with their reasons (side box), the cohort, and what each
    analysis used.

    Raises
    ------
    ValueError
        When ``rows_read`` or ``cohort`` is missing from the ledger.
    """
    missing = [k for k in ("rows_read", "cohort") if k not in ledger]
    if missing:
        raise ValueError(f"the flow ledger needs {', '.join(missing)} (see analysis.figures.flow)")
    excluded = dict(ledger.get("excluded", {}) or {})  # type: ignore[call-overload]
    analyses = dict(ledger.get("analyses", {}) or {})  # type: ignore[call-overload]
    n_excl = sum(int(v) for v in excluded.values())
    n_an = max(len(analyses), 1)
    with journal_style():
        fig, ax = new_axes(ax, (SINGLE_COLUMN * 2, 3.2 + 0.12 * max(len(excluded), n_an)))
        ax.set_xlim(0, 10)
        ax.set_ylim(0, 10)
        ax.axis("off")
        _box(ax, 3.0, 9.0, 4.4, 1.0, f"Rows read from the input\n(n = {ledger['rows_read']})")
        side = "\n".join(f"{reason}: {n}" for reason, n in excluded.items()) or "none"
        h_side = 0.7 + 0.32 * max(len(excluded), 1)
        _box(ax, 7.6, 6.9, 4.4, h_side, f"Rows excluded (n = {n_excl})\n{side}")
        _arrow(ax, (3.0, 8.5), (3.0, 5.3))
        _arrow(ax, (3.0, 6.9), (5.4, 6.9))
        _box(ax, 3.0, 4.8, 4.4, 1.0, f"Cohort analysed\n{ledger['cohort']}")
        w = 9.6 / n_an
        for i, (name, used) in enumerate(analyses.items()):
            x = 0.2 + w * (i + 0.5)
            _arrow(ax, (3.0, 4.3), (x, 2.9))
            _box(ax, x, 2.2, w * 0.92, 1.4, f"{name}\n{used}")
    return fig
