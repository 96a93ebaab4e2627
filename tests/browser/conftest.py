"""A real browser for tests: Debian's Chromium driven by Playwright, never a downloaded one.

Fixtures any test under tests/browser/ can use:

``chromium``
    The browser, one per session. When ``/usr/bin/chromium`` (or ``$PLAINPOST_CHROMIUM``) or
    the ``playwright`` package is missing, every test using it is skipped with the reason,
    unless ``PLAINPOST_REQUIRE_BROWSER=1`` (set by ``.ci/run``): then they fail.
``serve_dir(folder) -> str``
    Serves a folder on ``http://127.0.0.1:<port>/`` for the session and returns that base URL.
``browser_page(url) -> Visit``
    Opens a URL (``file://`` or the local server) in a fresh browser context and returns a
    :class:`Visit`: the Playwright page plus what happened while it loaded and afterwards:
    console errors, uncaught page errors, every request, failed requests and HTTP errors,
    dialogs (``alert``/``confirm``/``prompt``, dismissed at once) and requests to any other
    host, which are blocked so a test never touches the network.

``run_axe(page, tags=WCAG_TAGS) -> list[dict]``
    Runs the vendored axe-core on a page and returns its violations, by default for the WCAG
    2.0/2.1 A and AA tags.
``describe_violations(violations) -> str``
    A readable failure message (rule, impact, help link and the first failing nodes).

They are fixtures, not imports, so that any test folder can use them without sys.path tricks.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path(os.environ.get("PLAINPOST_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_JS = Path(__file__).parent / "vendor" / "axe.min.js"
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", ""})


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: needs Debian's Chromium (tests/browser)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


def _unavailable(reason: str) -> None:
    if os.environ.get("PLAINPOST_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (PLAINPOST_REQUIRE_BROWSER=1: browser tests must run)")
    pytest.skip(f"{reason}; install it with `apt-get install chromium` to run browser tests")


# package scope: Playwright's sync API keeps an event loop running in this thread while the
# browser is open, which would break every async (pytest-asyncio) test that runs after this folder
@pytest.fixture(scope="package")
def chromium() -> Iterator[Any]:
    if not CHROMIUM.is_file():
        _unavailable(f"Chromium not found at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install -e '.[test]')")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            browser.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def serve_dir() -> Iterator[Callable[[Path], str]]:
    servers: dict[Path, tuple[http.server.ThreadingHTTPServer, str]] = {}

    def serve(folder: Path) -> str:
        folder = Path(folder).resolve()
        if folder not in servers:
            handler = functools.partial(_QuietHandler, directory=str(folder))
            server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            servers[folder] = (server, f"http://127.0.0.1:{server.server_address[1]}/")
        return servers[folder][1]

    yield serve
    for server, _ in servers.values():
        server.shutdown()
        server.server_close()


@dataclass
class Visit:
    page: Any  # playwright.sync_api.Page
    url: str
    console_errors: list[str] = field(default_factory=list)  # "text [url of the resource]"
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)  # "url: reason" or "url: HTTP 404"
    blocked: list[str] = field(default_factory=list)  # requests to other hosts, aborted
    dialogs: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        """Everything that should not happen on a clean page, one line each."""
        return [
            *(f"console error: {m}" for m in self.console_errors),
            *(f"page error: {m}" for m in self.page_errors),
            *(f"failed request: {m}" for m in self.failed_requests),
            *(f"blocked request: {m}" for m in self.blocked),
            *(f"dialog: {m}" for m in self.dialogs),
        ]


def _local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("file", "data", "about") or parts.hostname in LOCAL_HOSTS


@pytest.fixture
def browser_page(chromium: Any) -> Iterator[Callable[..., Visit]]:
    contexts: list[Any] = []

    def open_page(url: str, *, wait_until: str = "load") -> Visit:
        context = chromium.new_context(java_script_enabled=True)
        contexts.append(context)
        page = context.new_page()
        visit = Visit(page=page, url=url)

        def route(r: Any) -> None:
            if _local(r.request.url):
                r.continue_()
            else:
                visit.blocked.append(r.request.url)
                r.abort("blockedbyclient")

        def on_dialog(dialog: Any) -> None:
            visit.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        def on_response(response: Any) -> None:
            if response.status >= 400:
                visit.failed_requests.append(f"{response.url}: HTTP {response.status}")

        def on_failed(request: Any) -> None:
            if request.url not in visit.blocked:
                visit.failed_requests.append(f"{request.url}: {request.failure}")

        context.route("**/*", route)
        page.on("dialog", on_dialog)

        def on_console(message: Any) -> None:
            if message.type == "error":
                where = (message.location or {}).get("url", "")
                visit.console_errors.append(f"{message.text} [{where}]" if where else message.text)

        page.on("console", on_console)
        page.on("pageerror", lambda e: visit.page_errors.append(str(e)))
        page.on("request", lambda r: visit.requests.append(r.url))
        page.on("response", on_response)
        page.on("requestfailed", on_failed)
        page.goto(url, wait_until=wait_until)
        return visit

    yield open_page
    for context in contexts:
        context.close()


def axe_violations(page: Any, tags: tuple[str, ...] = WCAG_TAGS) -> list[dict[str, Any]]:
    """axe-core's violations on the page for the given rule tags (WCAG 2 A/AA by default).

    The script is evaluated through the DevTools protocol, so a page's Content Security Policy
    (which forbids scripts) does not stop it and nothing is added to the page's own markup.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result: dict[str, Any] = page.evaluate(
        """async (tags) => await window.axe.run(document, {
            runOnly: {type: 'tag', values: tags},
            resultTypes: ['violations'],
        })""",
        list(tags),
    )
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def describe_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} - {v['helpUrl']}")
        for node in v["nodes"][:5]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['failureSummary']}")
    return "\n".join(lines)


@pytest.fixture(scope="session")
def run_axe() -> Callable[..., list[dict[str, Any]]]:
    return axe_violations


@pytest.fixture(name="describe_violations", scope="session")
def describe_violations_fixture() -> Callable[[list[dict[str, Any]]], str]:
    return describe_violations
