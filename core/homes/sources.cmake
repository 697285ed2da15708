# Sources of core/homes.
