# Three black curves told apart by line type alone (solid, dashed, dotted; the dotted one
# drawn thicker, lwd 2, as is common), crossing and running together, R base graphics
# (plot.survfit) on axes without padding, PNG at 96 dpi, no censor marks, legend box in
# the bottom left corner, for tests/test_digitize.py. Run from this folder:
# Rscript three_styles.R
# Writes, for each seed (one data set each), three_styles_<seed>.csv (the patients,
# R and package versions in its first line) and three_styles_<seed>.png.
library(survival)
mk <- function(n, rate) {
  t <- rexp(n, rate)
  c <- runif(n, 18, 60)
  data.frame(time = round(pmin(t, c), 2) + 0.01, status = as.integer(t <= c))
}
for (seed in c(6, 1, 2, 3, 4, 8)) {
  set.seed(seed)
  d <- rbind(cbind(mk(150, 0.004), arm = 1), cbind(mk(120, 0.007), arm = 2),
             cbind(mk(60, 0.009), arm = 3))
  truth <- sprintf("three_styles_%d.csv", seed)
  writeLines(sprintf("# %s, survival %s", R.version.string, packageVersion("survival")), truth)
  suppressWarnings(write.table(d, truth, sep = ",", row.names = FALSE, append = TRUE))
  fit <- survfit(Surv(time, status) ~ arm, data = d)
  png(sprintf("three_styles_%d.png", seed), width = 7 * 96, height = 5.6 * 96, res = 96,
      type = "cairo")
  plot(fit, lty = 1:3, lwd = c(1.5, 1.5, 2), mark.time = FALSE, xlab = "Months",
       ylab = "Survival", xaxt = "n", xaxs = "i", yaxs = "i", xlim = c(0, 60), ylim = c(0, 1))
  axis(1, at = seq(0, 60, 12))
  legend("bottomleft", c("A", "B", "C"), lty = 1:3, lwd = c(1.5, 1.5, 2))
  invisible(dev.off())
}
