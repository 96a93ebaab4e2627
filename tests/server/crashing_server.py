"""`plainpost server` with a bug put into one check on purpose: on a post that contains
CRASH-ME the empty-section check raises, as a real bug in a check would. Everything else is
the real server (the tests start this file instead of `python -m plainpost server`)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from plainpost.checks.kinds import KINDS
from plainpost.cli import main

working = KINDS["empty-section"]


def broken(doc: Any, rule: Any, ctx: Any) -> Any:
    if "CRASH-ME" in doc.text:
        raise ZeroDivisionError("division by zero")
    return working.check(doc, rule, ctx)


KINDS["empty-section"] = replace(working, check=broken)

if __name__ == "__main__":
    main(["server"])
