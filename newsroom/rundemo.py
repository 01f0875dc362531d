"""Run the whole demo in one command: the web server, and a Celery worker with beat.

``python -m newsroom.rundemo [HOST:PORT]`` (what ``make demo`` runs after setting up)
starts ``manage.py runserver`` and ``celery -A newsroom worker --beat --pool solo`` as
child processes on the embedded filesystem broker, and stops both on Ctrl-C (or when
either of them stops). Each child runs in its own process group, so that runserver's
autoreloader child goes with it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STOP_SECONDS = 15


def commands(host: str) -> dict[str, list[str]]:
    python = sys.executable
    return {
        "web": [python, str(ROOT / "manage.py"), "runserver", host],
        "worker": [
            python,
            "-m",
            "celery",
            "-A",
            "newsroom",
            "worker",
            "--beat",
            "--pool",
            "solo",
            "--loglevel",
            "INFO",
        ],
    }


def queue_folder() -> Path:
    """The embedded broker's folder (settings: CELERY_QUEUE_FOLDER)."""
    default = ROOT / "var" / "celery"
    return Path(os.environ.get("CELERY_QUEUE_FOLDER", str(default)))


def prepare() -> None:
    folder = queue_folder()
    for name in ("queue", "processed", "control"):
        (folder / name).mkdir(parents=True, exist_ok=True)


def start(host: str) -> dict[str, subprocess.Popen]:
    # The demo runs the development settings, always: importing the ``newsroom``
    # package (as ``-m newsroom.rundemo`` did) already set the production default.
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "newsroom.settings.dev"}
    return {
        name: subprocess.Popen(  # noqa: S603 - our own fixed commands
            command, cwd=ROOT, env=env, start_new_session=True
        )
        for name, command in commands(host).items()
    }


def stop(children: dict[str, subprocess.Popen]) -> None:
    """SIGTERM each child's process group, wait, then SIGKILL what is left."""
    for child in children.values():
        if child.poll() is None:
            try:
                os.killpg(child.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
    deadline = time.monotonic() + STOP_SECONDS
    for child in children.values():
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            try:
                os.killpg(child.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            child.wait(timeout=5)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    host = argv[0] if argv else "127.0.0.1:8000"
    prepare()
    children = start(host)
    stopping = {"signal": None}

    def on_signal(signum, frame):
        stopping["signal"] = signum

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    print(
        f"Newsroom demo: http://{host}/ (web) and a Celery worker with beat. "
        "Ctrl-C stops both.",
        flush=True,
    )
    try:
        while stopping["signal"] is None:
            ended = [
                name for name, child in children.items() if child.poll() is not None
            ]
            if ended:
                print(f"{', '.join(ended)} stopped: stopping the demo.", flush=True)
                break
            time.sleep(0.5)
    finally:
        stop(children)
    return 0


if __name__ == "__main__":
    sys.exit(main())
