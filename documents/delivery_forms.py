"""The dispute page's form for recording a delivery (input shape only; the service checks everything else)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from documents.deliveries import deliverable_documents, side_name
from documents.notice_models import DeliveryMethod

SIDE_LABELS = {"petitioner": _("Petitioner"), "respondent": _("Respondent")}


def letter_choices(dispute) -> list[tuple[str, str]]:
    """One choice per notice document and addressed party: "<document id>:<side>"."""
    return [(f"{document.pk}:{side}", f"{document.title} ({document.number}) → {side_name(dispute, side)}")
            for document, sides in deliverable_documents(dispute) for side in sides]


class DeliveryForm(forms.Form):
    letter = forms.ChoiceField(label=_("Letter and addressee"))
    method = forms.ChoiceField(label=_("How it was delivered"), choices=DeliveryMethod.choices)
    delivered_on = forms.DateField(label=_("Date delivered (the party's receipt)"),
                                   widget=forms.DateInput(attrs={"type": "date"}))
    receipt_number = forms.CharField(label=_("Receipt number (post or courier)"), max_length=100, required=False)
    note = forms.CharField(label=_("Note"), max_length=2000, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))
    scan = forms.FileField(label=_("Scan of the proof of delivery (PDF, JPEG or PNG, at most 10 MB; optional)"),
                           required=False)

    def __init__(self, *args, dispute, **kwargs):
        kwargs.setdefault("auto_id", "id_delivery_%s")  # unique beside the page's other forms
        super().__init__(*args, **kwargs)
        self.fields["letter"].choices = letter_choices(dispute)

    def payload(self) -> dict:
        document, side = self.cleaned_data["letter"].split(":", 1)
        return {"document": int(document), "side": side, "method": self.cleaned_data["method"],
                "delivered_on": self.cleaned_data["delivered_on"],
                "receipt_number": self.cleaned_data["receipt_number"], "note": self.cleaned_data["note"]}
