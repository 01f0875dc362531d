"""The desk: assignments, notifications and staff discussion.

- ``targets``: the items people work on (fact-check, claim, quote), their links and
  who may act on them;
- ``assignments``, ``comments``, ``notify``, ``preferences``: the services (writes);
- ``selectors``: the reads other pages build on (``assignments_for``, ``overdue``,
  ``unread_count``, ``threads_on``);
- ``tasks``: Celery jobs (mail, the daily re-check notices and digests);
- ``views``/``urls``/``forms``: the notification list, preferences, and the POST
  endpoints for assigning and commenting, used from the admin and the review pages.
"""
