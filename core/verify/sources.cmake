# Sources of core/verify.
