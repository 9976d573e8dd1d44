"""Comparing the views: agreement between them, text reuse, the codebook and covariates."""
