# ggplot2: black-and-white, solid vs dotted, percent y axis, whole-month (tied) times, | censor marks, legend inside bottom-left, SVG (svglite)
args <- commandArgs(trailingOnly = TRUE); out <- if (length(args)) args[1] else "."
dir.create(file.path(out, "truth"), recursive = TRUE, showWarnings = FALSE)
suppressPackageStartupMessages(library(survival))
set.seed(20261206)
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
fu <- 30
d1 <- sim(64, 0.0130, fu, round_to = 1); d2 <- sim(58, 0.0200, fu, round_to = 1)
labs <- c("Vertebroplasty (n = 64)", "Sham procedure (n = 58)")
s <- rbind(step_df(d1, labs[1]), step_df(d2, labs[2])); s$grp <- factor(s$grp, levels = labs)
cens <- s[s$ncens > 0, ]
p <- ggplot(s, aes(time, surv, linetype = grp)) +
  geom_step(linewidth = 0.7, colour = "black") +
  geom_point(data = cens, shape = 124, size = 2.5, colour = "black", show.legend = FALSE) +
  scale_linetype_manual(values = c("solid", "dotted"), name = NULL) +
  scale_x_continuous(breaks = seq(0, 30, 5), limits = c(0, 30), expand = c(0, 0.3)) +
  scale_y_continuous(breaks = seq(0, 1, 0.2), limits = c(0, 1), labels = function(x) paste0(100 * x, "%")) +
  labs(x = "Months after vertebroplasty", y = "Patients free of new fracture") +
  theme_classic(base_size = 12) +
  theme(legend.position = c(0.3, 0.22), legend.key.width = unit(1.4, "cm"))
ggsave(file.path(out, "figure.svg"), p, width = 6, height = 4.5)
write.csv(rbind(curve_truth(d1, 1), curve_truth(d2, 2)), file.path(out, "truth/curves.csv"), row.names = FALSE, quote = FALSE)
write.csv(rbind(cbind(curve = 1, d1), cbind(curve = 2, d2)), file.path(out, "truth/ipd.csv"), row.names = FALSE, quote = FALSE)
writeLines('{"kind": "survival", "x_range": [0, 30], "y_range": [0, 100], "n_curves": 2, "x_unit": "months", "style": "ggplot2 theme_classic, black solid vs dotted, percent y axis, tied whole-month times, | censor marks, legend inside bottom-left, SVG"}',
           file.path(out, "truth/meta.json"))
