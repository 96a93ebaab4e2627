"""The engines in the parallel runner's worker processes: each builds its own, same findings."""

from __future__ import annotations

from plainpost.config import Config
from plainpost.run.batch import PARALLEL_MIN_FILES, lint_batch
from tests.helpers.runs import run_of

POST = "---\ntitle: Post {n}\nlang: en-GB\n---\n\nRest untill its been a week, then walk.\n"


def test_workers_find_what_one_process_finds(repo, tmp_path):
    files = []
    for n in range(max(PARALLEL_MIN_FILES, 4) + 2):
        path = tmp_path / f"post-{n:02d}.md"
        path.write_text(POST.format(n=n), encoding="utf-8")
        files.append(path)
    spec = run_of(Config(root=repo), ("spelling", "grammar"))
    serial = lint_batch(spec, files, use_cache=False, jobs=1)
    parallel = lint_batch(spec, files, use_cache=False, jobs=2)
    assert parallel.jobs == 2
    key = [(f.path, f.line, f.column, f.rule, f.suggestions) for f in serial.findings]
    assert key == [(f.path, f.line, f.column, f.rule, f.suggestions) for f in parallel.findings]
    assert {f.rule for f in parallel.findings} == {"misspelling", "its-it-s"}
    assert len(parallel.findings) == 2 * len(files)
