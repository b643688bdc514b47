# ggplot2: two colour curves that cross, shaded stepped 95% CI ribbons, | censor marks, theme_bw grid, legend inside, PNG 150 dpi
args <- commandArgs(trailingOnly = TRUE); out <- if (length(args)) args[1] else "."
dir.create(file.path(out, "truth"), recursive = TRUE, showWarnings = FALSE)
suppressPackageStartupMessages(library(survival))
set.seed(20261204)
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

suppressPackageStartupMessages(library(ggplot2))
step_df <- function(d, label) {
  f <- survfit(Surv(time, event) ~ 1, data = d)
  data.frame(grp = label, time = c(0, f$time), surv = c(1, f$surv),
             lo = c(1, f$lower), hi = c(1, f$upper), ncens = c(0, f$n.censor))
}
ribbon_df <- function(s) {  # stepped ribbon polygon (hv)
  n <- nrow(s); i <- rep(seq_len(n), each = 2)[-1]; j <- rep(seq_len(n), each = 2)[-2 * n]
  data.frame(grp = s$grp[1], time = s$time[i], lo = s$lo[j], hi = s$hi[j])
}
simw <- function(n, shape, scale, fu, drop = 0.01) {
  te <- rweibull(n, shape, scale)
  tc <- pmin(runif(n, 0.4 * fu, fu), rexp(n, drop))
  t <- pmin(te, tc); e <- as.integer(te <= tc)
  data.frame(time = pmax(round(t, 1), 0.1), event = e)
}
fu <- 24
d1 <- simw(210, 0.55, 260, fu)   # early hazard, then plateau
d2 <- simw(220, 2.2, 40, fu)     # late-rising hazard
labs <- c("Vertebroplasty", "Kyphoplasty")
s <- rbind(step_df(d1, labs[1]), step_df(d2, labs[2]))
s$grp <- factor(s$grp, levels = labs)
rb <- rbind(ribbon_df(s[s$grp == labs[1], ]), ribbon_df(s[s$grp == labs[2], ])); rb$grp <- factor(rb$grp, levels = labs)
cens <- s[s$ncens > 0, ]
cols <- c(Vertebroplasty = "#E64B35", Kyphoplasty = "#4DBBD5")
p <- ggplot(s, aes(time, surv, colour = grp, fill = grp)) +
  geom_ribbon(data = rb, aes(x = time, ymin = lo, ymax = hi, fill = grp), inherit.aes = FALSE, alpha = 0.2) +
  geom_step(linewidth = 0.8) +
  geom_point(data = cens, shape = 124, size = 2.2) +
  scale_colour_manual(values = cols, name = NULL) + scale_fill_manual(values = cols, name = NULL) +
  scale_x_continuous(breaks = seq(0, 24, 6), limits = c(0, 24)) +
  scale_y_continuous(breaks = seq(0, 1, 0.25), limits = c(0, 1)) +
  labs(x = "Months after vertebroplasty", y = "Fracture-free survival probability") +
  theme_bw(base_size = 12) +
  theme(legend.position = c(0.22, 0.18),
        legend.background = element_rect(colour = "grey70"))
ggsave(file.path(out, "figure.png"), p, width = 6.5, height = 4.8, dpi = 150)
write.csv(rbind(curve_truth(d1, 1), curve_truth(d2, 2)), file.path(out, "truth/curves.csv"), row.names = FALSE, quote = FALSE)
write.csv(rbind(cbind(curve = 1, d1), cbind(curve = 2, d2)), file.path(out, "truth/ipd.csv"), row.names = FALSE, quote = FALSE)
writeLines('{"kind": "survival", "x_range": [0, 24], "y_range": [0, 1], "n_curves": 2, "x_unit": "months", "style": "ggplot2 theme_bw, 2 colour curves that cross, shaded stepped CI ribbons, | censor marks, legend inside bottom-left, PNG 150 dpi"}',
           file.path(out, "truth/meta.json"))
