# ggplot2 KM with shaded 95% CI band for each of two curves + at-risk table (gridExtra),
# JPEG quality 80 at 200 dpi.
suppressMessages({library(survival); library(ggplot2); library(gridExtra); library(grid)})
args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args) > 0) args[1] else "."
dir.create(file.path(out, "truth"), recursive = TRUE, showWarnings = FALSE)
pdf(NULL)  # ggplotGrob needs an open device; avoid a stray Rplots.pdf
set.seed(5151)
sim <- function(n, scale, shape) {
  t <- rweibull(n, shape, scale)
  c <- pmin(runif(n, 10, 50), 42, rexp(n, 1/150))
  data.frame(time = round(pmax(pmin(t, c), 0.05), 2), event = as.integer(t <= c))
}
d1 <- sim(140, 160, 0.9); d1$grp <- 1
d2 <- sim(120, 80, 0.9);  d2$grp <- 2
d <- rbind(d1, d2)
labs <- c("Kyphoplasty", "Vertebroplasty")
fit <- survfit(Surv(time, event) ~ grp, data = d)

steps <- list(); truth <- list()
for (g in 1:2) {
  s <- fit[g]
  tt <- c(0, s$time); sv <- c(1, s$surv); lo <- c(1, s$lower); hi <- c(1, s$upper)
  lo[is.na(lo)] <- tail(na.omit(lo), 1); hi[is.na(hi)] <- 1
  # step-shaped ribbon / line data
  n <- length(tt)
  xs <- c(tt[1], rep(tt[-1], each = 2)); 
  ys <- c(rep(sv[-n], each = 2), sv[n])
  yl <- c(rep(lo[-n], each = 2), lo[n]); yh <- c(rep(hi[-n], each = 2), hi[n])
  steps[[g]] <- data.frame(grp = labs[g], x = xs, y = ys, lo = yl, hi = yh)
  ev <- s$n.event > 0
  t2 <- c(0, s$time[ev]); v2 <- c(1, s$surv[ev])
  if (tail(t2, 1) < max(s$time)) { t2 <- c(t2, max(s$time)); v2 <- c(v2, tail(v2, 1)) }
  truth[[g]] <- data.frame(curve = g, time = t2, value = round(v2, 6))
}
sd <- do.call(rbind, steps); sd$grp <- factor(sd$grp, levels = labs)
cols <- c("#D55E00", "#0072B2")
ticks <- seq(0, 42, 6)
p <- ggplot(sd, aes(x, y)) +
  geom_ribbon(aes(ymin = lo, ymax = hi, fill = grp), alpha = 0.2) +
  geom_line(aes(colour = grp), linewidth = 0.9) +
  scale_colour_manual(values = cols, name = NULL) +
  scale_fill_manual(values = cols, name = NULL) +
  scale_x_continuous(breaks = ticks, limits = c(0, 42), expand = expansion(mult = c(0.03, 0.03))) +
  scale_y_continuous(breaks = seq(0, 1, 0.25), limits = c(0, 1), labels = function(v) sprintf("%.2f", v)) +
  labs(x = "Months after vertebroplasty", y = "Probability free of new fracture",
       title = "Fracture-free survival after cement augmentation") +
  theme_classic(base_size = 12) +
  theme(legend.position = c(0.2, 0.2), legend.background = element_blank())

sm <- summary(fit, times = ticks, extend = TRUE)
risk <- data.frame(curve = as.integer(sub("grp=", "", as.character(sm$strata))),
                   time = sm$time, n_at_risk = sm$n.risk)
risk$lab <- factor(labs[risk$curve], levels = rev(labs))
tab <- ggplot(risk, aes(time, lab, label = n_at_risk)) +
  geom_text(aes(colour = factor(curve)), size = 3.8, show.legend = FALSE) +
  scale_colour_manual(values = cols) +
  scale_x_continuous(breaks = ticks, limits = c(0, 42), expand = expansion(mult = c(0.03, 0.03))) +
  labs(x = NULL, y = NULL, title = "Number at risk") + coord_cartesian(clip = "off") +
  theme_classic(base_size = 12) +
  theme(axis.line = element_blank(), axis.ticks = element_blank(), axis.text.x = element_blank(),
        plot.title = element_text(size = 11, face = "bold"))
g1 <- ggplotGrob(p); g2 <- ggplotGrob(tab)
w <- grid::unit.pmax(g1$widths, g2$widths); g1$widths <- w; g2$widths <- w
jpeg(file.path(out, "figure.jpg"), width = 7, height = 6, units = "in", res = 200, quality = 80)
grid.arrange(g1, g2, ncol = 1, heights = c(4.6, 1.4))
invisible(dev.off())

write.csv(do.call(rbind, truth), file.path(out, "truth/curves.csv"), row.names = FALSE, quote = FALSE)
write.csv(risk[, c("curve", "time", "n_at_risk")], file.path(out, "truth/at_risk.csv"), row.names = FALSE, quote = FALSE)
write.csv(data.frame(curve = d$grp, time = d$time, event = d$event), file.path(out, "truth/ipd.csv"), row.names = FALSE, quote = FALSE)
writeLines('{"kind": "survival", "x_range": [0, 42], "y_range": [0, 1], "n_curves": 2, "x_unit": "months", "style": "one line"}',
           file.path(out, "truth/meta.json"))
