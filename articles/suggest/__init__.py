"""Suggestion engine for quotes and claims (the assistant, never the author)."""
