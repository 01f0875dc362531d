"""django-axes hooks: the lockout page and the username it counts failures for."""

import math
import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse


def lockout_response(
    request: HttpRequest, original_response=None, credentials=None
) -> HttpResponse:
    """Our site's lockout page, 429, saying how long the pause lasts."""
    minutes = math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    response = TemplateResponse(
        request,
        "registration/lockout.html",
        {"failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_minutes": minutes},
        status=429,
    )
    return response.render()


_UNSTORABLE = re.compile("[\x00-\x1f\x7f]")


def lockout_username(request: HttpRequest, credentials: dict | None = None) -> str:
    """The username a login attempt was made for, as django-axes stores it.

    Login forms hand over whatever was typed (Django's AuthenticationForm does not
    limit its length): cut to the longest username that can exist and with control
    characters replaced, so that recording the failure is never a database error.
    """
    source = credentials if credentials else request.POST
    username = str(source.get(settings.AXES_USERNAME_FORM_FIELD) or "")
    user_model = get_user_model()
    longest = user_model._meta.get_field(user_model.USERNAME_FIELD).max_length
    return _UNSTORABLE.sub("\ufffd", username)[:longest]
