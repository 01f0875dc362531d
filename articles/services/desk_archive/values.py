"""How a column's value is written to and read from a JSON line.

Exact round trips matter more than brevity: datetimes keep their microseconds and
offset (DjangoJSONEncoder would cut them to milliseconds), decimals travel as strings,
binary as base64, durations as ISO 8601, JSON columns as JSON.
"""

from __future__ import annotations

import base64
import datetime
import decimal
import uuid
from collections.abc import Callable

from django.db import models
from django.utils.duration import duration_iso_string

Encoder = Callable[[object], object]


def _plain(value):
    return value


def _encode_temporal(value):
    if value is None:
        return None
    if isinstance(value, datetime.timedelta):
        return duration_iso_string(value)
    return value.isoformat()


def _encode_text(value):
    if value is None:
        return None
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    return value


def _encode_binary(value):
    if value is None:
        return None
    return base64.b64encode(bytes(value)).decode("ascii")


def encoder_for(field: models.Field) -> Encoder:
    """A function turning the database value of ``field`` into a JSON value."""
    target = field.target_field if field.is_relation else field
    kind = target.get_internal_type()
    if kind in {"DateTimeField", "DateField", "TimeField", "DurationField"}:
        return _encode_temporal
    if kind in {"DecimalField", "UUIDField"}:
        return _encode_text
    if kind == "BinaryField":
        return _encode_binary
    return _plain


# Types JSON already carries as the driver wants them (str, int, float, bool).
NATIVE_JSON_TYPES = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "SmallAutoField",
        "BigIntegerField",
        "IntegerField",
        "SmallIntegerField",
        "PositiveBigIntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "BooleanField",
        "FloatField",
        "CharField",
        "SlugField",
        "TextField",
    }
)


def decoder_for(field: models.Field, connection) -> Callable[[object], object] | None:
    """A function turning a (non-null) JSON value back into what the database stores,
    or None when the JSON value is that already."""
    target = field.target_field if field.is_relation else field
    kind = target.get_internal_type()
    if type(target).__module__.startswith("django.db.models"):
        # Django's own fields: fast paths (the generic one below costs ~10 µs a value).
        if kind in NATIVE_JSON_TYPES:
            return None
        if type(target) is models.DateTimeField:
            adapt, parse = (
                connection.ops.adapt_datetimefield_value,
                datetime.datetime.fromisoformat,
            )
            return lambda value: adapt(parse(value))
        if type(target) is models.DateField:
            adapt, parse = (
                connection.ops.adapt_datefield_value,
                datetime.date.fromisoformat,
            )
            return lambda value: adapt(parse(value))
    if isinstance(target, models.JSONField):
        return lambda value: target.get_db_prep_save(value, connection)
    return lambda value: target.get_db_prep_save(target.to_python(value), connection)
