"""Anonymous throttling keyed on the address newsroom.client_ip trusts.

DRF's own key reads X-Forwarded-For whenever it is present, which any client can
send to get a fresh allowance; the project's helper trusts only the header that
settings.CLIENT_IP_HEADER names (set behind our proxy), and counts an IPv6
client by its /64.
"""

from rest_framework.throttling import AnonRateThrottle

from newsroom.client_ip import client_network


class ClientAddressAnonThrottle(AnonRateThrottle):
    def get_ident(self, request):
        return client_network(request) or "unknown"
