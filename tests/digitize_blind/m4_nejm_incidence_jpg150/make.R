# m4: NEJM-like rising cumulative incidence (1 - KM) in percent 0-40, R base plot.survfit,
# colour, two-row numbers-at-risk table under the axis. JPEG quality 80 at 150 dpi.
suppressMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args)) args[1] else "."
dir.create(file.path(out, "truth"), showWarnings = FALSE, recursive = TRUE)
set.seed(9404)
sim <- function(n, rate, fu = 48) {
  tev <- rexp(n, rate)
  cen <- pmin(runif(n, 24, fu), rexp(n, 1 / 200))
  data.frame(time = round(pmin(tev, cen), 2), event = as.integer(tev <= cen))
}
d1 <- sim(210, 0.0045); d1$curve <- 1
d2 <- sim(205, 0.0095); d2$curve <- 2
d <- rbind(d1, d2)
fit <- survfit(Surv(time, event) ~ curve, data = d)
cols <- c("#0072B5", "#BC3C29")
labs <- c("Vertebroplasty", "Sham procedure")

jpeg(file.path(out, "figure.jpg"), width = 6.5, height = 5, units = "in", res = 150, quality = 80)
par(mar = c(8.5, 8.5, 2.5, 1.5), mgp = c(2.8, 0.6, 0), las = 1, tcl = -0.3,
    family = "sans", cex.axis = 0.9, bty = "l")
plot(fit, fun = function(s) 100 * (1 - s), col = cols, lwd = 2.2, mark.time = FALSE,
     xlim = c(0, 48), ylim = c(0, 40), xaxs = "i", yaxs = "i", xaxt = "n", yaxt = "n",
     xlab = "", ylab = "", conf.int = FALSE)
axis(1, at = seq(0, 48, 12))
axis(2, at = seq(0, 40, 10))
mtext("Months since Randomization", side = 1, line = 2.0, font = 2, cex = 0.95)
mtext("New Vertebral Fracture (%)", side = 2, line = 2.8, font = 2, cex = 0.95, las = 0)
legend("topleft", legend = labs, col = cols, lwd = 2.2, bty = "n", cex = 0.9, inset = c(0.03, 0.02))
# numbers at risk: two labelled rows under the axis
ticks <- seq(0, 48, 12)
par(xpd = NA)
mtext("No. at Risk", side = 1, line = 3.6, adj = 1, at = -2, font = 2, cex = 0.85)
ar <- NULL
for (g in 1:2) {
  dd <- d[d$curve == g, ]
  n <- sapply(ticks, function(x) sum(dd$time >= x))
  mtext(labs[g], side = 1, line = 3.6 + 1.2 * g, adj = 1, at = -2, cex = 0.8, col = cols[g])
  mtext(n, side = 1, line = 3.6 + 1.2 * g, at = ticks, cex = 0.8)
  ar <- rbind(ar, data.frame(curve = g, time = ticks, n_at_risk = n))
}
dev.off()

rows <- NULL
for (g in 1:2) {
  s <- fit[g]
  k <- s$n.event > 0
  r <- data.frame(curve = g, time = c(0, s$time[k]), value = c(0, 1 - s$surv[k]))
  if (max(s$time) > max(r$time)) r <- rbind(r, data.frame(curve = g, time = max(s$time), value = 1 - tail(s$surv, 1)))
  rows <- rbind(rows, r)
}
write.csv(rows, file.path(out, "truth", "curves.csv"), row.names = FALSE, quote = FALSE)
write.csv(ar, file.path(out, "truth", "at_risk.csv"), row.names = FALSE, quote = FALSE)
write.csv(d[, c("curve", "time", "event")], file.path(out, "truth", "ipd.csv"), row.names = FALSE, quote = FALSE)
writeLines('{"kind": "incidence", "x_range": [0, 48], "y_range": [0, 40], "n_curves": 2, "x_unit": "months", "style": "NEJM-like rising cumulative incidence, percent axis 0-40, colour, two-row no.-at-risk table (R plot.survfit, JPEG q80)"}',
           file.path(out, "truth", "meta.json"))
cat(tapply(d$event, d$curve, mean), max(rows$value), "\n")
