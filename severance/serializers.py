"""Input and output shapes of the severance calculator."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from severance.calculator import REASONS

# A month's wage of at most Rp1 trillion keeps every amount (≤ 18 months of UP, 10 of UPMK, 365 days of
# leave) far below 2^53, so JavaScript clients read the totals exactly.
MAX_MONTHLY_WAGE = 1_000_000_000_000
MAX_LEAVE_DAYS = 365

WAGE_MESSAGE = _("Enter a whole number of rupiah.")
LEAVE_MESSAGE = _("Enter a whole number of days from 0 to 365.")
WEEK_MESSAGE = _("Enter 5 or 6 (working days per week).")
DATE_MESSAGE = _("Enter a date as YYYY-MM-DD.")


class StrictIntegerField(serializers.IntegerField):
    """A JSON integer only: no strings, no fractions (not even 5.0), no booleans."""

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return super().to_internal_value(data)


class SeveranceInput(serializers.Serializer):
    """What the calculator needs: the PHK reason, the service dates and the wage."""

    reason = serializers.ChoiceField(
        choices=list(REASONS),
        help_text="PP 35/2021 article of the PHK reason, e.g. art43_1 = Pasal 43 ayat (1).",
        error_messages={"invalid_choice": _("Unknown reason: use a PP 35/2021 article key such as art41 or "
                                            "art52_1.")},
    )
    start_date = serializers.DateField(help_text="First day of employment.", error_messages={"invalid": DATE_MESSAGE})
    end_date = serializers.DateField(help_text="Date the employment ends; not before start_date.",
                                     error_messages={"invalid": DATE_MESSAGE})
    monthly_wage = StrictIntegerField(
        min_value=1,
        max_value=MAX_MONTHLY_WAGE,
        help_text="Basic wage plus fixed allowances per month, in whole rupiah (UU 13/2003 Art. 157 as amended).",
        error_messages={
            "invalid": WAGE_MESSAGE,
            "min_value": _("The wage must be more than zero."),
            "max_value": _("The wage is too large."),
        },
    )
    unused_leave_days = StrictIntegerField(
        min_value=0,
        max_value=MAX_LEAVE_DAYS,
        default=0,
        help_text="Annual leave days not yet taken and not yet forfeited.",
        error_messages={"invalid": LEAVE_MESSAGE, "min_value": LEAVE_MESSAGE, "max_value": LEAVE_MESSAGE},
    )
    days_per_week = StrictIntegerField(
        min_value=5,
        max_value=6,
        default=5,
        help_text="Working days per week: 5 (daily wage = monthly ÷ 21) or 6 (÷ 25).",
        error_messages={"invalid": WEEK_MESSAGE, "min_value": WEEK_MESSAGE, "max_value": WEEK_MESSAGE},
    )

    def validate(self, attrs: dict) -> dict:
        if attrs["end_date"] < attrs["start_date"]:
            raise serializers.ValidationError({"end_date": [_("The end date is before the start date.")]})
        return attrs


class SeveranceComponentOutput(serializers.Serializer):
    """UP or UPMK: amount = multiplier x base_months x monthly_wage, rounded half up."""

    base_months = serializers.IntegerField(help_text="Months of wage from the service-length table.")
    multiplier = serializers.FloatField(help_text="Multiplier of the reason's article, e.g. 0.5, 0.75, 1.75, 2.")
    amount = serializers.IntegerField(help_text="Rupiah.")


class SeveranceLeavePayOutput(serializers.Serializer):
    """UPH for unused annual leave: amount = leave_days x daily_wage."""

    leave_days = serializers.IntegerField()
    daily_wage = serializers.IntegerField(help_text="Monthly wage ÷ 21 or ÷ 25, in whole rupiah, half up.")
    amount = serializers.IntegerField(help_text="Rupiah.")


class SeveranceOutput(serializers.Serializer):
    """The statutory minimum for the PHK."""

    years_of_service = serializers.IntegerField(help_text="Completed years.")
    months_of_service = serializers.IntegerField(help_text="Completed months beyond the completed years (0-11).")
    up = SeveranceComponentOutput(help_text="Uang pesangon, PP 35/2021 Art. 40(2).")
    upmk = SeveranceComponentOutput(help_text="Uang penghargaan masa kerja, PP 35/2021 Art. 40(3).")
    uph = SeveranceLeavePayOutput(help_text="Uang penggantian hak, unused-leave part only, PP 35/2021 Art. 40(4).")
    total = serializers.IntegerField(help_text="up.amount + upmk.amount + uph.amount, rupiah.")
    basis = serializers.ListField(child=serializers.CharField(), help_text='e.g. "PP 35/2021 Pasal 41".')
    note = serializers.CharField(help_text="Statutory-minimum label and what is not included, in the request's "
                                           "language.")
