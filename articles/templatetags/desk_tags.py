"""The unread-notification count in the admin and review headers, and the desk
panel (assignment and discussion) on item pages."""

from django import template

from articles.desk.selectors import unread_count
from articles.desk.targets import item_url

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_staff:
        return 0
    return unread_count(user)


@register.simple_tag
def desk_item_url(item, task: str = "work") -> str:
    """Where staff work on a desk item (the admin change page, or its review page)."""
    return item_url(item, task=task)
