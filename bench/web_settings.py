"""Settings of the server that bench/http.py starts: production's, plus a bare view.

The bare view (``/bench/bare/<name>/``) renders a template holding exactly the bytes
of a public page, through the same middleware, with no database: the yardstick the
public pages are compared with. BENCH_TEMPLATES names the folder of those templates.
"""

from newsroom import env
from newsroom.settings.prod import *  # noqa: F403

ROOT_URLCONF = "bench.web_urls"
_templates = TEMPLATES[0]  # noqa: F405
_templates["DIRS"] = [*_templates["DIRS"], env.get("BENCH_TEMPLATES", "/nonexistent")]
