"""The Linux desktop integration in packaging/linux: a valid desktop entry and AppStream
metainfo, and an installer that registers ReviewDesk as the opener of .rdbundle files."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
APP_ID = "org.reviewdesk.ReviewDesk"
BUNDLE_TYPE = "application/x-reviewdesk-bundle"


def desktop_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_desktop_entry_opens_bundles_with_the_app() -> None:
    entry = desktop_entry(LINUX / f"{APP_ID}.desktop")
    assert entry["Exec"] == "reviewdesk gui %F"
    assert BUNDLE_TYPE in entry["MimeType"].split(";")
    assert entry["Icon"] == APP_ID
    mime = ElementTree.parse(LINUX / f"{APP_ID}.mime.xml").getroot()
    namespace = "{http://www.freedesktop.org/standards/shared-mime-info}"
    [kind] = mime.findall(f"{namespace}mime-type")
    assert kind.get("type") == BUNDLE_TYPE
    assert kind.find(f"{namespace}glob").get("pattern") == "*.rdbundle"  # type: ignore[union-attr]
    info = ElementTree.parse(LINUX / f"{APP_ID}.metainfo.xml").getroot()
    assert info.findtext("id") == APP_ID
    assert info.findtext("launchable") == f"{APP_ID}.desktop"
    # The app tells Wayland and X11 the same name, so the desktop finds entry and icon.
    assert f'setDesktopFileName("{APP_ID}")' in (
        ROOT / "src" / "reviewdesk" / "ui" / "app.py").read_text("utf-8")


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate (Debian: desktop-file-utils) is not installed")
def test_desktop_file_validate_accepts_the_entry() -> None:
    result = subprocess.run(["desktop-file-validate", str(LINUX / f"{APP_ID}.desktop")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


@pytest.mark.skipif(shutil.which("appstreamcli") is None,
                    reason="appstreamcli (Debian: appstream) is not installed")
def test_appstream_accepts_the_metainfo() -> None:
    result = subprocess.run(["appstreamcli", "validate", "--no-net",
                             str(LINUX / f"{APP_ID}.metainfo.xml")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_installer_registers_the_entry_icons_and_file_type(tmp_path: Path) -> None:
    program = tmp_path / "my apps" / "reviewdesk"
    program.parent.mkdir()
    program.write_text("#!/bin/sh\n", encoding="utf-8")
    program.chmod(0o755)
    data = tmp_path / "data"
    env = {**os.environ, "XDG_DATA_HOME": str(data)}
    result = subprocess.run(["bash", str(LINUX / "install-desktop-entry.sh"), str(program)],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    entry = desktop_entry(data / "applications" / f"{APP_ID}.desktop")
    assert entry["Exec"] == f'"{program}" gui %F'
    assert entry["TryExec"] == str(program)
    assert (data / "icons/hicolor/scalable/apps" / f"{APP_ID}.svg").is_file()
    assert (data / "icons/hicolor/48x48/apps" / f"{APP_ID}.png").is_file()
    assert (data / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    if shutil.which("update-mime-database"):
        globs = (data / "mime" / "globs2").read_text("utf-8")
        assert f"{BUNDLE_TYPE}:*.rdbundle" in globs
    if shutil.which("update-desktop-database"):
        cache = (data / "applications" / "mimeinfo.cache").read_text("utf-8")
        assert f"{BUNDLE_TYPE}={APP_ID}.desktop;" in cache
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate",
                                str(data / "applications" / f"{APP_ID}.desktop")],
                               capture_output=True, text=True, timeout=60)
        assert check.returncode == 0 and not check.stdout.strip(), check.stdout

    removed = subprocess.run(["bash", str(LINUX / "install-desktop-entry.sh"), "--uninstall"],
                             capture_output=True, text=True, env=env, timeout=120)
    assert removed.returncode == 0, removed.stderr
    assert not (data / "applications" / f"{APP_ID}.desktop").exists()
    assert not (data / "icons/hicolor/48x48/apps" / f"{APP_ID}.png").exists()


def test_the_installer_refuses_a_program_that_is_not_there(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")}
    result = subprocess.run(["bash", str(LINUX / "install-desktop-entry.sh"),
                             str(tmp_path / "nowhere")],
                            capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 1
    assert result.stderr.strip().endswith("is not a program that can be run")
    assert not (tmp_path / "data").exists()
