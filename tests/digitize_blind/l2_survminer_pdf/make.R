# survminer-like ggplot2 KM figure with coloured at-risk table and p-value; vector PDF.
# Usage: Rscript make.R OUTDIR
suppressPackageStartupMessages({library(survival); library(ggplot2); library(grid); library(jsonlite)})
args <- commandArgs(trailingOnly = TRUE); out <- if (length(args)) args[1] else "."
dir.create(file.path(out, "truth"), recursive = TRUE, showWarnings = FALSE)
set.seed(8202)
sim <- function(n, scale, shape) {
  tev <- scale * rweibull(n, shape, 1)
  tc <- pmin(runif(n, 12, 60), rexp(n, 1/90))
  t <- round(pmax(pmin(tev, tc), 0.1), 1); e <- as.integer(tev <= tc)
  data.frame(time = t, event = e)
}
g1 <- sim(120, 80, 2.2)   # balloon kyphoplasty: few early, rising late hazard
g2 <- sim(115, 400, 0.6)  # vertebroplasty: early events, flat later -> curves cross
g1$curve <- 1L; g2$curve <- 2L
d <- rbind(g1, g2)
labs <- c("Kyphoplasty", "Vertebroplasty")
d$group <- factor(labs[d$curve], levels = labs)
fit <- survfit(Surv(time, event) ~ group, data = d)
sd <- survdiff(Surv(time, event) ~ group, data = d)
p <- 1 - pchisq(sd$chisq, 1)
cols <- c("#E7B800", "#2E9FDF")
steps <- list(); truth <- list(); cens <- list()
for (k in 1:2) {
  s <- fit[k]
  tt <- c(0, s$time); sv <- c(1, s$surv); lo <- c(1, s$lower); hi <- c(1, s$upper)
  ev <- c(TRUE, s$n.event > 0)
  # truth: corners at 0, event times, and final drawn time
  tr <- data.frame(curve = k, time = tt[ev], value = round(sv[ev], 6))
  if (max(tt) > max(tr$time)) tr <- rbind(tr, data.frame(curve = k, time = max(tt), value = round(tail(sv, 1), 6)))
  truth[[k]] <- tr
  steps[[k]] <- data.frame(time = tt, surv = sv, lower = lo, upper = hi, group = labs[k])
  cens[[k]] <- data.frame(time = s$time[s$n.censor > 0], surv = s$surv[s$n.censor > 0], group = labs[k])
}
st <- do.call(rbind, steps); ce <- do.call(rbind, cens)
st$group <- factor(st$group, levels = labs); ce$group <- factor(ce$group, levels = labs)
# stair-shaped ribbon
rib <- do.call(rbind, lapply(split(st, st$group), function(z) {
  n <- nrow(z)
  data.frame(time = c(z$time[1], rep(z$time[-1], each = 2)),
             lower = c(rep(z$lower[-n], each = 2), z$lower[n]),
             upper = c(rep(z$upper[-n], each = 2), z$upper[n]), group = z$group[1])
}))
rib$lower[is.na(rib$lower)] <- 0
brk <- seq(0, 60, 12)
pl <- ggplot() +
  geom_ribbon(data = rib, aes(time, ymin = lower, ymax = upper, fill = group), alpha = 0.2) +
  geom_step(data = st, aes(time, surv, colour = group), linewidth = 0.9) +
  geom_point(data = ce, aes(time, surv, colour = group), shape = 3, size = 2) +
  scale_colour_manual(values = cols, name = "Strata") + scale_fill_manual(values = cols, name = "Strata") +
  scale_x_continuous(breaks = brk, limits = c(0, 60), expand = expansion(add = c(3, 2))) +
  scale_y_continuous(breaks = seq(0, 1, 0.25), limits = c(0, 1)) +
  annotate("text", x = 3, y = 0.12, label = sprintf("p = %.2f", p), hjust = 0, size = 4.5) +
  labs(x = "Months after augmentation", y = "Fracture-free survival probability") +
  theme_classic(base_size = 12) + theme(legend.position = "top")
rk <- do.call(rbind, lapply(1:2, function(k) {
  tk <- d$time[d$curve == k]
  data.frame(curve = k, time = brk, n_at_risk = sapply(brk, function(x) sum(tk >= x)))
}))
rk$group <- factor(labs[rk$curve], levels = rev(labs))
tb <- ggplot(rk, aes(time, group, label = n_at_risk, colour = factor(labs[curve], levels = labs))) +
  geom_text(size = 4) + scale_colour_manual(values = cols, guide = "none") + coord_cartesian(clip = "off") +
  scale_x_continuous(breaks = brk, limits = c(0, 60), expand = expansion(add = c(3, 2))) +
  labs(x = "Months after augmentation", y = "Strata", title = "Number at risk") +
  theme_classic(base_size = 12) +
  theme(plot.title = element_text(size = 12), axis.text.y = element_text(colour = rev(cols), face = "bold"))
pdf(file.path(out, "figure.pdf"), width = 7, height = 6.5, useDingbats = FALSE)
grid.newpage()
g1g <- ggplotGrob(pl); g2g <- ggplotGrob(tb)
mw <- grid::unit.pmax(g1g$widths, g2g$widths); g1g$widths <- mw; g2g$widths <- mw
pushViewport(viewport(layout = grid.layout(2, 1, heights = unit(c(0.74, 0.26), "npc"))))
pushViewport(viewport(layout.pos.row = 1)); grid.draw(g1g); popViewport()
pushViewport(viewport(layout.pos.row = 2)); grid.draw(g2g); popViewport()
invisible(dev.off())
write.csv(do.call(rbind, truth), file.path(out, "truth/curves.csv"), row.names = FALSE, quote = FALSE)
write.csv(rk[, c("curve", "time", "n_at_risk")], file.path(out, "truth/at_risk.csv"), row.names = FALSE, quote = FALSE)
write.csv(d[, c("curve", "time", "event")], file.path(out, "truth/ipd.csv"), row.names = FALSE, quote = FALSE)
writeLines(toJSON(list(kind = "survival", x_range = c(0, 60), y_range = c(0, 1), n_curves = 2, x_unit = "months",
  style = "survminer-like ggplot2, coloured curves with shaded CI and + censor marks, legend on top, p-value in plot, coloured at-risk table"),
  auto_unbox = TRUE, pretty = TRUE), file.path(out, "truth/meta.json"))
