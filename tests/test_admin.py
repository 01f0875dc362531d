"""Every admin page answers, and each role sees only what it may see or change."""

from io import StringIO
from pathlib import Path

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from articles.intake import services as intake
from articles.intake.services import import_claimreviews
from articles.models import (
    Article,
    AttributionReview,
    AuthorProfile,
    ClaimSuggestion,
    Correction,
    ErrorReport,
    FactCheck,
    Job,
    JobKind,
    KnownFactCheck,
    Mention,
    PublishedClaim,
    PublishedVersion,
    Quote,
)
from entities.models import Entity, EntityKind
from policies.models import PolicyPage
from tests.factories import (
    ArticleFactory,
    CitationFactory,
    ClaimFactory,
    EntityFactory,
    QuoteFactory,
    UserFactory,
    record_failed_login,
)

pytestmark = pytest.mark.django_db

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)
ROLES = ["Editor", "Reviewer", "Publisher"]
CLAIMREVIEW_FEED = Path(__file__).resolve().parent / "data" / "claimreview_feed.json"


def make_missing_objects():
    """One row for registered models the seed does not fill."""
    fact_check = FactCheck.objects.first()
    now = timezone.now()
    record_failed_login()
    if not PolicyPage.objects.exists():
        PolicyPage.objects.create(kind="methodology", title="How", body="Text.")
    if not AuthorProfile.objects.exists():
        user = UserFactory(username="profiled", first_name="Pro", last_name="Filed")
        AuthorProfile.objects.create(user=user, slug="someone", bio="Bio.")
    if not Job.objects.exists():
        Job.objects.create(kind=JobKind.IMPORT)  # a job nobody on the staff started
    if not Correction.objects.exists():
        Correction.objects.create(
            fact_check=fact_check, text="A date was wrong.", published_at=now
        )
    if not KnownFactCheck.objects.exists():
        import_claimreviews(
            data=CLAIMREVIEW_FEED.read_bytes(), source_name="feed.json", trusted=True
        )
    if not ClaimSuggestion.objects.exists():
        intake.suggest_claim(message="A reader's claim to check, please.")
    if not ErrorReport.objects.exists():
        intake.report_error(
            fact_check_id=fact_check.pk, version_number=1, message="A wrong figure."
        )
    if not PublishedVersion.objects.exists():
        version = PublishedVersion.objects.create(
            fact_check=fact_check,
            number=1,
            published_at=now,
            title=fact_check.title,
            slug=fact_check.slug,
            summary=fact_check.summary,
            snapshot={},
        )
        claim = fact_check.ordered_claims().first()
        PublishedClaim.objects.create(
            version=version,
            claim_ref=claim.pk,
            position=1,
            slug=claim.slug,
            statement=claim.statement,
            verdict=claim.verdict,
            verdict_summary=claim.verdict_summary,
            data={},
            published_at=now,
        )


@pytest.fixture
def seeded(db):
    call_command("load_seed", stdout=StringIO())
    make_missing_objects()


def admin_urls(model):
    info = model._meta.app_label, model._meta.model_name
    obj = model._default_manager.order_by("pk").first()
    assert obj is not None, f"no {model._meta.label} row to open in the admin"
    return {
        "changelist": reverse("admin:{}_{}_changelist".format(*info)),
        "add": reverse("admin:{}_{}_add".format(*info)),
        "change": reverse("admin:{}_{}_change".format(*info), args=[obj.pk]),
        "history": reverse("admin:{}_{}_history".format(*info), args=[obj.pk]),
    }


def expected_status(user, model, page, obj=None):
    """What the model's admin allows ``user`` (its own rules, e.g. no manual adds)."""
    model_admin = admin.site._registry[model]
    request = RequestFactory().get("/")
    request.user = user
    if page == "add":
        allowed = model_admin.has_add_permission(request)
    else:
        allowed = model_admin.has_view_or_change_permission(request)
    if (
        allowed
        and page == "change"
        and obj is not None
        and not model_admin.get_queryset(request).filter(pk=obj.pk).exists()
    ):
        return 302  # not among the rows this user may see (jobs: their own only)
    return 200 if allowed else 403


@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m._meta.label)
def test_every_admin_page_answers_a_superuser(seeded, client, model):
    user = UserFactory(username="root-admin", is_superuser=True)
    client.force_login(user)
    for page, url in admin_urls(model).items():
        if page == "history" and not hasattr(model, "history"):
            continue
        response = client.get(url)
        assert response.status_code == expected_status(user, model, page), url
        if page != "add":
            assert response.status_code == 200, url


@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m._meta.label)
def test_each_role_gets_200_where_permitted_and_403_elsewhere(seeded, client, model):
    users = [UserFactory(username=f"user-{r.lower()}", groups=[r]) for r in ROLES]
    urls = admin_urls(model)
    obj = model._default_manager.order_by("pk").first()
    for role, user in zip(ROLES, users, strict=True):
        client.force_login(user)
        for page in ("changelist", "add", "change"):
            response = client.get(urls[page])
            assert response.status_code == expected_status(user, model, page, obj), (
                role,
                page,
                urls[page],
            )


def test_permissions_follow_the_roles(seeded, editor, reviewer, publisher):
    """The admin's answers above rest on these model permissions."""
    for user in (editor, reviewer, publisher):
        assert expected_status(user, Article, "change") == 200
    assert expected_status(editor, Article, "add") == 200
    assert expected_status(reviewer, Article, "add") == 403
    assert expected_status(publisher, Article, "add") == 403
    assert expected_status(reviewer, Entity, "add") == 200


def test_roles_match_the_design(seeded, client, editor, reviewer, publisher):
    article = Article.objects.first()
    add_article = reverse("admin:articles_article_add")
    change_article = reverse("admin:articles_article_change", args=[article.pk])
    client.force_login(reviewer)
    assert client.get(add_article).status_code == 403
    assert client.get(reverse("admin:articles_claim_add")).status_code == 403
    page = client.get(change_article)
    assert page.status_code == 200 and b'name="_save"' not in page.content
    client.force_login(publisher)
    assert client.get(add_article).status_code == 403
    assert client.get(reverse("admin:articles_correction_add")).status_code == 200
    client.force_login(editor)
    assert client.get(add_article).status_code == 200
    page = client.get(change_article)
    assert b'name="_save"' in page.content


def test_anonymous_visitors_are_sent_to_the_login_page(seeded, client):
    response = client.get(reverse("admin:articles_article_changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


@pytest.mark.parametrize(
    ("name", "max_queries"),
    [
        ("articles_article", 12),
        ("articles_claim", 12),
        ("articles_quote", 12),
        ("articles_citation", 12),
        ("entities_entity", 13),
        ("articles_mention", 12),
        ("entities_alias", 12),
    ],
)
def test_changelists_do_not_query_per_row(
    seeded, client, superuser, django_assert_max_num_queries, name, max_queries
):
    client.force_login(superuser)
    url = reverse(f"admin:{name}_changelist")
    with django_assert_max_num_queries(max_queries):
        assert client.get(url).status_code == 200


def test_article_changelist_shows_counts_and_uncited_claims(seeded, client, superuser):
    client.force_login(superuser)
    article = Article.objects.with_counts().get()
    response = client.get(reverse("admin:articles_article_changelist"))
    row = response.context["cl"].result_list[0]
    assert (row.mention_count, row.quote_count, row.claim_count) == (
        article.mentions.count(),
        article.quotes.count(),
        article.claims.count(),
    )
    assert row.uncited_claim_count == 0


def inline_management(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def article_post_data(article, **changes):
    return {
        "headline": article.headline,
        "slug": article.slug,
        "publication": article.publication_id,
        "byline": article.byline,
        "body": article.body,
        "original_url": article.original_url,
        "published_on": "",
        "language": article.language,
        "lock_version": article.version,  # optimistic locking (pub-workflow)
        **inline_management("mentions"),
        **inline_management("quotes"),
        **inline_management("claims"),
        **changes,
    }


def test_editing_an_article_records_history_with_the_user(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = client.post(url, article_post_data(article, headline="New headline"))
    assert response.status_code == 302, response.context["errors"]
    latest = article.history.latest()
    assert latest.headline == "New headline"
    assert latest.history_user == editor
    history = client.get(reverse("admin:articles_article_history", args=[article.pk]))
    assert history.status_code == 200
    assert "New headline" in history.content.decode()  # the change, compared
    first = article.history.earliest()
    revert_url = reverse(
        "admin:articles_article_simple_history", args=[article.pk, first.history_id]
    )
    revert = client.get(revert_url)
    assert revert.status_code == 200
    assert first.headline in revert.content.decode()


def test_a_mention_added_inline_is_anchored_by_its_text(client, editor):
    article = ArticleFactory()
    place = EntityFactory(name="Northbridge", kind=EntityKind.PLACE)
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = article_post_data(
        article,
        **inline_management("mentions", total=1),
        **{
            "mentions-0-entity": place.pk,
            "mentions-0-exact": "Northbridge",
            "mentions-0-occurrence": "2",
            "mentions-0-suggestion_state": "confirmed",
            "mentions-0-origin": "manual",
        },
    )
    response = client.post(url, data)
    assert response.status_code == 302
    mention = Mention.objects.get()
    second = article.body.find("Northbridge", article.body.find("Northbridge") + 1)
    assert (mention.start, mention.exact) == (second, "Northbridge")
    assert mention.history.latest().history_user == editor


def test_an_inline_mention_not_in_the_text_is_refused(client, editor):
    article = ArticleFactory()
    place = EntityFactory(kind=EntityKind.PLACE)
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = article_post_data(
        article,
        headline="Changed too",
        **inline_management("mentions", total=1),
        **{
            "mentions-0-entity": place.pk,
            "mentions-0-exact": "Southbridge",
            "mentions-0-suggestion_state": "confirmed",
            "mentions-0-origin": "manual",
        },
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "does not appear in the text" in response.content.decode()
    article.refresh_from_db()
    assert article.headline != "Changed too"
    assert Mention.objects.count() == 0


def test_adding_an_entity_stamps_its_creator(client, editor):
    client.force_login(editor)
    response = client.post(
        reverse("admin:entities_entity_add"),
        {
            "name": "Northbridge Gazette",
            "slug": "northbridge-gazette",
            "kind": EntityKind.PUBLICATION,
            **inline_management("aliases", total=1),
            "aliases-0-name": "NG",
        },
    )
    assert response.status_code == 302
    entity = Entity.objects.get(slug="northbridge-gazette")
    assert entity.created_by == editor
    assert entity.aliases.get().name == "NG"


def test_changing_a_speaker_in_the_admin_needs_a_new_review(client, editor, reviewer):
    quote = QuoteFactory()
    Quote.objects.filter(pk=quote.pk).update(
        review_state=AttributionReview.CONFIRMED, reviewed_by=reviewer
    )
    other = EntityFactory(name="Someone Else", kind=EntityKind.PERSON)
    client.force_login(editor)
    url = reverse("admin:articles_quote_change", args=[quote.pk])
    response = client.post(
        url,
        {
            "article": quote.article_id,
            "exact": quote.exact,
            "occurrence": "1",
            "speaker": other.pk,
            "speaker_text": quote.speaker_text,
            "cue": "said",
            "cue_occurrence": "1",
            "kind": quote.kind,
            "suggestion_state": quote.suggestion_state,
            "origin": quote.origin,
            "lock_version": quote.version,  # optimistic locking (pub-workflow)
        },
    )
    assert response.status_code == 302
    quote.refresh_from_db()
    assert quote.speaker == other
    assert quote.review_state == AttributionReview.UNREVIEWED
    assert quote.attribution_changed_by == editor
    assert quote.cue_text == "said"


def test_claims_can_be_filtered_by_missing_citations(client, superuser):
    cited = CitationFactory().claim
    uncited = ClaimFactory()
    client.force_login(superuser)
    url = reverse("admin:articles_claim_changelist")
    listed = client.get(url, {"cited": "no"}).context["cl"].result_list
    assert list(listed) == [uncited]
    listed = client.get(url, {"cited": "yes"}).context["cl"].result_list
    assert list(listed) == [cited]


def test_fact_check_slug_help_is_readable_in_the_admin(client, superuser):
    client.force_login(superuser)
    response = client.get(reverse("admin:articles_factcheck_add"))
    assert "/fact-checks/ followed by this slug" in response.content.decode()
