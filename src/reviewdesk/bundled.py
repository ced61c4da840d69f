"""Files shipped inside the package (resources/): read with importlib.resources, never by path."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

SAMPLE_BRIEF = "sample-brief.md"


def resource(*parts: str) -> Traversable:
    node = files("reviewdesk.resources")
    for part in parts:
        node = node / part
    return node


def default_codebook_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resource("codebook", "default.json").read_text("utf-8"))
    return data


@contextmanager
def sample_brief_path() -> Iterator[Path]:
    """A real file path for the bundled sample brief (extracted if the package is zipped)."""
    with as_file(resource("samples", SAMPLE_BRIEF)) as path:
        yield path
