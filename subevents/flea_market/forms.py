"""Forms of the market: the seller's application and the organisers' actions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Application, Market, PitchType


class ApplicationForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(
        label=_("E-mail"),
        help_text=_("Your confirmation and any news about your pitch come here."),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=50,
        required=False,
        help_text=_("So we can reach you on the day."),
    )
    seller_kind = forms.ChoiceField(
        label=_("You sell as"), widget=forms.RadioSelect, choices=()
    )
    association = forms.CharField(
        label=_("Name of the Kita or school association"),
        max_length=200,
        required=False,
        help_text=_("Only for associations, e.g. “Förderverein Kita Sonnenschein”."),
    )
    pitch_type = forms.ModelChoiceField(
        label=_("Pitch"),
        queryset=PitchType.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
    )
    goods = forms.MultipleChoiceField(
        label=_("What you sell"),
        choices=Application.Goods.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    needs_electricity = forms.BooleanField(
        label=_("I need a power socket (e.g. for a coffee machine or lamp)"),
        required=False,
    )
    note = forms.CharField(
        label=_("Anything else we should know"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that my details are stored to organise the market and "
            "deleted afterwards."
        )
    )
    # A honeypot: hidden from people, filled in by bots.
    website = forms.CharField(required=False, label=_("Leave this empty"))

    def __init__(self, *args, market: Market, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pitch_type"].queryset = PitchType.objects.filter(market=market)
        kinds = Application.SellerKind
        choices = [(kinds.PRIVATE.value, kinds.PRIVATE.label)]
        choices.append((kinds.ASSOCIATION.value, kinds.ASSOCIATION.label))
        if market.commercial == Market.Commercial.OWN_FEE:
            choices.append((kinds.COMMERCIAL.value, kinds.COMMERCIAL.label))
        self.fields["seller_kind"].choices = choices
        self.fields["seller_kind"].initial = kinds.PRIVATE


class MoveForm(forms.Form):
    application = forms.IntegerField(widget=forms.HiddenInput)
    pitch = forms.IntegerField(label=_("Pitch number"), min_value=1)
    swap = forms.BooleanField(label=_("Swap if the pitch is taken"), required=False)


class PaidForm(forms.Form):
    paid = forms.TypedChoiceField(
        coerce=lambda v: v == "1", choices=[("1", "1"), ("0", "0")]
    )
    amount = forms.DecimalField(
        label=_("Amount (€)"),
        required=False,
        min_value=0,
        max_digits=7,
        decimal_places=2,
        localize=True,  # "5,50" in German
    )

    def amount_cents(self) -> int | None:
        amount = self.cleaned_data.get("amount")
        return None if amount is None else int(amount * 100)


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (for the seller)"), max_length=500, required=False
    )
