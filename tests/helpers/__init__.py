"""Helpers shared by the test suites, imported as ``tests.helpers.X`` (tests is a package)."""
