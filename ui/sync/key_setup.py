"""The Sync page's folder and key steps: choose the folder, create or import the key."""

from __future__ import annotations

from pathlib import Path

from app.sync import CreatedKey, create_organisation_key, import_organisation_key, remember_folder
from ui.sync.recovery_phrase_dialog import RecoveryPhraseDialog


class KeySetupActions:
    """Part of SyncPage (GUI thread only): its widgets and helpers are the page's own."""

    def choose_folder(self) -> None:
        start = self.folder_edit.text() or str(Path.home())
        chosen = self.dialogs.choose_folder(self, self.tr("Choose the shared sync folder"), start)
        if chosen:
            self._submit(
                lambda s: remember_folder(s, Path(chosen)),
                self.tr("Choosing the sync folder"),
                lambda folder: self._done(self.tr("Sync folder: {f}").format(f=folder)),
            )

    def create_key(self) -> None:
        chosen = self.dialogs.save_key_file(
            self, self.tr("Save the new organisation key file (not in the sync folder)")
        )
        if chosen:
            organisation = self.services.store.organisation()
            self._submit(
                lambda s: create_organisation_key(s, Path(chosen), organisation=organisation),
                self.tr("Creating the organisation key"),
                self._key_created,
            )

    def _key_created(self, created: CreatedKey) -> None:
        self._done(self.tr("Organisation key created in {path}.").format(path=created.path))
        self.phrase_dialog = RecoveryPhraseDialog(created, self.dialogs, self)
        self.phrase_dialog.finished.connect(lambda _result: self.sync_button.setFocus())
        self.phrase_dialog.open()  # open(), not exec(): never blocks the event loop

    def import_key(self) -> None:
        chosen = self.dialogs.open_key_file(self, self.tr("Open a copy of the organisation key"))
        if chosen:
            self._submit(
                lambda s: import_organisation_key(s, Path(chosen)),
                self.tr("Importing the organisation key"),
                lambda f: self._done(
                    self.tr("Imported the organisation key (fingerprint {f}).").format(f=f)
                ),
            )
