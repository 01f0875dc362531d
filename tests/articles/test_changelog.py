"""The change log's diff of two snapshots (articles.changelog): pure, no database."""

from articles.changelog import compare, history, word_diff


def snapshot(number, *, title="Title", summary="The summary.", claims=()):
    return {
        "fact_check": {
            "number": number,
            "title": title,
            "summary": summary,
            "published_at": f"2025-03-0{number}T09:30:00+00:00",
        },
        "claims": list(claims),
    }


def claim(ref, *, statement="A statement.", verdict="true", label="True", **extra):
    return {
        "ref": ref,
        "anchor": f"claim-{ref}",
        "statement": statement,
        "verdict": verdict,
        "verdict_label": label,
        "verdict_summary": extra.get("verdict_summary", "Because."),
        "citations": extra.get(
            "citations", [{"url": "https://a.example/", "excerpt": ""}]
        ),
    }


def test_word_diff_marks_removed_and_added_words():
    assert str(word_diff("the budget is 4 million", "the budget is 5 million")) == (
        "the budget is <del>4</del><ins>5</ins> million"
    )


def test_word_diff_escapes_every_word():
    html = str(word_diff("a <b>", 'a <script>alert("x")</script>'))
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html and "<del>&lt;b&gt;</del>" in html


def test_identical_texts_have_no_marks():
    assert str(word_diff("same words", "same words")) == "same words"


def test_first_version_lists_its_claims_as_added():
    changes = compare(None, snapshot(1, claims=[claim(1), claim(2)]))
    assert changes.is_first and [c["ref"] for c in changes.added] == [1, 2]


def test_verdict_change_claims_added_and_removed_and_summary():
    before = snapshot(1, claims=[claim(1), claim(2, statement="Gone.")])
    after = snapshot(
        2,
        summary="The new summary.",
        claims=[claim(1, verdict="false", label="False"), claim(3, statement="New.")],
    )
    changes = compare(before, after)
    assert not changes.is_first and changes.has_changes
    assert [(v.before, v.after) for v in changes.verdicts] == [("True", "False")]
    assert [c["statement"] for c in changes.added] == ["New."]
    assert [c["statement"] for c in changes.removed] == ["Gone."]
    assert str(changes.summary_diff) == "The <ins>new </ins>summary."
    assert changes.title_diff is None


def test_reworded_claim_and_changed_sources_are_reported_not_added():
    before = snapshot(1, claims=[claim(1, statement="Four million.")])
    after = snapshot(
        2,
        claims=[
            claim(
                1,
                statement="Five million.",
                citations=[{"url": "https://b.example/", "excerpt": ""}],
            )
        ],
    )
    changes = compare(before, after)
    assert changes.added == [] and changes.removed == []
    assert [t.what for t in changes.reworded] == ["statement"]
    assert "<del>Four</del><ins>Five</ins>" in str(changes.reworded[0].diff)
    assert [c["ref"] for c in changes.sources_changed] == [1]


def test_republished_unchanged_has_no_changes():
    one = snapshot(1, claims=[claim(1)])
    assert not compare(one, snapshot(2, claims=[claim(1)])).has_changes


def test_history_is_newest_first_each_against_the_one_before():
    versions = [
        snapshot(1, claims=[claim(1)]),
        snapshot(2, claims=[claim(1, verdict="false", label="False")]),
        snapshot(3, claims=[claim(1, verdict="mixed", label="Mixed")]),
    ]
    result = history(versions)
    assert [c.number for c in result] == [3, 2, 1]
    assert [(v.before, v.after) for v in result[0].verdicts] == [("False", "Mixed")]
    assert result[2].is_first
