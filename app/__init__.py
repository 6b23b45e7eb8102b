"""The use cases as people start them, written once and called by both ui/ and cli/ (no Qt)."""
