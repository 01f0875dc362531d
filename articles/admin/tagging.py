"""The editors' Tag page and the Import page, added to the Article admin.

``TaggingAdminMixin`` adds, under ``admin/articles/article/``:
  ``<id>/tag/``                 the Tag page (GET)
  ``<id>/tag/entities/?q=``     entity autocomplete (GET, JSON)
  ``<id>/tag/<action>/``        one POST endpoint per editor action (JSON)
  ``import/``                   the Import article page
Every endpoint goes through ``admin_site.admin_view`` (staff login, CSRF) and checks
the permission its service needs: 403 JSON for the wrong role, 400 JSON with the
message for bad input, 409 JSON when a button acts on a mention, quote or claim that
changed since the page was opened (the button carries the row's ``version``).
"""

from __future__ import annotations

import logging
import re
from collections import Counter

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Q
from django.http import JsonResponse, QueryDict
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _

from articles.admin.highlight import highlights_for, render_tag_body
from articles.models import Article, Claim, Mention, Quote
from articles.services import jobs
from articles.services import suggestions as service
from articles.services.anchoring import confirm_anchor
from articles.services.article_body import update_article_body
from common.bases import SuggestionState
from common.spans import AnchorState
from entities.ids import parse_id
from entities.locking import StaleEditError
from entities.models import Entity, EntityKind
from entities.selectors import entities_matching, entity_named
from entities.validators import SEARCH_MAX_LENGTH, clean_text

logger = logging.getLogger(__name__)

SPAN_MODELS = {"mention": Mention, "quote": Quote, "claim": Claim}
TAG_ENTITY_LABEL_ID = re.compile(r"#([0-9]+)\s*$")


def tag_entity_label(entity: Entity) -> str:
    """How an entity appears in the autocomplete; its id ends the label."""
    return f"{entity.name} ({entity.get_kind_display()}) #{entity.pk}"


def _error(message, status: int) -> JsonResponse:
    return JsonResponse({"ok": False, "error": str(message)}, status=status)


def _validation_message(error: ValidationError) -> str:
    return " ".join(str(m) for m in error.messages)


def _span_item(article: Article, data) -> Mention | Quote | Claim:
    model = SPAN_MODELS.get(data.get("type", ""))
    pk = parse_id(data.get("id"))
    if model is None or pk is None:
        raise ValidationError(_("Say which mention, quote or claim."))
    item = model.objects.filter(article=article, pk=pk).first()
    if item is None:
        raise ValidationError(_("That item is not in this article (reload the page)."))
    # The page says which version of the row the editor saw (optimistic locking).
    if parse_id(data.get("version")) != item.version:
        raise StaleEditError(
            _(
                "Someone else changed this %(name)s since you opened the page, so "
                "nothing was done. Reload the page to see the current version."
            )
            % {"name": item._meta.verbose_name}
        )
    return item


def _entity(value: str, *, required: bool, what: str) -> Entity | None:
    """Find an entity from an autocomplete label ("… #12") or an exact name."""
    value = clean_text(value, max_length=SEARCH_MAX_LENGTH)
    if not value:
        if required:
            raise ValidationError(_("Choose %(what)s.") % {"what": what})
        return None
    match = TAG_ENTITY_LABEL_ID.search(value)
    if match:
        pk = parse_id(match.group(1))
        entity = Entity.objects.filter(pk=pk).first() if pk else None
    else:
        entity = entity_named(value)
    if entity is None:
        raise ValidationError(
            _("No single entity is called “%(name)s”: pick one from the list.")
            % {"name": value}
        )
    return entity


def _claim(article: Article, value) -> Claim:
    pk = parse_id(value)
    if pk is None:
        raise ValidationError(_("Say which claim."))
    claim = Claim.objects.filter(article=article, pk=pk).first()
    if claim is None:
        raise ValidationError(_("That claim is not in this article."))
    return claim


def _other_claim(value) -> Claim:
    pk = parse_id(value)
    claim = Claim.objects.filter(pk=pk).first() if pk else None
    if claim is None:
        raise ValidationError(_("The earlier claim was not found."))
    return claim


# --- The actions: each returns a message for the editor ----------------------------


def act_accept(request, article):
    item = _span_item(article, request.POST)
    service.accept_suggestion(item=item, user=request.user)
    return _("Accepted: “%(text)s”.") % {"text": item.exact[:80]}


def act_reject(request, article):
    item = _span_item(article, request.POST)
    service.reject_suggestion(item=item, user=request.user)
    return _("Rejected: “%(text)s”. It will not be suggested again.") % {
        "text": item.exact[:80]
    }


def act_accept_all(request, article):
    entity = _entity(request.POST.get("entity", ""), required=True, what=_("an entity"))
    count = service.accept_all_mentions_of(
        article=article, entity=entity, user=request.user
    )
    return _("Accepted %(count)d mention(s) of %(entity)s.") % {
        "count": count,
        "entity": entity.name,
    }


def act_tag(request, article):
    data = request.POST
    kind = data.get("kind", "")
    entity = speaker = None
    if kind == service.TagKind.ENTITY and not data.get("new_entity_name", "").strip():
        entity = _entity(data.get("entity", ""), required=True, what=_("an entity"))
    if kind in (service.TagKind.QUOTE, service.TagKind.CLAIM):
        speaker = _entity(data.get("speaker", ""), required=False, what=_("a speaker"))
    new_name = data.get("new_entity_name", "").strip()
    new_entity = service.NewEntity(
        name=new_name,
        kind=data.get("new_entity_kind", ""),
        alias=data.get("new_entity_alias", ""),
    )
    selection = service.Selection(
        start=data.get("start"),
        end=data.get("end"),
        kind=kind,
        entity=entity,
        new_entity=new_entity if new_name else None,
        speaker=speaker,
        expected_text=data.get("text"),
    )
    item = service.tag_selection(
        article=article, user=request.user, selection=selection
    )
    return _("Tagged “%(text)s” as %(kind)s.") % {
        "text": item.exact[:80],
        "kind": {"entity": _("an entity"), "quote": _("a quote")}.get(
            kind, _("a claim")
        ),
    }


def act_suggest(request, article):
    jobs.request_suggestions(article=article, user=request.user)
    return _(
        "Suggestions are being computed: they appear here when the job ends "
        "(reload the page)."
    )


def act_anchor_ok(request, article):
    item = _span_item(article, request.POST)
    confirm_anchor(span=item, user=request.user)
    return _("Marked as checked: “%(text)s”.") % {"text": item.exact[:80]}


def act_link_repeat(request, article):
    claim = _claim(article, request.POST.get("claim"))
    original = _other_claim(request.POST.get("original"))
    service.link_repeat(claim=claim, original=original, user=request.user)
    return _("Linked as a repeat of “%(text)s”.") % {"text": str(original)}


def act_reuse_verdict(request, article):
    claim = _claim(article, request.POST.get("claim"))
    original = _other_claim(request.POST.get("original"))
    copied = service.reuse_verdict(claim=claim, original=original, user=request.user)
    return _("Verdict reused with %(count)d citation(s).") % {"count": copied}


ACTIONS = {
    "accept": act_accept,
    "reject": act_reject,
    "accept-all": act_accept_all,
    "selection": act_tag,
    "suggest": act_suggest,
    "anchor-ok": act_anchor_ok,
    "link-repeat": act_link_repeat,
    "reuse-verdict": act_reuse_verdict,
}


class TaggingAdminMixin:
    """Tag page, its JSON endpoints and the Import page for the Article admin."""

    change_form_template = "admin/articles/article/change_form.html"
    change_list_template = "admin/articles/article/change_list.html"

    def get_urls(self):
        view = self.admin_site.admin_view
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path(
                "<int:object_id>/tag/",
                view(self.tag_view),
                name=f"{prefix}_tag",
            ),
            path(
                "<int:object_id>/tag/entities/",
                view(self.tag_entities_view),
                name=f"{prefix}_tag_entities",
            ),
            path(
                "<int:object_id>/tag/<slug:action>/",
                view(self.tag_action_view),
                name=f"{prefix}_tag_action",
            ),
            path("import/", view(self.import_view), name=f"{prefix}_import"),
            *super().get_urls(),
        ]

    # -- the page -------------------------------------------------------------

    def tag_view(self, request, object_id):
        if not request.user.has_perm("articles.change_article"):
            raise PermissionDenied
        article = get_object_or_404(
            Article.objects.select_related("publication"), pk=object_id
        )
        context = {
            **self.admin_site.each_context(request),
            **tag_page_context(article, request.user, request.GET),
            "opts": self.opts,
            "title": _("Tag: %(headline)s") % {"headline": article.headline},
        }
        return TemplateResponse(request, "admin/articles/article/tag.html", context)

    @staticmethod
    def tag_entities_view(request, object_id):
        if request.method != "GET":
            return _error(_("Use GET."), 405)
        if not request.user.has_perm("entities.view_entity"):
            return _error(_("You may not look up entities."), 403)
        try:
            term = clean_text(
                request.GET.get("q"), max_length=SEARCH_MAX_LENGTH, what=_("Search")
            )
        except ValidationError as error:
            return _error(_validation_message(error), 400)
        entities = entities_matching(term)
        return JsonResponse(
            {
                "results": [
                    {"id": e.pk, "label": tag_entity_label(e), "kind": e.kind}
                    for e in entities[:20]
                ]
            }
        )

    @staticmethod
    def tag_action_view(request, object_id, action):
        handler = ACTIONS.get(action)
        if handler is None:
            return _error(_("Unknown action."), 404)
        if request.method != "POST":
            return _error(_("Use POST."), 405)
        if not request.user.has_perm("articles.change_article"):
            return _error(_("You may not tag articles."), 403)
        article = Article.objects.filter(pk=object_id).first()
        if article is None:
            return _error(_("That article does not exist."), 404)
        try:
            message = handler(request, article)
        except PermissionDenied:
            return _error(_("Your role may not do that."), 403)
        except ValidationError as error:
            return _error(_validation_message(error), 400)
        except StaleEditError as error:
            return _error(error, 409)
        return JsonResponse({"ok": True, "message": message})

    # -- article saves re-anchor spans and queue the assistant ---------------------

    def save_model(self, request, obj, form, change):
        """A change (form or history revert) goes through ``update_article_body``,
        with the admin's own save chain (optimistic lock, history user) as its save."""
        parent_save = super().save_model
        if change:
            report = update_article_body(
                article=obj,
                body=obj.body,
                user=request.user,
                save=lambda: parent_save(request, obj, form, change),
            )
            _warn_about_lost_spans(request, report)
        else:
            parent_save(request, obj, form, change)
        if not change or report.body_changed:
            # Queued in this transaction, handed to a worker once the save commits.
            jobs.request_suggestions(article=obj, user=request.user)
            messages.info(
                request,
                _(
                    "Suggestions are being computed: they will appear on the Tag "
                    "page in a moment."
                ),
            )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        article_id = parse_id(object_id)
        if article_id:
            extra_context["span_problems"] = span_problem_count(article_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def import_view(self, request):
        from articles.admin.importing import import_page

        return import_page(self, request)


def _warn_about_lost_spans(request, report) -> None:
    if report.moved or report.orphaned:
        messages.warning(
            request,
            _(
                "After the edit, %(moved)d span(s) moved (check them) and "
                "%(orphaned)d could not be found: see the Tag page."
            )
            % {"moved": report.moved, "orphaned": report.orphaned},
        )


def span_problem_count(article_id: int) -> int:
    not_anchored = ~Q(anchor_state=AnchorState.ANCHORED)
    return sum(
        model.objects.filter(not_anchored, article_id=article_id).count()
        for model in SPAN_MODELS.values()
    )


# Rows a page of each list on the Tag page shows; a long article has thousands.
TAG_PAGE_SIZES = {
    "pending_mentions": 50,
    "pending_quotes": 20,
    "pending_claims": 10,
    "repeat_candidates": 10,
    "candidates": 30,
    "flags": 50,
    "moved": 50,
    "orphaned": 50,
}


def _paged(items: list, query, name: str) -> Page:
    """One page of ``items``, chosen by ``<name>_page`` in the query string.

    The page carries ``links`` (label key, address) to the pages around it; the
    address keeps the other lists' pages and jumps to the list's heading.
    """
    parameter = f"{name}_page"
    page = Paginator(items, TAG_PAGE_SIZES[name]).get_page(query.get(parameter))

    def url(number: int) -> str:
        params = query.copy()
        params[parameter] = number
        return f"?{params.urlencode()}#{name.replace('_', '-')}"

    page.links = []
    if page.has_previous():
        page.links.append(("previous", url(page.previous_page_number())))
    if page.has_next():
        page.links.append(("next", url(page.next_page_number())))
    return page


def tag_page_context(article: Article, user, query=None) -> dict:
    """Everything the Tag page shows, in a bounded number of queries.

    The body is rendered whole (editors select text in it); every list beside it is
    paginated by its own ``<list>_page`` parameter, and the engine looks for claims
    checked before only for the claims on the page shown.
    """
    query = query if query is not None else QueryDict()
    mentions, quotes, claims = _article_spans(article)
    hints = service.article_hints(article)
    highlights = highlights_for(article, mentions, quotes, claims, hints.flags)
    return {
        "article": article,
        "body_html": render_tag_body(article.body, highlights),
        **_pending_mention_groups(mentions, query),
        "pending_quotes": _paged(
            [q for q in quotes if q.suggestion_state == SuggestionState.SUGGESTED],
            query,
            "pending_quotes",
        ),
        **_claim_lists(claims, query),
        "candidates": _paged(hints.candidates, query, "candidates"),
        "flags": _paged(hints.flags, query, "flags"),
        "unavailable": hints.unavailable,
        **_anchor_problems(mentions, quotes, claims, query),
        "counts": {
            "mentions": sum(
                m.suggestion_state == SuggestionState.CONFIRMED for m in mentions
            ),
            "quotes": sum(
                q.suggestion_state == SuggestionState.CONFIRMED for q in quotes
            ),
            "claims": sum(
                c.suggestion_state == SuggestionState.CONFIRMED for c in claims
            ),
        },
        "entity_kinds": EntityKind.choices,
        "can_add_entity": user.has_perm("entities.add_entity"),
        "suggestions_job": jobs.suggestions_pending(article),
        "query": query,
    }


def _article_spans(article: Article) -> tuple[list, list, list]:
    """The article's mentions, quotes and claims, in text order."""
    mentions = Mention.objects.filter(article=article).select_related("entity")
    quotes = Quote.objects.filter(article=article).select_related("speaker")
    claims = Claim.objects.filter(article=article).select_related(
        "speaker", "repeat_of"
    )
    spans = (mentions, quotes, claims)
    return tuple(list(rows.order_by("start", "pk")) for rows in spans)


def _pending_mention_groups(mentions, query) -> dict:
    """Suggested mentions grouped by entity, in the order the entities first appear
    in the text (one page of mentions, each group with its entity's total)."""
    pending = [m for m in mentions if m.suggestion_state == SuggestionState.SUGGESTED]
    pending_per_entity = Counter(m.entity_id for m in pending)
    first_seen = {entity_id: n for n, entity_id in enumerate(pending_per_entity)}
    pending.sort(key=lambda m: first_seen[m.entity_id])
    page = _paged(pending, query, "pending_mentions")
    groups: dict[int, dict] = {}
    for mention in page:
        group = groups.setdefault(
            mention.entity_id,
            {
                "entity": mention.entity,
                "mentions": [],
                "total": pending_per_entity[mention.entity_id],
            },
        )
        group["mentions"].append(mention)
    return {"pending_mentions": list(groups.values()), "pending_mentions_page": page}


def _claim_lists(claims, query) -> dict:
    """Suggested claims, and confirmed unchecked ones checked before elsewhere, each
    with its repeats and other publishers' fact-checks (one query for both lists)."""
    claims_page = _paged(
        [c for c in claims if c.suggestion_state == SuggestionState.SUGGESTED],
        query,
        "pending_claims",
    )
    unchecked_page = _paged(
        [
            claim
            for claim in claims
            if claim.suggestion_state == SuggestionState.CONFIRMED
            and not claim.repeat_of_id
            and not claim.verdict
        ],
        query,
        "repeat_candidates",
    )
    known = service.known_fact_checks_for([*unchecked_page, *claims_page])

    def with_matches(page) -> list[dict]:
        return [
            {
                "claim": claim,
                "repeats": service.repeats_for(claim),
                "known": known.get(claim.pk, []),
            }
            for claim in page
        ]

    new_claims = with_matches(unchecked_page)
    return {
        "pending_claims": with_matches(claims_page),
        "pending_claims_page": claims_page,
        "repeat_candidates": [c for c in new_claims if c["repeats"] or c["known"]],
        "repeat_candidates_page": unchecked_page,
    }


def _anchor_problems(mentions, quotes, claims, query) -> dict:
    """Spans to re-check after a body edit: moved ones and orphaned ones, paged."""
    problems = [
        (kind, item)
        for kind, items in (("mention", mentions), ("quote", quotes), ("claim", claims))
        for item in items
        if item.anchor_state != AnchorState.ANCHORED
    ]
    return {
        state: _paged(
            [(kind, item) for kind, item in problems if item.anchor_state == value],
            query,
            state,
        )
        for state, value in (
            ("moved", AnchorState.MOVED),
            ("orphaned", AnchorState.ORPHANED),
        )
    }
