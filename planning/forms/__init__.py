"""Forms of the planning workspace, one module per area."""
