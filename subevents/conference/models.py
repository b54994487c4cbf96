"""Models of the conference module."""
