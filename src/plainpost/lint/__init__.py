"""The lint layer: one post -> findings (the checks run, merged, suppressed, sorted)."""
