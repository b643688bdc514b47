# o2: survminer-like ggplot2 figure (ggsurvplot look-alike built by hand):
# percent y axis, shaded 95% CI, '+' censor marks, log-rank p and Cox HR printed inside
# the panel, numbers-at-risk table below with coloured strata labels. Curves cross. PNG 300 dpi.
suppressPackageStartupMessages({library(survival); library(ggplot2); library(gridExtra); library(grid)})
set.seed(2211)
args <- commandArgs(trailingOnly = TRUE); check <- length(args) > 0 && args[1] == "check"

gen <- function(n, shape, scale, grp) {
  t_ev <- rweibull(n, shape, scale)
  cen <- pmin(runif(n, 60, 104), rexp(n, 1/300))
  time <- round(pmin(t_ev, cen), 1); time[time <= 0] <- 0.1
  data.frame(group = grp, time = time, event = as.integer(t_ev <= cen))
}
d <- rbind(gen(180, 0.6, 151, 1), gen(170, 1.6, 85, 2))
labs <- c("Surgery", "Chemoradiotherapy")
fit <- survfit(Surv(time, event) ~ group, data = d)
sd <- survdiff(Surv(time, event) ~ group, data = d); pv <- 1 - pchisq(sd$chisq, 1)
cx <- summary(coxph(Surv(time, event) ~ factor(group), data = d))
hr <- cx$conf.int[1, c(1, 3, 4)]

# ---- truth: step corners ----
st <- fit$strata; idx <- rep(seq_along(st), st)
cv <- NULL; steps <- NULL; cens <- NULL
for (k in 1:2) {
  tt <- fit$time[idx == k]; ss <- fit$surv[idx == k]; ne <- fit$n.event[idx == k]; nc <- fit$n.censor[idx == k]
  lo <- fit$lower[idx == k]; up <- fit$upper[idx == k]
  rows <- data.frame(curve = k, time = 0, value = 1); prev <- 1
  for (i in seq_along(tt)) if (ne[i] > 0) { rows <- rbind(rows, data.frame(curve = k, time = tt[i], value = c(prev, ss[i]))); prev <- ss[i] }
  if (max(tt) > rows$time[nrow(rows)]) rows <- rbind(rows, data.frame(curve = k, time = max(tt), value = prev))
  cv <- rbind(cv, rows)
  steps <- rbind(steps, data.frame(strata = labs[k], time = c(0, tt), surv = c(1, ss), lower = c(1, lo), upper = c(1, up)))
  cens <- rbind(cens, data.frame(strata = labs[k], time = tt[nc > 0], surv = ss[nc > 0]))
}
write.csv(cv, "truth/curves.csv", row.names = FALSE, quote = FALSE)
write.csv(data.frame(curve = d$group, time = d$time, event = d$event), "truth/ipd.csv", row.names = FALSE, quote = FALSE)
xt <- seq(0, 104, 26)
ar <- do.call(rbind, lapply(1:2, function(k) data.frame(curve = k, time = xt, n_at_risk = sapply(xt, function(t) sum(d$group == k & d$time >= t)))))
write.csv(ar, "truth/at_risk.csv", row.names = FALSE, quote = FALSE)
writeLines('{"kind": "survival", "x_range": [0, 104], "y_range": [0, 100], "n_curves": 2, "x_unit": "weeks", "style": "survminer-like ggplot2: percent axis, shaded CI, + censors, p and HR in panel, coloured risk table"}', "truth/meta.json")

# ---- figure ----
steps$strata <- factor(steps$strata, labs); cens$strata <- factor(cens$strata, labs)
cols <- c("#E7B800", "#2E9FDF"); names(cols) <- labs
# ribbon as a step function: duplicate each point at the next time
rib <- do.call(rbind, lapply(split(steps, steps$strata), function(s) {
  n <- nrow(s); s$lower[is.na(s$lower)] <- tail(na.omit(s$lower), 1); s$upper[is.na(s$upper)] <- tail(na.omit(s$upper), 1)
  data.frame(strata = s$strata[1], time = c(rbind(s$time, c(s$time[-1], s$time[n])))[-2*n],
             lower = c(rbind(s$lower, s$lower))[-2*n], upper = c(rbind(s$upper, s$upper))[-2*n])
}))
th <- theme_classic(base_size = 13) + theme(legend.position = "top", plot.margin = margin(5, 12, 2, 5),
        axis.text = element_text(colour = "black"))
p <- ggplot(steps, aes(time, surv, colour = strata)) +
  geom_ribbon(data = rib, aes(x = time, ymin = lower, ymax = upper, fill = strata), inherit.aes = FALSE, alpha = 0.2) +
  geom_step(linewidth = 0.9) +
  geom_point(data = cens, shape = 3, size = 2.2, show.legend = FALSE) +
  scale_colour_manual(values = cols, name = "Strata") + scale_fill_manual(values = cols, guide = "none") +
  scale_x_continuous(breaks = xt, limits = c(0, 104), expand = expansion(add = c(3, 3))) +
  scale_y_continuous(breaks = seq(0, 1, 0.25), labels = paste0(seq(0, 100, 25), "%"), limits = c(0, 1.0)) +
  labs(x = "Time (weeks)", y = "Overall survival probability") +
  annotate("text", x = 3, y = 0.13, hjust = 0, size = 4.3,
           label = sprintf("Log-rank p = %.3f", pv)) +
  annotate("text", x = 3, y = 0.05, hjust = 0, size = 4.3,
           label = sprintf("HR = %.2f (95%% CI %.2f\u2013%.2f)", hr[1], hr[2], hr[3])) + th
if (check) p <- p + geom_step(data = cv, aes(time, value, group = curve), inherit.aes = FALSE, colour = "red", linewidth = 0.3) +
  geom_point(data = cv, aes(time, value), inherit.aes = FALSE, colour = "red", size = 0.3)
ar$strata <- factor(labs[ar$curve], rev(labs))
tab <- ggplot(ar, aes(time, strata, label = n_at_risk, colour = factor(labs[curve], labs))) +
  geom_text(size = 4.2, show.legend = FALSE) + scale_colour_manual(values = cols) +
  scale_x_continuous(breaks = xt, limits = c(0, 104), expand = expansion(add = c(3, 3))) +
  labs(title = "Number at risk", x = "Time (weeks)", y = NULL) + coord_cartesian(clip = "off") + theme_classic(base_size = 13) +
  theme(axis.text.y = element_text(colour = rev(cols), face = "bold"), plot.title = element_text(size = 12),
        plot.margin = margin(2, 12, 5, 5), axis.text.x = element_text(colour = "black"))
fn <- if (check) "/tmp/o2_check.png" else "figure.png"
png(fn, width = 7, height = 6.6, units = "in", res = 300)
g1 <- ggplotGrob(p); g2 <- ggplotGrob(tab)
mw <- grid::unit.pmax(g1$widths, g2$widths); g1$widths <- mw; g2$widths <- mw
grid.arrange(g1, g2, heights = c(3.2, 1)); invisible(dev.off())
