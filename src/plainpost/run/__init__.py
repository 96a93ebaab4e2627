"""The run layer: a run over many posts (rule set, files, resources, cache, batch runner)."""

# Below this many posts to check, starting processes costs more than it saves. Each worker builds
# its own linter (about as long as the parent would), so the break-even is a few posts when the
# grammar engine is on (~0.1 s a post) and a few dozen without it (~0.01 s a post). Here, not in
# batch.py, so the command line can tell before it imports the checks (cli.lint).
PARALLEL_MIN_FILES = 16
