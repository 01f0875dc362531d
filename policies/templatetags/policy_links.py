"""``{% policy_links as links %}``: the policy pages that exist, for the footer and
the about menu (policies.links)."""

from django import template

from policies.links import policy_links as _policy_links

register = template.Library()


@register.simple_tag
def policy_links() -> list[dict]:
    return _policy_links()
