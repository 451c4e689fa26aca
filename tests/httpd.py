#!/usr/bin/env python3
"""The http(s) server of the fetch tests (tests/test_fetch.c).

Listens on 127.0.0.1, on ports the system picks, and prints them on one
line, "HTTP-PORT HTTPS-PORT", once both listen.  Exits when its standard
input reaches end of file (the test that started it ended, however it
ended) or on SIGTERM.  The https port uses a self-signed certificate, so
a client that verifies must refuse it.

Routes (the edition is src/sample.xml, found beside this file):
  /ok            the edition, with ETag and Last-Modified; 304 when the
                 request's If-None-Match or If-Modified-Since matches
  /latin1        a short body with Content-Type: text/xml; charset="ISO-8859-1"
  /gzip, /deflate the edition compressed (406 unless Accept-Encoding asks)
  /redirect      302 to /ok;  /redirect/N: N redirects, then /ok
  /loop          302 to itself, for ever
  /to-file       302 to a file: URL
  /slow          the edition in 8 pieces, 0.15 s apart
  /truncated     Content-Length of the edition, half of it, then closes
  /big?n=N       N bytes, with Content-Length
  /chunked?n=N   N bytes, chunked (no Content-Length)
  /bomb?n=N      N zero bytes gzipped (a few hundred bytes on the wire)
  /404, /500     the error (/500 with no body)
  /headers       the request's headers as the body
  /var/NAME      behaves as told by /mode/NAME/HOW: ok (the default), new
                 (another body and ETag), truncated, 404, 500 or close (the
                 connection closed without an answer)
  /stats/ROUTE   "200=N 304=N conditional=N proxied=N" for /ROUTE
  /fixture/PATH  tests/fixtures/PATH (no "..") as Content-Type TYPE from
                 ?type=TYPE (default application/xml), with "; charset=C"
                 when ?charset=C
  /stand         a feed of editions whose enclosures are relative: "ok"
                 and "404"
A request in absolute form (GET http://host/ok, as to a proxy) is served
as its path and counted as proxied.
"""
import gzip
import os
import signal
import socket
import ssl
import sys
import tempfile
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "..", "src", "sample.xml"), "rb") as f:
    EDITION = f.read()
ETAG = '"folio-sample-1"'
LAST_MODIFIED = "Sat, 28 Nov 2026 14:02:00 GMT"
NEW_BODY = b"<edition>changed</edition>\n"
STAND = b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Test newsstand</title>
<item><title>The sample</title><pubDate>Sat, 01 Mar 2025 05:00:00 GMT</pubDate>
<enclosure url="ok" type="application/vnd.folio.edition+xml" length="1"/></item>
<item><title>Gone</title><pubDate>Fri, 28 Feb 2025 05:00:00 GMT</pubDate>
<enclosure url="404" type="application/xml" length="1"/></item>
</channel></rss>
"""
NEW_ETAG = '"folio-new-2"'

# A self-signed certificate for 127.0.0.1 (P-256, valid until 2126).
KEY = """-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg+CeKZEwXPcYYhYeF
vTOCSLkJ5RPHYidT9CSS6WJOXG2hRANCAAToX1Gkg6R7pejnA3UwuNOIQ4oQeWgH
DBU/hPbAcG0C4FKgLJAYE1Fs/it6f/QVjdAhXEm2MhJ0t7NPn2etNe34
-----END PRIVATE KEY-----
"""
CERT = """-----BEGIN CERTIFICATE-----
MIIBkTCCATagAwIBAgIUAMY278tEaUkSwbQSeBfTkGRLJ7UwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTEyOTAyMjYyMFoYDzIxMjYxMTA1
MDIyNjIwWjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAAToX1Gkg6R7pejnA3UwuNOIQ4oQeWgHDBU/hPbAcG0C4FKgLJAYE1Fs
/it6f/QVjdAhXEm2MhJ0t7NPn2etNe34o2QwYjAdBgNVHQ4EFgQUmGg2V4EREoJy
AhZ4Czw5cRiY+P4wHwYDVR0jBBgwFoAUmGg2V4EREoJyAhZ4Czw5cRiY+P4wDwYD
VR0TAQH/BAUwAwEB/zAPBgNVHREECDAGhwR/AAABMAoGCCqGSM49BAMCA0kAMEYC
IQCQK8dP71gfCoyfBaeSRhXDRZ3tgwnK0jVFi96Z1X/nqwIhAPavtfkhMhR8RFCG
JOcXSIgZj0BqYhG7udCC3StrimbD
-----END CERTIFICATE-----
"""

lock = threading.Lock()
stats = {}      # route -> {"200": n, "304": n, "conditional": n, "proxied": n}
modes = {}      # NAME -> how /var/NAME behaves


def count(route, what):
    with lock:
        s = stats.setdefault(route, {})
        s[what] = s.get(what, 0) + 1


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        if os.environ.get("FOLIO_HTTPD_LOG"):
            sys.stderr.write("httpd: " + (fmt % args) + "\n")

    def send(self, code, body=b"", headers=(), ctype="application/xml"):
        self.send_response(code)
        if body or code >= 200 and code != 304:
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        if body:
            self.wfile.write(body)
        if code >= 200:
            count(self.route, str(code))

    def redirect(self, where):
        self.send_response(302)
        self.send_header("Location", where)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def edition(self, body=EDITION, etag=ETAG):
        validators = [("ETag", etag), ("Last-Modified", LAST_MODIFIED)]
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        if inm or ims:
            count(self.route, "conditional")
        if inm == etag or (inm is None and ims == LAST_MODIFIED):
            self.send(304, headers=validators)
        else:
            self.send(200, body, validators,
                      "application/xml; charset=UTF-8")

    def cut_short(self, body):
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body[: len(body) // 2])
        self.wfile.flush()
        self.close_connection = True

    def encoded(self, coding, data):
        if coding not in self.headers.get("Accept-Encoding", ""):
            self.send(406, b"not acceptable\n", ctype="text/plain")
            return
        self.send(200, data, [("Content-Encoding", coding)])

    def do_GET(self):
        path = self.path
        proxied = path.startswith("http://")
        if proxied:
            rest = path.split("/", 3)
            path = "/" + (rest[3] if len(rest) > 3 else "")
        route, _, query = path.partition("?")
        params = dict(p.partition("=")[::2] for p in query.split("&") if p)
        self.route = route
        if proxied:
            count(route, "proxied")
        n = int(params.get("n", "0"))

        if route == "/ok":
            self.edition()
        elif route.startswith("/fixture/") and ".." not in route:
            try:
                with open(os.path.join(HERE, "fixtures", route[9:]), "rb") as f:
                    body = f.read()
            except OSError:
                self.send(404, b"no such fixture\n", ctype="text/plain")
                return
            ctype = params.get("type", "application/xml")
            if "charset" in params:
                ctype += "; charset=" + params["charset"]
            self.send(200, body, ctype=ctype)
        elif route == "/stand":
            self.send(200, STAND, ctype="application/rss+xml")
        elif route == "/latin1":
            self.send(200, b"<edition/>\n",
                      ctype='text/xml; charset="ISO-8859-1"')
        elif route == "/gzip":
            self.encoded("gzip", gzip.compress(EDITION))
        elif route == "/deflate":
            self.encoded("deflate", zlib.compress(EDITION))
        elif route == "/redirect":
            self.redirect("/ok")
        elif route.startswith("/redirect/"):
            left = int(route.split("/")[2])
            self.redirect("/redirect/%d" % (left - 1) if left > 1 else "/ok")
        elif route == "/loop":
            self.redirect("/loop")
        elif route == "/to-file":
            self.redirect("file:///etc/passwd")
        elif route == "/slow":
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(EDITION)))
            self.end_headers()
            step = (len(EDITION) + 7) // 8
            for i in range(0, len(EDITION), step):
                self.wfile.write(EDITION[i:i + step])
                self.wfile.flush()
                time.sleep(0.15)
            count(route, "200")
        elif route == "/truncated":
            self.cut_short(EDITION)
        elif route == "/big":
            self.send(200, b"x" * n)
        elif route == "/chunked":
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            left = n
            while left:
                k = min(left, 4096)
                self.wfile.write(b"%x\r\n" % k + b"x" * k + b"\r\n")
                left -= k
            self.wfile.write(b"0\r\n\r\n")
        elif route == "/bomb":
            self.send(200, gzip.compress(b"\0" * n),
                      [("Content-Encoding", "gzip")])
        elif route == "/404":
            self.send(404, b"<html>not here</html>\n", ctype="text/html")
        elif route == "/500":
            self.send(500)
        elif route == "/headers":
            self.send(200, bytes(self.headers), ctype="text/plain")
        elif route.startswith("/mode/"):
            _, _, name, how = route.split("/", 3)
            with lock:
                modes[name] = how
            self.send(200, b"ok\n", ctype="text/plain")
        elif route.startswith("/var/"):
            with lock:
                how = modes.get(route[5:], "ok")
            if how == "ok":
                self.edition()
            elif how == "new":
                self.edition(NEW_BODY, NEW_ETAG)
            elif how == "truncated":
                self.cut_short(NEW_BODY * 100)
            elif how == "404":
                self.send(404, b"gone\n", ctype="text/plain")
            elif how == "500":
                self.send(500)
            else:   # close
                self.close_connection = True
        elif route.startswith("/stats/"):
            with lock:
                s = dict(stats.get(route[6:], {}))
            body = " ".join("%s=%d" % (k, s.get(k, 0)) for k in
                            ("200", "304", "conditional", "proxied"))
            self.send(200, (body + "\n").encode(), ctype="text/plain")
        else:
            self.send(404, b"no such route\n", ctype="text/plain")


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        # a client that hung up early (a cap, a cancel) is expected
        if os.environ.get("FOLIO_HTTPD_LOG"):
            super().handle_error(request, client_address)


def tls_server():
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    with tempfile.TemporaryDirectory() as d:
        key, cert = os.path.join(d, "key.pem"), os.path.join(d, "cert.pem")
        with open(key, "w") as f:
            f.write(KEY)
        with open(cert, "w") as f:
            f.write(CERT)
        ctx.load_cert_chain(cert, key)
    srv = Server(("127.0.0.1", 0), Handler)
    srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    return srv


def main():
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    plain = Server(("127.0.0.1", 0), Handler)
    tls = tls_server()
    for srv in (plain, tls):
        threading.Thread(target=srv.serve_forever, daemon=True).start()
    print(plain.server_address[1], tls.server_address[1], flush=True)
    try:
        while sys.stdin.buffer.read(4096):
            pass
    except (OSError, KeyboardInterrupt):
        pass
    os._exit(0)


if __name__ == "__main__":
    main()
