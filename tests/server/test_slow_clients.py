"""`fieldmap serve` under slow, silent and too many clients, on real loopback sockets: a
connection that says nothing, headers sent a line at a time, a body sent a byte at a
time, an idle keep-alive connection, and more connections than allowed. The deadlines are
configured short here; each test paces its client only as that client would."""

from __future__ import annotations

import select
import socket
from collections.abc import Iterator
from contextlib import ExitStack
from urllib.parse import urlsplit

import pytest

from tests.served import isolated_env, running_server, seeded_data_dir

DEADLINE = 0.5  # seconds, for every deadline of the served process
GUARD = 10 * DEADLINE  # a socket still open this long after its deadline was not closed
PACE = DEADLINE / 5  # a slow client's interval between sends
MAX_CONNECTIONS = 3


def serve(tmp_path, *options: str) -> Iterator[str]:
    args = ["--data-dir", str(seeded_data_dir(tmp_path / "data")), "--api-key", "k", *options]
    with running_server(args, isolated_env(tmp_path), tmp_path / "out", tmp_path / "err") as url:
        yield url


@pytest.fixture
def short_deadlines(tmp_path) -> Iterator[tuple[str, int]]:
    limits = ["--header-timeout", "--body-timeout", "--keep-alive-timeout"]
    options = [part for option in limits for part in (option, str(DEADLINE))]
    for url in serve(tmp_path, *options):
        yield address(url)


def address(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    return parts.hostname, parts.port


def connect(where: tuple[str, int]) -> socket.socket:
    return socket.create_connection(where, timeout=GUARD)


def closed_by_server(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection; fails (timeout) if it
    keeps the connection open past the guard."""
    received = b""
    try:
        while chunk := sock.recv(65536):
            received += chunk
    except ConnectionResetError:  # closed with our bytes unread: a reset, not a FIN
        pass
    return received


def answer(sock: socket.socket) -> bytes:
    """One whole answer (headers and Content-Length body) on a connection that stays open."""
    received = b""
    while b"\r\n\r\n" not in received:
        received += sock.recv(65536)
    head, _, body = received.partition(b"\r\n\r\n")
    length = next(
        int(line.split(b":")[1])
        for line in head.lower().split(b"\r\n")
        if line.startswith(b"content-length:")
    )
    while len(body) < length:
        body += sock.recv(65536)
    return received


def send_slowly(sock: socket.socket, chunks: Iterator[bytes]) -> bytes:
    """Send one chunk every PACE seconds until the server closes or answers; what it sent."""
    for chunk in chunks:
        try:
            sock.sendall(chunk)
        except (BrokenPipeError, ConnectionResetError):
            return b""
        readable, _, _ = select.select([sock], [], [], PACE)  # the client's own pace
        if readable:
            return closed_by_server(sock)
    pytest.fail("the server was still reading the slow client after the guard")


def paced(chunk: bytes) -> Iterator[bytes]:
    return iter([chunk] * int(GUARD / PACE))


HEALTH = b"GET /healthz HTTP/1.1\r\nHost: fieldmap.test\r\n\r\n"


def test_a_silent_connection_is_closed(short_deadlines):
    with connect(short_deadlines) as sock:
        assert closed_by_server(sock) == b""


def test_headers_sent_a_line_at_a_time_are_cut_off(short_deadlines):
    with connect(short_deadlines) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: fieldmap.test\r\n")
        assert send_slowly(sock, paced(b"X-Slow: 1\r\n")) == b""


def test_a_body_sent_a_byte_at_a_time_gets_a_408(short_deadlines):
    head = (
        b"POST /api/v1/custom-fields/preview HTTP/1.1\r\nHost: fieldmap.test\r\n"
        b"Authorization: Bearer k\r\nContent-Type: application/json\r\n"
        b"Content-Length: 1000\r\n\r\n"
    )
    with connect(short_deadlines) as sock:
        sock.sendall(head)
        answer = send_slowly(sock, paced(b" "))
    assert answer.startswith(b"HTTP/1.1 408 ")
    assert b"took over 0.5 s to arrive" in answer


def test_an_idle_keep_alive_connection_is_closed(short_deadlines):
    with connect(short_deadlines) as sock:
        sock.sendall(HEALTH)
        answer = closed_by_server(sock)
    assert answer.startswith(b"HTTP/1.1 200 ")


def test_a_quick_client_is_served_on_a_kept_alive_connection(short_deadlines):
    with connect(short_deadlines) as sock:
        for _ in range(3):
            sock.sendall(HEALTH)
            assert answer(sock).startswith(b"HTTP/1.1 200 ")


def test_connections_past_the_limit_are_closed_and_the_slots_come_back(tmp_path):
    for url in serve(tmp_path, "--max-connections", str(MAX_CONNECTIONS)):
        where = address(url)
        with ExitStack() as idle:
            for _ in range(MAX_CONNECTIONS - 1):
                idle.enter_context(connect(where))
            last_one = idle.enter_context(connect(where))
            last_one.sendall(HEALTH)  # the last connection allowed is served in full
            assert answer(last_one).startswith(b"HTTP/1.1 200 ")
            with connect(where) as one_too_many:
                one_too_many.sendall(HEALTH)
                assert closed_by_server(one_too_many) == b""
        with connect(where) as sock:  # the idle ones closed: a slot is free again
            sock.sendall(HEALTH)
            assert answer(sock).startswith(b"HTTP/1.1 200 ")


def test_headers_over_16_kib_are_a_400(short_deadlines):
    with connect(short_deadlines) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: fieldmap.test\r\nX-Big: " + b"x" * 20_000)
        assert closed_by_server(sock).startswith(b"HTTP/1.1 400 ")
