"""The run layer: a run over many posts (rule set, files, resources, cache, batch runner)."""
