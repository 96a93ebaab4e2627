"""Publishing: posts in, cleaned, sanitised, accessible HTML pages out.

The flow, one module each: ``site`` (lint, refuse, orchestrate, write) -> ``clean`` (findings
drive the cleaning) -> ``render`` (markdown-it) -> ``sanitize`` (nh3 allowlist) -> ``meta`` and
``page`` (front matter, JSON-LD, Jinja2 templates in ``templates/``) ; ``assets`` copies images.
"""

from plainpost.export.site import BuildError, BuildResult, PostResult, build_site

__all__ = ["BuildError", "BuildResult", "PostResult", "build_site"]
