# R base graphics, black & white, confidence regions hatched (not tinted), days axis (seed 1804)
suppressMessages(library(survival))
args <- commandArgs(trailingOnly = FALSE)
HERE <- dirname(normalizePath(sub("--file=", "", args[grep("--file=", args)])))
set.seed(1804)
mk <- function(n, rate, k) {
  T <- rexp(n, rate); C <- pmin(runif(n, 200, 2300), 1900)
  data.frame(curve = k, time = ceiling(pmin(T, C)), event = as.integer(T <= C))
}
d <- rbind(mk(182, 1/1400, 1), mk(148, 1/700, 2))
fits <- lapply(1:2, function(k) survfit(Surv(time, event) ~ 1, data = d[d$curve == k, ]))
cr <- do.call(rbind, lapply(1:2, function(k) {
  f <- fits[[k]]; tt <- f$time[f$n.event > 0]; sv <- f$surv[f$n.event > 0]
  prev <- c(1, head(sv, -1))
  x <- c(0, as.vector(rbind(tt, tt))); y <- c(1, as.vector(rbind(prev, sv)))
  if (max(f$time) > max(tt)) { x <- c(x, max(f$time)); y <- c(y, tail(sv, 1)) }
  data.frame(curve = k, time = x, value = y)
}))
stepband <- function(f) {
  x <- c(0, f$time); lo <- c(1, f$lower); hi <- c(1, f$upper)
  ok <- !is.na(lo) & !is.na(hi); x <- x[ok]; lo <- lo[ok]; hi <- hi[ok]
  xs <- c(rbind(x, c(x[-1], max(f$time))))
  list(x = c(xs, rev(xs)), y = c(rep(hi, each = 2), rev(rep(lo, each = 2))))
}
draw <- function(check = FALSE) {
  par(mar = c(4.6, 4.6, 1.2, 1.2), las = 1, cex = 0.95, family = "serif")
  plot(fits[[1]], conf.int = FALSE, mark.time = TRUE, lty = 1, lwd = 1.6, xaxt = "n",
       xlim = c(0, 1900), ylim = c(0, 1), xlab = "Days since transplantation",
       ylab = "Graft survival", mark = 3, cex = 0.7)
  axis(1, at = seq(0, 1825, 365))
  for (k in 1:2) {
    b <- stepband(fits[[k]])
    polygon(b$x, b$y, density = c(20, 16)[k], angle = c(45, 90)[k], col = "black",
            border = NA, lwd = 0.5)
  }
  lines(fits[[1]], conf.int = FALSE, lty = 1, lwd = 1.6, mark.time = TRUE, mark = 3, cex = 0.7)
  lines(fits[[2]], conf.int = FALSE, lty = 2, lwd = 1.6, mark.time = TRUE, mark = 3, cex = 0.7)
  legend("bottomleft", c("Living donor", "Deceased donor"), lty = c(1, 2), lwd = 1.6,
         bty = "n", inset = 0.02, seg.len = 3)
  legend("bottomleft", c("95% CI, living", "95% CI, deceased"), density = c(20, 16),
         angle = c(45, 90), fill = "black", border = "black", bty = "n", inset = c(0.36, 0.02))
  if (check) { tr <- read.csv(file.path(HERE, "truth/curves.csv")); points(tr$time, tr$value, pch = 20, cex = 0.35, col = "red") }
}
chk <- Sys.getenv("CHECK")
if (nchar(chk)) { png(chk, width = 6.5, height = 5, units = "in", res = 150); draw(TRUE); invisible(dev.off()); quit() }
png(file.path(HERE, "figure.png"), width = 6.5, height = 5, units = "in", res = 300); draw(); invisible(dev.off())
write.csv(cr, file.path(HERE, "truth/curves.csv"), row.names = FALSE)
write.csv(d, file.path(HERE, "truth/ipd.csv"), row.names = FALSE)
writeLines('{"kind": "survival", "x_range": [0, 1825], "y_range": [0, 1], "n_curves": 2, "x_unit": "days", "style": "R base plot.survfit, black and white, solid vs dashed lines, + censor marks, 95% CI regions hatched (45-degree lines for living donor, vertical lines for deceased donor), serif font, legends bottom-left"}',
           file.path(HERE, "truth/meta.json"))
