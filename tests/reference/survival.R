# Reference values for analysis.stats.survival, competing and cox.
# Run from this directory: Rscript survival.R  -> writes survival.csv and survival_curves.csv
# Input survival_input.csv: time in days (weekly, so ties), status 0 censored,
# 1 adjacent fracture, 2 remote fracture, 3 death; group; covariates; patient = cluster.
suppressPackageStartupMessages({library(survival); library(cmprsk)})
d <- read.csv("survival_input.csv")
d$fx <- as.integer(d$status %in% c(1, 2))
out <- data.frame(topic = character(), case = character(), quantity = character(),
                  value = numeric(), stringsAsFactors = FALSE)
put <- function(topic, case, quantity, value) {
  if (length(value) == 0) return(invisible())
  out[nrow(out) + 1, ] <<- list(topic, case, quantity, as.numeric(value))
}
curves <- NULL
for (ct in c("log-log", "log", "plain")) {
  f <- survfit(Surv(time, fx) ~ group, data = d, conf.type = ct)
  s <- summary(f, censored = TRUE)
  curves <- rbind(curves, data.frame(conf_type = ct, group = sub("group=", "", as.character(s$strata)),
    time = s$time, n_risk = s$n.risk, n_event = s$n.event, n_censor = s$n.censor,
    survival = s$surv, std_err = s$std.err, ci_low = s$lower, ci_high = s$upper))
  q <- quantile(f, probs = 0.5)
  for (g in seq_along(f$strata)) {
    nm <- sub("group=", "", names(f$strata)[g])
    put(paste0("median_", ct), nm, "median", q$quantile[g])
    put(paste0("median_", ct), nm, "ci_low", q$lower[g])
    put(paste0("median_", ct), nm, "ci_high", q$upper[g])
  }
}
# estimates at chosen days, pooled curve
f <- survfit(Surv(time, fx) ~ 1, data = d, conf.type = "log-log")
s <- summary(f, times = c(30, 90, 180, 365, 730))
for (i in seq_along(s$time)) {
  cs <- as.character(s$time[i])
  put("at_times", cs, "n_risk", s$n.risk[i]); put("at_times", cs, "n_event", s$n.event[i])
  put("at_times", cs, "n_censor", s$n.censor[i]); put("at_times", cs, "survival", s$surv[i])
  put("at_times", cs, "ci_low", s$lower[i]); put("at_times", cs, "ci_high", s$upper[i])
}
q <- quantile(f, probs = 0.5)
put("median_pooled", "all", "median", q$quantile); put("median_pooled", "all", "ci_low", q$lower)
put("median_pooled", "all", "ci_high", q$upper)
for (rho in c(0, 1)) {
  sd <- survdiff(Surv(time, fx) ~ group, data = d, rho = rho)
  put("survdiff", paste0("rho", rho), "statistic", sd$chisq)
  put("survdiff", paste0("rho", rho), "p_value", pchisq(sd$chisq, length(sd$n) - 1, lower.tail = FALSE))
  for (g in seq_along(sd$n)) {
    put("survdiff", paste0("rho", rho), paste0("observed_", g), sd$obs[g])
    put("survdiff", paste0("rho", rho), paste0("expected_", g), sd$exp[g])
  }
}
two <- d[d$group != "traumatic", ]
sd <- survdiff(Surv(time, fx) ~ group, data = two)
put("survdiff", "two_groups", "statistic", sd$chisq)

# Competing risks: cumulative incidence by cause and group, Gray's test.
cause <- c("0" = 0, "1" = 1, "2" = 2, "3" = 3)[as.character(d$status)]
ci <- cuminc(d$time, cause, d$group, cencode = 0)
tp <- timepoints(ci, times = c(30, 90, 180, 365, 730))
for (nm in rownames(tp$est)) for (j in seq_along(colnames(tp$est))) {
  put("cuminc_est", nm, colnames(tp$est)[j], tp$est[nm, j])
  put("cuminc_var", nm, colnames(tp$var)[j], tp$var[nm, j])
}
for (k in seq_len(nrow(ci$Tests))) {
  put("gray", rownames(ci$Tests)[k], "statistic", ci$Tests[k, "stat"])
  put("gray", rownames(ci$Tests)[k], "p_value", ci$Tests[k, "pv"])
  put("gray", rownames(ci$Tests)[k], "df", ci$Tests[k, "df"])
}
ci1 <- cuminc(d$time, cause, cencode = 0)
for (nm in names(ci1)) {
  if (nm == "Tests") next
  x <- ci1[[nm]]
  for (i in seq_along(x$time)) put(paste0("cuminc_curve_", nm), as.character(i), "time", x$time[i])
  for (i in seq_along(x$time)) put(paste0("cuminc_curve_", nm), as.character(i), "est", x$est[i])
  for (i in seq_along(x$time)) put(paste0("cuminc_curve_", nm), as.character(i), "var", x$var[i])
}

# Fine-Gray regression for adjacent/remote fracture (cause 1 + 2 pooled = 1), death competing.
fg_cause <- ifelse(d$status %in% c(1, 2), 1, ifelse(d$status == 3, 2, 0))
X <- cbind(age = d$age, bmd = d$bmd, steroid = d$steroid)
fg <- crr(d$time, fg_cause, X, failcode = 1, cencode = 0)
for (j in seq_along(fg$coef)) {
  nm <- colnames(X)[j]
  put("crr", nm, "coef", fg$coef[j]); put("crr", nm, "se", sqrt(fg$var[j, j]))
  put("crr", nm, "p_value", 2 * pnorm(-abs(fg$coef[j] / sqrt(fg$var[j, j]))))
}
put("crr", "fit", "loglik", fg$loglik)

# Cox proportional hazards, Efron ties; cluster-robust; Schoenfeld test; concordance.
cx <- coxph(Surv(time, fx) ~ age + bmd + steroid + volume, data = d, ties = "efron")
sm <- summary(cx)
for (nm in names(coef(cx))) {
  put("coxph", nm, "coef", coef(cx)[nm]); put("coxph", nm, "se", sm$coefficients[nm, "se(coef)"])
  put("coxph", nm, "p_value", sm$coefficients[nm, "Pr(>|z|)"])
  put("coxph", nm, "hr_low", sm$conf.int[nm, "lower .95"]); put("coxph", nm, "hr_high", sm$conf.int[nm, "upper .95"])
}
put("coxph", "fit", "loglik", cx$loglik[2]); put("coxph", "fit", "concordance", cx$concordance["concordance"])
put("coxph", "fit", "concordance_se", sqrt(cx$concordance["var"]))
put("coxph", "fit", "score_test", sm$sctest["test"]); put("coxph", "fit", "lr_test", sm$logtest["test"])
zp <- cox.zph(cx, transform = "km")
for (nm in rownames(zp$table)) {
  put("cox_zph", nm, "statistic", zp$table[nm, "chisq"]); put("cox_zph", nm, "p_value", zp$table[nm, "p"])
}
cr <- coxph(Surv(time, fx) ~ age + bmd + steroid + volume, data = d, ties = "efron", cluster = patient)
for (nm in names(coef(cr))) put("coxph_cluster", nm, "robust_se", sqrt(diag(cr$var))[which(names(coef(cr)) == nm)])
cb <- coxph(Surv(time, fx) ~ age + bmd + steroid + volume, data = d, ties = "breslow")
for (nm in names(coef(cb))) put("coxph_breslow", nm, "coef", coef(cb)[nm])

con <- file("survival.csv", "w")
writeLines(sprintf("# %s; survival %s; cmprsk %s; written by survival.R", R.version.string,
                   packageVersion("survival"), packageVersion("cmprsk")), con)
write.csv(out, con, row.names = FALSE)
close(con)
con <- file("survival_curves.csv", "w")
writeLines(sprintf("# %s; survival %s; written by survival.R", R.version.string, packageVersion("survival")), con)
write.csv(curves, con, row.names = FALSE)
close(con)
