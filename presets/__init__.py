"""Data-only package: the bundled presets (TOML files), read only by calc.presets."""
