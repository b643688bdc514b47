# Kaplan-Meier quantiles with confidence limits, as quantile.survfit (log-log interval).
# Run: Rscript quantiles.R (reads survival_input.csv, writes quantiles.csv).
suppressPackageStartupMessages(library(survival))
d <- read.csv("survival_input.csv")
d$fx <- as.integer(d$status %in% c(1, 2, 3))
fit <- survfit(Surv(time, fx) ~ group, data = d, conf.type = "log-log")
probs <- c(0.1, 0.25, 0.5)
q <- quantile(fit, probs = probs)
rows <- list()
for (g in rownames(q$quantile)) for (j in seq_along(probs)) rows[[length(rows) + 1]] <- data.frame(
  group = sub("group=", "", g), prob = probs[j], time = q$quantile[g, j], ci_low = q$lower[g, j], ci_high = q$upper[g, j])
out <- do.call(rbind, rows)
writeLines(sprintf("# %s; survival %s", R.version.string, packageVersion("survival")), "quantiles.csv")
suppressWarnings(write.table(out, "quantiles.csv", sep = ",", row.names = FALSE, append = TRUE, na = "NA"))
