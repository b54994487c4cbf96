"""Models of the cinema module."""
