"""The server survives a check that crashes, and leaves nothing behind when the editor
shuts it down or goes away."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

import pytest
import pytest_lsp
from pytest_lsp import ClientServerConfig, LanguageClient

from tests.helpers.lsp import (
    SERVER,
    Editor,
    initialize_params,
    make_client,
    make_workspace,
    with_code,
)

pytestmark = pytest.mark.asyncio(loop_scope="module")
CRASHING = [sys.executable, str(Path(__file__).with_name("crashing_server.py"))]


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=CRASHING, client_factory=make_client),
    scope="module",
)
async def client(lsp_client: LanguageClient, workspace: Path):
    await lsp_client.initialize_session(initialize_params(workspace))
    yield
    await lsp_client.shutdown_session()


async def test_a_crashing_check_is_one_diagnostic_and_the_server_stays_up(editor):
    crash = await editor.open("posts/crash.md", "# Knees\n\nCRASH-ME rest the the knee.\n")
    assert len(crash) == 1
    assert "internal error while checking this post (ZeroDivisionError" in crash[0].message
    assert crash[0].message.startswith("posts/crash.md: ")
    assert crash[0].code == "check-failed"
    # the next post, and the next version of this one, are checked as usual
    assert with_code(
        await editor.open("posts/fine.md", "# Knees\n\nRest the the knee.\n"), "doubled-word"
    )
    fixed = await editor.change("posts/crash.md", "# Knees\n\nRest the the knee.\n")
    assert with_code(fixed, "doubled-word")


def children(pid: int) -> set[int]:
    out: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        out |= {int(t) for t in text}
    return out


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


async def test_shutdown_and_exit_leave_no_process(tmp_path):
    root = make_workspace(tmp_path / "blog")
    client = await ClientServerConfig(server_command=SERVER, client_factory=make_client).start()
    try:
        await client.initialize_session(initialize_params(root))
        editor = Editor(client, root)
        assert await editor.open("posts/seed.md")
        server = client._server
        kids = children(server.pid)
        await client.shutdown_session()  # shutdown, then exit: waits for the process
        assert server.returncode == 0
        assert not [k for k in kids if alive(k)], "the server left processes behind"
    finally:
        await client.stop()


def frame(message: dict) -> bytes:
    body = json.dumps(message).encode()
    return f"Content-Length: {len(body)}\r\n\r\n".encode() + body


async def test_the_server_exits_when_the_editor_goes_away(tmp_path):
    """No shutdown, no exit: the editor crashed and its end of the pipe closed."""
    root = make_workspace(tmp_path / "blog")
    proc = subprocess.Popen(
        SERVER, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    try:
        init = {
            "jsonrpc": "2.0",
            "id": 1,
            "method": "initialize",
            "params": {"processId": None, "rootUri": root.as_uri(), "capabilities": {}},
        }
        proc.stdin.write(frame(init))
        proc.stdin.flush()
        header = proc.stdout.readline()  # the server answered: it is up
        assert header.startswith(b"Content-Length")
        proc.stdin.close()
        proc.stdout.close()
        code = await asyncio.to_thread(proc.wait, 60)
        assert code is not None
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
