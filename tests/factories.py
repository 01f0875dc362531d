"""factory_boy factories with sensible defaults and unique values."""

import factory
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from articles.models import (
    Article,
    Citation,
    Claim,
    FactCheck,
    FactCheckClaim,
    Mention,
    Quote,
)
from entities.models import Alias, Entity, EntityKind

DEFAULT_BODY = (
    "The city council of Northbridge approved a budget of 4.2 million euros "
    "on Monday.\n"
    "“We will open three new libraries by 2027,” said Mayor Ana Lopez.\n"
    "According to the Northbridge Gazette, the vote passed 12 to 3."
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    is_staff = True
    password = factory.PostGenerationMethodCall("set_password", "pass-word-123")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=extracted))
        if create:
            self.save()


class EntityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entity

    name = factory.Sequence(lambda n: f"Entity {n}")
    kind = EntityKind.ORGANIZATION


class AliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Alias

    entity = factory.SubFactory(EntityFactory)
    name = factory.Sequence(lambda n: f"ALIAS{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    headline = factory.Sequence(lambda n: f"Council approves budget, part {n}")
    body = factory.Sequence(lambda n: f"{DEFAULT_BODY}\nEdition {n}.")
    publication = factory.SubFactory(EntityFactory, kind=EntityKind.PUBLICATION)
    original_url = factory.Sequence(lambda n: f"https://news.example.org/story-{n}")


# The span a factory anchors when given no ``text`` (a claim has none by default).
DEFAULT_SPAN_TEXT = {
    Mention: "Northbridge",
    Quote: "We will open three new libraries by 2027",
}


class SpanFactory(factory.django.DjangoModelFactory):
    """Give ``text`` (and ``occurrence``) and the span is anchored in the body."""

    class Meta:
        abstract = True

    article = factory.SubFactory(ArticleFactory)

    @classmethod
    def _create(cls, model_class, *args, text=None, occurrence=1, **kwargs):
        obj = model_class(*args, **kwargs)
        text = text or DEFAULT_SPAN_TEXT.get(model_class)
        if text:
            obj.set_span_from_text(obj.article.body, text, occurrence)
        obj.save()
        return obj


class MentionFactory(SpanFactory):
    class Meta:
        model = Mention

    entity = factory.SubFactory(EntityFactory, kind=EntityKind.PLACE)


class QuoteFactory(SpanFactory):
    class Meta:
        model = Quote

    speaker = factory.SubFactory(EntityFactory, kind=EntityKind.PERSON)
    speaker_text = "Mayor Ana Lopez"
    cue = "said"


class ClaimFactory(SpanFactory):
    class Meta:
        model = Claim

    statement = factory.Sequence(lambda n: f"The council approved a budget ({n}).")
    speaker = factory.SubFactory(EntityFactory)


class CitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citation

    claim = factory.SubFactory(ClaimFactory)
    url = factory.Sequence(lambda n: f"https://records.example.org/doc-{n}")
    title = factory.Sequence(lambda n: f"Council minutes {n}")
    publisher = "Northbridge City Council"


class FactCheckFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FactCheck

    article = factory.SubFactory(ArticleFactory)
    title = factory.Sequence(lambda n: f"Fact-check of the budget story {n}")
    slug = factory.Sequence(lambda n: f"budget-story-{n}")
    summary = "Most of the story holds up; one figure is out of date."


class FactCheckClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FactCheckClaim

    fact_check = factory.SubFactory(FactCheckFactory)
    claim = factory.SubFactory(ClaimFactory)
    position = factory.Sequence(lambda n: n)


def record_failed_login() -> None:
    """One row in each of django-axes' tables: a failed login from one address."""
    attempt = {
        "username": "someone",
        "ip_address": "203.0.113.1",
        "user_agent": "pytest",
        "http_accept": "text/html",
        "path_info": "/admin/login/",
    }
    AccessAttempt.objects.create(
        **attempt, get_data="", post_data="", failures_since_start=1
    )
    AccessLog.objects.create(**attempt)
    AccessFailureLog.objects.create(**attempt, locked_out=False)
