# Stratified Cox models, coxph(Surv(time, event) ~ x1 + x2 + strata(stratum)), with Efron
# and Breslow ties on data with heavy ties (monthly times) and three strata: coefficients,
# model-based SEs, log partial likelihoods, the likelihood-ratio, Wald and score tests,
# Harrell's concordance within strata with its SE (concordance()), and cox.zph.
# Run: Rscript cox_strata.R (reads cox_strata_input.csv, writes cox_strata.csv).
suppressPackageStartupMessages(library(survival))
d <- read.csv("cox_strata_input.csv")
rows <- list()
add <- function(case, quantity, value) rows[[length(rows) + 1]] <<- data.frame(case = case, quantity = quantity, value = unname(value))
for (ties in c("efron", "breslow")) {
  fit <- coxph(Surv(time, event) ~ x1 + x2 + strata(stratum), data = d, ties = ties)
  sm <- summary(fit)
  for (v in names(coef(fit))) {
    add(ties, paste0("coef[", v, "]"), coef(fit)[v])
    add(ties, paste0("se[", v, "]"), sqrt(diag(vcov(fit)))[v])
    add(ties, paste0("p[", v, "]"), sm$coefficients[v, "Pr(>|z|)"])
  }
  add(ties, "loglik", fit$loglik[2]); add(ties, "loglik_null", fit$loglik[1])
  add(ties, "lr", sm$logtest["test"]); add(ties, "lr_p", sm$logtest["pvalue"])
  add(ties, "wald", fit$wald.test); add(ties, "wald_p", pchisq(fit$wald.test, 2, lower.tail = FALSE))
  add(ties, "score", sm$sctest["test"]); add(ties, "score_p", sm$sctest["pvalue"])
  cc <- concordance(fit)
  add(ties, "concordance", cc$concordance); add(ties, "concordance_se", sqrt(cc$var))
  z <- cox.zph(fit)$table
  for (v in rownames(z)) add(ties, paste0("zph[", v, "]"), z[v, "chisq"])
  add(ties, "n_events", fit$nevent)
}
# Near ties: near_ties_input.csv holds the same subjects with times in months carrying
# floating-point noise (1.0, 1.0000000001, 0.9999999999; relative shifts up to 2e-9).
# coxph, survfit, survdiff and concordance merge times equal within the timefix tolerance
# (survival::aeqSurv: gaps <= sqrt(.Machine$double.eps), absolutely or relative to the
# mean distinct time; a merged group takes its smallest time).
n <- read.csv("near_ties_input.csv")
stopifnot(length(unique(n$time)) > length(unique(aeqSurv(Surv(n$time, n$event))[, 1])))
for (ties in c("efron", "breslow")) {
  case <- paste0("near_ties_", ties)
  fit <- coxph(Surv(time, event) ~ x1 + x2 + strata(stratum), data = n, ties = ties)
  sm <- summary(fit)
  for (v in names(coef(fit))) {
    add(case, paste0("coef[", v, "]"), coef(fit)[v])
    add(case, paste0("se[", v, "]"), sqrt(diag(vcov(fit)))[v])
  }
  add(case, "loglik", fit$loglik[2]); add(case, "lr", sm$logtest["test"])
  add(case, "score", sm$sctest["test"]); add(case, "wald", fit$wald.test)
  cc <- concordance(fit)
  add(case, "concordance", cc$concordance); add(case, "concordance_se", sqrt(cc$var))
  fit <- coxph(Surv(time, event) ~ x1 + x2, data = n, ties = ties, cluster = id)
  for (v in names(coef(fit))) {
    add(case, paste0("cluster_coef[", v, "]"), coef(fit)[v])
    add(case, paste0("cluster_robust_se[", v, "]"), sqrt(diag(vcov(fit)))[v])
  }
  add(case, "cluster_concordance_se", sqrt(concordance(fit)$var))
}
km <- survfit(Surv(time, event) ~ stratum, data = n, conf.type = "log-log")
s <- summary(km, censored = TRUE)
for (g in levels(s$strata)) {
  at <- which(s$strata == g); lev <- sub("stratum=", "", g)
  for (k in seq_along(at)) {
    i <- at[k]; case <- paste0("near_ties_km_", lev)
    add(case, paste0("time[", k, "]"), s$time[i]); add(case, paste0("n_risk[", k, "]"), s$n.risk[i])
    add(case, paste0("n_event[", k, "]"), s$n.event[i]); add(case, paste0("surv[", k, "]"), s$surv[i])
    add(case, paste0("std_err[", k, "]"), s$std.err[i]); add(case, paste0("lower[", k, "]"), s$lower[i])
    add(case, paste0("upper[", k, "]"), s$upper[i])
  }
}
lr <- survdiff(Surv(time, event) ~ stratum, data = n)
add("near_ties_logrank", "chisq", lr$chisq)
lr <- survdiff(Surv(time, event) ~ x2 + strata(stratum), data = n)
add("near_ties_logrank", "stratified_chisq", lr$chisq)
out <- do.call(rbind, rows)
writeLines(sprintf("# %s; survival %s", R.version.string, packageVersion("survival")), "cox_strata.csv")
suppressWarnings(write.table(out, "cox_strata.csv", sep = ",", row.names = FALSE, append = TRUE))
