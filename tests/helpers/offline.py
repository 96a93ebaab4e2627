"""Running code in a fresh interpreter with the network blocked: the model and word data must
load from installed packages (issue 11: nothing downloads at run time)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BLOCK_NETWORK = r"""
import socket

def blocked(*args, **kwargs):
    raise OSError("network access blocked by the test")

socket.socket.connect = blocked
socket.socket.connect_ex = blocked
socket.create_connection = blocked
socket.getaddrinfo = blocked
"""


def run_offline(
    code: str, folder: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``code`` run by a fresh interpreter in ``folder`` (also its HOME) with ``args`` as its
    ``sys.argv[1:]``, every socket call failing and proxies pointing nowhere; ``env`` adds
    variables."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(folder),
        "http_proxy": "http://127.0.0.1:9",
        "https_proxy": "http://127.0.0.1:9",
        **(env or {}),
    }
    return subprocess.run(
        [sys.executable, "-c", BLOCK_NETWORK + code, *args],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
