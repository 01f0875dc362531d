from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"

    def ready(self):
        from articles import signals  # noqa: F401  (re-anchoring on body edits)

        # The desk's Celery tasks live outside ``articles.tasks``, which
        # ``autodiscover_tasks`` finds on its own: register them here.
        from articles.desk import tasks as desk_tasks  # noqa: F401
