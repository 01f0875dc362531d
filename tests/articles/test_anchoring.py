"""Re-anchoring: every span is found again after the body is edited, or flagged."""

import pytest

from articles.models import Mention
from articles.services.article_body import update_article_body
from common.spans import AnchorState
from entities.models import EntityKind
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    EntityFactory,
    MentionFactory,
    QuoteFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# The first paragraphs of the seed article, "alos" included.
BODY = (
    "China has signed an agreement with Pakistan to send a Pakistani astronaut to "
    "its space station, Tiangong, marking the first time a foreign national will be "
    "aboard the facility.\n"
    "The deal was signed in a ceremony held in Islamabad on Friday, between the "
    "China Manned Space Agency (CMSA) and Pakistan’s Space and Upper Atmosphere "
    "Research Commission (SUPARCO). Pakistani Prime Minister Shehbaz Sharif was "
    "alos present during the ceremony.\n"
    "According to a statement by CMSA, both nations will collaborate on selecting "
    "and training Pakistani astronauts, with the chosen candidate expected to join "
    "Chinese taikonauts for a short-term mission in the coming years.\n"
    "“This signifies a major step in China’s international space cooperation,” "
    "reported Global Times, highlighting the growing partnership between Beijing "
    "and Islamabad in aerospace advancements."
)


CLAIM_STATEMENT_TEXT = (
    "both nations will collaborate on selecting and training Pakistani astronauts"
)


@pytest.fixture
def tagged():
    return build_tagged()


def build_tagged():
    article = ArticleFactory(body=BODY)
    china = EntityFactory(name="China", kind=EntityKind.PLACE)
    pakistan = EntityFactory(name="Pakistan", kind=EntityKind.PLACE)
    cmsa = EntityFactory(name="China Manned Space Agency")
    sharif = EntityFactory(name="Shehbaz Sharif", kind=EntityKind.PERSON)
    times = EntityFactory(name="Global Times", kind=EntityKind.PUBLICATION)
    spans = {
        "china1": MentionFactory(article=article, entity=china, text="China"),
        "china_s": MentionFactory(article=article, entity=china, text="China’s"),
        "pakistan": MentionFactory(article=article, entity=pakistan, text="Pakistan"),
        "cmsa1": MentionFactory(article=article, entity=cmsa, text="CMSA"),
        "cmsa2": MentionFactory(
            article=article, entity=cmsa, text="CMSA", occurrence=2
        ),
        "sharif": MentionFactory(article=article, entity=sharif, text="Shehbaz Sharif"),
        "times": MentionFactory(article=article, entity=times, text="Global Times"),
        "quote": QuoteFactory(
            article=article,
            speaker=times,
            speaker_text="Global Times",
            text="This signifies a major step in China’s international space "
            "cooperation",
        ),
        "claim_first": ClaimFactory(
            article=article,
            text="marking the first time a foreign national will be aboard the "
            "facility",
        ),
        "claim_alos": ClaimFactory(
            article=article,
            text="Pakistani Prime Minister Shehbaz Sharif was alos present during the "
            "ceremony.",
        ),
        "claim_statement": ClaimFactory(article=article, text=CLAIM_STATEMENT_TEXT),
    }
    quote = spans["quote"]
    cue = BODY.index("reported Global Times")
    quote.cue_start, quote.cue_end = cue, cue + len("reported")
    quote.save()
    return article, spans


def refresh(spans):
    for span in spans.values():
        span.refresh_from_db()
    return spans


def assert_points_at_its_text(span, body):
    assert span.anchor_state == AnchorState.ANCHORED
    assert body[span.start : span.end] == span.exact


def test_inserting_a_paragraph_at_the_top_shifts_every_span(tagged, editor):
    article, spans = tagged
    old = {name: (span.start, span.exact) for name, span in spans.items()}
    added = "Editor's note: this story was updated on Saturday.\n"
    report = update_article_body(article=article, body=added + BODY, user=editor)
    assert report.anchored == len(spans) and not report.moved and not report.orphaned
    body = article.body
    for name, span in refresh(spans).items():
        assert_points_at_its_text(span, body)
        assert (span.start, span.exact) == (old[name][0] + len(added), old[name][1])
    quote = spans["quote"]
    assert body[quote.cue_start : quote.cue_end] == "reported"


def test_fixing_alos_moves_only_the_span_around_the_fix(tagged, editor):
    article, spans = tagged
    old = {name: span.start for name, span in spans.items()}
    update_article_body(
        article=article, body=BODY.replace(" alos ", " also "), user=editor
    )
    body = article.body
    refresh(spans)
    fixed = spans.pop("claim_alos")
    assert fixed.anchor_state == AnchorState.MOVED
    assert fixed.exact == (
        "Pakistani Prime Minister Shehbaz Sharif was also present during the ceremony."
    )
    assert body[fixed.start : fixed.end] == fixed.exact
    for name, span in spans.items():
        assert_points_at_its_text(span, body)
        assert span.start == old[name]  # same length fix: nothing shifts


def test_deleting_a_sentence_orphans_its_spans_and_keeps_the_others(tagged, editor):
    article, spans = tagged
    sentence = (
        "According to a statement by CMSA, both nations will collaborate on selecting "
        "and training Pakistani astronauts, with the chosen candidate expected to join "
        "Chinese taikonauts for a short-term mission in the coming years.\n"
    )
    report = update_article_body(
        article=article, body=BODY.replace(sentence, ""), user=editor
    )
    assert report.orphaned == 2
    body = article.body
    refresh(spans)
    originals = {"cmsa2": "CMSA", "claim_statement": CLAIM_STATEMENT_TEXT}
    for name, original in originals.items():
        lost = spans.pop(name)
        assert lost.anchor_state == AnchorState.ORPHANED
        assert lost.start is None and lost.end is None
        assert lost.exact == original  # kept so the editor sees what was lost
    for span in spans.values():
        assert_points_at_its_text(span, body)
    assert list(Mention.objects.orphaned()) == [
        Mention.objects.get(exact="CMSA", start=None)
    ]


def test_restoring_a_deleted_sentence_anchors_its_orphans_again(tagged, editor):
    article, spans = tagged
    sentence = "Pakistani Prime Minister Shehbaz Sharif was alos present during the "
    update_article_body(article=article, body=BODY.replace(sentence, ""), user=editor)
    assert refresh(spans)["sharif"].anchor_state == AnchorState.ORPHANED
    update_article_body(article=article, body=BODY, user=editor)
    assert_points_at_its_text(refresh(spans)["sharif"], article.body)


def test_changing_a_word_inside_a_span_marks_it_moved(tagged, editor):
    article, spans = tagged
    new_body = BODY.replace("major step in", "major stride in")
    update_article_body(article=article, body=new_body, user=editor)
    quote = refresh(spans)["quote"]
    assert quote.anchor_state == AnchorState.MOVED
    assert quote.exact == (
        "This signifies a major stride in China’s international space cooperation"
    )
    assert new_body[quote.start : quote.end] == quote.exact
    assert new_body[quote.cue_start : quote.cue_end] == "reported"


def test_a_moved_span_stays_moved_until_checked(tagged, editor):
    article, spans = tagged
    new_body = BODY.replace("major step in", "major stride in")
    update_article_body(article=article, body=new_body, user=editor)
    update_article_body(article=article, body="Note.\n" + new_body, user=editor)
    assert refresh(spans)["quote"].anchor_state == AnchorState.MOVED


def test_duplicate_texts_keep_the_occurrence_their_context_names(editor):
    body = "Alpha said China won the vote. Beta said China lost the vote."
    article = ArticleFactory(body=body)
    second = MentionFactory(article=article, text="China", occurrence=2)
    # Swap the two sentences: the nearest "China" to the old offset is now the wrong
    # one; the context ("Beta said … lost") picks the right one.
    update_article_body(
        article=article,
        body="Beta said China lost the vote. Alpha said China won the vote.",
        user=editor,
    )
    second.refresh_from_db()
    assert second.anchor_state == AnchorState.ANCHORED
    assert second.start == article.body.index("China")
    assert second.prefix.endswith("Beta said ")


def test_a_deleted_word_is_not_pulled_onto_the_same_word_elsewhere(editor):
    body = "China signed the deal. Officials in Beijing said China would pay."
    article = ArticleFactory(body=body)
    first = MentionFactory(article=article, text="China")
    update_article_body(
        article=article, body="Officials in Beijing said China would pay.", user=editor
    )
    first.refresh_from_db()
    assert first.anchor_state == AnchorState.ORPHANED


def test_a_plain_save_without_body_change_touches_nothing(tagged):
    article, spans = tagged
    article.headline = "A new headline"
    article.save()
    assert all(s.anchor_state == AnchorState.ANCHORED for s in refresh(spans).values())


def test_only_editors_may_replace_a_body(tagged, reviewer):
    from django.core.exceptions import PermissionDenied

    article, _spans = tagged
    with pytest.raises(PermissionDenied):
        update_article_body(article=article, body="New text.", user=reviewer)


# --- On the seed article, with its editorial record ----------------------------------


@pytest.fixture
def seed():
    from io import StringIO

    from django.core.management import call_command

    from articles.models import Article

    call_command("load_seed", stdout=StringIO())
    return Article.objects.get()


def all_spans(article):
    from articles.models import Claim, Quote

    return [
        *Mention.objects.filter(article=article),
        *Quote.objects.filter(article=article),
        *Claim.objects.filter(article=article).exclude(exact=""),
    ]


def positions(article):
    return {(type(s).__name__, s.pk): (s.start, s.exact) for s in all_spans(article)}


def test_seed_paragraph_inserted_at_the_top(seed, editor):
    before = positions(seed)
    added = "Update, 2 March 2025: this article was reviewed by the desk.\n"
    report = update_article_body(article=seed, body=added + seed.body, user=editor)
    assert (report.moved, report.orphaned) == (0, 0)
    assert report.anchored == len(before)
    for key, (start, exact) in positions(seed).items():
        assert (start, exact) == (before[key][0] + len(added), before[key][1])


def test_seed_alos_fixed(seed, editor):
    before = positions(seed)
    fix_at = seed.body.index(" alos ") + 1
    update_article_body(
        article=seed, body=seed.body.replace(" alos ", " also "), user=editor
    )
    body = seed.body
    for span in all_spans(seed):
        old_start, old_exact = before[(type(span).__name__, span.pk)]
        assert body[span.start : span.end] == span.exact
        assert span.start == old_start  # a same-length fix shifts nothing
        if old_start <= fix_at < old_start + len(old_exact):  # the fix itself
            assert span.anchor_state == AnchorState.MOVED
            assert "also present" in span.exact
        else:
            assert span.anchor_state == AnchorState.ANCHORED
            assert span.exact == old_exact
    assert any(s.anchor_state == AnchorState.MOVED for s in all_spans(seed))


def test_seed_sentence_deleted(seed, editor):
    sentence = (
        "The station is also seen as a new frontier of competition between China "
        "and the US.\n"
    )
    start = seed.body.index(sentence)
    inside = {
        (type(s).__name__, s.pk)
        for s in all_spans(seed)
        if start <= s.start and s.end <= start + len(sentence)
    }
    assert len(inside) == 2  # the mentions of China and the US
    update_article_body(article=seed, body=seed.body.replace(sentence, ""), user=editor)
    for span in all_spans(seed):
        if (type(span).__name__, span.pk) in inside:
            assert span.anchor_state == AnchorState.ORPHANED
            assert span.start is None and span.exact
        else:
            assert span.anchor_state == AnchorState.ANCHORED
            assert seed.body[span.start : span.end] == span.exact


def test_seed_suggestions_do_not_repeat_its_record(seed):
    from articles.services.suggestions import suggest_for_article

    first = suggest_for_article(article=seed)
    assert first.mentions == 0  # every mention of the record is already there
    again = suggest_for_article(article=seed)
    assert again.created == 0


# --- Any single edit: spans it does not touch shift, none is misplaced ----------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

WORDS = ["China", "Pakistan", "CMSA", "said", "the", "space", "station", "."]


@settings(max_examples=25, deadline=None)
@given(
    cut=st.integers(min_value=0, max_value=len(BODY)),
    length=st.integers(min_value=0, max_value=80),
    inserted=st.lists(st.sampled_from(WORDS), max_size=6).map(" ".join),
)
def test_any_edit_keeps_untouched_spans_and_misplaces_none(cut, length, inserted):
    article, spans = build_tagged()
    # A quote reaches to its cue: an edit of the cue flags the quote too.
    originals = {
        name: (s.start, max(s.end, getattr(s, "cue_end", None) or 0))
        for name, s in spans.items()
    }
    end = min(len(BODY), cut + length)
    new_body = BODY[:cut] + inserted + BODY[end:]
    update_article_body(
        article=article, body=new_body, user=UserFactory(groups=["Editor"])
    )
    shift = len(inserted) - (end - cut)
    for name, span in spans.items():
        span.refresh_from_db()
        old_start, old_end = originals[name]
        if span.anchor_state == AnchorState.ORPHANED:
            assert span.start is None and span.exact
            continue
        assert new_body[span.start : span.end] == span.exact  # never misplaced
        if old_end < cut:
            assert (span.start, span.anchor_state) == (old_start, "anchored")
        elif old_start > end:
            assert (span.start, span.anchor_state) == (old_start + shift, "anchored")


# --- The admin: its saves and history reverts go through update_article_body ---------


def test_an_admin_body_edit_reanchors_in_the_save_and_says_what_was_lost(
    client, editor
):
    from django.urls import reverse

    from tests.articles.admin_helpers import change_form_data, change_url

    article = ArticleFactory()
    lost = MentionFactory(article=article, text="Northbridge Gazette")
    kept = MentionFactory(article=article, text="Ana Lopez")
    client.force_login(editor)
    new_body = article.body.replace("According to the Northbridge Gazette, ", "")
    data = change_form_data(client.get(change_url(article)), body=new_body)
    for inline in ("mentions", "quotes", "claims"):  # the article's fields only
        data.update({f"{inline}-TOTAL_FORMS": 0, f"{inline}-INITIAL_FORMS": 0})
    response = client.post(change_url(article), data, follow=True)

    assert response.status_code == 200
    assert "0 span(s) moved (check them) and 1 could not be found" in response.text
    lost.refresh_from_db()
    kept.refresh_from_db()
    assert lost.anchor_state == AnchorState.ORPHANED
    assert new_body[kept.start : kept.end] == "Ana Lopez"
    article.refresh_from_db()
    assert article.version == 2  # one save, one version

    # Reverting to the first version restores the text, and the span is found again.
    url = reverse(
        "admin:articles_article_simple_history",
        args=[article.pk, article.history.earliest().history_id],
    )
    data = change_form_data(client.get(url))
    for inline in ("mentions", "quotes", "claims"):
        data.update({f"{inline}-TOTAL_FORMS": 0, f"{inline}-INITIAL_FORMS": 0})
    response = client.post(url, data)
    assert response.status_code == 302
    lost.refresh_from_db()
    assert lost.anchor_state == AnchorState.ANCHORED
    assert "According to the Northbridge Gazette" in lost.prefix + lost.exact


def test_a_body_edit_posted_with_the_inline_rows_as_shown_orphans_the_lost_span(
    client, editor
):
    """A browser sends every inline row back; rows the editor did not touch are not
    checked against the new text (their version field is not an edit)."""
    from tests.articles.admin_helpers import change_form_data, change_url

    article = ArticleFactory()
    lost = MentionFactory(article=article, text="Northbridge Gazette")
    client.force_login(editor)
    new_body = article.body.replace("According to the Northbridge Gazette, ", "")
    data = change_form_data(client.get(change_url(article)), body=new_body)
    response = client.post(change_url(article), data, follow=True)

    assert "does not appear in the text" not in response.text
    assert "1 could not be found" in response.text
    lost.refresh_from_db()
    assert lost.anchor_state == AnchorState.ORPHANED
