# Cox model with Breslow ties, and one clustered fit's naive and robust standard errors and
# its robust score test (fit$rscore).
# Run: Rscript cox_breslow.R (reads survival_input.csv, writes cox_breslow.csv).
suppressPackageStartupMessages(library(survival))
d <- read.csv("survival_input.csv")
d$fx <- as.integer(d$status %in% c(1, 2))
b <- coxph(Surv(time, fx) ~ age + bmd + steroid + volume, data = d, ties = "breslow")
cl <- coxph(Surv(time, fx) ~ age + bmd + steroid + volume, data = d, ties = "efron", cluster = patient)
out <- rbind(
  data.frame(fit = "breslow", term = names(coef(b)), coef = unname(coef(b)), se = unname(sqrt(diag(vcov(b))))),
  data.frame(fit = "cluster_naive", term = names(coef(cl)), coef = unname(coef(cl)), se = unname(sqrt(diag(cl$naive.var)))),
  data.frame(fit = "cluster_robust", term = names(coef(cl)), coef = unname(coef(cl)), se = unname(sqrt(diag(vcov(cl))))),
  data.frame(fit = "robust_score_test", term = "", coef = unname(cl$rscore), se = NA)
)
writeLines(sprintf("# %s; survival %s", R.version.string, packageVersion("survival")), "cox_breslow.csv")
suppressWarnings(write.table(out, "cox_breslow.csv", sep = ",", row.names = FALSE, append = TRUE))
