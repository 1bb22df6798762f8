"""Counts the fuzz test's cases, so the run's summary can report them."""

FUZZ = {"cases": 0, "patterns": 0, "server_errors": 0}
