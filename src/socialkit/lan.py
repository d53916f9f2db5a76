"""The address other machines of the room reach this one at, for servers started with ``--ip``."""

from __future__ import annotations

import socket

ALL_INTERFACES = ("0.0.0.0", "")


def lan_address() -> str:
    """This machine's address on the local network (the interface of its default route), else 127.0.0.1.

    Connecting a UDP socket sends no packet: it only asks the system which interface it would use.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))
            return probe.getsockname()[0]
        except OSError:
            return "127.0.0.1"


def shown_host(ip: str) -> str:
    """The host to print in an address for a server listening on ``ip`` (``0.0.0.0`` → the LAN address)."""
    return lan_address() if ip in ALL_INTERFACES else ip
