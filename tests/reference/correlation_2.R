# Spearman's rank correlation as R's cor.test(method = "spearman") reports it: the S
# statistic and its p-value, exact (AS 89: enumeration up to n = 9, Edgeworth series
# above) for n < 1290 without ties, the t approximation with ties or exact = FALSE.
# Run: Rscript correlation_2.R (writes correlation_2_input.csv, correlation_2.csv).
set.seed(20261121)
make <- function(case, x, y) data.frame(case = case, x = x, y = y)
x9 <- sample(1:9); x12 <- rnorm(12); x25 <- rnorm(25)
d <- rbind(
  make("n5", c(1.2, 3.4, 2.2, 5.0, 4.1), c(2.0, 2.9, 3.5, 4.8, 4.0)),
  make("n6_perfect", 1:6, c(2, 4, 5, 8, 9, 13)),
  make("n7_negative", c(3, 1, 4, 1.5, 5, 9, 2.6), c(10, 12, 7, 11, 8, 1, 9.5)),
  make("n9", x9, x9 + rnorm(9, 0, 3)),
  make("n12", x12, -0.3 * x12 + rnorm(12)),
  make("n25", x25, 0.4 * x25 + rnorm(25)),
  make("n10_ties", c(1, 2, 2, 3, 4, 5, 5, 6, 7, 8), c(2, 1, 3, 3, 5, 4, 6, 8, 7, 9))
)
write.csv(d, "correlation_2_input.csv", row.names = FALSE)
rows <- list()
for (case in unique(d$case)) {
  s <- d[d$case == case, ]
  for (exact in list(NULL, FALSE)) {
    ct <- suppressWarnings(cor.test(s$x, s$y, method = "spearman", exact = exact))
    branch <- if (is.null(exact)) "default" else "approximate"
    rows[[length(rows) + 1]] <- data.frame(case = case, exact = branch,
      quantity = c("rho", "S", "p_value"), value = c(unname(ct$estimate), unname(ct$statistic), ct$p.value))
  }
}
writeLines(sprintf("# %s", R.version.string), "correlation_2.csv")
suppressWarnings(write.table(do.call(rbind, rows), "correlation_2.csv", sep = ",", row.names = FALSE, append = TRUE))
