"""Template filters for snapshot data (dates are stored as ISO strings)."""

import datetime

from django import template
from django.utils.dateparse import parse_date, parse_datetime

register = template.Library()


@register.filter
def isodate(value):
    """Turn an ISO date or date-time string from a snapshot into a date(time)."""
    if not value or isinstance(value, datetime.date):
        return value
    return parse_datetime(value) or parse_date(value)


@register.filter(expects_localtime=True)
def isodatetime(value) -> str:
    """An ISO 8601 value for ``<time datetime>``: seconds at most, never microseconds.

    The HTML standard allows at most three fraction digits, and Django's ``date:'c'``
    writes six; a snapshot's ISO strings are parsed first. A date stays a date.
    """
    value = isodate(value)
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        return value.replace(microsecond=0).isoformat()
    return value.isoformat()
