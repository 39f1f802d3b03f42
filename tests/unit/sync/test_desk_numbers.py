"""A paired desk numbers its walk-ins with the desk number the hub gave it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from fairdesk.domain.errors import InvalidField
from fairdesk.services.session import EventSession
from fairdesk.services.walkins import register_walk_in

Pair = Callable[..., Path]
Open = Callable[..., EventSession]


def test_a_paired_desk_opens_as_its_desk_number(pair: Pair, device: Open) -> None:
    desk = device(pair("desk", desk=3), role="desk")
    assert desk.desk == 3
    assert register_walk_in(desk, first_name="Ana", last_name="Lee").ref.startswith("W3-")
    assert device(pair("desk"), role="desk").desk is None  # paired without a number
    assert device(pair("desk", desk=4), role="desk", desk=4).desk == 4


def test_a_paired_desk_refuses_another_number(pair: Pair, device: Open) -> None:
    path = pair("desk", desk=4)
    with pytest.raises(InvalidField, match="paired with the hub as desk 4"):
        device(path, role="desk", desk=5)
    assert device(path, role="desk").desk == 4  # the file was left usable
