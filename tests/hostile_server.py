"""A local web server (threads in the test process) that answers each path the way a broken or hostile server would."""

from __future__ import annotations

import gzip
import socketserver
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

STOP = threading.Event()
QUOTE = "Meta is moving away from open models."
PAGE = f"<!doctype html><html><head><title>A page</title></head><body><article><p>{QUOTE}</p></article></body></html>"


def _send(sock, data: bytes) -> None:
    try:
        sock.sendall(data)
    except OSError:
        pass  # the client stopped listening, as it should


def _drip(sock, data: bytes, pause: float) -> None:
    for byte in data:
        if STOP.wait(pause):
            return
        _send(sock, bytes([byte]))


def _page(body: bytes, kind: str = "text/html; charset=utf-8", extra: str = "") -> bytes:
    return f"HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\nContent-Length: {len(body)}\r\n{extra}Connection: close\r\n\r\n".encode() + body


def _redirect(location: str) -> bytes:
    return f"HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".encode()


_BOMB = gzip.compress(b"\0" * 20_000_000, compresslevel=9)
_GZIPPED = gzip.compress(PAGE.encode())

# path -> what the server does with the connection
ANSWERS: dict[str, Callable[[object], None]] = {
    "/fine": lambda sock: _send(sock, _page(PAGE.encode())),
    "/bad-status": lambda sock: _send(sock, b"HELLO WORLD\r\n\r\n"),
    "/many-headers": lambda sock: _send(sock, b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-%d: y\r\n" % n for n in range(150)) + b"Content-Length: 2\r\n\r\nok"),
    "/huge-header": lambda sock: _send(sock, b"HTTP/1.1 200 OK\r\nX-Big: " + b"a" * 70_000 + b"\r\nContent-Length: 2\r\n\r\nok"),
    "/cut-chunk": lambda sock: _send(sock, b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n400\r\n<p>only a part"),
    "/drip-headers": lambda sock: _drip(sock, b"HTTP/1.1 200 OK\r\n" + b"X-Slow: " + b"a" * 400 + b"\r\n\r\n", 0.05),
    "/drip-body": lambda sock: (_send(sock, b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 400\r\n\r\n"), _drip(sock, b"a" * 400, 0.05)),
    "/never": lambda sock: STOP.wait(30),
    "/big": lambda sock: _send(sock, _page(b"<html><body><p>" + b"word " * 1_300_000 + b"</p></body></html>")),
    "/anchors": lambda sock: _send(sock, _page(b"<html><body>" + b"<a " * 33_000 + b"</body></html>")),
    "/loop": lambda sock: _send(sock, _redirect("/loop")),
    "/to-file": lambda sock: _send(sock, _redirect("file:///etc/passwd")),
    "/to-javascript": lambda sock: _send(sock, _redirect("javascript:alert(1)")),
    "/to-private": lambda sock: _send(sock, _redirect("/to-private-2")),
    "/to-private-2": lambda sock: _send(sock, _redirect("http://169.254.169.254/latest/meta-data/")),
    "/escape": lambda sock: _send(sock, b"HTTP/1.1 404 \x1b[2J\x1b[32mquote found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
    "/gzip-bomb": lambda sock: _send(sock, _page(_BOMB, extra="Content-Encoding: gzip\r\n")),
    "/gzipped": lambda sock: _send(sock, _page(_GZIPPED, extra="Content-Encoding: gzip\r\n")),
    "/image": lambda sock: _send(sock, _page(b"\x89PNG\r\n\x1a\n", kind="image/png")),
    "/hidden": lambda sock: _send(sock, _page(f'<html><body><p>Other text.</p><div hidden>{QUOTE}</div><p style="display: none">{QUOTE}</p></body></html>'.encode())),
    "/noscript": lambda sock: _send(sock, _page(f"<html><body><p>Other text.</p><noscript><p>{QUOTE}</p></noscript></body></html>".encode())),
    "/no-head-end": lambda sock: _send(sock, _page(f"<html><head><title>t</title><meta charset=utf-8><p>{QUOTE}</p>".encode())),
    "/windows-1256": lambda sock: _send(sock, _page("<html><body><p>قالت الشركة إن ميتا تتخلى عن النماذج المفتوحة في 2026</p></body></html>".encode("cp1256"), kind="text/html; charset=windows-1256")),
}
READABLE = ("/fine", "/gzipped", "/hidden", "/noscript", "/no-head-end", "/windows-1256")
HOSTILE = [path for path in ANSWERS if path not in (*READABLE, "/to-private-2")]


class _Handler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        self.request.settimeout(5)
        received = b""
        try:
            while b"\r\n\r\n" not in received and len(received) < 65536:
                piece = self.request.recv(4096)
                if not piece:
                    return
                received += piece
        except OSError:
            return
        parts = received.split(b" ", 2)
        path = parts[1].decode("latin-1").split("?", 1)[0] if len(parts) > 1 else "/"
        ANSWERS.get(path, lambda sock: _send(sock, b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"))(self.request)


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


@contextmanager
def hostile_server() -> Iterator[str]:
    STOP.clear()
    server = _Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        STOP.set()
        server.shutdown()
        server.server_close()
        time.sleep(0)
