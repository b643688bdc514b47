# prop.test without continuity correction (the Wilson score test of p0), prop.test's
# interval and test for the difference of two proportions with and without continuity
# correction, and mcnemar.test with and without correction with its discordant counts.
# Run: Rscript proportions_2.R (writes proportions_2.csv).
put <- function(topic, case, quantity, value) data.frame(topic = topic, case = case, quantity = quantity, value = unname(value))
rows <- list()
one <- data.frame(count = c(5, 29, 25, 0, 12, 217, 6, 3), n = c(6, 124, 29, 10, 12, 300, 9, 40),
                  p0 = c(0.5, 0.2, 0.5, 0.1, 0.9, 0.72, 0.5, 0.05))
for (i in seq_len(nrow(one))) {
  case <- sprintf("%d_%d_%g", one$count[i], one$n[i], one$p0[i])
  for (correct in c(FALSE, TRUE)) {
    pt <- suppressWarnings(prop.test(one$count[i], one$n[i], p = one$p0[i], correct = correct))
    topic <- if (correct) "one_sample_corrected" else "one_sample"
    rows[[length(rows) + 1]] <- rbind(put(topic, case, "statistic", pt$statistic), put(topic, case, "p_value", pt$p.value),
                                      put(topic, case, "ci_low", pt$conf.int[1]), put(topic, case, "ci_high", pt$conf.int[2]))
  }
}
two <- data.frame(x1 = c(12, 30, 5, 0, 7, 40, 3), n1 = c(40, 100, 9, 15, 20, 50, 30),
                  x2 = c(20, 18, 2, 4, 7, 10, 3), n2 = c(41, 95, 11, 16, 20, 48, 31))
for (i in seq_len(nrow(two))) {
  case <- sprintf("%d_%d_%d_%d", two$x1[i], two$n1[i], two$x2[i], two$n2[i])
  for (correct in c(FALSE, TRUE)) {
    pt <- suppressWarnings(prop.test(c(two$x1[i], two$x2[i]), c(two$n1[i], two$n2[i]), correct = correct))
    topic <- if (correct) "difference_corrected" else "difference"
    rows[[length(rows) + 1]] <- rbind(put(topic, case, "estimate", pt$estimate[1] - pt$estimate[2]),
                                      put(topic, case, "statistic", pt$statistic), put(topic, case, "p_value", pt$p.value),
                                      put(topic, case, "ci_low", pt$conf.int[1]), put(topic, case, "ci_high", pt$conf.int[2]))
  }
}
# paired yes/no: table rows = before (no, yes), columns = after (no, yes)
tables <- list(c(10, 15, 4, 21), c(30, 2, 9, 11), c(5, 6, 6, 8), c(40, 1, 0, 12))
for (tab in tables) {
  m <- matrix(tab, 2, byrow = TRUE)
  case <- paste(tab, collapse = "_")
  for (correct in c(FALSE, TRUE)) {
    h <- mcnemar.test(m, correct = correct)
    topic <- if (correct) "mcnemar_corrected" else "mcnemar"
    rows[[length(rows) + 1]] <- rbind(put(topic, case, "statistic", h$statistic), put(topic, case, "p_value", h$p.value),
                                      put(topic, case, "no_to_yes", m[1, 2]), put(topic, case, "yes_to_no", m[2, 1]))
  }
}
writeLines(sprintf("# %s", R.version.string), "proportions_2.csv")
suppressWarnings(write.table(do.call(rbind, rows), "proportions_2.csv", sep = ",", row.names = FALSE, append = TRUE))
