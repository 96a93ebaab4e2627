"""plainpost: a plain-language linter and publishing pipeline for health blogs."""

__version__ = "0.1.0"
