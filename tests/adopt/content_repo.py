"""A content repository as a team has one: posts, drafts, a README, a git-ignored folder of
another tool's files and a nested config, made in a temporary folder with git."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.git import run_git

# Every post carries one page-chrome line, so the findings name exactly the files linted.
POST = "---\ntitle: {title}\ntype: page\n---\n\nSkip to content\n\nA short, plain post.\n"
ROOT_CONFIG = 'paths = ["posts"]\nexclude = ["posts/drafts/**"]\n'
CLINIC_CONFIG = '[rules.page-chrome]\nseverity = "warning"\n'

# what `plainpost lint` must check: not the README, drafts, node_modules or the .git folder
POSTS = ["posts/a.md", "posts/b.md", "posts/clinic/c.md", "posts/clinic/d.md"]
NOT_POSTS = [
    "README.md",
    "posts/README.md",
    "posts/drafts/wip.md",
    "node_modules/pkg/README.md",
    "node_modules/pkg/guide.md",
    "build/page.md",
    "posts/notes.txt",
]


def make_content_repo(root: Path, *, commit: bool = True) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for rel in [*POSTS, *NOT_POSTS]:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(POST.format(title=Path(rel).stem), encoding="utf-8")
    (root / "plainpost.toml").write_text(ROOT_CONFIG, encoding="utf-8")
    (root / "posts" / "clinic" / "plainpost.toml").write_text(CLINIC_CONFIG, encoding="utf-8")
    (root / ".gitignore").write_text("node_modules/\n/build/\n.plainpost_cache/\n")
    run_git(root, "init", "-q", "-b", "main")
    if commit:
        run_git(root, "add", "-A")
        run_git(root, "commit", "-q", "-m", "content")
    return root
