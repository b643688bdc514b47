"""Publication figures: results in, matplotlib Figures out (no pyplot state)."""

from analysis.figures.survival import cumulative_incidence_plot, forest_plot, km_plot

__all__ = ["cumulative_incidence_plot", "forest_plot", "km_plot"]
