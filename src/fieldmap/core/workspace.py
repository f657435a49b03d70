"""Where fieldmap keeps its data and settings, and opening the local store there."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

if TYPE_CHECKING:
    from fieldmap.core.store import Store

APP_NAME = "fieldmap"
DATA_DIR_VARIABLE = "FIELDMAP_DATA_DIR"
CONFIG_FILE = "config.json"


def data_dir(override: Path | None = None) -> Path:
    """`--data-dir`, else `$FIELDMAP_DATA_DIR`, else the platform's user data dir."""
    if override is not None:
        return override
    if from_env := os.environ.get(DATA_DIR_VARIABLE):
        return Path(from_env)
    return platformdirs.user_data_path(APP_NAME)


def config_dir() -> Path:
    return platformdirs.user_config_path(APP_NAME)


def config_path() -> Path:
    """The settings file (`config.ConfigFile`'s default)."""
    return config_dir() / CONFIG_FILE


def open_store(directory: Path | None) -> Store:
    """Open the store in `directory` (None: in memory); a new one gets the catalogue of
    models and integrations and the default organization's demo content."""

    def seed(store: Store) -> None:
        from fieldmap.core.catalogue import builtin_catalogue
        from fieldmap.core.demo import demo_content
        from fieldmap.core.engine import Engine
        from fieldmap.core.seed import insert_catalogue, load_demo

        insert_catalogue(Engine(store), builtin_catalogue())
        load_demo(Engine(store), demo_content())

    # Imported here: the settings and the workbench's first frame name this module only for
    # its paths.
    from fieldmap.core.store import Store

    return Store.open(directory, on_create=seed)
