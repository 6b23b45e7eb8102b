"""Sync between laptops without a server: apply ops, bundles, folder transport (DESIGN §4)."""
