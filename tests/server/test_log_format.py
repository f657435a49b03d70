"""A logged traceback says where and what failed, never what the exception said: its
message may quote the request, a connector token included."""

from __future__ import annotations

import io
import logging

from fieldmap.server.log_format import WITHHELD, SecretFreeFormatter, configure_logging

TOKEN = "tok_9f8e7d6c5b4a39281706f5e4d3c2b1a0"


def failing_validation() -> None:
    try:
        raise ValueError(f"input {{'connector_token': '{TOKEN}'}}")
    except ValueError as error:
        raise RuntimeError(f"while reading {TOKEN}") from error


def test_a_traceback_keeps_frames_and_types_but_no_message():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(SecretFreeFormatter("%(levelname)s %(message)s"))
    logger = logging.getLogger("tests.log_format")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        failing_validation()
    except RuntimeError:
        logger.exception("Exception in ASGI application")
    finally:
        logger.removeHandler(handler)
    logged = stream.getvalue()
    assert TOKEN not in logged
    assert "ERROR Exception in ASGI application" in logged
    assert "in failing_validation" in logged
    assert f"builtins.ValueError: {WITHHELD}" in logged
    assert logged.rstrip().endswith(f"builtins.RuntimeError: {WITHHELD}")


def test_the_servers_logging_sends_uvicorns_tracebacks_through_it():
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    stream = io.StringIO()
    try:
        configure_logging(stream)
        try:
            failing_validation()
        except RuntimeError:
            logging.getLogger("uvicorn.error").exception("Exception in ASGI application")
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
    logged = stream.getvalue()
    assert "Exception in ASGI application" in logged
    assert TOKEN not in logged
    assert WITHHELD in logged
