"""Access to the data files shipped in ``dyad/data`` (patterns, word lists, registries)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def load_yaml(name: str) -> Any:
    """Parse ``dyad/data/<name>`` once per process."""
    text = resources.files("dyad").joinpath("data", name).read_text(encoding="utf-8")
    return yaml.safe_load(text)
