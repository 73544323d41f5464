"""One guarded GET of a page nobody here controls: httpx, with every limit a hostile server could test.

- Time: a connect and a read timeout per step, and a deadline for the whole
  fetch (redirects included) that every socket operation is held to, so a
  server dripping its headers or body one byte at a time cannot hold the run.
- Where: http(s) only, no user name or password in the address, a real port;
  each hop of a redirect is checked again, at most MAX_REDIRECTS of them; the
  host is resolved by us and every address it resolves to must be public
  (no loopback, private, link-local or reserved address; loopback only when
  allowed, for a test server on this machine), and
  the connection goes to the address that was checked (no second lookup).
- Size: the body is read as a stream, at most MAX_BYTES on the wire and
  MAX_BYTES once decoded (a gzip bomb stops at the cap).
- Failures: every one becomes `Refused`, with a sentence a maintainer can read.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import time
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from generator import __version__

USER_AGENT = f"timeline-generator-links/{__version__} (checks the sources cited by a news timeline; one request at a time per site)"
MAX_BYTES = 5_000_000  # a news article is far smaller; a larger answer is not read to the end
MAX_REDIRECTS = 5
CHUNK = 64 * 1024


@dataclass(frozen=True)
class Limits:
    timeout: float = 20.0  # seconds for the whole fetch, redirects included
    connect_timeout: float = 10.0
    read_timeout: float = 10.0  # between two pieces of the answer
    allow_local: bool = False  # this machine's own addresses (a test server) may be fetched; private networks never


@dataclass(frozen=True)
class Answer:
    status: int
    reason: str
    url: str  # where the answer came from, after redirects
    content_type: str
    charset: str | None
    body: bytes
    truncated: bool  # the page was larger than MAX_BYTES


class Refused(Exception):
    """The page could not be fetched; the message says why in plain words."""


# -- where a request may go ----------------------------------------------------------


def check_address(url: str) -> None:
    """Refuse what is not a plain public http(s) address (the host's addresses are checked when connecting)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise Refused("the address is not valid (its port or host cannot be read)") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise Refused(f"the address is not http(s) ({parts.scheme or 'no scheme'}:)")
    if not parts.hostname:
        raise Refused("the address has no host name")
    if parts.username is not None or parts.password is not None:
        raise Refused("the address carries a user name or password, which is never sent")
    if port is not None and not 0 < port < 65536:
        raise Refused("the address's port is not valid")


def _allowed(address: str, allow_local: bool) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return (ip.is_global and not ip.is_multicast) or (allow_local and ip.is_loopback)


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write ends by the fetch's deadline."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: float) -> None:
        self.inner = inner
        self.deadline = deadline

    def _left(self, timeout: float | None, error: type[Exception]) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise error("the fetch ran out of time")
        return left if timeout is None else min(timeout, left)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.inner.read(max_bytes, self._left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.inner.write(buffer, self._left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self.inner.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None) -> httpcore.NetworkStream:
        upgraded = self.inner.start_tls(ssl_context, server_hostname, self._left(timeout, httpcore.ConnectTimeout))
        return _DeadlineStream(upgraded, self.deadline)

    def get_extra_info(self, info: str) -> object:
        return self.inner.get_extra_info(info)


class _GuardedBackend(httpcore.NetworkBackend):
    """Resolves the host itself, refuses non-public addresses, connects to the address checked, under the deadline."""

    def __init__(self, deadline: float, allow_local: bool) -> None:
        self.deadline = deadline
        self.allow_local = allow_local
        self.plain = httpcore.SyncBackend()

    def connect_tcp(
        self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError):
            raise Refused("the site's name could not be found (a typo in the address, or the site is gone)") from None
        addresses = list(dict.fromkeys(str(info[4][0]) for info in found))
        if not all(_allowed(address, self.allow_local) for address in addresses):
            raise Refused(f"the address leads to a private or local network ({host}), which is never fetched")
        for address in addresses:  # each address in turn, as a browser does (localhost: ::1, then 127.0.0.1)
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise httpcore.ConnectTimeout("the fetch ran out of time")
            try:
                stream = self.plain.connect_tcp(address, port, min(timeout or left, left), local_address, socket_options)
            except httpcore.ConnectError:
                if address == addresses[-1]:
                    raise
                continue
            return _DeadlineStream(stream, self.deadline)
        raise Refused("the site's name could not be found (a typo in the address, or the site is gone)")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


@cache
def _tls() -> ssl.SSLContext:
    return httpx.create_ssl_context()  # loading the certificates takes a while: once per run


def _client(limits: Limits, deadline: float) -> httpx.Client:
    transport = httpx.HTTPTransport(verify=_tls(), retries=0)
    # httpx takes no network backend; its pool is rebuilt with ours (the same arguments httpx gives it).
    transport._pool = httpcore.ConnectionPool(  # noqa: SLF001
        ssl_context=_tls(), max_connections=1, network_backend=_GuardedBackend(deadline, limits.allow_local),
    )
    timeout = httpx.Timeout(limits.read_timeout, connect=limits.connect_timeout)
    return httpx.Client(transport=transport, timeout=timeout, follow_redirects=False, trust_env=False)


# -- reading the answer ----------------------------------------------------------------


def _decoder(encoding: str) -> zlib._Decompress | None:
    if encoding in ("", "identity"):
        return None
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(zlib.MAX_WBITS | 16)
    if encoding == "deflate":
        return zlib.decompressobj()
    raise Refused(f"the page is sent in an encoding that is not read ({encoding})")


def _read_body(response: httpx.Response) -> tuple[bytes, bool]:
    """The decoded body, at most MAX_BYTES of it on the wire and decoded; True when there was more."""
    encodings = [part.strip().lower() for part in response.headers.get("content-encoding", "").split(",") if part.strip()]
    if len(encodings) > 1:
        raise Refused("the page is encoded several times over, which is not read")
    decoder = _decoder(encodings[0] if encodings else "")
    parts: list[bytes] = []
    size = wire = 0
    try:
        for chunk in response.iter_raw(CHUNK):
            wire += len(chunk)
            if decoder is not None:
                chunk = decoder.decompress(chunk, MAX_BYTES + 1 - size)
            parts.append(chunk)
            size += len(chunk)
            if size > MAX_BYTES or wire > MAX_BYTES or (decoder is not None and decoder.unconsumed_tail):
                return b"".join(parts)[:MAX_BYTES], True
    except zlib.error:
        raise Refused("the page's compressed content is damaged") from None
    return b"".join(parts), False


def _seconds(seconds: float) -> str:
    return f"{seconds:g} second{'' if seconds == 1 else 's'}"


def plain_error(error: BaseException, limits: Limits) -> str:
    if isinstance(error, Refused):
        return str(error)
    if isinstance(error, httpx.TimeoutException):
        return f"no answer within {_seconds(limits.connect_timeout if isinstance(error, httpx.ConnectTimeout) else limits.read_timeout)}"
    if isinstance(error, httpx.ConnectError):
        cause = str(error)
        if "CERTIFICATE_VERIFY_FAILED" in cause or "certificate" in cause.lower():
            return "the site's security certificate is not valid"
        if "refused" in cause.lower():
            return "the server refused the connection"
        if "SSL" in cause or "TLS" in cause:
            return "the secure connection failed"
        return "the server could not be reached"
    if isinstance(error, httpx.RemoteProtocolError):
        return "the server's answer is not valid HTTP (broken or cut off)"
    if isinstance(error, httpx.ReadError | ConnectionError):
        return "the server closed the connection"
    if isinstance(error, httpx.InvalidURL | httpx.UnsupportedProtocol):
        return "the address is not valid"
    return f"the page could not be fetched ({type(error).__name__})"


def get(url: str, limits: Limits, accept: str = "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5") -> Answer:
    """The answer to GET `url` after at most MAX_REDIRECTS checked redirects; `Refused` says why there is none."""
    deadline = time.monotonic() + limits.timeout
    headers = {"User-Agent": USER_AGENT, "Accept": accept, "Accept-Encoding": "gzip, deflate"}
    current = url
    try:
        with _client(limits, deadline) as client:
            for hop in range(MAX_REDIRECTS + 1):
                try:
                    check_address(current)
                except Refused as refused:
                    raise Refused(f"a redirect leads to {current}: {refused}" if hop else str(refused)) from None
                except (httpx.InvalidURL, httpx.UnsupportedProtocol):
                    # The address was checked above: what httpx cannot read is where the server redirects to.
                    raise Refused("a redirect leads to an address that is not a valid http(s) address") from None
                try:
                    with client.stream("GET", current, headers=headers) as response:
                        location = response.headers.get("location")
                        if response.is_redirect and location:
                            current = urljoin(current, location.strip())
                            continue
                        body, truncated = _read_body(response)
                        kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
                        return Answer(response.status_code, response.reason_phrase, current, kind, response.charset_encoding, body, truncated)
                except Refused as refused:
                    raise Refused(f"a redirect leads to {current}: {refused}" if hop else str(refused)) from None
                except (httpx.InvalidURL, httpx.UnsupportedProtocol):
                    # The address was checked above: what httpx cannot read is where the server redirects to.
                    raise Refused("a redirect leads to an address that is not a valid http(s) address") from None
            raise Refused(f"more than {MAX_REDIRECTS} redirects (a redirect loop?)")
    except Refused:
        raise
    except httpx.TimeoutException as error:
        out_of_time = time.monotonic() >= deadline - 0.01
        raise Refused(f"no complete answer within {_seconds(limits.timeout)}" if out_of_time else plain_error(error, limits)) from None
    except (httpx.HTTPError, httpx.InvalidURL, OSError, ValueError, UnicodeError) as error:
        raise Refused(plain_error(error, limits)) from None
