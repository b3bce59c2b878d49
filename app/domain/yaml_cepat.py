"""YAML reading for content and rule files: libyaml's C parser when PyYAML has it.

Start-up reads every content file; the pure-Python parser made that most of ``create_app``'s
time. Both loaders are *safe* loaders (no Python objects from YAML) and build the same values.
"""

from __future__ import annotations

from typing import Any

import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def baca_yaml(teks: str) -> Any:
    """Parse one YAML document safely."""
    return yaml.load(teks, Loader=Loader)  # noqa: S506 - a safe loader, C or Python
