"""Reads of the planning workspace, one module per area."""
