# Edge cases R handles: cumulative incidence of a cause a group never has, times past a
# group's follow-up, and Kaplan-Meier after the curve reached 0.
# Run: Rscript edges.R  (writes edges.csv next to this script)
suppressPackageStartupMessages({library(survival); library(cmprsk)})
time  <- c(5, 10, 12, 20, 30, 45, 60, 80, 100, 120,   3, 8, 15, 22, 40, 60)
cause <- c(1, 2, 0, 1, 3, 2, 0, 1, 0, 2,              1, 0, 3, 1, 0, 0)
group <- c(rep("A", 10), rep("B", 6))
at <- c(10, 50, 70, 110)
tp <- timepoints(cuminc(time, cause, group, cencode = 0), at)
rows <- list()
for (r in rownames(tp$est)) {
  parts <- strsplit(r, " ")[[1]]
  rows[[length(rows) + 1]] <- data.frame(check = "cuminc", group = parts[1], cause = parts[2],
    time = at, estimate = as.numeric(tp$est[r, ]), variance = as.numeric(tp$var[r, ]))
}
t2 <- c(2, 4, 4, 7, 9); e2 <- c(1, 0, 1, 1, 1)
s <- summary(survfit(Surv(t2, e2) ~ 1, conf.type = "log-log"), times = c(3, 8, 9, 20), extend = TRUE)
rows[[length(rows) + 1]] <- data.frame(check = "km_to_zero", group = "all", cause = NA,
  time = s$time, estimate = s$surv, variance = s$std.err^2)
out <- do.call(rbind, rows)
header <- sprintf("# %s; survival %s; cmprsk %s", R.version.string,
                  packageVersion("survival"), packageVersion("cmprsk"))
writeLines(header, "edges.csv")
suppressWarnings(write.table(out, "edges.csv", sep = ",", row.names = FALSE, append = TRUE, na = "NA"))
