"""plainpost: a plain-language linter and publishing pipeline for health blogs."""

# The one version: the wheel's metadata is read from here (pyproject.toml's [tool.hatch.version]),
# so `plainpost --version` and the action's output need no importlib.metadata at start-up.
__version__ = "0.1.0"
