"""The planning workspace's pages, one module per area; each module lists its own
`urlpatterns` (under /orga/planning/) and the releases module also
`public_urlpatterns` (the public "Programmänderungen" page and its feed)."""
