"""The admin's "Import article" page: pasted text or an uploaded .txt/.jsonl file.

The page only stores what to import (as a Job with its input, in the database) and
redirects to the job's page at once; a worker imports it line by line
(``articles.services.jobs``), so a large file never runs inside the request.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.formats import number_format
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from articles.services.importing import (
    ImportItem,
    import_refusal,
    read_txt,
)
from articles.services.jobs import start_import
from articles.validators import body_too_long_message
from entities.validators import TextInputFormMixin

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class ImportForm(TextInputFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Pasted article"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14, "cols": 80}),
        help_text=_("First line the headline, then the body."),
    )
    url = forms.URLField(
        label=_("Original address"),
        required=False,
        assume_scheme="https",
        help_text=_("For pasted text: where it was published."),
    )
    published = forms.DateField(
        label=_("Publication date"),
        required=False,
        help_text=_("For pasted text: YYYY-MM-DD."),
    )
    publication = forms.CharField(
        label=_("Publication"),
        required=False,
        max_length=200,
        help_text=_("For pasted text: its name; created if not in the registry."),
    )
    file = forms.FileField(
        label=_("Or a file"),
        required=False,
        help_text=_(".txt (one article) or .jsonl (one article a line)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Browsers cut text at ``maxlength`` silently; the server names the limit.
        for field in self.fields.values():
            field.widget.attrs.pop("maxlength", None)
        self.fields["text"].help_text = format_lazy(
            "{} {}",
            self.fields["text"].help_text,
            _("The body may hold at most %(limit)s characters.")
            % {
                "limit": number_format(
                    settings.ARTICLE_BODY_MAX_CHARS, force_grouping=True
                )
            },
        )

    def clean_text(self):
        text = self.cleaned_data.get("text", "")
        if text.strip():
            body = next(read_txt("", text)).body
            message = body_too_long_message(len(body))
            if message:
                raise forms.ValidationError(message, code="body_too_long")
        return text

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None:
            return None
        if not upload.name.lower().endswith((".txt", ".jsonl")):
            raise forms.ValidationError(_("Upload a .txt or .jsonl file."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        try:
            text = upload.read().decode("utf-8")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(_("The file is not UTF-8 text.")) from error
        if "\x00" in text:
            # The job keeps the file in the database, and PostgreSQL text holds no NUL.
            raise forms.ValidationError(
                _("The file holds a NUL character (is it a binary file?).")
            )
        return upload.name, text

    def clean(self):
        data = super().clean()
        if not data.get("text", "").strip() and not data.get("file"):
            raise forms.ValidationError(_("Paste an article or choose a file."))
        if not self.errors:
            # A pasted article is refused here, before a job is made for it.
            for item in self.pasted_items():
                reason = import_refusal(item)
                if reason:
                    raise forms.ValidationError(reason)
        return data

    def pasted_items(self) -> list[ImportItem]:
        """The pasted article with its fields, if any (the file is read by the job)."""
        data = self.cleaned_data
        items = []
        if data.get("text", "").strip():
            pasted = next(read_txt(str(_("pasted text")), data["text"]))
            items.append(
                ImportItem(
                    source=pasted.source,
                    headline=pasted.headline,
                    body=pasted.body,
                    url=data.get("url") or "",
                    published=data["published"].isoformat()
                    if data.get("published")
                    else "",
                    publication=data.get("publication", "").strip(),
                )
            )
        return items


def import_page(model_admin, request):
    if not request.user.has_perm("articles.add_article"):
        raise PermissionDenied
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            file_name, file_text = form.cleaned_data.get("file") or ("", "")
            job = start_import(
                user=request.user,
                file_name=file_name,
                file_text=file_text,
                items=form.pasted_items(),
            )
            messages.info(
                request,
                _("The import is queued: this page shows its progress and report."),
            )
            return redirect(job.get_absolute_url())
    else:
        form = ImportForm()
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": _("Import article"),
        "form": form,
    }
    return TemplateResponse(request, "admin/articles/article/import.html", context)
