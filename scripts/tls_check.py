#!/usr/bin/env python3
"""TLS at nginx in front of an instance, with the server blocks of docs/OPERATIONS.md §3 (called by
scripts/check, 5f).

    tls_check.py BIN WORKDIR PORT

Makes a throw-away certificate authority and a certificate for `localhost` and 127.0.0.1 with
`openssl`, starts `phuongso serve --demo` (SQLite) on PORT+1 with PHUONGSO_PUBLIC_URL
https://localhost:PORT and PHUONGSO_TRUSTED_PROXIES 127.0.0.1, and nginx (Debian's) with the
documented server blocks: TLS and HTTP/2 on PORT, the plain-HTTP redirect on PORT+2. Then, with
`curl` trusting only that authority:

1. nginx accepts the configuration (`nginx -t`) and answers /healthz over TLS with HTTP/2, the
   certificate checked against the authority and the name;
2. plain HTTP is sent to the same address in HTTPS (301) and nothing is served over it;
3. every answer over TLS carries Strict-Transport-Security; /metrics is refused to everyone but the
   monitoring network (403);
4. the login page's session cookie is Secure and HttpOnly; the clerk logs in through the form over
   TLS and her workspace opens with that cookie; the login's audit entry names the client's
   address that nginx passed on, not nginx's.

Prints `ok   ...` and `FAIL ...` lines; exit status 0 when everything held. Every process it starts
is stopped on the way out, also on failure.
"""
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reliability_check as rc  # noqa: E402  (the server and the API helpers)
from cluster_check import PROXY_LOCATION, Check, Nginx  # noqa: E402


def servers(port, redirect_port, cert, key):
    """The server blocks of docs/OPERATIONS.md §3, on loopback ports instead of 443 and 80."""
    return f"""    server {{
        listen 127.0.0.1:{port} ssl http2;
        server_name localhost;
        ssl_certificate     {cert};
        ssl_certificate_key {key};
        client_max_body_size 25m;
        add_header Strict-Transport-Security "max-age=31536000" always;

        location /metrics {{ allow 10.0.0.0/24; deny all; proxy_pass http://phuongso; }}
{PROXY_LOCATION}
    }}
    server {{ listen 127.0.0.1:{redirect_port}; return 301 https://$host:{port}$request_uri; }}"""


class TLSNginx(Nginx):
    def __init__(self, work, port, upstream_ports, servers_text, ca):
        super().__init__(work, port, upstream_ports, servers_text)
        self.ca = ca

    def answers(self):
        return curl(self.ca, f"https://localhost:{self.port}/healthz")[0] == 200


def openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


def certificates(work):
    """A certificate authority of this check's own, and a certificate it signed for the site."""
    folder = os.path.join(work, "tls")
    os.makedirs(folder, exist_ok=True)
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
            "-subj", "/CN=PhuongSo check authority", cwd=folder)
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "privkey.pem", "-out", "site.csr", "-subj", "/CN=localhost",
            cwd=folder)
    with open(os.path.join(folder, "san.cnf"), "w") as f:
        f.write("subjectAltName = DNS:localhost, IP:127.0.0.1\n")
    openssl("x509", "-req", "-in", "site.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2",
            "-extfile", "san.cnf", "-out", "fullchain.pem", cwd=folder)
    return [os.path.join(folder, name) for name in ("ca.pem", "fullchain.pem", "privkey.pem")]


def curl(ca, url, *extra):
    """(status, headers in lower case, body, HTTP version) of one request from 127.0.0.2 (a client
    that is not the proxy), `localhost` being 127.0.0.1; `ca`: the only authority trusted (None:
    the system's). Status 0 when curl failed (a certificate it does not trust, no answer)."""
    port = url.split("://", 1)[1].split("/", 1)[0].split(":")[1]
    trust = ["--cacert", ca] if ca else []
    out = subprocess.run(["curl", "-sS", "--max-time", "10", *trust, "--interface", "127.0.0.2",
                          "--resolve", f"localhost:{port}:127.0.0.1", "-D", "-", "-w", "\n%{http_version}", *extra, url],
                         capture_output=True, timeout=30)
    if out.returncode != 0:
        return 0, {}, f"curl exit {out.returncode}: {out.stderr.decode(errors='replace').strip()[:200]}", ""
    # bytes, not text: Python's universal newlines would turn the headers' CR LF into LF
    text, _, version = out.stdout.decode().rpartition("\n")
    head, _, body = text.partition("\r\n\r\n")
    lines = head.split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers.setdefault(name.strip().lower(), []).append(value.strip())
    return status, headers, body, version


def run(check, bin_path, work, port):
    ca, cert, key = certificates(work)
    data = os.path.join(work, "data")
    os.makedirs(data, exist_ok=True)
    env = rc.environment(data, None)
    env.update(PHUONGSO_PUBLIC_URL=f"https://localhost:{port}", PHUONGSO_TRUSTED_PROXIES="127.0.0.1")
    server = rc.Server(bin_path, data, port + 1, env)
    nginx = TLSNginx(work, port, [port + 1], servers(port, port + 2, cert, key), ca)
    site = f"https://localhost:{port}"
    try:
        server.start(demo=True)
        tested = subprocess.run(nginx.command("-t"), capture_output=True, text=True)
        check(tested.returncode == 0, "nginx accepts the documented TLS server blocks (nginx -t)", tested.stderr.strip())
        nginx.start()

        status, headers, body, version = curl(ca, site + "/healthz", "--http2")
        check(status == 200 and version == "2", f"/healthz over TLS with HTTP/{version}, the certificate checked against the authority",
              f"{status} {body[:200]}")
        status, _, error, _ = curl(None, site + "/healthz")
        # curl's 60: the peer's certificate could not be verified against the authorities trusted
        check(status == 0 and error.startswith("curl exit 60:"), "a client that does not trust the authority stops", error)
        hsts = [headers.get("strict-transport-security")]

        status, headers, _, _ = curl(ca, f"http://localhost:{port + 2}/track?code=X")
        check(status == 301 and headers.get("location") == [f"{site}/track?code=X"],
              "plain HTTP is sent to the same address in HTTPS (301)", f"{status} {headers.get('location')}")
        status, headers, _, _ = curl(ca, f"{site}/metrics")
        check(status == 403, "/metrics is refused through nginx to everyone outside the monitoring network", str(status))
        hsts.append(headers.get("strict-transport-security"))

        jar = os.path.join(work, "cookies.txt")
        status, headers, page, _ = curl(ca, site + "/login", "-c", jar)
        cookie = next((c for c in headers.get("set-cookie", []) if c.startswith("phuongso-session=")), "")
        parts = [p.strip() for p in cookie.split(";")]
        hsts.append(headers.get("strict-transport-security"))
        check(status == 200 and "Secure" in parts and "HttpOnly" in parts,
              "the login page's session cookie is Secure and HttpOnly", cookie)
        token = re.search(r'name="_csrf" value="([^"]+)"', page)
        status, headers, _, _ = curl(ca, site + "/login", "-b", jar, "-c", jar, "-H", "X-Forwarded-For: 203.0.113.7",
                                     "--data-urlencode", f"_csrf={token.group(1) if token else ''}",
                                     "--data-urlencode", "username=motcua", "--data-urlencode", f"password={rc.PASSWORD}")
        landing = (headers.get("location") or [""])[0]
        check(status == 303 and landing.startswith("/"), f"the clerk logs in through the form over TLS (303 to {landing})",
              f"{status} {headers}")
        status, headers, page, _ = curl(ca, site + landing, "-b", jar)
        check(status == 200 and "Đăng xuất" in page, "her workspace opens over TLS with the Secure cookie", f"{status} {page[:300]}")
        hsts.append(headers.get("strict-transport-security"))
        check(hsts == [["max-age=31536000"]] * len(hsts),
              f"every answer over TLS carries Strict-Transport-Security ({len(hsts)} looked at: 200, 403, 200, 200)", str(hsts))
    finally:
        nginx.stop()
        server.stop()
    # The client claimed 203.0.113.7 in its own X-Forwarded-For; nginx appended the address it saw
    # (127.0.0.2). The server believes the header from its trusted proxy only, up to the first
    # address that is not one: the client's as nginx saw it.
    db = sqlite3.connect(f"file:{os.path.join(data, 'phuongso.sqlite')}?mode=ro", uri=True)
    try:
        seen = db.execute("SELECT address FROM login_attempts WHERE username = 'motcua' AND succeeded").fetchall()
    finally:
        db.close()
    check(seen == [("127.0.0.2",)], "the login is recorded with the client's address as nginx saw it, not the one it claimed",
          str(seen))


def main():
    if len(sys.argv) < 4:
        raise SystemExit(__doc__)
    bin_path, work, port = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]), int(sys.argv[3])
    os.makedirs(work, exist_ok=True)
    check = Check()
    started = time.time()
    # stopped by scripts/check (a time limit): nginx and the server are stopped on the way out
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped (SIGTERM)"))
    try:
        run(check, bin_path, work, port)
    except (Exception, SystemExit) as error:
        detail = error.stderr.decode(errors="replace") if isinstance(error, subprocess.CalledProcessError) else ""
        check(False, "the TLS check ran to its end", f"{error!r} {detail}")
    print(f"TLS check took {time.time() - started:.1f} s")
    sys.exit(1 if check.failed else 0)


if __name__ == "__main__":
    main()
