"""What the benchmarks share: appending to bench/RESULTS.md and asking a Django shell
in another process (so the benchmark's own process holds no connection or cache)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "RESULTS.md"


def append_section(heading: str, intro: str, text: str) -> None:
    """Append ``text`` under ``heading`` (added with ``intro`` the first time)."""
    existing = RESULTS.read_text() if RESULTS.exists() else "# Benchmark results\n"
    if heading not in existing:
        existing = existing.rstrip("\n") + f"\n\n{heading}\n\n{intro}\n"
    RESULTS.write_text(existing.rstrip("\n") + "\n\n" + text)


def shell_output(script: str, env: dict[str, str], *, timeout: int) -> str:
    """The last line ``script`` printed, run by ``manage.py shell`` with ``env``."""
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1]
