# m3: SAS PROC LIFETEST (ODS graphics, HTMLBlue) imitation with R base plot.survfit.
# "+" censor marks, numbers at risk printed INSIDE the plot area along its bottom edge,
# legend below the plot. Heavy censoring. Vector PDF.
suppressMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args)) args[1] else "."
dir.create(file.path(out, "truth"), showWarnings = FALSE, recursive = TRUE)
set.seed(9303)
sim <- function(n, rate, fu = 48) {
  tev <- rexp(n, rate)
  cen <- pmin(runif(n, 3, fu), rexp(n, 1 / 30))      # heavy censoring (~45% lost early)
  data.frame(time = round(pmin(tev, cen), 2), event = as.integer(tev <= cen))
}
d1 <- sim(140, 0.008); d1$curve <- 1
d2 <- sim(130, 0.016); d2$curve <- 2
d <- rbind(d1, d2)
fit <- survfit(Surv(time, event) ~ curve, data = d)
cols <- c("#445694", "#A23A2E")   # SAS HTMLBlue GraphData1 / GraphData2

pdf(file.path(out, "figure.pdf"), width = 6.4, height = 4.8, family = "Helvetica")
par(mar = c(7.5, 4.6, 3.2, 1.5), mgp = c(2.6, 0.7, 0), las = 1, cex.axis = 0.85)
plot(fit, col = cols, lwd = 1.4, mark.time = TRUE, mark = 3, cex = 0.7,
     xlim = c(0, 48), ylim = c(-0.1, 1), xaxt = "n", yaxt = "n", xaxs = "r",
     xlab = "", ylab = "Survival Probability", conf.int = FALSE)
axis(1, at = seq(0, 48, 12))
axis(2, at = seq(0, 1, 0.2), labels = sprintf("%.1f", seq(0, 1, 0.2)))
mtext("Months", side = 1, line = 2.3)
title(main = "Product-Limit Survival Estimates", font.main = 2, cex.main = 1.05)
title(main = "With Number of Subjects at Risk", line = 0.5, font.main = 1, cex.main = 0.85)
# at-risk rows inside the plot area, along its bottom edge
ticks <- seq(0, 48, 12)
ar <- NULL
ypos <- c(-0.03, -0.08)
for (g in 1:2) {
  dd <- d[d$curve == g, ]
  n <- sapply(ticks, function(x) sum(dd$time >= x))
  text(ticks, ypos[g], n, col = cols[g], cex = 0.72)
  ar <- rbind(ar, data.frame(curve = g, time = ticks, n_at_risk = n))
}
# legend below the plot: group keys and censor key in a box
par(xpd = NA)
legend("bottom", inset = c(0, -0.36), horiz = TRUE, bty = "o", cex = 0.8,
       legend = c("Group", "Cemented", "Non-cemented", "+ Censored"),
       col = c(NA, cols, "black"), lty = c(NA, 1, 1, NA), lwd = 1.4,
       pch = c(NA, NA, NA, NA), text.font = c(2, 1, 1, 1))
dev.off()

# truth
rows <- NULL
for (g in 1:2) {
  s <- fit[g]
  tt <- s$time[s$n.event > 0]; ss <- s$surv[s$n.event > 0]
  r <- data.frame(curve = g, time = c(0, tt), value = c(1, ss))
  if (max(s$time) > max(r$time)) r <- rbind(r, data.frame(curve = g, time = max(s$time), value = tail(s$surv, 1)))
  rows <- rbind(rows, r)
}
write.csv(rows, file.path(out, "truth", "curves.csv"), row.names = FALSE, quote = FALSE)
write.csv(ar, file.path(out, "truth", "at_risk.csv"), row.names = FALSE, quote = FALSE)
write.csv(d[, c("curve", "time", "event")], file.path(out, "truth", "ipd.csv"), row.names = FALSE, quote = FALSE)
writeLines('{"kind": "survival", "x_range": [0, 48], "y_range": [0, 1], "n_curves": 2, "x_unit": "months", "style": "SAS PROC LIFETEST ODS imitation (R plot.survfit): + censor marks, at-risk numbers inside the plot bottom, boxed legend below, heavy censoring"}',
           file.path(out, "truth", "meta.json"))
cat(tapply(d$event, d$curve, mean), "\n")
