"""The Newsroom project. Importing it loads the Celery app, so that tasks defined with
``shared_task`` bind to it in web processes and workers alike."""

from newsroom.celery import app as celery_app

__all__ = ["celery_app"]
