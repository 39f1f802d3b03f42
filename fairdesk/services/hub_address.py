"""Where the organizer's hub can be reached: this laptop's network addresses and a
free port. Nothing here sends a packet: addresses come from the host's own
name table (the console passes the interfaces Qt enumerates instead), and a
port is tested by binding it, never by connecting.
"""

from __future__ import annotations

import contextlib
import errno
import ipaddress
import socket
from collections.abc import Iterable

LOOPBACK, EVERY_INTERFACE = "127.0.0.1", "0.0.0.0"
DEFAULT_PORT = 8765
PORT_TRIES = 50


def usable(raw: Iterable[str]) -> list[str]:
    """The IPv4 addresses other devices could use, private (venue LAN) ones first.

    Loopback, link-local (169.254.x.x, no DHCP answered), unspecified and
    multicast addresses are dropped, and so is anything that is not an address.
    """
    found: list[ipaddress.IPv4Address] = []
    for text in raw:
        try:
            address = ipaddress.ip_address(text.split("%")[0].strip())
        except ValueError:
            continue
        if (not isinstance(address, ipaddress.IPv4Address) or address.is_loopback
                or address.is_link_local or address.is_unspecified or address.is_multicast
                or address in found):
            continue
        found.append(address)
    found.sort(key=_rank)  # stable: the system's order otherwise
    return [str(a) for a in found]


def _rank(address: ipaddress.IPv4Address) -> int:
    """Venue and home routers hand out 192.168/16 or 10/8; 172.16/12 is often a
    virtual bridge (containers); public addresses last."""
    for rank, net in enumerate(("192.168.0.0/16", "10.0.0.0/8")):
        if address in ipaddress.ip_network(net):
            return rank
    return 2 if address.is_private else 3


def lan_addresses() -> list[str]:
    """This computer's usable addresses from its own host name (no traffic is sent)."""
    with contextlib.suppress(OSError, UnicodeError):
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET,
                                   socket.SOCK_STREAM)
        return usable(str(info[4][0]) for info in infos)
    return []


def port_taken(error: OSError) -> bool:
    return error.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", -1))


def port_free(host: str, port: int) -> bool:
    """Whether a hub could listen on ``host:port`` now (bound the way the hub binds)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def next_free_port(host: str, after: int, tries: int = PORT_TRIES) -> int:
    """The first free port above ``after``; 0 (any free port) if none of ``tries`` is."""
    for port in range(after + 1, min(after + 1 + tries, 65536)):
        if port_free(host, port):
            return port
    return 0
