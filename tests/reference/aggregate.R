# Reference values for analysis.published: tests run by R on data with exactly the
# printed moments (a standard-normal sample scaled to the given mean and SD), plus
# fisher.test and chisq.test on the 2x2 tables the published functions reuse.
set.seed(20261121)
exact <- function(n, m, s) { z <- rnorm(n); m + s * (z - mean(z)) / sd(z) }
rows <- list()
add <- function(topic, case, quantity, value) {
  rows[[length(rows) + 1]] <<- data.frame(topic = topic, case = case, quantity = quantity, value = value)
}
# The repeat vs initial cement volume comparison (6.8 +/- 1.92 vs 4.2 +/- 0.84, n = 9).
x <- exact(9, 6.8, 1.92); y <- exact(9, 4.2, 0.84)
for (eq in c(FALSE, TRUE)) {
  tt <- t.test(x, y, var.equal = eq)
  case <- if (eq) "student" else "welch"
  add("two_sample_t", case, "estimate", unname(tt$estimate[1] - tt$estimate[2]))
  add("two_sample_t", case, "ci_low", tt$conf.int[1]); add("two_sample_t", case, "ci_high", tt$conf.int[2])
  add("two_sample_t", case, "statistic", unname(tt$statistic)); add("two_sample_t", case, "df", unname(tt$parameter))
  add("two_sample_t", case, "p_value", tt$p.value)
}
# Paired: pain change -4.5 (SD of differences 2.1), n = 6.
d <- exact(6, -4.5, 2.1); before <- rnorm(6, 8, 1); after <- before + d
tt <- t.test(after, before, paired = TRUE)
add("paired_t", "n6", "estimate", unname(tt$estimate)); add("paired_t", "n6", "ci_low", tt$conf.int[1])
add("paired_t", "n6", "ci_high", tt$conf.int[2]); add("paired_t", "n6", "statistic", unname(tt$statistic))
add("paired_t", "n6", "df", unname(tt$parameter)); add("paired_t", "n6", "p_value", tt$p.value)
# One-sample: mean 2.3, SD 1.4, n = 12 against mu = 3.
tt <- t.test(exact(12, 2.3, 1.4), mu = 3)
add("one_sample_t", "n12", "estimate", unname(tt$estimate) - 3); add("one_sample_t", "n12", "ci_low", tt$conf.int[1] - 3)
add("one_sample_t", "n12", "ci_high", tt$conf.int[2] - 3); add("one_sample_t", "n12", "statistic", unname(tt$statistic))
add("one_sample_t", "n12", "df", unname(tt$parameter)); add("one_sample_t", "n12", "p_value", tt$p.value)
# One-way ANOVA: three groups.
g <- factor(rep(c("a", "b", "c"), c(8, 10, 7)))
v <- c(exact(8, 5.1, 1.3), exact(10, 6.4, 2.2), exact(7, 4.0, 0.9))
a <- summary(aov(v ~ g))[[1]]
add("anova", "aov", "statistic", a[["F value"]][1]); add("anova", "aov", "df", a[["Df"]][2])
add("anova", "aov", "p_value", a[["Pr(>F)"]][1])
w <- oneway.test(v ~ g, var.equal = FALSE)
add("anova", "welch", "statistic", unname(w$statistic)); add("anova", "welch", "df", unname(w$parameter[2]))
add("anova", "welch", "p_value", w$p.value)
# 2x2 from counts: adjacent new fractures 10/17 vs 4/21.
tab <- matrix(c(10, 7, 4, 17), nrow = 2, byrow = TRUE)
f <- fisher.test(tab)
add("two_by_two", "fisher", "estimate", unname(f$estimate)); add("two_by_two", "fisher", "p_value", f$p.value)
add("two_by_two", "chisq_yates", "p_value", chisq.test(tab)$p.value)
add("two_by_two", "chisq", "p_value", chisq.test(tab, correct = FALSE)$p.value)
out <- file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))), "aggregate.csv")
writeLines(sprintf("# %s; written by aggregate.R", R.version.string), out)
suppressWarnings(write.table(do.call(rbind, rows), out, sep = ",", row.names = FALSE, append = TRUE, qmethod = "double", col.names = TRUE))
