"""The main window (minimal until the capture workspace lands): lists activities."""

from __future__ import annotations

from PySide6.QtWidgets import QListWidget, QMainWindow

from domain.activities import list_activities
from models.database import Store


class MainWindow(QMainWindow):
    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.setWindowTitle("Listening Post")
        self.activities = QListWidget()
        self.activities.setAccessibleName("Activities")
        self.setCentralWidget(self.activities)
        with store.session() as session:
            for activity in list_activities(session):
                self.activities.addItem(f"{activity.title} — {activity.note_count} notes")
        self.resize(900, 600)
