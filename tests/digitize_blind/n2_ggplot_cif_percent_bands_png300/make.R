# ggplot2 cumulative incidence (1 - KM), rising, percent axis zoomed to 0-40%, shaded CI ribbons, years. PNG 300 dpi.
suppressMessages({library(survival); library(ggplot2); library(jsonlite)})
set.seed(1010202)
gen <- function(n, rate, g) {
  t  <- rexp(n, rate)
  cc <- pmin(runif(n, 2, 8), rexp(n, 0.05))
  time <- pmax(round(pmin(t, cc) * 365.25) / 365.25, 1 / 365.25)   # recorded in days, shown in years
  data.frame(group = g, time = time, event = as.integer(t <= cc))
}
d <- rbind(gen(260, 0.055, 1), gen(240, 0.028, 2))
fit <- survfit(Surv(time, event) ~ group, data = d)
sid <- rep(1:2, fit$strata)
corners <- function(tt, ss) {   # on incidence scale: value = 1 - S
  out <- data.frame(time = 0, value = 0); prev <- 0
  for (i in seq_along(tt)) { v <- 1 - ss[i]
    if (v > prev + 1e-12) { out <- rbind(out, data.frame(time = c(tt[i], tt[i]), value = c(prev, v))); prev <- v } }
  last <- tail(tt, 1); if (tail(out$time, 1) < last) out <- rbind(out, data.frame(time = last, value = prev))
  out
}
cv <- do.call(rbind, lapply(1:2, function(g) cbind(curve = g, corners(fit$time[sid == g], fit$surv[sid == g]))))
write.csv(cv, "truth/curves.csv", row.names = FALSE, quote = FALSE)
write.csv(data.frame(curve = d$group, time = d$time, event = d$event), "truth/ipd.csv", row.names = FALSE, quote = FALSE)
writeLines(toJSON(list(kind = "incidence", x_range = c(0, 8), y_range = c(0, 40), n_curves = 2, x_unit = "years",
  style = "ggplot2 theme_bw, rising cumulative incidence in percent (y axis zoomed 0-40%), shaded 95% CI ribbons, legend inside top-left, PNG 300 dpi"),
  auto_unbox = TRUE, pretty = TRUE), "truth/meta.json")

# step data incl. ribbons
stepdf <- do.call(rbind, lapply(1:2, function(g) {
  tt <- c(0, fit$time[sid == g]); s <- c(1, fit$surv[sid == g]); lo <- c(1, fit$lower[sid == g]); up <- c(1, fit$upper[sid == g])
  data.frame(group = g, time = tt, inc = 1 - s, lo = 1 - up, hi = 1 - lo)
}))
stepdf$hi[is.na(stepdf$hi)] <- 1
stepdf$grp <- factor(stepdf$group, labels = c("Standard dose", "Reduced dose"))
# ribbons as explicit stairs
rib <- do.call(rbind, lapply(split(stepdf, stepdf$group), function(s) {
  n <- nrow(s); i <- rep(seq_len(n), each = 2)[-1]; j <- rep(seq_len(n), each = 2)[-(2 * n)]
  data.frame(grp = s$grp[1], time = s$time[i], lo = s$lo[j], hi = s$hi[j])
}))
cols <- c("Standard dose" = "#D55E00", "Reduced dose" = "#0072B2")
p <- ggplot(stepdf, aes(time, inc, colour = grp)) +
  geom_ribbon(data = rib, aes(x = time, ymin = lo, ymax = hi, fill = grp), inherit.aes = FALSE, alpha = 0.18) +
  geom_step(linewidth = 0.8) +
  scale_colour_manual(values = cols, name = NULL) + scale_fill_manual(values = cols, name = NULL) +
  scale_x_continuous("Years after transplantation", breaks = 0:8, expand = c(0.01, 0)) +
  scale_y_continuous("Cumulative incidence of relapse (%)", breaks = seq(0, 0.4, 0.1),
                     labels = function(x) sprintf("%d", round(100 * x)), expand = c(0, 0)) +
  coord_cartesian(xlim = c(0, 8), ylim = c(0, 0.4)) +
  theme_bw(base_size = 11) +
  theme(legend.position = c(0.02, 0.98), legend.justification = c(0, 1),
        legend.background = element_rect(colour = "grey60", linewidth = 0.3))
ggsave("figure.png", p, width = 6, height = 4.5, dpi = 300)
if (Sys.getenv("OVERLAY") == "1") {
  ggsave("/tmp/blind_fig10_checks/n2_overlay.png",
         p + geom_path(data = cv, aes(time, value, group = curve), colour = "black", linewidth = 0.25, inherit.aes = FALSE),
         width = 6, height = 4.5, dpi = 110)
}
