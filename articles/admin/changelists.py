"""Changelist helpers for the admin of an article's spans (Mention, Quote, Claim)."""


class LeanArticleChangeListMixin:
    """Lists of an article's spans name the article by headline: they do not load
    its body (up to ARTICLE_BODY_MAX_CHARS characters) once per row."""

    def get_changelist(self, request, **kwargs):
        changelist = super().get_changelist(request, **kwargs)

        class LeanChangeList(changelist):
            def get_queryset(self, request, exclude_parameters=None):
                queryset = super().get_queryset(request, exclude_parameters)
                return queryset.defer("article__body")

        return LeanChangeList
