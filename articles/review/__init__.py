"""The attribution review queue: pages where reviewers check who said what."""
