# o5: Chinese journal style (CJK labels), rising cumulative-incidence (1 - KM) plot of
# recurrence by stage, 4 curves in black-and-white line types with '|' censor ticks,
# y axis in percent 0-80 (numbers only, unit in the axis title), boxed panel,
# numbers-at-risk table with a CJK header. ggplot2 + cairo, JPEG 220 dpi.
suppressPackageStartupMessages({library(survival); library(ggplot2); library(gridExtra); library(grid)})
set.seed(5511)
args <- commandArgs(trailingOnly = TRUE); check <- length(args) > 0 && args[1] == "check"
fam <- "Noto Sans CJK SC"

ns <- c(210, 150, 110, 85); rates <- -log(1 - c(0.10, 0.24, 0.40, 0.58)) / 60
d <- do.call(rbind, lapply(1:4, function(k) {
  t_ev <- rexp(ns[k], rates[k]); cen <- pmin(runif(ns[k], 15, 60), rexp(ns[k], 1/200))
  time <- round(pmin(t_ev, cen), 1); time[time <= 0] <- 0.1
  data.frame(group = k, time = time, event = as.integer(t_ev <= cen))
}))
fit <- survfit(Surv(time, event) ~ group, data = d)
sd <- survdiff(Surv(time, event) ~ group, data = d); pv <- 1 - pchisq(sd$chisq, 3)

st <- fit$strata; idx <- rep(seq_along(st), st)
cv <- NULL; steps <- NULL; cens <- NULL
for (k in 1:4) {
  tt <- fit$time[idx == k]; ss <- fit$surv[idx == k]; ne <- fit$n.event[idx == k]; nc <- fit$n.censor[idx == k]
  rows <- data.frame(curve = k, time = 0, value = 0); prev <- 1
  for (i in seq_along(tt)) if (ne[i] > 0) { rows <- rbind(rows, data.frame(curve = k, time = tt[i], value = 1 - c(prev, ss[i]))); prev <- ss[i] }
  if (max(tt) > rows$time[nrow(rows)]) rows <- rbind(rows, data.frame(curve = k, time = max(tt), value = 1 - prev))
  cv <- rbind(cv, rows)
  steps <- rbind(steps, data.frame(g = k, time = c(0, tt), ci = 1 - c(1, ss)))
  cens <- rbind(cens, data.frame(g = k, time = tt[nc > 0], ci = 1 - ss[nc > 0]))
}
write.csv(cv, "truth/curves.csv", row.names = FALSE, quote = FALSE)
write.csv(data.frame(curve = d$group, time = d$time, event = d$event), "truth/ipd.csv", row.names = FALSE, quote = FALSE)
xt <- seq(0, 60, 10)
ar <- do.call(rbind, lapply(1:4, function(k) data.frame(curve = k, time = xt, n_at_risk = sapply(xt, function(t) sum(d$group == k & d$time >= t)))))
write.csv(ar, "truth/at_risk.csv", row.names = FALSE, quote = FALSE)
writeLines('{"kind": "incidence", "x_range": [0, 60], "y_range": [0, 80], "n_curves": 4, "x_unit": "months", "style": "Chinese journal, CJK labels, rising cumulative incidence in percent, 4 B&W line types, | censors, boxed panel, CJK at-risk table"}', "truth/meta.json")

labs <- sprintf(c("\u2160\u671f (n=%d)", "\u2161\u671f (n=%d)", "\u2162\u671f (n=%d)", "\u2163\u671f (n=%d)"), ns)   # Ⅰ期 ...
steps$g <- factor(steps$g, 1:4, labs); cens$g <- factor(cens$g, 1:4, labs)
lts <- c("solid", "22", "dotted", "4212"); names(lts) <- labs
pstr <- if (pv < 0.001) "P<0.001" else sprintf("P=%.3f", pv)
p <- ggplot(steps, aes(time, ci, linetype = g)) +
  geom_step(linewidth = 0.55, colour = "black") +
  geom_point(data = cens, shape = "|", size = 2.2, colour = "black", show.legend = FALSE) +
  scale_linetype_manual(values = lts, name = NULL) +
  scale_x_continuous(breaks = xt, limits = c(0, 61), expand = c(0, 0)) +
  scale_y_continuous(breaks = seq(0, 0.8, 0.2), labels = seq(0, 80, 20), limits = c(0, 0.8), expand = c(0, 0.01)) +
  labs(x = "\u968f\u8bbf\u65f6\u95f4\uff08\u6708\uff09", y = "\u7d2f\u79ef\u590d\u53d1\u7387\uff08%\uff09") +   # 随访时间（月） 累积复发率（%）
  annotate("text", x = 2, y = 0.50, hjust = 0, family = fam, size = 3.6,
           label = paste0("Log-rank\u68c0\u9a8c\uff1a\u03c7\u00b2=", sprintf("%.2f", sd$chisq), "\uff0c", pstr)) +
  theme_bw(base_size = 11, base_family = fam) +
  theme(panel.grid = element_blank(), panel.border = element_rect(colour = "black", linewidth = 0.6),
        legend.position = c(0.02, 0.98), legend.justification = c(0, 1), legend.background = element_blank(),
        legend.key.width = unit(1.4, "cm"), legend.key = element_blank(),
        axis.text = element_text(colour = "black"), plot.margin = margin(8, 14, 2, 6))
if (check) p <- p + geom_step(data = cv, aes(time, value, group = curve), inherit.aes = FALSE, colour = "red", linewidth = 0.25) +
  geom_point(data = cv, aes(time, value), inherit.aes = FALSE, colour = "red", size = 0.25)
ar$lab <- factor(c("\u2160\u671f", "\u2161\u671f", "\u2162\u671f", "\u2163\u671f")[ar$curve], rev(c("\u2160\u671f", "\u2161\u671f", "\u2162\u671f", "\u2163\u671f")))
tab <- ggplot(ar, aes(time, lab, label = n_at_risk)) + geom_text(size = 3.5, family = fam) +
  scale_x_continuous(breaks = xt, limits = c(0, 61), expand = c(0, 0)) +
  labs(title = "\u98ce\u9669\u4eba\u6570", x = NULL, y = NULL) + coord_cartesian(clip = "off") +   # 风险人数
  theme_void(base_size = 11, base_family = fam) +
  theme(axis.text.y = element_text(hjust = 1, margin = margin(r = 16)), plot.title = element_text(size = 10.5, margin = margin(b = 3)),
        plot.margin = margin(4, 14, 6, 6))
if (check) png("/tmp/o5_check.png", width = 6, height = 5.6, units = "in", res = 220, type = "cairo") else
  jpeg("figure.jpg", width = 6, height = 5.6, units = "in", res = 220, quality = 90, type = "cairo")
g1 <- ggplotGrob(p); g2 <- ggplotGrob(tab)
mw <- grid::unit.pmax(g1$widths, g2$widths); g1$widths <- mw; g2$widths <- mw
grid.arrange(g1, g2, heights = c(3.6, 1.25)); invisible(dev.off())
