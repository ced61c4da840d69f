"""Every package under src/reviewdesk is listed in pyproject.toml, so the wheel (and the
app installed from it) carries it: a new package left out installs a `reviewdesk` that
cannot start."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).parents[1]


def test_every_package_ships_in_the_wheel() -> None:
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
                 ["tool"]["setuptools"]["packages"])
    source = ROOT / "src"
    found = {".".join(init.parent.relative_to(source).parts)
             for init in source.rglob("__init__.py") if "__pycache__" not in init.parts}
    assert found - listed == set()
