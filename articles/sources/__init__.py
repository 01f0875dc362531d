"""Fetching and judging the pages citations point to.

- ``addresses``: DNS resolution with a time limit, and the rule on which addresses
  may be fetched (no private, loopback, link-local, … — SSRF safety);
- ``fetcher``: one GET with bounded time and size, redirects followed by hand and
  checked hop by hop, the connection pinned to the address that was checked, and
  robots.txt honoured;
- ``extract``: a page's title and readable text (the stdlib HTML parser);
- ``health``: the verdict on a fetch (ok, dead, moved, changed, unreachable).

Nothing here touches the database: ``articles.services.sources`` stores the checks.
"""
