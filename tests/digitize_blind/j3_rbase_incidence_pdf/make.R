# Cumulative incidence of new vertebral fracture, two curves, percent axis 0-30%,
# R base graphics (plot.survfit, fun="event"), vector PDF, at-risk table under the x axis.
suppressMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args) > 0) args[1] else "."
dir.create(file.path(out, "truth"), recursive = TRUE, showWarnings = FALSE)
set.seed(60603)
sim <- function(n, rate) {
  t <- rexp(n, rate)
  c <- pmin(runif(n, 20, 60), rexp(n, 1/200), 48)
  data.frame(time = round(pmin(t, c), 2), event = as.integer(t <= c))
}
d1 <- sim(160, 1/260); d1$grp <- 1
d2 <- sim(150, 1/140); d2$grp <- 2
d <- rbind(d1, d2)
d$time <- pmax(d$time, 0.05)
fit <- survfit(Surv(time, event) ~ grp, data = d)
labs <- c("Augmented (PVP)", "Non-augmented")
ticks <- seq(0, 48, 12)

pdf(file.path(out, "figure.pdf"), width = 7, height = 5.2, pointsize = 10)
par(mar = c(9, 9, 3, 1.5), las = 1)
plot(fit, fun = "event", lty = c(1, 2), lwd = 1.6, col = c("black", "black"),
     xlim = c(0, 48), ylim = c(0, 0.30), xaxt = "n", yaxt = "n", bty = "l",
     mark.time = FALSE, xlab = "", ylab = "")
axis(1, at = ticks)
axis(2, at = seq(0, 0.30, 0.05), labels = paste0(seq(0, 30, 5), "%"))
title(xlab = "Months after vertebroplasty", line = 2.5)
title(ylab = "Cumulative incidence of new fracture (%)", line = 4)
title(main = "New vertebral fracture", font.main = 1, adj = 0)
legend("topleft", legend = labs, lty = c(1, 2), lwd = 1.6, bty = "n", inset = 0.02)
# numbers at risk
mtext("No. at risk", side = 1, line = 4.2, adj = 1, at = -4, font = 2, cex = 0.9)
sm <- summary(fit, times = ticks, extend = TRUE)
risk <- data.frame(curve = as.integer(sub("grp=", "", as.character(sm$strata))),
                   time = sm$time, n_at_risk = sm$n.risk)
for (g in 1:2) {
  r <- risk[risk$curve == g, ]
  mtext(labs[g], side = 1, line = 4.2 + 1.3 * g, adj = 1, at = -4, cex = 0.85)
  mtext(r$n_at_risk, side = 1, line = 4.2 + 1.3 * g, at = r$time, cex = 0.85)
}
dev.off()

# truth
rows <- list()
for (g in 1:2) {
  s <- fit[g]
  ev <- s$n.event > 0
  tt <- c(0, s$time[ev]); vv <- c(0, 1 - s$surv[ev])
  tmax <- max(s$time)
  if (tail(tt, 1) < tmax) { tt <- c(tt, tmax); vv <- c(vv, tail(vv, 1)) }
  rows[[g]] <- data.frame(curve = g, time = tt, value = round(vv, 6))
}
write.csv(do.call(rbind, rows), file.path(out, "truth/curves.csv"), row.names = FALSE, quote = FALSE)
write.csv(risk, file.path(out, "truth/at_risk.csv"), row.names = FALSE, quote = FALSE)
write.csv(data.frame(curve = d$grp, time = d$time, event = d$event),
          file.path(out, "truth/ipd.csv"), row.names = FALSE, quote = FALSE)
writeLines('{"kind": "incidence", "x_range": [0, 48], "y_range": [0, 30], "n_curves": 2, "x_unit": "months", "style": "one line"}',
           file.path(out, "truth/meta.json"))
