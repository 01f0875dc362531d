"""The public forms: suggest a claim to check, report an error on a fact-check.

Neither page goes through the public page cache, and both are sent with never-cache
headers: each carries its reader's CSRF token. A post over the per-address limit, or
invalid, stores nothing; a post that filled the honeypot stores nothing either, but is
thanked like any other so that a bot learns nothing.
"""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from articles.intake import services
from articles.intake.forms import ClaimSuggestionForm, ErrorReportForm
from articles.intake.throttle import allow_post
from articles.models import PublishedVersion

TOO_MANY = 429


def _duration(seconds: int) -> str:
    """The limit's window in words: "1 hour", "10 minutes", "45 seconds" (each
    ngettext call names its words, so makemessages finds them)."""
    if seconds >= 3600 and seconds % 3600 == 0:
        hours = seconds // 3600
        return ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours}
    if seconds >= 60 and seconds % 60 == 0:
        minutes = seconds // 60
        return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}
    return ngettext("%(n)d second", "%(n)d seconds", seconds) % {"n": seconds}


def _too_many(request, template, context):
    window = settings.READER_FORM_WINDOW_SECONDS
    context["form"].add_error(
        None,
        _(
            "You have sent several messages in a short time. Please wait "
            "%(wait)s and try again; nothing was saved."
        )
        % {"wait": _duration(window)},
    )
    response = render(request, template, context, status=TOO_MANY)
    # The longest wait: the window starts at this client's first post.
    response["Retry-After"] = str(window)
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def suggest_claim(request):
    template = "articles/claimsuggestion_form.html"
    if request.method != "POST":
        return render(request, template, {"form": ClaimSuggestionForm()})
    form = ClaimSuggestionForm(request.POST)
    if not allow_post(request, "suggest"):
        return _too_many(request, template, {"form": form})
    if not form.is_valid():
        return render(request, template, {"form": form})
    if not form.is_bot():
        services.suggest_claim(
            message=form.cleaned_data["message"],
            source_url=form.cleaned_data["source_url"],
            contact_email=form.cleaned_data["contact_email"],
        )
    messages.success(
        request,
        _("Thank you: the desk will read your suggestion. You can send another."),
    )
    return redirect("articles:suggest_claim")


def _current_version(slug: str) -> PublishedVersion:
    version = (
        PublishedVersion.objects.current()
        .filter(slug=slug)
        .only("fact_check_id", "number", "title", "slug")
        .first()
    )
    if version is None:
        raise Http404("No published fact-check at this address.")
    return version


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def report_error(request, slug):
    version = _current_version(slug)
    template = "articles/errorreport_form.html"
    if request.method != "POST":
        return render(
            request, template, {"form": ErrorReportForm(), "version": version}
        )
    form = ErrorReportForm(request.POST)
    context = {"form": form, "version": version}
    if not allow_post(request, "report"):
        return _too_many(request, template, context)
    if not form.is_valid():
        return render(request, template, context)
    if not form.is_bot():
        services.report_error(
            fact_check_id=version.fact_check_id,
            version_number=version.number,
            message=form.cleaned_data["message"],
            contact_email=form.cleaned_data["contact_email"],
        )
    messages.success(
        request,
        _(
            "Thank you: a publisher will look at your report and correct the page if "
            "it is wrong."
        ),
    )
    return redirect("articles:report_error", slug=version.slug)
