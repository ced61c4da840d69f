"""Starting the desktop app in named stages: paths, store, QApplication, window, events."""

from __future__ import annotations

import gc
import logging
import os
import sys
from ctypes.util import find_library
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from reviewdesk import __version__
from reviewdesk.crash import log_file, log_folder
from reviewdesk.errors import InputError, ReviewDeskError
from reviewdesk.files import write_file
from reviewdesk.services.reviewers import has_configured_reviewer
from reviewdesk.storage.store import Store, store_location
from reviewdesk.ui.app_icon import app_icon
from reviewdesk.ui.crash_dialog import install_excepthook
from reviewdesk.ui.first_run import ask_reviewer
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.palette import apply_theme
from reviewdesk.ui.settings import Settings
from reviewdesk.ui.shortcuts_dialog import markdown

log = logging.getLogger(__name__)


def _configure_logging() -> Path | None:
    try:
        folder = log_folder()
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    path = log_file()
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    logging.getLogger().setLevel(logging.INFO)
    return path


def _application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    app.setApplicationName("ReviewDesk")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("ReviewDesk")
    app.setDesktopFileName("org.reviewdesk.ReviewDesk")  # packaging/linux/*.desktop
    app.setWindowIcon(app_icon())
    return app


def screen_problem() -> str | None:
    """Why a window cannot be shown here, in one sentence, or None if it can."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if os.environ.get("WAYLAND_DISPLAY"):
        return None
    if not os.environ.get("DISPLAY"):
        return ("there is no screen to open the window on (DISPLAY is not set); run it on a "
                "desktop, or set QT_QPA_PLATFORM=offscreen to use --screenshot")
    missing = [package for library, package in _XCB_LIBRARIES if not find_library(library)]
    if missing:
        # Without these Qt aborts with a message that names only one of them.
        return ("Qt needs system libraries that are missing here; on Debian or Ubuntu "
                f"install them with: sudo apt install {' '.join(missing)}")
    return None


# Libraries Qt's X11 platform plugin loads that desktop installs sometimes lack.
_XCB_LIBRARIES = (("xcb-cursor", "libxcb-cursor0"), ("xcb-icccm", "libxcb-icccm4"),
                  ("xcb-keysyms", "libxcb-keysyms1"), ("xkbcommon-x11", "libxkbcommon-x11-0"))


def run_app(db: str | None = None, open_sample: bool = False,
            screenshot: Path | None = None, open_brief: str | None = None,
            open_files: list[Path] | None = None, list_shortcuts: bool = False) -> int:
    """Start the app. With `screenshot`, nothing waits for a person: errors are raised
    (the command line prints them) instead of shown, and no first-run question is asked."""
    problem = screen_problem()
    if problem:
        raise ReviewDeskError(problem)
    # What the imports made (modules, classes, SQLAlchemy's tables) lives as long as the
    # app: kept out of the cycle collector's sight, so that a full collection while a long
    # brief loads walks only the brief (one such walk cost 60 ms with 10,000 annotations).
    gc.freeze()
    log_path = _configure_logging()
    path = store_location(db)
    app = _application()
    install_excepthook(log_path)
    interactive = screenshot is None and not list_shortcuts
    settings = Settings()
    apply_theme(app, settings.theme)
    try:
        store = Store(path)
    except ReviewDeskError as error:
        if not interactive:
            raise
        QMessageBox.critical(None, "ReviewDesk cannot open its database", f"{error}.")
        return 1
    log.info("ReviewDesk %s started with database %s", __version__, store.location)
    if interactive and not has_configured_reviewer(store):
        ask_reviewer(store)
    window = MainWindow(store, settings)
    if list_shortcuts:
        print(markdown(window.shortcut_rows()), end="")
        store.close()
        return 0
    if open_brief:
        window.open_reference(open_brief, raise_errors=not interactive)
    elif open_sample:
        window.open_sample()
    elif open_files and interactive:
        window.import_paths(open_files)  # briefs are opened, .rdbundle files merged in
    elif open_files:
        window.open_paths_now(open_files)
    else:
        window.restore_last_brief()
    window.show()
    if screenshot is not None:
        QTimer.singleShot(400, lambda: _save_screenshot(window, screenshot, app))
    code = app.exec()
    store.close()
    return code


def _save_screenshot(window: MainWindow, target: Path, app: QApplication) -> None:
    """The window as a picture in the format the name says (PNG when it says none)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    kind = target.suffix.lstrip(".").upper() or "PNG"
    drawn = window.grab().save(buffer, kind)
    buffer.close()
    try:
        if not drawn:
            raise InputError(f"cannot write {target}: Qt cannot save pictures as {kind}")
        write_file(target, bytes(data.data()))
    except ReviewDeskError as error:
        print(f"reviewdesk: error: {error}", file=sys.stderr)
        app.exit(1)
        return
    print(f"Saved a screenshot to {target}", file=sys.stderr)
    app.exit(0)
