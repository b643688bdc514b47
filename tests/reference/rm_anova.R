# Repeated-measures ANOVA of pain over time with the sphericity corrections
# (Greenhouse-Geisser, Huynh-Feldt) from base R's anova.mlm, and Holm-adjusted pairwise
# paired t-tests (pairwise.t.test). Run: Rscript rm_anova.R (writes rm_anova.csv).
set.seed(20261121)
n <- 24
base <- rnorm(n, 8, 1)
w <- cbind(pre = base, m1 = base - 4 + rnorm(n, 0, 1.2), m3 = base - 5 + rnorm(n, 0, 1.6),
           m12 = base - 5.3 + rnorm(n, 0, 2.2))
w <- round(w, 1)
write.csv(w, "rm_anova_input.csv", row.names = FALSE)
fit <- lm(w ~ 1)
a <- anova(fit, X = ~1, test = "Spherical")
idata <- data.frame(time = factor(colnames(w)))
long <- data.frame(id = factor(rep(seq_len(n), 4)), time = factor(rep(colnames(w), each = n), levels = colnames(w)),
                   value = c(w))
av <- summary(aov(value ~ time + Error(id / time), data = long))
f <- av[["Error: id:time"]][[1]]
out <- data.frame(quantity = c("F", "df1", "df2", "p_uncorrected", "p_gg", "p_hf"),
                  value = c(f$`F value`[1], f$Df[1], f$Df[2], f$`Pr(>F)`[1], a$`G-G Pr`[1], a$`H-F Pr`[1]))
pw <- pairwise.t.test(long$value, long$time, paired = TRUE, p.adjust.method = "holm")
pv <- as.data.frame(as.table(pw$p.value))
pv <- pv[!is.na(pv$Freq), ]
out2 <- data.frame(quantity = paste0("holm[", pv$Var2, " vs ", pv$Var1, "]"), value = pv$Freq)
writeLines(sprintf("# %s", R.version.string), "rm_anova.csv")
suppressWarnings(write.table(rbind(out, out2), "rm_anova.csv", sep = ",", row.names = FALSE, append = TRUE))
