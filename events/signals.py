"""Cache invalidation for the programme: bump its version after each committed change.

Only cache bookkeeping lives here, no business rule. The bump waits for the commit:
bumping earlier would let a concurrent request cache the old rows under the new key.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from events.models import Audience, Event, Festival, Partner, SubEvent, Venue
from events.services import programme_touch

PROGRAMME_MODELS = (Festival, SubEvent, Venue, Partner, Audience, Event)


def programme_changed(**kwargs) -> None:
    programme_touch()


def connect() -> None:
    for model in PROGRAMME_MODELS:
        post_save.connect(
            programme_changed, sender=model, dispatch_uid=f"pv-save-{model}"
        )
        post_delete.connect(
            programme_changed, sender=model, dispatch_uid=f"pv-del-{model}"
        )
    for through in (Event.audiences.through, Event.host_partners.through):
        m2m_changed.connect(
            programme_changed, sender=through, dispatch_uid=f"pv-m2m-{through}"
        )
