"""The Easy Read picture of a theme: shown beside its name, changed through a searchable picker
that shows the pictures themselves."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from domain.pictures import PICTURES, find_pictures, picture_shows, picture_svg
from ui.design.tokens import space
from ui.design.widgets import ems, text_lines
from ui.widgets import answered, fitting

ICON_SIZE = 64


def picture_pixmap(code: str, size: int = ICON_SIZE) -> QPixmap:
    """The pictogram drawn at `size` pixels (blank when there is none)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    data = picture_svg(code)
    if data is not None:
        renderer = QSvgRenderer(QByteArray(data))
        painter = QPainter(pixmap)
        renderer.render(painter)
        painter.end()
    return pixmap


class PicturePickerDialog(QDialog):
    """Type to narrow the pictures; Enter or double-click chooses. GUI thread only."""

    def __init__(self, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Choose the Easy Read picture"))
        self.search = QLineEdit()
        self.search.setAccessibleName(self.tr("Search pictures"))
        self.search.setPlaceholderText(self.tr("Type a word: doctor, bus, house…"))
        self.pictures = QListWidget()
        self.pictures.setAccessibleName(self.tr("Pictures"))
        self.pictures.setViewMode(QListView.ViewMode.IconMode)
        self.pictures.setIconSize(QSize(ICON_SIZE, ICON_SIZE))
        # Room under each picture for its two-line name, at any text size.
        self.pictures.setGridSize(
            QSize(ICON_SIZE + ems(self, 5), ICON_SIZE + text_lines(self, 2) + space(1))
        )
        self.pictures.setWordWrap(True)
        self.pictures.setResizeMode(QListView.ResizeMode.Adjust)
        # A small floor: the dialog opens larger (below) but always fits a laptop screen.
        self.pictures.setMinimumSize(ems(self, 20), text_lines(self, 6))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        label = QLabel(self.tr("&Search:"))
        label.setBuddy(self.search)
        layout.addWidget(label)
        layout.addWidget(self.search)
        layout.addWidget(self.pictures, 1)
        layout.addWidget(
            QLabel(self.tr("Pictures: OpenMoji (openmoji.org), licensed under CC BY-SA 4.0."))
        )
        layout.addWidget(buttons)
        self.resize(fitting(self, ems(self, 46), text_lines(self, 30)))
        for picture in PICTURES:
            item = QListWidgetItem(QIcon(picture_pixmap(picture.code)), picture.shows)
            item.setData(Qt.ItemDataRole.UserRole, picture.code)
            item.setToolTip(", ".join(picture.keywords))
            self.pictures.addItem(item)
            if picture.code == current:
                self.pictures.setCurrentItem(item)
        if self.pictures.currentItem() is None:
            self.pictures.setCurrentRow(0)
        self.search.textChanged.connect(self.narrow)
        self.search.returnPressed.connect(self.accept)
        self.pictures.itemDoubleClicked.connect(lambda _item: self.accept())
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

    def narrow(self, text: str) -> None:
        """Show only the pictures whose words match; the first one shown is chosen."""
        wanted = {picture.code for picture in find_pictures(text)}
        first: QListWidgetItem | None = None
        for row in range(self.pictures.count()):
            item = self.pictures.item(row)
            hidden = item.data(Qt.ItemDataRole.UserRole) not in wanted
            item.setHidden(hidden)
            if not hidden and first is None:
                first = item
        if first is not None:
            self.pictures.setCurrentItem(first)

    def chosen(self) -> str:
        item = self.pictures.currentItem()
        if item is None or item.isHidden():
            return ""
        return str(item.data(Qt.ItemDataRole.UserRole))


class PictureChoice(QWidget):
    """The picture a theme shows in Easy Read: chosen, or suggested from its words."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chosen = ""  # "" means "use the suggestion"
        self.suggested = ""
        self.preview = QLabel()
        self.preview.setFixedSize(ICON_SIZE, ICON_SIZE)
        self.words = QLabel()
        self.words.setWordWrap(True)
        self.choose_button = QPushButton(self.tr("C&hoose picture…"))
        self.choose_button.setAccessibleName(self.tr("Choose the Easy Read picture"))
        self.suggest_button = QPushButton(self.tr("Use the suggestion"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.preview)
        layout.addWidget(self.words, 1)
        layout.addWidget(self.choose_button)
        layout.addWidget(self.suggest_button)
        self.choose_button.clicked.connect(self.choose)
        self.suggest_button.clicked.connect(lambda: self.set_picture("", self.suggested))
        self.ask = self._ask  # tests replace the modal question

    def _ask(self, current: str) -> str | None:
        dialog = PicturePickerDialog(current, self)
        return (dialog.chosen() or None) if answered(dialog) else None

    def set_picture(self, chosen: str, suggested: str) -> None:
        self.chosen, self.suggested = chosen, suggested
        shown = chosen or suggested
        self.preview.setPixmap(picture_pixmap(shown))
        what = picture_shows(shown)
        if chosen:
            self.words.setText(self.tr("Picture of {what}").format(what=what))
        else:
            self.words.setText(self.tr("Picture of {what} (suggested)").format(what=what))
        self.preview.setAccessibleName(self.tr("Easy Read picture: {what}").format(what=what))
        self.suggest_button.setEnabled(bool(chosen))
        self.changed.emit()

    def choose(self) -> None:
        picked = self.ask(self.chosen or self.suggested)
        if picked:
            self.set_picture(picked, self.suggested)
