from articles.models.article import Article, ArticleQuerySet, body_fingerprint
from articles.models.attribution import Citation, Claim, Quote
from articles.models.choices import (
    BEST_RATING,
    VERDICT_RATINGS,
    WORST_RATING,
    AttributionReview,
    CitationStance,
    ClaimState,
    FactCheckState,
    QuoteKind,
    Verdict,
)
from articles.models.factcheck import (
    Correction,
    FactCheck,
    FactCheckClaim,
    PublishedClaim,
    PublishedVersion,
)
from articles.models.job import (
    Job,
    JobInput,
    JobItem,
    JobItemOutcome,
    JobKind,
    JobState,
)

__all__ = [
    "BEST_RATING",
    "VERDICT_RATINGS",
    "WORST_RATING",
    "Article",
    "ArticleQuerySet",
    "AttributionReview",
    "Citation",
    "CitationStance",
    "Claim",
    "ClaimState",
    "Correction",
    "FactCheck",
    "FactCheckClaim",
    "FactCheckState",
    "Job",
    "JobInput",
    "JobItem",
    "JobItemOutcome",
    "JobKind",
    "JobState",
    "PublishedClaim",
    "PublishedVersion",
    "Quote",
    "QuoteKind",
    "Verdict",
    "body_fingerprint",
]
