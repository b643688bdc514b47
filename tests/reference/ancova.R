# The full ANCOVA coefficient table (every term: estimate, SE, t, p, CI), R-squared and n,
# as summary(lm(value ~ baseline + group)). Run: Rscript ancova.R (reads groups_input.csv,
# writes ancova.csv).
d <- read.csv("groups_input.csv")
d <- d[d$case == "large", ]
d$group <- relevel(factor(d$group), ref = "pathologic")
fit <- lm(value ~ baseline + group, data = d)
s <- summary(fit); co <- s$coefficients; ci <- confint(fit)
out <- data.frame(term = rownames(co), estimate = co[, 1], std_error = co[, 2], statistic = co[, 3],
                  p_value = co[, 4], ci_low = ci[, 1], ci_high = ci[, 2],
                  r_squared = s$r.squared, adj_r_squared = s$adj.r.squared, n = nobs(fit))
writeLines(sprintf("# %s", R.version.string), "ancova.csv")
suppressWarnings(write.table(out, "ancova.csv", sep = ",", row.names = FALSE, append = TRUE))
