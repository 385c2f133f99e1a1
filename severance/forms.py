"""The severance calculator page's form: the API's inputs, typed by a person (dates, wage with separators)."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from severance.calculator import REASONS, Reason
from severance.serializers import LEAVE_MESSAGE, MAX_LEAVE_DAYS, MAX_MONTHLY_WAGE, WAGE_MESSAGE, WEEK_MESSAGE

# Every PP 35/2021 reason in plain words (domain.md §3.1), grouped as a worker would look for it.
REASON_LABELS = {
    "art41": _("Merger, consolidation or split of the company; the worker will not continue or the employer "
               "will not take the worker on"),
    "art42_1": _("Takeover of the company"),
    "art42_2": _("Takeover that changes working conditions; the worker will not continue"),
    "art43_1": _("Efficiency measures because the company is making losses"),
    "art43_2": _("Efficiency measures to prevent losses"),
    "art44_1": _("The company closes after 2 years of losses (continuous or not)"),
    "art44_2": _("The company closes, not because of losses"),
    "art45_1": _("The company closes because of force majeure"),
    "art45_2": _("Force majeure that does not close the company"),
    "art46_1": _("Debt moratorium (PKPU) because the company is making losses"),
    "art46_2": _("Debt moratorium (PKPU) not caused by losses"),
    "art47": _("The company is declared bankrupt (pailit)"),
    "art48": _("The worker asks for termination because the employer did something prohibited (abuse, wages "
               "unpaid for 3 months or more, and so on)"),
    "art49": _("The dispute body rules that the employer did not do the prohibited act the worker alleged"),
    "art50": _("The worker resigns voluntarily"),
    "art51": _("Absent 5 or more working days without a written explanation and evidence, after 2 proper "
               "summonses"),
    "art52_1": _("Breach of the employment contract, company regulation or collective agreement after the first, "
                 "second and third warning letters"),
    "art52_2": _("An urgent breach as defined in the employment contract, company regulation or collective "
                 "agreement"),
    "art54_1": _("Detained by the authorities for 6 months for an alleged crime that causes the company loss"),
    "art54_2": _("Detained by the authorities for 6 months for an alleged crime that causes the company no loss"),
    "art55": _("Long illness or disability from a work accident, more than 12 months"),
    "art56": _("Retirement"),
    "art57": _("Death of the worker (paid to the heirs)"),
}
REASON_GROUPS = (
    (_("Changes to the company"), ("art41", "art42_1", "art42_2")),
    (_("Losses, closure or bankruptcy"),
     ("art43_1", "art43_2", "art44_1", "art44_2", "art45_1", "art45_2", "art46_1", "art46_2", "art47")),
    (_("The employer's conduct"), ("art48", "art49")),
    (_("The worker's choice or conduct"), ("art50", "art51", "art52_1", "art52_2", "art54_1", "art54_2")),
    (_("Illness, retirement or death"), ("art55", "art56", "art57")),
)


def article_label(reason: Reason) -> str:
    """"Pasal 43 ayat (1)" / "Art. 43(1)" in the active language."""
    if reason.paragraph is None:
        return pgettext("law", "Art. %(article)s") % {"article": reason.article}
    return pgettext("law", "Art. %(article)s(%(paragraph)s)") % {
        "article": reason.article, "paragraph": reason.paragraph}


def reason_choices() -> list:
    """Grouped choices for the select: "plain words (Art. n)" under a group heading."""
    choices: list = [("", _("Choose the reason for the termination"))]
    for group, keys in REASON_GROUPS:
        choices.append((group, [(key, f"{REASON_LABELS[key]} ({article_label(REASONS[key])})") for key in keys]))
    return choices


_GROUPED = re.compile(r"\d{1,3}([.,]\d{3})+|\d+")


def parse_rupiah(text: str) -> int:
    """A whole number of rupiah as typed: "5000000", "5.000.000", "5,000,000", "Rp 5.000.000"."""
    cleaned = re.sub(r"^rp\.?", "", text.strip(), flags=re.I).replace(" ", "").replace("\u00a0", "")
    if not _GROUPED.fullmatch(cleaned):
        raise ValueError(text)
    return int(re.sub(r"[.,]", "", cleaned))


class RupiahField(forms.CharField):
    """Monthly wage in whole rupiah; dots or commas as thousands separators are accepted."""

    default_error_messages = {
        "invalid": WAGE_MESSAGE,
        "min_value": _("The wage must be more than zero."),
        "max_value": _("The wage is too large."),
    }

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            amount = parse_rupiah(value[:40])
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        if amount < 1:
            raise forms.ValidationError(self.error_messages["min_value"], code="min_value")
        if amount > MAX_MONTHLY_WAGE:
            raise forms.ValidationError(self.error_messages["max_value"], code="max_value")
        return amount


DATE_INPUT = {"type": "date", "min": "1900-01-01", "max": "2100-12-31"}
DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]


class SeverancePageForm(forms.Form):
    """What the page asks; `cleaned_data` is exactly the keyword arguments of `calculator.calculate`."""

    reason = forms.ChoiceField(
        label=_("Reason for the termination"),
        help_text=_("The reason decides the multipliers (PP 35/2021 Art. 41 to 57). If the reason itself is in "
                    "dispute, calculate each possibility."),
    )
    start_date = forms.DateField(
        label=_("First day of work"),
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs=DATE_INPUT, format="%Y-%m-%d"),
        help_text=_("As in your employment contract or letter of appointment."),
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD.")},
    )
    end_date = forms.DateField(
        label=_("Date the employment ends"),
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs=DATE_INPUT, format="%Y-%m-%d"),
        help_text=_("The termination date in the notice, or the planned date."),
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD.")},
    )
    monthly_wage = RupiahField(
        label=_("Monthly wage: basic wage plus fixed allowances (Rp)"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "maxlength": 30,
                                      "placeholder": "5.000.000"}),
        help_text=_("Fixed allowances are paid the same every month whatever your attendance, such as a position "
                    "or family allowance; leave out overtime and meal or transport money that depends on "
                    "attendance. Daily-paid: 30 times the daily wage. Piece-rate: the average of the last 12 months, "
                    "at least the minimum wage."),
    )
    unused_leave_days = forms.IntegerField(
        label=_("Annual leave days not yet taken"),
        required=False,
        min_value=0,
        max_value=MAX_LEAVE_DAYS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "max": MAX_LEAVE_DAYS}),
        help_text=_("Leave not yet taken and not yet forfeited; 0 if none."),
        error_messages={"invalid": LEAVE_MESSAGE, "min_value": LEAVE_MESSAGE, "max_value": LEAVE_MESSAGE},
    )
    days_per_week = forms.TypedChoiceField(
        label=_("Working days per week"),
        choices=[(5, _("5 days a week")), (6, _("6 days a week"))],
        coerce=int,
        required=False,
        empty_value=5,
        initial=5,
        widget=forms.RadioSelect,
        help_text=_("Used for the value of one day of leave: the monthly wage divided by 21 for a 5-day week, or "
                    "by 25 for a 6-day week (PP 36/2021 Art. 17)."),
        error_messages={"invalid_choice": WEEK_MESSAGE},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = reason_choices()
        self.describe()

    def describe(self) -> None:
        """Point each input at its help text, and at its error once the form has been validated."""
        checked = self.is_bound and self._errors is not None
        for name, field in self.fields.items():
            described = [f"id_{name}_help"]
            if checked and name in self._errors:
                described.append(f"id_{name}_error")
                field.widget.attrs["aria-invalid"] = "true"
            field.widget.attrs["aria-describedby"] = " ".join(described)

    def clean_unused_leave_days(self) -> int:
        value = self.cleaned_data.get("unused_leave_days")
        return 0 if value is None else value

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date is before the start date."))
        return cleaned
