"""Cohort flow diagram in STROBE style, from a simple ledger.

The ledger is a mapping any loader or user can fill::

    {"patients_in": 61, "rows_read": 412,
     "patients_excluded": {"errors on their rows (not a vertebral level)": 1},
     "patients_analysed": 60,
     "excluded": {"no patient ID": 3, "exact duplicate row": 2},
     "cohort": "60 patients, 88 treated vertebrae",
     "analyses": {"Fracture-free survival": "60 patients",
                  "Pain before vs 1 month": "50 sessions (2 without both scores)"}}

With ``patients_in`` the diagram starts from patients and accounts for every excluded
one; without it, from rows (``rows_read``, rows ``excluded``).
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch

from analysis.figures.style import SINGLE_COLUMN, journal_style, new_axes


def _box(ax: Axes, x: float, y: float, w: float, h: float, text: str) -> None:
    ax.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h, boxstyle="square,pad=0",
                                facecolor="white", edgecolor="#000000", linewidth=0.8))  # fmt: skip
    ax.text(x, y, _wrapped(text, w), ha="center", va="center", fontsize=7)


def _wrapped(text: str, w: float) -> str:
    """``text`` wrapped to a box ``w`` axis units wide: about 11 characters of 7-pt text
    per unit (10 units across a double column)."""
    return "\n".join(part for line in text.split("\n") for part in textwrap.wrap(line, max(int(w * 11), 12)) or [""])  # fmt: skip


def _arrow(ax: Axes, start: tuple[float, float], end: tuple[float, float]) -> None:
    ax.annotate(
        "", end, start, arrowprops={"arrowstyle": "-|>", "linewidth": 0.8, "color": "#000000"}
    )


def _texts(ledger: Mapping[str, object], excluded: dict[str, object], n_excl: int) -> tuple[str, str, str]:  # fmt: skip
    """The texts of the input box, the exclusions box and the cohort box."""
    rows = "\n".join(f"{reason}: {n}" for reason, n in excluded.items())
    if "patients_in" not in ledger:
        side = f"Rows excluded (n = {n_excl})\n{rows or 'none'}"
        return f"Rows read from the input\n(n = {ledger['rows_read']})", side, f"Cohort analysed\n{ledger['cohort']}"  # fmt: skip
    lost = dict(ledger.get("patients_excluded", {}) or {})  # type: ignore[call-overload]
    n_lost = sum(int(v) for v in lost.values())
    their_rows = ledger.get("patient_rows_excluded")
    side = f"Patients excluded (n = {n_lost}" + (f"; {their_rows} rows)" if their_rows else ")")
    side += "".join(f"\n{why}: {n}" for why, n in lost.items())
    side += f"\nOther rows excluded (n = {n_excl})" + (f"\n{rows}" if rows else "")
    top = f"Patients in the input (n = {ledger['patients_in']})\n{ledger['rows_read']} data rows"
    analysed = ledger.get("patients_analysed", "?")
    units = str(ledger["cohort"]).removeprefix(f"{analysed} patients, ")
    return top, side, f"Patients analysed (n = {analysed})\n{units}"


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
        top, side, cohort = _texts(ledger, excluded, n_excl)
        _box(ax, 3.0, 9.0, 4.4, 1.0, top)
        h_side = 0.4 + 0.32 * side.count("\n") + 0.32
        _box(ax, 7.6, 6.9, 4.4, h_side, side)
        _arrow(ax, (3.0, 8.5), (3.0, 5.3))
        _arrow(ax, (3.0, 6.9), (5.4, 6.9))
        _box(ax, 3.0, 4.8, 4.4, 1.0, cohort)
        w = 9.6 / n_an
        # the analysis boxes hang from one line, as tall as the longest text needs
        lines = max((_wrapped(f"{name}\n{used}", w * 0.92).count("\n") + 1 for name, used in analyses.items()), default=1)  # fmt: skip
        h = max(1.4, 0.3 + 0.3 * lines)
        for i, (name, used) in enumerate(analyses.items()):
            x = 0.2 + w * (i + 0.5)
            _arrow(ax, (3.0, 4.3), (x, 2.9))
            _box(ax, x, 2.9 - h / 2, w * 0.92, h, f"{name}\n{used}")
    return fig
