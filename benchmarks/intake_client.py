"""The intake benchmark's HTTP clients: the load generator shares the two cores with the servers,
so its own CPU per request is part of what limits the measured rate (benchmarks/intake.py prints
both). Every request is the same full HTTP/1.1 request either way; the servers do the same work.

- `Plain` (INTAKE_CLIENT=plain, the default): HTTP/1.1 over asyncio streams, one connection per
  request (`Connection: close`), the body read to the end of the connection. About a fifth of
  httpx's CPU per request, measured in the same run.
- `Httpx` (INTAKE_CLIENT=httpx): httpx.AsyncClient, a connection per request unless
  INTAKE_KEEPALIVE=1, as the benchmark ran before.
"""

from __future__ import annotations

import asyncio
import json
from urllib.parse import urlsplit


class Plain:
    def __init__(self, url: str, headers: dict[str, str], timeout: float = 30):
        parts = urlsplit(url)
        self.host, self.port, self.timeout = parts.hostname, parts.port or 80, timeout
        fixed = {"Host": parts.netloc, "Connection": "close", "Accept": "application/json", **headers}
        self.head = "".join(f"{name}: {value}\r\n" for name, value in fixed.items())

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        return False

    async def send(self, method: str, path: str, body=None) -> tuple[int, bytes]:
        return await asyncio.wait_for(self._send(method, path, body), self.timeout)

    async def _send(self, method: str, path: str, body) -> tuple[int, bytes]:
        payload = b"" if body is None else json.dumps(body).encode()
        extra = f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n" if body is not None else ""
        reader, writer = await asyncio.open_connection(self.host, self.port)
        try:
            writer.write(f"{method} {path} HTTP/1.1\r\n{self.head}{extra}\r\n".encode() + payload)
            raw = await reader.read()  # the server closes the connection after the response
        finally:
            writer.close()
        head, _, content = raw.partition(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        status = int(lines[0].split(b" ", 2)[1])
        if any(line.lower() == b"transfer-encoding: chunked" for line in lines[1:]):
            content = dechunk(content)
        return status, content


def dechunk(content: bytes) -> bytes:
    body, rest = [], content
    while rest:
        size_line, _, rest = rest.partition(b"\r\n")
        size = int(size_line.split(b";", 1)[0], 16)
        if size == 0:
            break
        body.append(rest[:size])
        rest = rest[size + 2 :]
    return b"".join(body)


class Httpx:
    def __init__(self, url: str, headers: dict[str, str], keepalive: int = 0, timeout: float = 30):
        import httpx

        limits = httpx.Limits(max_connections=1, max_keepalive_connections=keepalive)
        self.client = httpx.AsyncClient(base_url=url, headers=headers, limits=limits, timeout=timeout)

    async def __aenter__(self):
        await self.client.__aenter__()
        return self

    async def __aexit__(self, *exc):
        return await self.client.__aexit__(*exc)

    async def send(self, method: str, path: str, body=None) -> tuple[int, bytes]:
        response = await self.client.request(method, path, json=body)
        return response.status_code, response.content
