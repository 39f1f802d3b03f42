"""A device's connection to the hub, with the hub's certificate pinned.

The client does not trust any CA: ``aiohttp.Fingerprint`` compares the
SHA-256 of the certificate the server shows with the one from the pairing
code, on every connection. Every failure to reach the hub (refused, timed
out, cut mid-answer, wrong certificate) is :class:`HubUnreachable`.
"""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
import orjson

from fairdesk.domain.errors import (
    FairDeskError,
    Forbidden,
    HubUnreachable,
    SeqClash,
    Unauthorized,
)
from fairdesk.domain.model import Op
from fairdesk.sync.wire import (
    PullPage,
    RejectedByHub,
    ResumeUpload,
    WireError,
    acks_from_wire,
    dumps,
    op_to_wire,
)

TIMEOUT_S = 15.0
UPLOAD_BYTES_PER_S = 128 * 1024  # the slowest link an upload is given time for


class HubClient:
    """Blocking calls (each runs on the client's own event loop); one per thread."""

    def __init__(self, url: str, fingerprint: str, token: str, timeout: float = TIMEOUT_S):
        self.url = url.rstrip("/")
        self._pin = aiohttp.Fingerprint(bytes.fromhex(fingerprint))
        self._token = token
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._loop = asyncio.new_event_loop()
        self._session: aiohttp.ClientSession | None = None

    # ------------------------------------------------------------ calls
    def push(self, ops: list[Op], pending: int = 0) -> list[tuple[str, int]]:
        body = {"ops": [op_to_wire(op) for op in ops], "pending": pending}
        return acks_from_wire(self._call("POST", "/api/push", body=body))

    def pull(self, since: int, limit: int = 500, backfilled: int = 0) -> PullPage:
        """A page after ``since``; ``backfilled``: how far this device holds the
        older ops the hub owed it (the ``backfill`` of the pages it applied)."""
        params = {"since": str(since), "limit": str(limit), "backfilled": str(backfilled)}
        return PullPage.from_wire(self._call("GET", "/api/pull", params=params))

    def upload_resume(self, upload: ResumeUpload) -> dict[str, Any]:
        """Send one résumé blob (desks only); the hub answers ``{"sha256", "held"}``."""
        answer = self._loop.run_until_complete(self._request(
            "POST", "/api/resumes", None, upload.params(), data=upload.data))
        if answer.get("sha256") != upload.sha256 or answer.get("held") is not True:
            raise WireError(f"The hub did not acknowledge résumé {upload.sha256[:12]}.")
        return answer

    def join(self, name: str) -> dict[str, Any]:
        return self._call("POST", "/api/join", body={"name": name})

    def ping(self) -> dict[str, Any]:
        """``{"device_id", "role", "time"}``: the hub knows this device's token."""
        return self._call("GET", "/api/ping")

    def signing_key(self) -> dict[str, Any]:
        return self._call("GET", "/api/signing-key")

    def close(self) -> None:
        if self._session is not None:
            self._loop.run_until_complete(self._session.close())
            self._session = None
        self._loop.close()

    def __enter__(self) -> HubClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ plumbing
    def _call(self, method: str, path: str, body: dict[str, Any] | None = None,
              params: dict[str, str] | None = None) -> dict[str, Any]:
        return self._loop.run_until_complete(self._request(method, path, body, params))

    async def _request(self, method: str, path: str, body: dict[str, Any] | None,
                       params: dict[str, str] | None, data: bytes | None = None
                       ) -> dict[str, Any]:
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=self._timeout)
        headers = {"Authorization": f"Bearer {self._token}"}
        timeout = self._timeout
        if body is not None:
            data = dumps(body)
            headers["Content-Type"] = "application/json"
        elif data is not None:
            headers["Content-Type"] = "application/octet-stream"
            total = (self._timeout.total or TIMEOUT_S) + len(data) / UPLOAD_BYTES_PER_S
            timeout = aiohttp.ClientTimeout(total=total)
        try:
            async with self._session.request(method, self.url + path, params=params,
                                             data=data, headers=headers, timeout=timeout,
                                             ssl=self._pin) as response:
                raw = await response.read()
                answer = orjson.loads(raw) if raw.strip() else None  # ValueError: not JSON
                status = response.status
        except aiohttp.ServerFingerprintMismatch as error:
            raise HubUnreachable(f"The server at {self.url} is not the paired hub "
                                 "(certificate mismatch).") from error
        except (TimeoutError, aiohttp.ClientError, OSError, ValueError) as error:
            raise HubUnreachable(f"Cannot reach the hub at {self.url} ({_why(error)}).") from error
        return _checked(status, answer)


def _why(error: BaseException) -> str:
    if isinstance(error, aiohttp.ClientConnectorError):
        return error.strerror or "connection refused"
    if isinstance(error, TimeoutError):
        return "no answer in time"
    text = str(error) or type(error).__name__
    return text.splitlines()[0][:120]


def _checked(status: int, answer: Any) -> dict[str, Any]:
    message = answer.get("message", "") if isinstance(answer, dict) else ""
    if status == 401:
        raise Unauthorized(message or "The hub does not accept this device's token.")
    if status == 403:
        raise Forbidden(message or "The hub refused: not allowed for this device's role.")
    if status == 409 and isinstance(answer, dict) and answer.get("code") == SeqClash.code:
        last = answer.get("last_seq")
        raise SeqClash(message or "The hub holds other ops under this device's numbers.",
                       op_id=str(answer.get("op_id", "")),
                       last_seq=last if isinstance(last, int) and last >= 0 else 0)
    if status in (400, 413):
        raise RejectedByHub(message or f"The hub refused the request (HTTP {status}).")
    if status >= 400:
        raise FairDeskError(message or f"The hub answered HTTP {status}.")
    if not isinstance(answer, dict):
        raise WireError("The hub's answer is not a JSON object.")
    return answer
