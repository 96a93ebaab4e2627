"""Exit codes (ruff's): 0 clean, 1 findings at or above the fail level, 2 usage/config/input."""

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2
