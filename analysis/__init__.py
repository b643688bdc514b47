"""Outcome analysis for vertebral augmentation case series and registries."""

__version__ = "0.1.0"
