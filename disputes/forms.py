"""Input shapes of the dispute pages: the filing wizard and the transition payloads (validation only)."""

from __future__ import annotations

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from accounts.models import Office
from accounts.regions import MINISTRY, is_regency
from accounts.serializers import NIB_MESSAGE, NIB_RE
from disputes import extensions
from disputes.models import DisputeType
from disputes.serializers import NIK_RE
from severance.forms import RupiahField

TYPE_HELP = {
    DisputeType.HAK: _(
        "Your rights under the law, your contract or the company regulation were not given: "
        "unpaid wages or overtime, BPJS not paid, leave refused."
    ),
    DisputeType.KEPENTINGAN: _(
        "You disagree about new or changed working conditions: a new wage scale, new rules in the collective agreement."
    ),
    DisputeType.PHK: _(
        "You were dismissed, or the company plans to dismiss you, and you disagree with it or with the severance."
    ),
    DisputeType.ANTAR_SERIKAT: _("A dispute between trade unions in one company about membership or rights."),
}


def _workplace_label(office: Office) -> str:
    """A regency by its name; a province as "several regencies in it"; the Ministry as "several provinces"."""
    if office.code == MINISTRY:
        return str(_("Several provinces (Ministry of Manpower)"))
    if not is_regency(office.code):
        return str(_("Several regencies in %(province)s") % {"province": office.region_name.removeprefix("Provinsi ")})
    return office.region_name


def _regency_field(label) -> forms.ModelChoiceField:
    field = forms.ModelChoiceField(label=label, queryset=Office.objects.order_by("code"), empty_label=_("Choose…"))
    field.label_from_instance = _workplace_label
    return field


class CompanyStepForm(forms.Form):
    """Step 1: the company, found by NIB, or named with an e-mail address to invite it."""

    how = forms.ChoiceField(
        label=_("How do you want to name the company?"),
        widget=forms.RadioSelect,
        choices=[
            ("nib", _("By its NIB (the company is on SIKHI)")),
            ("name", _("By name and e-mail address (we invite it)")),
        ],
        initial="nib",
    )
    nib = forms.CharField(
        label=_("The company's NIB"),
        required=False,
        max_length=13,
        validators=[RegexValidator(NIB_RE, NIB_MESSAGE)],
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    name = forms.CharField(label=_("Company name"), required=False, max_length=200)
    email = forms.EmailField(
        label=_("The company's e-mail address"),
        required=False,
        max_length=254,
        help_text=_("The invitation to negotiate is sent to this address."),
    )
    address = forms.CharField(
        label=_("Company address"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    workplace_regency = _regency_field(_("Where do you work?"))

    # Which choice of "how" makes a field required: its "(optional)" mark and aria-required follow the choice
    # (rendered for the current choice here, switched in the browser by static/js/wizard.js).
    REQUIRED_WHEN = {"nib": "nib", "name": "name", "email": "name", "address": "name"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        chosen = self["how"].value()
        for name, option in self.REQUIRED_WHEN.items():
            field = self.fields[name]
            field.required_when = option
            field.required_now = chosen == option
            field.widget.attrs["data-required-when"] = f"how={option}"
            field.widget.attrs["aria-required"] = "true" if field.required_now else "false"

    def clean(self):
        data = super().clean()
        if data.get("how") == "nib" and not data.get("nib") and "nib" not in self.errors:
            self.add_error("nib", _("This field is required."))
        if data.get("how") == "name":
            for name in ("name", "email", "address"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, _("This field is required."))
        return data

    @staticmethod
    def field_errors(fields: dict | None) -> dict:
        """The service reports an unknown NIB as {"respondent": {"nib": [...]}}: put it beside the NIB field."""
        return {("nib" if name == "respondent" else name): texts for name, texts in (fields or {}).items()}

    def respondent(self) -> dict:
        d = self.cleaned_data
        if d["how"] == "nib":
            return {"nib": d["nib"]}
        return {"name": d["name"], "email": d["email"], "address": d["address"]}


class TypeStepForm(forms.Form):
    type = forms.ChoiceField(
        label=_("What is the dispute about?"), widget=forms.RadioSelect, choices=DisputeType.choices
    )


class StoryStepForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary in one or two sentences"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    chronology = forms.CharField(
        label=_("What happened, in order"),
        max_length=50000,
        help_text=_("Dates, who said or did what. You can save and continue later."),
        widget=forms.Textarea(attrs={"rows": 10}),
    )


class WageField(RupiahField):
    """Whole rupiah as typed ("4500000", "4.500.000", "Rp 4.500.000"); a stored amount is shown as "4.500.000"."""

    def prepare_value(self, value):
        if isinstance(value, int) and not isinstance(value, bool):
            return f"{value:,}".replace(",", ".")
        return value


class DemandsStepForm(forms.Form):
    demands = forms.CharField(
        label=_("What do you ask for?"),
        max_length=20000,
        help_text=_("For example: pay the overtime of March to May, or reinstate me."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    monthly_wage = WageField(
        label=_("Monthly wage (rupiah)"), required=False,
        help_text=_("Basic wage plus fixed allowances. For a termination dispute: used to calculate severance."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "maxlength": 30,
                                      "placeholder": "4.500.000"}))
    employment_start = forms.DateField(label=_("First day of work"), required=False,
                                       widget=forms.DateInput(attrs={"type": "date"}))
    employment_end = forms.DateField(label=_("Last day of work"), required=False,
                                     help_text=_("For a termination dispute: the day the employment ended or ends."),
                                     widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        start, end = data.get("employment_start"), data.get("employment_end")
        if start and end and end < start:
            self.add_error("employment_end", _("Must not be before the first day of work."))
        return data


class MembersStepForm(forms.Form):
    """The worker's address, and for a collective dispute the members, one a line as "name; NIK; position"."""

    petitioner_address = forms.CharField(
        label=_("Your address"), max_length=300,
        help_text=_("Printed on the minutes and the letters of your dispute."),
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}))
    collective = forms.BooleanField(label=_("I file for several workers (a collective dispute)"), required=False)
    members = forms.CharField(
        label=_("Members"), required=False, max_length=50000,
        help_text=_("One member a line: full name; NIK (16 digits); position. "
                    "For example: Ani Suryani; 3273014501900001; Operator Produksi"),
        widget=forms.Textarea(attrs={"rows": 6}))

    def clean_members(self) -> list[dict]:
        rows, errors = [], []
        for number, line in enumerate((self.cleaned_data.get("members") or "").splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split(";")]
            name, nik, position = [*parts, "", "", ""][:3]
            if len(parts) > 3 or not name or not NIK_RE.match(nik) or not position:
                errors.append(_("Line %(n)s: write the full name, a 16-digit NIK and the position, separated "
                                "by semicolons.") % {"n": number})
            rows.append({"name": name, "nik": nik, "position": position})
        if errors:
            raise forms.ValidationError(errors)
        return rows

    def clean(self):
        data = super().clean()
        if data.get("collective") and not data.get("members") and "members" not in self.errors:
            self.add_error("members", _("A collective dispute names its members."))
        if not data.get("collective"):
            data["members"] = []
        return data

    @staticmethod
    def as_text(members: list[dict]) -> str:
        return "\n".join(f"{m.get('name', '')}; {m.get('nik', '')}; {m.get('position', '')}" for m in members)


class PowerOfAttorneyForm(forms.Form):
    """The members' surat kuasa: who granted it, its date, the file."""

    granted_by = forms.ChoiceField(label=_("Granted by"), choices=[
        ("union", _("The union")), ("members", _("The members themselves"))])
    issued_on = forms.DateField(label=_("Date of the power of attorney"),
                                widget=forms.DateInput(attrs={"type": "date"}))
    file = forms.FileField(label=_("Power of attorney (surat kuasa): PDF, JPEG or PNG, at most 10 MB"))


class RepresentativeForm(forms.Form):
    """Your side's proxy (kuasa hukum or union officer) and the surat kuasa khusus.

    Its ids carry a prefix of their own: the dispute page shows it beside the evidence form, and an id
    must be unique on a page.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_representative_%s")
        super().__init__(*args, **kwargs)

    name = forms.CharField(label=_("Representative's full name"), max_length=200)
    position = forms.CharField(label=_("Position"), max_length=200,
                               help_text=_("For example: advocate (kuasa hukum), union officer."))
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    issued_on = forms.DateField(label=_("Date of the special power of attorney"),
                                widget=forms.DateInput(attrs={"type": "date"}))
    file = forms.FileField(label=_("Special power of attorney (surat kuasa khusus): PDF, JPEG or PNG, at most 10 MB"))


class EvidenceForm(forms.Form):
    title = forms.CharField(label=_("What is this document?"), max_length=200)
    file = forms.FileField(label=_("File (PDF, JPEG or PNG, at most 10 MB)"))


class _ResubmitForm(forms.Form):
    """The resubmission note, with the missing document attached at the same time (optional)."""

    def clean(self):
        data = super().clean()
        if data.get("file") and not (data.get("title") or "").strip() and "title" not in self.errors:
            self.add_error("title", _("Say what this document is."))
        if data.get("title") and not data.get("file") and "file" not in self.errors:
            self.add_error("file", _("Choose the file to attach."))
        return data


# Transition payloads shown on the dispute page. The services validate them again (payload serializers).
def _reason(required=True):
    return forms.CharField(
        label=_("Reason"), max_length=5000, required=required, widget=forms.Textarea(attrs={"rows": 3})
    )


def _terms():
    return forms.CharField(
        label=_("Terms of the agreement"), max_length=20000, widget=forms.Textarea(attrs={"rows": 6})
    )


def _sign_fields(dispute, user) -> dict:
    """The deliberate step: tick that the terms were read and agreed, and type one's full name; the worker gives
    the address and the company's signatory the position that the deed prints."""
    from disputes import services

    fields = {
        "confirm": forms.BooleanField(label=_("I have read all the terms above and agree to be bound by them.")),
        "full_name": forms.CharField(label=_("Type your full name to sign"), max_length=200,
                                     help_text=_("Exactly as on your account: %(name)s") % {"name": user.name}),
    }
    role = services.signatory_role(dispute, user, services._current_agreement(dispute))
    if role == "petitioner":
        fields["address"] = forms.CharField(label=_("Your address (printed in the agreement)"), max_length=500)
    if role == "respondent":
        fields["position"] = forms.CharField(label=_("Your position in the company (printed in the agreement)"),
                                             max_length=200)
        fields["authority"] = forms.CharField(
            label=_("Your authority to sign for the company"), max_length=500, required=False,
            help_text=_("For example: Direktur Utama berdasarkan Akta Pendirian No. 12 tanggal 3 Maret 2015, or "
                        "Surat Kuasa Khusus tanggal 20 November 2026 dari Direktur Utama."))
    return fields


TRANSITION_FIELDS = {
    "sign_agreement": _sign_fields,
    "decline_bipartite": lambda d, u: {"reason": _reason()},
    "fail_bipartite": lambda d, u: {"reason": _reason()},
    "reject_agreement": lambda d, u: {"reason": _reason()},
    "withdraw": lambda d, u: {"reason": _reason(required=d.state != "draft")},
    "propose_agreement": lambda d, u: {"terms": _terms()},
    "reach_agreement": lambda d, u: {"terms": _terms()},
    "return_registration": lambda d, u: {
        "missing_items": forms.CharField(
            label=_("Missing items, one per line"), max_length=25000, widget=forms.Textarea(attrs={"rows": 4})
        )
    },
    "resubmit_registration": lambda d, u: {
        "note": forms.CharField(
            label=_("Note to the officer"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
        ),
        "title": forms.CharField(label=_("Missing document attached"), required=False, max_length=200,
                                 help_text=_("For example: the bipartite minutes signed by both sides.")),
        "file": forms.FileField(label=_("File (PDF, JPEG or PNG, at most 10 MB)"), required=False),
    },
    "choose_route": lambda d, u: {
        "route": forms.ChoiceField(label=_("Route"), widget=forms.RadioSelect, choices=route_choices(d))
    },
    "assign_mediator": lambda d, u: {
        "mediator": forms.TypedChoiceField(label=_("Mediator"), coerce=int, choices=mediator_choices(d))
    },
    "issue_recommendation": lambda d, u: {
        "considerations": forms.CharField(
            label=_("Considerations"), max_length=50000, widget=forms.Textarea(attrs={"rows": 8})
        ),
        "recommendations": forms.CharField(
            label=_("Recommendation (anjuran)"), max_length=50000, widget=forms.Textarea(attrs={"rows": 6})
        ),
        "on_available_data": forms.BooleanField(
            label=_("Issued on the data at hand: the company stayed away after three proper summonses"),
            required=False,
        ),
    },
    "respond_recommendation": lambda d, u: {
        "accept": forms.TypedChoiceField(
            label=_("Your answer"),
            widget=forms.RadioSelect,
            coerce=lambda v: v == "true",
            choices=[("true", _("I accept the recommendation")), ("false", _("I reject the recommendation"))],
        ),
        "reason": _reason(required=False),
    },
}


def route_choices(dispute) -> list[tuple[str, str]]:
    from disputes.models import ALLOWED_ROUTES

    labels = {
        "mediation": _("Mediation by a Disnaker mediator"),
        "conciliation": _("Conciliation"),
        "arbitration": _("Arbitration"),
    }
    return [(r, labels[r]) for r in ("mediation", "conciliation", "arbitration") if r in ALLOWED_ROUTES[dispute.type]]


def mediator_choices(dispute) -> list[tuple[int, str]]:
    from disputes.selectors import mediator_loads

    return [
        (m.id, _("%(name)s (%(n)s open cases)") % {"name": m.name, "n": m.open_cases})
        for m in mediator_loads(office_id=dispute.office_id)
    ]


FORM_BASES = {"resubmit_registration": _ResubmitForm}
UPLOAD_FIELDS = ("title", "file")  # what a transition form carries as an evidence upload, not as payload


def transition_form(dispute, user, name: str, data=None, files=None) -> forms.Form:
    """The form of transition `name` (no fields when it takes no payload)."""
    fields = TRANSITION_FIELDS.get(name, lambda d, u: {})(dispute, user)
    initial = None
    if name == "issue_recommendation" and data is None:
        initial = extensions.recommendation_template(dispute)  # the anjuran's standard structure (mediation)
    base = FORM_BASES.get(name, forms.Form)
    return type(f"{name}_form", (base,), dict(fields))(data, files, prefix=name, initial=initial)


def transition_payload(name: str, cleaned: dict) -> dict:
    if name == "return_registration":
        return {"missing_items": [line.strip() for line in cleaned["missing_items"].splitlines() if line.strip()]}
    return {k: v for k, v in cleaned.items() if k not in UPLOAD_FIELDS}


class HandOverForm(forms.Form):
    """Pelimpahan to the province's office (disputes.services.dispute_hand_over)."""

    reason = forms.CharField(label=_("Reason for the hand-over"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}), initial=_("The office has no active mediator."))
    letter_number = forms.CharField(label=_("Number of the hand-over letter"), max_length=100, required=False,
                                    help_text=_("Leave empty to use the office's next number."))
    letter_date = forms.DateField(label=_("Date of the hand-over letter"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}), help_text=_("Empty: today."))
