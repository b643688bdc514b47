# survdiff in full: observed, expected, the variance matrix, and the stratified test
# (survdiff(... + strata(steroid))). Run: Rscript logrank.R (reads survival_input.csv,
# writes logrank.csv).
suppressPackageStartupMessages(library(survival))
d <- read.csv("survival_input.csv")
d$fx <- as.integer(d$status %in% c(1, 2))
rows <- list()
for (design in c("plain", "stratified")) {
  fit <- if (design == "plain") survdiff(Surv(time, fx) ~ group, data = d) else
    survdiff(Surv(time, fx) ~ group + strata(steroid), data = d)
  obs <- if (is.matrix(fit$obs)) rowSums(fit$obs) else fit$obs
  exp <- if (is.matrix(fit$exp)) rowSums(fit$exp) else fit$exp
  g <- sub("group=", "", names(fit$n))
  for (i in seq_along(g)) {
    rows[[length(rows) + 1]] <- data.frame(design = design, quantity = "observed", row = g[i], col = "", value = obs[i])
    rows[[length(rows) + 1]] <- data.frame(design = design, quantity = "expected", row = g[i], col = "", value = exp[i])
    for (j in seq_along(g)) rows[[length(rows) + 1]] <- data.frame(design = design, quantity = "variance",
      row = g[i], col = g[j], value = fit$var[i, j])
  }
  rows[[length(rows) + 1]] <- data.frame(design = design, quantity = "chisq", row = "", col = "", value = fit$chisq)
}
out <- do.call(rbind, rows)
writeLines(sprintf("# %s; survival %s", R.version.string, packageVersion("survival")), "logrank.csv")
suppressWarnings(write.table(out, "logrank.csv", sep = ",", row.names = FALSE, append = TRUE))
