"""Input shapes of the consultation pages (validation only; the services decide)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Office
from disputes.forms import CompanyStepForm


class AskForm(forms.Form):
    """A worker or company asks the office of a regency (the province's office for several regencies)."""

    regency = forms.ModelChoiceField(
        label=_("Which office do you want to ask?"),
        help_text=_("The Disnaker office of the regency or city where you work or where the company is."),
        queryset=Office.objects.order_by("code"),
        empty_label=_("Choose…"),
    )
    topic = forms.CharField(
        label=_("Topic"),
        max_length=200,
        help_text=_("In a few words, for example: overtime pay, contract ended, severance."),
    )
    question = forms.CharField(
        label=_("Your question"),
        max_length=10000,
        help_text=_("Describe your situation and what you want to know. Do not write passwords or your full NIK."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regency"].label_from_instance = lambda office: (
            office.region_name if office.code != "32" else _("Several regencies in Jawa Barat")
        )


class ToDisputeForm(CompanyStepForm):
    """The company and the workplace of the draft dispute, exactly as the wizard's first step asks them."""
