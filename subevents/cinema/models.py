"""Models of the cinema module: films and their screenings.

A screening is an events.Event of the Kinowoche with a film attached: the core
keeps time, venue, seats and registration; this module adds what the film brings
(its length, which sets the event's end, and its FSK rating, which sets who may
come).
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from events.models import Event

# Minutes between the film's end and the next screening: trailers before the film
# plus cleaning the hall afterwards.
DEFAULT_BUFFER_MINUTES = 15


class Film(models.Model):
    class Rating(models.IntegerChoices):
        FSK_0 = 0, _("FSK 0 (no age restriction)")
        FSK_6 = 6, _("FSK 6")
        FSK_12 = 12, _("FSK 12")
        FSK_16 = 16, _("FSK 16")
        FSK_18 = 18, _("FSK 18")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), unique=True, max_length=120)
    original_title = models.CharField(_("original title"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    runtime_minutes = models.PositiveSmallIntegerField(_("runtime (minutes)"))
    fsk = models.PositiveSmallIntegerField(_("FSK rating"), choices=Rating.choices)
    language = models.CharField(
        _("language"),
        max_length=100,
        default="Deutsch",
        help_text=_("As shown to families, e.g. “Deutsch” or “Englisch”."),
    )
    subtitles = models.CharField(
        _("subtitles"),
        max_length=100,
        blank=True,
        help_text=_("Empty for none, e.g. “Deutsch” or “OmU”."),
    )
    synopsis = models.TextField(_("synopsis"), blank=True)
    poster = models.ImageField(_("poster"), upload_to="cinema/posters/", blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("film")
        verbose_name_plural = _("films")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(fsk__in=[0, 6, 12, 16, 18]),
                name="cinema_film_fsk_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(runtime_minutes__gt=0),
                name="cinema_film_runtime_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cinema:film", kwargs={"slug": self.slug})


class Screening(models.Model):
    event = models.OneToOneField(
        Event,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="screening",
        primary_key=True,
    )
    film = models.ForeignKey(
        Film,
        verbose_name=_("film"),
        on_delete=models.PROTECT,
        related_name="screenings",
    )
    trailer_minutes = models.PositiveSmallIntegerField(
        _("trailers and cleaning (minutes)"),
        default=DEFAULT_BUFFER_MINUTES,
        help_text=_("Added to the film's runtime to give the screening's end."),
    )

    class Meta:
        ordering = ["event__starts_at"]
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")

    def __str__(self) -> str:
        return f"{self.film} ({self.event.starts_at:%Y-%m-%d %H:%M})"

    @property
    def duration_minutes(self) -> int:
        return self.film.runtime_minutes + self.trailer_minutes
