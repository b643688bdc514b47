# Pearson (with its Fisher-z interval) and Spearman (t approximation, exact = FALSE)
# correlations as cor.test prints them. Run: Rscript correlation.R (writes correlation.csv).
set.seed(20261121)
x <- round(rnorm(40, 4.5, 1.2), 1)        # cement volume, mL
y <- round(0.6 * x + rnorm(40, 2, 1), 1)  # pain reduction, points
write.csv(data.frame(x = x, y = y), "correlation_input.csv", row.names = FALSE)
p <- cor.test(x, y, method = "pearson")
s <- suppressWarnings(cor.test(x, y, method = "spearman", exact = FALSE))
out <- data.frame(method = c("pearson", "spearman"), estimate = c(p$estimate, s$estimate),
                  ci_low = c(p$conf.int[1], NA), ci_high = c(p$conf.int[2], NA),
                  statistic = c(p$statistic, s$statistic), p_value = c(p$p.value, s$p.value))
writeLines(sprintf("# %s", R.version.string), "correlation.csv")
suppressWarnings(write.table(out, "correlation.csv", sep = ",", row.names = FALSE, append = TRUE))
