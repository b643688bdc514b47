# Concordance of a Cox model fitted with cluster = id: concordance(fit) groups the
# infinitesimal-jackknife influence by cluster, and equals concordance(..., cluster = id)
# on the linear predictor (checked here). Also the robust (sandwich) SEs and robust score
# test, unstratified and stratified, Efron and Breslow ties. Two vertebrae per patient.
# Run: Rscript cox_cluster_concordance.R (reads cox_strata_input.csv, writes
# cox_cluster_concordance.csv).
suppressPackageStartupMessages(library(survival))
d <- read.csv("cox_strata_input.csv")
rows <- list()
add <- function(case, quantity, value) rows[[length(rows) + 1]] <<- data.frame(case = case, quantity = quantity, value = unname(value))
forms <- list(plain = Surv(time, event) ~ x1 + x2, strata = Surv(time, event) ~ x1 + x2 + strata(stratum))
for (ties in c("efron", "breslow")) for (f in names(forms)) {
  case <- paste(f, ties, sep = "_")
  fit <- coxph(forms[[f]], data = d, ties = ties, cluster = id)
  sm <- summary(fit)
  for (v in names(coef(fit))) {
    add(case, paste0("coef[", v, "]"), coef(fit)[v])
    add(case, paste0("se[", v, "]"), sm$coefficients[v, "se(coef)"])
    add(case, paste0("robust_se[", v, "]"), sqrt(diag(vcov(fit)))[v])
  }
  add(case, "robust_score", fit$rscore)
  add(case, "wald", fit$wald.test)
  cc <- concordance(fit)
  add(case, "concordance", cc$concordance); add(case, "concordance_se", sqrt(cc$var))
  # the same with the cluster given to concordance() directly on the linear predictor
  lp <- fit$linear.predictors
  cc2 <- if (f == "plain") concordance(Surv(time, event) ~ lp, data = d, reverse = TRUE, cluster = id)
         else concordance(Surv(time, event) ~ lp + strata(stratum), data = d, reverse = TRUE, cluster = id)
  stopifnot(abs(sqrt(cc2$var) - sqrt(cc$var)) < 1e-12, abs(cc2$concordance - cc$concordance) < 1e-12)
  # without the cluster: the per-subject SE, which must differ
  fit0 <- coxph(forms[[f]], data = d, ties = ties)
  add(case, "concordance_se_unclustered", sqrt(concordance(fit0)$var))
}
out <- do.call(rbind, rows)
writeLines(sprintf("# %s; survival %s", R.version.string, packageVersion("survival")), "cox_cluster_concordance.csv")
suppressWarnings(write.table(out, "cox_cluster_concordance.csv", sep = ",", row.names = FALSE, append = TRUE))
