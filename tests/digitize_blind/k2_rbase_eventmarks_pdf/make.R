suppressMessages(library(survival))
args <- commandArgs(TRUE); out <- if (length(args)) args[1] else "."
dir.create(file.path(out, "truth"), showWarnings = FALSE, recursive = TRUE)
set.seed(702)
fu <- 30
# curve 1: high early hazard then low; curve 2: constant hazard -> curves cross
sim1 <- function(n) {
  T1 <- rexp(n, 0.03); T <- ifelse(T1 < 6, T1, 6 + rexp(n, 0.002))
  C <- pmin(runif(n, fu * 0.5, fu)); t <- round(pmax(pmin(T, C), 0.05), 2)
  data.frame(time = t, event = as.integer(T <= C))
}
sim2 <- function(n) {
  T <- rexp(n, 0.011); C <- runif(n, fu * 0.5, fu); t <- round(pmax(pmin(T, C), 0.05), 2)
  data.frame(time = t, event = as.integer(T <= C))
}
d <- rbind(cbind(curve = 1, sim1(140)), cbind(curve = 2, sim2(150)))
cols <- c("#D55E00", "#0072B2"); labs <- c("Early vertebroplasty", "Delayed vertebroplasty")
pdf(file.path(out, "figure.pdf"), width = 6.5, height = 5.2, family = "Helvetica")
par(mar = c(8.5, 8, 1.5, 1), mgp = c(2.6, 0.7, 0), las = 1)
plot(NA, xlim = c(0, fu), ylim = c(50, 100), xaxs = "i", yaxs = "i", axes = FALSE,
     xlab = "", ylab = "")
abline(h = seq(50, 100, 10), col = "grey88", lwd = 0.8)
axis(1, at = seq(0, fu, 6)); axis(2, at = seq(50, 100, 10), labels = paste0(seq(50, 100, 10), "%"))
box(bty = "l")
mtext("Months after vertebroplasty", side = 1, line = 2.4)
mtext("Fracture-free survival (%)", side = 2, line = 3.2, las = 0)
cv <- NULL
for (k in 1:2) {
  s <- survfit(Surv(time, event) ~ 1, data = d[d$curve == k, ])
  lines(s, conf.int = FALSE, mark.time = FALSE, col = cols[k], lwd = 1.5, fun = function(x) 100 * x)
  ev <- s$n.event > 0
  points(s$time[ev], 100 * s$surv[ev], pch = 16, cex = 0.55, col = cols[k])
  cc <- data.frame(curve = k, time = c(0, s$time[ev]), value = c(1, s$surv[ev]))
  mx <- max(s$time); if (mx > max(cc$time)) cc <- rbind(cc, data.frame(curve = k, time = mx, value = tail(cc$value, 1)))
  cv <- rbind(cv, cc)
}
legend("bottomleft", labs, col = cols, lwd = 1.5, pch = 16, pt.cex = 0.6, bty = "n", inset = c(0.02, 0.03), cex = 0.85)
tt <- seq(0, fu, 6); ar <- NULL
mtext("Number at risk", side = 1, line = 4.2, adj = 0, at = -8.5, cex = 0.8, font = 2)
for (k in 1:2) {
  n <- sapply(tt, function(u) sum(d$time[d$curve == k] >= u))
  mtext(c("Early", "Delayed")[k], side = 1, line = 4.4 + 1.1 * k, adj = 0, at = -8.5, cex = 0.8, col = cols[k])
  mtext(n, side = 1, line = 4.4 + 1.1 * k, at = tt, cex = 0.8)
  ar <- rbind(ar, data.frame(curve = k, time = tt, n_at_risk = n))
}
invisible(dev.off())
write.csv(cv, file.path(out, "truth/curves.csv"), row.names = FALSE)
write.csv(ar, file.path(out, "truth/at_risk.csv"), row.names = FALSE)
write.csv(d[, c("curve", "time", "event")], file.path(out, "truth/ipd.csv"), row.names = FALSE)
writeLines('{"kind": "survival", "x_range": [0, 30], "y_range": [50, 100], "n_curves": 2, "x_unit": "months", "style": "R base steps with filled dot markers only at event corners, crossing curves, percent zoomed y axis, horizontal grid, L-shaped box, at-risk table, vector PDF"}', file.path(out, "truth/meta.json"))
print(aggregate(event ~ curve, d, mean)); print(aggregate(value ~ curve, cv, min))
