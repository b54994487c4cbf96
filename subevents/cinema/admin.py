"""Films with their screenings in the admin (the organisers' data entry for now).

A screening's event is made in the events admin (or by screening_create); here it
gets its film. After a save every screening's end follows its film's runtime
through the core's rules; where that is refused (the hall is taken), the admin says
so and leaves that event's time as it was.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Film, Screening
from .services import screening_attach


class ScreeningInline(admin.TabularInline):
    model = Screening
    extra = 0
    raw_id_fields = ["event"]
    fields = ["event", "trailer_minutes"]
    verbose_name = gettext_lazy("screening")


@admin.register(Film)
class FilmAdmin(admin.ModelAdmin):
    list_display = ["title", "fsk", "runtime_minutes", "language", "subtitles"]
    list_filter = ["fsk"]
    search_fields = ["title", "original_title"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ScreeningInline]

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        for screening in form.instance.screenings.select_related("event__sub_event"):
            try:
                with transaction.atomic():
                    screening_attach(
                        event=screening.event,
                        film=form.instance,
                        trailer_minutes=screening.trailer_minutes,
                    )
            except ValidationError as error:
                self.message_user(
                    request,
                    _(
                        "%(event)s: the end could not follow the film's runtime: "
                        "%(error)s"
                    )
                    % {"event": screening.event, "error": " ".join(error.messages)},
                    messages.WARNING,
                )


@admin.register(Screening)
class ScreeningAdmin(admin.ModelAdmin):
    list_display = ["event", "film", "trailer_minutes"]
    list_select_related = ["event", "film"]
    raw_id_fields = ["event"]
    list_filter = ["film__fsk"]
