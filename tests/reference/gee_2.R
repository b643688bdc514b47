# GEE full coefficient tables as geepack::geeglm reports them: every term (intercept and
# slopes) with the estimate on the link scale, naive and robust (sandwich) SE, Wald
# chi-square and p, and the working correlation (alpha) and scale, for gaussian, binomial
# and poisson families with an exchangeable working correlation; up to four vertebrae per
# patient, three etiology groups; volume_etiology takes etiology as a factor;
# leakage_converged iterates to full convergence. Run: Rscript gee_2.R (writes gee_2_input.csv, gee_2.csv).
suppressPackageStartupMessages(library(geepack))
set.seed(20261121)
n_pat <- 70
k <- sample(1:4, n_pat, replace = TRUE, prob = c(0.35, 0.3, 0.2, 0.15))
etiology <- sample(c("osteoporotic", "pathologic", "traumatic"), n_pat, replace = TRUE, prob = c(0.6, 0.25, 0.15))
age <- round(rnorm(n_pat, 72, 9))
u <- rnorm(n_pat, 0, 0.8)
d <- data.frame(patient_id = sprintf("P%03d", rep(seq_len(n_pat), k)), etiology = rep(etiology, k),
                age_years = rep(age, k), u = rep(u, k))
d$kyphoplasty <- rbinom(nrow(d), 1, 0.5)
d$pathologic <- as.integer(d$etiology == "pathologic")
d$traumatic <- as.integer(d$etiology == "traumatic")
d$cement_volume_ml <- round(4 + 1.2 * d$kyphoplasty + 0.8 * d$pathologic - 0.5 * d$traumatic +
                            0.02 * (d$age_years - 72) + d$u + rnorm(nrow(d), 0, 1), 1)
d$any_leakage <- rbinom(nrow(d), 1, plogis(-0.6 + 0.7 * d$pathologic - 0.5 * d$kyphoplasty + 0.9 * d$u))
d$leak_sites <- rpois(nrow(d), exp(-0.4 + 0.5 * d$pathologic + 0.3 * d$kyphoplasty + 0.5 * d$u))
d$u <- NULL
write.csv(d, "gee_2_input.csv", row.names = FALSE)
d$id <- as.integer(factor(d$patient_id, levels = unique(d$patient_id)))
fits <- list(
  volume = geeglm(cement_volume_ml ~ kyphoplasty + pathologic + traumatic + age_years, id = id, data = d,
                  family = gaussian, corstr = "exchangeable"),
  volume_etiology = geeglm(cement_volume_ml ~ etiology + kyphoplasty, id = id, data = d, family = gaussian,
                           corstr = "exchangeable"),
  leakage = geeglm(any_leakage ~ pathologic + kyphoplasty, id = id, data = d, family = binomial,
                   corstr = "exchangeable"),
  leakage_converged = geeglm(any_leakage ~ pathologic + kyphoplasty, id = id, data = d, family = binomial,
                             corstr = "exchangeable", control = geese.control(epsilon = 1e-12, maxit = 100)),
  leak_sites = geeglm(leak_sites ~ pathologic + kyphoplasty, id = id, data = d, family = poisson,
                      corstr = "exchangeable")
)
rows <- list()
for (name in names(fits)) {
  fit <- fits[[name]]
  s <- summary(fit)
  co <- s$coefficients
  naive <- sqrt(diag(fit$geese$vbeta.naiv))
  for (term in rownames(co)) {
    i <- match(term, rownames(co))
    vals <- c(estimate = co[i, "Estimate"], robust_std_error = co[i, "Std.err"], naive_std_error = naive[i],
              wald = co[i, "Wald"], p_value = co[i, "Pr(>|W|)"])
    if (!startsWith(name, "volume")) vals <- c(vals, exp_estimate = exp(co[i, "Estimate"]))
    rows[[length(rows) + 1]] <- data.frame(model = name, term = term, quantity = names(vals), value = unname(vals))
  }
  glance <- c(alpha = s$corr[1, "Estimate"], scale = s$dispersion[1, "Estimate"], n = nrow(d),
              clusters = length(unique(d$id)))
  rows[[length(rows) + 1]] <- data.frame(model = name, term = "", quantity = names(glance), value = unname(glance))
}
out <- do.call(rbind, rows)
writeLines(sprintf("# %s; geepack %s", R.version.string, packageVersion("geepack")), "gee_2.csv")
suppressWarnings(write.table(out, "gee_2.csv", sep = ",", row.names = FALSE, append = TRUE))
