# NEJM-like Kaplan-Meier figure, R base graphics (plot.survfit), vector PDF.
suppressMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args) >= 1) args[1] else "."
dir.create(file.path(out, "truth"), recursive = TRUE, showWarnings = FALSE)
set.seed(20261205)

sim <- function(n, rate, maxfu) {
  ev  <- rexp(n, rate)                      # months to fracture
  cen <- runif(n, 12, maxfu)                # staggered entry, admin censoring
  drop <- rexp(n, 0.004)                    # loss to follow-up
  cen <- pmin(cen, drop)
  t <- pmin(ev, cen)
  data.frame(time = round(t, 3), event = as.integer(ev <= cen))
}
d1 <- sim(230, 0.0055, 36); d1$curve <- 1   # Vertebroplasty
d2 <- sim(215, 0.0095, 36); d2$curve <- 2   # Conservative care
d <- rbind(d1, d2)
d$time[d$time <= 0] <- 0.01
labs <- c("Vertebroplasty", "Conservative care")
cols <- c("#0072B5", "#BC3C29")

fit <- survfit(Surv(time, event) ~ curve, data = d)
ticks <- seq(0, 36, by = 6)

pdf(file.path(out, "figure.pdf"), width = 6.5, height = 5.2, family = "Helvetica")
par(mar = c(8.5, 9.5, 2.5, 1.5), mgp = c(2.6, 0.6, 0), tcl = -0.3, las = 1,
    cex.axis = 0.85, cex.lab = 0.95, bty = "l")
plot(fit, col = cols, lwd = 1.1, lty = 1, mark.time = FALSE, fun = function(s) s * 100,
     xlim = c(0, 36), ylim = c(0, 100), xaxt = "n", yaxt = "n", xaxs = "i", yaxs = "i",
     xlab = "", ylab = "Fracture-free survival (%)")
axis(1, at = ticks)
axis(2, at = seq(0, 100, 20))
mtext("Months after Vertebroplasty", side = 1, line = 2.0, cex = 0.95)
legend(2, 45, legend = labs, col = cols, lwd = 1.3, bty = "n", cex = 0.85,
       text.col = cols)
title("Freedom from New Vertebral Fracture", adj = 0, cex.main = 1.0, font.main = 2)
# numbers at risk coloured like the curves
sm <- summary(fit, times = ticks, extend = TRUE)
nr <- matrix(sm$n.risk, ncol = length(ticks), byrow = TRUE)
mtext("No. at Risk", side = 1, line = 3.6, adj = 0, at = -13.5, cex = 0.8, font = 2)
for (k in 1:2) {
  mtext(labs[k], side = 1, line = 3.6 + 1.2 * k, adj = 0, at = -13.5, cex = 0.75, col = cols[k])
  mtext(nr[k, ], side = 1, line = 3.6 + 1.2 * k, at = ticks, cex = 0.75, col = cols[k])
}
invisible(dev.off())

# ---- truth ----
st <- rep(1:2, fit$strata)
rows <- list()
for (k in 1:2) {
  tt <- fit$time[st == k]; ss <- fit$surv[st == k]; ne <- fit$n.event[st == k]
  rows[[k]] <- rbind(data.frame(curve = k, time = 0, value = 1),
                     data.frame(curve = k, time = tt[ne > 0], value = ss[ne > 0]),
                     data.frame(curve = k, time = max(tt), value = tail(ss, 1)))
}
cv <- do.call(rbind, rows)
cv <- cv[!duplicated(cv[, c("curve", "time")]), ]
write.csv(cv, file.path(out, "truth/curves.csv"), row.names = FALSE)
ar <- data.frame(curve = rep(1:2, each = length(ticks)), time = rep(ticks, 2),
                 n_at_risk = as.vector(t(nr)))
write.csv(ar, file.path(out, "truth/at_risk.csv"), row.names = FALSE)
write.csv(d[, c("curve", "time", "event")], file.path(out, "truth/ipd.csv"), row.names = FALSE)
writeLines('{"kind": "survival", "x_range": [0, 36], "y_range": [0, 100], "n_curves": 2, "x_unit": "months", "style": "NEJM-like: thin coloured lines, 0-100% axis with curves in the top band, coloured at-risk rows, no censor marks"}',
           file.path(out, "truth/meta.json"))
cat("events:", tapply(d$event, d$curve, mean), "\n")
