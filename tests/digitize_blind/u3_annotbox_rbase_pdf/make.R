# u3: R base graphics KM plot (pdf device) with an opaque annotation box
# "HR 0.62 (95% CI 0.44-0.87); log-rank p = 0.006" sitting on the curves: the control curve
# runs underneath it, the experimental curve passes just above it. Percent y axis, '+' censors.
# The seed was picked (search over 1..20000, first hits 131, 488, 570) so that the printed
# HR/CI/p are what coxph()/survdiff() really give. Run: Rscript make.R [--check]
suppressPackageStartupMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
here <- tryCatch(dirname(normalizePath(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))),
                 error = function(e) getwd())
set.seed(570)
ns <- c(130, 128)
ipd <- do.call(rbind, lapply(1:2, function(k) {
  n <- ns[k]; lam <- c(0.040, 0.040 * 0.62)[k]
  ev <- rweibull(n, 1.1, 1 / lam)
  acc <- runif(n, 0, 18)
  cens <- pmin(36 - acc, rexp(n, 1 / 150))
  t <- pmax(round(pmin(ev, cens), 2), 0.05)
  data.frame(curve = k, time = t, event = as.integer(ev <= cens))
}))
# curve 1 = legend first = Placebo (control), curve 2 = Drug X
d <- ipd; d$grp <- d$curve == 2
cf <- summary(coxph(Surv(time, event) ~ grp, d))$conf.int
lr <- survdiff(Surv(time, event) ~ grp, d)$pvalue
lab <- sprintf("HR %.2f (95%% CI %.2f-%.2f); log-rank p = %.3f", cf[1], cf[3], cf[4], lr)
stopifnot(lab == "HR 0.62 (95% CI 0.44-0.87); log-rank p = 0.006")

fits <- lapply(1:2, function(k) survfit(Surv(time, event) ~ 1, data = ipd[ipd$curve == k, ]))
corners <- function(x, y) {
  out <- data.frame(time = x[1], value = y[1])
  for (i in 2:length(x)) {
    out <- rbind(out, data.frame(time = x[i], value = y[i - 1]))
    if (y[i] != y[i - 1]) out <- rbind(out, data.frame(time = x[i], value = y[i]))
  }
  out[!duplicated(out), ]
}
CR <- do.call(rbind, lapply(1:2, function(k) cbind(curve = k, corners(c(0, fits[[k]]$time), c(1, fits[[k]]$surv)))))
sfun <- function(k, t) { f <- fits[[k]]; i <- findInterval(t, f$time); ifelse(i == 0, 1, f$surv[pmax(i, 1)]) }

cols <- c("#C0392B", "#1F5FA8")
draw <- function(check = FALSE) {
  par(mar = c(4.2, 4.4, 1.2, 1.2), mgp = c(2.6, 0.7, 0), las = 1, cex.axis = 0.95, family = "Helvetica")
  plot(NA, xlim = c(0, 36), ylim = c(0, 1), axes = FALSE, xaxs = "i", yaxs = "i",
       xlab = "Time since randomization (months)", ylab = "Progression-free survival (%)")
  axis(1, at = seq(0, 36, 6)); axis(2, at = seq(0, 1, 0.2), labels = seq(0, 100, 20))
  box(bty = "l")
  for (k in 1:2) lines(fits[[k]], col = cols[k], lwd = 2, conf.int = FALSE, mark.time = TRUE, mark = 3, cex = 0.7)
  # annotation box: the control curve runs down through it (about 19-23 months),
  # the experimental curve passes just above its top edge
  yc <- 0.462
  tw <- strwidth(lab, cex = 0.88); th <- strheight(lab, cex = 0.88)
  xl <- 10.5; xr <- xl + tw + 1.4
  rect(xl, yc - 1.5 * th, xr, yc + 1.5 * th, col = "white", border = "grey25", lwd = 0.8)
  text((xl + xr) / 2, yc, lab, cex = 0.88)
  legend("topright", legend = c("Placebo", "Drug X"), col = cols, lwd = 2, bty = "n", inset = c(0.02, 0.02),
         seg.len = 2.6, cex = 0.95)
  if (check) points(CR$time, CR$value, pch = 16, cex = 0.25, col = "magenta")
  invisible(c(xl, xr, yc - 1.5 * th, yc + 1.5 * th))
}
if ("--check" %in% args) {
  dir.create(file.path(here, "check"), showWarnings = FALSE)
  # same pdf device as the figure, truth corners on top, then rasterised
  pdf(file.path(here, "check", "check_overlay.pdf"), width = 7, height = 5)
  b <- draw(TRUE); invisible(dev.off())
  system(sprintf("pdftoppm -r 150 -png -singlefile %s %s", file.path(here, "check", "check_overlay.pdf"),
                 file.path(here, "check", "check_overlay")))
  unlink(file.path(here, "check", "check_overlay.pdf"))
  cat("box:", b, "\n"); cat("exp curve over box span:", range(sfun(2, seq(b[1], b[2], 0.1))), "\n")
  cat("ctl curve over box span:", range(sfun(1, seq(b[1], b[2], 0.1))), "\n")
  quit(save = "no")
}
pdf(file.path(here, "figure.pdf"), width = 7, height = 5)
draw(); invisible(dev.off())

dir.create(file.path(here, "truth"), showWarnings = FALSE)
write.csv(ipd, file.path(here, "truth", "ipd.csv"), row.names = FALSE, quote = FALSE)
CR$time <- round(CR$time, 4); CR$value <- round(CR$value, 6)
write.csv(CR, file.path(here, "truth", "curves.csv"), row.names = FALSE, quote = FALSE)
writeLines('{"kind": "survival", "x_range": [0, 36], "y_range": [0, 100], "n_curves": 2, "x_unit": "months", "style": "R base graphics plot.survfit, pdf device, percent y axis, + censor marks, opaque HR/log-rank annotation box over the curves"}',
           file.path(here, "truth", "meta.json"))
