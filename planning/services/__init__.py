"""Writes of the planning workspace, one module per area (import from the module:
`from planning.services.ideas import idea_state_change`)."""
