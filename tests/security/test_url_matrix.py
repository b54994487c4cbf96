"""Every URL of the project, requested as every kind of visitor.

The tables below are the contract: for each URL pattern of festwoche.urls the exact
status a GET and an empty POST get, per role. The URL conf is walked, so a new URL
without a row fails the test (and a row whose URL is gone does too) — whoever adds
a page decides who may open it. The admin's URLs are all requested too; their
statuses follow from the groups' model permissions (expected_admin), with the
ModelAdmins that narrow them listed in ADMIN_RULES.

Token URLs carry the role's own token where the role holds one (the family holds
household A's links, the volunteer volunteer A's), else a token of nobody. A
third pass (same world: building it is the slow part) opens every token URL with
the B side's tokens, other kwargs still naming the A side's objects: it must never
show the A side's data. Anonymous visitors and partner B must not meet a word of
the A side's people (A_SECRETS) on any page or file.

POSTs the table expects to be refused (login, 400, 403, 404, 405) must change
nothing: the main tables are compared before and after. POSTs that are accepted
are rolled back, so every request sees the same world.

MATRIX_OBSERVE=/tmp/seen.json runs the passes without asserting and writes what
each role got (and the admin rule's answer) to that file: a start for a new row,
never a substitute for deciding what the row should be.
"""

import json
import os
import time

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client

from events import roles
from tests.events.factories import FestivalFactory
from tests.security.matrix_urls import (
    Entry,
    admin_model_of,
    token_kind,
    url_entries,
    url_for,
)
from tests.security.matrix_world import A_SECRETS, ROLES, World, build_world

pytestmark = pytest.mark.django_db

L = "login"  # a redirect to a login page (the site's or the admin's)
REFUSED = {L, 400, 403, 404, 405}

EVERYONE_200 = (200,) * 8
EVERYONE_302 = (302,) * 8
EVERYONE_400 = (400,) * 8
EVERYONE_404 = (404,) * 8
EVERYONE_405 = (405,) * 8
EVERYONE_415 = (415,) * 8
# A printed document: "being prepared" (its build task is queued after commit,
# which a test's transaction never reaches); the permission is checked before.
EVERYONE_503 = (503,) * 8

# URL key: (GET statuses, empty-POST statuses), in the order of ROLES:
#   anonymous, family, volunteer, partner_a, partner_b, lead, coordination, orga
# Token URLs: the family and the volunteer carry their own token, every other
# role a token of nobody (404). 302 after a POST: handled (an action redirects
# back, also after an empty form with a message); 200 after a POST: the form shown
# again with its errors; 400: the empty form or body refused; 401: the API asks
# for credentials; 405: wrong method (some views check it before the login).
MATRIX: dict[str, tuple[tuple, tuple]] = {
    "events:programme": (EVERYONE_200, EVERYONE_405),
    "events:event": (EVERYONE_200, EVERYONE_405),
    "events:venue": (EVERYONE_200, EVERYONE_405),
    "events:subevent": (EVERYONE_200, EVERYONE_405),
    "events:privacy": (EVERYONE_200, EVERYONE_405),
    "registrations:register": (EVERYONE_200, EVERYONE_200),
    "registrations:received": (EVERYONE_200, EVERYONE_405),
    "registrations:link": (EVERYONE_200, EVERYONE_200),
    "registrations:manage": ((404, 200, 404, 404, 404, 404, 404, 404), EVERYONE_405),
    "registrations:registered": (EVERYONE_404, EVERYONE_405),
    "registrations:cancel_registration": (EVERYONE_405, EVERYONE_404),
    "registrations:cancel_participant": (EVERYONE_405, EVERYONE_404),
    "registrations:change_party": (
        EVERYONE_405,
        (404, 200, 404, 404, 404, 404, 404, 404),
    ),
    "registrations:data_json": ((404, 200, 404, 404, 404, 404, 404, 404), EVERYONE_405),
    "registrations:data": ((404, 200, 404, 404, 404, 404, 404, 404), EVERYONE_405),
    "registrations:link_renew": (
        EVERYONE_405,
        (404, 302, 404, 404, 404, 404, 404, 404),
    ),
    "registrations:delete": (
        (404, 200, 404, 404, 404, 404, 404, 404),
        (404, 200, 404, 404, 404, 404, 404, 404),
    ),
    "volunteers:join": (EVERYONE_200, EVERYONE_200),
    "volunteers:received": (EVERYONE_200, EVERYONE_405),
    "volunteers:link": (EVERYONE_200, EVERYONE_200),
    "volunteers:mine": ((404, 404, 200, 404, 404, 404, 404, 404), EVERYONE_405),
    "volunteers:signup": (EVERYONE_405, (404, 404, 302, 404, 404, 404, 404, 404)),
    "volunteers:withdraw": (EVERYONE_405, (404, 404, 302, 404, 404, 404, 404, 404)),
    "volunteers:print": ((404, 404, 200, 404, 404, 404, 404, 404), EVERYONE_405),
    "volunteers:data_json": ((404, 404, 200, 404, 404, 404, 404, 404), EVERYONE_405),
    "volunteers:data": ((404, 404, 200, 404, 404, 404, 404, 404), EVERYONE_405),
    "volunteers:link_renew": (
        EVERYONE_405,
        (404, 404, 302, 404, 404, 404, 404, 404),
    ),
    "volunteers:delete": (
        (404, 404, 200, 404, 404, 404, 404, 404),
        (404, 404, 200, 404, 404, 404, 404, 404),
    ),
    "calendars:programme": (EVERYONE_200, EVERYONE_405),
    "calendars:sub_event": (EVERYONE_200, EVERYONE_405),
    "calendars:venue": (EVERYONE_200, EVERYONE_405),
    "calendars:event": (EVERYONE_200, EVERYONE_405),
    "calendars:household": ((404, 200, 404, 404, 404, 404, 404, 404), EVERYONE_405),
    "calendars:volunteer": ((404, 404, 200, 404, 404, 404, 404, 404), EVERYONE_405),
    "calendars:household_renew": (
        EVERYONE_405,
        (404, 302, 404, 404, 404, 404, 404, 404),
    ),
    "calendars:volunteer_renew": (
        EVERYONE_405,
        (404, 404, 302, 404, 404, 404, 404, 404),
    ),
    "printing:downloads": (EVERYONE_200, EVERYONE_405),
    "printing:programme": (EVERYONE_503, EVERYONE_405),
    "printing:programme-booklet": (EVERYONE_503, EVERYONE_405),
    "printing:poster-venue-day": (EVERYONE_503, EVERYONE_405),
    "printing:grid": (EVERYONE_503, EVERYONE_405),
    "printing:poster-sub-event": (EVERYONE_503, EVERYONE_405),
    "planning-public:changes": (EVERYONE_200, EVERYONE_405),
    "planning-public:changes-feed": (EVERYONE_200, EVERYONE_405),
    "conference:grid": (EVERYONE_200, EVERYONE_200),
    "conference:cfp": (EVERYONE_200, EVERYONE_400),
    "conference:withdraw": (
        (404, 200, 404, 404, 404, 404, 404, 404),
        (404, 200, 404, 404, 404, 404, 404, 404),
    ),
    "conference:overview": (
        (L, L, L, 403, 403, 403, 403, 200),
        (L, L, L, 403, 403, 403, 403, 200),
    ),
    "conference:submissions": (
        (L, L, L, 403, 403, 403, 403, 200),
        (L, L, L, 403, 403, 403, 403, 200),
    ),
    "conference:review": (
        (L, L, L, 403, 403, 403, 403, 200),
        (L, L, L, 403, 403, 403, 403, 400),
    ),
    "cinema:week": (EVERYONE_200, EVERYONE_405),
    "cinema:film": (EVERYONE_200, EVERYONE_405),
    "cinema:orga-films": (
        (L, L, L, 403, 403, 200, 200, 200),
        (L, L, L, 405, 405, 405, 405, 405),
    ),
    "charity_run:run": (EVERYONE_200, EVERYONE_400),
    "charity_run:join": (EVERYONE_200, EVERYONE_400),
    "charity_run:board": (EVERYONE_200, EVERYONE_405),
    "charity_run:board-data": (EVERYONE_200, EVERYONE_405),
    "charity_run:runner": (
        (404, 200, 404, 404, 404, 404, 404, 404),
        (404, 400, 404, 404, 404, 404, 404, 404),
    ),
    "charity_run:runner-certificate": (
        (404, 200, 404, 404, 404, 404, 404, 404),
        EVERYONE_405,
    ),
    "charity_run:count": (
        (404, 404, 200, 404, 404, 404, 404, 404),
        (404, 404, 200, 404, 404, 404, 404, 404),
    ),
    "charity_run:count-tap": (EVERYONE_405, (404, 404, 400, 404, 404, 404, 404, 404)),
    "charity_run:count-undo": (EVERYONE_405, (404, 404, 400, 404, 404, 404, 404, 404)),
    "charity_run:api-tap": (EVERYONE_405, EVERYONE_404),
    "charity_run:api-undo": (EVERYONE_405, EVERYONE_404),
    "charity_run:orga-runs": (
        (L, L, L, 403, 403, 403, 403, 200),
        (L, L, L, 403, 403, 403, 403, 200),
    ),
    "charity_run:orga-run": (
        (L, L, L, 403, 403, 403, 403, 200),
        (L, L, L, 403, 403, 403, 403, 302),
    ),
    "charity_run:orga-settings": (
        (L, L, L, 403, 403, 403, 403, 200),
        (L, L, L, 403, 403, 403, 403, 400),
    ),
    "charity_run:orga-runners": (
        (L, L, L, 403, 403, 403, 403, 200),
        (L, L, L, 403, 403, 403, 403, 200),
    ),
    "charity_run:orga-teams": (
        (L, L, L, 403, 403, 403, 403, 200),
        (L, L, L, 403, 403, 403, 403, 400),
    ),
    "charity_run:orga-pledges": (
        (L, L, L, 403, 403, 403, 403, 200),
        (L, L, L, 403, 403, 403, 403, 400),
    ),
    "charity_run:orga-counters": (
        (L, L, L, 403, 403, 403, 403, 200),
        (L, L, L, 403, 403, 403, 403, 200),
    ),
    "charity_run:orga-flagged": (
        (L, L, L, 403, 403, 403, 403, 200),
        (L, L, L, 403, 403, 403, 403, 404),
    ),
    "charity_run:staff-count": (
        (L, L, L, 403, 403, 403, 403, 200),
        (L, L, L, 403, 403, 403, 403, 200),
    ),
    "charity_run:staff-tap": (EVERYONE_405, (403, 403, 403, 403, 403, 403, 403, 400)),
    "charity_run:staff-undo": (EVERYONE_405, (403, 403, 403, 403, 403, 403, 403, 400)),
    "charity_run:orga-certificates": ((L, L, L, 403, 403, 403, 403, 200), EVERYONE_405),
    "charity_run:orga-certificate": ((L, L, L, 403, 403, 403, 403, 200), EVERYONE_405),
    "charity_run:orga-letters": ((L, L, L, 403, 403, 403, 403, 200), EVERYONE_405),
    "charity_run:orga-export": ((L, L, L, 403, 403, 403, 403, 200), EVERYONE_405),
    "flea_market:market": (EVERYONE_200, EVERYONE_400),
    "flea_market:seller": (
        (404, 200, 404, 404, 404, 404, 404, 404),
        (404, 200, 404, 404, 404, 404, 404, 404),
    ),
    "flea_market:seller-cancel": (
        EVERYONE_405,
        (404, 302, 404, 404, 404, 404, 404, 404),
    ),
    "flea_market:seller-pdf": (
        (404, 200, 404, 404, 404, 404, 404, 404),
        (404, 200, 404, 404, 404, 404, 404, 404),
    ),
    "flea_market:orga-index": (
        (L, L, L, 403, 403, 403, 403, 200),
        (L, L, L, 403, 403, 403, 403, 200),
    ),
    "flea_market:orga-applications": (
        (L, L, L, 403, 403, 403, 403, 200),
        (L, L, L, 403, 403, 403, 403, 200),
    ),
    "flea_market:orga-board": (
        (L, L, L, 403, 403, 403, 403, 200),
        (L, L, L, 403, 403, 403, 403, 200),
    ),
    "flea_market:orga-move": (EVERYONE_405, (L, L, L, 403, 403, 403, 403, 302)),
    "flea_market:orga-allocate": (EVERYONE_405, (L, L, L, 403, 403, 403, 403, 302)),
    "flea_market:orga-paid": (EVERYONE_405, (L, L, L, 403, 403, 403, 403, 302)),
    "flea_market:orga-cancel": (EVERYONE_405, (L, L, L, 403, 403, 403, 403, 302)),
    "flea_market:orga-decline": (EVERYONE_405, (L, L, L, 403, 403, 403, 403, 302)),
    "flea_market:orga-confirmation": (
        (L, L, L, 403, 403, 403, 403, 200),
        (L, L, L, 403, 403, 403, 403, 200),
    ),
    "flea_market:sellers-pdf": (
        (L, L, L, 403, 403, 403, 403, 200),
        (L, L, L, 403, 403, 403, 403, 200),
    ),
    "flea_market:sellers-csv": (
        (L, L, L, 403, 403, 403, 403, 200),
        (L, L, L, 403, 403, 403, 403, 200),
    ),
    "flea_market:sellers-xlsx": (
        (L, L, L, 403, 403, 403, 403, 200),
        (L, L, L, 403, 403, 403, 403, 200),
    ),
    "flea_market:site-plan-pdf": (
        (L, L, L, 403, 403, 403, 403, 200),
        (L, L, L, 403, 403, 403, 403, 200),
    ),
    "healthz": (EVERYONE_200, EVERYONE_405),
    "dev-outbox": (EVERYONE_404, EVERYONE_405),
    "login": (EVERYONE_200, EVERYONE_200),
    "logout": (EVERYONE_405, EVERYONE_302),
    "password_change": (
        (L, L, L, 200, 200, 200, 200, 200),
        (L, L, L, 200, 200, 200, 200, 200),
    ),
    "password_change_done": (
        (L, L, L, 200, 200, 200, 200, 200),
        (L, L, L, 405, 405, 405, 405, 405),
    ),
    "password_reset": (EVERYONE_200, EVERYONE_200),
    "password_reset_done": (EVERYONE_200, EVERYONE_405),
    "password_reset_confirm": (EVERYONE_200, EVERYONE_200),
    "password_reset_complete": (EVERYONE_200, EVERYONE_405),
    "set_language": (EVERYONE_302, EVERYONE_302),
    "javascript-catalog": (EVERYONE_200, EVERYONE_405),
    "registrations-api:registration-create": (EVERYONE_405, EVERYONE_415),
    "registrations-api:registration": (
        (404, 200, 404, 404, 404, 404, 404, 404),
        EVERYONE_405,
    ),
    "registrations-api:participant": (EVERYONE_405, EVERYONE_405),
    "registrations-api:event-registrations": (
        (401, 401, 401, 403, 403, 200, 403, 200),
        (401, 401, 401, 405, 405, 405, 405, 405),
    ),
    "volunteers-api:roles": (EVERYONE_200, EVERYONE_405),
    "volunteers-api:shifts": (EVERYONE_200, EVERYONE_405),
    "volunteers-api:shift": (EVERYONE_200, EVERYONE_405),
    "volunteers-api:volunteer-register": (EVERYONE_405, EVERYONE_415),
    "volunteers-api:volunteer": (
        (404, 404, 200, 404, 404, 404, 404, 404),
        EVERYONE_405,
    ),
    "volunteers-api:volunteer-data": (
        (404, 404, 200, 404, 404, 404, 404, 404),
        EVERYONE_405,
    ),
    "volunteers-api:volunteer-assignments": (
        EVERYONE_405,
        (404, 404, 415, 404, 404, 404, 404, 404),
    ),
    "volunteers-api:volunteer-assignment": (EVERYONE_405, EVERYONE_405),
    "volunteers-api:volunteer-open-shifts": (
        (404, 404, 200, 404, 404, 404, 404, 404),
        EVERYONE_405,
    ),
    "volunteers-api:orga-volunteers": (
        (401, 401, 401, 403, 403, 403, 200, 200),
        (401, 401, 401, 403, 403, 403, 415, 415),
    ),
    "volunteers-api:orga-volunteer": (
        (401, 401, 401, 403, 403, 403, 200, 200),
        (401, 401, 401, 405, 405, 405, 405, 405),
    ),
    "volunteers-api:orga-volunteer-qualifications": (
        (401, 401, 401, 403, 403, 403, 200, 200),
        (401, 401, 401, 403, 403, 403, 415, 415),
    ),
    "volunteers-api:orga-qualification": (
        (401, 401, 401, 405, 405, 405, 405, 405),
        (401, 401, 401, 405, 405, 405, 405, 405),
    ),
    "volunteers-api:orga-assignments": (
        (401, 401, 401, 403, 403, 403, 200, 200),
        (401, 401, 401, 403, 403, 403, 415, 415),
    ),
    "volunteers-api:orga-assignment": (
        (401, 401, 401, 403, 403, 403, 200, 200),
        (401, 401, 401, 405, 405, 405, 405, 405),
    ),
    "volunteers-api:orga-coverage": (
        (401, 401, 401, 403, 403, 403, 200, 200),
        (401, 401, 401, 405, 405, 405, 405, 405),
    ),
    "api-token": (EVERYONE_405, EVERYONE_400),
    "event-list": (EVERYONE_200, (401, 401, 401, 400, 400, 400, 403, 400)),
    "event-list .<format>": (EVERYONE_200, (401, 401, 401, 400, 400, 400, 403, 400)),
    "event-detail": (EVERYONE_200, (401, 401, 401, 405, 405, 405, 403, 405)),
    "event-detail .<format>": (EVERYONE_200, (401, 401, 401, 405, 405, 405, 403, 405)),
    "event-cancel": (EVERYONE_405, (401, 401, 401, 403, 403, 400, 403, 400)),
    "event-cancel .<format>": (EVERYONE_405, (401, 401, 401, 403, 403, 400, 403, 400)),
    "event-publish": (EVERYONE_405, (401, 401, 401, 403, 403, 200, 403, 200)),
    "event-publish .<format>": (EVERYONE_405, (401, 401, 401, 403, 403, 200, 403, 200)),
    "subevent-list": (EVERYONE_200, EVERYONE_405),
    "subevent-list .<format>": (EVERYONE_200, EVERYONE_405),
    "subevent-detail": (EVERYONE_200, EVERYONE_405),
    "subevent-detail .<format>": (EVERYONE_200, EVERYONE_405),
    "venue-list": (EVERYONE_200, (401, 401, 401, 403, 403, 403, 403, 400)),
    "venue-list .<format>": (EVERYONE_200, (401, 401, 401, 403, 403, 403, 403, 400)),
    "venue-detail": (EVERYONE_200, (401, 401, 401, 403, 403, 403, 403, 405)),
    "venue-detail .<format>": (EVERYONE_200, (401, 401, 401, 403, 403, 403, 403, 405)),
    "partner-list": (EVERYONE_200, EVERYONE_405),
    "partner-list .<format>": (EVERYONE_200, EVERYONE_405),
    "partner-detail": (EVERYONE_200, EVERYONE_405),
    "partner-detail .<format>": (EVERYONE_200, EVERYONE_405),
    "api-root": (EVERYONE_200, EVERYONE_405),
    "api-root .<format>": (EVERYONE_200, EVERYONE_405),
    "not-found": (EVERYONE_404, EVERYONE_404),
    "volunteers-orga:coverage": (
        (L, L, L, 403, 403, 403, 200, 200),
        (L, L, L, 403, 403, 403, 405, 405),
    ),
    "volunteers-orga:shifts": (
        (L, L, L, 403, 403, 403, 200, 200),
        (L, L, L, 403, 403, 403, 405, 405),
    ),
    "volunteers-orga:shift-add": (
        (L, L, L, 403, 403, 403, 200, 200),
        (L, L, L, 403, 403, 403, 200, 200),
    ),
    "volunteers-orga:shift-template": (
        (L, L, L, 403, 403, 403, 200, 200),
        (L, L, L, 403, 403, 403, 200, 200),
    ),
    "volunteers-orga:shift": (
        (L, L, L, 403, 403, 403, 200, 200),
        (L, L, L, 403, 403, 403, 405, 405),
    ),
    "volunteers-orga:shift-edit": (
        (L, L, L, 403, 403, 403, 200, 200),
        (L, L, L, 403, 403, 403, 200, 200),
    ),
    "volunteers-orga:shift-delete": (
        (L, L, L, 403, 403, 403, 405, 405),
        (L, L, L, 403, 403, 403, 302, 302),
    ),
    "volunteers-orga:assign": (
        (L, L, L, 403, 403, 403, 405, 405),
        (L, L, L, 403, 403, 403, 404, 404),
    ),
    "volunteers-orga:message": (
        (L, L, L, 403, 403, 403, 405, 405),
        (L, L, L, 403, 403, 403, 200, 200),
    ),
    "volunteers-orga:unassign": (
        (L, L, L, 403, 403, 403, 405, 405),
        (L, L, L, 403, 403, 403, 302, 302),
    ),
    "volunteers-orga:attendance": (
        (L, L, L, 403, 403, 403, 405, 405),
        (L, L, L, 403, 403, 403, 302, 302),
    ),
    "volunteers-orga:volunteers": (
        (L, L, L, 403, 403, 403, 200, 200),
        (L, L, L, 403, 403, 403, 405, 405),
    ),
    "volunteers-orga:volunteer-add": (
        (L, L, L, 403, 403, 403, 200, 200),
        (L, L, L, 403, 403, 403, 200, 200),
    ),
    "volunteers-orga:volunteer": (
        (L, L, L, 403, 403, 403, 200, 200),
        (L, L, L, 403, 403, 403, 200, 200),
    ),
    "volunteers-orga:volunteer-data": (
        (L, L, L, 403, 403, 403, 200, 200),
        (L, L, L, 403, 403, 403, 405, 405),
    ),
    "volunteers-orga:volunteer-data-json": (
        (L, L, L, 403, 403, 403, 200, 200),
        (L, L, L, 403, 403, 403, 405, 405),
    ),
    "volunteers-orga:volunteer-delete": (
        (L, L, L, 403, 403, 403, 200, 200),
        (L, L, L, 403, 403, 403, 400, 400),
    ),
    "volunteers-orga:qualification-add": (
        (L, L, L, 403, 403, 403, 405, 405),
        (L, L, L, 403, 403, 403, 200, 200),
    ),
    "volunteers-orga:qualification-delete": (
        (L, L, L, 403, 403, 403, 405, 405),
        (L, L, L, 403, 403, 403, 302, 302),
    ),
    "volunteers-orga:qualifications": (
        (L, L, L, 403, 403, 403, 200, 200),
        (L, L, L, 403, 403, 403, 405, 405),
    ),
    "volunteers-orga:export-csv": (
        (L, L, L, 403, 403, 403, 200, 200),
        (L, L, L, 403, 403, 403, 405, 405),
    ),
    "volunteers-orga:export-xlsx": (
        (L, L, L, 403, 403, 403, 200, 200),
        (L, L, L, 403, 403, 403, 405, 405),
    ),
    "printing-orga:overview": ((L, L, L, 403, 403, 200, 200, 200), EVERYONE_405),
    "printing-orga:status": ((403, 403, 403, 403, 403, 200, 200, 200), EVERYONE_405),
    "printing-orga:rebuild": (EVERYONE_405, (L, L, L, 403, 403, 302, 302, 302)),
    "printing-orga:attendance": ((L, L, L, 403, 403, 503, 403, 503), EVERYONE_405),
    "printing-orga:shift-plan": ((L, L, L, 403, 403, 403, 503, 503), EVERYONE_405),
    "printing-orga:badges": ((L, L, L, 403, 403, 403, 503, 503), EVERYONE_405),
    "planning:dashboard": (
        (L, L, L, 302, 302, 200, 200, 200),
        (L, L, L, 405, 405, 405, 405, 405),
    ),
    "planning:board": (
        (L, L, L, 403, 403, 200, 200, 200),
        (L, L, L, 403, 403, 405, 405, 405),
    ),
    "planning:board-move": (
        (L, L, L, 403, 403, 200, 403, 200),
        (L, L, L, 403, 403, 400, 403, 400),
    ),
    "planning:todo": (
        (L, L, L, 403, 403, 200, 200, 200),
        (L, L, L, 403, 403, 405, 405, 405),
    ),
    "planning:proposals": (
        (L, L, L, 403, 403, 200, 403, 200),
        (L, L, L, 403, 403, 405, 405, 405),
    ),
    "planning:proposal": (
        (L, L, L, 403, 403, 200, 403, 200),
        (L, L, L, 403, 403, 405, 405, 405),
    ),
    "planning:proposal-comment": (
        (L, L, L, 403, 403, 405, 405, 405),
        (L, L, L, 403, 403, 400, 403, 400),
    ),
    "planning:proposal-ask": (
        (L, L, L, 403, 403, 405, 405, 405),
        (L, L, L, 403, 403, 400, 403, 400),
    ),
    "planning:proposal-schedule": (
        (L, L, L, 403, 403, 405, 405, 405),
        (L, L, L, 403, 403, 400, 403, 400),
    ),
    "planning:proposal-publish": (
        (L, L, L, 403, 403, 405, 405, 405),
        (L, L, L, 403, 403, 400, 403, 400),
    ),
    "planning:proposal-decline": (
        (L, L, L, 403, 403, 405, 405, 405),
        (L, L, L, 403, 403, 400, 403, 400),
    ),
    "planning:partner": (
        (L, L, L, 200, 200, 403, 403, 200),
        (L, L, L, 405, 405, 403, 403, 405),
    ),
    "planning:partner-proposal-add": (
        (L, L, L, 200, 200, 403, 403, 403),
        (L, L, L, 200, 200, 403, 403, 403),
    ),
    "planning:partner-proposal": (
        (L, L, L, 200, 404, 403, 403, 403),
        (L, L, L, 200, 404, 403, 403, 403),
    ),
    "planning:partner-proposal-edit": (
        (L, L, L, 200, 404, 403, 403, 403),
        (L, L, L, 400, 404, 403, 403, 403),
    ),
    "planning:partner-proposal-withdraw": (
        (L, L, L, 405, 405, 403, 403, 405),
        (L, L, L, 302, 404, 403, 403, 403),
    ),
    "planning:partner-participants": (
        (L, L, L, 200, 404, 403, 403, 200),
        (L, L, L, 405, 405, 403, 403, 405),
    ),
    "planning:ideas": (
        (L, L, L, 403, 403, 200, 403, 200),
        (L, L, L, 403, 403, 405, 405, 405),
    ),
    "planning:ideas-import": (
        (L, L, L, 403, 403, 403, 403, 200),
        (L, L, L, 403, 403, 403, 403, 400),
    ),
    "planning:idea": (
        (L, L, L, 403, 403, 200, 403, 200),
        (L, L, L, 403, 403, 405, 405, 405),
    ),
    "planning:idea-comment": (
        (L, L, L, 403, 403, 405, 405, 405),
        (L, L, L, 403, 403, 400, 403, 400),
    ),
    "planning:idea-rate": (
        (L, L, L, 403, 403, 405, 405, 405),
        (L, L, L, 403, 403, 400, 403, 400),
    ),
    "planning:idea-state": (
        (L, L, L, 403, 403, 405, 405, 405),
        (L, L, L, 403, 403, 403, 403, 400),
    ),
    "planning:idea-merge": (
        (L, L, L, 403, 403, 405, 405, 405),
        (L, L, L, 403, 403, 403, 403, 400),
    ),
    "planning:idea-convert": (
        (L, L, L, 403, 403, 403, 403, 200),
        (L, L, L, 403, 403, 403, 403, 400),
    ),
    "planning:releases": (
        (L, L, L, 403, 403, 200, 200, 200),
        (L, L, L, 403, 403, 403, 403, 400),
    ),
    "planning:privacy": (
        (L, L, L, 403, 403, 403, 403, 200),
        (L, L, L, 403, 403, 403, 403, 405),
    ),
    "planning:privacy-retention": (
        (L, L, L, 403, 403, 403, 403, 405),
        (L, L, L, 403, 403, 403, 403, 400),
    ),
    "planning:privacy-statistics": (
        (L, L, L, 403, 403, 403, 403, 200),
        (L, L, L, 403, 403, 403, 403, 405),
    ),
    "planning:audit": (
        (L, L, L, 403, 403, 403, 403, 200),
        (L, L, L, 403, 403, 403, 403, 405),
    ),
    "planning:audit-export": (
        (L, L, L, 403, 403, 403, 403, 200),
        (L, L, L, 403, 403, 403, 403, 405),
    ),
    "orga/": (EVERYONE_302, EVERYONE_302),
    "registrations-orga:events": (
        (L, L, L, 403, 403, 200, 403, 200),
        (L, L, L, 403, 403, 405, 403, 405),
    ),
    "registrations-orga:registrations": (
        (L, L, L, 403, 403, 200, 403, 200),
        (L, L, L, 403, 403, 405, 403, 405),
    ),
    "registrations-orga:party-add": (
        (L, L, L, 403, 403, 405, 403, 405),
        (L, L, L, 403, 403, 200, 403, 200),
    ),
    "registrations-orga:party-cancel": (
        (L, L, L, 403, 403, 405, 403, 405),
        (L, L, L, 403, 403, 302, 403, 302),
    ),
    "registrations-orga:party-move": (
        (L, L, L, 403, 403, 405, 403, 405),
        (L, L, L, 403, 403, 302, 403, 302),
    ),
    "registrations-orga:participant-cancel": (
        (L, L, L, 403, 403, 405, 403, 405),
        (L, L, L, 403, 403, 302, 403, 302),
    ),
    "registrations-orga:capacity": (
        (L, L, L, 403, 403, 405, 403, 405),
        (L, L, L, 403, 403, 200, 403, 200),
    ),
    "registrations-orga:export-csv": (
        (L, L, L, 403, 403, 200, 403, 200),
        (L, L, L, 403, 403, 405, 403, 405),
    ),
    "registrations-orga:export-xlsx": (
        (L, L, L, 403, 403, 200, 403, 200),
        (L, L, L, 403, 403, 405, 403, 405),
    ),
    "registrations-orga:checkin": (
        (L, L, L, 403, 403, 200, 403, 200),
        (L, L, L, 403, 403, 405, 403, 405),
    ),
    "registrations-orga:checkin-participant": (
        (L, L, L, 403, 403, 405, 403, 405),
        (L, L, L, 403, 403, 302, 403, 302),
    ),
    "registrations-orga:checkin-party": (
        (L, L, L, 403, 403, 405, 403, 405),
        (L, L, L, 403, 403, 302, 403, 302),
    ),
    "registrations-orga:households": (
        (L, L, L, 403, 403, 403, 403, 200),
        (L, L, L, 403, 403, 405, 403, 405),
    ),
    "registrations-orga:household": (
        (L, L, L, 403, 403, 403, 403, 200),
        (L, L, L, 403, 403, 405, 403, 405),
    ),
    "registrations-orga:household-data": (
        (L, L, L, 403, 403, 403, 403, 200),
        (L, L, L, 403, 403, 405, 403, 405),
    ),
    "registrations-orga:household-data-json": (
        (L, L, L, 403, 403, 403, 403, 200),
        (L, L, L, 403, 403, 405, 403, 405),
    ),
    "registrations-orga:household-delete": (
        (L, L, L, 403, 403, 403, 403, 200),
        (L, L, L, 403, 403, 403, 403, 400),
    ),
    "registrations-orga:checkin-entry": (
        (L, L, L, 403, 403, 200, 403, 200),
        (L, L, L, 403, 403, 405, 403, 405),
    ),
    "api-schema": (EVERYONE_200, EVERYONE_405),
    "api-docs": (EVERYONE_200, EVERYONE_405),
}

# Token URLs opened anonymously with the B side's token (household B, volunteer
# B, runner B, seller B, counter B, talk B), every other kwarg still naming the A
# side's objects: (GET, empty POST, DELETE). B's own page answers (and shows none
# of A_SECRETS); an A object through B's token is 404. DELETE is what the APIs
# take: B may delete B's registration, never A's participant or assignment.
STRANGER: dict[str, tuple] = {
    "registrations:manage": (200, 405, 405),
    "registrations:registered": (404, 405, 405),
    "registrations:cancel_registration": (405, 404, 405),
    "registrations:cancel_participant": (405, 404, 405),
    "registrations:change_party": (405, 404, 405),
    "registrations:data_json": (200, 405, 405),
    "registrations:data": (200, 405, 405),
    "registrations:delete": (200, 200, 405),
    "registrations:link_renew": (405, 302, 405),
    "volunteers:mine": (200, 405, 405),
    "volunteers:signup": (405, 302, 405),
    "volunteers:withdraw": (405, 404, 405),
    "volunteers:print": (200, 405, 405),
    "volunteers:data_json": (200, 405, 405),
    "volunteers:data": (200, 405, 405),
    "volunteers:delete": (200, 200, 405),
    "volunteers:link_renew": (405, 302, 405),
    "calendars:household": (200, 405, 405),
    "calendars:volunteer": (200, 405, 405),
    "calendars:household_renew": (405, 302, 405),
    "calendars:volunteer_renew": (405, 302, 405),
    "conference:withdraw": (200, 200, 200),
    "charity_run:runner": (200, 400, 200),
    "charity_run:runner-certificate": (200, 405, 405),
    "charity_run:count": (200, 200, 200),
    "charity_run:count-tap": (405, 400, 405),
    "charity_run:count-undo": (405, 400, 405),
    "flea_market:seller": (200, 200, 200),
    "flea_market:seller-cancel": (405, 302, 405),
    "flea_market:seller-pdf": (200, 200, 200),
    "registrations-api:registration": (200, 405, 200),
    "registrations-api:participant": (405, 405, 404),
    "volunteers-api:volunteer": (200, 405, 405),
    "volunteers-api:volunteer-data": (200, 405, 204),
    "volunteers-api:volunteer-assignments": (405, 415, 405),
    "volunteers-api:volunteer-assignment": (405, 405, 404),
    "volunteers-api:volunteer-open-shifts": (200, 405, 405),
}


# --- the admin, by rule -----------------------------------------------------------


def role_permissions(role: str) -> set[str]:
    """The model permissions the role design gives a role (events.roles)."""
    from django.contrib.auth.models import Permission

    if role == "orga":
        return {
            f"{app}.{codename}"
            for app, codename in Permission.objects.filter(
                content_type__app_label__in=roles.PROJECT_APPS
            ).values_list("content_type__app_label", "codename")
        }
    group = {
        "partner_a": roles.PARTNER,
        "partner_b": roles.PARTNER,
        "lead": roles.MODULE_LEAD,
        "coordination": roles.VOLUNTEER_COORDINATION,
    }.get(role)
    return set(roles.GROUP_PERMISSIONS.get(group, []))


ACCOUNTLESS = ("anonymous", "family", "volunteer")

# ModelAdmins that show but never write what the services write (the organisers'
# pages go through the rules there): no add, no change, no delete in the admin.
NO_ADD = {
    "events.auditentry",
    "events.outboxmail",
    "registrations.registration",
    "registrations.household",
    "volunteers.shift",
    "volunteers.volunteer",
    "volunteers.qualification",
    "volunteers.assignment",
    "charity_run.lapentry",
}
NO_CHANGE = {
    "events.auditentry",
    "events.outboxmail",
    "volunteers.shift",
    "volunteers.volunteer",
    "volunteers.qualification",
    "volunteers.assignment",
    "charity_run.lapentry",
}
NO_DELETE = {
    "events.auditentry",
    "events.outboxmail",
    "registrations.registration",
    "registrations.household",
    "charity_run.lapentry",
}


def expected_admin(entry: Entry, role: str, method: str, perms: set[str]):
    """What the admin answers a role: the login page to visitors without an account,
    then the model permission of the view decides between 200 and 403 (an empty
    POST: the form again with its errors, or the confirmation page)."""
    if role in ACCOUNTLESS:
        return L
    if entry.name is None and "object_id" in entry.kwargs:
        return 302  # an old-style object URL, redirected to its change page
    found = admin_model_of(entry)
    if found is None:
        return None  # the admin's own views: see ADMIN_RULES
    model, view = found
    label = f"{model._meta.app_label}.{model._meta.model_name}"
    may = {
        action: f"{model._meta.app_label}.{action}_{model._meta.model_name}" in perms
        for action in ("view", "add", "change", "delete")
    }
    may_view = may["view"] or may["change"]
    may_change = may["change"] and label not in NO_CHANGE
    needed = {
        "changelist": may_view,
        "add": may["add"] and label not in NO_ADD,
        "change": may_view if method == "get" else may_change,
        "delete": may["delete"] and label not in NO_DELETE,
        "history": may_view,
    }[view]
    return 200 if needed else 403


# The admin's own views, and the model views whose querysets narrow the rule:
# an object outside a role's scope "does not exist" for it (302 to the index).
ADMIN_RULES: dict[str, tuple[tuple, tuple]] = {
    "admin:index": (
        (L, L, L, 200, 200, 200, 200, 200),
        (L, L, L, 200, 200, 200, 200, 200),
    ),
    "admin:login": ((200, 200, 200, 302, 302, 302, 302, 302), EVERYONE_200),
    "admin:logout": ((302, 302, 302, 405, 405, 405, 405, 405), EVERYONE_302),
    "admin:password_change": (
        (L, L, L, 200, 200, 200, 200, 200),
        (L, L, L, 200, 200, 200, 200, 200),
    ),
    "admin:password_change_done": (
        (L, L, L, 200, 200, 200, 200, 200),
        (L, L, L, 405, 405, 405, 405, 405),
    ),
    "admin:autocomplete": (
        (L, L, L, 403, 403, 403, 403, 403),
        (L, L, L, 405, 405, 405, 405, 405),
    ),
    "admin:jsi18n": (
        (L, L, L, 200, 200, 200, 200, 200),
        (L, L, L, 405, 405, 405, 405, 405),
    ),
    "admin:view_on_site": (
        (L, L, L, 302, 302, 302, 302, 302),
        (L, L, L, 302, 302, 302, 302, 302),
    ),
    "admin:auth_user_password_change": (
        (L, L, L, 403, 403, 403, 403, 403),
        (L, L, L, 403, 403, 403, 403, 403),
    ),
    "admin:events_event_conflicts": (
        (L, L, L, 200, 200, 200, 200, 200),
        (L, L, L, 200, 200, 200, 200, 200),
    ),
    "admin:app_list": (
        (L, L, L, 200, 200, 200, 200, 200),
        (L, L, L, 200, 200, 200, 200, 200),
    ),
    "admin/(?P<url>.*)$": (
        (L, L, L, 404, 404, 404, 404, 404),
        (L, L, L, 404, 404, 404, 404, 404),
    ),
    # Partner B and the volunteer coordination do not see partner A's draft.
    "admin:events_event_change": (
        (L, L, L, 200, 302, 200, 302, 200),
        (L, L, L, 200, 302, 200, 403, 200),
    ),
    "admin:events_event_history": (
        (L, L, L, 200, 302, 200, 302, 200),
        (L, L, L, 200, 302, 200, 302, 200),
    ),
    # The volunteer coordination sees no sub-event in the admin.
    "admin:events_subevent_change": (
        (L, L, L, 200, 200, 200, 302, 200),
        (L, L, L, 403, 403, 200, 403, 200),
    ),
    "admin:events_subevent_history": (
        (L, L, L, 200, 200, 200, 302, 200),
        (L, L, L, 200, 200, 200, 302, 200),
    ),
    # Registrations: the module lead sees their sub-events' only, partners none.
    "admin:registrations_registration_history": (
        (L, L, L, 302, 302, 200, 302, 200),
        (L, L, L, 302, 302, 200, 302, 200),
    ),
    "admin:registrations_household_history": (
        (L, L, L, 302, 302, 200, 302, 200),
        (L, L, L, 302, 302, 200, 302, 200),
    ),
}


def expected_for(entry: Entry, method: str, perms: dict[str, set[str]]) -> tuple:
    """The row of the tables, or the admin's rule, for one URL and method."""
    column = 0 if method == "get" else 1
    if entry.key in ADMIN_RULES:
        return ADMIN_RULES[entry.key][column]
    if entry.is_admin:
        return tuple(expected_admin(entry, role, method, perms[role]) for role in ROLES)
    return MATRIX[entry.key][column]


# --- requesting -------------------------------------------------------------------


def status_of(response) -> int | str:
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith(("/accounts/login/", "/admin/login/")):
            return L
    return response.status_code


def fingerprint() -> tuple:
    """The row count of every table of the project (one query), and the states
    that actions change (cancelled, withdrawn, published, paid, ...)."""
    from events.models import Event
    from registrations.models import Participant, Registration
    from subevents.flea_market.models import Application
    from volunteers.models import Assignment

    tables = sorted(
        model._meta.db_table
        for model in apps.get_models()
        if model._meta.app_label in [*roles.PROJECT_APPS, "auth", "authtoken"]
        and not model._meta.proxy
        and model._meta.model_name != "auditentry"  # reads are logged too
    )
    # Table names from the models' own Meta, not from input.
    counts = ", ".join(f"(SELECT COUNT(*) FROM {table})" for table in tables)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {counts}")
        counted = cursor.fetchone()
    return (
        counted,
        sorted(Event.objects.values_list("pk", "status", "capacity", "starts_at")),
        sorted(Registration.objects.values_list("pk", "status", "event_id")),
        sorted(Participant.objects.values_list("pk", "cancelled_at", "checked_in_at")),
        sorted(Assignment.objects.values_list("pk", "withdrawn_at", "attendance")),
        sorted(Application.objects.values_list("pk", "status", "paid_at")),
    )


@pytest.fixture
def world() -> World:
    cache.clear()
    return build_world()


def clients(world: World) -> dict[str, Client]:
    found = {}
    for role in ROLES:
        client = Client()
        if role in world.users:
            client.force_login(world.users[role])
        found[role] = client
    return found


def relogin(client: Client, response, user) -> None:
    """A POST to a logout (or login) ends the session: the role logs in again."""
    if user is not None and settings.SESSION_COOKIE_NAME in response.cookies:
        client.force_login(user)


class Requester:
    """Requests a URL; a POST the table expects to be refused is checked to change
    nothing, one it expects to be accepted is rolled back, so every request sees
    the same world."""

    def __init__(self) -> None:
        self.baseline = fingerprint()
        self.changed: list[tuple] = []
        self.last = None
        self.leaks: list[tuple] = []
        self.controls: dict[tuple, bool] = {}

    def __call__(self, client: Client, method: str, url: str, expected, user=None):
        if method == "get":
            self.last = client.get(url)
            return status_of(self.last)
        cache.clear()  # rate limits count POSTs
        send = client.post if method == "post" else client.delete
        if expected in REFUSED:
            response = send(url)
            after = fingerprint()
            if after != self.baseline:
                self.changed.append((url, expected, status_of(response)))
                self.baseline = after
        else:
            with transaction.atomic():
                before = fingerprint() if OBSERVE else None
                response = send(url)
                if OBSERVE and fingerprint() != before:
                    self.changed.append((url, "accepted", status_of(response)))
                transaction.set_rollback(True)
        relogin(client, response, user)
        return status_of(response)


def observe(world: World, method: str, entries: list[Entry], requester) -> dict:
    perms = {role: role_permissions(role) for role in ROLES}
    by_role = clients(world)
    seen: dict[str, tuple] = {}
    for entry in entries:
        expected = (None,) * len(ROLES)
        if not OBSERVE:
            expected = expected_for(entry, method, perms)
        row = []
        for index, role in enumerate(ROLES):
            url = url_for(entry, world, role)
            started = time.perf_counter()
            row.append(
                requester(
                    by_role[role], method, url, expected[index], world.users.get(role)
                )
            )
            TIMES[entry.key] = TIMES.get(entry.key, 0) + time.perf_counter() - started
            if method == "get" and (entry.key, role) in SEES_A:
                body = requester.last.content.decode("utf-8", "replace")
                requester.controls[(entry.key, role)] = "Familie Amsel" in body
            if method == "get" and role in BLIND_TO_A:
                body = requester.last.content.decode("utf-8", "replace")
                requester.leaks += [
                    (entry.key, role, word) for word in A_SECRETS if word in body
                ]
        seen[entry.key] = tuple(row)
    return seen


def observe_stranger(world: World, requester) -> tuple[dict, list]:
    """Every token URL with the B side's token, anonymous."""
    client = Client()
    seen = {}
    leaks = []
    for entry in url_entries():
        if token_kind(entry) in ("", "checkin", "none"):
            continue
        url = url_for(entry, world, "stranger", side="b")
        response = client.get(url)
        body = response.content.decode("utf-8", "replace")
        leaks += [(entry.key, word) for word in A_SECRETS if word in body]
        expected = STRANGER.get(entry.key, (None, None, None))
        seen[entry.key] = (
            status_of(response),
            requester(client, "post", url, None if OBSERVE else expected[1]),
            requester(client, "delete", url, None if OBSERVE else expected[2]),
        )
    return seen, leaks


# Roles that must never see a word of the A side's people, on any page or file.
BLIND_TO_A = ("anonymous", "partner_b")
# ... and pages where the A side's family shows, so the search above can find it.
SEES_A = {
    ("registrations:manage", "family"),
    ("planning:partner-participants", "partner_a"),
}
TIMES: dict[str, float] = {}
OBSERVE = os.environ.get("MATRIX_OBSERVE")  # a path: write what was seen there


def differences(seen: dict, expected: dict) -> str:
    lines = [
        f"{key}: expected {expected.get(key)} got {seen.get(key)}"
        for key in sorted(set(seen) | set(expected))
        if seen.get(key) != expected.get(key)
    ]
    return "\n".join(lines)


# --- the tests --------------------------------------------------------------------


def test_every_url_pattern_has_exactly_one_row():
    entries = url_entries()
    keys = [entry.key for entry in entries]
    twice = sorted({key for key in keys if keys.count(key) > 1})
    missing = sorted(
        entry.key for entry in entries if not entry.is_admin and entry.key not in MATRIX
    )
    gone = sorted(set(MATRIX) - set(keys))
    gone_admin = sorted(set(ADMIN_RULES) - set(keys))
    unruled = sorted(
        entry.key
        for entry in entries
        if entry.is_admin
        and admin_model_of(entry) is None
        and expected_admin(entry, "orga", "get", set()) is None
        and entry.key not in ADMIN_RULES
    )
    stranger_missing = sorted(
        entry.key
        for entry in entries
        if token_kind(entry) not in ("", "checkin", "none")
        and entry.key not in STRANGER
    )
    assert (twice, missing, gone, gone_admin, unruled, stranger_missing) == (
        [],
        [],
        [],
        [],
        [],
        [],
    ), (
        f"keys twice: {twice}\nURLs without a row in MATRIX: {missing}\n"
        f"rows without a URL: {gone + gone_admin}\nadmin views without a rule "
        f"in ADMIN_RULES: {unruled}\ntoken URLs without a row in STRANGER: "
        f"{stranger_missing}"
    )


def test_each_role_gets_exactly_its_status_and_no_token_opens_another_s_data(
    world,
):
    """One world for the three passes (building it is the slow part): GET and
    empty POST for every URL and role, then every token URL with the B side's
    tokens (other kwargs still naming the A side's objects) — their own data at
    most, never the A side's."""
    entries = url_entries()
    requester = Requester()
    perms = {role: role_permissions(role) for role in ROLES}

    got = observe(world, "get", entries, requester)
    requester.baseline = fingerprint()  # reading lists writes the audit log
    posted = observe(world, "post", entries, requester)
    stranger, leaks = observe_stranger(world, requester)

    if OBSERVE:
        with open(OBSERVE, "w") as out:
            json.dump(
                {
                    "get": got,
                    "post": posted,
                    "stranger": stranger,
                    "leaks": leaks + requester.leaks,
                    "changed": requester.changed,
                    "times": TIMES,
                    "admin_rule": {
                        entry.key: [
                            [expected_admin(entry, r, m, perms[r]) for r in ROLES]
                            for m in ("get", "post")
                        ]
                        for entry in entries
                        if entry.is_admin
                    },
                },
                out,
                indent=0,
            )
        return
    expected_get = {entry.key: expected_for(entry, "get", perms) for entry in entries}
    expected_post = {entry.key: expected_for(entry, "post", perms) for entry in entries}
    assert got == expected_get, differences(got, expected_get)
    assert posted == expected_post, differences(posted, expected_post)
    assert stranger == STRANGER, differences(stranger, STRANGER)
    assert leaks == []
    assert requester.leaks == []
    assert requester.controls == dict.fromkeys(SEES_A, True)
    assert requester.changed == []


def test_household_b_s_link_cannot_cancel_household_a_s_party_or_person(client):
    """The manage actions take the party or person from the form: household B's
    link with household A's ids finds nothing, and A stays registered."""
    from registrations.models import Registration
    from tests.registrations.factories import open_event, register

    event = open_event(slug="bastelnachmittag")
    party_a = register(event, 7, 38, name="Familie Amsel").registration
    party_b = register(event, 9, 41, name="Familie Buchfink").registration
    person_a = party_a.participants.order_by("pk").first()
    token_b = party_b.household.token

    refused = [
        client.post(f"/r/{token_b}/cancel/", {"registration": party_a.pk}).status_code,
        client.post(
            f"/r/{token_b}/cancel-person/", {"participant": person_a.pk}
        ).status_code,
    ]
    own = client.post(f"/r/{token_b}/cancel/", {"registration": party_b.pk})

    assert refused == [404, 404]
    party_a.refresh_from_db()
    person_a.refresh_from_db()
    assert (party_a.status, person_a.cancelled_at) == (
        Registration.Status.CONFIRMED,
        None,
    )
    assert own.status_code == 302
    party_b.refresh_from_db()
    assert party_b.status == Registration.Status.CANCELLED


def test_only_a_lead_in_the_modulleitung_reviews_the_conference(client):
    """The conference's committee pages take leads by the one rule for leads
    (events.roles.user_leads): a staff account listed as lead but outside the
    Modulleitung (e.g. removed from it) is refused like other staff."""
    from tests.conference.factories import ConferenceFactory
    from tests.planning.factories import staff

    conference = ConferenceFactory(festival=FestivalFactory())
    former = staff("former-lead")
    current = staff("lead", roles.MODULE_LEAD)
    conference.leads.add(former, current)

    client.force_login(former)
    refused = client.get("/orga/conference/").status_code
    client.force_login(current)
    admitted = client.get("/orga/conference/").status_code

    assert (refused, admitted) == (403, 200)
