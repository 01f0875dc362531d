"""A pretend internet for the source-check tests: names resolve from a table and
connections to the table's public addresses land on the local test server. Nothing
reaches the real network."""

from __future__ import annotations

import socket
from dataclasses import dataclass, field

from articles.sources import addresses, fetcher

# Public addresses (not private, not reserved) that stand for sites in the tests.
NEWS_IP = "93.184.215.14"
OTHER_IP = "151.101.1.140"


@dataclass
class FakeNetwork:
    """``names``: host → address. A connection to an address in ``served`` goes to
    the local server's port; any other is refused, as a closed port would be."""

    server_port: int
    names: dict[str, str] = field(default_factory=dict)
    served: set[str] = field(default_factory=lambda: {NEWS_IP, OTHER_IP})
    online: bool = True
    lookups: list[str] = field(default_factory=list)
    connections: list[tuple[str, int]] = field(default_factory=list)

    def resolve(self, host: str, port: int, *, timeout: float) -> list[str]:
        self.lookups.append(host)
        if not self.online:
            raise addresses.ResolutionError("Temporary failure in name resolution")
        if host == "example.com":  # the online probe (SOURCE_FETCH_ONLINE_PROBE)
            return [NEWS_IP]
        if host not in self.names:
            raise addresses.ResolutionError(
                "Name or service not known", is_missing=True
            )
        return [self.names[host]]

    def open_socket(self, address, timeout):
        self.connections.append(address)
        if address[0] in self.served:
            return socket.create_connection(("127.0.0.1", self.server_port), timeout)
        raise ConnectionRefusedError(111, "Connection refused")


def install(monkeypatch, server_port: int, **names: str) -> FakeNetwork:
    network = FakeNetwork(
        server_port=server_port,
        names={name.replace("_", "."): ip for name, ip in names.items()},
    )
    monkeypatch.setattr(addresses, "resolve", network.resolve)
    monkeypatch.setattr(fetcher, "open_socket", network.open_socket)
    return network
