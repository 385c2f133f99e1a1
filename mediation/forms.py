"""Input shapes of the mediation parts of the dispute page (validation only; the services decide)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mediation.models import Attendance, ItemKind, SessionKind

JAKARTA = ZoneInfo("Asia/Jakarta")
ONLINE = "online"
_LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


class JakartaDateTimeField(forms.DateTimeField):
    """A date and time typed in WIB (Asia/Jakarta) whatever the server's current time zone, shown the same way."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=_LOCAL_FORMAT)

    def to_python(self, value):
        with timezone.override(JAKARTA):
            return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, dt.datetime) and timezone.is_aware(value):
            return timezone.localtime(value, JAKARTA).replace(tzinfo=None)
        return value


def _text(label, *, rows: int = 3, max_length: int = 20000, required: bool = True, help_text: str = ""):
    return forms.CharField(label=label, max_length=max_length, required=required, help_text=help_text,
                           widget=forms.Textarea(attrs={"rows": rows}))


class MeetingForm(forms.Form):
    """The minutes of one bipartite meeting (risalah perundingan bipartit, UU 2/2004 Art. 6(2))."""

    held_at = JakartaDateTimeField(label=_("Date and time of the meeting"),
                                   help_text=_("In WIB (Western Indonesia Time)."))
    online = forms.BooleanField(label=_("The meeting was held online"), required=False)
    place = forms.CharField(label=_("Place"), max_length=200, required=False,
                            help_text=_("Leave empty if the meeting was held online."))
    issue = _text(_("The issue discussed"))
    petitioner_position = _text(_("The worker's position"))
    respondent_position = _text(_("The company's position"))
    result = _text(_("Result"), help_text=_("What was agreed, or that no agreement was reached."))

    def clean_held_at(self):
        held_at = self.cleaned_data["held_at"]
        if held_at > timezone.now():
            raise forms.ValidationError(_("The meeting cannot be in the future."))
        return held_at

    def clean(self):
        data = super().clean()
        if not data.get("online") and not (data.get("place") or "").strip() and "place" not in self.errors:
            self.add_error("place", _("Give the place, or tick that the meeting was held online."))
        return data

    def payload(self) -> dict:
        d = self.cleaned_data
        keys = ("held_at", "issue", "petitioner_position", "respondent_position", "result")
        return {**{k: d[k] for k in keys}, "place": ONLINE if d["online"] else d["place"].strip()}


class ScheduleForm(forms.Form):
    """A mediation or clarification session; scheduling it sends a numbered summons to each party."""

    kind = forms.ChoiceField(label=_("Kind of session"), choices=SessionKind.choices, widget=forms.RadioSelect,
                             initial=SessionKind.MEDIATION)
    scheduled_for = JakartaDateTimeField(label=_("Date and time"), help_text=_("In WIB (Western Indonesia Time)."))
    agenda = _text(_("Agenda"), max_length=5000,
                   help_text=_("Printed in the summons: the purpose, the place or the link of an online session, "
                               "and the documents to bring."))

    short_notice_reason = _text(
        _("Reason for a shorter notice"), max_length=5000, required=False, rows=2,
        help_text=_("Needed only when the session is sooner than the office's minimum notice of working days "
                    "after today; it is kept with the session."))

    def clean_scheduled_for(self):
        when = self.cleaned_data["scheduled_for"]
        if when <= timezone.now():
            raise forms.ValidationError(_("Must be in the future."))
        return when


class AttendanceForm(forms.Form):
    """Who came to a session that has taken place; an excused absence carries its reason."""

    petitioner = forms.ChoiceField(label=_("Worker (petitioner)"), choices=Attendance.choices,
                                   widget=forms.RadioSelect)
    petitioner_reason = _text(_("Reason of the worker's excused absence"), max_length=5000, required=False,
                              rows=2)
    respondent = forms.ChoiceField(label=_("Company (respondent)"), choices=Attendance.choices,
                                   widget=forms.RadioSelect)
    respondent_reason = _text(_("Reason of the company's excused absence"), max_length=5000, required=False,
                              rows=2)
    notes = _text(_("Notes"), max_length=5000, required=False,
                  help_text=_("For example who came as proxy."))

    def clean(self):
        data = super().clean()
        for side in ("petitioner", "respondent"):
            if data.get(side) == Attendance.EXCUSED and not (data.get(f"{side}_reason") or "").strip():
                self.add_error(f"{side}_reason", _("Give the reason for the excused absence."))
        return data

    def __init__(self, *args, session_id: int | None = None, **kwargs):
        # Several attendance forms share one page: distinct ids per session.
        kwargs.setdefault("auto_id", f"id_att{session_id}_%s" if session_id else "id_%s")
        super().__init__(*args, **kwargs)


class HeldSessionForm(AttendanceForm):
    """A session already held offline, recorded after the fact: no summons is sent."""

    kind = forms.ChoiceField(label=_("Kind of session"), choices=SessionKind.choices, widget=forms.RadioSelect,
                             initial=SessionKind.MEDIATION)
    held_at = JakartaDateTimeField(label=_("Date and time it was held"),
                                   help_text=_("In WIB (Western Indonesia Time)."))
    agenda = _text(_("Agenda"), max_length=5000, rows=2)
    field_order = ["kind", "held_at", "agenda", "petitioner", "petitioner_reason", "respondent",
                   "respondent_reason", "notes"]

    def clean_held_at(self):
        when = self.cleaned_data["held_at"]
        if when > timezone.now():
            raise forms.ValidationError(_("A session already held cannot be in the future."))
        return when


class PauseForm(forms.Form):
    paused = forms.TypedChoiceField(choices=[("1", "1"), ("0", "0")], coerce=lambda v: v == "1")


class AgreementItemForm(forms.Form):
    """One term on the drafter's form; a row left without a description is ignored."""

    kind = forms.ChoiceField(label=_("Kind of term"), choices=ItemKind.choices)
    description = forms.CharField(label=_("What is agreed"), max_length=5000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))
    amount = forms.IntegerField(label=_("Amount (rupiah, payments only)"), min_value=1, required=False)
    date = forms.DateField(label=_("Due date (for the end of employment: its last day)"), required=False,
                           widget=forms.DateInput(attrs={"type": "date"}))
    payment_method = forms.CharField(label=_("How it is paid"), max_length=300, required=False)


AgreementItemFormSet = forms.formset_factory(AgreementItemForm, extra=2, max_num=50)


def agreement_items_formset(agreement, data=None):
    initial = [{"kind": i.kind, "description": i.description, "amount": i.amount, "date": i.date,
                "payment_method": i.payment_method} for i in agreement.items.all()]
    return AgreementItemFormSet(data, initial=initial, prefix="item")


def agreement_items_payload(formset) -> dict:
    return {"items": [{k: (v.isoformat() if k == "date" and v else v) for k, v in form.cleaned_data.items()}
                      for form in formset.forms
                      if form.cleaned_data and (form.cleaned_data.get("description") or "").strip()]}
