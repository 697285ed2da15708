# I/O sources (reading config.toml, atomic apply, backups, restore, text diff).
