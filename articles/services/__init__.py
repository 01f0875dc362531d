"""State changes that touch several rows or have side effects, one module per area."""
