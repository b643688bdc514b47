# Proportions as R prints them: prop.test's Wilson interval with continuity correction and
# binom.test's exact p-value against p0. Run: Rscript proportions.R (writes proportions.csv).
cases <- data.frame(count = c(5, 29, 25, 0, 12, 217, 6), n = c(6, 124, 29, 10, 12, 300, 9),
                    p0 = c(0.5, 0.2, 0.5, 0.1, 0.9, 0.72, 0.5))
rows <- lapply(seq_len(nrow(cases)), function(i) {
  x <- cases$count[i]; n <- cases$n[i]; p0 <- cases$p0[i]
  pt <- suppressWarnings(prop.test(x, n, p = p0, correct = TRUE))
  bt <- binom.test(x, n, p = p0)
  data.frame(count = x, n = n, p0 = p0, wilson_cc_low = pt$conf.int[1], wilson_cc_high = pt$conf.int[2],
             prop_test_p = pt$p.value, binom_p = bt$p.value)
})
out <- do.call(rbind, rows)
writeLines(sprintf("# %s", R.version.string), "proportions.csv")
suppressWarnings(write.table(out, "proportions.csv", sep = ",", row.names = FALSE, append = TRUE))
