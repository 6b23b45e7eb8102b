"""The Sync page: shared folder, organisation key, sync now, conflicts and quarantine."""
