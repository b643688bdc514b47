"""New vertebral fractures after augmentation: classification against the treated levels and the cohort-level survival analyses."""
