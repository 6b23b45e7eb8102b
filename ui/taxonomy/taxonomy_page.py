"""The taxonomy editor: groups (add, rename, move, retire), services, and the fixed principles."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app import taxonomy as taxonomy_edits
from domain import taxonomy
from domain.views import GroupView, ServiceView
from ui.design.widgets import PageTitle, aligned_form, whole_names_when_open
from ui.pages import Navigator
from ui.services import Services
from ui.widgets import MessageLine, scrolling

KEY_ROLE = Qt.ItemDataRole.UserRole


class TaxonomyPage(QWidget):
    """GUI thread only. Every change is one queued write, then a taxonomy_did_change event."""

    def __init__(
        self, services: Services, navigator: Navigator, *, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)  # built in place: re-parenting a built page re-polishes it
        self.services = services
        self.navigator = navigator
        self.groups: list[GroupView] = []
        self.services_list: list[ServiceView] = []
        heading = PageTitle(self.tr("Groups, services and principles"))
        self.message = MessageLine(self.tr("Taxonomy status"))
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_groups_tab(), self.tr("&Groups"))
        self.tabs.addTab(self._build_services_tab(), self.tr("Servi&ces"))
        self.tabs.addTab(self._build_principles_tab(), self.tr("P&rinciples"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        self.first_focus: QWidget = self.tree  # not a focus proxy: that would reorder Tab
        self.reload()

    # ----- groups -------------------------------------------------------------------------

    def _build_groups_tab(self) -> QWidget:
        tab = QWidget()
        row = QHBoxLayout(tab)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(self.tr("Groups"))
        self.tree.setHeaderLabels([self.tr("Group"), self.tr("Status")])
        # The names take the width; the status fits its word (it was the other way round).
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        row.addWidget(self.tree, 3)

        panel = QWidget()
        column = QVBoxLayout(panel)
        selected = QGroupBox(self.tr("Selected group"))
        form = aligned_form(selected)
        self.group_label = QLineEdit()
        self.rename_button = QPushButton(self.tr("Re&name"))
        self.move_parent = QComboBox()
        self.move_button = QPushButton(self.tr("M&ove"))
        self.retire_button = QPushButton(self.tr("Re&tire"))
        self.retire_help = QLabel(
            self.tr("Retired groups stay on the notes already tagged; they leave the pickers.")
        )
        self.retire_help.setWordWrap(True)
        # The whole name and its note, wrapped: the tree cuts long ones short at narrow widths.
        self.group_about = QLabel()
        self.group_about.setObjectName("groupAbout")
        self.group_about.setWordWrap(True)
        self.group_about.setTextFormat(Qt.TextFormat.PlainText)
        self.group_about.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.group_about)
        form.addRow(self.tr("&Label:"), self.group_label)
        form.addRow(self.rename_button)
        form.addRow(self.tr("Move &under:"), self.move_parent)
        form.addRow(self.move_button)
        form.addRow(self.retire_button)
        form.addRow(self.retire_help)
        add = QGroupBox(self.tr("Add a group"))
        add_form = aligned_form(add)
        self.new_group_label = QLineEdit()
        self.new_group_parent = QComboBox()
        for combo in (self.move_parent, self.new_group_parent):
            # Sized to a short name, not the longest group: the panel then fits without a
            # sideways scroll bar; the open list still shows every name whole.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(16)
        self.add_group_button = QPushButton(self.tr("&Add group"))
        self.add_group_button.setProperty("primary", True)  # the page's one primary action
        add_form.addRow(self.tr("New group's na&me:"), self.new_group_label)
        add_form.addRow(self.tr("Parent for the ne&w group:"), self.new_group_parent)
        add_form.addRow(self.add_group_button)
        column.addWidget(selected)
        column.addWidget(add)
        column.addStretch(1)
        row.addWidget(scrolling(panel), 2)

        self.tree.currentItemChanged.connect(lambda *_: self._group_selected())
        self.rename_button.clicked.connect(self.rename_group)
        self.group_label.returnPressed.connect(self.rename_group)
        self.move_button.clicked.connect(self.move_group)
        self.retire_button.clicked.connect(self.toggle_group_retired)
        self.add_group_button.clicked.connect(self.add_group)
        self.new_group_label.returnPressed.connect(self.add_group)
        return tab

    def selected_group(self) -> GroupView | None:
        item = self.tree.currentItem()
        key = item.data(0, KEY_ROLE) if item else None
        return next((g for g in self.groups if g.key == key), None)

    def _group_selected(self) -> None:
        group = self.selected_group()
        for widget in (self.group_label, self.rename_button, self.move_parent, self.move_button):
            widget.setEnabled(group is not None)
        self.retire_button.setEnabled(group is not None)
        if group is None:
            self.group_about.clear()
            return
        about = f"{group.label}\n{group.note}" if group.note else group.label
        self.group_about.setText(about)
        self.group_about.setAccessibleName(about)
        self.group_label.setText(group.label)
        self.group_label.setCursorPosition(0)  # a long name shows its start, not its end
        index = self.move_parent.findData(group.parent_key or "")
        self.move_parent.setCurrentIndex(max(index, 0))
        self.retire_button.setText(
            self.tr("Re&instate") if not group.active else self.tr("Re&tire")
        )

    def _fill_group_tree(self, select_key: str | None) -> None:
        self.tree.clear()
        items: dict[str, QTreeWidgetItem] = {}
        for group in self.groups:
            status = self.tr("Active") if group.active else self.tr("Retired")
            parent = items.get(group.parent_key or "")
            item = QTreeWidgetItem([group.label, status])
            item.setData(0, KEY_ROLE, group.key)
            item.setToolTip(0, f"{group.label}\n{group.note}" if group.note else group.label)
            if parent is None:
                self.tree.addTopLevelItem(item)
            else:
                parent.addChild(item)
            items[group.key] = item
        self.tree.expandAll()
        for combo, none_text in (
            (self.move_parent, self.tr("Top level")),
            (self.new_group_parent, self.tr("Top level")),
        ):
            combo.clear()
            combo.addItem(none_text, "")
            for group in self.groups:
                combo.addItem(group.label, group.key)
            whole_names_when_open(combo)
        target = items.get(select_key or "") or self.tree.topLevelItem(0)
        if target is not None:
            self.tree.setCurrentItem(target)
        self._group_selected()

    def rename_group(self) -> None:
        group = self.selected_group()
        if group is None:
            return
        label = self.group_label.text()
        self._write(
            lambda s: taxonomy_edits.rename_group(s, key=group.key, label=label),
            self.tr("Renamed."),
            self.tr("Renaming the group"),
        )

    def move_group(self) -> None:
        group = self.selected_group()
        if group is None:
            return
        parent = self.move_parent.currentData() or None
        self._write(
            lambda s: taxonomy_edits.move_group(s, key=group.key, parent_key=parent),
            self.tr("Moved."),
            self.tr("Moving the group"),
        )

    def toggle_group_retired(self) -> None:
        group = self.selected_group()
        if group is None:
            return
        edits = taxonomy_edits
        change = edits.reinstate_group if not group.active else edits.retire_group
        done = self.tr("Reinstated.") if not group.active else self.tr("Retired.")
        self._write(lambda s: change(s, key=group.key), done, self.tr("Changing the group"))

    def add_group(self) -> None:
        label = self.new_group_label.text()
        parent = self.new_group_parent.currentData() or None
        self._write(
            lambda s: taxonomy_edits.add_group(s, label=label, parent_key=parent),
            self.tr("Added."),
            self.tr("Adding the group"),
            clear=self.new_group_label,
        )

    # ----- services -----------------------------------------------------------------------

    def _build_services_tab(self) -> QWidget:
        tab = QWidget()
        row = QHBoxLayout(tab)
        self.service_list = QListWidget()
        self.service_list.setAccessibleName(self.tr("Services"))
        row.addWidget(self.service_list, 3)
        panel = QWidget()
        form = QFormLayout(panel)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.service_label = QLineEdit()
        self.rename_service_button = QPushButton(self.tr("Rename service"))
        self.retire_service_button = QPushButton(self.tr("Retire service"))
        self.new_service_label = QLineEdit()
        self.add_service_button = QPushButton(self.tr("Add service"))
        form.addRow(self.tr("Selected service's label:"), self.service_label)
        form.addRow(self.rename_service_button)
        form.addRow(self.retire_service_button)
        form.addRow(self.tr("New service:"), self.new_service_label)
        form.addRow(self.add_service_button)
        row.addWidget(panel, 2)
        self.service_list.currentItemChanged.connect(lambda *_: self._service_selected())
        self.rename_service_button.clicked.connect(self.rename_service)
        self.retire_service_button.clicked.connect(self.toggle_service_retired)
        self.add_service_button.clicked.connect(self.add_service)
        self.new_service_label.returnPressed.connect(self.add_service)
        return tab

    def selected_service(self) -> ServiceView | None:
        item = self.service_list.currentItem()
        key = item.data(KEY_ROLE) if item else None
        return next((s for s in self.services_list if s.key == key), None)

    def _service_selected(self) -> None:
        service = self.selected_service()
        if service is not None:
            self.service_label.setText(service.label)
            self.service_label.setCursorPosition(0)
            self.retire_service_button.setText(
                self.tr("Reinstate service") if not service.active else self.tr("Retire service")
            )

    def _fill_services(self, select_key: str | None) -> None:
        self.service_list.clear()
        for service in self.services_list:
            status = "" if service.active else self.tr(" (retired)")
            item = QListWidgetItem(service.label + status)
            item.setData(KEY_ROLE, service.key)
            self.service_list.addItem(item)
            if service.key == select_key:
                self.service_list.setCurrentItem(item)
        if self.service_list.currentItem() is None and self.service_list.count():
            self.service_list.setCurrentRow(0)

    def rename_service(self) -> None:
        service = self.selected_service()
        if service is not None:
            label = self.service_label.text()
            self._write(
                lambda s: taxonomy_edits.rename_service(s, key=service.key, label=label),
                self.tr("Renamed."),
                self.tr("Renaming the service"),
            )

    def toggle_service_retired(self) -> None:
        service = self.selected_service()
        if service is not None:
            change = (
                taxonomy_edits.reinstate_service
                if not service.active
                else taxonomy_edits.retire_service
            )
            self._write(
                lambda s: change(s, key=service.key),
                self.tr("Done."),
                self.tr("Changing the service"),
            )

    def add_service(self) -> None:
        label = self.new_service_label.text()
        self._write(
            lambda s: taxonomy_edits.add_service(s, label=label),
            self.tr("Added."),
            self.tr("Adding the service"),
            clear=self.new_service_label,
        )

    # ----- principles (read-only) ---------------------------------------------------------

    def _build_principles_tab(self) -> QWidget:
        tab = QWidget()
        column = QVBoxLayout(tab)
        note = QLabel(
            self.tr("NHS England's 10 principles are fixed: they can be tagged but not edited.")
        )
        note.setWordWrap(True)
        self.principle_list = QListWidget()
        self.principle_list.setAccessibleName(self.tr("Principles"))
        self.principle_text = QLabel()
        self.principle_text.setWordWrap(True)
        self.principle_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(note)
        column.addWidget(self.principle_list, 1)
        column.addWidget(self.principle_text)
        self.principle_list.currentItemChanged.connect(
            lambda item, _old: self.principle_text.setText(item.toolTip() if item else "")
        )
        return tab

    # ----- shared -------------------------------------------------------------------------

    def reload(self, select_group: str | None = None, select_service: str | None = None) -> None:
        self.groups, self.services_list, principles = self.services.read(
            lambda s: (
                taxonomy.list_groups(s),
                taxonomy.list_services(s),
                taxonomy.list_principles(s),
            )
        )
        self._fill_group_tree(select_group)
        self._fill_services(select_service)
        if not self.principle_list.count():
            for p in principles:
                item = QListWidgetItem(f"{p.number}. {p.short}")
                item.setToolTip(p.text)
                item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, p.text)
                self.principle_list.addItem(item)
            self.principle_list.setCurrentRow(0)

    def _write(
        self,
        change: Callable[[Session], Any],
        done_text: str,
        label: str,
        *,
        clear: QLineEdit | None = None,
    ) -> None:
        def finished(view: Any) -> None:
            if clear is not None:
                clear.clear()
            self.message.show_message(done_text)
            if isinstance(view, GroupView):
                self.reload(select_group=view.key, select_service=None)
            else:
                self.reload(select_group=None, select_service=getattr(view, "key", None))

        self.services.runner.submit(
            lambda session, _progress: change(session),
            label=label,
            on_done=finished,
            on_error=lambda error: self.message.show_message(self.tr("Error: ") + str(error)),
        )
