"""Forms of the Spendenlauf's pages; the services hold the rules, the forms only
parse (euros to cents) and show the errors at the fields."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Counter, Pledge, Run, Runner, Team


def cents(value: Decimal | None) -> int | None:
    return None if value is None else int((value * 100).to_integral_value())


class EuroField(forms.DecimalField):
    """An amount in euros, typed with a comma or a point ("1,50" or "1.50")."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("max_digits", 8)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", Decimal("0.01"))
        super().__init__(**kwargs)
        self.widget = forms.TextInput(attrs={"inputmode": "decimal", "size": 8})

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("€", "").strip().replace(" ", "")
            if "," in value:
                value = value.replace(".", "").replace(",", ".")
        try:
            return super().to_python(value)
        except InvalidOperation:  # pragma: no cover - DecimalField handles it
            raise forms.ValidationError(_("Enter an amount in euros.")) from None


class SignupForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    age_group = forms.ChoiceField(label=_("Age group"), choices=Runner.AgeGroup.choices)
    tshirt_size = forms.ChoiceField(
        label=_("T-shirt size"), choices=Runner.Shirt.choices, required=False
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        help_text=_("We send the link to the runner's page there."),
    )
    guardian_name = forms.CharField(
        label=_("Parent or guardian"),
        max_length=200,
        required=False,
        help_text=_("Needed for runners under 18."),
    )
    guardian_consent = forms.BooleanField(
        label=_(
            "I am the parent or guardian and agree that this child takes part in "
            "the run."
        ),
        required=False,
    )
    consent_privacy = forms.BooleanField(
        label=_(
            "I agree that name, age group and laps are stored for the run, its "
            "certificate and the sponsor letters, and deleted after the festival."
        )
    )
    website = forms.CharField(required=False, label=_("Leave empty"))


class PledgeForm(forms.Form):
    sponsor_name = forms.CharField(label=_("Sponsor's name"), max_length=200)
    sponsor_email = forms.EmailField(label=_("Sponsor's e-mail"), required=False)
    sponsor_address = forms.CharField(
        label=_("Postal address for the letter"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    kind = forms.ChoiceField(
        label=_("Pledge"),
        choices=Pledge.Kind.choices,
        widget=forms.RadioSelect,
        initial=Pledge.Kind.PER_LAP,
    )
    per_lap = EuroField(label=_("Amount per lap (€)"), required=False)
    cap = EuroField(label=_("At most (€, optional)"), required=False)
    fixed = EuroField(label=_("Fixed amount (€)"), required=False)

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == Pledge.Kind.PER_LAP and not data.get("per_lap"):
            self.add_error("per_lap", _("Please give an amount per lap."))
        if kind == Pledge.Kind.FIXED and not data.get("fixed"):
            self.add_error("fixed", _("Please give the fixed amount."))
        return data

    def amounts(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "per_lap_cents": cents(data.get("per_lap")) or 0,
            "cap_cents": cents(data.get("cap")),
            "fixed_cents": cents(data.get("fixed")) or 0,
        }


class PaperPledgeForm(PledgeForm):
    """Staff enter a paper form: for a start number or a team."""

    start_number = forms.IntegerField(label=_("Start number"), required=False)
    team = forms.ModelChoiceField(
        label=_("or team"), queryset=Team.objects.none(), required=False
    )

    def __init__(self, *args, run: Run, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.run = run
        self.fields["team"].queryset = Team.objects.filter(run=run)

    def clean(self):
        data = super().clean()
        number, team = data.get("start_number"), data.get("team")
        if (number is None) == (team is None):
            raise forms.ValidationError(
                _("Give either a start number or a team."), code="pledge_target"
            )
        if number is not None:
            runner = Runner.objects.filter(run=self.run, start_number=number).first()
            if runner is None:
                self.add_error("start_number", _("No runner has this start number."))
            data["runner"] = runner
        return data


class TeamForm(forms.ModelForm):
    class Meta:
        model = Team
        fields = ["name", "kind", "contact_name", "contact_email"]


class CounterForm(forms.ModelForm):
    class Meta:
        model = Counter
        fields = ["name"]


class RunForm(forms.ModelForm):
    class Meta:
        model = Run
        fields = [
            "lap_length_m",
            "min_lap_seconds",
            "cause",
            "signup_open",
            "team_block_size",
            "account_holder",
            "iban",
            "bic",
            "bank_name",
            "reference_pattern",
        ]


class ReceivedForm(forms.Form):
    received = EuroField(label=_("Received (€)"), required=False, min_value=0)
