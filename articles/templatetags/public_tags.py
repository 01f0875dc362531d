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
