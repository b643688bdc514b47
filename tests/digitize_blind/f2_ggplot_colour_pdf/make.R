# ggplot2, 3 colour curves with shaded 95% CI, percent y axis, grid lines, legend inside,
# curves that cross, numbers-at-risk table (gridExtra) under the x axis. Vector PDF.
suppressMessages({library(survival); library(ggplot2); library(gridExtra)})
args <- commandArgs(trailingOnly = TRUE); out <- if (length(args)) args[1] else "."
dir.create(file.path(out, "truth"), recursive = TRUE, showWarnings = FALSE)
set.seed(20262)
FU <- 60
gen <- function(n, shape, scale) {
  t <- rweibull(n, shape, scale); c <- runif(n, 12, 80)
  time <- round(pmin(t, c, FU), 2); ev <- as.integer(t <= pmin(c, FU))
  data.frame(time = time, event = ev)
}
# curve 1 early hazard then flat (shape<1), curve 2 late hazard (shape>1) -> crossing; curve 3 middle
d <- rbind(cbind(curve = 1, gen(90, 0.55, 420)), cbind(curve = 2, gen(100, 2.2, 95)),
           cbind(curve = 3, gen(80, 1.0, 260)))
labs <- c("Vertebroplasty", "Kyphoplasty", "Sham procedure")
steps <- list(); ribs <- list(); truth <- list()
for (k in 1:3) {
  f <- survfit(Surv(time, event) ~ 1, data = d[d$curve == k, ])
  s <- summary(f)
  tt <- c(0, s$time); vv <- c(1, s$surv); lo <- c(1, s$lower); hi <- c(1, s$upper)
  tmax <- max(d$time[d$curve == k])
  if (tmax > max(tt)) { tt <- c(tt, tmax); vv <- c(vv, tail(vv, 1)); lo <- c(lo, tail(lo, 1)); hi <- c(hi, tail(hi, 1)) }
  truth[[k]] <- data.frame(curve = k, time = tt, value = round(vv, 6))
  steps[[k]] <- data.frame(group = labs[k], time = tt, surv = vv)
  # step ribbon: duplicate points
  n <- length(tt)
  ribs[[k]] <- data.frame(group = labs[k], time = c(tt[1], rep(tt[-1], each = 2)),
                          lo = c(rep(lo[-n], each = 2), lo[n]), hi = c(rep(hi[-n], each = 2), hi[n]))
}
st <- do.call(rbind, steps); rb <- do.call(rbind, ribs)
st$group <- factor(st$group, labs); rb$group <- factor(rb$group, labs)
cols <- c("#D55E00", "#0072B2", "#009E73")
ticks <- seq(0, 60, 12)
p <- ggplot() +
  geom_ribbon(data = rb, aes(time, ymin = lo, ymax = hi, fill = group), alpha = 0.18) +
  geom_step(data = st, aes(time, surv, colour = group), linewidth = 0.8) +
  scale_colour_manual(values = cols, name = NULL) + scale_fill_manual(values = cols, guide = "none") +
  scale_y_continuous(limits = c(0, 1), breaks = seq(0, 1, 0.25), labels = function(x) paste0(x * 100)) +
  scale_x_continuous(limits = c(0, 60), breaks = ticks) +
  labs(x = "Months after vertebroplasty", y = "Fracture-free survival (%)",
       title = "Freedom from new vertebral fracture by procedure") +
  theme_bw(base_size = 11) +
  theme(legend.position = c(0.02, 0.03), legend.justification = c(0, 0),
        legend.background = element_rect(colour = "grey60"), plot.title = element_text(size = 11, face = "bold"),
        plot.margin = margin(5, 12, 2, 5))
nr <- do.call(rbind, lapply(1:3, function(k) data.frame(curve = k, time = ticks,
        n_at_risk = sapply(ticks, function(t) sum(d$time[d$curve == k] >= t)))))
nr$group <- factor(labs[nr$curve], rev(labs))
tab <- ggplot(nr, aes(time, group, label = n_at_risk)) + geom_text(size = 3.3, aes(colour = factor(curve))) +
  scale_colour_manual(values = cols, guide = "none") +
  scale_x_continuous(limits = c(0, 60), breaks = ticks) + labs(x = NULL, y = NULL, title = "Number at risk") +
  theme_minimal(base_size = 10) + theme(panel.grid = element_blank(), axis.text.x = element_blank(),
        plot.title = element_text(size = 10, face = "bold"), plot.margin = margin(0, 12, 5, 5))
pdf(NULL, width = 7.2, height = 6.4)   # scratch device for building grobs (no stray Rplots.pdf)
g1 <- ggplotGrob(p); g2 <- ggplotGrob(tab)
w <- grid::unit.pmax(g1$widths, g2$widths); g1$widths <- w; g2$widths <- w
gg <- arrangeGrob(g1, g2, heights = c(4.9, 1.3)); invisible(dev.off())
pdf(file.path(out, "figure.pdf"), width = 7.2, height = 6.4)
grid::grid.draw(gg)
dev.off()
write.csv(do.call(rbind, truth), file.path(out, "truth/curves.csv"), row.names = FALSE, quote = FALSE)
write.csv(nr[, c("curve", "time", "n_at_risk")], file.path(out, "truth/at_risk.csv"), row.names = FALSE, quote = FALSE)
write.csv(d[, c("curve", "time", "event")], file.path(out, "truth/ipd.csv"), row.names = FALSE, quote = FALSE)
writeLines(jsonlite::toJSON(list(kind = "survival", x_range = c(0, 60), y_range = c(0, 100), n_curves = 3,
  x_unit = "months", style = "ggplot2, 3 colour curves crossing, shaded CI, percent axis, grid, legend inside, at-risk table, vector PDF"),
  auto_unbox = TRUE, pretty = TRUE), file.path(out, "truth/meta.json"))
