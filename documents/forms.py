"""Input shape of the public document check."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

KEY_RE = re.compile(r"^(?:[0-9a-f]{64}|[0-9a-f]{32})$")


class VerifyForm(forms.Form):
    key = forms.CharField(
        label=_("SHA-256 or verification code"),
        max_length=200,
        help_text=_("The verification code (32 characters) printed at the foot of every page of the document, or "
                    "the SHA-256 (64 characters) of the PDF file."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "none"}),
    )

    def clean_key(self) -> str:
        key = "".join(self.cleaned_data["key"].split()).lower()
        if not KEY_RE.match(key):
            raise forms.ValidationError(_("Enter the 32-character verification code or the 64-character SHA-256, "
                                          "using only the digits 0-9 and the letters a-f."))
        return key
