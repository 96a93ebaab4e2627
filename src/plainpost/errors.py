"""One error hierarchy, and the exit codes (ruff's): 0 clean, 1 findings at or above the fail
level, 2 usage, config or input errors.

Every error plainpost reports to a user is a :class:`PlainpostError`: its message is one line
that names the file (and the key) at fault, and the command line prints it and exits with
:data:`EXIT_ERROR`. Two branches say what happens to the rest of the run:

* :class:`SetupError` -- the run cannot start or go on (a bad config or rule file, an engine that
  cannot run): it stops, wherever the error is raised (building the linter, or in a worker);
* ``InputError`` (in ``document.source``) -- one post cannot be read or checked: it is reported
  and the run completes the other posts.

This module is the bottom layer: it imports nothing from plainpost.
"""

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2
# a run stopped by a signal exits 128 + its number, as a shell reports it: 130 for SIGINT
# (Ctrl-C), 143 for SIGTERM
EXIT_SIGNAL_BASE = 128


class PlainpostError(Exception):
    """A problem reported as one line naming the path; the command exits 2."""


class SetupError(PlainpostError):
    """The run cannot start or go on: bad configuration or rule files, an unusable engine."""


class Interrupted(BaseException):
    """SIGTERM (or SIGHUP) arrived: raised by the command line's handler, so the run unwinds as
    it does for Ctrl-C's KeyboardInterrupt (workers stopped, no partial output), never caught
    by an ``except Exception``."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
