# Four-curve KM figure, ggplot2 (geom_step), PNG 300 dpi, zoomed y axis, legend inside, + censor marks.
suppressMessages({library(survival); library(ggplot2)})
args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args) >= 1) args[1] else "."
dir.create(file.path(out, "truth"), recursive = TRUE, showWarnings = FALSE)
set.seed(4444)

sim <- function(n, rate, maxfu) {
  ev  <- rexp(n, rate)
  cen <- pmin(runif(n, 18, maxfu), rexp(n, 0.006))
  t <- pmin(ev, cen)
  data.frame(time = round(pmax(t, 0.05), 2), event = as.integer(ev <= cen))
}
labs <- c("No prior fracture", "1 prior fracture", "2 prior fractures", "\u22653 prior fractures")
rates <- c(0.0030, 0.0036, 0.0065, 0.0095)
ns <- c(120, 110, 95, 80)
d <- do.call(rbind, lapply(1:4, function(k) cbind(sim(ns[k], rates[k], 48), curve = k)))

fit <- survfit(Surv(time, event) ~ curve, data = d)
st <- rep(1:4, fit$strata)
rows <- list(); cens <- list()
for (k in 1:4) {
  tt <- fit$time[st == k]; ss <- fit$surv[st == k]; ne <- fit$n.event[st == k]; nc <- fit$n.censor[st == k]
  rows[[k]] <- rbind(data.frame(curve = k, time = 0, value = 1),
                     data.frame(curve = k, time = tt[ne > 0], value = ss[ne > 0]),
                     data.frame(curve = k, time = max(tt), value = tail(ss, 1)))
  cens[[k]] <- data.frame(curve = k, time = tt[nc > 0 & ne == 0], value = ss[nc > 0 & ne == 0])
}
cv <- do.call(rbind, rows); cv <- cv[!duplicated(cv[, c("curve", "time")]), ]
cz <- do.call(rbind, cens)
cv$grp <- factor(labs[cv$curve], levels = labs); cz$grp <- factor(labs[cz$curve], levels = labs)
cols <- c("#1b9e77", "#7570b3", "#d95f02", "#e7298a")

p <- ggplot(cv, aes(time, value, colour = grp)) +
  geom_step(direction = "hv", linewidth = 0.6) +
  geom_point(data = cz, shape = 3, size = 1.3, stroke = 0.4, show.legend = FALSE) +
  scale_colour_manual(values = cols, name = NULL) +
  scale_x_continuous(breaks = seq(0, 48, 12), expand = c(0.01, 0)) +
  scale_y_continuous(breaks = seq(0.4, 1, 0.1), labels = function(x) sprintf("%.1f", x)) +
  coord_cartesian(xlim = c(0, 48), ylim = c(0.4, 1.0)) +
  labs(x = "Months after vertebroplasty", y = "Probability free of new fracture",
       title = "New vertebral fracture by number of prior fractures") +
  theme_bw(base_size = 11) +
  theme(legend.position = c(0.02, 0.03), legend.justification = c(0, 0),
        legend.background = element_rect(colour = "grey60", linewidth = 0.3),
        legend.key.width = unit(1.2, "lines"), plot.title = element_text(size = 11, face = "bold"))
ggsave(file.path(out, "figure.png"), p, width = 6.5, height = 4.8, dpi = 300)

write.csv(cv[, c("curve", "time", "value")], file.path(out, "truth/curves.csv"), row.names = FALSE)
write.csv(d[, c("curve", "time", "event")], file.path(out, "truth/ipd.csv"), row.names = FALSE)
writeLines('{"kind": "survival", "x_range": [0, 48], "y_range": [0.4, 1.0], "n_curves": 4, "x_unit": "months", "style": "ggplot2 theme_bw, four coloured curves (two close), zoomed y 0.4-1.0, legend inside, + censor marks"}',
           file.path(out, "truth/meta.json"))
cat("events:", tapply(d$event, d$curve, mean), " min surv:", tapply(cv$value, cv$curve, min), "\n")
