"""Abstract model parts that several apps build on (no models of its own).

``common`` is not an installed app: it holds abstract bases and choices only, so
``entities`` and ``articles`` can share field definitions without importing each
other.
"""
