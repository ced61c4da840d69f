"""The library's search results: every brief whose title, text, comments or replies hold the
words typed in the library's search box, grouped by brief, each hit with its snippet. It takes
the library list's place while the box holds text."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QKeyEvent,
    QPainter,
    QPalette,
    QResizeEvent,
    QStandardItem,
    QStandardItemModel,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.errors import ReviewDeskError
from reviewdesk.services.search import BriefMatches, HitKind, SearchHit, is_searchable, search
from reviewdesk.storage.store import Store
from reviewdesk.ui.accessible import describe

# A pause in typing this long (ms) runs the search: not one query per key.
DEBOUNCE_MS = 150

BRIEF_ID_ROLE = Qt.ItemDataRole.UserRole + 1
OFFSET_ROLE = Qt.ItemDataRole.UserRole + 2
HTML_ROLE = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex

_KIND_LABELS = {HitKind.TITLE: "Title", HitKind.TEXT: "Text", HitKind.COMMENT: "Comment",
                HitKind.REPLY: "Reply"}


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def hit_html(hit: SearchHit) -> str:
    """The hit's kind, then its snippet with the matched words in bold, as rich text."""
    parts: list[str] = []
    at = 0
    text = hit.snippet.text
    for start, end in hit.snippet.marks:
        parts += [escape(text[at:start]), "<b>", escape(text[start:end]), "</b>"]
        at = end
    parts.append(escape(text[at:]))
    return f"<i>{_KIND_LABELS[hit.kind]}</i> · {''.join(parts)}"


def brief_html(result: BriefMatches) -> str:
    """The brief's title in bold, then its version and number of hits, as rich text."""
    version = f" · version {result.version}" if result.version is not None else ""
    return (f"<b>{escape(result.title)}</b>{version} · "
            f"{_plural(len(result.hits), 'match', 'matches')}")


class SearchResultsModel(QStandardItemModel):
    """One row per brief (its title, version and number of hits), its hits below it."""

    def show(self, results: list[BriefMatches]) -> None:
        """Replace the rows with these results."""
        self.clear()
        for result in results:
            version = f" · version {result.version}" if result.version is not None else ""
            brief = QStandardItem(f"{result.title}{version} · "
                                  f"{_plural(len(result.hits), 'match', 'matches')}")
            brief.setData(result.brief_id, BRIEF_ID_ROLE)
            brief.setData(0, OFFSET_ROLE)
            brief.setData(brief_html(result), HTML_ROLE)
            brief.setEditable(False)
            for hit in result.hits:
                item = QStandardItem(hit.snippet.text)
                item.setData(result.brief_id, BRIEF_ID_ROLE)
                item.setData(hit.offset, OFFSET_ROLE)
                item.setData(hit_html(hit), HTML_ROLE)
                item.setToolTip(f"{_KIND_LABELS[hit.kind]} at character {hit.offset:,}")
                item.setEditable(False)
                brief.appendRow(item)
            self.appendRow(brief)


class SnippetDelegate(QStyledItemDelegate):
    """Draws a row's rich text (a hit's matched words in bold), wrapped to the view's width."""

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self._view = view

    def _document(self, option: QStyleOptionViewItem, index: Index, html: str) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setHtml(html)
        depth = 1 if index.parent().isValid() else 0
        # sizeHint is asked before the row has a place: its width is the view's, less the
        # indentation of its level.
        width = option.rect.width() if option.rect.width() > 0 else (
            self._view.viewport().width() - self._view.indentation() * (depth + 1))
        document.setTextWidth(max(80, width))
        return document

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        html = index.data(HTML_ROLE)
        if not html:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        text = option.text
        option.text = ""
        style = option.widget.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        option.text = text
        document = self._document(option, index, html)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(QRectF(0, 0, option.rect.width(), option.rect.height()))
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        html = index.data(HTML_ROLE)
        if not html:
            return super().sizeHint(option, index)
        document = self._document(option, index, html)
        return QSize(int(document.idealWidth()), int(document.size().height()))


class _ResultsTree(QTreeView):
    """The results; Enter opens the hit (or brief) under the cursor, Escape goes back to
    the search box."""

    chosen = Signal(QModelIndex)
    left = Signal()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()  # wrapped rows change height with the width

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.chosen.emit(self.currentIndex())
            return
        if event.key() == Qt.Key.Key_Escape:
            self.left.emit()
            return
        super().keyPressEvent(event)


class LibrarySearch(QWidget):
    """Search results for the library's search box (`box`), shown in place of the library
    list (`library`) while the box holds text, and searched again when the list changes.
    `hit_activated(brief_id, offset)` when the reviewer opens a hit (Enter or a double
    click); Down in the box moves into the results, Escape there back to the box."""

    hit_activated = Signal(str, int)

    def __init__(self, store: Store, box: QLineEdit, library: QAbstractItemView,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._box = box
        self._library = library
        self.model = SearchResultsModel(self)
        self.tree = _ResultsTree()
        describe(self.tree, "Search results", "Every brief whose title, text, comments or "
                 "replies hold the words searched for; Enter opens the brief at the hit")
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setItemDelegate(SnippetDelegate(self.tree))
        self.tree.setIndentation(14)
        self.tree.setAccessibleName("Search results")
        self.empty = QLabel(wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter)
        self.empty.setAccessibleName("Search results")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        layout.addWidget(self.empty)
        self.empty.hide()
        self.hide()
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.run)
        box.textChanged.connect(self._typed)
        # A brief imported or merged, an annotation added or removed: search again.
        library.model().modelReset.connect(self._library_changed)
        library.model().dataChanged.connect(self._library_changed)
        box.installEventFilter(self)
        self.tree.chosen.connect(self._open)
        self.tree.doubleClicked.connect(self._open)
        self.tree.left.connect(self._box.setFocus)

    @property
    def query(self) -> str:
        return self._box.text()

    def _typed(self, text: str) -> None:
        searching = bool(text.strip())
        self.setVisible(searching)
        self._library.setVisible(not searching)
        if searching:
            self._timer.start()
        else:
            self._timer.stop()
            self.model.clear()

    def _library_changed(self, *_: object) -> None:
        if not self.isHidden():
            self._timer.start()

    def run(self) -> None:
        """Search now for what the box holds (the debounce timer calls this)."""
        self._timer.stop()
        query = self.query.strip()
        if not query:
            return
        results: list[BriefMatches] = []
        if is_searchable(query):
            try:
                results = search(self._store, query)
            except ReviewDeskError as error:
                self._show_empty(str(error))
                return
        self.model.show(results)
        self.tree.expandAll()
        if results:
            self.empty.hide()
            self.tree.show()
        else:
            self._show_empty(f"No matches for “{query}”.")

    def _show_empty(self, sentence: str) -> None:
        self.model.clear()
        self.empty.setText(sentence)
        self.tree.hide()
        self.empty.show()

    def focus_results(self) -> bool:
        """Move the keyboard into the results, on the first hit; False when there is none."""
        if self._timer.isActive():
            self.run()
        first = self.model.index(0, 0)
        if not first.isValid():
            return False
        hit = self.model.index(0, 0, first)
        self.tree.setCurrentIndex(hit if hit.isValid() else first)
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self._box and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Down
                and not self.isHidden()):
            return self.focus_results()
        return super().eventFilter(watched, event)

    def _open(self, index: QModelIndex) -> None:
        brief_id = index.data(BRIEF_ID_ROLE)
        if brief_id:
            self.hit_activated.emit(str(brief_id), int(index.data(OFFSET_ROLE) or 0))
