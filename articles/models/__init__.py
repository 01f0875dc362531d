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
    PublishedPage,
    PublishedVersion,
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
    "PublishedClaim",
    "PublishedPage",
    "PublishedVersion",
    "Quote",
    "QuoteKind",
    "Verdict",
    "body_fingerprint",
]
