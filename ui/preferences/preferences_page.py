"""Settings people choose (auto-lock time); written through the typed Preferences wrapper."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from ui.pages import Navigator
from ui.services import Services
from ui.widgets import MessageLine


class PreferencesPage(QWidget):
    """GUI thread only. The main window's idle watcher picks up the new time at once."""

    def __init__(self, services: Services, navigator: Navigator) -> None:
        super().__init__()
        self.services = services
        self.navigator = navigator
        heading = QLabel(self.tr("<h2>Settings</h2>"))
        self.auto_lock = QSpinBox()
        self.auto_lock.setRange(1, 240)
        self.auto_lock.setSuffix(self.tr(" minutes"))
        self.auto_lock.setValue(services.preferences.auto_lock_minutes)
        self.save_button = QPushButton(self.tr("&Save settings"))
        self.message = MessageLine(self.tr("Settings status"))
        explanation = QLabel(
            self.tr(
                "After this long without typing or using the mouse, Listening Post hides "
                "everything until your passphrase is typed again."
            )
        )
        explanation.setWordWrap(True)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("&Lock after:"), self.auto_lock)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(explanation)
        layout.addWidget(self.save_button)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.save_button.clicked.connect(self.save)
        self.first_focus: QWidget = self.auto_lock  # not a focus proxy: that would reorder Tab

    def save(self) -> None:
        minutes = self.auto_lock.value()
        self.services.preferences.auto_lock_minutes = minutes
        self.services.preferences.sync()
        idle = getattr(self.navigator, "idle", None)
        if idle is not None:
            idle.set_minutes(minutes)
        self.message.show_message(
            self.tr("Saved: the window locks after {n} minutes idle.").format(n=minutes)
        )
