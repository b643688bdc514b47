# Reference P values for the printed-number checks of analysis.published: an F with its
# degrees of freedom (uncorrected, and with a sphericity epsilon multiplying both dfs;
# also at the two ends of a printed F's rounding) and the three tests of a 2 x 2 table.
rows <- list()
add <- function(topic, case, quantity, value) {
  rows[[length(rows) + 1]] <<- data.frame(topic = topic, case = case, quantity = quantity, value = value)
}
# F cases: name, F, df1, df2, epsilon (1 = uncorrected)
f_cases <- list(
  list("oneway_3x10", 3.60, 2, 27, 1),          # one-way ANOVA, 3 groups of 10
  list("rm_4x15", 4.21, 3, 42, 1),              # repeated measures, 4 visits, 15 patients
  list("rm_4x15_gg", 4.21, 3, 42, 0.62),        # the same with a Greenhouse-Geisser epsilon
  list("rm_4x15_hf", 4.21, 3, 42, 0.81),        # and a Huynh-Feldt epsilon
  list("rm_3x12_gg", 5.87, 2, 22, 0.571),       # near the lower bound 1/(k - 1) = 0.5
  list("oneway_2x10", 25.3, 1, 18, 1),          # two groups: F = t^2
  list("oneway_large", 1.07, 4, 195, 1)
)
for (fc in f_cases) {
  case <- fc[[1]]; f <- fc[[2]]; eps <- fc[[5]]; d1 <- eps * fc[[3]]; d2 <- eps * fc[[4]]
  add("f", case, "p_value", pf(f, d1, d2, lower.tail = FALSE))
  add("f", case, "p_value_f_plus", pf(f + 0.005, d1, d2, lower.tail = FALSE))   # F printed to 2 places
  add("f", case, "p_value_f_minus", pf(f - 0.005, d1, d2, lower.tail = FALSE))
}
# 2 x 2 cases: events and n in each group
t_cases <- list(
  list("adjacent_10of17_4of21", 10, 17, 4, 21),
  list("3of12_9of14", 3, 12, 9, 14),
  list("1of8_6of9", 1, 8, 6, 9),                # small expected counts
  list("5of10_5of11", 5, 10, 5, 11),            # |O - E| < 0.5: Yates' correction limited
  list("45of120_30of118", 45, 120, 30, 118),
  list("3of10_7of10", 3, 10, 7, 10),            # symmetric: equal tail probabilities
  list("0of15_5of15", 0, 15, 5, 15)             # a zero cell
)
for (tc in t_cases) {
  case <- tc[[1]]
  tab <- matrix(c(tc[[2]], tc[[3]] - tc[[2]], tc[[4]], tc[[5]] - tc[[4]]), nrow = 2, byrow = TRUE)
  add("two_by_two", case, "fisher", fisher.test(tab)$p.value)
  add("two_by_two", case, "chi_square", suppressWarnings(chisq.test(tab, correct = FALSE))$p.value)
  add("two_by_two", case, "chi_square_yates", suppressWarnings(chisq.test(tab, correct = TRUE))$p.value)
}
out <- file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))), "published_checks.csv")
writeLines(sprintf("# %s (stats %s); written by published_checks.R", R.version.string, packageVersion("stats")), out)
suppressWarnings(write.table(do.call(rbind, rows), out, sep = ",", row.names = FALSE, append = TRUE,
                             qmethod = "double", col.names = TRUE))
