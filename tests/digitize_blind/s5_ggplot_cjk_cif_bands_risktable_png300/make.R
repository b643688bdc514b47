# s5: a Chinese-journal style ggplot2 figure: rising cumulative incidence (1 - KM) of
# recurrence, black-and-white (solid vs dashed), grey shaded 95% CI bands, CJK axis titles,
# legend inside the plot, zoomed percent-valued y axis 0-40, numbers-at-risk table below.
# Writes figure.png (300 dpi) and truth/*.
suppressPackageStartupMessages({library(survival); library(ggplot2); library(gridExtra); library(grid)})
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("--file=", "", args[grep("--file=", args)])))
set.seed(1205)
mk <- function(n, lam, g) {
  ev <- rexp(n, lam)
  c <- pmin(runif(n, 20, 60), rexp(n, 1 / 300))
  data.frame(curve = g, time = pmax(0.1, round(pmin(ev, c), 1)), event = as.integer(ev <= c))
}
ipd <- rbind(mk(205, 0.0068, 1), mk(198, 0.0034, 2))
grp_lab <- c("对照组", "治疗组")
corners <- list(); bands <- list()
for (g in 1:2) {
  d <- ipd[ipd$curve == g, ]
  f <- survfit(Surv(time, event) ~ 1, data = d, conf.type = "log-log")
  keep <- f$n.event > 0
  tt <- f$time[keep]; ss <- f$surv[keep]; lo <- f$lower[keep]; up <- f$upper[keep]
  sp <- c(1, head(ss, -1)); lp <- c(1, head(lo, -1)); upp <- c(1, head(up, -1))
  x <- c(0, as.vector(rbind(tt, tt))); v <- c(1, as.vector(rbind(sp, ss)))
  bl <- c(1, as.vector(rbind(lp, lo))); bu <- c(1, as.vector(rbind(upp, up)))
  if (max(d$time) > max(tt)) { x <- c(x, max(d$time)); v <- c(v, tail(ss, 1)); bl <- c(bl, tail(lo, 1)); bu <- c(bu, tail(up, 1)) }
  corners[[g]] <- data.frame(curve = g, time = x, value = 1 - v)
  bands[[g]] <- data.frame(curve = g, time = x, lo = 1 - bu, hi = 1 - bl)
}
cr <- do.call(rbind, corners); bd <- do.call(rbind, bands)
cr$grp <- factor(grp_lab[cr$curve], levels = grp_lab); bd$grp <- factor(grp_lab[bd$curve], levels = grp_lab)
stopifnot(max(cr$value) < 0.40)
xt <- seq(0, 60, 12)
risk <- do.call(rbind, lapply(1:2, function(g) data.frame(curve = g, time = xt,
          n_at_risk = sapply(xt, function(x) sum(ipd$time[ipd$curve == g] >= x)))))
risk$grp <- factor(grp_lab[risk$curve], levels = rev(grp_lab))

FAM <- "Noto Sans CJK SC"
base <- theme_classic(base_size = 9, base_family = FAM) +
  theme(axis.text = element_text(colour = "black", size = 8), axis.line = element_line(linewidth = 0.4),
        axis.ticks = element_line(linewidth = 0.4))
make_plot <- function(extra = NULL) {
  p <- ggplot() +
    geom_ribbon(data = bd, aes(x = time, ymin = lo, ymax = hi, group = grp), fill = "grey55", alpha = 0.25) +
    geom_path(data = cr, aes(time, value, linetype = grp), linewidth = 0.55, colour = "black") +
    scale_linetype_manual(values = c("solid", "22"), name = NULL) +
    scale_x_continuous(breaks = xt, limits = c(0, 60), expand = expansion(mult = c(0.01, 0.02))) +
    scale_y_continuous(breaks = seq(0, 0.4, 0.1), labels = function(b) sprintf("%d", round(100 * b)),
                       expand = c(0, 0)) +
    coord_cartesian(ylim = c(0, 0.4), clip = "on") +
    labs(x = "随访时间（月）", y = "累积复发率（%）") + base +
    theme(legend.position = c(0.18, 0.86), legend.key.width = unit(9, "mm"),
          legend.text = element_text(size = 8.5), legend.background = element_blank(),
          plot.margin = margin(8, 10, 2, 4))
  if (!is.null(extra)) p <- p + extra
  p
}
tab <- ggplot(risk, aes(time, grp, label = n_at_risk)) + geom_text(size = 2.8, family = FAM) +
  scale_x_continuous(breaks = xt, limits = c(0, 60), expand = expansion(mult = c(0.01, 0.02))) +
  coord_cartesian(clip = "off") +
  labs(x = NULL, y = NULL, title = "风险人数") + base +
  theme(axis.line = element_blank(), axis.ticks = element_blank(), axis.text.x = element_blank(),
        axis.text.y = element_text(size = 8.5, margin = margin(r = 9)), plot.title = element_text(size = 8.5, face = "bold"),
        plot.margin = margin(0, 10, 6, 4))
compose <- function(p) {
  g1 <- ggplotGrob(p); g2 <- ggplotGrob(tab)
  w <- grid::unit.pmax(g1$widths, g2$widths); g1$widths <- w; g2$widths <- w
  arrangeGrob(g1, g2, heights = c(4, 0.85),
              top = textGrob("图2  两组患者术后累积复发率比较", gp = gpar(fontfamily = FAM, fontsize = 10)))
}
png(file.path(here, "figure.png"), width = 5.2, height = 4.6, units = "in", res = 300, type = "cairo")
grid.draw(compose(make_plot())); dev.off()

dir.create(file.path(here, "truth"), showWarnings = FALSE)
write.csv(cr[, c("curve", "time", "value")], file.path(here, "truth/curves.csv"), row.names = FALSE)
write.csv(ipd, file.path(here, "truth/ipd.csv"), row.names = FALSE)
write.csv(risk[order(risk$curve, risk$time), c("curve", "time", "n_at_risk")], file.path(here, "truth/at_risk.csv"), row.names = FALSE)
writeLines('{"kind": "incidence", "x_range": [0, 60], "y_range": [0, 40], "n_curves": 2, "x_unit": "months",
 "style": "Chinese-journal ggplot2, CJK labels, B&W solid/dashed 1-KM cumulative incidence, grey CI bands, risk table"}',
           file.path(here, "truth/meta.json"))

if (nzchar(Sys.getenv("CHECK"))) {
  tc <- read.csv(file.path(here, "truth/curves.csv"))
  png(Sys.getenv("CHECK"), width = 5.2, height = 4.6, units = "in", res = 300, type = "cairo")
  grid.draw(compose(make_plot(list(geom_path(data = tc, aes(time, value, group = curve), colour = "red", linewidth = 0.2),
                                   geom_point(data = tc, aes(time, value), colour = "red", size = 0.3)))))
  dev.off()
}
