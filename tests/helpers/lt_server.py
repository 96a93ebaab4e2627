"""A small LanguageTool server for tests: LanguageTool's documented HTTP API, real HTTP.

It implements ``GET /v2/languages`` and ``POST /v2/check`` as documented at
https://languagetool.org/http-api/ (form-encoded ``language`` plus ``text`` or ``data``;
``data`` is ``{"annotation": [{"text": ...} | {"markup": ..., "interpretAs": ...}]}``), with a
few checks of its own: words from a typo list, doubled words and "a" before a vowel letter.
Like LanguageTool, it checks the text the annotation stands for and reports ``offset`` and
``length`` in UTF-16 code units of the *original* text (text and markup together).
"""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

TYPOS = {"teh": "the", "recieve": "receive", "wierd": "weird", "hamstirng": "hamstring"}
LANGUAGES = [
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English", "code": "en", "longCode": "en"},
]


def _utf16(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


def plain_and_map(items: list[dict[str, str]]) -> tuple[str, str, list[int]]:
    """(original text, the text it stands for, original index of each plain character)."""
    original = []
    plain = []
    where: list[int] = []
    pos = 0
    for item in items:
        if "text" in item:
            for i, c in enumerate(item["text"]):
                plain.append(c)
                where.append(pos + i)
            original.append(item["text"])
            pos += len(item["text"])
        else:
            markup = item["markup"]
            for c in item.get("interpretAs", ""):
                plain.append(c)
                where.append(pos)
            original.append(markup)
            pos += len(markup)
    where.append(pos)
    return "".join(original), "".join(plain), where


def check(plain: str) -> list[tuple[int, int, str, list[str], str, str, str]]:
    """(start, end, message, replacements, rule id, category id, issue type) on plain text."""
    out = []
    for m in re.finditer(r"[A-Za-z']+", plain):
        word = m.group()
        if word.lower() in TYPOS:
            out.append(
                (
                    m.start(),
                    m.end(),
                    "Possible spelling mistake found.",
                    [TYPOS[word.lower()]],
                    "MORFOLOGIK_RULE_EN_GB",
                    "TYPOS",
                    "misspelling",
                )
            )
    for m in re.finditer(r"\b(\w+)\s+(\1)\b", plain, re.I):
        out.append(
            (
                m.start(),
                m.end(),
                "Possible typo: you repeated a word.",
                [m.group(1)],
                "ENGLISH_WORD_REPEAT_RULE",
                "MISC",
                "duplication",
            )
        )
    for m in re.finditer(r"\b[aA] (?=[aeioAEIO]\w)", plain):
        out.append(
            (
                m.start(),
                m.start() + 1,
                "Use “an” instead of “a” if the following word starts with a vowel sound.",
                ["an"],
                "EN_A_VS_AN",
                "MISC",
                "misspelling",
            )
        )
    for m in re.finditer(r"  +", plain):
        out.append(
            (
                m.start(),
                m.end(),
                "Possible typo: you repeated a whitespace",
                [" "],
                "WHITESPACE_RULE",
                "TYPOGRAPHY",
                "whitespace",
            )
        )
    return out


class Server:
    """Starts on 127.0.0.1 on a free port; records every request it is sent."""

    def __init__(self, status: int = 200) -> None:
        self.requests: list[dict[str, str]] = []
        self.status = status
        self.languages = True  # serve /v2/languages
        self.trickle = 0.0  # seconds between the bytes of a /v2/check reply (0: all at once)
        # set on exit: a trickling reply stops there (closing the server waits for its handlers,
        # and a reply trickled to the end would take half a minute after the client gave up)
        self.closing = threading.Event()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _send(self, status: int, body: object) -> None:
                data = json.dumps(body).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if outer.trickle and self.command == "POST":
                    for i in range(len(data)):  # one byte at a time, each well within a read
                        self.wfile.write(data[i : i + 1])
                        self.wfile.flush()
                        if outer.closing.wait(outer.trickle):
                            return
                    return
                self.wfile.write(data)

            def do_GET(self) -> None:
                if self.path.rstrip("/") == "/v2/languages" and outer.languages:
                    self._send(200, LANGUAGES)
                else:
                    self._send(404, {"error": "not found"})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length).decode("utf-8")
                form = {k: v[0] for k, v in parse_qs(body).items()}
                outer.requests.append(form)
                if self.path.rstrip("/") != "/v2/check":
                    self._send(404, {"error": "not found"})
                    return
                if outer.status != 200:
                    self.send_response(outer.status)
                    self.send_header("Content-Length", "13")
                    self.end_headers()
                    self.wfile.write(b"Error: broken")
                    return
                if "data" in form:
                    items = json.loads(form["data"])["annotation"]
                else:
                    items = [{"text": form.get("text", "")}]
                original, plain, where = plain_and_map(items)
                disabled = set(filter(None, form.get("disabledRules", "").split(",")))
                disabled_cats = set(filter(None, form.get("disabledCategories", "").split(",")))
                matches = []
                for s, e, message, repl, rule, cat, issue in check(plain):
                    if rule in disabled or cat in disabled_cats:
                        continue
                    o_start, o_end = where[s], where[e - 1] + 1
                    matches.append(
                        {
                            "message": message,
                            "shortMessage": "",
                            "replacements": [{"value": r} for r in repl],
                            "offset": _utf16(original, o_start),
                            "length": _utf16(original, o_end) - _utf16(original, o_start),
                            "context": {
                                "text": plain[max(0, s - 20) : e + 20],
                                "offset": 0,
                                "length": e - s,
                            },
                            "sentence": plain,
                            "type": {"typeName": "Other"},
                            "rule": {
                                "id": rule,
                                "description": message,
                                "issueType": issue,
                                "category": {"id": cat, "name": cat.title()},
                            },
                            "ignoreForIncompleteSentence": False,
                            "contextForSureMatch": 0,
                        }
                    )
                self._send(
                    200,
                    {
                        "software": {"name": "LanguageTool", "version": "6.5", "apiVersion": 1},
                        "language": {"name": "English", "code": form.get("language", "")},
                        "matches": matches,
                    },
                )

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.closing.set()
        self.httpd.shutdown()
        self.httpd.server_close()
