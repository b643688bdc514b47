# Kaplan-Meier figures drawn by R itself (base graphics, survival's plot.survfit), from
# known data, for tests/test_digitize.py. Run from this folder: Rscript km.R
# Writes truth.csv (the patients, R and package versions in its first line) and the
# figures: R base in black and white (line types, censor marks, legend box in a corner)
# as PNG at 96 and 150 dpi, SVG and PDF; in colour with a percent axis as PNG and JPEG;
# and arm 1 alone, as plot.survfit draws one curve: with its confidence band in dashes;
# and the black figure without a box (bty = "n": each axis line runs from its first tick
# to its last, the two apart) on a zoomed y axis, as PNG at 120 dpi.
library(survival)
set.seed(20261121)
n <- 150
mk <- function(rate) {
  t <- rexp(n, rate)
  c <- runif(n, 18, 60)
  data.frame(time = round(pmin(t, c), 2) + 0.01, status = as.integer(t <= c))
}
d <- rbind(cbind(mk(0.02), arm = 1), cbind(mk(0.045), arm = 2))
writeLines(sprintf("# %s, survival %s", R.version.string, packageVersion("survival")), "truth.csv")
suppressWarnings(write.table(d, "truth.csv", sep = ",", row.names = FALSE, append = TRUE))
fit <- survfit(Surv(time, status) ~ arm, data = d)
black <- function() {
  plot(fit, lty = 1:2, xlab = "Months", ylab = "Survival", xaxt = "n", mark.time = TRUE)
  axis(1, at = seq(0, 60, 12))
  legend("bottomleft", c("A", "B"), lty = 1:2)
}
colour <- function() {
  plot(fit, col = c("red", "blue"), lwd = 2, xlab = "Months", ylab = "Survival (%)",
       xaxt = "n", yaxt = "n")
  axis(1, at = seq(0, 60, 12))
  axis(2, at = seq(0, 1, 0.2), labels = seq(0, 100, 20))
  legend("topright", c("A", "B"), col = c("red", "blue"), lwd = 2)
}
for (res in c(96, 150)) {
  png(sprintf("black_%d.png", res), width = 6.4 * res, height = 4.8 * res, res = res, type = "cairo")
  black()
  dev.off()
}
png("colour_110.png", width = 6.4 * 110, height = 4.8 * 110, res = 110, type = "cairo")
colour()
dev.off()
jpeg("colour_150.jpg", width = 6.4 * 150, height = 4.8 * 150, res = 150, quality = 75, type = "cairo")
colour()
dev.off()
png("one_arm_100.png", width = 640, height = 480, res = 100, type = "cairo")
plot(survfit(Surv(time, status) ~ 1, data = d[d$arm == 1, ]), xlab = "Months", xaxt = "n")
axis(1, at = seq(0, 60, 12))
dev.off()
svg("one_arm.svg", width = 6.4, height = 4.8)
plot(survfit(Surv(time, status) ~ 1, data = d[d$arm == 1, ]), xlab = "Months", xaxt = "n")
axis(1, at = seq(0, 60, 12))
dev.off()
svg("black.svg", width = 6.4, height = 4.8)
black()
dev.off()
pdf("black.pdf", width = 6.4, height = 4.8)
black()
dev.off()
png("black_nobox_120.png", width = 6.4 * 120, height = 4.8 * 120, res = 120, type = "cairo")
plot(fit, lty = 1:2, xlab = "Months", ylab = "Survival", xaxt = "n", yaxt = "n",
     mark.time = TRUE, bty = "n", ylim = c(0.2, 1))
axis(1, at = seq(0, 60, 12))
axis(2, at = seq(0.2, 1, 0.2), las = 1)
legend("bottomleft", c("A", "B"), lty = 1:2, bty = "n")
dev.off()
