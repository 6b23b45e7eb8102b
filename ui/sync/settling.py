"""The Sync page's settling of what sync could not do, and its small shared helpers."""

from __future__ import annotations

from typing import Any

from ui.sync.sync_messages import worded


class SettlingActions:
    """Part of SyncPage (GUI thread only): decisions run on the task runner's worker."""

    def _conflict_resolved(self, entity: str, entity_id: str) -> None:
        self._show_status(self.services.read(self._status))

    def _decide(self, decide: Any, verb: str) -> None:
        bundle = self.quarantine.selected()
        if bundle is None:
            self.message.show_message(self.tr("Error: choose a bundle in the list first."))
            return
        self._submit(
            lambda s: decide(s, name=bundle.name, device_id=bundle.device_id),
            self.tr("Deciding about a bundle set aside"),
            lambda _r: self._done(
                self.tr("{name} {verb}.").format(name=bundle.name, verb=self.tr(verb))
                + (self.tr(" Sync now to apply it.") if verb == "released" else "")
            ),
        )

    def _submit(self, work: Any, label: str, on_done: Any) -> None:
        self.services.runner.submit(
            lambda session, _progress: work(session),
            label=label,
            on_done=on_done,
            on_error=lambda error: self.message.show_message(self.tr("Error: ") + worded(error)),
        )

    def _done(self, text: str) -> None:
        self.refresh()
        self.message.show_message(text)
