# Kaplan-Meier of vertebrae clustered in patients: survfit(..., id = vertebra,
# cluster = patient) gives the robust (infinitesimal jackknife) standard error.
# Run: Rscript km_cluster.R (reads survival_input.csv, writes km_cluster.csv).
suppressPackageStartupMessages(library(survival))
d <- read.csv("survival_input.csv")
d$fx <- as.integer(d$status %in% c(1, 2))
fit <- survfit(Surv(time, fx) ~ 1, data = d, id = id, cluster = patient)
s <- summary(fit, times = c(30, 90, 180, 365, 540))
out <- data.frame(time = s$time, survival = s$surv, std_err = s$std.err, lower = s$lower, upper = s$upper)
writeLines(sprintf("# %s; survival %s", R.version.string, packageVersion("survival")), "km_cluster.csv")
suppressWarnings(write.table(out, "km_cluster.csv", sep = ",", row.names = FALSE, append = TRUE))
