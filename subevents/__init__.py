"""Sub-event modules: one Django app per specialised part of the week, each
depending on the core only and plugged into it through events.registry."""
