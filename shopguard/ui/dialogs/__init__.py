"""Dialogs of the owner's window; each exposes a `@classmethod ask(...)` that tests monkeypatch."""
