"""The unread-notification count in the admin and review headers, and the desk
panel (assignment and discussion) on item pages."""

from django import template

from articles.desk.selectors import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_staff:
        return 0
    return unread_count(user)
