"""The hub's HTTP API (aiohttp). Transport only: the database work is done by
a :class:`HubBackend` that the services layer injects.

Every request carries ``Authorization: Bearer <token>`` (``/api/join``: the
pairing secret). No token, an unknown or a revoked one: 401. A role asking
to send or see what it may not: 403. A malformed request: 400. A push
that uses again a number the device already sent another op under: 409.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any, Protocol

from aiohttp import web

from fairdesk.domain.errors import (
    BadPairingCode,
    FairDeskError,
    Forbidden,
    SeqClash,
    Unauthorized,
)
from fairdesk.sync.policy import Caller, may_upload_resumes
from fairdesk.sync.wire import (
    MAX_BATCH,
    MAX_RESUME_BYTES,
    PullPage,
    ResumeUpload,
    TooLarge,
    WireError,
    dumps,
    loads,
    ops_from_wire,
)

log = logging.getLogger(__name__)
MAX_BODY = 32 * 1024 * 1024
_STATUS = {Unauthorized: 401, BadPairingCode: 401, Forbidden: 403, SeqClash: 409,
           TooLarge: 413, WireError: 400}


class HubBackend(Protocol):
    def authenticate(self, token: str) -> Caller: ...
    async def push_soon(self, caller: Caller, ops: list[Any], pending: int
                        ) -> list[tuple[str, int]]: ...
    def pull(self, caller: Caller, since: int, limit: int, employer: str | None) -> PullPage: ...
    def join(self, secret: str, name: str) -> dict[str, Any]: ...
    def signing_key(self, caller: Caller) -> dict[str, Any]: ...
    async def receive_resume(self, caller: Caller, upload: ResumeUpload
                             ) -> dict[str, Any]: ...


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@web.middleware
async def _errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except FairDeskError as error:
        status = next((s for cls, s in _STATUS.items() if isinstance(error, cls)), 400)
        return _answer(error.as_dict(), status=status)


def _answer(data: Any, status: int = 200) -> web.Response:
    """A JSON answer, encoded by the wire's encoder (orjson)."""
    return web.Response(body=dumps(data), status=status, content_type="application/json")


def _bearer(request: web.Request) -> str:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("A device token is required (Authorization: Bearer).")
    return token.strip()


async def _json(request: web.Request) -> dict[str, Any]:
    raw = loads(await request.read())
    if not isinstance(raw, dict):
        raise WireError("The request body must be a JSON object.")
    return raw


def _int(request: web.Request, name: str, default: int, upper: int | None = None) -> int:
    try:
        value = int(request.query.get(name, default))
    except ValueError as error:
        raise WireError(f"{name} must be a whole number.") from error
    if value < 0:
        raise WireError(f"{name} must not be negative.")
    return min(value, upper) if upper else value


def make_app(backend: HubBackend) -> web.Application:
    """The hub application; ``backend`` does the database work."""

    async def push(request: web.Request) -> web.Response:
        caller = backend.authenticate(_bearer(request))
        body = await _json(request)
        ops = ops_from_wire(body.get("ops"))
        pending = body.get("pending", 0)
        acks = await backend.push_soon(caller, ops, pending if isinstance(pending, int) else 0)
        return _answer({"acked": [{"op_id": o, "hub_seq": s} for o, s in acks]})

    async def pull(request: web.Request) -> web.Response:
        caller = backend.authenticate(_bearer(request))
        since = _int(request, "since", 0)
        limit = max(1, _int(request, "limit", 500, MAX_BATCH))
        page = backend.pull(caller, since, limit, request.query.get("employer"))
        return _answer(page.to_wire())

    async def join(request: web.Request) -> web.Response:
        secret = _bearer(request)
        body = await _json(request)
        return _answer(backend.join(secret, str(body.get("name", ""))[:80]))

    async def signing_key(request: web.Request) -> web.Response:
        caller = backend.authenticate(_bearer(request))
        return _answer(backend.signing_key(caller))

    async def resume(request: web.Request) -> web.Response:
        """One résumé blob from a desk: the body is the bytes, the query names them."""
        caller = backend.authenticate(_bearer(request))
        if not may_upload_resumes(caller):  # refused before its bytes are read
            raise Forbidden("Only desks send résumés; a booth never holds one.")
        if request.content_length is not None and request.content_length > MAX_RESUME_BYTES:
            raise TooLarge(f"A résumé may be at most 20 MB, not "
                           f"{request.content_length / 1024 / 1024:.1f} MB.")
        upload = ResumeUpload.from_wire(request.query, await request.read())
        return _answer(await backend.receive_resume(caller, upload))

    async def ping(request: web.Request) -> web.Response:
        caller = backend.authenticate(_bearer(request))
        # "time": the hub's clock, for a device's readiness check (fairdesk doctor).
        return _answer({"device_id": caller.device_id, "role": caller.role,
                        "time": datetime.now(UTC).isoformat()})

    app = web.Application(middlewares=[_errors], client_max_size=MAX_BODY)
    app.router.add_post("/api/push", push)
    app.router.add_get("/api/pull", pull)
    app.router.add_post("/api/join", join)
    app.router.add_get("/api/signing-key", signing_key)
    app.router.add_post("/api/resumes", resume)
    app.router.add_get("/api/ping", ping)
    return app
