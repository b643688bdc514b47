# Two-panel ggplot2 figure (A: overall survival, B: progression-free survival), years.
# Truth files describe panel A only.
suppressMessages({library(survival); library(ggplot2); library(grid)})
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("--file=", "", args[grep("--file=", args)])))
dir.create(file.path(here, "truth"), showWarnings = FALSE)
set.seed(15003)

sim <- function(n, scale, shape, admin_lo, admin_hi) {
  ev <- scale * rweibull(n, shape, 1)
  cens <- pmin(runif(n, admin_lo, admin_hi), rexp(n, 1/40))
  t <- round(pmax(pmin(ev, cens), 0.02), 3)
  data.frame(time = t, event = as.integer(ev <= cens))
}
A <- rbind(cbind(curve = 1, sim(160, 9, 1.1, 4, 10)),
           cbind(curve = 2, sim(150, 5, 1.1, 4, 10)))
B <- rbind(cbind(curve = 1, sim(100, 5, 1.3, 3, 10)),
           cbind(curve = 2, sim(100, 3.5, 1.3, 3, 10)),
           cbind(curve = 3, sim(100, 2.2, 1.3, 3, 10)))

stepdf <- function(d, labels) {
  out <- list(); cens <- list(); corners <- list()
  for (k in sort(unique(d$curve))) {
    dk <- d[d$curve == k, ]
    f <- survfit(Surv(time, event) ~ 1, data = dk, conf.type = "log-log")
    tt <- c(0, f$time); ss <- c(1, f$surv); lo <- c(1, f$lower); hi <- c(1, f$upper)
    ne <- c(0, f$n.event)
    # step polygon for ribbon
    n <- length(tt)
    # explicit construction: at each later time value before then after
    xs <- tt[1]; ys <- ss[1]; ls <- lo[1]; hs <- hi[1]
    for (i in 2:n) { xs <- c(xs, tt[i], tt[i]); ys <- c(ys, ss[i-1], ss[i]);
                     ls <- c(ls, lo[i-1], lo[i]); hs <- c(hs, hi[i-1], hi[i]) }
    out[[k]] <- data.frame(curve = k, x = xs, y = ys, lo = ls, hi = hs, grp = labels[k])
    cens[[k]] <- data.frame(x = f$time[f$n.censor > 0], y = f$surv[f$n.censor > 0], grp = labels[k])
    # truth corners: start, each event time (before/after), end of follow-up
    s <- 1; cr <- data.frame(curve = k, time = 0, value = 1)
    for (i in which(f$n.event > 0)) {
      cr <- rbind(cr, data.frame(curve = k, time = f$time[i], value = c(s, f$surv[i])))
      s <- f$surv[i]
    }
    if (max(dk$time) > max(cr$time)) cr <- rbind(cr, data.frame(curve = k, time = max(dk$time), value = s))
    corners[[k]] <- cr
  }
  list(step = do.call(rbind, out), cens = do.call(rbind, cens), corners = do.call(rbind, corners))
}

labA <- c("Low risk", "High risk"); labB <- c("Stage I", "Stage II", "Stage III")
sa <- stepdf(A, labA); sb <- stepdf(B, labB)
sa$step$grp <- factor(sa$step$grp, labA); sa$cens$grp <- factor(sa$cens$grp, labA)
sb$step$grp <- factor(sb$step$grp, labB); sb$cens$grp <- factor(sb$cens$grp, labB)

write.csv(sa$corners, file.path(here, "truth/curves.csv"), row.names = FALSE, quote = FALSE)
write.csv(A[, c("curve", "time", "event")], file.path(here, "truth/ipd.csv"), row.names = FALSE, quote = FALSE)

th <- theme_bw(base_size = 11) +
  theme(legend.title = element_blank(), legend.background = element_rect(colour = "grey50", linewidth = 0.3),
        plot.tag = element_text(face = "bold", size = 16))
pA <- ggplot(sa$step, aes(x, y, colour = grp, fill = grp)) +
  geom_ribbon(aes(ymin = lo, ymax = hi), alpha = 0.18, colour = NA) +
  geom_path(linewidth = 0.7) +
  geom_point(data = sa$cens, aes(x, y, colour = grp), shape = 3, size = 1.6, inherit.aes = FALSE) +
  scale_colour_manual(values = c("#1b9e77", "#d95f02")) + scale_fill_manual(values = c("#1b9e77", "#d95f02")) +
  scale_x_continuous(breaks = seq(0, 10, 2), limits = c(0, 10)) +
  scale_y_continuous(breaks = seq(0, 1, 0.25), limits = c(0, 1)) +
  labs(x = "Years since diagnosis", y = "Overall survival probability", tag = "A") + th +
  theme(legend.position = c(0.78, 0.85))
pB <- ggplot(sb$step, aes(x, y, colour = grp)) +
  geom_path(linewidth = 0.7) +
  geom_point(data = sb$cens, aes(x, y, colour = grp), shape = 3, size = 1.6, inherit.aes = FALSE) +
  scale_colour_manual(values = c("#7570b3", "#e7298a", "#66a61e")) +
  scale_x_continuous(breaks = seq(0, 10, 2), limits = c(0, 10)) +
  scale_y_continuous(breaks = seq(0, 1, 0.25), limits = c(0, 1)) +
  labs(x = "Years since diagnosis", y = "Progression-free survival probability", tag = "B") + th +
  theme(legend.position = c(0.78, 0.82))

png(file.path(here, "figure.png"), width = 11, height = 4.6, units = "in", res = 150)
grid.newpage(); pushViewport(viewport(layout = grid.layout(1, 2)))
print(pA, vp = viewport(layout.pos.row = 1, layout.pos.col = 1))
print(pB, vp = viewport(layout.pos.row = 1, layout.pos.col = 2))
invisible(dev.off())
writeLines('{"kind": "survival", "x_range": [0, 10], "y_range": [0, 1], "n_curves": 2, "x_unit": "years", "style": "ggplot2 theme_bw two-panel figure (truth = panel A only), CI ribbons, + censor marks"}',
           file.path(here, "truth/meta.json"))
print(aggregate(event ~ curve, A, mean)); print(table(A$curve))
