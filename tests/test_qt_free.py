"""The core (domain, storage, importers, services, export, CLI) never imports PySide6."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import reviewdesk

BLOCKER = r"""
import importlib, importlib.abc, sys

class NoQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith(("PySide6.", "shiboken6")):
            raise ImportError(f"the core imported {name}")
        return None

sys.meta_path.insert(0, NoQt())
for name in sys.argv[1:]:
    importlib.import_module(name)
print(len(sys.argv) - 1)
"""


def core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(reviewdesk.__path__, prefix="reviewdesk."):
        if info.name.startswith("reviewdesk.ui") or info.name.endswith(".migrations.env"):
            continue
        if info.name == "reviewdesk.__main__":
            continue
        names.append(info.name)
    return names


def test_core_imports_without_pyside6() -> None:
    names = core_modules()
    for package in ("domain", "storage", "importers", "services", "export"):
        assert any(name.startswith(f"reviewdesk.{package}.") for name in names), package
    assert "reviewdesk.cli" in names
    result = subprocess.run([sys.executable, "-c", BLOCKER, *names], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(len(names))


def test_the_blocker_does_block() -> None:
    result = subprocess.run([sys.executable, "-c", BLOCKER, "reviewdesk.ui.main_window"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0 and "imported PySide6" in result.stderr
