"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py`.

The web hosts keep no local state, so several of them can run behind a load balancer.
"""

import multiprocessing
import os

wsgi_app = "newsroom.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")  # noqa: S104 - behind a proxy
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
accesslog = "-"
errorlog = "-"
# gunicorn 27 opens a control socket in ~/.gunicorn by default; web hosts need none.
control_socket_disable = True
