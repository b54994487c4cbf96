"""The market's writes: applying, allocating pitches (automatically in order of
application, or by hand), cancelling with promotion from the waiting list, and
marking fees paid.

Every writer locks the market's row first, so writers of one market queue and each
sees the pitches the ones before it took; the partial unique constraint on
Application.pitch holds "never twice" even for a writer that skips this module.
Mails go out after commit (events.notifications), with the confirmation PDF.
"""

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events.notifications import Attachment, mail_send

from .allocation import Claim, Slot, allocation_plan, slot_fits
from .models import Application, Market, Pitch, PitchType, _token

Status = Application.Status
Kind = Application.SellerKind


def _locked(market: Market) -> Market:
    return Market.objects.select_for_update().select_related("event").get(pk=market.pk)


def _refuse(message: str, code: str, field: str | None = None) -> ValidationError:
    error = ValidationError(message, code=code)
    return ValidationError({field: error}) if field else error


def _mail(application_id: int, template: str, **extra: object) -> None:
    """Mail the seller after commit, from a task: the confirmation PDF is built
    there, not in the request (an allocation run may tell many sellers)."""
    from .tasks import application_mail

    transaction.on_commit(
        lambda: application_mail.delay(application_id, template, extra)
    )


def application_mail_send(*, application_id: int, template: str, extra: dict) -> None:
    """Render and send one of the seller's mails (`flea_market/mail/<template>`)
    with the state of now; the confirmation PDF goes with every mail of an
    allocated application."""
    from .pdf import confirmation_pdf
    from .selectors import waiting_position

    application = Application.objects.select_related(
        "market__event__venue",
        "market__event__sub_event__festival",
        "pitch__site_plan",
        "pitch_type",
    ).get(pk=application_id)
    attachments = []
    if application.status == Status.ALLOCATED:
        attachments.append(
            Attachment(
                f"stand-{application.pitch.number}.pdf",
                confirmation_pdf(application),
                "application/pdf",
            )
        )
    market = application.market
    mail_send(
        to=[application.email],
        template=f"flea_market/mail/{template}",
        context={
            "application": application,
            "market": market,
            "event": market.event,
            "position": waiting_position(application),
            **extra,
        },
        attachments=attachments,
    )


def _allocate(application: Application, pitch: Pitch) -> None:
    """Give the (locked, waiting) application the pitch; the fee is frozen now."""
    application.status = Status.ALLOCATED
    application.pitch = pitch
    application.allocated_at = timezone.now()
    application.fee_cents = pitch.pitch_type.fee_for(application.seller_kind)
    application.save(
        update_fields=["status", "pitch", "allocated_at", "fee_cents", "updated_at"]
    )


def _free_slots(market: Market) -> list[Slot]:
    taken = Application.objects.filter(market=market, status=Status.ALLOCATED)
    return [
        Slot(p.pk, p.number, p.pitch_type_id, p.electricity)
        for p in Pitch.objects.filter(market=market).exclude(
            pk__in=taken.values("pitch_id")
        )
    ]


def _allocate_waiting(market: Market) -> list[Application]:
    """Run the allocation rule over the market's waiting list (market locked)."""
    waiting = list(
        Application.objects.filter(market=market, status=Status.WAITING).order_by(
            "applied_at", "pk"
        )
    )
    claims = [Claim(a.pk, a.pitch_type_id, a.needs_electricity) for a in waiting]
    plan = allocation_plan(_free_slots(market), claims)
    if not plan:
        return []
    pitches = Pitch.objects.select_related("pitch_type").in_bulk(plan.values())
    allocated = []
    for application in waiting:
        if application.pk in plan:
            _allocate(application, pitches[plan[application.pk]])
            allocated.append(application)
    return allocated


def _check_open(market: Market) -> None:
    if not market.takes_applications():
        raise _refuse(
            _("Applications for this market are closed."), "applications_closed"
        )


@transaction.atomic
def application_create(
    *,
    market: Market,
    name: str,
    email: str,
    seller_kind: str,
    pitch_type: PitchType,
    goods: list[str],
    phone: str = "",
    association: str = "",
    needs_electricity: bool = False,
    note: str = "",
) -> Application:
    """Apply for a pitch; allocated at once if a fitting pitch is free (earlier
    waiting sellers first), else on the waiting list. Mails the seller.

    Refusals: applications_closed, commercial_not_allowed, association_missing,
    goods_missing, pitch_type_unknown, no_electricity, too_many_pitches.
    """
    market = _locked(market)
    _check_open(market)
    if pitch_type.market_id != market.pk:
        raise _refuse(
            _("Please choose a pitch type."), "pitch_type_unknown", "pitch_type"
        )
    if (
        seller_kind == Kind.COMMERCIAL
        and market.commercial == Market.Commercial.NOT_ALLOWED
    ):
        raise _refuse(
            _(
                "Commercial sellers cannot take part in this market: it is a market "
                "by families for families."
            ),
            "commercial_not_allowed",
            "seller_kind",
        )
    if seller_kind == Kind.ASSOCIATION and not association.strip():
        raise _refuse(
            _("Please give the name of your Kita or school association."),
            "association_missing",
            "association",
        )
    valid_goods = [g for g in Application.Goods.values if g in set(goods)]
    if not valid_goods:
        raise _refuse(_("Please say what you sell."), "goods_missing", "goods")
    if (
        needs_electricity
        and not Pitch.objects.filter(pitch_type=pitch_type, electricity=True).exists()
    ):
        raise _refuse(
            _("No pitch of this type has a power socket; please choose another type."),
            "no_electricity",
            "needs_electricity",
        )
    email = email.strip()
    held = Application.objects.active().filter(market=market, email__iexact=email)
    if held.count() >= market.max_pitches_per_seller:
        raise _refuse(
            _(
                "This e-mail address has already applied for %(count)d pitch(es), "
                "the most one seller may have. Your confirmation mail has a link to "
                "your application."
            )
            % {"count": market.max_pitches_per_seller},
            "too_many_pitches",
            "email",
        )
    application = Application(
        market=market,
        name=name.strip(),
        email=email,
        phone=phone.strip(),
        seller_kind=seller_kind,
        association=association.strip() if seller_kind == Kind.ASSOCIATION else "",
        pitch_type=pitch_type,
        goods=valid_goods,
        needs_electricity=needs_electricity,
        note=note.strip(),
    )
    application.full_clean(exclude=["pitch", "token"])
    application.save()
    for promoted in _allocate_waiting(market):
        if promoted.pk != application.pk:
            _mail(promoted.pk, "promoted")
    application.refresh_from_db()
    _mail(
        application.pk,
        "allocated" if application.status == Status.ALLOCATED else "waiting",
    )
    return application


@transaction.atomic
def pitches_allocate(*, market: Market) -> list[Application]:
    """Allocate free pitches to the waiting list in order of application, by type
    (idempotent: a second run allocates nothing). Mails each seller."""
    market = _locked(market)
    allocated = _allocate_waiting(market)
    for application in allocated:
        _mail(application.pk, "promoted")
    return allocated


@transaction.atomic
def application_move(
    *, application: Application, pitch: Pitch, swap: bool = False
) -> Application:
    """Put an application on a pitch by hand (from the waiting list or another
    pitch); with `swap`, a seller already there changes places with it.

    Refusals: not_active, pitch_unknown, pitch_type_mismatch, no_electricity,
    pitch_taken, swap_needs_pitch.
    """
    market = _locked(application.market)
    application = Application.objects.select_related("pitch").get(pk=application.pk)
    pitch = Pitch.objects.select_related("pitch_type").filter(pk=pitch.pk).first()
    if not application.is_active:
        raise _refuse(_("This application is no longer active."), "not_active")
    if pitch is None or pitch.market_id != market.pk:
        raise _refuse(_("This pitch does not belong to the market."), "pitch_unknown")
    if pitch.pitch_type_id != application.pitch_type_id:
        raise _refuse(
            _("Pitch %(number)d is a “%(type)s”; %(name)s applied for another type.")
            % {"number": pitch.number, "type": pitch.pitch_type, "name": application},
            "pitch_type_mismatch",
        )
    if application.needs_electricity and not pitch.electricity:
        raise _refuse(
            _("%(name)s needs electricity; pitch %(number)d has no socket.")
            % {"name": application, "number": pitch.number},
            "no_electricity",
        )
    if application.pitch_id == pitch.pk:
        return application
    holder = (
        Application.objects.filter(pitch=pitch, status=Status.ALLOCATED)
        .select_related("pitch")
        .first()
    )
    old_pitch = application.pitch
    if holder is not None:
        if not swap:
            raise _refuse(
                _("Pitch %(number)d is already taken by %(name)s.")
                % {"number": pitch.number, "name": holder},
                "pitch_taken",
            )
        if old_pitch is None:
            raise _refuse(
                _(
                    "Only two sellers who both have a pitch can swap; pitch "
                    "%(number)d is taken."
                )
                % {"number": pitch.number},
                "swap_needs_pitch",
            )
        if holder.needs_electricity and not old_pitch.electricity:
            raise _refuse(
                _("%(name)s needs electricity; pitch %(number)d has no socket.")
                % {"name": holder, "number": old_pitch.number},
                "no_electricity",
            )
        # Free the pitch first: the unique constraint is checked row by row.
        Application.objects.filter(pk=holder.pk).update(
            status=Status.WAITING, pitch=None
        )
    if old_pitch is None:
        _allocate(application, pitch)
        _mail(application.pk, "allocated")
    else:
        application.pitch = pitch
        application.save(update_fields=["pitch", "updated_at"])
        _mail(application.pk, "moved", old_number=old_pitch.number)
    if holder is not None:
        Application.objects.filter(pk=holder.pk).update(
            status=Status.ALLOCATED, pitch=old_pitch, updated_at=timezone.now()
        )
        _mail(holder.pk, "moved", old_number=pitch.number)
    return application


def _withdraw(application: Application, status: str) -> Application | None:
    """End an application (market locked); offer a freed pitch to the first
    waiting application that fits it. Returns the promoted one, if any."""
    pitch = application.pitch
    application.status = status
    application.pitch = None
    application.cancelled_at = timezone.now()
    if application.paid_at is None:
        # Nothing is due any more; a fee already paid stays visible (refund).
        application.fee_cents = None
    application.save(
        update_fields=["status", "pitch", "fee_cents", "cancelled_at", "updated_at"]
    )
    if pitch is None:
        return None
    slot = Slot(pitch.pk, pitch.number, pitch.pitch_type_id, pitch.electricity)
    for candidate in Application.objects.filter(
        market_id=application.market_id,
        status=Status.WAITING,
        pitch_type_id=pitch.pitch_type_id,
    ).order_by("applied_at", "pk"):
        claim = Claim(
            candidate.pk, candidate.pitch_type_id, candidate.needs_electricity
        )
        if slot_fits(slot, claim):
            _allocate(
                candidate, Pitch.objects.select_related("pitch_type").get(pk=pitch.pk)
            )
            _mail(candidate.pk, "promoted")
            return candidate
    return None


def _active_locked(application: Application) -> Application:
    _locked(application.market)
    application = Application.objects.select_related("pitch").get(pk=application.pk)
    if not application.is_active:
        raise _refuse(_("This application is no longer active."), "not_active")
    return application


@transaction.atomic
def application_cancel(
    *, application: Application, by_staff: bool = False
) -> Application:
    """The seller (or the organisers) cancel; the freed pitch goes to the first
    waiting application of its type at once. Refusal: not_active."""
    application = _active_locked(application)
    _withdraw(application, Status.CANCELLED)
    _mail(application.pk, "cancelled", by_staff=by_staff)
    return application


@transaction.atomic
def application_decline(*, application: Application, reason: str = "") -> Application:
    """The organisers turn an application down (e.g. goods that do not fit the
    market), with a reason for the seller. Refusal: not_active."""
    application = _active_locked(application)
    _withdraw(application, Status.DECLINED)
    _mail(application.pk, "declined", reason=reason.strip())
    return application


@transaction.atomic
def application_mark_paid(
    *,
    application: Application,
    by: AbstractBaseUser,
    paid: bool = True,
    amount_cents: int | None = None,
) -> Application:
    """Staff mark the fee as paid (the fee due unless another amount is given)
    or as not paid. Refusals: not_allocated, amount_invalid."""
    _locked(application.market)
    application = Application.objects.get(pk=application.pk)
    if application.status != Status.ALLOCATED:
        raise _refuse(_("Only a seller with a pitch pays a fee."), "not_allocated")
    if not paid:
        application.paid_at = application.paid_cents = application.paid_by = None
    else:
        amount = application.fee_cents if amount_cents is None else amount_cents
        if amount is None or amount < 0:
            raise _refuse(_("Please give the amount paid."), "amount_invalid")
        application.paid_cents = amount
        application.paid_at = timezone.now()
        application.paid_by = by
    application.save(update_fields=["paid_cents", "paid_at", "paid_by", "updated_at"])
    return application


@transaction.atomic
def application_link_renew(*, application: Application) -> Application:
    """Give a seller a new personal link; the old one then 404s (a link that
    reached someone else). The organisers pass the new one on."""
    application.token = _token()
    application.save(update_fields=["token", "updated_at"])
    return application
