"""Typed preferences kept between runs (QSettings), with a signal when one changes."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Signal

THEMES = ("system", "light", "dark")
ZOOM_STEPS = 10  # the text grows or shrinks by at most this many steps


class Settings(QObject):
    """The app's preferences, one typed property each, stored with QSettings; `changed` says
    which key was set."""

    changed = Signal(str)  # the key that changed

    def __init__(self, backend: QSettings | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._backend = backend or QSettings("ReviewDesk", "ReviewDesk")

    def _text(self, key: str, default: str = "") -> str:
        value = self._backend.value(key, default)
        return value if isinstance(value, str) else default

    def _set(self, key: str, value: object) -> None:
        self._backend.setValue(key, value)
        self._backend.sync()
        self.changed.emit(key)

    @property
    def last_brief(self) -> str:
        """The id of the brief open when the app last closed; '' for none."""
        return self._text("session/last_brief")

    @last_brief.setter
    def last_brief(self, value: str) -> None:
        self._set("session/last_brief", value)

    @property
    def last_position(self) -> int:
        """The cursor's offset in that brief's text; 0 when unknown."""
        value = self._backend.value("session/last_position", 0)
        text = str(value)
        return int(text) if text.isdigit() else 0

    @last_position.setter
    def last_position(self, value: int) -> None:
        self._set("session/last_position", int(value))

    @property
    def recent_files(self) -> list[str]:
        """The files opened lately, newest first."""
        value = self._backend.value("session/recent_files", [])
        if isinstance(value, str):
            return [value]
        return [str(item) for item in value] if isinstance(value, list) else []

    def remember_file(self, path: str, keep: int = 8) -> None:
        """Put the path first in the recent files, keeping `keep` of them without repeats."""
        files = [path, *[p for p in self.recent_files if p != path]][:keep]
        self._set("session/recent_files", files)

    @property
    def theme(self) -> str:
        value = self._text("view/theme", "system")
        return value if value in THEMES else "system"

    @theme.setter
    def theme(self, value: str) -> None:
        self._set("view/theme", value if value in THEMES else "system")

    @property
    def last_export_folder(self) -> str:
        """The folder the last Word export was written to ('' before the first)."""
        return self._text("export/last_folder")

    @last_export_folder.setter
    def last_export_folder(self, value: str) -> None:
        self._set("export/last_folder", str(value))

    def _flag(self, key: str, default: bool) -> bool:
        value = self._backend.value(key, default)
        if isinstance(value, str):
            return value.lower() in ("true", "1", "yes")
        return bool(value)

    @property
    def zoom(self) -> int:
        """Steps the brief's text is zoomed in (negative: out); 0 is the usual size."""
        text = str(self._backend.value("view/zoom", 0))
        try:
            return max(-ZOOM_STEPS, min(ZOOM_STEPS, int(text)))
        except ValueError:
            return 0

    @zoom.setter
    def zoom(self, value: int) -> None:
        self._set("view/zoom", max(-ZOOM_STEPS, min(ZOOM_STEPS, int(value))))

    @property
    def toolbar_shown(self) -> bool:
        """Whether the toolbar of common actions is shown (it is at first)."""
        return self._flag("view/toolbar", True)

    @toolbar_shown.setter
    def toolbar_shown(self, value: bool) -> None:
        self._set("view/toolbar", bool(value))

    @property
    def tag_patterns(self) -> bool:
        """Whether each tag's highlight also has its own underline style, for readers who
        cannot tell the colours apart."""
        return self._flag("view/tag_patterns", False)

    @tag_patterns.setter
    def tag_patterns(self, value: bool) -> None:
        self._set("view/tag_patterns", bool(value))
