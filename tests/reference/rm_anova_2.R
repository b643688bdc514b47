# Repeated-measures ANOVA with both degrees of freedom, uncorrected and scaled by the
# Greenhouse-Geisser and Huynh-Feldt epsilons (Huynh-Feldt capped at 1 as anova.mlm
# does for its p-value), on patients with every time point. Case "pain": four time
# points, two patients missing one; "spherical": iid noise; "capped": compound
# symmetry, Huynh-Feldt above 1 (capped).
# Run: Rscript rm_anova_2.R (writes rm_anova_2_input.csv, rm_anova_2.csv).
set.seed(20261121)
n <- 18
base <- rnorm(n, 7.5, 1.2)
pain <- data.frame(case = "pain", pre = base, m1 = base - 3.5 + rnorm(n, 0, 1), m6 = base - 4.5 + rnorm(n, 0, 1.8),
                   m12 = base - 4.8 + rnorm(n, 0, 2.5))
pain$m6[3] <- NA; pain$m12[11] <- NA
sph <- data.frame(case = "spherical", pre = rnorm(n, 5, 1), m1 = rnorm(n, 4.6, 1), m6 = rnorm(n, 4.4, 1),
                  m12 = rnorm(n, 4.5, 1))
set.seed(5)  # a draw whose Huynh-Feldt epsilon exceeds 1
b3 <- rnorm(n, 6, 1.5)
cs <- data.frame(case = "capped", pre = b3 + rnorm(n, 0, 0.6), m1 = b3 + rnorm(n, 0, 0.6),
                 m6 = b3 + rnorm(n, 0, 0.6), m12 = b3 + rnorm(n, 0, 0.6))
d <- rbind(pain, sph, cs)
d[, -1] <- round(d[, -1], 1)
write.csv(d, "rm_anova_2_input.csv", row.names = FALSE)
rows <- list()
for (case in unique(d$case)) {
  w <- as.matrix(na.omit(d[d$case == case, -1]))
  k <- ncol(w); m <- nrow(w)
  fit <- lm(w ~ 1)
  a <- anova(fit, X = ~1, test = "Spherical")
  s <- stats:::sphericity(SSD(fit), X = ~1, idata = data.frame(index = seq_len(k)))
  hf <- min(1, s$HF.eps)
  df1 <- a$`num Df`[1]; df2 <- a$`den Df`[1]
  vals <- c(F = a$F[1], df1 = df1, df2 = df2, p_uncorrected = a$`Pr(>F)`[1],
            epsilon_gg = s$GG.eps, epsilon_hf_raw = s$HF.eps, epsilon_hf = hf,
            df1_gg = df1 * s$GG.eps, df2_gg = df2 * s$GG.eps, p_gg = a$`G-G Pr`[1],
            df1_hf = df1 * hf, df2_hf = df2 * hf, p_hf = a$`H-F Pr`[1], n_used = m)
  rows[[length(rows) + 1]] <- data.frame(case = case, quantity = names(vals), value = unname(vals))
}
writeLines(sprintf("# %s", R.version.string), "rm_anova_2.csv")
suppressWarnings(write.table(do.call(rbind, rows), "rm_anova_2.csv", sep = ",", row.names = FALSE, append = TRUE))
