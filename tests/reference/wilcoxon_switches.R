# wilcox.test's exact = and correct = switches (signed-rank and rank-sum), with the
# Hodges-Lehmann interval. Run: Rscript wilcoxon_switches.R (writes wilcoxon_switches.csv).
d <- c(-3.1, -2.4, -4.0, -1.2, -5.5, 0.7, -2.9, -3.6, -0.4, -1.9, -2.2, -4.4)
x <- c(6.1, 7.4, 5.9, 8.2, 6.6, 7.0, 9.1, 6.8)
y <- c(4.0, 4.6, 5.2, 3.9, 4.4, 5.0, 4.1)
rows <- list()
for (exact in c(TRUE, FALSE)) for (correct in c(TRUE, FALSE)) {
  s <- suppressWarnings(wilcox.test(d, exact = exact, correct = correct, conf.int = TRUE))
  r <- suppressWarnings(wilcox.test(x, y, exact = exact, correct = correct, conf.int = TRUE))
  for (t in list(list("signed_rank", s), list("rank_sum", r))) rows[[length(rows) + 1]] <- data.frame(
    test = t[[1]], exact = exact, correct = correct, statistic = unname(t[[2]]$statistic),
    p_value = t[[2]]$p.value, estimate = unname(t[[2]]$estimate),
    ci_low = t[[2]]$conf.int[1], ci_high = t[[2]]$conf.int[2])
}
out <- do.call(rbind, rows)
writeLines(sprintf("# %s", R.version.string), "wilcoxon_switches.csv")
suppressWarnings(write.table(out, "wilcoxon_switches.csv", sep = ",", row.names = FALSE, append = TRUE))
