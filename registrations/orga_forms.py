"""Forms of the organisers' pages. They only parse input: every rule (seats, ages,
the party's size, consent) lives in registrations.services, whose errors are put
back on the form's fields by `add_service_error`."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from events.forms import add_service_error, mail_language_field
from events.models import Event
from registrations.models import Need
from registrations.services import ContactInput, ParticipantInput

# Rows for people in the "add a party" form; the event's max_party_size decides
# how many are shown (blank rows are ignored).
PARTY_ROWS_MAX = 10


class PartyForm(forms.Form):
    """The contact, needs and consent of a party an organiser adds."""

    name = forms.CharField(label=_("Contact name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    phone = forms.CharField(label=_("Phone (optional)"), max_length=40, required=False)
    language = mail_language_field()
    needs = forms.MultipleChoiceField(
        label=_("Needs"),
        choices=Need.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    needs_text = forms.CharField(
        label=_("Other needs"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    consent_privacy = forms.BooleanField(
        label=_("The family has agreed to the privacy notice."), required=False
    )

    SERVICE_FIELDS = {
        "contact.name": "name",
        "contact.email": "email",
        "contact.phone": "phone",
    }

    def contact(self) -> ContactInput:
        data = self.cleaned_data
        return ContactInput(
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            language=data["language"],
        )

    def add_service_error(self, exc: ValidationError) -> None:
        add_service_error(self, exc, self.SERVICE_FIELDS)


class PersonForm(forms.Form):
    name = forms.CharField(label=_("First name"), max_length=80, required=False)
    age = forms.IntegerField(
        label=_("Age on the event day"), min_value=0, max_value=120, required=False
    )
    photo_consent = forms.BooleanField(label=_("Photos allowed"), required=False)

    def clean(self):
        data = super().clean()
        name, age = data.get("name", ""), data.get("age")
        if name and age is None and "age" not in self.errors:
            self.add_error("age", _("Please enter the age."))
        if age is not None and not name:
            self.add_error("name", _("Please enter the first name."))
        return data

    @property
    def is_blank(self) -> bool:
        return (
            not self.cleaned_data.get("name") and self.cleaned_data.get("age") is None
        )


class BasePeopleFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        if not self.people():
            raise ValidationError(
                _("Please add at least one person."), code="participants_required"
            )

    def people(self) -> list[ParticipantInput]:
        return [
            ParticipantInput(
                name=form.cleaned_data["name"],
                age=form.cleaned_data["age"],
                photo_consent=form.cleaned_data["photo_consent"],
            )
            for form in self.forms
            if form.cleaned_data and not form.is_blank
        ]


def people_formset(event: Event, data=None) -> BasePeopleFormSet:
    rows = max(1, min(event.max_party_size, PARTY_ROWS_MAX))
    formset_class = forms.formset_factory(
        PersonForm,
        formset=BasePeopleFormSet,
        extra=rows,
        max_num=rows,
        validate_max=True,
    )
    return formset_class(data, prefix="people")


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(label=_("Seats"), min_value=0, max_value=100_000)

    def add_service_error(self, exc: ValidationError) -> None:
        add_service_error(self, exc, {})


class MoveForm(forms.Form):
    """Where to move a party: one of the events the organiser manages."""

    to_event = forms.ModelChoiceField(
        label=_("Move to"),
        queryset=Event.objects.none(),
        empty_label=_("Choose an event"),
        error_messages={"required": _("Please choose the event to move the party to.")},
    )

    def __init__(self, *args, targets: list[Event], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_event"].queryset = Event.objects.filter(
            pk__in=[event.pk for event in targets]
        )
