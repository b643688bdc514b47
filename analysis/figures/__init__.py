"""Publication figures: results in, matplotlib Figures out (no pyplot state).

One journal style (Okabe-Ito colours, single-column 3.5 in, 8-point text); every
function takes an optional ``ax`` and returns the Figure, which shows itself in Jupyter;
:func:`save_figure` writes PNG (300 dpi), SVG and PDF with fonts embedded.
"""

from analysis.figures.flow import flow_diagram
from analysis.figures.forest import forest_plot
from analysis.figures.outcomes import cement_volume_plot, paired_plot, swimmer_plot, trajectory_plot
from analysis.figures.style import OKABE_ITO, JournalFigure, journal_style, save_figure
from analysis.figures.survival import cumulative_incidence_plot, km_plot

__all__ = [
    "OKABE_ITO",
    "JournalFigure",
    "cement_volume_plot",
    "cumulative_incidence_plot",
    "flow_diagram",
    "forest_plot",
    "journal_style",
    "km_plot",
    "paired_plot",
    "save_figure",
    "swimmer_plot",
    "trajectory_plot",
]
