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
STYLE_SHEET = "reviewdesk.qss"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def resource(*parts: str) -> Traversable:
    """A file or folder under reviewdesk/resources, by its path parts ('icons',
    'reviewdesk.svg')."""
    node = files("reviewdesk.resources")
    for part in parts:
        node = node / part
    return node


def default_codebook_data() -> dict[str, Any]:
    """The bundled default codebook in its JSON form (see domain.codebook.codebook_from_dict)."""
    data: dict[str, Any] = json.loads(resource("codebook", "default.json").read_text("utf-8"))
    return data


def style_sheet() -> str:
    """The app's Qt style sheet (resources/style/reviewdesk.qss)."""
    return resource("style", STYLE_SHEET).read_text("utf-8")


def icon_images() -> list[tuple[int, bytes]]:
    """The application icon as (size, PNG bytes), smallest first."""
    return [(size, resource("icons", f"reviewdesk-{size}.png").read_bytes())
            for size in ICON_SIZES]


def icon_svg() -> bytes:
    """The application icon as SVG bytes."""
    return resource("icons", "reviewdesk.svg").read_bytes()


@contextmanager
def sample_brief_path() -> Iterator[Path]:
    """A real file path for the bundled sample brief (extracted if the package is zipped)."""
    with as_file(resource("samples", SAMPLE_BRIEF)) as path:
        yield path
