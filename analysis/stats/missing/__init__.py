"""Missing data: how much is missing and where, multiple imputation by chained equations,
and Rubin's rules pooling of the analyses of the completed data sets."""
