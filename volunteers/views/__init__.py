"""Volunteers' own pages, by page: joining and "link lost?" (join), the personal
page with sign-up, withdrawal and the printable list (mine), "Meine Daten"
(data: see, download, delete). No password: the
unguessable token in the link is the access. Views parse, call one selector or
service, render; every rule lives in volunteers.services and volunteers.selectors.
"""

from volunteers.views.data import data_delete, data_json, data_page  # noqa: F401
from volunteers.views.join import join, link_resend, received  # noqa: F401
from volunteers.views.links import link_renew  # noqa: F401
from volunteers.views.mine import mine, print_list, signup, withdraw  # noqa: F401
