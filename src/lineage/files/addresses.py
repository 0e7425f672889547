"""Which addresses `sourceUrl` downloads may reach: public ones, and allowed networks.

Two checks, both needed:
- before each request (the first and every redirect's), the host's every address is
  resolved and checked, so a name that leads to an internal address is refused
  without any connection to it (no probing of internal hosts and ports);
- at connection time, httpx-secure connects only to an address it checked itself,
  so a DNS answer that changes in between (rebinding) cannot slip through.

An address is public when Python calls it global and it lies in no range of IANA's
special-purpose registries (`SPECIAL_PURPOSE`: Python 3.11 calls 6to4 `2002::/16`, the
IPv4-compatible `::/96`, site-local, multicast and a few more global). Inside the NAT64
prefix 64:ff9b::/96 the IPv4 address it carries must be public (as httpx-secure's own
check has it); every other IPv6 form that carries an IPv4 address is refused.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Sequence
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network, ip_address, ip_network

import httpx
from httpx_secure import SSRFProtectionError, httpx_ssrf_protection

Address = IPv4Address | IPv6Address
Network = IPv4Network | IPv6Network
NAT64 = IPv6Network("64:ff9b::/96")
DEFAULT_PORTS = {"http": 80, "https": 443}
# IANA's IPv4 and IPv6 special-purpose address registries (and the deprecated
# IPv4-compatible and site-local IPv6 forms), whatever Python's `is_global` says.
SPECIAL_PURPOSE: tuple[Network, ...] = tuple(
    ip_network(cidr)
    for cidr in (
        *("0.0.0.0/8", "100.64.0.0/10", "192.0.0.0/24", "192.31.196.0/24", "192.52.193.0/24"),
        *("192.88.99.0/24", "192.175.48.0/24", "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4"),
        *("::/96", "::ffff:0:0/96", "64:ff9b:1::/48", "100::/64", "100:0:0:1::/64"),
        *("2001::/23", "2001:db8::/32", "2002::/16", "2620:4f:8000::/48", "3fff::/20"),
        *("5f00::/16", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8"),
    )
)


def is_public(address: Address) -> bool:
    if isinstance(address, IPv6Address) and address in NAT64:
        return is_public(IPv4Address(address.packed[-4:]))
    special = any(address in network for network in SPECIAL_PURPOSE)
    return address.is_global and not special


class AddressPolicy:
    """Public addresses, plus those in `allowed`."""

    def __init__(self, allowed: Sequence[Network] = ()) -> None:
        self.allowed = tuple(allowed)

    def admits(self, address: Address) -> bool:
        return is_public(address) or any(address in network for network in self.allowed)

    def protect(self, client: httpx.AsyncClient) -> httpx.AsyncClient:
        """`client`, sending requests only to admitted hosts, connecting only to
        admitted addresses."""
        client.event_hooks["request"].append(self._check_request)
        return httpx_ssrf_protection(
            client,
            check_globally_reachable=False,
            custom_validator=lambda _host, address, _port: self.admits(address),
        )

    async def _check_request(self, request: httpx.Request) -> None:
        """SSRFProtectionError when the request's host has an address not admitted (other
        schemes than http(s) are left to httpx, which refuses them)."""
        if request.url.scheme not in DEFAULT_PORTS:
            return
        host, port = request.url.host, request.url.port or DEFAULT_PORTS[request.url.scheme]
        for address in await _addresses_of(request, port):
            if not self.admits(address):
                raise SSRFProtectionError(
                    f"{host} has the address {address}, which is not admitted",
                    request=request,
                    hostname=host,
                    ip_addr=address,
                    port=port,
                )


async def _addresses_of(request: httpx.Request, port: int) -> set[Address]:
    """Every address the request's host resolves to (itself when it is one)."""
    host = request.url.host
    try:
        return {ip_address(host)}
    except ValueError:
        pass
    try:
        found = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise httpx.ConnectError(f"{host} does not resolve ({exc})", request=request) from exc
    return {ip_address(str(info[4][0]).split("%")[0]) for info in found}
