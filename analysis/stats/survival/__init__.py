"""Time-to-event statistics: Kaplan-Meier, log-rank, cumulative incidence and Gray's test, Cox and Fine-Gray models, restricted mean survival, landmarks."""
