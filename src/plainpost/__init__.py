"""plainpost: a plain-language linter and publishing pipeline for health blogs."""

from importlib import metadata

try:  # one version: the package metadata (pyproject.toml), read by --version and the action
    __version__ = metadata.version("plainpost")
except metadata.PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0.0.0+unknown"
