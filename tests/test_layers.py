"""The import contracts of pyproject.toml hold for the package, and they catch a module
that imports upwards."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import reviewdesk

ROOT = Path(__file__).parents[1]
PACKAGE = Path(reviewdesk.__file__).parent


def _lint(source_root: Path) -> subprocess.CompletedProcess[str]:
    """lint-imports with the project's contracts over the package found in `source_root`."""
    return subprocess.run(
        [sys.executable, "-c", "from importlinter.cli import lint_imports_command; "
         "lint_imports_command()", str(ROOT / "pyproject.toml"), "--no-cache"],
        capture_output=True, text=True, timeout=300, cwd=source_root,
        env={"PYTHONPATH": str(source_root), "PATH": ""})


@pytest.fixture(scope="module")
def importlinter() -> None:
    pytest.importorskip("importlinter")


@pytest.mark.usefixtures("importlinter")
def test_the_layers_hold() -> None:
    outcome = _lint(PACKAGE.parent)
    assert outcome.returncode == 0, outcome.stdout + outcome.stderr
    assert "BROKEN" not in outcome.stdout and "Warning" not in outcome.stderr


@pytest.mark.usefixtures("importlinter")
@pytest.mark.parametrize(("module", "line", "contract"), [
    ("domain/upward.py", "import reviewdesk.services.briefs\n", "Layers point one way"),
    ("export/upward.py", "def draw() -> None:\n    import reviewdesk.ui.charts\n",
     "Layers point one way"),
    ("services/upward.py", "from PySide6 import QtCore\n", "Qt only in the ui package"),
    ("ui/upward.py", "import sqlalchemy\n", "Only storage speaks SQL"),
])
def test_a_module_that_imports_upwards_breaks_them(module: str, line: str, contract: str,
                                                   tmp_path: Path) -> None:
    copy = tmp_path / "reviewdesk"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / module).write_text(line, encoding="utf-8")
    outcome = _lint(tmp_path)
    assert outcome.returncode != 0
    assert f"{contract} BROKEN" in outcome.stdout
