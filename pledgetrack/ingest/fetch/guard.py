"""The SSRF guard: a host name and its addresses in, a refusal out unless every address is public or in
a network the operator allows.

A name is resolved here, in a thread abandoned when DNS takes longer than the deadline allows; the
transport then connects to those very addresses (see `transport`), so DNS answering differently between
the check and the connection (rebinding) cannot slip a private address in.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from collections.abc import Iterable
from typing import Any

import httpcore

_Address = ipaddress.IPv4Address | ipaddress.IPv6Address
_Network = ipaddress.IPv4Network | ipaddress.IPv6Network
_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_PRIVATE = tuple(map(ipaddress.ip_network, ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7")))
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_BROADCAST = ipaddress.ip_address("255.255.255.255")


def networks(texts: Iterable[str]) -> tuple[_Network, ...]:
    """The networks of `allow_networks`; ValueError naming the first that is not an address or CIDR."""
    found = []
    for text in [texts] if isinstance(texts, str) else texts:
        try:
            found.append(ipaddress.ip_network(str(text).strip(), strict=False))
        except ValueError:
            raise ValueError(
                f"not a network: {text!r} (allow an address, or a CIDR network such as 10.1.2.0/24)"
            ) from None
    return tuple(found)


def _embedded_ipv4(ip: _Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address stands for: IPv4-mapped (::ffff:a.b.c.d), 6to4 (2002::/16) or
    NAT64 (64:ff9b::/96, what DNS64 answers on IPv6-only networks); None for a plain IPv6 address."""
    if isinstance(ip, ipaddress.IPv4Address):
        return None
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return ip.ipv4_mapped or ip.sixtofour


def _not_public(ip: _Address) -> str | None:
    """What kind of non-public address `ip` is ("a loopback address", …), or None for a public one."""
    ip = _embedded_ipv4(ip) or ip
    checks: tuple[tuple[bool, str], ...] = (
        (ip.is_unspecified, "an unspecified address"),
        (ip.is_loopback, "a loopback address"),
        (ip.is_link_local, "a link-local address"),
        (ip.is_multicast, "a multicast address"),
        (ip == _BROADCAST, "the broadcast address"),
        (ip in _CGNAT, "a carrier-grade NAT (shared) address"),
        (any(ip in network for network in _PRIVATE), "a private address"),
        (not ip.is_global, "a reserved, non-public address"),
    )
    return next((kind for refused, kind in checks if refused), None)


class Refused(Exception):
    """Internal: `host` is, or resolves to, an address pledgetrack must not connect to."""

    def __init__(self, host: str, ip: _Address, kind: str):
        super().__init__(f"{host}: {ip} is {kind}")
        self.host, self.ip, self.kind = host, ip, kind

    def message(self, url: str) -> str:
        ip = getattr(self.ip, "ipv4_mapped", None) or self.ip  # allowing 127.0.0.1 allows ::ffff:127.0.0.1
        address = str(ip).partition("%")[0]  # no IPv6 zone in a network
        network = "127.0.0.0/8" if ip.version == 4 and ip.is_loopback else f"{address}/{ip.max_prefixlen}"
        subject = f"{self.host} is" if _is_ip(self.host) else f"{self.host} resolves to {self.ip},"
        return (
            f"refused: {subject} {self.kind} ({url}); pledgetrack fetches public sites only — allow a "
            f'network with fetch_allow = ["{network}"] in pledgetrack.toml or --allow-network'
        )


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


class Guard:
    """Public addresses only, and those of the networks the operator allows."""

    def __init__(self, allowed: tuple[_Network, ...]):
        self.allowed = allowed

    def check(self, host: str, addresses: Iterable[str]) -> None:
        """Refused unless every one of `host`'s addresses may be connected to."""
        for text in addresses:
            ip = ipaddress.ip_address(text)
            kind = _not_public(ip)
            if kind is not None and not self._allowed(ip):
                raise Refused(host, ip, kind)

    def _allowed(self, ip: _Address) -> bool:
        mapped = ip.ipv4_mapped if isinstance(ip, ipaddress.IPv6Address) else None
        return any(ip in net or (mapped is not None and mapped in net) for net in self.allowed)


def _getaddrinfo(host: str, port: int) -> list[str]:
    """The addresses DNS (or /etc/hosts) gives for `host`: the seam tests replace to fake DNS answers."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def resolve(host: str, port: int, limit: float) -> list[str]:
    """`host` itself when it is an IP address, else its addresses, waited for at most `limit` seconds:
    getaddrinfo cannot be interrupted, so it runs in a thread that is abandoned when it takes too long."""
    if _is_ip(host):
        return [host.strip("[]")]
    answer: list[Any] = []

    def lookup() -> None:
        try:
            answer.append(_getaddrinfo(host, port))
        except Exception as error:  # raised in the caller's thread, below
            answer.append(error)

    worker = threading.Thread(target=lookup, name=f"resolve {host}", daemon=True)
    worker.start()
    worker.join(limit)
    if not answer:
        raise httpcore.ConnectTimeout(f"looking up {host} took more than {limit:.3g} s")
    if isinstance(answer[0], Exception) or not answer[0]:
        raise httpcore.ConnectError(f"cannot resolve {host}: {answer[0] or 'no address'}")
    return answer[0]
