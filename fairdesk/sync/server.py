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
from aiohttp.typedefs import Middleware

from fairdesk.domain.errors import (
    BadPairingCode,
    FairDeskError,
    Forbidden,
    SeqClash,
    Unauthorized,
)
from fairdesk.sync.doorman import Doorman
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
    whole,
)

log = logging.getLogger(__name__)
MAX_BODY = 32 * 1024 * 1024  # an authenticated body (a résumé is at most 20 MB)
MAX_JOIN_BODY = 4096  # a join names the device: a few bytes
MAX_UNTRUSTED = 32  # requests in flight on connections not yet authenticated
CALLER = web.RequestKey("caller", Caller)
_STATUS = {Unauthorized: 401, BadPairingCode: 401, Forbidden: 403, SeqClash: 409,
           TooLarge: 413, WireError: 400}


class HubBackend(Protocol):
    def authenticate(self, token: str) -> Caller: ...
    def check_secret(self, secret: str) -> None: ...
    async def push_soon(self, caller: Caller, ops: list[Any], pending: int
                        ) -> list[tuple[str, int]]: ...
    def pull(self, caller: Caller, since: int, limit: int, employer: str | None,
             backfilled: int | None = None) -> PullPage: ...
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


def _guard(doorman: Doorman) -> Middleware:
    """At most :data:`MAX_UNTRUSTED` requests at once on connections that have
    not authenticated yet (503 beyond); a connection whose request was
    authenticated is trusted by the doorman (never dropped for room)."""
    untrusted = [0]

    @web.middleware
    async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
        if doorman.trusted(request.protocol):
            return await handler(request)
        if untrusted[0] >= MAX_UNTRUSTED:
            return _answer({"code": "busy", "message": "The hub is busy; try again."}, 503)
        untrusted[0] += 1
        try:
            response = await handler(request)
        finally:
            untrusted[0] -= 1
        if request.get(CALLER) is not None:
            doorman.trust(request.protocol)
        return response

    return guard


def _answer(data: Any, status: int = 200) -> web.Response:
    """A JSON answer, encoded by the wire's encoder (orjson)."""
    return web.Response(body=dumps(data), status=status, content_type="application/json")


def _bearer(request: web.Request) -> str:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("A device token is required (Authorization: Bearer).")
    return token.strip()


async def _json(request: web.Request, limit: int | None = None) -> dict[str, Any]:
    if limit is not None:
        if request.content_length is not None and request.content_length > limit:
            raise TooLarge(f"This request's body may be at most {limit} bytes.")
        data = await request.content.read(limit + 1)
        if len(data) > limit:
            raise TooLarge(f"This request's body may be at most {limit} bytes.")
    else:
        data = await request.read()
    raw = loads(data)
    if not isinstance(raw, dict):
        raise WireError("The request body must be a JSON object.")
    return raw


def _int(request: web.Request, name: str, default: int, upper: int | None = None) -> int:
    value = whole(request.query.get(name, default), name)
    return min(value, upper) if upper else value


def make_app(backend: HubBackend, doorman: Doorman | None = None) -> web.Application:
    """The hub application; ``backend`` does the database work, ``doorman``
    (when it serves the connections) learns which ones are authenticated."""

    def authenticate(request: web.Request) -> Caller:
        caller = backend.authenticate(_bearer(request))
        request[CALLER] = caller
        return caller

    async def push(request: web.Request) -> web.Response:
        caller = authenticate(request)
        body = await _json(request)
        ops = ops_from_wire(body.get("ops"))
        pending = whole(body.get("pending", 0), "pending")
        acks = await backend.push_soon(caller, ops, pending)
        return _answer({"acked": [{"op_id": o, "hub_seq": s} for o, s in acks]})

    async def pull(request: web.Request) -> web.Response:
        caller = authenticate(request)
        since = _int(request, "since", 0)
        limit = max(1, _int(request, "limit", 500, MAX_BATCH))
        held = request.query.get("backfilled")  # absent: a device that does not say
        page = backend.pull(caller, since, limit, request.query.get("employer"),
                            None if held is None else whole(held, "backfilled"))
        return _answer(page.to_wire())

    async def join(request: web.Request) -> web.Response:
        secret = _bearer(request)
        backend.check_secret(secret)  # before a byte of the body is read
        body = await _json(request, MAX_JOIN_BODY)
        return _answer(backend.join(secret, str(body.get("name", ""))[:80]))

    async def signing_key(request: web.Request) -> web.Response:
        caller = authenticate(request)
        return _answer(backend.signing_key(caller))

    async def resume(request: web.Request) -> web.Response:
        """One résumé blob from a desk: the body is the bytes, the query names them."""
        caller = authenticate(request)
        if not may_upload_resumes(caller):  # refused before its bytes are read
            raise Forbidden("Only desks send résumés; a booth never holds one.")
        if request.content_length is not None and request.content_length > MAX_RESUME_BYTES:
            raise TooLarge(f"A résumé may be at most 20 MB, not "
                           f"{request.content_length / 1024 / 1024:.1f} MB.")
        upload = ResumeUpload.from_wire(request.query, await request.read())
        return _answer(await backend.receive_resume(caller, upload))

    async def ping(request: web.Request) -> web.Response:
        caller = authenticate(request)
        # "time": the hub's clock, for a device's readiness check (fairdesk doctor).
        return _answer({"device_id": caller.device_id, "role": caller.role,
                        "time": datetime.now(UTC).isoformat()})

    middlewares: list[Middleware] = [_errors] if doorman is None else [_guard(doorman), _errors]
    app = web.Application(middlewares=middlewares, client_max_size=MAX_BODY)
    app.router.add_post("/api/push", push)
    app.router.add_get("/api/pull", pull)
    app.router.add_post("/api/join", join)
    app.router.add_get("/api/signing-key", signing_key)
    app.router.add_post("/api/resumes", resume)
    app.router.add_get("/api/ping", ping)
    return app
