# survminer-like ggplot2 KM figure (built by hand, survminer not installed): p-value text,
# dashed median lines, + censor marks, coloured risk table below; vector PDF; heavy censoring.
suppressMessages({library(survival); library(ggplot2); library(gridExtra); library(grid)})
args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args) >= 1) args[1] else "."
dir.create(file.path(out, "truth"), recursive = TRUE, showWarnings = FALSE)
set.seed(777)

sim <- function(n, rate, crate, maxfu) {
  ev  <- rexp(n, rate)
  cen <- pmin(rexp(n, crate), runif(n, 30, maxfu))   # heavy early drop-out + admin censoring
  t <- pmin(ev, cen)
  data.frame(time = round(pmax(t, 0.1), 1), event = as.integer(ev <= cen))
}
labs <- c("Kyphoplasty", "Vertebroplasty")
d <- rbind(cbind(sim(140, 0.016, 0.040, 60), curve = 1),
           cbind(sim(135, 0.030, 0.055, 60), curve = 2))
fit <- survfit(Surv(time, event) ~ curve, data = d)
sd <- survdiff(Surv(time, event) ~ curve, data = d)
pval <- 1 - pchisq(sd$chisq, 1)
ptxt <- if (pval < 0.0001) "p < 0.0001" else sprintf("p = %.2g", pval)
med <- unname(summary(fit)$table[, "median"])

st <- rep(1:2, fit$strata)
rows <- list(); cens <- list()
for (k in 1:2) {
  tt <- fit$time[st == k]; ss <- fit$surv[st == k]; ne <- fit$n.event[st == k]; nc <- fit$n.censor[st == k]
  rows[[k]] <- rbind(data.frame(curve = k, time = 0, value = 1),
                     data.frame(curve = k, time = tt[ne > 0], value = ss[ne > 0]),
                     data.frame(curve = k, time = max(tt), value = tail(ss, 1)))
  cens[[k]] <- data.frame(curve = k, time = tt[nc > 0], value = ss[nc > 0])
}
cv <- do.call(rbind, rows); cv <- cv[!duplicated(cv[, c("curve", "time")]), ]
cz <- do.call(rbind, cens)
cv$grp <- factor(labs[cv$curve], levels = labs); cz$grp <- factor(labs[cz$curve], levels = labs)
cols <- c("#E7B800", "#2E9FDF")
names(cols) <- labs
brk <- seq(0, 60, 12)

th <- theme_classic(base_size = 12) +
  theme(axis.title = element_text(face = "bold"), legend.position = "top",
        plot.title = element_text(face = "bold", size = 12))
medl <- data.frame(x = c(0, med), xend = c(max(med, na.rm = TRUE), med),
                   y = c(0.5, 0.5, 0.5), yend = c(0.5, 0, 0))
p1 <- ggplot(cv, aes(time, value, colour = grp)) +
  geom_step(direction = "hv", linewidth = 0.9) +
  geom_point(data = cz, shape = 3, size = 2, show.legend = FALSE) +
  geom_segment(data = medl, aes(x = x, xend = xend, y = y, yend = yend), inherit.aes = FALSE,
               linetype = "dashed", linewidth = 0.5, colour = "black") +
  annotate("text", x = 4, y = 0.12, label = ptxt, hjust = 0, size = 4.5) +
  scale_colour_manual(values = cols, name = "Strata") +
  scale_x_continuous(breaks = brk, limits = c(0, 62), expand = c(0.04, 0)) +
  scale_y_continuous(breaks = seq(0, 1, 0.25), limits = c(0, 1), expand = c(0.04, 0)) +
  labs(x = "Months after vertebroplasty", y = "Survival probability",
       title = "Survival without new vertebral fracture") + th

sm <- summary(fit, times = brk, extend = TRUE)
nr <- data.frame(curve = rep(1:2, each = length(brk)), time = rep(brk, 2), n_at_risk = sm$n.risk)
nr$grp <- factor(labs[nr$curve], levels = rev(labs))
p2 <- ggplot(nr, aes(time, grp, label = n_at_risk, colour = factor(labs[curve], levels = labs))) +
  geom_text(size = 4, show.legend = FALSE) +
  scale_colour_manual(values = cols) +
  scale_x_continuous(breaks = brk, limits = c(0, 62), expand = c(0.04, 0)) +
  labs(x = "Months after vertebroplasty", y = "Strata", title = "Number at risk") + th +
  theme(axis.text.y = element_text(colour = rev(cols), face = "bold"), legend.position = "none",
        plot.title = element_text(size = 11))
pdf(file.path(out, "figure.pdf"), width = 7, height = 6.5)
g1 <- ggplotGrob(p1); g2 <- ggplotGrob(p2)
w <- unit.pmax(g1$widths, g2$widths); g1$widths <- w; g2$widths <- w
grid.arrange(g1, g2, heights = c(3, 1.15), newpage = FALSE)
invisible(dev.off())

write.csv(cv[, c("curve", "time", "value")], file.path(out, "truth/curves.csv"), row.names = FALSE)
write.csv(nr[, c("curve", "time", "n_at_risk")], file.path(out, "truth/at_risk.csv"), row.names = FALSE)
write.csv(d[, c("curve", "time", "event")], file.path(out, "truth/ipd.csv"), row.names = FALSE)
writeLines(sprintf('{"kind": "survival", "x_range": [0, 60], "y_range": [0, 1], "n_curves": 2, "x_unit": "months", "style": "survminer-like ggplot: log-rank %s text, dashed median lines at 0.5 (medians %.1f and %.1f months), + censor marks, coloured risk table, heavy censoring, times rounded to 0.1 month (ties)"}', ptxt, med[1], med[2]),
           file.path(out, "truth/meta.json"))
cat("events:", tapply(d$event, d$curve, mean), " medians:", med, ptxt, "\n")
