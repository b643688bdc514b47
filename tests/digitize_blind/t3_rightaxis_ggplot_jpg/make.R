# t3: ggplot2 single-arm KM, survival axis on the RIGHT, x ticks at unequal spacing
# (0, 3, 6, 12, 24 months at their true positions), dashed 95% CI bounds, '|' censor marks,
# median read-off guides, numbers at risk under the axis. JPEG 150 dpi (quality 75).
# Usage: Rscript make.R [check_dir]
suppressMessages({library(survival); library(ggplot2)})
args <- commandArgs(trailingOnly = TRUE)
here <- tryCatch(dirname(normalizePath(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))),
                 error = function(e) getwd())
truth <- file.path(here, "truth"); dir.create(truth, showWarnings = FALSE)
set.seed(1303)

n <- 230
ev <- 14.5 * rweibull(n, shape = 1.25, scale = 1)
admin <- runif(n, 5, 24)                     # staggered entry, data cut at 24 months
drop <- rexp(n, 1 / 90)
cens <- pmin(admin, drop)
time <- round(pmin(ev, cens), 2); time <- pmax(time, 0.03)
event <- as.integer(ev <= cens)

fit <- survfit(Surv(time, event) ~ 1)        # Greenwood, log CI (R default)
# ---- truth ----
s <- 1; tt <- c(0); vv <- c(1)
for (k in seq_along(fit$time)) {
  if (fit$n.event[k] > 0) { tt <- c(tt, fit$time[k], fit$time[k]); vv <- c(vv, s, fit$surv[k]); s <- fit$surv[k] }
}
if (max(time) > tail(tt, 1)) { tt <- c(tt, max(time)); vv <- c(vv, s) }
write.csv(data.frame(curve = 1, time = tt, value = vv), file.path(truth, "curves.csv"), row.names = FALSE, quote = FALSE)
write.csv(data.frame(curve = 1, time = time, event = event), file.path(truth, "ipd.csv"), row.names = FALSE, quote = FALSE)
brks <- c(0, 3, 6, 12, 24)
nrisk <- sapply(brks, function(b) sum(time >= b))
write.csv(data.frame(curve = 1, time = brks, n_at_risk = nrisk), file.path(truth, "at_risk.csv"), row.names = FALSE, quote = FALSE)
writeLines(sprintf('{\n "kind": "survival",\n "x_range": [0, 24],\n "y_range": [0.0, 1.0],\n "n_curves": 1,\n "x_unit": "months",\n "style": "ggplot2 theme_bw, y axis on the right, unequally spaced x ticks 0/3/6/12/24, dashed CI bounds"\n}'),
           file.path(truth, "meta.json"))

# ---- figure ----
st <- data.frame(time = c(0, fit$time), surv = c(1, fit$surv),
                 lo = c(1, fit$lower), hi = c(1, fit$upper))
cz <- data.frame(time = fit$time[fit$n.censor > 0], surv = fit$surv[fit$n.censor > 0])
med <- summary(fit)$table["median"]
draw <- function(overlay = FALSE) {
  p <- ggplot(st, aes(time, surv)) +
    geom_segment(aes(x = 0, xend = med, y = 0.5, yend = 0.5), linetype = "dotted", colour = "grey35", linewidth = 0.4) +
    geom_segment(aes(x = med, xend = med, y = 0, yend = 0.5), linetype = "dotted", colour = "grey35", linewidth = 0.4) +
    geom_step(aes(y = lo), linetype = "dashed", colour = "#1F4E9A", linewidth = 0.45) +
    geom_step(aes(y = hi), linetype = "dashed", colour = "#1F4E9A", linewidth = 0.45) +
    geom_step(colour = "#1F4E9A", linewidth = 0.9) +
    geom_point(data = cz, shape = "|", size = 2.6, colour = "#1F4E9A") +
    annotate("text", x = med + 0.6, y = 0.53, hjust = 0, size = 3.3,
             label = sprintf("Median PFS %.1f months", med)) +
    scale_x_continuous("Months since enrolment", breaks = brks, minor_breaks = NULL,
                       expand = expansion(mult = c(0.015, 0.02))) +
    scale_y_continuous("Progression-free survival", position = "right",
                       breaks = seq(0, 1, 0.2), labels = sprintf("%.1f", seq(0, 1, 0.2)),
                       minor_breaks = NULL, expand = expansion(mult = c(0.01, 0.02))) +
    coord_cartesian(xlim = c(0, 24), ylim = c(0, 1), clip = "off") +
    annotate("text", x = brks, y = -0.245, label = nrisk, size = 3.3) +
    annotate("text", x = -0.4, y = -0.18, label = "No. at risk", hjust = 0, size = 3.3, fontface = "bold") +
    theme_bw(base_size = 11) +
    theme(plot.margin = margin(8, 8, 48, 14),
          axis.title.x = element_text(margin = margin(t = 6)))
  if (overlay) {
    tr <- read.csv(file.path(truth, "curves.csv"))
    p <- p + geom_point(data = tr, aes(time, value), inherit.aes = FALSE, colour = "magenta", size = 0.6)
  }
  p
}
ggsave(file.path(here, "figure.jpg"), draw(), width = 7, height = 5, dpi = 150, quality = 75)
if (length(args) > 0) {
  dir.create(args[1], showWarnings = FALSE)
  ggsave(file.path(args[1], "t3_check.png"), draw(TRUE), width = 7, height = 5, dpi = 150)
}
