"""``{% policy_links as links %}``: the policy pages that exist, for the footer and
the about menu (policies.links); ``{% organization_json_ld links %}``: the desk's
Organization node, declaring those of them that are policies, for every page's head.
"""

from django import template
from django.utils.safestring import SafeString

from articles import structured_data
from policies.links import organization_policies
from policies.links import policy_links as _policy_links

register = template.Library()


@register.simple_tag
def policy_links() -> list[dict]:
    return _policy_links()


@register.simple_tag
def organization_json_ld(links: list[dict]) -> SafeString:
    """A JSON-LD script with the Organization and its policies among ``links``."""
    node = structured_data.organization_node(organization_policies(links))
    return structured_data.to_script(node)
