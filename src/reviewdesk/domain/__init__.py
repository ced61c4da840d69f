"""Plain-Python model of a brief and its review: no I/O, no Qt."""
