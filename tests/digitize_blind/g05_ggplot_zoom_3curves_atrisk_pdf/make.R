# ggplot2 + gridExtra: three colour curves, y axis zoomed 0.6-1.0, + censor marks, numbers-at-risk table panel below, vector PDF
args <- commandArgs(trailingOnly = TRUE); out <- if (length(args)) args[1] else "."
dir.create(file.path(out, "truth"), recursive = TRUE, showWarnings = FALSE)
suppressPackageStartupMessages(library(survival))
set.seed(20261205)
sim <- function(n, hazard, fu, drop = 0.01, round_to = 0.1) {
  te <- rexp(n, hazard)
  tc <- pmin(runif(n, 0.3 * fu, fu), rexp(n, drop))
  t <- pmin(te, tc); e <- as.integer(te <= tc)
  t <- pmax(round(t / round_to) * round_to, round_to)
  data.frame(time = t, event = e)
}
curve_truth <- function(d, id, incid = FALSE, xmax = Inf) {
  f <- survfit(Surv(time, event) ~ 1, data = d)
  ev <- f$n.event > 0 & f$time <= xmax
  tt <- c(0, f$time[ev]); vv <- c(1, f$surv[ev])
  end <- min(max(d$time), xmax)
  if (end > max(tt)) { tt <- c(tt, end); vv <- c(vv, tail(vv, 1)) }
  if (incid) vv <- 1 - vv
  data.frame(curve = id, time = tt, value = round(vv, 6))
}
atrisk <- function(d, id, times) data.frame(curve = id, time = times,
  n_at_risk = sapply(times, function(t) sum(d$time >= t)))

suppressPackageStartupMessages({library(ggplot2); library(gridExtra)})
step_df <- function(d, label) {
  f <- survfit(Surv(time, event) ~ 1, data = d)
  data.frame(grp = label, time = c(0, f$time), surv = c(1, f$surv),
             lo = c(1, f$lower), hi = c(1, f$upper), ncens = c(0, f$n.censor))
}
ribbon_df <- function(s) {  # stepped ribbon polygon (hv)
  n <- nrow(s); i <- rep(seq_len(n), each = 2)[-1]; j <- rep(seq_len(n), each = 2)[-2 * n]
  data.frame(grp = s$grp[1], time = s$time[i], lo = s$lo[j], hi = s$hi[j])
}
fu <- 36
d1 <- sim(150, 0.0045, fu); d2 <- sim(160, 0.0055, fu); d3 <- sim(140, 0.0095, fu)
labs <- c("Cement volume < 3 mL", "Cement volume 3-5 mL", "Cement volume > 5 mL")
s <- rbind(step_df(d1, labs[1]), step_df(d2, labs[2]), step_df(d3, labs[3]))
s$grp <- factor(s$grp, levels = labs)
cens <- s[s$ncens > 0, ]
cols <- setNames(c("#0072B2", "#009E73", "#D55E00"), labs)
ticks <- seq(0, 36, 6)
p <- ggplot(s, aes(time, surv, colour = grp)) +
  geom_step(linewidth = 0.7) + geom_point(data = cens, shape = 3, size = 1.2, stroke = 0.4, show.legend = FALSE) +
  scale_colour_manual(values = cols, name = NULL) +
  scale_x_continuous(breaks = ticks, expand = expansion(mult = c(0.01, 0.02))) +
  scale_y_continuous(breaks = seq(0.6, 1, 0.1)) +
  coord_cartesian(xlim = c(0, 36), ylim = c(0.6, 1)) +
  labs(x = "Months after vertebroplasty", y = "Survival free of adjacent-level fracture") +
  theme_classic(base_size = 11) +
  theme(legend.position = c(0.25, 0.2), legend.key.width = unit(1.2, "cm"))
ar <- rbind(atrisk(d1, 1, ticks), atrisk(d2, 2, ticks), atrisk(d3, 3, ticks))
ar$grp <- factor(labs[ar$curve], levels = rev(labs))
tab <- ggplot(ar, aes(time, grp, label = n_at_risk, colour = factor(labs[curve], levels = labs))) +
  geom_text(size = 3.3) + scale_colour_manual(values = cols, guide = "none") +
  scale_x_continuous(breaks = ticks, expand = expansion(mult = c(0.01, 0.02))) +
  coord_cartesian(xlim = c(0, 36), clip = "off") + labs(x = NULL, y = NULL, title = "Number at risk") +
  theme_classic(base_size = 11) +
  theme(axis.line = element_blank(), axis.ticks = element_blank(), axis.text.x = element_blank(),
        axis.text.y = element_text(margin = margin(r = 14), hjust = 0),
        plot.title = element_text(size = 10, face = "bold"))
pdf(NULL, width = 7, height = 5.6)
g1 <- ggplotGrob(p); g2 <- ggplotGrob(tab)
invisible(dev.off())
mw <- grid::unit.pmax(g1$widths, g2$widths); g1$widths <- mw; g2$widths <- mw
pdf(file.path(out, "figure.pdf"), width = 7, height = 5.6)
grid::grid.draw(arrangeGrob(g1, g2, ncol = 1, heights = c(3.6, 1.1)))
invisible(dev.off())
# fix the PDF dates (same byte length, so the xref table stays valid) for byte-identical reruns
pf <- file.path(out, "figure.pdf"); b <- readBin(pf, "raw", file.info(pf)$size)
for (pos in grepRaw("Date (D:", b, fixed = TRUE, all = TRUE)) b[pos + 8:21] <- charToRaw("20260101000000")
writeBin(b, pf)
write.csv(rbind(curve_truth(d1, 1), curve_truth(d2, 2), curve_truth(d3, 3)), file.path(out, "truth/curves.csv"), row.names = FALSE, quote = FALSE)
write.csv(ar[, c("curve", "time", "n_at_risk")], file.path(out, "truth/at_risk.csv"), row.names = FALSE, quote = FALSE)
write.csv(rbind(cbind(curve = 1, d1), cbind(curve = 2, d2), cbind(curve = 3, d3)), file.path(out, "truth/ipd.csv"), row.names = FALSE, quote = FALSE)
writeLines('{"kind": "survival", "x_range": [0, 36], "y_range": [0.6, 1], "n_curves": 3, "x_unit": "months", "style": "ggplot2 theme_classic, 3 colour curves, y axis zoomed 0.6-1.0, + censor marks, legend inside, separate at-risk table panel (gridExtra) with coloured counts, vector PDF"}',
           file.path(out, "truth/meta.json"))
