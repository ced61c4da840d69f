"""What the About dialog and `reviewdesk about` tell: the version, the libraries ReviewDesk
runs on with their licences, and where its data and logs are kept."""

from __future__ import annotations

import platform
import re
import sys
from collections import deque
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from reviewdesk import __version__

DISTRIBUTION = "reviewdesk"

# The part of a requirement string before its version, extras or marker.
_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


@dataclass(frozen=True)
class Library:
    """A library ReviewDesk runs on, with its version and licence as its metadata gives them."""

    name: str
    version: str
    licence: str


@dataclass(frozen=True)
class AboutInfo:
    """Everything `reviewdesk about` prints and the About dialog shows; paths as strings."""

    version: str
    python: str
    platform: str
    frozen: bool
    data_folder: str
    database: str
    log_file: str
    libraries: list[Library] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The information as `reviewdesk about --json` prints it."""
        return asdict(self)


def licence_of(dist: metadata.Distribution) -> str:
    """The licence a distribution declares: its SPDX expression, else a short License
    field, else its trove classifiers; 'not stated' when it declares none."""
    meta = dist.metadata
    expression = _field(meta, "License-Expression")
    if expression:
        return expression
    text = _field(meta, "License")
    if text and "\n" not in text and len(text) <= 80 and text.upper() != "UNKNOWN":
        return text
    classifiers = [str(c).split(" :: ")[-1] for c in meta.get_all("Classifier") or []
                   if str(c).startswith("License ::")]
    if classifiers:
        return " / ".join(dict.fromkeys(classifiers))
    return "not stated"


def _field(meta: Any, name: str) -> str:
    values = meta.get_all(name) or []
    return str(values[0]).strip() if values else ""


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _required_names(dist: metadata.Distribution) -> list[str]:
    """Names of what a distribution needs to run; extras (tests, development) left out."""
    names = []
    for requirement in dist.requires or []:
        requirement_text, _, marker = requirement.partition(";")
        if "extra" in marker:
            continue
        match = _NAME.match(requirement_text)
        if match:
            names.append(match.group(1))
    return names


def bundled_libraries(root: str = DISTRIBUTION) -> list[Library]:
    """Every installed library ReviewDesk runs on, directly or through another, sorted by
    name. Only what is installed is listed (a requirement for another platform is not)."""
    try:
        start = metadata.distribution(root)
    except metadata.PackageNotFoundError:
        return []
    seen: dict[str, Library] = {}
    queue = deque(_required_names(start))
    while queue:
        name = queue.popleft()
        key = _normal(name)
        if key in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        seen[key] = Library(str(dist.metadata["Name"]), dist.version, licence_of(dist))
        queue.extend(_required_names(dist))
    return sorted(seen.values(), key=lambda library: library.name.lower())


def about_info(database: Path | str | None = None) -> AboutInfo:
    """The information for this installation; `database` defaults to $REVIEWDESK_DB or the
    per-user data folder's file (it is neither opened nor created); a string names a team
    server as the store shows it."""
    from reviewdesk.crash import log_file
    from reviewdesk.storage.location import data_folder, default_db_path

    db = database if database is not None else default_db_path(None)
    folder = data_folder() if isinstance(db, str) else db.parent
    return AboutInfo(
        version=__version__,
        python=platform.python_version(),
        platform=platform.platform(),
        frozen=bool(getattr(sys, "frozen", False)),
        data_folder=str(folder),
        database=str(db),
        log_file=str(log_file()),
        libraries=_with_python(bundled_libraries()),
    )


def _with_python(libraries: list[Library]) -> list[Library]:
    """A bundled build carries Python itself too."""
    if not getattr(sys, "frozen", False):
        return libraries
    return [Library("Python", platform.python_version(), "PSF-2.0"), *libraries]
