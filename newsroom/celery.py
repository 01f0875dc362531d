"""The Celery application: background jobs for imports, suggestions, publishing, mail.

Settings come from Django's, under the ``CELERY_`` prefix (see settings/base.py).
Workers find tasks in each installed app's ``tasks`` module.
"""

import os
from pathlib import Path

from celery import Celery

# A production entry point, like wsgi.py: with no DJANGO_SETTINGS_MODULE it runs the
# production settings. This module is imported with the ``newsroom`` package, so a dev
# default here would win over wsgi.py's and asgi.py's (gunicorn with DEBUG on).
# ``manage.py`` sets the dev default before importing anything; ``make worker`` and
# ``newsroom.rundemo`` name the dev settings themselves.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.prod")

app = Celery("newsroom")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_configure.connect
def ensure_queue_folders(sender, **kwargs) -> None:
    """Create the embedded broker's folders, which kombu's filesystem transport expects
    to exist, in the web process and the worker alike."""
    options = sender.conf.broker_transport_options or {}
    for key in (
        "data_folder_in",
        "data_folder_out",
        "processed_folder",
        "control_folder",
    ):
        if options.get(key):
            Path(options[key]).mkdir(parents=True, exist_ok=True)
