"""The site configuration: one frozen `Config`, read from `blogforge.toml`, passed down explicitly.

`model` declares every option once (`FIELDS`) and the `Config` value; `validate` checks a parsed
file and reports every unknown key and wrong value at once, each with its line; `load` reads
the file over what an Astro project's code says (`astro/`). This module is the package's
interface: the rest of blogforge imports from here.
"""

from blogforge.config.load import (
    ConfigError,
    config_values,
    detected_defaults,
    load_config,
    setting_place,
)
from blogforge.config.model import (
    CONFIG_FILE,
    CollectionConfig,
    Config,
    config_field_names,
    normalise_base,
)

__all__ = [
    "CONFIG_FILE",
    "CollectionConfig",
    "Config",
    "ConfigError",
    "config_field_names",
    "config_values",
    "detected_defaults",
    "load_config",
    "normalise_base",
    "setting_place",
]
