"""Input shapes of the account pages (validation only; the services decide)."""

from __future__ import annotations

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from accounts.models import Office
from accounts.serializers import NIB_MESSAGE, NIB_RE, NIK_MESSAGE, NIK_RE, PHONE_MESSAGE, PHONE_RE


class SignInForm(forms.Form):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Password"),
        max_length=1024,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class _AccountForm(forms.Form):
    name = forms.CharField(label=_("Full name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        help_text=_("Letters, digits and @ . + - _ only."),
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Password"),
        max_length=1024,
        strip=False,
        help_text=_("At least 8 characters; not only digits and not a common password."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}, render_value=False),
    )
    email = forms.EmailField(
        label=_("E-mail"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=30,
        validators=[RegexValidator(PHONE_RE, PHONE_MESSAGE)],
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )


class WorkerRegisterForm(_AccountForm):
    nik = forms.CharField(
        label=_("NIK (identity card number)"),
        max_length=16,
        validators=[RegexValidator(NIK_RE, NIK_MESSAGE)],
        help_text=_("The 16 digits on your KTP."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    address = forms.CharField(
        label=_("Address (optional)"), max_length=300, required=False,
        help_text=_("Printed on the letters the office sends you."),
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )


class CompanyRegisterForm(_AccountForm):
    company_name = forms.CharField(label=_("Company name"), max_length=200)
    nib = forms.CharField(
        label=_("NIB (business identification number)"),
        max_length=13,
        validators=[RegexValidator(NIB_RE, NIB_MESSAGE)],
        help_text=_("13 digits, from OSS."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    address = forms.CharField(label=_("Company address"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    regency = forms.ModelChoiceField(
        label=_("Regency or city of the company"), queryset=Office.objects.none(), empty_label=_("Choose…")
    )
    invitation = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regency"].queryset = Office.objects.exclude(kind="provinsi").order_by("name")
        self.fields["regency"].label_from_instance = lambda office: office.name
