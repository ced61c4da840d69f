"""What `reviewdesk about` and the About dialog list: every library the app runs on, with
the licence each declares."""

from __future__ import annotations

import re
import tomllib
from email.message import Message
from pathlib import Path
from typing import Any

from reviewdesk.about import about_info, bundled_libraries, licence_of

ROOT = Path(__file__).resolve().parents[2]


class FakeDistribution:
    def __init__(self, **fields: Any) -> None:
        self.metadata = Message()
        for name, value in fields.items():
            for item in value if isinstance(value, list) else [value]:
                self.metadata[name.replace("_", "-")] = item


def licence(**fields: Any) -> str:
    return licence_of(FakeDistribution(**fields))  # type: ignore[arg-type]


def test_the_licence_comes_from_the_expression_then_the_field_then_classifiers() -> None:
    assert licence(License_Expression="MIT", License="BSD") == "MIT"
    assert licence(License="BSD-3-Clause") == "BSD-3-Clause"
    long_text = "Copyright (c) someone\nPermission is hereby granted..."
    classifiers = ["Programming Language :: Python", "License :: OSI Approved :: MIT License"]
    assert licence(License=long_text, Classifier=classifiers) == "MIT License"
    assert licence(License="UNKNOWN") == "not stated"


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_runtime_dependency_is_listed_and_no_test_tool_is() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    declared = {_normal(re.split(r"[<>=!~;\[ ]", spec, maxsplit=1)[0])
                for spec in project["dependencies"]}
    listed = {_normal(library.name): library for library in bundled_libraries()}
    assert declared <= set(listed), declared - set(listed)
    # Libraries they pull in are listed too; the test and development extras are not.
    assert {"mako", "markupsafe", "pydantic", "shiboken6"} <= set(listed)
    assert not {"pytest", "hypothesis", "mypy", "ruff"} & set(listed)
    assert "LGPL-3.0" in listed["pyside6"].licence
    assert all(library.version and library.licence for library in listed.values())


def test_about_names_the_database_and_the_log(tmp_path: Path) -> None:
    info = about_info(tmp_path / "review.sqlite3")
    assert info.database == str(tmp_path / "review.sqlite3")
    assert info.data_folder == str(tmp_path)
    assert info.log_file.endswith("reviewdesk.log")
    assert not info.frozen
    assert set(info.to_dict()) >= {"version", "libraries", "log_file", "data_folder"}
