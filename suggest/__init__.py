"""The suggestion engine: pure functions from an article's text to suggested spans.

Entity candidates, registry mentions (from names it is given), quotes with speakers,
check-worthy claims and copy-desk flags. Nothing here imports an app or the ORM: the
apps hold thin adapters (``entities.matcher`` loads the registry, and
``articles.services.repeats`` queries checked claims) and call in, so the apps'
one-way dependency (articles -> entities -> Django) is kept, with both depending on
this package and this package on neither.
"""
