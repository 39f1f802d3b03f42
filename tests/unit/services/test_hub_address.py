"""This laptop's addresses for the hub and a free port; only loopback is bound."""

from __future__ import annotations

import socket

import pytest

from fairdesk.services import hub_address
from fairdesk.services.hub_address import next_free_port, port_free, usable


def test_usable_keeps_lan_ipv4_addresses_venue_ranges_first() -> None:
    raw = ["127.0.0.1", "127.0.1.1", "169.254.10.2", "0.0.0.0", "224.0.0.1", "::1",
           "fe80::1%eth0", "2001:db8::5", "junk", "", "8.8.4.4", "172.17.0.1",
           "10.1.2.3", "192.168.1.20", "10.1.2.3"]
    assert usable(raw) == ["192.168.1.20", "10.1.2.3", "172.17.0.1", "8.8.4.4"]
    assert usable([]) == []


def test_lan_addresses_never_raise_when_the_host_name_does_not_resolve(
        monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_args: object) -> object:
        raise socket.gaierror("no such name")

    monkeypatch.setattr(hub_address.socket, "getaddrinfo", fail)
    assert hub_address.lan_addresses() == []
    monkeypatch.setattr(hub_address.socket, "getaddrinfo", lambda *_a: [
        (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.1.1", 0)),
        (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("192.168.4.7", 0))])
    assert hub_address.lan_addresses() == ["192.168.4.7"]


def test_a_listening_port_is_taken_and_the_next_free_one_is_offered(busy_port: int) -> None:
    assert not port_free("127.0.0.1", busy_port)
    offered = next_free_port("127.0.0.1", busy_port - 1)
    assert offered > busy_port and port_free("127.0.0.1", offered)


def test_no_free_port_in_range_offers_any_free_port(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hub_address, "port_free", lambda host, port: False)
    assert next_free_port("127.0.0.1", 8765) == 0
