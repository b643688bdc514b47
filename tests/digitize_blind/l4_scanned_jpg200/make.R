# "Scanned from a printed page" KM figure: R base graphics, off-white noisy paper,
# black solid/dashed curves, at-risk table; JPEG quality 75 at 200 dpi.
# Usage: Rscript make.R OUTDIR
suppressPackageStartupMessages({library(survival); library(jsonlite)})
args <- commandArgs(trailingOnly = TRUE); out <- if (length(args)) args[1] else "."
dir.create(file.path(out, "truth"), recursive = TRUE, showWarnings = FALSE)
set.seed(8404)
sim <- function(n, rate) {
  tev <- rexp(n, rate); tc <- pmin(runif(n, 18, 36), rexp(n, 1/120))
  t <- round(pmax(pmin(tev, tc), 0.1), 1)
  data.frame(time = t, event = as.integer(tev <= tc))
}
g1 <- sim(85, 0.0075); g1$curve <- 1L   # vertebroplasty
g2 <- sim(80, 0.016);  g2$curve <- 2L   # sham / conservative
d <- rbind(g1, g2)
fit <- survfit(Surv(time, event) ~ curve, data = d)
W <- 6.5; H <- 5.2; res <- 200
jpeg(file.path(out, "figure.jpg"), width = W * res, height = H * res, res = res, quality = 75,
     bg = "white", type = "cairo")
par(mar = c(8.2, 5.6, 2.2, 1.2), family = "serif", las = 1, mgp = c(3.6, 0.7, 0))
plot.new()
# paper texture over the whole device: off-white with mild grey noise and a faint gradient
par(usr = c(0, 1, 0, 1)); op <- par(xpd = NA)
nx <- 260; ny <- 208
base <- outer(seq(0.955, 0.925, length.out = ny), rep(1, nx)) + matrix(rnorm(nx * ny, 0, 0.018), ny, nx)
base <- pmin(pmax(base, 0), 1)
img <- as.raster(matrix(rgb(base, base * 0.985, base * 0.93), ny, nx))
dx <- grconvertX(c(0, 1), "ndc", "user"); dy <- grconvertY(c(0, 1), "ndc", "user")
rasterImage(img, dx[1], dy[1], dx[2], dy[2], interpolate = TRUE)
par(op)
par(new = TRUE)
plot(fit, lty = c(1, 2), lwd = 1.6, col = "grey10", mark.time = FALSE, xlim = c(0, 36), ylim = c(0, 1),
     xaxt = "n", yaxt = "n", xlab = "", ylab = "", bty = "l", xaxs = "i", yaxs = "i")
axis(1, at = seq(0, 36, 6), cex.axis = 0.95, col = "grey10", col.axis = "grey10")
axis(2, at = seq(0, 1, 0.2), labels = seq(0, 100, 20), cex.axis = 0.95, col = "grey10", col.axis = "grey10")
mtext("Fracture-free survival (%)", side = 2, line = 3.2, las = 0, col = "grey10")
mtext("Months after vertebroplasty", side = 1, line = 2.3, col = "grey10")
legend(1.5, 0.30, c("Vertebroplasty", "Conservative treatment"), lty = c(1, 2), lwd = 1.6, bty = "n",
       col = "grey10", text.col = "grey10", cex = 0.9, seg.len = 3)
brk <- seq(0, 36, 6)
rk <- do.call(rbind, lapply(1:2, function(k) {
  tk <- d$time[d$curve == k]
  data.frame(curve = k, time = brk, n_at_risk = sapply(brk, function(x) sum(tk >= x)))
}))
mtext("No. at risk", side = 1, line = 4.0, at = -1, adj = 1, cex = 0.85, font = 2, col = "grey10")
nm <- c("Vertebroplasty", "Conservative")
for (k in 1:2) {
  mtext(nm[k], side = 1, line = 4.0 + 1.2 * k, at = -1, adj = 1, cex = 0.85, col = "grey10")
  mtext(rk$n_at_risk[rk$curve == k], side = 1, line = 4.0 + 1.2 * k, at = brk, cex = 0.85, col = "grey10")
}
invisible(dev.off())
truth <- do.call(rbind, lapply(1:2, function(k) {
  s <- fit[k]; tt <- c(0, s$time); sv <- c(1, s$surv); ev <- c(TRUE, s$n.event > 0)
  tr <- data.frame(curve = k, time = tt[ev], value = round(sv[ev], 6))
  if (max(tt) > max(tr$time)) tr <- rbind(tr, data.frame(curve = k, time = max(tt), value = round(tail(sv, 1), 6)))
  tr
}))
write.csv(truth, file.path(out, "truth/curves.csv"), row.names = FALSE, quote = FALSE)
write.csv(rk, file.path(out, "truth/at_risk.csv"), row.names = FALSE, quote = FALSE)
write.csv(d[, c("curve", "time", "event")], file.path(out, "truth/ipd.csv"), row.names = FALSE, quote = FALSE)
writeLines(toJSON(list(kind = "survival", x_range = c(0, 36), y_range = c(0, 100), n_curves = 2, x_unit = "months",
  style = "scanned-print look: off-white noisy paper JPEG q75, black solid/dashed curves, serif font, percent axis, at-risk table"),
  auto_unbox = TRUE, pretty = TRUE), file.path(out, "truth/meta.json"))
