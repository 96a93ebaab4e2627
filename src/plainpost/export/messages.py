"""What `plainpost build` prints: pure functions from results to lines."""

from __future__ import annotations

from plainpost.export.site import BuildResult, PostResult
from plainpost.run.files import display_path


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def post_lines(post: PostResult) -> list[str]:
    if post.status in ("unreadable", "failed"):
        return []  # reported once, as an error, at the end
    if post.status == "skipped":
        return [f"skipped {post.path}: {post.problem}"]
    if post.status == "refused":
        why = post.problem or f"{_plural(len(post.errors), 'error')}"
        lines = [f"refused {post.path}: {why}"]
    else:
        lines = [f"built {post.path} -> {post.page}"]
        if post.status == "forced":
            lines[0] += f" (--force: published with {_plural(len(post.errors), 'error')})"
    lines.extend(
        f"  {f.path}:{f.line}:{f.column}: {f.severity.label}: {f.message} [{f.rule}]"
        for f in post.errors
    )
    lines.extend(f"  note: {note}" for note in post.notes)
    return lines


def summary_line(result: BuildResult) -> str:
    built = result.count("built", "forced")
    parts = [f"{_plural(built, 'page')} written to {display_path(result.out)}/"]
    if result.removed:
        parts.append(f"{_plural(len(result.removed), 'stale file')} of earlier builds removed")
    refused = result.count("refused")
    if refused:
        parts.append(f"{_plural(refused, 'post')} refused (fix the errors, or use --force)")
    if result.errors:
        parts.append(f"{_plural(len(result.errors), 'input error')}")
    return "; ".join(parts)
