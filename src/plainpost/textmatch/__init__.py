"""Text matching shared by the check kinds: term patterns, case folding, literal prefilters."""
