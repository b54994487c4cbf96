"""PostgreSQL: no two bookings of one venue may overlap, enforced by the database.

SQLite has no exclusion constraints; there the service's check runs inside an
IMMEDIATE transaction, which holds the database's write lock, so two writers cannot
both pass it.
"""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations

CONSTRAINT = "venuebooking_no_overlap"


def add_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE events_venuebooking ADD CONSTRAINT {CONSTRAINT} "
        "EXCLUDE USING gist (venue_id WITH =, "
        "tstzrange(blocked_from, blocked_until, '[)') WITH &&)"
    )


def drop_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE events_venuebooking DROP CONSTRAINT IF EXISTS {CONSTRAINT}"
    )


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]

    operations = [
        BtreeGistExtension(),
        migrations.RunPython(add_constraint, drop_constraint),
    ]
