"""The accounts of the local demo, one per role.

Their passwords are published in the README, so ``create_demo_users`` makes them only
under settings that say they are a local demo (``DEMO_ACCOUNTS_ALLOWED``).
"""

DEMO_USERS = [
    {"username": "admin", "password": "admin-demo-pass", "group": None},  # noqa: S105
    {"username": "editor", "password": "editor-demo-pass", "group": "Editor"},  # noqa: S105
    {"username": "reviewer", "password": "reviewer-demo-pass", "group": "Reviewer"},  # noqa: S105
    {"username": "publisher", "password": "publisher-demo-pass", "group": "Publisher"},  # noqa: S105
]
