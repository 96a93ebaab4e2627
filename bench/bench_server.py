"""Language server latency: re-lint after a one-word edit in a warm `plainpost server`, and
start-up to first diagnostics, beside `plainpost lint` of the same post in the same run.

    python bench/bench_server.py                      # 10 rounds of 5 edits, 3 start-ups
    python bench/bench_server.py --rounds 20 --json bench/results/server.json
    python bench/bench_server.py --post content/drafts/running-is-not-bad-for-your-knees.md

The post is content/posts/running-and-your-knees.md (about 1,100 words, a real post of this
repository; `--post` takes another, e.g. the seed draft with its 42 findings). A minimal LSP
client (JSON-RPC over the server's stdin and stdout, as an editor speaks it) opens the post,
then changes one word at a time ("knee" <-> "knees", at a spot further down the post each time)
and times each change from the moment it is written to the pipe to the moment the diagnostics
for that version arrive: the latency a writer sees, the server's debounce (50 ms by default)
included. Each round of edits is followed by one `plainpost lint --no-cache` process on the
same post (start-up included, as a writer running it by hand or in pre-commit sees it), so both
are measured on the same machine under the same load, interleaved. Start-up is a fresh server
process: spawn, initialize, open, first diagnostics. The number of diagnostics and of the CLI's
findings must agree.

Targets (issue 14): p95 warm re-lint under 150 ms, first diagnostics under 2 s.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
POST = REPO / "content" / "posts" / "running-and-your-knees.md"
SERVER = [sys.executable, "-m", "plainpost", "server"]


class Client:
    """Just enough of an LSP client: requests, notifications, and the diagnostics it gets."""

    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc
        self.next_id = 0
        self.waiting: dict[int, asyncio.Future[Any]] = {}
        self.published: asyncio.Queue[tuple[float, dict[str, Any]]] = asyncio.Queue()
        self.reader = asyncio.create_task(self._read())

    @classmethod
    async def start(cls) -> Client:
        proc = await asyncio.create_subprocess_exec(
            *SERVER,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,
        )
        return cls(proc)

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.proc.stdin is not None
        self.proc.stdin.write(f"Content-Length: {len(body)}\r\n\r\n".encode() + body)

    async def request(self, method: str, params: Any) -> Any:
        self.next_id += 1
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self.waiting[self.next_id] = future
        self._send({"id": self.next_id, "method": method, "params": params})
        return await future

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    async def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            length = 0
            while True:
                line = await out.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode().partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            message = json.loads(await out.readexactly(length))
            now = time.perf_counter()
            if "id" in message and "method" not in message:
                self.waiting.pop(message["id"]).set_result(message.get("result"))
            elif message.get("method") == "textDocument/publishDiagnostics":
                await self.published.put((now, message["params"]))
            elif "id" in message:  # a request from the server (e.g. registerCapability)
                self._send({"id": message["id"], "result": None})

    async def diagnostics(self, uri: str, version: int | None = None) -> tuple[float, Any]:
        while True:
            at, params = await asyncio.wait_for(self.published.get(), timeout=120)
            if params["uri"] == uri and (version is None or params.get("version") == version):
                return at, params["diagnostics"]

    async def stop(self) -> None:
        await self.request("shutdown", None)
        self.notify("exit", None)
        await asyncio.wait_for(self.proc.wait(), timeout=60)
        self.reader.cancel()


def initialize_params(root: Path, debounce_ms: int | None) -> dict[str, Any]:
    options = {} if debounce_ms is None else {"debounce_ms": debounce_ms}
    return {
        "processId": os.getpid(),
        "rootUri": root.as_uri(),
        "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
        "capabilities": {},
        "initializationOptions": options,
    }


async def open_post(client: Client, root: Path, uri: str, text: str, debounce: int | None) -> Any:
    await client.request("initialize", initialize_params(root, debounce))
    client.notify("initialized", {})
    item = {"uri": uri, "languageId": "markdown", "version": 1, "text": text}
    client.notify("textDocument/didOpen", {"textDocument": item})
    return await client.diagnostics(uri, 1)


def edit_spots(text: str, count: int) -> list[tuple[int, int]]:
    """(line, column) of a "knee" in the body for each edit, spread down the post."""
    lines = text.split("\n")
    body = text.index("\n---", 3) + 4
    first = text[:body].count("\n") + 1
    spots = [
        (i, line.index("knee")) for i, line in enumerate(lines) if i > first and "knee" in line
    ]
    return [spots[(k * 7) % len(spots)] for k in range(count)]


def utf16(line: str, col: int) -> int:
    return len(line[:col].encode("utf-16-le")) // 2


def cli_lint(root: Path, rel: str) -> tuple[float, int]:
    cmd = [*SERVER[:-1], "lint", "--no-cache", "--format", "json", rel]
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=root, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"plainpost lint failed ({proc.returncode}):\n{proc.stderr}")
    return elapsed, len(json.loads(proc.stdout)["findings"])


def p95(values: list[float]) -> float:
    if len(values) < 20:
        return max(values)
    return statistics.quantiles(values, n=20, method="inclusive")[18]


async def run(args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="plainpost-bench-server-") as tmp:
        root = Path(tmp)
        rel = "posts/running-and-your-knees.md"
        path = root / rel
        path.parent.mkdir(parents=True)
        text = args.post.read_text(encoding="utf-8")
        path.write_text(text, encoding="utf-8")
        uri = path.resolve().as_uri()

        startups: list[float] = []
        cli: list[float] = []
        cli_findings = -1
        for _ in range(args.startups):  # fresh processes, interleaved with the CLI
            start = time.perf_counter()
            client = await Client.start()
            at, diags = await open_post(client, root, uri, text, args.debounce_ms)
            startups.append(at - start)
            await client.stop()
            elapsed, cli_findings = cli_lint(root, rel)
            cli.append(elapsed)
            if len(diags) != cli_findings:
                raise SystemExit(f"server: {len(diags)} diagnostics, CLI: {cli_findings} findings")

        client = await Client.start()
        await open_post(client, root, uri, text, args.debounce_ms)
        lines = text.split("\n")
        spots = edit_spots(text, args.rounds * args.edits)
        latencies: list[float] = []
        version = 1
        for r in range(args.rounds):
            for line, col in spots[r * args.edits : (r + 1) * args.edits]:
                plural = lines[line][col : col + 5] == "knees"  # knees -> knee, knee -> knees
                word, old = ("knee", 5) if plural else ("knees", 4)
                start = utf16(lines[line], col)
                change = {
                    "range": {
                        "start": {"line": line, "character": start},
                        "end": {"line": line, "character": start + old},
                    },
                    "text": word,
                }
                lines[line] = lines[line][:col] + word + lines[line][col + old :]
                version += 1
                sent = time.perf_counter()
                client.notify(
                    "textDocument/didChange",
                    {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]},
                )
                at, _ = await client.diagnostics(uri, version)
                latencies.append(at - sent)
                await asyncio.sleep(args.pause)  # a writer's pause before the next word
            elapsed, _ = cli_lint(root, rel)
            cli.append(elapsed)
        await client.stop()

    return {
        "post": args.post.resolve().relative_to(REPO).as_posix(),
        "words": len(text.split()),
        "findings": cli_findings,
        "debounce_ms": args.debounce_ms if args.debounce_ms is not None else 50,
        "edits": len(latencies),
        "relint_ms": {
            "median": statistics.median(latencies) * 1000,
            "p95": p95(latencies) * 1000,
            "min": min(latencies) * 1000,
            "max": max(latencies) * 1000,
        },
        "startup_s": {"median": statistics.median(startups), "max": max(startups)},
        "cli_lint_s": {"median": statistics.median(cli), "min": min(cli), "max": max(cli)},
        "load_average": os.getloadavg()[0],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=10, help="rounds (each: edits, one CLI lint)")
    parser.add_argument("--edits", type=int, default=5, help="one-word edits per round")
    parser.add_argument("--startups", type=int, default=3, help="fresh server start-ups")
    parser.add_argument("--pause", type=float, default=0.2, help="seconds between edits")
    parser.add_argument("--debounce-ms", type=int, default=None, help="server debounce (50)")
    parser.add_argument("--post", type=Path, default=POST, help="the post to edit")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    result = asyncio.run(run(args))
    r, s, c = result["relint_ms"], result["startup_s"], result["cli_lint_s"]
    print(f"{result['post']}: {result['words']} words, {result['findings']} findings")
    print(
        f"warm re-lint after a one-word edit ({result['edits']} edits, debounce "
        f"{result['debounce_ms']} ms included): median {r['median']:.0f} ms, "
        f"p95 {r['p95']:.0f} ms (min {r['min']:.0f}, max {r['max']:.0f})"
    )
    print(f"start-up to first diagnostics: median {s['median']:.2f} s (max {s['max']:.2f} s)")
    print(
        f"plainpost lint --no-cache of the same post: median {c['median']:.2f} s "
        f"(min {c['min']:.2f}, max {c['max']:.2f}); warm server median is "
        f"{c['median'] * 1000 / r['median']:.0f}x faster"
    )
    print(f"load average: {result['load_average']:.2f}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
