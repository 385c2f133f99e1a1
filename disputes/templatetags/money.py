"""`{{ amount|rupiah }}`: whole rupiah as "Rp 4.500.000" (Indonesian grouping in both languages)."""

from django import template

from severance.pages import rupiah as format_rupiah

register = template.Library()


@register.filter
def rupiah(amount):
    if isinstance(amount, bool) or not isinstance(amount, int):
        return amount
    return format_rupiah(amount)
