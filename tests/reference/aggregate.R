# Tests from printed summaries, checked on data built to have exactly the printed means,
# SDs and sizes (a standard-normal sample rescaled): t.test (Welch, Student, one-sample,
# paired from the differences) and oneway.test / aov. Run: Rscript aggregate.R (writes
# aggregate.csv).
exact_sample <- function(n, m, s, seed) { set.seed(seed); z <- rnorm(n); m + s * (z - mean(z)) / sd(z) }
x <- exact_sample(9, 6.8, 1.92, 1); y <- exact_sample(9, 4.2, 0.84, 2)
d <- exact_sample(12, -4.1, 2.3, 3)
g1 <- exact_sample(270, 4.9, 2.1, 4); g2 <- exact_sample(30, 3.8, 2.6, 5); g3 <- exact_sample(15, 4.4, 1.9, 6)
w <- t.test(x, y); s <- t.test(x, y, var.equal = TRUE); o <- t.test(d, mu = 0)
grp <- factor(rep(c("a", "b", "c"), c(270, 30, 15)))
a <- summary(aov(c(g1, g2, g3) ~ grp))[[1]]
ow <- oneway.test(c(g1, g2, g3) ~ grp)
row <- function(name, t) data.frame(test = name, statistic = unname(t$statistic), df = unname(t$parameter[1]),
  p_value = t$p.value, ci_low = t$conf.int[1], ci_high = t$conf.int[2])
out <- rbind(row("welch", w), row("student", s), row("one_sample", o),
  data.frame(test = "anova", statistic = a$`F value`[1], df = a$Df[2], p_value = a$`Pr(>F)`[1], ci_low = NA, ci_high = NA),
  data.frame(test = "welch_anova", statistic = unname(ow$statistic), df = unname(ow$parameter[2]), p_value = ow$p.value, ci_low = NA, ci_high = NA))
writeLines(sprintf("# %s", R.version.string), "aggregate.csv")
suppressWarnings(write.table(out, "aggregate.csv", sep = ",", row.names = FALSE, append = TRUE))
