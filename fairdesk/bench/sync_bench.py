"""Sync figures: ``sync_load`` (many booths pushing at once: push latency p95 vs a
bare aiohttp echo over the same TLS and clients) and ``sync`` (peak ingest from
batched pushes vs the write floor: SQLite alone writing the same ops and
check-ins into the hub's own tables). Both in interleaved pairs."""

from __future__ import annotations

import asyncio
import sqlite3
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import aiohttp
from aiohttp import web

from fairdesk.bench import PAIRS, Figure, Pairs, p95
from fairdesk.domain.clock import HybridClock
from fairdesk.domain.ids import new_id, visit_id
from fairdesk.domain.model import Op
from fairdesk.services import devices
from fairdesk.services.demo import DemoSpec, build_demo
from fairdesk.services.hub_server import HubServer, bind
from fairdesk.sync import tls
from fairdesk.sync.client import HubClient
from fairdesk.sync.pairing import decode
from fairdesk.sync.wire import op_to_wire


class _Setup:
    """A demo event with ``booths`` paired booth devices and one desk."""

    def __init__(self, folder: Path, booths: int) -> None:
        session = build_demo(folder / "hub.fairdesk", DemoSpec(200, 10, seed=2, resumes=False))
        self.path = folder / "hub.fairdesk"
        self.candidates = [r["id"] for r in session.store.rows("SELECT id FROM candidates")]
        employers = [r["id"] for r in session.store.rows("SELECT id FROM employers")]
        self.booths: list[tuple[str, str, str]] = []  # device id, token, employer
        self.sent: dict[str, int] = {}  # device id -> ops it has pushed (its last seq)
        now = datetime.now(UTC)
        for n in range(booths):
            made = devices.invite(session, "booth", "https://127.0.0.1:1",
                                  employer=employers[n % len(employers)])
            answer = devices.redeem(session.store, decode(made.code).secret, f"b{n}", now)
            self.booths.append((answer["device_id"], answer["token"], answer["employer_id"]))
        made = devices.invite(session, "desk", "https://127.0.0.1:1")
        answer = devices.redeem(session.store, decode(made.code).secret, "desk", now)
        self.desk = (answer["device_id"], answer["token"])
        self.cert, self.key, self.fingerprint = devices.certificate(session.store)
        session.close()


def _visit(device: str, seq: int, employer: str, candidate: str, clock: HybridClock) -> Op:
    at = datetime.now(UTC)
    return Op(new_id(), device, seq, "visit.record", at, clock.tick(),  # a scan: the pair's id
              {"id": visit_id(employer, candidate), "candidate_id": candidate,
               "employer_id": employer,
               "at": at.isoformat(timespec="milliseconds")})


async def _booth(url: str, pin: aiohttp.Fingerprint, device: tuple[str, str, str],
                 candidates: list[str], rate: float, seconds: float,
                 latencies: list[float], errors: list[str], seqs: dict[str, int]) -> int:
    device_id, token, employer = device
    clock, sent, first = HybridClock(device_id), 0, seqs.get(device_id, 0)
    headers = {"Authorization": f"Bearer {token}"}
    async with aiohttp.ClientSession(headers=headers) as http:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            tick = time.perf_counter()
            sent += 1
            op = _visit(device_id, first + sent, employer, candidates[sent % len(candidates)],
                        clock)
            try:
                async with http.post(url, json={"ops": [op_to_wire(op)]}, ssl=pin) as answer:
                    body = await answer.json()
                    if answer.status != 200 or len(body.get("acked", [])) != 1:
                        errors.append(f"HTTP {answer.status}: {body.get('message', '')}")
            except (aiohttp.ClientError, OSError) as error:
                errors.append(str(error))
            latencies.append((time.perf_counter() - tick) * 1000)
            await asyncio.sleep(max(0.0, 1 / rate - (time.perf_counter() - tick)))
    seqs[device_id] = first + sent
    return sent


async def _load(url: str, fingerprint: str, setup: _Setup, seconds: float, rate: float,
                seqs: dict[str, int] | None = None) -> tuple[list[float], list[str], int]:
    """Every booth pushing ``rate`` ops/s for ``seconds``; ``seqs`` carries on their seqs."""
    pin = aiohttp.Fingerprint(bytes.fromhex(fingerprint))
    latencies: list[float] = []
    errors: list[str] = []
    sent = await asyncio.gather(*(
        _booth(url, pin, booth, setup.candidates, rate, seconds, latencies, errors,
               setup.sent if seqs is None else seqs)
        for booth in setup.booths))
    return latencies, errors, sum(sent)


def _echo_p95(setup: _Setup, seconds: float, rate: float) -> float:
    """The same clients and TLS against an aiohttp handler that only echoes."""

    async def echo(request: web.Request) -> web.Response:
        body = await request.json()
        return web.json_response({"acked": [{"op_id": o["op_id"], "hub_seq": 1}
                                            for o in body["ops"]]})

    async def main() -> list[float]:
        app = web.Application()
        app.router.add_post("/api/push", echo)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        sock = bind("127.0.0.1", 0)
        await web.SockSite(runner, sock, ssl_context=tls.server_context(setup.cert, setup.key)
                           ).start()
        url = f"https://127.0.0.1:{sock.getsockname()[1]}/api/push"
        try:
            latencies, _, _ = await _load(url, setup.fingerprint, setup, seconds, rate,
                                          dict(setup.sent))
        finally:
            await runner.cleanup()
        return latencies

    return p95(asyncio.run(main()))


def sync_load(quick: bool) -> Figure:
    """Pairs of (the hub under load, the echo under the same load), ``seconds`` each."""
    booths, seconds, rate = (20, 1.5, 10.0) if quick else (60, 6.0, 10.0)
    ours, echo, errors, sent = [], [], [], 0
    with tempfile.TemporaryDirectory() as tmp:
        setup = _Setup(Path(tmp), booths)
        server = HubServer(setup.path, port=0)
        server.start()
        try:
            for index in range(PAIRS):
                if index % 2:
                    echo.append(_echo_p95(setup, seconds, rate))
                latencies, failed, pushed = asyncio.run(
                    _load(server.url + "/api/push", server.fingerprint, setup, seconds, rate))
                ours.append(p95(latencies))
                errors += failed
                sent += pushed
                if not index % 2:
                    echo.append(_echo_p95(setup, seconds, rate))
        finally:
            server.stop()
        held = _count(setup.path, "SELECT COUNT(*) FROM ops WHERE kind = 'visit.record' "
                                  "AND device_id IN (SELECT id FROM devices)")
    note = (f"{booths} booths × {rate:.0f} ops/s, {PAIRS} pairs of {seconds:.1f} s; {sent} sent, "
            f"{held} held, {len(errors)} errors" + (f" (first: {errors[0]})" if errors else ""))
    if errors or held != sent:
        ours = [float("inf")] * len(ours)
    return Figure.of("sync_load", "ms p95 push", "ratio <= 5", Pairs(tuple(ours), tuple(echo)),
                     note, digits=2)


def _count(path: Path, sql: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute(sql).fetchone()[0])
    finally:
        conn.close()


def _copy(source: Path, target: Path) -> None:
    """A consistent copy of an event file (SQLite's online backup, WAL included)."""
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


def write_floor(before: Path, after: Path, batch: int) -> float:
    """ops/s of SQLite alone writing what the hub wrote, in the hub's own tables.

    The ops (with their hub numbers) and check-ins that ``after`` (the hub's
    file after the run) gained are written again into ``before`` (a copy taken
    before the run) in transactions of ``batch``, as the hub's batch ingest
    writes them, with no Python between the statements: the most the hub
    could approach with any transport and any amount of Python work.
    """
    with sqlite3.connect(after) as done, sqlite3.connect(before) as fresh:
        known = {r[0] for r in fresh.execute("SELECT op_id FROM ops")}
        ops = [r for r in done.execute(
            "SELECT op_id, device_id, seq, kind, at, hlc, body, hub_seq FROM ops "
            "ORDER BY hub_seq") if r[0] not in known]
        have = {r[0] for r in fresh.execute("SELECT id FROM checkins")}
        checkins = [r for r in done.execute(
            "SELECT id, candidate_id, day, at, desk, device_id FROM checkins")
            if r[0] not in have]
    conn = sqlite3.connect(before, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    start = time.perf_counter()
    for n in range(0, len(ops), batch):
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany("INSERT INTO ops (op_id, device_id, seq, kind, at, hlc, body, "
                         "hub_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", ops[n:n + batch])
        conn.executemany("INSERT INTO checkins (id, candidate_id, day, at, desk, device_id) "
                         "VALUES (?, ?, ?, ?, ?, ?)", checkins[n:n + batch])
        conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return len(ops) / elapsed


def _checkins(device_id: str, candidates: list[str], count: int) -> list[Op]:
    clock = HybridClock(device_id)
    return [Op(new_id(), device_id, n + 1, "checkin.add", datetime.now(UTC), clock.tick(),
               {"id": new_id(), "candidate_id": candidates[n % len(candidates)],
                "day": "2026-08-20", "at": "2026-08-20T13:30:00.000+00:00", "desk": 1})
            for n in range(count)]


def _ingest(setup: _Setup, folder: Path, count: int, batch: int) -> tuple[float, float]:
    """One pair: a fresh hub ingests ``count`` pushed ops; then SQLite alone writes them."""
    hub, before = folder / "hub.fairdesk", folder / "before.fairdesk"
    _copy(setup.path, hub)
    _copy(setup.path, before)
    device_id, token = setup.desk
    ops = _checkins(device_id, setup.candidates, count)
    server = HubServer(hub, port=0)
    server.start()
    try:
        with HubClient(server.url, server.fingerprint, token, 120) as client:
            start = time.perf_counter()
            for n in range(0, count, batch):
                client.push(ops[n:n + batch])
            ours = count / (time.perf_counter() - start)
    finally:
        server.stop()
    return ours, write_floor(before, hub, batch)


def sync(quick: bool) -> Figure:
    count, batch = (2_000, 500) if quick else (10_000, 1000)
    ours, floor = [], []
    with tempfile.TemporaryDirectory() as tmp:
        setup = _Setup(Path(tmp), 0)
        for index in range(PAIRS):
            pair = Path(tmp) / f"pair-{index}"
            pair.mkdir()
            rate, bare = _ingest(setup, pair, count, batch)
            ours.append(rate)
            floor.append(bare)
    return Figure.of("sync", "ops/s ingested", "ratio >= 0.7", Pairs(tuple(ours), tuple(floor)),
                     f"{count:,} check-in ops a pair in pushes of {batch} over HTTPS; baseline "
                     "(write floor): SQLite alone writing the same ops and check-ins into the "
                     "hub's own tables, same batches", digits=0)


FIGURES = {"sync_load": sync_load, "sync": sync}
