# Standard errors of the restricted mean survival time (RMST) up to tau: per group, for
# the difference of two groups and for the log of their ratio, as survRM2::rmst2 forms
# them. survRM2 is not installed here; its per-arm variance (rmst1) is the Greenwood-type
# sum written out below,
#   var = sum over event times t_i <= tau of A_i^2 d_i / (n_i (n_i - d_i)),
# A_i the area under the Kaplan-Meier curve from t_i to tau, a term 0 when n_i = d_i,
# which is the formula of survival's print.survfit(rmean = tau) (survmean): the script
# stops unless both agree. The difference's SE is sqrt(se1^2 + se0^2); the ratio's, on
# the log scale, sqrt(se1^2 / rmst1^2 + se0^2 / rmst0^2) (rmst2's unadjusted result).
# Run: Rscript rmst_se.R (reads cox_strata_input.csv and near_ties_input.csv, writes
# rmst_se.csv).
suppressPackageStartupMessages(library(survival))
rmst1 <- function(time, status, tau) {  # survRM2's rmst1, point estimate and se
  ft <- survfit(Surv(time, status) ~ 1)
  idx <- ft$time <= tau
  wk.time <- sort(c(ft$time[idx], tau))
  wk.surv <- ft$surv[idx]; wk.n.risk <- ft$n.risk[idx]; wk.n.event <- ft$n.event[idx]
  areas <- diff(c(0, wk.time)) * c(1, wk.surv)
  wk.var <- ifelse((wk.n.risk - wk.n.event) == 0, 0, wk.n.event / (wk.n.risk * (wk.n.risk - wk.n.event)))
  wk.var <- c(wk.var, 0)
  c(rmst = sum(areas), se = sqrt(sum(cumsum(rev(areas[-1]))^2 * rev(wk.var)[-1])))
}
rows <- list()
add <- function(case, quantity, value) rows[[length(rows) + 1]] <<- data.frame(case = case, quantity = quantity, value = unname(value))
compare <- function(case, d, tau, arms) {
  tab <- summary(survfit(Surv(time, event) ~ group, data = d), rmean = tau)$table
  rownames(tab) <- sub("group=", "", rownames(tab))
  est <- c(); se <- c()
  for (g in rownames(tab)) {
    ours <- rmst1(d$time[d$group == g], d$event[d$group == g], tau)
    # (relative 1e-8: with near-tied times, a group fitted alone merges them to its own
    # smallest time, the groups fitted together to the smallest over both)
    stopifnot(abs(ours["rmst"] / tab[g, "rmean"] - 1) < 1e-8, abs(ours["se"] / tab[g, "se(rmean)"] - 1) < 1e-8 || ours["se"] == tab[g, "se(rmean)"])
    est[g] <- tab[g, "rmean"]; se[g] <- tab[g, "se(rmean)"]
    add(case, paste0("rmst[", g, "]"), est[g]); add(case, paste0("se[", g, "]"), se[g])
  }
  if (!is.null(arms)) {
    a0 <- arms[1]; a1 <- arms[2]
    add(case, "difference", est[a1] - est[a0])
    add(case, "difference_se", sqrt(se[a1]^2 + se[a0]^2))
    add(case, "ratio", est[a1] / est[a0])
    add(case, "log_ratio_se", sqrt(se[a1]^2 / est[a1]^2 + se[a0]^2 / est[a0]^2))
  }
}
d <- read.csv("cox_strata_input.csv"); d$group <- d$stratum
for (tau in c(300, 600)) compare(paste0("strata_ab_", tau), d[d$group %in% c("a", "b"), ], tau, c("a", "b"))
compare("strata_abc_450", d, 450, NULL)
# near-tied times in months (survfit merges them, as timefix)
n <- read.csv("near_ties_input.csv"); n$group <- n$stratum
compare("near_ties_ab_15", n[n$group %in% c("a", "b"), ], 15, c("a", "b"))
# edges: no event up to tau (se 0) and the last subject at risk dying at tau (n = d)
e <- data.frame(time = c(10, 50, 120, 200, 260, 300, 20, 40, 60, 100),
                event = c(0, 0, 0, 0, 1, 0, 1, 0, 1, 1),
                group = rep(c("flat", "all_die"), c(6, 4)))
compare("edge_100", e, 100, c("flat", "all_die"))
out <- do.call(rbind, rows)
writeLines(sprintf("# %s; survival %s", R.version.string, packageVersion("survival")), "rmst_se.csv")
suppressWarnings(write.table(out, "rmst_se.csv", sep = ",", row.names = FALSE, append = TRUE))
