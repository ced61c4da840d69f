"""The original pages of a PDF brief, with the block under the reviewer's cursor marked."""

from __future__ import annotations

import bisect
import re

from PySide6.QtCore import QBuffer, QIODevice, QPointF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPaintEvent, QPen
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QLabel, QStackedLayout, QWidget

from reviewdesk.domain.brief import Block, Brief, SourceFormat
from reviewdesk.services.sources import original_file
from reviewdesk.ui.session import ReviewSession

NOT_PDF = "The original pages are shown for PDF briefs."
UNREADABLE = "The original pages of this brief could not be shown."
NOT_KEPT = "The original file of this brief was not kept."
_NUMBER = r"(-?\d+(?:\.\d+)?)"
_LOCATOR = re.compile(rf"^page:(\d+)/box:{_NUMBER},{_NUMBER},{_NUMBER},{_NUMBER}$")
_SCROLL_MARGIN = 24  # pixels left above a marked block, so its first line is not cut
_MARK_FILL = QColor(255, 193, 7, 60)
_MARK_EDGE = QColor("#f59f00")
_REASONS = {
    QPdfDocument.Error.InvalidFileFormat: "the file is not a readable PDF",
    QPdfDocument.Error.IncorrectPassword: "the PDF is protected by a password",
    QPdfDocument.Error.UnsupportedSecurityScheme: "the PDF's protection is not supported",
    QPdfDocument.Error.DataNotYetAvailable: "the file is incomplete",
}


def block_box(locator: str) -> QRectF | None:
    """A block's box in PDF points from its page's top-left, read from its locator."""
    match = _LOCATOR.match(locator)
    if match is None:
        return None
    x0, y0, x1, y1 = (float(value) for value in match.groups()[1:])
    return QRectF(QPointF(x0, y0), QPointF(x1, y1)).normalized()


class PagesView(QPdfView):
    """A QPdfView that also paints a rectangle over one box of one page.

    QPdfView keeps its page layout private, so page_rect repeats its arithmetic
    (margins, spacing, centring, zoom); an off-by-a-pixel mark is harmless.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._mark: tuple[int, QRectF] | None = None  # (0-based page, box in points)

    def set_mark(self, page: int | None, box: QRectF | None) -> None:
        """Mark this box (in PDF points) on this 0-based page; None for either clears the mark."""
        self._mark = (page, box) if page is not None and box is not None else None
        self.viewport().update()

    def page_rect(self, page: int) -> QRectF | None:
        """Where a page (0-based) lies in the scrollable area, in pixels; None if not laid out."""
        document = self.document()
        if document is None or document.status() != QPdfDocument.Status.Ready:
            return None
        single = self.pageMode() == QPdfView.PageMode.SinglePage
        pages = [self.pageNavigator().currentPage()] if single else range(document.pageCount())
        if page not in pages:
            return None
        sizes = {index: self._page_size(document, index) for index in pages}
        margins = self.documentMargins()
        width = max(size.width() for size in sizes.values()) + margins.left() + margins.right()
        top = margins.top()
        for index in pages:
            size = sizes[index]
            if index == page:
                left = (max(width, self.viewport().width()) - size.width()) // 2
                return QRectF(left, top, size.width(), size.height())
            top += size.height() + self.pageSpacing()
        return None

    def _page_size(self, document: QPdfDocument, page: int) -> QSize:
        points = document.pagePointSize(page)
        screen = QGuiApplication.primaryScreen()
        resolution = screen.logicalDotsPerInch() / 72.0 if screen else 1.0
        if self.zoomMode() == QPdfView.ZoomMode.Custom:
            return QSizeF(points * resolution * self.zoomFactor()).toSize()
        natural = QSizeF(points * resolution).toSize()
        margins = self.documentMargins()
        if self.zoomMode() == QPdfView.ZoomMode.FitToWidth:
            room = self.viewport().width() - margins.left() - margins.right()
            return natural * (room / max(natural.width(), 1))
        room_size = self.viewport().size() - QSize(margins.left() + margins.right(),
                                                   self.pageSpacing())
        return natural.scaled(room_size, Qt.AspectRatioMode.KeepAspectRatio)

    def box_rect(self, page: int, box: QRectF) -> QRectF | None:
        """A box in points on a page as pixels in the scrollable area."""
        rect = self.page_rect(page)
        document = self.document()
        if rect is None or document is None:
            return None
        scale = rect.width() / max(document.pagePointSize(page).width(), 1.0)
        return QRectF(rect.left() + box.left() * scale, rect.top() + box.top() * scale,
                      box.width() * scale, box.height() * scale)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Paint the pages, then the mark over them."""
        super().paintEvent(event)
        rect = self.box_rect(*self._mark) if self._mark else None
        if rect is None:
            return
        rect.translate(-self.horizontalScrollBar().value(), -self.verticalScrollBar().value())
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(_MARK_EDGE, 1.5))
        painter.setBrush(_MARK_FILL)
        painter.drawRoundedRect(rect.adjusted(-3, -3, 3, 3), 3, 3)
        painter.end()


class PdfPageView(QWidget):
    """The open brief's original PDF pages, zoomed to the width of the pane; for any
    other brief, or a PDF that cannot be read, a one-line placeholder instead."""

    def __init__(self, session: ReviewSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.view = PagesView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.placeholder = QLabel(NOT_PDF, alignment=Qt.AlignmentFlag.AlignCenter,
                                  wordWrap=True)
        self.placeholder.setObjectName("placeholder")  # styled by resources/style/reviewdesk.qss
        self._stack = QStackedLayout(self)
        self._stack.addWidget(self.placeholder)
        self._stack.addWidget(self.view)
        self._document: QPdfDocument | None = None
        self._empty = QPdfDocument(self)
        self._buffer: QBuffer | None = None  # QPdfDocument reads from it for as long as it lives
        self._blocks: list[Block] = []
        self._starts: list[int] = []
        self._shown: str | None = None  # the id of the block last shown, so moves within it stay
        session.brief_opened.connect(self.show_brief)
        if session.brief is not None:
            self.show_brief(session.brief)

    @property
    def has_pages(self) -> bool:
        """Whether the brief's pages are shown, rather than a note saying why there are none."""
        return self._stack.currentWidget() is self.view

    @property
    def page_count(self) -> int:
        return self._document.pageCount() if self.has_pages and self._document else 0

    @property
    def current_page(self) -> int:
        """The page on screen, 1-based; 0 when no pages are shown."""
        return self.view.pageNavigator().currentPage() + 1 if self.has_pages else 0

    # Loading --------------------------------------------------------------------------

    def show_brief(self, brief: Brief) -> None:
        """Show the brief's pages, or say why there are none: it was not a PDF, or its file was
        not kept."""
        self._unload()
        self._blocks = brief.blocks
        self._starts = [block.start for block in self._blocks]
        if brief.source_format != SourceFormat.PDF:
            self._show_placeholder(NOT_PDF)
            return
        source = self.session.attempt(lambda: original_file(self.session.store, brief.id))
        if source is None:
            self._show_placeholder(NOT_KEPT)
            return
        self._load(source.data, brief.title)

    def _load(self, data: bytes, title: str) -> None:
        self._buffer = QBuffer(self)
        self._buffer.setData(data)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._document = QPdfDocument(self)
        self._document.load(self._buffer)
        if self._document.status() != QPdfDocument.Status.Ready:
            reason = _REASONS.get(self._document.error(), "QtPdf could not read it")
            self._unload()
            self._show_placeholder(UNREADABLE)
            self.session.error.emit(f"the original pages of “{title}” cannot be shown: {reason}")
            return
        self.view.setDocument(self._document)
        self._stack.setCurrentWidget(self.view)

    def _unload(self) -> None:
        self.view.set_mark(None, None)
        # An empty document rather than none: QPdfView's link model warns on a null one.
        self.view.setDocument(self._empty)
        self._shown = None
        if self._document is not None:
            self._document.close()
            self._document.deleteLater()
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._document, self._buffer = None, None

    def _show_placeholder(self, text: str) -> None:
        self.placeholder.setText(text)
        self._stack.setCurrentWidget(self.placeholder)

    # Navigation -----------------------------------------------------------------------

    def show_position(self, offset: int) -> bool:
        """Show the block at a canonical offset (the document's cursor); False if none."""
        index = bisect.bisect_right(self._starts, offset) - 1
        if index < 0 or not self.has_pages:
            return False
        block = self._blocks[index]
        return block.id == self._shown or self.show_block(block)

    def show_block(self, block: Block) -> bool:
        """Scroll to a block's page, mark its box, and scroll the box into view."""
        if not self.has_pages or self._document is None or block.page is None:
            return False
        page = block.page - 1
        if not 0 <= page < self._document.pageCount():
            return False
        box = block_box(block.locator)
        origin = box.topLeft() if box is not None else QPointF()
        self.view.pageNavigator().jump(page, origin, self.view.zoomFactor())
        self.view.set_mark(page, box)
        self._scroll_to(page, box)
        self._shown = block.id
        return True

    def _scroll_to(self, page: int, box: QRectF | None) -> None:
        target = (self.view.box_rect(page, box) if box is not None
                  else self.view.page_rect(page))
        if target is not None:
            self.view.verticalScrollBar().setValue(int(target.top()) - _SCROLL_MARGIN)
