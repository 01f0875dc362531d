"""Every URL × every role × GET/POST (and HEAD on public pages): the expected status.

The URL list comes from ``get_resolver()``, so a new URL is in the matrix the moment it
is added, and the test fails until it has a rule. **To add a rule, add one line to
RULES** (first match wins; keys are ``namespace:name`` with ``fnmatch`` wildcards, or
``namespace:<route>`` for unnamed patterns)::

    ("articles:job_*", staff("articles.run_job", post=(200, 302))),

Expectations, for ROLES = anonymous, editor, reviewer, publisher, staff (no group),
multi (editor + reviewer + publisher) and superuser:

- ``public(...)``: the same for everyone; GET and HEAD 200 unless given, POST 405.
- ``staff(perm, ...)``: anonymous is sent to the login page, a user without ``perm``
  gets 403, a user with it gets ``get``/``post`` (200 or a redirect).
- ``admin_model(action)``: a ModelAdmin view, judged by the model's own permissions
  (``view`` means view or change); ``post`` is what a permitted empty POST gets.
- ``nobody(...)``: refused to every logged-in user, superusers included.

If a URL takes a parameter the matrix cannot fill, add it to ``url_kwargs``. Each
request runs in its own savepoint that is rolled back, so a POST that deletes or
publishes something leaves the next case untouched. No case may answer 500.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from articles.intake import services as intake
from articles.intake.services import import_claimreviews
from articles.models import (
    AuthorProfile,
    Citation,
    FactCheck,
    Job,
    JobKind,
    Quote,
    SourceCheck,
    SourceHealth,
)
from articles.services import workflow
from entities.models import Alias, Entity
from policies.models import PageKind, PolicyPage
from tests.factories import (
    AliasFactory,
    CitationFactory,
    ClaimFactory,
    EntityFactory,
    FactCheckFactory,
    UserFactory,
    record_failed_login,
)
from tests.publishing import NOW, desk_publisher, make_fact_check, publish

CLAIMREVIEW_FEED = Path(__file__).resolve().parent / "data" / "claimreview_feed.json"

ANON, EDITOR, REVIEWER, PUBLISHER, STAFF, MULTI, SUPER = ROLES = (
    "anonymous",
    "editor",
    "reviewer",
    "publisher",
    "staff",
    "multi",
    "superuser",
)
LOGIN = "login"  # a redirect to the login page
METHODS = ("GET", "POST")


# -- expectations --------------------------------------------------------------


@dataclass(frozen=True)
class Expect:
    """What each role gets; ``answer`` returns the allowed statuses of one case."""

    get: Any = 200  # what a permitted user's GET (and HEAD) gets
    post: Any = 405  # what a permitted user's POST gets
    head: bool = False  # also send HEAD (expected: what GET gets)
    perm: str | None = None  # needed by logged-in users, else ``denied``
    module: str | None = None  # or: any permission in this app, else ``denied``
    model_action: str | None = None  # or: the admin's model permission (see below)
    post_action: str | None = None  # model permission a POST needs, if another
    anonymous: Any = LOGIN
    denied: Any = 403
    method_first: bool = False  # a wrong method is 405 before permissions count
    is_public: bool = False  # anonymous readers get what everyone gets

    def allowed(self, user, method: str, opts) -> bool:
        if self.model_action:
            action = self.model_action
            if method == "POST" and self.post_action:
                action = self.post_action
            # The admin lets a user who may change a model view it too.
            actions = ("view", "change") if action == "view" else (action,)
            return any(
                user.has_perm(f"{opts.app_label}.{a}_{opts.model_name}")
                for a in actions
            )
        if self.module:
            return user.has_module_perms(self.module)
        return self.perm is None or user.has_perm(self.perm)

    def answer(self, role: str, user, method: str, opts) -> tuple:
        result = _tuple(self.get if method in ("GET", "HEAD") else self.post)
        if self.is_public:
            return result
        if role == ANON:
            return _tuple(self.anonymous)
        if self.method_first and result == (405,):
            return result
        if not self.allowed(user, method, opts):
            return _tuple(self.denied)
        return result


def _tuple(value) -> tuple:
    return value if isinstance(value, tuple) else (value,)


def public(get=200, post=405, head=True) -> Expect:
    """A reader page: the same answer whoever asks, anonymous included."""
    return Expect(get=get, post=post, head=head, anonymous=None, is_public=True)


def staff(perm=None, get=200, post=405, **kwargs) -> Expect:
    """Login required (anonymous → login page); without ``perm`` → 403."""
    return Expect(get=get, post=post, perm=perm, **kwargs)


def nobody(status=403, **kwargs) -> Expect:
    """Refused to every logged-in user, superusers included."""
    return Expect(get=status, post=status, **kwargs)


def admin_model(action, get=200, post=(200, 302), **kwargs) -> Expect:
    """A ModelAdmin page that needs the model's ``action`` permission."""
    return Expect(get=get, post=post, model_action=action, **kwargs)


# Ordered: the first key that matches wins.
RULES: list[tuple[str, Expect]] = [
    # Reader pages.
    ("articles:home", public()),
    ("articles:factcheck_detail", public()),
    ("articles:factcheck_versions", public()),
    ("policies:page", public()),
    ("policies:team", public()),
    ("policies:author", public()),
    ("articles:claim_list", public()),
    ("articles:claim_short", public(get=301)),
    ("articles:claim_detail", public()),
    ("articles:source_archive", public()),
    ("articles:entity_detail", public()),
    ("articles:search", public()),
    ("articles:robots_txt", public()),
    ("articles:claimreview_feed", public()),
    # Django's Feed and sitemap views answer any method (they write nothing).
    ("articles:feed_*", public(post=200)),
    ("articles:sitemap", public(post=200)),
    ("articles:sitemap_section", public(post=200)),
    # Staff pages outside the admin. The read-only ones render a POST like a GET.
    ("articles:factcheck_preview", staff("articles.view_factcheck", post=200)),
    ("articles:review_queue", staff("articles.review_attribution", post=200)),
    ("articles:review_stats", staff("articles.review_attribution", post=200)),
    ("articles:review_entities", staff("articles.review_attribution", post=200)),
    ("articles:review_articles", staff("articles.review_attribution", post=200)),
    ("articles:review_item", staff("articles.review_attribution", post=200)),
    ("articles:review_confirm", staff("articles.review_attribution", 405, 302)),
    ("articles:review_dispute", staff("articles.review_attribution", 405, 200)),
    ("articles:review_correct", staff("articles.review_attribution", 405, 200)),
    ("articles:favicon", public(get=302)),
    ("articles:claim_list_csv", public()),
    # Readers' forms: an empty POST is answered with the form and its errors.
    ("articles:suggest_claim", public(post=200)),
    ("articles:report_error", public(post=200)),
    # The open data API: read-only JSON for everyone (no method writes).
    ("api:*", public()),
    # Jobs: every staff user sees the list; a job's pages belong to whoever started it
    # (and superusers): others are sent back to the index or refused. Read-only.
    ("admin:articles_job_changelist", staff(post=(200, 302))),
    ("admin:articles_job_add", nobody()),
    ("admin:articles_job_delete", nobody(status=(302, 403))),
    ("admin:articles_job_change", staff(get=(200, 302), post=(302, 403))),
    ("admin:articles_job_history", staff(get=(200, 302, 403), post=(200, 302, 403))),
    ("admin:articles_job_status", staff(get=(200, 404), post=(200, 404))),
    # django-axes' records: read-only (a superuser unlocks by deleting one).
    ("admin:axes_*_add", nobody()),
    ("admin:axes_*_change", admin_model("view", post=(302, 403))),
    # The desk: any signed-in staff user; what a POST does is the service's to refuse.
    ("articles:desk_home", staff(post=200)),
    ("articles:desk_notifications", staff(post=200)),
    ("articles:desk_assignments", staff(post=200)),
    # An item's assignment history: staff who may see the item.
    ("articles:desk_assignment_history", staff("articles.view_factcheck", post=200)),
    # Re-check a claim: editors; a POST without a choice re-renders the forms.
    ("articles:desk_recheck", staff("articles.change_claim", post=200)),
    ("articles:desk_preferences", staff(post=(200, 302))),
    ("articles:desk_notifications_read_all", staff(get=405, post=302)),
    ("articles:desk_notification_*", staff(get=405, post=404)),
    # A comment's earlier versions: GET only; no comment exists, so a 404.
    ("articles:desk_comment_history", staff(get=404, post=404)),
    ("articles:desk_comment_*", staff(get=405, post=404)),
    ("articles:desk_assign", staff(get=405, post=(302, 400, 403))),
    ("articles:desk_unassign", staff(get=405, post=(302, 400, 403, 404))),
    ("articles:desk_comment", staff(get=405, post=(302, 400, 403))),
    # The admin's own pages.
    ("admin:index", staff(post=200)),
    ("admin:login", staff(get=302, post=200, anonymous=200)),
    ("admin:logout", staff(get=405, post=200, anonymous=302)),
    ("admin:password_change", staff(post=200)),
    ("admin:password_change_done", staff()),
    ("admin:jsi18n", staff()),
    ("admin:autocomplete", staff("entities.view_entity", method_first=True)),
    ("admin:view_on_site", staff(get=302, post=302)),
    # Every staff user has the articles app in the admin: the job list is theirs.
    ("admin:app_list", staff(post=200)),
    ("admin:<admin/(?P<url>.*)$>", staff(get=404, post=404)),
    ("admin:auth_user_password_change", staff("auth.change_user", post=200)),
    # Pages the project adds to the admin.
    ("admin:articles_article_tag", staff("articles.change_article", post=200)),
    (
        "admin:articles_article_tag_entities",
        staff("entities.view_entity", method_first=True),
    ),
    (
        "admin:articles_article_tag_action",
        staff("articles.change_article", 405, 200, method_first=True),
    ),
    ("admin:articles_article_import", staff("articles.add_article", post=200)),
    (
        "admin:articles_factcheck_workflow",
        staff("articles.submit_factcheck", 405, 302, method_first=True),
    ),
    (
        "admin:articles_knownfactcheck_import",
        staff("articles.add_knownfactcheck", post=200),
    ),
    # Imported and reader-sent rows come only through their services and forms.
    ("admin:articles_knownfactcheck_add", nobody()),
    ("admin:articles_claimreviewimport_add", nobody()),
    ("admin:articles_claimsuggestion_add", nobody()),
    ("admin:articles_errorreport_add", nobody()),
    ("admin:articles_knownfactcheck_change", admin_model("view", post=403)),
    ("admin:articles_claimreviewimport_change", admin_model("view", post=403)),
    # Published versions are read-only, even for superusers.
    ("admin:articles_publishedversion_add", nobody()),
    ("admin:articles_publishedversion_delete", nobody()),
    ("admin:articles_publishedversion_change", admin_model("view", post=403)),
    # Every ModelAdmin. A POST to a list or history page changes nothing by itself.
    ("admin:*_changelist", admin_model("view")),
    ("admin:*_add", admin_model("add")),
    ("admin:*_change", admin_model("view", post_action="change")),
    ("admin:*_delete", admin_model("delete")),
    ("admin:*_simple_history", admin_model("view", post_action="change")),
    ("admin:*_history", admin_model("view", post=200)),
    ("admin:<admin/*/*/<path:object_id>/>", staff(get=302, post=302)),
]


# Other addresses of the same URL pattern: (label, kwargs from the world, rule).
VARIANTS: dict[str, list[tuple[str, Any, Expect]]] = {
    "articles:factcheck_detail": [
        ("draft", lambda w: {"slug": w["draft"].slug}, public(get=404)),
    ],
    "articles:factcheck_versions": [
        ("draft", lambda w: {"slug": w["draft"].slug}, public(get=404)),
    ],
    "policies:page": [
        ("generated", lambda w: {"kind": "ratings"}, public()),
        ("unwritten", lambda w: {"kind": "feedback"}, public(get=404)),
    ],
    "policies:author": [
        ("unpublished", lambda w: {"slug": "not-yet-published"}, public(get=404)),
    ],
    "articles:claim_short": [
        ("unpublished", lambda w: {"pk": w["unpublished_claim"].pk}, public(get=404)),
    ],
    "articles:claim_detail": [
        (
            "unpublished",
            lambda w: {"pk": w["unpublished_claim"].pk, "slug": "claim"},
            public(get=404),
        ),
    ],
    "articles:entity_detail": [
        ("unpublished", lambda w: {"slug": "nobody-published"}, public(get=404)),
    ],
    "articles:source_archive": [
        ("unpublished", lambda w: {"pk": w["draft_citation"].pk}, public(get=404)),
    ],
    "articles:report_error": [
        ("draft", lambda w: {"slug": w["draft"].slug}, public(get=404, post=404)),
    ],
    "api:factcheck-detail": [
        ("draft", lambda w: {"slug": w["draft"].slug}, public(get=404)),
    ],
    "api:claim-detail": [
        ("unpublished", lambda w: {"id": w["unpublished_claim"].pk}, public(get=404)),
    ],
    "api:entity-detail": [
        ("unpublished", lambda w: {"slug": "nobody-published"}, public(get=404)),
    ],
    "articles:review_item": [
        (
            "claim",
            lambda w: {"kind": "claim", "pk": w["claim"].claim_ref},
            staff("articles.review_attribution", post=200),
        ),
    ],
    "articles:review_confirm": [
        (
            "claim",
            lambda w: {"kind": "claim", "pk": w["claim"].claim_ref},
            staff("articles.review_attribution", 405, 302),
        ),
    ],
}


def rule_for(key: str) -> Expect | None:
    for pattern, expect in RULES:
        if fnmatch.fnmatchcase(key, pattern):
            return expect
    return None


# -- the URL list ----------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    key: str  # "namespace:name", or "namespace:<route>" for an unnamed pattern
    name: str | None
    route: str
    pattern: URLPattern


def _walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = (
                    f"{namespace}:{pattern.namespace}"
                    if namespace
                    else pattern.namespace
                )
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        else:
            route = prefix + str(pattern.pattern)
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            key = name if pattern.name else f"{namespace}:<{route}>"
            yield Route(key, name if pattern.name else None, route, pattern)


ROUTES = {route.key: route for route in _walk(get_resolver().url_patterns)}


def model_admin_for(route: Route):
    """The ModelAdmin whose URL this is (by URL name or route), or None."""
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        prefix = f"admin:{opts.app_label}_{opts.model_name}_"
        folder = f"admin/{opts.app_label}/{opts.model_name}/"
        if (route.name and route.name.startswith(prefix)) or (
            not route.name and route.route.startswith(folder)
        ):
            return model_admin
    return None


# -- the data every case uses ----------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """One published fact-check, a draft, every admin model's object and a logged-in
    session per role, made once; rolled back when the module is done."""
    with django_db_blocker.unblock(), transaction.atomic():
        published = make_fact_check()
        credited = UserFactory(
            username="m-author", first_name="Matrix", last_name="Author"
        )
        AuthorProfile.objects.create(user=credited, slug="matrix-author", bio="Bio.")
        published.authors.add(credited)
        AuthorProfile.objects.create(
            user=UserFactory(username="m-quiet", first_name="Not", last_name="Yet"),
            slug="not-yet-published",
            bio="Never credited on a published fact-check.",
        )
        PolicyPage.objects.create(
            kind=PageKind.METHODOLOGY, title="Methodology", body="How we check."
        )
        publish(published, now=NOW)
        draft = FactCheckFactory(article=published.article, slug="still-a-draft")
        entity = Entity.objects.get(slug="ana-lopez")
        AliasFactory(entity=entity, name="Mayor Lopez")
        EntityFactory(name="Nobody Published", slug="nobody-published")
        unpublished_claim = ClaimFactory(article=published.article)
        # An archived copy of a published citation, and one of a draft's citation.
        cited = Citation.objects.filter(claim__fact_checks=published).first()
        draft_citation = CitationFactory(claim=unpublished_claim)
        for citation in (cited, draft_citation):
            SourceCheck.objects.create(
                citation=citation,
                url=citation.url,
                fetched_at=NOW,
                status_code=200,
                health=SourceHealth.OK,
                text="The minutes.",
            )
        workflow.add_correction(
            fact_check=published, user=desk_publisher(), text="A date was wrong."
        )
        users = {
            EDITOR: UserFactory(username="m-editor", groups=["Editor"]),
            REVIEWER: UserFactory(username="m-reviewer", groups=["Reviewer"]),
            PUBLISHER: UserFactory(username="m-publisher", groups=["Publisher"]),
            STAFF: UserFactory(username="m-staff"),
            MULTI: UserFactory(
                username="m-multi", groups=["Editor", "Reviewer", "Publisher"]
            ),
            SUPER: UserFactory(username="m-root", is_superuser=True),
        }
        sessions = {}
        for role, user in users.items():
            client = Client()
            client.force_login(user)
            sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
        Job.objects.create(kind=JobKind.IMPORT, started_by=users[EDITOR])
        record_failed_login()
        import_claimreviews(
            data=CLAIMREVIEW_FEED.read_bytes(), source_name="f", trusted=True
        )
        intake.suggest_claim(message="A reader's claim to check, please.")
        intake.report_error(
            fact_check_id=published.pk, version_number=1, message="A wrong figure."
        )
        quote = Quote.objects.filter(article=published.article).first()
        data = {
            "published": published,
            "draft": draft,
            "entity": entity,
            "claim": published.versions.get().claims.order_by("position").first(),
            "quote": quote,
            "unpublished_claim": unpublished_claim,
            "cited": cited,
            "draft_citation": draft_citation,
            "users": users,
            "sessions": sessions,
        }
        yield data
        transaction.set_rollback(True)


def sample_object(model, world):
    """An object of ``model`` for its admin pages."""
    if model is FactCheck:
        return world["published"]
    if model is Group:
        return Group.objects.get(name="Editor")
    if model is Alias:
        return Alias.objects.filter(entity=world["entity"]).first()
    if model is Entity:
        return world["entity"]
    if model._meta.model_name == "user":
        return world["users"][EDITOR]
    return model.objects.order_by("pk").first()


def url_kwargs(route: Route, world) -> tuple[list, dict, str]:
    """(args, kwargs, query string) that make ``route`` a real address."""
    name = route.name or route.key
    claim = world["claim"]
    fixed = {
        "articles:factcheck_detail": {"slug": world["published"].slug},
        "articles:factcheck_versions": {"slug": world["published"].slug},
        "policies:page": {"kind": "methodology"},
        "policies:author": {"slug": "matrix-author"},
        "articles:claim_short": {"pk": claim.claim_ref},
        "articles:claim_detail": {"pk": claim.claim_ref, "slug": claim.slug},
        "articles:entity_detail": {"slug": world["entity"].slug},
        "articles:source_archive": {"pk": world["cited"].pk},
        "articles:sitemap_section": {"section": "claims"},
        "articles:factcheck_preview": {"pk": world["draft"].pk},
        "articles:review_item": {"kind": "quote", "pk": world["quote"].pk},
        "articles:review_confirm": {"kind": "quote", "pk": world["quote"].pk},
        "articles:review_dispute": {"kind": "quote", "pk": world["quote"].pk},
        "articles:review_correct": {"kind": "quote", "pk": world["quote"].pk},
        "admin:app_list": {"app_label": "articles"},
        "admin:articles_article_tag": {"object_id": world["published"].article_id},
        "admin:articles_article_tag_entities": {
            "object_id": world["published"].article_id
        },
        "admin:articles_article_tag_action": {
            "object_id": world["published"].article_id,
            "action": "suggest",
        },
        "admin:articles_factcheck_workflow": {
            "object_id": world["draft"].pk,
            "action": "submit",
        },
        "admin:view_on_site": {
            "content_type_id": ContentType.objects.get_for_model(Entity).pk,
            "object_id": world["entity"].pk,
        },
        "admin:auth_user_password_change": {"id": world["users"][EDITOR].pk},
        # No notification or comment exists: the address answers 404 to staff.
        "articles:desk_notification_open": {"pk": 999_999},
        "articles:desk_notification_read": {"pk": 999_999},
        "articles:desk_comment_edit": {"pk": 999_999},
        "articles:desk_comment_history": {"pk": 999_999},
        "articles:desk_comment_delete": {"pk": 999_999},
        "articles:desk_comment_resolve": {"pk": 999_999},
        "articles:desk_comment_reopen": {"pk": 999_999},
        "articles:desk_assign": {"kind": "factcheck", "pk": world["published"].pk},
        "articles:desk_unassign": {"kind": "factcheck", "pk": world["published"].pk},
        "articles:desk_comment": {"kind": "factcheck", "pk": world["published"].pk},
        "articles:desk_assignment_history": {
            "kind": "factcheck",
            "pk": world["published"].pk,
        },
        "articles:desk_recheck": {"pk": claim.claim_ref},
        "articles:report_error": {"slug": world["published"].slug},
        "api:factcheck-detail": {"slug": world["published"].slug},
        "api:claim-detail": {"id": claim.claim_ref},
        "api:entity-detail": {"slug": world["entity"].slug},
    }
    queries = {
        "articles:search": "?q=budget",
        "articles:review_entities": "?q=Ana",
        "admin:articles_article_tag_entities": "?q=Ana",
        "admin:autocomplete": (
            "?app_label=articles&model_name=claim&field_name=speaker"
        ),
    }
    query = queries.get(name, "")
    if name in fixed:
        return [], fixed[name], query
    if route.key == "admin:<admin/(?P<url>.*)$>":
        return [], {"url": "no-such-page/"}, query
    model_admin = model_admin_for(route)
    wanted = set(route.pattern.pattern.converters) | set(
        route.pattern.pattern.regex.groupindex
    )
    if model_admin is not None:
        obj = sample_object(model_admin.model, world)
        if name.endswith("_simple_history"):
            record = obj.history.order_by("history_id").first()
            return [obj.pk, record.history_id], {}, query
        if wanted <= {"object_id"}:
            return [], ({"object_id": obj.pk} if wanted else {}), query
    if not wanted and route.pattern.pattern.regex.groups == 0:
        return [], {}, query
    pytest.fail(
        f"{route.key} ({route.route}) takes {sorted(wanted) or 'arguments'}: "
        "say how to fill them in url_kwargs() in tests/test_permission_matrix.py"
    )


def address(route: Route, world) -> str:
    args, kwargs, query = url_kwargs(route, world)
    if route.name:
        return reverse(route.name, args=args, kwargs=kwargs) + query
    # Unnamed patterns (the admin's "<object_id>/" redirect): fill the route by hand.
    path = "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m[1]]), route.route)
    return path + query


# -- the matrix ------------------------------------------------------------------


def request_once(world, role: str, method: str, url: str):
    client = Client(raise_request_exception=False)
    if role != ANON:
        client.cookies[settings.SESSION_COOKIE_NAME] = world["sessions"][role]
    with transaction.atomic():
        response = getattr(client, method.lower())(url)
        transaction.set_rollback(True)
    return response


def describe(response) -> str:
    where = response.get("Location", "")
    return f"{response.status_code}{' → ' + where if where else ''}"


def is_login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(
        reverse("admin:login")
    )


CASES = [pytest.param(key, None, id=key) for key in sorted(ROUTES)] + [
    pytest.param(key, variant, id=f"{key}[{variant[0]}]")
    for key, variants in VARIANTS.items()
    for variant in variants
]


@pytest.mark.parametrize(("key", "variant"), CASES)
@pytest.mark.django_db
def test_permission_matrix(world, key, variant):
    route = ROUTES.get(key)
    assert route is not None, f"VARIANTS names {key!r}, which is no longer a URL."
    expect = variant[2] if variant else rule_for(key)
    assert expect is not None, (
        f"No permission rule for the URL {key!r} ({route.route}). Add a line to "
        "RULES in tests/test_permission_matrix.py saying who may GET and POST it."
    )
    if variant:
        url = reverse(route.name, kwargs=variant[1](world))
    else:
        url = address(route, world)
    model_admin = model_admin_for(route)
    opts = model_admin.model._meta if model_admin else None
    methods = (*METHODS, "HEAD") if expect.head else METHODS
    wrong = []
    for role in ROLES:
        user = world["users"].get(role)
        for method in methods:
            response = request_once(world, role, method, url)
            allowed = expect.answer(role, user, method, opts)
            got = response.status_code
            if allowed == (LOGIN,):
                ok = is_login_redirect(response)
            else:
                ok = got in allowed and not (got == 302 and is_login_redirect(response))
            if got >= 500 or not ok:
                wrong.append(
                    f"{role} {method} {url}: {describe(response)}, "
                    f"expected {' or '.join(map(str, allowed))}"
                )
    assert not wrong, "\n".join(wrong)


def test_every_rule_matches_a_url():
    """A rule left behind by a removed URL is dead weight: delete it."""
    unused = [
        pattern
        for pattern, _expect in RULES
        if not any(fnmatch.fnmatchcase(key, pattern) for key in ROUTES)
    ]
    assert not unused, f"Rules that match no URL: {unused}"
